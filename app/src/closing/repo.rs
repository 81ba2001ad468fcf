//! Closing versions and their files; every version kept.

use sqlx::AnyConnection;

use super::{FileKind, FileView, VersionView};
use crate::domain::closing::ClosingStatus;

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: i64,
    version: i64,
    summary: String,
    status: String,
    late: i64,
    due_date: String,
    lines: i64,
    spent_fen: i64,
    funds_fen: i64,
    submitted_by: String,
    submitted_at: i64,
    reason: String,
    decided_by: Option<String>,
    decided_at: Option<i64>,
    account: String,
}

/// Newest first.
pub async fn versions(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<VersionView>, sqlx::Error> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "SELECT c.id, c.version, c.summary, c.status, c.late, c.due_date, c.lines, \
         c.spent_fen, c.funds_fen, s.display_name AS submitted_by, c.submitted_at, c.reason, \
         d.display_name AS decided_by, c.decided_at, c.account \
         FROM closings c JOIN accounts s ON s.id = c.submitted_by \
         LEFT JOIN accounts d ON d.id = c.decided_by \
         WHERE c.programme_id = $1 ORDER BY c.version DESC",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| VersionView {
            id: r.id,
            version: r.version,
            summary: r.summary,
            status: ClosingStatus::parse(&r.status).unwrap_or(ClosingStatus::Submitted),
            late: r.late == 1,
            due_date: r.due_date,
            lines: r.lines,
            spent: r.spent_fen,
            funds: r.funds_fen,
            submitted_by: r.submitted_by,
            submitted_at: r.submitted_at,
            reason: r.reason,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
            // Written by `submit_closing` from the same type.
            items: serde_json::from_str::<crate::spending::SpendingView>(&r.account)
                .map(|a| a.lines)
                .unwrap_or_default(),
        })
        .collect())
}

/// The status of a version that awaits review or stands accepted: then
/// the spending account it was made from may not change.
pub async fn holding(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Option<ClosingStatus>, sqlx::Error> {
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM closings WHERE programme_id = $1 \
         AND status IN ('submitted', 'accepted')",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    Ok(status.as_deref().and_then(ClosingStatus::parse))
}

pub async fn holds_account(conn: &mut AnyConnection, programme: i64) -> Result<bool, sqlx::Error> {
    Ok(holding(conn, programme).await?.is_some())
}

pub async fn files(conn: &mut AnyConnection, programme: i64) -> Result<Vec<FileView>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT f.id, f.kind, f.file_name, f.size_bytes, c.version FROM closing_files f \
         LEFT JOIN closings c ON c.id = f.closing_id WHERE f.programme_id = $1 ORDER BY f.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, file_name, size_bytes, version)| FileView {
            id,
            kind: FileKind::parse(&kind).unwrap_or(FileKind::Other),
            file_name,
            size_bytes,
            version,
        })
        .collect())
}

/// Files waiting for the next version, of one kind.
pub async fn pending(
    conn: &mut AnyConnection,
    programme: i64,
    kind: FileKind,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, file_name FROM closing_files \
         WHERE programme_id = $1 AND kind = $2 AND closing_id IS NULL ORDER BY id",
    )
    .bind(programme)
    .bind(kind.as_str())
    .fetch_all(conn)
    .await
}

pub struct NewFile<'a> {
    pub programme: i64,
    pub kind: FileKind,
    pub file_name: &'a str,
    pub content: &'a [u8],
    pub by: i64,
}

pub async fn insert_file(
    conn: &mut AnyConnection,
    f: &NewFile<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO closing_files (programme_id, kind, file_name, size_bytes, content, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.programme)
    .bind(f.kind.as_str())
    .bind(f.file_name)
    .bind(f.content.len() as i64)
    .bind(f.content.to_vec())
    .bind(f.by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Removes a file not yet sent; a sent one stays with its version.
pub async fn delete_pending(
    conn: &mut AnyConnection,
    programme: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM closing_files WHERE id = $1 AND programme_id = $2 AND closing_id IS NULL",
    )
    .bind(id)
    .bind(programme)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The other attachments the latest version holds, which a version sent
/// after it carries.
pub async fn carried_others(conn: &mut AnyConnection, programme: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM closing_files f JOIN closings c ON c.id = f.closing_id \
         WHERE c.programme_id = $1 AND f.kind = 'other' AND c.version = \
         (SELECT MAX(version) FROM closings WHERE programme_id = $1)",
    )
    .bind(programme)
    .fetch_one(conn)
    .await
}

/// The spending account a version froze, as JSON (a `SpendingView`).
pub async fn account(
    conn: &mut AnyConnection,
    closing: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT account FROM closings WHERE id = $1")
        .bind(closing)
        .fetch_optional(conn)
        .await
}

/// (programme, file name) of a file, without its bytes.
pub async fn file_name(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, file_name FROM closing_files WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// (programme, file name, bytes) of a file.
pub async fn file(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, file_name, content FROM closing_files WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub struct NewClosing<'a> {
    pub programme: i64,
    pub summary: &'a str,
    pub account: &'a str,
    pub lines: i64,
    pub spent: i64,
    pub funds: i64,
    pub due_date: &'a str,
    pub late: bool,
    pub by: i64,
}

/// Sends the next version with the files waiting for it; returns its
/// number. The unique keys make two racing sends end in one conflict.
pub async fn insert(
    conn: &mut AnyConnection,
    c: &NewClosing<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM closings WHERE programme_id = $1",
    )
    .bind(c.programme)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO closings (programme_id, version, summary, account, lines, spent_fen, \
         funds_fen, due_date, late, submitted_by, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(c.programme)
    .bind(version)
    .bind(c.summary)
    .bind(c.account)
    .bind(c.lines)
    .bind(c.spent)
    .bind(c.funds)
    .bind(c.due_date)
    .bind(i64::from(c.late))
    .bind(c.by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    // A version sent again after a return keeps the files of the one
    // before (each version whole in itself), but for a stamped account
    // replaced by a new upload.
    sqlx::query(
        "INSERT INTO closing_files (programme_id, closing_id, kind, file_name, size_bytes, \
         content, uploaded_by, uploaded_at) \
         SELECT f.programme_id, $1, f.kind, f.file_name, f.size_bytes, f.content, \
         f.uploaded_by, f.uploaded_at FROM closing_files f \
         JOIN closings c ON c.id = f.closing_id \
         WHERE c.programme_id = $2 AND c.version = $3 AND NOT (f.kind = 'scan' AND EXISTS \
         (SELECT 1 FROM closing_files n WHERE n.programme_id = $2 AND n.closing_id IS NULL \
          AND n.kind = 'scan')) ORDER BY f.id",
    )
    .bind(id)
    .bind(c.programme)
    .bind(version - 1)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE closing_files SET closing_id = $1 WHERE programme_id = $2 AND closing_id IS NULL",
    )
    .bind(id)
    .bind(c.programme)
    .execute(conn)
    .await?;
    Ok(version)
}

/// (programme, version) of a closing.
pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, version FROM closings WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Accepts or returns a version that awaits review.
pub async fn review(
    conn: &mut AnyConnection,
    id: i64,
    status: ClosingStatus,
    reason: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE closings SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND status = 'submitted'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(by)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
