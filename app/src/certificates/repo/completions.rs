//! A year's completions, for the continuing-education hours register.

use sqlx::AnyConnection;

use super::super::CertificateYear;

/// One valid certificate of the year as the register records it; the
/// identity number still sealed.
pub struct Completion {
    pub name: String,
    pub id_number_sealed: Option<String>,
    pub employer: String,
    pub topic: String,
    pub class_hours: i64,
    /// Class hours attended, as the approved register recorded them.
    pub attended: Option<i64>,
    pub number: String,
    pub end_date: String,
    pub issued_at: i64,
}

type CompletionTuple = (
    String,
    Option<String>,
    String,
    String,
    i64,
    Option<i64>,
    String,
    String,
    i64,
);

/// The year's valid certificates, provincial by number, then national.
pub async fn of_year(conn: &mut AnyConnection, year: i32) -> Result<Vec<Completion>, sqlx::Error> {
    let rows: Vec<CompletionTuple> = sqlx::query_as(
        "SELECT c.name, e.id_number_sealed, e.employer, c.topic, c.class_hours, r.attended, \
         c.number, c.end_date, c.issued_at FROM certificates c \
         JOIN enrollments e ON e.id = c.enrollment_id \
         LEFT JOIN completion_register_rows r \
           ON r.register_id = c.register_id AND r.enrollment_id = c.enrollment_id \
         WHERE c.year = $1 AND c.revoked_at IS NULL \
         ORDER BY c.level DESC, COALESCE(c.serial, 0), c.number",
    )
    .bind(i64::from(year))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Completion {
            name: r.0,
            id_number_sealed: r.1,
            employer: r.2,
            topic: r.3,
            class_hours: r.4,
            attended: r.5,
            number: r.6,
            end_date: r.7,
            issued_at: r.8,
        })
        .collect())
}

/// Every year with certificates: how many are valid and how many revoked.
pub async fn years(conn: &mut AnyConnection) -> Result<Vec<CertificateYear>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT year, SUM(CASE WHEN revoked_at IS NULL THEN 1 ELSE 0 END), \
         SUM(CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END) FROM certificates \
         GROUP BY year ORDER BY year DESC",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(year, valid, revoked)| CertificateYear {
            year: year as i32,
            valid,
            revoked,
        })
        .collect())
}
