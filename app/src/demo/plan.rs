//! Demo data for the planning cycle: this year's published plan (with one
//! rejected proposal and one approved change), next year's open call with a
//! proposal already submitted, a commendation (R18) and a disqualification
//! (R2). Relative to today, so the cycle looks current whenever it is
//! loaded. Loading twice changes nothing.

use chrono::Datelike;
use sqlx::AnyConnection;

use crate::audit::repo::{record, Actor, Target};
use crate::domain::{parse_deadline, shanghai_date, AreaKind, Decision, ProposalStatus};
use crate::error::AppError;
use crate::proposals::input::ProposalInput;

struct Demo {
    unit: &'static str,
    institution: &'static str,
    title: &'static str,
    areas: &'static [usize],
    /// Month and day of start and end (this year, or next for the open call).
    start: (u32, u32),
    end: (u32, u32),
    place: &'static str,
    trainees: &'static str,
    hours: &'static str,
    /// Accommodation, meals, venue, lecture fees, materials, transport.
    costs: [&'static str; 6],
    /// Government, unit, society, individual.
    funds: [&'static str; 4],
    selected: bool,
}

const AREAS: &[(AreaKind, &str)] = &[
    (AreaKind::National, "京津冀协同发展"),
    (AreaKind::Regional, "雄安新区建设"),
    (AreaKind::Frontier, "人工智能与数字经济"),
    (AreaKind::Frontier, "生物医药与健康"),
    (AreaKind::National, "乡村振兴"),
];

const THIS_YEAR: &[Demo] = &[
    Demo {
        unit: "石家庄市人力资源和社会保障局",
        institution: "石家庄铁道大学继续教育学院",
        title: "京津冀轨道交通智能运维高级研修班",
        areas: &[0, 2],
        start: (5, 11),
        end: (5, 16),
        place: "石家庄市",
        trainees: "60",
        hours: "40",
        costs: ["61200", "23400", "9000", "48000", "3600", "6000"],
        funds: ["120000", "31200", "", ""],
        selected: true,
    },
    Demo {
        unit: "河北省卫生健康委员会",
        institution: "河北医科大学",
        title: "县域医共体建设与慢病管理高级研修班",
        areas: &[3],
        start: (6, 15),
        end: (6, 20),
        place: "石家庄市",
        trainees: "50",
        hours: "36",
        costs: ["51000", "19500", "7500", "42000", "3000", "5000"],
        funds: ["100000", "28000", "", ""],
        selected: true,
    },
    Demo {
        unit: "河北省农业农村厅",
        institution: "河北农业大学",
        title: "设施农业与种业振兴高级研修班",
        areas: &[4],
        start: (9, 7),
        end: (9, 12),
        place: "保定市",
        trainees: "55",
        hours: "38",
        costs: ["56100", "21450", "8250", "45000", "3300", "5500"],
        funds: ["110000", "29600", "", ""],
        selected: true,
    },
    Demo {
        unit: "唐山市人力资源和社会保障局",
        institution: "华北理工大学",
        title: "钢铁行业绿色低碳转型研讨班",
        areas: &[0],
        start: (10, 19),
        end: (10, 23),
        place: "唐山市",
        trainees: "40",
        hours: "32",
        costs: ["34000", "13000", "5000", "30000", "2000", "4000"],
        funds: ["60000", "28000", "", ""],
        selected: false,
    },
];

const NEXT_YEAR: &[Demo] = &[Demo {
    unit: "河北省卫生健康委员会",
    institution: "河北医科大学",
    title: "医学人工智能临床应用高级研修班",
    areas: &[2, 3],
    start: (4, 13),
    end: (4, 18),
    place: "石家庄市",
    trainees: "50",
    hours: "36",
    costs: ["51000", "19500", "7500", "42000", "3000", "5000"],
    funds: ["100000", "28000", "", ""],
    selected: false,
}];

fn system() -> Actor {
    Actor {
        id: None,
        username: "system".into(),
        role: None,
        org_id: None,
        ip: "local".into(),
    }
}

async fn org(conn: &mut AnyConnection, name: &str) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::Internal)
}

async fn audit(
    conn: &mut AnyConnection,
    action: &str,
    kind: &str,
    id: i64,
    detail: &str,
    at: i64,
) -> Result<(), AppError> {
    let target = Target { kind, id: Some(id) };
    Ok(record(conn, &system(), action, target, detail, at).await?)
}

async fn open_call(
    conn: &mut AnyConnection,
    year: i32,
    deadline_at: i64,
    at: i64,
) -> Result<(i64, Vec<i64>), AppError> {
    let guidance = format!(
        "围绕国家和我省重大战略、区域发展战略和前沿领域，征集{year}年度高级研修项目选题。\n\
         每个选题学时不少于32学时，经费来源须与支出合计一致。"
    );
    let id = crate::calls::repo::insert(conn, year, deadline_at, &guidance, at).await?;
    audit(conn, "call_opened", "topic_call", id, &year.to_string(), at).await?;
    let mut areas = vec![];
    for (kind, name) in AREAS {
        areas.push(crate::calls::repo::add_area(conn, id, *kind, name).await?);
    }
    Ok((id, areas))
}

async fn propose(
    conn: &mut AnyConnection,
    call: i64,
    year: i32,
    areas: &[i64],
    d: &Demo,
    at: i64,
) -> Result<i64, AppError> {
    let unit = org(conn, d.unit).await?;
    let institution = org(conn, d.institution).await?.to_string();
    let start = format!("{year}-{:02}-{:02}", d.start.0, d.start.1);
    let end = format!("{year}-{:02}-{:02}", d.end.0, d.end.1);
    let input = ProposalInput {
        title: d.title,
        need_kind: "urgent",
        need: "本领域专业技术人才知识更新需求迫切，亟需总结推广先进经验、研究解决实际问题。",
        institution_id: &institution,
        start_date: &start,
        end_date: &end,
        place: d.place,
        trainees: d.trainees,
        class_hours: d.hours,
        costs: d.costs,
        funds: d.funds,
        contact_name: "王建华",
        contact_phone: "0311-86001234",
    };
    let valid = input.parse(year)?;
    let id = crate::proposals::repo::insert(conn, call, unit, &valid, at).await?;
    let tags: Vec<i64> = d.areas.iter().map(|i| areas[*i]).collect();
    crate::proposals::repo::set_areas(conn, id, &tags).await?;
    crate::proposals::repo::set_status(
        conn,
        id,
        1,
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        at,
    )
    .await?;
    audit(conn, "proposal_submitted", "proposal", id, d.title, at).await?;
    Ok(id)
}

pub async fn load(
    conn: &mut AnyConnection,
    keys: &crate::server::crypto::DataKeys,
    now: i64,
) -> Result<(), AppError> {
    let year = shanghai_date(now).year();
    if crate::calls::repo::year_taken(conn, year).await? {
        return Ok(());
    }
    let deadline = |y: i32| -> Result<i64, AppError> {
        parse_deadline(&format!("{y}-12-31"), "17:00").map_err(|_| AppError::Internal)
    };

    // This year: called last year, decided, published.
    let (call, areas) = open_call(conn, year, deadline(year - 1)?, now).await?;
    for d in THIS_YEAR {
        let id = propose(conn, call, year, &areas, d, now).await?;
        let (decision, reason, action) = if d.selected {
            (Decision::Select, "", "proposal_selected")
        } else {
            (
                Decision::Reject,
                "与已入选选题方向重复",
                "proposal_rejected",
            )
        };
        crate::proposals::repo::decide(conn, id, 2, decision, reason, false, now).await?;
        audit(conn, action, "proposal", id, d.title, now).await?;
    }
    crate::calls::repo::mark_published(conn, call, 1, now).await?;
    let n = crate::plan::repo::publish(conn, call, year, now).await?;
    audit(
        conn,
        "plan_published",
        "topic_call",
        call,
        &format!("{year}: {n}"),
        now,
    )
    .await?;

    // One approved change, so the plan shows its history (R13).
    let programme: i64 =
        sqlx::query_scalar("SELECT id FROM programmes WHERE year = $1 AND serial = 3")
            .bind(i64::from(year))
            .fetch_one(&mut *conn)
            .await?;
    let admin: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    if let (Some(admin), Some(g)) = (
        admin,
        crate::plan::repo::by_id(conn, programme, crate::plan::repo::Scope::All).await?,
    ) {
        let new = crate::plan::repo::NewChange {
            programme: &g,
            start: &format!("{year}-09-14"),
            end: &format!("{year}-09-19"),
            place: &g.place,
            reason: "与秋收农忙时间冲突，推迟一周",
            by: admin,
        };
        let id = crate::plan::repo::insert_change(conn, &new, now).await?;
        crate::plan::repo::decide_change(
            conn,
            id,
            crate::domain::ChangeStatus::Approved,
            "",
            admin,
            now,
        )
        .await?;
        if let Some(c) = crate::plan::repo::change_by_id(conn, id).await? {
            crate::plan::repo::apply_change(conn, &c, now).await?;
        }
        audit(
            conn,
            "change_approved",
            "programme",
            programme,
            &g.topic,
            now,
        )
        .await?;
    }

    // Next year: open until the end of this year (or a month from now).
    let next_deadline = deadline(year)?.max(now + 30 * 86_400);
    let (next, next_areas) = open_call(conn, year + 1, next_deadline, now).await?;
    for d in NEXT_YEAR {
        propose(conn, next, year + 1, &next_areas, d, now).await?;
    }

    // R18 and R2, visible at next year's selection and to a unit.
    let health = org(conn, "河北省卫生健康委员会").await?;
    crate::standing::repo::insert_commendation(
        conn,
        health,
        year,
        "年度高级研修项目组织成效突出",
        None,
        now,
    )
    .await?;
    audit(
        conn,
        "unit_commended",
        "organisation",
        health,
        &year.to_string(),
        now,
    )
    .await?;
    let handan = org(conn, "邯郸市人力资源和社会保障局").await?;
    let today = shanghai_date(now);
    let from = (today - chrono::Days::new(30)).to_string();
    let until = (today + chrono::Days::new(335)).to_string();
    crate::standing::repo::insert_disqualification(
        conn,
        handan,
        &from,
        &until,
        "上年度项目挪用培训经费，按规定取消一年申报资格",
        None,
        now,
    )
    .await?;
    audit(
        conn,
        "unit_disqualified",
        "organisation",
        handan,
        &until,
        now,
    )
    .await?;
    super::prep::load(conn, keys, year, now).await
}
