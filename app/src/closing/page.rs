use leptos::prelude::*;

use super::versions_page::versions;
use super::{
    closing, ClosingView, FileKind, FileView, RemoveClosingFile, ReviewClosing, SubmitClosing,
    SUMMARY_MAX,
};
use crate::domain::closing::{ClosingStatus, Refusal};
use crate::domain::{format_shanghai, Role};
use crate::error::AppError;
use crate::i18n::{error_text, problem_text, t, use_locale, JK, K};
use crate::ui::{error_of, param, ConfirmSubmit, FileForm, FormError, Protected, TextArea};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

type Upload = Action<web_sys::FormData, Result<i64, AppError>>;

/// A programme's closing: the countdown, the account it is sent with, the
/// files, every version sent with the province's decision, and for the
/// unit the form that sends the next one.
#[component]
pub fn ClosingPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <ClosingBody/>
        </Protected>
    }
}

#[component]
fn ClosingBody() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let submit = ServerAction::<SubmitClosing>::new();
    let review = ServerAction::<ReviewClosing>::new();
    let remove = ServerAction::<RemoveClosingFile>::new();
    // Uploads send a file, so they need the page's script (multipart).
    let scan: Upload = Action::new_local(|d: &web_sys::FormData| {
        let d = d.clone();
        async move { super::upload_closing_scan(d.into()).await }
    });
    let other: Upload = Action::new_local(|d: &web_sys::FormData| {
        let d = d.clone();
        async move { super::upload_closing_file(d.into()).await }
    });
    let notices = crate::ui::LastDone::new(vec![
        (
            Signal::derive(move || crate::ui::succeeded(&submit.value().get())),
            "sent",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&review.value().get())),
            "decided",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&remove.value().get())),
            "removed",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&scan.value().get())),
            "uploaded",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&other.value().get())),
            "uploaded_file",
        ),
    ]);
    let changed = notices.changed();
    let url = notices.url();

    let data = Resource::new(move || changed.get(), move |_| closing(id));
    // The send form is drawn once, so that reloading the rest after an
    // upload does not throw away a summary being typed.
    let first = Resource::new(|| (), move |_| closing(id));
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    view! {
        <crate::ui::Done ok=notices.said(&["sent"]) url code="sent" text=JK::Sent/>
        <crate::ui::Done ok=notices.said(&["decided"]) url code="decided" text=JK::Decided/>
        <crate::ui::Done ok=notices.said(&["removed"]) url code="removed" text=JK::Removed/>
        <crate::ui::Done ok=notices.said(&["uploaded", "uploaded_file"]) url code="uploaded" text=JK::Uploaded/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a></p>
                <h1>{t(JK::Closing)}</h1>
                <p class="hint">{t(JK::ClosingHint)}</p>
                {countdown(&v)}
                {notice(&v)}
                {account(&v)}
                {files(&v, remove, remove_error, scan, other)}
                {refusals(&v)}
                {versions(&v, review)}
            }.into_any(),
        })}
        </Transition>
        <Suspense fallback=|| ()>
        {move || first.get().and_then(Result::ok).filter(ClosingView::may_prepare).map(|v| {
            // A returned version's summary is the draft of the next.
            let summary = v.latest().map(|x| x.summary.clone()).unwrap_or_default();
            view! { <SendForm id submit summary/> }
        })}
        </Suspense>
    }
}

/// The programme page's word on its closing, once the programme has
/// ended: the countdown to the due day, where the latest version stands,
/// and the way to the closing page.
#[component]
pub fn ClosingSummary(v: ClosingView) -> impl IntoView {
    let id = v.programme_id;
    v.ended().then(|| {
        view! {
            <section class="card">
                <h2>{t(JK::Closing)}</h2>
                {countdown(&v)}
                {notice(&v)}
                <p><a href=format!("/programmes/{id}/closing")>{t(JK::ClosingNav)}</a></p>
            </section>
        }
    })
}

fn countdown(v: &ClosingView) -> impl IntoView {
    let locale = use_locale();
    let v = v.clone();
    move || {
        let l = locale.get();
        let accepted = v
            .versions
            .iter()
            .find(|x| x.status == ClosingStatus::Accepted)
            .and_then(|x| x.decided_at);
        let text = if let Some(at) = accepted {
            JK::ClosedOn.text(l).replace("{at}", &format_shanghai(at))
        } else if !v.ended() {
            format!(
                "{}{}",
                JK::NotEndedYet.text(l).replace("{end}", &v.end_date),
                JK::DueOn.text(l).replace("{due}", &v.due_date)
            )
        } else {
            let due = JK::DueOn.text(l).replace("{due}", &v.due_date);
            let sent = v
                .latest()
                .is_some_and(|x| x.status == ClosingStatus::Submitted);
            let left = match v.days_left {
                _ if sent => String::new(),
                0 => JK::DueToday.text(l).to_owned(),
                n if n > 0 => JK::DaysLeft.text(l).replace("{n}", &n.to_string()),
                n => JK::Overdue.text(l).replace("{n}", &(-n).to_string()),
            };
            format!("{due}{left}")
        };
        let late = v.days_left < 0
            && v.latest()
                .is_none_or(|x| x.status == ClosingStatus::Returned);
        view! { <p class=if late { "countdown warn" } else { "countdown" }>{text}</p> }
    }
}

/// Where the latest version stands, and for a returned one why.
fn notice(v: &ClosingView) -> impl IntoView {
    let locale = use_locale();
    let latest = v.latest().cloned();
    latest.and_then(|x| {
        let n = x.version;
        let (key, reason) = match x.status {
            ClosingStatus::Returned => (JK::ReturnedNotice, Some(x.reason.clone())),
            ClosingStatus::Submitted => (JK::AwaitingNotice, None),
            ClosingStatus::Accepted => return None,
        };
        Some(view! {
            <div class="live warn" role="note">
                <p>{move || key.text(locale.get()).replace("{n}", &n.to_string())}</p>
                {reason.filter(|r| !r.is_empty()).map(|r| view! {
                    <p class="pre"><strong>{t(JK::ReturnReason)}</strong>{r}</p>
                })}
            </div>
        })
    })
}

fn account(v: &ClosingView) -> impl IntoView {
    let locale = use_locale();
    let (n, spent, funds, id) = (v.lines, v.spent, v.funds, v.programme_id);
    let balanced = n > 0 && spent == funds;
    view! {
        <section class="card">
            <h2>{t(JK::Account)}</h2>
            <p>{move || JK::AccountFacts.text(locale.get())
                .replace("{n}", &n.to_string())
                .replace("{spent}", &crate::domain::yuan_text(spent))
                .replace("{funds}", &crate::domain::yuan_text(funds))}</p>
            {balanced.then(|| view! { <p class="live ok">{t(JK::Balanced)}</p> })}
            <p><a href=format!("/programmes/{id}/spending")>{t(JK::EditAccount)}</a></p>
        </section>
    }
}

fn file_item(
    f: FileView,
    open: bool,
    pid: i64,
    remove: ServerAction<RemoveClosingFile>,
) -> impl IntoView {
    let kind = match f.kind {
        FileKind::Scan => JK::Scan,
        FileKind::Other => JK::OtherFile,
    };
    let locale = use_locale();
    let size = format!(" {} KB", (f.size_bytes + 1023) / 1024);
    let pending = f.version.is_none();
    view! {
        <li>
            <span class="tag">{t(kind)}</span>
            <a href=format!("/closing-files/{}", f.id) rel="external" download>{f.file_name.clone()}</a>
            <span class="muted">{move || f.version.map(|n| format!(" {}", JK::VersionShort.text(locale.get()).replace("{n}", &n.to_string()))).unwrap_or_default()}{size.clone()}</span>
            {pending.then(|| view! { <span class="badge pending">{t(JK::Pending)}</span> })}
            {(pending && open).then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="programme_id" value=pid/>
                    <input type="hidden" name="file_id" value=f.id/>
                    <ConfirmSubmit label=JK::Remove question=JK::ConfirmRemove subject=f.file_name.clone() inline=true/>
                </ActionForm>
            })}
        </li>
    }
}

fn files(
    v: &ClosingView,
    remove: ServerAction<RemoveClosingFile>,
    remove_error: Signal<Option<AppError>>,
    scan: Upload,
    other: Upload,
) -> impl IntoView {
    let open = v.open();
    let pid = v.programme_id;
    let no_scan = v.refusals.contains(&Refusal::NoScan);
    view! {
        <section class="card">
            <h2>{t(JK::Files)}</h2>
            <ul class="attachments">
                {v.files.clone().into_iter().map(|f| file_item(f, open, pid, remove)).collect_view()}
            </ul>
            <FormError error=remove_error/>
            {(open && no_scan).then(|| view! { <p class="hint">{t(JK::NoScanYet)}</p> })}
            {open.then(|| view! {
                <FileForm programme=pid action=scan label=JK::Scan button=K::Upload accept="application/pdf,.pdf" input_id="closing-scan"/>
                <FileForm programme=pid action=other label=JK::OtherFile button=K::Upload accept="application/pdf,.pdf" input_id="closing-file"/>
            })}
        </section>
    }
}

/// What still stops the unit sending, for the unit.
fn refusals(v: &ClosingView) -> impl IntoView {
    let locale = use_locale();
    let list: Vec<Refusal> = v
        .refusals
        .iter()
        // The countdown says when it ends; a version sent is said above.
        .filter(|r| !matches!(r, Refusal::AlreadySent | Refusal::NotEnded { .. }))
        .cloned()
        .collect();
    (v.open() && !list.is_empty()).then(|| {
        view! {
            <div class="hint" role="note">
                <p><strong>{t(JK::StillNeeded)}</strong></p>
                <ul>{list.into_iter().map(|r| {
                    let p = crate::error::Problem::Close(r);
                    view! { <li>{move || problem_text(&p, locale.get())}</li> }
                }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
fn SendForm(id: i64, submit: ServerAction<SubmitClosing>, summary: String) -> impl IntoView {
    let error = Signal::derive(move || error_of(submit.value().get()));
    let sent = Signal::derive(move || crate::ui::succeeded(&submit.value().get()));
    move || {
        let draft = summary.clone();
        (!sent.get()).then(|| {
            view! {
                <section class="card">
                    <h2>{t(JK::Send)}</h2>
                    <ActionForm action=submit attr:class="grid-form">
                        <FormError error/>
                        <input type="hidden" name="programme_id" value=id/>
                        <p class="hint wide">{t(JK::SummaryHint)}</p>
                        <TextArea label=JK::Summary name="summary" error maxlength=SUMMARY_MAX rows=8 value=draft.clone()/>
                        <ConfirmSubmit label=JK::Send question=JK::ConfirmSend/>
                    </ActionForm>
                </section>
            }
        })
    }
}
