//! The rotating check-in code: a link to `/checkin/{course}/{step}/{sig}`,
//! signed with a key derived from the data key, so only this server makes
//! codes and a code names one course and one 30-second step.

use crate::domain::checkin::step_at;
use crate::server::crypto::{DataKeys, Purpose};

/// 80 bits of signature: unguessable within a step's life.
const SIG_HEX: usize = 20;

pub fn signature(keys: &DataKeys, course: i64, step: i64) -> String {
    let mut s = keys.lookup(Purpose::CheckIn, &format!("{course}:{step}"));
    s.truncate(SIG_HEX);
    s
}

/// Whether `sig` is this server's signature of (course, step), compared in
/// time that does not depend on where the first wrong character is.
pub fn verify(keys: &DataKeys, course: i64, step: i64, sig: &str) -> bool {
    let good = signature(keys, course, step);
    good.len() == sig.len()
        && good
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The path the code shown at `at` opens.
pub fn path(keys: &DataKeys, course: i64, at: i64) -> String {
    let step = step_at(at);
    format!("/checkin/{course}/{step}/{}", signature(keys, course, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_names_its_course_and_step() {
        let keys = DataKeys::new(&DataKeys::generate(), &[]).unwrap();
        let s = signature(&keys, 7, 100);
        assert_eq!(s.len(), SIG_HEX);
        assert!(verify(&keys, 7, 100, &s));
        assert!(!verify(&keys, 8, 100, &s));
        assert!(!verify(&keys, 7, 101, &s));
        assert!(!verify(&keys, 7, 100, &s[..19]));
        assert!(path(&keys, 7, 3000).starts_with("/checkin/7/100/"));
    }
}
