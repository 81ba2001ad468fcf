//! A phone opens the projected code's link. The code is judged at the
//! moment it arrives (its step, the course's window); a trainee who must
//! sign in first is checked in afterwards as of the time of the scan.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::repo::{self, Method};
use super::token;
use crate::audit::repo::{record, Actor, Target};
use crate::auth::CurrentUser;
use crate::domain::checkin::{step_accepts, Refusal};
use crate::domain::Role;
use crate::error::AppError;
use crate::server::AppState;

/// A scan waiting for its trainee to sign in: (course, time of the scan).
pub const PENDING: &str = "pending_scan";
/// How long a scan waits for its sign-in.
const PENDING_SECONDS: i64 = 10 * 60;

pub async fn scan(
    State(state): State<AppState>,
    Path((course, step, sig)): Path<(String, String, String)>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    // Read here, not by the extractor, whose refusal would echo the path.
    let (Ok(course), Ok(step)) = (course.parse::<i64>(), step.parse::<i64>()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = state.clock.now();
    let judged = judge(&state, course, step, &sig, now).await;
    let outcome = match judged {
        Err(e) => return e.status().into_response(),
        Ok(Err(refusal)) => {
            if refusal == Refusal::Forged {
                let ip = crate::server::request::client_ip(&parts, &state);
                tracing::warn!(course, %ip, "a check-in code this server did not make");
            }
            Err(refusal)
        }
        Ok(Ok(())) => match crate::auth::guard::signed_in_user(&session, &state).await {
            Err(e) => return e.status().into_response(),
            Ok(None) => {
                if session.insert(PENDING, (course, now)).await.is_err() {
                    return AppError::Internal.status().into_response();
                }
                let resume = crate::auth::guard::set_return_path(&session, RESUME).await;
                if let Err(e) = resume {
                    return e.status().into_response();
                }
                return Redirect::to("/login?next=checkin").into_response();
            }
            Ok(Some(user)) => {
                let ip = crate::server::request::client_ip(&parts, &state);
                match check_in(&state, &user, course, now, &ip).await {
                    Ok(r) => r,
                    Err(e) => return e.status().into_response(),
                }
            }
        },
    };
    Redirect::to(&result_path(course, outcome.err())).into_response()
}

/// Where signing in after a scan continues.
pub const RESUME: &str = "/checkin/resume";

/// Completes a scan that waited for its trainee to sign in.
pub async fn resume(
    State(state): State<AppState>,
    session: Session,
    parts: http::request::Parts,
) -> Response {
    let user = match crate::auth::guard::signed_in_user(&session, &state).await {
        Ok(Some(u)) => u,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(e) => return e.status().into_response(),
    };
    let ip = crate::server::request::client_ip(&parts, &state);
    match after_sign_in(&state, &session, &user, &ip).await {
        Ok(Some(path)) => Redirect::to(&path).into_response(),
        Ok(None) => Redirect::to("/me").into_response(),
        Err(e) => e.status().into_response(),
    }
}

async fn after_sign_in(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    ip: &str,
) -> Result<Option<String>, AppError> {
    let pending: Option<(i64, i64)> = session.remove(PENDING).await.map_err(|e| {
        tracing::error!(error = %e, "session read");
        AppError::Internal
    })?;
    let Some((course, scanned)) = pending else {
        return Ok(None);
    };
    if state.clock.now() - scanned > PENDING_SECONDS {
        return Ok(Some(result_path(course, Some(Refusal::Expired))));
    }
    let outcome = check_in(state, user, course, scanned, ip).await?;
    Ok(Some(result_path(course, outcome.err())))
}

fn result_path(course: i64, refusal: Option<Refusal>) -> String {
    match refusal {
        None => format!("/me/checkin/{course}"),
        Some(r) => format!("/me/checkin/{course}?refused={}", r.as_str()),
    }
}

/// The code's signature and step, then the course's window.
async fn judge(
    state: &AppState,
    course: i64,
    step: i64,
    sig: &str,
    now: i64,
) -> Result<Result<(), Refusal>, AppError> {
    if !token::verify(&state.keys, course, step, sig) {
        return Ok(Err(Refusal::Forged));
    }
    if !step_accepts(step, now) {
        return Ok(Err(Refusal::Expired));
    }
    let mut conn = state.db.pool.acquire().await?;
    let Some(c) = repo::course(&mut conn, course).await? else {
        return Ok(Err(Refusal::Forged));
    };
    Ok(c.window().judge(now))
}

/// Records the trainee's check-in as of `at`, once; audited when recorded.
async fn check_in(
    state: &AppState,
    user: &CurrentUser,
    course: i64,
    at: i64,
    ip: &str,
) -> Result<Result<(), Refusal>, AppError> {
    if user.role != Role::Trainee {
        return Ok(Err(Refusal::NotAdmitted));
    }
    let mut tx = state.db.write().await?;
    let c = repo::course(&mut tx, course)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(enrollment) = repo::admitted_enrollment(&mut tx, c.programme, user.id).await? else {
        return Ok(Err(Refusal::NotAdmitted));
    };
    let (_, recorded) = repo::record(&mut tx, course, enrollment, at, Method::Scan).await?;
    if recorded {
        let actor = Actor {
            id: Some(user.id),
            username: user.username.clone(),
            role: Some(Role::Trainee),
            org_id: None,
            ip: ip.to_owned(),
        };
        let target = Target {
            kind: "course",
            id: Some(course),
        };
        let (_, scanned) = crate::domain::shanghai_date_time(at);
        let detail = format!("#{enrollment} scanned {scanned}");
        let now = state.clock.now();
        record(&mut tx, &actor, "checked_in", target, &detail, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}
