use sqlx::AnyConnection;

use super::{NotificationKind, NotificationView};

pub async fn insert(
    conn: &mut AnyConnection,
    account: i64,
    kind: NotificationKind,
    programme: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (account_id, kind, programme_id, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(account)
    .bind(kind.as_str())
    .bind(programme)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

type Row = (i64, String, Option<i64>, Option<String>, i64);

/// The account's unread messages, newest first.
pub async fn unread(
    conn: &mut AnyConnection,
    account: i64,
) -> Result<Vec<NotificationView>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.kind, n.programme_id, g.topic, n.created_at FROM notifications n \
         LEFT JOIN programmes g ON g.id = n.programme_id \
         WHERE n.account_id = $1 AND n.read_at IS NULL ORDER BY n.created_at DESC, n.id DESC \
         LIMIT 20",
    )
    .bind(account)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, programme_id, topic, created_at)| {
            Some(NotificationView {
                id,
                kind: NotificationKind::parse(&kind)?,
                programme_id,
                topic,
                created_at,
            })
        })
        .collect())
}

/// Marks one of the account's own messages read; another's is untouched.
pub async fn dismiss(
    conn: &mut AnyConnection,
    account: i64,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $1 \
         WHERE id = $2 AND account_id = $3 AND read_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(account)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
