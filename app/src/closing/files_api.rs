use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// The unit uploads the stamped final expense account (a PDF scan) for
/// its next version; a second upload replaces the first. A multipart form
/// with `programme_id` and `file`.
#[server(endpoint = "upload_closing_scan", input = MultipartFormData)]
pub async fn upload_closing_scan(data: MultipartData) -> Result<i64, AppError> {
    ssr::upload(data, super::FileKind::Scan).await
}

/// The unit adds another attachment (a PDF) to its next version. A
/// multipart form with `programme_id` and `file`.
#[server(endpoint = "upload_closing_file", input = MultipartFormData)]
pub async fn upload_closing_file(data: MultipartData) -> Result<i64, AppError> {
    ssr::upload(data, super::FileKind::Other).await
}

/// The unit removes a file not yet sent.
#[server(endpoint = "remove_closing_file")]
pub async fn remove_closing_file(programme_id: i64, file_id: i64) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::REMOVE_CLOSING_FILE).await?;
    let mut tx = caller.state.db.write().await?;
    super::api::ssr::programme(&mut tx, &caller, programme_id).await?;
    // One after the other with a send, which takes the files waiting.
    crate::plan::repo::lock(&mut tx, programme_id).await?;
    if super::repo::holds_account(&mut tx, programme_id).await? {
        return Err(AppError::WrongState);
    }
    let name = super::repo::file_name(&mut tx, file_id)
        .await?
        .filter(|(p, _)| *p == programme_id)
        .map(|(_, name)| name)
        .ok_or(AppError::NotFound)?;
    if !super::repo::delete_pending(&mut tx, programme_id, file_id).await? {
        return Err(AppError::WrongState);
    }
    let at = caller.now();
    caller
        .audit(
            &mut tx,
            "closing_file_removed",
            "programme",
            programme_id,
            &format!("#{file_id} {name}"),
            at,
        )
        .await?;
    tx.commit().await?;
    crate::server::redirect_plain_form(&format!("/programmes/{programme_id}/closing?done=removed"));
    Ok(())
}

/// `GET /closing-files/{id}`: for a signed-in reader in whose scope the
/// programme is. Audited: the files may carry personal data.
#[cfg(feature = "ssr")]
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    session: tower_sessions::Session,
    parts: http::request::Parts,
) -> axum::response::Response {
    use axum::response::IntoResponse;

    use crate::auth::guard::session_caller;

    let caller = match session_caller(session, &state, &parts).await {
        Ok(c) => c,
        Err(e) => return e.status().into_response(),
    };
    let result = async {
        // A trainee is refused before anything is looked up, so that no
        // answer tells which files exist; the scope is checked before the
        // file is read, outside the write transaction.
        crate::plan::repo::Scope::of(&caller)?;
        let mut conn = state.db.pool.acquire().await?;
        let (programme, _) = super::repo::file_name(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        super::api::ssr::programme(&mut conn, &caller, programme).await?;
        let (_, name, bytes) = super::repo::file(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        drop(conn);
        let mut tx = state.db.write().await?;
        caller
            .audit(
                &mut tx,
                "closing_file_downloaded",
                "programme",
                programme,
                &format!("#{id} {name}"),
                caller.now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>((name, bytes))
    }
    .await;
    match result {
        Ok((name, bytes)) => crate::server::download::file(
            crate::server::download::PDF,
            &format!("closing-{id}.pdf"),
            Some(&name),
            bytes,
        ),
        Err(e) => e.status().into_response(),
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use leptos::server_fn::codec::MultipartData;

    use super::super::{repo, FileKind, FILE_MAX_BYTES, MAX_PENDING_FILES};
    use crate::domain::closing::Refusal;
    use crate::error::{AppError, Problem};
    use crate::server::policy;

    pub async fn upload(data: MultipartData, kind: FileKind) -> Result<i64, AppError> {
        let endpoint = match kind {
            FileKind::Scan => &policy::UPLOAD_CLOSING_SCAN,
            FileKind::Other => &policy::UPLOAD_CLOSING_FILE,
        };
        let caller = crate::auth::guard::require(endpoint).await?;
        let upload = crate::server::upload::read(data, FILE_MAX_BYTES).await?;
        let (programme, name, bytes) = (upload.programme, upload.file_name, upload.bytes);
        let mut tx = caller.state.db.write().await?;
        super::super::api::ssr::programme(&mut tx, &caller, programme).await?;
        crate::plan::repo::lock(&mut tx, programme).await?;
        if repo::holds_account(&mut tx, programme).await? {
            return Err(AppError::field(
                "file",
                Problem::Close(Refusal::AlreadySent),
            ));
        }
        if !bytes.starts_with(b"%PDF-") {
            return Err(AppError::field("file", Problem::NotPdf));
        }
        let waiting = repo::pending(&mut tx, programme, kind).await?;
        let at = caller.now();
        // A new scan takes the place of one not yet sent; other files add
        // up to a bound.
        if kind == FileKind::Scan {
            for (id, old) in &waiting {
                repo::delete_pending(&mut tx, programme, *id).await?;
                caller
                    .audit(
                        &mut tx,
                        "closing_file_removed",
                        "programme",
                        programme,
                        &format!("#{id} {old} (replaced)"),
                        at,
                    )
                    .await?;
            }
        } else if waiting.len() as i64 + repo::carried_others(&mut tx, programme).await?
            >= MAX_PENDING_FILES
        {
            return Err(AppError::field(
                "file",
                Problem::Close(Refusal::TooManyFiles {
                    max: MAX_PENDING_FILES,
                }),
            ));
        }
        let name = crate::domain::line(&name, 100).unwrap_or_else(|_| "closing.pdf".to_owned());
        let new = repo::NewFile {
            programme,
            kind,
            file_name: &name,
            content: &bytes,
            by: caller.user.id,
        };
        let id = repo::insert_file(&mut tx, &new, at).await?;
        caller
            .audit(
                &mut tx,
                "closing_file_added",
                "programme",
                programme,
                &format!("#{id} {} {name}", kind.as_str()),
                at,
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }
}
