//! Server-only plumbing: configuration, database, sessions, the router.
//! Compiled only with the `ssr` feature, never into the wasm.

pub mod config;
pub mod db;
pub mod demo;
pub mod hashing;
pub mod origin;
pub mod policy;
pub mod request;
pub mod router;
pub mod session_store;
pub mod state;

pub use config::Config;
pub use db::{Backend, Db};
pub use state::AppState;

/// Seconds since the Unix epoch; every stored time uses it.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
