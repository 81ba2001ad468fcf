//! The planning cycle of each plan year in the story: the admin opens the
//! call, units propose before its deadline, the admin selects (and
//! rejects one), publishes the plan; the standing of units; and next
//! year's call, open now.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::calendar::shift;
use super::driver::{Driver, Step, StepFailed};
use super::people::Orgs;
use super::story::{Programme, Stage, Story};
use crate::calls::CallView;
use crate::domain::AreaKind;
use crate::plan::ProgrammeView;
use crate::proposals::ProposalView;

const AREAS: &[(AreaKind, &str)] = &[
    (AreaKind::National, "京津冀协同发展"),
    (AreaKind::Regional, "雄安新区建设"),
    (AreaKind::Frontier, "人工智能与数字经济"),
    (AreaKind::Frontier, "生物医药与健康"),
    (AreaKind::National, "乡村振兴"),
];

/// The published programmes by their stage in the story.
pub type Plans = HashMap<Stage, ProgrammeView>;

/// The published programme of a stage.
pub fn programme(plans: &Plans, stage: Stage) -> Step<&ProgrammeView> {
    plans
        .get(&stage)
        .ok_or_else(|| StepFailed(format!("the {stage:?} programme was not published")))
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

async fn call_of(d: &mut Driver, year: i32) -> Step<CallView> {
    let calls: Vec<CallView> = d.call(Some("admin"), "list_calls", &[]).await?;
    calls
        .into_iter()
        .find(|c| c.year == year)
        .ok_or_else(|| StepFailed(format!("the call for {year} is missing")))
}

/// Opens the call for `year` on `day`, closing at `deadline` 17:00.
async fn open_call(
    d: &mut Driver,
    story: &Story,
    year: i32,
    day: NaiveDate,
    deadline: NaiveDate,
) -> Step<CallView> {
    d.at(story.cal.at(day, 9, 30));
    let guidance = format!(
        "围绕国家和我省重大战略、区域发展战略和前沿领域，征集{year}年度高级研修项目选题。\n\
         每个选题学时不少于32学时，经费来源须与支出合计一致。"
    );
    let form = [
        ("year", year.to_string()),
        ("deadline_date", date(deadline)),
        ("deadline_time", "17:00".to_owned()),
        ("guidance", guidance),
    ];
    let _: i32 = d.call(Some("admin"), "open_call", &form).await?;
    let call = call_of(d, year).await?;
    for (i, (kind, name)) in AREAS.iter().enumerate() {
        d.at(story.cal.at(day, 9, 40 + i as u32));
        let form = [
            ("call_id", call.id.to_string()),
            ("kind", kind.as_str().to_owned()),
            ("area_name", (*name).to_owned()),
        ];
        let _: () = d.call(Some("admin"), "add_area", &form).await?;
    }
    call_of(d, year).await
}

/// A unit's proposal for the call, saved and (unless a draft) submitted.
#[allow(clippy::too_many_arguments)]
async fn propose(
    d: &mut Driver,
    story: &Story,
    call: &CallView,
    p: &Programme,
    institution: i64,
    day: NaiveDate,
    minute: u32,
    submit: bool,
) -> Step<i64> {
    d.at(story.cal.at(day, 10, minute));
    let mut form: Vec<(String, String)> = vec![
        ("call_id".into(), call.id.to_string()),
        ("id".into(), String::new()),
        ("version".into(), String::new()),
        ("title".into(), p.title.into()),
        ("need_kind".into(), "urgent".into()),
        (
            "need".into(),
            "本领域专业技术人才知识更新需求迫切，亟需总结推广先进经验、研究解决实际问题。".into(),
        ),
        ("institution_id".into(), institution.to_string()),
        ("start_date".into(), date(p.start)),
        ("end_date".into(), date(p.end)),
        ("place".into(), p.place.into()),
        ("trainees".into(), p.trainees.to_string()),
        ("class_hours".into(), p.hours.to_string()),
        ("contact_name".into(), "王建华".into()),
        ("contact_phone".into(), "0311-86001234".into()),
    ];
    for (name, value) in [
        "accommodation",
        "meals",
        "venue",
        "lecture_fees",
        "materials",
        "transport",
    ]
    .iter()
    .zip(p.costs)
    {
        form.push(((*name).into(), value.into()));
    }
    for (name, value) in ["government", "unit", "society", "individual"]
        .iter()
        .zip(p.funds)
    {
        form.push(((*name).into(), value.into()));
    }
    for i in p.areas {
        if let Some(area) = call.areas.iter().find(|a| a.name == AREAS[*i].1) {
            form.push((format!("areas[{}]", area.id), "on".into()));
        }
    }
    let fields: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let id: i64 = d.call(Some(p.unit), "save_proposal", &fields).await?;
    if submit {
        d.at(story.cal.at(day, 10, minute + 5));
        let form = [("id", id.to_string()), ("version", "1".to_owned())];
        let _: () = d.call(Some(p.unit), "submit_proposal", &form).await?;
    }
    Ok(id)
}

async fn proposals(d: &mut Driver, year: i32) -> Step<Vec<ProposalView>> {
    let form = [
        ("query[year]", year.to_string()),
        ("query[unit]", String::new()),
        ("query[area]", String::new()),
        ("query[status]", String::new()),
    ];
    d.call(Some("admin"), "list_proposals", &form).await
}

pub async fn load(d: &mut Driver, story: &Story, orgs: &Orgs) -> Step<Plans> {
    let mut plans = Plans::new();
    for year in story.years() {
        let deadline = story.deadline(year);
        let call = open_call(d, story, year, shift(deadline, -40), deadline).await?;
        let ours: Vec<&Programme> = story
            .programmes
            .iter()
            .filter(|p| p.year() == year)
            .collect();
        for (i, p) in ours.iter().enumerate() {
            let institution = orgs
                .get(p.institution_org)
                .copied()
                .ok_or_else(|| StepFailed(format!("no {}", p.institution_org)))?;
            let day = shift(deadline, -20 + i as i64);
            propose(d, story, &call, p, institution, day, 5, true).await?;
        }

        // Selection, after the deadline.
        let decided = shift(deadline, 2);
        let submitted = proposals(d, year).await?;
        let mut minute = 0;
        for p in &ours {
            let Some(v) = submitted.iter().find(|v| v.title == p.title) else {
                continue;
            };
            minute += 4;
            d.at(story.cal.at(decided, 14, minute));
            let (decision, reason) = match p.stage {
                Stage::Rejected => ("reject", "与已入选选题方向重复，建议与相关单位联合申报"),
                _ => ("select", ""),
            };
            let mut form = vec![
                (format!("ids[{}]", v.id), v.version.to_string()),
                ("decision".into(), decision.into()),
                ("reason".into(), reason.into()),
            ];
            // The two medical programmes were also recommended nationally
            // (the ministry may number their certificates).
            if matches!(p.stage, Stage::Finished | Stage::Registering) {
                form.push(("recommend".into(), "true".into()));
            }
            let fields: Vec<(&str, String)> =
                form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            let _: usize = d.call(Some("admin"), "decide_proposals", &fields).await?;
        }
        let call = call_of(d, year).await?;
        d.at(story.cal.at(story.published(year), 10, 0));
        let form = [
            ("call_id", call.id.to_string()),
            ("version", call.version.to_string()),
        ];
        let _: i64 = d.call(Some("admin"), "publish_plan", &form).await?;
        let published: Vec<ProgrammeView> = d.call(Some("admin"), "list_programmes", &[]).await?;
        for p in &ours {
            if let Some(g) = published.iter().find(|g| g.topic == p.title) {
                plans.insert(p.stage, g.clone());
            }
        }
    }
    standing(d, story, orgs).await?;
    Ok(plans)
}

/// R18 and R2: the health commission commended for this year's work
/// (next year's selection shows it); the Handan bureau disqualified for a
/// year from a month ago.
async fn standing(d: &mut Driver, story: &Story, orgs: &Orgs) -> Step<()> {
    let commended = orgs
        .get("河北省卫生健康委员会")
        .copied()
        .unwrap_or_default();
    let year = story.cal.today.year().min(next_year(story) - 1);
    d.at(story.cal.at(story.cal.day(-15), 15, 0));
    let form = [
        ("org_id", commended.to_string()),
        ("year", year.to_string()),
        ("note", "年度高级研修项目组织成效突出".to_owned()),
    ];
    let _: () = d.call(Some("admin"), "commend", &form).await?;
    let handan = orgs
        .get("邯郸市人力资源和社会保障局")
        .copied()
        .unwrap_or_default();
    let from = story.cal.day(-30);
    d.at(story.cal.at(from, 11, 0));
    let form = [
        ("org_id", handan.to_string()),
        ("from_date", date(from)),
        ("until_date", date(story.cal.day(335))),
        (
            "reason",
            "上年度项目挪用培训经费，按规定取消一年申报资格".to_owned(),
        ),
    ];
    d.call(Some("admin"), "disqualify", &form).await
}

/// The call after the last published plan, open now: one proposal
/// submitted, one still a draft.
pub async fn next_call(d: &mut Driver, story: &Story) -> Step<()> {
    let year = next_year(story);
    let end_of_year = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(story.cal.today);
    let deadline = end_of_year.max(story.cal.day(30));
    let call = open_call(d, story, year, story.cal.day(-20), deadline).await?;
    let orgs: Vec<crate::orgs::OrgView> = d.call(Some("admin"), "list_orgs", &[]).await?;
    let id_of = |name: &str| orgs.iter().find(|o| o.name == name).map_or(0, |o| o.id);
    let start = NaiveDate::from_ymd_opt(year, 4, 13).unwrap_or(story.cal.today);
    let health = Programme {
        title: "医学人工智能临床应用高级研修班",
        areas: &[2, 3],
        start,
        end: shift(start, 5),
        ..next(story, "weijian", "hebmu", "河北医科大学")
    };
    propose(
        d,
        story,
        &call,
        &health,
        id_of("河北医科大学"),
        story.cal.day(-5),
        20,
        true,
    )
    .await?;
    let start = NaiveDate::from_ymd_opt(year, 5, 18).unwrap_or(story.cal.today);
    let draft = Programme {
        title: "智慧城市轨道交通运营管理高级研修班",
        areas: &[0, 2],
        start,
        end: shift(start, 4),
        ..next(story, "unit", "institution", "石家庄铁道大学继续教育学院")
    };
    propose(
        d,
        story,
        &call,
        &draft,
        id_of("石家庄铁道大学继续教育学院"),
        story.cal.day(-2),
        40,
        false,
    )
    .await?;
    // An idea noted yesterday: a draft with only its title, which the
    // proposal page says is missing everything else.
    d.at(story.cal.at(story.cal.day(-1), 16, 10));
    let form: Vec<(&str, String)> = crate::proposals::input::FORM_FIELDS
        .iter()
        .map(|f| match *f {
            "title" => (*f, "雄安新区智能建造与绿色建筑高级研修班".to_owned()),
            _ => (*f, String::new()),
        })
        .chain(std::iter::once(("call_id", call.id.to_string())))
        .collect();
    let _: i64 = d.call(Some("unit"), "save_proposal", &form).await?;
    Ok(())
}

/// The year of the call open now: after the last published plan.
fn next_year(story: &Story) -> i32 {
    story
        .years()
        .last()
        .copied()
        .unwrap_or(story.cal.today.year())
        + 1
}

/// The common fields of next year's proposals.
fn next(
    story: &Story,
    unit: &'static str,
    institution: &'static str,
    institution_org: &'static str,
) -> Programme {
    let any = story.get(Stage::Filed);
    Programme {
        stage: Stage::Preparing,
        unit,
        institution,
        institution_org,
        title: "",
        areas: &[],
        start: any.start,
        end: any.end,
        place: "石家庄市",
        trainees: 50,
        hours: 36,
        costs: ["51000", "19500", "7500", "42000", "3000", "5000"],
        funds: ["100000", "28000", "", ""],
    }
}
