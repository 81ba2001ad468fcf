use sqlx::AnyConnection;

use crate::plan::repo::Scope;

/// A programme with what its to-dos and stage are computed from.
#[derive(sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: i64,
    pub topic: String,
    pub start_date: String,
    pub end_date: String,
    pub filing: Option<String>,
    pub apply_until: Option<String>,
    pub hours: i64,
    pub applicants: i64,
    pub unvetted: i64,
    pub pending_changes: i64,
    /// The latest closing version's status.
    pub closing: Option<String>,
    /// Inspections awaiting the unit's rectification, and the earliest
    /// date one is due.
    pub rectifying: i64,
    pub rectify_by: Option<String>,
    /// Rectification reports awaiting the inspector's decision.
    pub rectification_reports: i64,
}

/// The programmes in `scope`, soonest first. Latest filing by version;
/// sums cast so that PostgreSQL's NUMERIC reads as a whole number.
pub async fn programmes(
    conn: &mut AnyConnection,
    scope: Scope,
) -> Result<Vec<ProgrammeRow>, sqlx::Error> {
    let (unit, inst) = scope.binds();
    sqlx::query_as(
        "SELECT g.id, g.topic, g.start_date, g.end_date, \
         (SELECT f.status FROM filings f WHERE f.programme_id = g.id \
          ORDER BY f.version DESC LIMIT 1) AS filing, \
         (SELECT f.apply_until FROM filings f WHERE f.programme_id = g.id \
          ORDER BY f.version DESC LIMIT 1) AS apply_until, \
         (SELECT CAST(COALESCE(SUM(c.class_hours), 0) AS BIGINT) FROM courses c \
          WHERE c.programme_id = g.id) AS hours, \
         (SELECT COUNT(*) FROM enrollments e WHERE e.programme_id = g.id \
          AND e.status = 'applied') AS applicants, \
         (SELECT COUNT(DISTINCT cl.lecturer_id) FROM courses c \
          JOIN course_lecturers cl ON cl.course_id = c.id WHERE c.programme_id = g.id \
          AND NOT EXISTS (SELECT 1 FROM vettings v WHERE v.programme_id = g.id \
          AND v.lecturer_id = cl.lecturer_id AND v.decision = 'approved')) AS unvetted, \
         (SELECT COUNT(*) FROM change_requests r WHERE r.programme_id = g.id \
          AND r.status = 'pending') AS pending_changes, \
         (SELECT c.status FROM closings c WHERE c.programme_id = g.id \
          ORDER BY c.version DESC LIMIT 1) AS closing, \
         (SELECT COUNT(*) FROM inspections i WHERE i.programme_id = g.id \
          AND i.status = 'rectifying') AS rectifying, \
         (SELECT MIN(i.rectify_by) FROM inspections i WHERE i.programme_id = g.id \
          AND i.status = 'rectifying') AS rectify_by, \
         (SELECT COUNT(*) FROM inspections i WHERE i.programme_id = g.id \
          AND i.status = 'reported') AS rectification_reports \
         FROM programmes g WHERE ($1 = 0 OR g.unit_id = $1) AND ($2 = 0 OR g.institution_id = $2) \
         ORDER BY g.start_date, g.id",
    )
    .bind(unit)
    .bind(inst)
    .fetch_all(conn)
    .await
}

/// Submitted proposals of calls that have closed and await the plan:
/// (year, count).
pub async fn proposals_to_decide(
    conn: &mut AnyConnection,
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.year, COUNT(*) FROM proposals p JOIN topic_calls c ON c.id = p.call_id \
         WHERE p.status = 'submitted' AND c.published_at IS NULL \
         AND (c.closed_at IS NOT NULL OR c.deadline_at <= $1) \
         GROUP BY c.year ORDER BY c.year",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Open calls: (year, deadline).
pub async fn open_calls(
    conn: &mut AnyConnection,
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT year, deadline_at FROM topic_calls \
         WHERE closed_at IS NULL AND deadline_at > $1 ORDER BY year",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// A unit's drafts in open calls: (year, count).
pub async fn drafts(
    conn: &mut AnyConnection,
    unit: i64,
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.year, COUNT(*) FROM proposals p JOIN topic_calls c ON c.id = p.call_id \
         WHERE p.unit_id = $1 AND p.status = 'draft' AND c.closed_at IS NULL \
         AND c.deadline_at > $2 GROUP BY c.year ORDER BY c.year",
    )
    .bind(unit)
    .bind(now)
    .fetch_all(conn)
    .await
}
