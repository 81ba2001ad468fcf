use leptos::prelude::*;

use super::{
    completion_overview, CertificateRow, CompletionView, IssueCertificates, RegisterRow,
    RegisterVersion, ReissueCertificate, ReviewRegister, RevokeCertificate, SubmitRegister,
};
use crate::domain::certificate::RegisterStatus;
use crate::domain::{format_shanghai, Role};
use crate::i18n::{
    error_text, grade_key, level_text, outcome_key, register_status_key, t, use_locale, AK, CK, K,
};
use crate::ui::{
    error_of, param, succeeded, success_count, ConfirmSubmit, Done, FormError, Protected,
};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// `/programmes/:id/completion`: the unit submits the completion register
/// from the published results, the admin approves or returns it and
/// issues, revokes or reissues certificates; the institution and
/// inspectors follow.
#[component]
pub fn CompletionPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Completion/>
        </Protected>
    }
}

type Import = Action<web_sys::FormData, Result<usize, crate::error::AppError>>;

#[derive(Clone, Copy)]
struct Actions {
    submit: ServerAction<SubmitRegister>,
    review: ServerAction<ReviewRegister>,
    issue: ServerAction<IssueCertificates>,
    revoke: ServerAction<RevokeCertificate>,
    reissue: ServerAction<ReissueCertificate>,
    // Importing sends a file, so it needs the page's script (multipart).
    import: Import,
}

#[component]
fn Completion() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let role = expect_context::<crate::auth::CurrentUser>().role;
    let a = Actions {
        submit: ServerAction::new(),
        review: ServerAction::new(),
        issue: ServerAction::new(),
        revoke: ServerAction::new(),
        reissue: ServerAction::new(),
        import: Action::new_local(|data: &web_sys::FormData| {
            let data = data.clone();
            async move { super::import_national_numbers(data.into()).await }
        }),
    };
    // One count per action: a single `a || b` would stop reading (and
    // tracking) the later actions once an earlier one had succeeded, and
    // the page would not reload after approving, then issuing.
    let changed = [
        success_count(move || succeeded(&a.submit.value().get())),
        success_count(move || succeeded(&a.review.value().get())),
        success_count(move || succeeded(&a.issue.value().get())),
        success_count(move || succeeded(&a.revoke.value().get())),
        success_count(move || succeeded(&a.reissue.value().get())),
        success_count(move || succeeded(&a.import.value().get())),
    ];
    let data = Resource::new(
        move || changed.iter().map(|c| c.get()).sum::<u32>(),
        move |_| completion_overview(id),
    );
    view! {
        <Done ok=Signal::derive(move || succeeded(&a.submit.value().get())) code="submitted" text=K::RegisterSubmittedDone/>
        <Done ok=Signal::derive(move || succeeded(&a.review.value().get())) code="reviewed" text=K::RegisterReviewedDone/>
        <Done ok=Signal::derive(move || succeeded(&a.issue.value().get())) code="issued" text=K::CertificatesIssuedDone/>
        <Done ok=Signal::derive(move || succeeded(&a.import.value().get())) code="numbers-imported" text=K::CertificatesIssuedDone/>
        <Done ok=Signal::derive(move || succeeded(&a.revoke.value().get())) code="revoked" text=K::CertificateRevokedDone/>
        <Done ok=Signal::derive(move || succeeded(&a.reissue.value().get())) code="reissued" text=K::CertificateReissuedDone/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a>" · "
                   <a href=format!("/programmes/{id}/assessment")>{t(AK::Assessment)}</a></p>
                <h1>{t(CK::Completion)}</h1>
                <p class="hint">{t(CK::CompletionHint)}</p>
                {register_section(&v, role, a)}
                {certificate_section(&v, role, a)}
            }.into_any(),
        })}
        </Transition>
    }
}

fn rows_table(rows: &[RegisterRow], caption: CK) -> impl IntoView {
    let rows = rows.to_vec();
    view! {
        <crate::ui::TableWrap label=AK::Trainees>
        <table>
            <caption>{t(caption)}</caption>
            <thead><tr>
                <th>{t(AK::SortName)}</th><th>{t(K::Employer)}</th>
                <th class="num">{t(AK::Attended)}</th><th>{t(AK::Grade)}</th><th>{t(AK::Outcome)}</th>
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|r| view! {
                <tr>
                    <td>{r.name}</td><td>{r.employer}</td><td class="num">{r.attended}</td>
                    <td>{r.grade.map(|g| t(grade_key(g)))}</td>
                    <td>{t(outcome_key(r.outcome))}</td>
                </tr>
            }).collect_view()}
            </tbody>
        </table>
        </crate::ui::TableWrap>
    }
}

fn register_section(v: &CompletionView, role: Role, a: Actions) -> impl IntoView {
    let id = v.programme_id;
    let submit_error = Signal::derive(move || error_of(a.submit.value().get()));
    let corrected = v
        .latest()
        .is_some_and(|r| r.status == RegisterStatus::Approved)
        && v.may_submit();
    let submit = (role == Role::Unit && v.may_submit()).then(|| {
        view! {
            {corrected.then(|| view! { <p class="notice">{t(CK::ResultsChanged)}</p> })}
            {rows_table(&v.current, CK::ToSubmit)}
            <ActionForm action=a.submit attr:class="grid-form">
                <FormError error=submit_error/>
                <input type="hidden" name="programme_id" value=id/>
                <div class="field">
                    <label for="register-note">{t(CK::Note)}</label>
                    <textarea id="register-note" name="note" maxlength=500 rows=2></textarea>
                </div>
                <ConfirmSubmit label=K::SubmitRegister question=K::ConfirmSubmitRegister/>
            </ActionForm>
        }
    });
    let versions = v
        .registers
        .iter()
        .enumerate()
        .map(|(i, r)| version_view(r, i == 0 && role == Role::Admin, a))
        .collect_view();
    view! {
        <section class="card" aria-labelledby="register-head">
            <h2 id="register-head">{t(CK::Register)}</h2>
            {(!v.published).then(|| view! { <p class="notice">{t(CK::NotPublished)}</p> })}
            {submit}
            {versions}
        </section>
    }
}

fn version_view(r: &RegisterVersion, review: bool, a: Actions) -> impl IntoView {
    let locale = use_locale();
    let rid = r.id;
    let (at, by) = r.submitted.clone();
    let reviewed = r.reviewed.clone().map(|(at, by)| {
        view! { <dt>{t(CK::ReviewedBy)}</dt><dd>{format!("{} · {by}", format_shanghai(at))}</dd> }
    });
    let reason = (!r.reason.is_empty()).then(|| {
        view! { <dt>{t(CK::ReturnReason)}</dt><dd>{r.reason.clone()}</dd> }
    });
    let note = (!r.note.is_empty())
        .then(|| view! { <dt>{t(CK::NoteShown)}</dt><dd>{r.note.clone()}</dd> });
    let error = Signal::derive(move || error_of(a.review.value().get()));
    let review = (review && r.status == RegisterStatus::Submitted).then(|| {
        view! {
            <div class="actions">
                <ActionForm action=a.review>
                    <input type="hidden" name="id" value=rid/>
                    <input type="hidden" name="approve" value="true"/>
                    <ConfirmSubmit label=K::ApproveRegister question=K::ConfirmApproveRegister/>
                </ActionForm>
                <ActionForm action=a.review attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="id" value=rid/>
                    <input type="hidden" name="approve" value="false"/>
                    <div class="field">
                        <label for=format!("return-{rid}")>{t(CK::ReturnReason)}</label>
                        <textarea id=format!("return-{rid}") name="reason" maxlength=500 rows=2 required></textarea>
                    </div>
                    <button type="submit">{t(CK::Return)}</button>
                </ActionForm>
            </div>
        }
    });
    let heading = move || format!("{} v{}", CK::Register.text(locale.get()), r.version);
    let heading = heading();
    view! {
        <details class="version" open=r.status == RegisterStatus::Submitted>
            <summary>
                <strong>{heading}</strong>" · "{t(register_status_key(r.status))}
            </summary>
            <dl class="facts">
                <dt>{t(CK::SubmittedBy)}</dt><dd>{format!("{} · {by}", format_shanghai(at))}</dd>
                {note}
                {reviewed}
                {reason}
            </dl>
            {rows_table(&r.rows, CK::Register)}
        </details>
        {review}
    }
}

fn certificate_section(v: &CompletionView, role: Role, a: Actions) -> impl IntoView {
    let id = v.programme_id;
    let to_issue: Vec<RegisterRow> = v.to_issue().into_iter().cloned().collect();
    let admin = role == Role::Admin;
    let error = Signal::derive(move || error_of(a.issue.value().get()));
    let issue = (admin && !to_issue.is_empty()).then(|| {
        let names = to_issue
            .iter()
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        // Beside the ministry's numbers, the province's button says whose
        // numbers it gives.
        let provincial = if v.national {
            K::IssueProvincial
        } else {
            K::IssueCertificates
        };
        let national = v.national.then(|| {
            let inputs = to_issue
                .iter()
                .map(|r| {
                    let field = format!("numbers[{}]", r.enrollment_id);
                    let input_id = format!("national-{}", r.enrollment_id);
                    view! {
                        <div class="field">
                            <label for=input_id.clone()>{format!("{} · ", r.name)}{t(CK::Number)}</label>
                            <input id=input_id name=field maxlength=40/>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h3>{t(CK::IssueNational)}</h3>
                <p class="hint">{t(CK::NationalHint)}</p>
                <ActionForm action=a.issue attr:class="grid-form">
                    <input type="hidden" name="programme_id" value=id/>
                    <input type="hidden" name="national" value="true"/>
                    {inputs}
                    <ConfirmSubmit label=K::IssueCertificates question=K::ConfirmIssueCertificates/>
                </ActionForm>
                {import_national(id, a.import)}
            }
        });
        view! {
            <h3>{t(CK::ToIssue)}" ("{to_issue.len()}")"</h3>
            <p>{names}</p>
            <FormError error/>
            <ActionForm action=a.issue>
                <input type="hidden" name="programme_id" value=id/>
                <ConfirmSubmit label=provincial question=K::ConfirmIssueCertificates/>
            </ActionForm>
            {national}
        }
    });
    let doubtful = v
        .doubtful()
        .iter()
        .map(|c| format!("{} {}", c.number, c.name))
        .collect::<Vec<_>>();
    let doubtful = (!doubtful.is_empty()).then(|| {
        view! { <p class="notice" role="status">{t(CK::Doubtful)}{doubtful.join("、")}</p> }
    });
    let id = v.programme_id;
    let printable = v.certificates.iter().any(|c| c.revoked.is_none()).then(|| view! {
        <p><a class="button" href=format!("/programmes/{id}/certificates.pdf") rel="external" download>{t(CK::DownloadAll)}</a></p>
    });
    let list = if v.certificates.is_empty() {
        view! { <p class="muted">{t(CK::NoCertificates)}</p> }.into_any()
    } else {
        certificate_table(id, &v.certificates, admin, a).into_any()
    };
    view! {
        <section class="card" aria-labelledby="certificates-head">
            <h2 id="certificates-head">{t(CK::Certificates)}</h2>
            {doubtful}
            {issue}
            {printable}
            {list}
        </section>
    }
}

fn certificate_table(
    programme: i64,
    list: &[CertificateRow],
    admin: bool,
    a: Actions,
) -> impl IntoView {
    let locale = use_locale();
    let rows = list.to_vec();
    let revoke_error = Signal::derive(move || error_of(a.revoke.value().get()));
    let reissue_error = Signal::derive(move || error_of(a.reissue.value().get()));
    view! {
        <FormError error=revoke_error/>
        <FormError error=reissue_error/>
        <crate::ui::TableWrap label=AK::Trainees>
        <table>
            <thead><tr>
                <th>{t(CK::Number)}</th><th>{t(AK::SortName)}</th><th>{t(CK::Issued)}</th>
                <th>{t(CK::Status)}</th><th class="num">{t(CK::Checks)}</th>
                {admin.then(|| view! { <th>{t(K::Actions)}</th> })}
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|c| {
                let cid = c.id;
                let status = match c.revoked.clone() {
                    None => view! { <span class="badge ok">{t(CK::Valid)}</span> }.into_any(),
                    Some((at, why)) => view! {
                        <span class="badge bad">{t(CK::Revoked)}</span>" "{format_shanghai(at)}" · "{why}
                    }.into_any(),
                };
                let actions = (admin && c.revoked.is_none()).then(|| {
                    let name = c.name.clone();
                    let same = c.name.clone();
                    view! {
                        <td>
                            <ActionForm action=a.revoke>
                                <input type="hidden" name="id" value=cid/>
                                <label for=format!("revoke-{cid}")>{t(CK::RevokeReason)}</label>
                                <input id=format!("revoke-{cid}") name="reason" maxlength=500 required/>
                                <ConfirmSubmit label=K::RevokeCertificate question=K::ConfirmRevokeCertificate subject=name inline=true/>
                            </ActionForm>
                            <ActionForm action=a.reissue>
                                <input type="hidden" name="id" value=cid/>
                                <label for=format!("reissue-{cid}")>{t(CK::ReissueReason)}</label>
                                <input id=format!("reissue-{cid}") name="reason" maxlength=500 required/>
                                <ConfirmSubmit label=K::ReissueCertificate question=K::ConfirmReissueCertificate subject=same inline=true/>
                            </ActionForm>
                        </td>
                    }
                });
                view! {
                    <tr>
                        <td>{c.number.clone()}{(c.version > 1).then(|| format!("（v{}）", c.version))}
                            " "<small class="muted">{move || level_text(c.level, locale.get())}</small>
                            {c.revoked.is_none().then(|| view! {
                                " "<a href=format!("/programmes/{programme}/certificates.pdf?certificate={cid}") rel="external" download
                                    aria-label=format!("{} {}", c.number, "PDF")>{t(CK::Pdf)}</a>
                            })}</td>
                        <td>{c.name}</td>
                        <td>{format_shanghai(c.issued_at)}</td>
                        <td>{status}</td>
                        <td class="num">{c.checks}</td>
                        {actions}
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
        </crate::ui::TableWrap>
    }
}

fn import_national(id: i64, import: Import) -> impl IntoView {
    view! {
        <h3>{t(CK::ImportNational)}</h3>
        <p class="hint">{t(CK::ImportNationalHint)}</p>
        <p><a href=format!("/programmes/{id}/national-numbers.xlsx") rel="external" download>{t(CK::NationalTemplate)}</a></p>
        <crate::ui::FileForm programme=id action=import label=K::NationalNumbersFile button=K::Import accept=".xlsx,.xls,.csv" input_id="national-file"/>
        {move || match import.value().get() {
            Some(Err(crate::error::AppError::Rows(rows))) => view! { <crate::ui::RowErrors rows/> }.into_any(),
            _ => ().into_any(),
        }}
    }
}
