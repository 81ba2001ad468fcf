use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// Server functions do no CSRF check of their own (leptos issue #3786), so a
/// state-changing request that a browser marks as coming from another site
/// is refused before it reaches one. Requests without `Origin` or
/// `Sec-Fetch-Site` come from non-browser clients, which hold no victim's
/// cookie; SameSite=Lax covers old browsers.
pub async fn check_origin(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !same_site(&request, &state.config.public_url) {
        tracing::warn!(uri = %request.uri(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

/// Whether a request (of any method) was made from another site's page: a
/// link or an image on it. Downloads of personal data refuse such requests,
/// so no other site can make a signed-in browser fetch (and audit) them.
pub fn from_another_site(parts: &http::request::Parts, public_url: &str) -> bool {
    let headers = &parts.headers;
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "cross-site" || site == "same-site";
    }
    // Browsers without Fetch Metadata: the page it came from, if given.
    let Some(referer) = headers.get(header::REFERER).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_of =
        |url: &str| -> String { url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/") };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let referer_origin = origin_of(referer);
    referer_origin != origin_of(public_url)
        && host.is_none_or(|h| referer_origin.split_once("://").map(|(_, r)| r) != Some(h))
}

fn same_site(request: &Request<Body>, public_url: &str) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site == "cross-site" || site == "same-site" {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin.trim_end_matches('/') == public_url.trim_end_matches('/') {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    matches!((host, origin_host), (Some(h), Some(o)) if h == o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(origin: Option<&str>, site: Option<&str>) -> Request<Body> {
        let mut b = Request::post("/api/login").header(header::HOST, "127.0.0.1:3000");
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        if let Some(s) = site {
            b = b.header("sec-fetch-site", s);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn a_post_from_the_app_itself_passes() {
        assert!(same_site(
            &req(Some("http://127.0.0.1:3000"), Some("same-origin")),
            "http://127.0.0.1:3000"
        ));
        assert!(same_site(&req(None, None), "http://x"));
    }

    #[test]
    fn a_download_from_another_sites_page_is_told_apart() {
        let parts = |site: Option<&str>, referer: Option<&str>| {
            let mut b = Request::get("/attachments/1").header(header::HOST, "127.0.0.1:3000");
            if let Some(s) = site {
                b = b.header("sec-fetch-site", s);
            }
            if let Some(r) = referer {
                b = b.header(header::REFERER, r);
            }
            b.body(Body::empty()).unwrap().into_parts().0
        };
        let url = "http://127.0.0.1:3000";
        assert!(from_another_site(&parts(Some("cross-site"), None), url));
        assert!(!from_another_site(&parts(Some("same-origin"), None), url));
        assert!(!from_another_site(&parts(Some("none"), None), url));
        assert!(from_another_site(
            &parts(None, Some("https://evil.example/x")),
            url
        ));
        assert!(!from_another_site(
            &parts(None, Some("http://127.0.0.1:3000/programmes/1")),
            url
        ));
        assert!(!from_another_site(&parts(None, None), url));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        assert!(!same_site(
            &req(Some("https://evil.example"), None),
            "http://127.0.0.1:3000"
        ));
        assert!(!same_site(
            &req(None, Some("cross-site")),
            "http://127.0.0.1:3000"
        ));
    }
}
