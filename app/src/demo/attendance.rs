//! Attendance of the programme that has run: the class scanned the
//! projected code at each course; one trainee left after the first day,
//! one missed the last afternoon, two missed one course each; those who
//! never activated their accounts signed the paper sheet and the
//! institution marked them present from it.

use super::driver::{Driver, Step};
use super::story::{Programme, Story};
use crate::attendance::{AttendanceView, RosterView};

/// Whether class member `i` (0: the demo trainee) missed course `n` of
/// `total`.
fn absent(i: usize, n: usize, total: usize) -> bool {
    match i {
        16 => n >= 2,
        9 => n + 3 >= total,
        4 | 21 => n == 3,
        _ => false,
    }
}

const PAPER_SHEET: &str = "未激活账号，按纸质签到表补记";

pub async fn load(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    id: i64,
    class: &[String],
) -> Step<()> {
    d.at(story.cal.at(p.start, 8, 5));
    let v: AttendanceView = d
        .call(
            Some(p.institution),
            "programme_attendance",
            &[("programme_id", id.to_string())],
        )
        .await?;
    let mut courses: Vec<_> = v.courses.into_iter().map(|(c, _)| c).collect();
    courses.sort_by_key(|c| c.opens);
    let on_paper: Vec<&str> = super::enrollment::finished_applicants().collect();
    let total = courses.len();
    for (n, c) in courses.iter().enumerate() {
        for (i, who) in class.iter().enumerate() {
            if absent(i, n, total) {
                continue;
            }
            d.at(c.opens + 60 + (i as i64 * 37) % 1500);
            d.scan(who, c.id).await?;
        }
        d.at(c.opens + 30 * 60);
        let roster: RosterView = d
            .call(
                Some(p.institution),
                "course_roster",
                &[("course_id", c.id.to_string())],
            )
            .await?;
        for r in roster.rows.iter().filter(|r| r.at.is_none()) {
            if !on_paper.contains(&r.name.as_str()) {
                continue;
            }
            let form = [
                ("course_id", c.id.to_string()),
                ("enrollment_id", r.enrollment_id.to_string()),
                ("reason", PAPER_SHEET.to_owned()),
            ];
            let _: () = d.call(Some(p.institution), "mark_present", &form).await?;
        }
    }
    Ok(())
}
