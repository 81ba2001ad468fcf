//! Assessment (Art. 7, 14; R9): after the programme the institution grades
//! each admitted trainee's research paper and decides the result. These
//! rules run in the browser (to mark a row before it is sent) and on the
//! server (which decides).
//!
//! - A grade is of a paper: no submitted paper, no grade.
//! - Passed needs a submitted paper (R9) graded better than fail, and
//!   attendance of at least the province's share of the schedule's class
//!   hours (default 80%).
//! - Did not complete needs a reason.

use serde::{Deserialize, Serialize};

use super::fold_width;
use crate::error::Problem;

codes! {
    /// The research paper's grade.
    Grade { Excellent = "excellent", Good = "good", Pass = "pass", Fail = "fail" }
}

codes! {
    /// The trainee's result.
    Outcome { Passed = "passed", Failed = "failed", Incomplete = "incomplete" }
}

/// A reason, an assessor's name and a comment are each one short text.
pub const REASON_MAX: usize = 200;
pub const ASSESSOR_MAX: usize = 40;
pub const COMMENT_MAX: usize = 300;

/// Why a decision cannot stand: shown by the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// R9: a pass without a submitted paper.
    PassNeedsPaper,
    /// A pass whose paper is ungraded or graded fail.
    PassNeedsGrade,
    /// A pass below the attendance minimum: attended and required hours.
    BelowAttendance { attended: i64, required: i64 },
    /// A grade for a trainee who submitted no paper.
    NoPaper,
    /// Results published while trainees are still without one.
    Unfinished { count: i64 },
    /// Before the programme's last day.
    NotEnded,
    /// An imported row that names nobody admitted to the programme.
    NotOnList,
    /// An imported row's name that several admitted trainees share: it
    /// needs the trainee number or the identity number.
    SameName,
    /// Someone changed this trainee's decision after it was read (the
    /// list loaded, the sheet downloaded).
    ChangedSince,
    /// Published results are corrected on the list, one reason for each
    /// save, not by importing a sheet.
    AlreadyPublished,
}

/// The smallest share of the schedule's class hours a pass needs, in
/// percent: a province setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinAttendance(u32);

impl MinAttendance {
    pub const DEFAULT: u32 = 80;
    pub const LOWEST: u32 = 50;

    pub fn parse(raw: &str) -> Result<MinAttendance, Problem> {
        let raw = fold_width(raw.trim());
        let raw = raw.trim_end_matches('%').trim();
        if raw.is_empty() {
            return Err(Problem::Required);
        }
        let n: u32 = raw.parse().map_err(|_| Problem::NotANumber)?;
        MinAttendance::from_percent(n)
    }

    pub fn from_percent(n: u32) -> Result<MinAttendance, Problem> {
        if n < Self::LOWEST {
            return Err(Problem::BelowMinimum {
                min: i64::from(Self::LOWEST),
            });
        }
        if n > 100 {
            return Err(Problem::TooLarge);
        }
        Ok(MinAttendance(n))
    }

    pub fn percent(self) -> u32 {
        self.0
    }

    /// The class hours of `total` a pass needs, rounded up: 80% of 42 is
    /// 33.6, so 34.
    pub fn required(self, total: i64) -> i64 {
        (total * i64::from(self.0) + 99) / 100
    }

    /// A schedule without class hours meets no minimum.
    pub fn met(self, attended: i64, total: i64) -> bool {
        total > 0 && attended * 100 >= total * i64::from(self.0)
    }
}

impl Default for MinAttendance {
    fn default() -> Self {
        MinAttendance(Self::DEFAULT)
    }
}

/// What the institution decides for one trainee.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub grade: Option<Grade>,
    pub assessor: String,
    pub comment: String,
    pub outcome: Option<Outcome>,
    pub reason: String,
}

/// Which of a decision's fields an imported row gives (a column that is
/// there, a cell that is not empty); the others stay as recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Given {
    pub grade: bool,
    pub assessor: bool,
    pub comment: bool,
    pub outcome: bool,
    pub reason: bool,
}

impl Decision {
    /// `incoming`'s given fields over this decision's.
    pub fn merge(&self, incoming: &Decision, given: Given) -> Decision {
        let pick = |on: bool, new: &String, old: &String| if on { new } else { old }.clone();
        Decision {
            grade: if given.grade {
                incoming.grade
            } else {
                self.grade
            },
            assessor: pick(given.assessor, &incoming.assessor, &self.assessor),
            comment: pick(given.comment, &incoming.comment, &self.comment),
            outcome: if given.outcome {
                incoming.outcome
            } else {
                self.outcome
            },
            reason: pick(given.reason, &incoming.reason, &self.reason),
        }
    }

    /// A short digest of the decision as a list showed it: the list sends
    /// it back with each row, so a row this user left alone is not saved
    /// over someone else's change (FNV-1a, 64 bits).
    pub fn fingerprint(&self) -> String {
        let text = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.grade.map_or("", Grade::as_str),
            self.assessor,
            self.comment,
            self.outcome.map_or("", Outcome::as_str),
            self.reason
        );
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{hash:016x}")
    }
}

/// What the decision is judged against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub paper: bool,
    pub attended: i64,
    pub total: i64,
    pub min: MinAttendance,
}

/// A decision's typed fields, each parsed (empty selects are "not yet").
/// Problems name the field.
pub fn parse(
    grade: &str,
    assessor: &str,
    comment: &str,
    outcome: &str,
    reason: &str,
) -> Result<Decision, Vec<(&'static str, Problem)>> {
    let mut problems = Vec::new();
    let grade = match Grade::read(grade) {
        Ok(g) => g,
        Err(p) => {
            problems.push(("grade", p));
            None
        }
    };
    let outcome = match Outcome::read(outcome) {
        Ok(o) => o,
        Err(p) => {
            problems.push(("outcome", p));
            None
        }
    };
    let mut text = |field: &'static str, raw: &str, max: usize| {
        let s = super::optional_text(raw, max).map_err(|p| problems.push((field, p)));
        s.unwrap_or_default().replace('\n', " ")
    };
    let assessor = text("assessor", assessor, ASSESSOR_MAX);
    let comment = text("comment", comment, COMMENT_MAX);
    let reason = text("reason", reason, REASON_MAX);
    if problems.is_empty() {
        Ok(Decision {
            grade,
            assessor,
            comment,
            outcome,
            reason,
        })
    } else {
        Err(problems)
    }
}

/// The rules a decision must meet, as problems by field.
pub fn check(d: &Decision, f: Facts) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
    if d.grade.is_some() && !f.paper {
        problems.push(("grade", Problem::Assess(Refusal::NoPaper)));
    }
    if d.grade.is_some() && d.assessor.is_empty() {
        problems.push(("assessor", Problem::Required));
    }
    match d.outcome {
        Some(Outcome::Passed) if !f.paper => {
            problems.push(("outcome", Problem::Assess(Refusal::PassNeedsPaper)));
        }
        Some(Outcome::Passed) if matches!(d.grade, None | Some(Grade::Fail)) => {
            problems.push(("outcome", Problem::Assess(Refusal::PassNeedsGrade)));
        }
        Some(Outcome::Passed) if !f.min.met(f.attended, f.total) => {
            problems.push((
                "outcome",
                Problem::Assess(Refusal::BelowAttendance {
                    attended: f.attended,
                    required: f.min.required(f.total),
                }),
            ));
        }
        Some(Outcome::Incomplete) if d.reason.is_empty() => {
            problems.push(("reason", Problem::Required));
        }
        _ => {}
    }
    problems
}

/// The rules for changing the recorded `before` into `after`: as `check`,
/// except that a pass decided under an earlier attendance minimum stands
/// when only its words change (the minimum is for new passes).
pub fn check_change(before: &Decision, after: &Decision, f: Facts) -> Vec<(&'static str, Problem)> {
    let mut problems = check(after, f);
    if before.outcome == Some(Outcome::Passed) {
        problems.retain(|(_, p)| !matches!(p, Problem::Assess(Refusal::BelowAttendance { .. })));
    }
    problems
}

/// The spelling a spreadsheet or a person uses, without spaces, marks and
/// case: "优 秀", "Excellent", "A" read alike.
fn key(raw: &str) -> String {
    fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '。' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Grade {
    /// A grade as people write it: the code, 优秀/优/A, 良好/良/B,
    /// 合格/及格/中/C, 不合格/不及格/差/D; empty is no grade yet.
    pub fn read(raw: &str) -> Result<Option<Grade>, Problem> {
        let k = key(raw);
        if k.is_empty() {
            return Ok(None);
        }
        let g = match k.as_str() {
            "excellent" | "优秀" | "优" | "a" => Grade::Excellent,
            "good" | "良好" | "良" | "b" => Grade::Good,
            "pass" | "合格" | "及格" | "中" | "中等" | "c" => Grade::Pass,
            "fail" | "不合格" | "不及格" | "差" | "d" => Grade::Fail,
            _ => return Err(Problem::InvalidChoice),
        };
        Ok(Some(g))
    }

    /// 优秀 … 不合格: how the grade is written in Chinese documents.
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }
}

impl Outcome {
    /// A result as people write it: the code, 合格/通过/结业, 不合格/未通过,
    /// 未完成/未结业/中途退出; empty is not decided yet.
    pub fn read(raw: &str) -> Result<Option<Outcome>, Problem> {
        let k = key(raw);
        if k.is_empty() {
            return Ok(None);
        }
        let o = match k.as_str() {
            "passed" | "pass" | "合格" | "通过" | "考核合格" | "结业" | "准予结业" => {
                Outcome::Passed
            }
            "failed" | "fail" | "不合格" | "未通过" | "考核不合格" => Outcome::Failed,
            "incomplete" | "didnotcomplete" | "未完成" | "未完成研修" | "未结业" | "中途退出"
            | "退出" => Outcome::Incomplete,
            _ => return Err(Problem::InvalidChoice),
        };
        Ok(Some(o))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Passed => "合格",
            Outcome::Failed => "不合格",
            Outcome::Incomplete => "未完成",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(paper: bool, attended: i64) -> Facts {
        Facts {
            paper,
            attended,
            total: 40,
            min: MinAttendance::default(),
        }
    }

    fn pass(grade: Option<Grade>) -> Decision {
        Decision {
            grade,
            assessor: "王教授".into(),
            outcome: Some(Outcome::Passed),
            ..Decision::default()
        }
    }

    #[test]
    fn r9_a_pass_needs_a_submitted_paper() {
        let problems = check(&pass(None), facts(false, 40));
        assert_eq!(
            problems,
            vec![("outcome", Problem::Assess(Refusal::PassNeedsPaper))]
        );
        let graded = check(&pass(Some(Grade::Good)), facts(false, 40));
        assert!(graded.contains(&("grade", Problem::Assess(Refusal::NoPaper))));
        assert!(check(&pass(Some(Grade::Good)), facts(true, 40)).is_empty());
    }

    #[test]
    fn a_pass_needs_a_grade_better_than_fail() {
        for g in [None, Some(Grade::Fail)] {
            assert_eq!(
                check(&pass(g), facts(true, 40)),
                vec![("outcome", Problem::Assess(Refusal::PassNeedsGrade))]
            );
        }
    }

    #[test]
    fn the_attendance_minimum_holds_at_its_edge() {
        // 80% of 40 class hours is 32: 32 passes, 31 does not.
        assert!(check(&pass(Some(Grade::Pass)), facts(true, 32)).is_empty());
        assert_eq!(
            check(&pass(Some(Grade::Pass)), facts(true, 31)),
            vec![(
                "outcome",
                Problem::Assess(Refusal::BelowAttendance {
                    attended: 31,
                    required: 32
                })
            )]
        );
        let m = MinAttendance::default();
        assert_eq!(m.required(42), 34);
        assert!(!m.met(33, 42));
        assert!(m.met(34, 42));
    }

    #[test]
    fn a_recorded_pass_keeps_standing_when_the_minimum_rose() {
        let before = pass(Some(Grade::Pass));
        let reworded = Decision {
            comment: "补充评语".into(),
            ..before.clone()
        };
        assert!(check_change(&before, &reworded, facts(true, 31)).is_empty());
        let failed = Decision {
            outcome: Some(Outcome::Failed),
            ..before.clone()
        };
        assert_eq!(check_change(&failed, &before, facts(true, 31)).len(), 1);
    }

    #[test]
    fn failing_needs_nothing_and_not_completing_needs_a_reason() {
        let failed = Decision {
            outcome: Some(Outcome::Failed),
            ..Decision::default()
        };
        assert!(check(&failed, facts(false, 0)).is_empty());
        let mut left = Decision {
            outcome: Some(Outcome::Incomplete),
            ..Decision::default()
        };
        assert_eq!(
            check(&left, facts(false, 8)),
            vec![("reason", Problem::Required)]
        );
        left.reason = "工作原因中途离开".into();
        assert!(check(&left, facts(false, 8)).is_empty());
    }

    #[test]
    fn no_class_hours_meet_no_minimum() {
        assert!(!MinAttendance::default().met(0, 0));
        assert_eq!(
            check(
                &pass(Some(Grade::Good)),
                Facts {
                    total: 0,
                    ..facts(true, 0)
                }
            ),
            vec![(
                "outcome",
                Problem::Assess(Refusal::BelowAttendance {
                    attended: 0,
                    required: 0
                })
            )]
        );
    }

    #[test]
    fn an_import_changes_only_what_it_gives() {
        let before = pass(Some(Grade::Good));
        let incoming = Decision {
            comment: "补充评语".into(),
            ..Decision::default()
        };
        let given = Given {
            comment: true,
            ..Given::default()
        };
        let after = before.merge(&incoming, given);
        assert_eq!(after.grade, Some(Grade::Good));
        assert_eq!(after.outcome, Some(Outcome::Passed));
        assert_eq!(after.comment, "补充评语");
        assert_ne!(after.fingerprint(), before.fingerprint());
        assert_eq!(before.fingerprint(), before.clone().fingerprint());
    }

    #[test]
    fn a_grade_needs_its_assessor() {
        let d = Decision {
            grade: Some(Grade::Good),
            ..Decision::default()
        };
        assert_eq!(
            check(&d, facts(true, 40)),
            vec![("assessor", Problem::Required)]
        );
    }

    #[test]
    fn grades_and_results_read_as_people_write_them() {
        assert_eq!(Grade::read("优 秀"), Ok(Some(Grade::Excellent)));
        assert_eq!(Grade::read("Ｂ"), Ok(Some(Grade::Good)));
        assert_eq!(Grade::read("及格"), Ok(Some(Grade::Pass)));
        assert_eq!(Grade::read("fail"), Ok(Some(Grade::Fail)));
        assert_eq!(Grade::read(" "), Ok(None));
        assert_eq!(Grade::read("95"), Err(Problem::InvalidChoice));
        assert_eq!(Outcome::read("准予结业"), Ok(Some(Outcome::Passed)));
        assert_eq!(Outcome::read("未通过"), Ok(Some(Outcome::Failed)));
        assert_eq!(Outcome::read("未结业"), Ok(Some(Outcome::Incomplete)));
        assert_eq!(Outcome::read("passed"), Ok(Some(Outcome::Passed)));
        assert_eq!(Outcome::read("也许"), Err(Problem::InvalidChoice));
    }

    #[test]
    fn the_minimum_is_a_percentage_from_50_to_100() {
        assert_eq!(MinAttendance::parse("８５%").map(|m| m.percent()), Ok(85));
        assert_eq!(
            MinAttendance::parse("40"),
            Err(Problem::BelowMinimum { min: 50 })
        );
        assert_eq!(MinAttendance::parse("101"), Err(Problem::TooLarge));
        assert_eq!(MinAttendance::parse("八十"), Err(Problem::NotANumber));
    }

    #[test]
    fn parsing_names_each_bad_field() {
        let long = "字".repeat(ASSESSOR_MAX + 1);
        let e = parse("优", &long, "", "也许", "").unwrap_err();
        assert_eq!(
            e,
            vec![
                ("outcome", Problem::InvalidChoice),
                ("assessor", Problem::TooLong { max: ASSESSOR_MAX })
            ]
        );
        let d = parse("excellent", "王教授", "立意清晰", "passed", "").unwrap();
        assert_eq!(d.grade, Some(Grade::Excellent));
        assert_eq!(d.outcome, Some(Outcome::Passed));
    }
}
