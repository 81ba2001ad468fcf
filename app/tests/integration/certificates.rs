//! The completion register and certificates: the demo's register was
//! returned once and approved, its certificates numbered from 1 with no
//! gap; 50 issuers at once never share or skip a number; verification
//! gives one answer to every wrong combination, shows a revocation, counts
//! checks and is throttled; other organisations and trainees get nothing.

use app::certificates::{CompletionView, Verdict};
use app::domain::certificate::{Level, RegisterStatus};
use app::error::AppError;
use app::trainee::MyScheduleView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{spawn_with, Backend, Client, TestApp};
use crate::trainee::finished;

both!(
    the_register_is_returned_then_approved_and_certificates_numbered,
    fifty_issuers_at_once_share_no_number_and_skip_none,
    verification_gives_one_answer_to_every_wrong_combination,
);

async fn overview(c: &mut Client, g: i64) -> CompletionView {
    c.call("completion_overview", &[("programme_id", &g.to_string())])
        .await
        .json()
}

async fn the_register_is_returned_then_approved_and_certificates_numbered(app: TestApp) {
    let g = finished(&app).await;
    let mut admin = app.signed_in("admin").await;
    let v = overview(&mut admin, g).await;
    // Every version kept: the first returned with its reasons, the second
    // approved, each with the rows as submitted.
    let statuses: Vec<_> = v.registers.iter().map(|r| (r.version, r.status)).collect();
    assert_eq!(
        statuses,
        [(2, RegisterStatus::Approved), (1, RegisterStatus::Returned)]
    );
    assert!(!v.registers[1].reason.is_empty());
    assert_eq!(v.registers[0].rows, v.current);
    assert!(!v.may_submit());
    // R8: a certificate for each trainee who passed, and only them;
    // provincial numbers from 1 with no gap, in the province's format.
    let passed: Vec<i64> = v
        .current
        .iter()
        .filter(|r| r.outcome == app::domain::assessment::Outcome::Passed)
        .map(|r| r.enrollment_id)
        .collect();
    let mut holders: Vec<i64> = v.certificates.iter().map(|c| c.enrollment_id).collect();
    holders.sort_unstable();
    let mut expected = passed.clone();
    expected.sort_unstable();
    assert_eq!(holders, expected);
    let year = v.year;
    let mut numbers: Vec<String> = v.certificates.iter().map(|c| c.number.clone()).collect();
    numbers.sort();
    let wanted: Vec<String> = (1..=passed.len())
        .map(|n| format!("冀高研〔{year}〕第{n:04}号"))
        .collect();
    assert_eq!(numbers, wanted);
    assert!(v.certificates.iter().all(|c| c.level == Level::Provincial));
    assert_eq!(
        v.certificates
            .iter()
            .filter(|c| c.revoked.is_some())
            .count(),
        1
    );
    // Nothing left to issue, and the unit cannot resubmit an unchanged
    // approved register.
    let r = admin
        .call("issue_certificates", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    let mut unit = app.signed_in("weijian").await;
    let r = unit
        .call("submit_register", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    // A return needs its reasons; an approved version is not reviewed again.
    let id = v.registers[0].id.to_string();
    let r = admin
        .call("review_register", &[("id", &id), ("approve", "false")])
        .await;
    assert!(
        matches!(r.error(), Some(AppError::Validation(_))),
        "{}",
        r.body
    );
    let r = admin
        .call("review_register", &[("id", &id), ("approve", "true")])
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));

    // Others: another unit and another institution find nothing; a unit
    // cannot review or issue; a trainee cannot read.
    for who in ["nongye", "ncst"] {
        let mut c = app.signed_in(who).await;
        let r = c
            .call("completion_overview", &[("programme_id", &g.to_string())])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
    }
    let mut other = app.signed_in("nongye").await;
    let r = other
        .call("submit_register", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for endpoint in [
        "review_register",
        "revoke_certificate",
        "issue_certificates",
    ] {
        let r = unit
            .call(
                endpoint,
                &[
                    ("id", &id),
                    ("programme_id", &g.to_string()),
                    ("approve", "true"),
                    ("reason", "x"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{endpoint}");
    }
    let mut her = app.signed_in("trainee").await;
    let r = her
        .call("completion_overview", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The trainee sees her certificate with her result.
    let mine: MyScheduleView = her
        .call("my_programme", &[("programme_id", &g.to_string())])
        .await
        .json();
    let c = mine.certificate.expect("her certificate");
    assert!(c.revoked.is_none());
    assert!(numbers.contains(&c.number));

    // A reissue after a correction keeps the number and counts the
    // version; a revoked certificate is not reissued.
    let cert = v.certificates.iter().find(|c| c.revoked.is_none()).unwrap();
    let r = admin
        .call(
            "reissue_certificate",
            &[("id", &cert.id.to_string()), ("reason", "无变化")],
        )
        .await;
    assert!(
        matches!(r.error(), Some(AppError::Validation(_))),
        "{}",
        r.body
    );
    sqlx::query("UPDATE enrollments SET name = $1 WHERE id = $2")
        .bind(format!("{}（更正）", cert.name))
        .bind(cert.enrollment_id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = admin
        .call(
            "reissue_certificate",
            &[("id", &cert.id.to_string()), ("reason", "姓名更正")],
        )
        .await;
    assert_eq!(r.json::<i64>(), 2);
    let again = overview(&mut admin, g).await;
    let same = again.certificates.iter().find(|c| c.id == cert.id).unwrap();
    assert_eq!(
        (same.number.as_str(), same.version),
        (cert.number.as_str(), 2)
    );
    let gone = v.certificates.iter().find(|c| c.revoked.is_some()).unwrap();
    let r = admin
        .call(
            "reissue_certificate",
            &[("id", &gone.id.to_string()), ("reason", "x")],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    let r = admin
        .call(
            "revoke_certificate",
            &[("id", &gone.id.to_string()), ("reason", "x")],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    // Each step is audited.
    for (action, n) in [
        ("register_submitted", 2),
        ("register_returned", 1),
        ("register_approved", 1),
        ("certificate_revoked", 1),
        ("certificate_reissued", 1),
    ] {
        let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'");
        assert_eq!(app.count(&sql).await, n, "{action}");
    }
    let issued = "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issued'";
    assert_eq!(app.count(issued).await, passed.len() as i64);
}

/// 50 issuing transactions at once, a few of them rolled back after
/// taking their numbers: the numbers kept are exactly 1..N.
async fn fifty_issuers_at_once_share_no_number_and_skip_none(app: TestApp) {
    let year = 2031;
    let mut tasks = Vec::new();
    for i in 0..50_i64 {
        let state = app.state.clone();
        tasks.push(tokio::spawn(async move {
            let n = 1 + i % 3;
            let mut tx = state.db.write().await.unwrap();
            let first = app::certificates::repo::take_serials(&mut tx, year, n)
                .await
                .unwrap();
            tokio::task::yield_now().await;
            if i % 7 == 0 {
                tx.rollback().await.unwrap();
                None
            } else {
                tx.commit().await.unwrap();
                Some((first, n))
            }
        }));
    }
    let mut kept: Vec<i64> = Vec::new();
    let mut total = 0;
    for t in tasks {
        if let Some((first, n)) = t.await.unwrap() {
            kept.extend(first..first + n);
            total += n;
        }
    }
    kept.sort_unstable();
    assert_eq!(kept, (1..=total).collect::<Vec<_>>());
    let last: i64 = sqlx::query_scalar("SELECT last FROM certificate_counters WHERE year = $1")
        .bind(year)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(last, total);
}

async fn verify(c: &mut Client, form: &[(&str, &str)]) -> (String, Verdict) {
    let r = c.call("verify_certificate", form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.body.clone();
    (body, r.json())
}

async fn verification_gives_one_answer_to_every_wrong_combination(app: TestApp) {
    let (id, number, name, token): (i64, String, String, String) = sqlx::query_as(
        "SELECT id, number, name, token FROM certificates WHERE revoked_at IS NULL \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut anyone = app.client();
    let (_, found) = verify(
        &mut anyone,
        &[("number", &number), ("name", &format!(" {name} "))],
    )
    .await;
    let Verdict::Found(s) = found else {
        panic!("{found:?}")
    };
    assert_eq!(s.number, number);
    assert!(s.revoked_at.is_none());
    assert_ne!(s.masked_name, name);
    assert!(s.masked_name.contains('*'));
    let (_, by_token) = verify(&mut anyone, &[("token", &token)]).await;
    assert!(matches!(by_token, Verdict::Found(_)));
    // Counted once a day per network, however often it reloads.
    let checks = format!("SELECT checks FROM certificates WHERE id = {id}");
    assert_eq!(app.count(&checks).await, 1);

    // A right number with a wrong name, a wrong number, a wrong or
    // malformed token: one answer, byte for byte, and nothing counted.
    let wrong = "0123456789abcdef0123456789abcdef";
    let mut answers = Vec::new();
    for form in [
        vec![("number", number.as_str()), ("name", "张三")],
        vec![
            ("number", "冀高研〔2019〕第9999号"),
            ("name", name.as_str()),
        ],
        vec![("token", wrong)],
        vec![("token", "../../etc/passwd")],
    ] {
        let (body, v) = verify(&mut anyone, &form).await;
        assert_eq!(v, Verdict::NoMatch);
        answers.push(body);
    }
    answers.dedup();
    assert_eq!(answers.len(), 1);
    assert_eq!(app.count(&checks).await, 1);

    // A revoked certificate says so.
    let (rnumber, rname): (String, String) =
        sqlx::query_as("SELECT number, name FROM certificates WHERE revoked_at IS NOT NULL")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let (_, v) = verify(&mut anyone, &[("number", &rnumber), ("name", &rname)]).await;
    let Verdict::Found(s) = v else {
        panic!("{v:?}")
    };
    assert!(s.revoked_at.is_some());

    // The page itself, as the QR code opens it: complete without wasm,
    // the name masked.
    let page = anyone.get(&format!("/verify/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&number), "{}", page.body);
    assert!(!page.body.contains(&name));
    assert!(!page.body.contains(".wasm"));
    assert_eq!(app.count(&checks).await, 1);
    // Another network's check counts; a token typed in capitals still
    // finds it.
    sqlx::query("DELETE FROM certificate_checks")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let (_, upper) = verify(&mut anyone, &[("token", &token.to_uppercase())]).await;
    assert!(matches!(upper, Verdict::Found(_)));
    assert_eq!(app.count(&checks).await, 2);
    // The holder sees the count.
    let mut her = app.signed_in("trainee").await;
    let g = finished(&app).await;
    let mine: MyScheduleView = her
        .call("my_programme", &[("programme_id", &g.to_string())])
        .await
        .json();
    let c = mine.certificate.unwrap();
    let own = format!(
        "SELECT checks FROM certificates WHERE number = '{}'",
        c.number
    );
    assert_eq!(c.checks, app.count(&own).await);
}

/// Checks are limited per address: past the burst the answer is 429.
async fn checks_are_throttled(backend: Backend) {
    let Some(app) = spawn_with(backend, |k| {
        (k == "GAOYAN_THROTTLE_SCALE").then(|| "1".to_owned())
    })
    .await
    else {
        return;
    };
    let mut c = app.client();
    for _ in 0..30 {
        let r = c.get("/verify?number=x&name=y").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(
        c.get("/verify?number=x&name=y").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    let r = c
        .call("verify_certificate", &[("number", "x"), ("name", "y")])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_are_throttled_sqlite() {
    checks_are_throttled(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_are_throttled_postgres() {
    checks_are_throttled(Backend::Postgres).await;
}
