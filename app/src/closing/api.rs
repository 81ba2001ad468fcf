use leptos::prelude::*;

use super::ClosingView;
use crate::error::AppError;

/// A programme's closing in the caller's scope: the countdown, the account
/// as it stands, every version sent, and the files.
#[server(endpoint = "closing")]
pub async fn closing(programme_id: i64) -> Result<ClosingView, AppError> {
    use crate::domain::Role;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::CLOSING).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = ssr::programme(&mut conn, &caller, programme_id).await?;
    let mut v = ssr::view(&mut conn, &g, caller.now()).await?;
    v.may_send = caller.user.role == Role::Unit;
    v.may_review = caller.user.role == Role::Admin;
    Ok(v)
}

/// The unit sends its closing materials: the summary report, with the
/// stamped account and the attachments uploaded for it. Refused before the
/// programme has ended, while a version awaits review or stands accepted,
/// without the stamped account, and unless the funds received match the
/// spending to the fen (R15). Accepted after the due day but flagged late
/// (R10). Freezes the account as judged now and locks it.
#[server(endpoint = "submit_closing")]
pub async fn submit_closing(programme_id: i64, summary: String) -> Result<i64, AppError> {
    use crate::domain::closing::{closing_due, closing_late};
    use crate::domain::required_text;
    use crate::error::{FieldError, Problem};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SUBMIT_CLOSING).await?;
    let summary =
        required_text(&summary, super::SUMMARY_MAX).map_err(|p| AppError::field("summary", p))?;
    let mut tx = caller.state.db.write().await?;
    let g = ssr::programme(&mut tx, &caller, programme_id).await?;
    // Serialises with spending changes and with a second send.
    crate::plan::repo::lock(&mut tx, programme_id).await?;
    let at = caller.now();
    let v = ssr::view(&mut tx, &g, at).await?;
    if !v.refusals.is_empty() {
        return Err(AppError::Validation(
            v.refusals
                .into_iter()
                .map(|r| FieldError::new("closing", Problem::Close(r)))
                .collect(),
        ));
    }
    let end = ssr::date(&g.end_date)?;
    let account = crate::spending::account(&mut tx, &g, false).await?;
    let frozen = serde_json::to_string(&account).map_err(|e| {
        tracing::error!(error = %e, "freezing a closing account");
        AppError::Internal
    })?;
    let late = closing_late(end, at);
    let due = closing_due(end).to_string();
    let new = super::repo::NewClosing {
        programme: programme_id,
        summary: &summary,
        account: &frozen,
        lines: v.lines as i64,
        spent: v.spent,
        funds: v.funds,
        due_date: &due,
        late,
        by: caller.user.id,
    };
    let version = super::repo::insert(&mut tx, &new, at).await?;
    let files = v.files.iter().filter(|f| f.version.is_none()).count();
    let spent = crate::domain::yuan_text(v.spent);
    let detail = format!(
        "v{version}{}; {} lines, {spent} yuan; {files} files",
        if late { " (late)" } else { "" },
        v.lines
    );
    caller
        .audit(
            &mut tx,
            "closing_submitted",
            "programme",
            programme_id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}/closing?done=sent"));
    Ok(version)
}

/// The province accepts the closing (the programme is closed and its
/// account final) or returns it with reasons (the account opens again).
/// `accept` is "true" or "false", chosen in the form.
#[server(endpoint = "review_closing")]
pub async fn review_closing(id: i64, accept: String, reason: String) -> Result<(), AppError> {
    use crate::domain::closing::ClosingStatus;
    use crate::domain::{optional_text, required_text};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REVIEW_CLOSING).await?;
    let accept = crate::domain::accept_choice(&accept).map_err(|p| AppError::field("accept", p))?;
    let reason = if accept {
        optional_text(&reason, super::SUMMARY_MAX)
    } else {
        required_text(&reason, super::SUMMARY_MAX)
    }
    .map_err(|p| AppError::field("reason", p))?;
    let mut tx = caller.state.db.write().await?;
    let (programme, version) = super::repo::by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (status, action) = if accept {
        (ClosingStatus::Accepted, "closing_accepted")
    } else {
        (ClosingStatus::Returned, "closing_returned")
    };
    let at = caller.now();
    if !super::repo::review(&mut tx, id, status, &reason, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    let detail = format!("v{version} {reason}");
    caller
        .audit(&mut tx, action, "programme", programme, detail.trim(), at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme}/closing?done=decided"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use chrono::NaiveDate;
    use sqlx::AnyConnection;

    use super::super::{repo, ClosingView, FileKind};
    use crate::domain::closing::{closing_due, days_to_close, Sending};
    use crate::domain::shanghai_date;
    use crate::error::AppError;
    use crate::plan::repo::Scope;
    use crate::plan::ProgrammeView;

    pub fn date(s: &str) -> Result<NaiveDate, AppError> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AppError::Internal)
    }

    /// The programme in the caller's scope; anyone else's is not found.
    pub async fn programme(
        conn: &mut AnyConnection,
        caller: &crate::auth::guard::Caller,
        id: i64,
    ) -> Result<ProgrammeView, AppError> {
        crate::plan::repo::by_id(conn, id, Scope::of(caller)?)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The closing as it stands at `at` (Unix seconds); the caller's
    /// permissions are left for the caller to set.
    pub async fn view(
        conn: &mut AnyConnection,
        g: &ProgrammeView,
        at: i64,
    ) -> Result<ClosingView, AppError> {
        let end = date(&g.end_date)?;
        let today = shanghai_date(at);
        let (lines, spent, funds) = crate::spending::repo::totals(conn, g.id).await?;
        let versions = repo::versions(conn, g.id).await?;
        let files = repo::files(conn, g.id).await?;
        let filed = crate::prep::repo::filings(conn, g.id)
            .await?
            .first()
            .is_some_and(|f| f.status == crate::prep::FilingStatus::Acknowledged);
        let sending = Sending {
            filed,
            end,
            today,
            latest: versions.first().map(|v| v.status),
            // A new scan, or the one the version before was sent with.
            has_scan: files.iter().any(|f| {
                f.kind == FileKind::Scan
                    && (f.version.is_none() || f.version == versions.first().map(|v| v.version))
            }),
            lines,
            spent,
            funds,
        };
        Ok(ClosingView {
            programme_id: g.id,
            topic: g.topic.clone(),
            end_date: g.end_date.clone(),
            due_date: closing_due(end).to_string(),
            days_left: days_to_close(end, today),
            refusals: sending.refusals(),
            lines,
            spent,
            funds,
            versions,
            files,
            may_send: false,
            may_review: false,
        })
    }
}
