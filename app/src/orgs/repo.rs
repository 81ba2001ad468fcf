use sqlx::AnyConnection;

use super::OrgView;
use crate::domain::OrgKind;

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    parent_name: Option<String>,
    active: i64,
    version: i64,
}

impl OrgRow {
    fn view(self) -> OrgView {
        OrgView {
            id: self.id,
            name: self.name,
            // The CHECK constraint admits only known kinds.
            kind: OrgKind::parse(&self.kind).unwrap_or(OrgKind::OtherUnit),
            parent_id: self.parent_id,
            parent_name: self.parent_name,
            active: self.active == 1,
            version: self.version,
        }
    }
}

const SELECT: &str = "SELECT o.id, o.name, o.kind, o.parent_id, p.name AS parent_name, \
     o.active, o.version FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id";

pub async fn list(conn: &mut AnyConnection) -> Result<Vec<OrgView>, sqlx::Error> {
    let rows: Vec<OrgRow> = sqlx::query_as(&format!(
        "{SELECT} ORDER BY CASE o.kind WHEN 'province' THEN 0 WHEN 'institution' THEN 2 \
         ELSE 1 END, o.name"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(OrgRow::view).collect())
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<OrgView>, sqlx::Error> {
    let row: Option<OrgRow> = sqlx::query_as(&format!("{SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(OrgRow::view))
}

pub async fn name_taken(
    conn: &mut AnyConnection,
    name: &str,
    except_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE name = $1 AND id <> $2")
            .bind(name)
            .bind(except_id.unwrap_or(-1))
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

pub async fn insert(
    conn: &mut AnyConnection,
    name: &str,
    kind: OrgKind,
    parent_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO organisations (name, kind, parent_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(name)
    .bind(kind.as_str())
    .bind(parent_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Renames or re-links an organisation unless it changed since `version`.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    name: &str,
    parent_id: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE organisations SET name = $1, parent_id = $2, updated_at = $3, \
         version = version + 1 WHERE id = $4 AND version = $5",
    )
    .bind(name)
    .bind(parent_id)
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
        "UPDATE organisations SET active = $1, updated_at = $2, version = version + 1 \
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
