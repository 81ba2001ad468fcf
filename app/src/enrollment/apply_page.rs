use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{enrollment_notice, Apply};
use crate::domain::{Gender, TraineeTitle};
use crate::i18n::{error_text, t, trainee_title_key, use_locale, K};
use crate::ui::{error_of, succeeded, FieldError, FormError, SelectField, TextField};

/// The public enrollment notice and the application form, phone first.
#[component]
pub fn ApplyPage() -> impl IntoView {
    crate::ui::FieldsShown::provide();
    let locale = use_locale();
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0);
    let query = use_query_map();
    let applied_before = query.read_untracked().get("applied").is_some();
    let apply = ServerAction::<Apply>::new();
    let notice = Resource::new(|| (), move |_| enrollment_notice(id));
    let error = Signal::derive(move || error_of(apply.value().get()));
    // Each list starts with "choose one": a skipped choice is asked for,
    // not taken as the first answer.
    let choose = move || (String::new(), K::ChooseOne.text(locale.get()).to_owned());
    let genders = Signal::derive(move || {
        std::iter::once(choose())
            .chain(
                [(Gender::Female, K::Female), (Gender::Male, K::Male)]
                    .iter()
                    .map(|(g, k)| (g.as_str().to_owned(), k.text(locale.get()).to_owned())),
            )
            .collect::<Vec<_>>()
    });
    // Each level with titles it holds, from the table the import reads.
    let titles = Signal::derive(move || {
        std::iter::once(choose())
            .chain(TraineeTitle::ALL.iter().map(|x| {
                let level = trainee_title_key(*x).text(locale.get());
                let label = match (*x, crate::domain::title_examples(*x)) {
                    (TraineeTitle::Manager, _) | (_, []) => level.to_owned(),
                    (_, names) => format!("{level}（{}…）", names.join("、")),
                };
                (x.as_str().to_owned(), label)
            }))
            .collect::<Vec<_>>()
    });
    // Province names are proper names, the same in both languages.
    let provinces = Signal::derive(move || {
        std::iter::once((String::new(), K::ChooseOne.text(locale.get()).to_owned()))
            .chain(
                crate::domain::PROVINCES
                    .iter()
                    .map(|p| ((*p).to_owned(), (*p).to_owned())),
            )
            .collect::<Vec<_>>()
    });
    // A memo, so a refused attempt does not re-render (and empty) the form.
    let done = Memo::new(move |_| applied_before || succeeded(&apply.value().get()));
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || notice.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(n) => { let open = n.open; view! {
                <h1>{n.topic.clone()}</h1>
                <section class="card notice-text">
                    <h2>{t(K::EnrollmentNotice)}</h2>
                    <dl class="facts">
                        <dt>{t(K::HostInstitution)}</dt><dd>{n.institution_name.clone()}</dd>
                        <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", n.start_date, n.end_date)}</dd>
                        <dt>{t(K::Place)}</dt><dd>{n.place.clone()}</dd>
                        <dt>{t(K::ClassHours)}</dt><dd>{n.class_hours}</dd>
                        <dt>{t(K::Quota)}</dt><dd>{move || crate::i18n::quota_text(n.quota, n.quota_in_province, n.quota_out_province, locale.get())}</dd>
                        <dt>{t(K::ApplyUntil)}</dt><dd>{n.apply_until.clone()}</dd>
                    </dl>
                    <p class="pre">{n.eligibility.clone()}</p>
                    <p class="pre">{n.how_to_apply.clone()}</p>
                </section>
                {move || done.get().then(|| view! { <p class="notice" role="status">{t(K::Applied)}</p> })}
                {move || (open && !done.get()).then(|| view! {
                    <section class="card">
                        <h2>{t(K::ApplyNow)}</h2>
                        <ActionForm action=apply attr:class="grid-form">
                            <FormError error/>
                            // Not a field the applicant types: its problem (enrollment closed) shows here.
                            <FieldError error field="programme_id"/>
                            <input type="hidden" name="programme_id" value=id/>
                            <TextField label=K::DisplayNameLabel name="name" error maxlength=50 autocomplete="name"/>
                            <SelectField label=K::Gender name="gender" error options=genders/>
                            <TextField label=K::IdNumber name="id_number" error maxlength=18/>
                            <TextField label=K::Mobile name="mobile" kind="tel" error maxlength=13 autocomplete="tel"/>
                            <TextField label=K::Employer name="employer" error maxlength=100/>
                            <SelectField label=K::Province name="province" error options=provinces/>
                            <SelectField label=K::TraineeTitle name="title_level" error options=titles/>
                            <button type="submit" class="primary">{t(K::ApplyNow)}</button>
                        </ActionForm>
                    </section>
                })}
                {(!n.open).then(|| view! { <p class="notice">{t(K::EnrollmentClosedText)}</p> })}
            }.into_any() }
        })}
        </Transition>
    }
}
