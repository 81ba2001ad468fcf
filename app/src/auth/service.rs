//! Login with lockout, kept apart from the server function so tests can
//! drive it with their own clock.

use super::lockout::{self, Failure};
use crate::accounts::repo::{self as accounts, AccountRow};
use crate::audit::repo::{record, Actor, Target};
use crate::error::{AppError, Problem, Problems};
use crate::server::crypto::Purpose;
use crate::server::{hashing, AppState};

pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;

/// Checks a user name and password. Unknown names, wrong passwords and
/// deactivated accounts get the same answer, and lock the same way after
/// five failures, so no answer tells whether an account exists. A locked
/// name refuses even the right password. Every attempt is audited.
pub async fn login(
    state: &AppState,
    username_raw: &str,
    password: &str,
    ip: &str,
    now: i64,
) -> Result<AccountRow, AppError> {
    let mut problems = Problems::default();
    if username_raw.trim().is_empty() {
        problems.push("username", Problem::Required);
    }
    // No account has a longer name (see `Username`), so refusing one says
    // nothing about which accounts exist, and keeps it out of the query.
    if username_raw.trim().chars().count() > crate::domain::USERNAME_MAX {
        problems.push(
            "username",
            Problem::TooLong {
                max: crate::domain::USERNAME_MAX,
            },
        );
    }
    if password.is_empty() {
        problems.push("password", Problem::Required);
    }
    if password.chars().count() > crate::domain::PASSWORD_MAX {
        problems.push(
            "password",
            Problem::TooLong {
                max: crate::domain::PASSWORD_MAX,
            },
        );
    }
    problems.into_result()?;

    let username = username_raw.trim().to_lowercase();
    let name_hash = state.keys.lookup(Purpose::Username, &username);
    let (account, locked) = {
        let mut conn = state.db.pool.acquire().await?;
        (
            accounts::by_username(&mut conn, &username).await?,
            lockout::locked_until(&mut conn, &name_hash, now).await?,
        )
    };
    let anonymous = Actor {
        id: None,
        username: username.clone(),
        role: None,
        org_id: None,
        ip: ip.to_owned(),
    };
    let target = Target {
        kind: "account",
        id: account.as_ref().map(|a| a.id),
    };

    // Locked: refused before any hashing, known name or not.
    if let Some(until) = locked {
        let mut tx = state.db.write().await?;
        record(&mut tx, &anonymous, "login_failed", target, "locked", now).await?;
        tx.commit().await?;
        return Err(AppError::Locked { until });
    }

    let verified = hashing::verify(
        state,
        password.to_owned(),
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;

    let mut tx = state.db.write().await?;
    match account {
        Some(a) if verified && a.may_sign_in() => {
            if let Err(until) = lockout::succeed(&mut tx, &name_hash, now).await? {
                // Locked by parallel attempts while this one was hashing.
                record(&mut tx, &anonymous, "login_failed", target, "locked", now).await?;
                tx.commit().await?;
                return Err(AppError::Locked { until });
            }
            accounts::record_login(&mut tx, a.id, now).await?;
            let actor = Actor {
                id: Some(a.id),
                username: a.username.clone(),
                role: Some(a.role()),
                org_id: a.org_id,
                ip: ip.to_owned(),
            };
            record(&mut tx, &actor, "login", target, "", now).await?;
            tx.commit().await?;
            Ok(a)
        }
        other => {
            let reason = match &other {
                Some(a) if a.may_sign_in() => "password",
                Some(_) => "inactive",
                None => "unknown",
            };
            let failure = lockout::fail(
                &mut tx,
                &name_hash,
                MAX_FAILED_LOGINS,
                now + LOCK_SECONDS,
                now,
            )
            .await?;
            let result = match failure {
                Failure::AlreadyLocked { until } => {
                    record(&mut tx, &anonymous, "login_failed", target, "locked", now).await?;
                    Err(AppError::Locked { until })
                }
                Failure::Counted { locked } => {
                    record(&mut tx, &anonymous, "login_failed", target, reason, now).await?;
                    match locked {
                        Some(until) => {
                            record(&mut tx, &anonymous, "lockout", target, "", now).await?;
                            Err(AppError::Locked { until })
                        }
                        None => Err(AppError::InvalidCredentials),
                    }
                }
            };
            tx.commit().await?;
            result
        }
    }
}
