//! The organisations and their people: the first admin from the command
//! line; then the admin creates the organisations and one account for
//! each person, who signs in and replaces the initial password.

use std::collections::HashMap;

use super::driver::{Driver, Step, StepFailed};
use super::story::Story;
use super::{DemoLogin, DEMO_PASSWORD, PROVINCE_NAME};
use crate::domain::{OrgKind, Role};
use crate::server::AppState;

const ORGS: &[(&str, OrgKind, Option<&str>)] = &[
    ("石家庄市人力资源和社会保障局", OrgKind::CityBureau, None),
    ("唐山市人力资源和社会保障局", OrgKind::CityBureau, None),
    ("保定市人力资源和社会保障局", OrgKind::CityBureau, None),
    ("邯郸市人力资源和社会保障局", OrgKind::CityBureau, None),
    ("河北省卫生健康委员会", OrgKind::ProvincialDept, None),
    ("河北省农业农村厅", OrgKind::ProvincialDept, None),
    ("河北省科学技术协会", OrgKind::OtherUnit, None),
    (
        "河北大学继续教育学院",
        OrgKind::Institution,
        Some("保定市人力资源和社会保障局"),
    ),
    (
        "石家庄铁道大学继续教育学院",
        OrgKind::Institution,
        Some("石家庄市人力资源和社会保障局"),
    ),
    (
        "河北医科大学",
        OrgKind::Institution,
        Some("河北省卫生健康委员会"),
    ),
    (
        "河北农业大学",
        OrgKind::Institution,
        Some("河北省农业农村厅"),
    ),
    (
        "华北理工大学",
        OrgKind::Institution,
        Some("唐山市人力资源和社会保障局"),
    ),
];

/// The accounts of the other organisations that act in the story.
pub const ACCOUNTS: &[DemoLogin] = &[
    DemoLogin {
        username: "weijian",
        role: Role::Unit,
        org: Some("河北省卫生健康委员会"),
    },
    DemoLogin {
        username: "nongye",
        role: Role::Unit,
        org: Some("河北省农业农村厅"),
    },
    DemoLogin {
        username: "tangshan",
        role: Role::Unit,
        org: Some("唐山市人力资源和社会保障局"),
    },
    DemoLogin {
        username: "hebmu",
        role: Role::Institution,
        org: Some("河北医科大学"),
    },
    DemoLogin {
        username: "hebau",
        role: Role::Institution,
        org: Some("河北农业大学"),
    },
    DemoLogin {
        username: "ncst",
        role: Role::Institution,
        org: Some("华北理工大学"),
    },
];

/// Each person's name and the address their office works from.
const PEOPLE: &[(&str, &str, [u8; 4])] = &[
    ("admin", "赵志明", [10, 13, 0, 21]),
    ("inspector", "周文博", [10, 13, 0, 35]),
    ("unit", "钱丽华", [10, 31, 2, 14]),
    ("institution", "孙建国", [202, 206, 208, 40]),
    ("trainee", "李晓燕", [111, 62, 14, 9]),
    ("weijian", "刘红梅", [10, 13, 6, 52]),
    ("nongye", "马国强", [10, 13, 8, 17]),
    ("tangshan", "高峰", [10, 32, 1, 33]),
    ("hebmu", "韩雪", [202, 206, 64, 12]),
    ("hebau", "杨帆", [202, 206, 96, 7]),
    ("ncst", "何明", [202, 206, 144, 23]),
];

/// The first password an admin gives; each person replaces it.
const INITIAL_PASSWORD: &str = "Chushi#2026";

/// Organisation ids by name.
pub type Orgs = HashMap<&'static str, i64>;

pub async fn load(d: &mut Driver, state: &AppState, story: &Story) -> Step<Orgs> {
    let day = story.first_day();
    for (user, _, ip) in PEOPLE {
        d.address(user, *ip);
    }
    // A production start: the first admin from the command line.
    d.at(story.cal.at(day, 9, 0));
    crate::accounts::first_admin::create_admin(state, "admin", "赵志明", DEMO_PASSWORD)
        .await
        .map_err(|e| StepFailed(format!("create-admin: {e:?}")))?;
    d.at(story.cal.at(day, 9, 5));
    d.sign_in("admin", DEMO_PASSWORD).await?;

    let mut orgs: Orgs = HashMap::new();
    let list: Vec<crate::orgs::OrgView> = d.call(Some("admin"), "list_orgs", &[]).await?;
    for o in list.iter().filter(|o| o.name == PROVINCE_NAME) {
        orgs.insert(PROVINCE_NAME, o.id);
    }
    for (i, (name, kind, parent)) in ORGS.iter().enumerate() {
        d.at(story.cal.at(day, 9, 10 + i as u32));
        let parent_id = parent
            .and_then(|p| orgs.get(p))
            .map(|id| id.to_string())
            .unwrap_or_default();
        let form = [
            ("name", (*name).to_owned()),
            ("kind", kind.as_str().to_owned()),
            ("parent_id", parent_id),
        ];
        let id: i64 = d.call(Some("admin"), "create_org", &form).await?;
        orgs.insert(name, id);
    }

    let everyone = super::LOGINS
        .iter()
        .chain(ACCOUNTS)
        .filter(|l| l.username != "admin");
    for (i, login) in everyone.enumerate() {
        d.at(story.cal.at(day, 10, i as u32 * 3));
        let name = PEOPLE
            .iter()
            .find(|(u, _, _)| *u == login.username)
            .map_or(login.username, |(_, n, _)| n);
        let org = login
            .org
            .and_then(|o| orgs.get(o))
            .map(|id| id.to_string())
            .unwrap_or_default();
        let form = [
            ("username", login.username.to_owned()),
            ("display_name", name.to_owned()),
            ("role", login.role.as_str().to_owned()),
            ("org_id", org),
            ("password", INITIAL_PASSWORD.to_owned()),
        ];
        let _: i64 = d.call(Some("admin"), "create_account", &form).await?;
    }
    // Each signs in the next morning and chooses a password.
    let next = super::calendar::shift(day, 1);
    for (i, login) in super::LOGINS.iter().chain(ACCOUNTS).enumerate() {
        if login.username == "admin" {
            continue;
        }
        d.at(story.cal.at(next, 8, 30 + i as u32));
        d.sign_in(login.username, INITIAL_PASSWORD).await?;
        let form = [
            ("current_password", INITIAL_PASSWORD.to_owned()),
            ("new_password", DEMO_PASSWORD.to_owned()),
            ("confirm_password", DEMO_PASSWORD.to_owned()),
        ];
        let _: () = d
            .call(Some(login.username), "change_password", &form)
            .await?;
    }
    Ok(orgs)
}
