use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{list_lecturers, CreateLecturer, LecturerView, RetireLecturer, UpdateLecturer};
use crate::domain::{LecturerTitle, Role};
use crate::i18n::{lecturer_title_key, t, use_locale, K};
use crate::ui::{
    error_of, succeeded, success_count, ConfirmSubmit, Done, FormError, Protected, SelectField,
    TableWrap, TextArea, TextField,
};

#[component]
pub fn LecturersPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Institution]>
            <Lecturers/>
        </Protected>
    }
}

type Options = Signal<Vec<(String, String)>>;

/// The institution's lecturer registry, reused across its programmes.
#[component]
fn Lecturers() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateLecturer>::new();
    let update = ServerAction::<UpdateLecturer>::new();
    let retire = ServerAction::<RetireLecturer>::new();
    let created = success_count(move || succeeded(&create.value().get()));
    let updated = success_count(move || succeeded(&update.value().get()));
    let retired = success_count(move || succeeded(&retire.value().get()));
    // Reloaded after a change only: a refused one keeps the forms as typed.
    let list = Resource::new(
        move || (created.get(), updated.get(), retired.get()),
        |_| list_lecturers(),
    );
    let error = Signal::derive(move || error_of(create.value().get()));
    let update_error = Signal::derive(move || error_of(update.value().get()));
    let retire_error = Signal::derive(move || error_of(retire.value().get()));
    let titles: Options = Signal::derive(move || {
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
    // After a correction the edit form closes, as the plain-form redirect does.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if succeeded(&update.value().get()) {
            navigate("/lecturers?done=lecturer_updated", Default::default());
        }
    });
    let query = use_query_map();
    let editing = move || query.read().get("edit").and_then(|s| s.parse::<i64>().ok());
    view! {
        <h1>{t(K::LecturerRegistry)}</h1>
        <Done ok=Signal::derive(move || succeeded(&retire.value().get())) code="lecturer_retired" text=K::LecturerRetired/>
        <Done ok=Signal::derive(move || false) code="lecturer_updated" text=K::Saved/>
        <FormError error=retire_error/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            {move || {
                let rows = list.get().and_then(Result::ok).unwrap_or_default();
                let edit = editing().and_then(|id| rows.iter().find(|l| l.id == id && !l.retired).cloned());
                view! {
                    {edit.map(|l| view! { <EditLecturer l update error=update_error titles/> })}
                    <TableWrap label=K::LecturerRegistry><table>
                        <thead><tr>
                            <th>{t(K::DisplayNameLabel)}</th><th>{t(K::TitleLevel)}</th><th>{t(K::Affiliation)}</th>
                            <th>{t(K::Field)}</th><th>{t(K::ContactPhone)}</th><th>{t(K::Actions)}</th>
                        </tr></thead>
                        <tbody>
                        {rows.into_iter().map(|l| view! { <Row l retire/> }).collect_view()}
                        </tbody>
                    </table></TableWrap>
                }
            }}
        </Transition>
        <section class="card">
            <h2>{t(K::NewLecturer)}</h2>
            // Emptied after each entry made, so a second press cannot
            // register the same person again.
            {
                let form = NodeRef::<leptos::html::Form>::new();
                crate::ui::reset_after(created, form);
                view! {
                    <ActionForm action=create node_ref=form attr:class="grid-form">
                        <FormError error/>
                        <TextField label=K::DisplayNameLabel name="name" error maxlength=50/>
                        <SelectField label=K::TitleLevel name="title_level" error options=titles/>
                        <TextField label=K::Affiliation name="affiliation" error maxlength=100/>
                        <TextField label=K::Field name="field" error maxlength=100/>
                        <TextField label=K::ContactPhone name="phone" kind="tel" error maxlength=20/>
                        <TextArea label=K::Bio name="bio" error maxlength=1000 rows=2/>
                        <button type="submit" class="primary">{t(K::Create)}</button>
                    </ActionForm>
                }
            }
            <Done ok=Signal::derive(move || succeeded(&create.value().get())) code="lecturer_added" text=K::LecturerAdded/>
        </section>
    }
}

#[component]
fn Row(l: LecturerView, retire: ServerAction<RetireLecturer>) -> impl IntoView {
    let locale = use_locale();
    let name = l.name.clone();
    let edit_name = name.clone();
    let edit_label = move || format!("{} {edit_name}", K::Edit.text(locale.get()));
    view! {
        <tr class:retired=l.retired>
            <td>
                {l.name.clone()}
                {l.retired.then(|| view! { <span class="badge rejected">{t(K::Retired)}</span> })}
            </td>
            <td>{t(lecturer_title_key(l.title_level))}</td>
            <td>{l.affiliation.clone()}</td><td>{l.field.clone()}</td><td>{l.phone.clone()}</td>
            <td class="actions">
                {(!l.retired).then(|| view! {
                    <a href=format!("?edit={}", l.id) aria-label=edit_label>{t(K::Edit)}</a>
                    <ActionForm action=retire attr:class="inline">
                        <input type="hidden" name="id" value=l.id/>
                        <ConfirmSubmit label=K::Retire question=K::ConfirmRetireLecturer subject=name.clone() inline=true/>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

#[component]
fn EditLecturer(
    l: LecturerView,
    update: ServerAction<UpdateLecturer>,
    error: Signal<Option<crate::error::AppError>>,
    titles: Options,
) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t(K::EditLecturer)}</h2>
            <ActionForm action=update attr:class="grid-form">
                <FormError error/>
                <input type="hidden" name="id" value=l.id/>
                <input type="hidden" name="version" value=l.version/>
                <TextField label=K::DisplayNameLabel name="name" error maxlength=50 value=l.name.clone() id_prefix="e-"/>
                <SelectField label=K::TitleLevel name="title_level" error options=titles selected=l.title_level.as_str() id_prefix="e-"/>
                <TextField label=K::Affiliation name="affiliation" error maxlength=100 value=l.affiliation.clone() id_prefix="e-"/>
                <TextField label=K::Field name="field" error maxlength=100 value=l.field.clone() id_prefix="e-"/>
                <TextField label=K::ContactPhone name="phone" kind="tel" error maxlength=20 value=l.phone.clone() id_prefix="e-"/>
                <TextArea label=K::Bio name="bio" error maxlength=1000 rows=2 value=l.bio.clone() id_prefix="e-"/>
                <button type="submit" class="primary">{t(K::Save)}</button>
                <a href="/lecturers">{t(K::Cancel)}</a>
            </ActionForm>
        </section>
    }
}
