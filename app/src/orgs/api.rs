use leptos::prelude::*;

use super::OrgView;
use crate::error::AppError;

#[server(endpoint = "list_orgs")]
pub async fn list_orgs() -> Result<Vec<OrgView>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_ORGS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::list(&mut conn).await?)
}

#[server(endpoint = "create_org")]
pub async fn create_org(name: String, kind: String, parent_id: String) -> Result<i64, AppError> {
    use super::repo;
    use crate::audit::repo::{record, Target};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::CREATE_ORG).await?;
    let mut tx = caller.state.db.write().await?;
    let input = ssr::parse(&mut tx, &name, Some(&kind), &parent_id, None).await?;
    let at = caller.now();
    let id = repo::insert(
        &mut tx,
        input.name.as_str(),
        input.kind,
        input.parent_id,
        at,
    )
    .await?;
    let target = Target {
        kind: "organisation",
        id: Some(id),
    };
    record(
        &mut tx,
        &caller.actor(),
        "org_created",
        target,
        input.name.as_str(),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[server(endpoint = "update_org")]
pub async fn update_org(
    id: i64,
    version: i64,
    name: String,
    parent_id: String,
) -> Result<(), AppError> {
    use super::repo;
    use crate::audit::repo::{record, Target};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::UPDATE_ORG).await?;
    let mut tx = caller.state.db.write().await?;
    let input = ssr::parse(&mut tx, &name, None, &parent_id, Some(id)).await?;
    let at = caller.now();
    if !repo::update(
        &mut tx,
        id,
        version,
        input.name.as_str(),
        input.parent_id,
        at,
    )
    .await?
    {
        return Err(AppError::Conflict);
    }
    let target = Target {
        kind: "organisation",
        id: Some(id),
    };
    record(
        &mut tx,
        &caller.actor(),
        "org_updated",
        target,
        input.name.as_str(),
        at,
    )
    .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/orgs");
    Ok(())
}

#[server(endpoint = "set_org_active")]
pub async fn set_org_active(id: i64, version: i64, active: bool) -> Result<(), AppError> {
    use crate::audit::repo::{record, Target};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SET_ORG_ACTIVE).await?;
    if caller.user.org_id == Some(id) && !active {
        // Deactivating one's own organisation would lock oneself out.
        return Err(AppError::Forbidden);
    }
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    if !super::repo::set_active(&mut tx, id, version, active, at).await? {
        return Err(AppError::Conflict);
    }
    let action = if active {
        "org_activated"
    } else {
        "org_deactivated"
    };
    let target = Target {
        kind: "organisation",
        id: Some(id),
    };
    record(&mut tx, &caller.actor(), action, target, "", at).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
mod ssr {
    use sqlx::AnyConnection;

    use crate::domain::{OrgKind, OrgName};
    use crate::error::{AppError, Problem, Problems};

    pub struct OrgInput {
        pub name: OrgName,
        pub kind: OrgKind,
        pub parent_id: Option<i64>,
    }

    /// Parses the form and checks it against the database: unique name, a
    /// parent that is an active declaring unit when (and only when) needed.
    /// `kind` is `None` on update, where the stored kind applies.
    pub async fn parse(
        conn: &mut AnyConnection,
        name: &str,
        kind: Option<&str>,
        parent_id: &str,
        id: Option<i64>,
    ) -> Result<OrgInput, AppError> {
        let mut problems = Problems::default();
        let name = problems.check("name", OrgName::parse(name));
        let kind = match (kind, id) {
            (Some(k), _) => problems.check("kind", OrgKind::parse(k).ok_or(Problem::InvalidChoice)),
            (None, Some(id)) => Some(
                super::super::repo::by_id(conn, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .kind,
            ),
            (None, None) => return Err(AppError::BadRequest),
        };
        let parent_id = match parent_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push("parent_id", Problem::InvalidChoice);
                    None
                }
            },
        };
        if let Some(kind) = kind {
            match (kind.needs_parent_unit(), parent_id) {
                (true, None) => problems.push("parent_id", Problem::ParentRequired),
                (false, Some(_)) => problems.push("parent_id", Problem::InvalidChoice),
                (true, Some(pid)) => {
                    let parent = super::super::repo::by_id(conn, pid).await?;
                    if !parent.is_some_and(|p| p.kind.is_declaring_unit() && p.active) {
                        problems.push("parent_id", Problem::InvalidChoice);
                    }
                }
                (false, None) => {}
            }
        }
        if let Some(n) = &name {
            if super::super::repo::name_taken(conn, n.as_str(), id).await? {
                problems.push("name", Problem::Taken);
            }
        }
        problems.into_result()?;
        match (name, kind) {
            (Some(name), Some(kind)) => Ok(OrgInput {
                name,
                kind,
                parent_id,
            }),
            _ => Err(AppError::Internal),
        }
    }
}
