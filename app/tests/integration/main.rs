//! Integration tests: each runs on a fresh SQLite file and on a fresh
//! PostgreSQL database, through the real router.

mod helpers;

mod accounts;
mod assessment;
mod attendance;
mod audit;
mod auth;
mod certificate_pdf;
mod certificates;
mod closing;
mod closing_package;
mod courseware;
mod demo;
mod enrollment;
mod hours;
mod inspections;
mod light;
mod national;
mod orgs;
mod pages;
mod papers;
mod personal;
mod plan;
mod planning;
mod policy;
mod prep;
mod roster;
mod signin;
mod spending;
mod spot_checks;
mod survey;
mod trainee;
mod transport;
mod work;
