//! The finished programme's closing: its unit sent the materials three
//! days ago, weeks after they were due (flagged late); the province
//! returned them the next day because the stamped account lacked the
//! finance officer's signature, and the unit sent them again yesterday
//! with a signed scan. They await the province's review.

use super::driver::{Driver, Step};
use super::papers::pdf;
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::closing::ClosingView;

const SUMMARY: &str = "一、组织实施：研修班按备案的实施方案举办，共 5 天，\
学员全部为县级医院和卫生院的业务骨干。\n\
二、主要内容：县域医共体建设政策、慢病全程管理、家庭医生签约服务和现场教学。\n\
三、考核与成效：学员按要求提交研修论文，满意度测评结果良好。\n\
四、经费：支出按六类登记，到位资金与支出一致；一笔讲课费因含专家往返交通补贴超过标准，已在决算中说明。\n\
五、改进：下一期将增加基层案例研讨的课时。";

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let p = story.get(Stage::Finished);
    let id = programme(plans, Stage::Finished)?.id;
    let g = [("programme_id", id.to_string())];
    let day = |n| story.cal.day(n);
    d.at(story.cal.at(day(-3), 9, 40));
    d.upload::<i64>(
        p.unit,
        "upload_closing_scan",
        id,
        "经费决算表（盖章）.pdf",
        &pdf("Final expense account", "Stamped scan"),
    )
    .await?;
    d.upload::<i64>(
        p.unit,
        "upload_closing_file",
        id,
        "学员名单及考勤汇总.pdf",
        &pdf("Trainees and attendance", "Signed by the host institution"),
    )
    .await?;
    d.at(story.cal.at(day(-3), 10, 5));
    let sent = [g[0].clone(), ("summary", SUMMARY.to_owned())];
    d.call::<i64>(Some(p.unit), "submit_closing", &sent).await?;

    d.at(story.cal.at(day(-2), 14, 20));
    let v: ClosingView = d.call(Some("admin"), "closing", &g).await?;
    let first = v.latest().map(|x| x.id).unwrap_or_default();
    let review = [
        ("id", first.to_string()),
        ("accept", "false".to_owned()),
        (
            "reason",
            "经费决算表缺少财务负责人签字，请补签后重新上传盖章扫描件。".to_owned(),
        ),
    ];
    d.call::<()>(Some("admin"), "review_closing", &review)
        .await?;

    d.at(story.cal.at(day(-1), 16, 10));
    d.upload::<i64>(
        p.unit,
        "upload_closing_scan",
        id,
        "经费决算表（盖章，财务负责人已签字）.pdf",
        &pdf("Final expense account", "Stamped and signed scan"),
    )
    .await?;
    d.call::<i64>(Some(p.unit), "submit_closing", &sent).await?;
    Ok(())
}
