//! Assessment's SQL: decisions, publication, and the facts they are
//! judged against.

use sqlx::AnyConnection;

use super::{MyResult, Row};
use crate::domain::assessment::{Decision, Grade, Outcome};

/// The schedule's class hours.
pub async fn total_hours(conn: &mut AnyConnection, programme: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(class_hours), 0) AS BIGINT) FROM courses WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_one(conn)
    .await
}

type RowTuple = (
    i64,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

/// Every admitted trainee of a programme with attendance, last paper and
/// decision, by name.
pub async fn rows(conn: &mut AnyConnection, programme: i64) -> Result<Vec<Row>, sqlx::Error> {
    let rows: Vec<RowTuple> = sqlx::query_as(
        "SELECT e.id, e.name, e.employer, \
           CAST(COALESCE((SELECT SUM(c.class_hours) FROM checkins k \
             JOIN courses c ON c.id = k.course_id \
             WHERE k.enrollment_id = e.id AND c.programme_id = e.programme_id), 0) AS BIGINT), \
           (SELECT p.id FROM papers p WHERE p.enrollment_id = e.id \
             ORDER BY p.version DESC LIMIT 1), \
           (SELECT MAX(p.version) FROM papers p WHERE p.enrollment_id = e.id), \
           a.grade, a.assessor, a.comment, a.outcome, a.reason, a.version, a.paper_id \
         FROM enrollments e LEFT JOIN assessments a ON a.enrollment_id = e.id \
         WHERE e.programme_id = $1 AND e.status = 'admitted' ORDER BY e.name, e.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Row {
            enrollment_id: r.0,
            name: r.1,
            employer: r.2,
            attended: r.3,
            paper: r.4.zip(r.5),
            decision: Decision {
                grade: r.6.as_deref().and_then(Grade::parse),
                assessor: r.7.unwrap_or_default(),
                comment: r.8.unwrap_or_default(),
                outcome: r.9.as_deref().and_then(Outcome::parse),
                reason: r.10.unwrap_or_default(),
            },
            version: r.11.unwrap_or(0),
            graded_paper: r.12,
        })
        .collect())
}

/// Records a decision read at `version` (0: none yet), its grade given
/// to `paper`. `false` when it changed meanwhile: nothing is written.
pub async fn save(
    conn: &mut AnyConnection,
    programme: i64,
    enrollment: i64,
    (d, paper): (&Decision, Option<i64>),
    version: i64,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO assessments (enrollment_id, programme_id, grade, assessor, comment, \
           outcome, reason, updated_by, updated_at, version, paper_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $11) \
         ON CONFLICT (enrollment_id) DO UPDATE SET grade = excluded.grade, \
           paper_id = excluded.paper_id, \
           assessor = excluded.assessor, comment = excluded.comment, \
           outcome = excluded.outcome, reason = excluded.reason, \
           updated_by = excluded.updated_by, updated_at = excluded.updated_at, \
           version = assessments.version + 1 \
         WHERE assessments.version = $10",
    )
    .bind(enrollment)
    .bind(programme)
    .bind(d.grade.map(Grade::as_str))
    .bind(&d.assessor)
    .bind(&d.comment)
    .bind(d.outcome.map(Outcome::as_str))
    .bind(&d.reason)
    .bind(by)
    .bind(at)
    .bind(version)
    .bind(paper.filter(|_| d.grade.is_some()))
    .execute(conn)
    .await?;
    // A first decision inserted over a row that appeared meanwhile is
    // refused by the WHERE as well (its version is not 0).
    Ok(done.rows_affected() == 1)
}

/// When and by whom a programme's results were published.
pub async fn published(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.published_at, a.display_name FROM results_published r \
         JOIN accounts a ON a.id = r.published_by WHERE r.programme_id = $1",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await
}

/// Publishes once: `false` when published already.
pub async fn publish(
    conn: &mut AnyConnection,
    programme: i64,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO results_published (programme_id, published_by, published_at) \
         VALUES ($1, $2, $3) ON CONFLICT (programme_id) DO NOTHING",
    )
    .bind(programme)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The trainee's own published result, if any.
pub async fn mine(
    conn: &mut AnyConnection,
    programme: i64,
    enrollment: i64,
) -> Result<Option<MyResult>, sqlx::Error> {
    type Mine = (Option<String>, String, String, String);
    let row: Option<Mine> = sqlx::query_as(
        "SELECT a.grade, a.comment, a.outcome, a.reason FROM assessments a \
         JOIN results_published r ON r.programme_id = a.programme_id \
         JOIN enrollments e ON e.id = a.enrollment_id \
         WHERE a.enrollment_id = $1 AND a.programme_id = $2 AND a.outcome IS NOT NULL \
         AND e.status = 'admitted'",
    )
    .bind(enrollment)
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    let Some((grade, comment, outcome, reason)) = row else {
        return Ok(None);
    };
    Ok(Outcome::parse(&outcome).map(|outcome| MyResult {
        grade: grade.as_deref().and_then(Grade::parse),
        comment,
        outcome,
        reason,
    }))
}

/// Who is admitted, for matching an import's rows: (enrollment, name,
/// keyed hash of the identity number).
pub async fn people(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, id_number_hash FROM enrollments \
         WHERE programme_id = $1 AND status = 'admitted' ORDER BY id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await
}

/// The account's published results: (enrollment, outcome).
pub async fn published_outcomes(
    conn: &mut AnyConnection,
    account: i64,
) -> Result<Vec<(i64, Outcome)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.enrollment_id, a.outcome FROM assessments a \
         JOIN enrollments e ON e.id = a.enrollment_id \
         JOIN results_published r ON r.programme_id = a.programme_id \
         WHERE e.account_id = $1 AND e.status = 'admitted' AND a.outcome IS NOT NULL",
    )
    .bind(account)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(e, o)| Outcome::parse(&o).map(|o| (e, o)))
        .collect())
}

/// An institution's programmes from their last day on whose results are
/// not published, with how many admitted trainees have no result:
/// (programme, topic, undecided).
pub async fn to_decide(
    conn: &mut AnyConnection,
    institution: i64,
    today: &str,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, COUNT(e.id) - COUNT(a.outcome) FROM programmes g \
         JOIN enrollments e ON e.programme_id = g.id AND e.status = 'admitted' \
         LEFT JOIN assessments a ON a.enrollment_id = e.id \
         WHERE g.institution_id = $1 AND g.end_date <= $2 \
         AND NOT EXISTS (SELECT 1 FROM results_published r WHERE r.programme_id = g.id) \
         GROUP BY g.id, g.topic ORDER BY g.end_date, g.id",
    )
    .bind(institution)
    .bind(today)
    .fetch_all(conn)
    .await
}
