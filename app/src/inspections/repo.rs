//! Inspections and sanctions (server only).

use sqlx::AnyConnection;

use super::{InspectionView, SanctionView};
use crate::domain::inspection::{InspectionStatus, SanctionKind};

#[derive(sqlx::FromRow)]
struct InspectionRow {
    id: i64,
    programme_id: i64,
    spot_check_id: Option<i64>,
    checked: String,
    findings: String,
    rectify_by: Option<String>,
    status: String,
    report: String,
    reported_by: Option<String>,
    reported_at: Option<i64>,
    report_late: i64,
    decision_note: String,
    recorded_by: String,
    recorded_at: i64,
    closed_by: Option<String>,
    closed_at: Option<i64>,
}

const SELECT: &str = "SELECT i.id, i.programme_id, i.spot_check_id, i.checked, i.findings, \
     i.rectify_by, i.status, i.report, p.display_name AS reported_by, i.reported_at, \
     i.report_late, i.decision_note, r.display_name AS recorded_by, i.recorded_at, \
     c.display_name AS closed_by, i.closed_at FROM inspections i \
     JOIN accounts r ON r.id = i.recorded_by \
     LEFT JOIN accounts p ON p.id = i.reported_by \
     LEFT JOIN accounts c ON c.id = i.closed_by";

fn view(r: InspectionRow) -> InspectionView {
    InspectionView {
        id: r.id,
        programme_id: r.programme_id,
        spot_check_id: r.spot_check_id,
        checked: r.checked,
        findings: r.findings,
        rectify_by: r.rectify_by,
        // The table's CHECK admits only these.
        status: InspectionStatus::parse(&r.status).unwrap_or(InspectionStatus::Closed),
        report: r.report,
        reported_by: r.reported_by,
        reported_at: r.reported_at,
        report_late: r.report_late != 0,
        decision_note: r.decision_note,
        recorded_by: r.recorded_by,
        recorded_at: r.recorded_at,
        closed_by: r.closed_by,
        closed_at: r.closed_at,
        sanctions: Vec::new(),
    }
}

/// A programme's inspections with their sanctions, newest first.
pub async fn for_programme(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<InspectionView>, sqlx::Error> {
    let rows: Vec<InspectionRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.programme_id = $1 ORDER BY i.id DESC"
    ))
    .bind(programme)
    .fetch_all(&mut *conn)
    .await?;
    let mut list: Vec<InspectionView> = rows.into_iter().map(view).collect();
    let sanctions = sanctions(conn, programme).await?;
    for i in &mut list {
        i.sanctions = sanctions
            .iter()
            .filter(|s| s.inspection_id == i.id)
            .cloned()
            .collect();
    }
    Ok(list)
}

/// One inspection, without its sanctions.
pub async fn by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<InspectionView>, sqlx::Error> {
    let row: Option<InspectionRow> = sqlx::query_as(&format!("{SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(view))
}

#[derive(sqlx::FromRow)]
struct SanctionRow {
    id: i64,
    inspection_id: i64,
    kind: String,
    amount_fen: i64,
    recovered_fen: i64,
    from_date: Option<String>,
    until_date: Option<String>,
    reason: String,
    created_by: String,
    created_at: i64,
}

async fn sanctions(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<SanctionView>, sqlx::Error> {
    let rows: Vec<SanctionRow> = sqlx::query_as(
        "SELECT s.id, s.inspection_id, s.kind, s.amount_fen, s.recovered_fen, d.from_date, \
         d.until_date, s.reason, a.display_name AS created_by, s.created_at \
         FROM sanctions s JOIN inspections i ON i.id = s.inspection_id \
         JOIN accounts a ON a.id = s.created_by \
         LEFT JOIN disqualifications d ON d.id = s.disqualification_id \
         WHERE i.programme_id = $1 ORDER BY s.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SanctionView {
            id: r.id,
            inspection_id: r.inspection_id,
            kind: SanctionKind::parse(&r.kind).unwrap_or(SanctionKind::Warning),
            amount: r.amount_fen,
            recovered: r.recovered_fen,
            period: r.from_date.zip(r.until_date),
            reason: r.reason,
            created_by: r.created_by,
            created_at: r.created_at,
        })
        .collect())
}

/// Spot checks whose sample holds `programme`, newest first.
pub async fn drawn_in(conn: &mut AnyConnection, programme: i64) -> Result<Vec<i64>, sqlx::Error> {
    let draws: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, sample FROM spot_checks ORDER BY id DESC")
            .fetch_all(conn)
            .await?;
    Ok(draws
        .into_iter()
        .filter(|(_, sample)| {
            crate::domain::spot_check::parse_ids(sample).is_some_and(|ids| ids.contains(&programme))
        })
        .map(|(id, _)| id)
        .collect())
}

pub struct NewInspection<'a> {
    pub programme: i64,
    pub spot_check: Option<i64>,
    pub checked: &'a str,
    pub findings: &'a str,
    pub rectify_by: Option<String>,
    pub status: InspectionStatus,
    pub by: i64,
}

pub async fn insert(
    conn: &mut AnyConnection,
    n: &NewInspection<'_>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let closed = n.status == InspectionStatus::Closed;
    sqlx::query_scalar(
        "INSERT INTO inspections (programme_id, spot_check_id, checked, findings, rectify_by, \
         status, recorded_by, recorded_at, closed_by, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(n.programme)
    .bind(n.spot_check)
    .bind(n.checked)
    .bind(n.findings)
    .bind(n.rectify_by.clone())
    .bind(n.status.as_str())
    .bind(n.by)
    .bind(at)
    .bind(closed.then_some(n.by))
    .bind(closed.then_some(at))
    .fetch_one(conn)
    .await
}

/// The unit's report, if the inspection still awaits one; false if another
/// request moved it first.
pub async fn report(
    conn: &mut AnyConnection,
    id: i64,
    text: &str,
    late: bool,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE inspections SET status = 'reported', report = $1, report_late = $2, \
         reported_by = $3, reported_at = $4 WHERE id = $5 AND status = 'rectifying'",
    )
    .bind(text)
    .bind(i64::from(late))
    .bind(by)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a reported inspection or sends it back (with a new date to
/// rectify by, if given); false if it was not awaiting a decision.
pub async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    accept: bool,
    note: &str,
    rectify_by: Option<String>,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = if accept {
        sqlx::query(
            "UPDATE inspections SET status = 'closed', decision_note = $1, closed_by = $2, \
             closed_at = $3 WHERE id = $4 AND status = 'reported'",
        )
        .bind(note)
        .bind(by)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?
    } else {
        sqlx::query(
            "UPDATE inspections SET status = 'rectifying', decision_note = $1, \
             rectify_by = COALESCE($2, rectify_by) WHERE id = $3 AND status = 'reported'",
        )
        .bind(note)
        .bind(rectify_by)
        .bind(id)
        .execute(conn)
        .await?
    };
    Ok(done.rows_affected() == 1)
}

pub struct NewSanction<'a> {
    pub inspection: i64,
    pub org: i64,
    pub kind: SanctionKind,
    pub amount: i64,
    pub disqualification: Option<i64>,
    pub reason: &'a str,
    pub by: i64,
}

pub async fn insert_sanction(
    conn: &mut AnyConnection,
    s: &NewSanction<'_>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sanctions (inspection_id, org_id, kind, amount_fen, disqualification_id, \
         reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(s.inspection)
    .bind(s.org)
    .bind(s.kind.as_str())
    .bind(s.amount)
    .bind(s.disqualification)
    .bind(s.reason)
    .bind(s.by)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// (programme, kind, amount, recovered) of a sanction.
pub async fn recovery(
    conn: &mut AnyConnection,
    sanction: i64,
) -> Result<Option<(i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.programme_id, s.kind, s.amount_fen, s.recovered_fen FROM sanctions s \
         JOIN inspections i ON i.id = s.inspection_id WHERE s.id = $1",
    )
    .bind(sanction)
    .fetch_optional(conn)
    .await
}

/// Sets what has been recovered, if it still stands at `was`; false if
/// another request recorded a sum first.
pub async fn set_recovered(
    conn: &mut AnyConnection,
    sanction: i64,
    was: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE sanctions SET recovered_fen = $1 WHERE id = $2 AND recovered_fen = $3")
            .bind(now)
            .bind(sanction)
            .bind(was)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
