use sqlx::AnyConnection;

use super::{ChangeView, ProgrammeView};
use crate::domain::ChangeStatus;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    year: i64,
    serial: i64,
    topic: String,
    unit_id: i64,
    unit_name: String,
    institution_id: i64,
    institution_name: String,
    start_date: String,
    end_date: String,
    place: String,
    trainees: i64,
    class_hours: i64,
    recommend_national: i64,
    version: i64,
}

impl Row {
    fn view(self) -> ProgrammeView {
        ProgrammeView {
            id: self.id,
            year: self.year as i32,
            serial: self.serial,
            topic: self.topic,
            unit_id: self.unit_id,
            unit_name: self.unit_name,
            institution_id: self.institution_id,
            institution_name: self.institution_name,
            start_date: self.start_date,
            end_date: self.end_date,
            place: self.place,
            trainees: self.trainees,
            class_hours: self.class_hours,
            recommend_national: self.recommend_national == 1,
            version: self.version,
            changes: vec![],
        }
    }
}

const SELECT: &str = "SELECT g.id, g.year, g.serial, g.topic, g.unit_id, u.name AS unit_name, \
     g.institution_id, i.name AS institution_name, g.start_date, g.end_date, g.place, \
     g.trainees, g.class_hours, g.recommend_national, g.version \
     FROM programmes g JOIN organisations u ON u.id = g.unit_id \
     JOIN organisations i ON i.id = g.institution_id";

/// Who may see which programmes: everyone, one declaring unit's, or one
/// host institution's.
#[derive(Clone, Copy)]
pub enum Scope {
    All,
    Unit(i64),
    Institution(i64),
}

impl Scope {
    /// The programmes a caller may see: all (admin, inspector), a unit's,
    /// or a host institution's; trainees none through this path.
    pub fn of(caller: &crate::auth::guard::Caller) -> Result<Scope, crate::error::AppError> {
        use crate::domain::Role;
        Ok(match caller.user.role {
            Role::Admin | Role::Inspector => Scope::All,
            Role::Unit => Scope::Unit(caller.org_id()?),
            Role::Institution => Scope::Institution(caller.org_id()?),
            Role::Trainee => return Err(crate::error::AppError::Forbidden),
        })
    }

    pub fn binds(self) -> (i64, i64) {
        match self {
            Scope::All => (0, 0),
            Scope::Unit(u) => (u, 0),
            Scope::Institution(i) => (0, i),
        }
    }
}

pub async fn list(
    conn: &mut AnyConnection,
    year: Option<i32>,
    scope: Scope,
    approved_changes_only: bool,
) -> Result<Vec<ProgrammeView>, sqlx::Error> {
    let (unit, inst) = scope.binds();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 = 0 OR g.year = $1) AND ($2 = 0 OR g.unit_id = $2) \
         AND ($3 = 0 OR g.institution_id = $3) ORDER BY g.year DESC, g.serial"
    ))
    .bind(year.map_or(0, i64::from))
    .bind(unit)
    .bind(inst)
    .fetch_all(&mut *conn)
    .await?;
    let mut views: Vec<ProgrammeView> = rows.into_iter().map(Row::view).collect();
    attach_changes(conn, &mut views, approved_changes_only).await?;
    Ok(views)
}

/// A programme the caller's institution hosts; anyone else's is not
/// found.
pub async fn hosted(
    conn: &mut AnyConnection,
    caller: &crate::auth::guard::Caller,
    id: i64,
) -> Result<ProgrammeView, crate::error::AppError> {
    by_id(conn, id, Scope::Institution(caller.org_id()?))
        .await?
        .ok_or(crate::error::AppError::NotFound)
}

/// Holds the programme's row until the transaction ends (a write to
/// itself), so steps on one programme's dependants run one at a time on
/// PostgreSQL; SQLite writes one transaction at a time anyway.
pub async fn lock(conn: &mut AnyConnection, programme: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE programmes SET id = id WHERE id = $1")
        .bind(programme)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn by_id(
    conn: &mut AnyConnection,
    id: i64,
    scope: Scope,
) -> Result<Option<ProgrammeView>, sqlx::Error> {
    let (unit, inst) = scope.binds();
    let row: Option<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE g.id = $1 AND ($2 = 0 OR g.unit_id = $2) \
         AND ($3 = 0 OR g.institution_id = $3)"
    ))
    .bind(id)
    .bind(unit)
    .bind(inst)
    .fetch_optional(&mut *conn)
    .await?;
    let mut views: Vec<ProgrammeView> = row.into_iter().map(Row::view).collect();
    attach_changes(conn, &mut views, false).await?;
    Ok(views.pop())
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: i64,
    programme_id: i64,
    old_start_date: String,
    old_end_date: String,
    old_place: String,
    new_start_date: String,
    new_end_date: String,
    new_place: String,
    reason: String,
    status: String,
    decision_reason: String,
    requested_at: i64,
    decided_at: Option<i64>,
}

const CHANGE_SELECT: &str = "SELECT id, programme_id, old_start_date, old_end_date, old_place, \
     new_start_date, new_end_date, new_place, reason, status, decision_reason, requested_at, \
     decided_at FROM change_requests";

impl ChangeRow {
    fn view(self) -> ChangeView {
        ChangeView {
            id: self.id,
            programme_id: self.programme_id,
            old_start_date: self.old_start_date,
            old_end_date: self.old_end_date,
            old_place: self.old_place,
            new_start_date: self.new_start_date,
            new_end_date: self.new_end_date,
            new_place: self.new_place,
            reason: self.reason,
            status: ChangeStatus::parse(&self.status).unwrap_or(ChangeStatus::Pending),
            decision_reason: self.decision_reason,
            requested_at: self.requested_at,
            decided_at: self.decided_at,
        }
    }
}

async fn attach_changes(
    conn: &mut AnyConnection,
    views: &mut [ProgrammeView],
    approved_only: bool,
) -> Result<(), sqlx::Error> {
    if views.is_empty() {
        return Ok(());
    }
    // Our own integer ids, so inline is safe.
    let ids = views
        .iter()
        .map(|v| v.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let rows: Vec<ChangeRow> = sqlx::query_as(&format!(
        "{CHANGE_SELECT} WHERE programme_id IN ({ids}) AND ($1 = 0 OR status = 'approved') \
         ORDER BY id DESC"
    ))
    .bind(i64::from(approved_only))
    .fetch_all(conn)
    .await?;
    let changes: Vec<ChangeView> = rows.into_iter().map(ChangeRow::view).collect();
    for v in views.iter_mut() {
        v.changes = changes
            .iter()
            .filter(|c| c.programme_id == v.id)
            .cloned()
            .collect();
    }
    Ok(())
}

/// Pending requests across programmes in scope, oldest first.
pub async fn change_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<ChangeView>, sqlx::Error> {
    let row: Option<ChangeRow> = sqlx::query_as(&format!("{CHANGE_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(ChangeRow::view))
}

/// Turns every selected proposal of the call into a programme, numbered in
/// order of start date. Returns how many.
pub async fn publish(
    conn: &mut AnyConnection,
    call_id: i64,
    year: i32,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let selected: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM proposals WHERE call_id = $1 AND status = 'selected' \
         ORDER BY start_date, id",
    )
    .bind(call_id)
    .fetch_all(&mut *conn)
    .await?;
    for (i, pid) in selected.iter().enumerate() {
        sqlx::query(
            "INSERT INTO programmes (proposal_id, year, serial, topic, unit_id, institution_id, \
             start_date, end_date, place, trainees, class_hours, recommend_national, \
             published_at, updated_at) \
             SELECT id, $1, $2, title, unit_id, institution_id, start_date, end_date, place, \
             trainees, class_hours, recommend_national, $3, $3 FROM proposals WHERE id = $4",
        )
        .bind(i64::from(year))
        .bind(i as i64 + 1)
        .bind(now)
        .bind(pid)
        .execute(&mut *conn)
        .await?;
    }
    Ok(selected.len() as i64)
}

/// (year, published_at) of every published plan, newest first.
pub async fn published_years(conn: &mut AnyConnection) -> Result<Vec<(i32, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT year, published_at FROM topic_calls WHERE published_at IS NOT NULL \
         ORDER BY year DESC",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(y, p)| (y as i32, p)).collect())
}

/// The published plan of `year` with its approved changes, if published.
pub async fn public_plan(
    conn: &mut AnyConnection,
    year: i32,
    years: &[(i32, i64)],
    today: &str,
) -> Result<Option<super::PublicPlan>, sqlx::Error> {
    let Some(&(_, published_at)) = years.iter().find(|(y, _)| *y == year) else {
        return Ok(None);
    };
    let mut programmes = list(conn, Some(year), Scope::All, true).await?;
    // The public sees what changed and when, not the internal reasons.
    for c in programmes.iter_mut().flat_map(|g| g.changes.iter_mut()) {
        c.reason.clear();
        c.decision_reason.clear();
    }
    let enrolling = crate::enrollment::repo::open_enrollments(conn, today)
        .await?
        .into_iter()
        .map(|(id, _, until)| (id, until))
        .collect();
    Ok(Some(super::PublicPlan {
        year,
        published_at,
        programmes,
        years: years.iter().map(|(y, _)| *y).collect(),
        enrolling,
    }))
}

pub struct NewChange<'a> {
    pub programme: &'a ProgrammeView,
    pub start: &'a str,
    pub end: &'a str,
    pub place: &'a str,
    pub reason: &'a str,
    pub by: i64,
}

pub async fn insert_change(
    conn: &mut AnyConnection,
    c: &NewChange<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO change_requests (programme_id, old_start_date, old_end_date, old_place, \
         new_start_date, new_end_date, new_place, reason, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(c.programme.id)
    .bind(&c.programme.start_date)
    .bind(&c.programme.end_date)
    .bind(&c.programme.place)
    .bind(c.start)
    .bind(c.end)
    .bind(c.place)
    .bind(c.reason)
    .bind(c.by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Closes a pending request; false if it was no longer pending.
pub async fn decide_change(
    conn: &mut AnyConnection,
    id: i64,
    status: ChangeStatus,
    reason: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE change_requests SET status = $1, decision_reason = $2, decided_by = $3, \
         decided_at = $4 WHERE id = $5 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(by)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The one way a programme's dates and place change (R13).
pub async fn apply_change(
    conn: &mut AnyConnection,
    c: &ChangeView,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE programmes SET start_date = $1, end_date = $2, place = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND start_date = $6 AND end_date = $7 AND place = $8",
    )
    .bind(&c.new_start_date)
    .bind(&c.new_end_date)
    .bind(&c.new_place)
    .bind(now)
    .bind(c.programme_id)
    .bind(&c.old_start_date)
    .bind(&c.old_end_date)
    .bind(&c.old_place)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
