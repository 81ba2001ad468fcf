use leptos::prelude::use_context;
use tower_sessions::Session;

use super::CurrentUser;
use crate::accounts::repo as accounts;
use crate::audit::repo::Actor;
use crate::error::AppError;
use crate::server::policy::{Access, Endpoint};
use crate::server::request::client_ip;
use crate::server::state::app_state;
use crate::server::AppState;

pub const SESSION_USER_ID: &str = "account_id";
/// The account's session generation at sign-in (see `AccountRow`).
pub const SESSION_GENERATION: &str = "generation";
/// When the session signed in (Unix seconds, real time).
pub const SESSION_SIGNED_IN_AT: &str = "signed_in_at";

/// Where to go after signing in, set by a page that needed a sign-in to
/// finish (a check-in scan). Kept in the server-side session, so only this
/// server writes it; only paths of this site are kept.
const RETURN_PATH: &str = "return_path";

pub async fn set_return_path(session: &Session, path: &str) -> Result<(), AppError> {
    if !path.starts_with('/') || path.starts_with("//") || path.contains(['\\', '\n', '\r']) {
        return Err(AppError::Internal);
    }
    session
        .insert(RETURN_PATH, path)
        .await
        .map_err(internal("session write"))
}

/// The return path, read once.
pub async fn take_return_path(session: &Session) -> Result<Option<String>, AppError> {
    session
        .remove::<String>(RETURN_PATH)
        .await
        .map_err(internal("session read"))
}

/// Marks `session` as signed in to `account` now, with a new id so that an
/// id planted before sign-in is worthless.
pub async fn start_session(
    session: &Session,
    account: i64,
    generation: i64,
) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(internal("session cycle"))?;
    session
        .insert(SESSION_USER_ID, account)
        .await
        .map_err(internal("session write"))?;
    session
        .insert(SESSION_GENERATION, generation)
        .await
        .map_err(internal("session write"))?;
    // Real time, not the business clock (`AppState::clock`): a session's
    // age is not a deadline of the workflow.
    session
        .insert(SESSION_SIGNED_IN_AT, crate::server::now())
        .await
        .map_err(internal("session write"))
}

/// A verified caller of a server function.
pub struct Caller {
    pub user: CurrentUser,
    pub ip: String,
    pub state: AppState,
    pub session: Session,
}

impl Caller {
    /// The time rules are judged by (see `Clock`).
    pub fn now(&self) -> i64 {
        self.state.clock.now()
    }

    /// The caller's organisation; an account without one may not act for
    /// an organisation.
    pub fn org_id(&self) -> Result<i64, AppError> {
        self.user.org_id.ok_or(AppError::Forbidden)
    }

    /// Records one step of the workflow in the caller's transaction.
    pub async fn audit(
        &self,
        conn: &mut sqlx::AnyConnection,
        action: &str,
        kind: &str,
        id: i64,
        detail: &str,
        at: i64,
    ) -> Result<(), sqlx::Error> {
        let target = crate::audit::repo::Target { kind, id: Some(id) };
        crate::audit::repo::record(conn, &self.actor(), action, target, detail, at).await
    }

    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.user.id),
            username: self.user.username.clone(),
            role: Some(self.user.role),
            org_id: self.user.org_id,
            ip: self.ip.clone(),
        }
    }
}

/// A caller of a public server function, signed in or not.
pub struct Visitor {
    pub user: Option<CurrentUser>,
    pub ip: String,
    pub state: AppState,
    pub session: Session,
}

fn internal<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> AppError {
    move |e| {
        tracing::error!(error = %e, "{what}");
        AppError::Internal
    }
}

async fn visitor() -> Result<Visitor, AppError> {
    let state = app_state()?;
    let session: Session = leptos_axum::extract()
        .await
        .map_err(internal("session layer missing"))?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let ip = client_ip(&parts, &state);
    let user = signed_in_user(&session, &state).await?;
    Ok(Visitor {
        user,
        ip,
        state,
        session,
    })
}

/// The account this session belongs to, if it may still sign in: active,
/// the password unchanged since sign-in, and signed in less than
/// `session_max_hours` ago, whatever the activity since.
pub async fn signed_in_user(
    session: &Session,
    state: &AppState,
) -> Result<Option<CurrentUser>, AppError> {
    let read = |e| internal("session read")(e);
    let Some(id) = session.get::<i64>(SESSION_USER_ID).await.map_err(read)? else {
        return Ok(None);
    };
    let generation = session.get::<i64>(SESSION_GENERATION).await.map_err(read)?;
    let signed_in_at = session
        .get::<i64>(SESSION_SIGNED_IN_AT)
        .await
        .map_err(read)?;
    let max_age = state.config.session_max_hours.saturating_mul(3600);
    let fresh = signed_in_at.is_some_and(|at| crate::server::now().saturating_sub(at) < max_age);
    let row = {
        let mut conn = state.db.pool.acquire().await?;
        accounts::by_id(&mut conn, id).await?
    };
    match row {
        Some(row) if fresh && row.may_sign_in() && generation == Some(row.session_generation) => {
            Ok(Some(row.current_user()))
        }
        // Deactivated, password changed elsewhere, or too old: it ends here.
        _ => {
            session.flush().await.map_err(internal("session flush"))?;
            Ok(None)
        }
    }
}

/// For `Access::Public` endpoints: who is calling, if anyone.
pub async fn public(endpoint: &Endpoint) -> Result<Visitor, AppError> {
    debug_assert_eq!(endpoint.access, Access::Public, "{}", endpoint.name);
    visitor().await
}

/// For every other endpoint: the signed-in caller, if the policy admits them.
pub async fn require(endpoint: &Endpoint) -> Result<Caller, AppError> {
    let v = visitor().await?;
    let user = v.user.ok_or(AppError::Unauthenticated)?;
    if !endpoint.allows(Some(user.role), user.must_change_password) {
        let role_ok = endpoint.allows(Some(user.role), false);
        return Err(if role_ok && user.must_change_password {
            AppError::PasswordChangeRequired
        } else {
            AppError::Forbidden
        });
    }
    Ok(Caller {
        user,
        ip: v.ip,
        state: v.state,
        session: v.session,
    })
}

/// The caller behind a plain route (a download): signed in, password
/// changed, and asking from this site's own pages (or the address bar),
/// not from another site's link; the route then applies the same scoping
/// as the server functions.
pub async fn session_caller(
    session: Session,
    state: &AppState,
    parts: &http::request::Parts,
) -> Result<Caller, AppError> {
    if crate::server::origin::from_another_site(parts, &state.config.public_url) {
        return Err(AppError::Forbidden);
    }
    let ip = client_ip(parts, state);
    match signed_in_user(&session, state).await? {
        Some(user) if !user.must_change_password => Ok(Caller {
            user,
            ip,
            state: state.clone(),
            session,
        }),
        _ => Err(AppError::Unauthenticated),
    }
}
