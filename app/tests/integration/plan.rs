//! Selection, publication, the public plan and its Excel file, and change
//! requests (R13).

use std::io::Cursor;

use app::error::{AppError, Problem};
use app::plan::{ProgrammeView, PublicPlan};
use app::proposals::ProposalView;
use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};

use crate::both;
use crate::helpers::{Client, TestApp};
use crate::planning::{form, open_call, proposal, save};

both!(
    selection_and_publication_turn_proposals_into_the_public_plan,
    a_stale_decision_changes_nothing,
    r13_dates_and_place_change_only_by_an_approved_request,
);

async fn call_version(app: &TestApp, call_id: i64) -> String {
    let v: i64 = sqlx::query_scalar("SELECT version FROM topic_calls WHERE id = $1")
        .bind(call_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    v.to_string()
}

async fn close(app: &TestApp, admin: &mut Client, call_id: i64) {
    let version = call_version(app, call_id).await;
    let r = admin
        .call(
            "set_call_closed",
            &[
                ("id", &call_id.to_string()),
                ("version", &version),
                ("closed", "true"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn decide(
    admin: &mut Client,
    picks: &[(i64, i64)],
    decision: &str,
    reason: &str,
) -> crate::helpers::Reply {
    let keys: Vec<(String, String)> = picks
        .iter()
        .map(|(id, v)| (format!("ids[{id}]"), v.to_string()))
        .collect();
    let mut args: Vec<(&str, &str)> = keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    args.push(("decision", decision));
    args.push(("reason", reason));
    admin.call("decide_proposals", &args).await
}

async fn submitted(unit: &mut Client, f: &[(String, String)]) -> ProposalView {
    let r = save(unit, f).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = proposal(unit, r.json()).await;
    let r = unit
        .call(
            "submit_proposal",
            &[
                ("id", &v.id.to_string()),
                ("version", &v.version.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    proposal(unit, v.id).await
}

async fn selection_and_publication_turn_proposals_into_the_public_plan(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let mut admin = app.signed_in("admin").await;
    let a = submitted(&mut unit, &form(&o, &[])).await;
    let b = submitted(&mut unit, &form(&o, &[("title", "雄安新区城市治理研讨班")])).await;

    // An area name repeated in the same call is named as taken.
    let r = admin
        .call(
            "add_area",
            &[
                ("call_id", &o.call_id.to_string()),
                ("kind", "national"),
                ("area_name", "京津冀协同发展"),
            ],
        )
        .await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("area_name").cloned()),
        Some(Problem::Taken)
    );

    // Not while the call is open.
    let r = decide(&mut admin, &[(a.id, a.version)], "select", "").await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    close(&app, &mut admin, o.call_id).await;

    // The review list shows the unit's history (R18 etc.) to the admin.
    let year = o.year.to_string();
    let list: Vec<ProposalView> = admin
        .call(
            "list_proposals",
            &[
                ("query[year]", &year),
                ("query[unit]", ""),
                ("query[area]", ""),
                ("query[status]", "submitted"),
            ],
        )
        .await
        .json();
    let row = list.iter().find(|p| p.id == a.id).expect("listed");
    let history = row.history.clone().expect("history for the admin");
    let before = app
        .count(&format!(
            "SELECT COUNT(*) FROM programmes g JOIN organisations o ON o.id = g.unit_id \
             WHERE o.name = '石家庄市人力资源和社会保障局' AND g.year < {year}"
        ))
        .await;
    assert!(before > 0);
    assert_eq!(
        history.past_programmes, before,
        "the demo unit's programmes so far"
    );
    let health = list
        .iter()
        .find(|p| p.unit_name == "河北省卫生健康委员会")
        .expect("demo proposal");
    let commended_last_year = app
        .count(&format!(
            "SELECT COUNT(*) FROM commendations c JOIN organisations o ON o.id = c.org_id \
             WHERE o.name = '河北省卫生健康委员会' AND c.year = {}",
            o.year - 1
        ))
        .await
        == 1;
    assert_eq!(
        health.history.as_ref().unwrap().unit_commended_last_year,
        commended_last_year
    );

    // Reject needs a reason; one bulk decision covers both.
    let r = decide(&mut admin, &[(b.id, b.version)], "reject", " ").await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("reason").cloned()),
        Some(Problem::Required)
    );
    let r = decide(
        &mut admin,
        &[(a.id, a.version), (b.id, b.version)],
        "select",
        "",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json::<usize>(), 2);
    let b = proposal(&mut unit, b.id).await;
    let r = decide(&mut admin, &[(b.id, b.version)], "reject", "与其他选题重复").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = proposal(&mut unit, b.id).await;
    assert_eq!(b.status, app::domain::ProposalStatus::Rejected);
    assert_eq!(b.decision_reason, "与其他选题重复");

    // The unit can no longer withdraw: the call is closed.
    let r = unit
        .call(
            "withdraw_proposal",
            &[("id", &a.id.to_string()), ("version", "99")],
        )
        .await;
    assert!(
        matches!(r.error(), Some(AppError::CallClosed { .. })),
        "{}",
        r.body
    );

    let version = call_version(&app, o.call_id).await;
    let r = admin
        .call(
            "publish_plan",
            &[("call_id", &o.call_id.to_string()), ("version", &version)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json::<i64>(), 1);
    // A published plan's areas stay as they were, used or not.
    let unused: i64 = app
        .count(&format!(
            "SELECT a.id FROM call_areas a WHERE a.call_id = {} AND NOT EXISTS \
             (SELECT 1 FROM proposal_areas pa WHERE pa.area_id = a.id) LIMIT 1",
            o.call_id
        ))
        .await;
    let r = admin
        .call("remove_area", &[("id", &unused.to_string())])
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    // Once only.
    let version = call_version(&app, o.call_id).await;
    let r = admin
        .call(
            "publish_plan",
            &[("call_id", &o.call_id.to_string()), ("version", &version)],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));

    // Public: no sign-in.
    let mut anyone = app.client();
    let plan: Option<PublicPlan> = anyone.call("get_plan", &[("year", &year)]).await.json();
    let plan = plan.expect("published");
    assert_eq!(plan.programmes.len(), 1);
    // Without a year, readers get this year's plan, not next year's.
    let current: Option<PublicPlan> = anyone.call("get_plan", &[]).await.json();
    let current = current.expect("this year's demo plan");
    let this_year = chrono::Datelike::year(&app::domain::shanghai_date(app::server::now()));
    assert_eq!(current.year, this_year);
    let published: Vec<i64> = sqlx::query_scalar(
        "SELECT year FROM topic_calls WHERE published_at IS NOT NULL ORDER BY year DESC",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(
        current.years,
        published.iter().map(|y| *y as i32).collect::<Vec<_>>()
    );
    assert!(current.years.contains(&o.year));
    let g = &plan.programmes[0];
    assert_eq!(g.topic, "京津冀数字政务协同高级研修班");
    assert_eq!(g.serial, 1);
    assert_eq!(g.start_date, format!("{}-05-10", o.year));
    let page = anyone.get(&format!("/plan/{year}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("京津冀数字政务协同高级研修班"));
    assert!(
        !page.body.contains("0311-86001234"),
        "no contact numbers in public"
    );

    let xlsx = anyone.get(&format!("/plan/{year}/xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let rows = sheet(&app, &format!("/plan/{year}/xlsx")).await;
    assert_eq!(
        rows[1][..3],
        ["序号", "项目名称", "申报单位"].map(String::from)
    );
    assert_eq!(rows[2][1], "京津冀数字政务协同高级研修班");
    assert_eq!(rows[2][2], "石家庄市人力资源和社会保障局");
    assert_eq!(rows[2][7], "32");
    assert_eq!(
        anyone.get("/plan/1999/xlsx").await.status,
        StatusCode::NOT_FOUND
    );

    for action in [
        "proposal_submitted",
        "proposal_selected",
        "proposal_rejected",
        "plan_published",
        "call_closed",
    ] {
        let n = app
            .count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND actor_username <> 'system'"))
            .await;
        assert!(n >= 1, "no audit record for {action}");
    }
}

/// The workbook's first sheet as text, row by row.
async fn sheet(app: &TestApp, path: &str) -> Vec<Vec<String>> {
    sheet_as(app, path, None).await
}

/// The same, fetched with a client's session.
pub async fn sheet_as(app: &TestApp, path: &str, client: Option<&Client>) -> Vec<Vec<String>> {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut req = axum::http::Request::get(path).header("host", "127.0.0.1:3000");
    if let Some(cookie) = client.and_then(|c| c.cookie.clone()) {
        req = req.header("cookie", cookie);
    }
    let res = app
        .router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx file");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

async fn a_stale_decision_changes_nothing(app: TestApp) {
    let o = open_call(&app).await;
    let mut unit = app.signed_in("unit").await;
    let a = submitted(&mut unit, &form(&o, &[])).await;
    let b = submitted(&mut unit, &form(&o, &[("title", "第二个选题研修班")])).await;
    let mut admin = app.signed_in("admin").await;
    close(&app, &mut admin, o.call_id).await;
    let mut other_admin = admin.fork();
    let r = decide(&mut other_admin, &[(a.id, a.version)], "reject", "方向不符").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The first admin still holds the old version of `a`: the whole bulk
    // decision is refused, `b` included.
    let r = decide(
        &mut admin,
        &[(a.id, a.version), (b.id, b.version)],
        "select",
        "",
    )
    .await;
    assert_eq!(r.error(), Some(AppError::Conflict));
    assert_eq!(
        proposal(&mut unit, a.id).await.status,
        app::domain::ProposalStatus::Rejected
    );
    assert_eq!(
        proposal(&mut unit, b.id).await.status,
        app::domain::ProposalStatus::Submitted
    );
}

/// The demo unit's programme that is enrolling (no change request yet).
async fn programme_of_unit(c: &mut Client) -> ProgrammeView {
    let list: Vec<ProgrammeView> = c.call("list_programmes", &[]).await.json();
    list.into_iter()
        .find(|g| g.topic == "京津冀轨道交通智能运维高级研修班")
        .expect("the demo unit's programme")
}

async fn r13_dates_and_place_change_only_by_an_approved_request(app: TestApp) {
    let audited =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('change_requested', 'change_approved')";
    let audited_before = app.count(audited).await;
    let mut unit = app.signed_in("unit").await;
    let g = programme_of_unit(&mut unit).await;
    let y = g.year;
    let id = g.id.to_string();
    let ask = |start: String, end: String, place: &'static str, reason: &'static str| {
        vec![
            ("programme_id".to_owned(), id.clone()),
            ("start_date".to_owned(), start),
            ("end_date".to_owned(), end),
            ("place".to_owned(), place.to_owned()),
            ("reason".to_owned(), reason.to_owned()),
        ]
    };
    let r = crate::planning::call_owned(
        &mut unit,
        "request_change",
        &ask(
            g.start_date.clone(),
            g.end_date.clone(),
            "石家庄市",
            "无变化",
        ),
    )
    .await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("start_date").cloned()),
        Some(Problem::Unchanged)
    );
    let r = crate::planning::call_owned(
        &mut unit,
        "request_change",
        &ask(
            format!("{}-01-05", y + 1),
            format!("{}-01-09", y + 1),
            "唐山市",
            "场地冲突",
        ),
    )
    .await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("start_date").cloned()),
        Some(Problem::OutsideYear { year: y })
    );
    let new_start = format!("{y}-11-02");
    let new_end = format!("{y}-11-06");
    let r = crate::planning::call_owned(
        &mut unit,
        "request_change",
        &ask(
            new_start.clone(),
            new_end.clone(),
            "唐山市",
            "原定场地改造施工",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let change: i64 = r.json();
    // One open request at a time; the programme is unchanged meanwhile.
    let r = crate::planning::call_owned(
        &mut unit,
        "request_change",
        &ask(new_start.clone(), new_end.clone(), "保定市", "再次申请"),
    )
    .await;
    assert_eq!(r.error(), Some(AppError::WrongState));
    let mut anyone = app.client();
    let year = y.to_string();
    let plan: Option<PublicPlan> = anyone.call("get_plan", &[("year", &year)]).await.json();
    let before = plan
        .unwrap()
        .programmes
        .into_iter()
        .find(|p| p.id == g.id)
        .unwrap();
    assert_eq!(before.start_date, g.start_date);
    assert!(before.changes.is_empty(), "pending requests are not public");

    // Another unit cannot even see the programme.
    app.unit_user("unit.tangshan", "唐山市人力资源和社会保障局")
        .await;
    let mut stranger = app.signed_in("unit.tangshan").await;
    let r = stranger.call("list_programmes", &[("id", &id)]).await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let r = crate::planning::call_owned(
        &mut stranger,
        "request_change",
        &ask(new_start.clone(), new_end.clone(), "唐山市", "冒名申请"),
    )
    .await;
    assert_eq!(r.error(), Some(AppError::NotFound));

    let mut admin = app.signed_in("admin").await;
    let r = admin
        .call(
            "decide_change",
            &[
                ("id", &change.to_string()),
                ("approve", "false"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("reason").cloned()),
        Some(Problem::Required)
    );
    let r = admin
        .call(
            "decide_change",
            &[
                ("id", &change.to_string()),
                ("approve", "true"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Decided once only.
    let r = admin
        .call(
            "decide_change",
            &[
                ("id", &change.to_string()),
                ("approve", "true"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::WrongState));

    let plan: Option<PublicPlan> = anyone.call("get_plan", &[("year", &year)]).await.json();
    let after = plan
        .unwrap()
        .programmes
        .into_iter()
        .find(|p| p.id == g.id)
        .unwrap();
    assert_eq!(
        (
            after.start_date.as_str(),
            after.end_date.as_str(),
            after.place.as_str()
        ),
        (new_start.as_str(), new_end.as_str(), "唐山市")
    );
    assert_eq!(after.changes.len(), 1);
    assert_eq!(after.changes[0].old_start_date, g.start_date);
    let rows = sheet(&app, &format!("/plan/{year}/xlsx")).await;
    assert!(rows
        .iter()
        .any(|r| r[4] == format!("{new_start} 至 {new_end}") && r[5] == "唐山市"));
    let g2 = programme_of_unit(&mut unit).await;
    let approved = g2
        .changes
        .iter()
        .filter(|c| c.status == app::domain::ChangeStatus::Approved)
        .count();
    assert_eq!(approved, 1, "the demo's refused request stays refused");
    assert_eq!(app.count(audited).await, audited_before + 2);
}
