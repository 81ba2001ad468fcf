//! Courses and the vetting of the lecturers who teach them.

use sqlx::AnyConnection;

use crate::domain::TeachingForm;
use crate::prep::{CourseView, VettingView};

type CourseRow = (i64, String, String, String, String, String, i64, String);

pub async fn courses(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<CourseView>, sqlx::Error> {
    let rows: Vec<CourseRow> = sqlx::query_as(
        "SELECT id, day, start_time, end_time, title, form, class_hours, place FROM courses \
         WHERE programme_id = $1 ORDER BY day, start_time, id",
    )
    .bind(programme)
    .fetch_all(&mut *conn)
    .await?;
    let names: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT cl.course_id, l.id, l.name FROM course_lecturers cl \
         JOIN lecturers l ON l.id = cl.lecturer_id JOIN courses c ON c.id = cl.course_id \
         WHERE c.programme_id = $1 ORDER BY l.name",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, day, start_time, end_time, title, form, class_hours, place)| CourseView {
                lecturers: names
                    .iter()
                    .filter(|(c, _, _)| *c == id)
                    .map(|(_, l, n)| (*l, n.clone()))
                    .collect(),
                id,
                day,
                start_time,
                end_time,
                title,
                form: TeachingForm::parse(&form).unwrap_or(TeachingForm::Keynote),
                class_hours,
                place,
            },
        )
        .collect())
}

pub struct NewCourse<'a> {
    pub programme: i64,
    pub day: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub title: &'a str,
    pub form: TeachingForm,
    pub hours: i64,
    pub place: &'a str,
    pub lecturers: &'a [i64],
}

pub async fn insert_course(
    conn: &mut AnyConnection,
    c: &NewCourse<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO courses (programme_id, day, start_time, end_time, title, form, \
         class_hours, place, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(c.programme)
    .bind(c.day)
    .bind(c.start)
    .bind(c.end)
    .bind(c.title)
    .bind(c.form.as_str())
    .bind(c.hours)
    .bind(c.place)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for l in c.lecturers {
        sqlx::query("INSERT INTO course_lecturers (course_id, lecturer_id) VALUES ($1, $2)")
            .bind(id)
            .bind(l)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// The programme a course belongs to.
pub async fn course_programme(
    conn: &mut AnyConnection,
    course: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT programme_id, title FROM courses WHERE id = $1")
        .bind(course)
        .fetch_optional(conn)
        .await
}

pub async fn delete_course(conn: &mut AnyConnection, course: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM course_lecturers WHERE course_id = $1")
        .bind(course)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM courses WHERE id = $1")
        .bind(course)
        .execute(conn)
        .await?;
    Ok(())
}

type VettingRow = (
    i64,
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

pub async fn vettings(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<VettingView>, sqlx::Error> {
    let rows: Vec<VettingRow> = sqlx::query_as(
        "SELECT v.lecturer_id, l.name, v.expertise_reviewer, v.expertise_date, \
         v.expertise_note, v.compliance_reviewer, v.compliance_date, v.compliance_note, \
         v.decision, v.decided_at FROM vettings v JOIN lecturers l ON l.id = v.lecturer_id \
         WHERE v.programme_id = $1 ORDER BY l.name",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(lecturer_id, lecturer_name, er, ed, en, cr, cd, cn, decision, decided_at)| {
                VettingView {
                    lecturer_id,
                    lecturer_name,
                    expertise: (er, ed, en),
                    compliance: (cr, cd, cn),
                    approved: decision == "approved",
                    decided_at,
                }
            },
        )
        .collect())
}

pub struct Vetting<'a> {
    pub programme: i64,
    pub lecturer: i64,
    pub expertise: [&'a str; 3],
    pub compliance: [&'a str; 3],
    pub approved: bool,
    pub by: i64,
}

/// Records (or replaces) a lecturer's vetting for a programme.
pub async fn save_vetting(
    conn: &mut AnyConnection,
    v: &Vetting<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM vettings WHERE programme_id = $1 AND lecturer_id = $2")
        .bind(v.programme)
        .bind(v.lecturer)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO vettings (programme_id, lecturer_id, expertise_reviewer, expertise_date, \
         expertise_note, compliance_reviewer, compliance_date, compliance_note, decision, \
         decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(v.programme)
    .bind(v.lecturer)
    .bind(v.expertise[0])
    .bind(v.expertise[1])
    .bind(v.expertise[2])
    .bind(v.compliance[0])
    .bind(v.compliance[1])
    .bind(v.compliance[2])
    .bind(if v.approved { "approved" } else { "rejected" })
    .bind(v.by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
