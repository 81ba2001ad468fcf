//! From the published results to certificates, for the programme that has
//! run: the unit submitted the completion register, the admin returned it
//! once (a note was missing), approved the second version and issued the
//! certificates; weeks later one was revoked after a check of its
//! attendance. The demo trainee's stands.

use super::calendar::shift;
use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::certificates::CompletionView;

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let p = story.get(Stage::Finished);
    let id = programme(plans, Stage::Finished)?.id;
    let g = ("programme_id", id.to_string());
    d.at(story.cal.at(shift(p.end, 13), 10, 5));
    let _: i64 = d
        .call(Some(p.unit), "submit_register", std::slice::from_ref(&g))
        .await?;
    let v: CompletionView = d
        .call(
            Some("admin"),
            "completion_overview",
            std::slice::from_ref(&g),
        )
        .await?;
    let first = v.latest().map(|r| r.id).unwrap_or_default();
    d.at(story.cal.at(shift(p.end, 14), 16, 40));
    d.call::<()>(
        Some("admin"),
        "review_register",
        &[
            ("id", first.to_string()),
            ("approve", "false".into()),
            (
                "reason",
                "请在备注中写明未结业学员的处理情况（是否安排补修）后重新报送。".into(),
            ),
        ],
    )
    .await?;
    d.at(story.cal.at(shift(p.end, 15), 9, 20));
    let _: i64 = d
        .call(
            Some(p.unit),
            "submit_register",
            &[
                g.clone(),
                (
                    "note",
                    "未结业学员不安排补修，可报名参加下一年度同类项目。".into(),
                ),
            ],
        )
        .await?;
    let v: CompletionView = d
        .call(
            Some("admin"),
            "completion_overview",
            std::slice::from_ref(&g),
        )
        .await?;
    let second = v.latest().map(|r| r.id).unwrap_or_default();
    d.at(story.cal.at(shift(p.end, 16), 11, 0));
    d.call::<()>(
        Some("admin"),
        "review_register",
        &[("id", second.to_string()), ("approve", "true".into())],
    )
    .await?;
    d.at(story.cal.at(shift(p.end, 17), 14, 30));
    let _: usize = d
        .call(
            Some("admin"),
            "issue_certificates",
            std::slice::from_ref(&g),
        )
        .await?;
    let v: CompletionView = d.call(Some("admin"), "completion_overview", &[g]).await?;
    // Not the demo trainee's: the last of the list by number.
    let revoked = v
        .certificates
        .iter()
        .rev()
        .find(|c| c.name != super::enrollment::DEMO_TRAINEE[0])
        .map(|c| c.id)
        .unwrap_or_default();
    d.at(story.cal.at(shift(p.end, 30), 15, 10));
    d.call::<()>(
        Some("admin"),
        "revoke_certificate",
        &[
            ("id", revoked.to_string()),
            (
                "reason",
                "经核查，该学员有两门课程由他人代为签到，不符合结业条件。".into(),
            ),
        ],
    )
    .await
}
