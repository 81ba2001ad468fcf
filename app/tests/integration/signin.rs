//! Sign-in under attack: parallel guesses, unknown names, hashing that
//! outlives its request, and sessions that end with a new password or
//! after twelve hours.

use std::str::FromStr;

use app::error::AppError;
use axum::http::StatusCode;
use tower_sessions::session::Id;
use tower_sessions::SessionStore;

use crate::both;
use crate::helpers::{TestApp, DEMO_PASSWORD};

both!(
    thirty_parallel_wrong_passwords_count_five_and_lock,
    an_unknown_name_locks_like_a_known_one,
    a_new_password_ends_every_other_session,
    an_admin_reset_ends_the_accounts_sessions,
    a_session_ends_twelve_hours_after_sign_in,
    wrong_current_passwords_lock_like_failed_sign_ins,
);

async fn thirty_parallel_wrong_passwords_count_five_and_lock(app: TestApp) {
    let account = app
        .count("SELECT id FROM accounts WHERE username = 'unit'")
        .await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let mut c = app.client();
        tasks.spawn(async move { c.login("unit", "Wrong-pass-1").await });
    }
    let mut answers = Vec::new();
    while let Some(r) = tasks.join_next().await {
        answers.push(r.expect("task").error());
    }
    assert!(answers.iter().all(|e| matches!(
        e,
        Some(AppError::InvalidCredentials | AppError::Locked { .. })
    )));
    let counted = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' \
             AND detail = 'password' AND target_id = '{account}'"
        ))
        .await;
    assert!(counted <= 5, "{counted} failures counted before the lock");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'lockout'")
            .await,
        1
    );
    // The right password now fails too, and no session is made.
    let mut c = app.client();
    let r = c.login("unit", DEMO_PASSWORD).await;
    assert!(
        matches!(r.error(), Some(AppError::Locked { .. })),
        "{}",
        r.body
    );
    assert_eq!(r.status, StatusCode::LOCKED);
    let me: Option<app::auth::CurrentUser> = c.call("current_user", &[]).await.json();
    assert!(me.is_none());
}

async fn an_unknown_name_locks_like_a_known_one(app: TestApp) {
    let mut c = app.client();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..6 {
        known.push(c.login("inspector", "Wrong-pass-1").await);
        unknown.push(c.login("no.such.person", "Wrong-pass-1").await);
    }
    for (k, u) in known.iter().zip(&unknown) {
        assert_eq!(k.status, u.status);
        assert_eq!(
            std::mem::discriminant(&k.error().unwrap()),
            std::mem::discriminant(&u.error().unwrap())
        );
    }
    assert_eq!(unknown[3].error(), Some(AppError::InvalidCredentials));
    assert!(matches!(unknown[4].error(), Some(AppError::Locked { .. })));
    assert!(matches!(unknown[5].error(), Some(AppError::Locked { .. })));
    // The typed name is kept only as its keyed hash.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_throttle WHERE name_hash LIKE '%no.such%'")
            .await,
        0
    );
}

/// A fresh account with the demo password.
async fn account(app: &TestApp, username: &str) {
    app.org_user(
        username,
        "石家庄市人力资源和社会保障局",
        app::domain::Role::Unit,
    )
    .await;
}

async fn a_new_password_ends_every_other_session(app: TestApp) {
    account(&app, "unit.second").await;
    let mut phone = app.signed_in("unit.second").await;
    let mut desk = app.signed_in("unit.second").await;
    let r = desk
        .call(
            "change_password",
            &[
                ("current_password", DEMO_PASSWORD),
                ("new_password", "Brand-New-Pass-9"),
                ("confirm_password", "Brand-New-Pass-9"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The session that changed it goes on; the other one has ended.
    assert_eq!(
        desk.call("list_programmes", &[]).await.status,
        StatusCode::OK
    );
    let r = phone.call("list_programmes", &[]).await;
    assert_eq!(r.error(), Some(AppError::Unauthenticated));
}

async fn an_admin_reset_ends_the_accounts_sessions(app: TestApp) {
    account(&app, "unit.third").await;
    let id = app
        .count("SELECT id FROM accounts WHERE username = 'unit.third'")
        .await;
    let mut owner = app.signed_in("unit.third").await;
    let mut admin = app.signed_in("admin").await;
    let r = admin
        .call(
            "reset_password",
            &[("id", &id.to_string()), ("password", "Reset-Pass-123")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = owner.call("list_programmes", &[]).await;
    assert_eq!(r.error(), Some(AppError::Unauthenticated));
}

async fn a_session_ends_twelve_hours_after_sign_in(app: TestApp) {
    let mut c = app.signed_in("inspector").await;
    let cookie = c.cookie.clone().unwrap();
    let id = Id::from_str(cookie.split_once('=').unwrap().1).unwrap();
    let age = |secs: i64| {
        let store = app.store.clone();
        async move {
            let mut record = store.load(&id).await.unwrap().unwrap();
            record.data.insert(
                "signed_in_at".into(),
                serde_json::json!(app::server::now() - secs),
            );
            store.save(&record).await.unwrap();
        }
    };
    // Active all along (the idle limit never struck), 11 h 59 min in: on.
    age(12 * 3600 - 60).await;
    assert_eq!(c.call("list_orgs", &[]).await.status, StatusCode::OK);
    // Twelve hours after sign-in: over, whatever the activity.
    age(12 * 3600).await;
    let r = c.call("list_orgs", &[]).await;
    assert_eq!(r.error(), Some(AppError::Unauthenticated));
}

/// A stolen session cannot guess the password by changing it: wrong
/// current passwords count towards the same lock as failed sign-ins.
async fn wrong_current_passwords_lock_like_failed_sign_ins(app: TestApp) {
    account(&app, "unit.fourth").await;
    let c = app.signed_in("unit.fourth").await;
    let change = |current: &'static str| {
        let mut c = c.fork();
        async move {
            c.call(
                "change_password",
                &[
                    ("current_password", current),
                    ("new_password", "Brand-New-Pass-9"),
                    ("confirm_password", "Brand-New-Pass-9"),
                ],
            )
            .await
        }
    };
    for _ in 0..4 {
        let r = change("Wrong-guess-1").await;
        assert_eq!(
            r.error()
                .and_then(|e| e.problem_for("current_password").cloned()),
            Some(app::error::Problem::WrongPassword)
        );
    }
    assert!(matches!(
        change("Wrong-guess-1").await.error(),
        Some(AppError::Locked { .. })
    ));
    assert!(matches!(
        change(DEMO_PASSWORD).await.error(),
        Some(AppError::Locked { .. })
    ));
    let r = app.client().login("unit.fourth", DEMO_PASSWORD).await;
    assert!(
        matches!(r.error(), Some(AppError::Locked { .. })),
        "{}",
        r.body
    );
}

/// A hash keeps its permit until argon2 is done, even when the request
/// that started it is dropped (a client gone, a timeout).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_request_keeps_its_hashing_permit_until_the_hash_ends() {
    let one = |k: &str| (k == "GAOYAN_MAX_CONCURRENT_HASHES").then(|| "1".to_string());
    let app = crate::helpers::spawn_with(crate::helpers::Backend::Sqlite, one)
        .await
        .unwrap();
    let permits = app.state.hash_permits.clone();
    assert_eq!(permits.available_permits(), 1);
    let hashing = app::server::hashing::hash(&app.state, "Some-Password-1".into());
    let dropped = tokio::time::timeout(std::time::Duration::from_millis(1), hashing).await;
    assert!(dropped.is_err(), "the request gave up first");
    assert_eq!(
        permits.available_permits(),
        0,
        "the hash still runs and holds its permit"
    );
    let started = std::time::Instant::now();
    while permits.available_permits() == 0 {
        assert!(
            started.elapsed().as_secs() < 10,
            "the permit never came back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
