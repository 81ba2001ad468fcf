//! What every response carries (security headers, caching, compression),
//! the per-IP rate limits, and the request body caps.

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::helpers::{spawn_with, Backend, TestApp};

async fn app_with(settings: &'static [(&'static str, &'static str)]) -> TestApp {
    spawn_with(Backend::Sqlite, move |k| {
        settings
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| (*v).to_string())
    })
    .await
    .unwrap()
}

fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = Request::get(path).header(header::HOST, "127.0.0.1:3000");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::empty()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_nonce_policy_and_are_never_stored() {
    let app = app_with(&[]).await;
    let mut c = app.client();
    let r = c.send(get("/login", &[("accept", "text/html")])).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // Every inline script of the page carries that nonce, and only it.
    let scripts: Vec<&str> = r.body.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for s in scripts {
        let tag = s.split('>').next().unwrap_or_default();
        if tag.contains("application/json") {
            continue; // data, never run
        }
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "<script{tag}>");
    }
    assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(r.headers[header::REFERRER_POLICY], "same-origin");
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
    // A new response, a new nonce.
    let again = c.send(get("/login", &[("accept", "text/html")])).await;
    assert_ne!(
        again.headers[header::CONTENT_SECURITY_POLICY],
        r.headers[header::CONTENT_SECURITY_POLICY]
    );
    // Server functions and downloads are not stored either.
    let api = c.call("get_plan", &[]).await;
    assert_eq!(api.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(api.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let xlsx = c.get(&format!("/plan/{year}/xlsx")).await;
    assert_eq!(xlsx.headers[header::CACHE_CONTROL], "no-store");
    assert!(
        xlsx.headers.get(header::CONTENT_ENCODING).is_none(),
        "a zip is not compressed again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_json_are_compressed_for_browsers_that_accept_it() {
    let app = app_with(&[]).await;
    let mut c = app.client();
    let plain = c.send(get("/plan", &[("accept", "text/html")])).await;
    let br = c
        .send(get(
            "/plan",
            &[("accept", "text/html"), ("accept-encoding", "br, gzip")],
        ))
        .await;
    assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
    let gz = c
        .send(get(
            "/plan",
            &[("accept", "text/html"), ("accept-encoding", "gzip")],
        ))
        .await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(
        br.raw.len() * 2 < plain.raw.len(),
        "{} {}",
        br.raw.len(),
        plain.raw.len()
    );
    let mut inflated = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(gz.raw.as_slice()),
        &mut inflated,
    )
    .unwrap();
    assert_eq!(inflated.len(), plain.raw.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_limited_per_address_with_a_time_to_try_again() {
    let app = app_with(&[("GAOYAN_THROTTLE_SCALE", "1"), ("GAOYAN_TRUST_PROXY", "1")]).await;
    let attempt = |ip: &'static str| {
        let mut c = app.client();
        async move {
            let req = Request::post("/api/login")
                .header(header::HOST, "127.0.0.1:3000")
                .header("x-forwarded-for", ip)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::from("username=nobody&password=Wrong-pass-1"))
                .unwrap();
            c.send(req).await
        }
    };
    for _ in 0..30 {
        assert_ne!(
            attempt("203.0.113.9").await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let r = attempt("203.0.113.9").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let Some(AppError::TooManyRequests { until }) = r.error() else {
        panic!("{}", r.body)
    };
    let now = app::server::now();
    assert!((now..now + 10).contains(&until), "{until} {now}");
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    // Only the proxy's own entry counts: a forged one in front is ignored.
    let mut c = app.client();
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header("x-forwarded-for", "198.51.100.7, 203.0.113.9")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from("username=nobody&password=Wrong-pass-1"))
        .unwrap();
    assert_eq!(c.send(req).await.status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not held up by it.
    assert_ne!(
        attempt("203.0.113.10").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // A plain form post is told in its own language, as a page.
    let mut c = app.client();
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header("x-forwarded-for", "203.0.113.9")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from("username=nobody&password=Wrong-pass-1"))
        .unwrap();
    let page = c.send(req).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.contains("尝试过于频繁"), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_are_limited_per_address() {
    let app = app_with(&[("GAOYAN_THROTTLE_SCALE", "1")]).await;
    let mut c = app.client();
    let started = std::time::Instant::now();
    let mut statuses = Vec::new();
    while statuses.last() != Some(&StatusCode::TOO_MANY_REQUESTS) && statuses.len() < 1000 {
        statuses.push(c.get("/plan").await.status);
    }
    // A burst of 240, then four a second (the bucket refills meanwhile).
    let allowed = 240 + (started.elapsed().as_secs_f64() * 4.0).ceil() as usize;
    assert!(statuses[..240].iter().all(|s| *s == StatusCode::OK));
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    assert!(
        statuses.len() <= allowed + 1,
        "{} requests before the limit",
        statuses.len()
    );
    // A signed-in staff page is not a public endpoint: not held up.
    let mut admin = app.signed_in("admin").await;
    assert_eq!(admin.get("/admin/orgs").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_claiming_more_than_the_cap_is_refused_before_it_is_read() {
    let app = app_with(&[]).await;
    let mut c = app.signed_in("unit").await;
    let req = Request::post("/api/list_programmes")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, "4294967296")
        .header(header::COOKIE, c.cookie.clone().unwrap())
        .body(Body::from("id="))
        .unwrap();
    assert_eq!(c.send(req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A form that is really too long breaks off at the cap.
    let long = format!("id={}", "1".repeat(2 * 1024 * 1024));
    let req = Request::post("/api/list_programmes")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, c.cookie.clone().unwrap())
        .body(Body::from(long))
        .unwrap();
    let r = c.send(req).await;
    assert!(r.status.is_client_error(), "{}", r.status);
}
