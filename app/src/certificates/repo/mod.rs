//! The register's and the certificates' SQL, by concept.

mod checks;
mod completions;
mod issued;
mod printed;
mod registers;

pub use checks::{count_check, find, mine, Key, Verified};
pub use completions::{of_year, years, Completion};
pub use issued::{
    certificate, certificates, insert, reissue, revoke, take_serials, taken, NewCertificate,
};
pub use printed::{sheets, Printed};
pub use registers::{
    current, register_by_id, registers, registers_to_review, registers_to_submit, review, submit,
    to_issue,
};
