//! The satisfaction survey: opened by the host institution once its
//! programme runs; each admitted trainee answers once, even when a phone
//! sends twice at the same moment; nothing links an answer to a person;
//! statistics only from five answers, exact against a fixture; the
//! standard questionnaire versioned, a survey keeping its version.

use app::domain::survey::{ItemKind, SurveyState, Value};
use app::error::{AppError, Problem};
use app::survey::{Figures, MySurveyView, QuestionnaireView, SurveyView};
use app::trainee::HomeView;
use axum::http::StatusCode;
use calamine::{Reader, Xlsx};

use crate::both;
use crate::helpers::{Client, TestApp};

both!(
    a_survey_opens_when_the_programme_runs_and_takes_one_answer_per_trainee,
    statistics_wait_for_five_answers_and_match_a_fixture,
    nothing_links_an_answer_to_a_person,
    the_questionnaire_is_versioned_and_a_survey_keeps_its_version,
);

const RUNNING_TOPIC: &str = "铁路桥隧智能检测与养护高级研修班";

async fn running(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM programmes WHERE topic = $1")
        .bind(RUNNING_TOPIC)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn overview(app: &TestApp, who: &str, g: i64) -> SurveyView {
    let mut c = app.signed_in(who).await;
    c.call("survey_overview", &[("programme_id", &g.to_string())])
        .await
        .json()
}

async fn set_open(c: &mut Client, g: i64, open: bool) -> Option<AppError> {
    c.call(
        "set_survey_state",
        &[
            ("programme_id", &g.to_string()),
            ("open", &open.to_string()),
        ],
    )
    .await
    .error()
}

async fn mine(c: &mut Client, g: i64) -> MySurveyView {
    c.call("my_survey", &[("programme_id", &g.to_string())])
        .await
        .json()
}

/// A whole answer sheet for `items`: every score `score`, the first
/// option of each choice, and `comment` in each free text.
fn sheet(v: &MySurveyView, score: i64, comment: &str) -> Vec<(String, String)> {
    let mut form = vec![("programme_id".to_owned(), v.programme_id.to_string())];
    for item in &v.items {
        let value = match item.kind {
            ItemKind::Score => score.to_string(),
            ItemKind::Choice => "0".to_owned(),
            ItemKind::Text => comment.to_owned(),
        };
        form.push((format!("answers[{}]", item.key), value));
    }
    form
}

async fn submit(c: &mut Client, form: &[(String, String)]) -> crate::helpers::Reply {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call("submit_survey", &pairs).await
}

/// The running programme, whose survey the demo opened on its first
/// evening.
async fn open_running(app: &TestApp) -> i64 {
    let g = running(app).await;
    assert_eq!(
        overview(app, "institution", g).await.state,
        Some(SurveyState::Open)
    );
    g
}

async fn a_survey_opens_when_the_programme_runs_and_takes_one_answer_per_trainee(app: TestApp) {
    // The programme enrolling now: its own item may be added, but the
    // survey cannot open before the first day; its admitted trainee
    // finds nothing to answer.
    let enrolling = app.enrolling().await;
    let e = enrolling.to_string();
    let mut institution = app.signed_in("institution").await;
    let pairs = [
        ("programme_id", e.as_str()),
        ("zh", "案例教学的实用性"),
        ("en", ""),
    ];
    let added = institution.call("add_survey_item", &pairs).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(
        set_open(&mut institution, enrolling, true).await,
        Some(AppError::WrongState)
    );
    let draft = overview(&app, "institution", enrolling).await;
    assert_eq!(draft.state, Some(SurveyState::Draft));
    assert_eq!(draft.extra.len(), 1);
    assert!(draft.items.iter().any(|i| i.key == "x1"));
    let mut trainee = app.signed_in("trainee").await;
    let early = submit(&mut trainee, &[("programme_id".into(), e.clone())]).await;
    assert!(early.error().is_some(), "{}", early.body);

    // The programme under way: open since its first evening. Another
    // institution cannot close it; its own closes and reopens it.
    let g = running(&app).await;
    let id = g.to_string();
    let mut hebmu = app.signed_in("hebmu").await;
    assert_eq!(
        set_open(&mut hebmu, g, false).await,
        Some(AppError::NotFound)
    );
    assert_eq!(
        set_open(&mut institution, g, true).await,
        Some(AppError::WrongState)
    );
    assert_eq!(set_open(&mut institution, g, false).await, None);
    assert_eq!(mine(&mut trainee, g).await.state, Some(SurveyState::Closed));
    assert_eq!(set_open(&mut institution, g, true).await, None);
    let late_item = institution
        .call(
            "add_survey_item",
            &[("programme_id", &id), ("zh", "太晚了"), ("en", "")],
        )
        .await;
    assert_eq!(late_item.error(), Some(AppError::WrongState));

    // The form: the standard's items, a rating per lecturer on the
    // schedule, the institution's item, the free text last.
    let v = mine(&mut trainee, g).await;
    assert_eq!(v.state, Some(SurveyState::Open));
    assert!(!v.answered);
    let keys: Vec<&str> = v.items.iter().map(|i| i.key.as_str()).collect();
    assert!(keys.iter().any(|k| k.starts_with('l')), "{keys:?}");
    assert_eq!(keys.last(), Some(&"s9"));
    let home: HomeView = trainee.call("my_home", &[]).await.json();
    assert_eq!(home.surveys_due.len(), 1);

    // An item left out: refused, naming it; nothing recorded.
    let mut partial = sheet(&v, 4, "");
    partial.retain(|(k, _)| k != "answers[s3]");
    let refused = submit(&mut trainee, &partial).await;
    match refused.error() {
        Some(AppError::Validation(list)) => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].field, "answers[s3]");
            assert_eq!(list[0].problem, Problem::Required);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE programme_id = {g}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_participation WHERE programme_id = {g}"
        ))
        .await,
        0
    );

    // A double tap: two submissions at the same moment, one answer. The
    // first lecturer's class was missed: no rating for them.
    let mut form = sheet(&v, 5, "案例很实用");
    let missed = form
        .iter_mut()
        .find(|(k, _)| k.starts_with("answers[l"))
        .expect("a lecturer to rate");
    missed.1 = app::domain::survey::NOT_ATTENDED.to_owned();
    let mut twin = trainee.fork();
    let (a, b) = tokio::join!(submit(&mut trainee, &form), submit(&mut twin, &form));
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(b.status, StatusCode::OK, "{}", b.body);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE programme_id = {g}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_participation WHERE programme_id = {g}"
        ))
        .await,
        1
    );
    let answered_items = v.items.len() as i64 - 1;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_answers WHERE programme_id = {g}"
        ))
        .await,
        answered_items
    );
    // And a third, later: still one.
    let again = submit(&mut trainee, &form).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM survey_responses WHERE programme_id = {g}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'survey_answered' \
             AND target_id = '{g}'"
        ))
        .await,
        1
    );
    let after = mine(&mut trainee, g).await;
    assert!(after.answered);
    assert!(after.items.is_empty());
    let home: HomeView = trainee.call("my_home", &[]).await.json();
    assert!(home.surveys_due.is_empty());

    // Closed: no more answers; the page says so.
    assert_eq!(set_open(&mut institution, g, false).await, None);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('survey_opened', 'survey_closed', \
             'survey_item_added')"
        )
        .await,
        // The demo's four (an item, two openings, a closing), and here an
        // item, a reopening and two closings.
        4 + 4
    );
    let page = trainee.get(&format!("/me/surveys/{g}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("您已提交本期测评"), "{}", page.body);
    assert!(!page.body.contains(".wasm"));
}

/// Records `score` on every scored item and `comment` for four admitted
/// trainees other than the demo trainee, as their own submissions would.
async fn four_others(app: &TestApp, g: i64, items: &MySurveyView, scores: [i64; 4]) {
    let others: Vec<i64> = sqlx::query_scalar(
        "SELECT e.id FROM enrollments e JOIN accounts a ON a.id = e.account_id \
         WHERE e.programme_id = $1 AND e.status = 'admitted' AND a.username <> 'trainee' \
         ORDER BY e.id",
    )
    .bind(g)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert!(others.len() >= 4, "{others:?}");
    for (enrollment, score) in others.into_iter().zip(scores) {
        let answers: Vec<(String, Value)> = items
            .items
            .iter()
            .map(|i| {
                let v = match i.kind {
                    ItemKind::Score => Value::Score(score),
                    ItemKind::Choice => Value::Choice(if score >= 4 { 0 } else { 2 }),
                    ItemKind::Text => Value::Text(format!("意见{score}")),
                };
                (i.key.clone(), v)
            })
            .collect();
        let mut tx = app.state.db.write().await.unwrap();
        let recorded = app::survey::repo::record(&mut tx, g, enrollment, &answers, "2026-12-01")
            .await
            .unwrap();
        assert!(recorded);
        tx.commit().await.unwrap();
    }
}

async fn statistics_wait_for_five_answers_and_match_a_fixture(app: TestApp) {
    let g = open_running(&app).await;
    let mut trainee = app.signed_in("trainee").await;
    let v = mine(&mut trainee, g).await;
    four_others(&app, g, &v, [5, 4, 3, 5]).await;

    // Four answers, closed: counted, no statistics sent, no table; and
    // as few as that, it may open again.
    let mut institution = app.signed_in("institution").await;
    assert_eq!(set_open(&mut institution, g, false).await, None);
    let four = overview(&app, "institution", g).await;
    assert_eq!(four.answered, 4);
    assert!(four.stats.is_none());
    let table = institution
        .get(&format!("/programmes/{g}/survey.xlsx"))
        .await;
    assert_eq!(table.status, StatusCode::CONFLICT);
    assert_eq!(set_open(&mut institution, g, true).await, None);

    // The fifth, the demo trainee's own: 5 everywhere, no comment. While
    // the survey is open nothing shows, however many have answered.
    let r = submit(&mut trainee, &sheet(&v, 5, "")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let open = overview(&app, "institution", g).await;
    assert_eq!(open.answered, 5);
    assert!(open.stats.is_none());
    assert_eq!(set_open(&mut institution, g, false).await, None);
    // Closed with five: its figures are out, so it stays closed.
    assert_eq!(
        set_open(&mut institution, g, true).await,
        Some(AppError::WrongState)
    );
    let five = overview(&app, "institution", g).await;
    assert_eq!(five.answered, 5);
    let stats = five.stats.expect("statistics from five answers");
    let s1 = stats.iter().find(|s| s.item.key == "s1").unwrap();
    match &s1.figures {
        Figures::Score(f) => {
            // 5, 4, 3, 5, 5: mean 22/5 = 4.40; 4 of 5 satisfied.
            assert_eq!((f.count, f.sum, f.by_score), (5, 22, [0, 0, 1, 1, 3]));
            assert_eq!(f.mean_text(), "4.40");
            assert_eq!(f.satisfied_text(), "80.0%");
        }
        other => panic!("{other:?}"),
    }
    let lecturer = stats.iter().find(|s| s.item.key.starts_with('l')).unwrap();
    assert!(matches!(&lecturer.figures, Figures::Score(f) if f.count == 5));
    let choice = stats.iter().find(|s| s.item.key == "s8").unwrap();
    // Options 0 (four times: scores 5, 4, 5 and the trainee's) and 2 (once).
    assert_eq!(choice.figures, Figures::Choice(vec![4, 0, 1, 0]));
    let texts = stats.iter().find(|s| s.item.key == "s9").unwrap();
    assert_eq!(
        texts.figures,
        Figures::Text(vec![
            "意见3".into(),
            "意见4".into(),
            "意见5".into(),
            "意见5".into()
        ])
    );

    // Readers in scope see the same; another unit sees nothing.
    assert_eq!(overview(&app, "unit", g).await.stats, Some(stats.clone()));
    assert_eq!(overview(&app, "inspector", g).await.answered, 5);
    app.unit_user("unit.tangshan", "唐山市人力资源和社会保障局")
        .await;
    let mut other = app.signed_in("unit.tangshan").await;
    let hidden = other
        .call("survey_overview", &[("programme_id", &g.to_string())])
        .await;
    assert_eq!(hidden.error(), Some(AppError::NotFound));
    let theirs = other.get(&format!("/programmes/{g}/survey.xlsx")).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    // The Excel table: its title, the item and its mean.
    let table = institution
        .get(&format!("/programmes/{g}/survey.xlsx"))
        .await;
    assert_eq!(table.status, StatusCode::OK);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(table.raw)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "学员满意度测评统计表"));
    let row = sheet
        .rows()
        .find(|r| {
            r.get(1)
                .is_some_and(|c| *c == calamine::Data::String("对本期研修的总体满意度".into()))
        })
        .expect("the overall item's row");
    assert_eq!(row[2].to_string(), "5");
    assert_eq!(row[3].to_string(), "4.4");
}

async fn columns(app: &TestApp, table: &str) -> Vec<String> {
    let sql = if app.state.db.backend == app::server::db::Backend::Postgres {
        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns WHERE table_name = $1 \
         ORDER BY column_name"
    } else {
        "SELECT name FROM pragma_table_info($1) ORDER BY name"
    };
    sqlx::query_scalar(sql)
        .bind(table)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn nothing_links_an_answer_to_a_person(app: TestApp) {
    let g = open_running(&app).await;
    let mut trainee = app.signed_in("trainee").await;
    let v = mine(&mut trainee, g).await;
    let r = submit(&mut trainee, &sheet(&v, 4, "住宿离教室远")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The answer tables hold no person, no account, no time of day.
    assert_eq!(
        columns(&app, "survey_responses").await,
        ["answered_on", "id", "programme_id"]
    );
    assert_eq!(
        columns(&app, "survey_answers").await,
        [
            "choice",
            "item",
            "programme_id",
            "response_id",
            "score",
            "text"
        ]
    );
    // Participation names the person and nothing of the answer or time.
    assert_eq!(
        columns(&app, "survey_participation").await,
        ["enrollment_id", "programme_id"]
    );
    let day: String =
        sqlx::query_scalar("SELECT answered_on FROM survey_responses WHERE programme_id = $1")
            .bind(g)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(day.len(), 10, "a date, no time: {day}");
    // Nor does SQLite keep a hidden row number in the order of arrival: a
    // response's row id is its random id, and the others have none.
    if app.state.db.backend == app::server::db::Backend::Sqlite {
        let ordered = app
            .count("SELECT COUNT(*) FROM survey_responses WHERE rowid <> id")
            .await;
        assert_eq!(ordered, 0);
        for table in ["survey_answers", "survey_participation"] {
            let rowid = sqlx::query(&format!("SELECT rowid FROM {table}"))
                .fetch_all(&app.state.db.pool)
                .await;
            assert!(rowid.is_err(), "{table} keeps a row number");
        }
    }
    // The audit trail records taking part, not what was said.
    let said = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey_answered' AND detail <> ''")
        .await;
    assert_eq!(said, 0);
    let audit = app
        .count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%住宿离教室远%'")
        .await;
    assert_eq!(audit, 0);
    // The staff page shows nothing before five answers.
    let mut institution = app.signed_in("institution").await;
    let page = institution.get(&format!("/programmes/{g}/survey")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("住宿离教室远"));
}

async fn questionnaire(c: &mut Client) -> QuestionnaireView {
    c.call("questionnaire", &[]).await.json()
}

async fn the_questionnaire_is_versioned_and_a_survey_keeps_its_version(app: TestApp) {
    let mut admin = app.signed_in("admin").await;
    let first = questionnaire(&mut admin).await;
    assert_eq!(first.version, 1);
    // A survey opened now uses version 1.
    let g = open_running(&app).await;
    assert_eq!(overview(&app, "institution", g).await.version, 1);

    let add = |version: &'static str, zh: &'static str| {
        [
            ("version", version),
            ("kind", "choice"),
            ("zh", zh),
            ("en", "How did you hear of it"),
            ("options", "单位推荐 / My employer\n网站 / The website"),
        ]
    };
    let r = admin.call("add_standard_item", &add("1", "获知渠道")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Someone else's edit of the version already replaced: refused.
    let stale = admin.call("add_standard_item", &add("1", "重复")).await;
    assert_eq!(stale.error(), Some(AppError::Conflict));
    let second = questionnaire(&mut admin).await;
    assert_eq!(second.version, 2);
    let added = second.items.last().unwrap();
    assert_eq!((added.key.as_str(), added.options.len()), ("s10", 2));
    assert_eq!(second.versions.len(), 2);
    // The demo's two programmes opened theirs with version 1.
    assert_eq!(second.versions[1].programmes, 2);

    let removed = admin
        .call("remove_standard_item", &[("version", "2"), ("key", "s6")])
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let third = questionnaire(&mut admin).await;
    assert_eq!(third.version, 3);
    assert!(third.items.iter().all(|i| i.key != "s6"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'questionnaire_published'")
            .await,
        2
    );

    // The open survey keeps version 1: still asks s6, not s10.
    let mut trainee = app.signed_in("trainee").await;
    let keys: Vec<String> = mine(&mut trainee, g)
        .await
        .items
        .into_iter()
        .map(|i| i.key)
        .collect();
    assert!(keys.contains(&"s6".to_owned()));
    assert!(!keys.contains(&"s10".to_owned()));
    // Neither an institution nor an inspector may change it.
    let mut institution = app.signed_in("institution").await;
    let denied = institution
        .call("add_standard_item", &add("3", "越权"))
        .await;
    assert_eq!(denied.error(), Some(AppError::Forbidden));
    let mut inspector = app.signed_in("inspector").await;
    assert_eq!(questionnaire(&mut inspector).await.version, 3);
}
