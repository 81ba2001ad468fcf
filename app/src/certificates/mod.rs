//! From results to certificates (Art. 7; R8): the declaring unit submits
//! the completion register (结业登记表) from the published results, the
//! admin approves it or returns it with reasons (every version kept), and
//! issues certificates to the trainees who passed: provincial numbers from
//! the province's gap-free counter, national ones as the ministry gave
//! them. Revocation and reissue are the admin's; anyone verifies a
//! certificate on `/verify` without signing in.

mod api;
mod certificate_api;
pub mod hours;
mod hours_page;
mod national;
#[cfg(feature = "ssr")]
pub mod national_sheet;
mod page;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod print;
#[cfg(feature = "ssr")]
pub mod repo;
mod verify;

pub use api::{completion_overview, CompletionOverview, ReviewRegister, SubmitRegister};
pub use certificate_api::{IssueCertificates, ReissueCertificate, RevokeCertificate};
pub use hours::{certificate_years, CertificateYears, EXPORT_REASONS};
pub use hours_page::CertificatesPage;
pub use national::{import_national_numbers, ImportNationalNumbers};
pub use page::CompletionPage;
pub use verify::{verify_certificate, Verdict, VerifyCertificate, VerifyPage};

use serde::{Deserialize, Serialize};

use crate::domain::assessment::{Grade, Outcome};
use crate::domain::certificate::{Level, RegisterStatus};

/// One trainee as the register lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub enrollment_id: i64,
    pub name: String,
    pub employer: String,
    pub attended: i64,
    pub grade: Option<Grade>,
    pub outcome: Outcome,
}

/// One submitted version of the register, with its rows as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterVersion {
    pub id: i64,
    pub version: i64,
    pub status: RegisterStatus,
    pub note: String,
    pub reason: String,
    /// (when, by whom).
    pub submitted: (i64, String),
    pub reviewed: Option<(i64, String)>,
    pub rows: Vec<RegisterRow>,
}

/// An issued certificate as the programme's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRow {
    pub id: i64,
    pub enrollment_id: i64,
    pub number: String,
    pub level: Level,
    pub name: String,
    pub version: i64,
    pub issued_at: i64,
    /// (when, why).
    pub revoked: Option<(i64, String)>,
    /// Verifications so far.
    pub checks: i64,
}

/// A programme's register and certificates, for its unit, its host
/// institution, the admin and inspectors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionView {
    pub programme_id: i64,
    pub topic: String,
    pub year: i32,
    pub start_date: String,
    pub end_date: String,
    /// The schedule's class hours (the certificate's).
    pub total_hours: i64,
    /// Recommended to the ministry: its certificates may carry the
    /// ministry's numbers.
    pub national: bool,
    pub published: bool,
    /// The results as they stand (what a new version would submit).
    pub current: Vec<RegisterRow>,
    /// Newest first.
    pub registers: Vec<RegisterVersion>,
    pub certificates: Vec<CertificateRow>,
}

impl CompletionView {
    pub fn latest(&self) -> Option<&RegisterVersion> {
        self.registers.first()
    }

    /// The unit may submit: results published, and nothing awaiting the
    /// admin; after approval, only if the results were corrected since.
    pub fn may_submit(&self) -> bool {
        self.published
            && !self.current.is_empty()
            && match self.latest() {
                None => true,
                Some(r) => match r.status {
                    RegisterStatus::Submitted => false,
                    RegisterStatus::Returned => true,
                    RegisterStatus::Approved => r.rows != self.current,
                },
            }
    }

    /// Valid certificates whose holder no longer passes as the results
    /// stand (corrected since, or no longer admitted): for the admin to
    /// look into.
    pub fn doubtful(&self) -> Vec<&CertificateRow> {
        self.certificates
            .iter()
            .filter(|c| c.revoked.is_none())
            .filter(|c| {
                !self
                    .current
                    .iter()
                    .any(|r| r.enrollment_id == c.enrollment_id && r.outcome == Outcome::Passed)
            })
            .collect()
    }

    /// The trainees of the approved register who passed, still pass, and
    /// have no certificate (R8).
    pub fn to_issue(&self) -> Vec<&RegisterRow> {
        let Some(r) = self
            .latest()
            .filter(|r| r.status == RegisterStatus::Approved)
        else {
            return Vec::new();
        };
        r.rows
            .iter()
            .filter(|row| row.outcome == Outcome::Passed)
            .filter(|row| {
                self.current
                    .iter()
                    .any(|c| c.enrollment_id == row.enrollment_id && c.outcome == Outcome::Passed)
            })
            .filter(|row| {
                !self
                    .certificates
                    .iter()
                    .any(|c| c.enrollment_id == row.enrollment_id)
            })
            .collect()
    }
}

/// One year's certificates, for the continuing-education hours export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateYear {
    pub year: i32,
    pub valid: i64,
    pub revoked: i64,
}

/// A trainee's own certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCertificate {
    pub number: String,
    pub token: String,
    pub version: i64,
    pub revoked: Option<(i64, String)>,
    pub checks: i64,
}
