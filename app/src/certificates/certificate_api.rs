use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;

/// The admin issues certificates to the approved register's trainees who
/// passed and have none (R8). Provincial numbers come from the year's
/// counter in the province's format; a national programme's come from
/// the ministry, one per trainee in `numbers` (by enrollment), checked
/// unique. All or none.
#[server(endpoint = "issue_certificates")]
pub async fn issue_certificates(
    programme_id: i64,
    #[server(default)] national: bool,
    #[server(default)] numbers: BTreeMap<String, String>,
) -> Result<usize, AppError> {
    use crate::plan::repo::{by_id, lock, Scope};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::ISSUE_CERTIFICATES).await?;
    let mut tx = caller.state.db.write().await?;
    let g = by_id(&mut tx, programme_id, Scope::All)
        .await?
        .ok_or(AppError::NotFound)?;
    lock(&mut tx, programme_id).await?;
    let view = super::api::ssr::view(&mut tx, g).await?;
    let at = caller.now();
    let issued = ssr::issue(&mut tx, &caller, &view, national.then_some(&numbers), at).await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/completion?done=issued"
    ));
    Ok(issued)
}

/// Revokes a certificate with the reason; verification then says so.
#[server(endpoint = "revoke_certificate")]
pub async fn revoke_certificate(id: i64, reason: String) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REVOKE_CERTIFICATE).await?;
    let reason =
        crate::domain::required_text(&reason, 500).map_err(|p| AppError::field("reason", p))?;
    let mut tx = caller.state.db.write().await?;
    let (programme, c) = super::repo::certificate(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = caller.now();
    if !super::repo::revoke(&mut tx, id, &reason, caller.user.id, at).await? {
        return Err(AppError::WrongState);
    }
    let detail = format!("{} {}：{reason}", c.number, c.name);
    caller
        .audit(
            &mut tx,
            "certificate_revoked",
            "certificate",
            id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme}/completion?done=revoked"));
    Ok(())
}

/// Reissues a certificate after a correction (the trainee's name, the
/// programme's dates or hours): the same number, the next version.
#[server(endpoint = "reissue_certificate")]
pub async fn reissue_certificate(id: i64, reason: String) -> Result<i64, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REISSUE_CERTIFICATE).await?;
    let reason =
        crate::domain::required_text(&reason, 500).map_err(|p| AppError::field("reason", p))?;
    let mut tx = caller.state.db.write().await?;
    let (programme, c) = super::repo::certificate(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = crate::plan::repo::by_id(&mut tx, programme, crate::plan::repo::Scope::All)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::plan::repo::lock(&mut tx, programme).await?;
    // R8 still: the holder is admitted and passed as the results stand.
    let passes = super::repo::current(&mut tx, programme)
        .await?
        .iter()
        .any(|r| {
            r.enrollment_id == c.enrollment_id
                && r.outcome == crate::domain::assessment::Outcome::Passed
        });
    if !passes || c.revoked.is_some() {
        return Err(AppError::WrongState);
    }
    let name = crate::enrollment::repo::name_of(&mut tx, c.enrollment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let hours = crate::assessment::repo::total_hours(&mut tx, programme).await?;
    let before = super::repo::find(&mut tx, super::repo::Key::Number(&c.number))
        .await?
        .ok_or(AppError::NotFound)?;
    let said = |name: &str, topic: &str, dates: (&str, &str), hours: i64| {
        format!("{name} · {topic} · {}–{} · {hours} 学时", dates.0, dates.1)
    };
    let was = said(
        &before.name,
        &before.topic,
        (&before.dates.0, &before.dates.1),
        before.class_hours,
    );
    let now = said(&name, &g.topic, (&g.start_date, &g.end_date), hours);
    if was == now {
        return Err(AppError::field("reason", crate::error::Problem::Unchanged));
    }
    let at = caller.now();
    let content = (
        name.as_str(),
        g.topic.as_str(),
        (g.start_date.as_str(), g.end_date.as_str()),
        hours,
    );
    let version = super::repo::reissue(&mut tx, id, content, caller.user.id, at)
        .await?
        .ok_or(AppError::WrongState)?;
    let detail = format!("{} v{version}：{was} → {now}；{reason}", c.number);
    caller
        .audit(
            &mut tx,
            "certificate_reissued",
            "certificate",
            id,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme}/completion?done=reissued"
    ));
    Ok(version)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::collections::{BTreeMap, BTreeSet};

    use sqlx::AnyConnection;

    use super::super::repo;
    use super::super::{CompletionView, RegisterRow};
    use crate::auth::guard::Caller;
    use crate::domain::certificate::{national_number, CertProblem, Level};
    use crate::error::{AppError, FieldError, Problem};

    /// Whom `view` may certify now (R8), with the ministry's numbers or
    /// the province's: the one rule every way of issuing asks.
    pub fn issuable(view: &CompletionView, national: bool) -> Result<Vec<&RegisterRow>, AppError> {
        if national && !view.national {
            return Err(AppError::BadRequest);
        }
        let rows = view.to_issue();
        if rows.is_empty() {
            return Err(AppError::WrongState);
        }
        Ok(rows)
    }

    /// Issues what the approved register allows, from `view` read in one
    /// transaction the caller holds (the programme locked): all or none.
    pub async fn issue(
        conn: &mut AnyConnection,
        caller: &Caller,
        view: &CompletionView,
        national: Option<&BTreeMap<String, String>>,
        at: i64,
    ) -> Result<usize, AppError> {
        let programme = view.programme_id;
        let rows = issuable(view, national.is_some())?;
        let register = view.latest().map(|r| r.id).ok_or(AppError::WrongState)?;
        let year = i64::from(view.year);
        let (format, issuer) = crate::settings::repo::certificate_format(conn).await?;
        let numbers: Vec<(Option<i64>, String)> = match national {
            Some(given) => {
                let typed = national_numbers(&rows, given, &format)?;
                let taken = repo::taken(conn, &typed).await?;
                if !taken.is_empty() {
                    return Err(refused(&rows, &typed, |n| {
                        taken
                            .contains(n)
                            .then(|| CertProblem::Taken { number: n.clone() })
                    }));
                }
                typed.into_iter().map(|n| (None, n)).collect()
            }
            None => {
                let n = i64::try_from(rows.len()).map_err(|_| AppError::Internal)?;
                let first = repo::take_serials(conn, year, n).await?;
                let numbers: Vec<String> =
                    (first..first + n).map(|s| format.number(year, s)).collect();
                // Only a format changed back and forth could meet an old
                // number; say so rather than fail on the constraint.
                if let Some(number) = repo::taken(conn, &numbers).await?.pop() {
                    return Err(AppError::field(
                        "format",
                        Problem::Certify(CertProblem::Taken { number }),
                    ));
                }
                (first..).map(Some).zip(numbers).collect()
            }
        };
        let level = if national.is_some() {
            Level::National
        } else {
            Level::Provincial
        };
        for (row, (serial, number)) in rows.iter().zip(&numbers) {
            let token = crate::server::crypto::random_token();
            let new = repo::NewCertificate {
                enrollment: row.enrollment_id,
                programme,
                register,
                level,
                year,
                serial: *serial,
                number,
                token: &token,
                name: &row.name,
                topic: &view.topic,
                dates: (&view.start_date, &view.end_date),
                class_hours: view.total_hours,
                issuer: &issuer,
            };
            let id = repo::insert(conn, &new, caller.user.id, at).await?;
            let detail = format!("{number} {}", row.name);
            caller
                .audit(conn, "certificate_issued", "certificate", id, &detail, at)
                .await?;
        }
        Ok(rows.len())
    }

    /// The ministry's numbers for the rows, each checked and none twice.
    fn national_numbers(
        rows: &[&RegisterRow],
        given: &BTreeMap<String, String>,
        provincial: &crate::domain::certificate::NumberFormat,
    ) -> Result<Vec<String>, AppError> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for r in rows {
            let raw = given
                .get(&r.enrollment_id.to_string())
                .map_or("", String::as_str);
            match national_number(raw, provincial) {
                Ok(n) if !seen.insert(n.clone()) => problems.push(FieldError::new(
                    &format!("{}.number", r.enrollment_id),
                    Problem::Certify(CertProblem::Repeated { number: n }),
                )),
                Ok(n) => out.push(n),
                Err(p) => problems.push(FieldError::new(
                    &format!("{}.number", r.enrollment_id),
                    Problem::Certify(p),
                )),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(AppError::Validation(problems))
        }
    }

    fn refused(
        rows: &[&RegisterRow],
        numbers: &[String],
        problem: impl Fn(&String) -> Option<CertProblem>,
    ) -> AppError {
        AppError::Validation(
            rows.iter()
                .zip(numbers)
                .filter_map(|(r, n)| {
                    problem(n).map(|p| {
                        FieldError::new(&format!("{}.number", r.enrollment_id), Problem::Certify(p))
                    })
                })
                .collect(),
        )
    }
}
