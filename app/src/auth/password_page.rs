use leptos::prelude::*;

use super::ChangePassword;
use crate::auth::CurrentUser;
use crate::domain::{PASSWORD_MAX, PASSWORD_MIN};
use crate::i18n::{t, K};
use crate::ui::{error_of, reload_to, succeeded, FormError, Protected, TextField};

#[component]
pub fn PasswordPage() -> impl IntoView {
    view! {
        <Protected pending_password_ok=true>
            <PasswordForm/>
        </Protected>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let user = expect_context::<CurrentUser>();
    let error = Signal::derive(move || error_of(change.value().get()));
    Effect::new(move |_| {
        if succeeded(&change.value().get()) {
            reload_to("/");
        }
    });
    view! {
        <section class="card narrow">
            <h1>{t(K::ChangePassword)}</h1>
            {user.must_change_password.then(|| view! {
                <p class="notice" role="status">{t(K::MustChangeNotice)}</p>
            })}
            <ActionForm action=change>
                <FormError error/>
                <TextField label=K::CurrentPassword name="current_password" kind="password" error
                    maxlength=PASSWORD_MAX autocomplete="current-password"/>
                <TextField label=K::NewPasswordLabel name="new_password" kind="password" error
                    minlength=PASSWORD_MIN maxlength=PASSWORD_MAX autocomplete="new-password"
                    hint=K::PasswordRules/>
                <TextField label=K::ConfirmPassword name="confirm_password" kind="password" error
                    maxlength=PASSWORD_MAX autocomplete="new-password"/>
                <button type="submit" class="primary">{t(K::Save)}</button>
            </ActionForm>
        </section>
    }
}
