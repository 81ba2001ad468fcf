//! PDF documents drawn on the server: text in one embedded CJK font,
//! subsetted to the glyphs the document uses (a certificate is tens of
//! kilobytes, not the font's tens of megabytes), lines, boxes and QR codes.
//! pdf-writer and subsetter are small crates with no native code, which
//! keeps the build quick on two cores. The font is read from a file at
//! start of first use (Noto Serif CJK from Debian's `fonts-noto-cjk` by
//! default); nothing is fetched at run time.

mod font;

pub use font::{Font, PdfError, DEFAULT_FONT};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;

/// A4 in points, portrait (width, height).
pub const A4: (f32, f32) = (595.28, 841.89);

/// Millimetres in points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// How a line of text sits on its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A document being drawn: pages of content in one font.
pub struct Doc<'f> {
    font: &'f Font,
    remapper: subsetter::GlyphRemapper,
    /// New glyph id → (advance in font units, the text it shows).
    glyphs: BTreeMap<u16, (u16, char)>,
    pages: Vec<((f32, f32), Vec<u8>)>,
    title: String,
}

/// One page being drawn; `Doc::page` starts it, `Doc::end` ends it.
pub struct Page {
    size: (f32, f32),
    content: Content,
}

impl<'f> Doc<'f> {
    pub fn new(font: &'f Font, title: &str) -> Self {
        Doc {
            font,
            remapper: subsetter::GlyphRemapper::new(),
            glyphs: BTreeMap::new(),
            pages: Vec::new(),
            title: title.to_owned(),
        }
    }

    pub fn page(&self, size: (f32, f32)) -> Page {
        Page {
            size,
            content: Content::new(),
        }
    }

    pub fn end(&mut self, page: Page) {
        self.pages.push((page.size, page.content.finish().to_vec()));
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.font.advance(c)).sum::<f32>() * size
    }

    /// Draws one line of `text` with its baseline at `y`; `spacing` is
    /// extra room after each character, in points.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        page: &mut Page,
        (x, y): (f32, f32),
        align: Align,
        size: f32,
        spacing: f32,
        bold: bool,
        text: &str,
    ) {
        let count = text.chars().count() as f32;
        let width = self.width(text, size) + spacing * (count - 1.0).max(0.0);
        let x = match align {
            Align::Left => x,
            Align::Centre => x - width / 2.0,
            Align::Right => x - width,
        };
        let mut codes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let old = self.font.glyph(c);
            if old == 0 && !c.is_whitespace() {
                // Printed as a blank box: the operator should know.
                tracing::warn!(character = %c, font = self.font.path(), "no glyph in the PDF font");
            }
            let new = self.remapper.remap(old);
            self.glyphs
                .entry(new)
                .or_insert_with(|| (self.font.advance_units(old), c));
            codes.extend_from_slice(&new.to_be_bytes());
        }
        let content = &mut page.content;
        content.begin_text();
        content.set_font(Name(b"F1"), size);
        if spacing != 0.0 {
            content.set_char_spacing(spacing);
        }
        if bold {
            // Fill and stroke: a heavier stroke without a second font file.
            content.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::FillStroke);
            content.set_line_width(size / 40.0);
        }
        content.next_line(x, y);
        content.show(Str(&codes));
        content.end_text();
        if bold {
            content.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Fill);
        }
    }

    /// The size, at most `size`, at which `text` fits in `width`.
    pub fn fit(&self, text: &str, size: f32, width: f32) -> f32 {
        let natural = self.width(text, size);
        if natural > width {
            size * width / natural
        } else {
            size
        }
    }

    /// Breaks `text` into lines no wider than `width` at `size` points.
    /// Chinese text breaks between any two characters, but a closing mark
    /// never starts a line and an opening one never ends it; a run of
    /// Latin letters or digits stays whole where it fits on a line.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for piece in pieces(text) {
            // A run of letters longer than a line breaks where it must.
            let words = if self.width(&piece, size) > width {
                piece.chars().map(String::from).collect()
            } else {
                vec![piece]
            };
            for word in words {
                let candidate = format!("{line}{word}");
                if !line.is_empty() && self.width(&candidate, size) > width {
                    lines.push(std::mem::take(&mut line));
                    line = word.trim_start().to_owned();
                } else {
                    line = candidate;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The finished file: every page, and the font subset they use.
    pub fn finish(self) -> Result<Vec<u8>, PdfError> {
        let mut alloc = Ref::new(1);
        let mut next = || alloc.bump();
        let catalog = next();
        let tree = next();
        let info = next();
        let type0 = next();
        let cid = next();
        let descriptor = next();
        let file = next();
        let cmap = next();

        let mut pdf = Pdf::new();
        pdf.document_info(info)
            .title(pdf_writer::TextStr(&self.title))
            .producer(pdf_writer::TextStr("Gaoyan"));
        pdf.catalog(catalog).pages(tree);
        let mut kids = Vec::new();
        for (size, content) in &self.pages {
            let page = next();
            let stream = next();
            kids.push(page);
            let mut p = pdf.page(page);
            p.media_box(Rect::new(0.0, 0.0, size.0, size.1))
                .parent(tree)
                .contents(stream);
            p.resources().fonts().pair(Name(b"F1"), type0);
            p.finish();
            pdf.stream(stream, &deflate(content))
                .filter(Filter::FlateDecode);
        }
        pdf.pages(tree)
            .kids(kids.iter().copied())
            .count(kids.len() as i32);

        let cff = self.font.subset(&self.remapper)?;
        let base = format!("{}+{}", self.tag(), self.font.postscript_name());
        let base = Name(base.as_bytes());
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type0)
            .base_font(base)
            .system_info(system)
            .font_descriptor(descriptor)
            .default_width(1000.0);
        {
            let scale = 1000.0 / self.font.units_per_em();
            let mut widths = cid_font.widths();
            for (gid, (advance, _)) in &self.glyphs {
                widths.consecutive(*gid, [f32::from(*advance) * scale]);
            }
        }
        cid_font.finish();
        let m = self.font.metrics();
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
            .bbox(m.bbox)
            .italic_angle(0.0)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(80.0)
            .font_file3(file);
        pdf.stream(file, &deflate(&cff))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        let mut unicode = UnicodeCmap::new(Name(b"Gaoyan-UCS"), system);
        for (gid, (_, c)) in &self.glyphs {
            unicode.pair(*gid, *c);
        }
        let unicode = unicode.finish();
        pdf.cmap(cmap, &unicode);
        Ok(pdf.finish())
    }

    /// Six capitals naming this subset, from the glyphs it holds (the same
    /// text gives the same tag).
    fn tag(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (gid, (_, c)) in &self.glyphs {
            for b in gid
                .to_be_bytes()
                .into_iter()
                .chain((*c as u32).to_be_bytes())
            {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        (0..6)
            .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
            .collect()
    }
}

impl Page {
    pub fn size(&self) -> (f32, f32) {
        self.size
    }

    /// A rectangle's outline, `width` points thick, in an RGB colour.
    pub fn frame(&mut self, rect: Rect, width: f32, rgb: (f32, f32, f32)) {
        let c = &mut self.content;
        c.save_state();
        c.set_stroke_rgb(rgb.0, rgb.1, rgb.2);
        c.set_line_width(width);
        c.rect(rect.x1, rect.y1, rect.x2 - rect.x1, rect.y2 - rect.y1);
        c.stroke();
        c.restore_state();
    }

    /// The colour of text drawn after this.
    pub fn ink(&mut self, rgb: (f32, f32, f32)) {
        self.content.set_fill_rgb(rgb.0, rgb.1, rgb.2);
        self.content.set_stroke_rgb(rgb.0, rgb.1, rgb.2);
    }

    /// A QR code of `text`, `side` points square with its quiet zone,
    /// lower-left corner at (x, y).
    pub fn qr(&mut self, (x, y): (f32, f32), side: f32, text: &str) -> Result<(), PdfError> {
        let (n, dark) =
            crate::server::qr::modules(text).ok_or_else(|| PdfError::Qr(text.to_owned()))?;
        let quiet = crate::server::qr::QUIET;
        let module = side / (n + 2 * quiet) as f32;
        let c = &mut self.content;
        c.save_state();
        c.set_fill_rgb(1.0, 1.0, 1.0);
        c.rect(x, y, side, side);
        c.fill_nonzero();
        c.set_fill_rgb(0.0, 0.0, 0.0);
        for (col, row) in dark {
            let left = x + (col + quiet) as f32 * module;
            // Rows count down from the top; PDF's y counts up.
            let bottom = y + side - (row + quiet + 1) as f32 * module;
            c.rect(left, bottom, module, module);
        }
        c.fill_nonzero();
        c.restore_state();
        Ok(())
    }
}

/// Pieces that a line may break between: single CJK characters (with a
/// closing mark kept on the character before it, an opening mark on the
/// one after), runs of Latin letters and digits, and spaces.
fn pieces(text: &str) -> Vec<String> {
    const CLOSING: &str = "，。、；：？！）》」』】〕”’…%,.;:?!)]";
    const OPENING: &str = "（《「『【〔“‘([";
    let mut out: Vec<String> = Vec::new();
    let mut held_open = String::new();
    for c in text.chars() {
        let latin = c.is_ascii_alphanumeric() || "-_/@#&+=".contains(c);
        let last_latin = out
            .last()
            .and_then(|p| p.chars().last())
            .is_some_and(|l| l.is_ascii_alphanumeric() || "-_/@#&+=".contains(l));
        if CLOSING.contains(c) && !out.is_empty() && held_open.is_empty() {
            out.last_mut().unwrap().push(c);
        } else if OPENING.contains(c) {
            held_open.push(c);
        } else if latin && last_latin && held_open.is_empty() {
            out.last_mut().unwrap().push(c);
        } else {
            let mut piece = std::mem::take(&mut held_open);
            piece.push(c);
            out.push(piece);
        }
    }
    if !held_open.is_empty() {
        out.push(held_open);
    }
    out
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    e.write_all(bytes).expect("deflate into memory");
    e.finish().expect("deflate into memory")
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn lines_break_between_characters_but_keep_words_and_marks() {
        assert_eq!(
            pieces("学习（AI 2026）。"),
            vec!["学", "习", "（AI", " ", "2026）。"]
        );
        assert_eq!(pieces("“数字”经济"), vec!["“数", "字”", "经", "济"]);
    }
}
