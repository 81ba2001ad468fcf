//! The admin's decisions on proposals, one or many.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::error::AppError;

/// Selects or rejects proposals, one or many, all or none: `ids` maps each
/// proposal id to the version the admin saw, so a proposal that changed
/// since makes the whole decision a conflict.
#[server(endpoint = "decide_proposals")]
pub async fn decide_proposals(
    ids: Option<HashMap<String, String>>,
    decision: String,
    reason: String,
    recommend: Option<String>,
) -> Result<usize, AppError> {
    use crate::domain::{required_text, Decision};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DECIDE_PROPOSALS).await?;
    let mut p = Problems::default();
    let decision = p.check(
        "decision",
        Decision::parse(decision.trim()).ok_or(Problem::InvalidChoice),
    );
    let reason = match (decision, reason.trim()) {
        (Some(Decision::Select), "") => Some(String::new()),
        _ => p.check("reason", required_text(&reason, super::input::NEED_MAX)),
    };
    let mut picked = Vec::new();
    for (k, v) in ids.unwrap_or_default() {
        match (k.parse::<i64>(), v.parse::<i64>()) {
            (Ok(id), Ok(version)) => picked.push((id, version)),
            _ => return Err(AppError::BadRequest),
        }
    }
    picked.sort_unstable();
    if picked.is_empty() {
        p.push("ids", Problem::Required);
    }
    p.into_result()?;
    let (Some(decision), Some(reason)) = (decision, reason) else {
        return Err(AppError::Internal);
    };
    let recommend = recommend.is_some_and(|r| r == "true" || r == "on");
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let mut year = None;
    for (id, version) in &picked {
        let v = super::repo::by_id(&mut tx, *id, None)
            .await?
            .ok_or(AppError::NotFound)?;
        let call = crate::calls::repo::by_id(&mut tx, v.call_id)
            .await?
            .ok_or(AppError::NotFound)?;
        // Selection follows the call's close and ends with publication.
        if call.is_open(at) || call.published_at.is_some() {
            return Err(AppError::WrongState);
        }
        if v.status == crate::domain::ProposalStatus::Draft {
            return Err(AppError::WrongState);
        }
        if !super::repo::decide(&mut tx, *id, *version, decision, &reason, recommend, at).await? {
            return Err(AppError::Conflict);
        }
        let action = match decision {
            Decision::Select => "proposal_selected",
            Decision::Reject => "proposal_rejected",
        };
        let detail = if reason.is_empty() {
            v.title.clone()
        } else {
            format!("{}: {reason}", v.title)
        };
        caller
            .audit(&mut tx, action, "proposal", *id, &detail, at)
            .await?;
        year = Some(v.year);
    }
    tx.commit().await?;
    if let Some(y) = year {
        crate::server::redirect_plain_form(&format!("/admin/proposals?year={y}&status=submitted"));
    }
    Ok(picked.len())
}
