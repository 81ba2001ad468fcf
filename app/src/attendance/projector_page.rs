use leptos::prelude::*;

use super::attendance_page::every_seconds;
use super::checkin_code;
use crate::domain::{format_shanghai, Role};
use crate::i18n::{error_text, t, use_locale, K};
use crate::ui::{param, Protected};

/// Shown on the classroom's projector: the check-in code, which the server
/// replaces every 30 seconds, and how many have checked in. The page asks
/// for the code again when the current one runs out, and every 5 seconds
/// for the count.
#[component]
pub fn ProjectorPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Institution]>
            <Projector/>
        </Protected>
    }
}

#[component]
fn Projector() -> impl IntoView {
    let locale = use_locale();
    let programme = param("id");
    let id = param("course");
    let (fetches, set_fetches) = signal(0u32);
    let (left, set_left) = signal(30i64);
    let code = Resource::new(move || fetches.get(), move |_| checkin_code(id));
    Effect::new(move |_| {
        if let Some(Ok(c)) = code.get() {
            set_left.set(c.seconds_left);
        }
    });
    // Each second: count down; fetch anew when the code runs out, and every
    // fifth second for the count.
    every_seconds(1, move || {
        let now = left.get_untracked() - 1;
        set_left.set(now.max(0));
        if now <= 0 || now % 5 == 0 {
            set_fetches.update(|n| *n += 1);
        }
    });
    view! {
        <p class="no-print"><a href=format!("/programmes/{programme}/attendance")>{t(K::Attendance)}</a></p>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || code.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(c) => view! {
                <section class="projector">
                    <h1>{c.course.title.clone()}</h1>
                    <p>{format!("{} {}–{} · {}", c.course.day, c.course.start_time, c.course.end_time, c.course.place)}</p>
                    {match c.svg.clone() {
                        Some(svg) => view! {
                            <p class="lead">{t(K::ScanToCheckIn)}</p>
                            <div class="qr" inner_html=svg></div>
                            <p>{t(K::CodeChangesBefore)}" "<span class="countdown">{move || left.get()}</span>" "{t(K::CodeChangesAfter)}</p>
                        }.into_any(),
                        None => view! {
                            <p class="notice">{t(K::CheckInNotOpen)}</p>
                            <p>{t(K::CheckInWindow)}" "{format!("{} – {}", format_shanghai(c.course.opens), format_shanghai(c.course.closes))}</p>
                        }.into_any(),
                    }}
                    <p class="count" role="status">{t(K::CheckedInCount)}" "<strong>{format!("{} / {}", c.checked_in, c.admitted)}</strong></p>
                </section>
            }.into_any(),
        })}
        </Transition>
    }
}
