//! A proposal saved part-way. Only the title is required to save; every
//! other field is kept as far as it is typed, each judged by its own
//! format. The completeness rules (R4, R15, the call's year, at least one
//! area) wait for submission, and a draft lists what they still lack by
//! running the same parse on what was stored.

use chrono::NaiveDate;

use super::input::{parse_phone, parse_trainees, ProposalInput, ValidProposal};
use super::input::{CONTACT_MAX, NEED_MAX, PLACE_MAX, TITLE_MAX};
use super::ProposalView;
use crate::domain::{line, optional_text, parse_date, Budget, ClassHours, NeedKind};
use crate::error::{AppError, FieldError, Problem, Problems};

/// What a draft keeps: `None` or empty text where nothing was typed yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftProposal {
    pub title: String,
    pub need_kind: Option<NeedKind>,
    pub need: String,
    pub institution_id: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: String,
    pub trainees: Option<i64>,
    pub class_hours: Option<i64>,
    /// Fen, in `ExpenseCategory::ALL` order; an empty box is zero.
    pub costs: [i64; 6],
    /// Fen, in `FundingSource::ALL` order.
    pub funds: [i64; 4],
    pub contact_name: String,
    pub contact_phone: String,
}

/// A field left empty is `None`; a typed one must pass its own check.
fn typed<T>(
    p: &mut Problems,
    field: &str,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, Problem>,
) -> Option<T> {
    if raw.trim().is_empty() {
        None
    } else {
        p.check(field, parse(raw))
    }
}

impl ProposalInput<'_> {
    /// What saving a draft checks: the title, and the format of whatever
    /// else has been typed.
    pub fn parse_draft(&self) -> Result<DraftProposal, AppError> {
        let mut p = Problems::default();
        let title = p.check("title", line(self.title, TITLE_MAX));
        let need_kind = typed(&mut p, "need_kind", self.need_kind, |s| {
            NeedKind::parse(s.trim()).ok_or(Problem::InvalidChoice)
        });
        let need = p.check("need", optional_text(self.need, NEED_MAX));
        let institution_id = typed(&mut p, "institution_id", self.institution_id, |s| {
            s.trim().parse::<i64>().map_err(|_| Problem::InvalidChoice)
        });
        let start_date = typed(&mut p, "start_date", self.start_date, parse_date);
        let end_date = typed(&mut p, "end_date", self.end_date, parse_date);
        let place = typed(&mut p, "place", self.place, |s| line(s, PLACE_MAX));
        let trainees = typed(&mut p, "trainees", self.trainees, parse_trainees);
        let class_hours = typed(&mut p, "class_hours", self.class_hours, |s| {
            ClassHours::parse(s).map(|h| i64::from(h.hours()))
        });
        let amounts = p.check_all(Budget::parse_amounts(&self.costs, &self.funds));
        let contact_name = typed(&mut p, "contact_name", self.contact_name, |s| {
            line(s, CONTACT_MAX)
        });
        let contact_phone = typed(&mut p, "contact_phone", self.contact_phone, parse_phone);
        p.into_result()?;
        let (costs, funds) = amounts.ok_or(AppError::Internal)?;
        Ok(DraftProposal {
            title: title.ok_or(AppError::Internal)?,
            need_kind,
            need: need.unwrap_or_default(),
            institution_id,
            start_date,
            end_date,
            place: place.unwrap_or_default(),
            trainees,
            class_hours,
            costs: costs.map(|f| f.fen()),
            funds: funds.map(|f| f.fen()),
            contact_name: contact_name.unwrap_or_default(),
            contact_phone: contact_phone.unwrap_or_default(),
        })
    }
}

impl From<ValidProposal> for DraftProposal {
    fn from(v: ValidProposal) -> Self {
        use crate::domain::{ExpenseCategory, FundingSource};
        DraftProposal {
            costs: ExpenseCategory::ALL.map(|c| v.budget.category(c).fen()),
            funds: FundingSource::ALL.map(|s| v.budget.source(s).fen()),
            title: v.title,
            need_kind: Some(v.need_kind),
            need: v.need,
            institution_id: Some(v.institution_id),
            start_date: Some(v.dates.start()),
            end_date: Some(v.dates.end()),
            place: v.place,
            trainees: Some(v.trainees),
            class_hours: Some(i64::from(v.class_hours.hours())),
            contact_name: v.contact_name,
            contact_phone: v.contact_phone,
        }
    }
}

pub use crate::domain::yuan_input;

/// A stored proposal as the form would show it: the text that, parsed
/// again, gives back what was stored.
#[derive(Clone, Debug, Default)]
pub struct TypedProposal {
    title: String,
    need_kind: String,
    need: String,
    institution_id: String,
    start_date: String,
    end_date: String,
    place: String,
    trainees: String,
    class_hours: String,
    costs: [String; 6],
    funds: [String; 4],
    contact_name: String,
    contact_phone: String,
}

impl TypedProposal {
    pub fn input(&self) -> ProposalInput<'_> {
        ProposalInput {
            title: &self.title,
            need_kind: &self.need_kind,
            need: &self.need,
            institution_id: &self.institution_id,
            start_date: &self.start_date,
            end_date: &self.end_date,
            place: &self.place,
            trainees: &self.trainees,
            class_hours: &self.class_hours,
            costs: std::array::from_fn(|i| self.costs[i].as_str()),
            funds: std::array::from_fn(|i| self.funds[i].as_str()),
            contact_name: &self.contact_name,
            contact_phone: &self.contact_phone,
        }
    }
}

impl ProposalView {
    pub fn typed(&self) -> TypedProposal {
        let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        TypedProposal {
            title: self.title.clone(),
            need_kind: self
                .need_kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            need: self.need.clone(),
            institution_id: num(self.institution_id),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            place: self.place.clone(),
            trainees: num(self.trainees),
            class_hours: num(self.class_hours),
            costs: self.costs.map(yuan_input),
            funds: self.funds.map(yuan_input),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
        }
    }

    /// What still stands between this proposal and submission, field by
    /// field: the rules a submission is judged by, run on what is stored.
    pub fn submit_problems(&self) -> Vec<FieldError> {
        let mut list = match self.typed().input().parse(self.year) {
            Ok(_) => vec![],
            Err(AppError::Validation(list)) => list,
            Err(_) => vec![FieldError::new("title", Problem::Required)],
        };
        if self.areas.is_empty() {
            // Listed where the form asks for them: after the title.
            let at = list.iter().take_while(|e| e.field == "title").count();
            list.insert(at, FieldError::new("areas", Problem::Required));
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_title() -> ProposalInput<'static> {
        ProposalInput {
            title: "冀中南智慧农业高级研修班",
            ..Default::default()
        }
    }

    #[test]
    fn a_title_alone_is_a_draft_and_nothing_else_is() {
        let d = only_title().parse_draft().unwrap();
        assert_eq!(d.title, "冀中南智慧农业高级研修班");
        assert_eq!(
            (d.start_date, d.trainees, d.class_hours),
            (None, None, None)
        );
        let e = ProposalInput::default().parse_draft().unwrap_err();
        assert_eq!(e.problem_for("title"), Some(&Problem::Required));
    }

    #[test]
    fn a_draft_keeps_short_hours_and_an_unbalanced_budget_but_not_typos() {
        let mut f = only_title();
        f.class_hours = "20";
        f.costs = ["1000", "", "", "", "", ""];
        f.start_date = "2019-01-01";
        let d = f.parse_draft().unwrap();
        assert_eq!(d.class_hours, Some(20));
        assert_eq!(d.costs[0], 100_000);
        f.trainees = "sixty";
        f.end_date = "2027-02-30";
        let e = f.parse_draft().unwrap_err();
        assert_eq!(e.problem_for("trainees"), Some(&Problem::NotANumber));
        assert!(e.problem_for("end_date").is_some());
    }

    #[test]
    fn yuan_for_an_input_round_trips() {
        assert_eq!(yuan_input(0), "");
        assert_eq!(yuan_input(123_400), "1234");
        assert_eq!(yuan_input(123_405), "1234.05");
    }
}
