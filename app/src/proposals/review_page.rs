use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::form_page::yuan;
use super::{list_proposals, DecideProposals, ProposalQuery, ProposalView};
use crate::calls::list_calls;
use crate::domain::{Decision, ProposalStatus, Role};
use crate::i18n::{status_key, t, use_locale, K};
use crate::ui::{error_of, FieldError, FormError, Protected, TableWrap};

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Review/>
        </Protected>
    }
}

/// The admin's selection list. Filters are a GET form. A bulk decision is
/// first shown as a preview of exactly what will change (also a GET, so it
/// works without JavaScript), then confirmed by a post.
#[component]
fn Review() -> impl IntoView {
    let locale = use_locale();
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let query = use_query_map();
    let decide = ServerAction::<DecideProposals>::new();
    let calls = Resource::new(|| (), |_| list_calls());
    let current = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        ProposalQuery {
            year: get("year"),
            unit: get("unit"),
            area: get("area"),
            status: get("status"),
        }
    };
    let list = Resource::new(
        move || (current(), decide.version().get()),
        |(q, _)| list_proposals(q),
    );
    // (id, version) picked for a bulk decision, and the decision asked for.
    let picked = move || -> Vec<(i64, i64)> {
        query
            .read()
            .get_all("pick")
            .unwrap_or_default()
            .iter()
            .filter_map(|s| {
                let (a, b) = s.split_once(':')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            })
            .collect()
    };
    let bulk = move || {
        query
            .read()
            .get("decision")
            .and_then(|d| Decision::parse(&d))
    };
    let decide_error = Signal::derive(move || error_of(decide.value().get()));
    let years = move || calls.get().and_then(Result::ok).unwrap_or_default();

    view! {
        <h1>{t(K::ReviewProposals)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || {
            let q = current();
            let hidden = q.clone();
            let rows = list.get().and_then(Result::ok).unwrap_or_default();
            let call = years().into_iter().find(|c| c.year.to_string() == q.year);
            // Decisions are taken once a call has closed and before its plan
            // is published; rows of other calls offer no choice.
            let decidable: Vec<i32> = years().into_iter().filter(|c| !c.open && c.published_at.is_none()).map(|c| c.year).collect();
            let still_open: Vec<(i32, i64)> = years().into_iter().filter(|c| c.open && rows.iter().any(|p| p.year == c.year)).map(|c| (c.year, c.deadline_at)).collect();
            let any_decidable = is_admin && rows.iter().any(|p| decidable.contains(&p.year) && p.status != ProposalStatus::Draft);
            let picks = picked();
            let chosen_decision = bulk().unwrap_or(Decision::Select);
            let reason = query.read().get("reason").unwrap_or_default();
            let mut units: Vec<(i64, String)> = rows.iter().map(|p| (p.unit_id, p.unit_name.clone())).collect();
            units.sort();
            units.dedup();
            view! {
                <Form method="GET" action="" attr:class="grid-form filters">
                    <div class="field">
                        <label for="f-year">{t(K::Year)}</label>
                        <select id="f-year" name="year">
                            <option value="">{t(K::All)}</option>
                            {years().into_iter().map(|c| {
                                let sel = c.year.to_string() == q.year;
                                view! { <option value=c.year.to_string() selected=sel>{c.year}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-unit">{t(K::RoleUnit)}</label>
                        <select id="f-unit" name="unit">
                            <option value="">{t(K::All)}</option>
                            {units.into_iter().map(|(id, name)| {
                                let sel = id.to_string() == q.unit;
                                view! { <option value=id.to_string() selected=sel>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-area">{t(K::PriorityAreas)}</label>
                        <select id="f-area" name="area">
                            <option value="">{t(K::All)}</option>
                            {call.map(|c| c.areas.into_iter().map(|a| {
                                let sel = a.id.to_string() == q.area;
                                view! { <option value=a.id.to_string() selected=sel>{a.name}</option> }
                            }).collect_view())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-status">{t(K::Status)}</label>
                        <select id="f-status" name="status">
                            <option value="">{t(K::All)}</option>
                            {[ProposalStatus::Submitted, ProposalStatus::Selected, ProposalStatus::Rejected].into_iter().map(|s| {
                                let sel = s.as_str() == q.status;
                                view! { <option value=s.as_str() selected=sel>{t(status_key(s))}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{t(K::Filter)}</button>
                </Form>
                {is_admin.then(|| still_open.iter().map(|(year, deadline)| {
                    let (year, deadline) = (*year, *deadline);
                    view! {
                        <p class="notice">
                            {move || crate::i18n::call_still_open_text(year, deadline, locale.get())}
                            " "<a href=format!("/admin/calls/{year}")>{t(K::GoToCall)}</a>
                        </p>
                    }
                }).collect_view())}
                {match (is_admin, bulk()) {
                    (true, Some(d)) => view! { <Preview rows=rows.clone() picked=picked() decision=d decide error=decide_error/> }.into_any(),
                    _ => ().into_any(),
                }}
                <form id="bulk" method="GET" action="">
                    <input type="hidden" name="year" value=hidden.year.clone()/>
                    <input type="hidden" name="unit" value=hidden.unit.clone()/>
                    <input type="hidden" name="area" value=hidden.area.clone()/>
                    <input type="hidden" name="status" value=hidden.status.clone()/>
                    <TableWrap label=K::ReviewProposals>
                    <table class="review">
                        <thead><tr>
                            {is_admin.then(|| view! { <th><span class="sr-only">{t(K::Pick)}</span></th> })}
                            <th>{t(K::ProposalTitle)}</th><th>{t(K::RoleUnit)}</th><th>{t(K::HostInstitution)}</th>
                            <th>{t(K::Dates)}</th><th class="num">{t(K::ClassHours)}</th><th class="num">{t(K::BudgetTotalYuan)}</th>
                            <th>{t(K::Status)}</th>
                        </tr></thead>
                        <tbody>
                        {rows.is_empty().then(|| view! { <tr><td colspan="8">{t(K::NoRecords)}</td></tr> })}
                        {rows.into_iter().map(|p| {
                            let pick = is_admin && decidable.contains(&p.year) && p.status != ProposalStatus::Draft;
                            let ticked = picks.iter().any(|(id, _)| *id == p.id);
                            view! { <Row p is_admin pick ticked/> }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </TableWrap>
                    {any_decidable.then(|| view! {
                        <div class="bulk-bar">
                            <label for="bulk-decision">{t(K::Decision)}</label>
                            <select id="bulk-decision" name="decision">
                                <option value="select" selected=chosen_decision == Decision::Select>{t(K::Select)}</option>
                                <option value="reject" selected=chosen_decision == Decision::Reject>{t(K::Reject)}</option>
                            </select>
                            <label for="bulk-reason">{t(K::Reason)}</label>
                            <input id="bulk-reason" name="reason" maxlength="2000" value=reason.clone()/>
                            <label class="check"><input type="checkbox" name="recommend" value="true"/><span>{t(K::RecommendNational)}</span></label>
                            <button type="submit">{t(K::PreviewDecision)}</button>
                        </div>
                    })}
                </form>
            }
        }}
        </Transition>
    }
}

#[component]
fn Row(p: ProposalView, is_admin: bool, pick: bool, ticked: bool) -> impl IntoView {
    let locale = use_locale();
    let h = p.history.clone().unwrap_or_default();
    let badges = move || {
        let l = locale.get();
        let mut out = vec![];
        if h.unit_commended_last_year {
            out.push(("badge commended", K::CommendedLastYear.text(l).to_owned()));
        }
        if h.institution_commended_last_year {
            out.push((
                "badge commended",
                K::InstitutionCommended.text(l).to_owned(),
            ));
        }
        if let Some((until, _)) = &h.disqualified {
            out.push((
                "badge disqualified",
                format!("{} {until}", K::DisqualifiedUntil.text(l)),
            ));
        }
        out.push((
            "badge",
            format!("{} {}", K::PastProgrammes.text(l), h.past_programmes),
        ));
        out.into_iter()
            .map(|(c, s)| view! { <span class=c>{s}</span> })
            .collect_view()
    };
    let can_pick = pick;
    let pick_value = format!("{}:{}", p.id, p.version);
    let cb = format!("pick-{}", p.id);
    view! {
        <tr>
            {is_admin.then(|| view! {
                <td>{can_pick.then(|| view! {
                    <input type="checkbox" id=cb.clone() name="pick" value=pick_value.clone() checked=ticked aria-label=p.title.clone()/>
                })}</td>
            })}
            <td><a href=format!("/proposals/{}", p.id)>{p.title.clone()}</a></td>
            <td>{p.unit_name.clone()}<div class="badges">{badges}</div></td>
            <td>{p.institution_name.clone()}</td>
            <td>{format!("{} – {}", p.start_date, p.end_date)}</td>
            <td class="num">{p.class_hours.map(|h| h.to_string())}</td>
            <td class="num">{yuan(p.total_fen())}</td>
            <td>
                <span class=format!("badge {}", p.status.as_str())>{t(status_key(p.status))}</span>
                {p.recommend_national.then(|| view! { <span class="badge national">{t(K::RecommendNational)}</span> })}
            </td>
        </tr>
    }
}

/// Exactly what a bulk decision will change, and the button that does it.
#[component]
fn Preview(
    rows: Vec<ProposalView>,
    picked: Vec<(i64, i64)>,
    decision: Decision,
    decide: ServerAction<DecideProposals>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let query = use_query_map();
    let reason = query.read_untracked().get("reason").unwrap_or_default();
    let recommend = query.read_untracked().get("recommend").is_some();
    let chosen: Vec<(ProposalView, i64)> = picked
        .iter()
        .filter_map(|(id, v)| rows.iter().find(|p| p.id == *id).map(|p| (p.clone(), *v)))
        .collect();
    let to = status_key(decision.status());
    let locale = use_locale();
    let count = chosen.len();
    let done = move || matches!(decide.value().get(), Some(Ok(_)));
    view! {
        <section class="card preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t(K::PreviewDecision)}</h2>
            {chosen.is_empty().then(|| view! { <p class="notice">{t(K::NothingPicked)}</p> })}
            <ul>
                {chosen.iter().map(|(p, _)| {
                    let from = status_key(p.status);
                    let title = p.title.clone();
                    view! { <li>{move || format!("{title}：{} → {}", from.text(locale.get()), to.text(locale.get()))}</li> }
                }).collect_view()}
            </ul>
            {(!reason.is_empty()).then(|| {
                let reason = reason.clone();
                view! { <p>{move || format!("{}：{reason}", K::Reason.text(locale.get()))}</p> }
            })}
            <FormError error/>
            // The decision and reason were chosen below the list; their
            // problems show here, beside the button that sends them.
            <FieldError error field="decision"/>
            <FieldError error field="reason"/>
            {move || done().then(|| view! { <p role="status">{t(K::Saved)}</p> })}
            {(!chosen.is_empty()).then(|| view! {
                <ActionForm action=decide>
                    {chosen.iter().map(|(p, v)| view! {
                        <input type="hidden" name=format!("ids[{}]", p.id) value=*v/>
                    }).collect_view()}
                    <input type="hidden" name="decision" value=decision.as_str()/>
                    <input type="hidden" name="reason" value=reason.clone()/>
                    {recommend.then(|| view! { <input type="hidden" name="recommend" value="true"/> })}
                    <button type="submit" class="primary">{move || format!("{} ({count})", K::ConfirmDecision.text(locale.get()))}</button>
                </ActionForm>
            })}
        </section>
    }
}
