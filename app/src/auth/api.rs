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
    guard::start_session(&visitor.session, account.id, account.session_generation).await?;
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
    let at = caller.now();
    let id = caller.user.id;
    let generation = accounts::set_password(&mut tx, id, &hash, false, at).await?;
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
