use sqlx::AnyConnection;

use super::AccountView;
use crate::auth::CurrentUser;
use crate::domain::{OrgKind, Role};

/// An account as stored. Holds the password hash, so it is server-only and
/// never serialised; `view()` and `current_user()` make the wire types.
#[derive(sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub org_kind: Option<String>,
    pub org_active: Option<i64>,
    pub password_hash: String,
    pub must_change_password: i64,
    pub active: i64,
    /// Moves on at every password change or reset; sessions of an older
    /// generation are no longer accepted.
    pub session_generation: i64,
    pub last_login_at: Option<i64>,
    pub version: i64,
}

impl AccountRow {
    pub fn role(&self) -> Role {
        // The CHECK constraint admits only known codes.
        Role::parse(&self.role).unwrap_or(Role::Trainee)
    }

    /// Active, and not in a deactivated organisation.
    pub fn may_sign_in(&self) -> bool {
        self.active == 1 && self.org_active != Some(0)
    }

    pub fn current_user(&self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role(),
            org_id: self.org_id,
            org_name: self.org_name.clone(),
            must_change_password: self.must_change_password == 1,
        }
    }

    pub fn view(&self) -> AccountView {
        AccountView {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role(),
            org_id: self.org_id,
            org_name: self.org_name.clone(),
            org_kind: self.org_kind.as_deref().and_then(OrgKind::parse),
            must_change_password: self.must_change_password == 1,
            active: self.active == 1,
            last_login_at: self.last_login_at,
            version: self.version,
        }
    }
}

const SELECT: &str = "SELECT a.id, a.username, a.display_name, a.role, a.org_id, \
     o.name AS org_name, o.kind AS org_kind, o.active AS org_active, a.password_hash, \
     a.must_change_password, a.active, a.session_generation, a.last_login_at, \
     a.version \
     FROM accounts a LEFT JOIN organisations o ON o.id = a.org_id";

pub async fn by_username(
    conn: &mut AnyConnection,
    username: &str,
) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE a.username = $1"))
        .bind(username)
        .fetch_optional(conn)
        .await
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn list(conn: &mut AnyConnection) -> Result<Vec<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} ORDER BY a.role, a.username"))
        .fetch_all(conn)
        .await
}

pub struct NewAccount<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub org_id: Option<i64>,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

pub async fn insert(
    conn: &mut AnyConnection,
    a: &NewAccount<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (username, display_name, role, org_id, password_hash, \
         must_change_password, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(a.username)
    .bind(a.display_name)
    .bind(a.role.as_str())
    .bind(a.org_id)
    .bind(a.password_hash)
    .bind(i64::from(a.must_change_password))
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Changes name, role and organisation if nobody changed the account since
/// `version` was read; returns whether it did.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    display_name: &str,
    role: Role,
    org_id: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE accounts SET display_name = $1, role = $2, org_id = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND version = $6",
    )
    .bind(display_name)
    .bind(role.as_str())
    .bind(org_id)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_active(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    active: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE accounts SET active = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(i64::from(active))
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets a new password and starts a new session generation, which ends
/// every session signed in with the old one. Returns the new generation.
pub async fn set_password(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
    must_change: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE accounts SET password_hash = $1, must_change_password = $2, \
         session_generation = session_generation + 1, updated_at = $3, version = version + 1 \
         WHERE id = $4 RETURNING session_generation",
    )
    .bind(hash)
    .bind(i64::from(must_change))
    .bind(now)
    .bind(id)
    .fetch_one(conn)
    .await
}

pub async fn record_login(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET last_login_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
