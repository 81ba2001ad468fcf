//! The province's settings that rules depend on: the length of a class hour
//! (how many class hours a course's time holds, R4). Later rules (the
//! attendance share of assessment) add their values here. The attendance
//! minimum a pass needs (assessment) is kept here too.

mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod repo;

pub use api::{
    province_settings, save_certificate_format, save_min_attendance, save_settings,
    ProvinceSettings, SaveCertificateFormat, SaveMinAttendance, SaveSettings,
};
pub use page::SettingsPage;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub class_hour_minutes: u32,
    /// The share of the schedule's class hours a pass needs, in percent.
    pub min_attendance_percent: u32,
    /// How provincial certificate numbers are written, e.g.
    /// 冀高研〔{year}〕第{no:4}号, and the department named as issuer.
    pub certificate_format: String,
    pub certificate_issuer: String,
    /// When and by whom last changed; `None` while the defaults stand.
    pub updated: Option<(i64, String)>,
    /// A save names the version it was read at (two admins at once).
    pub version: i64,
}
