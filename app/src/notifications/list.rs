use leptos::prelude::*;

use super::{my_notifications, DismissNotification, NotificationKind};
use crate::domain::format_shanghai;
use crate::i18n::{t, use_locale, Locale, K};

fn text(kind: NotificationKind, topic: &str, l: Locale) -> String {
    match (kind, l) {
        (NotificationKind::ApplyIdTaken, Locale::Zh) => format!(
            "有一份使用您身份证号的报名（“{topic}”）未被记录：您在该项目已有报名，原报名不受影响。如非本人操作，请联系承办机构。"
        ),
        (NotificationKind::ApplyIdTaken, Locale::En) => format!(
            "An application for “{topic}” with your identity number was not recorded: you have applied already, and that application stands. If it was not you, contact the host institution."
        ),
    }
}

/// The signed-in account's unread messages, each with a button that marks
/// it read (a plain form post without JavaScript).
#[component]
pub fn Notifications() -> impl IntoView {
    let locale = use_locale();
    let dismiss = ServerAction::<DismissNotification>::new();
    let list = Resource::new(move || dismiss.version().get(), |_| my_notifications());
    view! {
        <Transition fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|items| view! {
                <section class="card notifications">
                    <h2>{t(K::Notifications)}</h2>
                    <ul>
                        {items.into_iter().map(|n| {
                            let topic = n.topic.clone().unwrap_or_default();
                            let kind = n.kind;
                            view! {
                                <li>
                                    <p>{move || text(kind, &topic, locale.get())}</p>
                                    <p class="muted">{format_shanghai(n.created_at)}</p>
                                    <ActionForm action=dismiss attr:class="inline">
                                        <input type="hidden" name="id" value=n.id/>
                                        <button type="submit" class="link">{t(K::MarkRead)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Transition>
    }
}
