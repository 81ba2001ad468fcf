use leptos::prelude::*;

use super::AccountView;
use crate::error::AppError;

#[server(endpoint = "list_accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_ACCOUNTS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let rows = super::repo::list(&mut conn).await?;
    let mut views: Vec<AccountView> = rows.iter().map(super::repo::AccountRow::view).collect();
    // Trainees sign in with their mobiles; an inspector sees them masked.
    if caller.user.role == crate::domain::Role::Inspector {
        for v in &mut views {
            v.username = crate::domain::mask_mobiles_in(&v.username);
        }
    }
    Ok(views)
}

#[server(endpoint = "create_account")]
pub async fn create_account(
    username: String,
    display_name: String,
    role: String,
    org_id: String,
    password: String,
) -> Result<i64, AppError> {
    use super::repo::{self, NewAccount};
    use crate::audit::repo::{record, Target};
    use crate::domain::{NewPassword, Username};
    use crate::error::{Problem, Problems};
    use crate::server::{hashing, policy};

    let caller = crate::auth::guard::require(&policy::CREATE_ACCOUNT).await?;
    let mut problems = Problems::default();
    let username = problems.check("username", Username::parse(&username));
    let password = problems.check("password", NewPassword::parse(&password));
    // Hash before taking the write lock; argon2 takes tens of milliseconds.
    let hash = match &password {
        Some(p) => Some(hashing::hash(&caller.state, p.expose().to_owned()).await?),
        None => None,
    };
    let mut tx = caller.state.db.write().await?;
    let fields = ssr::parse_fields(&mut tx, &mut problems, &display_name, &role, &org_id).await?;
    if let Some(u) = &username {
        if repo::by_username(&mut tx, u.as_str()).await?.is_some() {
            problems.push("username", Problem::Taken);
        }
    }
    problems.into_result()?;
    let (Some(username), Some(hash), Some(fields)) = (username, hash, fields) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let new = NewAccount {
        username: username.as_str(),
        display_name: fields.display_name.as_str(),
        role: fields.role,
        org_id: fields.org_id,
        password_hash: &hash,
        must_change_password: true,
    };
    let id = repo::insert(&mut tx, &new, at).await?;
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    let detail = format!("{} ({})", username.as_str(), fields.role.as_str());
    record(
        &mut tx,
        &caller.actor(),
        "account_created",
        target,
        &detail,
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[server(endpoint = "update_account")]
pub async fn update_account(
    id: i64,
    version: i64,
    display_name: String,
    role: String,
    org_id: String,
) -> Result<(), AppError> {
    use crate::audit::repo::{record, Target};
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::UPDATE_ACCOUNT).await?;
    let mut problems = Problems::default();
    let mut tx = caller.state.db.write().await?;
    let fields = ssr::parse_fields(&mut tx, &mut problems, &display_name, &role, &org_id).await?;
    problems.into_result()?;
    let fields = fields.ok_or(AppError::Internal)?;
    if id == caller.user.id && fields.role != caller.user.role {
        // An admin demoting themselves could leave the province without one.
        return Err(AppError::Forbidden);
    }
    let at = caller.now();
    let name = fields.display_name.as_str();
    if !super::repo::update(&mut tx, id, version, name, fields.role, fields.org_id, at).await? {
        return Err(AppError::Conflict);
    }
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    let detail = format!("{} ({})", name, fields.role.as_str());
    record(
        &mut tx,
        &caller.actor(),
        "account_updated",
        target,
        &detail,
        at,
    )
    .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/accounts");
    Ok(())
}

#[server(endpoint = "set_account_active")]
pub async fn set_account_active(id: i64, version: i64, active: bool) -> Result<(), AppError> {
    use crate::audit::repo::{record, Target};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SET_ACCOUNT_ACTIVE).await?;
    if id == caller.user.id {
        return Err(AppError::Forbidden);
    }
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let account = super::repo::by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::repo::set_active(&mut tx, id, version, active, at).await? {
        return Err(AppError::Conflict);
    }
    if active {
        // A reactivated account starts without the failures of before.
        ssr::clear_lockout(&mut tx, &caller.state, &account.username).await?;
    }
    let action = if active {
        "account_activated"
    } else {
        "account_deactivated"
    };
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    record(&mut tx, &caller.actor(), action, target, "", at).await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/accounts");
    Ok(())
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(id: i64, password: String) -> Result<(), AppError> {
    use crate::audit::repo::{record, Target};
    use crate::domain::NewPassword;
    use crate::server::{hashing, policy};

    let caller = crate::auth::guard::require(&policy::RESET_PASSWORD).await?;
    let password = NewPassword::parse(&password).map_err(|p| AppError::field("password", p))?;
    let hash = hashing::hash(&caller.state, password.expose().to_owned()).await?;
    let mut tx = caller.state.db.write().await?;
    let account = super::repo::by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = caller.now();
    // Ends every session of the account; its owner signs in afresh.
    super::repo::set_password(&mut tx, id, &hash, true, at).await?;
    ssr::clear_lockout(&mut tx, &caller.state, &account.username).await?;
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    record(&mut tx, &caller.actor(), "password_reset", target, "", at).await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/accounts");
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    use sqlx::AnyConnection;

    /// Forgets the failed sign-ins of a user name (an admin vouched for it).
    pub async fn clear_lockout(
        conn: &mut AnyConnection,
        state: &crate::server::AppState,
        username: &str,
    ) -> Result<(), sqlx::Error> {
        let hash = state
            .keys
            .lookup(crate::server::crypto::Purpose::Username, username);
        crate::auth::lockout::clear(conn, &hash).await
    }

    use crate::domain::{DisplayName, Role};
    use crate::error::{AppError, Problem, Problems};

    pub struct AccountFields {
        pub display_name: DisplayName,
        pub role: Role,
        pub org_id: Option<i64>,
    }

    /// Name, role and organisation, with the organisation checked to exist,
    /// be active and be of a kind the role may belong to.
    pub async fn parse_fields(
        conn: &mut AnyConnection,
        problems: &mut Problems,
        display_name: &str,
        role: &str,
        org_id: &str,
    ) -> Result<Option<AccountFields>, AppError> {
        let name = problems.check("display_name", DisplayName::parse(display_name));
        let role = problems.check("role", Role::parse(role).ok_or(Problem::InvalidChoice));
        let org_id = match org_id.trim() {
            "" => Some(None),
            s => problems.check(
                "org_id",
                s.parse::<i64>()
                    .map(Some)
                    .map_err(|_| Problem::InvalidChoice),
            ),
        };
        let (Some(name), Some(role), Some(org_id)) = (name, role, org_id) else {
            return Ok(None);
        };
        let org = match org_id {
            None => None,
            Some(id) => match crate::orgs::repo::by_id(conn, id).await? {
                Some(o) if o.active => Some(o),
                _ => {
                    problems.push("org_id", Problem::InvalidChoice);
                    return Ok(None);
                }
            },
        };
        if !role.accepts_org(org.as_ref().map(|o| o.kind)) {
            problems.push("org_id", Problem::NotAllowedForRole);
            return Ok(None);
        }
        Ok(Some(AccountFields {
            display_name: name,
            role,
            org_id,
        }))
    }
}
