//! The inspector's spot check of the ended programmes of the finished
//! programme's year, drawn yesterday morning: the sample is the server's
//! (its seed is random), so the demo shows a real draw that the page
//! verifies on every reading.

use super::driver::{Driver, Step};
use super::story::{Stage, Story};

pub async fn load(d: &mut Driver, story: &Story) -> Step<()> {
    let year = story.get(Stage::Finished).year();
    // Drawn yesterday: ended before yesterday.
    let day = story.cal.day(-1);
    let ended = story
        .programmes
        .iter()
        .filter(|p| p.year() == year && p.end < day)
        .count();
    d.at(story.cal.at(day, 9, 40));
    let form = [
        ("year", year.to_string()),
        ("scope", "ended".to_owned()),
        ("sample_size", ended.clamp(1, 2).to_string()),
        ("note", "年度经费使用专项抽查（第一批）".to_owned()),
    ];
    d.call::<i64>(Some("inspector"), "draw_spot_check", &form)
        .await
        .map(|_| ())
}
