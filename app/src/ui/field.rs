use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{error_text, problem_text, t, use_locale, K};

/// The problem with one field, in the user's language, beside the field.
#[component]
pub fn FieldError(error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let locale = use_locale();
    move || {
        error
            .get()
            .and_then(|e| e.problem_for(field).cloned())
            .map(|p| {
                view! {
                    <p class="field-error" id=format!("{field}-error")>
                        {problem_text(&p, locale.get())}
                    </p>
                }
            })
    }
}

/// Whether `error` names a problem with `field` (for `aria-invalid`).
fn is_invalid(error: Signal<Option<AppError>>, field: &str) -> String {
    error
        .get()
        .is_some_and(|e| e.problem_for(field).is_some())
        .to_string()
}

/// A form-level message for errors that belong to no single field.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        error.get().map(|e| {
            view! { <p class="form-error" role="alert">{error_text(&e, locale.get())}</p> }
        })
    }
}

/// A labelled input with its error; the label's `for` makes it reachable
/// by its name in assistive technology and tests.
#[component]
pub fn TextField(
    label: K,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<K>,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    let invalid = move || is_invalid(error, name);
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                maxlength=maxlength
                minlength=minlength
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=format!("{name}-error")
            />
            {hint.map(|h| view! { <p class="hint">{t(h)}</p> })}
            <FieldError error field=name/>
        </div>
    }
}

/// A labelled select. `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    label: K,
    name: &'static str,
    error: Signal<Option<AppError>>,
    options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] selected: String,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name aria-describedby=format!("{name}-error")>
                {move || {
                    let selected = selected.clone();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let is = v == selected;
                            view! { <option value=v selected=is>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldError error field=name/>
        </div>
    }
}

/// A labelled multi-line text with its error.
#[component]
pub fn TextArea(
    label: K,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    let invalid = move || is_invalid(error, name);
    view! {
        <div class="field wide">
            <label for=id.clone()>{t(label)}</label>
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=format!("{name}-error")
            >{value}</textarea>
            <FieldError error field=name/>
        </div>
    }
}
