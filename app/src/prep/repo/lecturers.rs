//! A host institution's lecturer registry.

use sqlx::AnyConnection;

use crate::domain::LecturerTitle;
use crate::prep::LecturerView;
use crate::server::crypto::{DataKeys, Purpose};

type LecturerRow = (i64, String, String, String, String, String, String);

fn lecturer(
    keys: &DataKeys,
    (id, name, title, affiliation, field, bio, phone): LecturerRow,
) -> Result<LecturerView, sqlx::Error> {
    Ok(LecturerView {
        id,
        name,
        // CHECK constraints admit only known codes.
        title_level: LecturerTitle::parse(&title).unwrap_or(LecturerTitle::MidOrBelow),
        affiliation,
        field,
        bio,
        phone: keys.open_column(&phone)?,
    })
}

/// Lecturers whose phone is sealed; the start-up step seals the others.
const LECTURER: &str = "SELECT id, name, title_level, affiliation, field, bio, phone_sealed \
     FROM lecturers WHERE phone_sealed IS NOT NULL";

pub async fn lecturers_of(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    institution: i64,
) -> Result<Vec<LecturerView>, sqlx::Error> {
    let rows: Vec<LecturerRow> = sqlx::query_as(&format!(
        "{LECTURER} AND institution_id = $1 ORDER BY name, id"
    ))
    .bind(institution)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(|r| lecturer(keys, r)).collect()
}

/// The lecturers standing on a programme's schedule.
pub async fn lecturers_on(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    programme: i64,
) -> Result<Vec<LecturerView>, sqlx::Error> {
    let rows: Vec<LecturerRow> = sqlx::query_as(&format!(
        "{LECTURER} AND id IN (SELECT cl.lecturer_id FROM course_lecturers cl \
         JOIN courses c ON c.id = cl.course_id WHERE c.programme_id = $1) ORDER BY name, id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(|r| lecturer(keys, r)).collect()
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
    keys: &DataKeys,
    l: &NewLecturer<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO lecturers (institution_id, name, title_level, affiliation, field, bio, \
         legacy_phone, phone_sealed, phone_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9) RETURNING id",
    )
    .bind(l.institution)
    .bind(l.name)
    .bind(l.title.as_str())
    .bind(l.affiliation)
    .bind(l.field)
    .bind(l.bio)
    .bind(keys.seal(l.phone))
    .bind(keys.lookup(Purpose::Mobile, l.phone))
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

/// Seals phones stored before sealing, and seals again those sealed under
/// a previous key (see `enrollment::repo::seal_stale`).
pub async fn seal_stale(conn: &mut AnyConnection, keys: &DataKeys) -> Result<u64, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, legacy_phone, phone_sealed FROM lecturers \
         WHERE legacy_phone <> '' OR phone_sealed IS NULL OR phone_sealed NOT LIKE $1",
    )
    .bind(keys.current_pattern())
    .fetch_all(&mut *conn)
    .await?;
    let mut changed = 0;
    for (id, legacy, sealed) in rows {
        let phone = match sealed {
            Some(s) if legacy.is_empty() => keys.open_column(&s)?,
            _ => legacy,
        };
        sqlx::query(
            "UPDATE lecturers SET phone_sealed = $1, phone_hash = $2, legacy_phone = '' \
             WHERE id = $3",
        )
        .bind(keys.seal(&phone))
        .bind(keys.lookup(Purpose::Mobile, &phone))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        changed += 1;
    }
    Ok(changed)
}
