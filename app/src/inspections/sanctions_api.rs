use leptos::prelude::*;

use crate::error::AppError;

/// The province sanctions the programme's unit for an inspection's
/// finding (Art. 21, R17): a warning, funds to recover, or a
/// disqualification from `from_date` to `until_date`, which refuses the
/// unit's proposals in that period (R2) and shows on its standing.
#[server(endpoint = "sanction")]
pub async fn sanction(
    inspection_id: i64,
    kind: String,
    amount: String,
    from_date: String,
    until_date: String,
    reason: String,
) -> Result<i64, AppError> {
    use crate::domain::inspection::{terms, SanctionKind};
    use crate::domain::{parse_date, required_text, Fen};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SANCTION).await?;
    let mut p = Problems::default();
    let kind = match kind.trim() {
        "" => {
            p.push("kind", Problem::Required);
            None
        }
        raw => p.check(
            "kind",
            SanctionKind::parse(raw).ok_or(Problem::InvalidChoice),
        ),
    };
    // A disqualification's reason is quoted when a proposal is refused:
    // as short as the standing page's.
    let reason = p.check(
        "reason",
        required_text(&reason, crate::standing::REASON_MAX),
    );
    // Each field is read only for the kind that has it.
    let given = |raw: &str| !raw.trim().is_empty();
    let amount = match kind {
        Some(SanctionKind::Recovery) if given(&amount) => {
            p.check("amount", Fen::parse_yuan(&amount)).map(Some)
        }
        _ => Some(None),
    };
    let date = |p: &mut Problems, field: &str, raw: &str| match kind {
        Some(SanctionKind::Disqualification) if given(raw) => {
            p.check(field, parse_date(raw)).map(Some)
        }
        _ => Some(None),
    };
    let from = date(&mut p, "from_date", &from_date);
    let until = date(&mut p, "until_date", &until_date);
    let terms = match (kind, amount, from, until) {
        (Some(k), Some(a), Some(f), Some(u)) => p.check_all(terms(
            k,
            a,
            f,
            u,
            crate::domain::shanghai_date(caller.now()),
        )),
        _ => None,
    };
    p.into_result()?;
    let (Some(terms), Some(reason)) = (terms, reason) else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let found = super::api::scoped(&mut tx, &caller, inspection_id).await?;
    if found.findings.is_empty() {
        // Nothing was found: there is nothing to sanction.
        return Err(AppError::WrongState);
    }
    let g = super::api::programme(&mut tx, &caller, found.programme_id).await?;
    let at = caller.now();
    let disqualification = match terms.period {
        Some((f, u)) => Some(
            crate::standing::repo::insert_disqualification(
                &mut tx,
                g.unit_id,
                &f.to_string(),
                &u.to_string(),
                &format!("{}：{reason}", g.topic),
                Some(caller.user.id),
                at,
            )
            .await?,
        ),
        None => None,
    };
    let new = super::repo::NewSanction {
        inspection: inspection_id,
        org: g.unit_id,
        kind: terms.kind,
        amount: terms.amount.fen(),
        disqualification,
        reason: &reason,
        by: caller.user.id,
    };
    let id = super::repo::insert_sanction(&mut tx, &new, at).await?;
    let mut detail = format!("#{inspection_id} {}", terms.kind.as_str());
    if terms.amount.fen() > 0 {
        detail.push_str(&format!(" {} yuan", terms.amount.yuan_text()));
    }
    if let Some((f, u)) = terms.period {
        detail.push_str(&format!(" {f} – {u}"));
    }
    detail.push_str(&format!(": {reason}"));
    // The organisation's own history shows it as the standing page's
    // disqualifications do.
    if let Some((f, u)) = terms.period {
        let detail = format!("{f} – {u}: {}：{reason}", g.topic);
        caller
            .audit(
                &mut tx,
                "unit_disqualified",
                "organisation",
                g.unit_id,
                &detail,
                at,
            )
            .await?;
    }
    super::api::Settled::new("unit_sanctioned", g.id, "sanctioned")
        .settle(tx, &caller, &detail, at)
        .await?;
    Ok(id)
}

/// Records a sum recovered for a sanction; never more than is owed. Two
/// sums recorded at once: one is counted, the other refused to be entered
/// again.
#[server(endpoint = "record_recovery")]
pub async fn record_recovery(sanction: String, amount: String) -> Result<(), AppError> {
    use crate::domain::inspection::{recovered, SanctionKind};
    use crate::domain::Fen;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::RECORD_RECOVERY).await?;
    // "12:6000": the sanction, and the sum recovered the page showed.
    let (sanction_id, seen) = sanction
        .split_once(':')
        .and_then(|(id, seen)| Some((id.parse::<i64>().ok()?, seen.parse::<i64>().ok()?)))
        .ok_or_else(|| AppError::field("sanction", crate::error::Problem::InvalidChoice))?;
    let add = Fen::parse_yuan(&amount).map_err(|p| AppError::field("amount", p))?;
    let mut tx = caller.state.db.write().await?;
    let (programme, kind, owed, so_far) = super::repo::recovery(&mut tx, sanction_id)
        .await?
        .ok_or(AppError::NotFound)?;
    super::api::programme(&mut tx, &caller, programme).await?;
    if SanctionKind::parse(&kind) != Some(SanctionKind::Recovery) {
        return Err(AppError::WrongState);
    }
    // The page showed another sum: it is out of date, and this receipt
    // may be one already counted.
    if so_far != seen {
        return Err(AppError::Conflict);
    }
    let fen = |n: i64| Fen::from_fen(n).map_err(|_| AppError::Internal);
    let total =
        recovered(fen(so_far)?, add, fen(owed)?).map_err(|p| AppError::field("amount", p))?;
    if !super::repo::set_recovered(&mut tx, sanction_id, so_far, total.fen()).await? {
        return Err(AppError::Conflict);
    }
    let at = caller.now();
    let detail = format!(
        "sanction #{sanction_id}: {} yuan, {} of {} recovered",
        add.yuan_text(),
        total.yuan_text(),
        fen(owed)?.yuan_text()
    );
    super::api::Settled::new("recovery_recorded", programme, "recovered")
        .settle(tx, &caller, &detail, at)
        .await
}
