//! Every version of a programme's closing as sent, with the province's
//! decision, the lines it froze, its package, and for a version awaiting
//! review the admin's form.

use leptos::prelude::*;

use super::{ClosingView, ReviewClosing, VersionView, SUMMARY_MAX};
use crate::domain::closing::ClosingStatus;
use crate::domain::format_shanghai;
use crate::domain::yuan_text as yuan;
use crate::i18n::{closing_status_key, t, use_locale, JK};
use crate::ui::{error_of, ConfirmSubmit, FormError, SelectField, TextArea};

fn version_item(
    programme: i64,
    x: VersionView,
    review: Option<ServerAction<ReviewClosing>>,
) -> impl IntoView {
    let locale = use_locale();
    let status = closing_status_key(x.status);
    let sent = format!("{} · {}", x.submitted_by, format_shanghai(x.submitted_at));
    let decided = x
        .decided_by
        .clone()
        .zip(x.decided_at)
        .map(|(who, at)| format!("{who} · {}", format_shanghai(at)));
    let (n, spent, funds) = (x.lines, x.spent, x.funds);
    let frozen = move || {
        JK::Frozen
            .text(locale.get())
            .replace("{n}", &n.to_string())
            .replace("{spent}", &yuan(spent))
            .replace("{funds}", &yuan(funds))
    };
    let reason = x.reason.clone();
    let version = x.version;
    view! {
        <li>
            <h3>
                {move || JK::Version.text(locale.get()).replace("{n}", &version.to_string())}
                <span class=format!("badge {}", x.status.as_str())>{t(status)}</span>
                {x.late.then(|| view! { <span class="badge rejected">{t(JK::Late)}</span> })}
            </h3>
            <p class="muted">{t(JK::SentBy)}{sent}</p>
            <p>
                <a href=format!("/programmes/{programme}/closing/{version}/package.zip") rel="external" download>
                    {move || JK::Package.text(locale.get()).replace("{n}", &version.to_string())}
                </a>
                " "<span class="muted">{t(JK::PackageHint)}</span>
            </p>
            <p>{frozen}</p>
            <details>
                <summary>{t(JK::Summary)}</summary>
                <p class="pre">{x.summary.clone()}</p>
            </details>
            {(!x.items.is_empty()).then(|| {
                let items = x.items.clone();
                let label = move || JK::FrozenLines.text(locale.get()).replace("{n}", &version.to_string());
                view! {
                    <details>
                        <summary>{label}</summary>
                        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
                            {crate::spending::frozen_lines(items)}
                        </div>
                    </details>
                }
                .into_any()
            })}
            {decided.map(|d| view! { <p class="muted">{t(JK::DecidedBy)}{d}</p> })}
            {(!reason.is_empty()).then(|| view! { <p class="reason pre"><strong>{t(JK::ReturnReason)}</strong>{reason.clone()}</p> })}
            {review.map(|r| view! { <ReviewForm id=x.id review=r/> })}
        </li>
    }
    .into_any()
}

pub(super) fn versions(v: &ClosingView, review: ServerAction<ReviewClosing>) -> impl IntoView {
    let may_review = v.may_review;
    let programme = v.programme_id;
    let items = v
        .versions
        .clone()
        .into_iter()
        .map(|x| {
            let r = (may_review && x.status == ClosingStatus::Submitted).then_some(review);
            version_item(programme, x, r)
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t(JK::Versions)}</h2>
            {v.versions.is_empty().then(|| view! { <p class="muted">{t(JK::NoVersions)}</p> })}
            <ul class="history closings">{items}</ul>
        </section>
    }
}

#[component]
fn ReviewForm(id: i64, review: ServerAction<ReviewClosing>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(review.value().get()));
    let decisions = Signal::derive(move || {
        [
            ("", JK::ChooseDecision),
            ("true", JK::Accept),
            ("false", JK::Return),
        ]
        .iter()
        .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
        .collect::<Vec<_>>()
    });
    view! {
        <ActionForm action=review attr:class="grid-form">
            <FormError error/>
            <input type="hidden" name="id" value=id/>
            <SelectField label=JK::Decision name="accept" error options=decisions id_prefix="r-"/>
            <TextArea label=JK::Reason name="reason" error maxlength=SUMMARY_MAX rows=3 id_prefix="r-"/>
            <ConfirmSubmit label=JK::RecordDecision question=JK::ConfirmDecision/>
        </ActionForm>
    }
}
