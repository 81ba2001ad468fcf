use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Activate;
use crate::domain::{PASSWORD_MAX, PASSWORD_MIN};
use crate::i18n::{t, K};
use crate::ui::{error_of, FormError, TextField};

/// A trainee admitted without an account sets a password with the code
/// from the slip; the slip's QR code opens this page with the code filled.
#[component]
pub fn ActivatePage() -> impl IntoView {
    crate::ui::FieldsShown::provide();
    let activate = ServerAction::<Activate>::new();
    let error = Signal::derive(move || error_of(activate.value().get()));
    let code = use_query_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default()
        .chars()
        .take(30)
        .collect::<String>();
    view! {
        <section class="card narrow">
            <h1>{t(K::ActivateTitle)}</h1>
            <p>{t(K::ActivateIntro)}</p>
            <ActionForm action=activate>
                <FormError error/>
                <TextField label=K::ActivationCode name="code" error value=code maxlength=30
                    autocomplete="one-time-code"/>
                <TextField label=K::NewPasswordLabel name="new_password" kind="password" error
                    minlength=PASSWORD_MIN maxlength=PASSWORD_MAX autocomplete="new-password"
                    hint=K::PasswordRules/>
                <TextField label=K::ConfirmPassword name="confirm_password" kind="password" error
                    maxlength=PASSWORD_MAX autocomplete="new-password"/>
                <button type="submit" class="primary">{t(K::ActivateAndSignIn)}</button>
            </ActionForm>
            <p><a href="/login">{t(K::HaveAccountSignIn)}</a></p>
        </section>
    }
}
