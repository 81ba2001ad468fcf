use crate::error::AppError;

use super::AppState;

/// Runs argon2 off the async threads, bounded by `AppState::hash_permits`.
/// The permit moves into the blocking task: a client that disconnects or a
/// request that times out drops the waiting future, but the hash it started
/// runs on, and keeps its permit (and its memory) until it ends.
async fn bounded<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let permit = state
        .hash_permits
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let out = work();
        drop(permit);
        out
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "hashing task failed");
        AppError::Internal
    })
}

pub async fn hash(state: &AppState, password: String) -> Result<String, AppError> {
    bounded(state, move || password_auth::generate_hash(password)).await
}

/// Verifies against `stored`, or against a fixed dummy hash when there is
/// no such account, so both cases cost the same time.
pub async fn verify(
    state: &AppState,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    // An account awaiting activation has no password (''): it is checked
    // against the dummy too, so its answer takes as long as any other.
    let stored = stored.filter(|s| !s.is_empty());
    bounded(state, move || {
        let hash = stored.as_deref().unwrap_or_else(|| dummy_hash());
        password_auth::verify_password(password, hash).is_ok() && stored.is_some()
    })
    .await
}

/// A real argon2 hash of a throw-away string, made once, so that a login for
/// an unknown user name runs the full verification like a known one.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| password_auth::generate_hash("gaoyan-timing-equaliser"))
}
