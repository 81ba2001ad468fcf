use serde::{Deserialize, Serialize};

use super::OrgKind;

/// One role per account (DOMAIN.md, "Who uses the system").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Unit,
    Institution,
    Trainee,
    Inspector,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Unit,
        Role::Institution,
        Role::Trainee,
        Role::Inspector,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Unit => "unit",
            Role::Institution => "institution",
            Role::Trainee => "trainee",
            Role::Inspector => "inspector",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether an account of this role must belong to an organisation, and
    /// of which kinds. Trainees come from anywhere and belong to none.
    pub fn org_requirement(self) -> OrgRequirement {
        match self {
            Role::Admin => OrgRequirement::Required(&[OrgKind::Province]),
            Role::Unit => OrgRequirement::Required(&OrgKind::DECLARING),
            Role::Institution => OrgRequirement::Required(&[OrgKind::Institution]),
            Role::Inspector => OrgRequirement::Optional(&[
                OrgKind::Province,
                OrgKind::CityBureau,
                OrgKind::ProvincialDept,
                OrgKind::OtherUnit,
            ]),
            Role::Trainee => OrgRequirement::None,
        }
    }

    /// Checks a role against the kind of organisation chosen for it.
    pub fn accepts_org(self, kind: Option<OrgKind>) -> bool {
        match (self.org_requirement(), kind) {
            (OrgRequirement::Required(kinds), Some(k)) => kinds.contains(&k),
            (OrgRequirement::Required(_), None) => false,
            (OrgRequirement::Optional(kinds), Some(k)) => kinds.contains(&k),
            (OrgRequirement::Optional(_), None) => true,
            (OrgRequirement::None, kind) => kind.is_none(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgRequirement {
    Required(&'static [OrgKind]),
    Optional(&'static [OrgKind]),
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_code_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn a_unit_account_needs_a_declaring_unit() {
        assert!(Role::Unit.accepts_org(Some(OrgKind::CityBureau)));
        assert!(!Role::Unit.accepts_org(Some(OrgKind::Institution)));
        assert!(!Role::Unit.accepts_org(None));
    }

    #[test]
    fn trainees_belong_to_no_organisation_and_inspectors_may() {
        assert!(Role::Trainee.accepts_org(None));
        assert!(!Role::Trainee.accepts_org(Some(OrgKind::Province)));
        assert!(Role::Inspector.accepts_org(None));
        assert!(Role::Inspector.accepts_org(Some(OrgKind::Province)));
        assert!(!Role::Inspector.accepts_org(Some(OrgKind::Institution)));
    }
}
