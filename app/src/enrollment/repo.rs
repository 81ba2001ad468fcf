use sqlx::AnyConnection;

use super::input::Applicant;
use super::{EnrollmentStatus, EnrollmentView};
use crate::domain::{Gender, TraineeTitle};

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
    programme: i64,
) -> Result<Vec<EnrollmentView>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, gender, id_number, mobile, employer, province, title_level, source, \
         status, version FROM enrollments WHERE programme_id = $1 ORDER BY id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
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
                EnrollmentView {
                    id,
                    name,
                    gender: Gender::parse(&gender).unwrap_or(Gender::Female),
                    id_number,
                    mobile,
                    employer,
                    province,
                    title_level: TraineeTitle::parse(&title).unwrap_or(TraineeTitle::Junior),
                    imported: source == "imported",
                    status: EnrollmentStatus::parse(&status).unwrap_or(EnrollmentStatus::Applied),
                    version,
                }
            },
        )
        .collect())
}

/// Identity numbers already enrolled in the programme.
pub async fn id_numbers(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id_number FROM enrollments WHERE programme_id = $1")
        .bind(programme)
        .fetch_all(conn)
        .await
}

pub async fn insert(
    conn: &mut AnyConnection,
    programme: i64,
    account: Option<i64>,
    a: &Applicant,
    imported: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO enrollments (programme_id, account_id, name, gender, id_number, mobile, \
         employer, province, title_level, source, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(programme)
    .bind(account)
    .bind(a.name.as_str())
    .bind(a.gender.as_str())
    .bind(a.id_number.as_str())
    .bind(a.mobile.as_str())
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
