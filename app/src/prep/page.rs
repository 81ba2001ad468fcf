use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    programme_prep, AddCourse, FileProgramme, FilingStatus, FilingView, PrepView, RemoveCourse,
    ReviewFiling, VetLecturer, TEXT_MAX,
};
use crate::auth::CurrentUser;
use crate::domain::{format_shanghai, ClassHours, Role, TeachingForm};
use crate::i18n::{
    error_text, filing_status_key, lecturer_title_key, t, teaching_form_key, use_locale, Locale, K,
};
use crate::ui::{
    error_of, FieldError, FileForm, FormError, Protected, SelectField, TextArea, TextField,
};

#[component]
pub fn PrepPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector, Role::Unit, Role::Institution]>
            <Prep/>
        </Protected>
    }
}

/// The live R4 line for a schedule total.
pub fn hours_text(total: i64, l: Locale) -> (&'static str, String) {
    let (ok, text) = crate::i18n::class_hours_text(ClassHours::from_total(total), l);
    (if ok { "live ok" } else { "live warn" }, text)
}

#[component]
fn Prep() -> impl IntoView {
    let role = expect_context::<CurrentUser>().role;
    let locale = use_locale();
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0);
    let add = ServerAction::<AddCourse>::new();
    let add_ok = crate::ui::success_count(move || crate::ui::succeeded(&add.value().get()));
    let remove = ServerAction::<RemoveCourse>::new();
    let remove_ok = crate::ui::success_count(move || crate::ui::succeeded(&remove.value().get()));
    let vet = ServerAction::<VetLecturer>::new();
    let vet_ok = crate::ui::success_count(move || crate::ui::succeeded(&vet.value().get()));
    let file = ServerAction::<FileProgramme>::new();
    let file_ok = crate::ui::success_count(move || crate::ui::succeeded(&file.value().get()));
    let review = ServerAction::<ReviewFiling>::new();
    let review_ok = crate::ui::success_count(move || crate::ui::succeeded(&review.value().get()));
    // Uploading sends a file, so it needs the page's script (multipart).
    let upload = Action::new_local(|d: &web_sys::FormData| {
        let d = d.clone();
        async move { super::upload_attachment(d.into()).await }
    });
    let upload_ok = crate::ui::success_count(move || matches!(upload.value().get(), Some(Ok(_))));
    let data = Resource::new(
        move || {
            (
                upload_ok.get(),
                add_ok.get(),
                remove_ok.get(),
                vet_ok.get(),
                file_ok.get(),
                review_ok.get(),
            )
        },
        move |_| programme_prep(id),
    );
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <Header v=v.clone()/>
                <Schedule v=v.clone() role add remove/>
                <Vetting v=v.clone() role vet/>
                <Filing v=v.clone() role file review upload/>
            }.into_any(),
        })}
        </Transition>
    }
}

#[component]
fn Header(v: PrepView) -> impl IntoView {
    let locale = use_locale();
    let g = v.programme.clone();
    let due = v.due_date.clone();
    let days = v.days_left;
    let latest = v.latest_filing().map(|f| f.status);
    let late = v.latest_filing().is_some_and(|f| f.late);
    view! {
        <h1>{g.topic.clone()}</h1>
        <dl class="facts">
            <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", g.start_date, g.end_date)}</dd>
            <dt>{t(K::HostInstitution)}</dt><dd>{g.institution_name.clone()}</dd>
            <dt>{t(K::FilingDue)}</dt>
            <dd id="filing-due">{move || {
                let l = locale.get();
                let left = match (l, days) {
                    (Locale::Zh, d) if d >= 0 => format!("还剩 {d} 天"),
                    (Locale::Zh, d) => format!("已逾期 {} 天", -d),
                    (Locale::En, d) if d >= 0 => format!("{d} days left"),
                    (Locale::En, d) => format!("{} days overdue", -d),
                };
                format!("{due}（{left}）")
            }}</dd>
            <dt>{t(K::FilingStatus)}</dt>
            <dd>
                <span class="badge filing-state">{latest.map_or(t(K::NotFiled), |s| t(filing_status_key(s)))}</span>
                {late.then(|| view! { <span class="badge rejected">{t(K::Late)}</span> })}
            </dd>
        </dl>
        <p class="actions">
            <a href=format!("/programmes/{}", g.id)>{t(K::ChangeHistory)}</a>
            <a href=format!("/programmes/{}/trainees", g.id)>{t(K::Trainees)}</a>
            {(latest == Some(FilingStatus::Acknowledged)).then(|| view! { <a href=format!("/enroll/{}", g.id)>{t(K::EnrollmentNotice)}</a> })}
        </p>
    }
}

#[component]
fn Schedule(
    v: PrepView,
    role: Role,
    add: ServerAction<AddCourse>,
    remove: ServerAction<RemoveCourse>,
) -> impl IntoView {
    let locale = use_locale();
    let editable = role == Role::Institution && v.schedule_open();
    let total = v.total_hours;
    let extra = RwSignal::new(String::new());
    let live = move || {
        let more = extra.get().trim().parse::<i64>().unwrap_or(0).max(0);
        hours_text(total + more, locale.get())
    };
    let error = Signal::derive(move || error_of(add.value().get()));
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    let forms = Signal::derive(move || {
        TeachingForm::ALL
            .iter()
            .map(|f| {
                (
                    f.as_str().to_owned(),
                    teaching_form_key(*f).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let lecturers = v.lecturers.clone();
    let pid = v.programme.id;
    view! {
        <section class="card">
            <h2>{t(K::Schedule)}</h2>
            <FormError error=remove_error/>
            <div class="table-wrap"><table class="schedule">
                <thead><tr>
                    <th>{t(K::Day)}</th><th>{t(K::Time)}</th><th>{t(K::CourseTitle)}</th><th>{t(K::TeachingForm)}</th>
                    <th>{t(K::Lecturers)}</th><th class="num">{t(K::ClassHours)}</th>
                    {editable.then(|| view! { <th>{t(K::Actions)}</th> })}
                </tr></thead>
                <tbody>
                {v.courses.clone().into_iter().map(|c| view! {
                    <tr>
                        <td>{c.day.clone()}</td>
                        <td>{format!("{}–{}", c.start_time, c.end_time)}</td>
                        <td>{c.title.clone()}</td>
                        <td>{t(teaching_form_key(c.form))}</td>
                        <td>{c.lecturers.iter().map(|l| l.1.clone()).collect::<Vec<_>>().join("、")}</td>
                        <td class="num">{c.class_hours}</td>
                        {editable.then(|| view! {
                            <td><ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="id" value=c.id/>
                                <button type="submit" class="link">{t(K::Remove)}</button>
                            </ActionForm></td>
                        })}
                    </tr>
                }).collect_view()}
                </tbody>
            </table></div>
            <p id="hours-total" class=move || live().0 aria-live="polite">{move || live().1}</p>
            {editable.then(|| view! {
                <h3>{t(K::AddCourse)}</h3>
                <ActionForm action=add attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="programme_id" value=pid/>
                    <TextField label=K::Day name="day" kind="date" error id_prefix="c-"/>
                    <TextField label=K::StartTime name="start_time" kind="time" error id_prefix="c-"/>
                    <TextField label=K::EndTime name="end_time" kind="time" error id_prefix="c-"/>
                    <TextField label=K::CourseTitle name="title" error maxlength=100 id_prefix="c-"/>
                    <SelectField label=K::TeachingForm name="form" error options=forms id_prefix="c-"/>
                    <div class="field">
                        <label for="c-class_hours">{t(K::ClassHours)}</label>
                        <input id="c-class_hours" name="class_hours" type="number" min="1" inputmode="numeric"
                            aria-describedby="class_hours-error hours-total"
                            on:input=move |ev| extra.set(event_target_value(&ev))/>
                        <FieldError error field="class_hours"/>
                    </div>
                    <TextField label=K::Place name="place" error maxlength=100 id_prefix="c-" value=v.programme.place.clone()/>
                    <fieldset class="field wide">
                        <legend>{t(K::Lecturers)}</legend>
                        {lecturers.iter().map(|l| {
                            let cid = format!("lect-{}", l.id);
                            let label = format!("{}（{}）", l.name, l.affiliation);
                            view! {
                                <label class="check" for=cid.clone()>
                                    <input type="checkbox" id=cid.clone() name=format!("lecturers[{}]", l.id) value="on"/>
                                    <span>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                        <FieldError error field="lecturers"/>
                    </fieldset>
                    <button type="submit" class="primary">{t(K::AddCourse)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Vetting(v: PrepView, role: Role, vet: ServerAction<VetLecturer>) -> impl IntoView {
    let locale = use_locale();
    let can_vet = matches!(role, Role::Institution | Role::Unit) && v.schedule_open();
    let error = Signal::derive(move || error_of(vet.value().get()));
    let lecturers = v.lecturers.clone();
    let options = Signal::derive(move || {
        lecturers
            .iter()
            .map(|l| (l.id.to_string(), l.name.clone()))
            .collect::<Vec<_>>()
    });
    let decisions = Signal::derive(move || {
        [("true", K::Approve), ("false", K::Reject)]
            .iter()
            .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
            .collect::<Vec<_>>()
    });
    let pid = v.programme.id;
    let unvetted = v.unvetted();
    view! {
        <section class="card">
            <h2>{t(K::LecturerVetting)}</h2>
            {(!unvetted.is_empty()).then(|| {
                let names = unvetted.join("、");
                view! { <p class="notice" id="unvetted">{move || format!("{}{names}", K::NotYetVetted.text(locale.get()))}</p> }
            })}
            <div class="table-wrap"><table>
                <thead><tr><th>{t(K::Lecturer)}</th><th>{t(K::TitleLevel)}</th><th>{t(K::Expertise)}</th><th>{t(K::Compliance)}</th><th>{t(K::Decision)}</th></tr></thead>
                <tbody>
                {v.lecturers.clone().into_iter().map(|l| {
                    let vetting = v.vettings.iter().find(|x| x.lecturer_id == l.id).cloned();
                    view! {
                        <tr>
                            <td>{format!("{} {}", l.name, l.phone)}</td>
                            <td>{t(lecturer_title_key(l.title_level))}</td>
                            {match vetting {
                                Some(x) => view! {
                                    <td>{format!("{} {} {}", x.expertise.0, x.expertise.1, x.expertise.2)}</td>
                                    <td>{format!("{} {} {}", x.compliance.0, x.compliance.1, x.compliance.2)}</td>
                                    <td><span class=if x.approved { "badge approved" } else { "badge rejected" }>{if x.approved { t(K::Approve) } else { t(K::Reject) }}</span></td>
                                }.into_any(),
                                None => view! { <td></td><td></td><td>{t(K::NotVetted)}</td> }.into_any(),
                            }}
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table></div>
            {can_vet.then(|| view! {
                <h3>{t(K::VetLecturer)}</h3>
                <ActionForm action=vet attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="programme_id" value=pid/>
                    <SelectField label=K::Lecturer name="lecturer_id" error options id_prefix="v-"/>
                    <TextField label=K::ExpertiseReviewer name="expertise_reviewer" error maxlength=50 id_prefix="v-"/>
                    <TextField label=K::ExpertiseDate name="expertise_date" kind="date" error id_prefix="v-"/>
                    <TextArea label=K::ExpertiseNote name="expertise_note" error maxlength=1000 rows=2 id_prefix="v-"/>
                    <TextField label=K::ComplianceReviewer name="compliance_reviewer" error maxlength=50 id_prefix="v-"/>
                    <TextField label=K::ComplianceDate name="compliance_date" kind="date" error id_prefix="v-"/>
                    <TextArea label=K::ComplianceNote name="compliance_note" error maxlength=1000 rows=2 id_prefix="v-"/>
                    <SelectField label=K::Decision name="approve" error options=decisions id_prefix="v-"/>
                    <button type="submit" class="primary">{t(K::RecordVetting)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Filing(
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
            {to_review.map(|f| view! {
                <ActionForm action=review attr:class="grid-form">
                    <FormError error=review_error/>
                    <input type="hidden" name="id" value=f.id/>
                    <SelectField label=K::Decision name="acknowledge" error=review_error options=decisions id_prefix="r-"/>
                    <TextArea label=K::Reason name="reason" error=review_error maxlength=TEXT_MAX rows=2 id_prefix="r-"/>
                    <button type="submit" class="primary">{t(K::RecordDecision)}</button>
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
                    <FieldError error field="schedule"/>
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
                    <button type="submit" class="primary">{t(K::FileProgramme)}</button>
                </ActionForm>
            })}
        </section>
    }
}
