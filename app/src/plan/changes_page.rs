use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{list_programmes, ChangeView, DecideChange, RequestChange, REASON_MAX};
use crate::auth::CurrentUser;
use crate::domain::{format_shanghai, ChangeStatus, Role};
use crate::i18n::{change_status_key, error_text, t, use_locale, K};
use crate::ui::{error_of, ConfirmSubmit, FormError, Protected, SelectField, TextArea, TextField};

#[component]
pub fn ProgrammePage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector, Role::Unit, Role::Institution]>
            <Programme/>
        </Protected>
    }
}

/// One programme as published, its change history, the unit's change
/// request form and the admin's decision on a pending request (R13).
#[component]
fn Programme() -> impl IntoView {
    let role = expect_context::<CurrentUser>().role;
    let locale = use_locale();
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok());
    let request = ServerAction::<RequestChange>::new();
    let request_ok = crate::ui::success_count(move || crate::ui::succeeded(&request.value().get()));
    let decide = ServerAction::<DecideChange>::new();
    let decide_ok = crate::ui::success_count(move || crate::ui::succeeded(&decide.value().get()));
    let data = Resource::new(
        move || (request_ok.get(), decide_ok.get()),
        move |_| async move {
            match id {
                Some(id) => list_programmes(Some(id)).await.map(|mut v| v.pop()),
                None => Ok(None),
            }
        },
    );
    // R10: once the programme has ended, its page counts down to the
    // closing's due day.
    let closing = Resource::new(
        || (),
        move |_| async move {
            match id {
                Some(id) => crate::closing::closing(id).await.ok(),
                None => None,
            }
        },
    );
    let request_error = Signal::derive(move || error_of(request.value().get()));
    let decide_error = Signal::derive(move || error_of(decide.value().get()));
    let choices = Signal::derive(move || {
        [("true", K::Approve), ("false", K::Reject)]
            .iter()
            .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Ok(Some(g)) => {
                let pending = g.pending_change().cloned();
                view! {
                    <h1>{g.topic.clone()}</h1>
                    <dl class="facts">
                        <dt>{t(K::Year)}</dt><dd>{g.year}</dd>
                        <dt>{t(K::Serial)}</dt><dd>{g.serial}</dd>
                        <dt>{t(K::RoleUnit)}</dt><dd>{g.unit_name.clone()}</dd>
                        <dt>{t(K::HostInstitution)}</dt><dd>{g.institution_name.clone()}</dd>
                        <dt>{t(K::Dates)}</dt><dd class="programme-dates">{format!("{} – {}", g.start_date, g.end_date)}</dd>
                        <dt>{t(K::Place)}</dt><dd class="programme-place">{g.place.clone()}</dd>
                        <dt>{t(K::Trainees)}</dt><dd>{g.trainees}</dd>
                        <dt>{t(K::ClassHours)}</dt><dd>{g.class_hours}</dd>
                    </dl>
                    <p class="actions">
                        <super::ProgrammeLinks id=g.id here="" class="button"/>
                    </p>
                    {closing.get().flatten().map(|v| view! { <crate::closing::ClosingSummary v/> })}
                    {(role == Role::Unit && pending.is_none()).then(|| view! {
                        <section class="card">
                            <h2>{t(K::RequestChange)}</h2>
                            <p class="hint">{t(K::RequestChangeHint)}</p>
                            <ActionForm action=request attr:class="grid-form">
                                <FormError error=request_error/>
                                <input type="hidden" name="programme_id" value=g.id/>
                                <TextField label=K::StartDate name="start_date" kind="date" error=request_error value=g.start_date.clone()/>
                                <TextField label=K::EndDate name="end_date" kind="date" error=request_error value=g.end_date.clone()/>
                                <TextField label=K::Place name="place" error=request_error value=g.place.clone()/>
                                <TextArea label=K::Reason name="reason" error=request_error maxlength=REASON_MAX rows=2/>
                                <button type="submit" class="primary">{t(K::SendRequest)}</button>
                            </ActionForm>
                        </section>
                    })}
                    {(role == Role::Admin).then(|| pending.clone().map(|c| view! {
                        <section class="card">
                            <h2>{t(K::DecideChange)}</h2>
                            <ChangeLine c=c.clone()/>
                            <ActionForm action=decide attr:class="grid-form">
                                <FormError error=decide_error/>
                                <input type="hidden" name="id" value=c.id/>
                                <SelectField label=K::Decision name="approve" error=decide_error options=choices/>
                                <TextArea label=K::Reason name="reason" error=decide_error maxlength=REASON_MAX rows=2/>
                                <ConfirmSubmit label=K::RecordDecision question=K::ConfirmRecordDecision/>
                            </ActionForm>
                        </section>
                    }))}
                    <section class="card">
                        <h2>{t(K::ChangeHistory)}</h2>
                        {g.changes.is_empty().then(|| view! { <p class="muted">{t(K::NoRecords)}</p> })}
                        <ul class="history">
                            {g.changes.iter().cloned().map(|c| view! { <li><ChangeLine c/></li> }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            }
            Ok(None) => view! { <p class="form-error" role="alert">{move || error_text(&crate::error::AppError::NotFound, locale.get())}</p> }.into_any(),
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
        })}
        </Transition>
    }
}

#[component]
fn ChangeLine(c: ChangeView) -> impl IntoView {
    let locale = use_locale();
    let status = change_status_key(c.status);
    let text = format!(
        "{} – {} {} → {} – {} {}",
        c.old_start_date,
        c.old_end_date,
        c.old_place,
        c.new_start_date,
        c.new_end_date,
        c.new_place
    );
    let when = format_shanghai(c.decided_at.unwrap_or(c.requested_at));
    let reason = c.reason.clone();
    let decision = c.decision_reason.clone();
    view! {
        <div class="change">
            <span class=format!("badge {}", c.status.as_str())>{t(status)}</span>
            <span>{text}</span>
            <p class="muted">{move || {
                let l = locale.get();
                let mut s = format!("{} {reason} · {when}", K::Reason.text(l));
                if c.status != ChangeStatus::Pending && !decision.is_empty() {
                    s.push_str(&format!(" · {} {decision}", K::Decision.text(l)));
                }
                s
            }}</p>
        </div>
    }
}
