use leptos::prelude::*;

use super::{MyPaperView, PapersView};
use crate::error::AppError;

/// The paper of a programme in the caller's scope: what is asked, and
/// every admitted trainee's submission (on time, late, missing).
#[server(endpoint = "paper_overview")]
pub async fn paper_overview(programme_id: i64) -> Result<PapersView, AppError> {
    use crate::domain::Role;
    use crate::plan::repo::Scope;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PAPER_OVERVIEW).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = crate::plan::repo::by_id(&mut conn, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let set = super::repo::settings(&mut conn, programme_id).await?;
    let rows = match &set {
        Some(_) => super::repo::submissions(&mut conn, programme_id).await?,
        None => Vec::new(),
    };
    Ok(PapersView {
        programme_id,
        topic: g.topic,
        set,
        rows,
        may_edit: caller.user.role == Role::Institution,
        now: caller.now(),
    })
}

/// The host institution sets (or changes) the paper: theme, deadline in
/// Shanghai time, accepted types and size cap. Audited.
#[server(endpoint = "set_paper")]
pub async fn set_paper(
    programme_id: i64,
    theme: String,
    deadline_date: String,
    deadline_time: String,
    pdf: Option<String>,
    docx: Option<String>,
    max_mb: String,
) -> Result<(), AppError> {
    use crate::domain::paper::{
        deadline_allowed, parse_cap_mb, parse_types, types_text, MB, THEME_MAX,
    };
    use crate::domain::{parse_deadline, required_text};
    use crate::error::Problems;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SET_PAPER).await?;
    let mut p = Problems::default();
    let theme = p.check("theme", required_text(&theme, THEME_MAX));
    let deadline = match parse_deadline(&deadline_date, &deadline_time) {
        Ok(d) => Some(d),
        Err(problems) => {
            for (field, problem) in problems {
                p.push(field, problem);
            }
            None
        }
    };
    let types = p.check("types", parse_types(pdf.is_some(), docx.is_some()));
    let cap = p.check("max_mb", parse_cap_mb(&max_mb));
    p.into_result()?;
    let (Some(theme), Some(deadline), Some(types), Some(cap)) = (theme, deadline, types, cap)
    else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    crate::plan::repo::hosted(&mut tx, &caller, programme_id).await?;
    let at = caller.now();
    let before = super::repo::settings(&mut tx, programme_id).await?;
    if !deadline_allowed(deadline, before.map(|b| b.deadline), at) {
        let after = crate::domain::format_shanghai(at);
        return Err(AppError::field(
            "deadline_date",
            crate::error::Problem::NotAfter { after },
        ));
    }
    let set = super::PaperSet {
        theme,
        deadline,
        types,
        max_bytes: cap * MB,
    };
    super::repo::save_settings(&mut tx, programme_id, &set, caller.user.id, at).await?;
    let detail = format!(
        "{} · {} · {} · {cap} MB",
        set.theme,
        crate::domain::format_shanghai(deadline),
        types_text(&set.types)
    );
    caller
        .audit(&mut tx, "paper_set", "programme", programme_id, &detail, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}/papers?done=set"));
    Ok(())
}

/// The host institution lets one admitted trainee submit after the
/// deadline, until a later time, with a reason. Audited.
#[server(endpoint = "grant_extension")]
pub async fn grant_extension(
    enrollment_id: i64,
    until_date: String,
    until_time: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::{parse_deadline, required_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::GRANT_EXTENSION).await?;
    let mut p = Problems::default();
    let reason = p.check("reason", required_text(&reason, super::REASON_MAX));
    let until = match parse_deadline(&until_date, &until_time) {
        Ok(u) => Some(u),
        Err(problems) => {
            for (field, problem) in problems {
                p.push(
                    if field == "deadline_date" {
                        "until_date"
                    } else {
                        "until_time"
                    },
                    problem,
                );
            }
            None
        }
    };
    p.into_result()?;
    let (Some(reason), Some(until)) = (reason, until) else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let programme = crate::attendance::repo::programme_of_admitted(&mut tx, enrollment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::plan::repo::hosted(&mut tx, &caller, programme).await?;
    let set = super::repo::settings(&mut tx, programme)
        .await?
        .ok_or(AppError::WrongState)?;
    let at = caller.now();
    let floor = crate::domain::paper::extension_floor(set.deadline, at);
    if until <= floor {
        let after = crate::domain::format_shanghai(floor);
        return Err(AppError::field("until_date", Problem::NotAfter { after }));
    }
    super::repo::grant(&mut tx, enrollment_id, until, &reason, caller.user.id, at).await?;
    let detail = format!(
        "#{enrollment_id} → {} {reason}",
        crate::domain::format_shanghai(until)
    );
    caller
        .audit(
            &mut tx,
            "paper_extended",
            "programme",
            programme,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme}/papers?done=extended"));
    Ok(())
}

/// The trainee's paper for one programme they are admitted to.
#[server(endpoint = "my_paper")]
pub async fn my_paper(programme_id: i64) -> Result<MyPaperView, AppError> {
    use crate::domain::paper::may_submit;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_PAPER).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let enrollment =
        crate::attendance::repo::admitted_enrollment(&mut conn, programme_id, caller.user.id)
            .await?
            .ok_or(AppError::NotFound)?;
    let topic = super::repo::topic(&mut conn, programme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let set = super::repo::settings(&mut conn, programme_id).await?;
    let extension = super::repo::extension(&mut conn, enrollment).await?;
    let versions = super::repo::versions(&mut conn, enrollment).await?;
    let now = caller.now();
    Ok(MyPaperView {
        programme_id,
        topic,
        may_submit: set
            .as_ref()
            .is_some_and(|s| may_submit(now, s.deadline, extension)),
        set,
        extension,
        versions,
        now,
    })
}
