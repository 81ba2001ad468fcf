//! Every filed version in full, and what changed from the one before, so
//! that whoever acknowledges, returns or inspects a filing reads it first.

use leptos::prelude::*;

use crate::domain::format_shanghai;
use crate::i18n::{filing_status_key, quota_text, use_locale, Locale, K};
use crate::prep::FilingView;

/// The parts of a filing as (label, text), in the order of the form.
fn parts(f: &FilingView, l: Locale) -> Vec<(K, String)> {
    vec![
        (K::Objectives, f.objectives.clone()),
        (K::Content, f.content.clone()),
        (K::OrganisationText, f.organisation.clone()),
        (K::BudgetText, f.budget_text.clone()),
        (K::Eligibility, f.eligibility.clone()),
        (
            K::Quota,
            quota_text(f.quota, f.quota_in_province, f.quota_out_province, l),
        ),
        (K::HowToApply, f.how_to_apply.clone()),
        (K::ApplyUntil, f.apply_until.clone()),
        (K::ClassHours, f.schedule_hours.to_string()),
    ]
}

/// Labels of the parts that differ between two versions.
pub fn changed(older: &FilingView, newer: &FilingView) -> Vec<K> {
    parts(older, Locale::Zh)
        .into_iter()
        .zip(parts(newer, Locale::Zh))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect()
}

/// Versions newest first; the newest is open.
#[component]
pub fn FilingVersions(filings: Vec<FilingView>) -> impl IntoView {
    let locale = use_locale();
    let n = filings.len();
    (n > 0).then(|| {
        view! {
            <div class="filing-versions">
                {filings.iter().enumerate().map(|(i, f)| {
                    let older = filings.get(i + 1).cloned();
                    let f = f.clone();
                    let diff = older.as_ref().map(|o| (o.clone(), changed(o, &f)));
                    let head = f.clone();
                    let newest = i == 0;
                    view! {
                        <details class="filing-version" open=newest>
                            <summary>{move || version_title(&head, locale.get())}</summary>
                            {diff.map(|(o, keys)| view! { <Diff older=o newer=f.clone() keys/> })}
                            <dl class="facts filing-text">
                                {move || parts(&f, locale.get()).into_iter().map(|(k, text)| view! {
                                    <dt>{k.text(locale.get())}</dt><dd class="pre">{text}</dd>
                                }).collect_view()}
                            </dl>
                        </details>
                    }
                }).collect_view()}
            </div>
        }
    })
}

fn version_title(f: &FilingView, l: Locale) -> String {
    let status = filing_status_key(f.status).text(l);
    match l {
        Locale::Zh => format!(
            "第 {} 版 · {} 报送 · {status}",
            f.version,
            format_shanghai(f.filed_at)
        ),
        Locale::En => format!(
            "Version {} · filed {} · {status}",
            f.version,
            format_shanghai(f.filed_at)
        ),
    }
}

/// What changed from the previous version: each part with before and after.
#[component]
fn Diff(older: FilingView, newer: FilingView, keys: Vec<K>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let l = locale.get();
        let before = parts(&older, l);
        let after = parts(&newer, l);
        let title = match l {
            Locale::Zh => format!("与第 {} 版相比", older.version),
            Locale::En => format!("Changes from version {}", older.version),
        };
        if keys.is_empty() {
            let same = match l {
                Locale::Zh => "以下各项均未改动",
                Locale::En => "None of the parts below changed",
            };
            return view! { <div class="diff"><h3>{title}</h3><p class="muted">{same}</p></div> }
                .into_any();
        }
        view! {
            <div class="diff">
                <h3>{title}</h3>
                <dl>
                    {keys.iter().map(|k| {
                        let old = before.iter().find(|p| p.0 == *k).map(|p| p.1.clone()).unwrap_or_default();
                        let new = after.iter().find(|p| p.0 == *k).map(|p| p.1.clone()).unwrap_or_default();
                        view! {
                            <dt>{k.text(l)}</dt>
                            <dd>
                                <del class="pre"><span class="diff-label">{K::Before.text(l)}</span>{old}</del>
                                <ins class="pre"><span class="diff-label">{K::After.text(l)}</span>{new}</ins>
                            </dd>
                        }
                    }).collect_view()}
                </dl>
            </div>
        }
        .into_any()
    }
}
