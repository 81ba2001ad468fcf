//! Every visible string goes through here. Keys are an enum, so a missing
//! translation is a compile error, not a blank on screen.

/// A set of translated texts: an enum whose every variant has its Chinese
/// and English wording, so a missing translation does not compile.
macro_rules! keys {
    ($set:ident; $($name:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $set { $($name,)* }

        impl $set {
            pub fn text(self, l: $crate::i18n::Locale) -> &'static str {
                use $crate::i18n::Locale;
                match (self, l) {
                    $(($set::$name, Locale::Zh) => $zh, ($set::$name, Locale::En) => $en,)*
                }
            }
        }

        impl $crate::i18n::Text for $set {
            fn text(self, l: $crate::i18n::Locale) -> &'static str {
                $set::text(self, l)
            }
        }
    };
}

mod assessment_keys;
mod audit;
mod certificate_keys;
mod closing_keys;
mod courseware_keys;
mod errors;
mod inspection_keys;
mod keys;
mod labels;
mod paper_keys;
mod spending_keys;
mod spot_check_keys;
mod survey_keys;
mod work;

pub use assessment_keys::{field_text as assessment_field_text, grade_key, outcome_key, AK};
pub use audit::{action_text, audit_actions, detail_text, target_text};
pub use certificate_keys::{level_text, register_status_key, CK};
pub use closing_keys::{status_key as closing_status_key, JK};
pub use courseware_keys::{consent_scope_text, WK};
pub use errors::{
    call_still_open_text, class_hours_text, enroll_until_text, error_text, field_problem_text,
    imported_text, minutes_text, problem_text, proposal_problem_text, quota_text, row_error_text,
    slot_holds_text, typed_course_refused, with_typed_course,
};
pub use inspection_keys::{
    kind_key as inspection_kind_key, status_key as inspection_status_key, IK,
};
pub use keys::K;
pub use labels::{
    area_kind_key, category_key, change_status_key, enrollment_status_key, field_label,
    filing_status_key, import_field_text, kind_key, lecturer_title_key, need_kind_key, plan_title,
    role_key, source_key, status_key, teaching_form_key, trainee_title_key,
};
pub use paper_keys::PK;
pub use spending_keys::{category_text, day_group_key, FK};
pub use spot_check_keys::{scope_text, XK};
pub use survey_keys::SK;
pub use work::{stage_text, work_text};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const LOCALE_COOKIE: &str = "gaoyan_lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" => Some(Locale::Zh),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Cookie first, then the first supported language in Accept-Language,
    /// then Chinese.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
        if let Some(l) = cookie.and_then(Locale::parse) {
            return l;
        }
        accept_language
            .into_iter()
            .flat_map(|h| h.split(','))
            .filter_map(|part| {
                let tag = part.split(';').next()?.trim().to_ascii_lowercase();
                if tag.starts_with("zh") {
                    Some(Locale::Zh)
                } else if tag.starts_with("en") {
                    Some(Locale::En)
                } else {
                    None
                }
            })
            .next()
            .unwrap_or_default()
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }
}

/// The page's current language; a signal so switching re-renders in place.
/// `shared` is the same signal, reference-counted: text read outside the
/// page's reactive owner (the `<title>`, written into `<head>` after the
/// body has rendered) must not depend on that owner still being alive.
#[derive(Clone)]
pub struct CurrentLocale {
    pub signal: RwSignal<Locale>,
    pub shared: ArcRwSignal<Locale>,
}

impl CurrentLocale {
    pub fn new(locale: Locale) -> Self {
        let shared = ArcRwSignal::new(locale);
        CurrentLocale {
            signal: RwSignal::from(shared.clone()),
            shared,
        }
    }
}

pub fn use_locale() -> RwSignal<Locale> {
    use_context::<CurrentLocale>()
        .map(|c| c.signal)
        .unwrap_or_else(|| RwSignal::new(Locale::default()))
}

/// Texts in both languages (`K`, and a feature's own set such as `PK`).
pub trait Text: Copy + Send + Sync + 'static {
    fn text(self, l: Locale) -> &'static str;
}

/// A translation that owns its handle on the locale, for text rendered
/// after the page's owner may be gone (see `CurrentLocale`).
pub fn t_owned(key: impl Text) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
    let locale = use_context::<CurrentLocale>()
        .map(|c| c.shared)
        .unwrap_or_else(|| ArcRwSignal::new(Locale::default()));
    move || key.text(locale.get())
}

/// A reactive translation: use it directly as a view child or attribute.
pub fn t(key: impl Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || key.text(locale.get())
}

/// The locale of the request being rendered (server) or of the page that
/// the server rendered (browser), so hydration sees the same text.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| request_locale(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Locale::parse(&l))
            .unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
pub fn request_locale(headers: &http::HeaderMap) -> Locale {
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LOCALE_COOKIE)
        .map(|(_, v)| v.to_owned());
    let accept = headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie.as_deref(), accept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_over_the_browser_language() {
        assert_eq!(Locale::negotiate(Some("en"), Some("zh-CN,zh")), Locale::En);
    }

    #[test]
    fn without_a_cookie_the_first_supported_browser_language_is_used() {
        assert_eq!(
            Locale::negotiate(None, Some("fr-FR,en-US;q=0.8,zh;q=0.5")),
            Locale::En
        );
        assert_eq!(Locale::negotiate(None, Some("fr")), Locale::Zh);
        assert_eq!(Locale::negotiate(Some("xx"), None), Locale::Zh);
    }
}
