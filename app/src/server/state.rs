use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use tokio::sync::Semaphore;

use super::{Config, Db};

/// Everything a request needs, passed explicitly (no globals), so each test
/// builds its own with its own database.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    /// argon2 costs tens of milliseconds of CPU; at most this many run at
    /// once so a burst of logins cannot starve page rendering.
    pub hash_permits: Arc<Semaphore>,
    pub clock: Clock,
}

/// The time that deadlines (R1) and date rules (R2) are judged by. The
/// system clock, unless a test pins it to probe a boundary to the second.
#[derive(Clone, Default)]
pub struct Clock(Arc<AtomicI64>);

impl Clock {
    /// Unix seconds.
    pub fn now(&self) -> i64 {
        match self.0.load(Ordering::Relaxed) {
            0 => super::now(),
            pinned => pinned,
        }
    }

    /// Pins the clock (tests only; 0 returns to the system clock).
    pub fn set(&self, unix_secs: i64) {
        self.0.store(unix_secs, Ordering::Relaxed);
    }
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, config: Config) -> AppState {
        AppState {
            leptos_options,
            db,
            hash_permits: Arc::new(Semaphore::new(config.max_concurrent_hashes.max(1))),
            config: Arc::new(config),
            clock: Clock::default(),
        }
    }
}

/// The state inside a server function or component rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        crate::error::AppError::Internal
    })
}
