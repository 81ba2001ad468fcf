//! Programme preparation: R3, R4, R5, R6, returns and versions, scoping.

use app::error::{AppError, Problem};
use app::prep::{FilingStatus, PrepView};
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, Reply, TestApp};
use crate::planning::{form, open_call, proposal, save};

both!(
    the_schedule_keeps_to_forms_dates_clashes_and_own_lecturers,
    filing_needs_thirty_two_hours_and_vetted_lecturers,
    r3_a_filing_on_the_due_day_is_on_time_and_the_next_day_late,
    another_institution_cannot_see_the_preparation,
    attachments_are_capped_pdfs_that_stay_with_their_filing,
    class_hours_fit_the_course_time_at_the_province_length,
    end_times_deadlines_and_quota_splits_are_named_by_their_own_rule,
    the_registry_refuses_a_second_entry_corrects_and_retires,
);

/// A programme of next year's plan, run by the demo unit and institution,
/// from 05-10 to 05-15: (programme id, year).
pub async fn fresh_programme(app: &TestApp) -> (i64, i32) {
    let o = open_call(app).await;
    let mut unit = app.signed_in("unit").await;
    let id: i64 = save(&mut unit, &form(&o, &[])).await.json();
    let v = proposal(&mut unit, id).await;
    let r = unit
        .call(
            "submit_proposal",
            &[("id", &id.to_string()), ("version", &v.version.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut admin = app.signed_in("admin").await;
    let version: i64 = sqlx::query_scalar("SELECT version FROM topic_calls WHERE id = $1")
        .bind(o.call_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let r = admin
        .call(
            "set_call_closed",
            &[
                ("id", &o.call_id.to_string()),
                ("version", &version.to_string()),
                ("closed", "true"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = proposal(&mut unit, id).await;
    let key = format!("ids[{id}]");
    let r = admin
        .call(
            "decide_proposals",
            &[
                (&key, &v.version.to_string()),
                ("decision", "select"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = admin
        .call(
            "publish_plan",
            &[
                ("call_id", &o.call_id.to_string()),
                ("version", &(version + 1).to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let programme: i64 = sqlx::query_scalar("SELECT id FROM programmes WHERE proposal_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    (programme, o.year)
}

pub async fn prep(c: &mut Client, programme: i64) -> PrepView {
    let r = c
        .call("programme_prep", &[("id", &programme.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

pub async fn lecturer(inst: &mut Client, name: &str) -> i64 {
    let r = inst
        .call(
            "create_lecturer",
            &[
                ("name", name),
                ("title_level", "full_senior"),
                ("affiliation", "河北工业大学"),
                ("field", "数字政务"),
                ("bio", ""),
                ("phone", "13900001111"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

#[allow(clippy::too_many_arguments)]
pub async fn course(
    inst: &mut Client,
    programme: i64,
    day: &str,
    start: &str,
    end: &str,
    form: &str,
    hours: &str,
    lecturer: i64,
) -> Reply {
    let key = format!("lecturers[{lecturer}]");
    inst.call(
        "add_course",
        &[
            ("programme_id", &programme.to_string()),
            ("day", day),
            ("start_time", start),
            ("end_time", end),
            ("title", "数字政务专题"),
            ("form", form),
            ("class_hours", hours),
            ("place", "石家庄市"),
            (&key, "on"),
        ],
    )
    .await
}

pub async fn vet(c: &mut Client, programme: i64, lecturer: i64, approve: bool) -> Reply {
    c.call(
        "vet_lecturer",
        &[
            ("programme_id", &programme.to_string()),
            ("lecturer_id", &lecturer.to_string()),
            ("expertise_reviewer", "张敏"),
            ("expertise_date", "2026-11-20"),
            ("expertise_note", "资历与实践经验符合要求"),
            ("compliance_reviewer", "李强"),
            ("compliance_date", "2026-11-20"),
            ("compliance_note", "无违法违纪记录"),
            ("approve", if approve { "true" } else { "false" }),
        ],
    )
    .await
}

pub async fn file(unit: &mut Client, programme: i64, apply_until: &str) -> Reply {
    file_with(unit, programme, apply_until, ("60", "45", "15")).await
}

/// A filing with these places: (all, inside Hebei, outside).
async fn file_with(
    unit: &mut Client,
    programme: i64,
    apply_until: &str,
    (quota, inside, outside): (&str, &str, &str),
) -> Reply {
    unit.call(
        "file_programme",
        &[
            ("programme_id", &programme.to_string()),
            ("objectives", "提升数字政务能力"),
            ("content", "专题讲座、现场教学"),
            ("organisation", "班主任负责"),
            ("budget_text", "按六类列支"),
            ("eligibility", "中级及以上职称"),
            ("quota", quota),
            ("quota_in_province", inside),
            ("quota_out_province", outside),
            ("how_to_apply", "在线报名"),
            ("apply_until", apply_until),
        ],
    )
    .await
}

fn problem(r: &Reply, field: &str) -> Option<Problem> {
    r.error().and_then(|e| e.problem_for(field).cloned())
}

/// Four four-hour days plus `extra` hours on the fifth: 16 + extra.
pub async fn schedule(inst: &mut Client, programme: i64, year: i32, lecturer: i64, extra: &str) {
    for d in 10..14 {
        let day = format!("{year}-05-{d}");
        let r = course(
            inst, programme, &day, "08:30", "12:00", "keynote", "4", lecturer,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    for d in 10..13 {
        let day = format!("{year}-05-{d}");
        let r = course(
            inst, programme, &day, "14:00", "17:30", "seminar", "4", lecturer,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let day = format!("{year}-05-14");
    let r = course(
        inst,
        programme,
        &day,
        "14:00",
        "17:30",
        "field_visit",
        extra,
        lecturer,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn the_schedule_keeps_to_forms_dates_clashes_and_own_lecturers(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let l = lecturer(&mut inst, "周明").await;
    let day = format!("{y}-05-10");
    let r = course(&mut inst, g, &day, "08:30", "12:00", "lecture", "4", l).await;
    assert_eq!(
        problem(&r, "form"),
        Some(Problem::InvalidChoice),
        "R5: five forms only"
    );
    let r = course(
        &mut inst,
        g,
        &format!("{y}-05-16"),
        "08:30",
        "12:00",
        "keynote",
        "4",
        l,
    )
    .await;
    assert_eq!(problem(&r, "day"), Some(Problem::OutsideProgramme));
    let r = course(&mut inst, g, &day, "08:30", "12:00", "keynote", "4", l).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = course(&mut inst, g, &day, "11:30", "13:00", "seminar", "2", l).await;
    assert_eq!(problem(&r, "start_time"), Some(Problem::Clash));
    let r = course(&mut inst, g, &day, "12:00", "13:00", "seminar", "1", l).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "touching courses do not clash: {}",
        r.body
    );
    // A lecturer of another institution.
    let foreign: i64 = app
        .count("SELECT MIN(l.id) FROM lecturers l JOIN organisations o ON o.id = l.institution_id WHERE o.name = '河北医科大学'")
        .await;
    let r = course(
        &mut inst,
        g,
        &format!("{y}-05-11"),
        "08:30",
        "12:00",
        "keynote",
        "4",
        foreign,
    )
    .await;
    assert_eq!(problem(&r, "lecturers"), Some(Problem::InvalidChoice));
    let v = prep(&mut inst, g).await;
    assert_eq!(v.total_hours, 5);
    assert_eq!(v.courses.len(), 2);
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'course_added'")
            .await
            >= 2
    );
}

async fn filing_needs_thirty_two_hours_and_vetted_lecturers(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let mut unit = app.signed_in("unit").await;
    let l = lecturer(&mut inst, "周明").await;
    let until = format!("{y}-04-30");
    schedule(&mut inst, g, y, l, "3").await;
    let v = prep(&mut inst, g).await;
    assert_eq!(v.total_hours, 31);
    let r = file(&mut unit, g, &until).await;
    assert_eq!(
        problem(&r, "schedule"),
        Some(Problem::BelowMinimum { min: 32 }),
        "R4 at 31"
    );
    let big = "9223372036854775807";
    let r = file_with(&mut unit, g, &until, ("60", big, big)).await;
    assert_eq!(
        problem(&r, "quota_in_province"),
        Some(Problem::TooLarge),
        "no overflow"
    );
    // Make the last course four hours: exactly 32.
    let last = v.courses.last().unwrap().id;
    inst.call("remove_course", &[("id", &last.to_string())])
        .await;
    let day = format!("{y}-05-14");
    let r = course(&mut inst, g, &day, "14:00", "17:30", "field_visit", "4", l).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(prep(&mut inst, g).await.total_hours, 32);
    let r = file(&mut unit, g, &until).await;
    assert_eq!(
        problem(&r, "schedule"),
        Some(Problem::Unvetted {
            names: "周明".into()
        }),
        "R6"
    );
    let r = vet(&mut unit, g, l, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = file(&mut unit, g, &until).await;
    assert!(
        matches!(problem(&r, "schedule"), Some(Problem::Unvetted { .. })),
        "a rejected vetting is no approval"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM filings WHERE programme_id = {g}"
        ))
        .await,
        0
    );
    let r = vet(&mut inst, g, l, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = file(&mut unit, g, &until).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Filed: the schedule is frozen until it is returned.
    let r = course(
        &mut inst,
        g,
        &format!("{y}-05-15"),
        "08:30",
        "12:00",
        "keynote",
        "4",
        l,
    )
    .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    assert_eq!(
        file(&mut unit, g, &until).await.error(),
        Some(AppError::WrongState)
    );
}

async fn r3_a_filing_on_the_due_day_is_on_time_and_the_next_day_late(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let mut unit = app.signed_in("unit").await;
    let mut admin = app.signed_in("admin").await;
    let l = lecturer(&mut inst, "周明").await;
    schedule(&mut inst, g, y, l, "4").await;
    vet(&mut inst, g, l, true).await;
    let v = prep(&mut unit, g).await;
    // The start is 05-10, so filing is due 04-10 (one calendar month).
    assert_eq!(v.due_date, format!("{y}-04-10"));
    let shanghai = |date: &str, time: &str| app::domain::parse_deadline(date, time).unwrap();
    app.state
        .clock
        .set(shanghai(&format!("{y}-04-10"), "23:59"));
    assert_eq!(prep(&mut unit, g).await.days_left, 0);
    let until = format!("{y}-04-30");
    let r = file(&mut unit, g, &until).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let f = prep(&mut unit, g).await.filings[0].clone();
    assert!(!f.late, "filed on the due day: on time");

    // Returned with reasons (a reason is required), then filed again late.
    let id = f.id.to_string();
    let r = admin
        .call(
            "review_filing",
            &[("id", &id), ("acknowledge", "false"), ("reason", "")],
        )
        .await;
    assert_eq!(problem(&r, "reason"), Some(Problem::Required));
    let r = admin
        .call(
            "review_filing",
            &[
                ("id", &id),
                ("acknowledge", "false"),
                ("reason", "招收人数与计划不符"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.state
        .clock
        .set(shanghai(&format!("{y}-04-11"), "00:00"));
    assert_eq!(prep(&mut unit, g).await.days_left, -1);
    let r = file(&mut unit, g, &until).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "a late filing is accepted: {}",
        r.body
    );
    let v = prep(&mut admin, g).await;
    assert_eq!(v.filings.len(), 2, "every version is kept");
    assert!(v.filings[0].late, "a day after the due date: late");
    assert_eq!(v.filings[1].status, FilingStatus::Returned);
    assert_eq!(v.filings[1].review_reason, "招收人数与计划不符");
    let id = v.filings[0].id.to_string();
    let r = admin
        .call(
            "review_filing",
            &[("id", &id), ("acknowledge", "true"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = admin
        .call(
            "review_filing",
            &[("id", &id), ("acknowledge", "true"), ("reason", "")],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState), "reviewed once");
    for action in [
        "programme_filed",
        "filing_returned",
        "filing_acknowledged",
        "lecturer_approved",
    ] {
        let n = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await;
        assert!(n >= 1, "{action}");
    }
}

async fn another_institution_cannot_see_the_preparation(app: TestApp) {
    let g = app.enrolling().await;
    let mut mine = app.signed_in("institution").await;
    let v = prep(&mut mine, g).await;
    assert_eq!(v.programme.institution_name, "石家庄铁道大学继续教育学院");
    assert!(
        v.lecturers.iter().all(|l| l.phone.starts_with("139311")),
        "the institution sees its lecturers' phones"
    );
    let mut inspector = app.signed_in("inspector").await;
    let v = prep(&mut inspector, g).await;
    assert!(
        v.lecturers.iter().all(|l| l.phone.contains("****")),
        "masked for others"
    );
    // Another institution's account.
    app.org_user("inst.other", "河北医科大学", app::domain::Role::Institution)
        .await;
    let mut stranger = app.signed_in("inst.other").await;
    let r = stranger
        .call("programme_prep", &[("id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let r = stranger
        .call("list_trainees", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
}

async fn upload(c: &mut Client, programme: i64, name: &str, bytes: &[u8]) -> Reply {
    let id = programme.to_string();
    c.multipart(
        "upload_attachment",
        &[
            ("programme_id", None, id.as_bytes()),
            ("file", Some(name), bytes),
        ],
    )
    .await
}

async fn attachments_are_capped_pdfs_that_stay_with_their_filing(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let mut unit = app.signed_in("unit").await;
    let r = upload(&mut unit, g, "plan.docx", b"PK\x03\x04 not a pdf").await;
    assert_eq!(problem(&r, "file"), Some(Problem::NotPdf));
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(app::prep::ATTACHMENT_MAX_BYTES + 1, b' ');
    let r = upload(&mut unit, g, "big.pdf", &big).await;
    assert_eq!(
        problem(&r, "file"),
        Some(Problem::FileTooLarge {
            max_bytes: app::prep::ATTACHMENT_MAX_BYTES as u64
        })
    );
    let pdf = b"%PDF-1.4\n% Gaoyan test\n%%EOF\n";
    let r = upload(&mut unit, g, "实施方案.pdf", pdf).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let a: i64 = r.json();
    let v = prep(&mut unit, g).await;
    assert_eq!(v.attachments.len(), 1);
    assert_eq!(v.attachments[0].filing_version, None);
    assert_eq!(v.attachments[0].file_name, "实施方案.pdf");

    let l = lecturer(&mut inst, "周明").await;
    schedule(&mut inst, g, y, l, "4").await;
    vet(&mut inst, g, l, true).await;
    let r = file(&mut unit, g, &format!("{y}-04-30")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        prep(&mut unit, g).await.attachments[0].filing_version,
        Some(1)
    );
    assert_eq!(
        upload(&mut unit, g, "late.pdf", pdf).await.error(),
        Some(AppError::WrongState)
    );

    let mut admin = app.signed_in("admin").await;
    let got = admin.get(&format!("/attachments/{a}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body.as_bytes(), pdf);
    assert_eq!(got.headers.get("content-type").unwrap(), "application/pdf");
    // Every download is audited with its reader and address.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'attachment_downloaded' \
             AND actor_username = 'admin' AND ip = '10.1.2.3'"
        )
        .await,
        1
    );
    assert_eq!(
        app.client().get(&format!("/attachments/{a}")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut other = app.signed_in("unit").await;
    sqlx::query("UPDATE programmes SET unit_id = (SELECT id FROM organisations WHERE name = '保定市人力资源和社会保障局') WHERE id = $1")
        .bind(g)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        other.get(&format!("/attachments/{a}")).await.status,
        StatusCode::NOT_FOUND,
        "out of scope"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'attachment_added' AND target_id = '{g}'"
        ))
        .await,
        1
    );
}

async fn class_hours_fit_the_course_time_at_the_province_length(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let l = lecturer(&mut inst, "周明").await;
    let day = format!("{y}-05-10");
    // 14:00-15:00 holds one 45-minute class hour: twenty cannot count (R4).
    let r = course(&mut inst, g, &day, "14:00", "15:00", "keynote", "20", l).await;
    assert_eq!(
        problem(&r, "class_hours"),
        Some(Problem::LongerThanSlot {
            most: 1,
            minutes: 45
        })
    );
    assert_eq!(prep(&mut inst, g).await.total_hours, 0, "nothing stored");
    let r = course(&mut inst, g, &day, "14:00", "15:00", "keynote", "1", l).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The inspector reads the setting but may not change it.
    let mut inspector = app.signed_in("inspector").await;
    let r = inspector.call("province_settings", &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = inspector
        .call(
            "save_settings",
            &[("class_hour_minutes", "40"), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The admin sets 40 minutes: 08:00-10:00 then holds three class hours.
    let mut admin = app.signed_in("admin").await;
    let r = admin
        .call(
            "save_settings",
            &[("class_hour_minutes", "90"), ("version", "1")],
        )
        .await;
    assert_eq!(
        r.error()
            .and_then(|e| e.problem_for("class_hour_minutes").cloned()),
        Some(Problem::TooLarge)
    );
    let r = admin
        .call(
            "save_settings",
            &[("class_hour_minutes", "40"), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(prep(&mut inst, g).await.class_hour_minutes, 40);
    // A second admin's form, read before that save, does not overwrite it.
    let r = admin
        .call(
            "save_settings",
            &[("class_hour_minutes", "50"), ("version", "1")],
        )
        .await;
    assert_eq!(r.error(), Some(app::error::AppError::Conflict));
    assert_eq!(prep(&mut inst, g).await.class_hour_minutes, 40);
    let r = course(&mut inst, g, &day, "08:00", "10:00", "seminar", "3", l).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let day2 = format!("{y}-05-11");
    let r = course(&mut inst, g, &day2, "08:00", "10:00", "seminar", "4", l).await;
    assert_eq!(
        problem(&r, "class_hours"),
        Some(Problem::LongerThanSlot {
            most: 3,
            minutes: 40
        })
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'settings_changed' \
             AND detail = '45 → 40'"
        )
        .await,
        1
    );
}

async fn end_times_deadlines_and_quota_splits_are_named_by_their_own_rule(app: TestApp) {
    let (g, y) = fresh_programme(&app).await;
    let mut inst = app.signed_in("institution").await;
    let l = lecturer(&mut inst, "周明").await;
    let day = format!("{y}-05-10");
    let r = course(&mut inst, g, &day, "10:00", "09:00", "keynote", "1", l).await;
    assert_eq!(problem(&r, "end_time"), Some(Problem::EndTimeNotAfterStart));
    let mut unit = app.signed_in("unit").await;
    let until = format!("{y}-05-12");
    let r = file_with(&mut unit, g, &until, ("60", "50", "20")).await;
    assert_eq!(
        problem(&r, "apply_until"),
        Some(Problem::NotBeforeStart {
            start: format!("{y}-05-10")
        })
    );
    assert_eq!(
        problem(&r, "quota_out_province"),
        Some(Problem::SplitExceedsQuota { quota: 60 })
    );
}

fn lecturer_form<'a>(name: &'a str, phone: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", name),
        ("title_level", "associate_senior"),
        ("affiliation", "河北师范大学"),
        ("field", "教育信息化"),
        ("bio", ""),
        ("phone", phone),
    ]
}

async fn the_registry_refuses_a_second_entry_corrects_and_retires(app: TestApp) {
    let inst = app.signed_in("institution").await;
    // Thirty presses at once register the person once.
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let mut c = app.client();
        c.cookie = inst.cookie.clone();
        tasks.push(tokio::spawn(async move {
            c.call("create_lecturer", &lecturer_form("吴敏", "0311-8765 4321"))
                .await
        }));
    }
    let mut created = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            StatusCode::OK => created += 1,
            _ => assert_eq!(
                r.error().and_then(|e| e.problem_for("name").cloned()),
                Some(Problem::AlreadyRegistered),
                "{}",
                r.body
            ),
        }
    }
    assert_eq!(created, 1);
    let id: i64 = app
        .count("SELECT id FROM lecturers WHERE name = '吴敏'")
        .await;
    let mut inst = inst;
    // A phone is judged as a phone, not as a user name.
    let r = inst
        .call("create_lecturer", &lecturer_form("吴敏二", "call me"))
        .await;
    assert_eq!(problem(&r, "phone"), Some(Problem::PhoneFormat));

    // Correcting the title keeps the entry; another institution cannot.
    let version = |v: i64| v.to_string();
    let mut fields = lecturer_form("吴敏", "0311-8765 4321");
    fields[1] = ("title_level", "full_senior");
    let id_s = id.to_string();
    let v1 = version(1);
    let mut with_id = vec![("id", id_s.as_str()), ("version", v1.as_str())];
    with_id.extend(fields.iter().cloned());
    let mut other = app.signed_in("hebmu").await;
    let r = other.call("update_lecturer", &with_id).await;
    assert_ne!(r.status, StatusCode::OK);
    let r = inst.call("update_lecturer", &with_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = inst.call("update_lecturer", &with_id).await;
    assert_eq!(
        r.error(),
        Some(AppError::Conflict),
        "a stale form is refused"
    );
    let title: String = sqlx::query_scalar("SELECT title_level FROM lecturers WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(title, "full_senior");

    // Retired, the lecturer is no longer offered for new courses.
    let r = other.call("retire_lecturer", &[("id", &id_s)]).await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let r = inst.call("retire_lecturer", &[("id", &id_s)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (g, y) = fresh_programme(&app).await;
    let r = course(
        &mut inst,
        g,
        &format!("{y}-05-10"),
        "08:30",
        "12:00",
        "keynote",
        "4",
        id,
    )
    .await;
    assert_eq!(problem(&r, "lecturers"), Some(Problem::InvalidChoice));
    // The same person may be registered again after retiring.
    let r = inst
        .call("create_lecturer", &lecturer_form("吴敏", "0311-8765 4321"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A vetted lecturer's name and title are fixed: the approval was for
    // that person at that level. Other details may still be corrected.
    let vetted: i64 = app
        .count(
            "SELECT MIN(v.lecturer_id) FROM vettings v JOIN lecturers l ON l.id = v.lecturer_id \
             JOIN accounts a ON a.org_id = l.institution_id \
             WHERE v.decision = 'approved' AND a.username = 'institution'",
        )
        .await;
    let list: Vec<app::prep::LecturerView> = inst.call("list_lecturers", &[]).await.json();
    let l = list
        .iter()
        .find(|l| l.id == vetted)
        .expect("vetted lecturer listed");
    let (vid, vversion) = (l.id.to_string(), l.version.to_string());
    let fields = |title: &'static str, bio: &'static str| {
        vec![
            ("id", vid.clone()),
            ("version", vversion.clone()),
            ("name", l.name.clone()),
            ("title_level", title.to_owned()),
            ("affiliation", l.affiliation.clone()),
            ("field", l.field.clone()),
            ("bio", bio.to_owned()),
            ("phone", l.phone.clone()),
        ]
    };
    let raised = fields("academician", "");
    let raised: Vec<(&str, &str)> = raised.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = inst.call("update_lecturer", &raised).await;
    if l.title_level.as_str() != "academician" {
        assert_eq!(problem(&r, "title_level"), Some(Problem::FixedByVetting));
    }
    let same = fields(l.title_level.as_str(), "长期从事相关研究");
    let same: Vec<(&str, &str)> = same.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = inst.call("update_lecturer", &same).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    for (action, n) in [("lecturer_updated", 2), ("lecturer_retired", 1)] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await,
            n,
            "{action}"
        );
    }
}
