//! The schedule: courses, the live total (R4), adding and removing.

use leptos::prelude::*;

use crate::domain::{ClassHours, Role, TeachingForm};
use crate::i18n::{t, teaching_form_key, use_locale, Locale, K};
use crate::prep::{AddCourse, PrepView, RemoveCourse};
use crate::ui::{error_of, FieldError, FormError, SelectField, TableWrap, TextField};

#[component]
pub(super) fn Schedule(
    v: PrepView,
    role: Role,
    add: ServerAction<AddCourse>,
    remove: ServerAction<RemoveCourse>,
) -> impl IntoView {
    let locale = use_locale();
    let editable = role == Role::Institution && v.schedule_open();
    let total = v.total_hours;
    let extra = RwSignal::new(String::new());
    let live = move || {
        let more = extra.get().trim().parse::<i64>().unwrap_or(0).max(0);
        hours_text(total + more, locale.get())
    };
    let error = Signal::derive(move || error_of(add.value().get()));
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    let forms = Signal::derive(move || {
        TeachingForm::ALL
            .iter()
            .map(|f| {
                (
                    f.as_str().to_owned(),
                    teaching_form_key(*f).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let lecturers = v.lecturers.clone();
    let pid = v.programme.id;
    view! {
        <section class="card">
            <h2>{t(K::Schedule)}</h2>
            <FormError error=remove_error/>
            <TableWrap label=K::Schedule><table class="schedule">
                <thead><tr>
                    <th>{t(K::Day)}</th><th>{t(K::Time)}</th><th>{t(K::CourseTitle)}</th><th>{t(K::TeachingForm)}</th>
                    <th>{t(K::Lecturers)}</th><th class="num">{t(K::ClassHours)}</th>
                    {editable.then(|| view! { <th>{t(K::Actions)}</th> })}
                </tr></thead>
                <tbody>
                {v.courses.clone().into_iter().map(|c| view! {
                    <tr>
                        <td>{c.day.clone()}</td>
                        <td>{format!("{}–{}", c.start_time, c.end_time)}</td>
                        <td>{c.title.clone()}</td>
                        <td>{t(teaching_form_key(c.form))}</td>
                        <td>{c.lecturers.iter().map(|l| l.1.clone()).collect::<Vec<_>>().join("、")}</td>
                        <td class="num">{c.class_hours}</td>
                        {editable.then(|| view! {
                            <td><ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="id" value=c.id/>
                                <button type="submit" class="link">{t(K::Remove)}</button>
                            </ActionForm></td>
                        })}
                    </tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
            <p id="hours-total" class=move || live().0 aria-live="polite">{move || live().1}</p>
            {editable.then(|| view! {
                <h3>{t(K::AddCourse)}</h3>
                <ActionForm action=add attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="programme_id" value=pid/>
                    <TextField label=K::Day name="day" kind="date" error id_prefix="c-"/>
                    <TextField label=K::StartTime name="start_time" kind="time" error id_prefix="c-"/>
                    <TextField label=K::EndTime name="end_time" kind="time" error id_prefix="c-"/>
                    <TextField label=K::CourseTitle name="title" error maxlength=100 id_prefix="c-"/>
                    <SelectField label=K::TeachingForm name="form" error options=forms id_prefix="c-"/>
                    <div class="field">
                        <label for="c-class_hours">{t(K::ClassHours)}</label>
                        <input id="c-class_hours" name="class_hours" type="number" min="1" inputmode="numeric"
                            aria-describedby="class_hours-error hours-total"
                            on:input=move |ev| extra.set(event_target_value(&ev))/>
                        <FieldError error field="class_hours"/>
                    </div>
                    <TextField label=K::Place name="place" error maxlength=100 id_prefix="c-" value=v.programme.place.clone()/>
                    <fieldset class="field wide">
                        <legend>{t(K::Lecturers)}</legend>
                        {lecturers.iter().map(|l| {
                            let cid = format!("lect-{}", l.id);
                            let label = format!("{}（{}）", l.name, l.affiliation);
                            view! {
                                <label class="check" for=cid.clone()>
                                    <input type="checkbox" id=cid.clone() name=format!("lecturers[{}]", l.id) value="on"/>
                                    <span>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                        <FieldError error field="lecturers"/>
                    </fieldset>
                    <button type="submit" class="primary">{t(K::AddCourse)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// The live R4 line for a schedule total.
pub fn hours_text(total: i64, l: Locale) -> (&'static str, String) {
    let (ok, text) = crate::i18n::class_hours_text(ClassHours::from_total(total), l);
    (if ok { "live ok" } else { "live warn" }, text)
}
