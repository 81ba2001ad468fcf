use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, use_locale, Locale, K};

/// Remembers the chosen language in a cookie for a year.
#[server(endpoint = "set_locale")]
pub async fn set_locale(lang: String) -> Result<Locale, AppError> {
    use crate::error::Problem;
    use crate::i18n::LOCALE_COOKIE;
    use crate::server::policy;

    crate::auth::guard::public(&policy::SET_LOCALE).await?;
    let locale =
        Locale::parse(&lang).ok_or_else(|| AppError::field("lang", Problem::InvalidChoice))?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    match http::HeaderValue::from_str(&cookie) {
        Ok(v) => response.append_header(http::header::SET_COOKIE, v),
        Err(_) => return Err(AppError::Internal),
    }
    Ok(locale)
}

/// A one-button form: works as a plain POST before the wasm arrives, and
/// re-renders in place after.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let action = ServerAction::<SetLocale>::new();
    Effect::new(move |_| {
        if let Some(Ok(l)) = action.value().get() {
            locale.set(l);
        }
    });
    view! {
        <ActionForm action=action attr:class="inline">
            <input type="hidden" name="lang" value=move || locale.get().other().code()/>
            <button type="submit" class="link" aria-label=t(K::SwitchLanguageLabel)
                lang=move || locale.get().other().html_lang()>
                {t(K::SwitchLanguage)}
            </button>
        </ActionForm>
    }
}
