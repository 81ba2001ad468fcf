//! Check-ins: one per trainee and course, by scan or by the institution's
//! mark.

use sqlx::AnyConnection;

use super::CourseHead;
use crate::domain::checkin::Window;
use crate::prep::CourseView;

/// A course with what check-in needs to know of its programme.
pub struct Course {
    pub programme: i64,
    /// The programme's last day.
    pub programme_end: String,
    pub institution: i64,
    pub unit: i64,
    pub head: CourseHead,
}

impl Course {
    pub fn window(&self) -> Window {
        Window {
            opens: self.head.opens,
            closes: self.head.closes,
        }
    }
}

type CourseRow = (
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
);

/// A course, if its times make a window (the schedule's checks ensure it).
pub async fn course(conn: &mut AnyConnection, id: i64) -> Result<Option<Course>, sqlx::Error> {
    let row: Option<CourseRow> = sqlx::query_as(
        "SELECT c.id, g.id, g.institution_id, g.unit_id, g.topic, c.title, c.day, c.start_time, \
         c.end_time, c.place, c.class_hours, g.end_date FROM courses c JOIN programmes g \
         ON g.id = c.programme_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(
        |(
            id,
            programme,
            institution,
            unit,
            topic,
            title,
            day,
            start_time,
            end_time,
            place,
            class_hours,
            programme_end,
        )| {
            let course = CourseView {
                id,
                day,
                start_time,
                end_time,
                title,
                form: crate::domain::TeachingForm::Keynote,
                class_hours,
                place,
                lecturers: vec![],
            };
            Some(Course {
                programme,
                programme_end,
                institution,
                unit,
                head: CourseHead::of(programme, &topic, &course)?,
            })
        },
    ))
}

/// The account's admitted enrollment in a programme.
pub async fn admitted_enrollment(
    conn: &mut AnyConnection,
    programme: i64,
    account: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM enrollments WHERE programme_id = $1 AND account_id = $2 \
         AND status = 'admitted'",
    )
    .bind(programme)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// Whether an enrollment is admitted to a programme.
pub async fn is_admitted(
    conn: &mut AnyConnection,
    enrollment: i64,
    programme: i64,
) -> Result<bool, sqlx::Error> {
    Ok(programme_of_admitted(conn, enrollment).await? == Some(programme))
}

/// The programme of an admitted enrollment.
pub async fn programme_of_admitted(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT programme_id FROM enrollments WHERE id = $1 AND status = 'admitted'")
        .bind(enrollment)
        .fetch_optional(conn)
        .await
}

pub enum Method<'a> {
    Scan,
    /// By an institution's account, with the reason it gave.
    Manual {
        by: i64,
        reason: &'a str,
    },
}

/// Records a check-in unless there is one: returns when the trainee is
/// checked in and whether this call recorded it. Concurrent scans of one
/// trainee meet the unique key; one row wins, the others read it.
pub async fn record(
    conn: &mut AnyConnection,
    course: i64,
    enrollment: i64,
    at: i64,
    method: Method<'_>,
) -> Result<(i64, bool), sqlx::Error> {
    let (kind, by, reason) = match method {
        Method::Scan => ("scan", None, ""),
        Method::Manual { by, reason } => ("manual", Some(by), reason),
    };
    let inserted = sqlx::query(
        "INSERT INTO checkins (course_id, enrollment_id, at, method, reason, marked_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (course_id, enrollment_id) DO NOTHING",
    )
    .bind(course)
    .bind(enrollment)
    .bind(at)
    .bind(kind)
    .bind(reason)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    let when: i64 =
        sqlx::query_scalar("SELECT at FROM checkins WHERE course_id = $1 AND enrollment_id = $2")
            .bind(course)
            .bind(enrollment)
            .fetch_one(conn)
            .await?;
    Ok((when, inserted.rows_affected() == 1))
}

/// A course's admitted trainees with their check-in, by name.
pub struct RosterRow {
    pub enrollment: i64,
    pub name: String,
    pub employer: String,
    pub at: Option<i64>,
    pub manual: bool,
    pub reason: String,
}

type Roster = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

pub async fn roster(
    conn: &mut AnyConnection,
    course: i64,
    programme: i64,
) -> Result<Vec<RosterRow>, sqlx::Error> {
    let rows: Vec<Roster> = sqlx::query_as(
        "SELECT e.id, e.name, e.employer, k.at, k.method, k.reason FROM enrollments e \
         LEFT JOIN checkins k ON k.enrollment_id = e.id AND k.course_id = $1 \
         WHERE e.programme_id = $2 AND e.status = 'admitted' ORDER BY e.name, e.id",
    )
    .bind(course)
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(enrollment, name, employer, at, method, reason)| RosterRow {
                enrollment,
                name,
                employer,
                at,
                manual: method.as_deref() == Some("manual"),
                reason: reason.unwrap_or_default(),
            },
        )
        .collect())
}

/// Class hours attended per admitted trainee of a programme: the sum of
/// the hours of the courses each checked in to. (enrollment, name, hours).
pub async fn hours(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.name, CAST(COALESCE(SUM(c.class_hours), 0) AS BIGINT) FROM enrollments e \
         LEFT JOIN checkins k ON k.enrollment_id = e.id \
         LEFT JOIN courses c ON c.id = k.course_id AND c.programme_id = e.programme_id \
         WHERE e.programme_id = $1 AND e.status = 'admitted' \
         GROUP BY e.id, e.name ORDER BY e.name, e.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await
}

/// Checked-in count per course of a programme.
pub async fn counts(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, COUNT(k.id) FROM courses c LEFT JOIN checkins k ON k.course_id = c.id \
         WHERE c.programme_id = $1 GROUP BY c.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await
}
