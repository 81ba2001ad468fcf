//! Login with lockout, kept apart from the server function so tests can
//! drive it with their own clock.

use crate::accounts::repo::{self as accounts, AccountRow};
use crate::audit::repo::{record, Actor, Target};
use crate::error::{AppError, Problem, Problems};
use crate::server::{hashing, AppState};

pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;

/// Checks a user name and password. Unknown names, wrong passwords and
/// deactivated accounts get the same answer; every attempt is audited.
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
    let account = {
        let mut conn = state.db.pool.acquire().await?;
        accounts::by_username(&mut conn, &username).await?
    };
    let anonymous = Actor {
        id: None,
        username: username.clone(),
        role: None,
        org_id: None,
        ip: ip.to_owned(),
    };

    if let Some(a) = &account {
        if let Some(until) = a.locked_until.filter(|u| *u > now) {
            let mut tx = state.db.write().await?;
            record(
                &mut tx,
                &anonymous,
                "login_failed",
                target(a),
                "locked",
                now,
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::Locked { until });
        }
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
            accounts::record_login(&mut tx, a.id, now).await?;
            let actor = Actor {
                id: Some(a.id),
                username: a.username.clone(),
                role: Some(a.role()),
                org_id: a.org_id,
                ip: ip.to_owned(),
            };
            record(&mut tx, &actor, "login", target(&a), "", now).await?;
            tx.commit().await?;
            Ok(a)
        }
        Some(a) if a.may_sign_in() => {
            let locked =
                accounts::record_failure(&mut tx, a.id, MAX_FAILED_LOGINS, now + LOCK_SECONDS)
                    .await?;
            record(
                &mut tx,
                &anonymous,
                "login_failed",
                target(&a),
                "password",
                now,
            )
            .await?;
            if let Some(until) = locked {
                record(&mut tx, &anonymous, "lockout", target(&a), "", now).await?;
                tx.commit().await?;
                return Err(AppError::Locked { until });
            }
            tx.commit().await?;
            Err(AppError::InvalidCredentials)
        }
        Some(a) => {
            record(
                &mut tx,
                &anonymous,
                "login_failed",
                target(&a),
                "inactive",
                now,
            )
            .await?;
            tx.commit().await?;
            Err(AppError::InvalidCredentials)
        }
        None => {
            let t = Target {
                kind: "account",
                id: None,
            };
            record(&mut tx, &anonymous, "login_failed", t, "unknown", now).await?;
            tx.commit().await?;
            Err(AppError::InvalidCredentials)
        }
    }
}

fn target(a: &AccountRow) -> Target<'static> {
    Target {
        kind: "account",
        id: Some(a.id),
    }
}
