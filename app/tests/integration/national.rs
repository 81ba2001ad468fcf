//! A national programme's certificates numbered by the ministry from a
//! sheet: the demo's register awaiting its unit is submitted and
//! approved, the admin downloads the template, a faulty sheet is refused
//! row by row with nothing issued, and the ministry's own list (its own
//! column names, a title row, full-width digits) issues every
//! certificate with its number.

use app::certificates::CompletionView;
use app::domain::certificate::{CertProblem, Level};
use app::error::{AppError, Problem};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(the_ministrys_numbers_are_imported_all_or_none,);

const REGISTERING: &str = "基层卫生人才全科诊疗能力提升高级研修班";

async fn overview(c: &mut Client, g: i64) -> CompletionView {
    c.call("completion_overview", &[("programme_id", &g.to_string())])
        .await
        .json()
}

async fn import(c: &mut Client, g: i64, csv: &str) -> crate::helpers::Reply {
    let id = g.to_string();
    let parts = [
        ("programme_id", None, id.as_bytes()),
        ("file", Some("人社部编号.csv"), csv.as_bytes()),
    ];
    c.multipart("import_national_numbers", &parts).await
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

async fn the_ministrys_numbers_are_imported_all_or_none(app: TestApp) {
    let g: i64 = sqlx::query_scalar("SELECT id FROM programmes WHERE topic = $1")
        .bind(REGISTERING)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    // The demo left the register to its unit, with the results published.
    let mut unit = app.signed_in("weijian").await;
    let v = overview(&mut unit, g).await;
    assert!(v.published && v.registers.is_empty() && v.may_submit());
    let r = unit
        .call("submit_register", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut admin = app.signed_in("admin").await;
    let v = overview(&mut admin, g).await;
    assert!(v.national);
    // Before approval there is nothing to number.
    let r = import(&mut admin, g, "姓名,证书编号\n高春燕,RSB1\n").await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    let id = v.registers[0].id.to_string();
    let r = admin
        .call("review_register", &[("id", &id), ("approve", "true")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = overview(&mut admin, g).await;
    let awaiting: Vec<(i64, String)> = v
        .to_issue()
        .iter()
        .map(|r| (r.enrollment_id, r.name.clone()))
        .collect();
    assert!(awaiting.len() >= 5, "{awaiting:?}");

    // The template lists them, for the admin only.
    let path = format!("/programmes/{g}/national-numbers.xlsx");
    let r = admin.get(&path).await;
    assert_eq!(r.status, StatusCode::OK);
    let sheet = crate::hours::rows(&r.raw);
    for (e, name) in &awaiting {
        assert!(
            sheet
                .iter()
                .any(|row| row[0] == e.to_string() && &row[1] == name),
            "{name}"
        );
    }
    assert_eq!(unit.get(&path).await.status, StatusCode::FORBIDDEN);
    let mut other = app.signed_in("nongye").await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    let r = import(&mut unit, g, "姓名,证书编号\n高春燕,RSB1\n").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A faulty sheet: one number written like the province's, two rows
    // sharing a number; then a stranger; then one trainee left out.
    let year = v.year;
    let mut csv = String::from("学员编号,姓名,证书编号\n");
    for (i, (e, name)) in awaiting.iter().enumerate() {
        let number = match i {
            1 => format!("冀高研〔{year}〕第0999号"),
            2 | 3 => "RSB-DUP".to_owned(),
            _ => format!("RSB{year}{i:04}"),
        };
        csv.push_str(&format!("{e},{name},{number}\n"));
    }
    let r = import(&mut admin, g, &csv).await;
    let Some(AppError::Rows(rows)) = r.error() else {
        panic!("{}", r.body)
    };
    let at: Vec<(u32, &Problem)> = rows.iter().map(|e| (e.row, &e.problem)).collect();
    assert!(
        at.iter().any(|(row, p)| *row == 3
            && matches!(p, Problem::Certify(CertProblem::LooksProvincial { .. }))),
        "{at:?}"
    );
    assert!(
        at.iter().any(
            |(row, p)| *row == 5 && matches!(p, Problem::Certify(CertProblem::Repeated { .. }))
        ),
        "{at:?}"
    );
    let r = import(
        &mut admin,
        g,
        &format!("{csv}999999,赵六,RSB9\n").replace("RSB-DUP", "RSB-X"),
    )
    .await;
    let Some(AppError::Rows(rows)) = r.error() else {
        panic!("{}", r.body)
    };
    assert!(rows.iter().any(|e| e.field == "number"
        && e.problem == Problem::Assess(app::domain::assessment::Refusal::NotOnList)));
    let missing = awaiting[0].1.clone();
    let good: String = awaiting
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, (e, name))| format!("{e},{name},RSB{year}{i:04}\n"))
        .collect();
    let r = import(&mut admin, g, &format!("学员编号,姓名,证书编号\n{good}")).await;
    assert_eq!(
        r.error(),
        Some(AppError::field(
            "file",
            Problem::Certify(CertProblem::Missing { name: missing })
        )),
        "{}",
        r.body
    );
    let none = format!("SELECT COUNT(*) FROM certificates WHERE programme_id = {g}");
    assert_eq!(app.count(&none).await, 0);

    // The ministry's own list: a title row, its column names in another
    // order, full-width digits, a blank number for one who did not pass.
    let mut list =
        String::from("人社部高级研修项目结业证书编号\n结业证书编号,姓名,学员编号,备注\n");
    for (i, (e, name)) in awaiting.iter().enumerate() {
        list.push_str(&format!(
            "{},{name},{e},\n",
            full_width(&format!("RSB{year}{i:04}"))
        ));
    }
    let failed = v
        .current
        .iter()
        .find(|r| r.outcome != app::domain::assessment::Outcome::Passed)
        .expect("one who did not pass");
    list.push_str(&format!(
        ",{},{},未结业\n",
        failed.name, failed.enrollment_id
    ));
    let r = import(&mut admin, g, &list).await;
    assert_eq!(r.json::<usize>(), awaiting.len(), "{}", r.body);
    let v = overview(&mut admin, g).await;
    assert_eq!(v.certificates.len(), awaiting.len());
    for (i, (e, _)) in awaiting.iter().enumerate() {
        let c = v
            .certificates
            .iter()
            .find(|c| c.enrollment_id == *e)
            .unwrap();
        assert_eq!(c.number, format!("RSB{year}{i:04}"));
        assert_eq!(c.level, Level::National);
    }
    let issued = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issued' AND target_id IN \
         (SELECT CAST(id AS TEXT) FROM certificates WHERE programme_id = {g})"
    );
    assert_eq!(app.count(&issued).await, awaiting.len() as i64);
    // Nothing is left to number.
    let r = import(&mut admin, g, &list).await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    assert_eq!(admin.get(&path).await.status, StatusCode::NOT_FOUND);
}
