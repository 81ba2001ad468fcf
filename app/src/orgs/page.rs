use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{list_orgs, CreateOrg, OrgView, SetOrgActive, UpdateOrg};
use crate::app::kind_label;
use crate::auth::CurrentUser;
use crate::domain::{OrgKind, OrgName, Role};
use crate::i18n::{kind_key, t, use_locale, K};
use crate::ui::{
    error_of, succeeded, ConfirmSubmit, FormError, Protected, SelectField, TableWrap, TextField,
};

#[component]
pub fn OrgsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Orgs/>
        </Protected>
    }
}

fn unit_options(orgs: &[OrgView], none: &'static str) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned()))
        .chain(
            orgs.iter()
                .filter(|o| o.kind.is_declaring_unit() && o.active)
                .map(|o| (o.id.to_string(), o.name.clone())),
        )
        .collect()
}

#[component]
fn Orgs() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let is_admin = user.role == Role::Admin;
    let locale = use_locale();
    let create = ServerAction::<CreateOrg>::new();
    let update = ServerAction::<UpdateOrg>::new();
    let toggle = ServerAction::<SetOrgActive>::new();
    // Reloaded after a change only: a refused one keeps the forms as typed.
    let changes = (
        crate::ui::success_count(move || succeeded(&create.value().get())),
        crate::ui::success_count(move || succeeded(&update.value().get())),
        crate::ui::success_count(move || succeeded(&toggle.value().get())),
    );
    // Emptied after an organisation is made: a second press makes no second one.
    let create_form = NodeRef::<leptos::html::Form>::new();
    crate::ui::reset_after(changes.0, create_form);
    let orgs = Resource::new(
        move || (changes.0.get(), changes.1.get(), changes.2.get()),
        |_| list_orgs(),
    );
    // After a save the edit row closes, as the plain-form redirect does.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if succeeded(&update.value().get()) {
            navigate("/admin/orgs", Default::default());
        }
    });
    let query = use_query_map();
    let editing = move || query.read().get("edit").and_then(|s| s.parse::<i64>().ok());
    let loaded = Signal::derive(move || orgs.get().and_then(Result::ok).unwrap_or_default());
    let units =
        Signal::derive(move || unit_options(&loaded.get(), K::NoneOption.text(locale.get())));
    let kinds = Signal::derive(move || {
        OrgKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    kind_key(*k).text(locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let create_error = Signal::derive(move || error_of(create.value().get()));
    let update_error = Signal::derive(move || error_of(update.value().get()));
    let toggle_error = Signal::derive(move || error_of(toggle.value().get()));

    view! {
        <h1>{t(K::Organisations)}</h1>
        <FormError error=toggle_error/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            // Inside the transition: its choices come from a resource, and a
            // resource read outside one hydrates differently from the server.
            {is_admin.then(|| view! {
                <section class="card">
                    <h2>{t(K::NewOrganisation)}</h2>
                    <ActionForm action=create node_ref=create_form attr:class="grid-form">
                        <FormError error=create_error/>
                        <TextField label=K::Name name="name" error=create_error maxlength=OrgName::MAX id_prefix="new-"/>
                        <SelectField label=K::Kind name="kind" error=create_error options=kinds id_prefix="new-"/>
                        <SelectField label=K::ParentUnit name="parent_id" error=create_error options=units id_prefix="new-"/>
                        <button type="submit" class="primary">{t(K::Create)}</button>
                        {move || succeeded(&create.value().get()).then(|| view! { <p role="status">{t(K::Saved)}</p> })}
                    </ActionForm>
                </section>
            })}
            <TableWrap label=K::Organisations>
            <table>
                <thead><tr>
                    <th>{t(K::Name)}</th><th>{t(K::Kind)}</th><th>{t(K::ParentUnit)}</th>
                    <th>{t(K::Status)}</th>{is_admin.then(|| view! { <th>{t(K::Actions)}</th> })}
                </tr></thead>
                <tbody>
                {move || loaded.get().into_iter().map(|o| {
                    if is_admin && editing() == Some(o.id) {
                        view! { <EditRow org=o update units error=update_error/> }.into_any()
                    } else {
                        view! { <OrgRow org=o is_admin toggle/> }.into_any()
                    }
                }).collect_view()}
                </tbody>
            </table>
            </TableWrap>
        </Transition>
    }
}

#[component]
fn OrgRow(org: OrgView, is_admin: bool, toggle: ServerAction<SetOrgActive>) -> impl IntoView {
    let active = org.active;
    view! {
        <tr>
            <td>{org.name.clone()}</td>
            <td>{kind_label(org.kind)}</td>
            <td>{org.parent_name.clone().unwrap_or_default()}</td>
            <td>{if active { t(K::Active) } else { t(K::Inactive) }}</td>
            {is_admin.then(|| view! {
                <td class="actions">
                    <a href=format!("?edit={}", org.id)>{t(K::Edit)}</a>
                    <ActionForm action=toggle attr:class="inline">
                        <input type="hidden" name="id" value=org.id/>
                        <input type="hidden" name="version" value=org.version/>
                        <input type="hidden" name="active" value=(!active).to_string()/>
                        {if active {
                            view! { <ConfirmSubmit label=K::Deactivate question=K::ConfirmDeactivateOrg subject=org.name.clone() inline=true/> }.into_any()
                        } else {
                            view! { <button type="submit" class="link">{t(K::Activate)}</button> }.into_any()
                        }}
                    </ActionForm>
                </td>
            })}
        </tr>
    }
}

#[component]
fn EditRow(
    org: OrgView,
    update: ServerAction<UpdateOrg>,
    units: Signal<Vec<(String, String)>>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let parent = org.parent_id.map(|p| p.to_string()).unwrap_or_default();
    view! {
        <tr class="editing"><td colspan="5">
            <ActionForm action=update attr:class="grid-form">
                <h2>{t(K::EditOrganisation)}</h2>
                <FormError error/>
                <input type="hidden" name="id" value=org.id/>
                <input type="hidden" name="version" value=org.version/>
                <TextField label=K::Name name="name" error value=org.name.clone() maxlength=OrgName::MAX id_prefix="edit-"/>
                {org.kind.needs_parent_unit().then(|| view! {
                    <SelectField label=K::ParentUnit name="parent_id" error options=units selected=parent.clone() id_prefix="edit-"/>
                })}
                {(!org.kind.needs_parent_unit()).then(|| view! { <input type="hidden" name="parent_id" value=""/> })}
                <button type="submit" class="primary">{t(K::Save)}</button>
                <a href="?">{t(K::Cancel)}</a>
            </ActionForm>
        </td></tr>
    }
}
