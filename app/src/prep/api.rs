// Forms post their fields one by one, so plain posts name them as the
// inputs do.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::{LecturerView, PrepView};
use crate::error::AppError;

#[server(endpoint = "list_lecturers")]
pub async fn list_lecturers() -> Result<Vec<LecturerView>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_LECTURERS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::lecturers_of(&mut conn, &caller.state.keys, caller.org_id()?).await?)
}

#[server(endpoint = "create_lecturer")]
pub async fn create_lecturer(
    name: String,
    title_level: String,
    affiliation: String,
    field: String,
    bio: String,
    phone: String,
) -> Result<i64, AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::CREATE_LECTURER).await?;
    let form = lecturer_form::Form {
        name: &name,
        title_level: &title_level,
        affiliation: &affiliation,
        field: &field,
        bio: &bio,
        phone: &phone,
    };
    let l = form.parse()?;
    let mut tx = caller.state.db.write().await?;
    let new = l.new_for(caller.org_id()?);
    lecturer_form::refuse_duplicate(&mut tx, &caller, &new, 0).await?;
    let at = caller.now();
    let id = super::repo::insert_lecturer(&mut tx, &caller.state.keys, &new, at)
        .await
        .map_err(lecturer_form::duplicate)?;
    caller
        .audit(&mut tx, "lecturer_added", "lecturer", id, new.name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/lecturers?done=lecturer_added");
    Ok(id)
}

/// Corrects a registry entry (a typo, a new title): courses keep the
/// lecturer, and later fee caps follow the corrected title.
#[server(endpoint = "update_lecturer")]
pub async fn update_lecturer(
    id: i64,
    version: i64,
    name: String,
    title_level: String,
    affiliation: String,
    field: String,
    bio: String,
    phone: String,
) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::UPDATE_LECTURER).await?;
    let form = lecturer_form::Form {
        name: &name,
        title_level: &title_level,
        affiliation: &affiliation,
        field: &field,
        bio: &bio,
        phone: &phone,
    };
    let l = form.parse()?;
    let mut tx = caller.state.db.write().await?;
    let new = l.new_for(caller.org_id()?);
    lecturer_form::refuse_duplicate(&mut tx, &caller, &new, id).await?;
    // A vetting approved a person with a title: correcting either would
    // carry the approval (and a fee cap) over to someone else.
    if let Some((name, title)) = super::repo::vetted_identity(&mut tx, id).await? {
        let mut p = crate::error::Problems::default();
        if name != new.name {
            p.push("name", crate::error::Problem::FixedByVetting);
        }
        if title != new.title.as_str() {
            p.push("title_level", crate::error::Problem::FixedByVetting);
        }
        p.into_result()?;
    }
    let done = super::repo::update_lecturer(&mut tx, &caller.state.keys, id, version, &new)
        .await
        .map_err(lecturer_form::duplicate)?;
    if !done {
        return Err(AppError::Conflict);
    }
    let at = caller.now();
    caller
        .audit(&mut tx, "lecturer_updated", "lecturer", id, new.name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/lecturers?done=lecturer_updated");
    Ok(())
}

/// Takes a lecturer off the registry's offer for new courses.
#[server(endpoint = "retire_lecturer")]
pub async fn retire_lecturer(id: i64) -> Result<(), AppError> {
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::RETIRE_LECTURER).await?;
    let mut tx = caller.state.db.write().await?;
    let at = caller.now();
    let name = super::repo::retire_lecturer(&mut tx, id, caller.org_id()?, at)
        .await?
        .ok_or(AppError::NotFound)?;
    caller
        .audit(&mut tx, "lecturer_retired", "lecturer", id, &name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form("/lecturers?done=lecturer_retired");
    Ok(())
}

/// The registry form, parsed once for adding and correcting.
#[cfg(feature = "ssr")]
mod lecturer_form {
    use crate::auth::guard::Caller;
    use crate::domain::{line, DisplayName, LecturerTitle};
    use crate::error::{AppError, Problem, Problems};
    use crate::prep::repo::NewLecturer;

    pub struct Form<'a> {
        pub name: &'a str,
        pub title_level: &'a str,
        pub affiliation: &'a str,
        pub field: &'a str,
        pub bio: &'a str,
        pub phone: &'a str,
    }

    pub struct Parsed {
        name: DisplayName,
        title: LecturerTitle,
        affiliation: String,
        field: String,
        bio: String,
        phone: String,
    }

    impl Form<'_> {
        pub fn parse(&self) -> Result<Parsed, AppError> {
            let mut p = Problems::default();
            let name = p.check("name", DisplayName::parse(self.name));
            let title = p.check(
                "title_level",
                LecturerTitle::parse(self.title_level).ok_or(Problem::InvalidChoice),
            );
            let affiliation = p.check("affiliation", line(self.affiliation, 100));
            let field = p.check("field", line(self.field, 100));
            let bio = p
                .check("bio", crate::domain::optional_text(self.bio, 1000))
                .unwrap_or_default();
            let phone = p.check("phone", crate::proposals::input::parse_phone(self.phone));
            p.into_result()?;
            match (name, title, affiliation, field, phone) {
                (Some(name), Some(title), Some(affiliation), Some(field), Some(phone)) => {
                    Ok(Parsed {
                        name,
                        title,
                        affiliation,
                        field,
                        bio,
                        phone,
                    })
                }
                _ => Err(AppError::Internal),
            }
        }
    }

    impl Parsed {
        pub fn new_for(&self, institution: i64) -> NewLecturer<'_> {
            NewLecturer {
                institution,
                name: self.name.as_str(),
                title: self.title,
                affiliation: &self.affiliation,
                field: &self.field,
                bio: &self.bio,
                phone: &self.phone,
            }
        }
    }

    /// One person is registered once: a second entry with the same name
    /// and phone is refused, by a check for the message and by the unique
    /// index for requests that race.
    pub async fn refuse_duplicate(
        conn: &mut sqlx::AnyConnection,
        caller: &Caller,
        l: &NewLecturer<'_>,
        except: i64,
    ) -> Result<(), AppError> {
        let keys = &caller.state.keys;
        if crate::prep::repo::registered(conn, keys, l.institution, l.name, l.phone, except).await?
        {
            return Err(AppError::field("name", Problem::AlreadyRegistered));
        }
        Ok(())
    }

    pub fn duplicate(e: sqlx::Error) -> AppError {
        match AppError::from(e) {
            AppError::Conflict => AppError::field("name", Problem::AlreadyRegistered),
            other => other,
        }
    }
}

/// The preparation page's data for a programme in the caller's scope.
#[server(endpoint = "programme_prep")]
pub async fn programme_prep(id: i64) -> Result<PrepView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::PROGRAMME_PREP).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    ssr::load(&mut conn, &caller, id).await
}

/// Adds a course. R5 (a teaching form), the programme's dates, no clash,
/// the institution's own lecturers; the schedule must be open.
#[server(endpoint = "add_course")]
pub async fn add_course(
    programme_id: i64,
    day: String,
    start_time: String,
    end_time: String,
    title: String,
    form: String,
    class_hours: String,
    place: String,
    lecturers: Option<HashMap<String, String>>,
) -> Result<i64, AppError> {
    use crate::domain::{clashes, line, ClassHourLength, ClassHours, TeachingForm, TimeSlot};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::ADD_COURSE).await?;
    let mut tx = caller.state.db.write().await?;
    let prep = ssr::load(&mut tx, &caller, programme_id).await?;
    if !prep.schedule_open() {
        return Err(AppError::WrongState);
    }
    let mut p = Problems::default();
    let slot = p.check_all(TimeSlot::parse(&day, &start_time, &end_time));
    if let Some(s) = &slot {
        let d = s.day.to_string();
        if d < prep.programme.start_date || d > prep.programme.end_date {
            p.push("day", Problem::OutsideProgramme);
        } else {
            let others: Vec<TimeSlot> = prep
                .courses
                .iter()
                .filter_map(|c| TimeSlot::parse(&c.day, &c.start_time, &c.end_time).ok())
                .collect();
            if clashes(s, &others) {
                p.push("start_time", Problem::Clash);
            }
        }
    }
    let title = p.check("title", line(&title, 100));
    let form = p.check(
        "form",
        TeachingForm::parse(&form).ok_or(Problem::InvalidChoice),
    );
    let length = ClassHourLength::from_minutes(prep.class_hour_minutes).unwrap_or_default();
    let hours = p.check(
        "class_hours",
        match &slot {
            Some(s) => ClassHours::parse_course_in(&class_hours, s, length),
            None => ClassHours::parse_course(&class_hours),
        },
    );
    let place = p.check("place", line(&place, 100));
    let institution = prep.programme.institution_id;
    let mut chosen = Vec::new();
    for k in lecturers.unwrap_or_default().keys() {
        match k.parse::<i64>() {
            Ok(l) if super::repo::active_lecturer_of(&mut tx, l, institution).await? => {
                chosen.push(l)
            }
            _ => p.push("lecturers", Problem::InvalidChoice),
        }
    }
    if chosen.is_empty() {
        p.push("lecturers", Problem::Required);
    }
    p.into_result()?;
    let (Some(slot), Some(title), Some(form), Some(hours), Some(place)) =
        (slot, title, form, hours, place)
    else {
        return Err(AppError::Internal);
    };
    let at = caller.now();
    let (d, s, e) = (
        slot.day.to_string(),
        slot.start.format("%H:%M").to_string(),
        slot.end.format("%H:%M").to_string(),
    );
    let new = super::repo::NewCourse {
        programme: programme_id,
        day: &d,
        start: &s,
        end: &e,
        title: &title,
        form,
        hours: i64::from(hours.hours()),
        place: &place,
        lecturers: &chosen,
    };
    let id = super::repo::insert_course(&mut tx, &new, at).await?;
    caller
        .audit(
            &mut tx,
            "course_added",
            "programme",
            programme_id,
            &title,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/prep?done=course_added"
    ));
    Ok(id)
}

#[server(endpoint = "remove_course")]
pub async fn remove_course(id: i64) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REMOVE_COURSE).await?;
    let mut tx = caller.state.db.write().await?;
    let (programme, title) = super::repo::course_programme(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prep = ssr::load(&mut tx, &caller, programme).await?;
    // A course paid for stays: its lecture fee line names it (asked under
    // the lock that entering a line takes); so does one with courseware
    // consents, the record of what its lecturers agreed to.
    crate::plan::repo::lock(&mut tx, programme).await?;
    if !prep.schedule_open()
        || crate::spending::repo::course_paid(&mut tx, id).await?
        || crate::courseware::repo::has_records(&mut tx, id).await?
    {
        return Err(AppError::WrongState);
    }
    super::repo::delete_course(&mut tx, id).await?;
    let at = caller.now();
    caller
        .audit(
            &mut tx,
            "course_removed",
            "programme",
            programme,
            &title,
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme}/prep?done=course_removed"
    ));
    Ok(())
}

/// R6: the expertise check and the compliance attestation (Art. 12), each
/// with reviewer, date and note, and the decision.
#[server(endpoint = "vet_lecturer")]
pub async fn vet_lecturer(
    programme_id: i64,
    lecturer_id: i64,
    expertise_reviewer: String,
    expertise_date: String,
    expertise_note: String,
    compliance_reviewer: String,
    compliance_date: String,
    compliance_note: String,
    approve: bool,
) -> Result<(), AppError> {
    use crate::domain::{line, parse_date, required_text};
    use crate::error::{Problem, Problems};
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::VET_LECTURER).await?;
    let mut tx = caller.state.db.write().await?;
    let prep = ssr::load(&mut tx, &caller, programme_id).await?;
    if !prep.schedule_open() {
        return Err(AppError::WrongState);
    }
    let mut p = Problems::default();
    if !super::repo::lecturer_of(&mut tx, lecturer_id, prep.programme.institution_id).await? {
        p.push("lecturer_id", Problem::InvalidChoice);
    }
    let er = p.check("expertise_reviewer", line(&expertise_reviewer, 50));
    let ed = p.check("expertise_date", parse_date(&expertise_date));
    let en = p.check("expertise_note", required_text(&expertise_note, 1000));
    let cr = p.check("compliance_reviewer", line(&compliance_reviewer, 50));
    let cd = p.check("compliance_date", parse_date(&compliance_date));
    let cn = p.check("compliance_note", required_text(&compliance_note, 1000));
    p.into_result()?;
    let (Some(er), Some(ed), Some(en), Some(cr), Some(cd), Some(cn)) = (er, ed, en, cr, cd, cn)
    else {
        return Err(AppError::Internal);
    };
    let (ed, cd) = (ed.to_string(), cd.to_string());
    let at = caller.now();
    let v = super::repo::Vetting {
        programme: programme_id,
        lecturer: lecturer_id,
        expertise: [&er, &ed, &en],
        compliance: [&cr, &cd, &cn],
        approved: approve,
        by: caller.user.id,
    };
    super::repo::save_vetting(&mut tx, &v, at).await?;
    let action = if approve {
        "lecturer_approved"
    } else {
        "lecturer_rejected"
    };
    caller
        .audit(
            &mut tx,
            action,
            "programme",
            programme_id,
            &lecturer_id.to_string(),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!(
        "/programmes/{programme_id}/prep?done=vetting_saved"
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(super) mod ssr {
    use chrono::Datelike;
    use sqlx::AnyConnection;

    use super::super::{repo, PrepView};
    use crate::auth::guard::Caller;
    use crate::domain::{filing_due, parse_date, shanghai_date, Role};
    use crate::error::AppError;
    use crate::plan::repo::Scope;

    /// A programme in the caller's scope with its schedule, lecturers,
    /// vettings and filings.
    pub async fn load(
        conn: &mut AnyConnection,
        caller: &Caller,
        id: i64,
    ) -> Result<PrepView, AppError> {
        let scope = Scope::of(caller)?;
        let programme = crate::plan::repo::by_id(conn, id, scope)
            .await?
            .ok_or(AppError::NotFound)?;
        let courses = repo::courses(conn, id).await?;
        let mut lecturers = match caller.user.role {
            Role::Institution => {
                repo::lecturers_of(conn, &caller.state.keys, programme.institution_id).await?
            }
            _ => repo::lecturers_on(conn, &caller.state.keys, id).await?,
        };
        if caller.user.role != Role::Institution {
            for l in &mut lecturers {
                l.phone = crate::domain::mask_phone(&l.phone);
            }
        }
        let start = parse_date(&programme.start_date).map_err(|_| AppError::Internal)?;
        let due = filing_due(start);
        let today = shanghai_date(caller.now());
        let days_left = i64::from(due.num_days_from_ce() - today.num_days_from_ce());
        let length = crate::settings::repo::class_hour_length(conn).await?;
        Ok(PrepView {
            class_hour_minutes: length.minutes(),
            total_hours: courses.iter().map(|c| c.class_hours).sum(),
            vettings: repo::vettings(conn, id).await?,
            filings: repo::filings(conn, id).await?,
            attachments: repo::attachments(conn, id).await?,
            due_date: due.to_string(),
            days_left,
            programme,
            courses,
            lecturers,
        })
    }
}
