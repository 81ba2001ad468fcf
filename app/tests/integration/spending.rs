//! Spending against the fee standards (R11, R12, R15): lecture fees per
//! class hour by the lecturer's title, accommodation per person-day, by
//! the standard in force on the programme's start date; a charge to
//! trainees flagged; the funds received against the spending to the fen;
//! another organisation's programme out of reach.

use app::domain::fees::{FeeStandard, Over};
use app::domain::spending::{DayGroup, Flag};
use app::domain::{yuan_input, Fen};
use app::error::{AppError, Problem};
use app::spending::{FeesView, SpendingView};
use axum::http::StatusCode;
use chrono::{Days, NaiveDate};

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    lecture_fees_are_judged_by_the_standard_in_force_on_the_start_date,
    per_day_caps_hold_at_the_cap_and_flag_one_fen_over,
    a_charge_to_trainees_is_flagged_and_the_funds_must_add_up,
    only_the_programmes_own_unit_and_institution_enter_spending,
    a_finance_sheet_is_entered_all_or_nothing,
);

async fn view(c: &mut Client, g: i64) -> SpendingView {
    let r = c
        .call("spending", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn add(c: &mut Client, g: i64, fields: &[(&str, &str)]) -> Option<AppError> {
    let id = g.to_string();
    let mut form = vec![("programme_id", id.as_str()), ("source", "government")];
    form.extend_from_slice(fields);
    c.call("add_spending_line", &form).await.error()
}

fn yuan(fen: i64) -> String {
    yuan_input(fen)
}

/// The newest standard's caps as the admin's form would send them, with
/// every lecture cap set to `lecture` fen.
fn caps(s: &FeeStandard, lecture: i64) -> Vec<(String, String)> {
    s.items()
        .into_iter()
        .map(|(k, f)| {
            let fen = if k.starts_with("lecture-") {
                lecture
            } else {
                f.fen()
            };
            (format!("caps[{k}]"), yuan(fen))
        })
        .collect()
}

async fn add_standard(
    c: &mut Client,
    from: NaiveDate,
    caps: &[(String, String)],
) -> Option<AppError> {
    let from = from.to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("effective_from", from.as_str()),
        ("note", "冀财行〔测试〕"),
    ];
    form.extend(caps.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    c.call("add_fee_standard", &form).await.error()
}

async fn lecture_fees_are_judged_by_the_standard_in_force_on_the_start_date(app: TestApp) {
    let g = app.enrolling().await;
    let mut institution = app.signed_in("institution").await;
    let v = view(&mut institution, g).await;
    assert!(v.may_edit);
    let l = v
        .lectures
        .first()
        .expect("the schedule has lectures")
        .clone();
    let per = v.standard.lecture_cap(l.title).fen();
    let cap = per * l.hours;
    let key = l.key();

    // At the cap: no flag. One fen more for the same lecture, in a line of
    // its own: flagged with the cap and the excess, and entered all the
    // same (splitting a fee changes nothing).
    for amount in [cap, 1] {
        let typed = yuan(amount);
        let e = add(
            &mut institution,
            g,
            &[
                ("category", "lecture_fees"),
                ("lecture", &key),
                ("amount", &typed),
            ],
        )
        .await;
        assert_eq!(e, None);
    }
    let v = view(&mut institution, g).await;
    assert_eq!(v.lines.len(), 2);
    assert!(v.lines[0].flags.is_empty(), "{:?}", v.lines[0].flags);
    let one_fen = Over {
        cap: Fen::from_fen(cap).unwrap(),
        excess: Fen::from_fen(1).unwrap(),
    };
    assert_eq!(v.lines[1].flags, vec![Flag::OverCap(one_fen)]);
    assert_eq!(v.total, cap + 1);
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'spending_line_added' \
             AND detail LIKE '%over_cap%' AND target_id = '{g}'"
        ))
        .await;
    assert_eq!(audited, 1);

    // A version taking effect the day after the start does not apply; one
    // taking effect on the start date does.
    let start = NaiveDate::parse_from_str(&v.start_date, "%Y-%m-%d").unwrap();
    let mut admin = app.signed_in("admin").await;
    let fees: FeesView = admin.call("fee_standards", &[]).await.json();
    let newest = fees.versions[0].standard.clone();
    let lower = caps(&newest, per - 100);
    let next_day = start.checked_add_days(Days::new(1)).unwrap();
    assert_eq!(add_standard(&mut admin, next_day, &lower).await, None);
    let v = view(&mut institution, g).await;
    assert_eq!(v.standard.effective_from, newest.effective_from);
    assert!(v.lines[0].flags.is_empty());
    assert_eq!(add_standard(&mut admin, start, &lower).await, None);
    let v = view(&mut institution, g).await;
    assert_eq!(v.standard.effective_from, start);
    assert_eq!(
        v.lines[0].flags,
        vec![Flag::OverCap(Over {
            cap: Fen::from_fen(cap - 100 * l.hours).unwrap(),
            excess: Fen::from_fen(100 * l.hours).unwrap(),
        })]
    );

    // A version in force cannot be added after the fact, nor a second one
    // for the same day; a missing cap is named; only the admin adds.
    let yesterday = chrono::Utc::now()
        .date_naive()
        .pred_opt()
        .unwrap()
        .pred_opt()
        .unwrap();
    assert_eq!(
        add_standard(&mut admin, yesterday, &lower).await,
        Some(AppError::field("effective_from", Problem::InPast))
    );
    assert_eq!(
        add_standard(&mut admin, start, &lower).await,
        Some(AppError::field("effective_from", Problem::Taken))
    );
    let mut short = lower.clone();
    short.retain(|(k, _)| k != "caps[third-meals]");
    assert_eq!(
        add_standard(&mut admin, next_day.succ_opt().unwrap(), &short).await,
        Some(AppError::field("third-meals", Problem::Required))
    );
    assert_eq!(
        add_standard(&mut institution, next_day.succ_opt().unwrap(), &lower).await,
        Some(AppError::Forbidden)
    );
    let versions = app.count("SELECT COUNT(*) FROM fee_standards").await;
    assert_eq!(versions, 3);
    let audited = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action = 'fee_standard_added'")
        .await;
    assert_eq!(audited, 2);

    // A version not yet in force may be withdrawn, unless it already
    // judges entered spending (the enrolling programme's, from its start
    // date); one in force never.
    let fees: FeesView = admin.call("fee_standards", &[]).await.json();
    let id_of = |from: NaiveDate| {
        fees.versions
            .iter()
            .find(|s| s.standard.effective_from == from)
            .unwrap()
            .id
            .to_string()
    };
    let (on_start, after) = (id_of(start), id_of(next_day));
    assert_eq!(
        admin
            .call("withdraw_fee_standard", &[("id", &on_start)])
            .await
            .error(),
        Some(AppError::field("standard", Problem::StandardInUse))
    );
    assert_eq!(
        institution
            .call("withdraw_fee_standard", &[("id", &after)])
            .await
            .error(),
        Some(AppError::Forbidden)
    );
    let national = fees.versions.last().unwrap().id.to_string();
    assert_eq!(
        admin
            .call("withdraw_fee_standard", &[("id", &national)])
            .await
            .error(),
        Some(AppError::NotFound)
    );
    // The version from the day after the start judges nothing entered.
    let r = admin.call("withdraw_fee_standard", &[("id", &after)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM fee_standards").await, 2);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'fee_standard_withdrawn' \
             AND target_id = '{after}' AND detail LIKE '{next_day} 冀财行〔测试〕 [lecture-%'"
        ))
        .await,
        1
    );
}

/// The finished programme whose class was admitted: person-days to judge.
async fn with_trainees(app: &TestApp, c: &mut Client) -> (i64, SpendingView) {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM programmes p JOIN organisations i ON i.id = p.institution_id \
         WHERE i.name = (SELECT o.name FROM organisations o JOIN accounts a ON a.org_id = o.id \
         WHERE a.username = 'hebmu') ORDER BY p.start_date",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    for g in ids {
        // The demo's closing holds the finished programme's account.
        app.reopen_account(g).await;
        let v = view(c, g).await;
        if v.person_days() > 0 {
            return (g, v);
        }
    }
    panic!("no programme of hebmu has admitted trainees");
}

async fn per_day_caps_hold_at_the_cap_and_flag_one_fen_over(app: TestApp) {
    let mut hebmu = app.signed_in("hebmu").await;
    let (g, v) = with_trainees(&app, &mut hebmu).await;
    let before = v.lines.len();
    let days = v.person_days();
    let per_day = v.standard.day_caps(v.category).accommodation.fen();
    let other: i64 = v
        .lines
        .iter()
        .filter(|l| l.line.category == app::domain::ExpenseCategory::Accommodation)
        .map(|l| l.line.amount.fen())
        .sum();
    let room = per_day * days - other;
    assert!(
        room > 1,
        "the demo's accommodation leaves room under the cap"
    );
    let typed = yuan(room);
    assert_eq!(
        add(
            &mut hebmu,
            g,
            &[("category", "accommodation"), ("amount", &typed)]
        )
        .await,
        None
    );
    let v = view(&mut hebmu, g).await;
    assert_eq!(v.lines.len(), before + 1);
    assert!(
        !v.day_overs
            .iter()
            .any(|(d, _)| *d == DayGroup::Accommodation),
        "{:?}",
        v.day_overs
    );
    assert_eq!(
        add(
            &mut hebmu,
            g,
            &[("category", "accommodation"), ("amount", "0.01")]
        )
        .await,
        None
    );
    let v = view(&mut hebmu, g).await;
    let over = v
        .day_overs
        .iter()
        .find(|(d, _)| *d == DayGroup::Accommodation)
        .map(|(_, o)| *o);
    assert_eq!(
        over,
        Some(Over {
            cap: Fen::from_fen(per_day * days).unwrap(),
            excess: Fen::from_fen(1).unwrap()
        })
    );
}

async fn a_charge_to_trainees_is_flagged_and_the_funds_must_add_up(app: TestApp) {
    let g = app.enrolling().await;
    let mut unit = app.signed_in("unit").await;
    let e = add(
        &mut unit,
        g,
        &[
            ("category", "materials"),
            ("amount", "1,200.50"),
            ("charged_to_trainees", "1"),
            ("note", "资料费向学员收取"),
        ],
    )
    .await;
    assert_eq!(e, None);
    let v = view(&mut unit, g).await;
    let line = v.lines.last().unwrap();
    assert_eq!(line.flags, vec![Flag::TraineeCharge]);
    assert_eq!(line.line.amount.fen(), 120_050);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%trainee_charge%'")
            .await,
        1
    );

    // R15: the funds received one fen short of the spending.
    let id = g.to_string();
    let short = yuan(v.total - 1);
    let form = [
        ("programme_id", id.as_str()),
        ("government", short.as_str()),
        ("unit", ""),
        ("society", ""),
        ("individual", ""),
    ];
    let r = unit.call("save_programme_account", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(&mut unit, g).await;
    assert_eq!(v.unbalanced(), -1);
    let mut even = form;
    let whole = yuan(v.total - 1);
    even[1].1 = whole.as_str();
    even[2].1 = "0.01";
    assert_eq!(
        unit.call("save_programme_account", &even).await.error(),
        None
    );
    assert_eq!(view(&mut unit, g).await.unbalanced(), 0);
    let mut bad = even;
    bad[3].1 = "12.345";
    assert_eq!(
        unit.call("save_programme_account", &bad).await.error(),
        Some(AppError::field("society", Problem::TooManyDecimals))
    );

    // The province sets the training category (the caps it is judged by);
    // the programme's own unit may not choose its caps, and saving the
    // funds leaves the category alone.
    let category = [
        ("programme_id", id.as_str()),
        ("training_category", "second"),
    ];
    assert_eq!(
        unit.call("set_training_category", &category).await.error(),
        Some(AppError::Forbidden)
    );
    let mut admin = app.signed_in("admin").await;
    let r = admin.call("set_training_category", &category).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        unit.call("save_programme_account", &even).await.error(),
        None
    );
    let v = view(&mut unit, g).await;
    assert_eq!(v.category, app::domain::fees::TrainingCategory::Second);
    assert_eq!(v.unbalanced(), 0);
    assert!(view(&mut admin, g).await.may_set_category && !v.may_set_category);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'training_category_set' AND detail = 'third → second'").await,
        1
    );
}

async fn only_the_programmes_own_unit_and_institution_enter_spending(app: TestApp) {
    let g = app.enrolling().await;
    let id = g.to_string();
    // Another institution neither sees nor writes; the inspector reads
    // only; a trainee has no way in.
    let mut hebmu = app.signed_in("hebmu").await;
    let r = hebmu.call("spending", &[("programme_id", &id)]).await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    assert_eq!(
        add(&mut hebmu, g, &[("category", "meals"), ("amount", "10")]).await,
        Some(AppError::NotFound)
    );
    let mut inspector = app.signed_in("inspector").await;
    assert!(!view(&mut inspector, g).await.may_edit);
    assert_eq!(
        add(
            &mut inspector,
            g,
            &[("category", "meals"), ("amount", "10")]
        )
        .await,
        Some(AppError::Forbidden)
    );
    let mut trainee = app.signed_in("trainee").await;
    let r = trainee.call("spending", &[("programme_id", &id)]).await;
    assert_eq!(r.error(), Some(AppError::Forbidden));

    // Bad fields are named; a lecture of another programme's schedule is
    // not a choice; nothing is written by any of these.
    let mut institution = app.signed_in("institution").await;
    let other_course: (i64, i64) = sqlx::query_as(
        "SELECT c.id, cl.lecturer_id FROM courses c JOIN course_lecturers cl ON cl.course_id = c.id \
         WHERE c.programme_id <> $1 LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let stranger = format!("{}:{}", other_course.0, other_course.1);
    let e = add(
        &mut institution,
        g,
        &[
            ("category", "lecture_fees"),
            ("lecture", &stranger),
            ("amount", "100"),
        ],
    )
    .await;
    assert_eq!(e, Some(AppError::field("lecture", Problem::InvalidChoice)));
    let e = add(
        &mut institution,
        g,
        &[("category", "lecture_fees"), ("amount", "100")],
    )
    .await;
    assert_eq!(e, Some(AppError::field("lecture", Problem::Required)));
    let e = add(
        &mut institution,
        g,
        &[("category", "gifts"), ("amount", "0")],
    )
    .await;
    assert_eq!(
        e,
        Some(AppError::Validation(vec![
            app::error::FieldError::new("category", Problem::InvalidChoice),
            app::error::FieldError::new("amount", Problem::Required),
        ]))
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM spending_lines WHERE programme_id = {g}"
        ))
        .await,
        0
    );

    // The institution's line: the other institution cannot remove it.
    assert_eq!(
        add(
            &mut institution,
            g,
            &[("category", "meals"), ("amount", "10")]
        )
        .await,
        None
    );
    let line = view(&mut institution, g).await.lines[0].id.to_string();
    let pair = [("programme_id", id.as_str()), ("line_id", line.as_str())];
    assert_eq!(
        hebmu.call("remove_spending_line", &pair).await.error(),
        Some(AppError::NotFound)
    );
    let mut unit = app.signed_in("unit").await;
    assert_eq!(unit.call("remove_spending_line", &pair).await.error(), None);
    assert!(view(&mut unit, g).await.lines.is_empty());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'spending_line_removed'")
            .await,
        1
    );
}

async fn import(c: &mut Client, g: i64, csv: &str) -> crate::helpers::Reply {
    let id = g.to_string();
    let parts = [
        ("programme_id", None, id.as_bytes()),
        ("file", Some("支出.csv"), csv.as_bytes()),
    ];
    c.multipart("import_spending", &parts).await
}

/// An import that takes the place of every line entered so far.
async fn replace(c: &mut Client, g: i64, csv: &str) -> crate::helpers::Reply {
    let id = g.to_string();
    let parts = [
        ("programme_id", None, id.as_bytes()),
        ("replace", None, b"1".as_slice()),
        ("file", Some("支出.csv"), csv.as_bytes()),
    ];
    c.multipart("import_spending", &parts).await
}

async fn a_finance_sheet_is_entered_all_or_nothing(app: TestApp) {
    let g = app.enrolling().await;
    let mut institution = app.signed_in("institution").await;
    let v = view(&mut institution, g).await;
    let l = v.lectures.first().unwrap().clone();
    let over = yuan(v.standard.lecture_cap(l.title).fen() * l.hours + 1);
    let day = &l.day[..10];

    // One bad row refuses the whole sheet, named by row and column.
    let bad = format!(
        "经费支出明细\n序号,费用名称,授课内容,主讲人,授课日期,金额（元）,经费来源,备注\n\
         1,讲课费,{},{},{day},{over},财政拨款,超标\n\
         2,礼品费,,,,100,单位,\n",
        l.course, l.lecturer
    );
    let r = import(&mut institution, g, &bad).await;
    let Some(AppError::Rows(rows)) = r.error() else {
        panic!("{}", r.body)
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].row, rows[0].problem.clone()),
        (4, Problem::NotAnExpenseCategory)
    );
    assert!(rows[0].column.starts_with('B'), "{}", rows[0].column);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM spending_lines WHERE programme_id = {g}"
        ))
        .await,
        0
    );

    // The corrected sheet: a title row, other column names, full-width
    // digits, a total row; the over-cap lecture is flagged as typed ones are.
    let good = format!(
        "经费支出明细\n序号,费用名称,授课内容,主讲人,授课日期,金额（元）,经费来源,备注\n\
         1,讲课费,{},{},{day},{over},财政拨款,超标\n\
         2,餐费,,,,１２００.５,单位自筹,\n\
         ,合计,,,,,,\n",
        l.course, l.lecturer
    );
    let r = import(&mut institution, g, &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(&mut institution, g).await;
    assert_eq!(v.lines.len(), 2);
    assert!(matches!(v.lines[0].flags.as_slice(), [Flag::OverCap(_)]));
    assert_eq!(v.lines[1].line.amount.fen(), 120_050);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'spending_imported' AND detail LIKE '2 lines%over_cap%'").await,
        1
    );

    // The same sheet sent again is refused rather than doubled.
    assert_eq!(
        import(&mut institution, g, &good).await.error(),
        Some(AppError::field("file", Problem::AlreadyImported))
    );
    assert_eq!(view(&mut institution, g).await.lines.len(), 2);
    // An amended sheet takes the place of what was entered when asked to,
    // with the sources as finance offices write them.
    let amended = format!(
        "费用名称,授课内容,主讲人,授课日期,金额,经费来源
         讲课费,{},{},{day},100,政府投入
         伙食费,,,,1200.50,单位
         资料费,,,,80,个人缴费
",
        l.course, l.lecturer
    );
    let r = replace(&mut institution, g, &amended).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json::<app::spending::Imported>(),
        app::spending::Imported {
            added: 3,
            replaced: 2
        }
    );
    let v = view(&mut institution, g).await;
    let amounts: Vec<i64> = v.lines.iter().map(|l| l.line.amount.fen()).collect();
    assert_eq!(amounts, [10_000, 120_050, 8_000]);
    assert!(v.lines[0].flags.is_empty());
    assert_eq!(
        v.spent.1,
        [10_000, 120_050, 0, 8_000],
        "government, unit, society, individual"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'spending_imported' AND detail LIKE '3 lines%replaced 2 lines%'").await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'spending_line_removed' AND detail LIKE '%replaced by an import%'").await,
        2
    );
    // A replace box that says neither yes nor no is refused, nothing done.
    let id = g.to_string();
    let parts = [
        ("programme_id", None, id.as_bytes()),
        ("replace", None, b"maybe".as_slice()),
        ("file", Some("支出.csv"), amended.as_bytes()),
    ];
    let r = institution.multipart("import_spending", &parts).await;
    assert_eq!(r.error(), Some(AppError::BadRequest));
    assert_eq!(view(&mut institution, g).await.lines.len(), 3);

    // Another institution's upload is refused before its file is read.
    let mut hebmu = app.signed_in("hebmu").await;
    assert_eq!(
        import(&mut hebmu, g, &good).await.error(),
        Some(AppError::NotFound)
    );
    // The template lists the schedule's lectures for the programme's own.
    let t = institution
        .get(&format!("/programmes/{g}/spending.xlsx"))
        .await;
    assert_eq!(t.status, StatusCode::OK);
    assert_eq!(
        hebmu
            .get(&format!("/programmes/{g}/spending.xlsx"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
