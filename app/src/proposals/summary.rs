//! A proposal as read, its status and the next step.

use leptos::prelude::*;

use super::DecideProposals;

use super::form_page::yuan;

use crate::domain::{format_shanghai, ExpenseCategory, FundingSource, ProposalStatus, Role};
use crate::i18n::{category_key, need_kind_key, source_key, status_key, t, use_locale, K};
use crate::proposals::{ProposalView, WithdrawProposal};
use crate::ui::{error_of, ConfirmSubmit, FormError, SelectField, TableWrap, TextArea};

/// A proposal as read by someone who cannot (or can no longer) edit it.
#[component]
pub fn Summary(p: ProposalView) -> impl IntoView {
    let areas = p
        .areas
        .iter()
        .map(|a| a.1.clone())
        .collect::<Vec<_>>()
        .join("、");
    let need_kind = p.need_kind.map(need_kind_key);
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".to_owned());
    view! {
        <section class="card">
            <dl class="facts">
                <dt>{t(K::RoleUnit)}</dt><dd>{p.unit_name.clone()}</dd>
                <dt>{t(K::HostInstitution)}</dt><dd>{p.institution_name.clone()}</dd>
                <dt>{t(K::PriorityAreas)}</dt><dd>{areas}</dd>
                <dt>{t(K::NeedKind)}</dt><dd>{need_kind.map(t)}</dd>
                <dt>{t(K::Need)}</dt><dd class="pre">{p.need.clone()}</dd>
                <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", p.start_date, p.end_date)}</dd>
                <dt>{t(K::Place)}</dt><dd>{p.place.clone()}</dd>
                <dt>{t(K::Trainees)}</dt><dd>{num(p.trainees)}</dd>
                <dt>{t(K::ClassHours)}</dt><dd>{num(p.class_hours)}</dd>
                <dt>{t(K::ContactName)}</dt><dd>{format!("{} {}", p.contact_name, p.contact_phone)}</dd>
            </dl>
            <TableWrap label=K::Budget>
            <table class="budget-table">
                <thead><tr><th>{t(K::Budget)}</th><th class="num">{t(K::AmountYuan)}</th></tr></thead>
                <tbody>
                    <tr class="group"><th colspan="2" scope="rowgroup">{t(K::ExpenseCategories)}</th></tr>
                    {ExpenseCategory::ALL.iter().enumerate().map(|(i, c)| view! {
                        <tr><td>{t(category_key(*c))}</td><td class="num">{yuan(p.costs[i])}</td></tr>
                    }).collect_view()}
                    <tr class="total"><td>{t(K::BudgetTotal)}</td><td class="num">{yuan(p.total_fen())}</td></tr>
                    <tr class="group"><th colspan="2" scope="rowgroup">{t(K::FundingSources)}</th></tr>
                    {FundingSource::ALL.iter().enumerate().map(|(i, s)| view! {
                        <tr><td>{t(source_key(*s))}</td><td class="num">{yuan(p.funds[i])}</td></tr>
                    }).collect_view()}
                    <tr class="total"><td>{t(K::SourcesTotal)}</td><td class="num">{yuan(p.funds.iter().sum())}</td></tr>
                </tbody>
            </table>
            </TableWrap>
        </section>
    }
}

/// Status, outcome and the next step open to the reader's role.
#[component]
pub(super) fn Steps(
    p: ProposalView,
    open: bool,
    role: Role,
    withdraw: ServerAction<WithdrawProposal>,
    decide: ServerAction<DecideProposals>,
    published: bool,
) -> impl IntoView {
    let locale = use_locale();
    let step_error = Signal::derive(move || error_of(withdraw.value().get()));
    let decide_error = Signal::derive(move || error_of(decide.value().get()));
    let status = status_key(p.status);
    let decided = matches!(
        p.status,
        ProposalStatus::Selected | ProposalStatus::Rejected
    );
    let reason = p.decision_reason.clone();
    let decisions = Signal::derive(move || {
        [("select", K::Select), ("reject", K::Reject)]
            .iter()
            .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card">
            <h2>{t(K::Status)}</h2>
            <p class="status-line">
                <span class=format!("badge {}", p.status.as_str())>{t(status)}</span>
                {p.recommend_national.then(|| view! { <span class="badge national">{t(K::RecommendNational)}</span> })}
            </p>
            {p.submitted_at.map(|s| view! { <p class="muted">{move || format!("{} {}", K::SubmittedAt.text(locale.get()), format_shanghai(s))}</p> })}
            {(decided && !reason.is_empty()).then(|| view! { <p class="reason">{move || format!("{}：{}", K::Reason.text(locale.get()), reason)}</p> })}
            <FormError error=step_error/>
            {(role == Role::Unit && open && p.status == ProposalStatus::Submitted).then(|| view! {
                <ActionForm action=withdraw attr:class="inline">
                    <input type="hidden" name="id" value=p.id/>
                    <input type="hidden" name="version" value=p.version/>
                    <ConfirmSubmit label=K::Withdraw question=K::ConfirmWithdraw/>
                </ActionForm>
            })}
            {(role == Role::Admin && !open && !published && p.status != ProposalStatus::Draft).then(|| view! {
                <ActionForm action=decide attr:class="grid-form">
                    <FormError error=decide_error/>
                    <input type="hidden" name=format!("ids[{}]", p.id) value=p.version/>
                    <SelectField label=K::Decision name="decision" error=decide_error options=decisions/>
                    <TextArea label=K::Reason name="reason" error=decide_error rows=2/>
                    <label class="check"><input type="checkbox" name="recommend" value="true"/><span>{t(K::RecommendNational)}</span></label>
                    <ConfirmSubmit label=K::RecordDecision question=K::ConfirmProposalDecision/>
                </ActionForm>
            })}
        </section>
    }
}
