//! `/courseware`: the public catalogue of online courseware, searched by
//! year, field and words. Light: a plain GET form, no wasm. A lecture
//! shows only while every lecturer's consent is in force, judged on each
//! reading, so a revocation takes it out at once.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{CatalogueItem, CatalogueView};
use crate::error::AppError;
use crate::i18n::{lecturer_title_key, t, teaching_form_key, use_locale, K, WK};

#[server(endpoint = "courseware_catalogue")]
pub async fn courseware_catalogue(
    #[server(default)] year: String,
    #[server(default)] field: String,
    #[server(default)] q: String,
) -> Result<CatalogueView, AppError> {
    use super::{PublicLecturer, FIELD_MAX, QUERY_MAX, SHOWN_MAX, WORDS_MAX};
    use crate::domain::fold_width;
    use crate::server::policy;

    let visitor = crate::auth::guard::public(&policy::COURSEWARE_CATALOGUE).await?;
    let today = crate::domain::shanghai_date(visitor.state.clock.now());
    // Read without a transaction: a public page never queues for the one
    // writer SQLite has.
    let mut conn = visitor.state.db.pool.acquire().await?;
    let rows = super::repo::listed(&mut conn).await?;
    let mut people =
        super::repo::lecturers(&mut conn, super::repo::Of::Listed, &today.to_string()).await?;
    let mut all = Vec::new();
    for r in rows {
        let lecturers = people.remove(&r.course_id).unwrap_or_default();
        let Some(scope) = super::api::ssr::scope(&r.day, &lecturers, today) else {
            continue;
        };
        all.push(CatalogueItem {
            course_id: r.course_id,
            form: r.form(),
            field: r.field.unwrap_or_default(),
            title: r.title,
            day: r.day,
            class_hours: r.class_hours,
            topic: r.topic,
            year: r.year,
            institution: r.institution,
            lecturers: lecturers
                .into_iter()
                .map(|l| PublicLecturer {
                    name: l.name,
                    title: l.title,
                    affiliation: l.affiliation,
                })
                .collect(),
            scope,
        });
    }
    let mut years: Vec<i64> = all.iter().map(|i| i.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut fields: Vec<String> = all.iter().map(|i| i.field.clone()).collect();
    fields.sort();
    fields.dedup();
    // A year or field the catalogue does not hold is no filter: the form
    // would show "any" beside an empty list. Words are bounded here too,
    // whatever the page sent.
    let year = year
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|y| years.contains(y));
    let field: String = field.trim().chars().take(FIELD_MAX).collect();
    let field = if fields.contains(&field) {
        field
    } else {
        String::new()
    };
    let q: String = q.chars().take(QUERY_MAX).collect();
    let mut words: Vec<String> = fold_width(&q)
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    words.dedup();
    words.truncate(WORDS_MAX);
    let matching: Vec<CatalogueItem> = all
        .into_iter()
        .filter(|i| year.is_none_or(|y| i.year == y))
        .filter(|i| field.is_empty() || i.field == field)
        .filter(|i| {
            let text = searchable(i);
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();
    let matched = matching.len();
    Ok(CatalogueView {
        items: matching.into_iter().take(SHOWN_MAX).collect(),
        matched,
        years,
        fields,
    })
}

/// What the words of a search are looked for in.
#[cfg(feature = "ssr")]
fn searchable(i: &CatalogueItem) -> String {
    let mut text = format!("{} {} {} {}", i.title, i.topic, i.institution, i.field);
    for l in &i.lecturers {
        text.push(' ');
        text.push_str(&l.name);
        text.push(' ');
        text.push_str(&l.affiliation);
    }
    crate::domain::fold_width(&text).to_lowercase()
}

/// The query as asked, each value cut short: a link can carry anything.
fn asked() -> (String, String, String) {
    let query = use_query_map();
    let q = query.read();
    let take = |k: &str, n: usize| {
        q.get(k)
            .unwrap_or_default()
            .chars()
            .take(n)
            .collect::<String>()
    };
    (
        take("year", 4),
        take("field", super::FIELD_MAX),
        take("q", 60),
    )
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let locale = use_locale();
    let (year, field, q) = asked();
    let data = Resource::new(asked, |(y, f, q)| courseware_catalogue(y, f, q));
    view! {
        <h1>{t(WK::Catalogue)}</h1>
        <p class="hint">{t(WK::CatalogueIntro)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || crate::i18n::error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => {
                let (year, field, q) = (year.clone(), field.clone(), q.clone());
                view! {
                    <form method="get" action="/courseware" class="grid-form card" role="search">
                        <div class="field">
                            <label for="cw-year">{t(WK::Year)}</label>
                            <select id="cw-year" name="year">
                                <option value="">{t(WK::AnyYear)}</option>
                                {v.years.iter().map(|y| {
                                    let s = y.to_string();
                                    let selected = s == year;
                                    let label = s.clone();
                                    view! { <option value=s selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="cw-field">{t(WK::Field)}</label>
                            <select id="cw-field" name="field">
                                <option value="">{t(WK::AnyField)}</option>
                                {v.fields.iter().map(|f| {
                                    let selected = *f == field;
                                    view! { <option value=f.clone() selected=selected>{f.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field wide">
                            <label for="cw-q">{t(WK::Words)}</label>
                            <input id="cw-q" name="q" type="search" value=q maxlength=60 autocomplete="off"/>
                        </div>
                        <div class="actions wide">
                            <button type="submit" class="primary">{t(WK::Search)}</button>
                        </div>
                    </form>
                    {if v.years.is_empty() {
                        view! { <p role="status">{t(WK::EmptyCatalogue)}</p> }.into_any()
                    } else if v.matched == 0 {
                        view! { <p role="status">{t(WK::NoMatch)}" "<a href="/courseware">{t(WK::ClearSearch)}</a></p> }.into_any()
                    } else {
                        view! {
                            <p role="status">{move || WK::Matched.text(locale.get()).replace("{n}", &v.matched.to_string())}
                                {(v.matched > v.items.len()).then(|| view! { " "{t(WK::Refine)} })}
                            </p>
                        }.into_any()
                    }}
                    <ul class="catalogue">
                        {v.items.into_iter().map(|i| view! { <Item i/> }).collect_view()}
                    </ul>
                    <p class="hint">{t(WK::HowToWatch)}</p>
                }.into_any()
            }
        })}
        </Suspense>
    }
}

#[component]
fn Item(i: CatalogueItem) -> impl IntoView {
    let locale = use_locale();
    let form = i.form;
    let scope = i.scope;
    let lecturers = i.lecturers;
    view! {
        <li class="card">
            <h2>{i.title}</h2>
            <dl class="facts">
                <dt>{t(WK::Lecturers)}</dt>
                <dd><ul class="people">{lecturers.into_iter().map(|l| {
                    let title = l.title;
                    view! { <li>{l.name}" · "{move || lecturer_title_key(title).text(locale.get())}" · "{l.affiliation}</li> }
                }).collect_view()}</ul></dd>
                <dt>{t(WK::Field)}</dt><dd>{i.field}</dd>
                <dt>{t(K::ProgrammeTopic)}</dt><dd>{i.topic}" · "{i.year}</dd>
                <dt>{t(K::HostInstitution)}</dt><dd>{i.institution}</dd>
                <dt>{t(WK::Given)}</dt>
                <dd>{i.day}" · "{move || teaching_form_key(form).text(locale.get())}" · "
                    {move || WK::Hours.text(locale.get()).replace("{n}", &i.class_hours.to_string())}</dd>
                <dt>{t(WK::Scope)}</dt><dd>{move || crate::i18n::consent_scope_text(scope, locale.get())}</dd>
            </dl>
        </li>
    }
}
