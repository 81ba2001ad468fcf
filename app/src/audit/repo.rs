use chrono::NaiveDate;
use sqlx::AnyConnection;

use super::{AuditEntry, PAGE_SIZE};
use crate::domain::{Role, SHANGHAI_OFFSET_SECS};

/// Who acted: a signed-in account, or (failed logins) only a typed name.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<i64>,
    pub username: String,
    pub role: Option<Role>,
    pub org_id: Option<i64>,
    pub ip: String,
}

/// What was acted on.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: Option<i64>,
}

/// Appends one record. Callers pass the connection of the transaction that
/// makes the change, so the change and its record commit together.
pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    target: Target<'_>,
    detail: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let username: String = actor.username.chars().take(64).collect();
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor_username, actor_role, actor_org_id, \
         action, target_kind, target_id, detail, ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(at)
    .bind(actor.id)
    .bind(username)
    .bind(actor.role.map(|r| r.as_str()))
    .bind(actor.org_id)
    .bind(action)
    .bind(target.kind)
    .bind(target.id.map(|id| id.to_string()))
    .bind(detail)
    .bind(&actor.ip)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_username: String,
    actor_role: Option<String>,
    action: String,
    target_kind: String,
    target_id: Option<String>,
    detail: String,
    ip: String,
    actor_name: Option<String>,
    target_name: Option<String>,
}

/// The name of what a record is about, as it is called now: a programme's
/// topic, an account's or lecturer's name. Ids are looked up by key.
const TARGET_NAME: &str = "CASE l.target_kind \
     WHEN 'programme' THEN (SELECT x.topic FROM programmes x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'account' THEN (SELECT x.display_name FROM accounts x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'organisation' THEN (SELECT x.name FROM organisations x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'proposal' THEN (SELECT x.title FROM proposals x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'lecturer' THEN (SELECT x.name FROM lecturers x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'topic_call' THEN (SELECT CAST(x.year AS TEXT) FROM topic_calls x WHERE x.id = CAST(l.target_id AS BIGINT)) \
     WHEN 'change_request' THEN (SELECT g.topic FROM change_requests x JOIN programmes g \
       ON g.id = x.programme_id WHERE x.id = CAST(l.target_id AS BIGINT)) \
     ELSE NULL END";

/// A parsed filter: empty strings mean "any".
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub action: String,
    pub actor: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: i64,
}

fn shanghai_midnight(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp()
        - SHANGHAI_OFFSET_SECS as i64
}

/// The actor's name as the audit page shows it: a name that is a mobile
/// number (a trainee's) masked, as `domain::mask_mobiles_in` masks it. The
/// filter matches this, not the stored name, so searching digit by digit
/// cannot uncover the hidden middle of a number.
const SHOWN_ACTOR: &str = "CASE WHEN length(l.actor_username) = 11 \
     AND l.actor_username BETWEEN '10000000000' AND '19999999999' \
     AND l.actor_username NOT LIKE '%.%' AND l.actor_username NOT LIKE '%-%' \
     THEN substr(l.actor_username, 1, 3) || '****' || substr(l.actor_username, 8, 4) \
     ELSE l.actor_username END";

/// Newest first; one row more than a page is read to know if more follow.
pub async fn list(
    conn: &mut AnyConnection,
    f: &Filter,
) -> Result<(Vec<AuditEntry>, bool), sqlx::Error> {
    let pattern = format!(
        "%{}%",
        f.actor
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let from = f.from.map_or(i64::MIN, shanghai_midnight);
    let to =
        f.to.and_then(|d| d.succ_opt())
            .map_or(i64::MAX, shanghai_midnight);
    let rows: Vec<AuditRow> = sqlx::query_as(&format!(
        "SELECT l.id, l.at, l.actor_username, l.actor_role, l.action, l.target_kind, \
         l.target_id, l.detail, l.ip, a.display_name AS actor_name, {TARGET_NAME} AS target_name \
         FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id \
         WHERE ($1 = '' OR l.action = $1) \
           AND ($2 = '' OR LOWER({SHOWN_ACTOR}) LIKE $3 ESCAPE '\\' \
                OR LOWER(COALESCE(a.display_name, '')) LIKE $3 ESCAPE '\\') \
           AND l.at >= $4 AND l.at < $5 \
         ORDER BY l.at DESC, l.id DESC LIMIT $6 OFFSET $7"
    ))
    .bind(&f.action)
    .bind(&f.actor)
    .bind(pattern)
    .bind(from)
    .bind(to)
    .bind(PAGE_SIZE + 1)
    .bind(f.page.clamp(0, super::MAX_PAGE).saturating_mul(PAGE_SIZE))
    .fetch_all(conn)
    .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    let entries = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor_username: r.actor_username,
            actor_role: r.actor_role.as_deref().and_then(Role::parse),
            action: r.action,
            target_kind: r.target_kind,
            target_id: r.target_id,
            detail: r.detail,
            ip: r.ip,
            actor_name: r.actor_name,
            target_name: r.target_name,
        })
        .collect();
    Ok((entries, has_more))
}
