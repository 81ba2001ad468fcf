// The forms post their fields one by one, so a plain form post (no
// JavaScript) names them exactly as the inputs do.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::SpendingView;
use crate::error::AppError;

/// A programme's spending account in the caller's scope.
#[server(endpoint = "spending")]
pub async fn spending(programme_id: i64) -> Result<SpendingView, AppError> {
    use crate::domain::Role;
    use crate::plan::repo::Scope;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SPENDING).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = crate::plan::repo::by_id(&mut conn, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let held = crate::closing::repo::holding(&mut conn, programme_id).await?;
    let locked = held.is_some();
    let may_edit = matches!(caller.user.role, Role::Unit | Role::Institution) && !locked;
    let mut v = ssr::view(&mut conn, &g, may_edit).await?;
    v.locked = held;
    v.may_set_category = caller.user.role == Role::Admin && !locked;
    Ok(v)
}

/// The host institution or the declaring unit enters one line of actual
/// spending. A lecture fee names a course of the schedule and one of its
/// lecturers (`course:lecturer`); the other categories name none. Over-cap
/// lines and charges to trainees are recorded with their flags, not
/// refused (R11, R12). Audited with the flags.
#[server(endpoint = "add_spending_line")]
pub async fn add_spending_line(
    programme_id: i64,
    category: String,
    source: String,
    amount: String,
    lecture: Option<String>,
    charged_to_trainees: Option<String>,
    note: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{optional_text, ExpenseCategory, Fen, FundingSource};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::ADD_SPENDING_LINE).await?;
    let mut tx = caller.state.db.write().await?;
    let g = ssr::own(&mut tx, &caller, programme_id).await?;
    ssr::unlocked(&mut tx, programme_id).await?;
    let mut p = Problems::default();
    let category = p.check(
        "category",
        ExpenseCategory::parse(category.trim()).ok_or(Problem::InvalidChoice),
    );
    let source = p.check(
        "source",
        FundingSource::parse(source.trim()).ok_or(Problem::InvalidChoice),
    );
    let amount = p.check(
        "amount",
        Fen::parse_yuan(&amount).and_then(|f| {
            if f == Fen::ZERO {
                Err(Problem::Required)
            } else {
                Ok(f)
            }
        }),
    );
    let note = p.check(
        "note",
        optional_text(note.as_deref().unwrap_or(""), super::NOTE_MAX),
    );
    // The schedule is read under the programme's lock, which removing a
    // course takes too.
    crate::plan::repo::lock(&mut tx, programme_id).await?;
    let lectures = super::repo::lectures(&mut tx, programme_id).await?;
    let typed = lecture.unwrap_or_default();
    let chosen = lectures.iter().find(|l| l.key() == typed.trim());
    let lecture = match (category, chosen, typed.trim().is_empty()) {
        (Some(ExpenseCategory::LectureFees), Some(l), _) => Some(l),
        (Some(ExpenseCategory::LectureFees), None, true) => {
            p.push("lecture", Problem::Required);
            None
        }
        (Some(ExpenseCategory::LectureFees), None, false) => {
            p.push("lecture", Problem::InvalidChoice);
            None
        }
        // Another category ignores a course left chosen in the form.
        _ => None,
    };
    p.into_result()?;
    let (Some(category), Some(source), Some(amount), Some(note)) = (category, source, amount, note)
    else {
        return Err(AppError::Internal);
    };
    let new = super::repo::NewLine {
        category,
        source,
        amount,
        lecture: lecture.map(|l| (l.course_id, l.lecturer_id)),
        charged_to_trainees: charged_to_trainees.is_some_and(|v| !v.is_empty()),
        note: &note,
    };
    let at = caller.now();
    // Totals stay within what a sum of money may be (100 million yuan).
    let sum = super::repo::sum(&mut tx, programme_id).await?;
    if Fen::from_fen(sum.saturating_add(amount.fen())).is_err() {
        return Err(AppError::field("amount", Problem::TooLarge));
    }
    let id = super::repo::insert_line(&mut tx, programme_id, &new, caller.user.id, at).await?;
    let detail = ssr::detail_of(&mut tx, programme_id, &g.start_date, id).await?;
    ssr::done(
        tx,
        &caller,
        "spending_line_added",
        programme_id,
        &detail,
        at,
    )
    .await
}

/// Removes a line entered by mistake. Audited with what it said.
#[server(endpoint = "remove_spending_line")]
pub async fn remove_spending_line(programme_id: i64, line_id: i64) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REMOVE_SPENDING_LINE).await?;
    let mut tx = caller.state.db.write().await?;
    let g = ssr::own(&mut tx, &caller, programme_id).await?;
    let row = super::repo::line(&mut tx, programme_id, line_id)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::unlocked(&mut tx, programme_id).await?;
    let detail = ssr::detail_of(&mut tx, programme_id, &g.start_date, row.id).await?;
    if !super::repo::delete_line(&mut tx, programme_id, line_id).await? {
        return Err(AppError::NotFound);
    }
    let at = caller.now();
    ssr::done(
        tx,
        &caller,
        "spending_line_removed",
        programme_id,
        &detail,
        at,
    )
    .await
}

/// The funds received by source, as the unit's finance office confirms
/// them (R15 is asked of them at closing). Audited.
#[server(endpoint = "save_programme_account")]
pub async fn save_programme_account(
    programme_id: i64,
    government: String,
    unit: String,
    society: String,
    individual: String,
) -> Result<(), AppError> {
    use crate::domain::{Fen, FundingSource};
    use crate::error::Problems;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SAVE_PROGRAMME_ACCOUNT).await?;
    let mut p = Problems::default();
    let mut funds = [Fen::ZERO; 4];
    for (slot, (s, raw)) in funds.iter_mut().zip(FundingSource::ALL.iter().zip([
        &government,
        &unit,
        &society,
        &individual,
    ])) {
        let parsed = match raw.trim() {
            "" => Ok(Fen::ZERO),
            typed => Fen::parse_yuan(typed),
        };
        *slot = p.check(s.as_str(), parsed).unwrap_or(Fen::ZERO);
    }
    let mut tx = caller.state.db.write().await?;
    ssr::own(&mut tx, &caller, programme_id).await?;
    ssr::unlocked(&mut tx, programme_id).await?;
    p.into_result()?;
    let at = caller.now();
    super::repo::save_funds(&mut tx, programme_id, funds, caller.user.id, at).await?;
    let detail = funds.map(|f| f.yuan_text()).join(" / ");
    ssr::done(
        tx,
        &caller,
        "programme_account_saved",
        programme_id,
        &detail,
        at,
    )
    .await
}

/// The province sets which training category a programme is (which
/// per-day caps judge its spending); the programme's own organisations
/// may not choose their caps. Audited with the old and the new category.
#[server(endpoint = "set_training_category")]
pub async fn set_training_category(
    programme_id: i64,
    training_category: String,
) -> Result<(), AppError> {
    use crate::domain::fees::TrainingCategory;
    use crate::error::Problem;
    use crate::plan::repo::Scope;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::SET_TRAINING_CATEGORY).await?;
    let category = TrainingCategory::parse(training_category.trim())
        .ok_or_else(|| AppError::field("training_category", Problem::InvalidChoice))?;
    let mut tx = caller.state.db.write().await?;
    crate::plan::repo::by_id(&mut tx, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    // Parallel changes each record the category they replaced; a sent
    // closing's account is judged by the category it was sent with.
    ssr::unlocked(&mut tx, programme_id).await?;
    let (before, _) = super::repo::account(&mut tx, programme_id).await?;
    let at = caller.now();
    super::repo::set_category(&mut tx, programme_id, category, caller.user.id, at).await?;
    let detail = format!("{} → {}", before.as_str(), category.as_str());
    ssr::done(
        tx,
        &caller,
        "training_category_set",
        programme_id,
        &detail,
        at,
    )
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use chrono::NaiveDate;
    use sqlx::AnyConnection;

    use super::super::{repo, Lecture, LineView, SpendingView};
    use crate::domain::fees::{in_force, FeeStandard};
    use crate::domain::spending::{day_overs, flags_in_order, totals, Flag, Line};
    use crate::domain::{Fen, Role};
    use crate::error::AppError;
    use crate::plan::repo::Scope;
    use crate::plan::ProgrammeView;

    /// The end of every change to a programme's account: its audit record
    /// (on the programme), the commit, and for a plain form post the way
    /// back to the account.
    pub async fn done(
        mut tx: crate::server::db::Tx,
        caller: &crate::auth::guard::Caller,
        action: &str,
        programme: i64,
        detail: &str,
        at: i64,
    ) -> Result<(), AppError> {
        caller
            .audit(&mut tx, action, "programme", programme, detail, at)
            .await?;
        tx.commit().await?;
        // The action names what was done, for the page to say so.
        crate::server::redirect_plain_form(&format!(
            "/programmes/{programme}/spending?done={action}"
        ));
        Ok(())
    }

    /// Holds the programme's row for this change (so that it and a
    /// closing being sent happen one after the other), and refuses it
    /// while closing materials sent or accepted hold the account.
    pub async fn unlocked(conn: &mut AnyConnection, programme: i64) -> Result<(), AppError> {
        use crate::domain::closing::{ClosingStatus, Refusal};
        use crate::error::Problem;
        crate::plan::repo::lock(conn, programme).await?;
        if let Some(status) = crate::closing::repo::holding(conn, programme).await? {
            let refusal = if status == ClosingStatus::Accepted {
                Refusal::AccountClosed
            } else {
                Refusal::AccountLocked
            };
            return Err(AppError::field("closing", Problem::Close(refusal)));
        }
        Ok(())
    }

    /// The caller's own programme (its unit's or its institution's);
    /// anyone else's is not found.
    pub async fn own(
        conn: &mut AnyConnection,
        caller: &crate::auth::guard::Caller,
        id: i64,
    ) -> Result<ProgrammeView, AppError> {
        let scope = match caller.user.role {
            Role::Unit | Role::Institution => Scope::of(caller)?,
            _ => return Err(AppError::Forbidden),
        };
        crate::plan::repo::by_id(conn, id, scope)
            .await?
            .ok_or(AppError::NotFound)
    }

    fn date(s: &str) -> Result<NaiveDate, AppError> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AppError::Internal)
    }

    /// The standards in force on the programme's start date (R12).
    pub async fn standard_for(
        conn: &mut AnyConnection,
        start: &str,
    ) -> Result<FeeStandard, AppError> {
        let all: Vec<FeeStandard> = repo::standards(conn)
            .await?
            .into_iter()
            .map(|v| v.standard)
            .collect();
        in_force(&all, date(start)?)
            .cloned()
            .ok_or(AppError::Internal)
    }

    pub fn line_of<'a>(
        row: &repo::LineRow,
        lectures: &'a [Lecture],
    ) -> (Line, Option<&'a Lecture>) {
        let lecture = lectures
            .iter()
            .find(|l| Some(l.course_id) == row.course_id && Some(l.lecturer_id) == row.lecturer_id);
        let line = Line {
            category: row.category(),
            source: row.source(),
            amount: Fen::from_fen(row.amount).unwrap_or(Fen::MAX),
            lecture: lecture.map(|l| (l.hours, l.title)),
            charged_to_trainees: row.charged_to_trainees == 1,
        };
        (line, lecture)
    }

    /// Every line of the programme judged in entry order (see
    /// `flags_in_order`): the line, its lecture, its flags.
    pub fn judged<'a>(
        rows: &[repo::LineRow],
        lectures: &'a [Lecture],
        s: &FeeStandard,
    ) -> Vec<(Line, Option<&'a Lecture>, Vec<Flag>)> {
        let lines: Vec<(Line, Option<&Lecture>)> =
            rows.iter().map(|r| line_of(r, lectures)).collect();
        let keyed: Vec<(Option<(i64, i64)>, &Line)> = lines
            .iter()
            .map(|(l, lecture)| (lecture.map(|x| (x.course_id, x.lecturer_id)), l))
            .collect();
        let flags = flags_in_order(&keyed, s);
        lines
            .into_iter()
            .zip(flags)
            .map(|((l, lecture), f)| (l, lecture, f))
            .collect()
    }

    /// The audit record's words for the line `id` as judged among the
    /// programme's lines: category, source, amount, lecture, flags.
    pub async fn detail_of(
        conn: &mut AnyConnection,
        programme: i64,
        start: &str,
        id: i64,
    ) -> Result<String, AppError> {
        let s = standard_for(conn, start).await?;
        let lectures = repo::lectures(conn, programme).await?;
        let rows = repo::lines(conn, programme).await?;
        let judged = judged(&rows, &lectures, &s);
        Ok(rows
            .iter()
            .zip(&judged)
            .find(|(r, _)| r.id == id)
            .map(|(_, (line, lecture, flags))| line_detail(id, line, *lecture, flags))
            .unwrap_or_default())
    }

    /// What the audit record says of a line: its id, category, source,
    /// amount, lecture, and flags.
    pub fn line_detail(id: i64, line: &Line, lecture: Option<&Lecture>, flags: &[Flag]) -> String {
        let mut out = format!(
            "#{id} {} {} {}",
            line.category.as_str(),
            line.source.as_str(),
            line.amount.yuan_text()
        );
        if let Some(l) = lecture {
            out.push_str(&format!(" {} / {} ({}h)", l.course, l.lecturer, l.hours));
        }
        for f in flags {
            match f {
                Flag::OverCap(o) => out.push_str(&format!(
                    " over_cap cap={} excess={}",
                    o.cap.yuan_text(),
                    o.excess.yuan_text()
                )),
                Flag::TraineeCharge => out.push_str(" trainee_charge"),
            }
        }
        out
    }

    pub async fn view(
        conn: &mut AnyConnection,
        g: &ProgrammeView,
        may_edit: bool,
    ) -> Result<SpendingView, AppError> {
        let standard = standard_for(conn, &g.start_date).await?;
        let (category, funds) = repo::account(conn, g.id).await?;
        let trainees = crate::enrollment::repo::admitted(conn, g.id).await?;
        let days = (date(&g.end_date)? - date(&g.start_date)?).num_days() + 1;
        let lectures = repo::lectures(conn, g.id).await?;
        let rows = repo::lines(conn, g.id).await?;
        let judged = judged(&rows, &lectures, &standard);
        let lines: Vec<LineView> = rows
            .iter()
            .zip(judged)
            .map(|(row, (line, lecture, flags))| LineView {
                id: row.id,
                flags,
                line,
                lecture: lecture.cloned(),
                note: row.note.clone(),
                entered_at: row.entered_at,
            })
            .collect();
        let plain: Vec<Line> = lines.iter().map(|l| l.line.clone()).collect();
        let (cats, sources, total) = totals(&plain).map_err(|_| AppError::Internal)?;
        Ok(SpendingView {
            programme_id: g.id,
            topic: g.topic.clone(),
            start_date: g.start_date.clone(),
            end_date: g.end_date.clone(),
            day_overs: day_overs(&plain, &standard, category, trainees * days),
            standard,
            category,
            trainees,
            days,
            lines,
            planned: repo::planned(conn, g.id).await?,
            spent: (cats.map(Fen::fen), sources.map(Fen::fen)),
            total: total.fen(),
            funds,
            lectures,
            may_edit,
            locked: None,
            may_set_category: false,
        })
    }
}
