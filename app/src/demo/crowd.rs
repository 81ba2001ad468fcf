//! A crowd for the benchmark (`gaoyan crowd N`, see BENCHMARKS.md): N more
//! trainees admitted to the demo programme whose survey is open, each with
//! an activated account (the demo password), so that a load test can sign
//! them in, check them in and have them answer the survey at once.
//!
//! Not demo data: a province's busiest day brings hundreds of trainees
//! across its programmes, and this one programme stands in for them, so
//! the admission here passes over the planned number (R7) that its 40
//! places would set. Everything else is as admission leaves it: sealed
//! identity and mobile numbers, one account per person.

use chrono::{Days, NaiveDate};

use crate::domain::{DisplayName, Gender, IdNumber, Mobile, TraineeTitle};
use crate::enrollment::input::Applicant;
use crate::enrollment::EnrollmentStatus;
use crate::server::AppState;

fn applicant(i: usize) -> Result<Applicant, String> {
    let base = NaiveDate::from_ymd_opt(1975, 1, 1).unwrap_or_default();
    let birth = base
        .checked_add_days(Days::new((i / 800) as u64))
        .unwrap_or(base)
        .format("%Y%m%d")
        .to_string();
    let id = super::cohort::id_number("130102", &birth, (i % 800 + 100) as u32);
    let id_number = IdNumber::parse(&id).map_err(|p| format!("{id}: {p:?}"))?;
    let gender: Gender = id_number.gender();
    Ok(Applicant {
        name: DisplayName::parse(&format!("压测学员{i:04}")).map_err(|p| format!("{p:?}"))?,
        gender,
        id_number,
        mobile: Mobile::parse(&format!("157{i:08}")).map_err(|p| format!("{p:?}"))?,
        employer: "河北省压力测试单位".to_owned(),
        province: "河北省".to_owned(),
        title_level: TraineeTitle::Mid,
    })
}

/// Adds `n` admitted trainees with activated accounts; their sign-in
/// names, one per trainee.
pub async fn add(state: &AppState, n: usize) -> Result<Vec<String>, String> {
    let fail = |e: sqlx::Error| format!("crowd: {e}");
    let hash = crate::server::hashing::hash(state, super::DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| format!("crowd: {e:?}"))?;
    let mut tx = state.db.write().await.map_err(fail)?;
    let programme: i64 = sqlx::query_scalar(
        "SELECT programme_id FROM surveys WHERE state = 'open' ORDER BY programme_id LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| format!("crowd: no open survey (load the demo first): {e}"))?;
    let now = crate::server::now();
    let keys = &state.keys;
    let mut names = Vec::with_capacity(n);
    for i in 0..n {
        let a = applicant(i)?;
        let id = crate::enrollment::repo::insert(&mut tx, keys, programme, None, &a, true, now)
            .await
            .map_err(fail)?;
        crate::enrollment::repo::decide(&mut tx, id, 1, EnrollmentStatus::Admitted, now)
            .await
            .map_err(fail)?;
        let account = match crate::trainee::repo::ensure_account(&mut tx, keys, id, now)
            .await
            .map_err(fail)?
        {
            crate::trainee::repo::Linked::Made(a) | crate::trainee::repo::Linked::Found(a) => a,
            crate::trainee::repo::Linked::Own { account, .. } => account,
        };
        let username: String = sqlx::query_scalar(
            "UPDATE accounts SET password_hash = $1, must_change_password = 0 \
             WHERE id = $2 RETURNING username",
        )
        .bind(&hash)
        .bind(account)
        .fetch_one(&mut *tx)
        .await
        .map_err(fail)?;
        names.push(username);
    }
    tx.commit().await.map_err(fail)?;
    Ok(names)
}
