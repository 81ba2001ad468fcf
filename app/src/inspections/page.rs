use leptos::prelude::*;

use super::{
    inspections, DecideRectification, InspectionView, InspectionsView, RecordInspection,
    RecordRecovery, ReportRectification, Sanction, SanctionView, TEXT_MAX,
};
use crate::domain::inspection::{InspectionStatus, SanctionKind};
use crate::domain::{format_shanghai, yuan_text, Role};
use crate::i18n::{error_text, inspection_kind_key, inspection_status_key, t, use_locale, IK, K};
use crate::ui::{
    error_of, param, ConfirmSubmit, FormError, Protected, SelectField, TextArea, TextField,
};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's inspections: what was checked and found, the unit's
/// rectification, the decisions, and the sanctions; each role's form for
/// its own step.
#[component]
pub fn InspectionsPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <InspectionsBody/>
        </Protected>
    }
}

#[component]
fn InspectionsBody() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let record = ServerAction::<RecordInspection>::new();
    let report = ServerAction::<ReportRectification>::new();
    let decide = ServerAction::<DecideRectification>::new();
    let sanction = ServerAction::<Sanction>::new();
    let recovery = ServerAction::<RecordRecovery>::new();
    let notices = crate::ui::LastDone::new(vec![
        (
            Signal::derive(move || crate::ui::succeeded(&record.value().get())),
            "recorded",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&report.value().get())),
            "reported",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&decide.value().get())),
            "decided",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&sanction.value().get())),
            "sanctioned",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&recovery.value().get())),
            "recovered",
        ),
    ]);
    let changed = notices.changed();
    let url = notices.url();
    let data = Resource::new(move || changed.get(), move |_| inspections(id));
    view! {
        <crate::ui::Done ok=notices.said(&["recorded"]) url code="recorded" text=IK::Recorded/>
        <crate::ui::Done ok=notices.said(&["reported"]) url code="reported" text=IK::Reported/>
        <crate::ui::Done ok=notices.said(&["decided"]) url code="decided" text=IK::Decided/>
        <crate::ui::Done ok=notices.said(&["sanctioned"]) url code="sanctioned" text=IK::Sanctioned/>
        <crate::ui::Done ok=notices.said(&["recovered"]) url code="recovered" text=IK::RecoverySaved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a>" · "{v.unit_name.clone()}</p>
                <h1>{t(IK::Inspections)}</h1>
                <p class="hint">{t(IK::InspectionsHint)}</p>
                {list(&v)}
                {v.may_report.then(|| view! { <ReportForm v=v.clone() action=report/> })}
                {v.may_inspect.then(|| view! { <DecideForm v=v.clone() action=decide/> })}
                {v.may_sanction.then(|| view! { <SanctionForm v=v.clone() action=sanction/> })}
                {v.may_sanction.then(|| view! { <RecoveryForm v=v.clone() action=recovery/> })}
                {v.may_inspect.then(|| view! { <RecordForm v=v.clone() action=record/> })}
            }.into_any(),
        })}
        </Transition>
    }
}

fn list(v: &InspectionsView) -> impl IntoView {
    let linked = v.may_inspect;
    let items = v
        .inspections
        .clone()
        .into_iter()
        .map(|x| item(x, linked))
        .collect_view();
    let empty = v.inspections.is_empty();
    view! {
        <section class="card">
            <h2>{t(IK::History)}</h2>
            {empty.then(|| view! { <p class="muted">{t(IK::Empty)}</p> })}
            <ul class="history inspections">{items}</ul>
        </section>
    }
}

/// One inspection; `linked`: its draw links to the spot checks (which
/// only the province's staff may open).
fn item(x: InspectionView, linked: bool) -> impl IntoView {
    let locale = use_locale();
    let n = x.id;
    let draw = x.spot_check_id;
    let found = !x.findings.is_empty();
    let reported = x.reported_by.clone().zip(x.reported_at);
    let closed = x.closed_by.clone().zip(x.closed_at);
    view! {
        <li>
            <h3>
                {move || IK::InspectionNo.text(locale.get()).replace("{n}", &n.to_string())}
                " "<span class=format!("badge {}", x.status.as_str())>{t(inspection_status_key(x.status))}</span>
                {draw.map(|d| {
                    let name = move || IK::DrawNo.text(locale.get()).replace("{n}", &d.to_string());
                    if linked {
                        view! { " "<a href="/admin/spot-checks">{name}</a> }.into_any()
                    } else {
                        view! { " "<span class="muted">{name}</span> }.into_any()
                    }
                })}
            </h3>
            <p class="muted">{t(IK::RecordedBy)}{x.recorded_by.clone()}" · "{format_shanghai(x.recorded_at)}</p>
            <p><strong>{t(IK::Checked)}"："</strong></p>
            <p class="pre">{x.checked.clone()}</p>
            {if found {
                view! {
                    <p><strong>{t(IK::Findings)}"："</strong></p>
                    <p class="pre reason">{x.findings.clone()}</p>
                    <p>{t(IK::Due)}{x.rectify_by.clone().unwrap_or_default()}</p>
                }.into_any()
            } else {
                view! { <p>{t(IK::NoFindings)}</p> }.into_any()
            }}
            {reported.map(|(who, at)| view! {
                <p><strong>{t(IK::Report)}"："</strong>
                    {x.report_late.then(|| view! { <span class="badge rejected">{t(IK::LateReport)}</span> })}
                </p>
                <p class="pre">{x.report.clone()}</p>
                <p class="muted">{t(IK::ReportedBy)}{who}" · "{format_shanghai(at)}</p>
            })}
            // A note on an inspection rectifying again is why its report
            // was sent back: said as a warning, above the next report.
            {(!x.decision_note.is_empty()).then(|| if x.status == InspectionStatus::Rectifying {
                view! { <p class="pre notice" role="note"><strong>{t(IK::ReturnNote)}</strong>{x.decision_note.clone()}</p> }.into_any()
            } else {
                view! { <p class="pre"><strong>{t(IK::DecisionNote)}</strong>{x.decision_note.clone()}</p> }.into_any()
            })}
            {closed.map(|(who, at)| view! { <p class="muted">{t(IK::ClosedBy)}{who}" · "{format_shanghai(at)}</p> })}
            {(!x.sanctions.is_empty()).then(|| sanctions(x.sanctions.clone()))}
        </li>
    }
    .into_any()
}

fn sanctions(list: Vec<SanctionView>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <h4>{t(IK::Sanctions)}</h4>
        <ul>
        {list.into_iter().map(|s| {
            let (amount, done) = (s.amount, s.recovered);
            let period = s.period.clone();
            view! {
                <li>
                    <span class="badge rejected">{t(inspection_kind_key(s.kind))}</span>" "
                    {(s.kind == SanctionKind::Recovery).then(|| view! {
                        <span>{move || IK::RecoveryFacts.text(locale.get()).replace("{amount}", &yuan_text(amount)).replace("{done}", &yuan_text(done))}</span>
                    })}
                    {period.map(|(f, u)| view! {
                        <span>{move || IK::Period.text(locale.get()).replace("{from}", &f).replace("{until}", &u)}</span>
                    })}
                    <p class="pre">{s.reason.clone()}</p>
                    <p class="muted">{t(IK::DecidedBy)}{s.created_by.clone()}" · "{format_shanghai(s.created_at)}</p>
                </li>
            }
        }).collect_view()}
        </ul>
    }
    .into_any()
}

/// (value, label) of the inspections `keep` admits, for a form's
/// choice: each named by its number, day and the start of its finding.
fn choices(
    v: &InspectionsView,
    keep: impl Fn(&InspectionView) -> bool,
) -> Option<Signal<Vec<(String, String)>>> {
    let locale = use_locale();
    let kept: Vec<InspectionView> = v.inspections.iter().filter(|x| keep(x)).cloned().collect();
    (!kept.is_empty()).then(|| {
        Signal::derive(move || {
            kept.iter()
                .map(|x| {
                    let text: String = x.findings.chars().take(20).collect();
                    let day = crate::domain::shanghai_date(x.recorded_at).to_string();
                    let label = IK::Choice
                        .text(locale.get())
                        .replace("{n}", &x.id.to_string())
                        .replace("{date}", &day)
                        .replace("{text}", &text);
                    (x.id.to_string(), label)
                })
                .collect()
        })
    })
}

#[component]
fn ReportForm(v: InspectionsView, action: ServerAction<ReportRectification>) -> impl IntoView {
    let open = choices(&v, |x| x.status == InspectionStatus::Rectifying);
    let error = Signal::derive(move || error_of(action.value().get()));
    open.map(|options| {
        view! {
            <section class="card">
                <h2>{t(IK::SendReport)}</h2>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=IK::WhichInspection name="id" error options id_prefix="rep-"/>
                    <TextArea label=IK::ReportText name="report" error maxlength=TEXT_MAX rows=6 id_prefix="rep-"/>
                    <ConfirmSubmit label=IK::SendReport question=IK::ConfirmReport/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn DecideForm(v: InspectionsView, action: ServerAction<DecideRectification>) -> impl IntoView {
    let locale = use_locale();
    let open = choices(&v, |x| x.status == InspectionStatus::Reported);
    let error = Signal::derive(move || error_of(action.value().get()));
    let decisions = Signal::derive(move || {
        [
            ("", IK::ChooseDecision),
            ("true", IK::Accept),
            ("false", IK::Return),
        ]
        .iter()
        .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
        .collect::<Vec<_>>()
    });
    open.map(|options| {
        view! {
            <section class="card">
                <h2>{t(IK::Decide)}</h2>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=IK::WhichInspection name="id" error options id_prefix="dec-"/>
                    <SelectField label=IK::Decision name="accept" error options=decisions id_prefix="dec-"/>
                    <TextArea label=IK::Note name="note" error maxlength=TEXT_MAX rows=3 id_prefix="dec-"/>
                    <TextField label=IK::NewDate name="rectify_by" kind="date" error id_prefix="dec-"/>
                    <ConfirmSubmit label=IK::Decide question=IK::ConfirmDecide/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn SanctionForm(v: InspectionsView, action: ServerAction<Sanction>) -> impl IntoView {
    let locale = use_locale();
    let found = choices(&v, |x| !x.findings.is_empty());
    let error = Signal::derive(move || error_of(action.value().get()));
    let kinds = Signal::derive(move || {
        let l = locale.get();
        std::iter::once((String::new(), IK::ChooseKind.text(l).to_owned()))
            .chain(SanctionKind::ALL.iter().map(|k| {
                (
                    k.as_str().to_owned(),
                    inspection_kind_key(*k).text(l).to_owned(),
                )
            }))
            .collect::<Vec<_>>()
    });
    found.map(|options| {
        view! {
            <section class="card">
                <h2>{t(IK::Sanction)}</h2>
                <p class="hint">{t(IK::SanctionHint)}</p>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=IK::WhichInspection name="inspection_id" error options id_prefix="san-"/>
                    <SelectField label=IK::Kind name="kind" error options=kinds id_prefix="san-"/>
                    <TextField label=IK::Amount name="amount" error id_prefix="san-"/>
                    <TextField label=IK::From name="from_date" kind="date" error id_prefix="san-"/>
                    <TextField label=IK::Until name="until_date" kind="date" error id_prefix="san-"/>
                    <TextArea label=IK::Reason name="reason" error maxlength=crate::standing::REASON_MAX rows=3 id_prefix="san-"/>
                    <ConfirmSubmit label=IK::Sanction question=IK::ConfirmSanction/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn RecoveryForm(v: InspectionsView, action: ServerAction<RecordRecovery>) -> impl IntoView {
    let locale = use_locale();
    // The value carries what the page showed as recovered: the same
    // receipt sent twice finds the sum moved and is refused.
    let owed: Vec<(i64, i64, i64, i64)> = v
        .inspections
        .iter()
        .flat_map(|x| x.sanctions.iter())
        .filter(|s| s.kind == SanctionKind::Recovery && s.recovered < s.amount)
        .map(|s| (s.id, s.inspection_id, s.recovered, s.amount))
        .collect();
    let error = Signal::derive(move || error_of(action.value().get()));
    (!owed.is_empty()).then(|| {
        let options = Signal::derive(move || {
            owed.iter()
                .map(|(id, n, done, amount)| {
                    let label = IK::RecoveryOption
                        .text(locale.get())
                        .replace("{n}", &n.to_string())
                        .replace("{amount}", &yuan_text(*amount))
                        .replace("{done}", &yuan_text(*done));
                    (format!("{id}:{done}"), label)
                })
                .collect::<Vec<_>>()
        });
        view! {
            <section class="card">
                <h2>{t(IK::RecordRecovery)}</h2>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=IK::WhichSanction name="sanction" error options id_prefix="rec-"/>
                    <TextField label=IK::Recovered name="amount" error id_prefix="rec-"/>
                    <ConfirmSubmit label=IK::RecordRecovery question=IK::ConfirmRecovery/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn RecordForm(v: InspectionsView, action: ServerAction<RecordInspection>) -> impl IntoView {
    let locale = use_locale();
    let programme = v.programme_id;
    let drawn = v.drawn_in.clone();
    // An inspection after a draw is most likely the draw's: the newest.
    let newest = drawn.first().map(i64::to_string).unwrap_or_default();
    let error = Signal::derive(move || error_of(action.value().get().map(|r| r.map(|_| ()))));
    let options = Signal::derive(move || {
        let l = locale.get();
        let mut o: Vec<(String, String)> = drawn
            .iter()
            .map(|d| {
                (
                    d.to_string(),
                    IK::DrawNo.text(l).replace("{n}", &d.to_string()),
                )
            })
            .collect();
        o.push((String::new(), IK::NotDrawn.text(l).to_owned()));
        o
    });
    view! {
        <section class="card">
            <h2>{t(IK::Record)}</h2>
            <ActionForm action attr:class="grid-form">
                <FormError error/>
                <input type="hidden" name="programme_id" value=programme/>
                <SelectField label=IK::SpotCheck name="spot_check_id" error options selected=newest id_prefix="ins-"/>
                <TextArea label=IK::Checked name="checked" error maxlength=TEXT_MAX rows=3 id_prefix="ins-"/>
                <p class="hint wide">{t(IK::CheckedHint)}</p>
                <TextArea label=IK::Findings name="findings" error maxlength=TEXT_MAX rows=4 id_prefix="ins-"/>
                <TextField label=IK::RectifyBy name="rectify_by" kind="date" error id_prefix="ins-"/>
                <ConfirmSubmit label=IK::Save question=IK::ConfirmRecord/>
            </ActionForm>
        </section>
    }
}
