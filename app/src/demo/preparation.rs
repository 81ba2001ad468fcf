//! Each published programme prepared as far as its stage: the host
//! institution's lecturers, schedule and vettings (R4-R6), the unit's
//! filing (R3) with an attachment, the admin's acknowledgement or return;
//! and the change requests of R13 (approved, refused, pending).

use chrono::NaiveDate;

use super::calendar::shift;
use super::driver::{Driver, Step, StepFailed};
use super::planning::{programme, Plans};
use super::story::{Programme, Stage, Story};
use crate::domain::{LecturerTitle, TeachingForm};
use crate::plan::ProgrammeView;
use crate::prep::{LecturerView, PrepView};

/// (name, title level, affiliation, field, phone)
const LECTURERS: &[(&str, LecturerTitle, &str, &str, &str)] = &[
    (
        "陈立华",
        LecturerTitle::FullSenior,
        "北京交通大学",
        "轨道交通运维",
        "13931100001",
    ),
    (
        "刘雅琴",
        LecturerTitle::AssociateSenior,
        "石家庄铁道大学",
        "智能检测",
        "13931100002",
    ),
    (
        "王振东",
        LecturerTitle::Academician,
        "中国铁道科学研究院",
        "铁路工程",
        "13931100003",
    ),
];

/// (day, start, end, title, form, hours, lecturer index): 40 hours.
const COURSES: &[(u64, &str, &str, &str, TeachingForm, u32, usize)] = &[
    (
        0,
        "08:30",
        "11:30",
        "发展战略与政策解读",
        TeachingForm::Keynote,
        4,
        2,
    ),
    (
        0,
        "14:00",
        "17:30",
        "前沿技术专题报告",
        TeachingForm::Keynote,
        4,
        0,
    ),
    (
        1,
        "08:30",
        "11:30",
        "关键技术专题研讨",
        TeachingForm::Seminar,
        4,
        1,
    ),
    (
        1,
        "14:00",
        "17:30",
        "实践经验交流",
        TeachingForm::AcademicExchange,
        4,
        0,
    ),
    (
        2,
        "08:30",
        "17:30",
        "示范单位现场教学",
        TeachingForm::OnSite,
        8,
        1,
    ),
    (
        3,
        "08:30",
        "17:30",
        "重点项目参观考察",
        TeachingForm::FieldVisit,
        8,
        2,
    ),
    (
        4,
        "08:30",
        "11:30",
        "研修成果交流",
        TeachingForm::Seminar,
        4,
        0,
    ),
    (4, "14:00", "17:30", "结业研讨", TeachingForm::Seminar, 4, 1),
];

/// A minimal PDF, as a scanned plan's first bytes would be checked.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn date(d: NaiveDate) -> String {
    d.to_string()
}

/// The institution's registry, created on the first programme it hosts.
async fn lecturers(d: &mut Driver, story: &Story, p: &Programme, day: NaiveDate) -> Step<Vec<i64>> {
    let have: Vec<LecturerView> = d.call(Some(p.institution), "list_lecturers", &[]).await?;
    if have.len() >= LECTURERS.len() {
        return Ok(have.iter().map(|l| l.id).collect());
    }
    let mut ids = Vec::new();
    for (i, (name, title, affiliation, field, phone)) in LECTURERS.iter().enumerate() {
        d.at(story.cal.at(day, 9, i as u32 * 2));
        let form = [
            ("name", (*name).to_owned()),
            ("title_level", title.as_str().to_owned()),
            ("affiliation", (*affiliation).to_owned()),
            ("field", (*field).to_owned()),
            ("bio", String::new()),
            ("phone", (*phone).to_owned()),
        ];
        ids.push(
            d.call(Some(p.institution), "create_lecturer", &form)
                .await?,
        );
    }
    Ok(ids)
}

/// The schedule's first `days` days.
async fn schedule(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    g: &ProgrammeView,
    lecturers: &[i64],
    day: NaiveDate,
    days: u64,
) -> Step<()> {
    let first = crate::domain::parse_date(&g.start_date)
        .map_err(|_| StepFailed(format!("a bad start date {}", g.start_date)))?;
    // The running programme has a course under way whenever the demo is
    // loaded; the day's planned courses it would overlap make way for it.
    let now_course = (p.stage == Stage::Running).then(|| now_slot(story));
    let today = (story.cal.today - first).num_days();
    // An hour apart at least, so no second check-in opens while the demo
    // is fresh.
    let clashes = |offset: u64, start: &str, end: &str| {
        now_course.as_ref().is_some_and(|(s, e)| {
            let (s, e) = (minutes(s) - 60, minutes(e) + 60);
            offset as i64 == today && minutes(start) < e && minutes(end) > s
        })
    };
    for (i, (offset, start, end, title, form, hours, who)) in COURSES
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 < days && !clashes(c.0, c.1, c.2))
    {
        d.at(story.cal.at(day, 10, i as u32 * 3));
        let taught_by = format!("lecturers[{}]", lecturers[*who]);
        let fields = [
            ("programme_id", g.id.to_string()),
            ("day", date(first + chrono::Days::new(*offset))),
            ("start_time", (*start).to_owned()),
            ("end_time", (*end).to_owned()),
            ("title", (*title).to_owned()),
            ("form", form.as_str().to_owned()),
            ("class_hours", hours.to_string()),
            (
                "place",
                if *offset >= 2 {
                    "现场教学基地"
                } else {
                    "会议中心"
                }
                .to_owned(),
            ),
            (taught_by.as_str(), "on".to_owned()),
        ];
        let _: i64 = d.call(Some(p.institution), "add_course", &fields).await?;
    }
    if let Some((start, end)) = now_course {
        d.at(story.cal.at(day, 11, 0));
        let taught_by = format!("lecturers[{}]", lecturers[1]);
        let fields = [
            ("programme_id", g.id.to_string()),
            ("day", date(story.cal.today)),
            ("start_time", start),
            ("end_time", end),
            ("title", "桥隧病害智能识别专题研讨".to_owned()),
            ("form", TeachingForm::Seminar.as_str().to_owned()),
            ("class_hours", "1".to_owned()),
            ("place", "会议中心".to_owned()),
            (taught_by.as_str(), "on".to_owned()),
        ];
        let _: i64 = d.call(Some(p.institution), "add_course", &fields).await?;
    }
    Ok(())
}

fn minutes(hhmm: &str) -> i64 {
    let n =
        |r: std::ops::Range<usize>| hhmm.get(r).and_then(|x| x.parse::<i64>().ok()).unwrap_or(0);
    n(0..2) * 60 + n(3..5)
}

/// An hour around the time of loading, in Shanghai, within the day:
/// begun 20 minutes ago, so its check-in is open.
fn now_slot(story: &Story) -> (String, String) {
    let (_, clock) = crate::domain::shanghai_date_time(story.cal.now);
    let start = (minutes(&clock).max(20) - 20).min(23 * 60) / 5 * 5;
    let end = (start + 60).min(23 * 60 + 59);
    let hhmm = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
    (hhmm(start), hhmm(end))
}

/// R6: the institution's vetting of each lecturer for the programme.
async fn vet(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    g: &ProgrammeView,
    lecturers: &[i64],
    day: NaiveDate,
    reject: Option<usize>,
) -> Step<()> {
    for (i, l) in lecturers.iter().enumerate() {
        d.at(story.cal.at(day, 15, i as u32 * 5));
        let approve = reject != Some(i);
        let note = if approve {
            "长期从事本领域研究，具有丰富实践经验"
        } else {
            "研究方向与本期主题关联不足，建议另请专家"
        };
        let form = [
            ("programme_id", g.id.to_string()),
            ("lecturer_id", l.to_string()),
            ("expertise_reviewer", "教务处 张敏".to_owned()),
            ("expertise_date", date(day)),
            ("expertise_note", note.to_owned()),
            ("compliance_reviewer", "党委宣传部 李强".to_owned()),
            ("compliance_date", date(day)),
            ("compliance_note", "政治立场坚定，无违法违纪记录".to_owned()),
            ("approve", approve.to_string()),
        ];
        let _: () = d.call(Some(p.institution), "vet_lecturer", &form).await?;
    }
    Ok(())
}

/// The unit files the implementation plan and the enrollment notice.
async fn file(d: &mut Driver, story: &Story, p: &Programme, g: &ProgrammeView) -> Step<i64> {
    let day = story.filing_day(p);
    d.at(story.cal.at(day, 16, 0));
    let quota = p.trainees;
    let form = [
        ("programme_id", g.id.to_string()),
        (
            "objectives",
            "提升本领域高层次专业技术人才的创新能力和实践水平。".to_owned(),
        ),
        (
            "content",
            "发展战略、前沿技术、现场教学与研讨交流。".to_owned(),
        ),
        (
            "organisation",
            "承办机构成立班委会，专人负责教学与后勤。".to_owned(),
        ),
        (
            "budget_text",
            "按住宿、伙食、场地、讲课、资料、交通六类列支。".to_owned(),
        ),
        (
            "eligibility",
            "从事相关工作、具有中级及以上职称或担任管理岗位的专业技术人员。".to_owned(),
        ),
        ("quota", quota.to_string()),
        ("quota_in_province", (quota * 3 / 4).to_string()),
        ("quota_out_province", (quota / 4).to_string()),
        (
            "how_to_apply",
            "登录本系统，在招收学员通知页面在线报名。".to_owned(),
        ),
        ("apply_until", date(story.apply_until(p))),
    ];
    d.call(Some(p.unit), "file_programme", &form).await
}

async fn latest_filing(d: &mut Driver, g: &ProgrammeView) -> Step<i64> {
    let prep: PrepView = d
        .call(Some("admin"), "programme_prep", &[("id", g.id.to_string())])
        .await?;
    prep.latest_filing()
        .map(|f| f.id)
        .ok_or_else(|| StepFailed(format!("{} has no filing", g.topic)))
}

async fn review(
    d: &mut Driver,
    story: &Story,
    g: &ProgrammeView,
    day: NaiveDate,
    reason: &str,
) -> Step<()> {
    let filing = latest_filing(d, g).await?;
    d.at(story.cal.at(day, 9, 30));
    let form = [
        ("id", filing.to_string()),
        ("acknowledge", reason.is_empty().to_string()),
        ("reason", reason.to_owned()),
    ];
    d.call(Some("admin"), "review_filing", &form).await
}

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let mut order: Vec<&Programme> = story
        .programmes
        .iter()
        .filter(|p| p.stage != Stage::Rejected)
        .collect();
    order.sort_by_key(|p| story.preparation_day(p));
    for p in order {
        let g = programme(plans, p.stage)?;
        let day = story.preparation_day(p);
        let lecturers = lecturers(d, story, p, day).await?;
        let full = p.stage != Stage::Preparing;
        schedule(d, story, p, g, &lecturers, day, if full { 5 } else { 2 }).await?;
        let reject = (p.stage == Stage::Preparing).then_some(2);
        vet(d, story, p, g, &lecturers, shift(day, 1), reject).await?;
        if !full {
            continue;
        }
        if p.stage == Stage::Enrolling {
            d.at(story.cal.at(shift(story.filing_day(p), -1), 11, 0));
            let _: i64 = d
                .upload(
                    p.unit,
                    "upload_attachment",
                    g.id,
                    "实施方案（盖章扫描件）.pdf",
                    PDF,
                )
                .await?;
        }
        file(d, story, p, g).await?;
        let next = shift(story.filing_day(p), 1);
        match p.stage {
            Stage::Finished
            | Stage::Registering
            | Stage::Closing
            | Stage::Enrolling
            | Stage::Running => review(d, story, g, next, "").await?,
            Stage::Returned => {
                let reason = "现场教学安排缺少安全保障措施，请补充后重新报送。";
                review(d, story, g, shift(next, 1), reason).await?
            }
            _ => {}
        }
    }
    changes(d, story, plans).await
}

/// R13: a place change approved (the public plan shows it), one refused,
/// one awaiting the admin.
async fn changes(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let requests = [
        (
            Stage::Preparing,
            "nongye",
            "石家庄市",
            "承办场地调整至省农林科学院，便于现场教学",
            -40,
            Some(true),
        ),
        (
            Stage::Enrolling,
            "unit",
            "雄安新区",
            "拟结合雄安站建设开展现场教学",
            -30,
            Some(false),
        ),
        (
            Stage::Filed,
            "weijian",
            "承德市",
            "主会场装修改造，需调整举办地点",
            -2,
            None,
        ),
    ];
    for (stage, unit, place, reason, day, decision) in requests {
        let g = programme(plans, stage)?;
        let day = story.cal.day(day).max(shift(story.published(g.year), 5));
        d.at(story.cal.at(day, 11, 20));
        let form = [
            ("programme_id", g.id.to_string()),
            ("start_date", g.start_date.clone()),
            ("end_date", g.end_date.clone()),
            ("place", place.to_owned()),
            ("reason", reason.to_owned()),
        ];
        let change: i64 = d.call(Some(unit), "request_change", &form).await?;
        if let Some(approve) = decision {
            d.at(story.cal.at(shift(day, 1), 10, 10));
            let reason = if approve {
                String::new()
            } else {
                "报名通知已发布，变更地点将影响已报名学员，请维持原方案".to_owned()
            };
            let form = [
                ("id", change.to_string()),
                ("approve", approve.to_string()),
                ("reason", reason),
            ];
            let _: () = d.call(Some("admin"), "decide_change", &form).await?;
        }
    }
    Ok(())
}
