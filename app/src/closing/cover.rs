//! The closing package's PDFs: the cover sheet that lists every part of
//! the package, and the summary report as the unit wrote it. A4 portrait,
//! text flowing onto further pages as needed.

use crate::server::pdf::{mm, Align, Doc, Font, Page, PdfError, A4};

/// What the cover sheet says.
#[derive(Clone, Debug)]
pub struct Cover {
    /// (label, value) lines about the programme and the version.
    pub facts: Vec<(String, String)>,
    /// (file name in the package, what it is, size in bytes if known).
    pub parts: Vec<(String, String, Option<usize>)>,
    /// Who made the package, and when (shown in Shanghai time).
    pub made_by: String,
    pub made_at: i64,
}

const TITLE: &str = "高级研修项目结项材料";
const GREY: (f32, f32, f32) = (0.35, 0.35, 0.35);
const INK: (f32, f32, f32) = (0.1, 0.1, 0.1);

/// Text flowing down A4 pages: a line that would cross the bottom margin
/// starts a new page.
struct Flow<'d, 'f> {
    doc: &'d mut Doc<'f>,
    page: Option<Page>,
    y: f32,
}

const MARGIN: f32 = 56.7; // 20 mm
const WIDTH: f32 = A4.0 - 2.0 * MARGIN;

impl<'d, 'f> Flow<'d, 'f> {
    fn new(doc: &'d mut Doc<'f>) -> Self {
        Flow {
            doc,
            page: None,
            y: 0.0,
        }
    }

    fn room(&mut self, height: f32) {
        if self.page.is_none() || self.y - height < MARGIN {
            if let Some(done) = self.page.take() {
                self.doc.end(done);
            }
            self.page = Some(self.doc.page(A4));
            self.y = A4.1 - MARGIN;
        }
        self.y -= height;
    }

    /// `text` wrapped to the width, each line `size` points, indented by
    /// `indent` points.
    fn para(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let lines = self.doc.wrap(text, size, WIDTH - indent);
        for line in lines {
            let leading = size * 1.6;
            self.room(leading);
            let y = self.y;
            let mut page = self.page.take().expect("room starts a page");
            self.doc.text(
                &mut page,
                (MARGIN + indent, y),
                Align::Left,
                size,
                0.0,
                bold,
                &line,
            );
            self.page = Some(page);
        }
    }

    fn centred(&mut self, text: &str, size: f32, bold: bool) {
        self.room(size * 1.8);
        let y = self.y;
        let mut page = self.page.take().expect("room starts a page");
        self.doc.text(
            &mut page,
            (A4.0 / 2.0, y),
            Align::Centre,
            size,
            0.0,
            bold,
            text,
        );
        self.page = Some(page);
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn ink(&mut self, rgb: (f32, f32, f32)) {
        if let Some(p) = self.page.as_mut() {
            p.ink(rgb);
        }
    }

    fn end(mut self) {
        if let Some(done) = self.page.take() {
            self.doc.end(done);
        }
    }
}

/// The cover sheet of a package.
pub fn cover(font: &Font, topic: &str, c: &Cover) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(font, &format!("{TITLE} {topic}"));
    let mut f = Flow::new(&mut doc);
    f.centred(TITLE, 22.0, true);
    f.centred("河北省专业技术人才知识更新工程", 12.0, false);
    f.gap(mm(6.0));
    for (label, value) in &c.facts {
        f.para(&format!("{label}：{value}"), 11.0, false, 0.0);
    }
    f.gap(mm(5.0));
    f.para("材料清单", 14.0, true, 0.0);
    for (i, (name, what, size)) in c.parts.iter().enumerate() {
        let size = size.map_or(String::new(), |b| format!("（{} KB）", b.div_ceil(1024)));
        f.para(&format!("{}. {what}{size}", i + 1), 11.0, false, 0.0);
        f.ink(GREY);
        f.para(name, 9.0, false, mm(6.0));
        f.ink(INK);
    }
    f.gap(mm(6.0));
    f.ink(GREY);
    f.para(
        &format!(
            "本材料包由系统于 {} 为 {} 生成；经费决算表按该版提交时的经费明细生成，学员名单和满意度统计按生成时的记录生成。",
            crate::domain::format_shanghai(c.made_at),
            c.made_by
        ),
        9.0,
        false,
        0.0,
    );
    f.end();
    doc.finish()
}

/// The summary report as the unit wrote it, paragraph by paragraph.
pub fn summary(font: &Font, topic: &str, version: i64, text: &str) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(font, &format!("总结报告 {topic}"));
    let mut f = Flow::new(&mut doc);
    f.centred(&format!("{topic} 总结报告"), 16.0, true);
    f.centred(&format!("（结项材料第{version}版）"), 10.0, false);
    f.gap(mm(4.0));
    for para in text.lines() {
        if para.trim().is_empty() {
            f.gap(6.0);
        } else {
            f.para(para, 11.0, false, 0.0);
        }
    }
    f.end();
    doc.finish()
}
