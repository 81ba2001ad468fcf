use sqlx::AnyConnection;

use super::{CommendationView, DisqualificationView};

/// The disqualification in force for `org` on `today` (ISO date), the
/// one lasting longest: (until, reason).
pub async fn in_force(
    conn: &mut AnyConnection,
    org: i64,
    today: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT until_date, reason FROM disqualifications \
         WHERE org_id = $1 AND from_date <= $2 AND until_date >= $2 \
         ORDER BY until_date DESC LIMIT 1",
    )
    .bind(org)
    .bind(today)
    .fetch_optional(conn)
    .await
}

pub async fn insert_disqualification(
    conn: &mut AnyConnection,
    org: i64,
    from: &str,
    until: &str,
    reason: &str,
    by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO disqualifications (org_id, from_date, until_date, reason, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(org)
    .bind(from)
    .bind(until)
    .bind(reason)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn insert_commendation(
    conn: &mut AnyConnection,
    org: i64,
    year: i32,
    note: &str,
    by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO commendations (org_id, year, note, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(org)
    .bind(i64::from(year))
    .bind(note)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn disqualifications(
    conn: &mut AnyConnection,
) -> Result<Vec<DisqualificationView>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT d.id, o.name, d.from_date, d.until_date, d.reason, d.created_at \
         FROM disqualifications d JOIN organisations o ON o.id = d.org_id \
         ORDER BY d.until_date DESC, d.id DESC",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, org_name, from_date, until_date, reason, created_at)| DisqualificationView {
                id,
                org_name,
                from_date,
                until_date,
                reason,
                created_at,
            },
        )
        .collect())
}

pub async fn commendations(conn: &mut AnyConnection) -> Result<Vec<CommendationView>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT c.id, o.name, c.year, c.note FROM commendations c \
         JOIN organisations o ON o.id = c.org_id ORDER BY c.year DESC, o.name",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, org_name, year, note)| CommendationView {
            id,
            org_name,
            year: year as i32,
            note,
        })
        .collect())
}

/// Declaring units and host institutions that are active.
pub async fn orgs(conn: &mut AnyConnection) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM organisations WHERE kind <> 'province' AND active = 1 \
         ORDER BY kind, name",
    )
    .fetch_all(conn)
    .await
}

pub async fn org_is_unit_or_institution(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations WHERE id = $1 AND kind <> 'province'",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
