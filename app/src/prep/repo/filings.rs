//! Filings, every version kept, and their attachments.

use sqlx::AnyConnection;

use crate::prep::{AttachmentView, FilingStatus, FilingView};

#[derive(sqlx::FromRow)]
struct FilingRow {
    id: i64,
    version: i64,
    objectives: String,
    content: String,
    organisation: String,
    budget_text: String,
    eligibility: String,
    quota: i64,
    quota_in_province: i64,
    quota_out_province: i64,
    how_to_apply: String,
    apply_until: String,
    schedule_hours: i64,
    due_date: String,
    late: i64,
    status: String,
    review_reason: String,
    filed_at: i64,
    reviewed_at: Option<i64>,
}

const FILING: &str = "SELECT id, version, objectives, content, organisation, budget_text, \
     eligibility, quota, quota_in_province, quota_out_province, how_to_apply, apply_until, \
     schedule_hours, due_date, late, status, review_reason, filed_at, reviewed_at FROM filings";

fn filing(r: FilingRow) -> FilingView {
    FilingView {
        id: r.id,
        version: r.version,
        objectives: r.objectives,
        content: r.content,
        organisation: r.organisation,
        budget_text: r.budget_text,
        eligibility: r.eligibility,
        quota: r.quota,
        quota_in_province: r.quota_in_province,
        quota_out_province: r.quota_out_province,
        how_to_apply: r.how_to_apply,
        apply_until: r.apply_until,
        schedule_hours: r.schedule_hours,
        due_date: r.due_date,
        late: r.late == 1,
        status: FilingStatus::parse(&r.status).unwrap_or(FilingStatus::Filed),
        review_reason: r.review_reason,
        filed_at: r.filed_at,
        reviewed_at: r.reviewed_at,
    }
}

/// Newest first.
pub async fn filings(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<FilingView>, sqlx::Error> {
    let rows: Vec<FilingRow> = sqlx::query_as(&format!(
        "{FILING} WHERE programme_id = $1 ORDER BY version DESC"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(filing).collect())
}

pub async fn filing_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, FilingView)>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT programme_id FROM filings WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((programme,)) = row else {
        return Ok(None);
    };
    let f: Option<FilingRow> = sqlx::query_as(&format!("{FILING} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(f.map(|f| (programme, filing(f))))
}

pub struct NewFiling<'a> {
    pub programme: i64,
    pub text: [&'a str; 6],
    pub quota: [i64; 3],
    pub apply_until: &'a str,
    pub schedule_hours: i64,
    pub due_date: &'a str,
    pub late: bool,
    pub by: i64,
}

/// Files the next version; the unique (programme, version) key makes two
/// racing filings end in one conflict.
pub async fn insert_filing(
    conn: &mut AnyConnection,
    f: &NewFiling<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM filings WHERE programme_id = $1",
    )
    .bind(f.programme)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO filings (programme_id, version, objectives, content, organisation, \
         budget_text, eligibility, how_to_apply, quota, quota_in_province, quota_out_province, \
         apply_until, schedule_hours, due_date, late, filed_by, filed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(f.programme)
    .bind(version)
    .bind(f.text[0])
    .bind(f.text[1])
    .bind(f.text[2])
    .bind(f.text[3])
    .bind(f.text[4])
    .bind(f.text[5])
    .bind(f.quota[0])
    .bind(f.quota[1])
    .bind(f.quota[2])
    .bind(f.apply_until)
    .bind(f.schedule_hours)
    .bind(f.due_date)
    .bind(i64::from(f.late))
    .bind(f.by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(version)
}

/// Acknowledges or returns a filing that awaits review.
pub async fn review(
    conn: &mut AnyConnection,
    id: i64,
    status: FilingStatus,
    reason: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE filings SET status = $1, review_reason = $2, reviewed_by = $3, \
         reviewed_at = $4 WHERE id = $5 AND status = 'filed'",
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

pub async fn attachments(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<AttachmentView>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, a.file_name, a.size_bytes, f.version FROM filing_attachments a \
         LEFT JOIN filings f ON f.id = a.filing_id WHERE a.programme_id = $1 ORDER BY a.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, file_name, size_bytes, filing_version)| AttachmentView {
                id,
                file_name,
                size_bytes,
                filing_version,
            },
        )
        .collect())
}

pub async fn insert_attachment(
    conn: &mut AnyConnection,
    programme: i64,
    file_name: &str,
    content: &[u8],
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO filing_attachments (programme_id, file_name, size_bytes, content, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(programme)
    .bind(file_name)
    .bind(content.len() as i64)
    .bind(content.to_vec())
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Joins the programme's pending attachments to the filing just made.
pub async fn link_attachments(
    conn: &mut AnyConnection,
    programme: i64,
    version: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE filing_attachments SET filing_id = \
         (SELECT id FROM filings WHERE programme_id = $1 AND version = $2) \
         WHERE programme_id = $1 AND filing_id IS NULL",
    )
    .bind(programme)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(())
}

/// (programme, file name, bytes) of an attachment.
pub async fn attachment(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, file_name, content FROM filing_attachments WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}
