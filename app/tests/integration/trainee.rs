//! The trainee's account: one per person across programmes, made at
//! admission and activated once with a code; wrong codes counted.

use app::error::{AppError, Problem};
use app::trainee::{HomeView, SlipState, SlipsView, Stage};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, Reply, TestApp};

both!(
    an_admitted_applicant_activates_once_with_the_slip_s_code,
    wrong_codes_are_audited_and_lock_the_address,
    a_person_admitted_again_keeps_one_account,
    the_institution_s_export_carries_each_sign_in_and_code,
);

const FINISHED_TOPIC: &str = "县域医共体建设与慢病管理高级研修班";
const NEW_PASSWORD: &str = "Yanxiu#2026pass";

pub async fn finished(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM programmes WHERE topic = $1")
        .bind(FINISHED_TOPIC)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn slips(app: &TestApp, programme: i64) -> SlipsView {
    let mut hebmu = app.signed_in("hebmu").await;
    hebmu
        .call(
            "activation_slips",
            &[("programme_id", &programme.to_string())],
        )
        .await
        .json()
}

fn state_of<'a>(v: &'a SlipsView, name: &str) -> &'a SlipState {
    &v.slips.iter().find(|s| s.name == name).unwrap().state
}

fn code_of(v: &SlipsView, name: &str) -> String {
    match state_of(v, name) {
        SlipState::Code { code, qr_svg, .. } => {
            assert!(qr_svg.starts_with("<svg"));
            code.clone()
        }
        other => panic!("no code for {name}: {other:?}"),
    }
}

async fn activate(c: &mut Client, code: &str, password: &str, confirm: &str) -> Reply {
    c.call(
        "activate",
        &[
            ("code", code),
            ("new_password", password),
            ("confirm_password", confirm),
        ],
    )
    .await
}

async fn an_admitted_applicant_activates_once_with_the_slip_s_code(app: TestApp) {
    let g = finished(&app).await;
    // Admission made 王海涛 (who applied signed out) an account with no
    // password, named by his mobile number.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM accounts WHERE username = '13612340001' AND password_hash = ''"
        )
        .await,
        1
    );
    let v = slips(&app, g).await;
    let code = code_of(&v, "王海涛");
    // The demo trainee applied signed in: she has her own account.
    assert_eq!(state_of(&v, "李晓燕"), &SlipState::Existing);
    // Printing again shows the same live code.
    assert_eq!(code_of(&slips(&app, g).await, "王海涛"), code);
    // Another institution has no slips of this programme.
    let mut other = app.signed_in("institution").await;
    let r = other
        .call("activation_slips", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));

    let mut phone = app.client();
    let r = activate(&mut phone, &code, NEW_PASSWORD, "Different#2026").await;
    assert_eq!(
        r.error()
            .and_then(|e| e.problem_for("confirm_password").cloned()),
        Some(Problem::Mismatch)
    );
    // Typed in lower case with spaces, as people do.
    let typed = code.to_lowercase().replace('-', " ");
    let r = activate(&mut phone, &typed, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Signed in at once: the home lists the programme as finished.
    let home: HomeView = phone.call("my_home", &[]).await.json();
    assert_eq!(home.name, "王海涛");
    assert_eq!(home.username, "13612340001");
    assert_eq!(home.programmes.len(), 1);
    assert_eq!(home.programmes[0].stage, Stage::Finished);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account_activated' \
             AND actor_username = '13612340001'"
        )
        .await,
        1
    );
    // The code worked once.
    let r = activate(&mut app.client(), &code, "Another#2026pw", "Another#2026pw").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("code").cloned()),
        Some(Problem::CodeNotValid)
    );
    // From now on he signs in with his mobile number and the password.
    let r = app.client().login("13612340001", NEW_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // His slip says so, and has no code any more.
    let again = slips(&app, g).await;
    assert_eq!(
        state_of(&again, "王海涛"),
        &SlipState::Active {
            username: "13612340001".into()
        }
    );

    // A code unused for 30 days has expired.
    let liu = code_of(&again, "刘静");
    app.state.clock.set(app::server::now() + 31 * 86_400);
    let r = activate(&mut app.client(), &liu, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("code").cloned()),
        Some(Problem::CodeNotValid)
    );
    // Printing the slips then issues a fresh one, which works.
    let fresh = code_of(&slips(&app, g).await, "刘静");
    assert_ne!(fresh, liu);
    let r = activate(&mut app.client(), &fresh, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn wrong_codes_are_audited_and_lock_the_address(app: TestApp) {
    let g = finished(&app).await;
    let code = code_of(&slips(&app, g).await, "赵永刚");
    let mut guesser = app.client();
    for i in 0..20 {
        let r = activate(&mut guesser, "2345-6789-ABCD", NEW_PASSWORD, NEW_PASSWORD).await;
        let e = r.error().expect("refused");
        if i < 19 {
            assert_eq!(
                e.problem_for("code"),
                Some(&Problem::CodeNotValid),
                "try {i}"
            );
        } else {
            assert!(matches!(e, AppError::Locked { .. }), "try {i}: {e:?}");
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'activation_failed'")
            .await,
        20
    );
    // Locked, the address cannot use even a right code.
    let r = activate(&mut guesser, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert!(
        matches!(r.error(), Some(AppError::Locked { .. })),
        "{}",
        r.body
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM accounts WHERE username = '13612340003' AND password_hash = ''"
        )
        .await,
        1
    );
}

async fn a_person_admitted_again_keeps_one_account(app: TestApp) {
    // 王海涛 of the finished programme applies, signed out, to the one
    // enrolling now; its institution admits him.
    let g = app.enrolling().await;
    let mut anyone = app.client();
    let form = [
        ("programme_id", g.to_string()),
        ("name", "王海涛".to_owned()),
        ("gender", "male".to_owned()),
        ("id_number", "120101198704100110".to_owned()),
        ("mobile", "13612349999".to_owned()),
        ("employer", "天津市第一中心医院".to_owned()),
        ("province", "天津市".to_owned()),
        ("title_level", "associate_senior".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = anyone.call("apply", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (id, version): (i64, i64) = sqlx::query_as(
        "SELECT id, version FROM enrollments WHERE programme_id = $1 AND name = '王海涛'",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut institution = app.signed_in("institution").await;
    let r = institution
        .call(
            "decide_enrollment",
            &[
                ("id", &id.to_string()),
                ("version", &version.to_string()),
                ("admit", "true"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Both enrollments belong to the one account.
    assert_eq!(
        app.count(
            "SELECT COUNT(DISTINCT account_id) FROM enrollments WHERE name = '王海涛' \
             AND status = 'admitted'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE display_name = '王海涛'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'account_linked_to_trainee'")
            .await,
        1
    );
    // This institution's slip neither names the account nor shows its code:
    // a number typed here must not open the account made elsewhere.
    let here: SlipsView = institution
        .call("activation_slips", &[("programme_id", &g.to_string())])
        .await
        .json();
    assert_eq!(state_of(&here, "王海涛"), &SlipState::Existing);
    // Activated once, he sees both programmes.
    let code = code_of(
        &slips(&app, crate::trainee::finished(&app).await).await,
        "王海涛",
    );
    let mut phone = app.client();
    let r = activate(&mut phone, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home: HomeView = phone.call("my_home", &[]).await.json();
    assert_eq!(home.programmes.len(), 2);
    assert_eq!(home.programmes[0].stage, Stage::Admitted);

    // The demo trainee's account was admitted with her number (in the
    // finished programme); with her application here withdrawn, applying
    // signed in with another person's number is refused.
    sqlx::query("DELETE FROM enrollments WHERE programme_id = $1 AND name = '李晓燕'")
        .bind(g)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let mut her = app.signed_in("trainee").await;
    let mut other = form.clone();
    other[1].1 = "李晓燕".to_owned();
    other[2].1 = "female".to_owned();
    other[3].1 = "110101197505050062".to_owned();
    let fields: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = her.call("apply", &fields).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("id_number").cloned()),
        Some(Problem::NotYourIdNumber)
    );
    // With her own number she may.
    other[3].1 = "130102198503120025".to_owned();
    let fields: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = her.call("apply", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn the_institution_s_export_carries_each_sign_in_and_code(app: TestApp) {
    let g = finished(&app).await;
    let view = slips(&app, g).await;
    let Some(SlipState::Code { username, code, .. }) = view
        .slips
        .iter()
        .find(|s| s.name == "王海涛")
        .map(|s| s.state.clone())
    else {
        panic!("王海涛 awaits activation: {view:?}");
    };
    let hebmu = app.signed_in("hebmu").await;
    let rows = crate::plan::sheet_as(
        &app,
        &format!("/programmes/{g}/trainees/xlsx?reason=registration"),
        Some(&hebmu),
    )
    .await;
    assert_eq!(&rows[1][9..12], ["登录名", "激活码", "激活码有效期至"]);
    let his = rows.iter().find(|r| r[1] == "王海涛").expect("his row");
    assert_eq!(
        (his[9].as_str(), his[10].as_str()),
        (username.as_str(), code.as_str())
    );
    assert!(his[11].ends_with("(UTC+8)"), "{his:?}");
    // The demo trainee signs in with her own account: not this list's.
    let hers = rows.iter().find(|r| r[1] == "李晓燕").expect("her row");
    assert!(hers.get(10).is_none_or(|c| c.is_empty()), "{hers:?}");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'trainees_exported' \
             AND detail LIKE '%activation codes: registration'"
        )
        .await,
        1
    );
    // The unit's copy has neither.
    let unit = app.signed_in("weijian").await;
    let rows =
        crate::plan::sheet_as(&app, &format!("/programmes/{g}/trainees/xlsx"), Some(&unit)).await;
    assert!(!rows[1].iter().any(|h| h == "激活码"));
}
