use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::input::{parse_budget, CONTACT_MAX, NEED_MAX, PLACE_MAX, TITLE_MAX};
use super::{
    proposal_form, DecideProposals, ProposalDetail, ProposalView, SaveProposal, SubmitProposal,
    WithdrawProposal,
};
use crate::auth::CurrentUser;
use crate::domain::{
    format_shanghai, ClassHours, ExpenseCategory, Fen, FundingSource, NeedKind, ProposalStatus,
    Role,
};
use crate::error::AppError;
use crate::i18n::{
    area_kind_key, category_key, error_text, need_kind_key, problem_text, source_key, status_key,
    t, use_locale, K,
};
use crate::ui::{error_of, FieldError, FormError, Protected, SelectField, TextArea, TextField};

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

/// Plain yuan for an input's value (no thousands separators).
pub fn yuan_input(fen: i64) -> String {
    if fen == 0 {
        String::new()
    } else if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

pub fn yuan(fen: i64) -> String {
    Fen::from_fen(fen).map(Fen::yuan_text).unwrap_or_default()
}

#[component]
fn ProposalScreen(id: Option<i64>, year: Option<i32>) -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let save = ServerAction::<SaveProposal>::new();
    let save_ok = crate::ui::success_count(move || crate::ui::succeeded(&save.value().get()));
    let submit = ServerAction::<SubmitProposal>::new();
    let submit_ok = crate::ui::success_count(move || crate::ui::succeeded(&submit.value().get()));
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let withdraw_ok =
        crate::ui::success_count(move || crate::ui::succeeded(&withdraw.value().get()));
    let decide = ServerAction::<DecideProposals>::new();
    let decide_ok = crate::ui::success_count(move || crate::ui::succeeded(&decide.value().get()));
    let detail = Resource::new(
        move || {
            (
                save_ok.get(),
                submit_ok.get(),
                withdraw_ok.get(),
                decide_ok.get(),
            )
        },
        move |_| proposal_form(id, year),
    );
    // A new proposal, once saved, has its own address.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(pid)) = save.value().get() {
            if id != Some(pid) {
                navigate(&format!("/proposals/{pid}"), Default::default());
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
                view! {
                    <CallHeader detail=d.clone() role/>
                    {if editable {
                        view! { <Editor detail=d.clone() save/> }.into_any()
                    } else {
                        d.proposal.clone().map(|p| view! { <Summary p/> }).into_any()
                    }}
                    {d.proposal.clone().map(|p| view! {
                        <Steps p open=d.call.open role submit withdraw decide published=d.call.published_at.is_some()/>
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

/// The form itself. Class hours (R4) and the budget (R15) are checked live
/// by the same code the server runs; the server's answer still decides.
#[component]
fn Editor(detail: ProposalDetail, save: ServerAction<SaveProposal>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(save.value().get()));
    let p = detail.proposal.clone();
    let get = |f: fn(&ProposalView) -> String| p.as_ref().map(f).unwrap_or_default();
    let (v_title, v_need_kind, v_need, v_start, v_end, v_place, v_trainees, v_contact, v_phone) = (
        get(|p| p.title.clone()),
        get(|p| p.need_kind.as_str().to_owned()),
        get(|p| p.need.clone()),
        get(|p| p.start_date.clone()),
        get(|p| p.end_date.clone()),
        get(|p| p.place.clone()),
        get(|p| p.trainees.to_string()),
        get(|p| p.contact_name.clone()),
        get(|p| p.contact_phone.clone()),
    );
    let v_id = get(|p| p.id.to_string());
    let v_version = get(|p| p.version.to_string());
    let hours = RwSignal::new(get(|p| p.class_hours.to_string()));
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
        .map(|p| p.institution_id.to_string())
        .unwrap_or_default();
    let inst_options = Signal::derive(move || {
        institutions
            .iter()
            .map(|(i, n)| (i.to_string(), n.clone()))
            .collect::<Vec<_>>()
    });
    let need_options = Signal::derive(move || {
        NeedKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    need_kind_key(*k).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
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
    view! {
        <ActionForm action=save attr:class="grid-form proposal-form">
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
            <p id="dates-live" class=move || dates_live().0 aria-live="polite">{move || dates_live().1}</p>
            <TextField label=K::Place name="place" error maxlength=PLACE_MAX value=v_place/>
            <TextField label=K::Trainees name="trainees" kind="number" error value=v_trainees/>
            <div class="field">
                <label for="class_hours">{t(K::ClassHours)}</label>
                <input id="class_hours" name="class_hours" type="number" min="0" inputmode="numeric"
                    aria-describedby="class_hours-live class_hours-error"
                    prop:value=move || hours.get()
                    on:input=move |ev| hours.set(event_target_value(&ev))/>
                <p id="class_hours-live" class=move || hours_live().0 aria-live="polite">{move || hours_live().1}</p>
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
                <p id="budget-live" class=move || budget_live().0 aria-live="polite">{move || budget_live().1}</p>
                <FieldError error field="budget"/>
            </fieldset>
            <TextField label=K::ContactName name="contact_name" error maxlength=CONTACT_MAX value=v_contact/>
            <TextField label=K::ContactPhone name="contact_phone" kind="tel" error maxlength=20 value=v_phone/>
            <button type="submit" class="primary">{t(K::SaveDraft)}</button>
        </ActionForm>
    }
}

#[component]
fn DateInput(
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
fn Money(
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

/// A proposal as read by someone who cannot (or can no longer) edit it.
#[component]
pub fn Summary(p: ProposalView) -> impl IntoView {
    let areas = p
        .areas
        .iter()
        .map(|a| a.1.clone())
        .collect::<Vec<_>>()
        .join("、");
    let need_kind = need_kind_key(p.need_kind);
    view! {
        <section class="card">
            <dl class="facts">
                <dt>{t(K::RoleUnit)}</dt><dd>{p.unit_name.clone()}</dd>
                <dt>{t(K::HostInstitution)}</dt><dd>{p.institution_name.clone()}</dd>
                <dt>{t(K::PriorityAreas)}</dt><dd>{areas}</dd>
                <dt>{t(K::NeedKind)}</dt><dd>{t(need_kind)}</dd>
                <dt>{t(K::Need)}</dt><dd class="pre">{p.need.clone()}</dd>
                <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", p.start_date, p.end_date)}</dd>
                <dt>{t(K::Place)}</dt><dd>{p.place.clone()}</dd>
                <dt>{t(K::Trainees)}</dt><dd>{p.trainees}</dd>
                <dt>{t(K::ClassHours)}</dt><dd>{p.class_hours}</dd>
                <dt>{t(K::ContactName)}</dt><dd>{format!("{} {}", p.contact_name, p.contact_phone)}</dd>
            </dl>
            <div class="table-wrap">
            <table class="budget-table">
                <thead><tr><th>{t(K::Budget)}</th><th class="num">{t(K::AmountYuan)}</th></tr></thead>
                <tbody>
                    {ExpenseCategory::ALL.iter().enumerate().map(|(i, c)| view! {
                        <tr><td>{t(category_key(*c))}</td><td class="num">{yuan(p.costs[i])}</td></tr>
                    }).collect_view()}
                    <tr class="total"><td>{t(K::BudgetTotal)}</td><td class="num">{yuan(p.total_fen())}</td></tr>
                    {FundingSource::ALL.iter().enumerate().map(|(i, s)| view! {
                        <tr><td>{t(source_key(*s))}</td><td class="num">{yuan(p.funds[i])}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// Status, outcome and the next step open to the reader's role.
#[component]
fn Steps(
    p: ProposalView,
    open: bool,
    role: Role,
    submit: ServerAction<SubmitProposal>,
    withdraw: ServerAction<WithdrawProposal>,
    decide: ServerAction<DecideProposals>,
    published: bool,
) -> impl IntoView {
    let locale = use_locale();
    let step_error = Signal::derive(move || {
        error_of(submit.value().get()).or_else(|| error_of(withdraw.value().get()))
    });
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
            {(role == Role::Unit && open && p.status == ProposalStatus::Draft).then(|| view! {
                <ActionForm action=submit attr:class="inline">
                    <input type="hidden" name="id" value=p.id/>
                    <input type="hidden" name="version" value=p.version/>
                    <button type="submit" class="primary">{t(K::Submit)}</button>
                </ActionForm>
            })}
            {(role == Role::Unit && open && p.status == ProposalStatus::Submitted).then(|| view! {
                <ActionForm action=withdraw attr:class="inline">
                    <input type="hidden" name="id" value=p.id/>
                    <input type="hidden" name="version" value=p.version/>
                    <button type="submit">{t(K::Withdraw)}</button>
                </ActionForm>
            })}
            {(role == Role::Admin && !open && !published && p.status != ProposalStatus::Draft).then(|| view! {
                <ActionForm action=decide attr:class="grid-form">
                    <FormError error=decide_error/>
                    <input type="hidden" name=format!("ids[{}]", p.id) value=p.version/>
                    <SelectField label=K::Decision name="decision" error=decide_error options=decisions/>
                    <TextArea label=K::Reason name="reason" error=decide_error rows=2/>
                    <label class="check"><input type="checkbox" name="recommend" value="true"/><span>{t(K::RecommendNational)}</span></label>
                    <button type="submit" class="primary">{t(K::RecordDecision)}</button>
                </ActionForm>
            })}
        </section>
    }
}
