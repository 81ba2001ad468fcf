use leptos::prelude::*;

use super::CurrentUser;
use crate::error::AppError;

#[server(name = CurrentUserFn, endpoint = "current_user")]
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::policy;
    Ok(super::guard::public(&policy::CURRENT_USER).await?.user)
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<CurrentUser, AppError> {
    use super::guard;
    use crate::server::policy;

    let visitor = guard::public(&policy::LOGIN).await?;
    let now = visitor.state.clock.now();
    let account =
        super::service::login(&visitor.state, &username, &password, &visitor.ip, now).await?;
    let resume = guard::take_return_path(&visitor.session).await?;
    guard::start_session(&visitor.session, account.id, account.session_generation).await?;
    let user = account.current_user();
    let next = if user.must_change_password {
        "/password"
    } else if let Some(path) = resume.as_deref() {
        path
    } else if user.role == crate::domain::Role::Trainee {
        "/me"
    } else {
        "/"
    };
    crate::server::redirect_plain_form(next);
    Ok(user)
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::policy;

    let caller = super::guard::require(&policy::LOGOUT).await?;
    let mut tx = caller.state.db.write().await?;
    let id = caller.user.id;
    caller
        .audit(&mut tx, "logout", "account", id, "", caller.now())
        .await?;
    tx.commit().await?;
    caller.session.flush().await.map_err(session_error)?;
    crate::server::redirect_plain_form("/login");
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::accounts::repo as accounts;
    use crate::domain::NewPassword;
    use crate::error::{Problem, Problems};
    use crate::server::{hashing, policy};

    let caller = super::guard::require(&policy::CHANGE_PASSWORD).await?;
    let state = &caller.state;

    let mut problems = Problems::default();
    if current_password.is_empty() {
        problems.push("current_password", Problem::Required);
    }
    let new = problems.check("new_password", NewPassword::parse(&new_password));
    if new.is_some() && confirm_password != new_password {
        problems.push("confirm_password", Problem::Mismatch);
    }
    if new.is_some() && new_password == current_password {
        problems.push("new_password", Problem::SameAsOld);
    }
    problems.into_result()?;
    let new = new.ok_or(AppError::Internal)?;

    // The current password is guessed no more freely than at sign-in: the
    // same per-name lockout (a stolen session must not become a way to
    // learn the password).
    let name_hash = state.keys.lookup(
        crate::server::crypto::Purpose::Username,
        &caller.user.username,
    );
    let at = caller.now();
    let stored = {
        let mut conn = state.db.pool.acquire().await?;
        if let Some(until) = super::lockout::locked_until(&mut conn, &name_hash, at).await? {
            return Err(AppError::Locked { until });
        }
        accounts::by_id(&mut conn, caller.user.id)
            .await?
            .ok_or(AppError::Unauthenticated)?
            .password_hash
    };
    if !hashing::verify(state, current_password, Some(stored)).await? {
        let mut tx = state.db.write().await?;
        let failure = super::lockout::fail(
            &mut tx,
            &name_hash,
            super::service::MAX_FAILED_LOGINS,
            at + super::service::LOCK_SECONDS,
            at,
        )
        .await?;
        let id = caller.user.id;
        caller
            .audit(&mut tx, "password_change_failed", "account", id, "", at)
            .await?;
        tx.commit().await?;
        return Err(match failure {
            super::lockout::Failure::AlreadyLocked { until }
            | super::lockout::Failure::Counted {
                locked: Some(until),
            } => AppError::Locked { until },
            super::lockout::Failure::Counted { locked: None } => {
                AppError::field("current_password", Problem::WrongPassword)
            }
        });
    }
    let hash = hashing::hash(state, new.expose().to_owned()).await?;

    let mut tx = state.db.write().await?;
    let id = caller.user.id;
    let generation = accounts::set_password(&mut tx, id, &hash, false, at).await?;
    super::lockout::clear(&mut tx, &name_hash).await?;
    caller
        .audit(&mut tx, "password_changed", "account", id, "", at)
        .await?;
    tx.commit().await?;
    // This session moves to the new generation; every other one has ended.
    super::guard::start_session(&caller.session, id, generation).await?;
    crate::server::redirect_plain_form("/");
    Ok(())
}

#[cfg(feature = "ssr")]
fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}
