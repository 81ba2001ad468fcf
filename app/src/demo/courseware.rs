//! Courseware: yesterday evening the province recorded the consents its
//! lecturers signed for the finished programme's first lectures and put
//! two of them in the online catalogue. A third lecturer agreed, then
//! asked by phone to withdraw: the consent is revoked and the lecture
//! stays out. The remaining lectures wait for consent.

use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::courseware::CoursewareAdminView;
use crate::domain::courseware::ConsentScope;

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let g = programme(plans, Stage::Finished)?;
    let day = story.cal.day(-1);
    d.at(story.cal.at(day, 17, 0));
    let year = g.year.to_string();
    let v: CoursewareAdminView = d
        .call(Some("admin"), "courseware_admin", &[("year", year)])
        .await?;
    let lectures: Vec<_> = v
        .lectures
        .iter()
        .filter(|l| l.programme_id == g.id && !l.lecturers.is_empty())
        .take(3)
        .collect();
    let scopes = [
        ConsentScope::VideoAndSlides,
        ConsentScope::Slides,
        ConsentScope::Video,
    ];
    let mut minute = 0;
    for (n, l) in lectures.iter().enumerate() {
        for p in &l.lecturers {
            d.at(story.cal.at(day, 17, minute.min(59)));
            minute += 3;
            let form = [
                ("who", format!("{}:{}", l.course_id, p.lecturer_id)),
                ("scope", scopes[n % 3].as_str().to_owned()),
                ("given_on", story.cal.day(-3).to_string()),
                ("until", story.cal.day(3 * 365).to_string()),
                (
                    "evidence",
                    format!(
                        "网络课件授权书 HB-KJ-{}-{:03}，本人签字，原件存承办机构",
                        g.year, l.course_id
                    ),
                ),
            ];
            let id: i64 = d.call(Some("admin"), "record_consent", &form).await?;
            if n == 2 {
                d.at(story.cal.at(day, 18, minute.min(59)));
                let form = [
                    ("consent_id", id.to_string()),
                    (
                        "reason",
                        "专家来电：讲稿将正式出版，要求暂不公开。".to_owned(),
                    ),
                ];
                d.call::<()>(Some("admin"), "revoke_consent", &form).await?;
            }
        }
        if n < 2 {
            d.at(story.cal.at(day, 19, minute.min(59)));
            let form = [
                ("course_id", l.course_id.to_string()),
                ("field", String::new()),
            ];
            d.call::<()>(Some("admin"), "list_courseware", &form)
                .await?;
        }
    }
    Ok(())
}
