//! A host institution's lecturer registry.

use sqlx::AnyConnection;

use crate::domain::LecturerTitle;
use crate::prep::LecturerView;
use crate::server::crypto::{DataKeys, Purpose};

type LecturerRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    i64,
);

fn lecturer(
    keys: &DataKeys,
    (id, name, title, affiliation, field, bio, phone, retired_at, version): LecturerRow,
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
        retired: retired_at.is_some(),
        version,
    })
}

/// Lecturers whose phone is sealed; the start-up step seals the others.
const LECTURER: &str = "SELECT id, name, title_level, affiliation, field, bio, phone_sealed, \
     retired_at, version FROM lecturers WHERE phone_sealed IS NOT NULL";

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

/// Whether the institution has registered this person already (same name
/// and phone, not retired), other than `except`.
pub async fn registered(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    institution: i64,
    name: &str,
    phone: &str,
    except: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lecturers WHERE institution_id = $1 AND name = $2 \
         AND phone_hash = $3 AND retired_at IS NULL AND id <> $4",
    )
    .bind(institution)
    .bind(name)
    .bind(keys.lookup(Purpose::Mobile, phone))
    .bind(except)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Corrects a lecturer of the institution at `version`; false when it is
/// not the institution's, was retired, or changed meanwhile.
pub async fn update_lecturer(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    id: i64,
    version: i64,
    l: &NewLecturer<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE lecturers SET name = $1, title_level = $2, affiliation = $3, field = $4, \
         bio = $5, phone_sealed = $6, phone_hash = $7, version = version + 1 \
         WHERE id = $8 AND institution_id = $9 AND version = $10 AND retired_at IS NULL",
    )
    .bind(l.name)
    .bind(l.title.as_str())
    .bind(l.affiliation)
    .bind(l.field)
    .bind(l.bio)
    .bind(keys.seal(l.phone))
    .bind(keys.lookup(Purpose::Mobile, l.phone))
    .bind(id)
    .bind(l.institution)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Retires a lecturer of the institution: (name) when done.
pub async fn retire_lecturer(
    conn: &mut AnyConnection,
    id: i64,
    institution: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE lecturers SET retired_at = $1, version = version + 1 \
         WHERE id = $2 AND institution_id = $3 AND retired_at IS NULL RETURNING name",
    )
    .bind(now)
    .bind(id)
    .bind(institution)
    .fetch_optional(conn)
    .await
}

/// Whether the lecturer is the institution's and still offered for new
/// courses.
pub async fn active_lecturer_of(
    conn: &mut AnyConnection,
    lecturer: i64,
    institution: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lecturers WHERE id = $1 AND institution_id = $2 \
         AND retired_at IS NULL",
    )
    .bind(lecturer)
    .bind(institution)
    .fetch_one(conn)
    .await?;
    Ok(n == 1)
}

/// A lecturer's name and title as registered, when the lecturer has an
/// approved vetting for some programme (R6 approved that person).
pub async fn vetted_identity(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.name, l.title_level FROM lecturers l WHERE l.id = $1 AND EXISTS \
         (SELECT 1 FROM vettings v WHERE v.lecturer_id = l.id AND v.decision = 'approved')",
    )
    .bind(id)
    .fetch_optional(conn)
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
