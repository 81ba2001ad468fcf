//! Certificates as PDF: the holder's own (`GET
//! /me/programmes/{id}/certificate.pdf`) and a programme's valid ones for
//! printing in one go (`GET /programmes/{id}/certificates.pdf`, or one of
//! them with `?certificate=`), for the programme's readers; staff
//! downloads are audited once drawn. Drawing is CPU work, done on a
//! blocking thread, a few documents at a time.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::pdf::{render, Sheet};
use super::repo::{self, Printed};
use crate::auth::guard::session_caller;
use crate::domain::Role;
use crate::error::AppError;
use crate::server::download::{file, PDF};
use crate::server::pdf::Font;
use crate::server::AppState;

pub async fn mine(
    State(state): State<AppState>,
    Path(id): Path<String>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    let Ok(programme) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let found = async {
        let caller = session_caller(session, &state, &parts).await?;
        if caller.user.role != Role::Trainee {
            return Err(AppError::Forbidden);
        }
        printable(&state, programme, Printed::Holder(caller.user.id)).await
    }
    .await;
    let sheets = match found {
        Ok(sheets) => sheets,
        Err(e) => return e.status().into_response(),
    };
    let name = format!("结业证书-{}.pdf", sheets[0].number);
    match draw(&state, sheets).await {
        Ok(bytes) => file(
            PDF,
            &format!("certificate-{programme}.pdf"),
            Some(&name),
            bytes,
        ),
        Err(refused) => refused,
    }
}

#[derive(Deserialize)]
pub struct Which {
    certificate: Option<i64>,
}

pub async fn programme(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(which): Query<Which>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    let (caller, g) = match crate::plan::reader::scoped(&state, &id, session, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let found = printable(&state, g.id, Printed::Programme(which.certificate)).await;
    let sheets = match found {
        Ok(sheets) => sheets,
        Err(e) => return e.status().into_response(),
    };
    let numbers: Vec<&str> = sheets.iter().map(|s| s.number.as_str()).collect();
    let detail = format!("PDF {}: {}", sheets.len(), numbers.join(", "));
    let (fallback, name) = match (which.certificate, sheets.as_slice()) {
        (Some(c), [one]) => (
            format!("certificate-{}-{c}.pdf", g.id),
            format!("结业证书-{}.pdf", one.number),
        ),
        _ => (
            format!("certificates-{}.pdf", g.id),
            format!("结业证书-{}.pdf", g.topic),
        ),
    };
    let bytes = match draw(&state, sheets).await {
        Ok(bytes) => bytes,
        Err(refused) => return refused,
    };
    // Audited once drawn, and handed out only once audited.
    let audited = async {
        let mut tx = state.db.write().await?;
        caller
            .audit(
                &mut tx,
                "certificates_downloaded",
                "programme",
                g.id,
                &detail,
                caller.now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match audited {
        Ok(()) => file(PDF, &fallback, Some(&name), bytes),
        Err(e) => e.status().into_response(),
    }
}

/// The valid certificates asked for; none is "not found".
async fn printable(
    state: &AppState,
    programme: i64,
    which: Printed,
) -> Result<Vec<Sheet>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let sheets = repo::sheets(&mut conn, programme, which).await?;
    if sheets.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(sheets)
}

/// How long a request waits for a turn to draw before it is told to try
/// again.
const WAIT_FOR_TURN: std::time::Duration = std::time::Duration::from_secs(10);

/// Draws on a blocking thread that holds its turn until it is done, even
/// if the request that asked has gone: turns bound the threads drawing.
async fn draw(state: &AppState, sheets: Vec<Sheet>) -> Result<Vec<u8>, Response> {
    let turn = tokio::time::timeout(WAIT_FOR_TURN, state.transfers.pdfs.clone().acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| StatusCode::SERVICE_UNAVAILABLE.into_response())?;
    let font_path = state.config.pdf_font.clone();
    let public_url = state.config.public_url.clone();
    let drawn = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let font = Font::load(&font_path)?;
        render(font, &public_url, &sheets)
    })
    .await;
    match drawn {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "certificate PDF");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Err(e) => {
            tracing::error!(error = %e, "certificate PDF thread");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}
