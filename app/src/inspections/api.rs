use leptos::prelude::*;

use super::InspectionsView;
use crate::error::AppError;

/// A programme's inspections with their sanctions: for the province, and
/// for the programme's unit, which answers them.
#[server(endpoint = "inspections")]
pub async fn inspections(programme_id: i64) -> Result<InspectionsView, AppError> {
    use crate::domain::Role;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::INSPECTIONS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = programme(&mut conn, &caller, programme_id).await?;
    let role = caller.user.role;
    let may_inspect = matches!(role, Role::Admin | Role::Inspector);
    let mut list = super::repo::for_programme(&mut conn, programme_id).await?;
    // Sanctions are between the province and the unit; the host
    // institution reads the findings only.
    if role == Role::Institution {
        list.iter_mut().for_each(|i| i.sanctions.clear());
    }
    Ok(InspectionsView {
        programme_id: g.id,
        topic: g.topic,
        unit_name: g.unit_name,
        inspections: list,
        // Which draws hold the programme is the inspectors' to know: a
        // unit told in advance would know an inspection is coming.
        drawn_in: if may_inspect {
            super::repo::drawn_in(&mut conn, programme_id).await?
        } else {
            Vec::new()
        },
        today: crate::domain::shanghai_date(caller.now()).to_string(),
        may_inspect,
        may_report: role == Role::Unit,
        may_sanction: role == Role::Admin,
    })
}

/// An inspector records what was checked and what was found (Art. 19). A
/// finding asks the unit to rectify by a date after today; nothing found
/// closes the inspection at once. A spot check named must have drawn the
/// programme.
#[server(endpoint = "record_inspection")]
pub async fn record_inspection(
    programme_id: i64,
    spot_check_id: String,
    checked: String,
    findings: String,
    rectify_by: String,
) -> Result<i64, AppError> {
    use crate::domain::inspection::opening;
    use crate::domain::{optional_text, parse_date, required_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::RECORD_INSPECTION).await?;
    let at = caller.now();
    let today = crate::domain::shanghai_date(at);
    let mut p = Problems::default();
    let checked = p.check("checked", required_text(&checked, super::TEXT_MAX));
    let findings = p.check("findings", optional_text(&findings, super::TEXT_MAX));
    let date = if rectify_by.trim().is_empty() {
        Some(None)
    } else {
        p.check("rectify_by", parse_date(&rectify_by).map(Some))
    };
    let opened = match (&findings, date) {
        (Some(f), Some(d)) => p.check("rectify_by", opening(!f.is_empty(), d, today)),
        _ => None,
    };
    let mut tx = caller.state.db.write().await?;
    programme(&mut tx, &caller, programme_id).await?;
    let spot_check = match spot_check_id.trim() {
        "" => None,
        raw => {
            let drawn = super::repo::drawn_in(&mut tx, programme_id).await?;
            let id = raw.parse::<i64>().ok().filter(|id| drawn.contains(id));
            if id.is_none() {
                p.push("spot_check_id", Problem::InvalidChoice);
            }
            id
        }
    };
    p.into_result()?;
    let (Some(checked), Some(findings), Some((status, rectify_by))) = (checked, findings, opened)
    else {
        return Err(AppError::Internal);
    };
    let new = super::repo::NewInspection {
        programme: programme_id,
        spot_check,
        checked: &checked,
        findings: &findings,
        rectify_by: rectify_by.map(|d| d.to_string()),
        status,
        by: caller.user.id,
    };
    let id = super::repo::insert(&mut tx, &new, at).await?;
    let mut detail = match rectify_by {
        Some(d) => format!("#{id}: findings, rectify by {d}"),
        None => format!("#{id}: no findings"),
    };
    if let Some(draw) = spot_check {
        detail.push_str(&format!(" (spot check #{draw})"));
    }
    let step = Settled::new("inspection_recorded", programme_id, "recorded");
    step.settle(tx, &caller, &detail, at).await?;
    Ok(id)
}

/// How every step on a programme's inspections ends: its audit record on
/// the programme, the commit, and for a plain form the way back to the
/// page with the step's notice.
#[cfg(feature = "ssr")]
pub(super) struct Settled {
    action: &'static str,
    programme: i64,
    done: &'static str,
}

#[cfg(feature = "ssr")]
impl Settled {
    pub fn new(action: &'static str, programme: i64, done: &'static str) -> Settled {
        Settled {
            action,
            programme,
            done,
        }
    }

    pub async fn settle(
        self,
        mut tx: crate::server::db::Tx,
        caller: &crate::auth::guard::Caller,
        detail: &str,
        at: i64,
    ) -> Result<(), AppError> {
        let g = self.programme;
        caller
            .audit(&mut tx, self.action, "programme", g, detail, at)
            .await?;
        tx.commit().await?;
        crate::server::redirect_plain_form(&format!(
            "/programmes/{g}/inspections?done={}",
            self.done
        ));
        Ok(())
    }
}

/// The programme in the caller's scope; anyone else's is not found.
#[cfg(feature = "ssr")]
pub(super) async fn programme(
    conn: &mut sqlx::AnyConnection,
    caller: &crate::auth::guard::Caller,
    id: i64,
) -> Result<crate::plan::ProgrammeView, AppError> {
    crate::plan::repo::by_id(conn, id, crate::plan::repo::Scope::of(caller)?)
        .await?
        .ok_or(AppError::NotFound)
}

/// The inspection in the caller's scope, or not found.
#[cfg(feature = "ssr")]
pub(super) async fn scoped(
    conn: &mut sqlx::AnyConnection,
    caller: &crate::auth::guard::Caller,
    id: i64,
) -> Result<super::InspectionView, AppError> {
    let found = super::repo::by_id(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    programme(conn, caller, found.programme_id).await?;
    Ok(found)
}

/// The unit reports how it rectified a finding; a report after the date
/// is accepted and marked late.
#[server(endpoint = "report_rectification")]
pub async fn report_rectification(id: i64, report: String) -> Result<(), AppError> {
    use crate::domain::inspection::{after, report_late, InspectionStatus, Step};
    use crate::domain::required_text;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::REPORT_RECTIFICATION).await?;
    let report =
        required_text(&report, super::TEXT_MAX).map_err(|p| AppError::field("report", p))?;
    let mut tx = caller.state.db.write().await?;
    let found = scoped(&mut tx, &caller, id).await?;
    if after(found.status, Step::Report) != Some(InspectionStatus::Reported) {
        return Err(AppError::WrongState);
    }
    let at = caller.now();
    let late = found
        .rectify_by
        .as_deref()
        .and_then(|d| crate::domain::parse_date(d).ok())
        .is_some_and(|d| report_late(d, at));
    if !super::repo::report(&mut tx, id, &report, late, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    // The report is overwritten when the next one follows a return; the
    // audit keeps every one.
    let detail = format!("#{id}{}: {report}", if late { " (late)" } else { "" });
    Settled::new("rectification_reported", found.programme_id, "reported")
        .settle(tx, &caller, &detail, at)
        .await
}

/// The inspector closes the inspection on the unit's report, or sends it
/// back with reasons (and, if given, a new date after today). `accept` is
/// "true" or "false", chosen in the form.
#[server(endpoint = "decide_rectification")]
pub async fn decide_rectification(
    id: i64,
    accept: String,
    note: String,
    rectify_by: String,
) -> Result<(), AppError> {
    use crate::domain::inspection::{after, return_date, Step};
    use crate::domain::{optional_text, parse_date, required_text};
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DECIDE_RECTIFICATION).await?;
    let at = caller.now();
    let mut p = Problems::default();
    let accept = p.check("accept", crate::domain::accept_choice(&accept));
    let note = if accept == Some(false) {
        p.check("note", required_text(&note, super::TEXT_MAX))
    } else {
        p.check("note", optional_text(&note, super::TEXT_MAX))
    };
    let date = match (accept, rectify_by.trim()) {
        (Some(false), raw) if !raw.is_empty() => p.check("rectify_by", parse_date(raw)).map(Some),
        _ => Some(None),
    };
    p.into_result()?;
    let (Some(accept), Some(note), Some(date)) = (accept, note, date) else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let found = scoped(&mut tx, &caller, id).await?;
    let step = if accept { Step::Accept } else { Step::Return };
    if after(found.status, step).is_none() {
        return Err(AppError::WrongState);
    }
    let date = if accept {
        None
    } else {
        let old = found.rectify_by.as_deref().and_then(|d| parse_date(d).ok());
        return_date(date, old, crate::domain::shanghai_date(at))
            .map_err(|p| AppError::field("rectify_by", p))?
    };
    let date = date.map(|d| d.to_string());
    if !super::repo::decide(&mut tx, id, accept, &note, date.clone(), caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    let (action, detail) = if accept {
        ("rectification_accepted", format!("#{id}: {note}"))
    } else {
        let until = date.or(found.rectify_by).unwrap_or_default();
        (
            "rectification_returned",
            format!("#{id}, rectify by {until}: {note}"),
        )
    };
    Settled::new(action, found.programme_id, "decided")
        .settle(tx, &caller, &detail, at)
        .await
}
