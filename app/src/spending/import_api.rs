use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Enters a sheet of spending lines (see `sheet`) for the caller's own
/// programme: all or none, each problem by its row. Over-cap lines and
/// charges to trainees are entered with their flags, as typed ones are.
/// One audit record with the count, the total and the flagged lines. A
/// multipart form with `programme_id` and `file`.
#[server(endpoint = "import_spending", input = MultipartFormData)]
pub async fn import_spending(data: MultipartData) -> Result<usize, AppError> {
    use super::api::ssr::{judged, line_detail, own, standard_for};
    use super::sheet;
    use crate::domain::Fen;
    use crate::error::Problem;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::IMPORT_SPENDING).await?;
    let upload = crate::server::upload::read(data, sheet::MAX_BYTES).await?;
    let programme = upload.programme;
    // Another organisation's programme is refused before the file is read.
    {
        let mut conn = caller.state.db.pool.acquire().await?;
        own(&mut conn, &caller, programme).await?;
    }
    let bytes = upload.bytes;
    let parsed = tokio::task::spawn_blocking(move || sheet::read(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a spending sheet");
            AppError::Internal
        })?
        .map_err(AppError::from_rows)?;
    let mut tx = caller.state.db.write().await?;
    let g = own(&mut tx, &caller, programme).await?;
    crate::plan::repo::lock(&mut tx, programme).await?;
    let lectures = super::repo::lectures(&mut tx, programme).await?;
    let lines = parsed.lines(&lectures).map_err(AppError::from_rows)?;
    let sum = super::repo::sum(&mut tx, programme).await?;
    let added: i64 = lines.iter().map(|l| l.amount.fen()).sum();
    if Fen::from_fen(sum.saturating_add(added)).is_err() {
        return Err(AppError::from_rows(crate::enrollment::roster::whole(
            Problem::TooLarge,
        )));
    }
    let at = caller.now();
    let standard = standard_for(&mut tx, &g.start_date).await?;
    let mut ids = Vec::with_capacity(lines.len());
    for l in &lines {
        ids.push(super::repo::insert_line(&mut tx, programme, l, caller.user.id, at).await?);
    }
    let rows = super::repo::lines(&mut tx, programme).await?;
    let total = Fen::from_fen(added).unwrap_or(Fen::MAX).yuan_text();
    let (first, last) = (ids.first().copied(), ids.last().copied());
    let mut detail = format!(
        "{} lines #{}–#{}, {total}",
        lines.len(),
        first.unwrap_or_default(),
        last.unwrap_or_default()
    );
    // The flagged lines by name, as many as a record holds.
    let flagged = rows
        .iter()
        .zip(judged(&rows, &lectures, &standard))
        .filter(|(r, (_, _, f))| ids.contains(&r.id) && !f.is_empty())
        .map(|(r, (line, lecture, f))| line_detail(r.id, &line, lecture, &f));
    for f in flagged.take(20) {
        detail.push_str("; ");
        detail.push_str(&f);
    }
    caller
        .audit(
            &mut tx,
            "spending_imported",
            "programme",
            programme,
            &detail,
            at,
        )
        .await?;
    tx.commit().await?;
    Ok(lines.len())
}
