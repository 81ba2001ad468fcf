//! A proposal form's fields, parsed by the same code in the browser (live
//! checks while typing) and on the server (the rule that counts).

use crate::domain::{
    line, required_text, Budget, ClassHours, ExpenseCategory, FundingSource, NeedKind, PlannedDates,
};
use crate::error::{AppError, Problem, Problems};

pub const TITLE_MAX: usize = 100;
pub const NEED_MAX: usize = 2000;
pub const PLACE_MAX: usize = 100;
pub const CONTACT_MAX: usize = 50;
/// Advanced training classes are small (Art. 10); a planned size beyond
/// this is a typing slip.
pub const TRAINEES_MAX: i64 = 500;

/// The names of the form's fields, as `save_proposal` reads them, besides
/// `call_id`, the areas and `submit` (tests and the demo fill them).
pub const FORM_FIELDS: [&str; 23] = [
    "id",
    "version",
    "title",
    "need_kind",
    "need",
    "institution_id",
    "start_date",
    "end_date",
    "place",
    "trainees",
    "class_hours",
    "accommodation",
    "meals",
    "venue",
    "lecture_fees",
    "materials",
    "transport",
    "government",
    "unit",
    "society",
    "individual",
    "contact_name",
    "contact_phone",
];

/// The form as typed.
#[derive(Clone, Debug, Default)]
pub struct ProposalInput<'a> {
    pub title: &'a str,
    pub need_kind: &'a str,
    pub need: &'a str,
    pub institution_id: &'a str,
    pub start_date: &'a str,
    pub end_date: &'a str,
    pub place: &'a str,
    pub trainees: &'a str,
    pub class_hours: &'a str,
    /// In `ExpenseCategory::ALL` order, yuan as typed.
    pub costs: [&'a str; 6],
    /// In `FundingSource::ALL` order, yuan as typed.
    pub funds: [&'a str; 4],
    pub contact_name: &'a str,
    pub contact_phone: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProposal {
    pub title: String,
    pub need_kind: NeedKind,
    pub need: String,
    pub institution_id: i64,
    pub dates: PlannedDates,
    pub place: String,
    pub trainees: i64,
    pub class_hours: ClassHours,
    pub budget: Budget,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Digits with an optional leading +, and - or spaces between groups.
pub fn parse_phone(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let ok_chars = s
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == '-' || c == ' ' || (i == 0 && c == '+'));
    if !ok_chars || !(7..=15).contains(&digits) {
        return Err(Problem::PhoneFormat);
    }
    Ok(s.to_owned())
}

pub fn parse_trainees(raw: &str) -> Result<i64, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = s.parse().map_err(|_| Problem::NotANumber)?;
    if n < 1 {
        return Err(Problem::BelowMinimum { min: 1 });
    }
    if n > TRAINEES_MAX {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// A count of places that may be left empty (zero), bounded like a class.
pub fn parse_count(raw: &str) -> Result<i64, Problem> {
    if raw.trim().is_empty() {
        return Ok(0);
    }
    let n: i64 = crate::domain::number_text_unsigned(raw)?
        .parse()
        .map_err(|_| Problem::NotANumber)?;
    if n > TRAINEES_MAX {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// The budget check alone, for the live summary: the parsed budget, or the
/// problems by field (`budget` carries R15's imbalance).
pub fn parse_budget(
    costs: &[&str; 6],
    funds: &[&str; 4],
) -> Result<Budget, Vec<(&'static str, Problem)>> {
    Budget::parse(costs, funds).map_err(|e| {
        let mut out = e.fields;
        if let Some(diff_fen) = e.imbalance {
            out.push(("budget", Problem::Unbalanced { diff_fen }));
        }
        out
    })
}

impl ProposalInput<'_> {
    /// Every rule that needs no database, for a call of `year`.
    pub fn parse(&self, year: i32) -> Result<ValidProposal, AppError> {
        let mut p = Problems::default();
        let title = p.check("title", line(self.title, TITLE_MAX));
        let need_kind = p.check(
            "need_kind",
            NeedKind::parse(self.need_kind).ok_or(Problem::InvalidChoice),
        );
        let need = p.check("need", required_text(self.need, NEED_MAX));
        let institution_id = p.check(
            "institution_id",
            self.institution_id
                .trim()
                .parse::<i64>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let dates = p.check_all(PlannedDates::parse(self.start_date, self.end_date, year));
        let place = p.check("place", line(self.place, PLACE_MAX));
        let trainees = p.check("trainees", parse_trainees(self.trainees));
        let class_hours = p.check(
            "class_hours",
            ClassHours::parse_programme_total(self.class_hours),
        );
        let budget = p.check_all(parse_budget(&self.costs, &self.funds));
        // Zero on both sides balances, but is no plan for a programme.
        if budget
            .as_ref()
            .is_some_and(|b| b.category_total().is_ok_and(|t| t.fen() == 0))
        {
            p.push("budget", Problem::Required);
        }
        let contact_name = p.check("contact_name", line(self.contact_name, CONTACT_MAX));
        let contact_phone = p.check("contact_phone", parse_phone(self.contact_phone));
        p.into_result()?;
        match (
            title,
            need_kind,
            need,
            institution_id,
            dates,
            place,
            trainees,
            class_hours,
            budget,
            contact_name,
            contact_phone,
        ) {
            (
                Some(title),
                Some(need_kind),
                Some(need),
                Some(institution_id),
                Some(dates),
                Some(place),
                Some(trainees),
                Some(class_hours),
                Some(budget),
                Some(contact_name),
                Some(contact_phone),
            ) => Ok(ValidProposal {
                title,
                need_kind,
                need,
                institution_id,
                dates,
                place,
                trainees,
                class_hours,
                budget,
                contact_name,
                contact_phone,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// Field names of the budget inputs, in the order `ProposalInput` keeps.
pub fn cost_fields() -> [&'static str; 6] {
    ExpenseCategory::ALL.map(ExpenseCategory::as_str)
}

pub fn fund_fields() -> [&'static str; 4] {
    FundingSource::ALL.map(FundingSource::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ProposalInput<'static> {
        ProposalInput {
            title: "雄安新区数字城市建设高级研修班",
            need_kind: "urgent",
            need: "数字孪生城市建设经验亟待总结",
            institution_id: "7",
            start_date: "2027-05-10",
            end_date: "2027-05-15",
            place: "石家庄",
            trainees: "60",
            class_hours: "32",
            costs: ["30000", "15000", "5000", "40000", "3000", "7000"],
            funds: ["80000", "20000", "", ""],
            contact_name: "王明",
            contact_phone: "0311-86001234",
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let v = good().parse(2027).unwrap();
        assert_eq!(v.class_hours.hours(), 32);
        assert_eq!(v.budget.category_total().unwrap().fen(), 10_000_000);
    }

    #[test]
    fn thirty_one_hours_and_a_fen_of_imbalance_are_named() {
        let mut f = good();
        f.class_hours = "31";
        f.funds = ["80000", "19999.99", "", ""];
        let e = f.parse(2027).unwrap_err();
        assert_eq!(
            e.problem_for("class_hours"),
            Some(&Problem::BelowMinimum { min: 32 })
        );
        assert_eq!(
            e.problem_for("budget"),
            Some(&Problem::Unbalanced { diff_fen: 1 })
        );
    }

    #[test]
    fn an_empty_budget_balances_but_is_no_plan() {
        let mut f = good();
        f.costs = [""; 6];
        f.funds = [""; 4];
        let e = f.parse(2027).unwrap_err();
        assert_eq!(e.problem_for("budget"), Some(&Problem::Required));
    }

    #[test]
    fn dates_outside_the_call_year_are_refused() {
        let e = good().parse(2028).unwrap_err();
        assert_eq!(
            e.problem_for("start_date"),
            Some(&Problem::OutsideYear { year: 2028 })
        );
    }

    #[test]
    fn counts_may_be_empty_but_not_negative_or_huge() {
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("-1"), Err(Problem::Negative));
        assert_eq!(parse_count("9223372036854775807"), Err(Problem::TooLarge));
    }

    #[test]
    fn phones_and_sizes_are_checked() {
        assert!(parse_phone("+86 138 0000 1111").is_ok());
        assert_eq!(parse_phone("call me"), Err(Problem::PhoneFormat));
        assert_eq!(parse_phone("123"), Err(Problem::PhoneFormat));
        assert_eq!(parse_trainees("0"), Err(Problem::BelowMinimum { min: 1 }));
        assert_eq!(parse_trainees("501"), Err(Problem::TooLarge));
    }
}
