//! What a survey's answers add up to, and when they may be shown: only
//! from five answers, once the survey has closed.

use serde::{Deserialize, Serialize};

use super::SurveyState;

/// Answers before statistics are shown: fewer could point at a person.
pub const MIN_ANSWERS_FOR_STATS: i64 = 5;

/// A scored item's figures: how many answered, the mean, and how many
/// gave each score (index 0 is score 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreStats {
    pub count: i64,
    pub sum: i64,
    pub by_score: [i64; 5],
}

impl ScoreStats {
    pub fn from_counts(counts: &[(i64, i64)]) -> ScoreStats {
        let mut s = ScoreStats::default();
        for &(score, n) in counts {
            if (1..=5).contains(&score) {
                s.by_score[(score - 1) as usize] += n;
                s.count += n;
                s.sum += score * n;
            }
        }
        s
    }

    /// The mean to two decimals, rounded half up: "4.25".
    pub fn mean_text(&self) -> String {
        if self.count == 0 {
            return "—".to_owned();
        }
        let hundredths = (self.sum * 200 + self.count) / (self.count * 2);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }

    /// Satisfied or very satisfied, as a percentage to one decimal.
    pub fn satisfied_text(&self) -> String {
        if self.count == 0 {
            return "—".to_owned();
        }
        let tenths = ((self.by_score[3] + self.by_score[4]) * 2000 + self.count) / (self.count * 2);
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// Whether statistics may be shown: from five answers, and only once the
/// survey has closed. Figures that move while it is open would give away
/// each new answer to anyone comparing one view with the next.
pub fn stats_shown(state: Option<SurveyState>, answers: i64) -> bool {
    state == Some(SurveyState::Closed) && answers >= MIN_ANSWERS_FOR_STATS
}

/// Whether a closed survey may open again: not once its statistics can
/// be read, for the same reason.
pub fn may_reopen(answers: i64) -> bool {
    answers < MIN_ANSWERS_FOR_STATS
}

/// Whether the survey may open on `today` (ISO dates): from the
/// programme's first day.
pub fn may_open(today: &str, start: &str) -> bool {
    today >= start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_and_shares_round_half_up() {
        // 5,5,4,3 → 17/4 = 4.25; satisfied 3 of 4 = 75.0%.
        let s = ScoreStats::from_counts(&[(5, 2), (4, 1), (3, 1)]);
        assert_eq!((s.count, s.by_score), (4, [0, 0, 1, 1, 2]));
        assert_eq!(s.mean_text(), "4.25");
        assert_eq!(s.satisfied_text(), "75.0%");
        // 2/3 = 0.6667 → 66.7%; (5+4+4)/3 = 4.333 → 4.33.
        let t = ScoreStats::from_counts(&[(5, 1), (4, 2)]);
        assert_eq!(t.mean_text(), "4.33");
        let u = ScoreStats::from_counts(&[(5, 2), (1, 1)]);
        assert_eq!(u.satisfied_text(), "66.7%");
        assert_eq!(ScoreStats::default().mean_text(), "—");
    }

    #[test]
    fn statistics_wait_for_five_answers_and_the_close() {
        let closed = Some(SurveyState::Closed);
        assert!(!stats_shown(closed, 4));
        assert!(stats_shown(closed, 5));
        assert!(!stats_shown(Some(SurveyState::Open), 30));
        assert!(may_reopen(4));
        assert!(!may_reopen(5));
    }

    #[test]
    fn it_opens_from_the_first_day() {
        assert!(!may_open("2026-11-30", "2026-12-01"));
        assert!(may_open("2026-12-01", "2026-12-01"));
    }
}
