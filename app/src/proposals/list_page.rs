use leptos::prelude::*;

use super::{list_proposals, ProposalQuery};
use crate::calls::list_calls;
use crate::domain::{format_shanghai, Role};
use crate::i18n::{status_key, t, use_locale, K};
use crate::ui::{Protected, TableWrap};

#[component]
pub fn ProposalsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Unit]>
            <Proposals/>
        </Protected>
    }
}

/// A declaring unit's view: the calls taking proposals, and its own
/// proposals with their outcomes.
#[component]
fn Proposals() -> impl IntoView {
    let locale = use_locale();
    let calls = Resource::new(|| (), |_| list_calls());
    let mine = Resource::new(|| (), |_| list_proposals(ProposalQuery::default()));
    view! {
        <h1>{t(K::MyProposals)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            {move || calls.get().and_then(Result::ok).map(|calls| {
                let open: Vec<_> = calls.into_iter().filter(|c| c.open).collect();
                if open.is_empty() {
                    return view! { <p class="notice">{t(K::NoOpenCall)}</p> }.into_any();
                }
                open.into_iter().map(|c| view! {
                    <section class="card call">
                        <h2>{move || format!("{} {}", c.year, K::TopicCall.text(locale.get()))}</h2>
                        <p>{move || format!("{} {}", K::Deadline.text(locale.get()), format_shanghai(c.deadline_at))}</p>
                        <p class="pre guidance">{c.guidance.clone()}</p>
                        <a class="button primary" href=format!("/proposals/new?year={}", c.year)>{t(K::NewProposal)}</a>
                    </section>
                }).collect_view().into_any()
            })}
            <TableWrap label=K::MyProposals>
            <table>
                <thead><tr>
                    <th>{t(K::Year)}</th><th>{t(K::ProposalTitle)}</th><th>{t(K::HostInstitution)}</th>
                    <th>{t(K::Status)}</th><th>{t(K::Reason)}</th>
                </tr></thead>
                <tbody>
                {move || mine.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| view! {
                    <tr>
                        <td>{p.year}</td>
                        <td><a href=format!("/proposals/{}", p.id)>{p.title.clone()}</a></td>
                        <td>{p.institution_name.clone()}</td>
                        <td><span class=format!("badge {}", p.status.as_str())>{t(status_key(p.status))}</span></td>
                        <td>{p.decision_reason.clone()}</td>
                    </tr>
                }).collect_view()}
                </tbody>
            </table>
            </TableWrap>
        </Transition>
    }
}
