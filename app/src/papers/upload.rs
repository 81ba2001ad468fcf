//! `POST /me/papers/{programme}`: a trainee's paper, as a plain multipart
//! form (the page's small script only adds a progress bar). The body is
//! streamed into the file store while its SHA-256 is taken: the type is
//! judged from the first bytes (and, for DOCX, the part names that pass
//! by), the cap as the bytes arrive, and a refused file is aborted, so
//! nothing of it stays. Only then is the version recorded; the answer is
//! a redirect to the page, with the receipt or the reason.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use tower_sessions::Session;

use super::Refused;
use crate::auth::CurrentUser;
use crate::domain::paper::{may_submit, paper_file_name, sniff, DocxScan, PaperType, SNIFF_BYTES};
use crate::domain::Role;
use crate::error::AppError;
use crate::server::AppState;

/// Room for the multipart framing around the file.
const FORM_SLACK: i64 = 64 * 1024;
const MAX_FILE_NAME: usize = 100;

pub async fn receive(
    State(state): State<AppState>,
    Path(programme): Path<String>,
    session: Session,
    request: Request<Body>,
) -> Response {
    let Ok(programme) = programme.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user = match crate::auth::guard::signed_in_user(&session, &state).await {
        Ok(Some(u)) => u,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(e) => return e.status().into_response(),
    };
    if user.role != Role::Trainee || user.must_change_password {
        return StatusCode::FORBIDDEN.into_response();
    }
    let page = format!("/me/papers/{programme}");
    match accept(&state, &user, programme, request).await {
        Ok(Ok(version)) => Redirect::to(&format!("{page}?receipt={version}")).into_response(),
        Ok(Err(refused)) => {
            Redirect::to(&format!("{page}?refused={}", refused.as_str())).into_response()
        }
        Err(e) => e.status().into_response(),
    }
}

/// How long a part of the body may keep the server waiting.
const CHUNK_WAIT_SECS: u64 = 60;
/// How long an upload waits for its turn before the phone is told to try
/// again.
const TURN_WAIT_SECS: u64 = 60;
/// An upload begun before the deadline may finish this long after it.
const FINISH_GRACE_SECS: i64 = 10 * 60;
/// Versions a trainee may keep submitting for one paper.
pub const MAX_VERSIONS: i64 = 20;

async fn accept(
    state: &AppState,
    user: &CurrentUser,
    programme: i64,
    request: Request<Body>,
) -> Result<Result<i64, Refused>, AppError> {
    let (parts, body) = request.into_parts();
    // Judged as of the request's arrival: a long upload begun in time is
    // in time (within a grace, see `FINISH_GRACE_SECS`).
    let at = state.clock.now();
    let (enrollment, set, extension) = {
        let mut conn = state.db.pool.acquire().await?;
        let enrollment =
            crate::attendance::repo::admitted_enrollment(&mut conn, programme, user.id)
                .await?
                .ok_or(AppError::NotFound)?;
        let Some(set) = super::repo::settings(&mut conn, programme).await? else {
            return Ok(Err(Refused::NotSet));
        };
        let extension = super::repo::extension(&mut conn, enrollment).await?;
        if !may_submit(at, set.deadline, extension) {
            return Ok(Err(Refused::Closed));
        }
        if super::repo::count_versions(&mut conn, enrollment).await? >= MAX_VERSIONS {
            return Ok(Err(Refused::TooMany));
        }
        (enrollment, set, extension)
    };
    // A body that claims more than the cap is refused unread.
    let claimed = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    if claimed.is_some_and(|n| n > set.max_bytes + FORM_SLACK) {
        return Ok(Err(Refused::TooLarge));
    }
    let Some(_mine) = state.transfers.start_upload(user.id) else {
        return Ok(Err(Refused::Busy));
    };
    let turn = tokio::time::timeout(
        std::time::Duration::from_secs(TURN_WAIT_SECS),
        state.transfers.uploads.acquire(),
    )
    .await;
    let Ok(Ok(_turn)) = turn else {
        return Err(AppError::TooManyRequests {
            until: state.clock.now() + 60,
        });
    };
    let boundary = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or(AppError::BadRequest)?;
    let mut form = multer::Multipart::new(body.into_data_stream(), boundary);
    let field = match form.next_field().await {
        Ok(Some(f)) if f.name() == Some("file") => f,
        Ok(None) => return Ok(Err(Refused::Empty)),
        _ => return Err(AppError::BadRequest),
    };
    let sent_name = field.file_name().unwrap_or_default().to_owned();
    let file = match stream(state, programme, field, &mut form, &set).await? {
        Ok(file) => file,
        Err(refused) => return Ok(Err(refused)),
    };
    let stored = state.storage.until_recorded(&file.key);
    // Finished long after the deadline: not the upload begun in time.
    if !may_submit(
        state.clock.now() - FINISH_GRACE_SECS,
        set.deadline,
        extension,
    ) {
        state.storage.delete(&file.key).await;
        stored.settled();
        return Ok(Err(Refused::Closed));
    }
    let name = paper_file_name(&sent_name, file.kind, MAX_FILE_NAME);
    let late = at >= set.deadline;
    match record(
        state,
        user,
        &parts,
        programme,
        enrollment,
        &name,
        &file,
        (at, late),
    )
    .await
    {
        Ok(version) => {
            stored.settled();
            Ok(Ok(version))
        }
        Err(e) => {
            state.storage.delete(&file.key).await;
            stored.settled();
            Err(e)
        }
    }
}

struct StoredFile {
    key: String,
    kind: PaperType,
    size: i64,
    sha256: String,
}

/// The next part of the file, waiting at most `CHUNK_WAIT_SECS`.
async fn next_chunk(field: &mut multer::Field<'static>) -> Result<Option<bytes::Bytes>, AppError> {
    let wait = std::time::Duration::from_secs(CHUNK_WAIT_SECS);
    match tokio::time::timeout(wait, field.chunk()).await {
        Ok(Ok(chunk)) => Ok(chunk),
        Ok(Err(_)) | Err(_) => Err(AppError::BadRequest),
    }
}

/// Streams the file part into the store and checks that nothing follows
/// it; a refusal, an error or a cut-off request leaves nothing stored.
async fn stream(
    state: &AppState,
    programme: i64,
    mut field: multer::Field<'static>,
    form: &mut multer::Multipart<'static>,
    set: &super::PaperSet,
) -> Result<Result<StoredFile, Refused>, AppError> {
    let mut head: Vec<u8> = Vec::new();
    let mut ended = false;
    while head.len() < SNIFF_BYTES {
        match next_chunk(&mut field).await? {
            Some(c) => head.extend_from_slice(&c),
            None => {
                ended = true;
                break;
            }
        }
    }
    if head.is_empty() {
        return Ok(Err(Refused::Empty));
    }
    let Some(kind) = sniff(&head, &set.types) else {
        return Ok(Err(Refused::WrongType));
    };
    let key = crate::server::storage::Storage::new_key(&format!("papers/{programme}"));
    let mut writer = state.storage.writer(&key).await?;
    let mut sha = Sha256::new();
    let mut docx = DocxScan::default();
    let mut size = 0i64;
    let mut next: Option<bytes::Bytes> = Some(bytes::Bytes::from(head));
    let outcome: Result<Option<Refused>, AppError> = async {
        loop {
            let chunk = match next.take() {
                Some(c) => c,
                None if ended => break,
                None => match next_chunk(&mut field).await? {
                    Some(c) => c,
                    None => break,
                },
            };
            size += chunk.len() as i64;
            if size > set.max_bytes {
                return Ok(Some(Refused::TooLarge));
            }
            sha.update(&chunk);
            if kind == PaperType::Docx {
                docx.feed(&chunk);
            }
            writer.write(&chunk).await?;
        }
        if kind == PaperType::Docx && !docx.found() {
            return Ok(Some(Refused::WrongType));
        }
        Ok(None)
    }
    .await;
    drop(field);
    // Nothing may follow the file.
    let outcome = match outcome {
        Ok(None) if !matches!(form.next_field().await, Ok(None)) => Err(AppError::BadRequest),
        other => other,
    };
    // Aborted here and now, not when dropped: the answer comes after.
    match outcome {
        Ok(None) => {}
        Ok(Some(refused)) => {
            writer.abort().await;
            return Ok(Err(refused));
        }
        Err(e) => {
            writer.abort().await;
            return Err(e);
        }
    }
    writer.finish().await?;
    let sha256 = sha.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Ok(StoredFile {
        key,
        kind,
        size,
        sha256,
    }))
}

#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    user: &CurrentUser,
    parts: &http::request::Parts,
    programme: i64,
    enrollment: i64,
    name: &str,
    file: &StoredFile,
    (at, late): (i64, bool),
) -> Result<i64, AppError> {
    use crate::audit::repo::{record, Actor, Target};
    let mut tx = state.db.write().await?;
    let new = super::repo::NewPaper {
        enrollment,
        file_name: name,
        kind: file.kind,
        size: file.size,
        sha256: &file.sha256,
        key: &file.key,
        at,
        late,
    };
    let version = super::repo::insert(&mut tx, &new).await?;
    let actor = Actor {
        id: Some(user.id),
        username: user.username.clone(),
        role: Some(Role::Trainee),
        org_id: None,
        ip: crate::server::request::client_ip(parts, state),
    };
    let target = Target {
        kind: "programme",
        id: Some(programme),
    };
    let detail = format!(
        "#{enrollment} v{version} {} B SHA-256 {}{}",
        file.size,
        &file.sha256[..16],
        if late { " (late, extended)" } else { "" }
    );
    let now = state.clock.now();
    record(&mut tx, &actor, "paper_submitted", target, &detail, now).await?;
    tx.commit().await?;
    Ok(version)
}
