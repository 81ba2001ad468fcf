//! Random spot checks (Art. 19, R16): the admin or an inspector draws a
//! sample of a year's programmes to inspect. The server makes the seed;
//! the draw keeps the population and the seed, so that anyone who may see
//! it can run it again and get the same sample, and the page does so on
//! every reading.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{draw_spot_check, spot_checks, DrawSpotCheck, SpotChecks};
pub use page::SpotChecksPage;

use serde::{Deserialize, Serialize};

use crate::domain::spot_check::SpotScope;

/// A programme the draw picked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sampled {
    pub id: i64,
    pub topic: String,
    pub unit: String,
    pub institution: String,
    pub end_date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawView {
    pub id: i64,
    pub year: i32,
    pub scope: SpotScope,
    /// The programme ids drawn from, sorted.
    pub population: Vec<i64>,
    pub sample_size: i64,
    /// The seed as decimal text (a u64).
    pub seed: String,
    /// In the order drawn.
    pub sample: Vec<Sampled>,
    pub note: String,
    pub drawn_by: String,
    pub drawn_at: i64,
    /// Running the draw again from its seed and population gives this
    /// sample.
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotChecksView {
    /// Newest first.
    pub draws: Vec<DrawView>,
    /// Plan years with programmes, newest first.
    pub years: Vec<i32>,
    /// The year the form offers first: the newest with an ended programme.
    pub first_year: Option<i32>,
}

/// A draw's note is at most this long.
pub const NOTE_MAX: usize = 200;
