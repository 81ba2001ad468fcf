//! A class the units sent as a list: the institution imported and
//! admitted it the day after applications closed; the class activated
//! their accounts on the first morning, scanned in to the courses and
//! sent their papers before the deadline (the last few on the list did
//! not).

use super::calendar::shift;
use super::driver::{Driver, Step, StepFailed};
use super::story::{Programme, Story};
use crate::plan::ProgrammeView;

/// (name, county code, birth date, sequence, employer, title)
pub(super) type Member = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static str,
);

pub(super) struct Listed {
    pub members: &'static [Member],
    /// The file the institution imported.
    pub file: &'static str,
    /// The first seven digits of the class's phone numbers.
    pub phones: &'static str,
    pub theme: &'static str,
    /// The papers' title, in the PDF's Latin-only font.
    pub paper: &'static str,
    /// How many sent their paper, in list order.
    pub sent: usize,
}

impl Listed {
    fn csv(&self, topic: &str) -> String {
        let mut csv =
            format!("{topic}学员名单\n序号,姓名,身份证号码,联系电话,所在单位,所在省份,职称\n");
        for (i, (name, county, birth, sequence, employer, title)) in self.members.iter().enumerate()
        {
            let id = super::cohort::id_number(county, birth, *sequence);
            csv.push_str(&format!(
                "{},{name},{id},{}{:04},{employer},河北省,{title}\n",
                i + 1,
                self.phones,
                i + 1
            ));
        }
        csv
    }

    /// Runs the class through the programme; returns their sign-in names.
    pub async fn run(
        &self,
        d: &mut Driver,
        story: &Story,
        p: &Programme,
        g: &ProgrammeView,
    ) -> Step<Vec<String>> {
        let n = self.members.len();
        d.at(story.cal.at(story.apply_until(p), 15, 30));
        let done: crate::enrollment::Imported = d
            .upload(
                p.institution,
                "import_trainees",
                g.id,
                self.file,
                self.csv(&g.topic).as_bytes(),
            )
            .await?;
        if done.imported != n {
            return Err(StepFailed(format!("imported {} of {n}", done.imported)));
        }
        let names: Vec<&str> = self.members.iter().map(|c| c.0).collect();
        let day = shift(story.apply_until(p), 1);
        super::enrollment::decide(d, story, p, g, &names, true, day).await?;
        let class = super::cohort::activate_listed(d, story, p, g.id, &names).await?;
        if class.len() != n {
            return Err(StepFailed(format!("{} of {n} activated", class.len())));
        }
        super::attendance::load(d, story, p, g.id, &class).await?;

        super::papers::set(d, story, p, g.id, self.theme).await?;
        let due = shift(p.end, super::papers::DUE_AFTER_DAYS);
        for (i, who) in class.iter().take(self.sent).enumerate() {
            d.at(story
                .cal
                .at(shift(due, -(i as i64 % 4) - 1), 20, i as u32 * 6));
            let pdf = super::papers::pdf(self.paper, "Submitted");
            d.submit_paper(who, g.id, &format!("研修论文-{}.pdf", names[i]), &pdf)
                .await?;
        }
        Ok(class)
    }
}
