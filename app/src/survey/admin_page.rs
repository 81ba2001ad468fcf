use leptos::prelude::*;

use super::{questionnaire, AddStandardItem, QuestionnaireView, RemoveStandardItem};
use crate::domain::{format_shanghai, Role};
use crate::i18n::{error_text, t, use_locale, K, SK};
use crate::ui::{error_of, FormError, Protected, TableWrap};

/// The standard questionnaire: its items, a form to add one, and every
/// version published. Each change publishes a new version; surveys
/// already opened keep the one they opened with.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Questionnaire/>
        </Protected>
    }
}

#[component]
fn Questionnaire() -> impl IntoView {
    let locale = use_locale();
    let add = ServerAction::<AddStandardItem>::new();
    let remove = ServerAction::<RemoveStandardItem>::new();
    let changed = crate::ui::success_count(move || {
        crate::ui::succeeded(&add.value().get()) || crate::ui::succeeded(&remove.value().get())
    });
    let data = Resource::new(move || changed.get(), move |_| questionnaire());
    let added = crate::ui::success_count(move || crate::ui::succeeded(&add.value().get()));
    let add_ref = NodeRef::<leptos::html::Form>::new();
    crate::ui::reset_after(added, add_ref);
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    view! {
        <h1>{t(SK::Standard)}</h1>
        <p class="hint">{t(SK::StandardHint)}</p>
        <crate::ui::Done ok=Signal::derive(move || changed.get() > 0) code="published" text=K::Saved/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => page(v, is_admin, (add, add_ref), remove).into_any(),
        })}
        </Transition>
    }
}

fn page(
    v: QuestionnaireView,
    is_admin: bool,
    (add, add_ref): (ServerAction<AddStandardItem>, NodeRef<leptos::html::Form>),
    remove: ServerAction<RemoveStandardItem>,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let version = v.version;
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    let add_error = Signal::derive(move || error_of(add.value().get()));
    view! {
        <section class="card">
            <h2>{t(SK::Items)}" · v"{version}</h2>
            <FormError error=remove_error/>
            <ol class="survey-items">{v.items.iter().map(|item| {
                let key = item.key.clone();
                let subject = item.text.zh.clone();
                view! {
                    <li>
                        {super::staff_page::item_line(item, locale)}
                        {is_admin.then(|| view! {
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="version" value=version/>
                                <input type="hidden" name="key" value=key/>
                                <crate::ui::ConfirmSubmit label=K::Remove question=K::ConfirmRemoveItem subject=subject.clone() inline=true/>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}</ol>
            <p class="hint">{t(SK::LecturerNote)}</p>
        </section>
        {is_admin.then(|| view! {
            <section class="card">
                <h2>{t(SK::AddItem)}</h2>
                <ActionForm action=add node_ref=add_ref>
                    <FormError error=add_error/>
                    <input type="hidden" name="version" value=version/>
                    {super::staff_page::item_fields(add_error)}
                    <button type="submit" class="primary">{t(SK::AddItem)}</button>
                </ActionForm>
            </section>
        })}
        <section class="card">
            <h2>{t(SK::Versions)}</h2>
            <TableWrap label=SK::Versions><table>
                <thead><tr>
                    <th>{t(SK::Version)}</th><th>{t(SK::ItemCount)}</th><th>{t(SK::PublishedAt)}</th>
                    <th>{t(SK::PublishedBy)}</th><th>{t(SK::UsedBy)}</th>
                </tr></thead>
                <tbody>{v.versions.iter().map(|r| view! {
                    <tr>
                        <td>{format!("v{}", r.version)}</td>
                        <td>{r.items}</td>
                        <td>{format_shanghai(r.published_at)}</td>
                        <td>{match r.published_by.clone() { Some(n) => view! { {n} }.into_any(), None => view! { {t(SK::Seeded)} }.into_any() }}</td>
                        <td>{r.programmes}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></TableWrap>
        </section>
    }
}
