//! Organisations: the provincial department, declaring units and host
//! institutions (each linked to its declaring unit).

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{
    create_org, list_orgs, set_org_active, update_org, CreateOrg, ListOrgs, SetOrgActive, UpdateOrg,
};
pub use page::OrgsPage;

use serde::{Deserialize, Serialize};

use crate::domain::OrgKind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgView {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub active: bool,
    pub version: i64,
}
