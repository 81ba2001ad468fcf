use serde::{Deserialize, Serialize};

use super::money::{total, Fen};
use crate::error::Problem;

/// Art. 18 (R11): spending only in these six categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpenseCategory {
    Accommodation,
    Meals,
    Venue,
    LectureFees,
    Materials,
    Transport,
}

impl ExpenseCategory {
    pub const ALL: [ExpenseCategory; 6] = [
        ExpenseCategory::Accommodation,
        ExpenseCategory::Meals,
        ExpenseCategory::Venue,
        ExpenseCategory::LectureFees,
        ExpenseCategory::Materials,
        ExpenseCategory::Transport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExpenseCategory::Accommodation => "accommodation",
            ExpenseCategory::Meals => "meals",
            ExpenseCategory::Venue => "venue",
            ExpenseCategory::LectureFees => "lecture_fees",
            ExpenseCategory::Materials => "materials",
            ExpenseCategory::Transport => "transport",
        }
    }

    pub fn parse(s: &str) -> Option<ExpenseCategory> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Art. 17: where the money comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FundingSource {
    Government,
    Unit,
    Society,
    Individual,
}

impl FundingSource {
    pub const ALL: [FundingSource; 4] = [
        FundingSource::Government,
        FundingSource::Unit,
        FundingSource::Society,
        FundingSource::Individual,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FundingSource::Government => "government",
            FundingSource::Unit => "unit",
            FundingSource::Society => "society",
            FundingSource::Individual => "individual",
        }
    }

    pub fn parse(s: &str) -> Option<FundingSource> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A budget by the six categories and by the four funding sources, whose
/// totals agree to the fen (R15). Built only through `Budget::parse`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    by_category: [Fen; 6],
    by_source: [Fen; 4],
}

/// What is wrong with a budget form: the fields (named by category or
/// source code) and whether the two totals disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetProblems {
    pub fields: Vec<(&'static str, Problem)>,
    /// Category total minus source total, when both parse and differ.
    pub imbalance: Option<i64>,
}

impl Budget {
    /// `categories` and `sources` are the amounts as typed, in the order of
    /// `ExpenseCategory::ALL` and `FundingSource::ALL`; an empty box is zero.
    pub fn parse(categories: &[&str; 6], sources: &[&str; 4]) -> Result<Budget, BudgetProblems> {
        let (by_category, by_source) =
            Self::parse_amounts(categories, sources).map_err(|fields| BudgetProblems {
                fields,
                imbalance: None,
            })?;
        let budget = Budget {
            by_category,
            by_source,
        };
        match (budget.category_total(), budget.source_total()) {
            (Ok(c), Ok(s)) if c == s => Ok(budget),
            (Ok(c), Ok(s)) => Err(BudgetProblems {
                fields: vec![],
                imbalance: Some(c.fen() - s.fen()),
            }),
            _ => Err(BudgetProblems {
                fields: vec![("total", Problem::TooLarge)],
                imbalance: None,
            }),
        }
    }

    /// Each amount on its own, before R15 asks whether they add up: what a
    /// draft keeps while its budget is still being worked out.
    #[allow(clippy::type_complexity)]
    pub fn parse_amounts(
        categories: &[&str; 6],
        sources: &[&str; 4],
    ) -> Result<([Fen; 6], [Fen; 4]), Vec<(&'static str, Problem)>> {
        let mut fields = Vec::new();
        let mut amount = |code: &'static str, raw: &str| -> Fen {
            if raw.trim().is_empty() {
                return Fen::ZERO;
            }
            Fen::parse_yuan(raw).unwrap_or_else(|p| {
                fields.push((code, p));
                Fen::ZERO
            })
        };
        let mut by_category = [Fen::ZERO; 6];
        for (i, c) in ExpenseCategory::ALL.iter().enumerate() {
            by_category[i] = amount(c.as_str(), categories[i]);
        }
        let mut by_source = [Fen::ZERO; 4];
        for (i, s) in FundingSource::ALL.iter().enumerate() {
            by_source[i] = amount(s.as_str(), sources[i]);
        }
        if fields.is_empty() {
            Ok((by_category, by_source))
        } else {
            Err(fields)
        }
    }

    pub fn category_total(&self) -> Result<Fen, Problem> {
        total(self.by_category)
    }

    pub fn source_total(&self) -> Result<Fen, Problem> {
        total(self.by_source)
    }

    pub fn category(&self, c: ExpenseCategory) -> Fen {
        self.by_category[ExpenseCategory::ALL
            .iter()
            .position(|x| *x == c)
            .unwrap_or(0)]
    }

    pub fn source(&self, s: FundingSource) -> Fen {
        self.by_source[FundingSource::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATS: [&str; 6] = ["3400", "1300", "500", "6000", "300", ""];

    #[test]
    fn sources_that_add_up_to_the_categories_make_a_budget() {
        let b = Budget::parse(&CATS, &["8000", "3500", "", ""]).unwrap();
        assert_eq!(b.category_total().unwrap().fen(), 1_150_000);
        assert_eq!(b.source(FundingSource::Unit).fen(), 350_000);
        assert_eq!(b.category(ExpenseCategory::Transport), Fen::ZERO);
    }

    #[test]
    fn sums_off_by_one_fen_are_refused_with_the_difference() {
        let e = Budget::parse(&CATS, &["8000", "3499.99", "", ""]).unwrap_err();
        assert_eq!(e.imbalance, Some(1));
        let e = Budget::parse(&CATS, &["8000", "3500.01", "", ""]).unwrap_err();
        assert_eq!(e.imbalance, Some(-1));
    }

    #[test]
    fn a_bad_amount_is_named_by_its_category_or_source() {
        let e = Budget::parse(&["-1", "", "", "", "", ""], &["", "", "x", ""]).unwrap_err();
        assert_eq!(
            e.fields,
            vec![
                ("accommodation", Problem::Negative),
                ("society", Problem::NotANumber)
            ]
        );
    }

    #[test]
    fn codes_round_trip() {
        for c in ExpenseCategory::ALL {
            assert_eq!(ExpenseCategory::parse(c.as_str()), Some(c));
        }
        for s in FundingSource::ALL {
            assert_eq!(FundingSource::parse(s.as_str()), Some(s));
        }
    }
}
