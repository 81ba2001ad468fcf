//! Constrained values, parsed once by code that runs in the browser and on
//! the server alike. Limits are `pub const`s so forms and checks share them.

/// A closed vocabulary stored and sent as short codes.
macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

mod activation;
pub mod assessment;
mod budget;
pub mod certificate;
pub mod checkin;
mod class_hours;
pub mod closing;
pub mod courseware;
mod dates;
pub mod fees;
pub mod inspection;
mod mask;
mod money;
mod names;
mod number_text;
mod org_kind;
pub mod paper;
mod password;
mod people;
mod planning;
mod preparation;
#[cfg(test)]
mod props;
mod role;
pub mod spending;
pub mod spending_names;
pub mod spot_check;
pub mod survey;
mod text;
mod time;
mod titles;
mod username;
mod verdict;

pub use activation::{ActivationCode, CODE_DAYS, CODE_LEN};
pub use budget::{Budget, BudgetProblems, ExpenseCategory, FundingSource};
pub use class_hours::{
    ClassHourLength, ClassHours, DEFAULT_CLASS_HOUR_MINUTES, MAX_PROGRAMME_HOURS,
    MIN_PROGRAMME_HOURS,
};
pub use dates::{DateProblems, PlannedDates};
pub use mask::{mask_id, mask_mobiles_in, mask_name, mask_phone};
pub use money::{total, yuan_input, yuan_text, Fen};
pub use names::{line, optional_text, required_text, DisplayName, OrgName};
pub(crate) use number_text::unsigned as number_text_unsigned;
pub use org_kind::OrgKind;
pub use password::{NewPassword, PASSWORD_MAX, PASSWORD_MIN};
pub use people::{Gender, IdNumber, Mobile, TraineeTitle};
pub use planning::{AreaKind, ChangeStatus, Decision, NeedKind, ProposalStatus};
pub use preparation::{clashes, filing_due, parse_clock, LecturerTitle, TeachingForm, TimeSlot};
pub use role::Role;
pub use text::{fold_width, is_in_hebei, PROVINCES};
pub use time::{
    format_shanghai, parse_date, parse_deadline, parse_year, shanghai_date, shanghai_date_time,
    SHANGHAI_OFFSET_SECS,
};
pub use titles::{
    is_blank_mark, level_of_title, level_of_title_or_post, title_examples, trainee_level,
};
pub use username::{Username, USERNAME_MAX, USERNAME_MIN};
pub use verdict::accept_choice;
