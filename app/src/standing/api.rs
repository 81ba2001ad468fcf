use leptos::prelude::*;

use super::Standing;
use crate::error::AppError;

#[server(endpoint = "list_standing")]
pub async fn list_standing() -> Result<Standing, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_STANDING).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(Standing {
        disqualifications: super::repo::disqualifications(&mut conn).await?,
        commendations: super::repo::commendations(&mut conn).await?,
        orgs: super::repo::orgs(&mut conn).await?,
    })
}

/// R17 → R2: the unit may not propose from `from_date` to `until_date`.
#[server(endpoint = "disqualify")]
pub async fn disqualify(
    org_id: String,
    from_date: String,
    until_date: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::{parse_date, required_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DISQUALIFY).await?;
    let mut p = Problems::default();
    let from = p.check("from_date", parse_date(&from_date));
    let until = p.check("until_date", parse_date(&until_date));
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            p.push("until_date", Problem::EndBeforeStart);
        }
    }
    let reason = p.check("reason", required_text(&reason, super::REASON_MAX));
    let mut tx = caller.state.db.write().await?;
    let org = ssr::org_choice(&mut tx, &org_id, &mut p).await?;
    p.into_result()?;
    let (Some(org), Some(from), Some(until), Some(reason)) = (org, from, until, reason) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    super::repo::insert_disqualification(
        &mut tx,
        org,
        &from.to_string(),
        &until.to_string(),
        &reason,
        Some(caller.user.id),
        at,
    )
    .await?;
    let detail = format!("{from} – {until}: {reason}");
    caller
        .audit(
            &mut tx,
            "unit_disqualified",
            "organisation",
            org,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/standing");
    Ok(())
}

/// R18: commended for `year`, so supported in the next year's selection.
#[server(endpoint = "commend")]
pub async fn commend(org_id: String, year: String, note: String) -> Result<(), AppError> {
    use crate::domain::required_text;
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::COMMEND).await?;
    let mut p = Problems::default();
    let year = p.check("year", crate::domain::parse_year(&year));
    let note = p.check("note", required_text(&note, super::REASON_MAX));
    let mut tx = caller.state.db.write().await?;
    let org = ssr::org_choice(&mut tx, &org_id, &mut p).await?;
    p.into_result()?;
    let (Some(org), Some(year), Some(note)) = (org, year, note) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    super::repo::insert_commendation(&mut tx, org, year, &note, Some(caller.user.id), at)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict => AppError::field("year", Problem::Taken),
            other => other,
        })?;
    caller
        .audit(
            &mut tx,
            "unit_commended",
            "organisation",
            org,
            &format!("{year}: {note}"),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/standing");
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::{Problem, Problems};

    /// The chosen declaring unit or host institution, if it is one.
    pub async fn org_choice(
        conn: &mut sqlx::AnyConnection,
        raw: &str,
        p: &mut Problems,
    ) -> Result<Option<i64>, sqlx::Error> {
        let org = raw.trim().parse::<i64>().ok();
        let ok = match org {
            Some(id) => super::super::repo::org_is_unit_or_institution(conn, id).await?,
            None => false,
        };
        if !ok {
            p.push("org_id", Problem::InvalidChoice);
        }
        Ok(org.filter(|_| ok))
    }
}
