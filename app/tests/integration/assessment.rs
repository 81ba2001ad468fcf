//! Assessment: R9 and the attendance minimum hold for every save, at the
//! minimum's edge; a save and an import are all or nothing; a stale row
//! is a conflict; results reach the trainee only once published, and
//! only when every trainee has one; other organisations and trainees can
//! neither read nor assess.

use app::assessment::{AssessmentView, ImportDone, Row};
use app::domain::assessment::{Grade, Outcome, Refusal};
use app::error::{AppError, FieldError, Problem};
use app::trainee::{HomeView, MyScheduleView};
use axum::http::StatusCode;
use calamine::{Reader, Xlsx};

use crate::both;
use crate::helpers::{Client, TestApp};
use crate::trainee::finished;

both!(
    r9_and_the_attendance_minimum_hold_at_the_edge,
    a_save_is_all_or_nothing_and_results_show_once_published,
    an_imported_sheet_is_matched_checked_and_all_or_nothing,
    other_organisations_and_trainees_can_neither_read_nor_assess,
);

async fn overview(c: &mut Client, g: i64) -> AssessmentView {
    c.call("assessment_overview", &[("programme_id", &g.to_string())])
        .await
        .json()
}

/// The form the list sends for `rows`, each with its decision; the demo
/// published its results, so each save carries a correction's reason.
fn form(g: i64, rows: &[(&Row, [&str; 5])]) -> Vec<(String, String)> {
    let mut f = vec![
        ("programme_id".to_owned(), g.to_string()),
        ("correction".to_owned(), "复核后更正".to_owned()),
    ];
    for (r, values) in rows {
        let e = r.enrollment_id;
        for (field, v) in ["grade", "assessor", "comment", "outcome", "reason"]
            .iter()
            .zip(values)
        {
            f.push((format!("rows[{e}][{field}]"), (*v).to_owned()));
        }
        f.push((format!("rows[{e}][version]"), r.version.to_string()));
    }
    f
}

async fn save(c: &mut Client, f: &[(String, String)]) -> crate::helpers::Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call("save_assessments", &pairs).await
}

fn fields(e: Option<AppError>) -> Vec<FieldError> {
    match e {
        Some(AppError::Validation(list)) => list,
        other => panic!("expected a refusal by field, got {other:?}"),
    }
}

async fn set_min(app: &TestApp, percent: u32) {
    let mut admin = app.signed_in("admin").await;
    let s: app::settings::SettingsView = admin.call("province_settings", &[]).await.json();
    let r = admin
        .call(
            "save_min_attendance",
            &[
                ("percent", &percent.to_string()),
                ("version", &s.version.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn r9_and_the_attendance_minimum_hold_at_the_edge(app: TestApp) {
    let g = finished(&app).await;
    let mut hebmu = app.signed_in("hebmu").await;
    let v = overview(&mut hebmu, g).await;
    assert!(v.ended && v.may_edit);
    // R9: no paper, no grade and no pass; nothing is written.
    let none = v.rows.iter().find(|r| r.paper.is_none()).unwrap();
    let r = save(
        &mut hebmu,
        &form(g, &[(none, ["good", "王教授", "", "passed", ""])]),
    )
    .await;
    let e = none.enrollment_id;
    let problems = fields(r.error());
    assert!(problems.contains(&FieldError::new(
        &format!("{e}.grade"),
        Problem::Assess(Refusal::NoPaper)
    )));
    assert!(problems.contains(&FieldError::new(
        &format!("{e}.outcome"),
        Problem::Assess(Refusal::PassNeedsPaper)
    )));
    let again = overview(&mut hebmu, g).await;
    assert_eq!(again.rows, v.rows);

    // The minimum at its edge: a trainee with a paper who missed one
    // course, against the largest share their hours meet and the next.
    let y = v
        .rows
        .iter()
        .find(|r| r.paper.is_some() && r.attended == v.total_hours)
        .unwrap();
    sqlx::query(
        "DELETE FROM checkins WHERE enrollment_id = $1 AND course_id = \
         (SELECT MIN(course_id) FROM checkins WHERE enrollment_id = $1)",
    )
    .bind(y.enrollment_id)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let v = overview(&mut hebmu, g).await;
    let y = v
        .rows
        .iter()
        .find(|r| r.enrollment_id == y.enrollment_id)
        .unwrap();
    let edge = u32::try_from(y.attended * 100 / v.total_hours).unwrap();
    assert!(
        (50..100).contains(&edge),
        "{} of {}",
        y.attended,
        v.total_hours
    );
    // Decided failed first: the minimum is for new passes (a pass decided
    // under an earlier minimum keeps standing when its words change).
    let r = save(
        &mut hebmu,
        &form(g, &[(y, ["good", "王教授", "", "failed", ""])]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = overview(&mut hebmu, g).await;
    let y = v
        .rows
        .iter()
        .find(|r| r.enrollment_id == y.enrollment_id)
        .unwrap();
    let pass = ["good", "王教授", "修改后的评语", "passed", ""];
    set_min(&app, edge + 1).await;
    let r = save(&mut hebmu, &form(g, &[(y, pass)])).await;
    let required = (v.total_hours * i64::from(edge + 1) + 99) / 100;
    assert_eq!(
        fields(r.error()),
        vec![FieldError::new(
            &format!("{}.outcome", y.enrollment_id),
            Problem::Assess(Refusal::BelowAttendance {
                attended: y.attended,
                required
            })
        )]
    );
    set_min(&app, edge).await;
    let r = save(&mut hebmu, &form(g, &[(y, pass)])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = overview(&mut hebmu, g).await;
    let y2 = after
        .rows
        .iter()
        .find(|r| r.enrollment_id == y.enrollment_id)
        .unwrap();
    assert_eq!(y2.decision.outcome, Some(Outcome::Passed));
    assert_eq!(y2.decision.comment, "修改后的评语");
    assert_eq!(y2.version, y.version + 1);
    // The grade is the latest paper's.
    assert_eq!(y2.graded_paper, y2.paper.map(|p| p.0));
    assert!(!y2.newer_paper());
    // The minimum raised again: the pass stands when its comment changes.
    set_min(&app, edge + 1).await;
    let words = ["good", "王教授", "再改评语", "passed", ""];
    let r = save(&mut hebmu, &form(g, &[(y2, words)])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn a_save_is_all_or_nothing_and_results_show_once_published(app: TestApp) {
    let g = finished(&app).await;
    let mut hebmu = app.signed_in("hebmu").await;
    let v = overview(&mut hebmu, g).await;
    // The demo published its results: every trainee has one.
    assert!(v.published.is_some());
    assert_eq!(v.count(None), 0);
    let audits = "SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_corrected'";
    let before = app.count(audits).await;
    let none = v.rows.iter().find(|r| r.paper.is_none()).unwrap();
    let z = v
        .rows
        .iter()
        .find(|r| r.decision.outcome == Some(Outcome::Passed))
        .unwrap();
    let good = ["excellent", "王教授", "新评语", "passed", ""];
    let bad = ["", "", "", "passed", ""];
    let r = save(&mut hebmu, &form(g, &[(z, good), (none, bad)])).await;
    assert_eq!(fields(r.error()).len(), 1);
    assert_eq!(overview(&mut hebmu, g).await.rows, v.rows);
    assert_eq!(app.count(audits).await, before);

    // A published result is corrected with a reason, and only so.
    let without: Vec<(String, String)> = form(g, &[(z, good)])
        .into_iter()
        .filter(|(k, _)| k != "correction")
        .collect();
    let r = save(&mut hebmu, &without).await;
    assert_eq!(
        fields(r.error()),
        vec![FieldError::new("correction", Problem::Required)]
    );
    let r = save(&mut hebmu, &form(g, &[(z, good)])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count(audits).await, before + 1);
    let detail = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_corrected' \
         AND detail LIKE '#{}%复核后更正'",
        z.enrollment_id
    );
    assert_eq!(app.count(&detail).await, 1);
    // Another tab, read before that save: its change to the row is
    // refused by name; the rows it left alone are not sent over it.
    let stale = ["good", "王教授", "另一个标签页", "passed", ""];
    let r = save(&mut hebmu, &form(g, &[(z, stale)])).await;
    assert_eq!(
        fields(r.error()),
        vec![FieldError::new(
            &format!("{}.row", z.enrollment_id),
            Problem::Assess(Refusal::ChangedSince)
        )]
    );
    let mut untouched = form(g, &[(z, ["", "", "", "", ""])]);
    for (k, value) in untouched.iter_mut() {
        let field = k
            .rsplit('[')
            .next()
            .unwrap_or_default()
            .trim_end_matches(']');
        let d = &z.decision;
        *value = match field {
            "grade" => d.grade.map_or("", |g| g.as_str()).to_owned(),
            "assessor" => d.assessor.clone(),
            "comment" => d.comment.clone(),
            "outcome" => d.outcome.map_or("", |o| o.as_str()).to_owned(),
            "reason" => d.reason.clone(),
            _ => value.clone(),
        };
    }
    let e = z.enrollment_id;
    untouched.push((format!("rows[{e}][was]"), z.decision.fingerprint()));
    let r = save(&mut hebmu, &untouched).await;
    assert_eq!(r.json::<usize>(), 0);

    // The demo trainee sees her result; withdrawn from publication (as
    // before publishing), it is gone from her pages.
    let mut her = app.signed_in("trainee").await;
    let home: HomeView = her.call("my_home", &[]).await.json();
    let row = home.programmes.iter().find(|p| p.id == g).unwrap();
    assert_eq!(row.result, Some(Outcome::Passed));
    let mine: MyScheduleView = her
        .call("my_programme", &[("programme_id", &g.to_string())])
        .await
        .json();
    let result = mine.result.unwrap();
    assert_eq!(result.outcome, Outcome::Passed);
    assert!(result.grade.is_some());
    sqlx::query("DELETE FROM results_published WHERE programme_id = $1")
        .bind(g)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let home: HomeView = her.call("my_home", &[]).await.json();
    assert_eq!(
        home.programmes.iter().find(|p| p.id == g).unwrap().result,
        None
    );
    let mine: MyScheduleView = her
        .call("my_programme", &[("programme_id", &g.to_string())])
        .await
        .json();
    assert_eq!(mine.result, None);

    // Publishing needs every trainee's result (before publishing, a
    // result may be cleared).
    let v = overview(&mut hebmu, g).await;
    let z = v
        .rows
        .iter()
        .find(|r| r.enrollment_id == z.enrollment_id)
        .unwrap();
    let r = save(&mut hebmu, &form(g, &[(z, ["", "", "", "", ""])])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = g.to_string();
    let r = hebmu
        .call("publish_results", &[("programme_id", &id)])
        .await;
    assert_eq!(
        fields(r.error()),
        vec![FieldError::new(
            "results",
            Problem::Assess(Refusal::Unfinished { count: 1 })
        )]
    );
    let v = overview(&mut hebmu, g).await;
    let z = v
        .rows
        .iter()
        .find(|r| r.enrollment_id == z.enrollment_id)
        .unwrap();
    let r = save(&mut hebmu, &form(g, &[(z, good)])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = hebmu
        .call("publish_results", &[("programme_id", &id)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home: HomeView = her.call("my_home", &[]).await.json();
    assert_eq!(
        home.programmes.iter().find(|p| p.id == g).unwrap().result,
        Some(Outcome::Passed)
    );
    // The demo's two publications and this one.
    let published = "SELECT COUNT(*) FROM audit_log WHERE action = 'results_published'";
    assert_eq!(app.count(published).await, 3);
    // Published again, a result cannot be cleared, even with a reason.
    let v = overview(&mut hebmu, g).await;
    let z = v
        .rows
        .iter()
        .find(|r| r.enrollment_id == z.enrollment_id)
        .unwrap();
    let r = save(&mut hebmu, &form(g, &[(z, ["", "", "", "", ""])])).await;
    assert_eq!(
        fields(r.error()),
        vec![FieldError::new(
            &format!("{}.outcome", z.enrollment_id),
            Problem::Required
        )]
    );
}

async fn import(c: &mut Client, g: i64, name: &str, bytes: &[u8]) -> crate::helpers::Reply {
    let id = g.to_string();
    c.multipart(
        "import_assessments",
        &[
            ("programme_id", None, id.as_bytes()),
            ("file", Some(name), bytes),
        ],
    )
    .await
}

async fn an_imported_sheet_is_matched_checked_and_all_or_nothing(app: TestApp) {
    let g = finished(&app).await;
    let mut hebmu = app.signed_in("hebmu").await;
    // Published results are corrected on the list, not by a sheet.
    let r = import(
        &mut hebmu,
        g,
        "x.csv",
        "姓名,考核结果\n李晓燕,合格\n".as_bytes(),
    )
    .await;
    assert_eq!(
        r.error(),
        Some(AppError::field(
            "file",
            Problem::Assess(Refusal::AlreadyPublished)
        ))
    );
    // As before publishing.
    sqlx::query("DELETE FROM results_published WHERE programme_id = $1")
        .bind(g)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let v = overview(&mut hebmu, g).await;

    // The downloaded sheet lists every trainee under its header, and sent
    // back as it is changes nothing.
    let sheet = hebmu.get(&format!("/programmes/{g}/assessment.xlsx")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    let mut book = Xlsx::new(std::io::Cursor::new(sheet.raw.clone())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "学员编号");
    assert_eq!(range.rows().count(), 3 + v.rows.len());
    let r = import(&mut hebmu, g, "考核表.xlsx", &sheet.raw).await;
    assert_eq!(r.json::<ImportDone>().changed, 0);

    // An own sheet: a title row, other column names, a pass without a
    // paper and a stranger. Every bad row is named; nothing is saved.
    let none = v.rows.iter().find(|r| r.paper.is_none()).unwrap();
    let z = v
        .rows
        .iter()
        .find(|r| {
            r.decision.outcome == Some(Outcome::Passed) && r.decision.grade != Some(Grade::Pass)
        })
        .unwrap();
    let csv = format!(
        "2026年第一期学员成绩汇总\n学员编号,姓名,成绩,评阅专家,结业情况,备注\n\
         {},{},合格,张教授,准予结业,\n{},{},,,合格,\n,查无此人,良好,张教授,合格,\n",
        z.enrollment_id, z.name, none.enrollment_id, none.name
    );
    let r = import(&mut hebmu, g, "成绩.csv", csv.as_bytes()).await;
    let rows = match r.error() {
        Some(AppError::Rows(rows)) => rows,
        other => panic!("{other:?}: {}", r.body),
    };
    let at: Vec<(u32, &str)> = rows.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(at, vec![(5, "B（姓名）")]);
    assert_eq!(overview(&mut hebmu, g).await.rows, v.rows);
    // Without the stranger the rules speak, by row and column.
    let csv = csv.replace(",查无此人,良好,张教授,合格,\n", "");
    let r = import(&mut hebmu, g, "成绩.csv", csv.as_bytes()).await;
    let rows = match r.error() {
        Some(AppError::Rows(rows)) => rows,
        other => panic!("{other:?}: {}", r.body),
    };
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].row, rows[0].column.as_str()), (4, "E（结业情况）"));
    assert_eq!(rows[0].problem, Problem::Assess(Refusal::PassNeedsPaper));
    assert_eq!(overview(&mut hebmu, g).await.rows, v.rows);
    // The good row alone, in GB18030 as Excel saves CSV in China.
    let good = format!(
        "学员编号,姓名,成绩,评阅专家,结业情况\n{},{},合格,张教授,准予结业\n",
        z.enrollment_id, z.name
    );
    let (gb, _, _) = encoding_rs::GB18030.encode(&good);
    let r = import(&mut hebmu, g, "成绩.csv", &gb).await;
    assert_eq!(r.json::<ImportDone>().changed, 1);
    let after = overview(&mut hebmu, g).await;
    let z2 = after
        .rows
        .iter()
        .find(|r| r.enrollment_id == z.enrollment_id)
        .unwrap();
    assert_eq!(z2.decision.grade, Some(Grade::Pass));
    assert_eq!(z2.decision.assessor, "张教授");
    let imported = "SELECT COUNT(*) FROM audit_log WHERE action = 'assessments_imported'";
    assert_eq!(app.count(imported).await, 1);
    // The sheet downloaded before that import is stale for that row: sent
    // back with a change to the row, it is refused by its row.
    let mut book = Xlsx::new(std::io::Cursor::new(sheet.raw.clone())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let mut csv = String::from("学员编号,姓名,论文成绩,评语,版本\n");
    for row in range.rows().skip(3) {
        if row[0].to_string() == z.enrollment_id.to_string() {
            csv.push_str(&format!(
                "{},{},良好,旧表里改的评语,{}\n",
                row[0], row[1], row[10]
            ));
        }
    }
    let r = import(&mut hebmu, g, "旧表.csv", csv.as_bytes()).await;
    let rows = match r.error() {
        Some(AppError::Rows(rows)) => rows,
        other => panic!("{other:?}: {}", r.body),
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].problem, Problem::Assess(Refusal::ChangedSince));
}

async fn other_organisations_and_trainees_can_neither_read_nor_assess(app: TestApp) {
    let g = finished(&app).await;
    let id = g.to_string();
    let mut hebmu = app.signed_in("hebmu").await;
    let v = overview(&mut hebmu, g).await;
    let z = &v.rows[0];
    let f = form(g, &[(z, ["", "", "", "failed", ""])]);

    // Another institution: not found, by the list, the save, the sheet
    // and the import, and nothing changes.
    let mut other = app.signed_in("institution").await;
    let r = other
        .call("assessment_overview", &[("programme_id", &id)])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    assert_eq!(save(&mut other, &f).await.error(), Some(AppError::NotFound));
    let r = other
        .call("publish_results", &[("programme_id", &id)])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let sheet = other.get(&format!("/programmes/{g}/assessment.xlsx")).await;
    assert_eq!(sheet.status, StatusCode::NOT_FOUND);
    let r = import(&mut other, g, "x.csv", b"name,grade\nx,y\n").await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    // Its own unit and an inspector read it; another unit does not; none
    // of them may change it.
    let mut unit = app.signed_in("weijian").await;
    assert_eq!(overview(&mut unit, g).await.rows.len(), v.rows.len());
    assert!(!overview(&mut unit, g).await.may_edit);
    assert_eq!(save(&mut unit, &f).await.error(), Some(AppError::Forbidden));
    let mut unit2 = app.signed_in("unit").await;
    let r = unit2
        .call("assessment_overview", &[("programme_id", &id)])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    // A trainee reads only her own result.
    let mut her = app.signed_in("trainee").await;
    let r = her
        .call("assessment_overview", &[("programme_id", &id)])
        .await;
    assert_eq!(r.error(), Some(AppError::Forbidden));
    let sheet = her.get(&format!("/programmes/{g}/assessment.xlsx")).await;
    assert_eq!(sheet.status, StatusCode::FORBIDDEN);
    assert_eq!(overview(&mut hebmu, g).await.rows, v.rows);
}
