//! Topic proposals (Art. 4, 5, 11, 17): drafted and submitted by a
//! declaring unit while the call is open, then selected or rejected by the
//! admin. A unit sees only its own.

mod api;
mod decide_api;
pub mod draft;
mod editor;
mod form_page;
pub mod input;
mod list_page;
#[cfg(feature = "ssr")]
pub mod repo;
mod review_page;
#[cfg(feature = "ssr")]
mod steps;
mod summary;

pub use api::{
    list_proposals, proposal_form, save_proposal, submit_proposal, withdraw_proposal,
    ListProposals, ProposalForm, SaveProposal, SubmitProposal, WithdrawProposal,
};
pub use decide_api::{decide_proposals, DecideProposals};
pub use form_page::{NewProposalPage, ProposalPage};
pub use list_page::ProposalsPage;
pub use review_page::ReviewPage;

use serde::{Deserialize, Serialize};

use crate::calls::CallView;
use crate::domain::{NeedKind, ProposalStatus};

/// What the selection list shows beside a unit (R18, R2, experience).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHistory {
    pub unit_commended_last_year: bool,
    pub institution_commended_last_year: bool,
    /// A disqualification in force today: until (date) and reason.
    pub disqualified: Option<(String, String)>,
    pub past_programmes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: i64,
    pub call_id: i64,
    pub year: i32,
    pub unit_id: i64,
    pub unit_name: String,
    /// `None` (and an empty name) in a draft that has not chosen one yet.
    pub institution_id: Option<i64>,
    pub institution_name: String,
    pub title: String,
    pub areas: Vec<(i64, String)>,
    pub need_kind: Option<NeedKind>,
    pub need: String,
    /// Empty in a draft without it yet; likewise the numbers are `None`.
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub trainees: Option<i64>,
    pub class_hours: Option<i64>,
    /// Fen, in `ExpenseCategory::ALL` order.
    pub costs: [i64; 6],
    /// Fen, in `FundingSource::ALL` order.
    pub funds: [i64; 4],
    pub contact_name: String,
    /// Masked for readers who do not need it (inspectors).
    pub contact_phone: String,
    pub status: ProposalStatus,
    pub recommend_national: bool,
    pub decision_reason: String,
    pub submitted_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub version: i64,
    pub history: Option<UnitHistory>,
}

impl ProposalView {
    pub fn total_fen(&self) -> i64 {
        self.costs.iter().sum()
    }
}

/// The review list's filter; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalQuery {
    pub year: String,
    pub unit: String,
    pub area: String,
    pub status: String,
}

/// What the proposal form needs: the call, the unit's host institutions,
/// and the proposal when editing or viewing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDetail {
    pub call: CallView,
    pub institutions: Vec<(i64, String)>,
    pub proposal: Option<ProposalView>,
    /// The unit's disqualification in force, if any (R2), shown up front.
    pub disqualified: Option<(String, String)>,
}
