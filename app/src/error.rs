//! The one error type that crosses the network. Variants are things a user
//! can act on; everything else is `Internal`, whose detail stays in the log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What is wrong with one field. Carries no text: the browser renders it in
/// the user's language (see `i18n::problem_text`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    InvalidChars,
    WeakPassword,
    Mismatch,
    WrongPassword,
    SameAsOld,
    Taken,
    InvalidChoice,
    NotAllowedForRole,
    ParentRequired,
    NotANumber,
    Negative,
    TooLarge,
    TooManyDecimals,
    BelowMinimum {
        min: i64,
    },
    NotADate,
    OutsideYear {
        year: i32,
    },
    EndBeforeStart,
    /// A course's end time not after its start time.
    EndTimeNotAfterStart,
    /// More class hours than the course's time holds: at most `most`
    /// hours of `minutes` minutes each.
    LongerThanSlot {
        most: u32,
        minutes: u32,
    },
    /// Must fall before the programme's first day (an enrollment deadline).
    NotBeforeStart {
        start: String,
    },
    /// Places in and outside the province add up to more than the quota.
    SplitExceedsQuota {
        quota: i64,
    },
    NotATime,
    /// R15: the funding sources differ from the spending total by this
    /// many fen (positive: sources short).
    Unbalanced {
        diff_fen: i64,
    },
    /// R17: more recovered than the sanction asks; this many fen remain.
    OverRecovery {
        left_fen: i64,
    },
    /// A change request that asks for what is already planned.
    Unchanged,
    /// A deadline that has already passed.
    InPast,
    /// Still used elsewhere, so it cannot be removed.
    InUse,
    IdFormat,
    IdChecksum,
    MobileFormat,
    /// Overlaps another course of the same programme.
    Clash,
    /// Outside the programme's dates.
    OutsideProgramme,
    /// More applicants admitted than planned.
    OverQuota {
        max: i64,
    },
    /// R6: these lecturers stand on the schedule without an approved vetting.
    Unvetted {
        names: String,
    },
    /// Only PDF files are accepted.
    NotPdf,
    /// Enrollment is not open (before acknowledgement or after its last day).
    EnrollmentClosed,
    /// More items than a questionnaire may have.
    TooManyItems {
        max: i64,
    },
    /// The survey is not open to answers (not yet, or closed).
    SurveyClosed,
    /// Not a spreadsheet this app reads (.xlsx, .xls, CSV), or damaged.
    NotASpreadsheet,
    /// The sheet declares or holds more than this many rows or columns.
    SheetTooLarge {
        rows: u32,
        cols: u32,
    },
    /// No row in the first rows names the expected columns.
    NoHeaderRow,
    /// These fields have no column (field codes; see `import_field_text`).
    MissingColumns {
        fields: Vec<String>,
    },
    /// The same person as in this earlier row of the file.
    DuplicateOf {
        row: u32,
    },
    /// A long number kept as a number by the spreadsheet: its last digits
    /// are lost and must be typed again in a text cell.
    StoredAsNumber,
    /// Not a professional title, level or post this app recognises.
    UnknownTitle,
    /// A lecture fee row naming no course and lecturer of the schedule.
    NotInSchedule,
    /// A lecture fee row whose course and lecturer the schedule has more
    /// than once: the day tells them apart.
    ManyInSchedule,
    /// Not one of the six expense categories (R11).
    NotAnExpenseCategory,
    /// Not one of the four funding sources.
    NotAFundingSource,
    /// Every line of the file is already entered: the same sheet sent
    /// twice. Replacing the entered lines is asked for by name.
    AlreadyImported,
    /// A fee standard version that already judges entered spending (a
    /// programme starting on or after its date has lines).
    StandardInUse,
    /// No programme matches what a spot check is to be drawn from.
    EmptyPopulation,
    /// A sample larger than the programmes it is drawn from.
    SampleTooLarge {
        population: u32,
    },
    /// A file larger than the largest accepted (bytes).
    FileTooLarge {
        max_bytes: u64,
    },
    /// More rows than an import takes.
    TooManyRows {
        max: u32,
    },
    /// Contradicts the identity number (a gender its 17th digit does not
    /// record).
    DisagreesWithId,
    /// Fixed since a vetting approved it (a lecturer's name and title):
    /// register the person anew instead.
    FixedByVetting,
    /// Registered already (a lecturer with the same name and phone).
    AlreadyRegistered,
    /// Not a telephone number: 7 to 15 digits, with spaces or dashes and
    /// an optional leading +.
    PhoneFormat,
    /// This account has applied to the programme already.
    AlreadyApplied,
    /// A page number past the last one that may be asked for.
    PageTooFar {
        max: i64,
    },
    /// An activation code that is wrong, used or expired: one answer for
    /// all three, so a guesser learns nothing.
    CodeNotValid,
    /// An identity number other than the one this account was admitted
    /// with.
    NotYourIdNumber,
    /// Check-in has not opened yet (a course's window).
    NotYetOpen,
    /// Attendance is settled: too long after the programme to mark anyone.
    MarksClosed,
    /// A time that must come after another (an extension after the
    /// deadline and after now).
    NotAfter {
        after: String,
    },
    /// An assessment rule (R9, the attendance minimum).
    Assess(crate::domain::assessment::Refusal),
    /// A certificate number or format refused.
    Certify(crate::domain::certificate::CertProblem),
    /// Closing materials that cannot be sent, or an account they hold.
    Close(crate::domain::closing::Refusal),
    /// A lecture that cannot be courseware, or a consent refused (R14).
    Courseware(crate::domain::courseware::Refusal),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        FieldError {
            field: field.to_owned(),
            problem,
        }
    }
}

/// A problem in one row of an imported file (rows numbered as the
/// spreadsheet shows them; row 0 is the file as a whole), in one column
/// (its letters and header as the file has them, e.g. "C（身份证号码）").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: u32,
    pub column: String,
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// Bad input, one entry per field; nothing was changed.
    Validation(Vec<FieldError>),
    Unauthenticated,
    Forbidden,
    NotFound,
    /// The record changed or was taken since the user loaded it.
    Conflict,
    /// Deliberately the same for an unknown user name and a wrong password.
    InvalidCredentials,
    /// Locked after repeated failures; `until` is a Unix time in seconds.
    Locked {
        until: i64,
    },
    PasswordChangeRequired,
    /// Too many requests of this kind from this address; `until` is the
    /// Unix time (seconds) after which the next one is accepted.
    TooManyRequests {
        until: i64,
    },
    /// The request never reached the server or came back unreadable.
    Network,
    BadRequest,
    /// R1: the topic call closed at `at` (Unix seconds); nothing more can be
    /// submitted or changed.
    CallClosed {
        at: i64,
    },
    /// R2: the unit is disqualified until `until` (a date) for `reason`.
    Disqualified {
        until: String,
        reason: String,
    },
    /// An import with bad rows; nothing of it was stored.
    Rows(Vec<RowError>),
    /// The record is not in a state that allows this step (e.g. deciding a
    /// draft, selecting before the call has closed).
    WrongState,
    Internal,
}

impl AppError {
    pub fn field(field: &str, problem: Problem) -> Self {
        AppError::Validation(vec![FieldError::new(field, problem)])
    }

    /// An import's problems: a problem with the file as a whole (row 0) is
    /// shown beside the file field; row problems are listed by row.
    pub fn from_rows(rows: Vec<RowError>) -> Self {
        match rows.as_slice() {
            [only] if only.row == 0 => AppError::field(&only.field, only.problem.clone()),
            _ => AppError::Rows(rows),
        }
    }

    /// The problem reported for `field`, if any, for display beside it.
    pub fn problem_for(&self, field: &str) -> Option<&Problem> {
        match self {
            AppError::Validation(errors) => {
                errors.iter().find(|e| e.field == field).map(|e| &e.problem)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

/// Collects field problems so a form reports all of them at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(problem) => {
                self.0.push(FieldError::new(field, problem));
                None
            }
        }
    }

    /// Like `check`, for a parse that names problems of several fields.
    pub fn check_all<T>(&mut self, result: Result<T, Vec<(&'static str, Problem)>>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(list) => {
                for (field, problem) in list {
                    self.push(field, problem);
                }
                None
            }
        }
    }

    /// Takes over the field problems of a step that parses a whole form;
    /// any other error is passed on.
    pub fn absorb<T>(&mut self, result: Result<T, AppError>) -> Result<Option<T>, AppError> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(AppError::Validation(list)) => {
                self.0.extend(list);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    pub fn push(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use http::StatusCode;

    impl AppError {
        pub fn status(&self) -> StatusCode {
            match self {
                AppError::Validation(_) | AppError::Rows(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Unauthenticated | AppError::InvalidCredentials => {
                    StatusCode::UNAUTHORIZED
                }
                AppError::Forbidden | AppError::PasswordChangeRequired => StatusCode::FORBIDDEN,
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::Conflict | AppError::WrongState | AppError::CallClosed { .. } => {
                    StatusCode::CONFLICT
                }
                AppError::Disqualified { .. } => StatusCode::FORBIDDEN,
                AppError::Locked { .. } => StatusCode::LOCKED,
                AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                AppError::BadRequest => StatusCode::BAD_REQUEST,
                AppError::Network | AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    }

    /// Database errors are mapped by kind, never by message text; the detail
    /// of anything unexpected is logged here and not sent.
    impl From<sqlx::Error> for AppError {
        fn from(e: sqlx::Error) -> Self {
            match &e {
                sqlx::Error::RowNotFound => AppError::NotFound,
                sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
                _ => {
                    tracing::error!(error = %e, "database error");
                    AppError::Internal
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_collect_every_field_before_failing() {
        let mut p = Problems::default();
        p.push("username", Problem::Required);
        p.push("password", Problem::WeakPassword);
        let err = p.into_result().unwrap_err();
        assert_eq!(err.problem_for("password"), Some(&Problem::WeakPassword));
        assert_eq!(err.problem_for("org"), None);
    }

    #[test]
    fn transport_failures_never_carry_server_text() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "secret table detail".into(),
        ));
        assert_eq!(e, AppError::Internal);
    }
}
