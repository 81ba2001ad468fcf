//! Certificates as their pages show them.

use sqlx::AnyConnection;

use super::super::pdf::Sheet;

type SheetTuple = (
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
    i64,
    i64,
    String,
);

const SHEET_SELECT: &str = "SELECT c.name, c.topic, c.start_date, c.end_date, c.class_hours, \
     c.number, c.issuer, c.issued_at, c.version, c.token FROM certificates c";

/// Who the pages are for.
pub enum Printed {
    /// Every valid certificate of the programme, or only the one given.
    Programme(Option<i64>),
    /// The valid certificate of this trainee account, while admitted.
    Holder(i64),
}

/// The programme's valid certificates, by number: a revoked one is never
/// printed again.
pub async fn sheets(
    conn: &mut AnyConnection,
    programme: i64,
    which: Printed,
) -> Result<Vec<Sheet>, sqlx::Error> {
    let order = " ORDER BY COALESCE(c.serial, 0), c.number";
    let valid = "c.programme_id = $1 AND c.revoked_at IS NULL";
    let rows: Vec<SheetTuple> = match which {
        Printed::Programme(None) => {
            sqlx::query_as(&format!("{SHEET_SELECT} WHERE {valid}{order}"))
                .bind(programme)
                .fetch_all(conn)
                .await?
        }
        Printed::Programme(Some(id)) => {
            sqlx::query_as(&format!("{SHEET_SELECT} WHERE {valid} AND c.id = $2"))
                .bind(programme)
                .bind(id)
                .fetch_all(conn)
                .await?
        }
        Printed::Holder(account) => {
            sqlx::query_as(&format!(
                "{SHEET_SELECT} JOIN enrollments e ON e.id = c.enrollment_id \
             WHERE {valid} AND e.account_id = $2 AND e.status = 'admitted'"
            ))
            .bind(programme)
            .bind(account)
            .fetch_all(conn)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| Sheet {
            name: r.0,
            topic: r.1,
            start_date: r.2,
            end_date: r.3,
            class_hours: r.4,
            number: r.5,
            issuer: r.6,
            issued_at: r.7,
            version: r.8,
            token: r.9,
        })
        .collect())
}
