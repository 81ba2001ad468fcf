//! SQL for programme preparation, by concept.

mod filings;
mod lecturers;
mod schedule;

pub use filings::*;
pub use lecturers::*;
pub use schedule::*;
