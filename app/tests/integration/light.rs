//! Light pages (public and trainee pages with no wasm) and what a refused
//! plain post typed, kept for the page that follows.

use axum::body::Body;
use axum::http::{header, Request};

use crate::both;
use crate::helpers::TestApp;

both!(a_refused_plain_application_comes_back_with_what_was_typed,);

fn set_cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
}

async fn a_refused_plain_application_comes_back_with_what_was_typed(app: TestApp) {
    let g = app.enrolling().await;
    let page = format!("/enroll/{g}");
    let mut visitor = app.client();
    // The notice is complete HTML with no wasm; a staff page brings the app.
    let notice = visitor.get(&page).await;
    assert!(
        notice.body.contains("data-light=\"true\""),
        "{}",
        notice.body
    );
    assert!(!notice.body.contains(".wasm"));
    let mut admin = app.signed_in("admin").await;
    assert!(admin.get("/programmes").await.body.contains(".wasm"));

    // A plain post with a wrong check digit, as a browser without script sends it.
    let typed = "11010119750505006X";
    let body = serde_urlencoded::to_string([
        ("programme_id", g.to_string().as_str()),
        ("name", "陈静"),
        ("gender", "female"),
        ("id_number", typed),
        ("mobile", "13900001234"),
        ("employer", "邢台市人民医院"),
        ("province", "河北省"),
        ("title_level", "mid"),
    ])
    .unwrap();
    let req = Request::post("/api/apply")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{page}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .body(Body::from(body))
        .unwrap();
    let refused = visitor.send(req).await;
    assert!(refused.status.is_redirection(), "{}", refused.status);
    let location = refused.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__err="), "{location}");
    let cookie = set_cookie(&refused.headers, "gaoyan_typed").expect("typed values kept");
    // Sealed: the identity number is not readable in the cookie.
    assert!(!cookie.contains(typed) && !cookie.contains("110101"));
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age=120"));
    let pair = cookie.split(';').next().unwrap().to_owned();

    // The page that follows shows the refusal and what was typed, once.
    let path = location
        .strip_prefix("http://127.0.0.1:3000")
        .unwrap_or(&location)
        .to_owned();
    let req = Request::get(&path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &pair)
        .body(Body::empty())
        .unwrap();
    let back = visitor.send(req).await;
    assert!(back.body.contains("value=\"陈静\""), "{}", back.body);
    assert!(back.body.contains(&format!("value=\"{typed}\"")));
    assert!(back.body.contains("id_number-error"));
    let cleared = set_cookie(&back.headers, "gaoyan_typed").expect("cleared");
    assert!(cleared.contains("Max-Age=0"));
    // Forged or stale cookies are ignored, and a later visit starts empty.
    let req = Request::get(&page)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, "gaoyan_typed=v1.0.AAAA")
        .body(Body::empty())
        .unwrap();
    let forged = visitor.send(req).await;
    assert_eq!(forged.status, axum::http::StatusCode::OK);
    assert!(!forged.body.contains("陈静"));
    assert!(set_cookie(&forged.headers, "gaoyan_typed").is_some_and(|c| c.contains("Max-Age=0")));
    assert!(!visitor.get(&page).await.body.contains("陈静"));
}
