//! Online courseware (R14): a lecture reaches the public catalogue only
//! with every lecturer's consent in force, and leaves it the moment one
//! is revoked; only the province curates; the public sees no contact
//! details; parallel requests list once and keep one consent in force.

use app::courseware::{CatalogueView, CoursewareAdminView};
use app::domain::courseware::Refusal;
use app::error::{AppError, Problem};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    a_lecture_shows_only_while_every_lecturer_consents,
    only_the_province_curates_and_parallel_requests_count_once,
);

/// A lecture given before today, never listed nor consented, with its lecturers'
/// (id, name), the one with the most lecturers first.
async fn lecture(app: &TestApp) -> (i64, Vec<(i64, String)>) {
    let today = app::domain::shanghai_date(app.state.clock.now()).to_string();
    let course: i64 = sqlx::query_scalar(
        "SELECT c.id FROM courses c JOIN course_lecturers cl ON cl.course_id = c.id \
         WHERE c.day < $1 AND c.id NOT IN (SELECT course_id FROM courseware) \
         AND c.id NOT IN (SELECT course_id FROM courseware_consents) \
         GROUP BY c.id ORDER BY COUNT(*) DESC, c.id LIMIT 1",
    )
    .bind(&today)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.id, l.name FROM course_lecturers cl JOIN lecturers l ON l.id = cl.lecturer_id \
         WHERE cl.course_id = $1 ORDER BY l.id",
    )
    .bind(course)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    (course, people)
}

async fn consent(
    c: &mut Client,
    course: i64,
    lecturer: i64,
    given_on: &str,
    until: &str,
) -> Result<i64, AppError> {
    let r = c
        .call(
            "record_consent",
            &[
                ("who", &format!("{course}:{lecturer}")),
                ("scope", "video_and_slides"),
                ("given_on", given_on),
                ("until", until),
                ("evidence", "授权书 2026-017 号，本人签字"),
            ],
        )
        .await;
    match r.error() {
        Some(e) => Err(e),
        None => Ok(r.json()),
    }
}

async fn list(c: &mut Client, course: i64) -> Result<(), AppError> {
    let r = c
        .call(
            "list_courseware",
            &[("course_id", &course.to_string()), ("field", "")],
        )
        .await;
    r.error().map_or(Ok(()), Err)
}

async fn catalogue(c: &mut Client, year: &str, field: &str, q: &str) -> CatalogueView {
    let r = c
        .call(
            "courseware_catalogue",
            &[("year", year), ("field", field), ("q", q)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn shows(c: &mut Client, course: i64) -> bool {
    catalogue(c, "", "", "")
        .await
        .items
        .iter()
        .any(|i| i.course_id == course)
}

async fn a_lecture_shows_only_while_every_lecturer_consents(app: TestApp) {
    let today = app::domain::shanghai_date(app.state.clock.now());
    let (yesterday, tomorrow) = (
        (today - chrono::Days::new(1)).to_string(),
        (today + chrono::Days::new(1)).to_string(),
    );
    let next_year = (today + chrono::Days::new(365)).to_string();
    let (course, people) = lecture(&app).await;
    let mut admin = app.signed_in("admin").await;
    let mut public = app.client();
    assert!(!shows(&mut public, course).await);

    // Without consent the lecture is refused, naming who has not agreed,
    // and nothing is written.
    let names: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
    let listed_before = app.count("SELECT COUNT(*) FROM courseware").await;
    let refused = list(&mut admin, course).await.unwrap_err();
    assert_eq!(
        refused.problem_for("course_id"),
        Some(&Problem::Courseware(Refusal::NoConsent {
            names: names.join("、")
        }))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM courseware").await,
        listed_before
    );

    // A consent dated tomorrow, or run out yesterday, is refused by field.
    let (first, _) = people[0];
    let e = consent(&mut admin, course, first, &tomorrow, &next_year).await;
    assert_eq!(
        e.unwrap_err().problem_for("given_on"),
        Some(&Problem::Courseware(Refusal::GivenInFuture))
    );
    let e = consent(&mut admin, course, first, "2026-01-01", &yesterday).await;
    assert_eq!(
        e.unwrap_err().problem_for("until"),
        Some(&Problem::Courseware(Refusal::Expired))
    );

    // Every lecturer but the last consents: still refused, naming the last.
    let mut ids = Vec::new();
    for (id, _) in &people[..people.len() - 1] {
        ids.push(
            consent(&mut admin, course, *id, &yesterday, &next_year)
                .await
                .unwrap(),
        );
    }
    let (last, last_name) = people.last().cloned().unwrap();
    if people.len() > 1 {
        assert_eq!(
            list(&mut admin, course)
                .await
                .unwrap_err()
                .problem_for("course_id"),
            Some(&Problem::Courseware(Refusal::NoConsent {
                names: last_name.clone()
            }))
        );
    }
    // A consent that runs out today still counts today.
    ids.push(
        consent(&mut admin, course, last, &yesterday, &today.to_string())
            .await
            .unwrap(),
    );
    list(&mut admin, course).await.unwrap();
    assert_eq!(list(&mut admin, course).await, Err(AppError::Conflict));

    // The public finds it by its year, by its field and by a lecturer's
    // name, and reads no contact details.
    let everything = catalogue(&mut public, "", "", "").await;
    let item = everything
        .items
        .iter()
        .find(|i| i.course_id == course)
        .expect("listed with every consent in force")
        .clone();
    assert_eq!(item.lecturers.len(), people.len());
    assert!(everything.fields.contains(&item.field));
    let year = item.year.to_string();
    assert!(catalogue(&mut public, &year, &item.field, &last_name)
        .await
        .items
        .iter()
        .any(|i| i.course_id == course));
    // Another year the catalogue holds filters the lecture out; a year it
    // holds nothing of is no filter (the form would show "any year").
    if let Some(other) = everything.years.iter().find(|y| **y != item.year) {
        assert!(!catalogue(&mut public, &other.to_string(), "", "")
            .await
            .items
            .iter()
            .any(|i| i.course_id == course));
    }
    assert!(catalogue(&mut public, "1999", "", "")
        .await
        .items
        .iter()
        .any(|i| i.course_id == course));
    let r = public
        .call(
            "courseware_catalogue",
            &[("year", ""), ("field", ""), ("q", "")],
        )
        .await;
    assert!(!r.body.contains("phone"), "no contact details: {}", r.body);

    // One revocation takes it out at once; the admin sees it listed but
    // hidden; a new consent brings it back.
    let r = admin
        .call(
            "revoke_consent",
            &[
                ("consent_id", &ids[0].to_string()),
                ("reason", "专家本人电话要求撤回"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!shows(&mut public, course).await);
    let r = admin.call("courseware_admin", &[("year", &year)]).await;
    let v: CoursewareAdminView = r.json();
    let listing = v
        .lectures
        .iter()
        .find(|l| l.course_id == course)
        .and_then(|l| l.listing.clone())
        .unwrap();
    assert!(!listing.public && listing.withdrawn.is_none());
    // Revoked already: a second revocation is refused.
    let r = admin
        .call(
            "revoke_consent",
            &[("consent_id", &ids[0].to_string()), ("reason", "again")],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::Conflict));
    consent(&mut admin, course, first, &today.to_string(), &next_year)
        .await
        .unwrap();
    assert!(shows(&mut public, course).await);

    // Withdrawn by the province: out, and listed again later.
    let r = admin
        .call(
            "withdraw_courseware",
            &[("course_id", &course.to_string()), ("reason", "内容已过时")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!shows(&mut public, course).await);
    list(&mut admin, course).await.unwrap();
    assert!(shows(&mut public, course).await);

    // Every step is in the audit log, on the lecture.
    let audited = |action: &str| {
        format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' \
             AND target_kind = 'course' AND target_id = '{course}'"
        )
    };
    assert_eq!(
        app.count(&audited("courseware_consent_recorded")).await,
        i64::try_from(people.len()).unwrap() + 1
    );
    assert_eq!(app.count(&audited("courseware_consent_revoked")).await, 1);
    assert_eq!(app.count(&audited("courseware_listed")).await, 2);
    assert_eq!(app.count(&audited("courseware_withdrawn")).await, 1);

    // The light page shows it without any script.
    let page = public
        .get(&format!("/courseware?q={}", urlencode(&last_name)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&item.title), "{}", page.body);
    assert!(!page.body.contains(".wasm"));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn only_the_province_curates_and_parallel_requests_count_once(app: TestApp) {
    let today = app::domain::shanghai_date(app.state.clock.now()).to_string();
    let until = "2030-12-31";
    let (course, people) = lecture(&app).await;
    let (first, _) = people[0];
    for who in ["inspector", "unit", "institution", "trainee"] {
        let mut c = app.signed_in(who).await;
        assert_eq!(
            consent(&mut c, course, first, &today, until).await,
            Err(AppError::Forbidden),
            "{who}"
        );
        assert_eq!(
            list(&mut c, course).await,
            Err(AppError::Forbidden),
            "{who}"
        );
    }
    let mut anonymous = app.client();
    assert_eq!(
        consent(&mut anonymous, course, first, &today, until).await,
        Err(AppError::Unauthenticated)
    );
    let mut admin = app.signed_in("admin").await;
    // A lecturer who does not teach the lecture: as if it did not exist.
    let stranger: i64 = app
        .count(&format!(
            "SELECT MIN(id) FROM lecturers WHERE id NOT IN \
             (SELECT lecturer_id FROM course_lecturers WHERE course_id = {course})"
        ))
        .await;
    assert_eq!(
        consent(&mut admin, course, stranger, &today, until).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        consent(&mut admin, 0, first, &today, until).await,
        Err(AppError::NotFound)
    );

    // Thirty consents at once for one lecturer: one is in force, each
    // earlier one replaced and audited.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let mut c = admin.fork();
        let today = today.clone();
        tasks.spawn(async move { consent(&mut c, course, first, &today, until).await });
    }
    let mut recorded = 0;
    while let Some(r) = tasks.join_next().await {
        match r.unwrap() {
            Ok(_) => recorded += 1,
            Err(e) => assert_eq!(e, AppError::Conflict),
        }
    }
    let open = format!(
        "SELECT COUNT(*) FROM courseware_consents WHERE course_id = {course} \
         AND lecturer_id = {first} AND revoked_at IS NULL"
    );
    assert_eq!(app.count(&open).await, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM courseware_consents WHERE course_id = {course} \
             AND lecturer_id = {first}"
        ))
        .await,
        recorded
    );
    for (id, _) in &people[1..] {
        consent(&mut admin, course, *id, &today, until)
            .await
            .unwrap();
    }

    // Thirty listings at once: listed once, audited once.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let mut c = admin.fork();
        tasks.spawn(async move { list(&mut c, course).await });
    }
    let mut listed = 0;
    while let Some(r) = tasks.join_next().await {
        match r.unwrap() {
            Ok(()) => listed += 1,
            Err(e) => assert_eq!(e, AppError::Conflict),
        }
    }
    assert_eq!(listed, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'courseware_listed' \
             AND target_id = '{course}'"
        ))
        .await,
        1
    );
}
