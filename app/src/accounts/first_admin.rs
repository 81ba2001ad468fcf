//! The first provincial admin, made from the command line at a production
//! start (and by the demo), in the provincial department, which is created
//! if missing. Recorded as done by the system, from the machine itself.

use crate::accounts::repo::{self as accounts, NewAccount};
use crate::audit::repo::{record, Actor, Target};
use crate::domain::{DisplayName, NewPassword, OrgKind, Role, Username};
use crate::error::{AppError, Problem, Problems};
use crate::server::{hashing, AppState};

pub const PROVINCE_NAME: &str = "河北省人力资源和社会保障厅";

/// Changes made by the command line rather than by a signed-in person.
pub fn system_actor() -> Actor {
    Actor {
        id: None,
        username: "system".into(),
        role: None,
        org_id: None,
        ip: "local".into(),
    }
}

/// Creates the admin; they chose their own password, so no forced change.
pub async fn create_admin(
    state: &AppState,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, AppError> {
    let mut problems = Problems::default();
    let username = problems.check("username", Username::parse(username));
    let name = problems.check("display_name", DisplayName::parse(display_name));
    let password = problems.check("password", NewPassword::parse(password));
    problems.into_result()?;
    let (Some(username), Some(name), Some(password)) = (username, name, password) else {
        return Err(AppError::Internal);
    };
    let hash = hashing::hash(state, password.expose().to_owned()).await?;
    let mut tx = state.db.write().await?;
    let at = state.clock.now();
    let system = system_actor();
    if accounts::by_username(&mut tx, username.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::field("username", Problem::Taken));
    }
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(PROVINCE_NAME)
        .fetch_optional(&mut *tx)
        .await?;
    let province = match existing {
        Some(id) => id,
        None => {
            let id = crate::orgs::repo::insert(&mut tx, PROVINCE_NAME, OrgKind::Province, None, at)
                .await?;
            let target = Target {
                kind: "organisation",
                id: Some(id),
            };
            record(&mut tx, &system, "org_created", target, PROVINCE_NAME, at).await?;
            id
        }
    };
    let new = NewAccount {
        username: username.as_str(),
        display_name: name.as_str(),
        role: Role::Admin,
        org_id: Some(province),
        password_hash: &hash,
        must_change_password: false,
    };
    let id = accounts::insert(&mut tx, &new, at).await?;
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    let detail = username.as_str();
    record(&mut tx, &system, "account_created", target, detail, at).await?;
    tx.commit().await?;
    Ok(id)
}
