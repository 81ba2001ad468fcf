//! Check-in: the window at its edges, codes that changed or were forged,
//! one record per trainee under concurrent scans, a scan finished after
//! signing in, marks by hand with their reason, and each trainee's hours.

use app::attendance::{AttendanceView, RosterView};
use app::domain::checkin::{step_at, Window, GRACE_SECONDS, STEP_SECONDS};
use app::error::{AppError, Problem};
use axum::http::{header, StatusCode};

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    check_in_opens_fifteen_minutes_before_and_closes_at_the_end,
    a_changed_or_forged_code_is_refused,
    concurrent_scans_record_one_check_in,
    a_scan_before_signing_in_counts_from_the_scan,
    a_mark_by_hand_needs_a_reason_and_is_audited,
);

/// The finished programme's first course: (id, its window), as it was
/// before anyone checked in (the demo's class did).
async fn first_course(app: &TestApp) -> (i64, Window) {
    let g = crate::trainee::finished(app).await;
    let (id, day, start, end): (i64, String, String, String) = sqlx::query_as(
        "SELECT id, day, start_time, end_time FROM courses WHERE programme_id = $1 \
         ORDER BY day, start_time LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM checkins WHERE course_id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    (id, Window::of(&day, &start, &end).unwrap())
}

fn code(app: &TestApp, course: i64, at: i64) -> String {
    app::attendance::token::path(&app.state.keys, course, at)
}

async fn scan(c: &mut Client, path: &str) -> String {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
    r.headers[header::LOCATION].to_str().unwrap().to_owned()
}

async fn checkins(app: &TestApp, course: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE course_id = $1")
        .bind(course)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn check_in_opens_fifteen_minutes_before_and_closes_at_the_end(app: TestApp) {
    let (c, w) = first_course(&app).await;
    let mut her = app.signed_in("trainee").await;
    app.state.clock.set(w.opens - 1);
    let to = scan(&mut her, &code(&app, c, w.opens - 1)).await;
    assert_eq!(to, format!("/me/checkin/{c}?refused=not_yet"));
    assert_eq!(checkins(&app, c).await, 0);
    // At the first second of the window.
    app.state.clock.set(w.opens);
    let to = scan(&mut her, &code(&app, c, w.opens)).await;
    assert_eq!(to, format!("/me/checkin/{c}"));
    // A second scan says so again and records nothing more.
    let to = scan(&mut her, &code(&app, c, w.opens)).await;
    assert_eq!(to, format!("/me/checkin/{c}"));
    assert_eq!(checkins(&app, c).await, 1);
    let at: i64 = sqlx::query_scalar("SELECT at FROM checkins WHERE course_id = $1")
        .bind(c)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(at, w.opens);
    let page = her.get(&format!("/me/checkin/{c}")).await;
    assert!(page.body.contains("已签到"), "{}", page.body);
    assert!(!page.body.contains(".wasm"));
    // An account awaiting activation signs in with no password at all.
    let r = app.client().login("13612340002", "x").await;
    assert_eq!(r.error(), Some(AppError::InvalidCredentials));
    // The end of the course, and its last second.
    app.state.clock.set(w.closes);
    let to = scan(&mut her, &code(&app, c, w.closes)).await;
    assert_eq!(to, format!("/me/checkin/{c}?refused=over"));
    // Her page still says when she checked in.
    let page = her.get(&to).await;
    assert!(page.body.contains("已签到"), "{}", page.body);
    assert!(!page.body.contains("签到已关闭"));
    let mut inspector = app.signed_in("inspector").await;
    let to = scan(&mut inspector, &code(&app, c, w.closes)).await;
    assert_eq!(to, format!("/me/checkin/{c}?refused=over"));
    app.state.clock.set(w.closes - 1);
    let to = scan(&mut inspector, &code(&app, c, w.closes - 1)).await;
    assert_eq!(to, format!("/me/checkin/{c}?refused=not_admitted"));
    assert_eq!(checkins(&app, c).await, 1);
}

async fn a_changed_or_forged_code_is_refused(app: TestApp) {
    let (c, w) = first_course(&app).await;
    let mut her = app.signed_in("trainee").await;
    let now = w.opens + 600;
    app.state.clock.set(now);
    let shown = step_at(now) * STEP_SECONDS;
    // The code shown before the current one, opened past its grace.
    let old = code(&app, c, shown - 1);
    app.state.clock.set(shown + GRACE_SECONDS);
    assert_eq!(
        scan(&mut her, &old).await,
        format!("/me/checkin/{c}?refused=expired")
    );
    // Within the grace, it still counts.
    app.state.clock.set(shown + GRACE_SECONDS - 1);
    let other_course = c + 1;
    let forged = old.replace(
        &format!("/checkin/{c}/"),
        &format!("/checkin/{other_course}/"),
    );
    assert_eq!(
        scan(&mut her, &forged).await,
        format!("/me/checkin/{other_course}?refused=forged")
    );
    let mut tampered = old.clone();
    tampered.pop();
    tampered.push(if old.ends_with('0') { '1' } else { '0' });
    assert_eq!(
        scan(&mut her, &tampered).await,
        format!("/me/checkin/{c}?refused=forged")
    );
    assert_eq!(checkins(&app, c).await, 0);
    // A path that is not a code at all is simply not found.
    let r = her.get(&format!("/checkin/{c}/x%3Cb%3E/y")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains("<b>") && !r.body.contains("%3Cb"));
    assert_eq!(scan(&mut her, &old).await, format!("/me/checkin/{c}"));
    assert_eq!(checkins(&app, c).await, 1);
}

async fn concurrent_scans_record_one_check_in(app: TestApp) {
    let (c, w) = first_course(&app).await;
    let her = app.signed_in("trainee").await;
    app.state.clock.set(w.opens + 60);
    let path = code(&app, c, w.opens + 60);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'checked_in'";
    let before = app.count(audited).await;
    let scans = (0..30).map(|_| {
        let mut phone = her.fork();
        let path = path.clone();
        tokio::spawn(async move { phone.get(&path).await })
    });
    for s in scans {
        let r = s.await.unwrap();
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.headers[header::LOCATION],
            format!("/me/checkin/{c}").as_str()
        );
    }
    assert_eq!(checkins(&app, c).await, 1);
    assert_eq!(app.count(audited).await, before + 1);
}

async fn a_scan_before_signing_in_counts_from_the_scan(app: TestApp) {
    let (c, w) = first_course(&app).await;
    let scanned = w.opens + 120;
    app.state.clock.set(scanned);
    let mut phone = app.client();
    assert_eq!(
        scan(&mut phone, &code(&app, c, scanned)).await,
        "/login?next=checkin"
    );
    // Signing in takes a minute; the code has changed meanwhile.
    app.state.clock.set(scanned + 60);
    let r = phone.login("trainee", crate::helpers::DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        scan(&mut phone, app::attendance::scan::RESUME).await,
        format!("/me/checkin/{c}")
    );
    let at: i64 = sqlx::query_scalar("SELECT at FROM checkins WHERE course_id = $1")
        .bind(c)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(at, scanned);
    // Resuming again does nothing more.
    assert_eq!(scan(&mut phone, app::attendance::scan::RESUME).await, "/me");
    assert_eq!(checkins(&app, c).await, 1);
}

async fn a_mark_by_hand_needs_a_reason_and_is_audited(app: TestApp) {
    let (c, w) = first_course(&app).await;
    let g = crate::trainee::finished(&app).await;
    let liu: i64 = app
        .count("SELECT id FROM enrollments WHERE name = '刘静' AND status = 'admitted'")
        .await;
    let mut hebmu = app.signed_in("hebmu").await;
    app.state.clock.set(w.opens - 60);
    let r = mark(&mut hebmu, c, liu, "手机没电，现场核验身份").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("reason").cloned()),
        Some(Problem::NotYetOpen)
    );
    app.state.clock.set(w.closes + 3600);
    let r = mark(&mut hebmu, c, liu, "   ").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("reason").cloned()),
        Some(Problem::Required)
    );
    // Another institution does not find the course.
    let mut stdu = app.signed_in("institution").await;
    let r = mark(&mut stdu, c, liu, "手机没电，现场核验身份").await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    // A month after the programme, attendance is settled.
    let end: String = sqlx::query_scalar("SELECT end_date FROM programmes WHERE id = $1")
        .bind(g)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let end = app::domain::parse_date(&end).unwrap();
    let midnight =
        |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() - 8 * 3600;
    app.state.clock.set(midnight(end + chrono::Days::new(31)));
    let r = mark(&mut hebmu, c, liu, "手机没电，现场核验身份").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("reason").cloned()),
        Some(Problem::MarksClosed)
    );
    app.state
        .clock
        .set(midnight(end + chrono::Days::new(31)) - 1);
    let r = mark(&mut hebmu, c, liu, "手机没电，现场核验身份").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'checkin_marked' \
             AND detail LIKE '%手机没电%'"
        )
        .await,
        1
    );
    // The unit reads the roster; the trainee's hours count the course.
    let mut unit = app.signed_in("weijian").await;
    let roster: RosterView = unit
        .call("course_roster", &[("course_id", &c.to_string())])
        .await
        .json();
    let row = roster.rows.iter().find(|r| r.name == "刘静").unwrap();
    assert!(row.manual && row.at.is_some());
    assert!(!roster.may_mark);
    let hours: i64 = app
        .count(&format!("SELECT class_hours FROM courses WHERE id = {c}"))
        .await;
    let view: AttendanceView = unit
        .call("programme_attendance", &[("programme_id", &g.to_string())])
        .await
        .json();
    // She signed the paper sheet at every other course (the demo).
    let (_, attended) = view.trainees.iter().find(|(n, _)| n == "刘静").unwrap();
    assert_eq!(*attended, view.total_hours);
    assert!(view
        .trainees
        .iter()
        .filter(|(n, _)| n != "刘静")
        .all(|(_, h)| *h <= view.total_hours - hours));
    let r = stdu
        .call("programme_attendance", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
}

async fn mark(
    client: &mut Client,
    course: i64,
    enrollment: i64,
    reason: &str,
) -> crate::helpers::Reply {
    let (c, e) = (course.to_string(), enrollment.to_string());
    client
        .call(
            "mark_present",
            &[("course_id", &c), ("enrollment_id", &e), ("reason", reason)],
        )
        .await
}
