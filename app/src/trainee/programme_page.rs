use leptos::prelude::*;

use super::home_page::{course_item, stage_key};
use super::my_programme;
use crate::domain::Role;
use crate::i18n::{error_text, t, use_locale, K, PK};
use crate::ui::Protected;

/// A programme's schedule day by day, the course under way marked.
#[component]
pub fn MyProgrammePage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Trainee]>
            <Schedule/>
        </Protected>
    }
}

#[component]
fn Schedule() -> impl IntoView {
    let locale = use_locale();
    let id = crate::ui::param("id");
    let view = Resource::new(|| (), move |_| my_programme(id));
    view! {
        <p><a href="/me">{t(K::MyProgrammes)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || view.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <h1>{v.programme.topic.clone()}</h1>
                <dl class="facts">
                    <dt>{t(K::Status)}</dt><dd>{t(stage_key(v.programme.stage))}</dd>
                    <dt>{t(K::HostInstitution)}</dt><dd>{v.programme.institution_name.clone()}</dd>
                    <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", v.programme.start_date, v.programme.end_date)}</dd>
                    <dt>{t(K::Place)}</dt><dd>{v.programme.place.clone()}</dd>
                    <dt>{t(K::AttendedOf)}</dt><dd>{format!("{} / {}", v.attended_hours, v.total_hours)}</dd>
                </dl>
                {v.result.clone().map(|r| result(v.programme.id, r, v.certificate.clone()))}
                <p class="actions">
                    <a class="button" href=format!("/me/papers/{}", v.programme.id)>{t(PK::Paper)}</a>
                    <a class="button" href=format!("/me/surveys/{}", v.programme.id)>{t(crate::i18n::SK::Survey)}</a>
                </p>
                <h2>{t(K::Schedule)}</h2>
                {v.days.iter().map(|(day, courses)| { let today = *day == v.today; view! {
                    <section class="card day">
                        <h3>{day.clone()}{today.then(|| view! { " "<span class="badge">{t(K::TodayMark)}</span> })}</h3>
                        <ol class="courses">{courses.iter().map(course_item).collect_view()}</ol>
                    </section>
                } }).collect_view()}
            }.into_any(),
        })}
        </Suspense>
    }
}

/// The published assessment: result, the paper's grade and comment.
fn result(
    programme: i64,
    r: crate::assessment::MyResult,
    certificate: Option<crate::certificates::MyCertificate>,
) -> impl IntoView {
    use crate::i18n::{grade_key, outcome_key, AK};
    view! {
        <section class="card result" aria-labelledby="result-head">
            <h2 id="result-head">{t(AK::MyResult)}</h2>
            <p class="big"><span class=format!("badge result {}", r.outcome.as_str())>{t(outcome_key(r.outcome))}</span></p>
            <dl class="facts">
                <dt>{t(AK::Grade)}</dt><dd>{r.grade.map(|g| t(grade_key(g)))}</dd>
                {(!r.comment.is_empty()).then(|| view! { <dt>{t(AK::Comment)}</dt><dd>{r.comment.clone()}</dd> })}
                {(!r.reason.is_empty() && r.outcome != crate::domain::assessment::Outcome::Passed).then(|| view! { <dt>{t(AK::Reason)}</dt><dd>{r.reason.clone()}</dd> })}
            </dl>
            {certificate.map(|c| my_certificate(programme, c))}
        </section>
    }
}

/// The certificate's number and standing, with the verification link its
/// QR code carries and how often it was checked.
fn my_certificate(programme: i64, c: crate::certificates::MyCertificate) -> impl IntoView {
    use crate::i18n::CK;
    // A revoked certificate is not printed again.
    let download = c.revoked.is_none().then(|| view! {
        <p><a class="button" href=format!("/me/programmes/{programme}/certificate.pdf") rel="external" download>{t(CK::DownloadMine)}</a></p>
    });
    let status = match c.revoked {
        None => view! { <span class="badge ok">{t(CK::Valid)}</span> }.into_any(),
        Some((at, why)) => view! {
            <span class="badge bad">{t(CK::Revoked)}</span>" "
            {crate::domain::shanghai_date(at).to_string()}" · "{why}
        }
        .into_any(),
    };
    view! {
        <h3 id="certificate-head">{t(CK::MyCertificate)}</h3>
        <dl class="facts">
            <dt>{t(CK::Number)}</dt>
            <dd>{c.number}{(c.version > 1).then(|| format!("（v{}）", c.version))}</dd>
            <dt>{t(CK::Status)}</dt><dd>{status}</dd>
            <dt>{t(CK::Checks)}</dt><dd>{c.checks}</dd>
        </dl>
        {download}
        <p><a href=format!("/verify/{}", c.token)>{t(CK::VerifyLink)}</a></p>
    }
}
