// `save_proposal` takes the form's fields one by one, so a plain form post
// (no JavaScript) names them exactly as the inputs do.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::{ProposalDetail, ProposalQuery, ProposalView};
use crate::error::AppError;

#[server(endpoint = "list_proposals")]
pub async fn list_proposals(query: ProposalQuery) -> Result<Vec<ProposalView>, AppError> {
    use crate::domain::{shanghai_date, ProposalStatus, Role};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::LIST_PROPOSALS).await?;
    let mut p = Problems::default();
    let id = |raw: &str| -> Result<Option<i64>, Problem> {
        match raw.trim() {
            "" => Ok(None),
            s => s.parse().map(Some).map_err(|_| Problem::InvalidChoice),
        }
    };
    let year = p.check("year", id(&query.year)).flatten();
    let unit = p.check("unit", id(&query.unit)).flatten();
    let area = p.check("area", id(&query.area)).flatten();
    let status = match query.status.trim() {
        "" => None,
        s => p.check(
            "status",
            ProposalStatus::parse(s).ok_or(Problem::InvalidChoice),
        ),
    };
    p.into_result()?;
    let is_unit = caller.user.role == Role::Unit;
    let filter = super::repo::Filter {
        year: year.map(|y| y as i32),
        // A unit's own rows only, whatever it asked for.
        unit: if is_unit {
            Some(caller.org_id()?)
        } else {
            unit
        },
        area,
        status,
        hide_drafts: !is_unit,
    };
    let mut conn = caller.state.db.pool.acquire().await?;
    let mut list = super::repo::list(&mut conn, &filter).await?;
    if !is_unit {
        let today = shanghai_date(caller.now()).to_string();
        for v in &mut list {
            let h = super::repo::history(
                &mut conn,
                v.unit_id,
                v.institution_id.unwrap_or_default(),
                v.year,
                &today,
            )
            .await?;
            v.history = Some(h);
        }
    }
    for v in &mut list {
        ssr::mask_for(&caller, v);
    }
    Ok(list)
}

/// The proposal form's data: a new proposal for the call of `year`, or the
/// proposal `id` (a unit's own only).
#[server(endpoint = "proposal_form")]
pub async fn proposal_form(id: Option<i64>, year: Option<i32>) -> Result<ProposalDetail, AppError> {
    use crate::domain::{shanghai_date, Role};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::PROPOSAL_FORM).await?;
    let now = caller.now();
    let mut conn = caller.state.db.pool.acquire().await?;
    let scope = (caller.user.role == Role::Unit)
        .then(|| caller.org_id())
        .transpose()?;
    let proposal = match id {
        Some(id) => {
            let mut v = super::repo::by_id(&mut conn, id, scope)
                .await?
                .ok_or(AppError::NotFound)?;
            if scope.is_none() && v.status == crate::domain::ProposalStatus::Draft {
                // Drafts are the unit's own business.
                return Err(AppError::NotFound);
            }
            ssr::mask_for(&caller, &mut v);
            Some(v)
        }
        None => None,
    };
    let year = match (&proposal, year) {
        (Some(p), _) => p.year,
        (None, Some(y)) => y,
        (None, None) => return Err(AppError::NotFound),
    };
    let call = crate::calls::repo::view_by_year(&mut conn, year, now, scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = shanghai_date(now).to_string();
    let (institutions, disqualified) = match scope {
        Some(unit) => (
            super::repo::institutions_of(&mut conn, unit).await?,
            crate::standing::repo::in_force(&mut conn, unit, &today).await?,
        ),
        None => (vec![], None),
    };
    Ok(ProposalDetail {
        call,
        institutions,
        proposal,
        disqualified,
    })
}

/// Creates (`id` empty) or rewrites a draft, and with `submit` also
/// submits what was typed, in one step: a draft needs only its title, a
/// submission every rule (R1, R2, R4, R15, the call's year, the unit's own
/// institution and the call's areas), checked here whatever the browser did.
#[server(endpoint = "save_proposal")]
pub async fn save_proposal(
    call_id: i64,
    id: String,
    version: String,
    title: String,
    areas: Option<HashMap<String, String>>,
    need_kind: String,
    need: String,
    institution_id: String,
    start_date: String,
    end_date: String,
    place: String,
    trainees: String,
    class_hours: String,
    accommodation: String,
    meals: String,
    venue: String,
    lecture_fees: String,
    materials: String,
    transport: String,
    government: String,
    unit: String,
    society: String,
    individual: String,
    contact_name: String,
    contact_phone: String,
    submit: Option<String>,
) -> Result<i64, AppError> {
    use super::draft::DraftProposal;
    use super::input::ProposalInput;
    use super::repo;
    use crate::domain::ProposalStatus;
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SAVE_PROPOSAL).await?;
    let unit_id = caller.org_id()?;
    // The submit button's own value; anything else is saving a draft.
    let submit = submit.as_deref() == Some("1");
    let existing = match id.trim() {
        "" => None,
        s => Some((
            s.parse::<i64>().map_err(|_| AppError::BadRequest)?,
            version
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest)?,
        )),
    };
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let call = ssr::open_call_for(&mut tx, &caller, call_id, at).await?;
    if let Some((pid, _)) = existing {
        let current = repo::by_id(&mut tx, pid, Some(unit_id))
            .await?
            .ok_or(AppError::NotFound)?;
        if current.call_id != call_id {
            return Err(AppError::BadRequest);
        }
        if !current.status.is_editable() {
            return Err(AppError::WrongState);
        }
    }
    let input = ProposalInput {
        title: &title,
        need_kind: &need_kind,
        need: &need,
        institution_id: &institution_id,
        start_date: &start_date,
        end_date: &end_date,
        place: &place,
        trainees: &trainees,
        class_hours: &class_hours,
        costs: [
            &accommodation,
            &meals,
            &venue,
            &lecture_fees,
            &materials,
            &transport,
        ],
        funds: [&government, &unit, &society, &individual],
        contact_name: &contact_name,
        contact_phone: &contact_phone,
    };
    let mut p = Problems::default();
    let parsed = if submit {
        p.absorb(input.parse(call.year))?.map(DraftProposal::from)
    } else {
        p.absorb(input.parse_draft())?
    };
    let chosen: Vec<i64> = areas
        .unwrap_or_default()
        .keys()
        .filter_map(|k| k.parse::<i64>().ok())
        .collect();
    ssr::check_choices(&mut tx, &mut p, unit_id, call_id, &chosen, parsed.as_ref()).await?;
    if submit && chosen.is_empty() {
        p.push("areas", Problem::Required);
    }
    p.into_result()?;
    let draft = parsed.ok_or(AppError::Internal)?;
    let (pid, action, version) = match existing {
        None => (
            repo::insert(&mut tx, call_id, unit_id, &draft, at).await?,
            "proposal_created",
            1,
        ),
        Some((pid, version)) => {
            if !repo::update(&mut tx, pid, version, &draft, at).await? {
                return Err(AppError::Conflict);
            }
            (pid, "proposal_updated", version + 1)
        }
    };
    repo::set_areas(&mut tx, pid, &chosen).await?;
    caller
        .audit(&mut tx, action, "proposal", pid, &draft.title, at)
        .await?;
    if submit {
        let (from, to) = (ProposalStatus::Draft, ProposalStatus::Submitted);
        if !repo::set_status(&mut tx, pid, version, from, to, at).await? {
            return Err(AppError::Conflict);
        }
        caller
            .audit(
                &mut tx,
                "proposal_submitted",
                "proposal",
                pid,
                &draft.title,
                at,
            )
            .await?;
    }
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/proposals/{pid}?done=proposal_saved"));
    Ok(pid)
}

/// Submits a saved draft as it was saved, judged by every rule a
/// submission must meet (the form's "submit" saves what is typed first).
#[server(endpoint = "submit_proposal")]
pub async fn submit_proposal(id: i64, version: i64) -> Result<(), AppError> {
    use crate::domain::ProposalStatus;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SUBMIT_PROPOSAL).await?;
    ssr::move_status(
        &caller,
        id,
        version,
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        "proposal_submitted",
    )
    .await
}

/// Takes a submitted proposal back to a draft, while the call is open.
#[server(endpoint = "withdraw_proposal")]
pub async fn withdraw_proposal(id: i64, version: i64) -> Result<(), AppError> {
    use crate::domain::ProposalStatus;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::WITHDRAW_PROPOSAL).await?;
    ssr::move_status(
        &caller,
        id,
        version,
        ProposalStatus::Submitted,
        ProposalStatus::Draft,
        "proposal_withdrawn",
    )
    .await
}

#[cfg(feature = "ssr")]
use super::steps as ssr;
