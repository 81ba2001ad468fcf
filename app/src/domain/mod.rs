//! Constrained values, parsed once by code that runs in the browser and on
//! the server alike. Limits are `pub const`s so forms and checks share them.

mod budget;
mod class_hours;
mod dates;
mod money;
mod names;
mod number_text;
mod org_kind;
mod password;
mod planning;
mod role;
mod time;
mod username;

pub use budget::{Budget, BudgetProblems, ExpenseCategory, FundingSource};
pub use class_hours::{ClassHours, MAX_PROGRAMME_HOURS, MIN_PROGRAMME_HOURS};
pub use dates::{DateProblems, PlannedDates};
pub use money::{total, Fen};
pub use names::{line, required_text, DisplayName, OrgName};
pub use org_kind::OrgKind;
pub use password::{NewPassword, PASSWORD_MAX, PASSWORD_MIN};
pub use planning::{AreaKind, ChangeStatus, Decision, NeedKind, ProposalStatus};
pub use role::Role;
pub use time::{
    format_shanghai, parse_date, parse_deadline, shanghai_date, shanghai_date_time,
    SHANGHAI_OFFSET_SECS,
};
pub use username::{Username, USERNAME_MAX, USERNAME_MIN};
