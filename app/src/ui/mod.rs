//! Small components shared by every feature.

mod confirm;
mod done;
mod field;
mod language;
mod last_done;
pub mod light;
mod param;
mod protected;
mod table_wrap;
mod unsaved;
mod upload;

pub use confirm::ConfirmSubmit;
pub use done::Done;
pub(crate) use field::initial as typed_or;
pub use field::{FieldError, FieldsShown, FormError, SelectField, TextArea, TextField};
pub use language::{set_locale, LanguageSwitch, SetLocale};
pub use last_done::LastDone;
pub use param::param;
pub use protected::Protected;
pub use table_wrap::TableWrap;
pub use unsaved::guard_unsaved_edits;
pub use upload::{FileForm, RowErrors};

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

/// Counts an action's successes, for keying a resource that must reload
/// after a change but not after a refused one: reloading then would
/// re-render the form and throw away what the user typed.
pub fn success_count(
    ok: impl Fn() -> bool + Send + Sync + 'static,
) -> leptos::prelude::ReadSignal<u32> {
    use leptos::prelude::*;
    let (count, set) = signal(0u32);
    Effect::new(move |_| {
        if ok() {
            set.update(|n| *n += 1);
        }
    });
    count
}

/// Empties a form each time `done` counts another success, so that a
/// second press cannot create the same thing again. Browser only.
pub fn reset_after(
    done: leptos::prelude::ReadSignal<u32>,
    form: leptos::prelude::NodeRef<leptos::html::Form>,
) {
    use leptos::prelude::*;
    Effect::new(move |before: Option<u32>| {
        let now = done.get();
        if before.is_some_and(|b| b != now) {
            if let Some(f) = form.get_untracked() {
                f.reset();
            }
        }
        now
    });
}

/// The value of field `name` in the form an event's listener sits on, as
/// it stands now (browser only; `None` on the server or without a form).
pub fn form_value(ev: &leptos::ev::Event, name: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let form = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        data.get(name).as_string()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, name);
        None
    }
}
