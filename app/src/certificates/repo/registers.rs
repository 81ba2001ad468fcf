//! The register's versions and the to-do lists that follow from them.

use sqlx::AnyConnection;

use super::super::{RegisterRow, RegisterVersion};
use crate::domain::assessment::{Grade, Outcome};
use crate::domain::certificate::RegisterStatus;

/// The published results as a register would list them: admitted
/// trainees with a result, by name.
pub async fn current(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<RegisterRow>, sqlx::Error> {
    Ok(crate::assessment::repo::rows(conn, programme)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(RegisterRow {
                enrollment_id: r.enrollment_id,
                name: r.name,
                employer: r.employer,
                attended: r.attended,
                grade: r.decision.grade,
                outcome: r.decision.outcome?,
            })
        })
        .collect())
}

type VersionTuple = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<String>,
);
type RowTuple = (i64, i64, String, String, i64, Option<String>, String);

/// Every version of the programme's register, newest first.
pub async fn registers(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<RegisterVersion>, sqlx::Error> {
    let versions: Vec<VersionTuple> = sqlx::query_as(
        "SELECT r.id, r.version, r.status, r.note, r.review_reason, r.submitted_at, \
         s.display_name, r.reviewed_at, v.display_name \
         FROM completion_registers r JOIN accounts s ON s.id = r.submitted_by \
         LEFT JOIN accounts v ON v.id = r.reviewed_by \
         WHERE r.programme_id = $1 ORDER BY r.version DESC",
    )
    .bind(programme)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<RowTuple> = sqlx::query_as(
        "SELECT w.register_id, w.enrollment_id, w.name, w.employer, w.attended, w.grade, \
         w.outcome FROM completion_register_rows w \
         JOIN completion_registers r ON r.id = w.register_id \
         WHERE r.programme_id = $1 ORDER BY w.name, w.enrollment_id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(versions
        .into_iter()
        .map(|v| RegisterVersion {
            id: v.0,
            version: v.1,
            status: RegisterStatus::parse(&v.2).unwrap_or(RegisterStatus::Submitted),
            note: v.3,
            reason: v.4,
            submitted: (v.5, v.6),
            reviewed: v.7.zip(v.8),
            rows: rows
                .iter()
                .filter(|r| r.0 == v.0)
                .filter_map(|r| {
                    Some(RegisterRow {
                        enrollment_id: r.1,
                        name: r.2.clone(),
                        employer: r.3.clone(),
                        attended: r.4,
                        grade: r.5.as_deref().and_then(Grade::parse),
                        outcome: Outcome::parse(&r.6)?,
                    })
                })
                .collect(),
        })
        .collect())
}

/// Adds the next version with its rows; returns (id, version).
pub async fn submit(
    conn: &mut AnyConnection,
    programme: i64,
    note: &str,
    rows: &[RegisterRow],
    by: i64,
    at: i64,
) -> Result<(i64, i64), sqlx::Error> {
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM completion_registers WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO completion_registers (programme_id, version, note, submitted_by, \
         submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(programme)
    .bind(version)
    .bind(note)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    for r in rows {
        sqlx::query(
            "INSERT INTO completion_register_rows (register_id, enrollment_id, name, employer, \
             attended, grade, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(r.enrollment_id)
        .bind(&r.name)
        .bind(&r.employer)
        .bind(r.attended)
        .bind(r.grade.map(Grade::as_str))
        .bind(r.outcome.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok((id, version))
}

/// The register version's programme and version number.
pub async fn register_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, version FROM completion_registers WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Approves or returns a submitted version that is still the latest;
/// `false` when it is not (reviewed meanwhile, or a newer one came).
pub async fn review(
    conn: &mut AnyConnection,
    id: i64,
    status: RegisterStatus,
    reason: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE completion_registers SET status = $1, review_reason = $2, reviewed_by = $3, \
         reviewed_at = $4 WHERE id = $5 AND status = 'submitted' AND version = \
         (SELECT MAX(o.version) FROM completion_registers o \
          WHERE o.programme_id = completion_registers.programme_id)",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(by)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Programmes whose latest register awaits the admin: (id, topic).
pub async fn registers_to_review(
    conn: &mut AnyConnection,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic FROM programmes g JOIN completion_registers r \
         ON r.programme_id = g.id AND r.status = 'submitted' ORDER BY r.submitted_at, g.id",
    )
    .fetch_all(conn)
    .await
}

/// A unit's programmes with published results and no register, or the
/// latest returned: (id, topic, returned).
pub async fn registers_to_submit(
    conn: &mut AnyConnection,
    unit: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, CASE WHEN r.status = 'returned' THEN 1 ELSE 0 END \
         FROM programmes g JOIN results_published p ON p.programme_id = g.id \
         LEFT JOIN completion_registers r ON r.programme_id = g.id AND r.version = \
           (SELECT MAX(o.version) FROM completion_registers o WHERE o.programme_id = g.id) \
         WHERE g.unit_id = $1 AND (r.id IS NULL OR r.status = 'returned') ORDER BY g.end_date, g.id",
    )
    .bind(unit)
    .fetch_all(conn)
    .await
}

/// Approved registers with passed trainees still without a certificate:
/// (id, topic, how many).
pub async fn to_issue(conn: &mut AnyConnection) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, COUNT(w.enrollment_id) FROM programmes g \
         JOIN completion_registers r ON r.programme_id = g.id AND r.status = 'approved' AND \
           r.version = (SELECT MAX(o.version) FROM completion_registers o WHERE o.programme_id = g.id) \
         JOIN completion_register_rows w ON w.register_id = r.id AND w.outcome = 'passed' \
         JOIN assessments a ON a.enrollment_id = w.enrollment_id AND a.outcome = 'passed' \
         JOIN enrollments e ON e.id = w.enrollment_id AND e.status = 'admitted' \
         WHERE NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = w.enrollment_id) \
         GROUP BY g.id, g.topic ORDER BY g.id",
    )
    .fetch_all(conn)
    .await
}
