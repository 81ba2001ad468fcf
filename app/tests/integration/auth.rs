use app::auth::service;
use app::error::{AppError, Problem};
use app::server::Backend;
use axum::http::{header, Request, StatusCode};

use crate::both;
use crate::helpers::{TestApp, DEMO_PASSWORD};

both!(
    signing_in_rotates_the_session_id_and_sets_a_safe_cookie,
    unknown_user_and_wrong_password_get_the_same_answer,
    empty_login_fields_are_named,
    five_failures_lock_the_account_for_fifteen_minutes,
    signing_out_ends_the_session,
    a_cross_site_post_is_refused,
    an_idle_session_ends_after_thirty_minutes,
);

async fn signing_in_rotates_the_session_id_and_sets_a_safe_cookie(app: TestApp) {
    let mut c = app.client();
    let r = c.login("admin", DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let set_cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "plain http must not set Secure: {set_cookie}"
    );
    let first = c.cookie.clone().unwrap();

    let r = c.login("admin", DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_ne!(
        c.cookie.clone().unwrap(),
        first,
        "session id must change at sign-in"
    );

    let me: Option<app::auth::CurrentUser> = c.call("current_user", &[]).await.json();
    assert_eq!(me.unwrap().username, "admin");
}

async fn unknown_user_and_wrong_password_get_the_same_answer(app: TestApp) {
    let mut c = app.client();
    let wrong = c.login("admin", "Not-the-password1").await;
    let unknown = c.login("nobody", "Not-the-password1").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.error(), Some(AppError::InvalidCredentials));
}

async fn empty_login_fields_are_named(app: TestApp) {
    let mut c = app.client();
    let r = c.login("  ", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = r.error().unwrap();
    assert_eq!(e.problem_for("username"), Some(&Problem::Required));
    assert_eq!(e.problem_for("password"), Some(&Problem::Required));

    let audit = app.count("SELECT COUNT(*) FROM audit_log").await;
    let r = c.login(&"a".repeat(10_000), "Some-Pass-1").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.error().unwrap().problem_for("username"),
        Some(&Problem::TooLong { max: 32 })
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, audit);
}

async fn five_failures_lock_the_account_for_fifteen_minutes(app: TestApp) {
    let mut c = app.client();
    for _ in 0..4 {
        let r = c.login("unit", "Wrong-pass-1").await;
        assert_eq!(r.error(), Some(AppError::InvalidCredentials));
    }
    let before = app::server::now();
    let r = c.login("unit", "Wrong-pass-1").await;
    let Some(AppError::Locked { until }) = r.error() else {
        panic!("fifth failure must lock: {}", r.body)
    };
    assert!(
        (until - before - service::LOCK_SECONDS).abs() <= 2,
        "{until} {before}"
    );
    assert_eq!(r.status, StatusCode::LOCKED);

    // Even the right password is refused while locked, and says until when.
    let r = c.login("unit", DEMO_PASSWORD).await;
    assert_eq!(r.error(), Some(AppError::Locked { until }));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'lockout'")
            .await,
        1
    );

    // One second before the lock ends: still locked; after it: signed in.
    let s = &app.state;
    let still = service::login(s, "unit", DEMO_PASSWORD, "t", until - 1).await;
    assert!(matches!(still, Err(AppError::Locked { .. })));
    let ok = service::login(s, "unit", DEMO_PASSWORD, "t", until).await;
    assert!(ok.is_ok());
}

async fn signing_out_ends_the_session(app: TestApp) {
    let mut c = app.signed_in("inspector").await;
    assert_eq!(c.call("list_orgs", &[]).await.status, StatusCode::OK);
    assert_eq!(c.call("logout", &[]).await.status, StatusCode::OK);
    let r = c.call("list_orgs", &[]).await;
    assert_eq!(r.error(), Some(AppError::Unauthenticated));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'logout'")
            .await,
        1
    );
}

async fn a_cross_site_post_is_refused(app: TestApp) {
    let mut c = app.client();
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(
            "username=admin&password=Gaoyan%402026",
        ))
        .unwrap();
    let r = c.send(req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(c.cookie.is_none());
}

async fn an_idle_session_ends_after_thirty_minutes(app: TestApp) {
    let mut c = app.client();
    let r = c.login("inspector", DEMO_PASSWORD).await;
    let set_cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set_cookie.contains("Max-Age=1800"), "{set_cookie}");
    assert_eq!(c.call("list_orgs", &[]).await.status, StatusCode::OK);

    // Thirty minutes without a request: the stored expiry has passed. The
    // browser would have dropped the cookie; the server must refuse it too.
    let expire = match app.state.db.backend {
        Backend::Sqlite => "UPDATE tower_sessions SET expiry_date = '2000-01-01T00:00:00Z'",
        Backend::Postgres => {
            "UPDATE tower_sessions.session SET expiry_date = now() - interval '1 minute'"
        }
    };
    sqlx::query(expire)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = c.call("list_orgs", &[]).await;
    assert_eq!(r.error(), Some(AppError::Unauthenticated));
}

/// Behind https (the public URL says so) the session cookie is `Secure`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_the_session_cookie_is_secure() {
    let https = |k: &str| (k == "GAOYAN_PUBLIC_URL").then(|| "https://gaoyan.example.cn".into());
    let app = crate::helpers::spawn_with(crate::helpers::Backend::Sqlite, https)
        .await
        .unwrap();
    let r = app.client().login("admin", DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK);
    let set_cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
}
