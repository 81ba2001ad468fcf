//! The proposal form, with its live checks.

use leptos::prelude::*;

use super::draft::yuan_input;

use crate::domain::{ClassHours, ExpenseCategory, Fen, FundingSource, NeedKind};
use crate::error::AppError;
use crate::i18n::{
    area_kind_key, category_key, need_kind_key, problem_text, proposal_problem_text, source_key, t,
    use_locale, K,
};
use crate::proposals::input::{parse_budget, CONTACT_MAX, NEED_MAX, PLACE_MAX, TITLE_MAX};
use crate::proposals::{ProposalDetail, ProposalView, SaveProposal};
use crate::ui::{error_of, FieldError, FormError, SelectField, TextArea, TextField};

/// The form itself. Class hours (R4) and the budget (R15) are checked live
/// by the same code the server runs; the server's answer still decides.
#[component]
pub(super) fn Editor(detail: ProposalDetail, save: ServerAction<SaveProposal>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(save.value().get()));
    let p = detail.proposal.clone();
    let get = |f: fn(&ProposalView) -> String| p.as_ref().map(f).unwrap_or_default();
    let (v_title, v_need_kind, v_need, v_start, v_end, v_place, v_trainees, v_contact, v_phone) = (
        get(|p| p.title.clone()),
        get(|p| {
            p.need_kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default()
        }),
        get(|p| p.need.clone()),
        get(|p| p.start_date.clone()),
        get(|p| p.end_date.clone()),
        get(|p| p.place.clone()),
        get(|p| p.trainees.map(|n| n.to_string()).unwrap_or_default()),
        get(|p| p.contact_name.clone()),
        get(|p| p.contact_phone.clone()),
    );
    let v_id = get(|p| p.id.to_string());
    let v_version = get(|p| p.version.to_string());
    let hours = RwSignal::new(get(|p| {
        p.class_hours.map(|n| n.to_string()).unwrap_or_default()
    }));
    let start = RwSignal::new(v_start.clone());
    let end = RwSignal::new(v_end.clone());
    let year = detail.call.year;
    // The same rule as the server's: both dates in the call's year, the end
    // not before the start. Silent until both are typed.
    let dates_live = move || {
        let (s, e) = (start.get(), end.get());
        if s.is_empty() || e.is_empty() {
            return ("live", String::new());
        }
        match crate::domain::PlannedDates::parse(&s, &e, year) {
            Ok(d) => (
                "live ok",
                match locale.get() {
                    crate::i18n::Locale::Zh => format!("共 {} 天", d.days()),
                    crate::i18n::Locale::En => format!("{} days", d.days()),
                },
            ),
            Err(list) => (
                "live warn",
                list.iter()
                    .map(|(_, p)| problem_text(p, locale.get()))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        }
    };
    let call_id = detail.call.id;
    let costs: [RwSignal<String>; 6] = std::array::from_fn(|i| {
        RwSignal::new(
            p.as_ref()
                .map(|p| yuan_input(p.costs[i]))
                .unwrap_or_default(),
        )
    });
    let funds: [RwSignal<String>; 4] = std::array::from_fn(|i| {
        RwSignal::new(
            p.as_ref()
                .map(|p| yuan_input(p.funds[i]))
                .unwrap_or_default(),
        )
    });
    let institutions = detail.institutions.clone();
    let chosen_inst = p
        .as_ref()
        .and_then(|p| p.institution_id)
        .map(|i| i.to_string())
        .unwrap_or_default();
    // A draft may leave both choices open: "choose one" comes first.
    let choose = move || (String::new(), K::ChooseOne.text(locale.get()).to_owned());
    let inst_options = Signal::derive(move || {
        std::iter::once(choose())
            .chain(institutions.iter().map(|(i, n)| (i.to_string(), n.clone())))
            .collect::<Vec<_>>()
    });
    let need_options = Signal::derive(move || {
        std::iter::once(choose())
            .chain(NeedKind::ALL.iter().map(|k| {
                (
                    k.as_str().to_owned(),
                    need_kind_key(*k).text(locale.get()).to_owned(),
                )
            }))
            .collect::<Vec<_>>()
    });
    // The live lines are read with their inputs (aria-describedby); what
    // they conclude is announced once a value is committed, not per key.
    let announce = RwSignal::new(String::new());
    let chosen_areas: Vec<i64> = p
        .as_ref()
        .map(|p| p.areas.iter().map(|a| a.0).collect())
        .unwrap_or_default();
    let hours_live = move || {
        let (ok, text) =
            crate::i18n::class_hours_text(ClassHours::parse(&hours.get()), locale.get());
        (if ok { "live ok" } else { "live warn" }, text)
    };
    let budget_live = move || {
        let c = costs.map(|s| s.get());
        let f = funds.map(|s| s.get());
        let cr: [&str; 6] = std::array::from_fn(|i| c[i].as_str());
        let fr: [&str; 4] = std::array::from_fn(|i| f[i].as_str());
        match parse_budget(&cr, &fr) {
            Ok(b) => (
                "live ok",
                format!(
                    "{} {} · {}",
                    K::BudgetTotal.text(locale.get()),
                    b.category_total().map(Fen::yuan_text).unwrap_or_default(),
                    K::BudgetBalanced.text(locale.get())
                ),
            ),
            Err(list) => (
                "live warn",
                list.iter()
                    .map(|(f, p)| {
                        let name = ExpenseCategory::parse(f)
                            .map(|c| category_key(c).text(locale.get()))
                            .or_else(|| {
                                FundingSource::parse(f).map(|s| source_key(s).text(locale.get()))
                            })
                            .unwrap_or("");
                        if name.is_empty() {
                            problem_text(p, locale.get())
                        } else {
                            format!("{name}: {}", problem_text(p, locale.get()))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        }
    };
    // Worked out from what is saved: while a refusal is shown, its own
    // messages beside the fields are the current word.
    let missing = p.clone().map(|p| {
        move || {
            error
                .get()
                .is_none()
                .then(|| view! { <StillMissing p=p.clone()/> })
        }
    });
    view! {
        <ActionForm action=save attr:class="grid-form proposal-form"
            on:change=move |ev| {
                let id = event_target::<web_sys::Element>(&ev).id();
                if id.ends_with("_date") {
                    announce.set(dates_live().1);
                } else if ExpenseCategory::parse(&id).is_some() || FundingSource::parse(&id).is_some() {
                    announce.set(budget_live().1);
                }
            }>
            {missing}
            <h2 class="wide">{t(K::ProposalContent)}</h2>
            <FormError error/>
            <input type="hidden" name="call_id" value=call_id/>
            <input type="hidden" name="id" value=v_id/>
            <input type="hidden" name="version" value=v_version/>
            <TextField label=K::ProposalTitle name="title" error maxlength=TITLE_MAX value=v_title/>
            <fieldset class="field wide">
                <legend>{t(K::PriorityAreas)}</legend>
                {detail.call.areas.clone().into_iter().map(|a| {
                    let checked = chosen_areas.contains(&a.id);
                    let id = format!("area-{}", a.id);
                    let kind = area_kind_key(a.kind);
                    view! {
                        <label class="check" for=id.clone()>
                            <input type="checkbox" id=id.clone() name=format!("areas[{}]", a.id) value="on" checked=checked/>
                            <span>{let name = a.name.clone(); move || format!("{} · {}", kind.text(locale.get()), name)}</span>
                        </label>
                    }
                }).collect_view()}
                <FieldError error field="areas"/>
            </fieldset>
            <SelectField label=K::NeedKind name="need_kind" error options=need_options selected=v_need_kind/>
            <TextArea label=K::Need name="need" error maxlength=NEED_MAX value=v_need/>
            <SelectField label=K::HostInstitution name="institution_id" error options=inst_options selected=chosen_inst/>
            <DateInput label=K::StartDate name="start_date" sig=start error/>
            <DateInput label=K::EndDate name="end_date" sig=end error/>
            <p id="dates-live" class=move || dates_live().0>{move || dates_live().1}</p>
            <TextField label=K::Place name="place" error maxlength=PLACE_MAX value=v_place/>
            <TextField label=K::Trainees name="trainees" kind="number" error value=v_trainees/>
            <div class="field">
                <label for="class_hours">{t(K::ClassHours)}</label>
                <input id="class_hours" name="class_hours" type="number" min="0" inputmode="numeric"
                    aria-describedby="class_hours-live class_hours-error"
                    prop:value=move || hours.get()
                    on:input=move |ev| hours.set(event_target_value(&ev))
                    on:change=move |_| announce.set(hours_live().1)/>
                <p id="class_hours-live" class=move || hours_live().0>{move || hours_live().1}</p>
                <FieldError error field="class_hours"/>
            </div>
            <fieldset class="field wide budget">
                <legend>{t(K::Budget)}</legend>
                <div class="money-grid">
                    <h3>{t(K::ExpenseCategories)}</h3>
                    {ExpenseCategory::ALL.iter().enumerate().map(|(i, c)| {
                        let sig = costs[i];
                        view! { <Money name=c.as_str() label=category_key(*c) sig error/> }
                    }).collect_view()}
                    <h3>{t(K::FundingSources)}</h3>
                    {FundingSource::ALL.iter().enumerate().map(|(i, s)| {
                        let sig = funds[i];
                        view! { <Money name=s.as_str() label=source_key(*s) sig error/> }
                    }).collect_view()}
                </div>
                <p id="budget-live" class=move || budget_live().0>{move || budget_live().1}</p>
                <FieldError error field="budget"/>
            </fieldset>
            <TextField label=K::ContactName name="contact_name" error maxlength=CONTACT_MAX value=v_contact/>
            <TextField label=K::ContactPhone name="contact_phone" kind="tel" error maxlength=20 value=v_phone/>
            <p class="sr-only" role="status">{move || announce.get()}</p>
            <p class="hint wide" id="proposal-buttons-hint">{t(K::DraftSavesPartWay)}</p>
            <div class="actions wide">
                <button type="submit" aria-describedby="proposal-buttons-hint">{t(K::SaveDraft)}</button>
                // Submits what is on the screen: saved and submitted at once.
                <button type="submit" name="submit" value="1" class="primary" aria-describedby="proposal-buttons-hint">{t(K::Submit)}</button>
            </div>
        </ActionForm>
    }
}

#[component]
pub(super) fn DateInput(
    label: K,
    name: &'static str,
    sig: RwSignal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name type="date"
                aria-describedby=format!("{name}-error dates-live")
                prop:value=move || sig.get()
                on:input=move |ev| sig.set(event_target_value(&ev))/>
            <FieldError error field=name/>
        </div>
    }
}

#[component]
pub(super) fn Money(
    name: &'static str,
    label: K,
    sig: RwSignal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name inputmode="decimal" autocomplete="off"
                aria-describedby=format!("{name}-error")
                prop:value=move || sig.get()
                on:input=move |ev| sig.set(event_target_value(&ev))/>
            <FieldError error field=name/>
        </div>
    }
}

/// What a saved draft still lacks for submission, by the rules a
/// submission is judged by (run on what is stored, as the server does).
#[component]
fn StillMissing(p: ProposalView) -> impl IntoView {
    let locale = use_locale();
    let problems = p.submit_problems();
    view! {
        <section class="still-missing wide" aria-labelledby="still-missing-h">
            {if problems.is_empty() {
                view! {
                    <h2 id="still-missing-h">{t(K::SubmissionCheck)}</h2>
                    <p class="live ok">{t(K::ReadyToSubmit)}</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="still-missing-h">{t(K::StillMissing)}</h2>
                    <ul>
                        {problems.into_iter().map(|e| view! {
                            <li>{move || proposal_problem_text(&e.field, &e.problem, locale.get())}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
