//! What the trainee's pages read: their enrollments and check-ins.

use sqlx::AnyConnection;

pub struct Enrolled {
    pub enrollment: i64,
    pub programme: i64,
    pub topic: String,
    pub institution_name: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    pub status: String,
}

type Row = (i64, i64, String, String, String, String, String, String);

/// Every enrollment of the account, newest programme first.
pub async fn enrolled(
    conn: &mut AnyConnection,
    account: i64,
) -> Result<Vec<Enrolled>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id, g.id, g.topic, o.name, g.start_date, g.end_date, g.place, e.status \
         FROM enrollments e JOIN programmes g ON g.id = e.programme_id \
         JOIN organisations o ON o.id = g.institution_id \
         WHERE e.account_id = $1 ORDER BY g.start_date DESC, g.id DESC",
    )
    .bind(account)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                enrollment,
                programme,
                topic,
                institution_name,
                start_date,
                end_date,
                place,
                status,
            )| {
                Enrolled {
                    enrollment,
                    programme,
                    topic,
                    institution_name,
                    start_date,
                    end_date,
                    place,
                    status,
                }
            },
        )
        .collect())
}

/// (course, when) of an enrollment's check-ins.
pub async fn checkins(
    conn: &mut AnyConnection,
    enrollment: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT course_id, at FROM checkins WHERE enrollment_id = $1")
        .bind(enrollment)
        .fetch_all(conn)
        .await
}
