//! Spot check draws (server only).

use sqlx::AnyConnection;

use crate::domain::spot_check::SpotScope;

/// The programme ids of `year` a draw takes from, sorted: those ended
/// before `today` (YYYY-MM-DD) or all of them.
pub async fn population(
    conn: &mut AnyConnection,
    year: i32,
    scope: SpotScope,
    today: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let ended = i64::from(scope == SpotScope::Ended);
    sqlx::query_scalar(
        "SELECT id FROM programmes WHERE year = $1 AND ($2 = 0 OR end_date < $3) ORDER BY id",
    )
    .bind(i64::from(year))
    .bind(ended)
    .bind(today)
    .fetch_all(conn)
    .await
}

/// Plan years with programmes, newest first.
pub async fn years(conn: &mut AnyConnection) -> Result<Vec<i32>, sqlx::Error> {
    let years: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT year FROM programmes ORDER BY year DESC")
            .fetch_all(conn)
            .await?;
    Ok(years
        .into_iter()
        .filter_map(|y| i32::try_from(y).ok())
        .collect())
}

/// The newest plan year with a programme ended before `today`.
pub async fn newest_ended_year(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<Option<i32>, sqlx::Error> {
    let year: Option<i64> =
        sqlx::query_scalar("SELECT MAX(year) FROM programmes WHERE end_date < $1")
            .bind(today)
            .fetch_one(conn)
            .await?;
    Ok(year.and_then(|y| i32::try_from(y).ok()))
}

pub struct NewDraw<'a> {
    pub year: i32,
    pub scope: SpotScope,
    pub population: &'a [i64],
    pub sample_size: usize,
    pub seed: u64,
    pub sample: &'a [i64],
    pub note: &'a str,
}

pub async fn insert(
    conn: &mut AnyConnection,
    d: &NewDraw<'_>,
    by: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    use crate::domain::spot_check::ids_text;
    sqlx::query_scalar(
        "INSERT INTO spot_checks (year, scope, population, population_size, sample_size, \
         seed, sample, note, drawn_by, drawn_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(i64::from(d.year))
    .bind(d.scope.as_str())
    .bind(ids_text(d.population))
    .bind(d.population.len() as i64)
    .bind(d.sample_size as i64)
    .bind(d.seed.to_string())
    .bind(ids_text(d.sample))
    .bind(d.note)
    .bind(by)
    .bind(at)
    .fetch_one(conn)
    .await
}

#[derive(sqlx::FromRow)]
pub struct DrawRow {
    pub id: i64,
    pub year: i64,
    pub scope: String,
    pub population: String,
    pub sample_size: i64,
    pub seed: String,
    pub sample: String,
    pub note: String,
    pub drawn_by: String,
    pub drawn_at: i64,
}

/// Every draw, newest first.
pub async fn draws(conn: &mut AnyConnection) -> Result<Vec<DrawRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.year, s.scope, s.population, s.sample_size, s.seed, s.sample, s.note, \
         a.display_name AS drawn_by, s.drawn_at \
         FROM spot_checks s JOIN accounts a ON a.id = s.drawn_by ORDER BY s.id DESC",
    )
    .fetch_all(conn)
    .await
}
