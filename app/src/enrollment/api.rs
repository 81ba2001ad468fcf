// The application form posts its fields one by one, as the inputs name them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use super::{NoticeView, TraineesView};
use crate::error::AppError;

/// The public enrollment notice of a programme whose filing stands.
#[server(endpoint = "enrollment_notice")]
pub async fn enrollment_notice(programme_id: i64) -> Result<NoticeView, AppError> {
    use crate::server::policy;
    let v = crate::auth::guard::public(&policy::ENROLLMENT_NOTICE).await?;
    let mut conn = v.state.db.pool.acquire().await?;
    ssr::notice(&mut conn, programme_id, v.state.clock.now()).await
}

/// A trainee applies on a phone: signed in as a trainee, for that account;
/// signed out, as a person the host institution will contact (no account
/// is made: one that signs in at once would let anyone test whether a
/// mobile number is already registered).
///
/// The answer never tells whoever typed an identity number whether it has
/// applied already: such an application is answered like any other, is not
/// recorded, and the number's owner is told on their own account. An
/// account applies to a programme once.
#[server(endpoint = "apply")]
pub async fn apply(
    programme_id: i64,
    name: String,
    gender: String,
    id_number: String,
    mobile: String,
    employer: String,
    province: String,
    title_level: String,
) -> Result<(), AppError> {
    use crate::audit::repo::{record, Actor, Target};
    use crate::domain::Role;
    use crate::error::Problem;
    use crate::notifications::{repo as notices, NotificationKind};
    use crate::server::policy;

    let v = crate::auth::guard::public(&policy::APPLY).await?;
    let signed_in = v.user.clone().filter(|u| u.role == Role::Trainee);
    let a = super::input::parse([
        &name,
        &gender,
        &id_number,
        &mobile,
        &employer,
        &province,
        &title_level,
    ])
    .map_err(AppError::Validation)?;
    let at = v.state.clock.now();
    let keys = &v.state.keys;
    let mut tx = v.state.db.write().await?;
    let notice = ssr::notice(&mut tx, programme_id, at).await?;
    if !notice.open {
        return Err(AppError::field("programme_id", Problem::EnrollmentClosed));
    }
    let account = signed_in.as_ref().map(|u| u.id);
    if let Some(account) = account {
        if super::repo::applied(&mut tx, programme_id, account).await? {
            return Err(AppError::field("programme_id", Problem::AlreadyApplied));
        }
        // An account admitted before belongs to one person: it applies
        // with that person's number only (its own; this tells nothing of
        // anyone else's).
        let hash = keys.lookup(
            crate::server::crypto::Purpose::IdNumber,
            a.id_number.as_str(),
        );
        if crate::trainee::repo::person_of(&mut tx, account)
            .await?
            .is_some_and(|h| h != hash)
        {
            return Err(AppError::field("id_number", Problem::NotYourIdNumber));
        }
    }
    let programme = Target {
        kind: "programme",
        id: Some(programme_id),
    };
    // Signed out, the applicant is a visitor known only by the mobile typed.
    let actor = Actor {
        id: account,
        username: signed_in
            .as_ref()
            .map_or_else(|| a.mobile.as_str().to_owned(), |u| u.username.clone()),
        role: signed_in.as_ref().map(|_| Role::Trainee),
        org_id: None,
        ip: v.ip.clone(),
    };
    match super::repo::by_id_number(&mut tx, keys, programme_id, a.id_number.as_str()).await? {
        Some((_, owner)) => {
            if let Some(owner) = owner {
                let kind = NotificationKind::ApplyIdTaken;
                notices::insert(&mut tx, owner, kind, Some(programme_id), at).await?;
            }
            record(
                &mut tx,
                &actor,
                "enrollment_not_recorded",
                programme,
                "id_number",
                at,
            )
            .await?;
        }
        None => {
            let id =
                super::repo::insert(&mut tx, keys, programme_id, account, &a, false, at).await?;
            record(
                &mut tx,
                &actor,
                "enrollment_applied",
                programme,
                &format!("#{id}"),
                at,
            )
            .await?;
        }
    }
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/enroll/{programme_id}?applied=1"));
    Ok(())
}

#[server(endpoint = "list_trainees")]
pub async fn list_trainees(programme_id: i64) -> Result<TraineesView, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::LIST_TRAINEES).await?;
    let mut tx = caller.state.db.write().await?;
    let view = ssr::trainees(&mut tx, &caller, programme_id).await?;
    // Names and (for the institution) mobiles are personal data shown.
    let detail = format!("{} rows", view.rows.len());
    caller
        .audit(
            &mut tx,
            "trainees_viewed",
            "programme",
            programme_id,
            &detail,
            caller.now(),
        )
        .await?;
    tx.commit().await?;
    Ok(view)
}

/// The institution admits (up to the planned number) or declines.
#[server(endpoint = "decide_enrollment")]
pub async fn decide_enrollment(id: i64, version: i64, admit: bool) -> Result<(), AppError> {
    use super::EnrollmentStatus;
    use crate::error::Problem;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::DECIDE_ENROLLMENT).await?;
    let mut tx = caller.state.db.write().await?;
    let (programme, name) = super::repo::owner(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = ssr::trainees(&mut tx, &caller, programme).await?;
    let at = caller.now();
    if admit && super::repo::admitted(&mut tx, programme).await? >= view.planned {
        return Err(AppError::field(
            "admit",
            Problem::OverQuota { max: view.planned },
        ));
    }
    let status = if admit {
        EnrollmentStatus::Admitted
    } else {
        EnrollmentStatus::Declined
    };
    if !super::repo::decide(&mut tx, id, version, status, at).await? {
        return Err(AppError::Conflict);
    }
    if admit {
        // Every admitted trainee has an account: their own, the one their
        // identity number was admitted with before, or a new one that
        // waits for its activation code (see `trainee::repo`).
        use crate::trainee::repo::{ensure_account, Linked};
        let linked = ensure_account(&mut tx, &caller.state.keys, id, at).await?;
        let step = match linked {
            Linked::Made(account) => Some(("account_made_for_trainee", account)),
            Linked::Found(account) => Some(("account_linked_to_trainee", account)),
            Linked::Own {
                account,
                bound: true,
            } => Some(("account_identity_bound", account)),
            Linked::Own { bound: false, .. } => None,
        };
        if let Some((action, account)) = step {
            caller
                .audit(&mut tx, action, "account", account, &format!("#{id}"), at)
                .await?;
        }
    }
    let action = if admit {
        "enrollment_admitted"
    } else {
        "enrollment_declined"
    };
    caller
        .audit(&mut tx, action, "programme", programme, &name, at)
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme}/trainees?done=decided"));
    Ok(())
}

/// Imports a trainee list from a spreadsheet (.xlsx, .xls or CSV; see
/// `roster`): all rows or none; every bad row is reported by its row and
/// column. The file is read and checked before the write transaction opens.
/// Takes a multipart form with `programme_id` and `file`.
#[server(endpoint = "import_trainees", input = MultipartFormData)]
pub async fn import_trainees(data: MultipartData) -> Result<super::Imported, AppError> {
    use crate::server::crypto::Purpose;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::IMPORT_TRAINEES).await?;
    let upload = crate::server::upload::read(data, super::sheet::MAX_BYTES).await?;
    let programme = upload.programme;
    // Scope first: another institution's programme is not found, and its
    // file is not even read.
    {
        let mut conn = caller.state.db.pool.acquire().await?;
        crate::plan::repo::by_id(&mut conn, programme, crate::plan::repo::Scope::of(&caller)?)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    // Reading a spreadsheet is CPU work: off the async threads.
    let bytes = upload.bytes;
    let roster = tokio::task::spawn_blocking(move || super::roster::read(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a trainee list");
            AppError::Internal
        })?
        .map_err(AppError::from_rows)?;
    let keys = &caller.state.keys;
    let mut tx = caller.state.db.write().await?;
    ssr::trainees(&mut tx, &caller, programme).await?;
    let taken = super::repo::id_hashes(&mut tx, programme).await?;
    let (rows, skipped) =
        roster.without_enrolled(|id| taken.contains(&keys.lookup(Purpose::IdNumber, id)));
    let at = caller.now();
    for a in &rows {
        super::repo::insert(&mut tx, keys, programme, None, a, true, at).await?;
    }
    caller
        .audit(
            &mut tx,
            "trainees_imported",
            "programme",
            programme,
            &format!("{} ({skipped} skipped)", rows.len()),
            at,
        )
        .await?;
    tx.commit().await?;
    Ok(super::Imported {
        imported: rows.len(),
        skipped,
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sqlx::AnyConnection;

    use super::super::{Mix, NoticeView, TraineesView};
    use crate::auth::guard::Caller;
    use crate::domain::{mask_id, shanghai_date, Role};
    use crate::error::AppError;
    use crate::plan::repo::Scope;
    use crate::prep::FilingStatus;

    pub async fn notice(
        conn: &mut AnyConnection,
        programme_id: i64,
        now: i64,
    ) -> Result<NoticeView, AppError> {
        let g = crate::plan::repo::by_id(conn, programme_id, Scope::All)
            .await?
            .ok_or(AppError::NotFound)?;
        let filings = crate::prep::repo::filings(conn, programme_id).await?;
        let f = filings
            .into_iter()
            .next()
            .filter(|f| f.status == FilingStatus::Acknowledged)
            .ok_or(AppError::NotFound)?;
        let today = shanghai_date(now).to_string();
        Ok(NoticeView {
            programme_id,
            topic: g.topic,
            institution_name: g.institution_name,
            start_date: g.start_date,
            end_date: g.end_date,
            place: g.place,
            class_hours: g.class_hours,
            eligibility: f.eligibility,
            quota: f.quota,
            quota_in_province: f.quota_in_province,
            quota_out_province: f.quota_out_province,
            how_to_apply: f.how_to_apply,
            open: today <= f.apply_until,
            apply_until: f.apply_until,
        })
    }

    /// The trainee list of a programme in the caller's scope. Identity
    /// numbers are masked for everyone; mobiles for all but the institution.
    pub async fn trainees(
        conn: &mut AnyConnection,
        caller: &Caller,
        programme_id: i64,
    ) -> Result<TraineesView, AppError> {
        let g = crate::plan::repo::by_id(conn, programme_id, Scope::of(caller)?)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut rows = super::super::repo::list(conn, &caller.state.keys, programme_id).await?;
        for r in &mut rows {
            r.id_number = mask_id(&r.id_number);
            if caller.user.role != Role::Institution {
                r.mobile = crate::domain::mask_phone(&r.mobile);
            }
        }
        let notice_open = notice(conn, programme_id, caller.now())
            .await
            .is_ok_and(|n| n.open);
        Ok(TraineesView {
            programme_id,
            topic: g.topic,
            planned: g.trainees,
            mix: Mix::of(&rows),
            rows,
            notice_open,
        })
    }
}
