//! Courseware consents and the catalogue's listings (server only).

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::{ConsentView, Ended, LecturerConsents, Listing};
use crate::domain::courseware::{in_force, ConsentScope};
use crate::domain::{LecturerTitle, TeachingForm};

/// A lecture given in a programme, with its listing if it has one.
#[derive(sqlx::FromRow)]
pub struct LectureRow {
    pub course_id: i64,
    pub programme_id: i64,
    pub year: i64,
    pub topic: String,
    pub institution: String,
    pub day: String,
    pub start_time: String,
    pub title: String,
    pub class_hours: i64,
    pub form: String,
    pub field: Option<String>,
    pub listed_by: Option<String>,
    pub listed_at: Option<i64>,
    pub withdrawn_by: Option<String>,
    pub withdrawn_at: Option<i64>,
    pub withdraw_reason: Option<String>,
}

impl LectureRow {
    pub fn form(&self) -> TeachingForm {
        // The courses table's CHECK admits only these.
        TeachingForm::parse(&self.form).unwrap_or(TeachingForm::Keynote)
    }

    pub fn listing(&self, public: bool) -> Option<Listing> {
        let (Some(field), Some(by), Some(at)) =
            (self.field.clone(), self.listed_by.clone(), self.listed_at)
        else {
            return None;
        };
        let withdrawn = self.withdrawn_at.map(|w| Ended {
            by: self.withdrawn_by.clone().unwrap_or_default(),
            at: w,
            reason: self.withdraw_reason.clone().unwrap_or_default(),
        });
        Some(Listing {
            public: public && withdrawn.is_none(),
            field,
            listed_by: by,
            listed_at: at,
            withdrawn,
        })
    }
}

const LECTURES: &str = "SELECT c.id AS course_id, g.id AS programme_id, g.year, g.topic, \
     i.name AS institution, c.day, c.start_time, c.title, c.class_hours, c.form, cw.field, \
     la.display_name AS listed_by, cw.listed_at, wa.display_name AS withdrawn_by, \
     cw.withdrawn_at, cw.withdraw_reason \
     FROM courses c JOIN programmes g ON g.id = c.programme_id \
     JOIN organisations i ON i.id = g.institution_id";

/// A year's lectures given by `today`, by day.
pub async fn lectures(
    conn: &mut AnyConnection,
    year: i64,
    today: &str,
) -> Result<Vec<LectureRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LECTURES} LEFT JOIN courseware cw ON cw.course_id = c.id \
         LEFT JOIN accounts la ON la.id = cw.listed_by \
         LEFT JOIN accounts wa ON wa.id = cw.withdrawn_by \
         WHERE g.year = $1 AND c.day <= $2 ORDER BY c.day, c.start_time, c.id"
    ))
    .bind(year)
    .bind(today)
    .fetch_all(conn)
    .await
}

/// Every lecture listed and not withdrawn, newest first; whether each
/// shows is decided from its lecturers' consents.
pub async fn listed(conn: &mut AnyConnection) -> Result<Vec<LectureRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LECTURES} JOIN courseware cw ON cw.course_id = c.id \
         JOIN accounts la ON la.id = cw.listed_by \
         LEFT JOIN accounts wa ON wa.id = cw.withdrawn_by \
         WHERE cw.withdrawn_at IS NULL ORDER BY g.year DESC, c.day DESC, c.id DESC"
    ))
    .fetch_all(conn)
    .await
}

/// One lecture, listed or not.
pub async fn lecture(
    conn: &mut AnyConnection,
    course: i64,
) -> Result<Option<LectureRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LECTURES} LEFT JOIN courseware cw ON cw.course_id = c.id \
         LEFT JOIN accounts la ON la.id = cw.listed_by \
         LEFT JOIN accounts wa ON wa.id = cw.withdrawn_by WHERE c.id = $1"
    ))
    .bind(course)
    .fetch_optional(conn)
    .await
}

/// Plan years with a lecture given by `today`, newest first.
pub async fn years(conn: &mut AnyConnection, today: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT g.year FROM courses c JOIN programmes g ON g.id = c.programme_id \
         WHERE c.day <= $1 ORDER BY g.year DESC",
    )
    .bind(today)
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct LecturerRow {
    course_id: i64,
    lecturer_id: i64,
    name: String,
    title_level: String,
    affiliation: String,
    field: String,
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    id: i64,
    course_id: i64,
    lecturer_id: i64,
    scope: String,
    given_on: String,
    until_date: String,
    evidence: String,
    recorded_by: String,
    recorded_at: i64,
    revoked_by: Option<String>,
    revoked_at: Option<i64>,
    revoke_reason: String,
}

/// Which lectures' lecturers to read: one lecture, a year's, or every
/// listed one.
#[derive(Clone, Copy)]
pub enum Of {
    Course(i64),
    Year(i64),
    Listed,
}

impl Of {
    /// The condition, and the value it binds as `$1` if any.
    fn filter(self) -> (&'static str, Option<i64>) {
        match self {
            Of::Course(id) => ("c.id = $1", Some(id)),
            Of::Year(y) => ("g.year = $1", Some(y)),
            Of::Listed => (
                "c.id IN (SELECT course_id FROM courseware WHERE withdrawn_at IS NULL)",
                None,
            ),
        }
    }
}

/// The lecturers of the chosen lectures, each with every consent they
/// gave for it (newest first), judged in force or not on `today`.
pub async fn lecturers(
    conn: &mut AnyConnection,
    of: Of,
    today: &str,
) -> Result<HashMap<i64, Vec<LecturerConsents>>, sqlx::Error> {
    let (filter, value) = of.filter();
    let from = "FROM course_lecturers cl JOIN courses c ON c.id = cl.course_id \
                JOIN programmes g ON g.id = c.programme_id";
    let sql = format!(
        "SELECT cl.course_id, l.id AS lecturer_id, l.name, l.title_level, l.affiliation, \
         l.field {from} JOIN lecturers l ON l.id = cl.lecturer_id WHERE {filter} \
         ORDER BY cl.course_id, l.id"
    );
    let mut q = sqlx::query_as::<_, LecturerRow>(&sql);
    if let Some(v) = value {
        q = q.bind(v);
    }
    let people = q.fetch_all(&mut *conn).await?;
    let sql = format!(
        "SELECT k.id, k.course_id, k.lecturer_id, k.scope, k.given_on, k.until_date, k.evidence, \
         r.display_name AS recorded_by, k.recorded_at, v.display_name AS revoked_by, \
         k.revoked_at, k.revoke_reason {from} \
         JOIN courseware_consents k ON k.course_id = cl.course_id AND k.lecturer_id = cl.lecturer_id \
         JOIN accounts r ON r.id = k.recorded_by LEFT JOIN accounts v ON v.id = k.revoked_by \
         WHERE {filter} ORDER BY k.id DESC"
    );
    let mut q = sqlx::query_as::<_, ConsentRow>(&sql);
    if let Some(v) = value {
        q = q.bind(v);
    }
    // Each lecturer's consents for each lecture, newest first.
    let mut given: HashMap<(i64, i64), Vec<ConsentRow>> = HashMap::new();
    for k in q.fetch_all(&mut *conn).await? {
        given
            .entry((k.course_id, k.lecturer_id))
            .or_default()
            .push(k);
    }
    let mut out: HashMap<i64, Vec<LecturerConsents>> = HashMap::new();
    for p in people {
        let consents = given
            .remove(&(p.course_id, p.lecturer_id))
            .unwrap_or_default()
            .into_iter()
            .map(|k| ConsentView {
                id: k.id,
                // The table's CHECK admits only these.
                scope: ConsentScope::parse(&k.scope).unwrap_or(ConsentScope::Slides),
                in_force: in_force(&k.given_on, &k.until_date, k.revoked_at.is_some(), today),
                given_on: k.given_on,
                until: k.until_date,
                evidence: k.evidence,
                recorded_by: k.recorded_by,
                recorded_at: k.recorded_at,
                revoked: k.revoked_at.map(|at| Ended {
                    by: k.revoked_by.unwrap_or_default(),
                    at,
                    reason: k.revoke_reason,
                }),
            })
            .collect();
        out.entry(p.course_id).or_default().push(LecturerConsents {
            lecturer_id: p.lecturer_id,
            name: p.name,
            title: LecturerTitle::parse(&p.title_level).unwrap_or(LecturerTitle::MidOrBelow),
            affiliation: p.affiliation,
            field: p.field,
            consents,
        });
    }
    Ok(out)
}

pub struct NewConsent<'a> {
    pub course: i64,
    pub lecturer: i64,
    pub scope: ConsentScope,
    pub given_on: String,
    pub until: String,
    pub evidence: &'a str,
    pub by: i64,
}

/// The consent not yet revoked of a lecturer for a lecture, if any.
pub async fn open_consent(
    conn: &mut AnyConnection,
    course: i64,
    lecturer: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM courseware_consents WHERE course_id = $1 AND lecturer_id = $2 \
         AND revoked_at IS NULL",
    )
    .bind(course)
    .bind(lecturer)
    .fetch_optional(conn)
    .await
}

pub async fn insert_consent(
    conn: &mut AnyConnection,
    n: &NewConsent<'_>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO courseware_consents (course_id, lecturer_id, scope, given_on, until_date, \
         evidence, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(n.course)
    .bind(n.lecturer)
    .bind(n.scope.as_str())
    .bind(n.given_on.clone())
    .bind(n.until.clone())
    .bind(n.evidence)
    .bind(n.by)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// Ends a consent not yet revoked; false if it was revoked already (or by
/// a request that came first).
pub async fn revoke(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE courseware_consents SET revoked_by = $1, revoked_at = $2, revoke_reason = $3 \
         WHERE id = $4 AND revoked_at IS NULL",
    )
    .bind(by)
    .bind(at)
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The lecture and lecturer a consent is for.
pub async fn consent_of(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT course_id, lecturer_id FROM courseware_consents WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Lists a lecture, or lists again one withdrawn; false if it is listed
/// already.
pub async fn list(
    conn: &mut AnyConnection,
    course: i64,
    field: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let again = sqlx::query(
        "UPDATE courseware SET field = $1, listed_by = $2, listed_at = $3, withdrawn_by = NULL, \
         withdrawn_at = NULL, withdraw_reason = '' WHERE course_id = $4 \
         AND withdrawn_at IS NOT NULL",
    )
    .bind(field)
    .bind(by)
    .bind(at)
    .bind(course)
    .execute(&mut *conn)
    .await?;
    if again.rows_affected() == 1 {
        return Ok(true);
    }
    let new = sqlx::query(
        "INSERT INTO courseware (course_id, field, listed_by, listed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (course_id) DO NOTHING",
    )
    .bind(course)
    .bind(field)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(new.rows_affected() == 1)
}

/// Takes a listed lecture out of the catalogue; false if it is not listed.
pub async fn withdraw(
    conn: &mut AnyConnection,
    course: i64,
    reason: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE courseware SET withdrawn_by = $1, withdrawn_at = $2, withdraw_reason = $3 \
         WHERE course_id = $4 AND withdrawn_at IS NULL",
    )
    .bind(by)
    .bind(at)
    .bind(reason)
    .bind(course)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a lecture has consents or a listing: the record of what its
/// lecturers agreed to keeps it on the schedule.
pub async fn has_records(conn: &mut AnyConnection, course: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM courseware_consents WHERE course_id = $1) \
         + (SELECT COUNT(*) FROM courseware WHERE course_id = $2)",
    )
    .bind(course)
    .bind(course)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
