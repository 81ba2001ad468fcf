use serde::{Deserialize, Serialize};

/// Organisation kinds (DOMAIN.md): the provincial department, the three
/// kinds of declaring unit, and host institutions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgKind {
    Province,
    CityBureau,
    ProvincialDept,
    OtherUnit,
    Institution,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Province,
        OrgKind::CityBureau,
        OrgKind::ProvincialDept,
        OrgKind::OtherUnit,
        OrgKind::Institution,
    ];
    pub const DECLARING: [OrgKind; 3] = [
        OrgKind::CityBureau,
        OrgKind::ProvincialDept,
        OrgKind::OtherUnit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Province => "province",
            OrgKind::CityBureau => "city_bureau",
            OrgKind::ProvincialDept => "provincial_dept",
            OrgKind::OtherUnit => "other_unit",
            OrgKind::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_declaring_unit(self) -> bool {
        OrgKind::DECLARING.contains(&self)
    }

    /// A host institution is always linked to the declaring unit that
    /// guides it (Art. 3); no other kind has a parent.
    pub fn needs_parent_unit(self) -> bool {
        self == OrgKind::Institution
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_only_institutions_need_a_parent() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.needs_parent_unit(), kind == OrgKind::Institution);
        }
        assert!(OrgKind::CityBureau.is_declaring_unit());
        assert!(!OrgKind::Province.is_declaring_unit());
    }
}
