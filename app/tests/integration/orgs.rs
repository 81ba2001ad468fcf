use app::error::{AppError, Problem};
use app::orgs::OrgView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::TestApp;

both!(
    the_admin_creates_an_institution_under_a_declaring_unit,
    bad_organisation_input_is_named_and_changes_nothing,
    deactivating_an_organisation_stops_its_members_signing_in,
);

async fn orgs(c: &mut crate::helpers::Client) -> Vec<OrgView> {
    c.call("list_orgs", &[]).await.json()
}

async fn the_admin_creates_an_institution_under_a_declaring_unit(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let unit = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.name == "邯郸市人力资源和社会保障局")
        .unwrap();
    let r = admin
        .call(
            "create_org",
            &[
                ("name", " 邯郸学院 "),
                ("kind", "institution"),
                ("parent_id", &unit.id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let made = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.name == "邯郸学院")
        .unwrap();
    assert_eq!(
        made.parent_name.as_deref(),
        Some("邯郸市人力资源和社会保障局")
    );

    let (who, ip): (String, String) = sqlx::query_as(
        "SELECT actor_username, ip FROM audit_log WHERE action = 'org_created' AND detail = '邯郸学院'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!((who.as_str(), ip.as_str()), ("admin", "10.1.2.3"));
}

async fn bad_organisation_input_is_named_and_changes_nothing(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let list = orgs(&mut admin).await;
    let institution = list
        .iter()
        .find(|o| o.kind == app::domain::OrgKind::Institution)
        .unwrap()
        .id
        .to_string();
    let unit = list
        .iter()
        .find(|o| o.kind.is_declaring_unit())
        .unwrap()
        .id
        .to_string();
    let before = app.count("SELECT COUNT(*) FROM organisations").await;
    let audit = app.count("SELECT COUNT(*) FROM audit_log").await;
    let cases = [
        ("", "city_bureau", "", "name", Problem::Required),
        (
            "河北省科学技术协会",
            "other_unit",
            "",
            "name",
            Problem::Taken,
        ),
        (
            "新大学",
            "institution",
            "",
            "parent_id",
            Problem::ParentRequired,
        ),
        (
            "新大学",
            "institution",
            institution.as_str(),
            "parent_id",
            Problem::InvalidChoice,
        ),
        (
            "新局",
            "city_bureau",
            unit.as_str(),
            "parent_id",
            Problem::InvalidChoice,
        ),
        ("新局", "planet", "", "kind", Problem::InvalidChoice),
    ];
    for (name, kind, parent, field, problem) in cases {
        let r = admin
            .call(
                "create_org",
                &[("name", name), ("kind", kind), ("parent_id", parent)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert_eq!(
            r.error().unwrap().problem_for(field),
            Some(&problem),
            "{field}"
        );
    }
    let long = "局".repeat(101);
    let r = admin
        .call(
            "create_org",
            &[("name", &long), ("kind", "city_bureau"), ("parent_id", "")],
        )
        .await;
    assert_eq!(
        r.error().unwrap().problem_for("name"),
        Some(&Problem::TooLong { max: 100 })
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations").await,
        before
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, audit);
}

async fn deactivating_an_organisation_stops_its_members_signing_in(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let mut unit_user = app.signed_in("unit").await;
    let org = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.name == "石家庄市人力资源和社会保障局")
        .unwrap();
    let r = admin
        .call(
            "set_org_active",
            &[
                ("id", &org.id.to_string()),
                ("version", &org.version.to_string()),
                ("active", "false"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let me: Option<app::auth::CurrentUser> = unit_user.call("current_user", &[]).await.json();
    assert!(me.is_none());
    let r = app
        .client()
        .login("unit", crate::helpers::DEMO_PASSWORD)
        .await;
    assert_eq!(r.error(), Some(AppError::InvalidCredentials));
    // The stale version no longer matches.
    let r = admin
        .call(
            "set_org_active",
            &[
                ("id", &org.id.to_string()),
                ("version", &org.version.to_string()),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::Conflict));
}

both!(renaming_an_organisation_needs_the_current_version);

async fn renaming_an_organisation_needs_the_current_version(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let org = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.name == "华北理工大学")
        .unwrap();
    let tangshan = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.name == "唐山市人力资源和社会保障局")
        .unwrap();
    let (id, version, parent) = (
        org.id.to_string(),
        org.version.to_string(),
        tangshan.id.to_string(),
    );
    let form = |name: &'static str| {
        [
            ("id", id.clone()),
            ("version", version.clone()),
            ("name", name.to_owned()),
            ("parent_id", parent.clone()),
        ]
    };
    let borrowed = |f: &[(&'static str, String); 4]| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let first = borrowed(&form("华北理工大学继续教育学院"));
    let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = admin.call("update_org", &first).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let renamed = orgs(&mut admin)
        .await
        .into_iter()
        .find(|o| o.id == org.id)
        .unwrap();
    assert_eq!(renamed.name, "华北理工大学继续教育学院");
    assert_eq!(renamed.version, org.version + 1);

    let again = borrowed(&form("别名"));
    let again: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        admin.call("update_org", &again).await.error(),
        Some(AppError::Conflict)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'org_updated'")
            .await,
        1
    );
}
