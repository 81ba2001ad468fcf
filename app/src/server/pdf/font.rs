//! The one font of the app's PDFs, read once from a file and kept for the
//! life of the process.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Why a PDF could not be drawn. Said in the server's log, never to the
/// browser: it is the operator's to fix.
#[derive(Debug)]
pub enum PdfError {
    Read(String, std::io::Error),
    Parse(String),
    Subset(String),
    /// A text too long for any QR code version.
    Qr(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Read(path, e) => write!(
                f,
                "cannot read the PDF font {path}: {e} (install Debian's fonts-noto-cjk or set GAOYAN_PDF_FONT)"
            ),
            PdfError::Parse(path) => write!(f, "{path} is not an OpenType font or collection"),
            PdfError::Subset(e) => write!(f, "cannot subset the PDF font: {e}"),
            PdfError::Qr(text) => write!(f, "no QR code holds {text}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Where an app without `GAOYAN_PDF_FONT` finds its font.
pub const DEFAULT_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

/// What a PDF needs to know of a font beyond its glyphs, in thousandths
/// of the type size.
pub struct Metrics {
    pub bbox: pdf_writer::Rect,
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
}

pub struct Font {
    path: String,
    data: &'static [u8],
    index: u32,
    face: ttf_parser::Face<'static>,
}

impl Font {
    /// The font at `path`, read on first use. In a collection (.ttc) the
    /// Simplified Chinese face is taken, else the first.
    pub fn load(path: &str) -> Result<&'static Font, PdfError> {
        static LOADED: OnceLock<Mutex<HashMap<String, &'static Font>>> = OnceLock::new();
        let mut loaded = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(font) = loaded.get(path) {
            return Ok(font);
        }
        let bytes = std::fs::read(path).map_err(|e| PdfError::Read(path.to_owned(), e))?;
        let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
        let parse = |i| ttf_parser::Face::parse(&bytes, i).ok();
        let index = (0..faces)
            .find(|&i| parse(i).is_some_and(|f| family(&f).ends_with(" SC")))
            .unwrap_or(0);
        if parse(index).is_none() {
            return Err(PdfError::Parse(path.to_owned()));
        }
        // Kept for the life of the process, once it is known to be a font:
        // one font, read once.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let face =
            ttf_parser::Face::parse(data, index).map_err(|_| PdfError::Parse(path.to_owned()))?;
        let font: &'static Font = Box::leak(Box::new(Font {
            path: path.to_owned(),
            data,
            index,
            face,
        }));
        loaded.insert(path.to_owned(), font);
        Ok(font)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn units_per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    /// The glyph drawing `c`, or .notdef (0) where the font has none.
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map(|g| g.0).unwrap_or(0)
    }

    pub fn advance_units(&self, glyph: u16) -> u16 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(self.face.units_per_em())
    }

    /// The advance of `c` in ems.
    pub fn advance(&self, c: char) -> f32 {
        f32::from(self.advance_units(self.glyph(c))) / self.units_per_em()
    }

    pub fn postscript_name(&self) -> String {
        self.face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .map(|n| {
                n.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect()
            })
            .filter(|n: &String| !n.is_empty())
            .unwrap_or_else(|| "Font".into())
    }

    pub fn metrics(&self) -> Metrics {
        let k = 1000.0 / self.units_per_em();
        let b = self.face.global_bounding_box();
        Metrics {
            bbox: pdf_writer::Rect::new(
                f32::from(b.x_min) * k,
                f32::from(b.y_min) * k,
                f32::from(b.x_max) * k,
                f32::from(b.y_max) * k,
            ),
            ascent: f32::from(self.face.ascender()) * k,
            descent: f32::from(self.face.descender()) * k,
            cap_height: f32::from(self.face.capital_height().unwrap_or(self.face.ascender())) * k,
        }
    }

    /// The glyphs `remapper` names, as a bare CFF font program (what a PDF
    /// embeds for a CID font of CFF outlines).
    pub fn subset(&self, remapper: &subsetter::GlyphRemapper) -> Result<Vec<u8>, PdfError> {
        let otf = subsetter::subset(self.data, self.index, remapper)
            .map_err(|e| PdfError::Subset(format!("{e:?}")))?;
        let raw =
            ttf_parser::RawFace::parse(&otf, 0).map_err(|e| PdfError::Subset(e.to_string()))?;
        raw.table(ttf_parser::Tag::from_bytes(b"CFF "))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| PdfError::Subset(format!("{} has no CFF outlines", self.path)))
    }
}

fn family(face: &ttf_parser::Face) -> String {
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::FAMILY)
        .and_then(|n| n.to_string())
        .unwrap_or_default()
}
