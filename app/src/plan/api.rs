use leptos::prelude::*;

use super::{ProgrammeView, PublicPlan};
use crate::error::AppError;

/// Publishes the annual plan of a closed call: every selected proposal
/// becomes a programme. Once only.
#[server(endpoint = "publish_plan")]
pub async fn publish_plan(call_id: i64, version: i64) -> Result<i64, AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::PUBLISH_PLAN).await?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let call = crate::calls::repo::by_id(&mut tx, call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if call.is_open(at) || call.published_at.is_some() {
        return Err(AppError::WrongState);
    }
    if !crate::calls::repo::mark_published(&mut tx, call_id, version, at).await? {
        return Err(AppError::Conflict);
    }
    let n = super::repo::publish(&mut tx, call_id, call.year, at).await?;
    if n == 0 {
        return Err(AppError::WrongState);
    }
    let detail = format!("{}: {n}", call.year);
    caller
        .audit(
            &mut tx,
            "plan_published",
            "topic_call",
            call_id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/plan/{}", call.year));
    Ok(n)
}

/// The published plan of `year` (this year's, or the newest, when none is
/// given), for anyone. Only approved changes are shown.
#[server(endpoint = "get_plan")]
pub async fn get_plan(year: Option<i32>) -> Result<Option<PublicPlan>, AppError> {
    use crate::server::policy;

    let visitor = crate::auth::guard::public(&policy::GET_PLAN).await?;
    let mut conn = visitor.state.db.pool.acquire().await?;
    let years = super::repo::published_years(&mut conn).await?;
    // Without a year: this year's plan, else the newest there is.
    let this_year =
        chrono::Datelike::year(&crate::domain::shanghai_date(visitor.state.clock.now()));
    let chosen = match year {
        Some(y) => y,
        None if years.iter().any(|(y, _)| *y == this_year) => this_year,
        None => match years.first() {
            Some((y, _)) => *y,
            None => return Ok(None),
        },
    };
    let today = crate::domain::shanghai_date(visitor.state.clock.now()).to_string();
    Ok(super::repo::public_plan(&mut conn, chosen, &years, &today).await?)
}

/// Programmes the caller may see: all (admin, inspector), a unit's own, or
/// a host institution's own.
#[server(endpoint = "list_programmes")]
pub async fn list_programmes(id: Option<i64>) -> Result<Vec<ProgrammeView>, AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::LIST_PROGRAMMES).await?;
    let scope = super::repo::Scope::of(&caller)?;
    let mut conn = caller.state.db.pool.acquire().await?;
    match id {
        // Someone else's programme is simply not found.
        Some(id) => Ok(vec![super::repo::by_id(&mut conn, id, scope)
            .await?
            .ok_or(AppError::NotFound)?]),
        None => Ok(super::repo::list(&mut conn, None, scope, false).await?),
    }
}

/// A declaring unit asks to move its programme's dates or place (R13).
#[server(endpoint = "request_change")]
pub async fn request_change(
    programme_id: i64,
    start_date: String,
    end_date: String,
    place: String,
    reason: String,
) -> Result<i64, AppError> {
    use super::repo::{self, NewChange, Scope};
    use crate::domain::{line, required_text, PlannedDates};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REQUEST_CHANGE).await?;
    let unit = caller.org_id()?;
    let mut tx = caller.state.db.write().await?;
    let programme = repo::by_id(&mut tx, programme_id, Scope::Unit(unit))
        .await?
        .ok_or(AppError::NotFound)?;
    if programme.pending_change().is_some() {
        return Err(AppError::WrongState);
    }
    let mut p = Problems::default();
    let dates = p.check_all(PlannedDates::parse(&start_date, &end_date, programme.year));
    let place = p.check("place", line(&place, crate::proposals::input::PLACE_MAX));
    let reason = p.check("reason", required_text(&reason, super::REASON_MAX));
    if let (Some(d), Some(pl)) = (&dates, &place) {
        if d.start().to_string() == programme.start_date
            && d.end().to_string() == programme.end_date
            && *pl == programme.place
        {
            p.push("start_date", Problem::Unchanged);
        }
    }
    p.into_result()?;
    let (Some(dates), Some(place), Some(reason)) = (dates, place, reason) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let (start, end) = (dates.start().to_string(), dates.end().to_string());
    let new = NewChange {
        programme: &programme,
        start: &start,
        end: &end,
        place: &place,
        reason: &reason,
        by: caller.user.id,
    };
    let id = repo::insert_change(&mut tx, &new, at).await?;
    let detail = format!(
        "{} {}–{} {} → {start}–{end} {place}",
        programme.topic, programme.start_date, programme.end_date, programme.place
    );
    caller
        .audit(
            &mut tx,
            "change_requested",
            "programme",
            programme.id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}"));
    Ok(id)
}

/// The admin approves (the programme and the public plan change) or
/// rejects (with a reason) a pending change request.
#[server(endpoint = "decide_change")]
pub async fn decide_change(id: i64, approve: bool, reason: String) -> Result<(), AppError> {
    use crate::domain::{required_text, ChangeStatus};
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DECIDE_CHANGE).await?;
    let mut p = Problems::default();
    let reason = if approve && reason.trim().is_empty() {
        Some(String::new())
    } else {
        p.check("reason", required_text(&reason, super::REASON_MAX))
    };
    p.into_result()?;
    let reason = reason.unwrap_or_default();
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let change = super::repo::change_by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if approve {
        ChangeStatus::Approved
    } else {
        ChangeStatus::Rejected
    };
    if !super::repo::decide_change(&mut tx, id, status, &reason, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    if approve && !super::repo::apply_change(&mut tx, &change, at).await? {
        // The programme moved since the request was made.
        return Err(AppError::Conflict);
    }
    let action = if approve {
        "change_approved"
    } else {
        "change_rejected"
    };
    let detail = format!(
        "{}–{} {} → {}–{} {}",
        change.old_start_date,
        change.old_end_date,
        change.old_place,
        change.new_start_date,
        change.new_end_date,
        change.new_place
    );
    caller
        .audit(
            &mut tx,
            action,
            "programme",
            change.programme_id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{}", change.programme_id));
    Ok(())
}
