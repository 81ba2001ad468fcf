//! The certificate as paper: one A4 landscape page per certificate, with
//! what it said when issued (or last reissued) and a QR code of its
//! verification link. One file may hold a programme's certificates for
//! printing in one go.

use crate::server::pdf::{mm, Align, Doc, Font, PdfError, A4};
use pdf_writer::Rect;

/// What one certificate page shows.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub topic: String,
    pub start_date: String,
    pub end_date: String,
    pub class_hours: i64,
    pub number: String,
    pub issuer: String,
    /// Seconds since the epoch; shown as a date in Asia/Shanghai.
    pub issued_at: i64,
    pub version: i64,
    pub token: String,
}

const RED: (f32, f32, f32) = (0.62, 0.11, 0.09);
const INK: (f32, f32, f32) = (0.1, 0.1, 0.1);
const GREY: (f32, f32, f32) = (0.35, 0.35, 0.35);

/// The verification link a certificate's QR code holds.
pub fn verify_url(public_url: &str, token: &str) -> String {
    format!("{}/verify/{token}", public_url.trim_end_matches('/'))
}

/// A PDF of `sheets`, one page each, in this order.
pub fn render(font: &Font, public_url: &str, sheets: &[Sheet]) -> Result<Vec<u8>, PdfError> {
    let title = match sheets {
        [one] => format!("结业证书 {}", one.number),
        _ => "结业证书".to_owned(),
    };
    let mut doc = Doc::new(font, &title);
    for s in sheets {
        page(&mut doc, public_url, s)?;
    }
    doc.finish()
}

fn page(doc: &mut Doc, public_url: &str, s: &Sheet) -> Result<(), PdfError> {
    let (w, h) = (A4.1, A4.0);
    let mut p = doc.page((w, h));
    let m = mm(12.0);
    p.frame(Rect::new(m, m, w - m, h - m), 2.4, RED);
    let m2 = m + mm(2.5);
    p.frame(Rect::new(m2, m2, w - m2, h - m2), 0.6, RED);

    p.ink(RED);
    doc.text(
        &mut p,
        (w / 2.0, h - mm(52.0)),
        Align::Centre,
        40.0,
        18.0,
        true,
        "结业证书",
    );
    p.ink(INK);
    doc.text(
        &mut p,
        (w / 2.0, h - mm(66.0)),
        Align::Centre,
        14.0,
        1.0,
        false,
        "河北省专业技术人才知识更新工程高级研修项目",
    );

    let left = mm(40.0);
    let width = w - 2.0 * left;
    let size = 17.0;
    let leading = 31.0;
    let mut y = h - mm(90.0);
    doc.text(
        &mut p,
        (left, y),
        Align::Left,
        size,
        0.0,
        false,
        &format!("{} 同志：", s.name),
    );
    y -= leading;
    let body = format!(
        // The programme's hours: what the trainee took part in, not a
        // claim that every hour was attended (the register keeps those).
        "　　于{}至{}参加“{}”高级研修（共{}学时），经考核合格，准予结业。",
        chinese_date(&s.start_date),
        chinese_date(&s.end_date),
        s.topic,
        s.class_hours
    );
    for line in doc.wrap(&body, size, width) {
        doc.text(&mut p, (left, y), Align::Left, size, 0.0, false, &line);
        y -= leading;
    }
    doc.text(
        &mut p,
        (left, y),
        Align::Left,
        size,
        0.0,
        false,
        "　　特发此证。",
    );

    // The issuer and the date, lower right.
    let right = w - mm(40.0);
    let base = mm(46.0);
    doc.text(
        &mut p,
        (right, base + 26.0),
        Align::Right,
        16.0,
        0.0,
        false,
        &s.issuer,
    );
    let issued = crate::domain::shanghai_date(s.issued_at).to_string();
    doc.text(
        &mut p,
        (right, base),
        Align::Right,
        14.0,
        0.0,
        false,
        &chinese_date(&issued),
    );

    // The number and the QR code, lower left.
    let qr_side = mm(30.0);
    let qr_x = mm(28.0);
    let qr_y = mm(24.0);
    p.qr((qr_x, qr_y), qr_side, &verify_url(public_url, &s.token))?;
    let text_x = qr_x + qr_side + mm(3.0);
    let mut number = format!("证书编号：{}", s.number);
    if s.version > 1 {
        number.push_str(&format!("（第{}版）", s.version));
    }
    doc.text(
        &mut p,
        (text_x, qr_y + mm(18.0)),
        Align::Left,
        12.0,
        0.0,
        false,
        &number,
    );
    p.ink(GREY);
    doc.text(
        &mut p,
        (text_x, qr_y + mm(11.0)),
        Align::Left,
        10.0,
        0.0,
        false,
        "扫码或访问下方网址核验本证书真伪",
    );
    doc.text(
        &mut p,
        (text_x, qr_y + mm(5.0)),
        Align::Left,
        9.0,
        0.0,
        false,
        &verify_url(public_url, &s.token),
    );
    doc.end(p);
    Ok(())
}

/// 2026-09-01 → 2026年9月1日; anything else as it is.
fn chinese_date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        }
        Err(_) => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_the_chinese_way() {
        assert_eq!(super::chinese_date("2026-09-01"), "2026年9月1日");
        assert_eq!(super::chinese_date("?"), "?");
    }
}
