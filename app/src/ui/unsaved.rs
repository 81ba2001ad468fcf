//! Edits are not lost by leaving a page. Browser only; without JavaScript
//! a form posts what is typed. A step that acts on a record (submitting a
//! proposal) is a button of the form that edits it, so it always sends
//! what is on the screen.

/// Installs the page-wide guard once, from the app's root.
pub fn guard_unsaved_edits() {
    #[cfg(feature = "hydrate")]
    browser::install();
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

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

    pub fn install() {
        let dirty = Rc::new(Cell::new(false));
        let w = window();
        let (d1, d2, d3, d4) = (dirty.clone(), dirty.clone(), dirty.clone(), dirty);
        let on_input = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if form_of(&ev).is_some_and(|f| is_post(&f)) {
                d1.set(true);
            }
        });
        // Read when the message is shown, in the language shown then.
        let locale = use_context::<crate::i18n::CurrentLocale>().map(|c| c.signal);
        let text = move |k: K| k.text(locale.map(|l| l.get_untracked()).unwrap_or_default());
        // Capture phase: a post sends the edits, so they are no longer at risk.
        let on_submit = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if form_of(&ev).is_some_and(|f| is_post(&f)) {
                d2.set(false);
            }
        });
        // Links inside the app navigate without unloading: ask first.
        let on_click = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            if link.is_some() && d3.get() {
                if window()
                    .confirm_with_message(text(K::UnsavedLeave))
                    .unwrap_or(true)
                {
                    d3.set(false);
                } else {
                    ev.prevent_default();
                    ev.stop_propagation();
                }
            }
        });
        let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
            move |ev: web_sys::BeforeUnloadEvent| {
                if d4.get() {
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
