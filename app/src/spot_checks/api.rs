use leptos::prelude::*;

use super::SpotChecksView;
use crate::error::AppError;

/// Every draw with its sample, each run again from its seed and
/// population to show it stands.
#[server(endpoint = "spot_checks")]
pub async fn spot_checks() -> Result<SpotChecksView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SPOT_CHECKS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let years = super::repo::years(&mut conn).await?;
    // The form offers the newest year with an ended programme first.
    let today = crate::domain::shanghai_date(caller.now()).to_string();
    let ended = super::repo::newest_ended_year(&mut conn, &today).await?;
    Ok(SpotChecksView {
        draws: ssr::draws(&mut conn).await?,
        first_year: ended.or(years.first().copied()),
        years,
    })
}

/// Draws `sample_size` programmes of `year` (those ended before today, or
/// all), by a seed the server makes. The population, the seed and the
/// sample are kept and audited; nothing of the draw can be chosen but
/// what it is drawn from and how many.
#[server(endpoint = "draw_spot_check")]
pub async fn draw_spot_check(
    #[server(default)] year: String,
    scope: String,
    sample_size: String,
    #[server(default)] note: String,
) -> Result<i64, AppError> {
    use crate::domain::spot_check::{draw, ids_text, sample_size as size, SpotScope};
    use crate::domain::{optional_text, shanghai_date};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DRAW_SPOT_CHECK).await?;
    let mut p = Problems::default();
    let year = p.check(
        "year",
        year.trim()
            .parse::<i32>()
            .map_err(|_| Problem::InvalidChoice),
    );
    let scope = p.check(
        "scope",
        SpotScope::parse(scope.trim()).ok_or(Problem::InvalidChoice),
    );
    let n = p.check("sample_size", size(&sample_size));
    let note = p.check("note", optional_text(&note, super::NOTE_MAX));
    p.into_result()?;
    let (Some(year), Some(scope), Some(n), Some(note)) = (year, scope, n, note) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let today = shanghai_date(at).to_string();
    let mut tx = caller.state.db.write().await?;
    let population = super::repo::population(&mut tx, year, scope, &today).await?;
    if population.is_empty() {
        return Err(AppError::field("year", Problem::EmptyPopulation));
    }
    if n > population.len() {
        return Err(AppError::field(
            "sample_size",
            Problem::SampleTooLarge {
                population: u32::try_from(population.len()).unwrap_or(u32::MAX),
            },
        ));
    }
    let seed = ssr::seed();
    let sample = draw(&population, n, seed);
    let new = super::repo::NewDraw {
        year,
        scope,
        population: &population,
        sample_size: n,
        seed,
        sample: &sample,
        note: &note,
    };
    let id = super::repo::insert(&mut tx, &new, caller.user.id, at).await?;
    let detail = format!(
        "{year} {}: {n} / {}, seed {seed}, sample {}",
        scope.as_str(),
        population.len(),
        ids_text(&sample)
    );
    caller
        .audit(&mut tx, "spot_check_drawn", "spot_check", id, &detail, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/spot-checks?done=spot_check_drawn");
    Ok(id)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use std::collections::HashMap;

    use sqlx::AnyConnection;

    use super::super::{repo, DrawView, Sampled};
    use crate::domain::spot_check::{parse_ids, verify, SpotScope};
    use crate::error::AppError;
    use crate::plan::repo::Scope;

    /// A seed no one chooses.
    pub fn seed() -> u64 {
        use chacha20poly1305::aead::rand_core::RngCore;
        chacha20poly1305::aead::OsRng.next_u64()
    }

    pub async fn draws(conn: &mut AnyConnection) -> Result<Vec<DrawView>, AppError> {
        let rows = repo::draws(conn).await?;
        // The sampled programmes, by the years drawn from.
        let mut programmes: HashMap<i64, Sampled> = HashMap::new();
        let mut years: Vec<i64> = rows.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        for year in years {
            let year = i32::try_from(year).map_err(|_| AppError::Internal)?;
            for g in crate::plan::repo::list(conn, Some(year), Scope::All, true).await? {
                programmes.insert(
                    g.id,
                    Sampled {
                        id: g.id,
                        topic: g.topic,
                        unit: g.unit_name,
                        institution: g.institution_name,
                        end_date: g.end_date,
                    },
                );
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let population = parse_ids(&r.population).ok_or(AppError::Internal)?;
            let sample = parse_ids(&r.sample).ok_or(AppError::Internal)?;
            let size = usize::try_from(r.sample_size).map_err(|_| AppError::Internal)?;
            out.push(DrawView {
                id: r.id,
                year: i32::try_from(r.year).map_err(|_| AppError::Internal)?,
                scope: SpotScope::parse(&r.scope).ok_or(AppError::Internal)?,
                verified: verify(&population, size, &r.seed, &sample),
                sample: sample
                    .iter()
                    .filter_map(|id| programmes.get(id).cloned())
                    .collect(),
                population,
                sample_size: r.sample_size,
                seed: r.seed,
                note: r.note,
                drawn_by: r.drawn_by,
                drawn_at: r.drawn_at,
            });
        }
        Ok(out)
    }
}
