use leptos::prelude::*;

use super::{
    paper_overview, size_text, GrantExtension, PaperSet, PapersView, SetPaper, SubmissionRow,
};
use crate::domain::paper::{PaperType, Timeliness, PAPER_DEFAULT_MB, THEME_MAX};
use crate::domain::{format_shanghai, shanghai_date_time, Role};
use crate::i18n::{error_text, t, use_locale, K, PK};
use crate::ui::{error_of, param, FieldError, FormError, Protected, TableWrap, TextField};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's paper: the institution sets it and grants extensions;
/// every reader sees who submitted on time, late or not at all, and
/// downloads one paper or all of them.
#[component]
pub fn PapersPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Papers/>
        </Protected>
    }
}

pub fn timeliness_key(s: Timeliness) -> PK {
    match s {
        Timeliness::OnTime => PK::OnTime,
        Timeliness::Late => PK::Late,
        Timeliness::Missing => PK::Missing,
    }
}

#[component]
fn Papers() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let set = ServerAction::<SetPaper>::new();
    let grant = ServerAction::<GrantExtension>::new();
    let saved = crate::ui::success_count(move || crate::ui::succeeded(&set.value().get()));
    let granted = crate::ui::success_count(move || crate::ui::succeeded(&grant.value().get()));
    let data = Resource::new(
        move || (saved.get(), granted.get()),
        move |_| paper_overview(id),
    );
    view! {
        <crate::ui::Done ok=Signal::derive(move || crate::ui::succeeded(&set.value().get())) code="set" text=K::Saved/>
        <crate::ui::Done ok=Signal::derive(move || crate::ui::succeeded(&grant.value().get())) code="extended" text=K::Saved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a></p>
                <h1>{t(PK::Papers)}</h1>
                {v.may_edit.then(|| settings_form(set, id, v.set.clone()))}
                {(!v.may_edit).then(|| v.set.clone().map(settings_facts))}
                {v.set.is_some().then(|| submissions(&v, grant))}
            }.into_any(),
        })}
        </Transition>
    }
}

fn settings_facts(s: PaperSet) -> impl IntoView {
    let types = s
        .types
        .iter()
        .map(|t| t.as_str().to_uppercase())
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <dl class="facts card">
            <dt>{t(PK::Theme)}</dt><dd>{s.theme.clone()}</dd>
            <dt>{t(K::Deadline)}</dt><dd>{format_shanghai(s.deadline)}</dd>
            <dt>{t(PK::AcceptedTypes)}</dt><dd>{types}</dd>
            <dt>{t(PK::SizeCap)}</dt><dd>{size_text(s.max_bytes)}</dd>
        </dl>
    }
}

fn settings_form(
    action: ServerAction<SetPaper>,
    id: i64,
    current: Option<PaperSet>,
) -> impl IntoView {
    let error = Signal::derive(move || error_of(action.value().get()));
    let (date, time) = current
        .as_ref()
        .map(|s| shanghai_date_time(s.deadline))
        .unwrap_or_default();
    let has = |k: PaperType| current.as_ref().is_none_or(|s| s.types.contains(&k));
    let (pdf, docx) = (has(PaperType::Pdf), has(PaperType::Docx));
    let mb = current
        .as_ref()
        .map_or(PAPER_DEFAULT_MB, |s| s.max_bytes / crate::domain::paper::MB)
        .to_string();
    let theme = current.map(|s| s.theme).unwrap_or_default();
    view! {
        <section class="card">
            <h2>{t(PK::SetPaper)}</h2>
            <p class="hint">{t(PK::SetPaperHint)}</p>
            <ActionForm action>
                <FormError error/>
                <input type="hidden" name="programme_id" value=id/>
                <TextField label=PK::Theme name="theme" error value=theme maxlength=THEME_MAX/>
                <TextField label=K::DeadlineDate name="deadline_date" kind="date" error value=date/>
                <TextField label=K::DeadlineTime name="deadline_time" kind="time" error value=time/>
                <fieldset class="field" aria-describedby="types-error">
                    <legend>{t(PK::AcceptedTypes)}</legend>
                    <p class="hint">{t(PK::TypesHint)}</p>
                    <label class="check"><input type="checkbox" name="pdf" value="on" checked=pdf/><span>"PDF"</span></label>
                    <label class="check"><input type="checkbox" name="docx" value="on" checked=docx/><span>"DOCX（Word 文档，不含宏）"</span></label>
                    <FieldError error field="types"/>
                </fieldset>
                <TextField label=PK::SizeCapMb name="max_mb" kind="number" error value=mb maxlength=2/>
                <button type="submit" class="primary">{t(PK::SavePaper)}</button>
            </ActionForm>
        </section>
    }
}

fn submissions(v: &PapersView, grant: ServerAction<GrantExtension>) -> impl IntoView {
    let error = Signal::derive(move || error_of(grant.value().get()));
    let may_edit = v.may_edit;
    let id = v.programme_id;
    // An extension must end after the deadline and after now.
    let deadline = v.set.as_ref().map_or(0, |s| {
        crate::domain::paper::extension_floor(s.deadline, v.now)
    });
    let rows = (!v.rows.is_empty()).then(|| {
        v.rows
            .iter()
            .map(|r| row(r, may_edit, deadline, grant))
            .collect_view()
    });
    view! {
        <section class="card">
            <h2>{t(PK::Submissions)}</h2>
            <p>
                {t(PK::OnTime)}" "{v.count(Timeliness::OnTime)}" · "
                {t(PK::Late)}" "{v.count(Timeliness::Late)}" · "
                {t(PK::Missing)}" "{v.count(Timeliness::Missing)}
            </p>
            <p><a class="button" href=format!("/programmes/{id}/papers.zip") rel="external" download>{t(PK::DownloadAll)}</a></p>
            <FormError error/>
            <FieldError error field="until_date"/>
            <FieldError error field="until_time"/>
            <FieldError error field="reason"/>
            {match rows {
                None => view! { <p class="muted">{t(PK::NothingAdmitted)}</p> }.into_any(),
                Some(rows) => view! {
                    <TableWrap label=PK::Submissions><table>
                        <thead><tr>
                            <th>{t(K::DisplayNameLabel)}</th><th>{t(K::Employer)}</th><th>{t(K::Status)}</th>
                            <th>{t(PK::FileName)}</th><th>{t(PK::SubmittedAt)}</th><th>{t(PK::Versions)}</th><th>{t(PK::Extension)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table></TableWrap>
                }.into_any(),
            }}
        </section>
    }
}

fn row(
    r: &SubmissionRow,
    may_edit: bool,
    deadline: i64,
    grant: ServerAction<GrantExtension>,
) -> impl IntoView {
    let file = r.last.as_ref().map(|l| view! {
        <a href=format!("/papers/{}", l.id) rel="external">{l.file_name.clone()}</a>
        <br/><span class="muted">{size_text(l.size)}" · SHA-256 "{l.sha256[..12].to_owned()}"…"</span>
    });
    let at = r.last.as_ref().map(|l| format_shanghai(l.submitted_at));
    let extension = r.extension.as_ref().map(|(u, why)| {
        view! {
            {format_shanghai(*u)}<br/><span class="muted">{why.clone()}</span>
        }
    });
    let e = r.enrollment_id;
    let form = (may_edit && r.state != Timeliness::OnTime).then(|| view! {
        <details>
            <summary>{t(if r.extension.is_some() { PK::ChangeExtension } else { PK::GrantExtension })}</summary>
            <ActionForm action=grant attr:class="stacked">
                <p class="hint">{t(PK::ExtensionHint)}" "{format_shanghai(deadline)}</p>
                <input type="hidden" name="enrollment_id" value=e/>
                <label for=format!("until-date-{e}")>{t(PK::ExtendUntilDate)}</label>
                <input id=format!("until-date-{e}") type="date" name="until_date" min=shanghai_date_time(deadline).0 required/>
                <label for=format!("until-time-{e}")>{t(PK::ExtendUntilTime)}</label>
                <input id=format!("until-time-{e}") type="time" name="until_time" value="17:00" required/>
                <label for=format!("reason-{e}")>{t(PK::ExtensionReason)}</label>
                <input id=format!("reason-{e}") name="reason" maxlength=super::REASON_MAX required/>
                <button type="submit" class="button">{t(PK::GrantExtension)}</button>
            </ActionForm>
        </details>
    });
    view! {
        <tr>
            <td>{r.name.clone()}</td>
            <td>{r.employer.clone()}</td>
            <td>
                <span class=format!("badge {}", match r.state { Timeliness::OnTime => "ok", Timeliness::Late => "warn", Timeliness::Missing => "muted" })>{t(timeliness_key(r.state))}</span>
                {r.extension.is_some().then(|| view! { <span class="badge">{t(PK::Extended)}</span> })}
            </td>
            <td>{file}</td>
            <td>{at}</td>
            <td>{r.versions}</td>
            <td>{extension}{form}</td>
        </tr>
    }
}
