//! Enrollment: applying (ID checksum, the new account), the import's
//! all-or-nothing rule, admission up to the plan, R7, the export.

use app::enrollment::{NoticeView, TraineesView};
use app::error::{AppError, Problem, RowError};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, Reply, TestApp};

both!(
    a_person_applies_with_a_checked_id_and_no_account_is_made,
    an_import_with_one_bad_row_imports_nothing,
    admission_stops_at_the_planned_number_and_the_mix_is_shown,
);

async fn apply(c: &mut Client, programme: i64, id_number: &str, mobile: &str) -> Reply {
    c.call(
        "apply",
        &[
            ("programme_id", &programme.to_string()),
            ("name", "王芳"),
            ("gender", "female"),
            ("id_number", id_number),
            ("mobile", mobile),
            ("employer", "天津轨道交通集团"),
            ("province", "天津市"),
            ("title_level", "associate_senior"),
        ],
    )
    .await
}

async fn a_person_applies_with_a_checked_id_and_no_account_is_made(app: TestApp) {
    let g = app.enrolling().await;
    let mut anyone = app.client();
    let notice: NoticeView = anyone
        .call("enrollment_notice", &[("programme_id", &g.to_string())])
        .await
        .json();
    assert!(notice.open);
    let before = app.count("SELECT COUNT(*) FROM enrollments").await;
    // One digit off: the check character no longer matches.
    let r = apply(&mut anyone, g, "110101197505050063", "13700001111").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("id_number").cloned()),
        Some(Problem::IdChecksum)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM enrollments").await, before);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE username = '13700001111'")
            .await,
        0
    );
    let r = apply(&mut anyone, g, "110101197505050062", "13700001111").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        before + 1
    );
    // Signed out, no account is made: one that could sign in at once would
    // tell anyone whether a mobile number was registered already.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE username = '13700001111'")
            .await,
        0
    );
    // The same identity number again is answered as any application (a
    // stranger learns nothing) and recorded nowhere.
    let again = apply(&mut app.client(), g, "110101197505050062", "13700002222").await;
    assert_eq!(again.status, r.status);
    assert_eq!(again.body, r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        before + 1
    );
    // Nobody can apply to a programme whose filing does not stand.
    let filed: i64 = app
        .count("SELECT programme_id FROM filings WHERE status = 'filed' LIMIT 1")
        .await;
    let r = apply(
        &mut app.client(),
        filed,
        "130203197806150042",
        "13700003333",
    )
    .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    // The institution sees the applicant, ID masked.
    let mut inst = app.signed_in("institution").await;
    let v: TraineesView = inst
        .call("list_trainees", &[("programme_id", &g.to_string())])
        .await
        .json();
    let row = v.rows.iter().find(|r| r.name == "王芳").unwrap();
    assert_eq!(row.id_number, "1101**********0062");
    assert_eq!(row.mobile, "13700001111");
    let page = inst.get(&format!("/programmes/{g}/trainees")).await;
    assert!(
        !page.body.contains("110101197505050062"),
        "no page shows the full ID"
    );
}

fn workbook(rows: &[[&str; 7]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "姓名",
        "性别",
        "身份证号",
        "手机号",
        "工作单位",
        "省份",
        "职称/职务",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn import(c: &mut Client, programme: i64, bytes: &[u8]) -> Reply {
    let id = programme.to_string();
    c.multipart(
        "import_trainees",
        &[
            ("programme_id", None, id.as_bytes()),
            ("file", Some("list.xlsx"), bytes),
        ],
    )
    .await
}

async fn an_import_with_one_bad_row_imports_nothing(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let good1 = [
        "孙丽",
        "女",
        "130203197806150042",
        "13600001111",
        "唐山市人民医院",
        "河北省",
        "正高级",
    ];
    let bad = [
        "周强",
        "男",
        "130602198209090054",
        "13600002222",
        "保定市财政局",
        "河北省",
        "中级",
    ];
    let good2 = [
        "吴刚",
        "男",
        "130602198209090053",
        "13600003333",
        "保定市财政局",
        "河北省",
        "管理岗位",
    ];
    let before = app.count("SELECT COUNT(*) FROM enrollments").await;
    let r = import(&mut inst, g, &workbook(&[good1, bad, good2])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.error(),
        Some(AppError::Rows(vec![RowError {
            row: 3,
            column: "C（身份证号）".into(),
            field: "id_number".into(),
            problem: Problem::IdChecksum
        }]))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        before,
        "nothing half-imported"
    );
    // A person already on the list (the demo trainee) is skipped, not an
    // error: institutions send a growing list again.
    let dup = [
        "李晓燕",
        "女",
        "130102198503120025",
        "13800138001",
        "石家庄市轨道交通集团",
        "河北省",
        "副高级",
    ];
    let r = import(&mut inst, g, &workbook(&[good1, good2, dup])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json::<app::enrollment::Imported>(),
        app::enrollment::Imported {
            imported: 2,
            skipped: 1
        }
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        before + 2
    );
    // The same list again: nothing new, all skipped.
    let r = import(&mut inst, g, &workbook(&[good1, good2])).await;
    assert_eq!(
        r.json::<app::enrollment::Imported>(),
        app::enrollment::Imported {
            imported: 0,
            skipped: 2
        }
    );
    let r = import(&mut inst, g, b"not a workbook").await;
    // Plain text is read as a CSV file, which names no columns.
    assert_eq!(
        r.error().and_then(|e| e.problem_for("file").cloned()),
        Some(Problem::NoHeaderRow)
    );
    // Only the programme's own institution may import.
    let mut unit = app.signed_in("unit").await;
    assert_eq!(
        import(&mut unit, g, &workbook(&[good1])).await.error(),
        Some(AppError::Forbidden)
    );
}

async fn admission_stops_at_the_planned_number_and_the_mix_is_shown(app: TestApp) {
    let g = app.enrolling().await;
    // Two places; the demo has admitted one trainee from inside Hebei.
    sqlx::query("UPDATE programmes SET trainees = 2 WHERE id = $1")
        .bind(g)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let inst = app.signed_in("institution").await;
    let list = |c: &Client| {
        let mut c = c.fork();
        async move {
            let v: TraineesView = c
                .call("list_trainees", &[("programme_id", &g.to_string())])
                .await
                .json();
            v
        }
    };
    let v = list(&inst).await;
    assert!(
        v.mix.warns_no_outside(),
        "R7: only trainees from inside the province"
    );
    let outside = v
        .rows
        .iter()
        .find(|r| r.province == "北京市")
        .unwrap()
        .clone();
    let other = v.rows.iter().find(|r| r.name == "赵磊").unwrap().clone();
    let decide = |id: i64, version: i64, admit: bool| {
        let mut c = inst.fork();
        async move {
            c.call(
                "decide_enrollment",
                &[
                    ("id", &id.to_string()),
                    ("version", &version.to_string()),
                    ("admit", &admit.to_string()),
                ],
            )
            .await
        }
    };
    let r = decide(outside.id, outside.version, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = list(&inst).await;
    assert_eq!((v.mix.admitted, v.mix.inside, v.mix.outside), (2, 1, 1));
    assert!(!v.mix.warns_no_outside());
    let r = decide(other.id, other.version, true).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("admit").cloned()),
        Some(Problem::OverQuota { max: 2 })
    );
    let r = decide(other.id, other.version, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = decide(other.id, other.version, false).await;
    assert_eq!(r.error(), Some(AppError::Conflict), "a stale version");

    // The export: full IDs for the institution, with a reason, masked for
    // the unit; every export audited with the reader's address.
    let mut c = inst.fork();
    let xlsx = c.get(&format!("/programmes/{g}/trainees/xlsx")).await;
    assert_eq!(
        xlsx.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no reason given"
    );
    let xlsx = c
        .get(&format!(
            "/programmes/{g}/trainees/xlsx?reason=registration"
        ))
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'trainees_exported' \
             AND detail LIKE '%registration' AND ip = '10.1.2.3'"
        )
        .await,
        1
    );
    let mut unit = app.signed_in("unit").await;
    assert_eq!(
        unit.get(&format!("/programmes/{g}/trainees/xlsx"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.client()
            .get(&format!("/programmes/{g}/trainees/xlsx"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let rows = crate::plan::sheet_as(
        &app,
        &format!("/programmes/{g}/trainees/xlsx?reason=certificates"),
        Some(&inst),
    )
    .await;
    assert!(rows
        .iter()
        .any(|r| r.get(3).is_some_and(|id| id == "110105198001010032")));
    let rows =
        crate::plan::sheet_as(&app, &format!("/programmes/{g}/trainees/xlsx"), Some(&unit)).await;
    assert!(rows.iter().skip(2).all(|r| r[3].contains("****")));
}
