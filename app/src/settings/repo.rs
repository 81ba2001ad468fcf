use sqlx::AnyConnection;

use crate::domain::ClassHourLength;

/// The class hour length in force. A value outside the domain's range
/// cannot be stored (the table checks it), so falling back is only for a
/// damaged row.
pub async fn class_hour_length(conn: &mut AnyConnection) -> Result<ClassHourLength, sqlx::Error> {
    let m: i64 =
        sqlx::query_scalar("SELECT class_hour_minutes FROM province_settings WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(u32::try_from(m)
        .ok()
        .and_then(|m| ClassHourLength::from_minutes(m).ok())
        .unwrap_or_default())
}

/// The settings and who changed them last.
pub async fn load(conn: &mut AnyConnection) -> Result<super::SettingsView, sqlx::Error> {
    let (minutes, at, by, version): (i64, i64, Option<String>, i64) = sqlx::query_as(
        "SELECT s.class_hour_minutes, s.updated_at, a.display_name, s.version \
         FROM province_settings s \
         LEFT JOIN accounts a ON a.id = s.updated_by WHERE s.id = 1",
    )
    .fetch_one(conn)
    .await?;
    Ok(super::SettingsView {
        class_hour_minutes: u32::try_from(minutes).unwrap_or_default(),
        updated: by.map(|name| (at, name)),
        version,
    })
}

/// Sets the length unless the settings changed since `version`, and
/// returns the one it replaced (`None`: changed meanwhile, nothing
/// written). The row is locked first (a write to itself), so saves at the
/// same moment on PostgreSQL each read the value the previous one left,
/// and the audit trail's "before → after" stays true.
pub async fn set_class_hour_length(
    conn: &mut AnyConnection,
    length: ClassHourLength,
    version: i64,
    by: i64,
    now: i64,
) -> Result<Option<ClassHourLength>, sqlx::Error> {
    sqlx::query("UPDATE province_settings SET updated_at = updated_at WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    let before = class_hour_length(&mut *conn).await?;
    let done = sqlx::query(
        "UPDATE province_settings SET class_hour_minutes = $1, updated_by = $2, updated_at = $3, \
         version = version + 1 WHERE id = 1 AND version = $4",
    )
    .bind(i64::from(length.minutes()))
    .bind(by)
    .bind(now)
    .bind(version)
    .execute(conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(before))
}
