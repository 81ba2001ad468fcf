//! The register's and the certificates' SQL.

use sqlx::AnyConnection;

use super::{CertificateRow, MyCertificate, RegisterRow, RegisterVersion};
use crate::domain::assessment::{Grade, Outcome};
use crate::domain::certificate::{Level, RegisterStatus};

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

type CertTuple = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    String,
    i64,
);

const CERT_SELECT: &str = "SELECT id, enrollment_id, number, level, name, version, issued_at, \
     revoked_at, revoke_reason, checks FROM certificates";

fn cert_row(c: CertTuple) -> CertificateRow {
    CertificateRow {
        id: c.0,
        enrollment_id: c.1,
        number: c.2,
        level: Level::parse(&c.3).unwrap_or(Level::Provincial),
        name: c.4,
        version: c.5,
        issued_at: c.6,
        revoked: c.7.map(|at| (at, c.8)),
        checks: c.9,
    }
}

/// The programme's certificates, by number.
pub async fn certificates(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<CertificateRow>, sqlx::Error> {
    let rows: Vec<CertTuple> = sqlx::query_as(&format!(
        "{CERT_SELECT} WHERE programme_id = $1 ORDER BY level, year, serial, number"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(cert_row).collect())
}

/// One certificate and its programme.
pub async fn certificate(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, CertificateRow)>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT programme_id FROM certificates WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((programme,)) = row else {
        return Ok(None);
    };
    let c: CertTuple = sqlx::query_as(&format!("{CERT_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await?;
    Ok(Some((programme, cert_row(c))))
}

/// Takes the next `n` provincial serials of `year`; returns the first.
/// The counter's row is written inside the issuing transaction: on
/// PostgreSQL a second issuer waits on it until the first commits (or
/// rolls back, giving the numbers back), on SQLite writers take turns;
/// either way no number is shared or skipped.
pub async fn take_serials(conn: &mut AnyConnection, year: i64, n: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO certificate_counters (year, level, last) VALUES ($1, 'provincial', 0) \
         ON CONFLICT (year, level) DO NOTHING",
    )
    .bind(year)
    .execute(&mut *conn)
    .await?;
    let last: i64 = sqlx::query_scalar(
        "UPDATE certificate_counters SET last = last + $1 \
         WHERE year = $2 AND level = 'provincial' RETURNING last",
    )
    .bind(n)
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(last - n + 1)
}

/// What a certificate says, as issued.
pub struct NewCertificate<'a> {
    pub enrollment: i64,
    pub programme: i64,
    pub register: i64,
    pub level: Level,
    pub year: i64,
    pub serial: Option<i64>,
    pub number: &'a str,
    pub token: &'a str,
    pub name: &'a str,
    pub topic: &'a str,
    pub dates: (&'a str, &'a str),
    pub class_hours: i64,
    pub issuer: &'a str,
}

pub async fn insert(
    conn: &mut AnyConnection,
    c: &NewCertificate<'_>,
    by: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO certificates (enrollment_id, programme_id, register_id, level, year, \
         serial, number, token, name, topic, start_date, end_date, class_hours, issuer, \
         issued_by, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         RETURNING id",
    )
    .bind(c.enrollment)
    .bind(c.programme)
    .bind(c.register)
    .bind(c.level.as_str())
    .bind(c.year)
    .bind(c.serial)
    .bind(c.number)
    .bind(c.token)
    .bind(c.name)
    .bind(c.topic)
    .bind(c.dates.0)
    .bind(c.dates.1)
    .bind(c.class_hours)
    .bind(c.issuer)
    .bind(by)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// Numbers among `numbers` already on a certificate.
pub async fn taken(
    conn: &mut AnyConnection,
    numbers: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    let mut out = Vec::new();
    for n in numbers {
        let hit: Option<i64> = sqlx::query_scalar("SELECT id FROM certificates WHERE number = $1")
            .bind(n)
            .fetch_optional(&mut *conn)
            .await?;
        if hit.is_some() {
            out.push(n.clone());
        }
    }
    Ok(out)
}

/// Revokes a valid certificate; `false` if it was revoked already.
pub async fn revoke(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE certificates SET revoked_at = $1, revoked_by = $2, revoke_reason = $3 \
         WHERE id = $4 AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(by)
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Reissues a valid certificate with what its trainee and programme say
/// now (a corrected name, dates or hours): same number, next version.
pub async fn reissue(
    conn: &mut AnyConnection,
    id: i64,
    content: (&str, &str, (&str, &str), i64),
    by: i64,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let (name, topic, (start, end), hours) = content;
    sqlx::query_scalar(
        "UPDATE certificates SET name = $1, topic = $2, start_date = $3, end_date = $4, \
         class_hours = $5, version = version + 1, issued_by = $6, issued_at = $7 \
         WHERE id = $8 AND revoked_at IS NULL RETURNING version",
    )
    .bind(name)
    .bind(topic)
    .bind(start)
    .bind(end)
    .bind(hours)
    .bind(by)
    .bind(at)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// What the verification page shows of a certificate.
#[derive(Clone, Debug)]
pub struct Verified {
    pub id: i64,
    pub name: String,
    pub number: String,
    pub topic: String,
    pub dates: (String, String),
    pub class_hours: i64,
    pub issuer: String,
    pub version: i64,
    pub revoked_at: Option<i64>,
}

type VerifiedTuple = (
    i64,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    Option<i64>,
);

const VERIFY_SELECT: &str = "SELECT id, name, number, topic, start_date, end_date, class_hours, \
     issuer, version, revoked_at FROM certificates";

fn verified(v: VerifiedTuple) -> Verified {
    Verified {
        id: v.0,
        name: v.1,
        number: v.2,
        topic: v.3,
        dates: (v.4, v.5),
        class_hours: v.6,
        issuer: v.7,
        version: v.8,
        revoked_at: v.9,
    }
}

/// How a verifier names a certificate.
pub enum Key<'a> {
    Number(&'a str),
    Token(&'a str),
}

pub async fn find(conn: &mut AnyConnection, key: Key<'_>) -> Result<Option<Verified>, sqlx::Error> {
    let (column, value) = match key {
        Key::Number(n) => ("number", n),
        Key::Token(t) => ("token", t),
    };
    let v: Option<VerifiedTuple> = sqlx::query_as(&format!("{VERIFY_SELECT} WHERE {column} = $1"))
        .bind(value)
        .fetch_optional(conn)
        .await?;
    Ok(v.map(verified))
}

/// Counts one verification, once per verifier (a keyed hash of the
/// network) and day.
pub async fn count_check(
    conn: &mut AnyConnection,
    id: i64,
    day: &str,
    verifier: &str,
) -> Result<(), sqlx::Error> {
    let new = sqlx::query(
        "INSERT INTO certificate_checks (certificate_id, day, verifier) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(day)
    .bind(verifier)
    .execute(&mut *conn)
    .await?;
    if new.rows_affected() == 1 {
        sqlx::query("UPDATE certificates SET checks = checks + 1 WHERE id = $1")
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// A trainee's certificate of one programme.
pub async fn mine(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Option<MyCertificate>, sqlx::Error> {
    let row: Option<(String, String, i64, Option<i64>, String, i64)> = sqlx::query_as(
        "SELECT number, token, version, revoked_at, revoke_reason, checks FROM certificates \
         WHERE enrollment_id = $1",
    )
    .bind(enrollment)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| MyCertificate {
        number: r.0,
        token: r.1,
        version: r.2,
        revoked: r.3.map(|at| (at, r.4)),
        checks: r.5,
    }))
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
