use leptos::prelude::*;

use super::{course_roster, programme_attendance, MarkPresent};
use crate::domain::{format_shanghai, shanghai_date_time, Role};
use crate::i18n::{error_text, t, use_locale, K};
use crate::ui::{error_of, param, FieldError, FormError, Protected, TableWrap};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's courses with their check-ins, and each trainee's attended
/// class hours.
#[component]
pub fn AttendancePage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Attendance/>
        </Protected>
    }
}

#[component]
fn Attendance() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let data = Resource::new(|| (), move |_| programme_attendance(id));
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a></p>
                <h1>{t(K::Attendance)}</h1>
                <section class="card">
                    <h2>{t(K::Schedule)}</h2>
                    <TableWrap label=K::Schedule><table>
                        <thead><tr><th>{t(K::Day)}</th><th>{t(K::Time)}</th><th>{t(K::CourseTitle)}</th><th>{t(K::ClassHours)}</th><th>{t(K::CheckedInCount)}</th><th>{t(K::Actions)}</th></tr></thead>
                        <tbody>{v.courses.iter().map(|(c, n)| view! {
                            <tr>
                                <td>{c.day.clone()}</td>
                                <td>{format!("{}–{}", c.start_time, c.end_time)}</td>
                                <td>{c.title.clone()}</td>
                                <td>{c.class_hours}</td>
                                <td>{format!("{n} / {}", v.admitted)}</td>
                                <td>
                                    <a href=format!("/programmes/{id}/courses/{}", c.id)>{t(K::CourseRoster)}</a>
                                    {v.may_project.then(|| view! { " · "<a href=format!("/programmes/{id}/courses/{}/code", c.id)>{t(K::ProjectCode)}</a> })}
                                </td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table></TableWrap>
                </section>
                <section class="card">
                    <h2>{t(K::HoursPerTrainee)}</h2>
                    <TableWrap label=K::HoursPerTrainee><table>
                        <thead><tr><th>{t(K::DisplayNameLabel)}</th><th>{t(K::AttendedOf)}</th></tr></thead>
                        <tbody>{v.trainees.iter().map(|(name, h)| view! {
                            <tr><td>{name.clone()}</td><td>{format!("{h} / {}", v.total_hours)}</td></tr>
                        }).collect_view()}</tbody>
                    </table></TableWrap>
                </section>
            }.into_any(),
        })}
        </Transition>
    }
}

/// One course's roster, refreshed every five seconds while the page is
/// open; the institution marks people present with a reason.
#[component]
pub fn CourseRosterPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Roster/>
        </Protected>
    }
}

#[component]
fn Roster() -> impl IntoView {
    let locale = use_locale();
    let programme = param("id");
    let id = param("course");
    let mark = ServerAction::<MarkPresent>::new();
    let (tick, set_tick) = signal(0u32);
    let marked = crate::ui::success_count(move || crate::ui::succeeded(&mark.value().get()));
    let data = Resource::new(
        move || (tick.get(), marked.get()),
        move |_| course_roster(id),
    );
    // Asks again only while check-in is open: before and after, nothing
    // changes by itself.
    every_seconds(5, move || {
        let open = data
            .get_untracked()
            .and_then(Result::ok)
            .is_some_and(|v| v.open);
        if open {
            set_tick.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || error_of(mark.value().get()));
    // The rows outside the head's closure: a refresh re-renders only rows
    // whose check-in changed, so a reason being typed in another row stays.
    let rows = move || {
        data.get()
            .and_then(Result::ok)
            .map(|v| {
                let may_mark = v.may_mark;
                v.rows
                    .into_iter()
                    .map(|r| (may_mark, r))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <crate::ui::Done ok=Signal::derive(move || crate::ui::succeeded(&mark.value().get())) code="marked" text=K::Saved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => {
                let checked = v.rows.iter().filter(|r| r.at.is_some()).count();
                view! {
                <p><a href=format!("/programmes/{programme}/attendance")>{t(K::Attendance)}</a></p>
                <h1>{v.course.title.clone()}</h1>
                <dl class="facts">
                    <dt>{t(K::Time)}</dt><dd>{format!("{} {}–{}", v.course.day, v.course.start_time, v.course.end_time)}</dd>
                    <dt>{t(K::CheckInWindow)}</dt><dd>{format!("{} – {}", format_shanghai(v.course.opens), format_shanghai(v.course.closes))}</dd>
                    <dt>{t(K::CheckedInCount)}</dt><dd>{format!("{checked} / {}", v.rows.len())}</dd>
                </dl>
                {v.open.then(|| view! { <p class="muted">{t(K::RefreshesItself)}</p> })}
            }.into_any() }
        })}
        <FormError error/>
        <FieldError error field="reason"/>
        <TableWrap label=K::CourseRoster><table>
            <thead><tr><th>{t(K::DisplayNameLabel)}</th><th>{t(K::Employer)}</th><th>{t(K::CheckIn)}</th></tr></thead>
            <tbody>
            <For each=rows key=|(_, r)| (r.enrollment_id, r.at) let:row>
                {
                    let (may_mark, r) = row;
                    view! {
                    <tr>
                        <td>{r.name.clone()}</td>
                        <td>{r.employer.clone()}</td>
                        <td>{match r.at {
                            Some(at) if r.manual => view! {
                                <span class="badge">{t(K::MarkedAt)}" "{shanghai_date_time(at).1}</span>" "{r.reason.clone()}
                            }.into_any(),
                            Some(at) => view! { <span class="ok">{shanghai_date_time(at).1}</span> }.into_any(),
                            None if may_mark => {
                                let input_id = format!("reason-{}", r.enrollment_id);
                                view! {
                                    <ActionForm action=mark attr:class="inline">
                                        <input type="hidden" name="course_id" value=id/>
                                        <input type="hidden" name="enrollment_id" value=r.enrollment_id/>
                                        <label for=input_id.clone()>{t(K::MarkReason)}</label>
                                        <input id=input_id name="reason" maxlength=super::REASON_MAX required/>
                                        <button type="submit">{t(K::MarkPresent)}</button>
                                    </ActionForm>
                                }.into_any()
                            }
                            None => view! { <span class="muted">{t(K::NotCheckedIn)}</span> }.into_any(),
                        }}</td>
                    </tr>
                    }
                }
            </For>
            </tbody>
        </table></TableWrap>
        </Transition>
    }
}

/// Runs `f` every `seconds` in the browser while the component lives.
pub fn every_seconds(seconds: u64, f: impl Fn() + Clone + 'static) {
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            let f = f.clone();
            if let Ok(handle) = set_interval_with_handle(f, std::time::Duration::from_secs(seconds))
            {
                on_cleanup(move || handle.clear());
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (seconds, f);
    }
}
