use leptos::prelude::*;

use crate::ui::TableWrap;
use leptos_router::hooks::use_params_map;

use super::{get_plan, ProgrammeView};
use crate::domain::format_shanghai;
use crate::i18n::{t, use_locale, K};

/// The published annual plan: public, no sign-in, readable on a phone.
#[component]
pub fn PlanPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let year = move || {
        params
            .read()
            .get("year")
            .and_then(|y| y.parse::<i32>().ok())
    };
    let plan = Resource::new(year, get_plan);
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || plan.get().map(|p| match p {
            Ok(Some(plan)) => {
                let y = plan.year;
                let rows = plan.programmes.clone();
                let published = format_shanghai(plan.published_at);
                view! {
                    <h1>{move || crate::i18n::plan_title(y, locale.get())}</h1>
                    <p class="muted">{move || format!("{} {published}", K::PublishedAt.text(locale.get()))}</p>
                    <p class="actions">
                        <a class="button" href=format!("/plan/{y}/xlsx") download>{t(K::DownloadExcel)}</a>
                        {plan.years.iter().filter(|o| **o != y).map(|o| view! {
                            <a href=format!("/plan/{o}")>{o.to_string()}</a>
                        }).collect_view()}
                    </p>
                    <TableWrap label=K::AnnualPlan>
                    <table class="plan">
                        <thead><tr>
                            <th class="num">{t(K::Serial)}</th><th>{t(K::ProgrammeTopic)}</th>
                            <th>{t(K::RoleUnit)}</th><th>{t(K::HostInstitution)}</th>
                            <th>{t(K::Dates)}</th><th>{t(K::Place)}</th>
                            <th class="num">{t(K::Trainees)}</th><th class="num">{t(K::ClassHours)}</th>
                        </tr></thead>
                        <tbody>
                        {rows.into_iter().map(|g| {
                            let until = plan.enrolling.iter().find(|e| e.0 == g.id).map(|e| e.1.clone());
                            view! { <PlanRow g until/> }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </TableWrap>
                    <ChangeNotes programmes=plan.programmes.clone()/>
                }.into_any()
            }
            Ok(None) => view! { <h1>{t(K::AnnualPlan)}</h1><p class="notice">{t(K::NoPublishedPlan)}</p> }.into_any(),
            Err(e) => view! { <p class="form-error" role="alert">{move || crate::i18n::error_text(&e, locale.get())}</p> }.into_any(),
        })}
        </Transition>
    }
}

#[component]
fn PlanRow(g: ProgrammeView, until: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let changed = !g.changes.is_empty();
    // On a phone each row reads as a card, its cells labelled (see CSS).
    let label = move |k: K| move || k.text(locale.get());
    let id = g.id;
    view! {
        <tr>
            <td class="num" data-label=label(K::Serial)>{g.serial}</td>
            <td data-label=label(K::ProgrammeTopic)>
                <span class="topic">{g.topic.clone()}</span>
                {g.recommend_national.then(|| view! { <span class="badge national">{t(K::RecommendNational)}</span> })}
                {until.map(|u| view! {
                    <a class="enroll-link" href=format!("/enroll/{id}")>
                        {move || crate::i18n::enroll_until_text(&u, locale.get())}
                    </a>
                })}
            </td>
            <td data-label=label(K::RoleUnit)>{g.unit_name.clone()}</td>
            <td data-label=label(K::HostInstitution)>{g.institution_name.clone()}</td>
            <td data-label=label(K::Dates)>
                {format!("{} – {}", g.start_date, g.end_date)}
                {changed.then(|| view! { <span class="badge changed">{t(K::Changed)}</span> })}
            </td>
            <td data-label=label(K::Place)>{g.place.clone()}</td>
            <td class="num" data-label=label(K::Trainees)>{g.trainees}</td>
            <td class="num" data-label=label(K::ClassHours)>{g.class_hours}</td>
        </tr>
    }
}

/// Every approved change, so the plan's history stays visible (R13).
#[component]
fn ChangeNotes(programmes: Vec<ProgrammeView>) -> impl IntoView {
    let locale = use_locale();
    let notes: Vec<String> = programmes
        .iter()
        .flat_map(|g| {
            g.changes.iter().map(move |c| {
                format!(
                    "{}. {}：{} – {} {} → {} – {} {}（{}）",
                    g.serial,
                    g.topic,
                    c.old_start_date,
                    c.old_end_date,
                    c.old_place,
                    c.new_start_date,
                    c.new_end_date,
                    c.new_place,
                    c.decided_at.map(format_shanghai).unwrap_or_default()
                )
            })
        })
        .collect();
    (!notes.is_empty()).then(|| {
        view! {
            <section class="card changes">
                <h2>{move || K::ApprovedChanges.text(locale.get())}</h2>
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </section>
        }
    })
}
