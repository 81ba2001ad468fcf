use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::both;
use crate::helpers::{TestApp, DEMO_PASSWORD};

both!(
    preparation_pages_render_for_their_readers,
    planning_pages_render_for_their_readers,
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

/// The preparation pages, rendered on the server for their readers.
async fn preparation_pages_render_for_their_readers(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let page = inst.get(&format!("/programmes/{g}/prep")).await;
    assert!(page.body.contains("发展战略与政策解读"), "the schedule");
    assert!(page.body.contains("共 40 学时，符合不少于 32 学时的要求"));
    assert!(page.body.contains("已备案"));
    let page = inst.get("/lecturers").await;
    assert!(page.body.contains("陈立华"));
    let page = inst.get(&format!("/programmes/{g}/trainees")).await;
    assert!(page.body.contains("1301**********0025"), "IDs masked");
    assert!(!page.body.contains("130102198503120025"));
    assert!(page.body.contains("尚无省外学员"), "R7 warning");
    let page = app.client().get(&format!("/enroll/{g}")).await;
    assert!(page.body.contains("招收学员通知") && page.body.contains("我要报名"));
    let filed: i64 = app
        .count("SELECT programme_id FROM filings WHERE status = 'filed' LIMIT 1")
        .await;
    let mut admin = app.signed_in("admin").await;
    let page = admin.get(&format!("/programmes/{filed}/prep")).await;
    assert!(page.body.contains("待确认") && page.body.contains("确认备案"));
}

/// Each planning page, rendered on the server for its reader, shows the
/// demo's cycle, and nothing outside the reader's scope.
async fn planning_pages_render_for_their_readers(app: TestApp) {
    let next: i64 = app.count("SELECT MAX(year) FROM topic_calls").await;
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/admin/calls").await;
    assert!(page.body.contains(&format!("/admin/calls/{next}")));
    let page = admin.get(&format!("/admin/calls/{next}")).await;
    assert!(page.body.contains("京津冀协同发展"), "areas listed");
    assert!(page.body.contains("关闭征集"));
    let page = admin.get(&format!("/admin/proposals?year={next}")).await;
    assert!(page.body.contains("医学人工智能临床应用高级研修班"));
    // R18: the year after a commendation, the unit's proposals show it.
    let commended: i64 = app.count("SELECT MAX(year) FROM commendations").await;
    let page = admin
        .get(&format!("/admin/proposals?year={}", commended + 1))
        .await;
    assert!(page.body.contains("上年度受表彰"), "R18 shown at selection");
    let page = admin.get("/admin/standing").await;
    assert!(page.body.contains("邯郸市人力资源和社会保障局"));

    let mut unit = app.signed_in("unit").await;
    let page = unit.get("/proposals").await;
    assert!(page.body.contains(&format!("/proposals/new?year={next}")));
    let page = unit.get("/programmes").await;
    assert!(page.body.contains("京津冀轨道交通智能运维高级研修班"));
    assert!(
        !page.body.contains("设施农业与种业振兴高级研修班"),
        "another unit's programme"
    );
    let page = unit.get(&format!("/proposals/new?year={next}")).await;
    assert!(page.body.contains("id=\"class_hours-live\""));

    let id: i64 = app
        .count("SELECT id FROM proposals WHERE title = '医学人工智能临床应用高级研修班'")
        .await;
    let mut inspector = app.signed_in("inspector").await;
    let page = inspector.get(&format!("/proposals/{id}")).await;
    assert!(page.body.contains("031****1234"), "masked for inspectors");
    assert!(!page.body.contains("0311-86001234"));
    let page = admin.get(&format!("/proposals/{id}")).await;
    assert!(
        page.body.contains("0311-86001234"),
        "the admin may call the contact"
    );

    let changed: i64 = app
        .count(
            "SELECT g.year FROM programmes g JOIN change_requests c ON c.programme_id = g.id \
             WHERE c.status = 'approved'",
        )
        .await;
    let page = app.client().get(&format!("/plan/{changed}")).await;
    assert!(page.body.contains("已批准的变更"));
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
        let (mut client, path) = match i % 6 {
            0 => (anonymous.fork(), "/login"),
            1 => (admin.fork(), "/"),
            2 => (admin.fork(), "/admin/orgs"),
            3 => (anonymous.fork(), "/plan"),
            4 => (admin.fork(), "/admin/proposals?status=submitted"),
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
