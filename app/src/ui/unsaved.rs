//! Edits are not lost by leaving a page. Browser only; without JavaScript
//! a form posts what is typed. A step that acts on a record (submitting a
//! proposal) is a button of the form that edits it, so it always sends
//! what is on the screen.

/// Installs the page-wide guard once, from the app's root.
pub fn guard_unsaved_edits() {
    #[cfg(feature = "hydrate")]
    browser::install();
}

/// A form's post was refused (its banner shows why): what was typed is
/// still only on the screen, so leaving must ask again.
pub fn mark_unsaved() {
    #[cfg(feature = "hydrate")]
    browser::set_dirty(true);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;

    use crate::i18n::K;

    fn form_of(ev: &web_sys::Event) -> Option<web_sys::Element> {
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        el.closest("form").ok().flatten()
    }

    /// Forms that change records (posts), not filters (GET forms).
    fn is_post(form: &web_sys::Element) -> bool {
        form.get_attribute("method")
            .is_some_and(|m| m.eq_ignore_ascii_case("post"))
    }

    thread_local! {
        static DIRTY: Cell<bool> = const { Cell::new(false) };
    }

    fn dirty() -> bool {
        DIRTY.with(Cell::get)
    }

    pub fn set_dirty(v: bool) {
        DIRTY.with(|d| d.set(v));
    }

    pub fn install() {
        let w = window();
        let on_input = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if form_of(&ev).is_some_and(|f| is_post(&f)) {
                set_dirty(true);
            }
        });
        // Read when the message is shown, in the language shown then.
        let locale = use_context::<crate::i18n::CurrentLocale>().map(|c| c.signal);
        let text = move |k: K| k.text(locale.map(|l| l.get_untracked()).unwrap_or_default());
        // Capture phase: a post sends the edits; a refusal marks them again
        // (`mark_unsaved`, from the form's banner).
        let on_submit = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if form_of(&ev).is_some_and(|f| is_post(&f)) {
                set_dirty(false);
            }
        });
        // Links inside the app navigate without unloading: ask first.
        let on_click = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            if link.is_some() && dirty() {
                if window()
                    .confirm_with_message(text(K::UnsavedLeave))
                    .unwrap_or(true)
                {
                    set_dirty(false);
                } else {
                    ev.prevent_default();
                    ev.stop_propagation();
                }
            }
        });
        let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
            move |ev: web_sys::BeforeUnloadEvent| {
                if dirty() {
                    ev.prevent_default();
                    ev.set_return_value(text(K::UnsavedLeave));
                }
            },
        );
        let add = |name: &str, f: &web_sys::js_sys::Function| {
            let _ = w.add_event_listener_with_callback_and_bool(name, f, true);
        };
        add("input", on_input.as_ref().unchecked_ref());
        add("submit", on_submit.as_ref().unchecked_ref());
        add("click", on_click.as_ref().unchecked_ref());
        add("beforeunload", on_unload.as_ref().unchecked_ref());
        // For the page's whole life.
        on_input.forget();
        on_submit.forget();
        on_click.forget();
        on_unload.forget();
    }
}
