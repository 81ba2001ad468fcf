//! The append-only audit trail: who did what, to what, when, from where.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{list_audit, ListAudit};
pub use page::AuditPage;

use serde::{Deserialize, Serialize};

use crate::domain::Role;

pub const PAGE_SIZE: i64 = 50;
/// The last page a request may ask for (half a million records back); a
/// narrower filter reaches anything older.
pub const MAX_PAGE: i64 = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_username: String,
    pub actor_role: Option<Role>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub detail: String,
    pub ip: String,
    /// The actor's display name now, when the actor has an account.
    pub actor_name: Option<String>,
    /// What the target is called now (a topic, a name), when it exists.
    pub target_name: Option<String>,
}

/// The filter form's fields, as typed; parsed on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub from: String,
    pub to: String,
    pub page: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditList {
    pub entries: Vec<AuditEntry>,
    pub page: i64,
    pub has_more: bool,
}
