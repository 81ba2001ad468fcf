//! Assessment of a programme that has run: ten days after its last
//! day (three after the paper deadline) the institution graded the
//! papers and decided every result from the list, by the same rules as
//! anyone, and published the results the next morning.

use super::calendar::shift;
use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::assessment::{AssessmentView, Row};
use crate::domain::assessment::{Grade, Outcome};

const ASSESSORS: [&str; 2] = ["王建国教授", "刘敏副教授"];

fn comment(g: Grade) -> &'static str {
    match g {
        Grade::Excellent => "选题紧扣县域慢病管理实际，数据翔实，对策可操作。",
        Grade::Good => "结合本单位实践，条理清楚；对策部分可再具体。",
        Grade::Pass => "内容基本完整，分析深度有待加强。",
        Grade::Fail => "与研修主题关联不足，未形成有效分析。",
    }
}

/// The grade of the `n`th paper: mostly good, some excellent, one fail.
fn grade(n: usize) -> Grade {
    match n {
        17 => Grade::Fail,
        _ if n.is_multiple_of(5) => Grade::Excellent,
        _ if n % 5 == 3 => Grade::Pass,
        _ => Grade::Good,
    }
}

/// The institution's decision for one row, from its facts.
fn decide(v: &AssessmentView, r: &Row, papers: &mut usize) -> [String; 5] {
    let met = v.min.met(r.attended, v.total_hours);
    let left = r.attended * 2 < v.total_hours;
    let g = r.paper.map(|_| {
        *papers += 1;
        grade(*papers - 1)
    });
    let (outcome, reason) = match g {
        _ if left => (Outcome::Incomplete, "因工作原因中途离开，未完成研修"),
        None => (Outcome::Incomplete, "未提交研修论文"),
        Some(Grade::Fail) => (Outcome::Failed, ""),
        Some(_) if !met => (Outcome::Failed, "出勤学时不足结业要求"),
        Some(_) => (Outcome::Passed, ""),
    };
    [
        g.map_or("", |g| g.as_str()).to_owned(),
        g.map_or("", |_| ASSESSORS[*papers % 2]).to_owned(),
        g.map_or("", comment).to_owned(),
        outcome.as_str().to_owned(),
        reason.to_owned(),
    ]
}

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans, stage: Stage) -> Step<()> {
    let p = story.get(stage);
    let id = programme(plans, stage)?.id;
    d.at(story.cal.at(shift(p.end, 10), 15, 20));
    let v: AssessmentView = d
        .call(
            Some(p.institution),
            "assessment_overview",
            &[("programme_id", id.to_string())],
        )
        .await?;
    let mut form = vec![("programme_id".to_owned(), id.to_string())];
    let mut papers = 0;
    for r in &v.rows {
        let values = decide(&v, r, &mut papers);
        let e = r.enrollment_id;
        for (field, value) in ["grade", "assessor", "comment", "outcome", "reason"]
            .into_iter()
            .zip(values)
        {
            form.push((format!("rows[{e}][{field}]"), value));
        }
        form.push((format!("rows[{e}][version]"), r.version.to_string()));
    }
    let pairs: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let _: usize = d
        .call(Some(p.institution), "save_assessments", &pairs)
        .await?;
    d.at(story.cal.at(shift(p.end, 11), 9, 30));
    d.call(
        Some(p.institution),
        "publish_results",
        &[("programme_id", id.to_string())],
    )
    .await
}
