use leptos::prelude::*;

use super::{my_work, Stage};
use crate::i18n::{stage_text, t, use_locale, work_text, K};

/// The home page's list of what waits for the signed-in user.
#[component]
pub fn WorkList() -> impl IntoView {
    let locale = use_locale();
    let work = Resource::new(|| (), |_| my_work());
    view! {
        <section class="card todo" aria-labelledby="todo-title">
            <h2 id="todo-title">{t(K::ToDo)}</h2>
            <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            {move || work.get().map(|r| match r {
                Ok(items) if items.is_empty() => view! { <p class="muted">{t(K::NothingToDo)}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="todo-list">
                        {items.into_iter().map(|i| {
                            let late = i.due.as_ref().is_some_and(|d| d.1 < 0);
                            let href = i.href.clone();
                            view! {
                                <li class:late=late>
                                    <a href=href>{move || work_text(&i, locale.get())}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! {
                    <p class="form-error" role="alert">{move || crate::i18n::error_text(&e, locale.get())}</p>
                }.into_any(),
            })}
            </Transition>
        </section>
    }
}

/// A programme's stage, coloured by state; late deadlines stand out.
#[component]
pub fn StageCell(stage: Option<Stage>) -> impl IntoView {
    let locale = use_locale();
    stage.map(|s| {
        let late = matches!(
            s,
            Stage::Preparing { days, .. } | Stage::Returned { days, .. } if days < 0
        );
        let class = format!(
            "stage stage-{}{}",
            s.code(),
            if late { " late" } else { "" }
        );
        view! { <span class=class>{move || stage_text(&s, locale.get())}</span> }
    })
}
