//! The answer of a download route: the bytes, their type, and the name a
//! browser saves them under.

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const PDF: &str = "application/pdf";

/// `attachment` with the ASCII `fallback` for old browsers and, if given,
/// the real (possibly Chinese) name in the RFC 5987 form.
pub fn disposition(fallback: &str, name: Option<&str>) -> String {
    let mut disposition = format!("attachment; filename=\"{fallback}\"");
    if let Some(name) = name {
        let encoded: String = name
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        disposition.push_str(&format!("; filename*=UTF-8''{encoded}"));
    }
    disposition
}

/// `fallback` is an ASCII name for old browsers; `name`, if given, is the
/// real (possibly Chinese) name in the RFC 5987 form.
pub fn file(
    content_type: &'static str,
    fallback: &str,
    name: Option<&str>,
    bytes: Vec<u8>,
) -> Response {
    let disposition = disposition(fallback, name);
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// A workbook as made by `rust_xlsxwriter`, or a logged 500 if it could
/// not be written (`what` names it in the log).
pub fn workbook(
    made: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
    fallback: &str,
    name: &str,
    what: &str,
) -> Response {
    match made {
        Ok(bytes) => file(XLSX, fallback, Some(name), bytes),
        Err(e) => {
            tracing::error!(error = %e, what, "writing a workbook");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// How the app's own Excel tables look: a bold centred title, bold
/// centred column heads, and bordered cells whose text wraps.
pub struct SheetLook {
    pub title: rust_xlsxwriter::Format,
    pub head: rust_xlsxwriter::Format,
    pub cell: rust_xlsxwriter::Format,
}

pub fn sheet_look() -> SheetLook {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
    SheetLook {
        title: Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center),
        head: Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        cell: Format::new().set_border(FormatBorder::Thin).set_text_wrap(),
    }
}
