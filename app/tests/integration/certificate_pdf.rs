//! The certificate as PDF, read back the way people read it: its text
//! extracted by poppler's pdftotext (the right Chinese characters, not
//! look-alikes or boxes), its QR code rendered and decoded by zbar to the
//! verification link, one certificate under 200 KB. The holder downloads
//! their own; the programme's readers print every valid one; nobody else
//! gets any.

use std::process::Command;

use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};
use crate::trainee::finished;

both!(
    the_holder_downloads_a_certificate_that_reads_and_scans_right,
    the_institution_prints_every_valid_certificate_of_its_programme,
);

/// Runs `script` in `sh` with the PDF's path as `$0`, in a directory of
/// its own; poppler-utils and zbar-tools come with `scripts/setup.sh
/// --tests`.
fn shell(script: &str, pdf: &[u8]) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gaoyan-pdf-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("c.pdf"), pdf).unwrap();
    let out = Command::new("sh")
        .args(["-c", script, "c.pdf"])
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{script}: {} (poppler-utils and zbar-tools come with scripts/setup.sh --tests)",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text as a reader copies it, without the line breaks and layout
/// spaces (a long topic wraps).
pub fn text_of(pdf: &[u8]) -> String {
    shell("pdftotext -enc UTF-8 \"$0\" -", pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages_of(pdf: &[u8]) -> usize {
    shell("pdfinfo \"$0\"", pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The QR codes of every page, decoded from the page as printed.
fn qr_codes(pdf: &[u8]) -> Vec<String> {
    shell(
        "pdftoppm -r 110 -png \"$0\" page && zbarimg -q --raw page*.png",
        pdf,
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

async fn pdf(c: &mut Client, path: &str) -> Vec<u8> {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    assert_eq!(r.headers["content-type"], "application/pdf");
    let disposition = r.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    r.raw
}

type Held = (i64, String, String, String, i64, String, String);

async fn held_by(app: &TestApp, username: &str, g: i64) -> Held {
    sqlx::query_as(
        "SELECT c.id, c.number, c.name, c.topic, c.class_hours, c.issuer, c.token \
         FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id \
         JOIN accounts a ON a.id = e.account_id WHERE a.username = $1 AND c.programme_id = $2",
    )
    .bind(username)
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

async fn the_holder_downloads_a_certificate_that_reads_and_scans_right(app: TestApp) {
    let g = finished(&app).await;
    let (id, number, name, topic, hours, issuer, token) = held_by(&app, "trainee", g).await;
    let mut her = app.signed_in("trainee").await;
    let path = format!("/me/programmes/{g}/certificate.pdf");
    let bytes = pdf(&mut her, &path).await;
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    assert_eq!(pages_of(&bytes), 1);
    let text = text_of(&bytes);
    for wanted in [
        "结业证书",
        name.as_str(),
        topic.as_str(),
        number.as_str(),
        issuer.as_str(),
        &format!("（共{hours}学时）"),
    ] {
        let wanted: String = wanted.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&wanted), "{wanted} not in {text}");
    }
    // The QR code holds the verification link, which shows the
    // certificate to anyone.
    let url = format!("{}/verify/{token}", app.state.config.public_url);
    assert_eq!(qr_codes(&bytes), std::slice::from_ref(&url));
    let mut anyone = app.client();
    let page = anyone
        .get(url.trim_start_matches(&app.state.config.public_url))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&number), "{}", page.body);

    // Nobody else downloads it: signed out, or staff on the holder's
    // path (the path names no certificate: a trainee gets only their own).
    let r = app.client().get(&path).await;
    assert!(
        r.status.is_client_error() || r.status.is_redirection(),
        "{}",
        r.status
    );
    assert_ne!(
        r.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/pdf"[..])
    );
    let mut hebmu = app.signed_in("hebmu").await;
    assert_eq!(hebmu.get(&path).await.status, StatusCode::FORBIDDEN);
    // Once revoked, it is not printed again.
    let mut admin = app.signed_in("admin").await;
    let r = admin
        .call(
            "revoke_certificate",
            &[("id", &id.to_string()), ("reason", "测试撤销")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(her.get(&path).await.status, StatusCode::NOT_FOUND);
}

async fn the_institution_prints_every_valid_certificate_of_its_programme(app: TestApp) {
    let g = finished(&app).await;
    let valid = app
        .count(&format!(
            "SELECT COUNT(*) FROM certificates WHERE programme_id = {g} AND revoked_at IS NULL"
        ))
        .await;
    let revoked: String = sqlx::query_scalar(
        "SELECT number FROM certificates WHERE programme_id = $1 AND revoked_at IS NOT NULL",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let all = format!("/programmes/{g}/certificates.pdf");
    for who in ["hebmu", "admin", "weijian"] {
        let mut c = app.signed_in(who).await;
        let bytes = pdf(&mut c, &all).await;
        assert_eq!(pages_of(&bytes) as i64, valid, "{who}");
        let text = text_of(&bytes);
        assert!(
            !text.contains(&revoked),
            "a revoked certificate printed for {who}"
        );
        assert_eq!(qr_codes(&bytes).len() as i64, valid);
    }
    // One of them, by its id; a revoked one is not found.
    let (one, number): (i64, String) = sqlx::query_as(
        "SELECT id, number FROM certificates WHERE programme_id = $1 AND revoked_at IS NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut hebmu = app.signed_in("hebmu").await;
    let bytes = pdf(&mut hebmu, &format!("{all}?certificate={one}")).await;
    assert_eq!(pages_of(&bytes), 1);
    assert!(text_of(&bytes).contains(&number));
    let revoked_id = app
        .count(&format!(
            "SELECT id FROM certificates WHERE programme_id = {g} AND revoked_at IS NOT NULL"
        ))
        .await;
    let r = hebmu.get(&format!("{all}?certificate={revoked_id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Every staff download is audited with what it held.
    let audited = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificates_downloaded'")
        .await;
    assert_eq!(audited, 4);

    // Another institution and another unit find nothing; a trainee may
    // not read the programme's certificates.
    for who in ["ncst", "nongye"] {
        let mut c = app.signed_in(who).await;
        assert_eq!(c.get(&all).await.status, StatusCode::NOT_FOUND, "{who}");
    }
    let mut her = app.signed_in("trainee").await;
    assert!(her.get(&all).await.status.is_client_error());
    // A programme with no valid certificate has nothing to print.
    let r = hebmu.get("/programmes/999999/certificates.pdf").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
