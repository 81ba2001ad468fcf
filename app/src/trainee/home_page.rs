use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{my_home, MyCourse, Stage};
use crate::domain::{format_shanghai, shanghai_date_time, Role};
use crate::i18n::{error_text, t, use_locale, K, PK};
use crate::ui::Protected;

pub fn stage_key(s: Stage) -> K {
    match s {
        Stage::Applied => K::StageApplied,
        Stage::Declined => K::StageDeclined,
        Stage::Admitted => K::StageAdmitted,
        Stage::Running => K::StageRunning,
        Stage::Finished => K::StageFinished,
    }
}

/// The trainee's home on the phone.
#[component]
pub fn MePage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Trainee]>
            <Home/>
        </Protected>
    }
}

#[component]
fn Home() -> impl IntoView {
    let locale = use_locale();
    let activated = use_query_map().read_untracked().get("activated").is_some();
    let home = Resource::new(|| (), |_| my_home());
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || home.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(h) => view! {
                <h1>{h.name.clone()}</h1>
                {activated.then(|| view! {
                    <p class="notice ok" role="status">{t(K::ActivatedYourName)}" "<strong>{h.username.clone()}</strong></p>
                })}
                <section class="card">
                    <h2>{t(K::ToDo)}</h2>
                    {if h.check_in_due.is_empty() && h.papers_due.is_empty() && h.surveys_due.is_empty() {
                        view! { <p class="muted">{t(K::NothingDue)}</p> }.into_any()
                    } else {
                        view! { <ul class="due">
                            {h.check_in_due.iter().map(|c| view! {
                                <li><strong>{c.course.title.clone()}</strong><br/>{t(K::CheckInOpenScan)}</li>
                            }).collect_view()}
                            {h.papers_due.iter().map(|p| view! {
                                <li>
                                    <a href=format!("/me/papers/{}", p.programme_id)><strong>{t(PK::PaperDueIn)}</strong></a>
                                    " · "{p.topic.clone()}<br/>
                                    {t(K::Deadline)}" "{format_shanghai(p.until)}
                                </li>
                            }).collect_view()}
                            {h.surveys_due.iter().map(|s| view! {
                                <li>
                                    <a href=format!("/me/surveys/{}", s.programme_id)><strong>{t(crate::i18n::SK::SurveyDue)}</strong></a>
                                    " · "{s.topic.clone()}
                                </li>
                            }).collect_view()}
                        </ul> }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{t(K::TodayCourses)}</h2>
                    {if h.today.is_empty() {
                        view! { <p class="muted">{t(K::NothingToday)}</p> }.into_any()
                    } else {
                        view! { <ol class="courses">{h.today.iter().map(course_item).collect_view()}</ol> }.into_any()
                    }}
                    {h.next.as_ref().map(|c| view! {
                        <h3>{t(K::NextCourse)}" · "{c.course.day.clone()}</h3>
                        <ol class="courses">{course_item(c)}</ol>
                    })}
                </section>
                <section class="card">
                    <h2>{t(K::MyProgrammes)}</h2>
                    {if h.programmes.is_empty() {
                        view! { <p>{t(K::NoProgrammesYet)}" "<a href="/plan">{t(K::AnnualPlan)}</a></p> }.into_any()
                    } else {
                        view! { <ul class="my-programmes">{h.programmes.iter().map(|p| {
                            let link = p.stage.admitted().then(|| format!("/me/programmes/{}", p.id));
                            view! { <li>
                                <strong>{p.topic.clone()}</strong>
                                <span class="badge">{t(stage_key(p.stage))}</span>
                                {p.result.map(|o| view! { " "<a class=format!("badge result {}", o.as_str()) href=format!("/me/programmes/{}#result-head", p.id)>{t(crate::i18n::AK::MyResult)}"："{t(crate::i18n::outcome_key(o))}</a> })}<br/>
                                {format!("{} – {} · {}", p.start_date, p.end_date, p.place)}<br/>
                                <span class="muted">{p.institution_name.clone()}</span>
                                {link.map(|l| view! { <br/><a class="button" href=l>{t(K::ViewSchedule)}</a> })}
                            </li> }
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }.into_any(),
        })}
        </Suspense>
        <crate::notifications::Notifications/>
    }
}

/// One course line: time, title, place, lecturers, and check-in state.
pub fn course_item(c: &MyCourse) -> impl IntoView {
    let lecturers = c
        .course
        .lecturers
        .iter()
        .map(|(_, n)| n.clone())
        .collect::<Vec<_>>()
        .join("、");
    let checked = c.checked_in_at.map(|at| shanghai_date_time(at).1);
    let current = c.current;
    let missed = c.ended && c.checked_in_at.is_none();
    view! {
        <li class:current=current aria-current=current.then_some("time")>
            <span class="time">{format!("{}–{}", c.course.start_time, c.course.end_time)}</span>
            {current.then(|| view! { " "<span class="badge">{t(K::NowOn)}</span> })}
            <br/><strong>{c.course.title.clone()}</strong>
            <br/><span class="muted">{c.course.place.clone()}{(!lecturers.is_empty()).then(|| format!(" · {lecturers}"))}" · "{c.course.class_hours}" "{t(K::ClassHours)}</span>
            {checked.map(|at| view! { <br/><span class="ok">{t(K::CheckedInAt)}" "{at}</span> })}
            {missed.then(|| view! { <br/><span class="muted">{t(K::NotCheckedIn)}</span> })}
        </li>
    }
}
