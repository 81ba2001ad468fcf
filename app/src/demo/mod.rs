//! Demo data for a newcomer: the provincial department, city bureaus and
//! provincial departments as declaring units, host institutions, and one
//! account per role. Loading twice changes nothing.

use crate::accounts::repo::{self as accounts, NewAccount};
use crate::audit::repo::{record, Actor, Target};
use crate::domain::{OrgKind, Role};
use crate::orgs::repo as orgs;

use crate::server::{hashing, now, AppState};

mod plan;
mod prep;

pub const DEMO_PASSWORD: &str = "Gaoyan@2026";
pub const PROVINCE_NAME: &str = "河北省人力资源和社会保障厅";

const ORGS: &[(&str, OrgKind, Option<&str>)] = &[
    (PROVINCE_NAME, OrgKind::Province, None),
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

pub struct DemoLogin {
    pub username: &'static str,
    pub role: Role,
    pub org: Option<&'static str>,
}

pub const LOGINS: &[DemoLogin] = &[
    DemoLogin {
        username: "admin",
        role: Role::Admin,
        org: Some(PROVINCE_NAME),
    },
    DemoLogin {
        username: "unit",
        role: Role::Unit,
        org: Some("石家庄市人力资源和社会保障局"),
    },
    DemoLogin {
        username: "institution",
        role: Role::Institution,
        org: Some("石家庄铁道大学继续教育学院"),
    },
    DemoLogin {
        username: "trainee",
        role: Role::Trainee,
        org: None,
    },
    DemoLogin {
        username: "inspector",
        role: Role::Inspector,
        org: Some(PROVINCE_NAME),
    },
];

const NAMES: &[(&str, &str)] = &[
    ("admin", "赵志明"),
    ("unit", "钱丽华"),
    ("institution", "孙建国"),
    ("trainee", "李晓燕"),
    ("inspector", "周文博"),
];

pub async fn load(
    state: &AppState,
    _store: &crate::server::session_store::Store,
) -> Result<(), crate::error::AppError> {
    let hash = hashing::hash(state, DEMO_PASSWORD.to_owned()).await?;
    let mut tx = state.db.write().await?;
    let at = now();
    let system = system_actor();
    for (name, kind, parent) in ORGS {
        if org_id(&mut tx, name).await?.is_some() {
            continue;
        }
        let parent_id = match parent {
            Some(p) => org_id(&mut tx, p).await?,
            None => None,
        };
        let id = orgs::insert(&mut tx, name, *kind, parent_id, at).await?;
        let target = Target {
            kind: "organisation",
            id: Some(id),
        };
        record(&mut tx, &system, "org_created", target, name, at).await?;
    }
    for login in LOGINS {
        if accounts::by_username(&mut tx, login.username)
            .await?
            .is_some()
        {
            continue;
        }
        let org_id = match login.org {
            Some(o) => org_id(&mut tx, o).await?,
            None => None,
        };
        let display_name = NAMES
            .iter()
            .find(|(u, _)| *u == login.username)
            .map_or(login.username, |(_, n)| n);
        let new = NewAccount {
            username: login.username,
            display_name,
            role: login.role,
            org_id,
            password_hash: &hash,
            must_change_password: false,
        };
        let id = accounts::insert(&mut tx, &new, at).await?;
        let target = Target {
            kind: "account",
            id: Some(id),
        };
        record(
            &mut tx,
            &system,
            "account_created",
            target,
            login.username,
            at,
        )
        .await?;
    }
    plan::load(&mut tx, &state.keys, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes made by this command line rather than by a signed-in person.
fn system_actor() -> Actor {
    Actor {
        id: None,
        username: "system".into(),
        role: None,
        org_id: None,
        ip: "local".into(),
    }
}

async fn org_id(conn: &mut sqlx::AnyConnection, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await
}

/// The production start's first admin, in the provincial department
/// (created if missing). Chooses their own password, so no forced change.
pub async fn create_admin(
    state: &AppState,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::{DisplayName, NewPassword, Username};
    use crate::error::{AppError, Problems};

    let mut problems = Problems::default();
    let username = problems.check("username", Username::parse(username));
    let name = problems.check("display_name", DisplayName::parse(display_name));
    let password = problems.check("password", NewPassword::parse(password));
    problems.into_result()?;
    let (Some(username), Some(name), Some(password)) = (username, name, password) else {
        return Err(AppError::Internal);
    };
    let hash = hashing::hash(state, password.expose().to_owned()).await?;
    let mut tx = state.db.write().await?;
    let at = now();
    let system = system_actor();
    if accounts::by_username(&mut tx, username.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::field("username", crate::error::Problem::Taken));
    }
    let province = match org_id(&mut tx, PROVINCE_NAME).await? {
        Some(id) => id,
        None => {
            let id = orgs::insert(&mut tx, PROVINCE_NAME, OrgKind::Province, None, at).await?;
            let target = Target {
                kind: "organisation",
                id: Some(id),
            };
            record(&mut tx, &system, "org_created", target, PROVINCE_NAME, at).await?;
            id
        }
    };
    let new = NewAccount {
        username: username.as_str(),
        display_name: name.as_str(),
        role: Role::Admin,
        org_id: Some(province),
        password_hash: &hash,
        must_change_password: false,
    };
    let id = accounts::insert(&mut tx, &new, at).await?;
    let target = Target {
        kind: "account",
        id: Some(id),
    };
    record(
        &mut tx,
        &system,
        "account_created",
        target,
        username.as_str(),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
