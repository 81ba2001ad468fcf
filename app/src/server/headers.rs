//! Security and caching headers on every response. Pages get a Content
//! Security Policy whose only inline script is the hydration loader,
//! admitted by a nonce made for this response; everything else must come
//! from this site. Pages, server functions and downloads (which may carry
//! personal data) are never stored by a browser or proxy; built assets
//! whose names carry a content hash are cached for a year.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The nonce of this response's inline scripts, for the page renderer
/// (`leptos::nonce::Nonce`) and the policy header alike.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn new() -> CspNonce {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine as _;
        use chacha20poly1305::aead::rand_core::RngCore;
        let mut bytes = [0u8; 16];
        chacha20poly1305::aead::OsRng.fill_bytes(&mut bytes);
        CspNonce(URL_SAFE_NO_PAD.encode(bytes))
    }
}

/// The policy for HTML pages.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Anything that is not a page runs no script and is framed by no one.
const OTHER_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

pub async fn secure(mut request: Request<Body>, next: Next) -> Response {
    let nonce = CspNonce::new();
    request.extensions_mut().insert(nonce.clone());
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_html {
        page_policy(&nonce.0)
    } else {
        OTHER_POLICY.to_owned()
    };
    set(headers, header::CONTENT_SECURITY_POLICY, &policy);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, cache_control(&path));
    }
    response
}

/// Hashed build output (`/pkg/gaoyan.<hash>.wasm`) never changes under its
/// name; other static files are revalidated; everything else is not stored.
pub fn cache_control(path: &str) -> &'static str {
    match path.strip_prefix("/pkg/") {
        Some(name) if is_hashed(name) => "public, max-age=31536000, immutable",
        Some(_) => "no-cache",
        None => "no-store",
    }
}

/// `name.<hash>.ext` with a hash of at least 8 hexadecimal or base64url
/// characters, as cargo-leptos names hashed files.
fn is_hashed(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() >= 8
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn set<K: header::IntoHeaderName>(headers: &mut HeaderMap, key: K, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(key, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_assets_are_cached_for_long() {
        assert_eq!(
            cache_control("/pkg/gaoyan.0a1b2c3d4e5f6a7b.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("/pkg/gaoyan.wasm"), "no-cache");
        assert_eq!(cache_control("/programmes/3/trainees/xlsx"), "no-store");
        assert_eq!(cache_control("/admin/orgs"), "no-store");
    }

    #[test]
    fn the_page_policy_admits_the_nonce_and_no_framing() {
        let p = page_policy("abc");
        assert!(p.contains("'nonce-abc'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
    }
}
