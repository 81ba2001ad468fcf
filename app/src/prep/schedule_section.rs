//! The schedule: courses, the live total (R4), adding and removing.

use leptos::prelude::*;

use crate::domain::{ClassHourLength, ClassHours, Role, TeachingForm, TimeSlot};
use crate::error::Problem;
use crate::i18n::{t, teaching_form_key, use_locale, Locale, K};
use crate::prep::{AddCourse, PrepView, RemoveCourse};
use crate::ui::{
    error_of, ConfirmSubmit, FieldError, FormError, SelectField, TableWrap, TextField,
};

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
    let length = ClassHourLength::from_minutes(v.class_hour_minutes).unwrap_or_default();
    let first_day = v.programme.start_date.clone();
    let announce = RwSignal::new(String::new());
    let typed = RwSignal::new(TypedCourse::default());
    // The same check the server makes, on what is typed so far.
    let course = Memo::new(move |_| typed.with(|c| c.check(&first_day, length)));
    let live = move || {
        let (class, text) = live_text(total, &course.get(), locale.get());
        (class, text)
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
    // Why the schedule cannot change, and what to do instead.
    let locked = match (role, v.latest_filing().map(|f| f.status)) {
        (Role::Institution | Role::Unit, Some(crate::prep::FilingStatus::Filed)) => {
            Some(K::LockedWhileFiled)
        }
        (Role::Institution | Role::Unit, Some(crate::prep::FilingStatus::Acknowledged)) => {
            Some(K::LockedAfterAcknowledged)
        }
        (Role::Unit, _) => Some(K::ScheduleByInstitution),
        _ => None,
    };
    view! {
        <section class="card">
            <h2>{t(K::Schedule)}</h2>
            {locked.map(|k| view! { <p class="notice" id="schedule-locked">{t(k)}</p> })}
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
                                <ConfirmSubmit label=K::Remove question=K::ConfirmRemoveCourse subject=c.title.clone() inline=true/>
                            </ActionForm></td>
                        })}
                    </tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
            <p id="hours-total" class=move || live().0>{move || live().1}</p>
            // Read with the hours field; announced when a value is committed,
            // not on every key.
            <p class="sr-only" role="status">{move || announce.get()}</p>
            {editable.then(|| view! {
                <h3>{t(K::AddCourse)}</h3>
                <ActionForm action=add attr:class="grid-form" on:input=move |ev| typed.set(TypedCourse::of(&ev)) on:change=move |_| announce.set(live().1)>
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
                            aria-describedby="c-class_hours-error hours-total slot-hours"/>
                        <p class="hint" id="slot-hours">{move || slot_hint(&course.get(), length, locale.get())}</p>
                        <FieldError error field="class_hours" id_prefix="c-"/>
                    </div>
                    <TextField label=K::Place name="place" error maxlength=100 id_prefix="c-" value=v.programme.place.clone()/>
                    <fieldset class="field wide">
                        <legend>{t(K::Lecturers)}</legend>
                        {lecturers.iter().filter(|l| !l.retired).map(|l| {
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

/// The course being typed into the form, as far as it is typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct TypedCourse {
    day: String,
    start: String,
    end: String,
    hours: String,
}

/// What the form's check says of the course typed so far.
#[derive(Clone, Debug, PartialEq)]
enum Typed {
    /// No hours typed yet.
    Nothing,
    /// Times that hold at most this many class hours; hours not yet valid.
    Slot(u32),
    /// Hours that fit the typed times.
    Fits(u32, u32),
    /// Hours that do not (the problem the server would name).
    Refused(Problem),
}

impl TypedCourse {
    /// Reads the form the input event came from (browser only).
    fn of(ev: &leptos::ev::Event) -> TypedCourse {
        let get = |n: &str| crate::ui::form_value(ev, n).unwrap_or_default();
        TypedCourse {
            day: get("day"),
            start: get("start_time"),
            end: get("end_time"),
            hours: get("class_hours"),
        }
    }

    /// The day does not change how many hours fit, so a day not yet chosen
    /// is read as the programme's first.
    fn check(&self, first_day: &str, length: ClassHourLength) -> Typed {
        let day = if self.day.trim().is_empty() {
            first_day
        } else {
            &self.day
        };
        let parsed = TimeSlot::parse(day, &self.start, &self.end);
        let both_times = !self.start.trim().is_empty() && !self.end.trim().is_empty();
        if let (Err(problems), true, false) = (&parsed, both_times, self.hours.trim().is_empty()) {
            if let Some((_, p)) = problems.first() {
                return Typed::Refused(p.clone());
            }
        }
        let slot = parsed.ok();
        match (slot, self.hours.trim().is_empty()) {
            (None, true) => Typed::Nothing,
            (Some(s), true) => Typed::Slot(length.most_in(&s)),
            (None, false) => match ClassHours::parse_course(&self.hours) {
                Ok(h) => Typed::Fits(h.hours(), u32::MAX),
                Err(p) => Typed::Refused(p),
            },
            (Some(s), false) => match ClassHours::parse_course_in(&self.hours, &s, length) {
                Ok(h) => Typed::Fits(h.hours(), length.most_in(&s)),
                Err(p) => Typed::Refused(p),
            },
        }
    }
}

/// The live R4 line: the schedule's total, with the course being typed
/// when it can be counted, and saying so.
fn live_text(total: i64, typed: &Typed, l: Locale) -> (&'static str, String) {
    match typed {
        Typed::Fits(h, _) => {
            let (class, text) = hours_text(total + i64::from(*h), l);
            (class, crate::i18n::with_typed_course(&text, *h, l))
        }
        Typed::Refused(p) => {
            let (_, text) = hours_text(total, l);
            ("live warn", crate::i18n::typed_course_refused(&text, p, l))
        }
        Typed::Nothing | Typed::Slot(_) => hours_text(total, l),
    }
}

/// Under the hours input: how many class hours the typed times hold.
fn slot_hint(typed: &Typed, length: ClassHourLength, l: Locale) -> String {
    match typed {
        Typed::Slot(most) | Typed::Fits(_, most) if *most != u32::MAX => {
            crate::i18n::slot_holds_text(*most, length.minutes(), l)
        }
        _ => crate::i18n::slot_holds_text(u32::MAX, length.minutes(), l),
    }
}

/// The live R4 line for a schedule total.
pub fn hours_text(total: i64, l: Locale) -> (&'static str, String) {
    let (ok, text) = crate::i18n::class_hours_text(ClassHours::from_total(total), l);
    (if ok { "live ok" } else { "live warn" }, text)
}
