use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::my_checkin;
use crate::domain::{format_shanghai, shanghai_date_time, Role};
use crate::i18n::{error_text, t, use_locale, K};
use crate::ui::Protected;

/// Where a scan lands: checked in at a time, or why not.
#[component]
pub fn MyCheckinPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Trainee]>
            <Outcome/>
        </Protected>
    }
}

fn refusal_key(code: &str) -> K {
    match code {
        "not_yet" => K::RefusedNotYet,
        "over" => K::RefusedOver,
        "expired" => K::RefusedExpired,
        "not_admitted" => K::RefusedNotAdmitted,
        _ => K::RefusedForged,
    }
}

#[component]
fn Outcome() -> impl IntoView {
    let locale = use_locale();
    let id = crate::ui::param("course");
    let refused = use_query_map().read_untracked().get("refused");
    let course = Resource::new(|| (), move |_| my_checkin(id));
    view! {
        <section class="card narrow">
        <h1>{t(K::CheckIn)}</h1>
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || {
            let refused = refused.clone();
            course.get().map(|r| {
                let found = r.as_ref().ok().cloned();
                let head = found.as_ref().map(|c| view! {
                    <p><strong>{c.course.title.clone()}</strong><br/>
                    {format!("{} {}–{} · {}", c.course.day, c.course.start_time, c.course.end_time, c.course.place)}</p>
                });
                let checked = found.as_ref().and_then(|c| c.checked_in_at);
                let outcome = match (checked, refused, &r) {
                    (Some(at), _, _) => view! {
                        <p class="notice ok" role="status">{t(K::CheckedInAt)}" "<strong>{shanghai_date_time(at).1}</strong></p>
                    }.into_any(),
                    (None, Some(code), _) => {
                        let opens = (code == "not_yet").then(|| found.as_ref().map(|c| {
                            crate::domain::checkin::Window::of(&c.course.day, &c.course.start_time, &c.course.end_time)
                                .map(|w| format_shanghai(w.opens)).unwrap_or_default()
                        })).flatten();
                        view! { <p class="form-error" role="alert">{t(refusal_key(&code))}{opens.map(|o| format!(" {o}"))}</p> }.into_any()
                    }
                    (None, None, Err(e)) => { let e = e.clone(); view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any() }
                    (None, None, Ok(_)) => view! { <p>{t(K::NotCheckedIn)}</p> }.into_any(),
                };
                view! { {head}{outcome} }
            })
        }}
        </Suspense>
        <p><a href="/me">{t(K::MyProgrammes)}</a></p>
        </section>
    }
}
