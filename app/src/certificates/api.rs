use leptos::prelude::*;

use super::CompletionView;
use crate::error::AppError;

/// A programme's register versions and certificates in the caller's scope.
#[server(endpoint = "completion_overview")]
pub async fn completion_overview(programme_id: i64) -> Result<CompletionView, AppError> {
    use crate::plan::repo::{by_id, Scope};
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::COMPLETION_OVERVIEW).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = by_id(&mut conn, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::view(&mut conn, g).await
}

/// The unit submits the register: the published results as they stand,
/// kept as this version's rows. Refused while a version awaits the admin,
/// and after approval unless the results were corrected since.
#[server(endpoint = "submit_register")]
pub async fn submit_register(
    programme_id: i64,
    #[server(default)] note: String,
) -> Result<i64, AppError> {
    use crate::domain::assessment::Outcome;
    use crate::domain::optional_text;
    use crate::plan::repo::{by_id, lock, Scope};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SUBMIT_REGISTER).await?;
    let note = optional_text(&note, 500).map_err(|p| AppError::field("note", p))?;
    let mut tx = caller.state.db.write().await?;
    let g = by_id(&mut tx, programme_id, Scope::Unit(caller.org_id()?))
        .await?
        .ok_or(AppError::NotFound)?;
    lock(&mut tx, programme_id).await?;
    let view = ssr::view(&mut tx, g).await?;
    let admitted = crate::assessment::repo::rows(&mut tx, programme_id)
        .await?
        .len();
    if !view.may_submit() || view.current.len() != admitted {
        return Err(AppError::WrongState);
    }
    let at = caller.now();
    let (id, version) = super::repo::submit(
        &mut tx,
        programme_id,
        &note,
        &view.current,
        caller.user.id,
        at,
    )
    .await?;
    let passed = view
        .current
        .iter()
        .filter(|r| r.outcome == Outcome::Passed)
        .count();
    let detail = format!("v{version}：{} 人，合格 {passed} 人", view.current.len());
    caller
        .audit(
            &mut tx,
            "register_submitted",
            "programme",
            programme_id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/completion?done=submitted"
    ));
    Ok(id)
}

/// The admin approves the latest submitted version, or returns it with
/// reasons for the unit to submit again.
#[server(endpoint = "review_register")]
pub async fn review_register(
    id: i64,
    approve: bool,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::certificate::RegisterStatus;
    use crate::domain::{optional_text, required_text};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REVIEW_REGISTER).await?;
    let reason = if approve {
        optional_text(&reason, 500)
    } else {
        required_text(&reason, 500)
    }
    .map_err(|p| AppError::field("reason", p))?;
    let mut tx = caller.state.db.write().await?;
    let (programme, version) = super::repo::register_by_id(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::plan::repo::lock(&mut tx, programme).await?;
    let (status, action) = if approve {
        (RegisterStatus::Approved, "register_approved")
    } else {
        (RegisterStatus::Returned, "register_returned")
    };
    let at = caller.now();
    if !super::repo::review(&mut tx, id, status, &reason, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    let detail = format!("v{version} {reason}");
    caller
        .audit(&mut tx, action, "programme", programme, detail.trim(), at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme}/completion?done=reviewed"
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::{repo, CompletionView};
    use crate::error::AppError;
    use crate::plan::ProgrammeView;

    pub async fn view(
        conn: &mut AnyConnection,
        g: ProgrammeView,
    ) -> Result<CompletionView, AppError> {
        Ok(CompletionView {
            programme_id: g.id,
            year: g.year,
            total_hours: crate::assessment::repo::total_hours(conn, g.id).await?,
            national: g.recommend_national,
            published: crate::assessment::repo::published(conn, g.id)
                .await?
                .is_some(),
            current: repo::current(conn, g.id).await?,
            registers: repo::registers(conn, g.id).await?,
            certificates: repo::certificates(conn, g.id).await?,
            topic: g.topic,
            start_date: g.start_date,
            end_date: g.end_date,
        })
    }
}
