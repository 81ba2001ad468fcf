use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{my_paper, size_text, MyPaperView, Receipt, Refused};
use crate::domain::paper::PaperType;
use crate::domain::{format_shanghai, Role};
use crate::i18n::{error_text, t, use_locale, K, PK};
use crate::ui::Protected;

/// The trainee's paper for one programme: what is asked and by when, the
/// upload form (a plain multipart post; a small script adds a progress
/// bar), the receipt of the last submission, and every version.
#[component]
pub fn MyPaperPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Trainee]>
            <Paper/>
        </Protected>
    }
}

fn refusal_key(r: Refused) -> PK {
    match r {
        Refused::NotSet => PK::RefusedNotSet,
        Refused::Closed => PK::RefusedClosed,
        Refused::TooLarge => PK::RefusedTooLarge,
        Refused::WrongType => PK::RefusedWrongType,
        Refused::Empty => PK::RefusedEmpty,
        Refused::Busy => PK::RefusedBusy,
        Refused::TooMany => PK::RefusedTooMany,
    }
}

#[component]
fn Paper() -> impl IntoView {
    let locale = use_locale();
    let id = crate::ui::param("id");
    let query = use_query_map().read_untracked();
    let receipt = query.get("receipt").and_then(|v| v.parse::<i64>().ok());
    let refused = query.get("refused").as_deref().and_then(Refused::parse);
    let data = Resource::new(|| (), move |_| my_paper(id));
    view! {
        <p><a href="/me">{t(K::MyProgrammes)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => page(v, receipt, refused).into_any(),
        })}
        </Suspense>
    }
}

fn page(v: MyPaperView, receipt: Option<i64>, refused: Option<Refused>) -> impl IntoView {
    let fresh = receipt.and_then(|n| v.versions.iter().find(|r| r.version == n).cloned());
    let schedule = format!("/me/programmes/{}", v.programme_id);
    view! {
        <h1>{t(PK::Paper)}</h1>
        <p><a href=schedule>{v.topic.clone()}</a></p>
        {fresh.map(|r| view! {
            <section class="notice ok receipt" role="status">
                <p><strong>{t(PK::ReceiptTitle)}</strong></p>
                {receipt_facts(&r)}
            </section>
        })}
        {refused.map(|r| view! { <p class="form-error" role="alert">{t(refusal_key(r))}</p> })}
        {match v.set.clone() {
            None => view! { <p class="card">{t(PK::NotSetYet)}</p> }.into_any(),
            Some(set) => {
                let types = set.types.iter().map(|t| t.as_str().to_uppercase()).collect::<Vec<_>>().join("、");
                let left = days_left(v.now, v.extension.unwrap_or(0).max(set.deadline));
                view! {
                    <dl class="facts">
                        <dt>{t(PK::Theme)}</dt><dd>{set.theme.clone()}</dd>
                        <dt>{t(K::Deadline)}</dt><dd>{format_shanghai(set.deadline)}" "{left}</dd>
                        {v.extension.map(|u| view! { <dt>{t(PK::ExtendedUntil)}</dt><dd>{format_shanghai(u)}</dd> })}
                        <dt>{t(PK::AcceptedTypes)}</dt><dd>{types}</dd>
                        <dt>{t(PK::SizeCap)}</dt><dd>{size_text(set.max_bytes)}</dd>
                    </dl>
                    {if v.may_submit {
                        upload_form(v.programme_id, &set.types, !v.versions.is_empty()).into_any()
                    } else {
                        view! { <p class="notice">{t(PK::ClosedNotice)}</p> }.into_any()
                    }}
                }.into_any()
            }
        }}
        <section class="card">
            <h2>{t(PK::MyVersions)}</h2>
            {if v.versions.is_empty() {
                view! { <p class="muted">{t(PK::NoVersions)}</p> }.into_any()
            } else {
                view! { <ul class="versions">{v.versions.iter().enumerate().map(|(i, r)| view! {
                    <li>
                        {(i == 0).then(|| view! { <span class="badge ok">{t(PK::ThisOneCounts)}</span> })}
                        {r.late.then(|| view! { <span class="badge">{t(PK::LateWithExtension)}</span> })}
                        {receipt_facts(r)}
                        <a class="button" href=format!("/papers/{}", r.id) rel="external">{t(PK::Download)}</a>
                    </li>
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// "还有 3 天" / "今天截止" / "已截止", in brackets after the deadline.
fn days_left(now: i64, until: i64) -> impl IntoView {
    let today = crate::domain::shanghai_date(now);
    // A deadline at 00:00 ends the day before.
    let last = crate::domain::shanghai_date(until - 1);
    let days = (last - today).num_days();
    match (now < until, days) {
        (false, _) => view! { "（"{t(PK::Closed)}"）" }.into_any(),
        (true, 0) => view! { "（"{t(PK::DueToday)}"）" }.into_any(),
        (true, n) => view! { "（"{n}" "{t(PK::DaysLeft)}"）" }.into_any(),
    }
}

fn receipt_facts(r: &Receipt) -> impl IntoView {
    let locale = use_locale();
    let n = r.version;
    view! {
        <dl class="facts">
            <dt>{t(PK::Version)}</dt><dd>{move || PK::VersionN.text(locale.get()).replace("{n}", &n.to_string())}</dd>
            <dt>{t(PK::FileName)}</dt><dd>{r.file_name.clone()}</dd>
            <dt>{t(PK::FileSize)}</dt><dd>{size_text(r.size)}</dd>
            <dt>"SHA-256"</dt><dd class="hash">{r.sha256.clone()}</dd>
            <dt>{t(PK::SubmittedAt)}</dt><dd>{format_shanghai(r.submitted_at)}</dd>
        </dl>
    }
}

fn upload_form(programme: i64, types: &[PaperType], again: bool) -> impl IntoView {
    let accept = PaperType::accept(types);
    view! {
        <form class="card paper-upload" method="post" action=format!("/me/papers/{programme}")
            enctype="multipart/form-data" data-progress="paper-progress" data-failed=t(PK::UploadFailed)>
            <div class="field">
                <label for="paper-file">{t(PK::ChooseFile)}</label>
                <input id="paper-file" type="file" name="file" accept=accept required/>
            </div>
            <p class="hint">{t(PK::ReplaceHint)}</p>
            <div id="paper-progress" class="progress" hidden>
                <progress max="100" value="0" aria-label=t(PK::Uploading)></progress>
                <span role="status">{t(PK::Uploading)}</span>
            </div>
            <button type="submit" class="primary">{t(if again { PK::SubmitNewVersion } else { PK::SubmitPaper })}</button>
        </form>
        <script src="/paper-upload.js" defer></script>
    }
}
