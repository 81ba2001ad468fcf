//! Random spot checks (R16): a draw by the server's seed, recorded with
//! its population, that verifies again on every reading; the seed kept as
//! text whatever its size; the sample bounded by the population; only the
//! province's staff draw.

use app::domain::spot_check::draw;
use app::error::{AppError, Problem};
use app::spot_checks::SpotChecksView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    a_draw_is_recorded_and_verifies_again_from_its_seed,
    a_draw_takes_only_what_its_population_holds,
);

async fn view(c: &mut Client) -> SpotChecksView {
    let r = c.call("spot_checks", &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn draw_as(c: &mut Client, year: &str, scope: &str, n: &str) -> Result<i64, AppError> {
    let form = [
        ("year", year),
        ("scope", scope),
        ("sample_size", n),
        ("note", "专项抽查"),
    ];
    let r = c.call("draw_spot_check", &form).await;
    match r.error() {
        Some(e) => Err(e),
        None => Ok(r.json()),
    }
}

async fn a_draw_is_recorded_and_verifies_again_from_its_seed(app: TestApp) {
    // The year with the most programmes (the demo's dates move with today).
    let year = app
        .count("SELECT year FROM programmes GROUP BY year ORDER BY COUNT(*) DESC, year LIMIT 1")
        .await;
    let y = year.to_string();
    let everyone = app
        .count(&format!(
            "SELECT COUNT(*) FROM programmes WHERE year = {year}"
        ))
        .await;
    let n = everyone.min(3) as usize;
    let mut inspector = app.signed_in("inspector").await;
    let id = draw_as(&mut inspector, &y, "all", &n.to_string())
        .await
        .unwrap();
    let v = view(&mut inspector).await;
    let d = v.draws.iter().find(|d| d.id == id).unwrap();
    assert!(d.verified);
    assert_eq!(d.sample.len(), n);
    assert_eq!(d.population.len() as i64, everyone);
    // Anyone may run it again from what the page shows.
    let seed: u64 = d.seed.parse().unwrap();
    let ids: Vec<i64> = d.sample.iter().map(|g| g.id).collect();
    assert_eq!(draw(&d.population, n, seed), ids);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'spot_check_drawn' \
             AND target_id = '{id}' AND detail LIKE '%seed {seed}%'"
        ))
        .await,
        1
    );

    // A seed past what a signed 64-bit integer holds is kept as text on
    // either backend, and the draw still verifies; an altered sample
    // does not.
    let big = u64::MAX;
    let sample = draw(&d.population, n, big);
    let text = sample
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query("UPDATE spot_checks SET seed = $1, sample = $2 WHERE id = $3")
        .bind(big.to_string())
        .bind(&text)
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let v = view(&mut inspector).await;
    let d = v.draws.iter().find(|d| d.id == id).unwrap();
    assert!(d.verified);
    assert_eq!(d.seed, "18446744073709551615");
    // Another seed's sample in its place (or the same ids reordered).
    let mut reordered = draw(&d.population, n, 7);
    if reordered == sample {
        reordered.reverse();
    }
    assert_ne!(reordered, sample, "a population of one cannot be altered");
    sqlx::query("UPDATE spot_checks SET sample = $1 WHERE id = $2")
        .bind(
            reordered
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        )
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let v = view(&mut inspector).await;
    assert!(!v.draws.iter().find(|d| d.id == id).unwrap().verified);

    // The admin reads and draws too; the programmes' own organisations do
    // neither.
    let mut admin = app.signed_in("admin").await;
    assert!(view(&mut admin).await.draws.iter().any(|d| d.id == id));
    let mut unit = app.signed_in("unit").await;
    assert_eq!(
        unit.call("spot_checks", &[]).await.error(),
        Some(AppError::Forbidden)
    );
    assert_eq!(
        draw_as(&mut unit, &y, "all", "1").await,
        Err(AppError::Forbidden)
    );
}

async fn a_draw_takes_only_what_its_population_holds(app: TestApp) {
    let today = app::domain::shanghai_date(app::server::now()).to_string();
    // The newest year with an ended programme: the form offers it first.
    let year = app
        .count(&format!(
            "SELECT MAX(year) FROM programmes WHERE end_date < '{today}'"
        ))
        .await;
    let y = year.to_string();
    let ended = app
        .count(&format!(
            "SELECT COUNT(*) FROM programmes WHERE year = {year} AND end_date < '{today}'"
        ))
        .await;
    assert!(ended > 0, "the demo has ended programmes this year");
    let mut admin = app.signed_in("admin").await;
    assert_eq!(view(&mut admin).await.first_year, Some(year as i32));
    let before = app.count("SELECT COUNT(*) FROM spot_checks").await;
    let too_many = (ended + 1).to_string();
    assert_eq!(
        draw_as(&mut admin, &y, "ended", &too_many).await,
        Err(AppError::field(
            "sample_size",
            Problem::SampleTooLarge {
                population: ended as u32
            }
        ))
    );
    assert_eq!(
        draw_as(&mut admin, "1999", "all", "1").await,
        Err(AppError::field("year", Problem::EmptyPopulation))
    );
    assert_eq!(
        draw_as(&mut admin, &y, "ended", "两个").await,
        Err(AppError::field("sample_size", Problem::NotANumber))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM spot_checks").await, before);

    // All of the ended ones (full-width digits as typed): the population
    // is exactly those ended before today.
    let all: String = ended
        .to_string()
        .chars()
        .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
        .collect();
    let id = draw_as(&mut admin, &y, "ended", &all).await.unwrap();
    let v = view(&mut admin).await;
    let d = v.draws.iter().find(|d| d.id == id).unwrap();
    assert_eq!(d.population.len() as i64, ended);
    assert!(d.sample.iter().all(|g| g.end_date < today));
    let mut sorted: Vec<i64> = d.sample.iter().map(|g| g.id).collect();
    sorted.sort_unstable();
    assert_eq!(sorted, d.population);
}
