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
mod role;
mod time;
mod username;

pub use budget::{Budget, BudgetProblems, ExpenseCategory, FundingSource};
pub use class_hours::{ClassHours, MAX_PROGRAMME_HOURS, MIN_PROGRAMME_HOURS};
pub use dates::{DateProblems, PlannedDates};
pub use money::{total, Fen};
pub use names::{DisplayName, OrgName};
pub use org_kind::OrgKind;
pub use password::{NewPassword, PASSWORD_MAX, PASSWORD_MIN};
pub use role::Role;
pub use time::{format_shanghai, SHANGHAI_OFFSET_SECS};
pub use username::{Username, USERNAME_MAX, USERNAME_MIN};
