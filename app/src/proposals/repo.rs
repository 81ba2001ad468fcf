use sqlx::AnyConnection;

use super::draft::DraftProposal;
use super::{ProposalView, UnitHistory};
use crate::domain::{Decision, NeedKind, ProposalStatus};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    call_id: i64,
    year: i64,
    unit_id: i64,
    unit_name: String,
    institution_id: Option<i64>,
    institution_name: String,
    title: String,
    need_kind: Option<String>,
    need: String,
    start_date: String,
    end_date: String,
    place: String,
    trainees: Option<i64>,
    class_hours: Option<i64>,
    cost_accommodation: i64,
    cost_meals: i64,
    cost_venue: i64,
    cost_lecture_fees: i64,
    cost_materials: i64,
    cost_transport: i64,
    fund_government: i64,
    fund_unit: i64,
    fund_society: i64,
    fund_individual: i64,
    contact_name: String,
    contact_phone: String,
    status: String,
    recommend_national: i64,
    decision_reason: String,
    submitted_at: Option<i64>,
    decided_at: Option<i64>,
    version: i64,
}

impl Row {
    fn view(self) -> ProposalView {
        ProposalView {
            id: self.id,
            call_id: self.call_id,
            year: self.year as i32,
            unit_id: self.unit_id,
            unit_name: self.unit_name,
            institution_id: self.institution_id,
            institution_name: self.institution_name,
            title: self.title,
            areas: vec![],
            // CHECK constraints admit only known codes.
            need_kind: self.need_kind.as_deref().and_then(NeedKind::parse),
            need: self.need,
            start_date: self.start_date,
            end_date: self.end_date,
            place: self.place,
            trainees: self.trainees,
            class_hours: self.class_hours,
            costs: [
                self.cost_accommodation,
                self.cost_meals,
                self.cost_venue,
                self.cost_lecture_fees,
                self.cost_materials,
                self.cost_transport,
            ],
            funds: [
                self.fund_government,
                self.fund_unit,
                self.fund_society,
                self.fund_individual,
            ],
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
            status: ProposalStatus::parse(&self.status).unwrap_or(ProposalStatus::Draft),
            recommend_national: self.recommend_national == 1,
            decision_reason: self.decision_reason,
            submitted_at: self.submitted_at,
            decided_at: self.decided_at,
            version: self.version,
            history: None,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.call_id, c.year, p.unit_id, u.name AS unit_name, \
     p.institution_id, COALESCE(i.name, '') AS institution_name, p.title, p.need_kind, p.need, \
     COALESCE(p.start_date, '') AS start_date, COALESCE(p.end_date, '') AS end_date, p.place, p.trainees, p.class_hours, \
     p.cost_accommodation, p.cost_meals, p.cost_venue, p.cost_lecture_fees, p.cost_materials, \
     p.cost_transport, p.fund_government, p.fund_unit, p.fund_society, p.fund_individual, \
     p.contact_name, p.contact_phone, p.status, p.recommend_national, p.decision_reason, \
     p.submitted_at, p.decided_at, p.version \
     FROM proposals p JOIN topic_calls c ON c.id = p.call_id \
     JOIN organisations u ON u.id = p.unit_id LEFT JOIN organisations i ON i.id = p.institution_id";

/// A filter already parsed; `None` means any. `unit` scopes a unit's
/// caller to its own rows.
#[derive(Default)]
pub struct Filter {
    pub year: Option<i32>,
    pub unit: Option<i64>,
    pub area: Option<i64>,
    pub status: Option<ProposalStatus>,
    /// Admins do not see other units' drafts.
    pub hide_drafts: bool,
}

pub async fn list(conn: &mut AnyConnection, f: &Filter) -> Result<Vec<ProposalView>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 = 0 OR c.year = $1) AND ($2 = 0 OR p.unit_id = $2) \
         AND ($3 = 0 OR EXISTS (SELECT 1 FROM proposal_areas pa WHERE pa.proposal_id = p.id \
              AND pa.area_id = $3)) \
         AND ($4 = '' OR p.status = $4) AND ($5 = 0 OR p.status <> 'draft') \
         ORDER BY c.year DESC, u.name, p.id"
    ))
    .bind(f.year.map_or(0, i64::from))
    .bind(f.unit.unwrap_or(0))
    .bind(f.area.unwrap_or(0))
    .bind(f.status.map_or("", ProposalStatus::as_str))
    .bind(i64::from(f.hide_drafts))
    .fetch_all(&mut *conn)
    .await?;
    let mut views: Vec<ProposalView> = rows.into_iter().map(Row::view).collect();
    attach_areas(conn, &mut views).await?;
    Ok(views)
}

/// One proposal; with `unit`, only if it belongs to that unit (another
/// unit's proposal is simply not found).
pub async fn by_id(
    conn: &mut AnyConnection,
    id: i64,
    unit: Option<i64>,
) -> Result<Option<ProposalView>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.id = $1 AND ($2 = 0 OR p.unit_id = $2)"
    ))
    .bind(id)
    .bind(unit.unwrap_or(0))
    .fetch_optional(&mut *conn)
    .await?;
    let mut views: Vec<ProposalView> = row.into_iter().map(Row::view).collect();
    attach_areas(conn, &mut views).await?;
    Ok(views.pop())
}

async fn attach_areas(
    conn: &mut AnyConnection,
    views: &mut [ProposalView],
) -> Result<(), sqlx::Error> {
    if views.is_empty() {
        return Ok(());
    }
    // Ids are integers from our own rows, so listing them inline is safe.
    let ids = views
        .iter()
        .map(|v| v.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT pa.proposal_id, a.id, a.name FROM proposal_areas pa \
         JOIN call_areas a ON a.id = pa.area_id WHERE pa.proposal_id IN ({ids}) ORDER BY a.id"
    ))
    .fetch_all(conn)
    .await?;
    for v in views.iter_mut() {
        v.areas = rows
            .iter()
            .filter(|(p, _, _)| *p == v.id)
            .map(|(_, a, n)| (*a, n.clone()))
            .collect();
    }
    Ok(())
}

const FIELDS: &str = "institution_id, title, need_kind, need, start_date, end_date, place, \
     trainees, class_hours, cost_accommodation, cost_meals, cost_venue, cost_lecture_fees, \
     cost_materials, cost_transport, fund_government, fund_unit, fund_society, \
     fund_individual, contact_name, contact_phone";

macro_rules! bind_fields {
    ($q:expr, $p:expr) => {{
        let (c, f) = ($p.costs, $p.funds);
        $q.bind($p.institution_id)
            .bind($p.title.clone())
            .bind($p.need_kind.map(|k| k.as_str()))
            .bind($p.need.clone())
            .bind($p.start_date.map(|d| d.to_string()))
            .bind($p.end_date.map(|d| d.to_string()))
            .bind($p.place.clone())
            .bind($p.trainees)
            .bind($p.class_hours)
            .bind(c[0])
            .bind(c[1])
            .bind(c[2])
            .bind(c[3])
            .bind(c[4])
            .bind(c[5])
            .bind(f[0])
            .bind(f[1])
            .bind(f[2])
            .bind(f[3])
            .bind($p.contact_name.clone())
            .bind($p.contact_phone.clone())
    }};
}

pub async fn insert(
    conn: &mut AnyConnection,
    call_id: i64,
    unit_id: i64,
    p: &DraftProposal,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let placeholders = (1..=21)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO proposals ({FIELDS}, call_id, unit_id, created_at, updated_at) \
         VALUES ({placeholders}, $22, $23, $24, $24) RETURNING id"
    );
    let q = sqlx::query_scalar(&sql);
    bind_fields!(q, p)
        .bind(call_id)
        .bind(unit_id)
        .bind(now)
        .fetch_one(conn)
        .await
}

/// Rewrites a draft unless it changed since `version`.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    p: &DraftProposal,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let sets = FIELDS
        .split(',')
        .enumerate()
        .map(|(i, f)| format!("{} = ${}", f.trim(), i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE proposals SET {sets}, updated_at = $22, version = version + 1 \
         WHERE id = $23 AND version = $24 AND status = 'draft'"
    );
    let q = sqlx::query(&sql);
    let done = bind_fields!(q, p)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_areas(
    conn: &mut AnyConnection,
    id: i64,
    areas: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM proposal_areas WHERE proposal_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for a in areas {
        sqlx::query("INSERT INTO proposal_areas (proposal_id, area_id) VALUES ($1, $2)")
            .bind(id)
            .bind(a)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Moves a proposal from one status to another unless it changed since
/// `version`.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    from: ProposalStatus,
    to: ProposalStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let submitted = (to == ProposalStatus::Submitted).then_some(now);
    let done = sqlx::query(
        "UPDATE proposals SET status = $1, submitted_at = $2, updated_at = $3, \
         version = version + 1 WHERE id = $4 AND version = $5 AND status = $6",
    )
    .bind(to.as_str())
    .bind(submitted)
    .bind(now)
    .bind(id)
    .bind(version)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a decision on a submitted (or already decided, not yet
/// published) proposal unless it changed since `version`.
pub async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    decision: Decision,
    reason: &str,
    recommend: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE proposals SET status = $1, decision_reason = $2, recommend_national = $3, \
         decided_at = $4, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND version = $6 AND status IN ('submitted', 'selected', 'rejected')",
    )
    .bind(decision.status().as_str())
    .bind(reason)
    .bind(i64::from(recommend && decision == Decision::Select))
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Active host institutions linked to `unit`.
pub async fn institutions_of(
    conn: &mut AnyConnection,
    unit: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM organisations WHERE parent_id = $1 AND kind = 'institution' \
         AND active = 1 ORDER BY name",
    )
    .bind(unit)
    .fetch_all(conn)
    .await
}

/// The selection list's view of a unit and its institution for `year`.
pub async fn history(
    conn: &mut AnyConnection,
    unit: i64,
    institution: i64,
    year: i32,
    today: &str,
) -> Result<UnitHistory, sqlx::Error> {
    let commended = |org: i64| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM commendations WHERE org_id = $1 AND year = $2",
        )
        .bind(org)
        .bind(i64::from(year) - 1)
    };
    let unit_commended = commended(unit).fetch_one(&mut *conn).await? > 0;
    let institution_commended = commended(institution).fetch_one(&mut *conn).await? > 0;
    let disqualified = crate::standing::repo::in_force(conn, unit, today).await?;
    let past: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM programmes WHERE unit_id = $1 AND year < $2")
            .bind(unit)
            .bind(i64::from(year))
            .fetch_one(conn)
            .await?;
    Ok(UnitHistory {
        unit_commended_last_year: unit_commended,
        institution_commended_last_year: institution_commended,
        disqualified,
        past_programmes: past,
    })
}
