//! The research paper (R9): what an institution asks for, and what a
//! submitted file must be. The type is judged by the bytes, never by the
//! file's name: a PDF starts with `%PDF-`; a DOCX is a ZIP holding the
//! parts `[Content_Types].xml` and `word/document.xml` and no macros
//! (`vbaProject.bin`). Part names stand in plain text in a ZIP's headers,
//! never compressed, so a file streaming in can be judged without keeping
//! it. The file is then named with its judged type's extension, whatever
//! name it came with.

use serde::{Deserialize, Serialize};

use crate::error::Problem;

codes! {
    /// The types a paper may be submitted as.
    PaperType { Pdf = "pdf", Docx = "docx" }
}

impl PaperType {
    pub fn extension(self) -> &'static str {
        self.as_str()
    }

    pub fn mime(self) -> &'static str {
        match self {
            PaperType::Pdf => "application/pdf",
            PaperType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// The file picker's `accept`, for the given types.
    pub fn accept(types: &[PaperType]) -> String {
        types
            .iter()
            .flat_map(|t| [format!(".{}", t.extension()), t.mime().to_owned()])
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The default size cap, and the range an institution may set.
pub const PAPER_DEFAULT_MB: i64 = 20;
pub const PAPER_MAX_MB: i64 = 50;
pub const MB: i64 = 1024 * 1024;
/// A theme is one line.
pub const THEME_MAX: usize = 200;

/// The size cap typed in megabytes: a whole number from 1 to 50.
pub fn parse_cap_mb(raw: &str) -> Result<i64, Problem> {
    let raw = crate::domain::fold_width(raw.trim());
    if raw.is_empty() {
        return Ok(PAPER_DEFAULT_MB);
    }
    let n: i64 = raw.parse().map_err(|_| Problem::NotANumber)?;
    if n < 1 {
        return Err(Problem::BelowMinimum { min: 1 });
    }
    if n > PAPER_MAX_MB {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// The accepted types as ticked, at least one.
pub fn parse_types(pdf: bool, docx: bool) -> Result<Vec<PaperType>, Problem> {
    let types: Vec<PaperType> = [(pdf, PaperType::Pdf), (docx, PaperType::Docx)]
        .into_iter()
        .filter_map(|(on, t)| on.then_some(t))
        .collect();
    if types.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(types)
    }
}

/// Types stored as `pdf,docx`.
pub fn types_text(types: &[PaperType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn types_of(text: &str) -> Vec<PaperType> {
    text.split(',').filter_map(PaperType::parse).collect()
}

/// Whether a trainee may still submit at `now`: before the deadline, or
/// before the end of an extension granted to them.
pub fn may_submit(now: i64, deadline: i64, extension: Option<i64>) -> bool {
    now < deadline || extension.is_some_and(|until| now < until)
}

/// Whether a deadline may be set to `new` at `now`: not to a time already
/// past (versions judged on time would be on time no longer, and no one
/// could submit), unless it is the deadline in force, kept unchanged.
pub fn deadline_allowed(new: i64, before: Option<i64>, now: i64) -> bool {
    new > now || before == Some(new)
}

/// The time an extension must end after: the deadline, or now if later.
pub fn extension_floor(deadline: i64, now: i64) -> i64 {
    deadline.max(now)
}

/// Where a trainee's paper stands, judged by the last version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timeliness {
    OnTime,
    Late,
    Missing,
}

impl Timeliness {
    /// From the last version's lateness, judged when it came.
    pub fn of(last_late: Option<bool>) -> Timeliness {
        match last_late {
            None => Timeliness::Missing,
            Some(false) => Timeliness::OnTime,
            Some(true) => Timeliness::Late,
        }
    }
}

/// Bytes a stream must show before its type can be judged.
pub const SNIFF_BYTES: usize = 8;

/// The type the first bytes announce, if it is one of `accepted`.
pub fn sniff(head: &[u8], accepted: &[PaperType]) -> Option<PaperType> {
    let kind = if head.starts_with(b"%PDF-") {
        PaperType::Pdf
    } else if head.starts_with(b"PK\x03\x04") {
        PaperType::Docx
    } else {
        return None;
    };
    accepted.contains(&kind).then_some(kind)
}

/// Looks for a DOCX's part names across the chunks of a stream; a name
/// split between two chunks is still found.
#[derive(Default)]
pub struct DocxScan {
    tail: Vec<u8>,
    /// Of `NEEDED`, then `MACROS`.
    seen: [bool; 3],
}

const NEEDED: [&[u8]; 2] = [b"[Content_Types].xml", b"word/document.xml"];
const MACROS: &[u8] = b"vbaProject.bin";
const LONGEST: usize = 19;

impl DocxScan {
    pub fn feed(&mut self, chunk: &[u8]) {
        let mut window = std::mem::take(&mut self.tail);
        window.extend_from_slice(chunk);
        for (i, name) in NEEDED.iter().chain([&MACROS]).enumerate() {
            if !self.seen[i] {
                self.seen[i] = window.windows(name.len()).any(|w| w == *name);
            }
        }
        let keep = window.len().min(LONGEST - 1);
        self.tail = window[window.len() - keep..].to_vec();
    }

    /// A document's parts, and no macros.
    pub fn found(&self) -> bool {
        self.seen[0] && self.seen[1] && !self.seen[2]
    }
}

/// The name a paper is kept under: the name it came with, without any
/// path, control or direction-changing characters, and with its judged
/// type's extension in place of whatever it had.
pub fn paper_file_name(raw: &str, kind: PaperType, max_chars: usize) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    // Control characters (Cc) and formatting ones such as U+202E, which
    // would make "gpj.exe" read as "exe.jpg".
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format(*c))
        .collect();
    let clean = clean.trim();
    let stem = match clean.rsplit_once('.') {
        Some((stem, _)) => stem.trim(),
        None => clean,
    };
    let stem: String = stem.chars().take(max_chars).collect();
    let stem = if stem.is_empty() {
        "paper".to_owned()
    } else {
        stem
    };
    format!("{stem}.{}", kind.extension())
}

fn is_format(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Judges a whole file at once (tests, and files already in memory).
pub fn judge_file(bytes: &[u8], accepted: &[PaperType]) -> Option<PaperType> {
    let kind = sniff(bytes, accepted)?;
    if kind == PaperType::Docx {
        let mut scan = DocxScan::default();
        scan.feed(bytes);
        return scan.found().then_some(kind);
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: &[PaperType] = &[PaperType::Pdf, PaperType::Docx];

    #[test]
    fn the_type_is_read_from_the_bytes() {
        assert_eq!(judge_file(b"%PDF-1.7\n...", BOTH), Some(PaperType::Pdf));
        assert_eq!(
            judge_file(b"PK\x03\x04[Content_Types].xml..word/document.xml..", BOTH),
            Some(PaperType::Docx)
        );
        // A spreadsheet is a ZIP too, but not a document.
        assert_eq!(judge_file(b"PK\x03\x04....xl/workbook.xml", BOTH), None);
        // A picture renamed paper.pdf.
        assert_eq!(judge_file(b"\x89PNG\r\n\x1a\n", BOTH), None);
        assert_eq!(judge_file(b"%PDF-1.4", &[PaperType::Docx]), None);
        assert_eq!(judge_file(b"", BOTH), None);
    }

    #[test]
    fn a_macro_document_or_one_without_its_parts_is_not_a_docx() {
        let with = |extra: &str| {
            let mut b = b"PK\x03\x04[Content_Types].xml..word/document.xml..".to_vec();
            b.extend_from_slice(extra.as_bytes());
            judge_file(&b, BOTH)
        };
        assert_eq!(with(""), Some(PaperType::Docx));
        assert_eq!(with("word/vbaProject.bin"), None);
        assert_eq!(judge_file(b"PK\x03\x04word/document.xml", BOTH), None);
    }

    #[test]
    fn a_kept_name_has_its_judged_extension_and_no_tricks() {
        assert_eq!(
            paper_file_name("C:\\Users\\张三\\论文.pdf", PaperType::Pdf, 100),
            "论文.pdf"
        );
        assert_eq!(
            paper_file_name("../../etc/passwd", PaperType::Pdf, 100),
            "passwd.pdf"
        );
        assert_eq!(paper_file_name("论文.jar", PaperType::Pdf, 100), "论文.pdf");
        assert_eq!(paper_file_name("x.html", PaperType::Docx, 100), "x.docx");
        assert_eq!(
            paper_file_name("a\u{202E}fdp.exe", PaperType::Pdf, 100),
            "afdp.pdf"
        );
        assert_eq!(
            paper_file_name("a\u{0}b\n.docx", PaperType::Docx, 100),
            "ab.docx"
        );
        assert_eq!(paper_file_name("", PaperType::Pdf, 100), "paper.pdf");
        assert_eq!(paper_file_name(".pdf", PaperType::Pdf, 100), "paper.pdf");
        assert_eq!(
            paper_file_name("长".repeat(300).as_str(), PaperType::Pdf, 100)
                .chars()
                .count(),
            104
        );
    }

    #[test]
    fn a_part_name_split_between_chunks_is_found() {
        let text = b"PK\x03\x04 [Content_Types].xml some bytes word/document.xml more";
        for cut in 0..text.len() {
            let mut scan = DocxScan::default();
            scan.feed(&text[..cut]);
            scan.feed(&text[cut..]);
            assert!(scan.found(), "cut at {cut}");
        }
        let mut scan = DocxScan::default();
        for b in text.iter() {
            scan.feed(std::slice::from_ref(b));
        }
        assert!(scan.found(), "one byte at a time");
    }

    #[test]
    fn the_cap_is_a_whole_number_of_megabytes_up_to_fifty() {
        assert_eq!(parse_cap_mb(""), Ok(20));
        assert_eq!(parse_cap_mb("１０"), Ok(10));
        assert_eq!(parse_cap_mb("0"), Err(Problem::BelowMinimum { min: 1 }));
        assert_eq!(parse_cap_mb("51"), Err(Problem::TooLarge));
        assert_eq!(parse_cap_mb("2.5"), Err(Problem::NotANumber));
    }

    #[test]
    fn at_least_one_type_is_accepted() {
        assert_eq!(parse_types(false, false), Err(Problem::Required));
        assert_eq!(
            parse_types(true, true).map(|t| types_text(&t)),
            Ok("pdf,docx".into())
        );
        assert_eq!(types_of("docx"), vec![PaperType::Docx]);
    }

    #[test]
    fn the_deadline_is_exclusive_and_an_extension_reaches_past_it() {
        let deadline = 1_000;
        assert!(may_submit(999, deadline, None));
        assert!(!may_submit(1_000, deadline, None));
        assert!(may_submit(1_500, deadline, Some(2_000)));
        assert!(!may_submit(2_000, deadline, Some(2_000)));
        assert_eq!(Timeliness::of(Some(false)), Timeliness::OnTime);
        assert_eq!(Timeliness::of(Some(true)), Timeliness::Late);
        assert_eq!(Timeliness::of(None), Timeliness::Missing);
    }

    #[test]
    fn a_deadline_never_moves_into_the_past() {
        assert!(deadline_allowed(101, None, 100));
        assert!(!deadline_allowed(100, None, 100));
        assert!(!deadline_allowed(90, Some(95), 100));
        // Saving other settings keeps a deadline that has passed.
        assert!(deadline_allowed(90, Some(90), 100));
    }

    #[test]
    fn an_extension_ends_after_the_deadline_and_after_now() {
        assert_eq!(extension_floor(200, 100), 200);
        assert_eq!(extension_floor(50, 100), 100);
    }
}
