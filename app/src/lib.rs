//! Gaoyan: Hebei's advanced training programmes, from topic call to
//! certificates. Everything lives here; `server/` and `frontend/` are shells.

pub mod accounts;
pub mod app;
pub mod assessment;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod calls;
pub mod certificates;
pub mod closing;
pub mod courseware;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod domain;
pub mod enrollment;
pub mod error;
pub mod i18n;
pub mod inspections;
pub mod notifications;
pub mod orgs;
pub mod papers;
pub mod plan;
pub mod prep;
pub mod proposals;
#[cfg(feature = "ssr")]
pub mod router;
#[cfg(feature = "ssr")]
pub mod server;
pub mod settings;
pub mod spending;
pub mod spot_checks;
pub mod standing;
pub mod survey;
pub mod trainee;
pub mod ui;
pub mod work;

pub use app::{shell, App};
