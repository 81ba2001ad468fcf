//! Messages to one account, shown on its home page: what a public form
//! must not tell whoever typed a number is told to the number's owner.
//! (Stored as codes; the CHECK in the migration lists them.)

mod api;
mod list;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{dismiss_notification, my_notifications, DismissNotification, MyNotifications};
pub use list::Notifications;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    /// Someone applied with the identity number of this account's
    /// enrollment in the same programme.
    ApplyIdTaken,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ApplyIdTaken => "apply_id_taken",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::ApplyIdTaken].into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub programme_id: Option<i64>,
    pub topic: Option<String>,
    pub created_at: i64,
}
