//! The survey's SQL: the standard questionnaire's versions, programmes'
//! surveys, anonymous responses with participation apart, statistics.

use sqlx::AnyConnection;

use super::{SurveyDue, VersionRow};
use crate::domain::survey::{standard, Item, SurveyState, Value};

fn items_of(json: &str) -> Result<Vec<Item>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn json_of<T: serde::Serialize>(v: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// A stored version of the standard questionnaire.
pub struct Stored {
    pub id: i64,
    pub version: i64,
    pub items: Vec<Item>,
}

/// The version in force; none is stored before the first change or the
/// first survey.
pub async fn current(conn: &mut AnyConnection) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, version, items FROM survey_questionnaires ORDER BY version DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    row.map(|(id, version, items)| {
        Ok(Stored {
            id,
            version,
            items: items_of(&items)?,
        })
    })
    .transpose()
}

/// The version in force, storing the province's starting questionnaire
/// as version 1 if none is.
pub async fn current_or_standard(conn: &mut AnyConnection, at: i64) -> Result<Stored, sqlx::Error> {
    if let Some(s) = current(conn).await? {
        return Ok(s);
    }
    // Two first surveys at once both try; one stores it, both read it.
    sqlx::query(
        "INSERT INTO survey_questionnaires (version, items, published_by, published_at) \
         VALUES (1, $1, NULL, $2) ON CONFLICT (version) DO NOTHING",
    )
    .bind(json_of(&standard())?)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    current(conn).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Stores `items` as `version`; a version taken meanwhile is a unique
/// violation (`AppError::Conflict`).
pub async fn publish(
    conn: &mut AnyConnection,
    version: i64,
    items: &[Item],
    by: Option<i64>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO survey_questionnaires (version, items, published_by, published_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(version)
    .bind(json_of(&items)?)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every item of every version, for keys that are never given twice.
pub async fn every_version_items(conn: &mut AnyConnection) -> Result<Vec<Item>, sqlx::Error> {
    let all: Vec<String> = sqlx::query_scalar("SELECT items FROM survey_questionnaires")
        .fetch_all(conn)
        .await?;
    let mut items = Vec::new();
    for json in all {
        items.extend(items_of(&json)?);
    }
    Ok(items)
}

pub async fn versions(conn: &mut AnyConnection) -> Result<Vec<VersionRow>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT q.version, q.items, q.published_at, a.display_name, \
         (SELECT COUNT(*) FROM surveys s WHERE s.questionnaire_id = q.id) \
         FROM survey_questionnaires q LEFT JOIN accounts a ON a.id = q.published_by \
         ORDER BY q.version DESC",
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(version, items, published_at, published_by, programmes)| {
            Ok(VersionRow {
                version,
                items: items_of(&items)?.len() as i64,
                published_at,
                published_by,
                programmes,
            })
        })
        .collect()
}

/// A programme's survey as stored.
pub struct Survey {
    pub version: i64,
    pub standard: Vec<Item>,
    pub extra: Vec<Item>,
    pub lecturers: Vec<(i64, String)>,
    pub state: SurveyState,
}

impl Survey {
    pub fn items(&self) -> Vec<Item> {
        crate::domain::survey::form_items(&self.standard, &self.lecturers, &self.extra)
    }
}

pub async fn survey(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Option<Survey>, sqlx::Error> {
    let row: Option<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT q.version, q.items, s.extra_items, s.lecturers, s.state FROM surveys s \
         JOIN survey_questionnaires q ON q.id = s.questionnaire_id WHERE s.programme_id = $1",
    )
    .bind(programme)
    .fetch_optional(conn)
    .await?;
    row.map(|(version, standard, extra, lecturers, state)| {
        Ok(Survey {
            version,
            standard: items_of(&standard)?,
            extra: items_of(&extra)?,
            lecturers: serde_json::from_str(&lecturers)
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            state: SurveyState::parse(&state).ok_or(sqlx::Error::RowNotFound)?,
        })
    })
    .transpose()
}

/// Sets the programme up with the questionnaire `questionnaire` and the
/// institution's items, as a draft.
pub async fn save_draft(
    conn: &mut AnyConnection,
    programme: i64,
    questionnaire: i64,
    extra: &[Item],
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO surveys (programme_id, questionnaire_id, extra_items, lecturers, state, \
         updated_by, updated_at) VALUES ($1, $2, $3, '[]', 'draft', $4, $5) \
         ON CONFLICT (programme_id) DO UPDATE SET extra_items = excluded.extra_items, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(programme)
    .bind(questionnaire)
    .bind(json_of(&extra)?)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Opens the survey. `(questionnaire, lecturers, fresh)`: while `fresh`
/// (no answer yet) it takes the questionnaire in force and the schedule's
/// lecturers; after that its form stays as answered.
pub async fn open(
    conn: &mut AnyConnection,
    programme: i64,
    (questionnaire, lecturers, fresh): (i64, &[(i64, String)], bool),
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE surveys SET questionnaire_id = CASE WHEN $6 = 1 THEN $2 \
         ELSE questionnaire_id END, lecturers = CASE WHEN $6 = 1 THEN $3 \
         ELSE lecturers END, state = 'open', opened_at = COALESCE(opened_at, $5), \
         updated_by = $4, updated_at = $5 WHERE programme_id = $1",
    )
    .bind(programme)
    .bind(questionnaire)
    .bind(json_of(&lecturers)?)
    .bind(by)
    .bind(at)
    .bind(i64::from(fresh))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn close(
    conn: &mut AnyConnection,
    programme: i64,
    by: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE surveys SET state = 'closed', closed_at = $3, updated_by = $2, updated_at = $3 \
         WHERE programme_id = $1",
    )
    .bind(programme)
    .bind(by)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The lecturers on the programme's schedule, in the order they first
/// teach.
pub async fn schedule_lecturers(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.id, l.name FROM course_lecturers cl JOIN courses c ON c.id = cl.course_id \
         JOIN lecturers l ON l.id = cl.lecturer_id WHERE c.programme_id = $1 \
         ORDER BY c.day, c.start_time, l.id",
    )
    .bind(programme)
    .fetch_all(conn)
    .await?;
    let mut seen = Vec::new();
    for r in rows {
        if !seen.iter().any(|(id, _)| *id == r.0) {
            seen.push(r);
        }
    }
    Ok(seen)
}

pub async fn answered(conn: &mut AnyConnection, programme: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE programme_id = $1")
        .bind(programme)
        .fetch_one(conn)
        .await
}

pub async fn has_answered(
    conn: &mut AnyConnection,
    programme: i64,
    enrollment: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_participation WHERE programme_id = $1 AND enrollment_id = $2",
    )
    .bind(programme)
    .bind(enrollment)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// A random positive id: a response's id says nothing of when it came.
fn random_id() -> i64 {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut raw = [0u8; 8];
    chacha20poly1305::aead::OsRng.fill_bytes(&mut raw);
    (u64::from_le_bytes(raw) >> 2) as i64 + 1
}

/// Records one trainee's answers: participation first, so a second
/// submission (or a concurrent double tap) finds it and records nothing;
/// then the response, which names no one and keeps only the day.
/// Returns whether this call recorded it.
pub async fn record(
    conn: &mut AnyConnection,
    programme: i64,
    enrollment: i64,
    answers: &[(String, Value)],
    day: &str,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "INSERT INTO survey_participation (programme_id, enrollment_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(programme)
    .bind(enrollment)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if taken == 0 {
        return Ok(false);
    }
    let id = random_id();
    sqlx::query("INSERT INTO survey_responses (id, programme_id, answered_on) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(programme)
        .bind(day)
        .execute(&mut *conn)
        .await?;
    for (item, value) in answers {
        let (score, choice, text) = match value {
            Value::Score(n) => (Some(*n), None, None),
            Value::Choice(n) => (None, Some(*n), None),
            Value::Text(t) => (None, None, Some(t.as_str())),
        };
        sqlx::query(
            "INSERT INTO survey_answers (response_id, programme_id, item, score, choice, text) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(programme)
        .bind(item)
        .bind(score)
        .bind(choice)
        .bind(text)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// (item, value, how many) of the scored answers, or of the choices.
pub async fn counts(
    conn: &mut AnyConnection,
    programme: i64,
    column: Column,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let c = match column {
        Column::Score => "score",
        Column::Choice => "choice",
    };
    sqlx::query_as(&format!(
        "SELECT item, {c}, COUNT(*) FROM survey_answers WHERE programme_id = $1 \
         AND {c} IS NOT NULL GROUP BY item, {c}"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await
}

#[derive(Clone, Copy)]
pub enum Column {
    Score,
    Choice,
}

/// (item, text) of the free texts, in text order: no order of arrival.
pub async fn texts(
    conn: &mut AnyConnection,
    programme: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT item, text FROM survey_answers WHERE programme_id = $1 AND text IS NOT NULL \
         ORDER BY item, text",
    )
    .bind(programme)
    .fetch_all(conn)
    .await
}

/// Open surveys of the account's admitted programmes not yet answered.
pub async fn due(conn: &mut AnyConnection, account: i64) -> Result<Vec<SurveyDue>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT g.id, g.topic FROM enrollments e JOIN surveys s ON s.programme_id = e.programme_id \
         JOIN programmes g ON g.id = e.programme_id WHERE e.account_id = $1 \
         AND e.status = 'admitted' AND s.state = 'open' AND NOT EXISTS (SELECT 1 FROM \
         survey_participation p WHERE p.programme_id = e.programme_id AND p.enrollment_id = e.id) \
         ORDER BY g.start_date",
    )
    .bind(account)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(programme_id, topic)| SurveyDue {
            programme_id,
            topic,
        })
        .collect())
}
