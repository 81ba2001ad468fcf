use leptos::prelude::*;

use super::{AttendanceView, CodeView, RosterView};
use crate::error::AppError;

/// The projector's code for a course of the institution's own programme,
/// with how many have checked in. Asked again every few seconds.
#[server(endpoint = "checkin_code")]
pub async fn checkin_code(course_id: i64) -> Result<CodeView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::CHECKIN_CODE).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let c = ssr::scoped_course(&mut conn, &caller, course_id).await?;
    let head = c.head.clone();
    let now = caller.now();
    let open = now >= head.opens && now < head.closes;
    let link = open.then(|| {
        format!(
            "{}{}",
            caller.state.config.public_url.trim_end_matches('/'),
            super::token::path(&caller.state.keys, course_id, now)
        )
    });
    let svg = link
        .as_deref()
        .and_then(|l| crate::server::qr::svg(l, &head.title));
    let rows = super::repo::roster(&mut conn, course_id, c.programme).await?;
    Ok(CodeView {
        open,
        svg,
        link,
        seconds_left: crate::domain::checkin::seconds_left(now),
        checked_in: rows.iter().filter(|r| r.at.is_some()).count() as i64,
        admitted: rows.len() as i64,
        course: head,
    })
}

/// A course's roster: every admitted trainee and their check-in.
#[server(endpoint = "course_roster")]
pub async fn course_roster(course_id: i64) -> Result<RosterView, AppError> {
    use crate::domain::Role;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::COURSE_ROSTER).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let c = ssr::scoped_course(&mut conn, &caller, course_id).await?;
    let head = c.head.clone();
    let rows = super::repo::roster(&mut conn, course_id, c.programme).await?;
    let now = caller.now();
    Ok(RosterView {
        open: now >= head.opens && now < head.closes,
        may_mark: caller.user.role == Role::Institution && now >= head.opens,
        course: head,
        rows: rows
            .into_iter()
            .map(|r| super::RosterEntry {
                enrollment_id: r.enrollment,
                name: r.name,
                employer: r.employer,
                at: r.at,
                manual: r.manual,
                reason: r.reason,
            })
            .collect(),
    })
}

/// The institution marks an admitted trainee present at a course that has
/// begun (or whose check-in has opened), with its reason; audited.
#[server(endpoint = "mark_present")]
pub async fn mark_present(
    course_id: i64,
    enrollment_id: i64,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::required_text;
    use crate::error::Problem;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MARK_PRESENT).await?;
    let reason =
        required_text(&reason, super::REASON_MAX).map_err(|p| AppError::field("reason", p))?;
    let mut tx = caller.state.db.write().await?;
    let c = ssr::scoped_course(&mut tx, &caller, course_id).await?;
    let head = &c.head;
    let now = caller.now();
    if now < head.opens {
        return Err(AppError::field("reason", Problem::NotYetOpen));
    }
    // Attendance is settled a month after the programme (R10's closing).
    let last = crate::domain::parse_date(&c.programme_end)
        .map(|d| d + chrono::Days::new(super::MARKS_CLOSE_DAYS))
        .map_err(|_| AppError::Internal)?;
    if crate::domain::shanghai_date(now) > last {
        return Err(AppError::field("reason", Problem::MarksClosed));
    }
    if !super::repo::is_admitted(&mut tx, enrollment_id, c.programme).await? {
        return Err(AppError::NotFound);
    }
    let by = caller.user.id;
    let method = super::repo::Method::Manual {
        by,
        reason: &reason,
    };
    let (_, recorded) = super::repo::record(&mut tx, course_id, enrollment_id, now, method).await?;
    if recorded {
        let detail = format!("#{enrollment_id}: {reason}");
        caller
            .audit(&mut tx, "checkin_marked", "course", course_id, &detail, now)
            .await?;
    }
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{}/courses/{course_id}?done=marked",
        c.programme
    ));
    Ok(())
}

/// Attended class hours per admitted trainee and check-ins per course.
#[server(endpoint = "programme_attendance")]
pub async fn programme_attendance(programme_id: i64) -> Result<AttendanceView, AppError> {
    use crate::domain::Role;
    use crate::plan::repo::Scope;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PROGRAMME_ATTENDANCE).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = crate::plan::repo::by_id(&mut conn, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let courses = crate::prep::repo::courses(&mut conn, programme_id).await?;
    let counts = super::repo::counts(&mut conn, programme_id).await?;
    let trainees = super::repo::hours(&mut conn, programme_id).await?;
    Ok(AttendanceView {
        programme_id,
        total_hours: courses.iter().map(|c| c.class_hours).sum(),
        courses: courses
            .into_iter()
            .map(|c| {
                let n = counts
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map_or(0, |(_, n)| *n);
                super::CourseHead::of(programme_id, &g.topic, &c).map(|h| (h, n))
            })
            .collect::<Option<Vec<_>>>()
            .ok_or(AppError::Internal)?
            .into_iter()
            .collect(),
        admitted: trainees.len() as i64,
        trainees: trainees.into_iter().map(|(_, n, h)| (n, h)).collect(),
        topic: g.topic,
        may_project: caller.user.role == Role::Institution,
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::repo::{self, Course};
    use crate::auth::guard::Caller;
    use crate::error::AppError;
    use crate::plan::repo::Scope;

    /// A course of a programme in the caller's scope; anything else is not
    /// found.
    pub async fn scoped_course(
        conn: &mut AnyConnection,
        caller: &Caller,
        course: i64,
    ) -> Result<Course, AppError> {
        let c = repo::course(conn, course)
            .await?
            .ok_or(AppError::NotFound)?;
        let visible = match Scope::of(caller)? {
            Scope::All => true,
            Scope::Unit(u) => c.unit == u,
            Scope::Institution(i) => c.institution == i,
        };
        if !visible {
            return Err(AppError::NotFound);
        }
        Ok(c)
    }
}
