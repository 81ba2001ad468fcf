//! A host institution's lecturer registry.

use sqlx::AnyConnection;

use crate::domain::LecturerTitle;
use crate::prep::LecturerView;

type LecturerRow = (i64, String, String, String, String, String, String);

fn lecturer((id, name, title, affiliation, field, bio, phone): LecturerRow) -> LecturerView {
    LecturerView {
        id,
        name,
        // CHECK constraints admit only known codes.
        title_level: LecturerTitle::parse(&title).unwrap_or(LecturerTitle::MidOrBelow),
        affiliation,
        field,
        bio,
        phone,
    }
}

const LECTURER: &str =
    "SELECT id, name, title_level, affiliation, field, bio, phone FROM lecturers";

pub async fn lecturers_of(
    conn: &mut AnyConnection,
    institution: i64,
) -> Result<Vec<LecturerView>, sqlx::Error> {
    let rows: Vec<LecturerRow> = sqlx::query_as(&format!(
        "{LECTURER} WHERE institution_id = $1 ORDER BY name, id"
    ))
    .bind(institution)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(lecturer).collect())
}

/// The lecturers standing on a programme's schedule.
pub async fn lecturers_on(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<LecturerView>, sqlx::Error> {
    let rows: Vec<LecturerRow> = sqlx::query_as(&format!(
        "{LECTURER} WHERE id IN (SELECT cl.lecturer_id FROM course_lecturers cl \
         JOIN courses c ON c.id = cl.course_id WHERE c.programme_id = $1) ORDER BY name, id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(lecturer).collect())
}

pub struct NewLecturer<'a> {
    pub institution: i64,
    pub name: &'a str,
    pub title: LecturerTitle,
    pub affiliation: &'a str,
    pub field: &'a str,
    pub bio: &'a str,
    pub phone: &'a str,
}

pub async fn insert_lecturer(
    conn: &mut AnyConnection,
    l: &NewLecturer<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO lecturers (institution_id, name, title_level, affiliation, field, bio, \
         phone, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(l.institution)
    .bind(l.name)
    .bind(l.title.as_str())
    .bind(l.affiliation)
    .bind(l.field)
    .bind(l.bio)
    .bind(l.phone)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Whether the lecturer belongs to the institution.
pub async fn lecturer_of(
    conn: &mut AnyConnection,
    lecturer: i64,
    institution: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM lecturers WHERE id = $1 AND institution_id = $2")
            .bind(lecturer)
            .bind(institution)
            .fetch_one(conn)
            .await?;
    Ok(n == 1)
}
