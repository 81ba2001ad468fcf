use leptos::prelude::*;

use super::CallView;
use crate::error::AppError;

#[server(endpoint = "list_calls")]
pub async fn list_calls() -> Result<Vec<CallView>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_CALLS).await?;
    // A unit's counts are its own proposals', not the province's.
    let unit = (caller.user.role == crate::domain::Role::Unit)
        .then(|| caller.org_id())
        .transpose()?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::list(&mut conn, caller.now(), unit).await?)
}

#[server(endpoint = "open_call")]
pub async fn open_call(
    year: String,
    deadline_date: String,
    deadline_time: String,
    guidance: String,
) -> Result<i32, AppError> {
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::OPEN_CALL).await?;
    let mut problems = Problems::default();
    let year = problems.check("year", crate::domain::parse_year(&year));
    let input = ssr::parse(
        &mut problems,
        &deadline_date,
        &deadline_time,
        &guidance,
        caller.now(),
    );
    let mut tx = caller.state.db.write().await?;
    if let Some(y) = year {
        if super::repo::year_taken(&mut tx, y).await? {
            problems.push("year", Problem::Taken);
        }
    }
    problems.into_result()?;
    let (Some(year), Some((deadline_at, guidance))) = (year, input) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let id = super::repo::insert(&mut tx, year, deadline_at, &guidance, at).await?;
    caller
        .audit(
            &mut tx,
            "call_opened",
            "topic_call",
            id,
            &year.to_string(),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/admin/calls/{year}"));
    Ok(year)
}

#[server(endpoint = "update_call")]
pub async fn update_call(
    id: i64,
    version: i64,
    deadline_date: String,
    deadline_time: String,
    guidance: String,
) -> Result<(), AppError> {
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::UPDATE_CALL).await?;
    let mut problems = Problems::default();
    let input = ssr::parse(
        &mut problems,
        &deadline_date,
        &deadline_time,
        &guidance,
        caller.now(),
    );
    problems.into_result()?;
    let Some((deadline_at, guidance)) = input else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let call = super::repo::by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = caller.now();
    if !super::repo::update(&mut tx, id, version, deadline_at, &guidance, at).await? {
        return Err(AppError::Conflict);
    }
    let detail = crate::domain::format_shanghai(deadline_at);
    caller
        .audit(&mut tx, "call_updated", "topic_call", id, &detail, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/admin/calls/{}", call.year));
    Ok(())
}

/// Closes a call early (or after its deadline, to start selection), or
/// reopens it; a call whose plan is published stays as it is.
#[server(endpoint = "set_call_closed")]
pub async fn set_call_closed(id: i64, version: i64, closed: bool) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SET_CALL_CLOSED).await?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let call = ssr::unpublished(&mut tx, id).await?;
    let closed_at = closed.then_some(at);
    if !super::repo::set_closed(&mut tx, id, version, closed_at, at).await? {
        return Err(AppError::Conflict);
    }
    let action = if closed {
        "call_closed"
    } else {
        "call_reopened"
    };
    caller
        .audit(
            &mut tx,
            action,
            "topic_call",
            id,
            &call.year.to_string(),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/admin/calls/{}", call.year));
    Ok(())
}

#[server(endpoint = "add_area")]
pub async fn add_area(call_id: i64, kind: String, area_name: String) -> Result<(), AppError> {
    use crate::domain::{line, AreaKind};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::ADD_AREA).await?;
    let mut problems = Problems::default();
    let kind = problems.check("kind", AreaKind::parse(&kind).ok_or(Problem::InvalidChoice));
    let name = problems.check("area_name", line(&area_name, super::AREA_MAX));
    let mut tx = caller.state.db.write().await?;
    let call = ssr::unpublished(&mut tx, call_id).await?;
    problems.into_result()?;
    let (Some(kind), Some(name)) = (kind, name) else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    // The (call, name) key refuses a repeated name.
    super::repo::add_area(&mut tx, call_id, kind, &name)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict => AppError::field("area_name", Problem::Taken),
            other => other,
        })?;
    caller
        .audit(&mut tx, "area_added", "topic_call", call_id, &name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/admin/calls/{}", call.year));
    Ok(())
}

/// Removes an area that no proposal tags.
#[server(endpoint = "remove_area")]
pub async fn remove_area(id: i64) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REMOVE_AREA).await?;
    let mut tx = caller.state.db.write().await?;
    let (call_id, name, used) = super::repo::area(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if used {
        return Err(AppError::field("area_name", Problem::InUse));
    }
    // Once the plan is published its areas stay as they were.
    let call = ssr::unpublished(&mut tx, call_id).await?;
    super::repo::delete_area(&mut tx, id).await?;
    let at = caller.now();
    caller
        .audit(&mut tx, "area_removed", "topic_call", call_id, &name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/admin/calls/{}", call.year));
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    /// A call whose plan is not yet published: the only kind that changes.
    pub async fn unpublished(
        conn: &mut sqlx::AnyConnection,
        id: i64,
    ) -> Result<super::super::repo::Call, crate::error::AppError> {
        use crate::error::AppError;
        let call = super::super::repo::by_id(conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if call.published_at.is_some() {
            return Err(AppError::WrongState);
        }
        Ok(call)
    }

    use crate::domain::{parse_deadline, required_text};
    use crate::error::{Problem, Problems};

    /// Deadline (in the future) and guidance, problems collected.
    pub fn parse(
        problems: &mut Problems,
        date: &str,
        time: &str,
        guidance: &str,
        now: i64,
    ) -> Option<(i64, String)> {
        let deadline = match parse_deadline(date, time) {
            Ok(at) if at <= now => {
                problems.push("deadline_date", Problem::InPast);
                None
            }
            Ok(at) => Some(at),
            Err(list) => problems.check_all::<i64>(Err(list)),
        };
        let guidance = problems.check(
            "guidance",
            required_text(guidance, super::super::GUIDANCE_MAX),
        );
        Some((deadline?, guidance?))
    }
}
