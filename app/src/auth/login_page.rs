use leptos::prelude::*;

use super::Login;
use crate::domain::{PASSWORD_MAX, USERNAME_MAX};
use crate::i18n::{t, K};
use crate::ui::{error_of, reload_to, FormError, TextField};

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || error_of(login.value().get()));
    Effect::new(move |_| {
        if let Some(Ok(user)) = login.value().get() {
            reload_to(if user.must_change_password {
                "/password"
            } else {
                "/"
            });
        }
    });
    crate::ui::FieldsShown::provide();
    let scanned = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("next")
        .is_some_and(|n| n == "checkin");
    view! {
        <section class="card narrow">
            <h1>{t(K::LoginTitle)}</h1>
            {scanned.then(|| view! { <p class="notice" role="status">{t(K::SignInToCheckIn)}</p> })}
            <ActionForm action=login>
                <FormError error/>
                <TextField label=K::Username name="username" error
                    maxlength=USERNAME_MAX autocomplete="username" hint=K::TraineesSignInWithMobile/>
                <TextField label=K::Password name="password" kind="password" error
                    maxlength=PASSWORD_MAX autocomplete="current-password"/>
                <button type="submit" class="primary">{t(K::SignIn)}</button>
            </ActionForm>
            <p><a href="/activate">{t(K::HaveCodeActivate)}</a></p>
        </section>
    }
}
