//! Issued certificates: the counter, issuing, revoking and reissuing.

use sqlx::AnyConnection;

use super::super::CertificateRow;
use crate::domain::certificate::Level;

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
