//! The finished programme's spending, entered by its institution in the
//! fortnight after the end as the receipts came in: lecture fees for the
//! first lectures of the schedule (one paid above the cap for its
//! lecturer's title: the flag the province will ask about), the hotel and
//! meals by person-day within the third category's caps, venue, materials
//! and local transport; then the funds received, which add up to the fen.

use super::calendar::shift;
use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};
use crate::domain::yuan_input;
use crate::spending::SpendingView;

/// Yuan per person-day paid for the hotel, meals, venue, materials and
/// transport: within the third category's 340, 130 and 50.
const PER_DAY: [(&str, &str, i64, &str); 5] = [
    (
        "accommodation",
        "government",
        300,
        "河北宾馆住宿费（协议价）",
    ),
    ("meals", "government", 120, "河北宾馆会议餐费"),
    ("venue", "unit", 25, "会议室租用费"),
    ("materials", "unit", 15, "培训资料印制费"),
    ("transport", "unit", 8, "现场教学往返大巴租用费"),
];

/// How much more than the cap the one over-cap lecture was paid, in yuan.
pub(super) const OVER_CAP: i64 = 800;

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let p = story.get(Stage::Finished);
    let id = programme(plans, Stage::Finished)?.id;
    let g = ("programme_id", id.to_string());
    let v: SpendingView = d
        .call(Some(p.institution), "spending", std::slice::from_ref(&g))
        .await?;
    let mut entered = 0i64;
    let add = |fields: Vec<(&'static str, String)>| {
        let mut form = vec![g.clone()];
        form.extend(fields);
        form
    };
    d.at(story.cal.at(shift(p.end, 3), 10, 0));
    for (i, l) in v.lectures.iter().take(4).enumerate() {
        let cap = v.standard.lecture_cap(l.title).fen() * l.hours;
        let (amount, note) = if i == 1 {
            (cap + OVER_CAP * 100, "含专家往返交通补贴（未单列）")
        } else {
            (cap, "税后讲课费")
        };
        entered += amount;
        let form = add(vec![
            ("category", "lecture_fees".into()),
            ("source", "government".into()),
            ("lecture", l.key()),
            ("amount", yuan_input(amount)),
            ("note", note.into()),
        ]);
        d.call::<()>(Some(p.institution), "add_spending_line", &form)
            .await?;
    }
    d.at(story.cal.at(shift(p.end, 9), 15, 30));
    let days = v.person_days();
    let mut by_source = [0i64; 2];
    for (category, source, per_day, note) in PER_DAY {
        let amount = per_day * 100 * days;
        by_source[usize::from(source == "unit")] += amount;
        let form = add(vec![
            ("category", category.into()),
            ("source", source.into()),
            ("amount", yuan_input(amount)),
            ("note", note.into()),
        ]);
        d.call::<()>(Some(p.institution), "add_spending_line", &form)
            .await?;
    }
    d.at(story.cal.at(shift(p.end, 12), 11, 10));
    let government = entered + by_source[0];
    let unit = by_source[1];
    d.call::<()>(
        Some(p.institution),
        "save_programme_account",
        &[
            g,
            ("government", yuan_input(government)),
            ("unit", yuan_input(unit)),
            ("society", String::new()),
            ("individual", String::new()),
        ],
    )
    .await
}
