use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{my_survey, MySurveyView, SubmitSurvey};
use crate::domain::survey::{
    field, is_lecturer, Item, ItemKind, SurveyState, NOT_ATTENDED, SCALE, TEXT_MAX,
};
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::{error_text, problem_text, t, use_locale, Locale, K, SK};
use crate::ui::{error_of, Protected};

/// The trainee's survey of one programme: a plain form, one fieldset per
/// item, answered once and anonymously.
#[component]
pub fn MySurveyPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Trainee]>
            <Survey/>
        </Protected>
    }
}

#[component]
fn Survey() -> impl IntoView {
    let locale = use_locale();
    let id = crate::ui::param("id");
    let done = use_query_map().read_untracked().get("done").is_some();
    let submit = ServerAction::<SubmitSurvey>::new();
    let error = Signal::derive(move || error_of(submit.value().get()));
    let data = Resource::new(|| (), move |_| my_survey(id));
    view! {
        <p><a href="/me">{t(K::MyProgrammes)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => page(v, done, submit, error).into_any(),
        })}
        </Suspense>
    }
}

fn page(
    v: MySurveyView,
    done: bool,
    submit: ServerAction<SubmitSurvey>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let schedule = format!("/me/programmes/{}", v.programme_id);
    let body = match (v.answered, v.state) {
        (true, _) if done => view! {
            <p class="notice ok" role="status">{t(SK::Thanks)}</p>
            <p><a class="button" href="/me">{t(SK::BackHome)}</a></p>
        }
        .into_any(),
        (true, _) => view! { <p class="notice ok">{t(SK::AnsweredNotice)}</p> }.into_any(),
        (false, Some(SurveyState::Open)) => form(&v, submit, error).into_any(),
        (false, Some(SurveyState::Closed)) => {
            view! { <p class="notice">{t(SK::ClosedNotice)}</p> }.into_any()
        }
        (false, _) => view! { <p class="card">{t(SK::NotOpenYet)}</p> }.into_any(),
    };
    view! {
        <h1>{t(SK::Survey)}</h1>
        <p><a href=schedule>{v.topic.clone()}</a></p>
        {body}
    }
}

fn form(
    v: &MySurveyView,
    submit: ServerAction<SubmitSurvey>,
    error: Signal<Option<AppError>>,
) -> impl IntoView + use<> {
    let id = v.programme_id;
    let questions = v
        .items
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, item)| question(i + 1, item, error))
        .collect_view();
    view! {
        <p class="hint">{t(SK::Anonymous)}</p>
        <ActionForm action=submit attr:class="survey">
            {summary(error)}
            <input type="hidden" name="programme_id" value=id/>
            <p class="hint">{t(SK::RequiredHint)}</p>
            {questions}
            <button type="submit" class="primary">{t(SK::Submit)}</button>
        </ActionForm>
    }
}

/// Above the form: which items to look at, or why nothing was taken.
fn summary(error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        error.get().map(|e| {
            let l = locale.get();
            let text = match &e {
                AppError::Validation(list) => match list.iter().find(|f| f.field == "survey") {
                    Some(f) => problem_text(&f.problem, l),
                    None => SK::FixMarked.text(l).to_owned(),
                },
                _ => error_text(&e, l),
            };
            view! { <p class="form-error" role="alert">{text}</p> }
        })
    }
}

/// One item: a fieldset of large radio buttons (5 to 1, or the options),
/// or a text box; what a refused post chose stays chosen.
fn question(n: usize, item: Item, error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = use_locale();
    let en = locale.get_untracked() == Locale::En;
    let name = field(&item.key);
    let chosen = crate::ui::typed_or(&name, String::new());
    let err_id = format!("q-{}-error", item.key);
    let problem = {
        let name = name.clone();
        move || {
            error
                .get()
                .and_then(|e| e.problem_for(&name).cloned())
                .map(|p| {
                    view! { <p class="field-error">{problem_text(&p, locale.get())}</p> }
                })
        }
    };
    let required = item.kind != ItemKind::Text;
    let own = item.key.starts_with('x');
    let legend = format!(
        "{n}. {}{}",
        item.text.get(en),
        if required { " *" } else { "" }
    );
    let choices: Vec<(String, String)> = match item.kind {
        ItemKind::Score => {
            let mut scale: Vec<(String, String)> = (1..=5)
                .rev()
                .map(|s| {
                    let (zh, en_label) = SCALE[s - 1];
                    (
                        s.to_string(),
                        format!("{s} {}", if en { en_label } else { zh }),
                    )
                })
                .collect();
            if is_lecturer(&item.key) {
                let label = SK::NotAttended.text(locale.get_untracked()).to_owned();
                scale.push((NOT_ATTENDED.to_owned(), label));
            }
            scale
        }
        ItemKind::Choice => item
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (i.to_string(), o.get(en).to_owned()))
            .collect(),
        ItemKind::Text => Vec::new(),
    };
    let input = if item.kind == ItemKind::Text {
        let id = format!("q-{}", item.key);
        view! {
            <textarea id=id name=name.clone() maxlength=TEXT_MAX rows="3">{chosen.clone()}</textarea>
        }
        .into_any()
    } else {
        let class = if item.kind == ItemKind::Score {
            "scale"
        } else {
            "options"
        };
        view! {
            <div class=class>{choices.into_iter().map(|(value, label)| {
                let checked = chosen == value;
                view! {
                    <label class="choice">
                        <input type="radio" name=name.clone() value=value required=required checked=checked/>
                        <span>{label}</span>
                    </label>
                }
            }).collect_view()}</div>
        }
        .into_any()
    };
    let label_for = (item.kind == ItemKind::Text).then(|| format!("q-{}", item.key));
    let described = err_id.clone();
    view! {
        <fieldset class="question" aria-describedby=described>
            {match label_for {
                Some(f) => view! { <legend><label for=f>{legend}</label></legend> }.into_any(),
                None => view! { <legend>{legend}</legend> }.into_any(),
            }}
            {own.then(|| view! { <p class="hint">{t(SK::OwnItem)}</p> })}
            {input}
            <div id=err_id>{problem}</div>
        </fieldset>
    }
}
