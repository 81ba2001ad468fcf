use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{error_text, problem_text, t, use_locale, Text, K};

/// A file upload for a programme: a multipart form (`programme_id`,
/// `file`) sent by `action`, so it needs the page's script. Shows the
/// file's problem by its field, and any other refusal except row errors,
/// which the caller lists itself.
#[component]
pub fn FileForm<O, L: Text>(
    programme: i64,
    action: Action<web_sys::FormData, Result<O, AppError>>,
    label: L,
    button: K,
    accept: &'static str,
    input_id: &'static str,
    /// More of the form (a choice sent with the file), before its button.
    #[prop(optional)]
    children: Option<Children>,
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
            <input id=input_id type="file" name="file" accept=accept aria-describedby=format!("{input_id}-error")/>
            {children.map(|c| c())}
            <button type="submit">{t(button)}</button>
            {move || problem().map(|text| view! { <p class="field-error" id=format!("{input_id}-error") role="alert">{text}</p> })}
        </form>
    }
}

/// An import's refusal: every problem by its row and column.
#[component]
pub fn RowErrors(rows: Vec<crate::error::RowError>) -> impl IntoView {
    let locale = use_locale();
    let summary = AppError::Rows(rows.clone());
    view! {
        <div role="alert" class="form-error import-errors">
            <p>{move || crate::i18n::error_text(&summary, locale.get())}</p>
            <ul>{rows.into_iter().map(|e| {
                let p = e.problem.clone();
                let field = e.field.clone();
                let column = e.column.clone();
                move || crate::i18n::row_error_text(e.row, &column, &field, &p, locale.get())
            }).map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
        </div>
    }
}
