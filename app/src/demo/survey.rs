//! Satisfaction surveys: the programme that has run added an item of its
//! own, opened its survey on the last afternoon and closed it three days
//! later, with 30 of its class answering; the programme under way opened
//! its survey on the first evening, and nobody has answered yet.

use super::calendar::shift;
use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::domain::survey::ItemKind;
use crate::survey::MySurveyView;

/// How many of the class answered.
const ANSWERS: usize = 30;

const COMMENTS: &[&str] = &[
    "希望增加县域医共体信息化建设的案例分析。",
    "现场教学安排得很好，建议时间再长一些。",
    "住宿离上课地点较远，早上通勤时间偏紧。",
    "专家讲授的慢病分级诊疗路径对我们很有启发。",
    "建议会后建立学员交流群，便于持续交流。",
    "课程安排紧凑，个别专题讨论时间不够。",
];

/// One trainee's scores, mostly satisfied, some neutral, the odd
/// complaint about logistics: deterministic, so the demo is the same on
/// every load.
fn answer(i: usize, n: usize, item: &crate::domain::survey::Item) -> String {
    match item.kind {
        ItemKind::Score => {
            // How well each item fares: logistics worst, the topic best.
            let lean: i64 = match item.key.as_str() {
                "s6" => -3,
                "s5" | "s3" => -1,
                "s2" | "s7" => 2,
                k if k.starts_with('l') => (n as i64 % 3) - 1,
                _ => 0,
            };
            let roll = ((i * 7 + n * 3) % 10) as i64 - lean;
            let score = match roll {
                ..=3 => 5,
                4..=7 => 4,
                8 => 3,
                _ if item.key == "s6" => 2,
                _ => 3,
            };
            score.to_string()
        }
        ItemKind::Choice => ((i * 5 + n) % item.options.len().max(1)).to_string(),
        ItemKind::Text if i % 4 == 1 => COMMENTS[(i / 4) % COMMENTS.len()].to_owned(),
        ItemKind::Text => String::new(),
    }
}

async fn open(d: &mut Driver, institution: &str, id: i64, open: bool) -> Step<()> {
    let form = [("programme_id", id.to_string()), ("open", open.to_string())];
    d.call(Some(institution), "set_survey_state", &form).await
}

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans, class: &[String]) -> Step<()> {
    let p = story.get(Stage::Finished);
    let g = programme(plans, Stage::Finished)?;
    d.at(story.cal.at(p.end, 14, 30));
    let item = [
        ("programme_id", g.id.to_string()),
        ("zh", "远程会诊与双向转诊案例的实用性".to_owned()),
        (
            "en",
            "Usefulness of the telemedicine and referral cases".to_owned(),
        ),
    ];
    let _: () = d
        .call(Some(p.institution), "add_survey_item", &item)
        .await?;
    d.at(story.cal.at(p.end, 15, 0));
    open(d, p.institution, g.id, true).await?;
    for (i, who) in class.iter().take(ANSWERS).enumerate() {
        // Most in the last hour of class, the rest that evening and the
        // next days.
        let (day, minute) = match i {
            0..=19 => (p.end, 15 * 60 + 5 + i as u32 * 2),
            20..=25 => (p.end, 20 * 60 + i as u32 * 5),
            _ => (shift(p.end, (i as i64 - 24) / 2), 9 * 60 + i as u32),
        };
        d.at(story.cal.at(day, minute / 60, minute % 60));
        let mine: MySurveyView = d
            .call(
                Some(who),
                "my_survey",
                &[("programme_id", g.id.to_string())],
            )
            .await?;
        let mut form = vec![("programme_id".to_owned(), g.id.to_string())];
        for (n, item) in mine.items.iter().enumerate() {
            form.push((crate::domain::survey::field(&item.key), answer(i, n, item)));
        }
        let pairs: Vec<(&str, String)> =
            form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let _: () = d.call(Some(who), "submit_survey", &pairs).await?;
    }
    d.at(story.cal.at(shift(p.end, 3), 17, 0));
    open(d, p.institution, g.id, false).await?;

    let p = story.get(Stage::Running);
    let g = programme(plans, Stage::Running)?;
    d.at(story.cal.at(p.start, 17, 30));
    open(d, p.institution, g.id, true).await
}
