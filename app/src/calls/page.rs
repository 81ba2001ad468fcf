use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    list_calls, AddArea, CallView, OpenCall, RemoveArea, SetCallClosed, UpdateCall, AREA_MAX,
    GUIDANCE_MAX,
};
use crate::domain::{format_shanghai, shanghai_date_time, AreaKind, Role};
use crate::i18n::{area_kind_key, t, use_locale, K};
use crate::plan::PublishPlan;
use crate::ui::{
    error_of, ConfirmSubmit, FormError, Protected, SelectField, TableWrap, TextArea, TextField,
};

#[component]
pub fn CallsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Calls/>
        </Protected>
    }
}

/// Open / closed / published, in words.
pub fn call_state_key(c: &CallView) -> K {
    match (c.published_at, c.open) {
        (Some(_), _) => K::PlanPublished,
        (None, true) => K::CallOpen,
        (None, false) => K::CallClosed,
    }
}

#[component]
fn Calls() -> impl IntoView {
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let open = ServerAction::<OpenCall>::new();
    let calls = Resource::new(move || open.version().get(), |_| list_calls());
    let error = Signal::derive(move || error_of(open.value().get()));
    view! {
        <h1>{t(K::TopicCalls)}</h1>
        {is_admin.then(|| view! {
            <section class="card">
                <h2>{t(K::OpenCall)}</h2>
                <ActionForm action=open attr:class="grid-form">
                    <FormError error/>
                    <TextField label=K::Year name="year" error kind="number"/>
                    <TextField label=K::DeadlineDate name="deadline_date" error kind="date"/>
                    <TextField label=K::DeadlineTime name="deadline_time" error kind="time" value="17:00"/>
                    <TextArea label=K::Guidance name="guidance" error maxlength=GUIDANCE_MAX/>
                    <button type="submit" class="primary">{t(K::OpenCall)}</button>
                </ActionForm>
            </section>
        })}
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            <TableWrap label=K::TopicCalls>
            <table>
                <thead><tr>
                    <th>{t(K::Year)}</th><th>{t(K::Deadline)}</th><th>{t(K::Status)}</th>
                    <th>{t(K::Submitted)}</th><th>{t(K::Selected)}</th>
                </tr></thead>
                <tbody>
                {move || calls.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                    let state = call_state_key(&c);
                    view! {
                        <tr>
                            <td><a href=format!("/admin/calls/{}", c.year)>{c.year}</a></td>
                            <td>{format_shanghai(c.deadline_at)}</td>
                            <td>{t(state)}</td>
                            <td>{c.submitted}</td>
                            <td>{c.selected}</td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            </TableWrap>
        </Transition>
    }
}

#[component]
pub fn CallPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Call/>
        </Protected>
    }
}

#[component]
fn Call() -> impl IntoView {
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let params = use_params_map();
    let year = move || {
        params
            .read()
            .get("year")
            .and_then(|y| y.parse::<i32>().ok())
    };
    let update = ServerAction::<UpdateCall>::new();
    let update_ok = crate::ui::success_count(move || crate::ui::succeeded(&update.value().get()));
    let close = ServerAction::<SetCallClosed>::new();
    let close_ok = crate::ui::success_count(move || crate::ui::succeeded(&close.value().get()));
    let add = ServerAction::<AddArea>::new();
    let add_ok = crate::ui::success_count(move || crate::ui::succeeded(&add.value().get()));
    let remove = ServerAction::<RemoveArea>::new();
    let remove_ok = crate::ui::success_count(move || crate::ui::succeeded(&remove.value().get()));
    let publish = ServerAction::<PublishPlan>::new();
    let publish_ok = crate::ui::success_count(move || crate::ui::succeeded(&publish.value().get()));
    let calls = Resource::new(
        move || {
            (
                update_ok.get(),
                close_ok.get(),
                add_ok.get(),
                remove_ok.get(),
                publish_ok.get(),
            )
        },
        |_| list_calls(),
    );
    let update_error = Signal::derive(move || error_of(update.value().get()));
    let close_error = Signal::derive(move || error_of(close.value().get()));
    let area_error = Signal::derive(move || {
        error_of(add.value().get()).or_else(|| error_of(remove.value().get()))
    });
    let publish_error = Signal::derive(move || error_of(publish.value().get()));
    let locale = use_locale();
    let kinds = Signal::derive(move || {
        AreaKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    area_kind_key(*k).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });

    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || {
            let call = calls.get().and_then(Result::ok).and_then(|l| l.into_iter().find(|c| Some(c.year) == year()));
            call.map(|c| {
                let editable = is_admin && c.published_at.is_none();
                let (date, time) = shanghai_date_time(c.deadline_at);
                let state = call_state_key(&c);
                let closed = !c.open;
                let guidance = c.guidance.clone();
                let guidance_ro = c.guidance.clone();
                let areas = c.areas.clone();
                let (id, version, closed_at) = (c.id, c.version, c.closed_at);
                view! {
                    <h1>{move || format!("{} · {}", c.year, t(K::TopicCall)())}</h1>
                    <dl class="facts">
                        <dt>{t(K::Status)}</dt><dd class="call-state">{t(state)}</dd>
                        <dt>{t(K::Deadline)}</dt><dd>{format_shanghai(c.deadline_at)}</dd>
                        <dt>{t(K::Submitted)}</dt><dd>{c.submitted}</dd>
                        <dt>{t(K::Selected)}</dt><dd>{c.selected}</dd>
                    </dl>
                    <p><a href=format!("/admin/proposals?year={}&status=submitted", c.year)>{t(K::ReviewProposals)}</a></p>
                    {editable.then(|| view! {
                        <section class="card">
                            <h2>{t(K::EditCall)}</h2>
                            <ActionForm action=update attr:class="grid-form">
                                <FormError error=update_error/>
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="version" value=version/>
                                <TextField label=K::DeadlineDate name="deadline_date" error=update_error kind="date" value=date.clone()/>
                                <TextField label=K::DeadlineTime name="deadline_time" error=update_error kind="time" value=time.clone()/>
                                <TextArea label=K::Guidance name="guidance" error=update_error maxlength=GUIDANCE_MAX value=guidance.clone()/>
                                <button type="submit" class="primary">{t(K::Save)}</button>
                            </ActionForm>
                            <ActionForm action=close attr:class="inline">
                                <FormError error=close_error/>
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="version" value=version/>
                                <input type="hidden" name="closed" value=closed_at.is_none().to_string()/>
                                {if closed_at.is_some() {
                                    view! { <button type="submit">{t(K::ReopenCall)}</button> }.into_any()
                                } else {
                                    view! { <ConfirmSubmit label=K::CloseCall question=K::ConfirmCloseCall/> }.into_any()
                                }}
                            </ActionForm>
                        </section>
                    })}
                    {(!editable).then(|| view! { <section class="card guidance"><p class="pre">{guidance_ro.clone()}</p></section> })}
                    <section class="card">
                        <h2>{t(K::PriorityAreas)}</h2>
                        <FormError error=area_error/>
                        <ul class="areas">
                            {areas.into_iter().map(|a| {
                                let kind = area_kind_key(a.kind);
                                view! {
                                    <li>
                                        <span class="tag">{t(kind)}</span>
                                        <span>{a.name.clone()}</span>
                                        {editable.then(|| view! {
                                            <ActionForm action=remove attr:class="inline">
                                                <input type="hidden" name="id" value=a.id/>
                                                <ConfirmSubmit label=K::Remove question=K::ConfirmRemoveArea subject=a.name.clone() inline=true/>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {editable.then(|| view! {
                            <ActionForm action=add attr:class="grid-form">
                                <input type="hidden" name="call_id" value=id/>
                                <SelectField label=K::AreaKind name="kind" error=area_error options=kinds id_prefix="area-"/>
                                <TextField label=K::AreaName name="area_name" error=area_error maxlength=AREA_MAX/>
                                <button type="submit">{t(K::AddArea)}</button>
                            </ActionForm>
                        })}
                    </section>
                    {(editable && closed).then(|| view! {
                        <section class="card">
                            <h2>{t(K::PublishPlan)}</h2>
                            <p class="hint">{t(K::PublishPlanHint)}</p>
                            <ActionForm action=publish>
                                <FormError error=publish_error/>
                                <input type="hidden" name="call_id" value=id/>
                                <input type="hidden" name="version" value=version/>
                                <ConfirmSubmit label=K::PublishPlan question=K::ConfirmPublishPlan/>
                            </ActionForm>
                        </section>
                    })}
                    {c.published_at.map(|_| view! {
                        <p><a href=format!("/plan/{}", c.year)>{t(K::ViewPublishedPlan)}</a></p>
                    })}
                }
            })
        }}
        </Transition>
    }
}
