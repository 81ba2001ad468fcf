//! Inspections and sanctions (Art. 19, 21; R17 feeding R2): a finding
//! needs a date to rectify by after today; the unit answers its own, the
//! inspector sends a report back or closes the inspection; a recovery is
//! never recorded past what is owed, however many sums arrive at once;
//! a disqualification refuses the unit's next proposal.

use app::error::{AppError, Problem};
use app::inspections::InspectionsView;
use axum::http::StatusCode;

use crate::both;
use crate::helpers::{Client, TestApp};
use crate::planning::{form, open_call, save};

both!(
    a_finding_is_rectified_after_being_sent_back,
    sanctions_follow_findings_and_a_disqualification_refuses_proposals,
);

const UNIT_ORG: &str = "石家庄市人力资源和社会保障局";

/// The demo unit's first programme.
async fn programme(app: &TestApp) -> i64 {
    app.count(&format!(
        "SELECT MIN(p.id) FROM programmes p JOIN organisations o ON o.id = p.unit_id \
         WHERE o.name = '{UNIT_ORG}'"
    ))
    .await
}

async fn view(c: &mut Client, programme: i64) -> Result<InspectionsView, AppError> {
    let r = c
        .call("inspections", &[("programme_id", &programme.to_string())])
        .await;
    match r.error() {
        Some(e) => Err(e),
        None => Ok(r.json()),
    }
}

async fn record(
    c: &mut Client,
    programme: i64,
    findings: &str,
    rectify_by: &str,
) -> Result<i64, AppError> {
    let r = c
        .call(
            "record_inspection",
            &[
                ("programme_id", &programme.to_string()),
                ("spot_check_id", ""),
                ("checked", "住宿费、伙食费票据与签到表核对"),
                ("findings", findings),
                ("rectify_by", rectify_by),
            ],
        )
        .await;
    match r.error() {
        Some(e) => Err(e),
        None => Ok(r.json()),
    }
}

fn problem(r: Result<impl std::fmt::Debug, AppError>, field: &str) -> Option<Problem> {
    r.err().and_then(|e| e.problem_for(field).cloned())
}

async fn status(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT status FROM inspections WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn a_finding_is_rectified_after_being_sent_back(app: TestApp) {
    let now = app.state.clock.now();
    let today = app::domain::shanghai_date(now);
    let tomorrow = (today + chrono::Days::new(1)).to_string();
    let g = programme(&app).await;
    let mut inspector = app.signed_in("inspector").await;
    let finding = "3月12日住宿费超标准列支";

    // A finding without a date, or with today's, is refused by field.
    assert_eq!(
        problem(record(&mut inspector, g, finding, "").await, "rectify_by"),
        Some(Problem::Required)
    );
    assert_eq!(
        problem(
            record(&mut inspector, g, finding, &today.to_string()).await,
            "rectify_by"
        ),
        Some(Problem::InPast)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM inspections").await,
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'inspection_recorded'")
            .await,
        "nothing half-written"
    );
    let id = record(&mut inspector, g, finding, &tomorrow).await.unwrap();
    assert_eq!(status(&app, id).await, "rectifying");
    // Nothing found closes at once; a date given then is ignored.
    let clean = record(&mut inspector, g, "", &tomorrow).await.unwrap();
    assert_eq!(status(&app, clean).await, "closed");

    // Another organisation learns nothing; a trainee may not ask.
    let mut other = app.signed_in("weijian").await;
    assert_eq!(view(&mut other, g).await.err(), Some(AppError::NotFound));
    let r = other
        .call(
            "report_rectification",
            &[("id", &id.to_string()), ("report", "x")],
        )
        .await;
    assert_eq!(r.error(), Some(AppError::NotFound));
    let mut trainee = app.signed_in("trainee").await;
    let r = trainee
        .call("inspections", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The unit sees its own and reports; once only.
    let mut unit = app.signed_in("unit").await;
    let v = view(&mut unit, g).await.unwrap();
    assert!(v.may_report && !v.may_inspect && !v.may_sanction);
    assert!(v
        .inspections
        .iter()
        .any(|x| x.id == id && x.findings == finding));
    let report = |c: &Client, text: &'static str| {
        let mut c = c.fork();
        async move {
            c.call(
                "report_rectification",
                &[("id", &id.to_string()), ("report", text)],
            )
            .await
        }
    };
    let r = report(&unit, "已按标准退回超支部分").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(status(&app, id).await, "reported");
    assert_eq!(
        report(&unit, "再报一次").await.error(),
        Some(AppError::WrongState)
    );

    // Sent back: a reason is needed, and a new date is after today.
    let decide = |accept: &'static str, note: &'static str, date: String| {
        let mut c = inspector.fork();
        async move {
            c.call(
                "decide_rectification",
                &[
                    ("id", &id.to_string()),
                    ("accept", accept),
                    ("note", note),
                    ("rectify_by", &date),
                ],
            )
            .await
        }
    };
    let r = decide("", "", String::new()).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("accept").cloned()),
        Some(Problem::Required)
    );
    let r = decide("false", "", String::new()).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("note").cloned()),
        Some(Problem::Required)
    );
    let r = decide("false", "缺少退款凭证", today.to_string()).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("rectify_by").cloned()),
        Some(Problem::InPast)
    );
    let r = decide("false", "缺少退款凭证", String::new()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(status(&app, id).await, "rectifying");

    // Reported again two days later: after the date, so marked late.
    app.state.clock.set(now + 2 * 86_400);
    let r = report(&unit, "补充退款凭证").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Sent back past its date, it needs a new one: the unit would be
    // late the moment it answered.
    let r = decide("false", "仍缺凭证", String::new()).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("rectify_by").cloned()),
        Some(Problem::Required)
    );
    let r = decide("true", "", String::new()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(&mut unit, g).await.unwrap();
    let x = v.inspections.iter().find(|x| x.id == id).unwrap();
    assert_eq!(x.status, app::domain::inspection::InspectionStatus::Closed);
    assert!(x.report_late);
    assert_eq!(x.report, "补充退款凭证");
    assert_eq!(
        decide("true", "", String::new()).await.error(),
        Some(AppError::WrongState)
    );
    for (action, n) in [
        ("rectification_reported", 2),
        ("rectification_returned", 1),
        ("rectification_accepted", 1),
    ] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' \
                 AND detail LIKE '#{id}%'"
            ))
            .await,
            n,
            "{action}"
        );
    }
}

async fn sanctions_follow_findings_and_a_disqualification_refuses_proposals(app: TestApp) {
    // While next year's call is open.
    let o = open_call(&app).await;
    let now = o.deadline_at - 86_400 * 3;
    app.state.clock.set(now);
    let today = app::domain::shanghai_date(now);
    let tomorrow = (today + chrono::Days::new(1)).to_string();
    let g = programme(&app).await;
    let mut inspector = app.signed_in("inspector").await;
    let clean = record(&mut inspector, g, "", "").await.unwrap();
    let found = record(&mut inspector, g, "讲课费超标准发放", &tomorrow)
        .await
        .unwrap();

    let admin = app.signed_in("admin").await;
    let sanction =
        |c: &Client, on: i64, kind: &'static str, amount: &'static str, until: String| {
            let mut c = c.fork();
            let from = today.to_string();
            async move {
                c.call(
                    "sanction",
                    &[
                        ("inspection_id", &on.to_string()),
                        ("kind", kind),
                        ("amount", amount),
                        ("from_date", &from),
                        ("until_date", &until),
                        ("reason", "超标准发放讲课费"),
                    ],
                )
                .await
            }
        };
    // Nothing found, nothing to sanction; the inspector may not sanction.
    assert_eq!(
        sanction(&admin, clean, "warning", "", String::new())
            .await
            .error(),
        Some(AppError::WrongState)
    );
    assert_eq!(
        sanction(&inspector, found, "warning", "", String::new())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = sanction(&admin, found, "recovery", "", String::new()).await;
    assert_eq!(
        r.error().and_then(|e| e.problem_for("amount").cloned()),
        Some(Problem::Required)
    );

    // A recovery of 100 yuan: 60 comes back, 41 more is too much.
    let r = sanction(&admin, found, "recovery", "100", String::new()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let sanction_id: i64 = r.json();
    // The form sends the sanction with the sum it showed as recovered.
    let recover = |seen: i64, amount: &'static str| {
        let mut c = admin.fork();
        async move {
            c.call(
                "record_recovery",
                &[
                    ("sanction", &format!("{sanction_id}:{seen}")),
                    ("amount", amount),
                ],
            )
            .await
        }
    };
    let r = recover(0, "60").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The same receipt sent again from the same page is refused.
    assert_eq!(recover(0, "60").await.error(), Some(AppError::Conflict));
    assert_eq!(
        recover(6000, "41")
            .await
            .error()
            .and_then(|e| e.problem_for("amount").cloned()),
        Some(Problem::OverRecovery { left_fen: 4000 })
    );
    // Thirty sums of 2 yuan at once from one page: one is counted.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        tasks.spawn(recover(6000, "2"));
    }
    let mut counted = 0;
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        match r.error() {
            None => counted += 1,
            Some(AppError::Conflict) => {}
            Some(e) if e.problem_for("amount").is_some() => {}
            Some(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(counted, 1);
    let recovered = app
        .count(&format!(
            "SELECT recovered_fen FROM sanctions WHERE id = {sanction_id}"
        ))
        .await;
    assert_eq!(recovered, 6000 + 200 * counted);
    assert!(recovered <= 10_000);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery_recorded' \
             AND detail LIKE 'sanction #{sanction_id}:%'"
        ))
        .await,
        1 + counted
    );

    // A disqualification for a year refuses the unit's next proposal and
    // names the programme and the reason.
    let until = (today + chrono::Days::new(365)).to_string();
    let r = sanction(&admin, found, "disqualification", "", until.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A second press of the same sanction is refused, not doubled.
    let r = sanction(&admin, found, "disqualification", "", until.clone()).await;
    assert_eq!(r.error(), Some(AppError::Conflict));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM sanctions WHERE inspection_id = {found}"
        ))
        .await,
        2
    );
    let topic: String = sqlx::query_scalar("SELECT topic FROM programmes WHERE id = $1")
        .bind(g)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mut unit = app.signed_in("unit").await;
    let r = save(&mut unit, &form(&o, &[])).await;
    assert_eq!(
        r.error(),
        Some(AppError::Disqualified {
            until: until.clone(),
            reason: format!("{topic}：超标准发放讲课费"),
        })
    );
    // The organisation's history shows the disqualification too.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'unit_disqualified' \
             AND target_kind = 'organisation' AND detail LIKE '%{until}:%超标准发放讲课费'"
        ))
        .await,
        1
    );
    // The unit reads the sanctions on its own programme; the host
    // institution reads the findings without them.
    let v = view(&mut unit, g).await.unwrap();
    let kinds: Vec<_> = v
        .inspections
        .iter()
        .find(|x| x.id == found)
        .unwrap()
        .sanctions
        .iter()
        .map(|s| (s.kind.as_str(), s.period.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("recovery", None),
            ("disqualification", Some((today.to_string(), until)))
        ]
    );
    assert!(
        v.drawn_in.is_empty(),
        "the unit is not told which draws hold it"
    );
    let institution: String = sqlx::query_scalar(
        "SELECT a.username FROM accounts a JOIN programmes p ON p.institution_id = a.org_id \
         WHERE p.id = $1 ORDER BY a.id LIMIT 1",
    )
    .bind(g)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let mut host = app.signed_in(&institution).await;
    let v = view(&mut host, g).await.unwrap();
    let x = v.inspections.iter().find(|x| x.id == found).unwrap();
    assert!(!x.findings.is_empty() && x.sanctions.is_empty());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'unit_sanctioned' \
             AND detail LIKE '#{found} %'"
        ))
        .await,
        2
    );
}
