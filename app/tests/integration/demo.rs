//! The demo data tells the truth: every stage of a programme is there
//! today, every object keeps the rules, every step was taken by an
//! account allowed to take it and left its audit record, and nothing
//! happened after the moment of loading.

use app::domain::shanghai_date;

use crate::both;
use crate::helpers::TestApp;

both!(
    the_demo_has_every_stage_today_and_keeps_the_rules,
    every_demo_step_was_taken_by_someone_allowed_and_audited,
);

async fn the_demo_has_every_stage_today_and_keeps_the_rules(app: TestApp) {
    let today = shanghai_date(app::server::now()).to_string();
    let count = |sql: String| {
        let app = &app;
        async move { app.count(&sql).await }
    };
    // Three programmes have run (one with certificates issued, one with
    // its results published and the register awaiting its unit, one with
    // half its papers graded and no result yet), one runs today,
    // one enrolls now, one awaits the admin, one was returned, one is
    // being prepared.
    assert_eq!(
        count(format!(
            "SELECT COUNT(*) FROM programmes WHERE end_date < '{today}'"
        ))
        .await,
        3
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM results_published".into()).await,
        2
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM results_published r WHERE NOT EXISTS \
             (SELECT 1 FROM completion_registers c WHERE c.programme_id = r.programme_id)"
                .into()
        )
        .await,
        1,
        "one register awaits its unit"
    );
    let decided = "SELECT COUNT(*) FROM assessments a WHERE a.outcome IS NOT NULL AND NOT EXISTS \
                   (SELECT 1 FROM results_published r WHERE r.programme_id = a.programme_id)";
    assert_eq!(count(decided.into()).await, 0);
    let graded = "SELECT COUNT(*) FROM assessments a WHERE a.grade IS NOT NULL AND NOT EXISTS \
                  (SELECT 1 FROM results_published r WHERE r.programme_id = a.programme_id)";
    assert_eq!(count(graded.into()).await, 4);
    let latest = "SELECT f.status FROM filings f WHERE f.programme_id = g.id ORDER BY f.version DESC LIMIT 1";
    for (status, n) in [("acknowledged", 5), ("filed", 1), ("returned", 1)] {
        assert_eq!(
            count(format!(
                "SELECT COUNT(*) FROM programmes g WHERE ({latest}) = '{status}'"
            ))
            .await,
            n,
            "{status}"
        );
    }
    assert_eq!(
        count(format!(
            "SELECT COUNT(*) FROM programmes g JOIN filings f ON f.programme_id = g.id \
             WHERE f.status = 'acknowledged' AND f.apply_until >= '{today}' AND f.apply_until < g.start_date"
        ))
        .await,
        1,
        "enrolling now, closing before the start"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM programmes g WHERE NOT EXISTS (SELECT 1 FROM filings f WHERE f.programme_id = g.id)".into())
            .await,
        1,
        "one still being prepared"
    );
    // Running today: the demo trainee admitted, a course's check-in open
    // now, and imported trainees whose accounts wait for their codes.
    let running: i64 = count(format!(
        "SELECT id FROM programmes WHERE start_date <= '{today}' AND end_date >= '{today}'"
    ))
    .await;
    assert_eq!(
        count(format!(
            "SELECT COUNT(*) FROM enrollments e JOIN accounts a ON a.id = e.account_id \
             WHERE e.programme_id = {running} AND e.status = 'admitted' AND a.username = 'trainee'"
        ))
        .await,
        1
    );
    let courses: Vec<(String, String, String)> =
        sqlx::query_as("SELECT day, start_time, end_time FROM courses WHERE programme_id = $1")
            .bind(running)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let now = app::server::now();
    assert!(
        courses.iter().any(|(d, s, e)| {
            app::domain::checkin::Window::of(d, s, e).is_some_and(|w| w.is_open(now))
        }),
        "a check-in open now: {courses:?}"
    );
    assert_eq!(
        count(format!(
            "SELECT COUNT(*) FROM enrollments e JOIN accounts a ON a.id = e.account_id \
             WHERE e.programme_id = {running} AND e.source = 'imported' AND a.password_hash = ''"
        ))
        .await,
        2
    );
    // The paper is due after the programme, and the demo trainee's home
    // says so; the programme that has run holds her two versions, on time.
    let mut her = app.signed_in("trainee").await;
    let home: app::trainee::HomeView = her.call("my_home", &[]).await.json();
    assert!(
        home.papers_due
            .iter()
            .any(|p| p.programme_id == running && p.until > now),
        "{:?}",
        home.papers_due
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM papers p JOIN paper_settings s ON s.programme_id = \
             (SELECT programme_id FROM enrollments WHERE id = p.enrollment_id) \
             WHERE p.submitted_at < s.deadline"
                .into()
        )
        .await,
        // Her draft and revision, 24 of her class's, 9 of the registering
        // programme's 10 and 7 of the closing one's 8.
        2 + 24 + 9 + 7
    );
    // The survey of the programme that has run: closed with 30 answers,
    // each with a participation; the one under way is open for her.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM survey_responses r JOIN surveys s ON s.programme_id = \
             r.programme_id WHERE s.state = 'closed'"
                .into()
        )
        .await,
        30
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM survey_participation".into()).await,
        30
    );
    assert!(home.surveys_due.iter().any(|s| s.programme_id == running));
    // R3: every filing made by its due date, none flagged late; R4: each
    // filed schedule has its 32 hours.
    assert_eq!(
        count("SELECT COUNT(*) FROM filings WHERE late = 1".into()).await,
        0
    );
    let filed_after_due: Vec<(i64, String)> =
        sqlx::query_as("SELECT filed_at, due_date FROM filings")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    for (at, due) in filed_after_due {
        assert!(shanghai_date(at).to_string() <= due);
    }
    assert_eq!(
        count("SELECT COUNT(*) FROM filings WHERE schedule_hours < 32".into()).await,
        0
    );
    // The states a newcomer should find.
    for (what, sql) in [
        (
            "a draft proposal",
            "SELECT COUNT(*) FROM proposals WHERE status = 'draft'",
        ),
        (
            "a rejected proposal",
            "SELECT COUNT(*) FROM proposals WHERE status = 'rejected'",
        ),
        (
            "a pending change",
            "SELECT COUNT(*) FROM change_requests WHERE status = 'pending'",
        ),
        (
            "a refused change",
            "SELECT COUNT(*) FROM change_requests WHERE status = 'rejected'",
        ),
        (
            "an approved change",
            "SELECT COUNT(*) FROM change_requests WHERE status = 'approved'",
        ),
        (
            "a rejected vetting",
            "SELECT COUNT(*) FROM vettings WHERE decision = 'rejected'",
        ),
        (
            "an imported enrollment",
            "SELECT COUNT(*) FROM enrollments WHERE source = 'imported'",
        ),
        (
            "a declined enrollment",
            "SELECT COUNT(*) FROM enrollments WHERE status = 'declined'",
        ),
        (
            "an open call",
            "SELECT COUNT(*) FROM topic_calls WHERE published_at IS NULL",
        ),
    ] {
        assert!(count(sql.into()).await >= 1, "{what}");
    }
    // The demo trainee's account holds all three of her enrollments.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM enrollments e JOIN accounts a ON a.id = e.account_id \
             WHERE a.username = 'trainee'"
                .into()
        )
        .await,
        3
    );
    // Nothing happened after loading.
    let now = app::server::now();
    assert_eq!(
        count(format!("SELECT COUNT(*) FROM audit_log WHERE at > {now}")).await,
        0
    );
}

async fn every_demo_step_was_taken_by_someone_allowed_and_audited(app: TestApp) {
    let rows: Vec<(String, Option<String>, String)> =
        sqlx::query_as("SELECT action, actor_role, actor_username FROM audit_log")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    let who = |action: &str| -> &[&str] {
        match action {
            "org_created" | "account_created" => &["admin", "system"],
            "call_opened"
            | "area_added"
            | "proposal_selected"
            | "proposal_rejected"
            | "plan_published"
            | "filing_acknowledged"
            | "filing_returned"
            | "change_approved"
            | "change_rejected"
            | "unit_commended"
            | "unit_disqualified"
            | "register_approved"
            | "register_returned"
            | "certificate_issued"
            | "certificate_revoked"
            | "closing_returned" => &["admin"],
            "proposal_created" | "proposal_updated" | "proposal_submitted" | "programme_filed"
            | "attachment_added" | "change_requested" | "register_submitted"
            | "closing_submitted" | "closing_file_added" => &["unit"],
            "lecturer_added"
            | "course_added"
            | "lecturer_approved"
            | "lecturer_rejected"
            | "trainees_imported"
            | "enrollment_admitted"
            | "enrollment_declined"
            | "account_made_for_trainee"
            | "account_linked_to_trainee"
            | "account_identity_bound"
            | "activation_slips"
            | "checkin_marked"
            | "paper_set"
            | "survey_item_added"
            | "survey_opened"
            | "survey_closed"
            | "assessed"
            | "results_published"
            | "trainees_viewed" => &["institution"],
            "spending_line_added" | "programme_account_saved" => &["institution", "unit"],
            "spot_check_drawn"
            | "inspection_recorded"
            | "rectification_accepted"
            | "rectification_returned" => &["inspector", "admin"],
            "rectification_reported" => &["unit"],
            "unit_sanctioned"
            | "recovery_recorded"
            | "courseware_consent_recorded"
            | "courseware_consent_revoked"
            | "courseware_listed"
            | "courseware_withdrawn" => &["admin"],
            "checked_in" | "account_activated" | "paper_submitted" | "survey_answered" => {
                &["trainee"]
            }
            // Signed out, an applicant is a visitor.
            "enrollment_applied" => &["trainee", "none"],
            "login" | "password_changed" => {
                &["admin", "unit", "institution", "trainee", "inspector"]
            }
            other => panic!("the demo did {other}, which this test does not know"),
        }
    };
    for (action, role, user) in &rows {
        let role = role
            .as_deref()
            .unwrap_or(if user == "system" { "system" } else { "none" });
        assert!(who(action).contains(&role), "{action} by {user} as {role}");
    }
    // Every state change of the story has its record.
    for (table, action, n) in [
        ("proposals", "proposal_created", "COUNT(*)"),
        ("programmes", "proposal_selected", "COUNT(*)"),
        ("filings", "programme_filed", "COUNT(*)"),
        ("courses", "course_added", "COUNT(*)"),
        ("papers", "paper_submitted", "COUNT(*)"),
        ("paper_settings", "paper_set", "COUNT(*)"),
        ("spending_lines", "spending_line_added", "COUNT(*)"),
        ("closings", "closing_submitted", "COUNT(*)"),
        ("inspections", "inspection_recorded", "COUNT(*)"),
        ("sanctions", "unit_sanctioned", "COUNT(*)"),
        (
            "courseware_consents",
            "courseware_consent_recorded",
            "COUNT(*)",
        ),
        ("courseware", "courseware_listed", "COUNT(*)"),
        ("lecturers", "lecturer_added", "COUNT(*)"),
        ("change_requests", "change_requested", "COUNT(*)"),
        (
            "enrollments WHERE source = 'applied'",
            "enrollment_applied",
            "COUNT(*)",
        ),
        (
            "accounts WHERE role = 'trainee' AND person_hash IS NOT NULL \
             AND id NOT IN (SELECT id FROM accounts WHERE username = 'trainee')",
            "account_made_for_trainee",
            "COUNT(*)",
        ),
        ("checkins WHERE method = 'scan'", "checked_in", "COUNT(*)"),
        (
            "checkins WHERE method = 'manual'",
            "checkin_marked",
            "COUNT(*)",
        ),
        (
            "activation_codes WHERE used_at IS NOT NULL",
            "account_activated",
            "COUNT(*)",
        ),
    ] {
        let stored = app.count(&format!("SELECT {n} FROM {table}")).await;
        let audited = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await;
        assert_eq!(stored, audited, "{table} and {action}");
    }
    // Who acted for an organisation acted for their own: a unit files only
    // its own programmes, an institution schedules only its own.
    let foreign: i64 = app
        .count(
            "SELECT COUNT(*) FROM audit_log a JOIN programmes g ON a.target_kind = 'programme' \
             AND a.target_id = CAST(g.id AS TEXT) \
             WHERE (a.action = 'programme_filed' AND a.actor_org_id <> g.unit_id) \
                OR (a.action IN ('course_added', 'trainees_imported') AND a.actor_org_id <> g.institution_id)",
        )
        .await;
    assert_eq!(foreign, 0);
}
