// The filing form posts its fields one by one, as the inputs name them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// The unit files the implementation plan and the enrollment notice.
/// Refused while the schedule is under 32 hours (R4) or has a lecturer
/// without an approved vetting (R6); accepted after the due date (R3) but
/// flagged late.
#[server(endpoint = "file_programme")]
pub async fn file_programme(
    programme_id: i64,
    objectives: String,
    content: String,
    organisation: String,
    budget_text: String,
    eligibility: String,
    quota: String,
    quota_in_province: String,
    quota_out_province: String,
    how_to_apply: String,
    apply_until: String,
) -> Result<i64, AppError> {
    use super::FilingStatus;
    use crate::domain::{parse_date, required_text, shanghai_date, ClassHours};
    use crate::error::{Problem, Problems};
    use crate::proposals::input::{parse_count, parse_trainees};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::FILE_PROGRAMME).await?;
    let mut tx = caller.state.db.write().await?;
    let prep = super::api::ssr::load(&mut tx, &caller, programme_id).await?;
    if prep
        .latest_filing()
        .is_some_and(|f| f.status != FilingStatus::Returned)
    {
        return Err(AppError::WrongState);
    }
    let mut p = Problems::default();
    let max = super::TEXT_MAX;
    let texts = [
        ("objectives", &objectives),
        ("content", &content),
        ("organisation", &organisation),
        ("budget_text", &budget_text),
        ("eligibility", &eligibility),
        ("how_to_apply", &how_to_apply),
    ]
    .map(|(f, v)| p.check(f, required_text(v, max)).unwrap_or_default());
    let quota = p.check("quota", parse_trainees(&quota)).unwrap_or(0);
    let inside = p
        .check("quota_in_province", parse_count(&quota_in_province))
        .unwrap_or(0);
    let outside = p
        .check("quota_out_province", parse_count(&quota_out_province))
        .unwrap_or(0);
    if inside + outside > quota && quota > 0 {
        p.push("quota_out_province", Problem::SplitExceedsQuota { quota });
    }
    let until = p.check("apply_until", parse_date(&apply_until));
    if let Some(u) = until {
        if u.to_string() >= prep.programme.start_date {
            p.push(
                "apply_until",
                Problem::NotBeforeStart {
                    start: prep.programme.start_date.clone(),
                },
            );
        }
    }
    // R4 and R6, on the schedule as stored.
    if let Err(problem) =
        ClassHours::from_total(prep.total_hours).and_then(ClassHours::check_programme_minimum)
    {
        p.push("schedule", problem);
    }
    let unvetted = prep.unvetted();
    if !unvetted.is_empty() {
        p.push(
            "schedule",
            Problem::Unvetted {
                names: unvetted.join("、"),
            },
        );
    }
    p.into_result()?;
    let Some(until) = until else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let today = shanghai_date(at).to_string();
    let late = today > prep.due_date;
    let until = until.to_string();
    let refs: [&str; 6] = std::array::from_fn(|i| texts[i].as_str());
    let new = super::repo::NewFiling {
        programme: programme_id,
        text: refs,
        quota: [quota, inside, outside],
        apply_until: &until,
        schedule_hours: prep.total_hours,
        due_date: &prep.due_date,
        late,
        by: caller.user.id,
    };
    let version = super::repo::insert_filing(&mut tx, &new, at).await?;
    super::repo::link_attachments(&mut tx, programme_id, version).await?;
    let detail = format!("v{version}{}", if late { " (late)" } else { "" });
    caller
        .audit(
            &mut tx,
            "programme_filed",
            "programme",
            programme_id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}/prep?done=filed"));
    Ok(version)
}

/// The admin acknowledges a filing, or returns it with reasons.
#[server(endpoint = "review_filing")]
pub async fn review_filing(id: i64, acknowledge: bool, reason: String) -> Result<(), AppError> {
    use super::FilingStatus;
    use crate::domain::required_text;
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REVIEW_FILING).await?;
    let mut p = Problems::default();
    let reason = if acknowledge && reason.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("reason", required_text(&reason, super::TEXT_MAX))
    };
    p.into_result()?;
    let reason = reason.unwrap_or_default();
    let mut tx = caller.state.db.write().await?;
    let (programme, filing) = super::repo::filing_by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if acknowledge {
        FilingStatus::Acknowledged
    } else {
        FilingStatus::Returned
    };
    let at = caller.now();
    if !super::repo::review(&mut tx, id, status, &reason, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    let action = if acknowledge {
        "filing_acknowledged"
    } else {
        "filing_returned"
    };
    let detail = format!("v{} {reason}", filing.version);
    caller
        .audit(&mut tx, action, "programme", programme, detail.trim(), at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme}/prep?done=reviewed"));
    Ok(())
}

/// The unit attaches a PDF (at most 5 MB) to its next filing. A multipart
/// form with `programme_id` and `file`.
#[server(endpoint = "upload_attachment", input = MultipartFormData)]
pub async fn upload_attachment(data: MultipartData) -> Result<i64, AppError> {
    use crate::domain::line;
    use crate::error::Problem;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::UPLOAD_ATTACHMENT).await?;
    let upload = crate::server::upload::read(data, super::ATTACHMENT_MAX_BYTES).await?;
    let (programme, name, bytes) = (upload.programme, upload.file_name, upload.bytes);
    let mut tx = caller.state.db.write().await?;
    let prep = super::api::ssr::load(&mut tx, &caller, programme).await?;
    if !prep.schedule_open() {
        return Err(AppError::WrongState);
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(AppError::field("file", Problem::NotPdf));
    }
    let name = line(&name, 100).unwrap_or_else(|_| "attachment.pdf".to_owned());
    let at = caller.now();
    let id = super::repo::insert_attachment(&mut tx, programme, &name, &bytes, caller.user.id, at)
        .await?;
    caller
        .audit(
            &mut tx,
            "attachment_added",
            "programme",
            programme,
            &name,
            at,
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// `GET /attachments/{id}`: for a signed-in reader in whose scope the
/// programme is.
#[cfg(feature = "ssr")]
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> axum::response::Response {
    use axum::response::IntoResponse;

    use crate::auth::guard::session_caller;

    let caller = match session_caller(session, &state, &parts).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    let result = async {
        let mut tx = state.db.write().await?;
        let (programme, name, bytes) = super::repo::attachment(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        // Scope: someone else's programme is not found.
        super::api::ssr::load(&mut tx, &caller, programme).await?;
        // Filing attachments may carry personal data: every download is
        // audited with its reader and address.
        caller
            .audit(
                &mut tx,
                "attachment_downloaded",
                "programme",
                programme,
                &name,
                caller.now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>((name, bytes))
    }
    .await;
    match result {
        Ok((name, bytes)) => crate::server::download::file(
            crate::server::download::PDF,
            &format!("attachment-{id}.pdf"),
            Some(&name),
            bytes,
        ),
        Err(e) => e.status().into_response(),
    }
}
