//! Random spot checks (Art. 19, R16): a sample drawn from a population of
//! programmes so that anyone may re-run it. The draw depends only on the
//! recorded seed and the population as a set (its order is irrelevant):
//! the ids are sorted, then a partial Fisher-Yates shuffle takes the
//! sample, driven by SplitMix64 from the seed. No library's generator is
//! used, so a dependency upgrade can never change a recorded draw.

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
        let mut distinct = a.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 6);
        assert!(a.iter().all(|x| p.contains(x)));
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
