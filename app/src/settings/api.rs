use leptos::prelude::*;

use super::SettingsView;
use crate::error::AppError;

#[server(endpoint = "province_settings")]
pub async fn province_settings() -> Result<SettingsView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PROVINCE_SETTINGS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::load(&mut conn).await?)
}

/// Sets the length of a class hour. Schedules already filed keep the hours
/// they were filed with; new courses are checked against the new length.
#[server(endpoint = "save_settings")]
pub async fn save_settings(class_hour_minutes: String, version: i64) -> Result<(), AppError> {
    use crate::domain::ClassHourLength;
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SAVE_SETTINGS).await?;
    let mut p = Problems::default();
    let length = p.check(
        "class_hour_minutes",
        ClassHourLength::parse(&class_hour_minutes),
    );
    p.into_result()?;
    let Some(length) = length else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let before = super::repo::set_class_hour_length(&mut tx, length, version, caller.user.id, at)
        .await?
        .ok_or(AppError::Conflict)?;
    caller
        .audit(
            &mut tx,
            "settings_changed",
            "settings",
            1,
            &format!("{} → {}", before.minutes(), length.minutes()),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/settings?done=settings");
    Ok(())
}

/// Sets the share of the schedule's class hours a pass needs. Decisions
/// already saved stand; later ones are checked against the new share.
#[server(endpoint = "save_min_attendance")]
pub async fn save_min_attendance(percent: String, version: i64) -> Result<(), AppError> {
    use crate::domain::assessment::MinAttendance;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SAVE_MIN_ATTENDANCE).await?;
    let min = MinAttendance::parse(&percent).map_err(|p| AppError::field("percent", p))?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let before = super::repo::set_min_attendance(&mut tx, min, version, caller.user.id, at)
        .await?
        .ok_or(AppError::Conflict)?;
    caller
        .audit(
            &mut tx,
            "min_attendance_changed",
            "settings",
            1,
            &format!("{}% → {}%", before.percent(), min.percent()),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/settings?done=attendance");
    Ok(())
}

/// Sets how provincial certificate numbers are written and the issuing
/// department. The sequence of each year goes on whatever the format.
#[server(endpoint = "save_certificate_format")]
pub async fn save_certificate_format(
    format: String,
    issuer: String,
    version: i64,
) -> Result<(), AppError> {
    use crate::domain::certificate::NumberFormat;
    use crate::domain::line;
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SAVE_CERTIFICATE_FORMAT).await?;
    let mut p = Problems::default();
    let format = p.check(
        "format",
        NumberFormat::parse(&format).map_err(Problem::Certify),
    );
    let issuer = p.check("issuer", line(&issuer, 60));
    p.into_result()?;
    let (Some(format), Some(issuer)) = (format, issuer) else {
        return Err(AppError::Internal);
    };
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let (before, before_issuer) = super::repo::set_certificate_format(
        &mut tx,
        &format,
        &issuer,
        (version, caller.user.id, at),
    )
    .await?
    .ok_or(AppError::Conflict)?;
    caller
        .audit(
            &mut tx,
            "certificate_format_changed",
            "settings",
            1,
            &format!(
                "{} → {}；{before_issuer} → {issuer}",
                before.as_str(),
                format.as_str()
            ),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/settings?done=certificates");
    Ok(())
}
