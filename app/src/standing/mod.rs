//! A unit's standing: disqualification periods (Art. 21, R2/R17), which
//! stop it proposing, and commendations (Art. 22, R18), shown at the next
//! year's selection.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{commend, disqualify, list_standing, Commend, Disqualify, ListStanding};
pub use page::StandingPage;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisqualificationView {
    pub id: i64,
    pub org_name: String,
    pub from_date: String,
    pub until_date: String,
    pub reason: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommendationView {
    pub id: i64,
    pub org_name: String,
    pub year: i32,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub disqualifications: Vec<DisqualificationView>,
    pub commendations: Vec<CommendationView>,
    /// Declaring units and institutions, for the forms.
    pub orgs: Vec<(i64, String)>,
}

pub const REASON_MAX: usize = 500;
