use leptos::prelude::*;

use crate::i18n::{t, Text};

/// A wide table that scrolls sideways on a phone. The scrolling box is a
/// named region in the tab order, so a keyboard can reach and scroll it.
#[component]
pub fn TableWrap<L: Text>(label: L, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(label)>
            {children()}
        </div>
    }
}
