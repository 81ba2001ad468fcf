use sqlx::AnyConnection;

use crate::domain::assessment::MinAttendance;
use crate::domain::certificate::NumberFormat;
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

/// The attendance minimum in force.
pub async fn min_attendance(conn: &mut AnyConnection) -> Result<MinAttendance, sqlx::Error> {
    let p: i64 =
        sqlx::query_scalar("SELECT min_attendance_percent FROM province_settings WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(u32::try_from(p)
        .ok()
        .and_then(|p| MinAttendance::from_percent(p).ok())
        .unwrap_or_default())
}

/// The certificate number format and the issuing department in force.
pub async fn certificate_format(
    conn: &mut AnyConnection,
) -> Result<(NumberFormat, String), sqlx::Error> {
    let (format, issuer): (String, String) = sqlx::query_as(
        "SELECT certificate_format, certificate_issuer FROM province_settings WHERE id = 1",
    )
    .fetch_one(conn)
    .await?;
    Ok((NumberFormat::parse(&format).unwrap_or_default(), issuer))
}

/// The settings and who changed them last.
pub async fn load(conn: &mut AnyConnection) -> Result<super::SettingsView, sqlx::Error> {
    type Row = (i64, i64, Option<String>, i64, i64, String, String);
    let (minutes, at, by, version, percent, format, issuer): Row = sqlx::query_as(
        "SELECT s.class_hour_minutes, s.updated_at, a.display_name, s.version, \
         s.min_attendance_percent, s.certificate_format, s.certificate_issuer \
         FROM province_settings s \
         LEFT JOIN accounts a ON a.id = s.updated_by WHERE s.id = 1",
    )
    .fetch_one(conn)
    .await?;
    Ok(super::SettingsView {
        class_hour_minutes: u32::try_from(minutes).unwrap_or_default(),
        min_attendance_percent: u32::try_from(percent).unwrap_or_default(),
        certificate_format: format,
        certificate_issuer: issuer,
        updated: by.map(|name| (at, name)),
        version,
    })
}

/// Sets one setting unless the settings changed since `version`: `false`
/// when they did (nothing written). The row is locked first (a write to
/// itself), so saves at the same moment on PostgreSQL each read the value
/// the previous one left, and the audit trail's "before → after" stays
/// true; `read_before` runs under that lock.
async fn set<T>(
    conn: &mut AnyConnection,
    column: Setting,
    value: Value,
    stamp: (i64, i64, i64),
    read_before: impl AsyncFnOnce(&mut AnyConnection) -> Result<T, sqlx::Error>,
) -> Result<Option<T>, sqlx::Error> {
    let (version, by, now) = stamp;
    sqlx::query("UPDATE province_settings SET updated_at = updated_at WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    let before = read_before(&mut *conn).await?;
    let sql = format!(
        "UPDATE province_settings SET {} = $1, updated_by = $2, updated_at = $3, \
         version = version + 1 WHERE id = 1 AND version = $4",
        column.name()
    );
    let query = sqlx::query(&sql);
    let query = match value {
        Value::Number(n) => query.bind(n),
        Value::Text(t) => query.bind(t),
    };
    let done = query.bind(by).bind(now).bind(version).execute(conn).await?;
    Ok((done.rows_affected() == 1).then_some(before))
}

/// The settings a save changes, by column.
#[derive(Clone, Copy)]
enum Setting {
    ClassHourMinutes,
    MinAttendancePercent,
    CertificateFormat,
    CertificateIssuer,
}

enum Value {
    Number(i64),
    Text(String),
}

impl Setting {
    fn name(self) -> &'static str {
        match self {
            Setting::ClassHourMinutes => "class_hour_minutes",
            Setting::MinAttendancePercent => "min_attendance_percent",
            Setting::CertificateFormat => "certificate_format",
            Setting::CertificateIssuer => "certificate_issuer",
        }
    }
}

/// Sets the class hour length unless the settings changed since
/// `version`; returns the one it replaced (`None`: changed meanwhile).
pub async fn set_class_hour_length(
    conn: &mut AnyConnection,
    length: ClassHourLength,
    version: i64,
    by: i64,
    now: i64,
) -> Result<Option<ClassHourLength>, sqlx::Error> {
    let value = i64::from(length.minutes());
    set(
        conn,
        Setting::ClassHourMinutes,
        Value::Number(value),
        (version, by, now),
        async |c| class_hour_length(c).await,
    )
    .await
}

/// Sets the attendance minimum unless the settings changed since
/// `version`; returns the one it replaced (`None`: changed meanwhile).
pub async fn set_min_attendance(
    conn: &mut AnyConnection,
    min: MinAttendance,
    version: i64,
    by: i64,
    now: i64,
) -> Result<Option<MinAttendance>, sqlx::Error> {
    let value = i64::from(min.percent());
    set(
        conn,
        Setting::MinAttendancePercent,
        Value::Number(value),
        (version, by, now),
        async |c| min_attendance(c).await,
    )
    .await
}

/// Sets the certificate number format and the issuing department unless
/// the settings changed since `version`; returns the ones they replaced.
/// Numbers already given keep their text: the counter goes on.
pub async fn set_certificate_format(
    conn: &mut AnyConnection,
    format: &NumberFormat,
    issuer: &str,
    stamp: (i64, i64, i64),
) -> Result<Option<(NumberFormat, String)>, sqlx::Error> {
    let Some(before) = set(
        conn,
        Setting::CertificateFormat,
        Value::Text(format.as_str().to_owned()),
        stamp,
        async |c| certificate_format(c).await,
    )
    .await?
    else {
        return Ok(None);
    };
    // The version moved on with the format, under the same lock.
    let (version, by, now) = stamp;
    Ok(set(
        conn,
        Setting::CertificateIssuer,
        Value::Text(issuer.to_owned()),
        (version + 1, by, now),
        async |_| Ok(()),
    )
    .await?
    .map(|()| before))
}
