//! The papers' SQL: settings, extensions, versions.

use sqlx::AnyConnection;

use super::{PaperSet, Receipt, SubmissionRow};
use crate::domain::paper::{types_of, types_text, PaperType, Timeliness};

type ReceiptRow = (i64, i64, String, String, i64, String, i64, i64);

const RECEIPT: &str =
    "p.id, p.version, p.file_name, p.kind, p.size, p.sha256, p.submitted_at, p.late";

fn receipt(
    (id, version, file_name, kind, size, sha256, submitted_at, late): ReceiptRow,
) -> Receipt {
    Receipt {
        id,
        version,
        file_name,
        kind: PaperType::parse(&kind).unwrap_or(PaperType::Pdf),
        size,
        sha256,
        submitted_at,
        late: late == 1,
    }
}

pub async fn settings(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Option<PaperSet>, sqlx::Error> {
    let row: Option<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT theme, deadline, types, max_bytes FROM paper_settings WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(theme, deadline, types, max_bytes)| PaperSet {
        theme,
        deadline,
        types: types_of(&types),
        max_bytes,
    }))
}

pub async fn save_settings(
    conn: &mut AnyConnection,
    programme: i64,
    set: &PaperSet,
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO paper_settings (programme_id, theme, deadline, types, max_bytes, \
         updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (programme_id) DO UPDATE SET theme = excluded.theme, \
         deadline = excluded.deadline, types = excluded.types, \
         max_bytes = excluded.max_bytes, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(programme)
    .bind(&set.theme)
    .bind(set.deadline)
    .bind(types_text(&set.types))
    .bind(set.max_bytes)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Until when an enrollment may submit after the deadline.
pub async fn extension(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT extended_until FROM paper_extensions WHERE enrollment_id = $1")
        .bind(enrollment)
        .fetch_optional(conn)
        .await
}

pub async fn grant(
    conn: &mut AnyConnection,
    enrollment: i64,
    until: i64,
    reason: &str,
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO paper_extensions (enrollment_id, extended_until, reason, granted_by, \
         granted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (enrollment_id) DO UPDATE SET \
         extended_until = excluded.extended_until, reason = excluded.reason, \
         granted_by = excluded.granted_by, granted_at = excluded.granted_at",
    )
    .bind(enrollment)
    .bind(until)
    .bind(reason)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// An enrollment's versions, newest first.
pub async fn versions(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Vec<Receipt>, sqlx::Error> {
    let rows: Vec<ReceiptRow> = sqlx::query_as(&format!(
        "SELECT {RECEIPT} FROM papers p WHERE p.enrollment_id = $1 ORDER BY p.version DESC"
    ))
    .bind(enrollment)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(receipt).collect())
}

pub async fn count_versions(conn: &mut AnyConnection, enrollment: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM papers WHERE enrollment_id = $1")
        .bind(enrollment)
        .fetch_one(conn)
        .await
}

pub struct NewPaper<'a> {
    pub enrollment: i64,
    pub file_name: &'a str,
    pub kind: PaperType,
    pub size: i64,
    pub sha256: &'a str,
    pub key: &'a str,
    pub at: i64,
    pub late: bool,
}

/// Adds the next version. The enrollment's row is locked first, so two
/// uploads of one trainee at once number their versions one after the
/// other (PostgreSQL; SQLite's writer lock does the same).
pub async fn insert(conn: &mut AnyConnection, p: &NewPaper<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query("UPDATE enrollments SET id = id WHERE id = $1")
        .bind(p.enrollment)
        .execute(&mut *conn)
        .await?;
    let version: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS BIGINT) FROM papers WHERE enrollment_id = $1",
    )
    .bind(p.enrollment)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO papers (enrollment_id, version, file_name, kind, size, sha256, \
         storage_key, submitted_at, late) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(p.enrollment)
    .bind(version)
    .bind(p.file_name)
    .bind(p.kind.as_str())
    .bind(p.size)
    .bind(p.sha256)
    .bind(p.key)
    .bind(p.at)
    .bind(i64::from(p.late))
    .execute(conn)
    .await?;
    Ok(version)
}

/// Every admitted trainee of a programme with their last version, how
/// many versions, and any extension.
pub async fn submissions(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<SubmissionRow>, sqlx::Error> {
    type Person = (i64, String, String, Option<i64>, Option<String>);
    type Version = (i64, i64, i64, String, String, i64, String, i64, i64);
    let people: Vec<Person> = sqlx::query_as(
        "SELECT e.id, e.name, e.employer, x.extended_until, x.reason FROM enrollments e \
         LEFT JOIN paper_extensions x ON x.enrollment_id = e.id \
         WHERE e.programme_id = $1 AND e.status = 'admitted' ORDER BY e.name, e.id",
    )
    .bind(programme)
    .fetch_all(&mut *conn)
    .await?;
    let papers: Vec<Version> = sqlx::query_as(&format!(
        "SELECT p.enrollment_id, {RECEIPT} FROM papers p \
             JOIN enrollments e ON e.id = p.enrollment_id \
             WHERE e.programme_id = $1 ORDER BY p.enrollment_id, p.version"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(people
        .into_iter()
        .map(|(enrollment_id, name, employer, until, reason)| {
            let mine: Vec<Receipt> = papers
                .iter()
                .filter(|p| p.0 == enrollment_id)
                .map(|p| {
                    receipt((
                        p.1,
                        p.2,
                        p.3.clone(),
                        p.4.clone(),
                        p.5,
                        p.6.clone(),
                        p.7,
                        p.8,
                    ))
                })
                .collect();
            let last = mine.last().cloned();
            SubmissionRow {
                enrollment_id,
                name,
                employer,
                state: Timeliness::of(last.as_ref().map(|r| r.late)),
                versions: mine.len() as i64,
                last,
                extension: until.map(|u| (u, reason.unwrap_or_default())),
            }
        })
        .collect())
}

/// A version with whose it is: (programme, the trainee's account, name,
/// receipt, file key).
pub struct Stored {
    pub programme: i64,
    pub enrollment: i64,
    pub account: Option<i64>,
    pub name: String,
    pub receipt: Receipt,
    pub key: String,
}

type StoredRow = (
    i64,
    i64,
    Option<i64>,
    String,
    i64,
    i64,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    String,
);

fn stored(r: StoredRow) -> Stored {
    Stored {
        programme: r.0,
        enrollment: r.1,
        account: r.2,
        name: r.3,
        receipt: receipt((r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11)),
        key: r.12,
    }
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<StoredRow> = sqlx::query_as(&format!(
        "SELECT e.programme_id, e.id, e.account_id, e.name, {RECEIPT}, p.storage_key FROM papers p \
         JOIN enrollments e ON e.id = p.enrollment_id WHERE p.id = $1 AND e.status = 'admitted'"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(stored))
}

/// The last version of every admitted trainee of a programme.
pub async fn latest(conn: &mut AnyConnection, programme: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let rows: Vec<StoredRow> = sqlx::query_as(&format!(
        "SELECT e.programme_id, e.id, e.account_id, e.name, {RECEIPT}, p.storage_key FROM papers p \
         JOIN enrollments e ON e.id = p.enrollment_id \
         WHERE e.programme_id = $1 AND e.status = 'admitted' AND p.version = \
         (SELECT MAX(q.version) FROM papers q WHERE q.enrollment_id = p.enrollment_id) \
         ORDER BY e.name, e.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(stored).collect())
}

/// Papers the account still owes: admitted, the paper set, nothing
/// submitted, and the deadline (or an extension) still ahead at `now`.
/// (programme, topic, until).
pub async fn due(
    conn: &mut AnyConnection,
    account: i64,
    now: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, CASE WHEN x.extended_until > s.deadline \
         THEN x.extended_until ELSE s.deadline END AS until FROM enrollments e \
         JOIN programmes g ON g.id = e.programme_id \
         JOIN paper_settings s ON s.programme_id = g.id \
         LEFT JOIN paper_extensions x ON x.enrollment_id = e.id \
         WHERE e.account_id = $1 AND e.status = 'admitted' \
         AND NOT EXISTS (SELECT 1 FROM papers p WHERE p.enrollment_id = e.id) \
         AND (s.deadline > $2 OR x.extended_until > $2) ORDER BY until",
    )
    .bind(account)
    .bind(now)
    .fetch_all(conn)
    .await
}

pub async fn topic(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT topic FROM programmes WHERE id = $1")
        .bind(programme)
        .fetch_optional(conn)
        .await
}
