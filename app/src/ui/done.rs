use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, Text};

/// What an action did, said where the user is looking: after it succeeds
/// in the browser (`ok`), or after a plain form post whose redirect carries
/// `?done=<code>` (see `server::redirect_plain_form`).
/// `url` says whether the address still speaks for the page: false once
/// another action has run since it was loaded.
#[component]
pub fn Done<T: Text>(
    #[prop(into)] ok: Signal<bool>,
    code: &'static str,
    text: T,
    #[prop(into, default = Signal::stored(true))] url: Signal<bool>,
) -> impl IntoView {
    let query = use_query_map();
    let from_url = move || url.get() && query.with(|q| q.get("done").as_deref() == Some(code));
    move || (ok.get() || from_url()).then(|| view! { <p class="done" role="status">{t(text)}</p> })
}
