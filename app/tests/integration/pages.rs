use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::both;
use crate::helpers::{TestApp, DEMO_PASSWORD};

both!(
    pages_speak_chinese_first_and_english_on_request,
    signed_out_visitors_are_sent_to_the_login_page,
    login_works_as_a_plain_form_without_javascript,
    admin_pages_show_to_the_admin_only,
    every_page_completes_under_concurrent_load,
);

async fn pages_speak_chinese_first_and_english_on_request(app: TestApp) {
    let mut c = app.client();
    let zh = c.get("/login").await;
    assert_eq!(zh.status, StatusCode::OK);
    assert!(
        zh.body.contains(r#"<html lang="zh-CN""#),
        "{}",
        &zh.body[..200.min(zh.body.len())]
    );
    assert!(zh.body.contains("登录高研系统"));

    let req = Request::get("/login")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(Body::empty())
        .unwrap();
    let en = c.send(req).await;
    assert!(en.body.contains(r#"<html lang="en""#));
    assert!(en.body.contains("Sign in to Gaoyan"));

    let r = c.call("set_locale", &[("lang", "en")]).await;
    let cookie = r
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("gaoyan_lang=en;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"));
    let req = Request::get("/login")
        .header(header::COOKIE, "gaoyan_lang=en")
        .header(header::ACCEPT_LANGUAGE, "zh-CN")
        .body(Body::empty())
        .unwrap();
    assert!(c.send(req).await.body.contains("Sign in to Gaoyan"));
}

async fn signed_out_visitors_are_sent_to_the_login_page(app: TestApp) {
    let r = app.client().get("/admin/accounts").await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/login");
}

async fn login_works_as_a_plain_form_without_javascript(app: TestApp) {
    let mut c = app.client();
    let form = |pw: &str| {
        Request::post("/api/login")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, "http://127.0.0.1:3000/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "username=admin&password={}",
                pw.replace('@', "%40")
            )))
            .unwrap()
    };
    let r = c.send(form("Wrong-pass-1")).await;
    assert!(r.status.is_redirection());
    let back = r
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(back.starts_with("http://127.0.0.1:3000/login?"), "{back}");
    let page = c
        .get(back.trim_start_matches("http://127.0.0.1:3000"))
        .await;
    assert!(
        page.body.contains("用户名或密码错误"),
        "the error must show without JS: {back} {}",
        page.body
    );

    let r = c.send(form(DEMO_PASSWORD)).await;
    assert!(r.status.is_redirection());
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/");
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("赵志明"),
        "home shows the signed-in name"
    );
}

async fn admin_pages_show_to_the_admin_only(app: TestApp) {
    let mut unit = app.signed_in("unit").await;
    let page = unit.get("/admin/orgs").await;
    assert!(page.body.contains("无权进行此操作"));
    assert!(!page.body.contains("华北理工大学"));
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/admin/orgs").await;
    assert!(page.body.contains("华北理工大学"));
    let page = admin.get("/admin/audit?action=login").await;
    assert!(page.body.contains("赵志明") || page.body.contains("admin"));
}

/// Leptos 0.8.23 could leave a page render waiting forever when a resource
/// resolved while a Suspense boundary subscribed; the signed-in user is now
/// known before rendering. 600 renders, 32 at a time, must all finish (each
/// request fails the test after 30 s).
async fn every_page_completes_under_concurrent_load(app: TestApp) {
    let admin = app.signed_in("admin").await;
    let anonymous = app.client();
    let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(32));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..600 {
        let (mut client, path) = match i % 4 {
            0 => (anonymous.fork(), "/login"),
            1 => (admin.fork(), "/"),
            2 => (admin.fork(), "/admin/orgs"),
            _ => (admin.fork(), "/admin/audit?action=login"),
        };
        let limit = limit.clone();
        tasks.spawn(async move {
            let _slot = limit.acquire().await.unwrap();
            let r = client.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                r.body.ends_with("</html>") || r.body.contains("</body>"),
                "{path} cut short"
            );
        });
    }
    let mut done = 0;
    while let Some(result) = tasks.join_next().await {
        result.expect("request task");
        done += 1;
    }
    assert_eq!(done, 600);
}
