use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{
    list_accounts, AccountView, CreateAccount, ResetPassword, SetAccountActive, UpdateAccount,
};
use crate::auth::CurrentUser;
use crate::domain::{DisplayName, Role, PASSWORD_MAX, USERNAME_MAX};
use crate::error::AppError;
use crate::i18n::{role_key, t, use_locale, K};
use crate::orgs::list_orgs;
use crate::ui::{
    error_of, succeeded, success_count, ConfirmSubmit, FormError, Protected, SelectField,
    TableWrap, TextField,
};

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Accounts/>
        </Protected>
    }
}

type Options = Signal<Vec<(String, String)>>;

#[component]
fn Accounts() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    let is_admin = user.role == Role::Admin;
    let locale = use_locale();
    let create = ServerAction::<CreateAccount>::new();
    let update = ServerAction::<UpdateAccount>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let reset = ServerAction::<ResetPassword>::new();
    // Reloaded after a change only: a refused one keeps the forms as typed.
    let changes = (
        success_count(move || succeeded(&create.value().get())),
        success_count(move || succeeded(&update.value().get())),
        success_count(move || succeeded(&toggle.value().get())),
        success_count(move || succeeded(&reset.value().get())),
    );
    let accounts = Resource::new(
        move || {
            (
                changes.0.get(),
                changes.1.get(),
                changes.2.get(),
                changes.3.get(),
            )
        },
        |_| list_accounts(),
    );
    let orgs = Resource::new(|| (), |_| list_orgs());
    // After a save the edit row closes, as the plain-form redirect does.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if succeeded(&update.value().get()) || succeeded(&reset.value().get()) {
            navigate("/admin/accounts", Default::default());
        }
    });
    let query = use_query_map();
    let editing = move || query.read().get("edit").and_then(|s| s.parse::<i64>().ok());
    let resetting = move || {
        query
            .read()
            .get("reset")
            .and_then(|s| s.parse::<i64>().ok())
    };

    let roles: Options = Signal::derive(move || {
        Role::ALL
            .iter()
            .map(|r| {
                (
                    r.as_str().to_owned(),
                    role_key(*r).text(locale.get()).to_owned(),
                )
            })
            .collect()
    });
    // Once a role is chosen in the browser, only organisations it may
    // belong to are offered; before that (and without JavaScript) all are,
    // and the server says which fit.
    let org_choices = move |role: Signal<Option<Role>>| -> Options {
        Signal::derive(move || {
            let fits = move |kind: Option<crate::domain::OrgKind>| {
                role.get().is_none_or(|r| r.accepts_org(kind))
            };
            let none = (String::new(), K::NoneOption.text(locale.get()).to_owned());
            fits(None)
                .then_some(none)
                .into_iter()
                .chain(
                    orgs.get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|o| o.active && fits(Some(o.kind)))
                        .map(|o| (o.id.to_string(), o.name)),
                )
                .collect()
        })
    };
    let new_role = RwSignal::new(None::<Role>);
    // Emptied after an account is made: a second press makes no second one.
    let create_form = NodeRef::<leptos::html::Form>::new();
    crate::ui::reset_after(changes.0, create_form);
    let org_options = org_choices(new_role.into());
    let loaded = Signal::derive(move || accounts.get().and_then(Result::ok).unwrap_or_default());
    let create_error = Signal::derive(move || error_of(create.value().get()));
    let update_error = Signal::derive(move || error_of(update.value().get()));
    let reset_error = Signal::derive(move || error_of(reset.value().get()));
    let toggle_error = Signal::derive(move || error_of(toggle.value().get()));

    view! {
        <h1>{t(K::Accounts)}</h1>
        <FormError error=toggle_error/>
        {move || succeeded(&reset.value().get()).then(|| view! { <p role="status">{t(K::Saved)}</p> })}
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
            // Inside the transition: its choices come from a resource, and a
            // resource read outside one hydrates differently from the server.
            {is_admin.then(|| view! {
                <section class="card">
                    <h2>{t(K::NewAccount)}</h2>
                    <ActionForm action=create node_ref=create_form attr:class="grid-form" on:change=move |ev| {
                        if let Some(r) = chosen_role(&ev) { new_role.set(Some(r)) }
                    }>
                        <FormError error=create_error/>
                        <TextField label=K::Username name="username" error=create_error maxlength=USERNAME_MAX id_prefix="new-"/>
                        <TextField label=K::DisplayNameLabel name="display_name" error=create_error maxlength=DisplayName::MAX id_prefix="new-"/>
                        <SelectField label=K::RoleLabel name="role" error=create_error options=roles id_prefix="new-"/>
                        <SelectField label=K::Organisation name="org_id" error=create_error options=org_options id_prefix="new-"/>
                        <TextField label=K::InitialPassword name="password" kind="password" error=create_error
                            maxlength=PASSWORD_MAX autocomplete="new-password" hint=K::InitialPasswordHint id_prefix="new-"/>
                        <button type="submit" class="primary">{t(K::Create)}</button>
                        {move || succeeded(&create.value().get()).then(|| view! { <p role="status">{t(K::Saved)}</p> })}
                    </ActionForm>
                </section>
            })}
            <TableWrap label=K::Accounts>
            <table>
                <thead><tr>
                    <th>{t(K::Username)}</th><th>{t(K::DisplayNameLabel)}</th><th>{t(K::RoleLabel)}</th>
                    <th>{t(K::Organisation)}</th><th>{t(K::Status)}</th>
                    {is_admin.then(|| view! { <th>{t(K::Actions)}</th> })}
                </tr></thead>
                <tbody>
                {move || loaded.get().into_iter().map(|a| {
                    if is_admin && editing() == Some(a.id) {
                        let role = RwSignal::new(None::<Role>);
                        let org_options = org_choices(role.into());
                        view! { <EditRow account=a update roles org_options role error=update_error/> }.into_any()
                    } else if is_admin && resetting() == Some(a.id) {
                        view! { <ResetRow account=a reset error=reset_error/> }.into_any()
                    } else {
                        view! { <AccountRow account=a is_admin self_id=user.id toggle/> }.into_any()
                    }
                }).collect_view()}
                </tbody>
            </table>
            </TableWrap>
        </Transition>
    }
}

/// "Heading: name" as one text node (adjacent texts merge in HTML and would
/// not hydrate).
fn titled(key: K, name: String) -> impl Fn() -> String {
    let label = t(key);
    move || format!("{} {}", label(), name)
}

#[component]
fn AccountRow(
    account: AccountView,
    is_admin: bool,
    self_id: i64,
    toggle: ServerAction<SetAccountActive>,
) -> impl IntoView {
    let active = account.active;
    let pending = account.must_change_password;
    view! {
        <tr>
            <td>{account.username.clone()}</td>
            <td>{account.display_name.clone()}</td>
            <td>{t(role_key(account.role))}</td>
            <td>{account.org_name.clone().unwrap_or_default()}</td>
            <td>
                <span>{if active { t(K::Active) } else { t(K::Inactive) }}</span>
                {pending.then(|| view! { <span class="badge">{t(K::PendingChange)}</span> })}
            </td>
            {is_admin.then(|| view! {
                <td class="actions">
                    <a href=format!("?edit={}", account.id)>{t(K::Edit)}</a>
                    <a href=format!("?reset={}", account.id)>{t(K::ResetPassword)}</a>
                    {(account.id != self_id).then(|| view! {
                        <ActionForm action=toggle attr:class="inline">
                            <input type="hidden" name="id" value=account.id/>
                            <input type="hidden" name="version" value=account.version/>
                            <input type="hidden" name="active" value=(!active).to_string()/>
                        {if active {
                            view! { <ConfirmSubmit label=K::Deactivate question=K::ConfirmDeactivateAccount subject=account.display_name.clone() inline=true/> }.into_any()
                        } else {
                            view! { <button type="submit" class="link">{t(K::Activate)}</button> }.into_any()
                        }}
                        </ActionForm>
                    })}
                </td>
            })}
        </tr>
    }
}

#[component]
fn EditRow(
    account: AccountView,
    update: ServerAction<UpdateAccount>,
    roles: Options,
    org_options: Options,
    role: RwSignal<Option<Role>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <tr class="editing"><td colspan="6">
            <ActionForm action=update attr:class="grid-form" on:change=move |ev| {
                if let Some(r) = chosen_role(&ev) { role.set(Some(r)) }
            }>
                <h2>{titled(K::EditAccount, account.username.clone())}</h2>
                <FormError error/>
                <input type="hidden" name="id" value=account.id/>
                <input type="hidden" name="version" value=account.version/>
                <TextField label=K::DisplayNameLabel name="display_name" error value=account.display_name.clone()
                    maxlength=DisplayName::MAX id_prefix="edit-"/>
                <SelectField label=K::RoleLabel name="role" error options=roles selected=account.role.as_str() id_prefix="edit-"/>
                <SelectField label=K::Organisation name="org_id" error options=org_options
                    selected=account.org_id.map(|i| i.to_string()).unwrap_or_default() id_prefix="edit-"/>
                <button type="submit" class="primary">{t(K::Save)}</button>
                <a href="?">{t(K::Cancel)}</a>
            </ActionForm>
        </td></tr>
    }
}

#[component]
fn ResetRow(
    account: AccountView,
    reset: ServerAction<ResetPassword>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <tr class="editing"><td colspan="6">
            <ActionForm action=reset attr:class="grid-form">
                <h2>{titled(K::ResetPassword, account.username.clone())}</h2>
                <FormError error/>
                <input type="hidden" name="id" value=account.id/>
                <TextField label=K::InitialPassword name="password" kind="password" error
                    maxlength=PASSWORD_MAX autocomplete="new-password" hint=K::InitialPasswordHint id_prefix="reset-"/>
                <button type="submit" class="primary">{t(K::Save)}</button>
                <a href="?">{t(K::Cancel)}</a>
            </ActionForm>
        </td></tr>
    }
}

/// The role a form's role list shows after a change (browser only).
fn chosen_role(ev: &leptos::ev::Event) -> Option<Role> {
    Role::parse(&crate::ui::form_value(ev, "role")?)
}
