//! Which rows the list shows and in what order: chosen by links (the
//! address holds them, so a reload or a bookmark keeps them).

use super::{AssessmentView, Row};
use crate::domain::assessment::{Grade, Outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Undecided,
    NoPaper,
    Short,
    Is(Outcome),
}

impl Filter {
    pub const ALL: [Filter; 7] = [
        Filter::All,
        Filter::Undecided,
        Filter::NoPaper,
        Filter::Short,
        Filter::Is(Outcome::Passed),
        Filter::Is(Outcome::Failed),
        Filter::Is(Outcome::Incomplete),
    ];

    pub fn code(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Undecided => "undecided",
            Filter::NoPaper => "nopaper",
            Filter::Short => "short",
            Filter::Is(o) => o.as_str(),
        }
    }

    pub fn parse(s: &str) -> Filter {
        Filter::ALL
            .into_iter()
            .find(|f| f.code() == s)
            .unwrap_or(Filter::All)
    }

    pub fn keeps(self, v: &AssessmentView, r: &Row) -> bool {
        match self {
            Filter::All => true,
            Filter::Undecided => r.decision.outcome.is_none(),
            Filter::NoPaper => r.paper.is_none(),
            Filter::Short => !v.min.met(r.attended, v.total_hours),
            Filter::Is(o) => r.decision.outcome == Some(o),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Name,
    Hours,
    Grade,
    Outcome,
}

impl Order {
    pub const ALL: [Order; 4] = [Order::Name, Order::Hours, Order::Grade, Order::Outcome];

    pub fn code(self) -> &'static str {
        match self {
            Order::Name => "name",
            Order::Hours => "hours",
            Order::Grade => "grade",
            Order::Outcome => "outcome",
        }
    }

    pub fn parse(s: &str) -> Order {
        Order::ALL
            .into_iter()
            .find(|o| o.code() == s)
            .unwrap_or(Order::Name)
    }
}

fn grade_rank(g: Option<Grade>) -> usize {
    g.and_then(|g| Grade::ALL.iter().position(|x| *x == g))
        .unwrap_or(Grade::ALL.len())
}

fn outcome_rank(o: Option<Outcome>) -> usize {
    o.and_then(|o| Outcome::ALL.iter().position(|x| *x == o))
        .unwrap_or(Outcome::ALL.len())
}

/// The rows shown: filtered, then sorted (fewest hours first, best grade
/// first, undecided last); names break ties as the list is ordered.
pub fn shown(v: &AssessmentView, filter: Filter, order: Order) -> Vec<&Row> {
    let mut rows: Vec<&Row> = v.rows.iter().filter(|r| filter.keeps(v, r)).collect();
    match order {
        Order::Name => {}
        Order::Hours => rows.sort_by_key(|r| r.attended),
        Order::Grade => rows.sort_by_key(|r| grade_rank(r.decision.grade)),
        Order::Outcome => rows.sort_by_key(|r| outcome_rank(r.decision.outcome)),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{Decision, MinAttendance};

    fn row(id: i64, attended: i64, paper: bool, grade: Option<Grade>, o: Option<Outcome>) -> Row {
        Row {
            enrollment_id: id,
            name: format!("学员{id}"),
            employer: String::new(),
            attended,
            paper: paper.then_some((id, 1)),
            decision: Decision {
                grade,
                outcome: o,
                ..Decision::default()
            },
            version: 0,
            graded_paper: None,
        }
    }

    #[test]
    fn filters_and_orders_pick_what_they_say() {
        let v = AssessmentView {
            programme_id: 1,
            topic: String::new(),
            end_date: String::new(),
            total_hours: 40,
            min: MinAttendance::default(),
            rows: vec![
                row(1, 40, true, Some(Grade::Good), Some(Outcome::Passed)),
                row(2, 20, false, None, None),
                row(3, 36, true, Some(Grade::Excellent), None),
            ],
            published: None,
            may_edit: true,
            ended: true,
        };
        let ids = |f, o| {
            shown(&v, f, o)
                .iter()
                .map(|r| r.enrollment_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Filter::Undecided, Order::Name), vec![2, 3]);
        assert_eq!(ids(Filter::NoPaper, Order::Name), vec![2]);
        assert_eq!(ids(Filter::Short, Order::Name), vec![2]);
        assert_eq!(ids(Filter::Is(Outcome::Passed), Order::Name), vec![1]);
        assert_eq!(ids(Filter::All, Order::Hours), vec![2, 3, 1]);
        assert_eq!(ids(Filter::All, Order::Grade), vec![3, 1, 2]);
        assert_eq!(ids(Filter::All, Order::Outcome), vec![1, 2, 3]);
        assert_eq!(Filter::parse("failed"), Filter::Is(Outcome::Failed));
        assert_eq!(Filter::parse("nonsense"), Filter::All);
    }
}
