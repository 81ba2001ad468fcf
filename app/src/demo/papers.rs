//! Research papers: the programme that has run set its paper on its first
//! day, and the demo trainee submitted a draft and then a revision before
//! the deadline, as did most of the class; the programme under way set its paper on its first day,
//! due a week after its last, and nobody has submitted yet.

use super::calendar::shift;
use super::driver::{Driver, Step};
use super::planning::{programme, Plans};
use super::story::{Programme, Stage, Story};

/// Days after a programme's last day that its paper is due.
pub(super) const DUE_AFTER_DAYS: i64 = 7;

pub(super) async fn set(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    id: i64,
    theme: &str,
) -> Step<()> {
    d.at(story.cal.at(p.start, 9, 40));
    let due = shift(p.end, DUE_AFTER_DAYS);
    let form = [
        ("programme_id", id.to_string()),
        ("theme", theme.to_owned()),
        ("deadline_date", due.to_string()),
        ("deadline_time", "17:00".to_owned()),
        ("pdf", "on".to_owned()),
        ("docx", "on".to_owned()),
        ("max_mb", "20".to_owned()),
    ];
    d.call(Some(p.institution), "set_paper", &form).await
}

/// How many of the class (besides the demo trainee) sent their paper.
const SENT: usize = 24;

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans, class: &[String]) -> Step<()> {
    let p = story.get(Stage::Finished);
    let g = programme(plans, Stage::Finished)?;
    set(d, story, p, g.id, "县域医共体建设中的慢病管理实践与思考").await?;
    let due = shift(p.end, DUE_AFTER_DAYS);
    d.at(story.cal.at(shift(due, -4), 21, 14));
    let title = "County medical alliances and chronic disease care";
    d.submit_paper(
        "trainee",
        g.id,
        "慢病管理实践与思考-李晓燕.pdf",
        &pdf(title, "Draft"),
    )
    .await?;
    d.at(story.cal.at(shift(due, -1), 22, 3));
    d.submit_paper(
        "trainee",
        g.id,
        "慢病管理实践与思考-李晓燕（修改稿）.pdf",
        &pdf(title, "Revised"),
    )
    .await?;
    // The rest of the class over the last days before the deadline.
    for (i, who) in class
        .iter()
        .filter(|w| *w != "trainee")
        .take(SENT)
        .enumerate()
    {
        let day = shift(due, -(6 - (i as i64 % 6)));
        d.at(story.cal.at(day, 19 + (i as u32 % 4), (i as u32 * 7) % 60));
        let name = format!("研修论文-{who}.pdf");
        d.submit_paper(who, g.id, &name, &pdf(title, "Submitted"))
            .await?;
    }

    let p = story.get(Stage::Running);
    let g = programme(plans, Stage::Running)?;
    set(
        d,
        story,
        p,
        g.id,
        "铁路桥隧智能检测技术在本单位的应用与展望",
    )
    .await
}

/// A small but whole PDF: one page with a title and a line.
pub fn pdf(title: &str, line: &str) -> Vec<u8> {
    let text = format!("BT /F1 18 Tf 72 720 Td ({title}) Tj 0 -28 Td /F1 12 Tf ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
