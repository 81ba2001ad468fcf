use leptos::prelude::*;

use super::{fee_standards, AddFeeStandard, FeesView, StandardView, WithdrawFeeStandard, NOTE_MAX};
use crate::domain::fees::{FeeStandard, TrainingCategory, CAP_KEYS};
use crate::domain::{yuan_input, LecturerTitle, Role};
use crate::i18n::{category_text, error_text, lecturer_title_key, t, use_locale, FK};
use crate::ui::{error_of, ConfirmSubmit, FieldError, FormError, Protected, TableWrap, TextField};

/// The province's fee standards (R12): every version, and for the admin
/// a form for the next one, filled in with the newest.
#[component]
pub fn FeesPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Fees/>
        </Protected>
    }
}

#[component]
fn Fees() -> impl IntoView {
    let locale = use_locale();
    let add = ServerAction::<AddFeeStandard>::new();
    let withdraw = ServerAction::<WithdrawFeeStandard>::new();
    let added_ok = Signal::derive(move || crate::ui::succeeded(&add.value().get()));
    let withdrawn_ok = Signal::derive(move || crate::ui::succeeded(&withdraw.value().get()));
    let counts = [
        crate::ui::success_count(move || added_ok.get()),
        crate::ui::success_count(move || withdrawn_ok.get()),
    ];
    let changed = Signal::derive(move || counts[0].get() + counts[1].get());
    let data = Resource::new(move || changed.get(), |_| fee_standards());
    let error = Signal::derive(move || error_of(add.value().get()));
    let withdraw_error = Signal::derive(move || error_of(withdraw.value().get()));
    let url = Signal::derive(move || changed.get() == 0);
    view! {
        <crate::ui::Done ok=added_ok url code="fee_standard_added" text=crate::i18n::K::Saved/>
        <crate::ui::Done ok=withdrawn_ok url code="fee_standard_withdrawn" text=FK::Withdrawn/>
        <FormError error=withdraw_error/>
        <h1>{t(FK::FeeStandards)}</h1>
        <p class="hint">{t(FK::FeeStandardsHint)}</p>
        <Transition fallback=move || view! { <p class="muted">{t(crate::i18n::K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                {v.may_edit.then(|| new_version(add, error, &v))}
                {v.versions.iter().map(|s| version(s, &v, withdraw)).collect_view()}
            }.into_any(),
        })}
        </Transition>
    }
}

/// In force, upcoming, or superseded on `today`.
fn status(s: &StandardView, v: &FeesView) -> FK {
    let from = s.standard.effective_from.to_string();
    if from > v.today {
        return FK::Upcoming;
    }
    let newer_in_force = v.versions.iter().any(|o| {
        let f = o.standard.effective_from.to_string();
        f > from && f <= v.today
    });
    if newer_in_force {
        FK::Superseded
    } else {
        FK::InForce
    }
}

fn version(
    s: &StandardView,
    v: &FeesView,
    withdraw: ServerAction<WithdrawFeeStandard>,
) -> impl IntoView {
    let st = status(s, v);
    let from = s.standard.effective_from.to_string();
    let heading = from;
    let by = s.created_by.clone();
    let at = s.created_at;
    let note = s.note.clone();
    view! {
        <section class="card" aria-label=heading.clone()>
            <h2>{t(FK::EffectiveFrom)}" "{heading.clone()}" "<span class="badge">{t(st)}</span></h2>
            {(!note.is_empty()).then(|| view! { <p>{note}</p> })}
            {by.map(|b| view! {
                <p class="muted">{t(FK::AddedBy)}": "{b}" · "{crate::domain::format_shanghai(at)}</p>
            })}
            {caps_tables(&s.standard)}
            {(v.may_edit && st == FK::Upcoming).then(|| {
                let id = s.id;
                let subject = format!("{} {}", t(FK::EffectiveFrom)(), s.standard.effective_from);
                view! {
                    <ActionForm action=withdraw>
                        <input type="hidden" name="id" value=id/>
                        <ConfirmSubmit label=FK::Withdraw question=FK::ConfirmWithdraw subject/>
                    </ActionForm>
                }
            })}
        </section>
    }
}

fn caps_tables(s: &FeeStandard) -> impl IntoView {
    let locale = use_locale();
    let lecture = LecturerTitle::ALL
        .iter()
        .map(|title| (*title, s.lecture_cap(*title)))
        .collect::<Vec<_>>();
    let days = TrainingCategory::ALL
        .iter()
        .map(|c| (*c, s.day_caps(*c)))
        .collect::<Vec<_>>();
    view! {
        <TableWrap label=FK::LectureCaps><table>
            <caption>{t(FK::LectureCaps)}</caption>
            <thead><tr>{lecture.iter().map(|(title, _)| view! { <th scope="col">{t(lecturer_title_key(*title))}</th> }).collect_view()}</tr></thead>
            <tbody><tr>{lecture.iter().map(|(_, f)| view! { <td class="num">{f.yuan_text()}</td> }).collect_view()}</tr></tbody>
        </table></TableWrap>
        <TableWrap label=FK::DayCapsHead><table>
            <caption>{t(FK::DayCapsHead)}</caption>
            <thead><tr>
                <th scope="col">{t(FK::Category)}</th>
                <th scope="col">{t(FK::Accommodation)}</th>
                <th scope="col">{t(FK::Meals)}</th>
                <th scope="col">{t(FK::VenueMaterialsTransport)}</th>
                <th scope="col">{t(FK::Other)}</th>
                <th scope="col">{t(FK::DayTotal)}</th>
            </tr></thead>
            <tbody>
            {days.into_iter().map(|(c, d)| view! {
                <tr>
                    <th scope="row">{move || category_text(c, locale.get())}</th>
                    <td class="num">{d.accommodation.yuan_text()}</td>
                    <td class="num">{d.meals.yuan_text()}</td>
                    <td class="num">{d.venue_materials_transport.yuan_text()}</td>
                    <td class="num">{d.other.yuan_text()}</td>
                    <td class="num">{d.total().yuan_text()}</td>
                </tr>
            }).collect_view()}
            </tbody>
        </table></TableWrap>
    }
}

/// The label of a cap's input: its title, or its category and item.
fn cap_label(i: usize, l: crate::i18n::Locale) -> String {
    if i < 4 {
        return format!(
            "{} · {}",
            FK::LectureCaps.text(l),
            lecturer_title_key(LecturerTitle::ALL[i]).text(l)
        );
    }
    let c = TrainingCategory::ALL[(i - 4) / 4];
    let item = [
        FK::Accommodation,
        FK::Meals,
        FK::VenueMaterialsTransport,
        FK::Other,
    ][(i - 4) % 4];
    format!("{} · {}", category_text(c, l), item.text(l))
}

fn new_version(
    add: ServerAction<AddFeeStandard>,
    error: Signal<Option<crate::error::AppError>>,
    v: &FeesView,
) -> impl IntoView {
    let locale = use_locale();
    let newest = v
        .versions
        .first()
        .map(|s| s.standard.items())
        .unwrap_or_default();
    // A new version takes effect tomorrow at the earliest.
    let tomorrow = chrono::NaiveDate::parse_from_str(&v.today, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map(|d| d.to_string())
        .unwrap_or_default();
    view! {
        <section class="card">
            <h2>{t(FK::NewVersion)}</h2>
            <ActionForm action=add attr:class="grid-form">
                <FormError error/>
                <TextField label=FK::EffectiveFrom name="effective_from" kind="date" error value=tomorrow/>
                <TextField label=FK::VersionNote name="note" error maxlength=NOTE_MAX/>
                {CAP_KEYS.iter().enumerate().map(|(i, key)| {
                    let key: &'static str = key;
                    let id = format!("cap-{key}");
                    let value = newest.get(i).map(|(_, f)| yuan_input(f.fen())).unwrap_or_default();
                    let invalid = move || error.get().is_some_and(|e| e.problem_for(key).is_some()).to_string();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || cap_label(i, locale.get())}</label>
                            <input id=id name=format!("caps[{key}]") inputmode="decimal" value=value
                                aria-invalid=invalid aria-describedby=format!("{key}-error")/>
                            <FieldError error field=key/>
                        </div>
                    }
                }).collect_view()}
                <div class="actions wide">
                    <button type="submit" class="primary">{t(FK::AddVersion)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
