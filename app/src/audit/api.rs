use leptos::prelude::*;

use super::{AuditList, AuditQuery};
use crate::error::AppError;

#[server(endpoint = "list_audit")]
pub async fn list_audit(query: AuditQuery) -> Result<AuditList, AppError> {
    use super::repo::{self, Filter};
    use crate::auth::guard;
    use crate::error::{Problem, Problems};
    use crate::i18n::audit_actions;
    use crate::server::policy;

    let caller = guard::require(&policy::LIST_AUDIT).await?;

    let mut problems = Problems::default();
    let date = |raw: &str| -> Result<Option<chrono::NaiveDate>, Problem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Problem::InvalidChoice)
    };
    let from = problems.check("from", date(&query.from)).flatten();
    let to = problems.check("to", date(&query.to)).flatten();
    if from.zip(to).is_some_and(|(f, t)| t < f) {
        problems.push("to", Problem::EndBeforeStart);
    }
    let action = query.action.trim().to_owned();
    if !action.is_empty() && !audit_actions().any(|a| a == action) {
        problems.push("action", Problem::InvalidChoice);
    }
    if !(0..=super::MAX_PAGE).contains(&query.page) {
        problems.push(
            "page",
            Problem::PageTooFar {
                max: super::MAX_PAGE,
            },
        );
    }
    if query.actor.chars().count() > 64 {
        problems.push("actor", Problem::TooLong { max: 64 });
    }
    problems.into_result()?;

    let filter = Filter {
        action,
        actor: query.actor.trim().to_owned(),
        from,
        to,
        page: query.page,
    };
    let mut conn = caller.state.db.pool.acquire().await?;
    let (mut entries, has_more) = repo::list(&mut conn, &filter).await?;
    // Trainees' user names are their mobiles; no reader needs them whole.
    for e in &mut entries {
        e.actor_username = crate::domain::mask_mobiles_in(&e.actor_username);
        e.detail = crate::domain::mask_mobiles_in(&e.detail);
    }
    Ok(AuditList {
        entries,
        page: filter.page,
        has_more,
    })
}
