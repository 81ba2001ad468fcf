//! `/verify`: anyone checks a certificate without signing in, by its
//! number and the holder's name, or by the QR code's link
//! (`/verify/{token}`). A wrong number, a right number with a wrong name
//! and a wrong token get one and the same answer, the holder's name is
//! shown masked, every answer that finds a certificate is counted on it,
//! and the page and its server function are throttled per address. The
//! page is light: a plain GET form, no wasm.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{t, use_locale, CK, K};

/// What a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Nothing asked yet.
    Ask,
    /// No certificate with this number and name, or this link.
    NoMatch,
    Found(Shown),
}

/// A certificate as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub masked_name: String,
    pub number: String,
    pub topic: String,
    pub start_date: String,
    pub end_date: String,
    pub class_hours: i64,
    pub issuer: String,
    pub version: i64,
    pub revoked_at: Option<i64>,
}

/// Looks a certificate up by `token`, or else by `number` and `name`.
#[server(endpoint = "verify_certificate")]
pub async fn verify_certificate(
    #[server(default)] number: String,
    #[server(default)] name: String,
    #[server(default)] token: String,
) -> Result<Verdict, AppError> {
    use crate::domain::certificate::{same_name, typed_number};
    use crate::server::policy;

    let visitor = crate::auth::guard::public(&policy::VERIFY_CERTIFICATE).await?;
    let token = token.trim().to_ascii_lowercase();
    let number = typed_number(&number);
    let asked = !token.is_empty() || !number.is_empty() || !name.trim().is_empty();
    if !asked {
        return Ok(Verdict::Ask);
    }
    // Looked up without a transaction: a public page must not queue for
    // the one writer SQLite has; only a check that finds writes.
    let found = {
        let mut conn = visitor.state.db.pool.acquire().await?;
        if !token.is_empty() {
            if token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
                super::repo::find(&mut conn, super::repo::Key::Token(&token)).await?
            } else {
                None
            }
        } else {
            super::repo::find(&mut conn, super::repo::Key::Number(&number))
                .await?
                .filter(|c| same_name(&name, &c.name))
        }
    };
    let Some(c) = found else {
        return Ok(Verdict::NoMatch);
    };
    let day = crate::domain::shanghai_date(visitor.state.clock.now()).to_string();
    let network = crate::server::throttle::network(&visitor.ip);
    let verifier = visitor
        .state
        .keys
        .lookup(crate::server::crypto::Purpose::Verifier, &network);
    let mut tx = visitor.state.db.write().await?;
    super::repo::count_check(&mut tx, c.id, &day, &verifier).await?;
    tx.commit().await?;
    Ok(Verdict::Found(Shown {
        masked_name: crate::domain::mask_name(&c.name),
        number: c.number,
        topic: c.topic,
        start_date: c.dates.0,
        end_date: c.dates.1,
        class_hours: c.class_hours,
        issuer: c.issuer,
        version: c.version,
        revoked_at: c.revoked_at,
    }))
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let query = use_query_map();
    let params = use_params_map();
    let asked = move || {
        let q = query.read();
        let take = |k: &str| {
            q.get(k)
                .unwrap_or_default()
                .chars()
                .take(60)
                .collect::<String>()
        };
        (
            take("number"),
            take("name"),
            params.read().get("token").unwrap_or_default(),
        )
    };
    let (number, name, _) = asked();
    let verdict = Resource::new(asked, |(number, name, token)| {
        verify_certificate(number, name, token)
    });
    view! {
        <section class="card narrow">
            <h1>{t(CK::VerifyTitle)}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
                {move || verdict.get().map(|v| match v {
                    Ok(Verdict::Found(s)) => view! { <Found s/> }.into_any(),
                    Ok(Verdict::NoMatch) => view! {
                        <p class="error" role="alert" id="verdict">{t(CK::NoMatch)}</p>
                    }.into_any(),
                    Ok(Verdict::Ask) => view! { <p>{t(CK::VerifyIntro)}</p> }.into_any(),
                    Err(e) => view! {
                        <p class="error" role="alert">{move || crate::i18n::error_text(&e, use_locale().get())}</p>
                    }.into_any(),
                })}
            </Suspense>
            <form method="get" action="/verify" class="stack">
                <label for="verify-number">{t(CK::Number)}</label>
                <input id="verify-number" name="number" value=number maxlength=60 required
                    autocomplete="off"/>
                <label for="verify-name">{t(CK::HolderName)}</label>
                <input id="verify-name" name="name" value=name maxlength=60 required
                    autocomplete="off"/>
                <button type="submit" class="primary">{t(CK::Verify)}</button>
            </form>
            <p class="muted">{t(CK::VerifyPrivacy)}</p>
        </section>
    }
}

#[component]
fn Found(s: Shown) -> impl IntoView {
    let status = match s.revoked_at {
        None => view! { <strong class="badge ok">{t(CK::Valid)}</strong> }.into_any(),
        Some(at) => {
            let day = crate::domain::shanghai_date(at).to_string();
            view! {
                <strong class="badge bad">{t(CK::Revoked)}" "{day}</strong>
                <br/>{t(CK::RevokedNotice)}
            }
            .into_any()
        }
    };
    view! {
        <div id="verdict" role="status">
            <p>{status}</p>
            <dl class="facts">
                <dt>{t(CK::Number)}</dt><dd>{s.number}{(s.version > 1).then(|| format!("（v{}）", s.version))}</dd>
                <dt>{t(CK::HolderName)}</dt><dd>{s.masked_name}</dd>
                <dt>{t(K::ProgrammeTopic)}</dt><dd>{s.topic}</dd>
                <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", s.start_date, s.end_date)}</dd>
                <dt>{t(K::ClassHours)}</dt><dd>{s.class_hours}</dd>
                <dt>{t(CK::Issuer)}</dt><dd>{s.issuer}</dd>
            </dl>
        </div>
    }
}
