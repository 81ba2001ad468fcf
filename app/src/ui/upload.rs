use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{error_text, problem_text, t, use_locale, K};

/// A file upload for a programme: a multipart form (`programme_id`,
/// `file`) sent by `action`, so it needs the page's script. Shows the
/// file's problem by its field, and any other refusal except row errors,
/// which the caller lists itself.
#[component]
pub fn FileForm<O>(
    programme: i64,
    action: Action<web_sys::FormData, Result<O, AppError>>,
    label: K,
    button: K,
    accept: &'static str,
    input_id: &'static str,
) -> impl IntoView
where
    O: Clone + Send + Sync + 'static,
{
    let locale = use_locale();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| {
            leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok()
        }) else {
            return;
        };
        if let Ok(data) = web_sys::FormData::new_with_form(&form) {
            action.dispatch_local(data);
        }
    };
    let problem = move || match action.value().get() {
        Some(Err(AppError::Rows(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(match e.problem_for("file") {
            Some(p) => problem_text(p, locale.get()),
            None => error_text(&e, locale.get()),
        }),
    };
    view! {
        <form class="file-form" on:submit=on_submit enctype="multipart/form-data">
            <input type="hidden" name="programme_id" value=programme/>
            <label for=input_id>{t(label)}</label>
            <input id=input_id type="file" name="file" accept=accept aria-describedby="file-error"/>
            <button type="submit">{t(button)}</button>
            {move || problem().map(|text| view! { <p class="field-error" id="file-error" role="alert">{text}</p> })}
        </form>
    }
}
