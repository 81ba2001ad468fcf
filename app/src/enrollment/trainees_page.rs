use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{list_trainees, DecideEnrollment, EnrollmentStatus};
use crate::auth::CurrentUser;
use crate::domain::{Role, TraineeTitle};
use crate::error::AppError;
use crate::i18n::{enrollment_status_key, error_text, t, trainee_title_key, use_locale, K};
use crate::ui::{error_of, ConfirmSubmit, FieldError, FileForm, FormError, Protected, TableWrap};

#[component]
pub fn TraineesPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector, Role::Unit, Role::Institution]>
            <Trainees/>
        </Protected>
    }
}

#[component]
fn Trainees() -> impl IntoView {
    let role = expect_context::<CurrentUser>().role;
    let locale = use_locale();
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0);
    let decide = ServerAction::<DecideEnrollment>::new();
    let decide_ok = crate::ui::success_count(move || crate::ui::succeeded(&decide.value().get()));
    // Importing sends a file, so it needs the page's script (multipart).
    let import = Action::new_local(|data: &web_sys::FormData| {
        let data = data.clone();
        async move { super::import_trainees(data.into()).await }
    });
    let data = Resource::new(
        move || (decide_ok.get(), import.version().get()),
        move |_| list_trainees(id),
    );
    let decide_error = Signal::derive(move || error_of(decide.value().get()));
    let is_institution = role == Role::Institution;
    view! {
        <crate::ui::Done ok=Signal::derive(move || crate::ui::succeeded(&decide.value().get())) code="decided" text=K::Saved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => {
                let mix = v.mix.clone();
                let warn_outside = mix.warns_no_outside();
                let warn_senior = mix.warns_few_senior();
                let titles = TraineeTitle::ALL.iter().zip(mix.by_title.clone()).map(|(t, n)| (*t, n)).collect::<Vec<_>>();
                view! {
                    <h1>{v.topic.clone()}</h1>
                    <section class="card mix">
                        <h2>{t(K::TraineeMix)}</h2>
                        <p id="mix-line">{move || match locale.get() {
                            crate::i18n::Locale::Zh => format!("已录取 {} / 计划 {} 人：省内 {}，省外 {}，中高级职称或管理岗位 {}", mix.admitted, v.planned, mix.inside, mix.outside, mix.mid_or_senior),
                            crate::i18n::Locale::En => format!("Admitted {} of {} planned: {} inside the province, {} outside, {} mid/senior or managers", mix.admitted, v.planned, mix.inside, mix.outside, mix.mid_or_senior),
                        }}</p>
                        <p class="muted">{titles.into_iter().map(|(tl, n)| {
                            let k = trainee_title_key(tl);
                            move || format!("{} {}　", k.text(locale.get()), n)
                        }).collect_view()}</p>
                        {warn_outside.then(|| view! { <p class="notice" role="status">{t(K::WarnNoOutside)}</p> })}
                        {warn_senior.then(|| view! { <p class="notice" role="status">{t(K::WarnFewSenior)}</p> })}
                    </section>
                    <p class="actions">
                        {(!is_institution).then(|| view! {
                            <a class="button" href=format!("/programmes/{id}/trainees/xlsx") download>{t(K::ExportTrainees)}</a>
                        })}
                        <a href=format!("/programmes/{id}/prep")>{t(K::Schedule)}</a>
                    </p>
                    {is_institution.then(|| view! { <ExportForm id/> })}
                    {is_institution.then(|| view! { <ImportForm id import/> })}
                    <FormError error=decide_error/>
                    <FieldError error=decide_error field="admit"/>
                    <TableWrap label=K::Trainees><table class="trainees">
                        <thead><tr>
                            <th>{t(K::DisplayNameLabel)}</th><th>{t(K::IdNumber)}</th><th>{t(K::Mobile)}</th><th>{t(K::Employer)}</th>
                            <th>{t(K::Province)}</th><th>{t(K::TraineeTitle)}</th><th>{t(K::Status)}</th>
                            {is_institution.then(|| view! { <th>{t(K::Actions)}</th> })}
                        </tr></thead>
                        <tbody>
                        {v.rows.into_iter().map(|r| {
                            let status = enrollment_status_key(r.status);
                            let (name_admit, name_decline) = (r.name.clone(), r.name.clone());
                            view! {
                                <tr>
                                    <td>{r.name.clone()}</td><td>{r.id_number.clone()}</td><td>{r.mobile.clone()}</td>
                                    <td>{r.employer.clone()}</td><td>{r.province.clone()}</td>
                                    <td>{t(trainee_title_key(r.title_level))}</td>
                                    <td><span class=format!("badge {}", r.status.as_str())>{t(status)}</span></td>
                                    {is_institution.then(|| view! {
                                        <td class="actions">
                                            {(r.status != EnrollmentStatus::Admitted).then(|| view! {
                                                <ActionForm action=decide attr:class="inline">
                                                    <input type="hidden" name="id" value=r.id/>
                                                    <input type="hidden" name="version" value=r.version/>
                                                    <input type="hidden" name="admit" value="true"/>
                                                    <ConfirmSubmit label=K::Admit question=K::ConfirmAdmit subject=name_admit.clone() inline=true/>
                                                </ActionForm>
                                            })}
                                            {(r.status != EnrollmentStatus::Declined).then(|| view! {
                                                <ActionForm action=decide attr:class="inline">
                                                    <input type="hidden" name="id" value=r.id/>
                                                    <input type="hidden" name="version" value=r.version/>
                                                    <input type="hidden" name="admit" value="false"/>
                                                    <ConfirmSubmit label=K::Decline question=K::ConfirmDecline subject=name_decline.clone() inline=true/>
                                                </ActionForm>
                                            })}
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                        </tbody>
                    </table></TableWrap>
                }.into_any()
            }
        })}
        </Transition>
    }
}

/// The institution's export holds full identity numbers, so it asks why;
/// the reason goes into the audit trail with the download. A plain GET
/// form: the browser downloads the file, with or without the page's script.
#[component]
fn ExportForm(id: i64) -> impl IntoView {
    let reasons = [
        ("registration", K::ReasonRegistration),
        ("certificates", K::ReasonCertificates),
        ("check_in", K::ReasonCheckIn),
        ("other", K::ReasonOther),
    ];
    view! {
        <section class="card">
            <h2>{t(K::ExportTrainees)}</h2>
            <p class="hint">{t(K::ExportHint)}</p>
            <form class="inline-form" method="get" action=format!("/programmes/{id}/trainees/xlsx")>
                <label for="export-reason">{t(K::ExportReason)}</label>
                <select id="export-reason" name="reason" required>
                    <option value="">{t(K::ChooseOne)}</option>
                    {reasons.into_iter().map(|(code, key)| view! { <option value=code>{t(key)}</option> }).collect_view()}
                </select>
                <button type="submit" class="button">{t(K::ExportTrainees)}</button>
            </form>
            <p class="actions">
                <a class="button" href=format!("/programmes/{id}/slips")>{t(K::ActivationSlips)}</a>
                <a class="button" href=format!("/programmes/{id}/attendance")>{t(K::Attendance)}</a>
                <a class="button" href=format!("/programmes/{id}/papers")>{t(crate::i18n::PK::Papers)}</a>
                <a class="button" href=format!("/programmes/{id}/survey")>{t(crate::i18n::SK::Survey)}</a>
                <a class="button" href=format!("/programmes/{id}/assessment")>{t(crate::i18n::AK::Assessment)}</a>
            </p>
        </section>
    }
}

#[component]
fn ImportForm(
    id: i64,
    import: Action<web_sys::FormData, Result<super::Imported, AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let result = move || import.value().get();
    view! {
        <section class="card">
            <h2>{t(K::ImportTrainees)}</h2>
            <p class="hint">{t(K::ImportHint)}</p>
            <p><a href="/templates/trainees.xlsx" download>{t(K::DownloadTemplate)}</a></p>
            <FileForm programme=id action=import label=K::ExcelFile button=K::Import accept=".xlsx,.xls,.csv" input_id="import-file"/>
            {move || result().map(|r| match r {
                Ok(done) => view! { <p role="status" class="live ok">{move || crate::i18n::imported_text(done.imported, done.skipped, locale.get())}</p> }.into_any(),
                Err(AppError::Rows(rows)) => view! { <crate::ui::RowErrors rows/> }.into_any(),
                // Other refusals show in the form, by field.
                Err(_) => ().into_any(),
            })}
        </section>
    }
}
