//! What verification reads and counts, and what the holder sees.

use sqlx::AnyConnection;

use super::super::MyCertificate;

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
