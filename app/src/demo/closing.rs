//! The programme that ended five weeks ago, at another institution: the
//! mining groups sent their list, which the institution imported and
//! admitted; the class activated their accounts on the first morning,
//! scanned in to the courses and sent their papers (one did not). The
//! institution has graded half of the papers and decided no result yet:
//! assessment is its work to finish.

use super::calendar::shift;
use super::driver::{Driver, Step, StepFailed};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::assessment::AssessmentView;

/// (name, county code, birth date, sequence, employer, title)
const CLASS: &[(&str, &str, &str, u32, &str, &str)] = &[
    (
        "赵建军",
        "130203",
        "19780512",
        11,
        "开滦（集团）有限责任公司",
        "高级工程师",
    ),
    (
        "孙丽萍",
        "130204",
        "19830921",
        22,
        "唐山市应急管理局",
        "工程师",
    ),
    (
        "钱志刚",
        "130205",
        "19750304",
        31,
        "冀中能源峰峰集团",
        "正高级工程师",
    ),
    (
        "周海燕",
        "130281",
        "19860117",
        42,
        "首钢矿业公司",
        "高级工程师",
    ),
    (
        "吴国栋",
        "130283",
        "19800730",
        53,
        "河钢集团矿业公司",
        "高级工程师",
    ),
    (
        "郑晓东",
        "130225",
        "19820611",
        61,
        "唐山市矿山安全监察站",
        "工程师",
    ),
    (
        "冯雪梅",
        "130229",
        "19790225",
        72,
        "开滦（集团）有限责任公司",
        "高级工程师",
    ),
    (
        "陈永强",
        "130202",
        "19770808",
        81,
        "迁安市应急管理局",
        "高级工程师",
    ),
];

/// How many sent their paper (in list order).
const SENT: usize = 7;
/// How many papers the institution has graded so far.
const GRADED: usize = 4;

fn list(topic: &str) -> String {
    let mut csv =
        format!("{topic}学员名单\n序号,姓名,身份证号码,联系电话,所在单位,所在省份,职称\n");
    for (i, (name, county, birth, sequence, employer, title)) in CLASS.iter().enumerate() {
        let id = super::cohort::id_number(county, birth, *sequence);
        csv.push_str(&format!(
            "{},{name},{id},1360315{:04},{employer},河北省,{title}\n",
            i + 1,
            i + 1
        ));
    }
    csv
}

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let p = story.get(Stage::Closing);
    let g = programme(plans, Stage::Closing)?;
    d.at(story.cal.at(story.apply_until(p), 15, 30));
    let done: crate::enrollment::Imported = d
        .upload(
            p.institution,
            "import_trainees",
            g.id,
            "各矿业集团推荐学员.csv",
            list(&g.topic).as_bytes(),
        )
        .await?;
    if done.imported != CLASS.len() {
        return Err(StepFailed(format!("imported {} of 8", done.imported)));
    }
    let names: Vec<&str> = CLASS.iter().map(|c| c.0).collect();
    let day = shift(story.apply_until(p), 1);
    super::enrollment::decide(d, story, p, g, &names, true, day).await?;
    let class = super::cohort::activate_listed(d, story, p, g.id, &names).await?;
    if class.len() != CLASS.len() {
        return Err(StepFailed(format!("{} of 8 activated", class.len())));
    }
    super::attendance::load(d, story, p, g.id, &class).await?;

    super::papers::set(
        d,
        story,
        p,
        g.id,
        "智能监测预警技术在本单位矿山安全中的应用",
    )
    .await?;
    let due = shift(p.end, super::papers::DUE_AFTER_DAYS);
    for (i, who) in class.iter().take(SENT).enumerate() {
        d.at(story
            .cal
            .at(shift(due, -(i as i64 % 4) - 1), 20, i as u32 * 6));
        let pdf = super::papers::pdf("Mine safety monitoring", "Submitted");
        d.submit_paper(who, g.id, &format!("研修论文-{}.pdf", names[i]), &pdf)
            .await?;
    }

    d.at(story.cal.at(shift(due, 2), 16, 0));
    let v: AssessmentView = d
        .call(
            Some(p.institution),
            "assessment_overview",
            &[("programme_id", g.id.to_string())],
        )
        .await?;
    let mut form = vec![("programme_id".to_owned(), g.id.to_string())];
    let graded = v.rows.iter().filter(|r| r.paper.is_some()).take(GRADED);
    for (i, r) in graded.enumerate() {
        let e = r.enrollment_id;
        let grade = if i == 1 { "excellent" } else { "good" };
        for (field, value) in [
            ("grade", grade),
            ("assessor", "李卫东教授"),
            ("comment", "紧密结合矿山监测实际，方案可行。"),
        ] {
            form.push((format!("rows[{e}][{field}]"), value.to_owned()));
        }
        form.push((format!("rows[{e}][version]"), r.version.to_string()));
    }
    let pairs: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let _: usize = d
        .call(Some(p.institution), "save_assessments", &pairs)
        .await?;
    Ok(())
}
