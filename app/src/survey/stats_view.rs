//! A survey's statistics on the page: per scored item the number of
//! answers, the mean, the share satisfied and the distribution as bars
//! drawn in SVG from the figures (no script), with the numbers beside
//! them for screen readers and print; choices counted; free texts listed
//! without author.

use leptos::prelude::*;

use super::{Figures, ItemStats};
use crate::domain::survey::{ScoreStats, SCALE};
use crate::i18n::{t, use_locale, Locale, SK};
use crate::ui::TableWrap;

const BAR_WIDTH: i64 = 160;
const ROW: i64 = 18;

/// Horizontal bars, one per (label, count), each as long as its share of
/// all the answers, so that bars of different charts compare.
fn bars(rows: Vec<(String, i64)>) -> impl IntoView {
    let total: i64 = rows.iter().map(|(_, n)| *n).sum();
    let most = total.max(1);
    let height = ROW * rows.len() as i64;
    let label = rows
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join("，");
    let drawn = rows
        .into_iter()
        .enumerate()
        .map(|(i, (l, n))| {
            let y = i as i64 * ROW;
            let w = n * BAR_WIDTH / most;
            // Rounded half up, as the table's shares are.
            let share = if total > 0 {
                (n * 200 + total) / (total * 2)
            } else {
                0
            };
            view! {
                <text x="0" y=y + 13 class="bar-label">{l}</text>
                <rect x="90" y=y + 3 width=w height="12" class="bar"></rect>
                <text x=94 + w y=y + 13 class="bar-value">{format!("{n} ({share}%)")}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="bars" role="img" aria-label=label width=BAR_WIDTH + 170 height=height
            viewBox=format!("0 0 {} {height}", BAR_WIDTH + 170)>
            {drawn}
        </svg>
    }
}

fn scale_rows(s: &ScoreStats, l: Locale) -> Vec<(String, i64)> {
    (1..=5)
        .rev()
        .map(|score| {
            let (zh, en) = SCALE[score - 1];
            let name = if l == Locale::En { en } else { zh };
            (format!("{score} {name}"), s.by_score[score - 1])
        })
        .collect()
}

fn score_table(rows: Vec<(String, ScoreStats)>, caption: SK) -> impl IntoView {
    let locale = use_locale();
    let l = locale.get_untracked();
    view! {
        <TableWrap label=caption><table class="survey-stats">
            <thead><tr>
                <th>{t(caption)}</th><th>{t(SK::Count)}</th><th>{t(SK::Mean)}</th>
                <th>{t(SK::Satisfied)}</th><th>{t(SK::Distribution)}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|(text, s)| view! {
                <tr>
                    <th scope="row">{text}</th>
                    <td>{s.count}</td>
                    <td>{s.mean_text()}</td>
                    <td>{s.satisfied_text()}</td>
                    <td>{bars(scale_rows(&s, l))}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></TableWrap>
    }
}

pub fn statistics(stats: Vec<ItemStats>) -> impl IntoView {
    let en = use_locale().get_untracked() == Locale::En;
    let mut items = Vec::new();
    let mut lecturers = Vec::new();
    let mut choices = Vec::new();
    let mut texts = Vec::new();
    for s in stats {
        let text = s.item.text.get(en).to_owned();
        match s.figures {
            Figures::Score(f) if s.item.key.starts_with('l') => lecturers.push((text, f)),
            Figures::Score(f) => items.push((text, f)),
            Figures::Choice(counts) => {
                let rows = s
                    .item
                    .options
                    .iter()
                    .map(|o| o.get(en).to_owned())
                    .zip(counts)
                    .collect::<Vec<_>>();
                choices.push((text, rows));
            }
            Figures::Text(list) => texts.push((text, list)),
        }
    }
    view! {
        {score_table(items, SK::Items)}
        {(!lecturers.is_empty()).then(|| view! {
            <h3>{t(SK::LecturerRatings)}</h3>
            {score_table(lecturers, SK::Lecturer)}
        })}
        {(!choices.is_empty()).then(|| view! {
            <h3>{t(SK::Choices)}</h3>
            {choices.into_iter().map(|(text, rows)| view! {
                <figure class="choice-stats">
                    <figcaption>{text}</figcaption>
                    {bars(rows)}
                </figure>
            }).collect_view()}
        })}
        <h3>{t(SK::Texts)}</h3>
        {texts.into_iter().map(|(text, list)| view! {
            <h4>{text}</h4>
            {if list.is_empty() {
                view! { <p class="muted">{t(SK::NoTexts)}</p> }.into_any()
            } else {
                view! { <ul class="comments">{list.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> }.into_any()
            }}
        }).collect_view()}
    }
}
