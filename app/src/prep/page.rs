use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::filing_section::Filing;
use super::schedule_section::Schedule;
use super::vetting_section::Vetting;

use super::{
    programme_prep, AddCourse, FileProgramme, FilingStatus, PrepView, RemoveCourse, ReviewFiling,
    VetLecturer,
};
use crate::auth::CurrentUser;
use crate::domain::Role;
use crate::i18n::{error_text, filing_status_key, t, use_locale, Locale, K};
use crate::ui::Protected;

#[component]
pub fn PrepPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector, Role::Unit, Role::Institution]>
            <Prep/>
        </Protected>
    }
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
    // What the last step did, said above the page (also after a plain post).
    let last = RwSignal::new(None::<K>);
    for (ok, k) in [
        (add_ok, K::CourseAdded),
        (remove_ok, K::CourseRemoved),
        (vet_ok, K::VettingSaved),
        (file_ok, K::Filed),
        (review_ok, K::DecisionRecorded),
        (upload_ok, K::Uploaded),
    ] {
        Effect::new(move |before: Option<u32>| {
            let now = ok.get();
            if before.is_some_and(|b| b != now) {
                last.set(Some(k));
            }
            now
        });
    }
    let query = leptos_router::hooks::use_query_map();
    let from_url = move || {
        query.with(|q| match q.get("done").as_deref() {
            Some("course_added") => Some(K::CourseAdded),
            Some("course_removed") => Some(K::CourseRemoved),
            Some("vetting_saved") => Some(K::VettingSaved),
            Some("filed") => Some(K::Filed),
            Some("reviewed") => Some(K::DecisionRecorded),
            _ => None,
        })
    };
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
        {move || last.get().or_else(from_url).map(|k| view! { <p class="done" role="status" id="last-done">{t(k)}</p> })}
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
    // Once filed (and not returned), the due date is met or missed for
    // good: say which, not a countdown that runs on past it.
    let filed_on = v
        .latest_filing()
        .filter(|f| f.status != FilingStatus::Returned)
        .map(|f| crate::domain::shanghai_date(f.filed_at).to_string());
    view! {
        <h1>{g.topic.clone()}</h1>
        <dl class="facts">
            <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", g.start_date, g.end_date)}</dd>
            <dt>{t(K::HostInstitution)}</dt><dd>{g.institution_name.clone()}</dd>
            <dt>{t(K::FilingDue)}</dt>
            <dd id="filing-due">{move || {
                let l = locale.get();
                let left = match (l, &filed_on, days) {
                    (Locale::Zh, Some(on), _) if late => format!("{on} 报送，逾期"),
                    (Locale::Zh, Some(on), _) => format!("{on} 报送，按时"),
                    (Locale::En, Some(on), _) if late => format!("filed {on}, late"),
                    (Locale::En, Some(on), _) => format!("filed {on}, on time"),
                    (Locale::Zh, None, d) if d >= 0 => format!("还剩 {d} 天"),
                    (Locale::Zh, None, d) => format!("已逾期 {} 天", -d),
                    (Locale::En, None, d) if d >= 0 => format!("{d} days left"),
                    (Locale::En, None, d) => format!("{} days overdue", -d),
                };
                format!("{due}（{left}）")
            }}</dd>
            <dt>{t(K::FilingStatus)}</dt>
            <dd>
                <span class=format!("badge filing-state {}", latest.map_or("", FilingStatus::as_str))>{latest.map_or(t(K::NotFiled), |s| t(filing_status_key(s)))}</span>
                {late.then(|| view! { <span class="badge rejected">{t(K::Late)}</span> })}
            </dd>
        </dl>
        <p class="actions">
            <a href=format!("/programmes/{}", g.id)>{t(K::ChangeHistory)}</a>
            <crate::plan::ProgrammeLinks id=g.id here="prep"/>
            {(latest == Some(FilingStatus::Acknowledged)).then(|| view! { <a href=format!("/enroll/{}", g.id)>{t(K::EnrollmentNotice)}</a> })}
        </p>
    }
}
