//! The yearly topic call (Art. 4, 11): year, deadline, guidance and the
//! priority areas that proposals tag. Open until its deadline or until the
//! admin closes it; the annual plan is published from it.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{
    add_area, list_calls, open_call, remove_area, set_call_closed, update_call, AddArea, ListCalls,
    OpenCall, RemoveArea, SetCallClosed, UpdateCall,
};
pub use page::{CallPage, CallsPage};

use serde::{Deserialize, Serialize};

use crate::domain::AreaKind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaView {
    pub id: i64,
    pub kind: AreaKind,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub id: i64,
    pub year: i32,
    pub deadline_at: i64,
    pub guidance: String,
    pub closed_at: Option<i64>,
    pub published_at: Option<i64>,
    pub version: i64,
    pub areas: Vec<AreaView>,
    /// Judged by the server's clock when the view was made.
    pub open: bool,
    pub submitted: i64,
    pub selected: i64,
}

impl CallView {
    /// When proposing ended (or ends): the deadline, or an earlier close.
    pub fn closes_at(&self) -> i64 {
        self.closed_at
            .map_or(self.deadline_at, |c| c.min(self.deadline_at))
    }
}

/// Whether a call takes proposals at `now`: before its deadline (to the
/// second: at the deadline minute itself it is closed) and not closed.
pub fn is_open(deadline_at: i64, closed_at: Option<i64>, now: i64) -> bool {
    closed_at.is_none() && now < deadline_at
}

pub const GUIDANCE_MAX: usize = 4000;
pub const AREA_MAX: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_closes_at_its_deadline_second() {
        assert!(is_open(1000, None, 999));
        assert!(!is_open(1000, None, 1000));
        assert!(!is_open(1000, Some(500), 600));
    }
}
