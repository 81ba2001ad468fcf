//! Trainees: the programme that has run admitted its applicants (the demo
//! trainee among them) and the counties' list (`cohort`); the one enrolling now has applications on phones
//! (the demo trainee's signed in, the others signed out), an imported
//! list, an admission and a refusal.

use chrono::NaiveDate;

use super::calendar::shift;
use super::driver::{Driver, Step, StepFailed};
use super::planning::{programme, Plans};
use super::story::{Programme, Stage, Story};
use crate::enrollment::{EnrollmentStatus, TraineesView};
use crate::plan::ProgrammeView;

/// (name, gender, identity number, mobile, employer, province, level)
type Applicant = [&'static str; 7];

pub(super) const DEMO_TRAINEE: Applicant = [
    "李晓燕",
    "female",
    "130102198503120025",
    "13800138001",
    "石家庄市轨道交通集团",
    "河北省",
    "associate_senior",
];

const FINISHED: &[Applicant] = &[
    [
        "王海涛",
        "male",
        "120101198704100110",
        "13612340001",
        "天津市第一中心医院",
        "天津市",
        "associate_senior",
    ],
    [
        "刘静",
        "female",
        "130402197911230129",
        "13612340002",
        "邯郸市中心医院",
        "河北省",
        "full_senior",
    ],
    [
        "赵永刚",
        "male",
        "131002198805140131",
        "13612340003",
        "廊坊市卫生健康委员会",
        "河北省",
        "manager",
    ],
    [
        "孙晓梅",
        "female",
        "130502198307220143",
        "13612340004",
        "邢台市人民医院",
        "河北省",
        "mid",
    ],
    [
        "张建军",
        "male",
        "370102198108300151",
        "13612340005",
        "山东省立医院",
        "山东省",
        "full_senior",
    ],
];

const ENROLLING: &[Applicant] = &[
    [
        "张伟",
        "male",
        "110105198001010032",
        "13800138002",
        "北京地铁运营公司",
        "北京市",
        "full_senior",
    ],
    [
        "赵磊",
        "male",
        "130102199002020012",
        "13800138003",
        "唐山市交通运输局",
        "河北省",
        "junior",
    ],
];

const RUNNING: &[Applicant] = &[
    [
        "陈思远",
        "female",
        "130102198603150045",
        "13900139001",
        "中国铁路北京局集团石家庄工务段",
        "河北省",
        "associate_senior",
    ],
    [
        "高建华",
        "male",
        "130602197907020031",
        "13900139002",
        "保定市交通运输局",
        "河北省",
        "full_senior",
    ],
];

/// The running programme's list from the units that sent people.
const RUNNING_IMPORT: &str = "铁路桥隧智能检测与养护高级研修班学员名单\n\
序号,姓名,身份证号码,联系电话,所在单位,所在省份,职称,职务\n\
1,马丽娜,130203198809110067,13900139003,唐山市轨道交通集团,河北省,工程师,\n\
2,杨志强,131102198404050077,13900139004,衡水市公路养护中心,河北省,高级工程师,\n";

/// A list kept by the institution, as it would import it.
const IMPORTED: &str = "京津冀轨道交通智能运维高级研修班报名汇总\n\
序号,姓名,身份证号码,联系电话,所在单位,所在省份,职称,职务\n\
1,周立新,130104197503150070,13700200001,河北建投交通投资公司,河北省,高级工程师,\n\
2,吴倩,130982199201010082,13700200002,沧州市轨道交通办公室,河北省,工程师,\n\
3,郑国庆,131102198306110099,13700200003,天津轨道交通集团,天津市,,副总经理\n";

fn form(programme: i64, a: &Applicant) -> Vec<(&'static str, String)> {
    let mut f = vec![("programme_id", programme.to_string())];
    for (name, value) in [
        "name",
        "gender",
        "id_number",
        "mobile",
        "employer",
        "province",
        "title_level",
    ]
    .iter()
    .zip(a)
    {
        f.push((name, (*value).to_owned()));
    }
    f
}

async fn apply(
    d: &mut Driver,
    story: &Story,
    g: &ProgrammeView,
    a: &Applicant,
    who: Option<&str>,
    day: NaiveDate,
    minute: u32,
) -> Step<()> {
    d.at(story.cal.at(day, 20, minute));
    d.call(who, "apply", &form(g.id, a)).await
}

pub(super) async fn decide(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    g: &ProgrammeView,
    names: &[&str],
    admit: bool,
    day: NaiveDate,
) -> Step<()> {
    let list: TraineesView = d
        .call(
            Some(p.institution),
            "list_trainees",
            &[("programme_id", g.id.to_string())],
        )
        .await?;
    for (i, name) in names.iter().enumerate() {
        let row = list
            .rows
            .iter()
            .find(|r| r.name == *name && r.status == EnrollmentStatus::Applied)
            .ok_or_else(|| StepFailed(format!("{name} has not applied to {}", g.topic)))?;
        let minute = i as u32 * 2;
        d.at(story.cal.at(day, 9 + minute / 60, minute % 60));
        let form = [
            ("id", row.id.to_string()),
            ("version", row.version.to_string()),
            ("admit", admit.to_string()),
        ];
        let _: () = d
            .call(Some(p.institution), "decide_enrollment", &form)
            .await?;
    }
    Ok(())
}

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    // The programme that has run: applications after acknowledgement,
    // admission the day applications closed.
    let p = story.get(Stage::Finished);
    let g = programme(plans, Stage::Finished)?;
    let opened = shift(story.filing_day(p), 2);
    apply(d, story, g, &DEMO_TRAINEE, Some("trainee"), opened, 5).await?;
    for (i, a) in FINISHED.iter().enumerate() {
        apply(d, story, g, a, None, shift(opened, i as i64 + 1), 10).await?;
    }
    // The counties' list, imported the day after applications closed.
    d.at(story.cal.at(story.apply_until(p), 16, 0));
    let list = super::cohort::list(&g.topic);
    let done: crate::enrollment::Imported = d
        .upload(
            p.institution,
            "import_trainees",
            g.id,
            "各县推荐学员名单.csv",
            list.as_bytes(),
        )
        .await?;
    let listed = super::cohort::names().count();
    if done.imported != listed {
        return Err(StepFailed(format!(
            "imported {} of {listed}",
            done.imported
        )));
    }
    let mut everyone = vec![DEMO_TRAINEE[0]];
    everyone.extend(FINISHED.iter().map(|a| a[0]));
    everyone.extend(super::cohort::names());
    decide(
        d,
        story,
        p,
        g,
        &everyone,
        true,
        shift(story.apply_until(p), 1),
    )
    .await?;

    // Under way: the demo trainee and the others admitted; two of them
    // came on the institution's imported list and activate with a code.
    let p = story.get(Stage::Running);
    let g = programme(plans, Stage::Running)?;
    let opened = shift(story.filing_day(p), 2);
    apply(d, story, g, &DEMO_TRAINEE, Some("trainee"), opened, 25).await?;
    for (i, a) in RUNNING.iter().enumerate() {
        apply(d, story, g, a, None, shift(opened, i as i64 + 1), 40).await?;
    }
    d.at(story.cal.at(shift(opened, 4), 10, 0));
    let done: crate::enrollment::Imported = d
        .upload(
            p.institution,
            "import_trainees",
            g.id,
            "学员名单.csv",
            RUNNING_IMPORT.as_bytes(),
        )
        .await?;
    if done.imported != 2 {
        return Err(StepFailed(format!("imported {} of 2", done.imported)));
    }
    let everyone = ["李晓燕", "陈思远", "高建华", "马丽娜", "杨志强"];
    decide(
        d,
        story,
        p,
        g,
        &everyone,
        true,
        shift(story.apply_until(p), 1),
    )
    .await?;

    // Enrolling now.
    let p = story.get(Stage::Enrolling);
    let g = programme(plans, Stage::Enrolling)?;
    let opened = shift(story.filing_day(p), 2);
    apply(d, story, g, &DEMO_TRAINEE, Some("trainee"), opened, 15).await?;
    for (i, a) in ENROLLING.iter().enumerate() {
        apply(d, story, g, a, None, shift(opened, i as i64 + 2), 30).await?;
    }
    d.at(story.cal.at(shift(opened, 5), 10, 0));
    let done: crate::enrollment::Imported = d
        .upload(
            p.institution,
            "import_trainees",
            g.id,
            "报名汇总.csv",
            IMPORTED.as_bytes(),
        )
        .await?;
    if done.imported != 3 {
        return Err(StepFailed(format!("imported {} of 3", done.imported)));
    }
    let day = shift(opened, 6);
    decide(d, story, p, g, &[DEMO_TRAINEE[0]], true, day).await?;
    decide(d, story, p, g, &["赵磊"], false, shift(day, 1)).await?;
    Ok(())
}

/// The applicants of the programme that has run: they never activated
/// their accounts, so they signed the paper attendance sheet.
pub fn finished_applicants() -> impl Iterator<Item = &'static str> {
    FINISHED.iter().map(|a| a[0])
}
