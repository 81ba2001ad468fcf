//! The continuing-education hours export: a year's valid certificates as
//! Excel, identity numbers masked unless the admin gives a reason, every
//! export audited; nobody but the admin and inspectors gets it.

use app::certificates::CertificateYear;
use axum::http::StatusCode;
use calamine::{Reader, Xlsx};

use crate::both;
use crate::helpers::TestApp;
use crate::trainee::finished;

both!(the_years_completions_export_masked_or_with_a_reason,);

pub fn rows(raw: &[u8]) -> Vec<Vec<String>> {
    let mut book = Xlsx::new(std::io::Cursor::new(raw.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

async fn the_years_completions_export_masked_or_with_a_reason(app: TestApp) {
    let g = finished(&app).await;
    let year = app
        .count(&format!(
            "SELECT MIN(year) FROM certificates WHERE programme_id = {g}"
        ))
        .await;
    let valid = app
        .count(&format!(
            "SELECT COUNT(*) FROM certificates WHERE year = {year} AND revoked_at IS NULL"
        ))
        .await;
    let mut admin = app.signed_in("admin").await;
    let years: Vec<CertificateYear> = admin.call("certificate_years", &[]).await.json();
    let this = years.iter().find(|y| i64::from(y.year) == year).unwrap();
    assert_eq!(this.valid, valid);
    assert_eq!(this.revoked, 1);

    let path = format!("/admin/certificates/{year}.xlsx");
    let masked = admin.get(&path).await;
    assert_eq!(masked.status, StatusCode::OK, "{}", masked.body);
    let table = rows(&masked.raw);
    assert_eq!(
        table[1],
        [
            "序号",
            "姓名",
            "身份证号",
            "工作单位",
            "项目名称",
            "项目学时",
            "出勤学时",
            "证书编号",
            "结业日期",
            "发证日期"
        ]
    );
    let body = &table[2..];
    assert_eq!(body.len() as i64, valid);
    let (number, hours, attended, end): (String, i64, i64, String) = sqlx::query_as(
        "SELECT c.number, c.class_hours, r.attended, c.end_date FROM certificates c \
         JOIN enrollments e ON e.id = c.enrollment_id JOIN accounts a ON a.id = e.account_id \
         JOIN completion_register_rows r \
           ON r.register_id = c.register_id AND r.enrollment_id = c.enrollment_id \
         WHERE a.username = 'trainee' AND c.programme_id = $1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let hers = body.iter().find(|r| r[7] == number).expect("her row");
    assert_eq!(hers[1], "李晓燕");
    assert_eq!(hers[2], "1301**********0025");
    assert_eq!(hers[5], hours.to_string());
    assert_eq!(hers[6], attended.to_string());
    assert_eq!(hers[8], end);
    // The revoked certificate is not in the register.
    let revoked: String = sqlx::query_scalar(
        "SELECT number FROM certificates WHERE programme_id = $1 AND revoked_at IS NOT NULL",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert!(body.iter().all(|r| r[7] != revoked));

    // Whole numbers with a reason from the list, and only then.
    let r = admin.get(&format!("{path}?reason=because")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let full = admin.get(&format!("{path}?reason=ce_register")).await;
    assert_eq!(full.status, StatusCode::OK);
    let table = rows(&full.raw);
    let hers = table.iter().find(|r| r.get(7) == Some(&number)).unwrap();
    assert_eq!(hers[2], "130102198503120025");
    assert!(table[0][0].contains("含完整身份证号"), "{:?}", table[0]);
    let saved = full.headers["content-disposition"].to_str().unwrap();
    assert!(saved.contains("full-ids"), "{saved}");
    let details: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'completions_exported' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(details[0].ends_with("masked"), "{details:?}");
    assert!(
        details[1].ends_with("full id numbers: ce_register"),
        "{details:?}"
    );

    // An inspector reads masked numbers only; everyone else gets nothing.
    let mut inspector = app.signed_in("inspector").await;
    assert_eq!(inspector.get(&path).await.status, StatusCode::OK);
    let r = inspector.get(&format!("{path}?reason=ce_register")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for who in ["hebmu", "weijian", "trainee"] {
        let mut c = app.signed_in(who).await;
        assert_eq!(c.get(&path).await.status, StatusCode::FORBIDDEN, "{who}");
        let r = c.call("certificate_years", &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert!(app.client().get(&path).await.status.is_client_error());
    assert_eq!(
        admin.get("/admin/certificates/1800.xlsx").await.status,
        StatusCode::NOT_FOUND
    );
}
