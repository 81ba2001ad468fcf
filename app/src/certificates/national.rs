use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Issues a national programme's certificates with the ministry's
/// numbers from a sheet (see `national_sheet`): one number for every
/// trainee awaiting a certificate, checked as typed ones are; all or
/// none, every problem by its row. A multipart form with `programme_id`
/// and `file`.
#[server(endpoint = "import_national_numbers", input = MultipartFormData)]
pub async fn import_national_numbers(data: MultipartData) -> Result<usize, AppError> {
    use super::certificate_api::ssr::issuable;
    use super::national_sheet;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::IMPORT_NATIONAL_NUMBERS).await?;
    let upload = crate::server::upload::read(data, national_sheet::MAX_BYTES).await?;
    let programme = upload.programme;
    // Refused before the file is parsed when there is nothing to number.
    {
        let mut conn = caller.state.db.pool.acquire().await?;
        issuable(&ssr::completion(&mut conn, programme).await?, true)?;
    }
    let bytes = upload.bytes;
    let parsed = tokio::task::spawn_blocking(move || national_sheet::read(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a national numbers sheet");
            AppError::Internal
        })?
        .map_err(AppError::from_rows)?;
    let mut tx = caller.state.db.write().await?;
    crate::plan::repo::lock(&mut tx, programme).await?;
    let view = ssr::completion(&mut tx, programme).await?;
    let people = crate::assessment::repo::people(&mut tx, programme).await?;
    let keys = &caller.state.keys;
    let numbers = parsed
        .numbers(&people, &issuable(&view, true)?, |id| {
            keys.lookup(crate::server::crypto::Purpose::IdNumber, id)
        })
        .map_err(AppError::from_rows)?;
    let at = caller.now();
    let issued = super::certificate_api::ssr::issue(
        &mut tx,
        &caller,
        &view,
        Some(&numbers.by_enrollment),
        at,
    )
    .await
    .map_err(|e| parsed.locate(&numbers, e))?;
    tx.commit().await?;
    Ok(issued)
}

#[cfg(feature = "ssr")]
mod ssr {
    use sqlx::AnyConnection;

    use super::super::CompletionView;
    use crate::error::AppError;
    use crate::plan::repo::{by_id, Scope};

    /// The programme's register and certificates as they stand.
    pub async fn completion(
        conn: &mut AnyConnection,
        programme: i64,
    ) -> Result<CompletionView, AppError> {
        let g = by_id(conn, programme, Scope::All)
            .await?
            .ok_or(AppError::NotFound)?;
        super::super::api::ssr::view(conn, g).await
    }
}
