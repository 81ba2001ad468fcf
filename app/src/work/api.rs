use std::collections::HashMap;

use leptos::prelude::*;

use super::{Stage, WorkItem};
use crate::error::AppError;

/// What waits for the caller, most pressing first.
#[server(endpoint = "my_work")]
pub async fn my_work() -> Result<Vec<WorkItem>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_WORK).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    ssr::items(&mut conn, &caller).await
}

/// Each programme's stage in the caller's scope, by programme id.
#[server(endpoint = "programme_stages")]
pub async fn programme_stages() -> Result<HashMap<i64, Stage>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PROGRAMME_STAGES).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let scope = crate::plan::repo::Scope::of(&caller)?;
    let today = crate::domain::shanghai_date(caller.now());
    let rows = super::repo::programmes(&mut conn, scope).await?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((r.id, ssr::stage(r, today)?)))
        .collect())
}

#[cfg(feature = "ssr")]
mod ssr {
    use chrono::NaiveDate;
    use sqlx::AnyConnection;

    use super::super::repo::{self, ProgrammeRow};
    use super::super::{Stage, StageInput, WorkItem, WorkKind, SOON_DAYS};
    use crate::auth::guard::Caller;
    use crate::domain::{parse_date, shanghai_date, Role, MIN_PROGRAMME_HOURS};
    use crate::error::AppError;
    use crate::plan::repo::Scope;
    use crate::prep::FilingStatus;

    pub fn stage(r: &ProgrammeRow, today: NaiveDate) -> Option<Stage> {
        Some(Stage::of(&StageInput {
            filing: r.filing.as_deref().and_then(FilingStatus::parse),
            apply_until: r.apply_until.as_deref(),
            start: parse_date(&r.start_date).ok()?,
            end: parse_date(&r.end_date).ok()?,
            today,
        }))
    }

    fn one(kind: WorkKind, href: String, subject: &str, count: i64) -> WorkItem {
        WorkItem {
            kind,
            href,
            subject: subject.to_owned(),
            count,
            due: None,
        }
    }

    /// R10: the unit's closing to send (or send again), the admin's to
    /// review.
    fn closing_item(role: Role, r: &ProgrammeRow, today: NaiveDate) -> Option<WorkItem> {
        use crate::domain::closing::{closing_due, days_to_close, ClosingStatus};
        let latest = r.closing.as_deref().and_then(ClosingStatus::parse);
        let href = format!("/programmes/{}/closing", r.id);
        match (role, latest) {
            (Role::Admin, Some(ClosingStatus::Submitted)) => {
                Some(one(WorkKind::ClosingToReview, href, &r.topic, 1))
            }
            (Role::Unit, None | Some(ClosingStatus::Returned)) => {
                let end = parse_date(&r.end_date).ok()?;
                let returned = i64::from(latest.is_some());
                let mut item = one(WorkKind::ClosingDue, href, &r.topic, returned);
                item.due = Some((closing_due(end).to_string(), days_to_close(end, today)));
                Some(item)
            }
            _ => None,
        }
    }

    pub async fn items(
        conn: &mut AnyConnection,
        caller: &Caller,
    ) -> Result<Vec<WorkItem>, AppError> {
        let now = caller.now();
        let today = shanghai_date(now);
        let mut out = Vec::new();
        if caller.user.role == Role::Trainee {
            let day = today.to_string();
            let mine = crate::enrollment::repo::applications_of_account(conn, caller.user.id, &day)
                .await?;
            for (id, topic, status, start) in &mine {
                let kind = match status.as_str() {
                    "applied" => WorkKind::ApplicationPending,
                    "admitted" => WorkKind::Admitted,
                    _ => continue,
                };
                let mut item = one(kind, format!("/enroll/{id}"), topic, 1);
                if kind == WorkKind::Admitted {
                    item.due = days_to(start, today).filter(|d| d.1 >= 0);
                }
                out.push(item);
            }
            // Programmes the trainee has applied to are not offered again.
            let open = crate::enrollment::repo::open_enrollments(conn, &day).await?;
            for (id, topic, until) in open
                .into_iter()
                .filter(|(id, _, _)| !mine.iter().any(|m| m.0 == *id))
            {
                let mut item = one(WorkKind::OpenEnrollment, format!("/enroll/{id}"), &topic, 1);
                item.due = days_to(&until, today);
                out.push(item);
            }
            return Ok(out);
        }
        let role = caller.user.role;
        let rows = repo::programmes(conn, Scope::of(caller)?).await?;
        for r in &rows {
            let Some(stage) = stage(r, today) else {
                continue;
            };
            let prep = format!("/programmes/{}/prep", r.id);
            match (role, &stage) {
                (Role::Admin, Stage::Filed) => {
                    out.push(one(WorkKind::FilingToReview, prep.clone(), &r.topic, 1))
                }
                (Role::Inspector, Stage::Filed) => out.push(one(
                    WorkKind::FilingAwaitingReview,
                    prep.clone(),
                    &r.topic,
                    1,
                )),
                (
                    Role::Inspector,
                    Stage::Preparing { due, days } | Stage::Returned { due, days },
                ) if *days < 0 => {
                    let mut item = one(WorkKind::FilingOverdue, prep.clone(), &r.topic, 1);
                    item.due = Some((due.clone(), *days));
                    out.push(item);
                }
                (Role::Unit, Stage::Preparing { due, days }) => {
                    let mut item = one(WorkKind::FilingDue, prep.clone(), &r.topic, 1);
                    item.due = Some((due.clone(), *days));
                    out.push(item);
                }
                (Role::Unit, Stage::Returned { due, days }) => {
                    let mut item = one(WorkKind::FilingReturned, prep.clone(), &r.topic, 1);
                    item.due = Some((due.clone(), *days));
                    out.push(item);
                }
                _ => {}
            }
            if stage == Stage::Finished && r.filing.as_deref() == Some("acknowledged") {
                if let Some(item) = closing_item(role, r, today) {
                    out.push(item);
                }
            }
            let inspections = format!("/programmes/{}/inspections", r.id);
            if role == Role::Unit && r.rectifying > 0 {
                let mut item = one(
                    WorkKind::RectificationDue,
                    inspections.clone(),
                    &r.topic,
                    r.rectifying,
                );
                item.due = r.rectify_by.as_deref().and_then(|d| days_to(d, today));
                out.push(item);
            }
            if matches!(role, Role::Admin | Role::Inspector) && r.rectification_reports > 0 {
                out.push(one(
                    WorkKind::RectificationToReview,
                    inspections,
                    &r.topic,
                    r.rectification_reports,
                ));
            }
            if role == Role::Admin && r.pending_changes > 0 {
                out.push(one(
                    WorkKind::ChangeToDecide,
                    format!("/programmes/{}", r.id),
                    &r.topic,
                    r.pending_changes,
                ));
            }
            if role == Role::Institution {
                if stage.preparing() && r.hours < i64::from(MIN_PROGRAMME_HOURS) {
                    out.push(one(
                        WorkKind::ScheduleShort,
                        prep.clone(),
                        &r.topic,
                        r.hours,
                    ));
                }
                if stage.preparing() && r.unvetted > 0 {
                    out.push(one(
                        WorkKind::LecturersToVet,
                        prep.clone(),
                        &r.topic,
                        r.unvetted,
                    ));
                }
                if r.applicants > 0 && !matches!(stage, Stage::Finished) {
                    out.push(one(
                        WorkKind::ApplicantsToAdmit,
                        format!("/programmes/{}/trainees", r.id),
                        &r.topic,
                        r.applicants,
                    ));
                }
            }
            if matches!(role, Role::Institution | Role::Unit) {
                if let Some(due) = days_to(&r.start_date, today) {
                    if (0..=SOON_DAYS).contains(&due.1) {
                        let mut item = one(
                            WorkKind::StartsSoon,
                            format!("/programmes/{}", r.id),
                            &r.topic,
                            1,
                        );
                        item.due = Some(due);
                        out.push(item);
                    }
                }
            }
        }
        if role == Role::Institution {
            let day = today.to_string();
            for (id, topic, undecided) in
                crate::assessment::repo::to_decide(conn, caller.org_id()?, &day).await?
            {
                out.push(one(
                    WorkKind::ResultsToDecide,
                    format!("/programmes/{id}/assessment"),
                    &topic,
                    undecided,
                ));
            }
        }
        if role == Role::Admin {
            for (year, n) in repo::proposals_to_decide(conn, now).await? {
                out.push(one(
                    WorkKind::ProposalsToDecide,
                    format!("/admin/proposals?year={year}&status=submitted"),
                    &year.to_string(),
                    n,
                ));
            }
        }
        if matches!(role, Role::Admin | Role::Unit) {
            for (year, deadline) in repo::open_calls(conn, now).await? {
                let day = shanghai_date(deadline);
                let days = (day - today).num_days();
                if days <= SOON_DAYS {
                    let href = match role {
                        Role::Admin => format!("/admin/calls/{year}"),
                        _ => "/proposals".to_owned(),
                    };
                    let mut item = one(WorkKind::CallClosing, href, &year.to_string(), 1);
                    item.due = Some((day.to_string(), days));
                    out.push(item);
                }
            }
        }
        if role == Role::Unit {
            for (id, topic, returned) in
                crate::certificates::repo::registers_to_submit(conn, caller.org_id()?).await?
            {
                out.push(one(
                    WorkKind::RegisterToSubmit,
                    format!("/programmes/{id}/completion"),
                    &topic,
                    returned,
                ));
            }
        }
        if role == Role::Admin {
            for (id, topic) in crate::certificates::repo::registers_to_review(conn).await? {
                out.push(one(
                    WorkKind::RegisterToReview,
                    format!("/programmes/{id}/completion"),
                    &topic,
                    1,
                ));
            }
            for (id, topic, n) in crate::certificates::repo::to_issue(conn).await? {
                out.push(one(
                    WorkKind::CertificatesToIssue,
                    format!("/programmes/{id}/completion"),
                    &topic,
                    n,
                ));
            }
        }
        if role == Role::Unit {
            for (year, n) in repo::drafts(conn, caller.org_id()?, now).await? {
                out.push(one(
                    WorkKind::DraftsToSubmit,
                    "/proposals".into(),
                    &year.to_string(),
                    n,
                ));
            }
        }
        // Most pressing first: by days left, then as found.
        out.sort_by_key(|i| i.due.as_ref().map_or(i64::MAX, |d| d.1));
        Ok(out)
    }

    /// A date and the days from `today` to it.
    fn days_to(date: &str, today: NaiveDate) -> Option<(String, i64)> {
        let d = parse_date(date).ok()?;
        Some((date.to_owned(), (d - today).num_days()))
    }
}
