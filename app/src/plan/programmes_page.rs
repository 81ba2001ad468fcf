use leptos::prelude::*;

use super::list_programmes;
use crate::domain::Role;
use crate::i18n::{t, K};
use crate::ui::{Protected, TableWrap};

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector, Role::Unit, Role::Institution]>
            <Programmes/>
        </Protected>
    }
}

/// The programmes the reader may see, with any change awaiting a decision.
#[component]
fn Programmes() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_programmes(None));
    let stages = Resource::new(|| (), |_| crate::work::programme_stages());
    view! {
        <h1>{t(K::Programmes)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            <TableWrap label=K::Programmes>
            <table>
                <thead><tr>
                    <th>{t(K::Year)}</th><th class="num">{t(K::Serial)}</th><th>{t(K::ProgrammeTopic)}</th>
                    <th>{t(K::RoleUnit)}</th><th>{t(K::HostInstitution)}</th><th>{t(K::Dates)}</th><th>{t(K::Place)}</th>
                    <th>{t(K::Stage)}</th>
                </tr></thead>
                <tbody>
                {move || {
                    let stages = stages.get().and_then(Result::ok).unwrap_or_default();
                    list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|g| {
                    let pending = g.pending_change().is_some();
                    let stage = stages.get(&g.id).cloned();
                    view! {
                        <tr>
                            <td>{g.year}</td>
                            <td class="num">{g.serial}</td>
                            <td>
                                <a href=format!("/programmes/{}", g.id)>{g.topic.clone()}</a>
                                {pending.then(|| view! { <span class="badge pending">{t(K::ChangePending)}</span> })}
                            </td>
                            <td>{g.unit_name.clone()}</td>
                            <td>{g.institution_name.clone()}</td>
                            <td>{format!("{} – {}", g.start_date, g.end_date)}</td>
                            <td>{g.place.clone()}</td>
                            <td><crate::work::StageCell stage/></td>
                        </tr>
                    }
                }).collect_view()}}
                </tbody>
            </table>
            </TableWrap>
        </Transition>
    }
}
