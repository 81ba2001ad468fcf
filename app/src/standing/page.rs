use leptos::prelude::*;

use super::{list_standing, Commend, Disqualify, REASON_MAX};
use crate::domain::Role;
use crate::i18n::{t, K};
use crate::ui::{error_of, FormError, Protected, SelectField, TableWrap, TextArea, TextField};

#[component]
pub fn StandingPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Standing/>
        </Protected>
    }
}

#[component]
fn Standing() -> impl IntoView {
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let disqualify = ServerAction::<Disqualify>::new();
    let disqualify_ok =
        crate::ui::success_count(move || crate::ui::succeeded(&disqualify.value().get()));
    let commend = ServerAction::<Commend>::new();
    let commend_ok = crate::ui::success_count(move || crate::ui::succeeded(&commend.value().get()));
    let data = Resource::new(
        move || (disqualify_ok.get(), commend_ok.get()),
        |_| list_standing(),
    );
    let d_error = Signal::derive(move || error_of(disqualify.value().get()));
    let c_error = Signal::derive(move || error_of(commend.value().get()));
    let orgs = Signal::derive(move || {
        data.get()
            .and_then(Result::ok)
            .map(|s| {
                s.orgs
                    .into_iter()
                    .map(|(i, n)| (i.to_string(), n))
                    .collect()
            })
            .unwrap_or_default()
    });
    view! {
        <h1>{t(K::UnitStanding)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {is_admin.then(|| view! {
            <section class="card">
                <h2>{t(K::Disqualify)}</h2>
                <ActionForm action=disqualify attr:class="grid-form">
                    <FormError error=d_error/>
                    <SelectField label=K::Organisation name="org_id" error=d_error options=orgs id_prefix="d-"/>
                    <TextField label=K::DateFrom name="from_date" kind="date" error=d_error/>
                    <TextField label=K::DateTo name="until_date" kind="date" error=d_error/>
                    <TextArea label=K::Reason name="reason" error=d_error maxlength=REASON_MAX rows=2/>
                    <button type="submit" class="primary">{t(K::Disqualify)}</button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{t(K::Commend)}</h2>
                <ActionForm action=commend attr:class="grid-form">
                    <FormError error=c_error/>
                    <SelectField label=K::Organisation name="org_id" error=c_error options=orgs id_prefix="c-"/>
                    <TextField label=K::Year name="year" kind="number" error=c_error id_prefix="c-"/>
                    <TextArea label=K::Note name="note" error=c_error maxlength=REASON_MAX rows=2/>
                    <button type="submit" class="primary">{t(K::Commend)}</button>
                </ActionForm>
            </section>
        })}
        {move || data.get().and_then(Result::ok).map(|s| view! {
            <h2>{t(K::Disqualifications)}</h2>
            <TableWrap label=K::Disqualifications><table>
                <thead><tr><th>{t(K::Organisation)}</th><th>{t(K::DateFrom)}</th><th>{t(K::DateTo)}</th><th>{t(K::Reason)}</th></tr></thead>
                <tbody>
                {s.disqualifications.into_iter().map(|d| view! {
                    <tr><td>{d.org_name}</td><td>{d.from_date}</td><td>{d.until_date}</td><td>{d.reason}</td></tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
            <h2>{t(K::Commendations)}</h2>
            <TableWrap label=K::Commendations><table>
                <thead><tr><th>{t(K::Organisation)}</th><th>{t(K::Year)}</th><th>{t(K::Note)}</th></tr></thead>
                <tbody>
                {s.commendations.into_iter().map(|c| view! {
                    <tr><td>{c.org_name}</td><td>{c.year}</td><td>{c.note}</td></tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
        })}
        </Transition>
    }
}
