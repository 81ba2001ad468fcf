use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::editor::Editor;
use super::summary::{Steps, Summary};

use super::{proposal_form, DecideProposals, ProposalDetail, SaveProposal, WithdrawProposal};
use crate::auth::CurrentUser;
use crate::domain::{format_shanghai, ProposalStatus, Role};
use crate::error::AppError;
use crate::i18n::{error_text, t, use_locale, K};
use crate::ui::{succeeded, Done, Protected};

const PLANNERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit];

#[component]
pub fn NewProposalPage() -> impl IntoView {
    let query = use_query_map();
    let year = query
        .read_untracked()
        .get("year")
        .and_then(|y| y.parse::<i32>().ok());
    view! {
        <Protected roles=&[Role::Unit]>
            <ProposalScreen id=None year/>
        </Protected>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok());
    view! {
        <Protected roles=PLANNERS>
            <ProposalScreen id year=None/>
        </Protected>
    }
}

pub fn yuan(fen: i64) -> String {
    crate::domain::yuan_text(fen)
}

#[component]
fn ProposalScreen(id: Option<i64>, year: Option<i32>) -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let save = ServerAction::<SaveProposal>::new();
    let save_ok = crate::ui::success_count(move || crate::ui::succeeded(&save.value().get()));
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let withdraw_ok =
        crate::ui::success_count(move || crate::ui::succeeded(&withdraw.value().get()));
    let decide = ServerAction::<DecideProposals>::new();
    let decide_ok = crate::ui::success_count(move || crate::ui::succeeded(&decide.value().get()));
    let detail = Resource::new(
        move || (save_ok.get(), withdraw_ok.get(), decide_ok.get()),
        move |_| proposal_form(id, year),
    );
    // The feedback line speaks of the latest action only.
    let last = RwSignal::new("");
    Effect::new(move |_| {
        if save.value().get().is_some() {
            last.set("save");
        }
    });
    Effect::new(move |_| {
        if withdraw.value().get().is_some() {
            last.set("withdraw");
        }
    });
    // A new proposal, once saved, has its own address.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(pid)) = save.value().get() {
            if id != Some(pid) {
                navigate(
                    &format!("/proposals/{pid}?done=proposal_saved"),
                    Default::default(),
                );
            }
        }
    });
    let locale = use_locale();
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || detail.get().map(|d| match d {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(d) => {
                let role = user.role;
                let editable = role == Role::Unit
                    && d.call.open
                    && d.disqualified.is_none()
                    && d.proposal.as_ref().is_none_or(|p| p.status.is_editable());
                // Saving may have submitted too: the status loaded after the
                // save says which, so the line waits for that load.
                let submitted = d.proposal.as_ref().is_some_and(|p| p.status == ProposalStatus::Submitted);
                let saved_text = if submitted { K::ProposalSubmitted } else { K::Saved };
                let (saves, withdrawals) = (save_ok.get_untracked(), withdraw_ok.get_untracked());
                let saved = Signal::derive(move || {
                    last.get() == "save" && succeeded(&save.value().get()) && save_ok.get() == saves
                });
                let withdrawn = Signal::derive(move || {
                    last.get() == "withdraw" && succeeded(&withdraw.value().get()) && withdraw_ok.get() == withdrawals
                });
                let untouched = Signal::derive(move || save.value().get().is_none() && withdraw.value().get().is_none());
                view! {
                    <CallHeader detail=d.clone() role/>
                    <Done ok=saved code="proposal_saved" text=saved_text url=untouched/>
                    <Done ok=withdrawn code="proposal_withdrawn" text=K::ProposalWithdrawn url=untouched/>
                    <Done ok=Signal::derive(|| false) code="proposal_submitted" text=K::ProposalSubmitted url=untouched/>
                    {if editable {
                        view! { <Editor detail=d.clone() save/> }.into_any()
                    } else {
                        d.proposal.clone().map(|p| view! { <Summary p/> }).into_any()
                    }}
                    {d.proposal.clone().map(|p| view! {
                        <Steps p open=d.call.open role withdraw decide published=d.call.published_at.is_some()/>
                    })}
                }.into_any()
            }
        })}
        </Transition>
    }
}

#[component]
fn CallHeader(detail: ProposalDetail, role: Role) -> impl IntoView {
    let locale = use_locale();
    let call = detail.call.clone();
    let title = detail
        .proposal
        .as_ref()
        .map_or_else(|| None, |p| Some(p.title.clone()));
    let closed = (!call.open).then(|| AppError::CallClosed {
        at: call.closes_at(),
    });
    let disq = detail
        .disqualified
        .clone()
        .map(|(until, reason)| AppError::Disqualified { until, reason });
    let heading = move || match &title {
        Some(t) => t.clone(),
        None => format!("{} · {}", call.year, K::NewProposal.text(locale.get())),
    };
    view! {
        <h1>{heading}</h1>
        <p class="muted">
            {move || format!("{} {} · {} {}", detail.call.year, K::TopicCall.text(locale.get()),
                K::Deadline.text(locale.get()), format_shanghai(detail.call.deadline_at))}
        </p>
        {(role == Role::Unit).then(|| view! {
            {closed.map(|e| view! { <p class="notice" role="status">{move || error_text(&e, locale.get())}</p> })}
            {disq.map(|e| view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> })}
        })}
    }
}
