use std::collections::HashMap;

use leptos::prelude::*;

use super::FeesView;
use crate::error::AppError;

/// Every version of the fee standards, newest first.
#[server(endpoint = "fee_standards")]
pub async fn fee_standards() -> Result<FeesView, AppError> {
    use crate::domain::Role;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::FEE_STANDARDS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(FeesView {
        versions: super::repo::standards(&mut conn).await?,
        today: crate::domain::shanghai_date(caller.now()).to_string(),
        may_edit: caller.user.role == Role::Admin,
    })
}

/// A new version of the standards, taking effect after today: a version
/// that already judges programmes never changes. Every cap is
/// typed in yuan, by its key (`caps[lecture-academician]`). Audited.
#[server(endpoint = "add_fee_standard")]
pub async fn add_fee_standard(
    effective_from: String,
    note: String,
    caps: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::domain::fees::FeeStandard;
    use crate::domain::{optional_text, parse_date, Fen};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::ADD_FEE_STANDARD).await?;
    let at = caller.now();
    let today = crate::domain::shanghai_date(at);
    let mut p = Problems::default();
    let from = p.check("effective_from", parse_date(&effective_from));
    // Today's programmes may already have lines judged by today's version.
    if from.is_some_and(|f| f <= today) {
        p.push("effective_from", Problem::InPast);
    }
    let note = p.check("note", optional_text(&note, super::NOTE_MAX));
    let caps = caps.unwrap_or_default();
    let standard = FeeStandard::from_items(from.unwrap_or(today), |k| {
        match caps.get(k).map(|s| s.trim()).unwrap_or("") {
            "" => Err(Problem::Required),
            typed => Fen::parse_yuan(typed),
        }
    });
    let standard = match standard {
        Ok(s) => Some(s),
        Err(list) => {
            for (key, problem) in list {
                p.push(key, problem);
            }
            None
        }
    };
    p.into_result()?;
    let (Some(standard), Some(note)) = (standard, note) else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let id = super::repo::insert_standard(&mut tx, &standard, &note, caller.user.id, at)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict => AppError::field("effective_from", Problem::Taken),
            other => other,
        })?;
    let detail = format!("{} {}", standard.effective_from, note);
    caller
        .audit(
            &mut tx,
            "fee_standard_added",
            "fee_standard",
            id,
            detail.trim(),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/fees?done=fee_standard_added");
    Ok(())
}

/// Withdraws a version before it takes effect (a mistyped cap, a notice
/// withdrawn): one already in force judges programmes and stays. Audited
/// with its date.
#[server(endpoint = "withdraw_fee_standard")]
pub async fn withdraw_fee_standard(id: i64) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::WITHDRAW_FEE_STANDARD).await?;
    let at = caller.now();
    let today = crate::domain::shanghai_date(at).to_string();
    let mut tx = caller.state.db.write().await?;
    // In force, superseded or unknown: nothing to withdraw.
    let (from, note) = super::repo::upcoming_standard(&mut tx, id, &today)
        .await?
        .ok_or(AppError::NotFound)?;
    // Lines entered for a programme starting from that day are judged by
    // it already; withdrawing would judge them again by another.
    if super::repo::spending_from(&mut tx, &from).await? {
        return Err(AppError::field(
            "standard",
            crate::error::Problem::StandardInUse,
        ));
    }
    // What the version said goes into the record with it.
    let caps: Vec<String> = super::repo::standards(&mut tx)
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .map(|v| {
            v.standard
                .items()
                .into_iter()
                .map(|(k, f)| format!("{k}={}", f.yuan_text()))
                .collect()
        })
        .unwrap_or_default();
    super::repo::delete_standard(&mut tx, id).await?;
    let detail = format!("{from} {note} [{}]", caps.join(" "));
    caller
        .audit(
            &mut tx,
            "fee_standard_withdrawn",
            "fee_standard",
            id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/fees?done=fee_standard_withdrawn");
    Ok(())
}
