//! Small components shared by every feature.

mod field;
mod language;
mod protected;

pub use field::{FieldError, FormError, SelectField, TextArea, TextField};
pub use language::{set_locale, LanguageSwitch, SetLocale};
pub use protected::Protected;

use crate::error::AppError;

/// The error of an action's latest result, if it failed.
pub fn error_of<T>(value: Option<Result<T, AppError>>) -> Option<AppError> {
    value.and_then(Result::err)
}

/// A full page load of `path`, after signing in or out, so every part of
/// the page is rendered afresh for the new user. Browser only.
pub fn reload_to(path: &str) {
    if let Err(e) = leptos::prelude::window().location().set_href(path) {
        leptos::logging::error!("navigation failed: {e:?}");
    }
}

/// Whether an action's latest result succeeded.
pub fn succeeded<T>(value: &Option<Result<T, AppError>>) -> bool {
    matches!(value, Some(Ok(_)))
}
