use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

use super::{AssessmentView, ImportDone};
use crate::error::AppError;

/// One row of the list's form, as typed: empty selects are "not yet".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowInput {
    pub grade: String,
    pub assessor: String,
    pub comment: String,
    pub outcome: String,
    pub reason: String,
    /// The version the row was read at (0: nothing decided then).
    pub version: i64,
    /// The decision's fingerprint as the list showed it: a row sent back
    /// unchanged is left alone.
    pub was: String,
}

/// A programme's assessment in the caller's scope.
#[server(endpoint = "assessment_overview")]
pub async fn assessment_overview(programme_id: i64) -> Result<AssessmentView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::ASSESSMENT_OVERVIEW).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = crate::plan::repo::by_id(
        &mut conn,
        programme_id,
        crate::plan::repo::Scope::of(&caller)?,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    ssr::view(&mut conn, &caller, g).await
}

/// Saves the rows of the list this user changed, all or none: every row
/// is checked against the rules first, and a refusal names each bad row's
/// field (`"<enrollment>.<field>"`), a row changed by someone else since
/// it was read among them. Once the results are published, a save is a
/// correction and needs its reason. Each saved row is audited.
#[server(endpoint = "save_assessments")]
pub async fn save_assessments(
    programme_id: i64,
    #[server(default)] rows: BTreeMap<String, RowInput>,
    #[server(default)] correction: String,
) -> Result<usize, AppError> {
    use crate::error::FieldError;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SAVE_ASSESSMENTS).await?;
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (key, r) in rows {
        let enrollment: i64 = key
            .parse()
            .ok()
            .filter(|e: &i64| e.to_string() == key)
            .ok_or(AppError::BadRequest)?;
        match crate::domain::assessment::parse(
            &r.grade,
            &r.assessor,
            &r.comment,
            &r.outcome,
            &r.reason,
        ) {
            Ok(decision) => changes.push(ssr::Change {
                enrollment,
                decision,
                version: Some(r.version),
                was: Some(r.was),
                given: None,
            }),
            Err(list) => problems.extend(
                list.into_iter()
                    .map(|(f, p)| FieldError::new(&format!("{enrollment}.{f}"), p)),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let mut tx = caller.state.db.write().await?;
    let saved = ssr::apply(&mut tx, &caller, programme_id, changes, Some(&correction))
        .await?
        .map_err(|rows| {
            AppError::Validation(
                rows.into_iter()
                    .map(|(e, f, p)| FieldError::new(&format!("{e}.{f}"), p))
                    .collect(),
            )
        })?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/assessment?done=saved"
    ));
    Ok(saved)
}

/// Makes the results visible to the trainees, once every admitted
/// trainee has one. Publishing twice changes nothing.
#[server(endpoint = "publish_results")]
pub async fn publish_results(programme_id: i64) -> Result<(), AppError> {
    use crate::domain::assessment::{Outcome, Refusal};
    use crate::error::Problem;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PUBLISH_RESULTS).await?;
    let mut tx = caller.state.db.write().await?;
    let g = crate::plan::repo::hosted(&mut tx, &caller, programme_id).await?;
    crate::plan::repo::lock(&mut tx, programme_id).await?;
    let v = ssr::view(&mut tx, &caller, g).await?;
    if !v.ended {
        return Err(AppError::field(
            "results",
            Problem::Assess(Refusal::NotEnded),
        ));
    }
    if v.rows.is_empty() {
        return Err(AppError::WrongState);
    }
    let open = v.count(None) as i64;
    if open > 0 {
        return Err(AppError::field(
            "results",
            Problem::Assess(Refusal::Unfinished { count: open }),
        ));
    }
    let at = caller.now();
    if super::repo::publish(&mut tx, programme_id, caller.user.id, at).await? {
        let detail = format!(
            "合格 {} · 不合格 {} · 未完成 {}",
            v.count(Some(Outcome::Passed)),
            v.count(Some(Outcome::Failed)),
            v.count(Some(Outcome::Incomplete))
        );
        caller
            .audit(
                &mut tx,
                "results_published",
                "programme",
                programme_id,
                &detail,
                at,
            )
            .await?;
    }
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/assessment?done=published"
    ));
    Ok(())
}

/// Imports grades and results from a spreadsheet (see `sheet`): all rows
/// or none, every problem named by its row and column. A multipart form
/// with `programme_id` and `file`.
#[server(endpoint = "import_assessments", input = MultipartFormData)]
pub async fn import_assessments(data: MultipartData) -> Result<ImportDone, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::IMPORT_ASSESSMENTS).await?;
    let upload = crate::server::upload::read(data, super::sheet::MAX_BYTES).await?;
    let programme = upload.programme;
    {
        let mut conn = caller.state.db.pool.acquire().await?;
        crate::plan::repo::hosted(&mut conn, &caller, programme).await?;
    }
    let bytes = upload.bytes;
    let parsed = tokio::task::spawn_blocking(move || super::sheet::read(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading an assessment sheet");
            AppError::Internal
        })?
        .map_err(AppError::from_rows)?;
    let mut tx = caller.state.db.write().await?;
    let people = super::repo::people(&mut tx, programme).await?;
    let keys = &caller.state.keys;
    let changes = parsed
        .match_people(&people, |id| {
            keys.lookup(crate::server::crypto::Purpose::IdNumber, id)
        })
        .map_err(AppError::from_rows)?;
    let by_row: Vec<(i64, u32)> = changes.iter().map(|m| (m.enrollment, m.row)).collect();
    let changes = changes
        .into_iter()
        .map(|m| ssr::Change {
            enrollment: m.enrollment,
            decision: m.decision,
            version: m.version,
            was: None,
            given: Some(m.given),
        })
        .collect();
    let changed = ssr::apply(&mut tx, &caller, programme, changes, None)
        .await?
        .map_err(|rows| AppError::from_rows(parsed.row_errors(&by_row, rows)))?;
    tx.commit().await?;
    Ok(ImportDone { changed })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::{repo, AssessmentView};
    use crate::auth::guard::Caller;
    use crate::domain::assessment::{check_change, Decision, Given, Refusal, REASON_MAX};
    use crate::domain::Role;
    use crate::error::{AppError, Problem};
    use crate::plan::ProgrammeView;

    pub async fn view(
        conn: &mut AnyConnection,
        caller: &Caller,
        g: ProgrammeView,
    ) -> Result<AssessmentView, AppError> {
        let today = crate::domain::shanghai_date(caller.now()).to_string();
        Ok(AssessmentView {
            programme_id: g.id,
            rows: repo::rows(conn, g.id).await?,
            total_hours: repo::total_hours(conn, g.id).await?,
            min: crate::settings::repo::min_attendance(conn).await?,
            published: repo::published(conn, g.id).await?,
            may_edit: caller.user.role == Role::Institution,
            ended: today >= g.end_date,
            topic: g.topic,
            end_date: g.end_date,
        })
    }

    /// A row's problems: (enrollment, field, problem).
    pub type Refused = Vec<(i64, &'static str, Problem)>;

    /// One trainee's decision as a save or an import brings it.
    pub struct Change {
        pub enrollment: i64,
        pub decision: Decision,
        /// The version it was read at, where known.
        pub version: Option<i64>,
        /// The list's fingerprint of the decision it showed.
        pub was: Option<String>,
        /// An import's fields; the others stay as recorded.
        pub given: Option<Given>,
    }

    /// A decision in one line for the audit trail: every field, the
    /// comment cut short.
    fn summary(d: &Decision) -> String {
        let comment: String = d.comment.chars().take(20).collect();
        format!(
            "{} · {} · 评阅人 {} · 评语 {}{} · 原因 {}",
            d.grade.map_or("—", |g| g.zh()),
            d.outcome.map_or("—", |o| o.zh()),
            if d.assessor.is_empty() {
                "—"
            } else {
                &d.assessor
            },
            if comment.is_empty() { "—" } else { &comment },
            if d.comment.chars().count() > 20 {
                "…"
            } else {
                ""
            },
            if d.reason.is_empty() {
                "—"
            } else {
                &d.reason
            },
        )
    }

    /// Checks every change against the rules and the facts, then writes
    /// those that differ from what is recorded. Nothing is written when
    /// any row is refused. `correction`: the list's reason field (`None`
    /// for an import, which is refused once the results are published).
    pub async fn apply(
        conn: &mut AnyConnection,
        caller: &Caller,
        programme: i64,
        changes: Vec<Change>,
        correction: Option<&str>,
    ) -> Result<Result<usize, Refused>, AppError> {
        let g = crate::plan::repo::hosted(conn, caller, programme).await?;
        crate::plan::repo::lock(conn, programme).await?;
        let v = view(conn, caller, g).await?;
        if !v.ended {
            return Err(AppError::field(
                "results",
                Problem::Assess(Refusal::NotEnded),
            ));
        }
        let published = v.published.is_some();
        if published && correction.is_none() {
            return Err(AppError::field(
                "file",
                Problem::Assess(Refusal::AlreadyPublished),
            ));
        }
        let mut refused = Vec::new();
        let mut writes = Vec::new();
        for c in changes {
            let row = v
                .rows
                .iter()
                .find(|r| r.enrollment_id == c.enrollment)
                .ok_or(AppError::NotFound)?;
            let d = match c.given {
                Some(given) => row.decision.merge(&c.decision, given),
                None => c.decision,
            };
            // Left alone on the list, or the same as recorded.
            if c.was.as_deref() == Some(d.fingerprint().as_str()) || row.decision == d {
                continue;
            }
            if c.version.is_some_and(|v| v != row.version) {
                refused.push((
                    row.enrollment_id,
                    "row",
                    Problem::Assess(Refusal::ChangedSince),
                ));
                continue;
            }
            let mut problems = check_change(&row.decision, &d, v.facts(row));
            if published && d.outcome.is_none() {
                problems.push(("outcome", Problem::Required));
            }
            if problems.is_empty() {
                writes.push((row, d));
            } else {
                refused.extend(problems.into_iter().map(|(f, p)| (row.enrollment_id, f, p)));
            }
        }
        if !refused.is_empty() {
            return Ok(Err(refused));
        }
        let reason = match correction.map(str::trim) {
            Some("") if published && !writes.is_empty() => {
                return Err(AppError::field("correction", Problem::Required));
            }
            Some(r) => crate::domain::optional_text(r, REASON_MAX)
                .map_err(|p| AppError::field("correction", p))?,
            None => String::new(),
        };
        let action = match (published, correction) {
            (true, _) => "assessment_corrected",
            (false, Some(_)) => "assessed",
            (false, None) => "assessments_imported",
        };
        let at = caller.now();
        for (row, d) in &writes {
            let done = repo::save(
                conn,
                programme,
                row.enrollment_id,
                (d, row.paper.map(|p| p.0)),
                row.version,
                caller.user.id,
                at,
            )
            .await?;
            if !done {
                return Err(AppError::Conflict);
            }
            let mut detail = format!(
                "#{} {}：{} → {}",
                row.enrollment_id,
                row.name,
                summary(&row.decision),
                summary(d)
            );
            if published {
                detail.push_str(&format!("；更正原因：{reason}"));
            }
            caller
                .audit(conn, action, "programme", programme, &detail, at)
                .await?;
        }
        Ok(Ok(writes.len()))
    }
}
