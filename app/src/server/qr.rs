//! QR codes as SVG markup, drawn on the server: one path of unit squares,
//! so the page needs no script and the code scales to any screen or paper.

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone around a code, in modules.
pub const QUIET: i32 = 4;

/// The code of `text` (medium error correction): its side in modules and
/// its dark modules as (column, row) from the top left, without the quiet
/// zone. `None` only if the text is too long for any QR version (never for
/// this app's short links).
pub fn modules(text: &str) -> Option<(i32, Vec<(i32, i32)>)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let dark = (0..size)
        .flat_map(|y| (0..size).map(move |x| (x, y)))
        .filter(|&(x, y)| qr.get_module(x, y))
        .collect();
    Some((size, dark))
}

/// An SVG of `text` with its quiet zone, labelled for screen readers with
/// `label`.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let (size, dark) = modules(text)?;
    let mut path = String::new();
    for (x, y) in dark {
        path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
    }
    let dim = size + QUIET * 2;
    let label = label
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" role=\"img\" \
         aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" \
         height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_becomes_an_svg_with_its_label() {
        let s = super::svg("https://example.org/checkin/1/2/abc", "签到 <码>").unwrap();
        assert!(s.starts_with("<svg"));
        assert!(s.contains("aria-label=\"签到 &lt;码>\""));
        assert!(s.contains("<path d=\"M"));
    }
}
