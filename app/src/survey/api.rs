use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{MySurveyView, QuestionnaireView, SurveyView};
use crate::error::AppError;

/// A programme's survey in the caller's scope: its form, how many have
/// answered, and the statistics once there are enough answers.
#[server(endpoint = "survey_overview")]
pub async fn survey_overview(programme_id: i64) -> Result<SurveyView, AppError> {
    use crate::domain::Role;
    use crate::plan::repo::Scope;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SURVEY_OVERVIEW).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let g = crate::plan::repo::by_id(&mut conn, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = caller.now();
    let today = crate::domain::shanghai_date(now).to_string();
    ssr::view(
        &mut conn,
        g,
        caller.user.role == Role::Institution,
        today.as_str(),
    )
    .await
}

/// The host institution adds an item of its own while the survey has not
/// opened: a scored one (1–5). Never a free text or a choice, which could
/// ask for a name or sort trainees into groups small enough to name them.
/// Audited.
#[server(endpoint = "add_survey_item")]
pub async fn add_survey_item(programme_id: i64, zh: String, en: String) -> Result<(), AppError> {
    use crate::domain::survey::{next_key, parse_item, MAX_EXTRA_ITEMS};
    use crate::error::Problem;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::ADD_SURVEY_ITEM).await?;
    let mut tx = caller.state.db.write().await?;
    crate::plan::repo::hosted(&mut tx, &caller, programme_id).await?;
    let at = caller.now();
    let (questionnaire, mut extra) = ssr::draft(&mut tx, programme_id, at).await?;
    let item = parse_item(next_key(&extra, 'x'), "score", &zh, &en, "").map_err(ssr::problems)?;
    if extra.len() >= MAX_EXTRA_ITEMS {
        return Err(AppError::field(
            "zh",
            Problem::TooManyItems {
                max: MAX_EXTRA_ITEMS as i64,
            },
        ));
    }
    let detail = item.text.zh.clone();
    extra.push(item);
    let draft = (programme_id, questionnaire, extra.as_slice());
    ssr::save_extra(tx, &caller, draft, "survey_item_added", &detail, at).await
}

/// The host institution removes one of its items before the survey opens.
#[server(endpoint = "remove_survey_item")]
pub async fn remove_survey_item(programme_id: i64, key: String) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REMOVE_SURVEY_ITEM).await?;
    let mut tx = caller.state.db.write().await?;
    crate::plan::repo::hosted(&mut tx, &caller, programme_id).await?;
    let at = caller.now();
    let (questionnaire, mut extra) = ssr::draft(&mut tx, programme_id, at).await?;
    let Some(i) = extra.iter().position(|x| x.key == key) else {
        return Err(AppError::NotFound);
    };
    let removed = extra.remove(i);
    let draft = (programme_id, questionnaire, extra.as_slice());
    ssr::save_extra(
        tx,
        &caller,
        draft,
        "survey_item_removed",
        &removed.text.zh,
        at,
    )
    .await
}

/// The host institution opens its programme's survey (from the first day,
/// with trainees admitted) or closes it. The first opening fixes the
/// questionnaire's version and the schedule's lecturers. Audited.
#[server(endpoint = "set_survey_state")]
pub async fn set_survey_state(programme_id: i64, open: bool) -> Result<(), AppError> {
    use crate::domain::survey::{may_open, may_reopen, SurveyState};
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SET_SURVEY_STATE).await?;
    let mut tx = caller.state.db.write().await?;
    let g = crate::plan::repo::hosted(&mut tx, &caller, programme_id).await?;
    let at = caller.now();
    crate::plan::repo::lock(&mut tx, programme_id).await?;
    let state = super::repo::survey(&mut tx, programme_id)
        .await?
        .map(|s| s.state);
    let answered = super::repo::answered(&mut tx, programme_id).await?;
    if open {
        let today = crate::domain::shanghai_date(at).to_string();
        if state == Some(SurveyState::Open)
            || (state == Some(SurveyState::Closed) && !may_reopen(answered))
            || !may_open(&today, &g.start_date)
            || crate::enrollment::repo::admitted(&mut tx, programme_id).await? == 0
        {
            return Err(AppError::WrongState);
        }
        let current = super::repo::current_or_standard(&mut tx, at).await?;
        if state.is_none() {
            super::repo::save_draft(&mut tx, programme_id, current.id, &[], caller.user.id, at)
                .await?;
        }
        let lecturers = super::repo::schedule_lecturers(&mut tx, programme_id).await?;
        // Until the first answer the form may still follow the schedule.
        let fresh = answered == 0;
        let form = (current.id, lecturers.as_slice(), fresh);
        super::repo::open(&mut tx, programme_id, form, caller.user.id, at).await?;
    } else {
        if state != Some(SurveyState::Open) {
            return Err(AppError::WrongState);
        }
        super::repo::close(&mut tx, programme_id, caller.user.id, at).await?;
    }
    let action = if open {
        "survey_opened"
    } else {
        "survey_closed"
    };
    caller
        .audit(&mut tx, action, "programme", programme_id, "", at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}/survey"));
    Ok(())
}

/// The trainee's survey of one programme they are admitted to.
#[server(endpoint = "my_survey")]
pub async fn my_survey(programme_id: i64) -> Result<MySurveyView, AppError> {
    use crate::domain::survey::SurveyState;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_SURVEY).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let enrollment =
        crate::attendance::repo::admitted_enrollment(&mut conn, programme_id, caller.user.id)
            .await?
            .ok_or(AppError::NotFound)?;
    let topic = crate::papers::repo::topic(&mut conn, programme_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey = super::repo::survey(&mut conn, programme_id).await?;
    let answered = super::repo::has_answered(&mut conn, programme_id, enrollment).await?;
    let state = survey.as_ref().map(|s| s.state);
    let items = match &survey {
        Some(s) if s.state == SurveyState::Open && !answered => s.items(),
        _ => Vec::new(),
    };
    Ok(MySurveyView {
        programme_id,
        topic,
        state,
        answered,
        items,
    })
}

/// A trainee's answers, once: anonymous (see `repo::record`). A second
/// submission records nothing and lands on the same thanks.
#[server(endpoint = "submit_survey")]
pub async fn submit_survey(
    programme_id: i64,
    #[server(default)] answers: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::survey::{field, parse_answers, SurveyState};
    use crate::error::{FieldError, Problem};
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::SUBMIT_SURVEY).await?;
    let done = format!("/me/surveys/{programme_id}?done=1");
    let mut tx = caller.state.db.write().await?;
    let enrollment =
        crate::attendance::repo::admitted_enrollment(&mut tx, programme_id, caller.user.id)
            .await?
            .ok_or(AppError::NotFound)?;
    // Sent again (a double tap, a retry): the same thanks, nothing more.
    if super::repo::has_answered(&mut tx, programme_id, enrollment).await? {
        crate::server::redirect_plain_form(&done);
        return Ok(());
    }
    let survey = super::repo::survey(&mut tx, programme_id)
        .await?
        .ok_or(AppError::WrongState)?;
    if survey.state != SurveyState::Open {
        return Err(AppError::field("survey", Problem::SurveyClosed));
    }
    let items = survey.items();
    if answers.len() > items.len() + 10 {
        return Err(AppError::BadRequest);
    }
    let parsed = parse_answers(&items, &answers).map_err(|problems| {
        AppError::Validation(
            problems
                .into_iter()
                .map(|(key, p)| FieldError::new(&field(&key), p))
                .collect(),
        )
    })?;
    let at = caller.now();
    let day = crate::domain::shanghai_date(at).to_string();
    if super::repo::record(&mut tx, programme_id, enrollment, &parsed, &day).await? {
        // Who took part, never what they answered.
        caller
            .audit(
                &mut tx,
                "survey_answered",
                "programme",
                programme_id,
                "",
                at,
            )
            .await?;
    }
    tx.commit().await?;
    crate::server::redirect_plain_form(&done);
    Ok(())
}

/// The standard questionnaire in force and its versions.
#[server(endpoint = "questionnaire")]
pub async fn questionnaire() -> Result<QuestionnaireView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::QUESTIONNAIRE).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let (version, items) = match super::repo::current(&mut conn).await? {
        Some(s) => (s.version, s.items),
        None => (1, crate::domain::survey::standard()),
    };
    Ok(QuestionnaireView {
        version,
        items,
        versions: super::repo::versions(&mut conn).await?,
    })
}

/// The admin adds an item to the standard questionnaire: a new version,
/// for surveys opened from now on. `version` is the one the admin saw.
#[server(endpoint = "add_standard_item")]
pub async fn add_standard_item(
    version: i64,
    kind: String,
    zh: String,
    en: String,
    options: String,
) -> Result<(), AppError> {
    use crate::domain::survey::{next_key, parse_item, MAX_ITEMS};
    use crate::error::Problem;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::ADD_STANDARD_ITEM).await?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let current = super::repo::current_or_standard(&mut tx, at).await?;
    if current.version != version {
        return Err(AppError::Conflict);
    }
    let used = super::repo::every_version_items(&mut tx).await?;
    let mut items = current.items;
    let item =
        parse_item(next_key(&used, 's'), &kind, &zh, &en, &options).map_err(ssr::problems)?;
    if items.len() >= MAX_ITEMS {
        return Err(AppError::field(
            "zh",
            Problem::TooManyItems {
                max: MAX_ITEMS as i64,
            },
        ));
    }
    let detail = format!("v{} + {}", version + 1, item.text.zh);
    items.push(item);
    ssr::publish(&mut tx, &caller, version + 1, &items, &detail, at).await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/survey?done=published");
    Ok(())
}

/// The admin removes an item of the standard questionnaire: a new version.
#[server(endpoint = "remove_standard_item")]
pub async fn remove_standard_item(version: i64, key: String) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REMOVE_STANDARD_ITEM).await?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let current = super::repo::current_or_standard(&mut tx, at).await?;
    if current.version != version {
        return Err(AppError::Conflict);
    }
    let mut items = current.items;
    let Some(i) = items.iter().position(|x| x.key == key) else {
        return Err(AppError::NotFound);
    };
    if items.len() == 1 {
        return Err(AppError::WrongState);
    }
    let removed = items.remove(i);
    let detail = format!("v{} − {}", version + 1, removed.text.zh);
    ssr::publish(&mut tx, &caller, version + 1, &items, &detail, at).await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/admin/survey?done=published");
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::{repo, Figures, ItemStats, SurveyView};
    use crate::auth::guard::Caller;
    use crate::domain::survey::{form_items, stats_shown, Item, ItemKind, ScoreStats, SurveyState};
    use crate::error::{AppError, FieldError, Problem};
    use crate::plan::ProgrammeView;

    pub fn problems(list: Vec<(&'static str, Problem)>) -> AppError {
        AppError::Validation(
            list.into_iter()
                .map(|(f, p)| FieldError::new(f, p))
                .collect(),
        )
    }

    /// The questionnaire and the institution's items of a survey not yet
    /// opened; a survey opened once keeps its form.
    pub async fn draft(
        conn: &mut AnyConnection,
        programme: i64,
        at: i64,
    ) -> Result<(i64, Vec<Item>), AppError> {
        // Item edits and the opening of one programme's survey, one at a
        // time (PostgreSQL; SQLite's writer lock does the same).
        crate::plan::repo::lock(conn, programme).await?;
        match repo::survey(conn, programme).await? {
            Some(s) if s.state != SurveyState::Draft => Err(AppError::WrongState),
            Some(s) => {
                let current = repo::current_or_standard(conn, at).await?;
                Ok((current.id, s.extra))
            }
            None => Ok((repo::current_or_standard(conn, at).await?.id, Vec::new())),
        }
    }

    /// Stores the institution's items of a survey not yet opened
    /// (programme, questionnaire, items), audits the change and commits.
    pub async fn save_extra(
        mut tx: crate::server::db::Tx,
        caller: &Caller,
        (programme, questionnaire, extra): (i64, i64, &[Item]),
        action: &str,
        detail: &str,
        at: i64,
    ) -> Result<(), AppError> {
        repo::save_draft(&mut tx, programme, questionnaire, extra, caller.user.id, at).await?;
        caller
            .audit(&mut tx, action, "programme", programme, detail, at)
            .await?;
        tx.commit().await?;
        crate::server::redirect_plain_form(&format!("/programmes/{programme}/survey?done=item"));
        Ok(())
    }

    pub async fn publish(
        conn: &mut AnyConnection,
        caller: &Caller,
        version: i64,
        items: &[Item],
        detail: &str,
        at: i64,
    ) -> Result<(), AppError> {
        repo::publish(conn, version, items, Some(caller.user.id), at).await?;
        let actor = caller.actor();
        let target = crate::audit::repo::Target {
            kind: "questionnaire",
            id: Some(version),
        };
        crate::audit::repo::record(conn, &actor, "questionnaire_published", target, detail, at)
            .await?;
        Ok(())
    }

    /// What staff see of a programme's survey.
    pub async fn view(
        conn: &mut AnyConnection,
        g: ProgrammeView,
        may_edit: bool,
        today: &str,
    ) -> Result<SurveyView, AppError> {
        let survey = repo::survey(conn, g.id).await?;
        let (version, items, extra) = match &survey {
            Some(s) if s.state != SurveyState::Draft => (s.version, s.items(), s.extra.clone()),
            _ => {
                let (version, standard) = match repo::current(conn).await? {
                    Some(c) => (c.version, c.items),
                    None => (1, crate::domain::survey::standard()),
                };
                let extra = survey.as_ref().map(|s| s.extra.clone()).unwrap_or_default();
                let lecturers = repo::schedule_lecturers(conn, g.id).await?;
                (version, form_items(&standard, &lecturers, &extra), extra)
            }
        };
        let answered = repo::answered(conn, g.id).await?;
        let stats = if stats_shown(survey.as_ref().map(|s| s.state), answered) {
            Some(stats(conn, g.id, &items).await?)
        } else {
            None
        };
        Ok(SurveyView {
            programme_id: g.id,
            topic: g.topic,
            state: survey.map(|s| s.state),
            version,
            items,
            extra,
            admitted: crate::enrollment::repo::admitted(conn, g.id).await?,
            answered,
            stats,
            may_edit,
            may_open: crate::domain::survey::may_open(today, &g.start_date),
        })
    }

    /// Each item's figures, from the stored answers.
    pub async fn stats(
        conn: &mut AnyConnection,
        programme: i64,
        items: &[Item],
    ) -> Result<Vec<ItemStats>, AppError> {
        let scores = repo::counts(conn, programme, repo::Column::Score).await?;
        let choices = repo::counts(conn, programme, repo::Column::Choice).await?;
        let texts = repo::texts(conn, programme).await?;
        Ok(items
            .iter()
            .map(|item| {
                let figures = match item.kind {
                    ItemKind::Score => {
                        let mine: Vec<(i64, i64)> = scores
                            .iter()
                            .filter(|(k, _, _)| *k == item.key)
                            .map(|(_, v, n)| (*v, *n))
                            .collect();
                        Figures::Score(ScoreStats::from_counts(&mine))
                    }
                    ItemKind::Choice => {
                        let mut counts = vec![0; item.options.len()];
                        for (k, v, n) in &choices {
                            if *k == item.key && (*v as usize) < counts.len() {
                                counts[*v as usize] += n;
                            }
                        }
                        Figures::Choice(counts)
                    }
                    ItemKind::Text => Figures::Text(
                        texts
                            .iter()
                            .filter(|(k, _)| *k == item.key)
                            .map(|(_, t)| t.clone())
                            .collect(),
                    ),
                };
                ItemStats {
                    item: item.clone(),
                    figures,
                }
            })
            .collect())
    }
}
