//! Accounts: one role each, an organisation where the role needs one.

mod api;
#[cfg(feature = "ssr")]
pub mod first_admin;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{
    create_account, list_accounts, reset_password, set_account_active, update_account,
    CreateAccount, ListAccounts, ResetPassword, SetAccountActive, UpdateAccount,
};
pub use page::AccountsPage;

use serde::{Deserialize, Serialize};

use crate::domain::{OrgKind, Role};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub org_kind: Option<OrgKind>,
    pub must_change_password: bool,
    pub active: bool,
    pub last_login_at: Option<i64>,
    pub version: i64,
}
