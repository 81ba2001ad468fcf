//! What waits for each role: every demo role has something to do when it
//! signs in, each sees only its own organisation's work, and stages read
//! the filings and dates as the preparation page does.

use std::collections::HashMap;

use app::work::{Stage, WorkItem, WorkKind};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    every_demo_role_has_something_to_do,
    work_is_scoped_to_the_caller_and_follows_the_workflow,
);

async fn work(c: &mut Client) -> Vec<WorkItem> {
    let r = c.call("my_work", &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn kinds(items: &[WorkItem]) -> Vec<WorkKind> {
    items.iter().map(|i| i.kind).collect()
}

async fn every_demo_role_has_something_to_do(app: TestApp) {
    for (user, expected) in [
        ("admin", WorkKind::FilingToReview),
        ("admin", WorkKind::ChangeToDecide),
        ("inspector", WorkKind::FilingAwaitingReview),
        ("unit", WorkKind::FilingReturned),
        ("institution", WorkKind::ApplicantsToAdmit),
        // The programme that ran five weeks ago: 8 trainees without a result.
        ("ncst", WorkKind::ResultsToDecide),
        ("trainee", WorkKind::Admitted),
        // The spot check's finding at the finished programme.
        ("weijian", WorkKind::RectificationDue),
    ] {
        let mut c = app.signed_in(user).await;
        let items = work(&mut c).await;
        assert!(
            kinds(&items).contains(&expected),
            "{user}: {expected:?} in {items:?}"
        );
        for i in &items {
            assert!(i.href.starts_with('/'), "{i:?}");
        }
    }
}

async fn work_is_scoped_to_the_caller_and_follows_the_workflow(app: TestApp) {
    // The demo's second institution runs none of the first one's
    // programmes: none of their applicants or schedules are its work.
    let mut inst = app.signed_in("institution").await;
    let mine = work(&mut inst).await;
    let mut other = app.signed_in("hebmu").await;
    let theirs = work(&mut other).await;
    for i in &theirs {
        assert!(
            !mine.iter().any(|m| m.href == i.href && m.kind == i.kind),
            "{i:?} is the first institution's"
        );
    }
    // Stages: the institution sees its own programmes only, the admin all.
    let r = inst.call("programme_stages", &[]).await;
    let own: HashMap<i64, Stage> = r.json();
    let mut admin = app.signed_in("admin").await;
    let all: HashMap<i64, Stage> = admin.call("programme_stages", &[]).await.json();
    assert!(own.len() < all.len());
    let foreign: i64 = app
        .count(
            "SELECT MIN(g.id) FROM programmes g JOIN organisations o ON o.id = g.institution_id \
             WHERE o.name <> (SELECT o2.name FROM accounts a JOIN organisations o2 \
             ON o2.id = a.org_id WHERE a.username = 'institution')",
        )
        .await;
    assert!(!own.contains_key(&foreign));
    // A trainee has no programme stages to read.
    let mut trainee = app.signed_in("trainee").await;
    let r = trainee.call("programme_stages", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The filing awaiting the admin is its work until it is acknowledged.
    let filed = admin_item(&mut admin, WorkKind::FilingToReview).await;
    let programme: i64 = filed
        .href
        .trim_start_matches("/programmes/")
        .trim_end_matches("/prep")
        .parse()
        .unwrap();
    assert!(matches!(all.get(&programme), Some(Stage::Filed)));
    let filing: i64 = app
        .count(&format!(
            "SELECT MAX(id) FROM filings WHERE programme_id = {programme}"
        ))
        .await;
    let r = admin
        .call(
            "review_filing",
            &[
                ("id", &filing.to_string()),
                ("acknowledge", "true"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = work(&mut admin).await;
    assert!(!after
        .iter()
        .any(|i| i.kind == WorkKind::FilingToReview && i.href == filed.href));
    let stages: HashMap<i64, Stage> = admin.call("programme_stages", &[]).await.json();
    assert!(matches!(
        stages.get(&programme),
        Some(Stage::Enrolling { .. } | Stage::Ready { .. })
    ));
}

async fn admin_item(admin: &mut Client, kind: WorkKind) -> WorkItem {
    work(admin)
        .await
        .into_iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?}"))
}
