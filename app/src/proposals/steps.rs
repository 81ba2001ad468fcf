//! The server-side steps proposals share: the call is open and the unit in
//! good standing (R1, R2), its choices are its own, a status moves only from
//! the version that was judged, inspectors do not see contact numbers.

use sqlx::AnyConnection;

use crate::auth::guard::Caller;
use crate::calls::repo::Call;
use crate::domain::{shanghai_date, ProposalStatus, Role};
use crate::error::{AppError, Problem, Problems};
use crate::proposals::draft::DraftProposal;

/// R1 then R2: the call takes proposals now, and the caller's unit is
/// not disqualified today.
pub async fn open_call_for(
    conn: &mut AnyConnection,
    caller: &Caller,
    call_id: i64,
    now: i64,
) -> Result<Call, AppError> {
    let call = crate::calls::repo::by_id(conn, call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !call.is_open(now) {
        return Err(AppError::CallClosed {
            at: call.closes_at(),
        });
    }
    let today = shanghai_date(now).to_string();
    if let Some((until, reason)) =
        crate::standing::repo::in_force(conn, caller.org_id()?, &today).await?
    {
        return Err(AppError::Disqualified { until, reason });
    }
    Ok(call)
}

pub async fn move_status(
    caller: &Caller,
    id: i64,
    version: i64,
    from: ProposalStatus,
    to: ProposalStatus,
    action: &str,
) -> Result<(), AppError> {
    let unit = caller.org_id()?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let v = super::repo::by_id(&mut tx, id, Some(unit))
        .await?
        .ok_or(AppError::NotFound)?;
    open_call_for(&mut tx, caller, v.call_id, at).await?;
    // What was read is what is judged and moved: a save in between
    // makes this a conflict, never an unchecked submission.
    if v.version != version {
        return Err(AppError::Conflict);
    }
    if v.status != from {
        return Err(AppError::WrongState);
    }
    if to == ProposalStatus::Submitted {
        // The same rules as submitting from the form, on what was saved.
        let mut p = Problems::default();
        for e in v.submit_problems() {
            p.push(&e.field, e.problem);
        }
        let ids: Vec<i64> = v.areas.iter().map(|a| a.0).collect();
        let parsed = p.absorb(v.typed().input().parse_draft())?;
        check_choices(&mut tx, &mut p, unit, v.call_id, &ids, parsed.as_ref()).await?;
        p.into_result()?;
    }
    if !super::repo::set_status(&mut tx, id, version, from, to, at).await? {
        return Err(AppError::Conflict);
    }
    caller
        .audit(&mut tx, action, "proposal", id, &v.title, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/proposals/{id}?done={action}"));
    Ok(())
}

/// The choices a proposal makes must be its unit's and its call's: a
/// host institution linked to the unit, areas of this call.
pub async fn check_choices(
    conn: &mut AnyConnection,
    p: &mut Problems,
    unit_id: i64,
    call_id: i64,
    areas: &[i64],
    draft: Option<&DraftProposal>,
) -> Result<(), AppError> {
    let call_areas = crate::calls::repo::area_ids_of_call(conn, call_id).await?;
    if areas.iter().any(|a| !call_areas.contains(a)) {
        p.push("areas", Problem::InvalidChoice);
    }
    if let Some(inst) = draft.and_then(|d| d.institution_id) {
        let institutions = super::repo::institutions_of(conn, unit_id).await?;
        if !institutions.iter().any(|(i, _)| *i == inst) {
            p.push("institution_id", Problem::InvalidChoice);
        }
    }
    Ok(())
}

/// Inspectors read everything but have no use for contact numbers.
pub fn mask_for(caller: &Caller, v: &mut super::ProposalView) {
    if caller.user.role == Role::Inspector {
        v.contact_phone = crate::domain::mask_phone(&v.contact_phone);
    }
}
