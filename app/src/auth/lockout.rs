//! Failed sign-ins per typed user name (its keyed hash), known or not.
//! Every decision is one conditional statement, so parallel attempts cannot
//! slip past the count: PostgreSQL's UPDATE takes the row lock and
//! re-checks its condition after waiting, SQLite runs writers one at a time.

use sqlx::AnyConnection;

/// What counting one failure did.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The name was locked already; nothing was counted.
    AlreadyLocked { until: i64 },
    /// Counted; `locked` is the lock's end when this failure reached the limit.
    Counted { locked: Option<i64> },
}

/// The lock's end, if the name is locked at `now`.
pub async fn locked_until(
    conn: &mut AnyConnection,
    name_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT locked_until FROM login_throttle \
         WHERE name_hash = $1 AND locked_until IS NOT NULL AND locked_until > $2",
    )
    .bind(name_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
    .map(Option::flatten)
}

async fn ensure(conn: &mut AnyConnection, name_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_throttle (name_hash, failed, locked_until, updated_at) \
         VALUES ($1, 0, NULL, $2) ON CONFLICT (name_hash) DO NOTHING",
    )
    .bind(name_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts one failure unless the name is locked; the `max`-th failure locks
/// it until `lock_until`. An expired lock starts the count afresh.
pub async fn fail(
    conn: &mut AnyConnection,
    name_hash: &str,
    max: i64,
    lock_until: i64,
    now: i64,
) -> Result<Failure, sqlx::Error> {
    ensure(conn, name_hash, now).await?;
    let counted: Option<(i64, Option<i64>)> = sqlx::query_as(
        "UPDATE login_throttle SET \
           failed = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed + 1 END, \
           locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed + 1 END) >= $2 \
                               THEN $3 ELSE NULL END, \
           updated_at = $4 \
         WHERE name_hash = $1 AND (locked_until IS NULL OR locked_until <= $4) \
         RETURNING failed, locked_until",
    )
    .bind(name_hash)
    .bind(max)
    .bind(lock_until)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match counted {
        Some((_, locked)) => Ok(Failure::Counted { locked }),
        None => {
            let until = locked_until(conn, name_hash, now).await?.unwrap_or(now);
            Ok(Failure::AlreadyLocked { until })
        }
    }
}

/// Clears the count after a correct password, unless the name is locked:
/// then the correct password fails too, and the lock's end is returned.
pub async fn succeed(
    conn: &mut AnyConnection,
    name_hash: &str,
    now: i64,
) -> Result<Result<(), i64>, sqlx::Error> {
    ensure(conn, name_hash, now).await?;
    let done = sqlx::query(
        "UPDATE login_throttle SET failed = 0, locked_until = NULL, updated_at = $2 \
         WHERE name_hash = $1 AND (locked_until IS NULL OR locked_until <= $2)",
    )
    .bind(name_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    Ok(Err(locked_until(conn, name_hash, now)
        .await?
        .unwrap_or(now)))
}

/// Forgets a name's failures (an admin reactivated the account or set a
/// new password).
pub async fn clear(conn: &mut AnyConnection, name_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_throttle WHERE name_hash = $1")
        .bind(name_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Drops rows that no longer hold a lock or a recent count, so names that
/// were tried once do not pile up.
pub async fn prune(conn: &mut AnyConnection, older_than: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM login_throttle WHERE updated_at < $1 \
         AND (locked_until IS NULL OR locked_until < $1)",
    )
    .bind(older_than)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
