use leptos::prelude::*;

use super::{list_lecturers, CreateLecturer};
use crate::domain::{LecturerTitle, Role};
use crate::i18n::{lecturer_title_key, t, use_locale, K};
use crate::ui::{error_of, FormError, Protected, SelectField, TableWrap, TextArea, TextField};

#[component]
pub fn LecturersPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Institution]>
            <Lecturers/>
        </Protected>
    }
}

/// The institution's lecturer registry, reused across its programmes.
#[component]
fn Lecturers() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateLecturer>::new();
    let list = Resource::new(move || create.version().get(), |_| list_lecturers());
    let error = Signal::derive(move || error_of(create.value().get()));
    let titles = Signal::derive(move || {
        LecturerTitle::ALL
            .iter()
            .map(|l| {
                (
                    l.as_str().to_owned(),
                    lecturer_title_key(*l).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <h1>{t(K::LecturerRegistry)}</h1>
        <section class="card">
            <h2>{t(K::NewLecturer)}</h2>
            <ActionForm action=create attr:class="grid-form">
                <FormError error/>
                <TextField label=K::DisplayNameLabel name="name" error maxlength=50/>
                <SelectField label=K::TitleLevel name="title_level" error options=titles/>
                <TextField label=K::Affiliation name="affiliation" error maxlength=100/>
                <TextField label=K::Field name="field" error maxlength=100/>
                <TextField label=K::ContactPhone name="phone" kind="tel" error maxlength=20/>
                <TextArea label=K::Bio name="bio" error maxlength=1000 rows=2/>
                <button type="submit" class="primary">{t(K::Create)}</button>
            </ActionForm>
        </section>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            <TableWrap label=K::LecturerRegistry><table>
                <thead><tr><th>{t(K::DisplayNameLabel)}</th><th>{t(K::TitleLevel)}</th><th>{t(K::Affiliation)}</th><th>{t(K::Field)}</th><th>{t(K::ContactPhone)}</th></tr></thead>
                <tbody>
                {move || list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|l| view! {
                    <tr><td>{l.name}</td><td>{t(lecturer_title_key(l.title_level))}</td><td>{l.affiliation}</td><td>{l.field}</td><td>{l.phone}</td></tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
        </Transition>
    }
}
