//! Server-only plumbing that features use: configuration, database,
//! sessions, hashing, uploads and downloads. It never imports a feature;
//! the router and the demo loader, which use every feature, sit above the
//! features (`crate::router`, `crate::demo`). Compiled only with `ssr`.

pub mod config;
pub mod crypto;
pub mod db;
pub mod download;
pub mod hashing;
pub mod headers;
pub mod limits;
pub mod memory;
pub mod origin;
pub mod pdf;
pub mod policy;
pub mod qr;
pub mod request;
pub mod session_store;
pub mod state;
pub mod storage;
pub mod table;
pub mod throttle;
pub mod typed;
pub mod upload;
pub mod zip;

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
