//! The spot check's follow-up: yesterday afternoon the inspector checked
//! the programmes drawn that morning and the finished programme (as part
//! of the draw when it was drawn). Nothing was found at the others; at the
//! finished programme the lecture fee paid over its cap, which the unit
//! must rectify within two weeks. The province ordered the excess
//! recovered an hour later; none of it has come back yet.

use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::spending::OVER_CAP;
use super::story::{Stage, Story};
use crate::spot_checks::SpotChecksView;

const CHECKED: &str = "讲课费发放记录与课程表、讲师职称核对；住宿费、伙食费票据与签到表核对；\
资金到位凭证与决算表核对。";

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let finished = programme(plans, Stage::Finished)?.id;
    let v: SpotChecksView = d.call(Some("inspector"), "spot_checks", &[]).await?;
    let draw = v.draws.first();
    let drawn = |g: i64| {
        draw.filter(|x| x.sample.iter().any(|s| s.id == g))
            .map(|x| x.id.to_string())
            .unwrap_or_default()
    };
    let yesterday = story.cal.day(-1);
    let mut minute = 0;
    for s in draw
        .iter()
        .flat_map(|x| &x.sample)
        .filter(|s| s.id != finished)
    {
        d.at(story.cal.at(yesterday, 14, minute));
        minute += 20;
        let form = [
            ("programme_id", s.id.to_string()),
            ("spot_check_id", drawn(s.id)),
            ("checked", CHECKED.to_owned()),
            ("findings", String::new()),
            ("rectify_by", String::new()),
        ];
        d.call::<i64>(Some("inspector"), "record_inspection", &form)
            .await?;
    }
    d.at(story.cal.at(yesterday, 15, 30));
    let form = [
        ("programme_id", finished.to_string()),
        ("spot_check_id", drawn(finished)),
        ("checked", CHECKED.to_owned()),
        (
            "findings",
            format!(
                "第二讲讲课费含专家往返交通补贴，超出讲课费标准 {OVER_CAP} 元，\
                 交通补贴未按规定单列，超出开支标准（第十八条）。"
            ),
        ),
        ("rectify_by", story.cal.day(13).to_string()),
    ];
    let found: i64 = d
        .call(Some("inspector"), "record_inspection", &form)
        .await?;

    d.at(story.cal.at(yesterday, 16, 40));
    let form = [
        ("inspection_id", found.to_string()),
        ("kind", "recovery".to_owned()),
        ("amount", OVER_CAP.to_string()),
        ("from_date", String::new()),
        ("until_date", String::new()),
        (
            "reason",
            "超标准列支讲课费，依据第二十一条追回超标部分，由申报单位退回省级财政。".to_owned(),
        ),
    ];
    d.call::<i64>(Some("admin"), "sanction", &form).await?;
    Ok(())
}
