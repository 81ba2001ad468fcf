use leptos::prelude::*;

use super::{HomeView, MyScheduleView, SlipsView};
use crate::error::AppError;

/// Wrong codes from one address before it must wait: a venue's trainees
/// share one address, so the limit allows their typos, not a guesser's
/// millions (a code has about 59 bits).
#[cfg(feature = "ssr")]
const MAX_FAILED_CODES: i64 = 20;
#[cfg(feature = "ssr")]
const CODE_LOCK_SECONDS: i64 = 15 * 60;

/// A trainee activates the account an institution's admission made, with
/// the one-time code from the slip, and chooses a password; signed in at
/// once. A wrong, used or expired code gets one answer; wrong codes are
/// counted per address and audited.
#[server(endpoint = "activate")]
pub async fn activate(
    code: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::audit::repo::{record, Actor, Target};
    use crate::auth::lockout::{self, Failure};
    use crate::domain::{ActivationCode, NewPassword, Role};
    use crate::error::{Problem, Problems};
    use crate::server::crypto::Purpose;
    use crate::server::{hashing, policy};

    let v = crate::auth::guard::public(&policy::ACTIVATE).await?;
    let mut problems = Problems::default();
    let code = problems.check("code", ActivationCode::parse(&code));
    let new = problems.check("new_password", NewPassword::parse(&new_password));
    if new.is_some() && confirm_password != new_password {
        problems.push("confirm_password", Problem::Mismatch);
    }
    problems.into_result()?;
    let (code, new) = code.zip(new).ok_or(AppError::Internal)?;
    let state = &v.state;
    let at = state.clock.now();
    // Counted per network (an IPv6 subscriber's whole /64), as requests are.
    let network = crate::server::throttle::network(&v.ip);
    let attempts = state.keys.lookup(Purpose::ActivationAttempts, &network);
    let holder = {
        let mut conn = state.db.pool.acquire().await?;
        if let Some(until) = lockout::locked_until(&mut conn, &attempts, at).await? {
            return Err(AppError::Locked { until });
        }
        super::repo::code_holder(&mut conn, &state.keys, &code, at).await?
    };
    let visitor = Actor {
        id: None,
        username: String::from("(activation)"),
        role: None,
        org_id: None,
        ip: v.ip.clone(),
    };
    let Some((code_id, account, username)) = holder else {
        let mut tx = state.db.write().await?;
        let failure = lockout::fail(
            &mut tx,
            &attempts,
            MAX_FAILED_CODES,
            at + CODE_LOCK_SECONDS,
            at,
        )
        .await?;
        let target = Target {
            kind: "account",
            id: None,
        };
        record(&mut tx, &visitor, "activation_failed", target, "", at).await?;
        tx.commit().await?;
        return Err(match failure {
            Failure::AlreadyLocked { until }
            | Failure::Counted {
                locked: Some(until),
            } => AppError::Locked { until },
            Failure::Counted { locked: None } => AppError::field("code", Problem::CodeNotValid),
        });
    };
    let hash = hashing::hash(state, new.expose().to_owned()).await?;
    let mut tx = state.db.write().await?;
    let Some(generation) = super::repo::activate(&mut tx, code_id, account, &hash, at).await?
    else {
        // Another phone used the code first.
        return Err(AppError::field("code", Problem::CodeNotValid));
    };
    let actor = Actor {
        id: Some(account),
        username,
        role: Some(Role::Trainee),
        org_id: None,
        ip: v.ip.clone(),
    };
    let target = Target {
        kind: "account",
        id: Some(account),
    };
    record(&mut tx, &actor, "account_activated", target, "", at).await?;
    tx.commit().await?;
    crate::auth::guard::start_session(&v.session, account, generation).await?;
    crate::server::redirect_plain_form("/me?activated=1");
    Ok(())
}

/// Activation slips for a programme's admitted trainees, issuing codes to
/// those still without a live one. Showing codes is audited.
#[server(endpoint = "activation_slips")]
pub async fn activation_slips(programme_id: i64) -> Result<SlipsView, AppError> {
    use super::repo::SlipKind;
    use super::SlipState;
    use crate::plan::repo::Scope;
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::ACTIVATION_SLIPS).await?;
    let mut tx = caller.state.db.write().await?;
    let g = crate::plan::repo::by_id(&mut tx, programme_id, Scope::of(&caller)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = caller.now();
    let keys = &caller.state.keys;
    let (rows, issued) =
        super::repo::slips(&mut tx, keys, programme_id, caller.user.id, at).await?;
    let shown: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.kind, SlipKind::Code { .. }))
        .map(|r| format!("#{}", r.enrollment))
        .collect();
    if !shown.is_empty() {
        let issued: Vec<String> = issued.iter().map(|e| format!("#{e}")).collect();
        let detail = format!("shown {}; issued {}", shown.join(" "), issued.join(" "));
        caller
            .audit(
                &mut tx,
                "activation_slips",
                "programme",
                programme_id,
                &detail,
                at,
            )
            .await?;
    }
    tx.commit().await?;
    let base = caller
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_owned();
    let activate_url = format!("{base}/activate");
    let slips = rows
        .into_iter()
        .map(|r| {
            let state = match r.kind {
                SlipKind::Code {
                    username,
                    code,
                    expires,
                } => {
                    let code = code.grouped();
                    let link = format!("{activate_url}?code={code}");
                    SlipState::Code {
                        qr_svg: crate::server::qr::svg(&link, &r.name).unwrap_or_default(),
                        username,
                        code,
                        expires,
                    }
                }
                SlipKind::Active { username } => SlipState::Active { username },
                SlipKind::Existing => SlipState::Existing,
            };
            super::Slip {
                name: r.name,
                state,
            }
        })
        .collect();
    Ok(SlipsView {
        programme_id,
        topic: g.topic,
        activate_url,
        slips,
    })
}

/// The trainee's home: programmes, today's courses, the next one, and the
/// check-ins open now.
#[server(endpoint = "my_home")]
pub async fn my_home() -> Result<HomeView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_HOME).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    ssr::home(&mut conn, &caller.user, caller.now()).await
}

/// One programme's schedule, day by day, for an admitted trainee.
#[server(endpoint = "my_programme")]
pub async fn my_programme(programme_id: i64) -> Result<MyScheduleView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_PROGRAMME).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    ssr::schedule(&mut conn, caller.user.id, programme_id, caller.now()).await
}

/// A course as the trainee's check-in left it.
#[server(endpoint = "my_checkin")]
pub async fn my_checkin(course_id: i64) -> Result<super::MyCourse, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_CHECKIN).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    let c = crate::attendance::repo::course(&mut conn, course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = ssr::schedule(&mut conn, caller.user.id, c.programme, caller.now()).await?;
    view.days
        .into_iter()
        .flat_map(|(_, courses)| courses)
        .find(|m| m.course.id == course_id)
        .ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::home_repo::{self, Enrolled};
    use super::super::{HomeView, MyCourse, MyProgrammeRow, MyScheduleView, Stage};
    use crate::auth::CurrentUser;
    use crate::domain::checkin::Window;
    use crate::domain::shanghai_date;
    use crate::error::AppError;

    fn row(e: &Enrolled, today: &str) -> MyProgrammeRow {
        MyProgrammeRow {
            id: e.programme,
            topic: e.topic.clone(),
            institution_name: e.institution_name.clone(),
            start_date: e.start_date.clone(),
            end_date: e.end_date.clone(),
            place: e.place.clone(),
            stage: Stage::of(&e.status, &e.start_date, &e.end_date, today),
            result: None,
        }
    }

    /// An admitted enrollment's courses as its trainee sees them at `now`.
    async fn courses(
        conn: &mut AnyConnection,
        e: &Enrolled,
        now: i64,
    ) -> Result<Vec<MyCourse>, AppError> {
        let done = home_repo::checkins(conn, e.enrollment).await?;
        let list = crate::prep::repo::courses(conn, e.programme).await?;
        Ok(list
            .into_iter()
            .map(|c| {
                let w = Window::of(&c.day, &c.start_time, &c.end_time);
                let checked_in_at = done.iter().find(|(id, _)| *id == c.id).map(|(_, at)| *at);
                MyCourse {
                    programme_id: e.programme,
                    check_in_open: w.is_some_and(|w| w.is_open(now)),
                    // Under way: from its start (15 minutes after check-in
                    // opens) to its end.
                    current: w.is_some_and(|w| {
                        now >= w.opens + crate::domain::checkin::OPENS_BEFORE_SECONDS
                            && now < w.closes
                    }),
                    ended: w.is_some_and(|w| now >= w.closes),
                    checked_in_at,
                    course: c,
                }
            })
            .collect())
    }

    pub async fn home(
        conn: &mut AnyConnection,
        user: &CurrentUser,
        now: i64,
    ) -> Result<HomeView, AppError> {
        let today = shanghai_date(now).to_string();
        let enrolled = home_repo::enrolled(conn, user.id).await?;
        let mut all: Vec<MyCourse> = Vec::new();
        for e in &enrolled {
            let stage = Stage::of(&e.status, &e.start_date, &e.end_date, &today);
            if matches!(stage, Stage::Admitted | Stage::Running) {
                all.extend(courses(conn, e, now).await?);
            }
        }
        all.sort_by(|a, b| {
            (&a.course.day, &a.course.start_time).cmp(&(&b.course.day, &b.course.start_time))
        });
        let later = |c: &&MyCourse| {
            Window::of(&c.course.day, &c.course.start_time, &c.course.end_time)
                .is_some_and(|w| w.opens + crate::domain::checkin::OPENS_BEFORE_SECONDS > now)
        };
        let next = all
            .iter()
            .filter(|c| c.course.day > today)
            .find(later)
            .cloned();
        let check_in_due = all
            .iter()
            .filter(|c| c.check_in_open && c.checked_in_at.is_none())
            .cloned()
            .collect();
        let today_courses = all.into_iter().filter(|c| c.course.day == today).collect();
        Ok(HomeView {
            name: user.display_name.clone(),
            username: user.username.clone(),
            programmes: {
                let results = crate::assessment::repo::published_outcomes(conn, user.id).await?;
                let mut rows: Vec<MyProgrammeRow> = enrolled
                    .iter()
                    .map(|e| MyProgrammeRow {
                        result: results
                            .iter()
                            .find(|(enrollment, _)| *enrollment == e.enrollment)
                            .map(|(_, o)| *o),
                        ..row(e, &today)
                    })
                    .collect();
                rows.sort_by_key(|p| p.stage.rank());
                rows
            },
            today: today_courses,
            next,
            check_in_due,
            papers_due: crate::papers::repo::due(conn, user.id, now)
                .await?
                .into_iter()
                .map(|(programme_id, topic, until)| crate::papers::PaperDue {
                    programme_id,
                    topic,
                    until,
                })
                .collect(),
            surveys_due: crate::survey::repo::due(conn, user.id).await?,
        })
    }

    pub async fn schedule(
        conn: &mut AnyConnection,
        account: i64,
        programme: i64,
        now: i64,
    ) -> Result<MyScheduleView, AppError> {
        let today = shanghai_date(now).to_string();
        let enrolled = home_repo::enrolled(conn, account).await?;
        let e = enrolled
            .iter()
            .find(|e| e.programme == programme && e.status == "admitted")
            .ok_or(AppError::NotFound)?;
        let list = courses(conn, e, now).await?;
        let total_hours = list.iter().map(|c| c.course.class_hours).sum();
        let attended_hours = list
            .iter()
            .filter(|c| c.checked_in_at.is_some())
            .map(|c| c.course.class_hours)
            .sum();
        let mut days: Vec<(String, Vec<MyCourse>)> = Vec::new();
        for c in list {
            match days.last_mut() {
                Some((d, v)) if *d == c.course.day => v.push(c),
                _ => days.push((c.course.day.clone(), vec![c])),
            }
        }
        let result = crate::assessment::repo::mine(conn, programme, e.enrollment).await?;
        let certificate = match result {
            Some(_) => crate::certificates::repo::mine(conn, e.enrollment).await?,
            None => None,
        };
        Ok(MyScheduleView {
            result,
            certificate,
            programme: row(e, &today),
            today,
            days,
            attended_hours,
            total_hours,
        })
    }
}
