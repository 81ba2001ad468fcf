//! Sign-in, sessions, the forced password change, and the guard that every
//! server function calls first.

mod api;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod lockout;
mod login_page;
mod password_page;
#[cfg(feature = "ssr")]
pub mod service;
mod signed_in;

pub use api::{
    change_password, current_user, login, logout, ChangePassword, CurrentUserFn, Login, Logout,
};
pub use login_page::LoginPage;
pub use password_page::PasswordPage;
pub use signed_in::{initial_user, user_json, SignedInUser, USER_SCRIPT_ID};

use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// The signed-in account as the browser sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub must_change_password: bool,
}
