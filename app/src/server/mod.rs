//! Server-only plumbing: configuration, database, sessions, the router.
//! Compiled only with the `ssr` feature, never into the wasm.

pub mod config;
pub mod db;
pub mod demo;
mod demo_plan;
mod demo_prep;
pub mod download;
pub mod hashing;
pub mod origin;
pub mod policy;
pub mod request;
pub mod router;
pub mod session_store;
pub mod state;
pub mod upload;

pub use config::Config;
pub use db::{Backend, Db};
pub use state::{AppState, Clock};

/// Sends a plain form post (no JavaScript) on to `path` after it succeeds.
/// The hydrated app decides for itself where to go, so a JavaScript call
/// gets no redirect.
pub fn redirect_plain_form(path: &str) {
    let is_plain_form = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|v| v.contains("text/html")))
        .unwrap_or(false);
    if is_plain_form {
        leptos_axum::redirect(path);
    }
}

/// Seconds since the Unix epoch; every stored time uses it.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
