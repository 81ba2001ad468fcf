use leptos::prelude::*;

use super::{survey_overview, AddSurveyItem, RemoveSurveyItem, SetSurveyState, SurveyView};
use crate::domain::survey::{
    may_reopen, Item, ItemKind, SurveyState, MAX_EXTRA_ITEMS, OPTION_MAX, WORDING_MAX,
};
use crate::domain::Role;
use crate::i18n::{error_text, t, use_locale, Locale, K, SK};
use crate::ui::{error_of, param, FormError, Protected, SelectField, TextArea, TextField};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's survey: the institution adds its items, opens and closes
/// it; every reader sees how many answered and, from five answers, the
/// statistics, and downloads them as the Excel table.
#[component]
pub fn SurveyPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Survey/>
        </Protected>
    }
}

pub fn state_key(s: Option<SurveyState>) -> SK {
    match s {
        None => SK::StateNone,
        Some(SurveyState::Draft) => SK::StateDraft,
        Some(SurveyState::Open) => SK::StateOpen,
        Some(SurveyState::Closed) => SK::StateClosed,
    }
}

#[component]
fn Survey() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let add = ServerAction::<AddSurveyItem>::new();
    let remove = ServerAction::<RemoveSurveyItem>::new();
    let state = ServerAction::<SetSurveyState>::new();
    let changed = crate::ui::success_count(move || {
        crate::ui::succeeded(&add.value().get())
            || crate::ui::succeeded(&remove.value().get())
            || crate::ui::succeeded(&state.value().get())
    });
    let data = Resource::new(move || changed.get(), move |_| survey_overview(id));
    let added = crate::ui::success_count(move || crate::ui::succeeded(&add.value().get()));
    let add_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::reset_after(added, add_ref);
    let state_error = Signal::derive(move || error_of(state.value().get()));
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    view! {
        <crate::ui::Done ok=Signal::derive(move || crate::ui::succeeded(&add.value().get())) code="item" text=K::Saved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a></p>
                <h1>{t(SK::Survey)}</h1>
                {status(&v, state, state_error)}
                {items(&v, remove, remove_error)}
                {(v.may_edit && v.state.is_none_or(|s| s == SurveyState::Draft) && v.extra.len() < MAX_EXTRA_ITEMS)
                    .then(|| add_form(add, id, add_ref))}
                <section class="card">
                    <h2>{t(SK::Statistics)}</h2>
                    {match v.stats.clone() {
                        None => view! { <p class="muted">{t(SK::StatsWait)}</p> }.into_any(),
                        Some(stats) => view! {
                            <p><a class="button" href=format!("/programmes/{id}/survey.xlsx") rel="external" download>{t(SK::DownloadTable)}</a></p>
                            {super::stats_view::statistics(stats)}
                        }.into_any(),
                    }}
                </section>
            }.into_any(),
        })}
        </Transition>
    }
}

fn status(
    v: &SurveyView,
    action: ServerAction<SetSurveyState>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = v.programme_id;
    let open = v.state == Some(SurveyState::Open);
    let why_not = if open {
        None
    } else if !v.may_open {
        Some(SK::NotBeforeStart)
    } else if v.admitted == 0 {
        Some(SK::NoneAdmitted)
    } else {
        None
    };
    let button = match (open, v.state) {
        (true, _) => SK::Close,
        (false, Some(SurveyState::Closed)) => SK::Reopen,
        _ => SK::Open,
    };
    let closed_for_good = v.state == Some(SurveyState::Closed) && !may_reopen(v.answered);
    let form = (v.may_edit && why_not.is_none() && !closed_for_good).then(|| view! {
        <ActionForm action>
            <FormError error/>
            <input type="hidden" name="programme_id" value=id/>
            <input type="hidden" name="open" value=(!open).to_string()/>
            {if open {
                view! { <crate::ui::ConfirmSubmit label=K::CloseSurvey question=K::ConfirmCloseSurvey/> }.into_any()
            } else {
                view! { <button type="submit" class="primary">{t(button)}</button> }.into_any()
            }}
        </ActionForm>
    });
    view! {
        <section class="card">
            <dl class="facts">
                <dt>{t(SK::Status)}</dt><dd><span class=format!("badge {}", if open { "ok" } else { "muted" })>{t(state_key(v.state))}</span></dd>
                <dt>{t(SK::QuestionnaireVersion)}</dt><dd>{format!("v{}", v.version)}</dd>
                <dt>{t(SK::Answered)}</dt><dd>{v.answered}" / "{v.admitted}" "{t(SK::OfAdmitted)}</dd>
            </dl>
            {(v.may_edit && !open && !closed_for_good).then(|| view! { <p class="hint">{t(SK::OpenHint)}</p> })}
            {(v.may_edit && open).then(|| view! { <p class="hint">{t(SK::CloseHint)}</p> })}
            {(v.admitted > 0 && v.admitted < crate::domain::survey::MIN_ANSWERS_FOR_STATS).then(|| view! { <p class="notice">{t(SK::FewAdmitted)}</p> })}
            {(v.may_edit).then(|| why_not.map(|k| view! { <p class="notice">{t(k)}</p> }))}
            {(v.may_edit && closed_for_good).then(|| view! { <p class="hint">{t(SK::NoReopen)}</p> })}
            {form}
        </section>
    }
}

pub fn kind_key(k: ItemKind) -> SK {
    match k {
        ItemKind::Score => SK::KindScore,
        ItemKind::Choice => SK::KindChoice,
        ItemKind::Text => SK::KindText,
    }
}

/// An item as a list shows it: its wording, kind and any options.
pub fn item_line(item: &Item, locale: Locale) -> impl IntoView + use<> {
    let en = locale == Locale::En;
    let options = (!item.options.is_empty()).then(|| {
        let list = item
            .options
            .iter()
            .map(|o| o.get(en).to_owned())
            .collect::<Vec<_>>()
            .join(" · ");
        view! { <br/><span class="muted">{list}</span> }
    });
    view! {
        {item.text.get(en).to_owned()}" "
        <span class="badge muted">{t(kind_key(item.kind))}</span>
        {options}
    }
}

fn items(
    v: &SurveyView,
    remove: ServerAction<RemoveSurveyItem>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let editable = v.may_edit && v.state.is_none_or(|s| s == SurveyState::Draft);
    let id = v.programme_id;
    view! {
        <section class="card">
            <h2>{t(SK::Items)}</h2>
            <FormError error/>
            <ol class="survey-items">{v.items.iter().map(|item| {
                let own = item.key.starts_with('x');
                let key = item.key.clone();
                view! {
                    <li>
                        {item_line(item, locale)}
                        {(own && editable).then(|| view! {
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="programme_id" value=id/>
                                <input type="hidden" name="key" value=key/>
                                <button type="submit" class="link">{t(SK::Remove)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}</ol>
        </section>
    }
}

/// The form for an item, shared by the institution's page and the
/// admin's questionnaire page.
pub fn item_fields(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let kinds = Signal::derive(move || {
        let l = use_locale().get();
        ItemKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), kind_key(*k).text(l).to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <SelectField label=SK::Kind name="kind" error options=kinds/>
        <TextField label=SK::WordingZh name="zh" error maxlength=WORDING_MAX/>
        <TextField label=SK::WordingEn name="en" error maxlength=WORDING_MAX/>
        <TextArea label=SK::Options name="options" error maxlength=OPTION_MAX * 10 rows=3/>
    }
}

fn add_form(
    action: ServerAction<AddSurveyItem>,
    id: i64,
    node_ref: NodeRef<leptos::html::Form>,
) -> impl IntoView {
    let error = Signal::derive(move || error_of(action.value().get()));
    view! {
        <section class="card">
            <h2>{t(SK::AddItem)}</h2>
            <p class="hint">{t(SK::ExtraHint)}</p>
            <ActionForm action node_ref>
                <FormError error/>
                <input type="hidden" name="programme_id" value=id/>
                <TextField label=SK::WordingZh name="zh" error maxlength=WORDING_MAX/>
                <TextField label=SK::WordingEn name="en" error maxlength=WORDING_MAX/>
                <button type="submit" class="primary">{t(SK::AddItem)}</button>
            </ActionForm>
        </section>
    }
}
