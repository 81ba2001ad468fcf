//! The whole HTTP surface: every feature's pages, server functions and
//! downloads, wrapped in the plumbing's layers. It sits above the features
//! (it names them all), so nothing below imports it.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;
use axum::Router;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, DefaultPredicate};
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::app::{shell, App};
use crate::auth::{guard, SignedInUser};
use crate::error::AppError;
use crate::server::headers::{self, CspNonce};
use crate::server::origin::check_origin;
use crate::server::session_store::Store;
use crate::server::{download, limits, throttle, AppState};

pub const SESSION_COOKIE: &str = "gaoyan_session";
pub const REQUEST_TIMEOUT_SECS: u64 = 30;

/// Pages, server functions, downloads and static files, inside (from the
/// outside in): a time limit, security headers, compression, per-IP rate
/// limits, body caps, sessions, the Origin check and the signed-in user.
pub fn router(state: AppState, store: Store) -> Router {
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(Duration::minutes(
            state.config.session_idle_minutes,
        )));
    let routes = route_list();
    let context_state = state.clone();
    let context = move || {
        provide_context(context_state.clone());
        // The page's inline scripts carry the nonce of this response's
        // policy header (see `server::headers`).
        if let Some(nonce) = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<CspNonce>().cloned())
        {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    };
    let shell_options = state.leptos_options.clone();
    // Spreadsheets, PDFs, ZIPs and Word files are compressed already.
    let compress = DefaultPredicate::new()
        .and(NotForContentType::const_new(download::XLSX))
        .and(NotForContentType::const_new(download::PDF))
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats-officedocument.wordprocessingml",
        ));
    Router::new()
        .route(
            "/plan/{year}/xlsx",
            axum::routing::get(crate::plan::xlsx::download),
        )
        .route(
            "/closing-files/{id}",
            axum::routing::get(crate::closing::download),
        )
        .route(
            "/programmes/{id}/closing/{version}/package.zip",
            axum::routing::get(crate::closing::package::download),
        )
        .route(
            "/attachments/{id}",
            axum::routing::get(crate::prep::filing_download),
        )
        .route(
            "/programmes/{id}/trainees/xlsx",
            axum::routing::get(crate::enrollment::sheet::download),
        )
        .route(
            crate::attendance::scan::RESUME,
            axum::routing::get(crate::attendance::scan::resume),
        )
        .route(
            "/checkin/{course}/{step}/{sig}",
            axum::routing::get(crate::attendance::scan::scan),
        )
        .route(
            "/me/papers/{id}",
            axum::routing::post(crate::papers::upload::receive),
        )
        .route(
            "/papers/{id}",
            axum::routing::get(crate::papers::files::one),
        )
        .route(
            "/programmes/{id}/papers.zip",
            axum::routing::get(crate::papers::files::zip),
        )
        .route(
            "/programmes/{id}/survey.xlsx",
            axum::routing::get(crate::survey::xlsx::download),
        )
        .route(
            "/programmes/{id}/assessment.xlsx",
            axum::routing::get(crate::assessment::sheet::download),
        )
        .route(
            "/programmes/{id}/certificates.pdf",
            axum::routing::get(crate::certificates::print::programme),
        )
        .route(
            "/programmes/{id}/spending.xlsx",
            axum::routing::get(crate::spending::sheet::template),
        )
        .route(
            "/programmes/{id}/national-numbers.xlsx",
            axum::routing::get(crate::certificates::national_sheet::template),
        )
        .route(
            "/admin/certificates/{file}",
            axum::routing::get(crate::certificates::hours::download),
        )
        .route(
            "/me/programmes/{id}/certificate.pdf",
            axum::routing::get(crate::certificates::print::mine),
        )
        .route(
            "/templates/trainees.xlsx",
            axum::routing::get(crate::enrollment::sheet::template_download),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(from_fn(with_error_status))
        .layer(from_fn_with_state(state.clone(), attach_user))
        .layer(from_fn_with_state(
            state.clone(),
            crate::server::typed::carry,
        ))
        .layer(from_fn_with_state(state.clone(), check_origin))
        .layer(sessions)
        .layer(from_fn(limits::cap_body))
        .layer(from_fn_with_state(state.clone(), throttle::limit))
        .layer(CompressionLayer::new().compress_when(compress))
        .layer(from_fn(headers::secure))
        .layer(from_fn(time_limit))
        .with_state(state)
}

/// A paper on mobile data takes minutes to arrive (20 MB at 1 Mbit/s is
/// nearly three); everything else answers in seconds.
pub const UPLOAD_TIMEOUT_SECS: u64 = 15 * 60;

/// Whatever goes wrong inside a request, no client waits forever.
async fn time_limit(request: Request<Body>, next: Next) -> Response {
    let upload = request.method() == axum::http::Method::POST
        && request
            .uri()
            .path()
            .starts_with(limits::PAPER_UPLOAD_PREFIX);
    let secs = if upload {
        UPLOAD_TIMEOUT_SECS
    } else {
        REQUEST_TIMEOUT_SECS
    };
    match tokio::time::timeout(std::time::Duration::from_secs(secs), next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// The app's routes, listed once per process. Listing renders the app with
/// resource loading suppressed process-wide (leptos issue #4773): a render
/// running meanwhile could wait forever, so it must never run twice.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Loads the signed-in user once for each page request, so rendering reads
/// it synchronously (see `auth::SignedInUser`). Assets and server functions
/// skip it; server functions authorise through the guard.
async fn attach_user(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if request.method() == axum::http::Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
    {
        let user = match request.extensions().get::<Session>() {
            Some(session) => match guard::signed_in_user(session, &state).await {
                Ok(user) => user,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            },
            None => None,
        };
        request.extensions_mut().insert(SignedInUser(user));
    }
    next.run(request).await
}

/// Server functions answer every error with 500; API clients and logs
/// deserve the real status, read off the one error type in one place.
async fn with_error_status(request: Request<Body>, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Large enough for an import's every row problem.
    let Ok(bytes) = axum::body::to_bytes(body, 4 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Serves until Ctrl-C or SIGTERM. `TCP_NODELAY` on every accepted socket:
/// without it streamed pages wait out the 40 ms delayed-ACK timer.
pub async fn serve(app: Router, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "TCP_NODELAY");
        }
    });
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Housekeeping for the life of the process: forgets sign-in failures of
/// names not tried for a day.
pub fn spawn_maintenance(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            let day_ago = state.clock.now() - 86_400;
            let pruned = async {
                let mut conn = state.db.pool.acquire().await?;
                crate::auth::lockout::prune(&mut conn, day_ago).await
            }
            .await;
            if let Err(e) = pruned {
                tracing::warn!(error = %e, "pruning sign-in failures");
            }
        }
    });
}

/// Connects, migrates and builds the state and session store.
pub async fn prepare(
    config: crate::server::Config,
    leptos_options: leptos::config::LeptosOptions,
) -> Result<(AppState, Store), String> {
    let db = crate::server::Db::connect(&config.database_url, config.max_db_connections)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("migrations failed: {e}"))?;
    let store = Store::new(&db.typed)
        .await
        .map_err(|e| format!("session store: {e}"))?;
    let state = AppState::new(leptos_options, db, config)?;
    seal_personal_data(&state)
        .await
        .map_err(|e| format!("sealing personal data: {e:?}"))?;
    Ok((state, store))
}

/// Seals personal data stored before sealing existed, and data sealed
/// under a previous key (a rotation), before the app serves. One
/// transaction: all of it or none.
pub async fn seal_personal_data(state: &AppState) -> Result<(), AppError> {
    let keys = &state.keys;
    let mut tx = state.db.write().await?;
    let enrollments = crate::enrollment::repo::seal_stale(&mut tx, keys).await?;
    let lecturers = crate::prep::repo::seal_stale(&mut tx, keys).await?;
    if enrollments > 0 {
        crate::trainee::repo::rehash_people(&mut tx).await?;
    }
    crate::trainee::repo::reseal_codes(&mut tx, keys).await?;
    if keys.rotating() {
        // Failed sign-ins are kept by the old key's name hashes; they
        // would no longer match, so they are forgotten.
        sqlx::query("DELETE FROM login_throttle")
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    if enrollments + lecturers > 0 {
        tracing::info!(
            enrollments,
            lecturers,
            "sealed personal data under the current key"
        );
    }
    Ok(())
}
