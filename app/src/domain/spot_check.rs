//! Random spot checks (Art. 19, R16): a sample drawn from a population of
//! programmes so that anyone may re-run it. The draw depends only on the
//! recorded seed and the population as a set (its order is irrelevant):
//! the ids are sorted, then a partial Fisher-Yates shuffle takes the
//! sample, driven by SplitMix64 from the seed. No library's generator is
//! used, so a dependency upgrade can never change a recorded draw.

use serde::{Deserialize, Serialize};

use crate::error::Problem;

/// SplitMix64: small, fast, and fully specified.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next();
            if x < zone {
                return x % n;
            }
        }
    }
}

/// `size` ids of `population` (all of them if it is smaller), in the
/// order drawn.
pub fn draw(population: &[i64], size: usize, seed: u64) -> Vec<i64> {
    let mut ids = population.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let take = size.min(ids.len());
    let mut rng = SplitMix64(seed);
    for i in 0..take {
        let j = i + rng.below((ids.len() - i) as u64) as usize;
        ids.swap(i, j);
    }
    ids.truncate(take);
    ids
}

/// Which programmes of a year a draw is taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpotScope {
    /// Those ended before the day of the draw (their spending and closing
    /// can be checked).
    Ended,
    /// Every programme of the year's plan.
    All,
}

impl SpotScope {
    pub const ALL: [SpotScope; 2] = [SpotScope::Ended, SpotScope::All];

    pub fn as_str(self) -> &'static str {
        match self {
            SpotScope::Ended => "ended",
            SpotScope::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<SpotScope> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The largest sample one draw takes.
pub const SAMPLE_MAX: usize = 500;

/// A sample size as typed (full-width digits too): 1 to `SAMPLE_MAX`.
pub fn sample_size(raw: &str) -> Result<usize, Problem> {
    let folded = super::fold_width(raw);
    let n: usize = super::number_text_unsigned(&folded)?
        .parse()
        .map_err(|_| Problem::NotANumber)?;
    if n == 0 {
        return Err(Problem::BelowMinimum { min: 1 });
    }
    if n > SAMPLE_MAX {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// Ids as stored: comma-separated, in order.
pub fn ids_text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Ids as stored; `None` for a damaged list.
pub fn parse_ids(s: &str) -> Option<Vec<i64>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|x| x.parse().ok()).collect()
}

/// Whether a recorded draw is what the seed and population give: anyone
/// may run it again.
pub fn verify(population: &[i64], size: usize, seed: &str, sample: &[i64]) -> bool {
    seed.parse::<u64>()
        .is_ok_and(|seed| draw(population, size, seed) == sample)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn population() -> Vec<i64> {
        (1..=60).map(|i| i * 7).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_sample_whatever_the_order() {
        let p = population();
        let mut reversed = p.clone();
        reversed.reverse();
        let a = draw(&p, 6, 20261202);
        assert_eq!(a.len(), 6);
        assert_eq!(a, draw(&reversed, 6, 20261202));
        assert_eq!(a, draw(&p, 6, 20261202));
        // Another seed, another sample.
        assert_ne!(a, draw(&p, 6, 20261203));
        let mut distinct = a.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 6);
        assert!(a.iter().all(|x| p.contains(x)));
    }

    #[test]
    fn a_seed_past_what_a_signed_integer_holds_verifies_from_its_text() {
        let p = population();
        let seed = u64::MAX - 6;
        let sample = draw(&p, 5, seed);
        let text = seed.to_string();
        assert!(verify(&p, 5, &text, &sample));
        assert!(!verify(&p, 5, "1", &sample));
        assert!(!verify(&p, 4, &text, &sample));
        assert!(!verify(&p, 5, "not a seed", &sample));
        assert_eq!(parse_ids(&ids_text(&sample)), Some(sample));
        assert_eq!(parse_ids("1,x"), None);
    }

    #[test]
    fn a_sample_size_is_a_whole_number_up_to_the_limit() {
        assert_eq!(sample_size(" ５ "), Ok(5));
        assert_eq!(sample_size(""), Err(Problem::Required));
        assert_eq!(sample_size("0"), Err(Problem::BelowMinimum { min: 1 }));
        assert_eq!(sample_size("-1"), Err(Problem::Negative));
        assert_eq!(sample_size("2.5"), Err(Problem::NotANumber));
        assert_eq!(sample_size("501"), Err(Problem::TooLarge));
        assert_eq!(SpotScope::parse("ended"), Some(SpotScope::Ended));
    }

    #[test]
    fn another_seed_gives_another_sample() {
        let p = population();
        assert_ne!(draw(&p, 6, 1), draw(&p, 6, 2));
    }

    #[test]
    fn a_recorded_draw_never_changes() {
        // Pinned: a change here would make recorded draws unverifiable.
        assert_eq!(
            draw(&population(), 6, 20261202),
            [224, 385, 161, 371, 56, 147]
        );
        assert_eq!(draw(&[5, 4, 3, 2, 1], 5, 0), [1, 2, 4, 3, 5]);
        // A sample as large as the population is all of it; none is none.
        assert_eq!(draw(&[10, 20, 30], 5, 42).len(), 3);
        assert!(draw(&[10, 20, 30], 0, 42).is_empty());
        assert!(draw(&[], 3, 42).is_empty());
    }
}
