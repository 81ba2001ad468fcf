//! The fee standards' and the spending lines' SQL.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::AnyConnection;

use super::{Lecture, StandardView};
use crate::domain::fees::{FeeStandard, TrainingCategory};
use crate::domain::{ExpenseCategory, Fen, FundingSource, LecturerTitle};

#[derive(sqlx::FromRow)]
struct CapRow {
    id: i64,
    effective_from: String,
    note: String,
    created_by: Option<String>,
    created_at: i64,
    item: String,
    fen: i64,
}

/// Every version, newest first. Versions and their caps are read in one
/// statement, so a version added or withdrawn meanwhile is wholly in or
/// wholly out.
pub async fn standards(conn: &mut AnyConnection) -> Result<Vec<StandardView>, sqlx::Error> {
    let rows: Vec<CapRow> = sqlx::query_as(
        "SELECT s.id, s.effective_from, s.note, a.display_name AS created_by, s.created_at, \
         c.item, c.fen FROM fee_standards s JOIN fee_caps c ON c.standard_id = s.id \
         LEFT JOIN accounts a ON a.id = s.created_by \
         ORDER BY s.effective_from DESC, c.item",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<StandardView> = Vec::new();
    let mut caps: HashMap<String, i64> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        caps.insert(r.item.clone(), r.fen);
        if rows.get(i + 1).is_some_and(|next| next.id == r.id) {
            continue;
        }
        let taken = std::mem::take(&mut caps);
        let Ok(from) = NaiveDate::parse_from_str(&r.effective_from, "%Y-%m-%d") else {
            continue;
        };
        // A stored version lacking a cap is a broken row, not a zero cap.
        let Ok(standard) = FeeStandard::from_items(from, |k| {
            taken
                .get(k)
                .map(|f| Fen::from_fen(*f))
                .unwrap_or(Err(crate::error::Problem::Required))
        }) else {
            return Err(sqlx::Error::Decode(
                format!("fee standard {} lacks a cap", r.id).into(),
            ));
        };
        out.push(StandardView {
            id: r.id,
            standard,
            note: r.note.clone(),
            created_by: r.created_by.clone(),
            created_at: r.created_at,
        });
    }
    Ok(out)
}

/// A new version; a second version for the same day is a conflict.
pub async fn insert_standard(
    conn: &mut AnyConnection,
    s: &FeeStandard,
    note: &str,
    by: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO fee_standards (effective_from, note, created_by, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(s.effective_from.to_string())
    .bind(note)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    for (item, fen) in s.items() {
        sqlx::query("INSERT INTO fee_caps (standard_id, item, fen) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(item)
            .bind(fen.fen())
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// A version not yet in force (`effective_from` after `today`): its date
/// and note.
pub async fn upcoming_standard(
    conn: &mut AnyConnection,
    id: i64,
    today: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT effective_from, note FROM fee_standards WHERE id = $1 AND effective_from > $2",
    )
    .bind(id)
    .bind(today)
    .fetch_optional(conn)
    .await
}

/// Whether spending is entered for a programme starting on or after
/// `from` (which a version from that day judges).
pub async fn spending_from(conn: &mut AnyConnection, from: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM spending_lines l JOIN programmes g ON g.id = l.programme_id \
         WHERE g.start_date >= $1",
    )
    .bind(from)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Deletes a version and its caps.
pub async fn delete_standard(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM fee_caps WHERE standard_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM fee_standards WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct LectureRow {
    course_id: i64,
    lecturer_id: i64,
    day: String,
    start_time: String,
    title: String,
    lecturer: String,
    class_hours: i64,
    title_level: String,
}

/// The schedule's courses with each of their lecturers, in time order.
pub async fn lectures(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<Lecture>, sqlx::Error> {
    let rows: Vec<LectureRow> = sqlx::query_as(
        "SELECT c.id AS course_id, l.id AS lecturer_id, c.day, c.start_time, c.title, \
         l.name AS lecturer, c.class_hours, l.title_level \
         FROM courses c JOIN course_lecturers cl ON cl.course_id = c.id \
         JOIN lecturers l ON l.id = cl.lecturer_id \
         WHERE c.programme_id = $1 ORDER BY c.day, c.start_time, l.name",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Lecture {
            course_id: r.course_id,
            lecturer_id: r.lecturer_id,
            day: format!("{} {}", r.day, r.start_time),
            course: r.title,
            lecturer: r.lecturer,
            hours: r.class_hours,
            title: LecturerTitle::parse(&r.title_level).unwrap_or(LecturerTitle::MidOrBelow),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
pub struct LineRow {
    pub id: i64,
    pub category: String,
    pub source: String,
    pub amount: i64,
    pub course_id: Option<i64>,
    pub lecturer_id: Option<i64>,
    pub charged_to_trainees: i64,
    pub note: String,
    pub entered_at: i64,
}

impl LineRow {
    pub fn category(&self) -> ExpenseCategory {
        ExpenseCategory::parse(&self.category).unwrap_or(ExpenseCategory::Materials)
    }

    pub fn source(&self) -> FundingSource {
        FundingSource::parse(&self.source).unwrap_or(FundingSource::Government)
    }
}

const LINE_SELECT: &str = "SELECT id, category, source, amount, course_id, lecturer_id, \
     charged_to_trainees, note, entered_at FROM spending_lines";

pub async fn lines(conn: &mut AnyConnection, programme: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LINE_SELECT} WHERE programme_id = $1 ORDER BY id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await
}

pub async fn line(
    conn: &mut AnyConnection,
    programme: i64,
    id: i64,
) -> Result<Option<LineRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LINE_SELECT} WHERE programme_id = $1 AND id = $2"
    ))
    .bind(programme)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A line as entered: the lecture is (course, lecturer).
#[derive(Debug)]
pub struct NewLine<'a> {
    pub category: ExpenseCategory,
    pub source: FundingSource,
    pub amount: Fen,
    pub lecture: Option<(i64, i64)>,
    pub charged_to_trainees: bool,
    pub note: &'a str,
}

pub async fn insert_line(
    conn: &mut AnyConnection,
    programme: i64,
    l: &NewLine<'_>,
    by: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO spending_lines (programme_id, category, source, amount, course_id, \
         lecturer_id, charged_to_trainees, note, entered_by, entered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(programme)
    .bind(l.category.as_str())
    .bind(l.source.as_str())
    .bind(l.amount.fen())
    .bind(l.lecture.map(|x| x.0))
    .bind(l.lecture.map(|x| x.1))
    .bind(i64::from(l.charged_to_trainees))
    .bind(l.note)
    .bind(by)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// Whether a lecture fee line names the course.
pub async fn course_paid(conn: &mut AnyConnection, course: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM spending_lines WHERE course_id = $1")
        .bind(course)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The programme's spending so far, in fen.
pub async fn sum(conn: &mut AnyConnection, programme: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM spending_lines \
         WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_one(conn)
    .await
}

/// (lines, spending, funds received) of a programme, in fen.
pub async fn totals(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<(usize, i64, i64), sqlx::Error> {
    let (n, spent): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM spending_lines \
         WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_one(&mut *conn)
    .await?;
    let (_, funds) = account(conn, programme).await?;
    Ok((usize::try_from(n).unwrap_or(0), spent, funds.iter().sum()))
}

pub async fn delete_line(
    conn: &mut AnyConnection,
    programme: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM spending_lines WHERE programme_id = $1 AND id = $2")
        .bind(programme)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every line of the programme (an import that replaces them); how many.
pub async fn delete_lines(conn: &mut AnyConnection, programme: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM spending_lines WHERE programme_id = $1")
        .bind(programme)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// The training category and the funds received by source (defaults
/// until first saved).
pub async fn account(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<(TrainingCategory, [i64; 4]), sqlx::Error> {
    let row: Option<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT training_category, fund_government, fund_unit, fund_society, fund_individual \
         FROM programme_accounts WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some((c, g, u, s, i)) => (
            TrainingCategory::parse(&c).unwrap_or(TrainingCategory::Third),
            [g, u, s, i],
        ),
        None => (TrainingCategory::Third, [0; 4]),
    })
}

/// The funds received by source; the training category is kept.
pub async fn save_funds(
    conn: &mut AnyConnection,
    programme: i64,
    funds: [Fen; 4],
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO programme_accounts (programme_id, fund_government, fund_unit, \
         fund_society, fund_individual, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (programme_id) DO UPDATE SET \
         fund_government = excluded.fund_government, fund_unit = excluded.fund_unit, \
         fund_society = excluded.fund_society, fund_individual = excluded.fund_individual, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(programme)
    .bind(funds[0].fen())
    .bind(funds[1].fen())
    .bind(funds[2].fen())
    .bind(funds[3].fen())
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The training category (which per-day caps apply); the funds are kept.
pub async fn set_category(
    conn: &mut AnyConnection,
    programme: i64,
    category: TrainingCategory,
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO programme_accounts (programme_id, training_category, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (programme_id) DO UPDATE SET training_category = excluded.training_category, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(programme)
    .bind(category.as_str())
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The budget of the proposal the programme came from: by category, by
/// source, in fen.
pub async fn planned(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<([i64; 6], [i64; 4]), sqlx::Error> {
    #[allow(clippy::type_complexity)]
    let row: Option<(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT p.cost_accommodation, p.cost_meals, p.cost_venue, p.cost_lecture_fees, \
         p.cost_materials, p.cost_transport, p.fund_government, p.fund_unit, p.fund_society, \
         p.fund_individual FROM programmes g JOIN proposals p ON p.id = g.proposal_id \
         WHERE g.id = $1",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    Ok(row.map_or(([0; 6], [0; 4]), |r| {
        ([r.0, r.1, r.2, r.3, r.4, r.5], [r.6, r.7, r.8, r.9])
    }))
}
