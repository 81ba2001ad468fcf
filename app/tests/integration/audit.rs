use app::audit::AuditList;
use app::error::Problem;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::TestApp;

both!(
    the_audit_log_cannot_be_changed_or_deleted,
    the_audit_log_filters_by_action_actor_and_date,
);

async fn the_audit_log_cannot_be_changed_or_deleted(app: TestApp) {
    let pool = &app.state.db.pool;
    assert!(app.count("SELECT COUNT(*) FROM audit_log").await > 0);
    assert!(sqlx::query("UPDATE audit_log SET detail = 'x'")
        .execute(pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(pool)
        .await
        .is_err());
}

fn query<'a>(
    action: &'a str,
    actor: &'a str,
    from: &'a str,
    to: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("query[action]", action),
        ("query[actor]", actor),
        ("query[from]", from),
        ("query[to]", to),
        ("query[page]", "0"),
    ]
}

async fn the_audit_log_filters_by_action_actor_and_date(app: TestApp) {
    let mut stranger = app.client();
    stranger.login("inspector", "Wrong-pass-1").await;
    let _ = app.signed_in("inspector").await;
    let mut admin = app.signed_in("admin").await;

    let failed: AuditList = admin
        .call("list_audit", &query("login_failed", "", "", ""))
        .await
        .json();
    assert_eq!(failed.entries.len(), 1);
    assert_eq!(failed.entries[0].actor_username, "inspector");
    assert_eq!(failed.entries[0].ip, "10.1.2.3");

    let by_actor: AuditList = admin
        .call("list_audit", &query("login", "INSP", "", ""))
        .await
        .json();
    assert!(!by_actor.entries.is_empty());
    assert!(by_actor
        .entries
        .iter()
        .all(|e| e.actor_username == "inspector"));
    // The test's own sign-in is the newest, from the test's address.
    assert_eq!(by_actor.entries[0].ip, "10.1.2.3");
    // Actors are found by their display name too, and named by it.
    let by_name: AuditList = admin
        .call("list_audit", &query("login", "周文", "", ""))
        .await
        .json();
    assert!(!by_name.entries.is_empty());
    assert!(by_name
        .entries
        .iter()
        .all(|e| e.actor_username == "inspector" && e.actor_name.as_deref() == Some("周文博")));
    // Targets are named as they are called now: a programme by its topic.
    let returned: AuditList = admin
        .call("list_audit", &query("filing_returned", "", "", ""))
        .await
        .json();
    let topics: Vec<String> = sqlx::query_scalar("SELECT topic FROM programmes")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert!(!returned.entries.is_empty());
    for e in &returned.entries {
        let name = e.target_name.clone().unwrap_or_default();
        assert!(topics.contains(&name), "{name:?}");
    }

    // Today in Shanghai holds everything; a day long past holds nothing.
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .format("%Y-%m-%d")
        .to_string();
    let all: AuditList = admin
        .call("list_audit", &query("", "", &today, &today))
        .await
        .json();
    assert!(all.entries.len() >= 3, "{}", all.entries.len());
    let none: AuditList = admin
        .call("list_audit", &query("", "", "2001-01-01", "2001-01-02"))
        .await
        .json();
    assert!(none.entries.is_empty());

    let r = admin
        .call("list_audit", &query("", "", "2026-13-01", ""))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.error().unwrap().problem_for("from"),
        Some(&Problem::InvalidChoice)
    );

    // Paging is bounded: no page number makes arithmetic overflow.
    for page in ["10001", "9223372036854775807", "-1"] {
        let mut q = query("", "", "", "");
        q[4].1 = page;
        let r = admin.call("list_audit", &q).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "page {page}");
        assert_eq!(
            r.error().unwrap().problem_for("page"),
            Some(&Problem::PageTooFar { max: 10_000 })
        );
    }
    let page = admin.get("/admin/audit?page=9223372036854775807").await;
    assert_eq!(page.status, StatusCode::OK);
}
