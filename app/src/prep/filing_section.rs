//! The filing: versions, attachments, the unit's form, the admin's review.

use leptos::prelude::*;

use crate::domain::{format_shanghai, Role};
use crate::i18n::{filing_status_key, t, use_locale, K};
use crate::prep::{FileProgramme, FilingStatus, FilingView, PrepView, ReviewFiling, TEXT_MAX};
use crate::ui::{error_of, ConfirmSubmit, FileForm, FormError, SelectField, TextArea, TextField};

#[component]
pub(super) fn Filing(
    v: PrepView,
    role: Role,
    file: ServerAction<FileProgramme>,
    review: ServerAction<ReviewFiling>,
    upload: Action<web_sys::FormData, Result<i64, crate::error::AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let can_file = role == Role::Unit && v.schedule_open();
    let latest = v.latest_filing().cloned();
    let to_review = latest
        .clone()
        .filter(|f| f.status == FilingStatus::Filed && role == Role::Admin);
    let error = Signal::derive(move || error_of(file.value().get()));
    let review_error = Signal::derive(move || error_of(review.value().get()));
    let prev = latest.clone();
    let get = move |f: fn(&FilingView) -> String| prev.as_ref().map(f).unwrap_or_default();
    let texts = [
        get(|f| f.objectives.clone()),
        get(|f| f.content.clone()),
        get(|f| f.organisation.clone()),
        get(|f| f.budget_text.clone()),
        get(|f| f.eligibility.clone()),
        get(|f| f.how_to_apply.clone()),
    ];
    let quota = get(|f| f.quota.to_string()).to_owned();
    let quota = if quota.is_empty() {
        v.programme.trainees.to_string()
    } else {
        quota
    };
    let q_in = get(|f| f.quota_in_province.to_string());
    let q_out = get(|f| f.quota_out_province.to_string());
    let until = get(|f| f.apply_until.clone());
    let decisions = Signal::derive(move || {
        [("true", K::Acknowledge), ("false", K::ReturnFiling)]
            .iter()
            .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
            .collect::<Vec<_>>()
    });
    let pid = v.programme.id;
    view! {
        <section class="card">
            <h2>{t(K::Filing)}</h2>
            <ul class="history filings">
                {v.filings.clone().into_iter().map(|f| {
                    let status = filing_status_key(f.status);
                    let reason = f.review_reason.clone();
                    view! {
                        <li>
                            <span class=format!("badge {}", f.status.as_str())>{t(status)}</span>
                            {f.late.then(|| view! { <span class="badge rejected">{t(K::Late)}</span> })}
                            <span>{format!("v{} · {}", f.version, format_shanghai(f.filed_at))}</span>
                            {(!reason.is_empty()).then(|| view! { <p class="reason">{reason.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <super::filing_versions::FilingVersions filings=v.filings.clone()/>
            {to_review.map(|f| view! {
                <ActionForm action=review attr:class="grid-form">
                    <FormError error=review_error/>
                    <input type="hidden" name="id" value=f.id/>
                    <SelectField label=K::Decision name="acknowledge" error=review_error options=decisions id_prefix="r-"/>
                    <TextArea label=K::Reason name="reason" error=review_error maxlength=TEXT_MAX rows=2 id_prefix="r-"/>
                    <ConfirmSubmit label=K::RecordFilingDecision question=K::ConfirmFilingDecision/>
                </ActionForm>
            })}
            <h3>{t(K::Attachments)}</h3>
            <ul class="attachments">
                {v.attachments.clone().into_iter().map(|a| view! {
                    <li>
                        <a href=format!("/attachments/{}", a.id)>{a.file_name.clone()}</a>
                        <span class="muted">{match a.filing_version {
                            Some(n) => format!(" v{n} · {} KB", (a.size_bytes + 1023) / 1024),
                            None => format!(" {} KB", (a.size_bytes + 1023) / 1024),
                        }}</span>
                        {a.filing_version.is_none().then(|| view! { <span class="badge pending">{t(K::PendingAttachment)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {can_file.then(|| view! {
                <FileForm programme=pid action=upload label=K::PdfFile button=K::Upload accept="application/pdf,.pdf" input_id="attachment-file"/>
            })}
            {can_file.then(|| view! {
                <h3>{t(K::FileProgramme)}</h3>
                <ActionForm action=file attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="programme_id" value=pid/>
                    <h4 class="wide">{t(K::ImplementationPlan)}</h4>
                    <TextArea label=K::Objectives name="objectives" error maxlength=TEXT_MAX rows=2 value=texts[0].clone()/>
                    <TextArea label=K::Content name="content" error maxlength=TEXT_MAX rows=2 value=texts[1].clone()/>
                    <TextArea label=K::OrganisationText name="organisation" error maxlength=TEXT_MAX rows=2 value=texts[2].clone()/>
                    <TextArea label=K::BudgetText name="budget_text" error maxlength=TEXT_MAX rows=2 value=texts[3].clone()/>
                    <h4 class="wide">{t(K::EnrollmentNotice)}</h4>
                    <TextArea label=K::Eligibility name="eligibility" error maxlength=TEXT_MAX rows=2 value=texts[4].clone()/>
                    <TextField label=K::Quota name="quota" kind="number" error value=quota.clone()/>
                    <TextField label=K::QuotaIn name="quota_in_province" kind="number" error value=q_in.clone()/>
                    <TextField label=K::QuotaOut name="quota_out_province" kind="number" error value=q_out.clone()/>
                    <TextArea label=K::HowToApply name="how_to_apply" error maxlength=TEXT_MAX rows=2 value=texts[5].clone()/>
                    <TextField label=K::ApplyUntil name="apply_until" kind="date" error value=until.clone()/>
                    <ConfirmSubmit label=K::FileProgramme question=K::ConfirmFile/>
                </ActionForm>
            })}
        </section>
    }
}
