use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{error_text, field_problem_text, problem_text, t, use_locale, Text, K};

/// The fields whose problems a page shows beside them. Every field error
/// registers itself when it is built, before anything renders, so the
/// form's banner knows on the server and in the browser alike which
/// problems have no place on the page and must be named in it.
#[derive(Clone, Copy)]
pub struct FieldsShown(StoredValue<Vec<&'static str>>);

impl FieldsShown {
    /// One per page (see `Protected` and the public pages).
    pub fn provide() {
        provide_context(FieldsShown(StoredValue::new(Vec::new())));
    }

    fn register(field: &'static str) {
        if let Some(FieldsShown(v)) = use_context::<FieldsShown>() {
            v.update_value(|v| {
                if !v.contains(&field) {
                    v.push(field);
                }
            });
        }
    }

    fn has(field: &str) -> bool {
        use_context::<FieldsShown>()
            .is_some_and(|FieldsShown(v)| v.with_value(|v| v.contains(&field)))
    }
}

/// The problem with one field, in the user's language, beside the field.
/// `id_prefix` is its input's, so that two forms on one page that share a
/// field name still point each input at its own message.
#[component]
pub fn FieldError(
    error: Signal<Option<AppError>>,
    field: &'static str,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    FieldsShown::register(field);
    let locale = use_locale();
    move || {
        error
            .get()
            .and_then(|e| e.problem_for(field).cloned())
            .map(|p| {
                view! {
                    <p class="field-error" id=format!("{id_prefix}{field}-error")>
                        {problem_text(&p, locale.get())}
                    </p>
                }
            })
    }
}

/// What a refused plain post typed into `name` on a light page (where
/// every post is plain and each form has its own page), else `value`.
pub(crate) fn initial(name: &str, value: String) -> String {
    #[cfg(feature = "ssr")]
    if super::light::rendering_light_page() {
        if let Some(v) = crate::server::typed::typed_value(name) {
            return v;
        }
    }
    let _ = name;
    value
}

/// Whether `error` names a problem with `field` (for `aria-invalid`).
fn is_invalid(error: Signal<Option<AppError>>, field: &str) -> String {
    error
        .get()
        .is_some_and(|e| e.problem_for(field).is_some())
        .to_string()
}

/// A form's banner: what went wrong, and by name every problem of a field
/// that has no place on the page (a filing's schedule, a ticked row), so
/// that no refusal goes unexplained.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        error.get().map(|e| {
            super::unsaved::mark_unsaved();
            let l = locale.get();
            let (shown, elsewhere): (Vec<_>, Vec<_>) = match &e {
                AppError::Validation(list) => list.iter().partition(|f| FieldsShown::has(&f.field)),
                _ => (Vec::new(), Vec::new()),
            };
            let head = match (&e, shown.is_empty(), elsewhere.is_empty()) {
                (AppError::Validation(_), true, false) => K::NotDone.text(l).to_owned(),
                (AppError::Validation(_), false, false) => K::MarkedAndBelow.text(l).to_owned(),
                _ => error_text(&e, l),
            };
            let items = elsewhere
                .into_iter()
                .map(|f| field_problem_text(&f.field, &f.problem, l))
                .collect::<Vec<_>>();
            view! {
                <div class="form-error" role="alert">
                    <p>{head}</p>
                    {(!items.is_empty()).then(|| view! {
                        <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })
    }
}

/// A labelled input with its error; the label's `for` makes it reachable
/// by its name in assistive technology and tests.
#[component]
pub fn TextField<L: Text>(
    label: L,
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
    let value = initial(name, value);
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
                aria-describedby=format!("{id_prefix}{name}-error")
            />
            {hint.map(|h| view! { <p class="hint">{t(h)}</p> })}
            <FieldError error field=name id_prefix/>
        </div>
    }
}

/// A labelled select. `options` are (value, label) pairs.
#[component]
pub fn SelectField<L: Text>(
    label: L,
    name: &'static str,
    error: Signal<Option<AppError>>,
    options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] selected: String,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    let selected = initial(name, selected);
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name aria-describedby=format!("{id_prefix}{name}-error")>
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
            <FieldError error field=name id_prefix/>
        </div>
    }
}

/// A labelled multi-line text with its error.
#[component]
pub fn TextArea<L: Text>(
    label: L,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = "")] id_prefix: &'static str,
) -> impl IntoView {
    let id = format!("{id_prefix}{name}");
    let invalid = move || is_invalid(error, name);
    let value = initial(name, value);
    view! {
        <div class="field wide">
            <label for=id.clone()>{t(label)}</label>
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=format!("{id_prefix}{name}-error")
            >{value}</textarea>
            <FieldError error field=name id_prefix/>
        </div>
    }
}
