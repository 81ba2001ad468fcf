use app::accounts::AccountView;
use app::error::{AppError, Problem};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::TestApp;

both!(
    an_account_made_by_the_admin_must_change_its_password_first,
    bad_account_input_is_named_and_changes_nothing,
    a_stale_edit_is_refused,
    a_deactivated_account_loses_its_session_and_cannot_sign_in,
);

const TEMP: &str = "Temp-Pass-2026";

async fn org_id(app: &TestApp, name: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    id.to_string()
}

async fn an_account_made_by_the_admin_must_change_its_password_first(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let province = org_id(&app, app::demo::PROVINCE_NAME).await;
    let r = admin
        .call(
            "create_account",
            &[
                ("username", "Wang.Fang"),
                ("display_name", "王芳"),
                ("role", "inspector"),
                ("org_id", &province),
                ("password", TEMP),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let mut user = app.client();
    assert_eq!(user.login("wang.fang", TEMP).await.status, StatusCode::OK);
    let me: Option<app::auth::CurrentUser> = user.call("current_user", &[]).await.json();
    assert!(me.unwrap().must_change_password);
    let r = user.call("list_orgs", &[]).await;
    assert_eq!(r.error(), Some(AppError::PasswordChangeRequired));

    let change = |new: &'static str, confirm: &'static str, current: &'static str| {
        [
            ("current_password", current),
            ("new_password", new),
            ("confirm_password", confirm),
        ]
    };
    let r = user
        .call("change_password", &change("weakweak", "weakweak", TEMP))
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("new_password"),
        Some(&Problem::WeakPassword)
    );
    let r = user
        .call(
            "change_password",
            &change("My-Own-Pass1", "My-Own-Pass2", TEMP),
        )
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("confirm_password"),
        Some(&Problem::Mismatch)
    );
    let r = user
        .call(
            "change_password",
            &change("My-Own-Pass1", "My-Own-Pass1", "Wrong-1aa"),
        )
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("current_password"),
        Some(&Problem::WrongPassword)
    );
    let r = user
        .call("change_password", &change(TEMP, TEMP, TEMP))
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("new_password"),
        Some(&Problem::SameAsOld)
    );

    let r = user
        .call(
            "change_password",
            &change("My-Own-Pass1", "My-Own-Pass1", TEMP),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(user.call("list_orgs", &[]).await.status, StatusCode::OK);

    let mut again = app.client();
    assert_eq!(
        again.login("wang.fang", TEMP).await.error(),
        Some(AppError::InvalidCredentials)
    );
    assert_eq!(
        again.login("wang.fang", "My-Own-Pass1").await.status,
        StatusCode::OK
    );
}

async fn bad_account_input_is_named_and_changes_nothing(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let institution = org_id(&app, "河北医科大学").await;
    let accounts = app.count("SELECT COUNT(*) FROM accounts").await;
    let audit = app.count("SELECT COUNT(*) FROM audit_log").await;

    let cases: Vec<Case> = vec![
        (
            form("", "李", "unit", "", TEMP),
            "username",
            Problem::Required,
        ),
        (
            form("unit", "李", "trainee", "", TEMP),
            "username",
            Problem::Taken,
        ),
        (
            form("a b", "李", "trainee", "", TEMP),
            "username",
            Problem::InvalidChars,
        ),
        (
            form("li.si", "", "trainee", "", TEMP),
            "display_name",
            Problem::Required,
        ),
        (
            form("li.si", &"李".repeat(51), "trainee", "", TEMP),
            "display_name",
            Problem::TooLong { max: 50 },
        ),
        (
            form("li.si", "李四", "root", "", TEMP),
            "role",
            Problem::InvalidChoice,
        ),
        (
            form("li.si", "李四", "unit", &institution, TEMP),
            "org_id",
            Problem::NotAllowedForRole,
        ),
        (
            form("li.si", "李四", "institution", "", TEMP),
            "org_id",
            Problem::NotAllowedForRole,
        ),
        (
            form("li.si", "李四", "trainee", "999999", TEMP),
            "org_id",
            Problem::InvalidChoice,
        ),
        (
            form("li.si", "李四", "trainee", "", "short"),
            "password",
            Problem::TooShort { min: 8 },
        ),
    ];
    for (f, field, problem) in cases {
        let r = admin.call("create_account", &borrowed(&f)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert_eq!(
            r.error().unwrap().problem_for(field),
            Some(&problem),
            "{field}: {}",
            r.body
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM accounts").await, accounts);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, audit);
}

/// A create-account form, the field expected to be named, and its problem.
type Case = ([(&'static str, String); 5], &'static str, Problem);

fn borrowed<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn form(u: &str, n: &str, role: &str, org: &str, pw: &str) -> [(&'static str, String); 5] {
    [
        ("username", u.into()),
        ("display_name", n.into()),
        ("role", role.into()),
        ("org_id", org.into()),
        ("password", pw.into()),
    ]
}

async fn account(admin: &mut crate::helpers::Client, username: &str) -> AccountView {
    let list: Vec<AccountView> = admin.call("list_accounts", &[]).await.json();
    list.into_iter().find(|a| a.username == username).unwrap()
}

async fn a_stale_edit_is_refused(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let t = account(&mut admin, "trainee").await;
    let version = t.version.to_string();
    let id = t.id.to_string();
    let edit = |name: &str| {
        [
            ("id", id.clone()),
            ("version", version.clone()),
            ("display_name", name.to_owned()),
            ("role", "trainee".to_owned()),
            ("org_id", String::new()),
        ]
    };
    let first = edit("李晓燕（新）");
    let r = admin.call("update_account", &borrowed(&first)).await;
    assert_eq!(r.status, StatusCode::OK);
    // The same form again, still carrying the version it was loaded with.
    let second = edit("别的名字");
    let r = admin.call("update_account", &borrowed(&second)).await;
    assert_eq!(r.error(), Some(AppError::Conflict));
    assert_eq!(
        account(&mut admin, "trainee").await.display_name,
        "李晓燕（新）"
    );
}

async fn a_deactivated_account_loses_its_session_and_cannot_sign_in(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let mut inspector = app.signed_in("inspector").await;
    let a = account(&mut admin, "inspector").await;
    let (id, version) = (a.id.to_string(), a.version.to_string());
    let r = admin
        .call(
            "set_account_active",
            &[("id", &id), ("version", &version), ("active", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        inspector.call("list_orgs", &[]).await.error(),
        Some(AppError::Unauthenticated)
    );
    let r = app
        .client()
        .login("inspector", crate::helpers::DEMO_PASSWORD)
        .await;
    assert_eq!(r.error(), Some(AppError::InvalidCredentials));
    // An admin cannot deactivate themselves.
    let me = account(&mut admin, "admin").await;
    let r = admin
        .call(
            "set_account_active",
            &[
                ("id", &me.id.to_string()),
                ("version", &me.version.to_string()),
                ("active", "false"),
            ],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::Forbidden));
}

both!(
    the_admin_resets_a_password_and_the_user_must_change_it,
    the_first_admin_is_created_from_the_command_line,
);

async fn the_admin_resets_a_password_and_the_user_must_change_it(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let t = account(&mut admin, "trainee").await;
    let r = admin
        .call(
            "reset_password",
            &[("id", &t.id.to_string()), ("password", "weak")],
        )
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("password"),
        Some(&Problem::TooShort { min: 8 })
    );
    let r = admin
        .call(
            "reset_password",
            &[("id", &t.id.to_string()), ("password", TEMP)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(account(&mut admin, "trainee").await.must_change_password);

    let mut user = app.client();
    let old = user.login("trainee", crate::helpers::DEMO_PASSWORD).await;
    assert_eq!(old.error(), Some(AppError::InvalidCredentials));
    assert_eq!(user.login("trainee", TEMP).await.status, StatusCode::OK);
    let me: Option<app::auth::CurrentUser> = user.call("current_user", &[]).await.json();
    assert!(me.unwrap().must_change_password);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset'")
            .await,
        1
    );
}

async fn the_first_admin_is_created_from_the_command_line(app: TestApp) {
    use app::accounts::first_admin::create_admin;
    let weak = create_admin(&app.state, "zhang.wei", "张伟", "password").await;
    assert_eq!(
        weak.unwrap_err().problem_for("password"),
        Some(&Problem::WeakPassword)
    );
    create_admin(&app.state, "Zhang.Wei", "张伟", "First-Admin-1")
        .await
        .unwrap();
    let taken = create_admin(&app.state, "zhang.wei", "张伟", "First-Admin-1").await;
    assert_eq!(
        taken.unwrap_err().problem_for("username"),
        Some(&Problem::Taken)
    );

    // The first admin chose the password, so no forced change.
    let mut c = app.client();
    assert_eq!(
        c.login("zhang.wei", "First-Admin-1").await.status,
        StatusCode::OK
    );
    assert_eq!(c.call("list_orgs", &[]).await.status, StatusCode::OK);
}
