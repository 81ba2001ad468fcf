//! Closing (R10, R15): the unit sends its materials after the programme,
//! balanced to the fen and with the stamped account; sending locks the
//! spending; the province returns with reasons, then accepts; every
//! version is kept with its files; nobody outside the programme sees it.

use app::closing::ClosingView;
use app::domain::closing::{ClosingStatus, Refusal};
use app::domain::yuan_input;
use app::error::{AppError, FieldError, Problem};
use app::spending::SpendingView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    a_closing_is_sent_balanced_returned_then_accepted,
    r10_sent_at_23_59_on_the_due_day_is_on_time_and_at_midnight_late,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn view(c: &mut Client, g: i64) -> ClosingView {
    let r = c.call("closing", &[("programme_id", &g.to_string())]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn upload(c: &mut Client, endpoint: &str, g: i64, bytes: &[u8]) -> Option<AppError> {
    let id = g.to_string();
    let parts = [
        ("programme_id", None, id.as_bytes()),
        ("file", Some("决算表.pdf"), bytes),
    ];
    c.multipart(endpoint, &parts).await.error()
}

async fn send(c: &mut Client, g: i64, summary: &str) -> Option<AppError> {
    let id = g.to_string();
    c.call(
        "submit_closing",
        &[("programme_id", id.as_str()), ("summary", summary)],
    )
    .await
    .error()
}

fn refused(r: Refusal) -> Option<AppError> {
    Some(AppError::Validation(vec![FieldError::new(
        "closing",
        Problem::Close(r),
    )]))
}

async fn review(c: &mut Client, id: i64, accept: &str, reason: &str) -> Option<AppError> {
    let id = id.to_string();
    c.call(
        "review_closing",
        &[("id", id.as_str()), ("accept", accept), ("reason", reason)],
    )
    .await
    .error()
}

/// Saves the funds received as one government sum, in fen.
async fn save_funds(c: &mut Client, g: i64, fen: i64) -> Option<AppError> {
    let id = g.to_string();
    let funds = yuan_input(fen);
    c.call(
        "save_programme_account",
        &[
            ("programme_id", id.as_str()),
            ("government", funds.as_str()),
            ("unit", ""),
            ("society", ""),
            ("individual", ""),
        ],
    )
    .await
    .error()
}

async fn a_closing_is_sent_balanced_returned_then_accepted(app: TestApp) {
    // The demo's finished programme: its spending entered, its funds
    // adding up to the fen.
    let (g, mut unit) = finished_unit(&app).await;
    let inst_name: String = sqlx::query_scalar(
        "SELECT a.username FROM accounts a JOIN programmes p ON p.institution_id = a.org_id \
         WHERE p.id = $1 AND a.role = 'institution' ORDER BY a.id LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut inst = app.signed_in(&inst_name).await;
    let mut admin = app.signed_in("admin").await;
    // The demo's closing: sent late, returned, sent again; it awaits the
    // province, so the account is locked and nothing more is sent.
    let v = view(&mut unit, g).await;
    assert!(v.may_send && !v.may_review && !v.open());
    assert!(v.lines > 0 && v.spent == v.funds, "{v:?}");
    assert_eq!(v.versions.len(), 2);
    let pending = v.latest().unwrap().clone();
    assert_eq!(pending.status, ClosingStatus::Submitted);
    assert!(pending.late && v.days_left < 0);
    assert_eq!(v.versions[1].status, ClosingStatus::Returned);
    assert!(!v.versions[1].reason.is_empty());
    assert_eq!(
        send(&mut unit, g, "总结").await,
        refused(Refusal::AlreadySent)
    );
    let locked = Some(AppError::field(
        "closing",
        Problem::Close(Refusal::AccountLocked),
    ));
    assert_eq!(save_funds(&mut inst, g, v.spent).await, locked);
    let r = inst
        .call("spending", &[("programme_id", &g.to_string())])
        .await;
    let account: SpendingView = r.json();
    assert_eq!(account.locked, Some(ClosingStatus::Submitted));
    assert!(!account.may_edit);
    assert_eq!(
        upload(&mut unit, "upload_closing_file", g, PDF).await,
        Some(AppError::field(
            "file",
            Problem::Close(Refusal::AlreadySent)
        ))
    );

    // Only the admin decides, and a return needs reasons.
    assert_eq!(
        review(&mut unit, pending.id, "false", "退回").await,
        Some(AppError::Forbidden)
    );
    assert_eq!(
        review(&mut admin, pending.id, "false", " ").await,
        Some(AppError::field("reason", Problem::Required))
    );
    assert_eq!(
        review(&mut admin, pending.id, "false", "请补充满意度测评结果。").await,
        None
    );

    // Another unit neither sees nor sends; the institution does not send.
    app.unit_user("otherunit", "保定市人力资源和社会保障局")
        .await;
    let mut other = app.signed_in("otherunit").await;
    let r = other
        .call("closing", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    assert_eq!(
        upload(&mut other, "upload_closing_scan", g, PDF).await,
        Some(AppError::NotFound)
    );
    assert_eq!(
        upload(&mut inst, "upload_closing_scan", g, PDF).await,
        Some(AppError::Forbidden)
    );
    assert_eq!(send(&mut inst, g, "总结").await, Some(AppError::Forbidden));

    // Returned: open again, the stamped account of the version before
    // stands until a new one replaces it; it must be a PDF.
    let v = view(&mut unit, g).await;
    assert!(v.open() && v.refusals.is_empty(), "{:?}", v.refusals);
    assert_eq!(
        upload(&mut unit, "upload_closing_scan", g, b"GIF89a").await,
        Some(AppError::field("file", Problem::NotPdf))
    );
    assert_eq!(upload(&mut unit, "upload_closing_scan", g, PDF).await, None);
    assert_eq!(upload(&mut unit, "upload_closing_scan", g, PDF).await, None);
    let v = view(&mut unit, g).await;
    assert_eq!(v.files.iter().filter(|f| f.version.is_none()).count(), 1);

    // R15 at sending: one fen short is refused by name.
    assert_eq!(save_funds(&mut inst, g, v.spent - 1).await, None);
    assert_eq!(
        send(&mut unit, g, "总结").await,
        refused(Refusal::Unbalanced { diff: -1 })
    );
    assert_eq!(save_funds(&mut inst, g, v.spent + 1).await, None);
    assert_eq!(
        send(&mut unit, g, "总结").await,
        refused(Refusal::Unbalanced { diff: 1 })
    );
    assert_eq!(save_funds(&mut inst, g, v.spent).await, None);
    assert_eq!(
        send(&mut unit, g, "  ").await,
        Some(AppError::field("summary", Problem::Required))
    );
    let before = view(&mut unit, g).await;
    assert_eq!(send(&mut unit, g, "研修总结：按计划完成。").await, None);

    // Sent: the account is locked for both organisations, the version
    // keeps the account as it was, and a second send is refused.
    let v = view(&mut admin, g).await;
    let sent = v.latest().unwrap().clone();
    assert_eq!(
        (sent.version, sent.status, sent.late),
        (3, ClosingStatus::Submitted, true)
    );
    assert_eq!((sent.spent, sent.funds), (before.spent, before.funds));
    // The new scan and the other file of version 2 went with version 3.
    let third: Vec<_> = v.files.iter().filter(|f| f.version == Some(3)).collect();
    assert_eq!(third.len(), 2, "{:?}", v.files);
    assert!(v.files.iter().all(|f| f.version.is_some()));
    let frozen: String = sqlx::query_scalar("SELECT account FROM closings WHERE id = $1")
        .bind(sent.id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let frozen: SpendingView = serde_json::from_str(&frozen).unwrap();
    assert_eq!(frozen.total, before.spent);
    // Reviewers read the lines as they were judged when sent.
    assert_eq!(sent.items.len(), before.lines);
    assert_eq!(sent.items, frozen.lines);
    assert_eq!(save_funds(&mut inst, g, v.spent).await, locked);
    let id = g.to_string();
    let line = [
        ("programme_id", id.as_str()),
        ("category", "materials"),
        ("source", "unit"),
        ("amount", "10"),
    ];
    assert_eq!(inst.call("add_spending_line", &line).await.error(), locked);
    assert_eq!(
        send(&mut unit, g, "再次").await,
        refused(Refusal::AlreadySent)
    );
    assert_eq!(
        upload(&mut unit, "upload_closing_file", g, PDF).await,
        Some(AppError::field(
            "file",
            Problem::Close(Refusal::AlreadySent)
        ))
    );

    // Returned again: the account opens; version 4 carries version 3's
    // files.
    assert_eq!(
        review(
            &mut admin,
            sent.id,
            "false",
            "经费决算表缺少财务负责人签字。"
        )
        .await,
        None
    );
    assert_eq!(save_funds(&mut inst, g, v.spent).await, None);
    let v = view(&mut unit, g).await;
    assert_eq!(v.latest().unwrap().status, ClosingStatus::Returned);
    assert!(v.refusals.is_empty(), "{:?}", v.refusals);
    assert_eq!(send(&mut unit, g, "研修总结（修改稿）。").await, None);
    let v = view(&mut admin, g).await;
    assert_eq!(v.versions.len(), 4);
    assert_eq!(v.files.iter().filter(|f| f.version == Some(4)).count(), 2);
    assert_eq!(v.versions[1].reason, "经费决算表缺少财务负责人签字。");

    // Accepted: closed, the account stays locked, a decision is not made
    // twice.
    let second = v.versions[0].id;
    // The decision is chosen, never defaulted.
    assert_eq!(
        review(&mut admin, second, "", "").await,
        Some(AppError::field("accept", Problem::Required))
    );
    assert_eq!(review(&mut admin, second, "true", "").await, None);
    assert_eq!(
        review(&mut admin, second, "true", "").await,
        Some(AppError::WrongState)
    );
    assert_eq!(
        save_funds(&mut inst, g, v.spent).await,
        Some(AppError::field(
            "closing",
            Problem::Close(Refusal::AccountClosed)
        ))
    );
    assert_eq!(
        send(&mut unit, g, "再次").await,
        refused(Refusal::AlreadySent)
    );

    // Files: read by those in scope, each download audited.
    let file = v.files[0].id;
    let r = admin.get(&format!("/closing-files/{file}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.raw.starts_with(b"%PDF-"));
    let r = other.get(&format!("/closing-files/{file}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other.get("/closing-files/99999999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let id = g.to_string();
    let fid = file.to_string();
    let r = unit
        .call(
            "remove_closing_file",
            &[("programme_id", id.as_str()), ("file_id", fid.as_str())],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    for (action, n) in [
        ("closing_submitted", 4),
        ("closing_returned", 3),
        ("closing_accepted", 1),
        ("closing_file_downloaded", 1),
    ] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND target_id = '{g}'"
            ))
            .await,
            n,
            "{action}"
        );
    }
}

/// The unit's account of the demo's finished programme.
async fn finished_unit(app: &TestApp) -> (i64, Client) {
    let g = app
        .count("SELECT programme_id FROM spending_lines ORDER BY id LIMIT 1")
        .await;
    let name: String = sqlx::query_scalar(
        "SELECT a.username FROM accounts a JOIN programmes p ON p.unit_id = a.org_id \
         WHERE p.id = $1 AND a.role = 'unit' ORDER BY a.id LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    (g, app.signed_in(&name).await)
}

async fn r10_sent_at_23_59_on_the_due_day_is_on_time_and_at_midnight_late(app: TestApp) {
    let (g, mut unit) = finished_unit(&app).await;
    let mut admin = app.signed_in("admin").await;
    let v = view(&mut admin, g).await;
    let due = chrono::NaiveDate::parse_from_str(&v.due_date, "%Y-%m-%d").unwrap();
    // 23:59:59 on the due day in Shanghai (UTC+8).
    let last = due.and_hms_opt(15, 59, 59).unwrap().and_utc().timestamp();
    for (at, late) in [(last, false), (last + 1, true)] {
        app.state.clock.set(at - 60);
        let pending = view(&mut admin, g).await.latest().unwrap().id;
        assert_eq!(review(&mut admin, pending, "false", "请补充").await, None);
        app.state.clock.set(at);
        assert_eq!(send(&mut unit, g, "研修总结").await, None);
        let v = view(&mut admin, g).await;
        let sent = v.latest().unwrap();
        assert_eq!(
            (sent.status, sent.late),
            (ClosingStatus::Submitted, late),
            "at {at}"
        );
    }
}
