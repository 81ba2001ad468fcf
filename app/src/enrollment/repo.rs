use sqlx::AnyConnection;

use super::input::Applicant;
use super::{EnrollmentStatus, EnrollmentView};
use crate::domain::{Gender, TraineeTitle};
use crate::server::crypto::{DataKeys, Purpose};

type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
);

pub async fn list(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    programme: i64,
) -> Result<Vec<EnrollmentView>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, gender, id_number_sealed, mobile_sealed, employer, province, \
         title_level, source, status, version FROM enrollments \
         WHERE programme_id = $1 AND id_number_sealed IS NOT NULL ORDER BY id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(
            |(
                id,
                name,
                gender,
                id_number,
                mobile,
                employer,
                province,
                title,
                source,
                status,
                version,
            )| {
                Ok(EnrollmentView {
                    id,
                    name,
                    gender: Gender::parse(&gender).unwrap_or(Gender::Female),
                    id_number: keys.open_column(&id_number)?,
                    mobile: keys.open_column(&mobile)?,
                    employer,
                    province,
                    title_level: TraineeTitle::parse(&title).unwrap_or(TraineeTitle::Junior),
                    imported: source == "imported",
                    status: EnrollmentStatus::parse(&status).unwrap_or(EnrollmentStatus::Applied),
                    version,
                })
            },
        )
        .collect()
}

/// The keyed hashes of the identity numbers already in the programme.
pub async fn id_hashes(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id_number_hash FROM enrollments \
         WHERE programme_id = $1 AND id_number_hash IS NOT NULL",
    )
    .bind(programme)
    .fetch_all(conn)
    .await
}

/// The enrollment of an identity number in a programme, with its account.
pub async fn by_id_number(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    programme: i64,
    id_number: &str,
) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, account_id FROM enrollments WHERE programme_id = $1 AND id_number_hash = $2",
    )
    .bind(programme)
    .bind(keys.lookup(Purpose::IdNumber, id_number))
    .fetch_optional(conn)
    .await
}

/// Whether the account has applied to (or was enrolled in) the programme.
pub async fn applied(
    conn: &mut AnyConnection,
    programme: i64,
    account: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM enrollments WHERE programme_id = $1 AND account_id = $2",
    )
    .bind(programme)
    .bind(account)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

pub async fn insert(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    programme: i64,
    account: Option<i64>,
    a: &Applicant,
    imported: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO enrollments (programme_id, account_id, name, gender, id_number_sealed, \
         id_number_hash, mobile_sealed, mobile_hash, employer, province, title_level, source, \
         created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(programme)
    .bind(account)
    .bind(a.name.as_str())
    .bind(a.gender.as_str())
    .bind(keys.seal(a.id_number.as_str()))
    .bind(keys.lookup(Purpose::IdNumber, a.id_number.as_str()))
    .bind(keys.seal(a.mobile.as_str()))
    .bind(keys.lookup(Purpose::Mobile, a.mobile.as_str()))
    .bind(&a.employer)
    .bind(&a.province)
    .bind(a.title_level.as_str())
    .bind(if imported { "imported" } else { "applied" })
    .bind(now)
    .fetch_one(conn)
    .await
}

/// (programme, name) of an enrollment.
pub async fn owner(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, name FROM enrollments WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn admitted(conn: &mut AnyConnection, programme: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM enrollments WHERE programme_id = $1 AND status = 'admitted'",
    )
    .bind(programme)
    .fetch_one(conn)
    .await
}

pub async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    status: EnrollmentStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE enrollments SET status = $1, decided_at = $2, version = version + 1 \
         WHERE id = $3 AND version = $4",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Seals the numbers of rows stored before sealing, and seals again (with
/// fresh hashes) rows sealed under a previous key. Returns how many rows
/// changed. Runs at start-up, before the app serves.
pub async fn seal_stale(conn: &mut AnyConnection, keys: &DataKeys) -> Result<u64, sqlx::Error> {
    type Stale = (
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Stale> = sqlx::query_as(
        "SELECT id, legacy_id_number, legacy_mobile, id_number_sealed, mobile_sealed \
         FROM enrollments WHERE legacy_id_number IS NOT NULL OR id_number_sealed NOT LIKE $1",
    )
    .bind(keys.current_pattern())
    .fetch_all(&mut *conn)
    .await?;
    let mut changed = 0;
    for (id, legacy_id, legacy_mobile, sealed_id, sealed_mobile) in rows {
        let id_number = match (legacy_id, sealed_id) {
            (Some(plain), _) => plain,
            (None, Some(s)) if keys.is_stale(&s) => keys.open_column(&s)?,
            _ => continue,
        };
        let mobile = match (legacy_mobile, sealed_mobile) {
            (Some(plain), _) => plain,
            (None, Some(s)) => keys.open_column(&s)?,
            (None, None) => String::new(),
        };
        sqlx::query(
            "UPDATE enrollments SET id_number_sealed = $1, id_number_hash = $2, \
             mobile_sealed = $3, mobile_hash = $4, legacy_id_number = NULL, legacy_mobile = NULL \
             WHERE id = $5",
        )
        .bind(keys.seal(&id_number))
        .bind(keys.lookup(Purpose::IdNumber, &id_number))
        .bind(keys.seal(&mobile))
        .bind(keys.lookup(Purpose::Mobile, &mobile))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        changed += 1;
    }
    Ok(changed)
}

/// Programmes open for applications on `today`: (id, topic, apply until).
pub async fn open_enrollments(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, f.apply_until FROM programmes g JOIN filings f \
         ON f.programme_id = g.id AND f.version = (SELECT MAX(x.version) FROM filings x \
         WHERE x.programme_id = g.id) \
         WHERE f.status = 'acknowledged' AND f.apply_until >= $1 AND g.start_date > $1 \
         ORDER BY f.apply_until, g.id",
    )
    .bind(today)
    .fetch_all(conn)
    .await
}

/// An account's applications to programmes not yet over on `today`:
/// (programme id, topic, status code, start date).
pub async fn applications_of_account(
    conn: &mut AnyConnection,
    account: i64,
    today: &str,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.topic, e.status, g.start_date FROM enrollments e \
         JOIN programmes g ON g.id = e.programme_id \
         WHERE e.account_id = $1 AND g.end_date >= $2 ORDER BY g.start_date, g.id",
    )
    .bind(account)
    .bind(today)
    .fetch_all(conn)
    .await
}

/// The name an enrollment carries now (corrected or not).
pub async fn name_of(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM enrollments WHERE id = $1")
        .bind(enrollment)
        .fetch_optional(conn)
        .await
}
