use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::{list_audit, AuditQuery};
use crate::domain::{format_shanghai, Role};
use crate::error::AppError;
use crate::i18n::{
    action_text, audit_actions, detail_text, role_key, t, target_text, use_locale, K,
};
use crate::ui::{FieldError, FormError, TableWrap};

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <crate::ui::Protected roles=&[Role::Admin, Role::Inspector]>
            <Audit/>
        </crate::ui::Protected>
    }
}

/// The filter is a GET form, so it works without JavaScript and every
/// filtered view has a shareable address.
#[component]
fn Audit() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let current = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        AuditQuery {
            action: get("action"),
            actor: get("actor"),
            from: get("from"),
            to: get("to"),
            page: get("page").parse().unwrap_or(0),
        }
    };
    let list = Resource::new(current, list_audit);
    let error = Signal::derive(move || list.get().and_then(Result::err));
    let page_link = move |page: i64| {
        let q = current();
        format!(
            "?action={}&actor={}&from={}&to={}&page={page}",
            q.action, q.actor, q.from, q.to
        )
    };

    // Everything that reads the list, its problems included, is inside the
    // transition: a resource read outside one hydrates differently from
    // the server's render.
    view! {
        <h1>{t(K::AuditLog)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        <Form method="GET" action="" attr:class="grid-form filters">
            <div class="field">
                <label for="audit-action">{t(K::Action)}</label>
                <select id="audit-action" name="action">
                    <option value="">{t(K::AllActions)}</option>
                    {move || {
                        let chosen = current().action;
                        audit_actions().map(|a| {
                            view! { <option value=a selected=chosen == a>{action_text(a, locale.get())}</option> }
                        }).collect_view()
                    }}
                </select>
                <FieldError error field="action"/>
            </div>
            <div class="field">
                <label for="audit-actor">{t(K::Actor)}</label>
                <input id="audit-actor" name="actor" maxlength="64" value=move || current().actor/>
                <FieldError error field="actor"/>
            </div>
            <div class="field">
                <label for="audit-from">{t(K::DateFrom)}</label>
                <input id="audit-from" name="from" type="date" value=move || current().from/>
                <FieldError error field="from"/>
            </div>
            <div class="field">
                <label for="audit-to">{t(K::DateTo)}</label>
                <input id="audit-to" name="to" type="date" value=move || current().to/>
                <FieldError error field="to"/>
            </div>
            <button type="submit" class="primary">{t(K::Filter)}</button>
        </Form>
        <FormError error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_))))/>
        <FieldError error field="page"/>
            {move || list.get().and_then(Result::ok).map(|l| {
                let page = l.page;
                let has_more = l.has_more;
                view! {
                    <TableWrap label=K::AuditLog>
                    <table>
                        <thead><tr>
                            <th>{t(K::Time)}</th><th>{t(K::Actor)}</th><th>{t(K::Action)}</th>
                            <th>{t(K::Target)}</th><th>{t(K::Detail)}</th><th>{t(K::ClientIp)}</th>
                        </tr></thead>
                        <tbody>
                        {l.entries.is_empty().then(|| view! { <tr><td colspan="6">{t(K::NoRecords)}</td></tr> })}
                        {l.entries.into_iter().map(|e| {
                            let action = e.action.clone();
                            let action_code = e.action.clone();
                            let kind = e.target_kind.clone();
                            let id = match (&e.target_name, &e.target_id) {
                                (Some(name), _) => name.clone(),
                                (None, Some(i)) => format!("#{i}"),
                                (None, None) => String::new(),
                            };
                            let detail = e.detail.clone();
                            view! {
                                <tr>
                                    <td>{format_shanghai(e.at)}</td>
                                    <td>
                                        {e.actor_name.clone().map(|n| view! { <span class="actor-name">{n}</span>" " })}
                                        <span class="muted">{e.actor_username.clone()}</span>
                                        {e.actor_role.map(|r| view! { <span class="muted">{t(role_key(r))}</span> })}
                                    </td>
                                    <td>{move || action_text(&action, locale.get())}</td>
                                    <td>{move || format!("{} {}", target_text(&kind, locale.get()), id)}</td>
                                    <td>{move || detail_text(&action_code, &detail, locale.get())}</td>
                                    <td>{e.ip.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                        </tbody>
                    </table>
                    </TableWrap>
                    <nav class="pager">
                        {(page > 0).then(|| view! { <a href=page_link(page - 1)>{t(K::Previous)}</a> })}
                        {has_more.then(|| view! { <a href=page_link(page + 1)>{t(K::Next)}</a> })}
                    </nav>
                }
            })}
        </Transition>
    }
}
