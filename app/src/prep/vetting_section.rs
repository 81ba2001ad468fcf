//! Lecturer vetting (R6).

use leptos::prelude::*;

use crate::domain::Role;
use crate::i18n::{lecturer_title_key, t, use_locale, K};
use crate::prep::{PrepView, VetLecturer};
use crate::ui::{error_of, FormError, SelectField, TableWrap, TextArea, TextField};

#[component]
pub(super) fn Vetting(v: PrepView, role: Role, vet: ServerAction<VetLecturer>) -> impl IntoView {
    let locale = use_locale();
    let can_vet = matches!(role, Role::Institution | Role::Unit) && v.schedule_open();
    let error = Signal::derive(move || error_of(vet.value().get()));
    let lecturers = v.lecturers.clone();
    let options = Signal::derive(move || {
        lecturers
            .iter()
            .map(|l| (l.id.to_string(), l.name.clone()))
            .collect::<Vec<_>>()
    });
    let decisions = Signal::derive(move || {
        [("true", K::Approve), ("false", K::Reject)]
            .iter()
            .map(|(v, k)| ((*v).to_owned(), k.text(locale.get()).to_owned()))
            .collect::<Vec<_>>()
    });
    let pid = v.programme.id;
    let unvetted = v.unvetted();
    view! {
        <section class="card">
            <h2>{t(K::LecturerVetting)}</h2>
            {(!unvetted.is_empty()).then(|| {
                let names = unvetted.join("、");
                view! { <p class="notice" id="unvetted">{move || format!("{}{names}", K::NotYetVetted.text(locale.get()))}</p> }
            })}
            <TableWrap label=K::LecturerVetting><table>
                <thead><tr><th>{t(K::Lecturer)}</th><th>{t(K::TitleLevel)}</th><th>{t(K::Expertise)}</th><th>{t(K::Compliance)}</th><th>{t(K::Decision)}</th></tr></thead>
                <tbody>
                {v.lecturers.clone().into_iter().map(|l| {
                    let vetting = v.vettings.iter().find(|x| x.lecturer_id == l.id).cloned();
                    view! {
                        <tr>
                            <td>{format!("{} {}", l.name, l.phone)}</td>
                            <td>{t(lecturer_title_key(l.title_level))}</td>
                            {match vetting {
                                Some(x) => view! {
                                    <td>{format!("{} {} {}", x.expertise.0, x.expertise.1, x.expertise.2)}</td>
                                    <td>{format!("{} {} {}", x.compliance.0, x.compliance.1, x.compliance.2)}</td>
                                    <td><span class=if x.approved { "badge approved" } else { "badge rejected" }>{if x.approved { t(K::VettingApproved) } else { t(K::VettingRejected) }}</span></td>
                                }.into_any(),
                                None => view! { <td></td><td></td><td>{t(K::NotVetted)}</td> }.into_any(),
                            }}
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table></TableWrap>
            {can_vet.then(|| view! {
                <h3>{t(K::VetLecturer)}</h3>
                <ActionForm action=vet attr:class="grid-form">
                    <FormError error/>
                    <input type="hidden" name="programme_id" value=pid/>
                    <SelectField label=K::Lecturer name="lecturer_id" error options id_prefix="v-"/>
                    <TextField label=K::ExpertiseReviewer name="expertise_reviewer" error maxlength=50 id_prefix="v-"/>
                    <TextField label=K::ExpertiseDate name="expertise_date" kind="date" error id_prefix="v-"/>
                    <TextArea label=K::ExpertiseNote name="expertise_note" error maxlength=1000 rows=2 id_prefix="v-"/>
                    <TextField label=K::ComplianceReviewer name="compliance_reviewer" error maxlength=50 id_prefix="v-"/>
                    <TextField label=K::ComplianceDate name="compliance_date" kind="date" error id_prefix="v-"/>
                    <TextArea label=K::ComplianceNote name="compliance_note" error maxlength=1000 rows=2 id_prefix="v-"/>
                    <SelectField label=K::Decision name="approve" error options=decisions id_prefix="v-"/>
                    <button type="submit" class="primary">{t(K::RecordVetting)}</button>
                </ActionForm>
            })}
        </section>
    }
}
