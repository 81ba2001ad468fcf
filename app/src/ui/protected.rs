use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::app::use_auth;
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::{error_text, use_locale};

/// Shows `children` to a signed-in user of one of `roles` (any role when
/// empty). Only for the eye: every server function checks for itself.
#[component]
pub fn Protected(
    #[prop(default = &[])] roles: &'static [Role],
    /// The password page itself must stay reachable during a forced change.
    #[prop(default = false)]
    pending_password_ok: bool,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    match use_auth().user {
        None => view! { <Redirect path="/login"/> }.into_any(),
        Some(u) if u.must_change_password && !pending_password_ok => {
            view! { <Redirect path="/password"/> }.into_any()
        }
        Some(u) if roles.is_empty() || roles.contains(&u.role) => {
            provide_context(u);
            super::FieldsShown::provide();
            children().into_any()
        }
        Some(_) => view! {
            <p class="form-error" role="alert">
                {move || error_text(&AppError::Forbidden, locale.get())}
            </p>
        }
        .into_any(),
    }
}
