//! Certificates as PDF: the holder's own (`GET
//! /me/programmes/{id}/certificate.pdf`) and a programme's valid ones for
//! printing in one go (`GET /programmes/{id}/certificates.pdf`, or one of
//! them with `?certificate=`), for the programme's readers; staff
//! downloads are audited. Drawing is CPU work, done on a blocking thread,
//! a few documents at a time.

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
        let mut conn = state.db.pool.acquire().await?;
        Ok(repo::sheets(&mut conn, programme, Printed::Holder(caller.user.id)).await?)
    }
    .await;
    match found {
        Ok(sheets) if !sheets.is_empty() => {
            let number = sheets[0].number.clone();
            pdf(
                &state,
                sheets,
                format!("certificate-{programme}.pdf"),
                format!("结业证书-{number}.pdf"),
            )
            .await
        }
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => e.status().into_response(),
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
    let found = async {
        let mut tx = state.db.write().await?;
        let sheets = repo::sheets(&mut tx, g.id, Printed::Programme(which.certificate)).await?;
        if sheets.is_empty() {
            return Err(AppError::NotFound);
        }
        let numbers: Vec<&str> = sheets.iter().map(|s| s.number.as_str()).collect();
        let detail = format!("PDF {}: {}", sheets.len(), numbers.join(", "));
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
        Ok(sheets)
    }
    .await;
    match found {
        Ok(sheets) => {
            let names = match (which.certificate, sheets.as_slice()) {
                (Some(_), [one]) => (
                    format!(
                        "certificate-{}-{}.pdf",
                        g.id,
                        which.certificate.unwrap_or_default()
                    ),
                    format!("结业证书-{}.pdf", one.number),
                ),
                _ => (
                    format!("certificates-{}.pdf", g.id),
                    format!("结业证书-{}.pdf", g.topic),
                ),
            };
            pdf(&state, sheets, names.0, names.1).await
        }
        Err(e) => e.status().into_response(),
    }
}

async fn pdf(state: &AppState, sheets: Vec<Sheet>, fallback: String, name: String) -> Response {
    let Ok(_turn) = state.transfers.pdfs.clone().acquire_owned().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let font_path = state.config.pdf_font.clone();
    let public_url = state.config.public_url.clone();
    let drawn = tokio::task::spawn_blocking(move || {
        let font = Font::load(&font_path)?;
        render(font, &public_url, &sheets)
    })
    .await;
    match drawn {
        Ok(Ok(bytes)) => file(PDF, &fallback, Some(&name), bytes),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "certificate PDF");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "certificate PDF thread");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
