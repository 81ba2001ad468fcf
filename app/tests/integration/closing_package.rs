//! The closing package (Art. 8) as the province files it: one ZIP per
//! version with a cover sheet naming every part, the summary report, the
//! trainee list, the expense account the version froze and the files it
//! was sent with; for the programme's readers only, each download
//! audited.

use std::io::Read;

use app::closing::ClosingView;
use app::domain::closing::Refusal;
use app::error::{AppError, Problem};
use app::server::table::{read as read_sheet, Cell};
use axum::http::{header, StatusCode};

use crate::both;
use crate::certificate_pdf::text_of;
use crate::helpers::{Client, TestApp};
use crate::trainee::finished;

both!(a_version_downloads_as_one_package_listing_its_parts);

/// (name, bytes) of every file in the ZIP, in order.
async fn package(c: &mut Client, g: i64, version: i64) -> Vec<(String, Vec<u8>)> {
    let r = c
        .get(&format!("/programmes/{g}/closing/{version}/package.zip"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/zip");
    let disposition = r.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.raw)).expect("a whole ZIP");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_owned(), bytes)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, Vec<u8>)], prefix: &str) -> &'a [u8] {
    &parts
        .iter()
        .find(|(n, _)| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} in {:?}", names(parts)))
        .1
}

fn names(parts: &[(String, Vec<u8>)]) -> Vec<&str> {
    parts.iter().map(|(n, _)| n.as_str()).collect()
}

/// Every cell's text, row by row, of the workbook's first sheet.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    read_sheet(bytes)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

async fn a_version_downloads_as_one_package_listing_its_parts(app: TestApp) {
    let g = finished(&app).await;
    let mut unit = app.signed_in("weijian").await;
    let v: ClosingView = unit
        .call("closing", &[("programme_id", &g.to_string())])
        .await
        .json();
    let latest = v.latest().unwrap().clone();
    assert_eq!(latest.version, 2);

    let parts = package(&mut unit, g, 2).await;
    let listed = names(&parts);
    assert_eq!(listed[0], "00-封面.pdf", "{listed:?}");
    // Names the package gives, never the uploader's: no name or extension
    // a unit chose reaches the reader's disk.
    for name in &listed {
        assert!(name.ends_with(".pdf") || name.ends_with(".xlsx"), "{name}");
        assert!(!name.contains("签字"), "{name} keeps an uploaded name");
    }
    for prefix in [
        "01-总结报告",
        "02-学员名单",
        "04-经费决算表.xlsx",
        "05-经费决算表（盖章扫描件）",
    ] {
        assert!(
            listed.iter().any(|n| n.starts_with(prefix)),
            "{prefix} in {listed:?}"
        );
    }

    // The cover names the programme, the version and every other part.
    let cover = text_of(part(&parts, "00-"));
    for wanted in [
        v.topic.as_str(),
        "第2版",
        "逾期提交",
        latest.submitted_by.as_str(),
    ] {
        let wanted: String = wanted.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(cover.contains(&wanted), "{wanted} not in {cover}");
    }
    for name in &listed[1..] {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(cover.contains(&name), "{name} not on the cover: {cover}");
    }
    let summary = text_of(part(&parts, "01-"));
    let first: String = latest
        .summary
        .lines()
        .next()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(summary.contains(&first), "{first} not in {summary}");

    // The account as the version froze it: each line and the total.
    let account = cells(part(&parts, "04-"));
    let total = account
        .iter()
        .find(|r| r.get(3).is_some_and(|c| c == "合计"))
        .expect("a total row");
    assert_eq!(total[4], format!("{}", latest.spent as f64 / 100.0));
    let lines = account
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.parse::<u32>().is_ok()))
        .count();
    assert_eq!(lines as i64, latest.lines);
    assert!(
        account
            .iter()
            .flatten()
            .any(|c| c.contains("超出标准") || c.contains("超标")),
        "the over-cap lecture is flagged: {account:?}"
    );

    // Everyone admitted is on the list.
    let results: serde_json::Value = unit
        .call("assessment_overview", &[("programme_id", &g.to_string())])
        .await
        .json();
    let people = cells(part(&parts, "02-"));
    for row in results["rows"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        assert!(
            people.iter().any(|r| r.get(1).is_some_and(|c| c == name)),
            "{name}"
        );
    }

    // The scan is the file the version was sent with, byte for byte; the
    // version before carries its own.
    let scan = v
        .files
        .iter()
        .find(|f| f.version == Some(2) && f.kind == app::closing::FileKind::Scan)
        .unwrap();
    let sent = unit.get(&format!("/closing-files/{}", scan.id)).await.raw;
    assert_eq!(part(&parts, "05-"), sent.as_slice());
    let before = package(&mut unit, g, 1).await;
    assert_ne!(part(&before, "05-"), sent.as_slice());
    assert!(text_of(part(&before, "00-")).contains("第1版"));

    // Readers of the programme only; an unknown version is not found.
    let mut admin = app.signed_in("admin").await;
    package(&mut admin, g, 2).await;
    let mut inspector = app.signed_in("inspector").await;
    package(&mut inspector, g, 2).await;
    let path = format!("/programmes/{g}/closing/2/package.zip");
    for (who, status) in [
        (Some("ncst"), StatusCode::NOT_FOUND),
        (Some("trainee"), StatusCode::FORBIDDEN),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        let mut c = match who {
            Some(name) => app.signed_in(name).await,
            None => app.client(),
        };
        assert_eq!(c.get(&path).await.status, status, "{who:?}");
    }
    for version in ["9", "x", "0"] {
        let path = format!("/programmes/{g}/closing/{version}/package.zip");
        assert_eq!(
            unit.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'closing_package_downloaded' \
             AND target_id = '{g}'"
        ))
        .await,
        4
    );

    // A version carries the attachments of the one before: with them, no
    // more than ten go with the next.
    let r = admin
        .call(
            "review_closing",
            &[
                ("id", &latest.id.to_string()),
                ("accept", "false"),
                ("reason", "请补充附件"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let carried = v
        .files
        .iter()
        .filter(|f| f.version == Some(2) && f.kind == app::closing::FileKind::Other)
        .count();
    let id = g.to_string();
    let pdf: &[u8] = b"%PDF-1.4\n%%EOF\n";
    let mut added = 0;
    let refused = loop {
        let parts = [
            ("programme_id", None, id.as_bytes()),
            ("file", Some("附件.pdf"), pdf),
        ];
        match unit.multipart("upload_closing_file", &parts).await.error() {
            None if added < 20 => added += 1,
            other => break other,
        }
    };
    assert_eq!(carried + added, 10);
    assert_eq!(
        refused,
        Some(AppError::field(
            "file",
            Problem::Close(Refusal::TooManyFiles { max: 10 })
        ))
    );
}
