//! What was typed survives a refused plain form post. Without JavaScript a
//! refused server function sends the browser back to the form's page with
//! the error in the address, and the page would render its fields empty.
//! So the refused post's fields travel back with it: sealed under the data
//! key (they may hold an identity number) in a cookie that lives two
//! minutes, read once by the page that follows and then cleared.
//! Passwords never travel.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::Response;

use super::state::AppState;

pub const COOKIE: &str = "gaoyan_typed";
/// A form worth keeping fits a cookie; a larger body is not kept.
const MOST_BYTES: usize = 2048;

/// The fields of the refused post that this page request carries.
#[derive(Clone, Debug, Default)]
pub struct TypedValues(pub Vec<(String, String)>);

impl TypedValues {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_plain_form_post(request: &Request<Body>) -> bool {
    let header_has = |name: header::HeaderName, what: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(what))
    };
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        && header_has(header::ACCEPT, "text/html")
}

fn keepable(body: &[u8]) -> Option<String> {
    if body.len() > MOST_BYTES {
        return None;
    }
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    let kept: Vec<(String, String)> = fields
        .into_iter()
        // Neither passwords nor one-time codes ever leave the server.
        .filter(|(k, _)| !k.contains("password") && k != "code")
        .collect();
    serde_urlencoded::to_string(kept).ok()
}

/// Around every request: a refused plain post leaves its fields behind; a
/// page request takes them up (see `typed_value`) and clears them.
pub async fn carry(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    if is_plain_form_post(&request) {
        let (parts, body) = request.into_parts();
        // The same bound `limits::cap_body` sets for forms before this runs.
        let Ok(bytes) = axum::body::to_bytes(body, super::limits::FORM_MAX_BYTES).await else {
            return axum::response::IntoResponse::into_response(
                axum::http::StatusCode::BAD_REQUEST,
            );
        };
        let kept = keepable(&bytes);
        let mut response = next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
        let refused = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| l.contains("__err="));
        if let (true, Some(kept)) = (refused, kept) {
            let cookie = format!(
                "{COOKIE}={}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{}",
                state.keys.seal(&kept),
                if state.config.secure_cookies() {
                    "; Secure"
                } else {
                    ""
                }
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        return response;
    }
    let sealed = cookie_value(request.headers());
    let mut request = request;
    if let Some(sealed) = &sealed {
        if request.method() == Method::GET && !request.uri().path().starts_with("/api/") {
            if let Some(values) = state
                .keys
                .open(sealed)
                .ok()
                .and_then(|text| serde_urlencoded::from_str(&text).ok())
            {
                request.extensions_mut().insert(TypedValues(values));
            }
        }
    }
    // Read once, by the page that follows; an unreadable one goes too.
    let page = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    let taken = sealed.is_some() && page;
    let mut response = next.run(request).await;
    if taken {
        let clear = format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&clear) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

fn cookie_value(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// The value a refused plain post typed into the field `name` of the page
/// being rendered, if any (server only; the browser has no such post).
pub fn typed_value(name: &str) -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<TypedValues>().cloned())
        .and_then(|t| t.get(name).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::keepable;

    #[test]
    fn passwords_are_never_kept_and_large_bodies_not_at_all() {
        let kept = keepable(b"username=wang&password=secret&new_password=x").unwrap();
        assert_eq!(kept, "username=wang");
        assert!(keepable(&vec![b'a'; 4096]).is_none());
    }
}
