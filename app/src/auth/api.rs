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
    use super::guard::{self, SESSION_USER_ID};
    use crate::server::{now, policy};

    let visitor = guard::public(&policy::LOGIN).await?;
    let account =
        super::service::login(&visitor.state, &username, &password, &visitor.ip, now()).await?;
    // A new session id at sign-in, so an id planted before it is worthless.
    visitor.session.cycle_id().await.map_err(session_error)?;
    visitor
        .session
        .insert(SESSION_USER_ID, account.id)
        .await
        .map_err(session_error)?;
    let user = account.current_user();
    crate::server::redirect_plain_form(if user.must_change_password {
        "/password"
    } else {
        "/"
    });
    Ok(user)
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::audit::repo::{record, Target};
    use crate::server::{now, policy};

    let caller = super::guard::require(&policy::LOGOUT).await?;
    let mut tx = caller.state.db.write().await?;
    let target = Target {
        kind: "account",
        id: Some(caller.user.id),
    };
    record(&mut tx, &caller.actor(), "logout", target, "", now()).await?;
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
    use crate::audit::repo::{record, Target};
    use crate::domain::NewPassword;
    use crate::error::{Problem, Problems};
    use crate::server::{hashing, now, policy};

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

    let stored = {
        let mut conn = state.db.pool.acquire().await?;
        accounts::by_id(&mut conn, caller.user.id)
            .await?
            .ok_or(AppError::Unauthenticated)?
            .password_hash
    };
    if !hashing::verify(state, current_password, Some(stored)).await? {
        return Err(AppError::field("current_password", Problem::WrongPassword));
    }
    let hash = hashing::hash(state, new.expose().to_owned()).await?;

    let mut tx = state.db.write().await?;
    let at = now();
    accounts::set_password(&mut tx, caller.user.id, &hash, false, at).await?;
    let target = Target {
        kind: "account",
        id: Some(caller.user.id),
    };
    record(&mut tx, &caller.actor(), "password_changed", target, "", at).await?;
    tx.commit().await?;
    caller.session.cycle_id().await.map_err(session_error)?;
    crate::server::redirect_plain_form("/");
    Ok(())
}

#[cfg(feature = "ssr")]
fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::Internal
}
