//! Per-IP rate limits for sign-in, applying and every public endpoint: a
//! token bucket per (kind of request, client IP), in this process. The
//! account lockout protects one account; this limits one address trying
//! many accounts, or flooding the public pages. A classroom behind one NAT
//! signing in at once fits in the sign-in burst.
//!
//! With several app servers each keeps its own buckets, so the limits hold
//! per server; the lockout, kept in the database, holds for all of them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::policy::{self, Access};
use super::request::client_ip;
use super::AppState;
use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    SignIn,
    Apply,
    Public,
    /// Certificate checks: enough for an employer checking a pile of
    /// applications, too few to try names against a number.
    Verify,
}

impl Class {
    /// (burst, requests per minute) at scale 1.
    fn limit(self) -> (u32, u32) {
        match self {
            Class::SignIn => (30, 30),
            Class::Apply => (10, 10),
            Class::Public => (240, 240),
            Class::Verify => (30, 10),
        }
    }
}

/// Past this many buckets, full ones are dropped, then the longest unused.
const MAX_BUCKETS: usize = 100_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct Throttle {
    scale: u32,
    buckets: Mutex<HashMap<(Class, String), Bucket>>,
}

impl Throttle {
    /// `scale` multiplies every limit; 0 turns throttling off.
    pub fn new(scale: u32) -> Throttle {
        Throttle {
            scale,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn capacity(&self, class: Class) -> (f64, f64) {
        let (burst, per_minute) = class.limit();
        (
            f64::from(burst.saturating_mul(self.scale)),
            f64::from(per_minute.saturating_mul(self.scale)) / 60.0,
        )
    }

    /// Takes one request's token, or says how long until one is free.
    pub fn take(&self, class: Class, ip: &str, now: Instant) -> Result<(), Duration> {
        if self.scale == 0 {
            return Ok(());
        }
        let (burst, rate) = self.capacity(class);
        // Trying names against a certificate number is worth an attacker's
        // whole allocation: checks are limited per /48, the usual site.
        let key = match class {
            Class::Verify => (class, site(ip)),
            _ => (class, network(ip)),
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&key) {
            // Forget the buckets that have refilled: they hold nothing.
            let refilling = |(c, _): &(Class, String), b: &Bucket| {
                let (burst, rate) = self.capacity(*c);
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate < burst
            };
            buckets.retain(|k, b| refilling(k, b));
            // Still full (many addresses at work): forget the half used
            // longest ago, never the ones just drained.
            if buckets.len() >= MAX_BUCKETS {
                let mut ages: Vec<Instant> = buckets.values().map(|b| b.at).collect();
                ages.sort_unstable();
                let cut = ages[ages.len() / 2];
                buckets.retain(|_, b| b.at > cut);
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / rate))
        }
    }
}

/// The address a bucket is kept for: an IPv4 address, or the /64 network
/// of an IPv6 address (one subscriber holds a whole /64).
pub fn network(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map_or_else(String::new, |v4| v4.to_string()),
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

/// The /48 of an IPv6 address (a site's allocation); IPv4 as `network`.
pub fn site(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
        _ => network(ip),
    }
}

/// Which limit a request falls under, if any: signing in, applying, and the
/// public pages, downloads and server functions.
pub fn classify(method: &Method, path: &str) -> Option<Class> {
    if let Some(name) = path.strip_prefix("/api/") {
        return match name {
            "login" | "change_password" | "activate" => Some(Class::SignIn),
            "apply" => Some(Class::Apply),
            "verify_certificate" => Some(Class::Verify),
            _ => policy::ALL
                .iter()
                .any(|e| e.name == name && e.access == Access::Public)
                .then_some(Class::Public),
        };
    }
    if path == "/verify" || path.starts_with("/verify/") {
        return Some(Class::Verify);
    }
    let public_page = path == "/"
        || path == "/login"
        || path == "/plan"
        || path.starts_with("/plan/")
        || path == "/courseware"
        || path.starts_with("/enroll/")
        || path == "/activate"
        || path.starts_with("/checkin/")
        || path.starts_with("/templates/");
    (public_page && (method == Method::GET || method == Method::HEAD)).then_some(Class::Public)
}

pub async fn limit(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let Some(class) = classify(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let ip = client_ip(&parts, &state);
    match state.throttle.take(class, &ip, Instant::now()) {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(wait) => {
            // A whole minute later at most, so "try again at 14:05" is
            // never too early.
            let until = state.clock.now() + wait.as_secs() as i64 + 1;
            tracing::warn!(%ip, ?class, "rate limited");
            too_many(&parts, until, wait)
        }
    }
}

fn too_many(parts: &http::request::Parts, until: i64, wait: Duration) -> Response {
    let wants_html = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let error = AppError::TooManyRequests { until };
    let mut response = if wants_html {
        let locale = crate::i18n::request_locale(&parts.headers);
        let text = crate::i18n::error_text(&error, locale);
        let back = crate::i18n::K::Back.text(locale);
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{text}</title></head><body><main><h1>{text}</h1>\
             <p><a href=\"/\">{back}</a></p></main></body></html>",
            locale.html_lang()
        );
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response()
    } else {
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&(wait.as_secs() + 1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_next_waits_for_a_token() {
        let t = Throttle::new(1);
        let start = Instant::now();
        for _ in 0..30 {
            assert!(t.take(Class::SignIn, "10.0.0.1", start).is_ok());
        }
        let wait = t.take(Class::SignIn, "10.0.0.1", start).unwrap_err();
        assert!((1..=2).contains(&wait.as_secs()), "{wait:?}");
        // Another address has its own bucket.
        assert!(t.take(Class::SignIn, "10.0.0.2", start).is_ok());
        // Two seconds later one more sign-in is allowed (30 a minute).
        assert!(t
            .take(Class::SignIn, "10.0.0.1", start + Duration::from_secs(2))
            .is_ok());
        assert!(Throttle::new(0).take(Class::Apply, "x", start).is_ok());
    }

    #[test]
    fn an_ipv6_subscriber_is_one_bucket_whatever_its_host_part() {
        let t = Throttle::new(1);
        let start = Instant::now();
        for i in 0..30 {
            let ip = format!("2001:db8:1:2::{i:x}");
            assert!(t.take(Class::SignIn, &ip, start).is_ok());
        }
        assert!(t
            .take(Class::SignIn, "2001:db8:1:2:ffff::1", start)
            .is_err());
        assert!(t.take(Class::SignIn, "2001:db8:1:3::1", start).is_ok());
        assert_eq!(network("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(site("2001:db8:1:2:3::9"), "2001:db8:1::/48");
        assert_eq!(site("203.0.113.9"), "203.0.113.9");
    }

    #[test]
    fn sign_in_applying_and_public_endpoints_are_classified() {
        assert_eq!(classify(&Method::POST, "/api/login"), Some(Class::SignIn));
        assert_eq!(classify(&Method::POST, "/api/apply"), Some(Class::Apply));
        assert_eq!(
            classify(&Method::POST, "/api/get_plan"),
            Some(Class::Public)
        );
        assert_eq!(
            classify(&Method::GET, "/plan/2026/xlsx"),
            Some(Class::Public)
        );
        assert_eq!(classify(&Method::GET, "/enroll/3"), Some(Class::Public));
        assert_eq!(classify(&Method::GET, "/courseware"), Some(Class::Public));
        assert_eq!(classify(&Method::POST, "/api/list_orgs"), None);
        assert_eq!(classify(&Method::GET, "/admin/orgs"), None);
        assert_eq!(classify(&Method::GET, "/pkg/gaoyan.wasm"), None);
    }
}
