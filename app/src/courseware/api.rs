use leptos::prelude::*;

use super::CoursewareAdminView;
use crate::error::AppError;

/// A year's lectures given so far, with their lecturers' consents and
/// their listings: what the province picks courseware from.
#[server(endpoint = "courseware_admin")]
pub async fn courseware_admin(
    #[server(default)] year: String,
) -> Result<CoursewareAdminView, AppError> {
    use super::LectureView;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::COURSEWARE_ADMIN).await?;
    let today_date = crate::domain::shanghai_date(caller.now());
    let today = today_date.to_string();
    let mut conn = caller.state.db.pool.acquire().await?;
    let years = super::repo::years(&mut conn, &today).await?;
    let asked = year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| years.contains(y));
    let Some(year) = asked.or(years.first().copied()) else {
        return Ok(CoursewareAdminView {
            year: None,
            years,
            lectures: Vec::new(),
            today,
        });
    };
    let rows = super::repo::lectures(&mut conn, year, &today).await?;
    let mut people = super::repo::lecturers(&mut conn, super::repo::Of::Year(year), &today).await?;
    let lectures = rows
        .into_iter()
        .map(|r| {
            let lecturers = people.remove(&r.course_id).unwrap_or_default();
            let public = ssr::scope(&r.day, &lecturers, today_date).is_some();
            LectureView {
                course_id: r.course_id,
                programme_id: r.programme_id,
                form: r.form(),
                listing: r.listing(public),
                topic: r.topic,
                institution: r.institution,
                day: r.day,
                start_time: r.start_time,
                title: r.title,
                class_hours: r.class_hours,
                lecturers,
            }
        })
        .collect();
    Ok(CoursewareAdminView {
        year: Some(year),
        years,
        lectures,
        today,
    })
}

/// Records a lecturer's consent to publish a lecture (R14): in what form,
/// given on which day, until which day, on what evidence. A consent not
/// yet revoked for the same lecture is replaced (revoked, and audited as
/// such) so that one is in force at a time.
#[server(endpoint = "record_consent")]
pub async fn record_consent(
    who: String,
    scope: String,
    given_on: String,
    until: String,
    evidence: String,
) -> Result<i64, AppError> {
    use crate::domain::courseware::{consent_period, ConsentScope};
    use crate::domain::{parse_date, required_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::RECORD_CONSENT).await?;
    let at = caller.now();
    let today = crate::domain::shanghai_date(at);
    let mut p = Problems::default();
    // "{course}:{lecturer}", as the form's choice names them.
    let pair = who
        .split_once(':')
        .and_then(|(c, l)| Some((c.trim().parse::<i64>().ok()?, l.trim().parse::<i64>().ok()?)));
    let (course_id, lecturer_id) = p
        .check("who", pair.ok_or(Problem::InvalidChoice))
        .unwrap_or((0, 0));
    let scope = p.check(
        "scope",
        ConsentScope::parse(scope.trim()).ok_or(Problem::InvalidChoice),
    );
    let given = p.check("given_on", parse_date(&given_on));
    let last = p.check("until", parse_date(&until));
    let evidence = p.check("evidence", required_text(&evidence, super::TEXT_MAX));
    if let (Some(g), Some(u)) = (given, last) {
        if let Err((field, problem)) = consent_period(g, u, today) {
            p.push(field, problem);
        }
    }
    p.into_result()?;
    let (Some(scope), Some(given), Some(last), Some(evidence)) = (scope, given, last, evidence)
    else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let name = ssr::lecturer_on(&mut tx, course_id, lecturer_id).await?;
    let lecture = super::repo::lecture(&mut tx, course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let day = parse_date(&lecture.day).map_err(|_| AppError::Internal)?;
    if day > today {
        return Err(AppError::field(
            "who",
            Problem::Courseware(crate::domain::courseware::Refusal::NotGiven { day }),
        ));
    }
    let replaced = super::repo::open_consent(&mut tx, course_id, lecturer_id).await?;
    if let Some(old) = replaced {
        // Revoked meanwhile by another request: the page was stale.
        if !super::repo::revoke(&mut tx, old, ssr::REPLACED, caller.user.id, at).await? {
            return Err(AppError::Conflict);
        }
        let detail = format!("#{old} {name}: {}", ssr::REPLACED);
        caller
            .audit(
                &mut tx,
                "courseware_consent_revoked",
                "course",
                course_id,
                &detail,
                at,
            )
            .await?;
    }
    let new = super::repo::NewConsent {
        course: course_id,
        lecturer: lecturer_id,
        scope,
        given_on: given.to_string(),
        until: last.to_string(),
        evidence: &evidence,
        by: caller.user.id,
    };
    let id = super::repo::insert_consent(&mut tx, &new, at).await?;
    let detail = format!(
        "#{id} {name}：{} {given} 至 {last}；{evidence}",
        crate::i18n::consent_scope_text(scope, crate::i18n::Locale::Zh)
    );
    ssr::settle(
        tx,
        &caller,
        ("courseware_consent_recorded", "consent_recorded"),
        course_id,
        &detail,
        at,
    )
    .await?;
    Ok(id)
}

/// Revokes a consent: its lecture leaves the public catalogue at once.
#[server(endpoint = "revoke_consent")]
pub async fn revoke_consent(consent_id: String, reason: String) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REVOKE_CONSENT).await?;
    let (consent_id, reason) = ssr::with_reason("consent_id", &consent_id, &reason)?;
    let at = caller.now();
    let mut tx = caller.state.db.write().await?;
    let (course, lecturer) = super::repo::consent_of(&mut tx, consent_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::repo::revoke(&mut tx, consent_id, &reason, caller.user.id, at).await? {
        return Err(AppError::Conflict);
    }
    let name = ssr::lecturer_on(&mut tx, course, lecturer).await?;
    let detail = format!("#{consent_id} {name}: {reason}");
    ssr::settle(
        tx,
        &caller,
        ("courseware_consent_revoked", "consent_revoked"),
        course,
        &detail,
        at,
    )
    .await?;
    Ok(())
}

/// Puts a lecture in the public catalogue under a field (by default its
/// first lecturer's). Refused unless it has been given and every lecturer
/// consents today to a form they all allow (R14).
#[server(endpoint = "list_courseware")]
pub async fn list_courseware(
    course_id: String,
    #[server(default)] field: String,
) -> Result<(), AppError> {
    use crate::domain::courseware::publishable;
    use crate::domain::{line, optional_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::LIST_COURSEWARE).await?;
    let mut p = Problems::default();
    let course = p.check("course_id", ssr::choice(&course_id));
    let field = p.check(
        "field",
        optional_text(&field, super::FIELD_MAX).and_then(|f| {
            if f.is_empty() {
                Ok(f)
            } else {
                line(&f, super::FIELD_MAX)
            }
        }),
    );
    p.into_result()?;
    let (Some(course_id), Some(field)) = (course, field) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let today = crate::domain::shanghai_date(at);
    let mut tx = caller.state.db.write().await?;
    let lecture = super::repo::lecture(&mut tx, course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = super::repo::lecturers(
        &mut tx,
        super::repo::Of::Course(course_id),
        &today.to_string(),
    )
    .await?
    .remove(&course_id)
    .unwrap_or_default();
    let day = crate::domain::parse_date(&lecture.day).map_err(|_| AppError::Internal)?;
    let scope = publishable(day, &ssr::consents(&people), today)
        .map_err(|r| AppError::field("course_id", Problem::Courseware(r)))?;
    let field = if field.is_empty() {
        people.first().map(|l| l.field.clone()).unwrap_or_default()
    } else {
        field
    };
    if !super::repo::list(&mut tx, course_id, &field, caller.user.id, at).await? {
        return Err(AppError::Conflict);
    }
    let detail = format!(
        "{}：{field}，{}",
        lecture.title,
        crate::i18n::consent_scope_text(scope, crate::i18n::Locale::Zh)
    );
    ssr::settle(
        tx,
        &caller,
        ("courseware_listed", "courseware_listed"),
        course_id,
        &detail,
        at,
    )
    .await?;
    Ok(())
}

/// Takes a lecture out of the catalogue, with the reason.
#[server(endpoint = "withdraw_courseware")]
pub async fn withdraw_courseware(course_id: String, reason: String) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::WITHDRAW_COURSEWARE).await?;
    let (course_id, reason) = ssr::with_reason("course_id", &course_id, &reason)?;
    let at = caller.now();
    let mut tx = caller.state.db.write().await?;
    super::repo::lecture(&mut tx, course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::repo::withdraw(&mut tx, course_id, &reason, caller.user.id, at).await? {
        return Err(AppError::Conflict);
    }
    ssr::settle(
        tx,
        &caller,
        ("courseware_withdrawn", "courseware_withdrawn"),
        course_id,
        &reason,
        at,
    )
    .await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use chrono::NaiveDate;
    use sqlx::AnyConnection;

    use super::super::LecturerConsents;
    use crate::domain::courseware::{publishable, ConsentScope};
    use crate::error::AppError;

    /// The reason stored on a consent replaced by a newer one.
    pub const REPLACED: &str = "已被新登记的授权取代";

    /// The lecturer's name, if they teach the lecture; otherwise the same
    /// answer as for a lecture that does not exist.
    pub async fn lecturer_on(
        conn: &mut AnyConnection,
        course: i64,
        lecturer: i64,
    ) -> Result<String, AppError> {
        let name: Option<String> = sqlx::query_scalar(
            "SELECT l.name FROM course_lecturers cl JOIN lecturers l ON l.id = cl.lecturer_id \
             WHERE cl.course_id = $1 AND cl.lecturer_id = $2",
        )
        .bind(course)
        .bind(lecturer)
        .fetch_optional(conn)
        .await?;
        name.ok_or(AppError::NotFound)
    }

    /// What of a lecture on `day` may be published today by its
    /// lecturers' consents, if anything.
    pub fn scope(
        day: &str,
        lecturers: &[LecturerConsents],
        today: NaiveDate,
    ) -> Option<ConsentScope> {
        let day = crate::domain::parse_date(day).ok()?;
        publishable(day, &consents(lecturers), today).ok()
    }

    /// Each lecturer's name with the scope of their consent in force.
    pub fn consents(lecturers: &[LecturerConsents]) -> Vec<(String, Option<ConsentScope>)> {
        lecturers
            .iter()
            .map(|l| (l.name.clone(), l.in_force()))
            .collect()
    }

    /// How every step ends: its audit record on the lecture, the commit,
    /// and for a plain form the way back with the step's notice.
    pub async fn settle(
        mut tx: crate::server::db::Tx,
        caller: &crate::auth::guard::Caller,
        (action, done): (&str, &str),
        course: i64,
        detail: &str,
        at: i64,
    ) -> Result<(), AppError> {
        caller
            .audit(&mut tx, action, "course", course, detail, at)
            .await?;
        tx.commit().await?;
        crate::server::redirect_plain_form(&format!("/admin/courseware?done={done}"));
        Ok(())
    }

    /// A record chosen in a form and the reason given for the step.
    pub fn with_reason(field: &str, id: &str, reason: &str) -> Result<(i64, String), AppError> {
        let mut p = crate::error::Problems::default();
        let id = p.check(field, choice(id));
        let reason = p.check(
            "reason",
            crate::domain::required_text(reason, super::super::TEXT_MAX),
        );
        p.into_result()?;
        id.zip(reason).ok_or(AppError::Internal)
    }

    /// A record chosen in a form, by its id.
    pub fn choice(raw: &str) -> Result<i64, crate::error::Problem> {
        raw.trim()
            .parse::<i64>()
            .map_err(|_| crate::error::Problem::InvalidChoice)
    }
}
