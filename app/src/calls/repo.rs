use sqlx::AnyConnection;

use super::{is_open, AreaView, CallView};
use crate::domain::AreaKind;

#[derive(sqlx::FromRow)]
struct CallRow {
    id: i64,
    year: i64,
    deadline_at: i64,
    guidance: String,
    closed_at: Option<i64>,
    published_at: Option<i64>,
    version: i64,
    submitted: i64,
    selected: i64,
}

/// A call as stored, for the rules that judge it.
pub struct Call {
    pub id: i64,
    pub year: i32,
    pub deadline_at: i64,
    pub closed_at: Option<i64>,
    pub published_at: Option<i64>,
    pub version: i64,
}

impl Call {
    pub fn is_open(&self, now: i64) -> bool {
        is_open(self.deadline_at, self.closed_at, now)
    }

    pub fn closes_at(&self) -> i64 {
        self.closed_at
            .map_or(self.deadline_at, |c| c.min(self.deadline_at))
    }
}

const SELECT: &str =
    "SELECT c.id, c.year, c.deadline_at, c.guidance, c.closed_at, c.published_at, \
     c.version, \
     (SELECT COUNT(*) FROM proposals p WHERE p.call_id = c.id AND p.status <> 'draft' \
      AND ($1 = 0 OR p.unit_id = $1)) AS submitted, \
     (SELECT COUNT(*) FROM proposals p WHERE p.call_id = c.id AND p.status = 'selected' \
      AND ($1 = 0 OR p.unit_id = $1)) AS selected \
     FROM topic_calls c";

async fn areas_of(conn: &mut AnyConnection, call_id: i64) -> Result<Vec<AreaView>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, kind, name FROM call_areas WHERE call_id = $1 ORDER BY id")
            .bind(call_id)
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, name)| {
            Some(AreaView {
                id,
                kind: AreaKind::parse(&kind)?,
                name,
            })
        })
        .collect())
}

async fn view(conn: &mut AnyConnection, row: CallRow, now: i64) -> Result<CallView, sqlx::Error> {
    Ok(CallView {
        areas: areas_of(conn, row.id).await?,
        open: is_open(row.deadline_at, row.closed_at, now),
        id: row.id,
        year: row.year as i32,
        deadline_at: row.deadline_at,
        guidance: row.guidance,
        closed_at: row.closed_at,
        published_at: row.published_at,
        version: row.version,
        submitted: row.submitted,
        selected: row.selected,
    })
}

/// Newest year first. With `unit`, the counts are that unit's own.
pub async fn list(
    conn: &mut AnyConnection,
    now: i64,
    unit: Option<i64>,
) -> Result<Vec<CallView>, sqlx::Error> {
    let rows: Vec<CallRow> = sqlx::query_as(&format!("{SELECT} ORDER BY c.year DESC"))
        .bind(unit.unwrap_or(0))
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(view(conn, row, now).await?);
    }
    Ok(out)
}

pub async fn view_by_year(
    conn: &mut AnyConnection,
    year: i32,
    now: i64,
    unit: Option<i64>,
) -> Result<Option<CallView>, sqlx::Error> {
    let row: Option<CallRow> = sqlx::query_as(&format!("{SELECT} WHERE c.year = $2"))
        .bind(unit.unwrap_or(0))
        .bind(i64::from(year))
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => Ok(Some(view(conn, r, now).await?)),
        None => Ok(None),
    }
}

/// id, year, deadline, closed, published, version.
type CallTuple = (i64, i64, i64, Option<i64>, Option<i64>, i64);

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<Call>, sqlx::Error> {
    let row: Option<CallTuple> = sqlx::query_as(
        "SELECT id, year, deadline_at, closed_at, published_at, version \
         FROM topic_calls WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(
        |(id, year, deadline_at, closed_at, published_at, version)| Call {
            id,
            year: year as i32,
            deadline_at,
            closed_at,
            published_at,
            version,
        },
    ))
}

pub async fn year_taken(conn: &mut AnyConnection, year: i32) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM topic_calls WHERE year = $1")
        .bind(i64::from(year))
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn insert(
    conn: &mut AnyConnection,
    year: i32,
    deadline_at: i64,
    guidance: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO topic_calls (year, deadline_at, guidance, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(i64::from(year))
    .bind(deadline_at)
    .bind(guidance)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Changes deadline and guidance unless the call changed since `version`
/// or its plan is already published.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    deadline_at: i64,
    guidance: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE topic_calls SET deadline_at = $1, guidance = $2, updated_at = $3, \
         version = version + 1 WHERE id = $4 AND version = $5 AND published_at IS NULL",
    )
    .bind(deadline_at)
    .bind(guidance)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_closed(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    closed_at: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE topic_calls SET closed_at = $1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND published_at IS NULL",
    )
    .bind(closed_at)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_published(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE topic_calls SET published_at = $1, closed_at = COALESCE(closed_at, $1), \
         updated_at = $1, version = version + 1 \
         WHERE id = $2 AND version = $3 AND published_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_area(
    conn: &mut AnyConnection,
    call_id: i64,
    kind: AreaKind,
    name: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO call_areas (call_id, kind, name) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(call_id)
    .bind(kind.as_str())
    .bind(name)
    .fetch_one(conn)
    .await
}

/// The call an area belongs to, and whether any proposal tags it.
pub async fn area(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, String, bool)>, sqlx::Error> {
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.call_id, a.name, \
         (SELECT COUNT(*) FROM proposal_areas pa WHERE pa.area_id = a.id) \
         FROM call_areas a WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(call, name, used)| (call, name, used > 0)))
}

pub async fn delete_area(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM call_areas WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The ids among `ids` that are areas of `call_id`.
pub async fn area_ids_of_call(
    conn: &mut AnyConnection,
    call_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM call_areas WHERE call_id = $1")
        .bind(call_id)
        .fetch_all(conn)
        .await
}
