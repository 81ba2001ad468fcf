//! The closed vocabularies of the planning cycle, as stored and as sent.

codes! {
    /// Art. 11: national strategies, regional strategies, frontier fields.
    AreaKind { National = "national", Regional = "regional", Frontier = "frontier" }
}

codes! {
    /// Art. 11: the kind of need a topic answers.
    NeedKind { Summarise = "summarise", Unsolved = "unsolved", Urgent = "urgent" }
}

codes! {
    /// A proposal's life: drafted, submitted, then selected or rejected.
    /// Withdrawing a submitted proposal makes it a draft again.
    ProposalStatus {
        Draft = "draft",
        Submitted = "submitted",
        Selected = "selected",
        Rejected = "rejected",
    }
}

codes! {
    ChangeStatus { Pending = "pending", Approved = "approved", Rejected = "rejected" }
}

codes! {
    /// The admin's decision on a submitted proposal.
    Decision { Select = "select", Reject = "reject" }
}

impl ProposalStatus {
    /// The unit may still edit and submit it (before the deadline).
    pub fn is_editable(self) -> bool {
        self == ProposalStatus::Draft
    }
}

impl Decision {
    pub fn status(self) -> ProposalStatus {
        match self {
            Decision::Select => ProposalStatus::Selected,
            Decision::Reject => ProposalStatus::Rejected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for s in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(s.as_str()), Some(*s));
        }
        for k in AreaKind::ALL {
            assert_eq!(AreaKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(NeedKind::parse("Urgent"), None);
        assert_eq!(
            Decision::parse("reject").map(Decision::status),
            Some(ProposalStatus::Rejected)
        );
    }
}
