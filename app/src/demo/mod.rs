//! Demo data for a newcomer, made the way the app itself makes data: the
//! first admin from the command line, then every later step by the
//! account whose job it is, through the app's server functions, at a
//! moment counted from today (see `driver`). So every object obeys the
//! rules the app enforces and every step leaves the audit records a real
//! one would. Loading twice changes nothing.
//!
//! The story, from a year or so ago to today: the province calls for
//! topics, units propose, the admin selects and publishes the plan; one
//! programme has run, one is enrolling now, one was filed and awaits the
//! admin, one was returned, one is being prepared; next year's call is
//! open with a proposal submitted and another in draft. The class of the
//! one that has run activated their accounts, checked in to its courses,
//! sent papers and answered its survey, and was assessed, its results
//! published; another that ran seven weeks ago was assessed and awaits
//! its unit's completion register; one that ran five weeks ago is being
//! assessed; the one under way has its survey open.

mod assessment;
mod attendance;
mod calendar;
mod certificates;
mod closing;
mod closing_materials;
mod cohort;
mod courseware;
pub mod crowd;
mod driver;
mod enrollment;
mod inspections;
mod listed;
mod papers;
mod people;
mod planning;
mod plans;
mod preparation;
mod registering;
mod spending;
mod spot_checks;
mod story;
mod survey;

use std::sync::Arc;

use crate::domain::Role;
use crate::server::session_store::Store;
use crate::server::throttle::Throttle;
use crate::server::AppState;

pub use crate::accounts::first_admin::PROVINCE_NAME;
pub use driver::StepFailed;

pub const DEMO_PASSWORD: &str = "Gaoyan@2026";

pub struct DemoLogin {
    pub username: &'static str,
    pub role: Role,
    pub org: Option<&'static str>,
}

/// The five accounts the README introduces; `people::ACCOUNTS` has the
/// others (each organisation that acts in the story has its own).
pub const LOGINS: &[DemoLogin] = &[
    DemoLogin {
        username: "admin",
        role: Role::Admin,
        org: Some(PROVINCE_NAME),
    },
    DemoLogin {
        username: "unit",
        role: Role::Unit,
        org: Some("石家庄市人力资源和社会保障局"),
    },
    DemoLogin {
        username: "institution",
        role: Role::Institution,
        org: Some("石家庄铁道大学继续教育学院"),
    },
    DemoLogin {
        username: "trainee",
        role: Role::Trainee,
        org: None,
    },
    DemoLogin {
        username: "inspector",
        role: Role::Inspector,
        org: Some(PROVINCE_NAME),
    },
];

pub use people::ACCOUNTS as OTHER_LOGINS;

/// Puts the business clock back to real time when the demo is done, or
/// when a step fails.
struct RealTime(crate::server::Clock);

impl Drop for RealTime {
    fn drop(&mut self) {
        self.0.set(0);
    }
}

pub async fn load(state: &AppState, store: &Store) -> Result<(), StepFailed> {
    let loaded: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE username = 'admin'")
            .fetch_optional(&state.db.pool)
            .await
            .map_err(|e| StepFailed(format!("reading accounts: {e}")))?;
    if loaded.is_some() {
        return Ok(());
    }
    let _real_time = RealTime(state.clock.clone());
    // The story's requests all come from the demo; the per-IP limits would
    // only slow it down.
    let mut quiet = state.clone();
    quiet.throttle = Arc::new(Throttle::new(0));
    let router = crate::router::router(quiet.clone(), store.clone());
    let mut d = driver::Driver::new(router, &quiet);
    let cal = calendar::Calendar::new(crate::server::now());
    let story = story::Story::new(&cal);

    let orgs = people::load(&mut d, state, &story).await?;
    let plans = planning::load(&mut d, &story, &orgs).await?;
    preparation::load(&mut d, &story, &plans).await?;
    enrollment::load(&mut d, &story, &plans).await?;
    let finished = story.get(story::Stage::Finished);
    let id = planning::programme(&plans, story::Stage::Finished)?.id;
    let class = cohort::activate(&mut d, &story, finished, id).await?;
    attendance::load(&mut d, &story, finished, id, &class).await?;
    papers::load(&mut d, &story, &plans, &class).await?;
    survey::load(&mut d, &story, &plans, &class).await?;
    assessment::load(&mut d, &story, &plans, story::Stage::Finished).await?;
    certificates::load(&mut d, &story, &plans).await?;
    spending::load(&mut d, &story, &plans).await?;
    closing_materials::load(&mut d, &story, &plans).await?;
    spot_checks::load(&mut d, &story).await?;
    inspections::load(&mut d, &story, &plans).await?;
    courseware::load(&mut d, &story, &plans).await?;
    registering::load(&mut d, &story, &plans).await?;
    closing::load(&mut d, &story, &plans).await?;
    planning::next_call(&mut d, &story).await?;
    Ok(())
}
