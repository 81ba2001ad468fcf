//! The topic call and proposals: R1, R2, R4, R15 at their boundaries, the
//! call's year, the unit's own institutions and areas, and scoping.

use app::error::{AppError, Problem};
use app::proposals::ProposalView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    r1_the_call_closes_at_its_deadline_second,
    r2_a_disqualified_unit_cannot_propose_until_the_period_ends,
    r4_thirty_two_hours_pass_and_thirty_one_do_not,
    a_draft_saves_with_only_its_title_and_lists_what_it_lacks,
    r15_funding_off_by_one_fen_is_refused_and_nothing_is_written,
    dates_institution_and_areas_must_belong_to_the_unit_and_call,
    a_unit_sees_only_its_own_proposals,
);

/// Every argument `save_proposal` takes, empty, for the given call.
pub fn blank_proposal(call_id: &'static str) -> Vec<(&'static str, &'static str)> {
    app::proposals::input::FORM_FIELDS
        .into_iter()
        .map(|k| (k, ""))
        .chain(std::iter::once(("call_id", call_id)))
        .collect()
}

/// The demo's open call (next year), one of its areas, and the demo unit's
/// host institution.
pub struct Open {
    pub call_id: i64,
    pub year: i32,
    pub deadline_at: i64,
    pub area_id: i64,
    pub institution_id: i64,
}

pub async fn open_call(app: &TestApp) -> Open {
    let (call_id, year, deadline_at): (i64, i64, i64) = sqlx::query_as(
        "SELECT id, year, deadline_at FROM topic_calls WHERE published_at IS NULL \
         ORDER BY year DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let area_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM call_areas WHERE call_id = $1")
        .bind(call_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let institution_id: i64 = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE name = '石家庄铁道大学继续教育学院'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    Open {
        call_id,
        year: year as i32,
        deadline_at,
        area_id,
        institution_id,
    }
}

/// A complete, valid proposal for the open call; `change` edits fields.
pub fn form(o: &Open, change: &[(&str, &str)]) -> Vec<(String, String)> {
    let y = o.year;
    let mut f: Vec<(String, String)> = [
        ("call_id", o.call_id.to_string()),
        ("id", String::new()),
        ("version", String::new()),
        ("title", "京津冀数字政务协同高级研修班".into()),
        (&*format!("areas[{}]", o.area_id), "on".into()),
        ("need_kind", "urgent".into()),
        ("need", "跨区域数据共享经验亟待总结".into()),
        ("institution_id", o.institution_id.to_string()),
        ("start_date", format!("{y}-05-10")),
        ("end_date", format!("{y}-05-15")),
        ("place", "石家庄市".into()),
        ("trainees", "60".into()),
        ("class_hours", "32".into()),
        ("accommodation", "30000".into()),
        ("meals", "15000".into()),
        ("venue", "5000".into()),
        ("lecture_fees", "40000".into()),
        ("materials", "3000".into()),
        ("transport", "7000".into()),
        ("government", "80000".into()),
        ("unit", "20000".into()),
        ("society", "".into()),
        ("individual", "".into()),
        ("contact_name", "王明".into()),
        ("contact_phone", "0311-86001234".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (k, v) in change {
        match f.iter_mut().find(|(fk, _)| fk == k) {
            Some(slot) => slot.1 = (*v).to_owned(),
            None => f.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    f
}

pub async fn call_owned(
    c: &mut Client,
    endpoint: &str,
    f: &[(String, String)],
) -> crate::helpers::Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call(endpoint, &pairs).await
}

pub async fn save(c: &mut Client, f: &[(String, String)]) -> crate::helpers::Reply {
    call_owned(c, "save_proposal", f).await
}

pub async fn proposal(c: &mut Client, id: i64) -> ProposalView {
    let r = c.call("proposal_form", &[("id", &id.to_string())]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json::<app::proposals::ProposalDetail>().proposal.unwrap()
}

async fn proposals(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM proposals").await
}

async fn r1_the_call_closes_at_its_deadline_second(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    app.state.clock.set(o.deadline_at - 1);
    let r = save(&mut unit, &form(&o, &[])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id: i64 = r.json();
    let v = proposal(&mut unit, id).await;
    let r = unit
        .call(
            "submit_proposal",
            &[("id", &id.to_string()), ("version", &v.version.to_string())],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "one second before the deadline: {}",
        r.body
    );

    // The deadline itself: closed, and the message says when.
    app.state.clock.set(o.deadline_at);
    let before = proposals(&app).await;
    let r = save(&mut unit, &form(&o, &[])).await;
    assert_eq!(r.error(), Some(AppError::CallClosed { at: o.deadline_at }));
    let v = proposal(&mut unit, id).await;
    let r = unit
        .call(
            "withdraw_proposal",
            &[("id", &id.to_string()), ("version", &v.version.to_string())],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::CallClosed { at: o.deadline_at }));
    assert_eq!(proposals(&app).await, before);
    assert_eq!(
        proposal(&mut unit, id).await.status,
        app::domain::ProposalStatus::Submitted
    );
    let text = app::i18n::error_text(&r.error().unwrap(), app::i18n::Locale::Zh);
    assert!(
        text.contains(&app::domain::format_shanghai(o.deadline_at)),
        "{text}"
    );

    // Closed early by the admin: closed from that moment.
    app.state.clock.set(o.deadline_at - 100);
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
    let r = save(&mut unit, &form(&o, &[])).await;
    assert_eq!(
        r.error(),
        Some(AppError::CallClosed {
            at: o.deadline_at - 100
        })
    );
}

async fn r2_a_disqualified_unit_cannot_propose_until_the_period_ends(app: TestApp) {
    let o = open_call(&app).await;
    let now = o.deadline_at - 86_400 * 3;
    app.state.clock.set(now);
    let today = app::domain::shanghai_date(now);
    let unit_org: i64 = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE name = '石家庄市人力资源和社会保障局'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut admin = app.signed_in("admin").await;
    let yesterday = (today - chrono::Days::new(1)).to_string();
    // A period that ended yesterday no longer counts.
    let r = admin
        .call(
            "disqualify",
            &[
                ("org_id", &unit_org.to_string()),
                ("from_date", "2020-01-01"),
                ("until_date", &yesterday),
                ("reason", "旧的处分"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut unit = app.signed_in("unit").await;
    let r = save(&mut unit, &form(&o, &[])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft: i64 = r.json();

    // One that ends today still does.
    let r = admin
        .call(
            "disqualify",
            &[
                ("org_id", &unit_org.to_string()),
                ("from_date", &yesterday),
                ("until_date", &today.to_string()),
                ("reason", "挪用培训经费"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let before = proposals(&app).await;
    let r = save(&mut unit, &form(&o, &[])).await;
    let expected = AppError::Disqualified {
        until: today.to_string(),
        reason: "挪用培训经费".into(),
    };
    assert_eq!(r.error(), Some(expected.clone()));
    let v = proposal(&mut unit, draft).await;
    let r = unit
        .call(
            "submit_proposal",
            &[
                ("id", &draft.to_string()),
                ("version", &v.version.to_string()),
            ],
        )
        .await;
    assert_eq!(r.error(), Some(expected));
    assert_eq!(proposals(&app).await, before);
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit_disqualified'")
            .await
            >= 2
    );

    // The next day it is over.
    app.state.clock.set(now + 86_400);
    let r = unit
        .call(
            "submit_proposal",
            &[
                ("id", &draft.to_string()),
                ("version", &v.version.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn submit(c: &mut Client, id: i64) -> crate::helpers::Reply {
    let v = proposal(c, id).await;
    c.call(
        "submit_proposal",
        &[("id", &id.to_string()), ("version", &v.version.to_string())],
    )
    .await
}

/// A saved draft's id; panics with the body otherwise.
async fn draft(c: &mut Client, f: &[(String, String)]) -> i64 {
    let r = save(c, f).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn submitting(o: &Open, change: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f = form(o, change);
    f.push(("submit".into(), "1".into()));
    f
}

fn status(v: &ProposalView) -> app::domain::ProposalStatus {
    v.status
}

async fn r4_thirty_two_hours_pass_and_thirty_one_do_not(app: TestApp) {
    use app::domain::ProposalStatus;
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let before = proposals(&app).await;
    // Submitted from the form with 31 hours: refused, nothing written.
    let r = save(&mut unit, &submitting(&o, &[("class_hours", "31")])).await;
    assert_eq!(
        r.error()
            .and_then(|e| e.problem_for("class_hours").cloned()),
        Some(Problem::BelowMinimum { min: 32 })
    );
    assert_eq!(proposals(&app).await, before);
    // A draft may hold 31 while it is worked on, and says what it lacks;
    // submitting it as saved is refused the same way.
    let id = draft(&mut unit, &form(&o, &[("class_hours", "31")])).await;
    let v = proposal(&mut unit, id).await;
    assert_eq!(v.class_hours, Some(31));
    let missing = v.submit_problems();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].field, "class_hours");
    let r = submit(&mut unit, id).await;
    assert_eq!(
        r.error()
            .and_then(|e| e.problem_for("class_hours").cloned()),
        Some(Problem::BelowMinimum { min: 32 })
    );
    assert_eq!(
        status(&proposal(&mut unit, id).await),
        ProposalStatus::Draft
    );
    // The database keeps R4 too, whatever a future writer forgets.
    let forced = sqlx::query("UPDATE proposals SET status = 'submitted' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await;
    assert!(forced.is_err());
    // 32 typed and submitted at once: what is on the screen is submitted.
    let (id_s, ver) = (id.to_string(), v.version.to_string());
    let r = save(
        &mut unit,
        &submitting(
            &o,
            &[("id", &id_s), ("version", &ver), ("class_hours", "32")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = proposal(&mut unit, id).await;
    assert_eq!(
        (v.status, v.class_hours),
        (ProposalStatus::Submitted, Some(32))
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE target_id = '{id}' \
             AND action IN ('proposal_updated', 'proposal_submitted')"
        ))
        .await,
        2
    );
}

async fn a_draft_saves_with_only_its_title_and_lists_what_it_lacks(app: TestApp) {
    use app::domain::ProposalStatus;
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let mut only_title: Vec<(String, String)> = blank_proposal("0")
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    for (k, v) in only_title.iter_mut() {
        match k.as_str() {
            "call_id" => *v = o.call_id.to_string(),
            "title" => *v = "冀中南智慧农业高级研修班".into(),
            _ => {}
        }
    }
    let id = draft(&mut unit, &only_title).await;
    let v = proposal(&mut unit, id).await;
    assert_eq!(v.title, "冀中南智慧农业高级研修班");
    assert_eq!(
        (v.trainees, v.class_hours, v.institution_id),
        (None, None, None)
    );
    let missing: Vec<String> = v.submit_problems().into_iter().map(|e| e.field).collect();
    for field in [
        "need_kind",
        "need",
        "institution_id",
        "start_date",
        "end_date",
        "place",
        "trainees",
        "class_hours",
        "contact_name",
        "contact_phone",
        "areas",
        "budget",
    ] {
        assert!(missing.iter().any(|m| m == field), "{field} in {missing:?}");
    }
    // A submission names the version it judged: an older or newer one
    // is a conflict, never an unchecked submission.
    let r = unit
        .call(
            "submit_proposal",
            &[
                ("id", &id.to_string()),
                ("version", &(v.version + 1).to_string()),
            ],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::Conflict));
    // A date no form means is refused even in a draft.
    let far: Vec<(String, String)> = only_title
        .iter()
        .map(|(k, v)| match k.as_str() {
            "start_date" => (k.clone(), "+42195-01-01".into()),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    let r = save(&mut unit, &far).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("start_date").cloned()),
        Some(Problem::NotADate)
    );
    // Submitting it names every one of them and changes nothing.
    let r = submit(&mut unit, id).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let e = r.error().unwrap();
    assert_eq!(e.problem_for("trainees"), Some(&Problem::Required));
    assert_eq!(e.problem_for("areas"), Some(&Problem::Required));
    assert_eq!(proposal(&mut unit, id).await.version, v.version);
    // Not even a draft without a title, nor with a typo in a field.
    let mut no_title = only_title.clone();
    no_title.retain(|(k, _)| k != "title");
    no_title.push(("title".into(), " ".into()));
    let r = save(&mut unit, &no_title).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("title").cloned()),
        Some(Problem::Required)
    );
    let typo: Vec<(String, String)> = only_title
        .iter()
        .map(|(k, v)| match k.as_str() {
            "trainees" => (k.clone(), "sixty".into()),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    let r = save(&mut unit, &typo).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("trainees").cloned()),
        Some(Problem::NotANumber)
    );
    // Completed on the form and submitted in the same step.
    let (id_s, ver) = (id.to_string(), v.version.to_string());
    let r = save(
        &mut unit,
        &submitting(&o, &[("id", &id_s), ("version", &ver), ("trainees", "45")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = proposal(&mut unit, id).await;
    assert_eq!(
        (v.status, v.trainees),
        (ProposalStatus::Submitted, Some(45))
    );
    assert!(v.submit_problems().is_empty());
}

async fn r15_funding_off_by_one_fen_is_refused_and_nothing_is_written(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let before = proposals(&app).await;
    let r = save(&mut unit, &submitting(&o, &[("unit", "19999.99")])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.error().and_then(|e| e.problem_for("budget").cloned()),
        Some(Problem::Unbalanced { diff_fen: 1 })
    );
    let r = save(&mut unit, &submitting(&o, &[("unit", "20000.01")])).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("budget").cloned()),
        Some(Problem::Unbalanced { diff_fen: -1 })
    );
    // A negative amount is wrong even in a draft.
    let r = save(&mut unit, &form(&o, &[("meals", "-1")])).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("meals").cloned()),
        Some(Problem::Negative)
    );
    assert_eq!(proposals(&app).await, before);
    // An unbalanced draft is kept, and cannot be submitted as it is.
    let id = draft(&mut unit, &form(&o, &[("unit", "19999.99")])).await;
    let r = submit(&mut unit, id).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("budget").cloned()),
        Some(Problem::Unbalanced { diff_fen: 1 })
    );
    let r = save(
        &mut unit,
        &submitting(&o, &[("unit", "19999.99"), ("materials", "2999.99")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = proposal(&mut unit, r.json()).await;
    assert_eq!(v.funds[1], 1_999_999);
    assert_eq!(v.total_fen(), 9_999_999);
}

async fn dates_institution_and_areas_must_belong_to_the_unit_and_call(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let before = proposals(&app).await;
    let y = o.year;
    let wrong_year = format!("{}-12-31", y - 1);
    let r = save(&mut unit, &submitting(&o, &[("start_date", &wrong_year)])).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("start_date").cloned()),
        Some(Problem::OutsideYear { year: y })
    );
    let backwards = format!("{y}-05-09");
    let r = save(&mut unit, &submitting(&o, &[("end_date", &backwards)])).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("end_date").cloned()),
        Some(Problem::EndBeforeStart)
    );
    // Another unit's host institution: not even in a draft.
    let foreign: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE name = '河北医科大学'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    let r = save(
        &mut unit,
        &form(&o, &[("institution_id", &foreign.to_string())]),
    )
    .await;
    assert_eq!(
        r.error()
            .and_then(|e| e.problem_for("institution_id").cloned()),
        Some(Problem::InvalidChoice)
    );
    // An area of another year's call: not even in a draft; none at all is
    // a draft's business until it is submitted.
    let other_area: i64 = sqlx::query_scalar("SELECT MIN(id) FROM call_areas WHERE call_id <> $1")
        .bind(o.call_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mut f = submitting(&o, &[]);
    f.retain(|(k, _)| !k.starts_with("areas["));
    let r = save(&mut unit, &f).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("areas").cloned()),
        Some(Problem::Required)
    );
    let mut g = form(&o, &[]);
    g.retain(|(k, _)| !k.starts_with("areas["));
    g.push((format!("areas[{other_area}]"), "on".into()));
    let r = save(&mut unit, &g).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("areas").cloned()),
        Some(Problem::InvalidChoice)
    );
    assert_eq!(proposals(&app).await, before);
}

async fn a_unit_sees_only_its_own_proposals(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    // The call's counts: the province's for the admin, the unit's own for a unit.
    let submitted = |calls: Vec<app::calls::CallView>| {
        calls
            .into_iter()
            .find(|c| c.id == o.call_id)
            .unwrap()
            .submitted
    };
    let mut admin = app.signed_in("admin").await;
    assert_eq!(submitted(admin.call("list_calls", &[]).await.json()), 1);
    assert_eq!(submitted(unit.call("list_calls", &[]).await.json()), 0);
    let id: i64 = save(&mut unit, &form(&o, &[])).await.json();
    let v = proposal(&mut unit, id).await;
    let mine: Vec<ProposalView> = unit
        .call(
            "list_proposals",
            &[
                ("query[year]", ""),
                ("query[unit]", ""),
                ("query[area]", ""),
                ("query[status]", ""),
            ],
        )
        .await
        .json();
    assert!(mine
        .iter()
        .all(|p| p.unit_name == "石家庄市人力资源和社会保障局"));
    assert!(mine.iter().any(|p| p.id == id));

    // A unit of another city: not found, not forbidden, and unchanged.
    let baoding = app
        .unit_user("unit.baoding", "保定市人力资源和社会保障局")
        .await;
    let mut stranger = app.signed_in("unit.baoding").await;
    let r = stranger
        .call("proposal_form", &[("id", &id.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let r = stranger
        .call(
            "submit_proposal",
            &[("id", &id.to_string()), ("version", &v.version.to_string())],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let theirs: Vec<ProposalView> = stranger
        .call(
            "list_proposals",
            &[
                ("query[year]", ""),
                ("query[unit]", "0"),
                ("query[area]", ""),
                ("query[status]", ""),
            ],
        )
        .await
        .json();
    assert!(theirs.iter().all(|p| p.unit_id == baoding), "{theirs:?}");
    // An admin does not see another unit's drafts either.
    let r = admin
        .call("proposal_form", &[("id", &id.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    assert_eq!(
        proposal(&mut unit, id).await.status,
        app::domain::ProposalStatus::Draft
    );
}
