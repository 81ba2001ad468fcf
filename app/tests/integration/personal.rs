//! Personal data (PIPL): sealed at rest, sealed again after a key
//! rotation, masked for readers who do not need it, every reveal audited,
//! and nothing told to a stranger who types someone's numbers.

use app::enrollment::TraineesView;
use app::error::AppError;
use app::server::crypto::DataKeys;
use app::server::AppState;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    identity_numbers_and_mobiles_are_sealed_at_rest,
    rows_from_before_sealing_and_before_a_rotation_are_sealed_at_start,
    the_application_form_tells_a_stranger_nothing_about_an_id_number,
    the_audit_page_and_inspectors_see_trainee_mobiles_masked,
    viewing_the_trainee_list_is_audited_with_the_readers_address,
    the_public_plan_shows_changes_without_their_reasons,
);

async fn apply(
    c: &mut Client,
    programme: i64,
    id_number: &str,
    mobile: &str,
) -> crate::helpers::Reply {
    c.call(
        "apply",
        &[
            ("programme_id", &programme.to_string()),
            ("name", "陈静"),
            ("gender", "female"),
            ("id_number", id_number),
            ("mobile", mobile),
            ("employer", "沧州市中心医院"),
            ("province", "河北省"),
            ("title_level", "mid"),
        ],
    )
    .await
}

/// Every text stored in the table, for a search for plaintext.
async fn table_text(app: &TestApp, table: &str) -> String {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT COALESCE(id_number_sealed, '') || '|' || COALESCE(mobile_sealed, '') || '|' || \
         COALESCE(id_number_hash, '') || '|' || COALESCE(legacy_id_number, '') || '|' || \
         COALESCE(legacy_mobile, '') FROM {table}"
    ))
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("\n")
}

async fn identity_numbers_and_mobiles_are_sealed_at_rest(app: TestApp) {
    let g = app.enrolling().await;
    let r = apply(&mut app.client(), g, "130203197806150042", "13911112222").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = table_text(&app, "enrollments").await;
    for plain in ["130203197806150042", "13911112222", "130102198503120025"] {
        assert!(!stored.contains(plain), "{plain} stored in clear");
    }
    let phones: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT legacy_phone, phone_sealed FROM lecturers")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert!(phones.iter().all(|(legacy, sealed)| legacy.is_empty()
        && sealed.as_deref().is_some_and(|s| s.starts_with("v1."))));
    // The institution reads them back; the ID masked even so.
    let mut inst = app.signed_in("institution").await;
    let v: TraineesView = inst
        .call("list_trainees", &[("programme_id", &g.to_string())])
        .await
        .json();
    let row = v.rows.iter().find(|r| r.name == "陈静").unwrap();
    assert_eq!(row.mobile, "13911112222");
    assert_eq!(row.id_number, "1302**********0042");
}

async fn rows_from_before_sealing_and_before_a_rotation_are_sealed_at_start(app: TestApp) {
    let g = app.enrolling().await;
    // A row as the previous release stored it.
    sqlx::query(
        "INSERT INTO enrollments (programme_id, name, gender, legacy_id_number, legacy_mobile, \
         employer, province, title_level, source, created_at) \
         VALUES ($1, '旧数据', 'male', '130605198808080032', '13800009999', '某单位', '北京市', \
         'mid', 'imported', 0)",
    )
    .bind(g)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE lecturers SET legacy_phone = '13312345678', phone_sealed = NULL, phone_hash = NULL WHERE id = (SELECT MIN(id) FROM lecturers)")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    app::router::seal_personal_data(&app.state).await.unwrap();
    let stored = table_text(&app, "enrollments").await;
    assert!(!stored.contains("130605198808080032"));
    assert!(!stored.contains("13800009999"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM lecturers WHERE legacy_phone <> '' OR phone_sealed IS NULL"
        )
        .await,
        0
    );

    // A rotation: the new key seals every row again; the old one may go.
    let old = crate::helpers::test_key().to_owned();
    let new = DataKeys::generate();
    let mut config = (*app.state.config).clone();
    config.data_key = Some(new.clone());
    config.data_key_previous = vec![old];
    let rotated = AppState::new(
        app.state.leptos_options.clone(),
        app.state.db.clone(),
        config,
    )
    .unwrap();
    app::router::seal_personal_data(&rotated).await.unwrap();
    // Each trainee account takes its person's new hash.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM accounts a WHERE a.person_hash IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM enrollments e WHERE e.account_id = a.id \
             AND e.id_number_hash = a.person_hash)"
        )
        .await,
        0
    );
    assert!(
        app.count("SELECT COUNT(*) FROM accounts WHERE person_hash IS NOT NULL")
            .await
            >= 5
    );
    let only_new = DataKeys::new(&new, &[]).unwrap();
    let sealed: Vec<(String, String)> =
        sqlx::query_as("SELECT id_number_sealed, mobile_sealed FROM enrollments")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert!(sealed.len() > 3);
    for (id, mobile) in &sealed {
        only_new.open(id).unwrap();
        only_new.open(mobile).unwrap();
    }
    let legacy = sealed
        .iter()
        .filter_map(|(id, _)| only_new.open(id).ok())
        .any(|id| id == "130605198808080032");
    assert!(legacy, "the old row reads under the new key");
}

async fn the_application_form_tells_a_stranger_nothing_about_an_id_number(app: TestApp) {
    let g = app.enrolling().await;
    let enrolled = app.count("SELECT COUNT(*) FROM enrollments").await;
    // The demo trainee's identity number, and a fresh one: the answers
    // are the same; only the fresh one is recorded.
    let taken = apply(&mut app.client(), g, "130102198503120025", "13911113333").await;
    let fresh = apply(&mut app.client(), g, "13098219920101004X", "13911114444").await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert_eq!(taken.status, fresh.status);
    assert_eq!(taken.body, fresh.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        enrolled + 1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE username IN ('13911113333', '13911114444')")
            .await,
        0,
        "no account is made for a signed-out application"
    );
    // The number's owner is told, on their own account.
    let mut owner = app.signed_in("trainee").await;
    let told: Vec<app::notifications::NotificationView> =
        owner.call("my_notifications", &[]).await.json();
    assert_eq!(told.len(), 1);
    assert_eq!(
        told[0].kind,
        app::notifications::NotificationKind::ApplyIdTaken
    );
    assert!(told[0].topic.is_some());
    let r = owner
        .call("dismiss_notification", &[("id", &told[0].id.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let told: Vec<app::notifications::NotificationView> =
        owner.call("my_notifications", &[]).await.json();
    assert!(told.is_empty());
    // Another's message cannot be dismissed.
    let mut admin = app.signed_in("admin").await;
    let r = admin.call("dismiss_notification", &[("id", "1")]).await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    // An account applies to a programme once, whatever number it types.
    for (id, gender) in [
        ("130102198503120025", "female"),
        ("131102198306110056", "male"),
    ] {
        let again = owner
            .call(
                "apply",
                &[
                    ("programme_id", &g.to_string()),
                    ("name", "李晓燕"),
                    ("gender", gender),
                    ("id_number", id),
                    ("mobile", "13800138001"),
                    ("employer", "石家庄市轨道交通集团"),
                    ("province", "河北省"),
                    ("title_level", "associate_senior"),
                ],
            )
            .await;
        assert_eq!(
            again
                .error()
                .and_then(|e| e.problem_for("programme_id").cloned()),
            Some(app::error::Problem::AlreadyApplied)
        );
    }
}

async fn the_audit_page_and_inspectors_see_trainee_mobiles_masked(app: TestApp) {
    let g = app.enrolling().await;
    let r = apply(&mut app.client(), g, "130203197806150042", "13911115555").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/admin/audit?action=enrollment_applied").await;
    assert!(
        !page.body.contains("13911115555"),
        "a full mobile on the audit page"
    );
    assert!(page.body.contains("139****5555"));
    // The actor filter matches the name as shown: digit by digit it finds
    // nothing of the hidden middle.
    let search = |actor: &'static str| {
        let mut admin = admin.fork();
        async move {
            let list: app::audit::AuditList = admin
                .call(
                    "list_audit",
                    &[
                        ("query[action]", "enrollment_applied"),
                        ("query[actor]", actor),
                        ("query[from]", ""),
                        ("query[to]", ""),
                        ("query[page]", "0"),
                    ],
                )
                .await
                .json();
            list.entries.len()
        }
    };
    assert_eq!(search("5555").await, 1);
    assert_eq!(search("139****5555").await, 1);
    assert_eq!(search("1391").await, 0);
    assert_eq!(search("13911115555").await, 0);
    // A trainee account named by its mobile, as a trainee's is.
    let r = admin
        .call(
            "create_account",
            &[
                ("username", "13911115555"),
                ("display_name", "陈静"),
                ("role", "trainee"),
                ("org_id", ""),
                ("password", "Initial-Pass-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut inspector = app.signed_in("inspector").await;
    let accounts: Vec<app::accounts::AccountView> =
        inspector.call("list_accounts", &[]).await.json();
    assert!(accounts.iter().any(|a| a.username == "139****5555"));
    assert!(!accounts.iter().any(|a| a.username == "13911115555"));
}

async fn viewing_the_trainee_list_is_audited_with_the_readers_address(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let r = inst
        .call("list_trainees", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'trainees_viewed' \
             AND actor_username = 'institution' AND target_id = '{g}' AND ip = '10.1.2.3'"
        ))
        .await,
        1
    );
    // Out of scope: not found, and nothing read.
    let mut other = app.signed_in("unit").await;
    let admin_only: i64 = app
        .count("SELECT id FROM programmes WHERE unit_id <> (SELECT org_id FROM accounts WHERE username = 'unit') LIMIT 1")
        .await;
    let r = other
        .call(
            "list_trainees",
            &[("programme_id", &admin_only.to_string())],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
}

async fn the_public_plan_shows_changes_without_their_reasons(app: TestApp) {
    let reason: String =
        sqlx::query_scalar("SELECT reason FROM change_requests WHERE status = 'approved' LIMIT 1")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert!(!reason.is_empty());
    let year: i64 = app
        .count(
            "SELECT g.year FROM programmes g JOIN change_requests c ON c.programme_id = g.id \
             WHERE c.status = 'approved' LIMIT 1",
        )
        .await;
    let mut anyone = app.client();
    let plan = anyone
        .call("get_plan", &[("year", &year.to_string())])
        .await;
    assert_eq!(plan.status, StatusCode::OK);
    assert!(plan.body.contains("new_start_date"), "the change is shown");
    assert!(!plan.body.contains(&reason), "{}", plan.body);
    let page = anyone.get(&format!("/plan/{year}")).await;
    assert!(!page.body.contains(&reason));
    // The programme's own readers still see why.
    let mut admin = app.signed_in("admin").await;
    let list = admin.call("list_programmes", &[]).await;
    assert!(list.body.contains(&reason));
}
