//! Who reads a programme through a download route (a GET outside the
//! server functions): the signed-in caller and the programme, in the
//! caller's scope, or the response that refuses them.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::repo::Scope;
use super::ProgrammeView;
use crate::auth::guard::Caller;
use crate::error::AppError;
use crate::server::AppState;

/// An id that is not a number, or a programme outside the caller's scope,
/// is not found; a trainee is forbidden.
pub async fn scoped(
    state: &AppState,
    id: &str,
    session: tower_sessions::Session,
    parts: &http::request::Parts,
) -> Result<(Caller, ProgrammeView), Response> {
    let Ok(programme) = id.parse::<i64>() else {
        return Err(StatusCode::NOT_FOUND.into_response());
    };
    let caller = crate::auth::guard::session_caller(session, state, parts)
        .await
        .map_err(|e| e.status().into_response())?;
    let found = async {
        let mut conn = state.db.pool.acquire().await?;
        super::repo::by_id(&mut conn, programme, Scope::of(&caller)?)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    match found {
        Ok(g) => Ok((caller, g)),
        Err(e) => Err(e.status().into_response()),
    }
}
