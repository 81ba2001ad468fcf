use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use tokio::sync::Semaphore;

use super::crypto::DataKeys;
use super::storage::Storage;
use super::throttle::Throttle;
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
    /// Seals and finds personal data (see `server::crypto`).
    pub keys: Arc<DataKeys>,
    pub throttle: Arc<Throttle>,
    /// Uploaded files (see `server::storage`).
    pub storage: Storage,
    /// Uploads and ZIP downloads under way (see `Transfers`).
    pub transfers: Transfers,
}

/// Uploads streaming at once (each holds at most a few 5 MB parts); more
/// wait their turn with their bodies unread.
pub const UPLOADS_AT_ONCE: usize = 16;
/// ZIPs being written at once (each a blocking thread and one file).
pub const ZIPS_AT_ONCE: usize = 2;

/// PDFs being drawn at once (each a blocking thread).
pub const PDFS_AT_ONCE: usize = 2;

/// Bounds on what big transfers hold: a class uploading together, or one
/// account in thirty tabs, holds a bounded amount of memory and threads.
#[derive(Clone)]
pub struct Transfers {
    pub uploads: Arc<Semaphore>,
    pub zips: Arc<Semaphore>,
    pub pdfs: Arc<Semaphore>,
    /// Accounts with an upload under way: one at a time each.
    uploading: Arc<std::sync::Mutex<std::collections::HashSet<i64>>>,
}

impl Default for Transfers {
    fn default() -> Self {
        Transfers {
            uploads: Arc::new(Semaphore::new(UPLOADS_AT_ONCE)),
            zips: Arc::new(Semaphore::new(ZIPS_AT_ONCE)),
            pdfs: Arc::new(Semaphore::new(PDFS_AT_ONCE)),
            uploading: Arc::default(),
        }
    }
}

impl Transfers {
    /// Marks `account` as uploading until the slot is dropped; `None` if it
    /// already is.
    pub fn start_upload(&self, account: i64) -> Option<UploadSlot> {
        let mut set = self.uploading.lock().unwrap_or_else(|e| e.into_inner());
        set.insert(account).then(|| UploadSlot {
            account,
            set: self.uploading.clone(),
        })
    }
}

pub struct UploadSlot {
    account: i64,
    set: Arc<std::sync::Mutex<std::collections::HashSet<i64>>>,
}

impl Drop for UploadSlot {
    fn drop(&mut self) {
        let mut set = self.set.lock().unwrap_or_else(|e| e.into_inner());
        set.remove(&self.account);
    }
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
    /// Fails without a data key: personal data cannot be stored without it.
    pub fn new(leptos_options: LeptosOptions, db: Db, config: Config) -> Result<AppState, String> {
        let key = config.data_key.as_deref().ok_or_else(|| {
            format!(
                "no data key: set GAOYAN_DATA_KEY, or put one in {} \
                 (make one with `gaoyan make-key`; see the README)",
                config.data_key_file
            )
        })?;
        let keys = DataKeys::new(key, &config.data_key_previous)?;
        let storage = Storage::open(&config.files)?;
        Ok(AppState {
            leptos_options,
            db,
            hash_permits: Arc::new(Semaphore::new(config.max_concurrent_hashes.max(1))),
            throttle: Arc::new(Throttle::new(config.throttle_scale)),
            config: Arc::new(config),
            clock: Clock::default(),
            keys: Arc::new(keys),
            storage,
            transfers: Transfers::default(),
        })
    }
}

/// The state inside a server function or component rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        crate::error::AppError::Internal
    })
}
