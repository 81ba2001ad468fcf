use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Enters a sheet of spending lines (see `sheet`) for the caller's own
/// programme: all or none, each problem by its row. With `replace` ticked
/// the sheet takes the place of every line entered so far; without it, a
/// sheet whose every line is already entered is refused, not doubled. Over-cap lines and
/// charges to trainees are entered with their flags, as typed ones are.
/// One audit record with the count, the total and the flagged lines. A
/// multipart form with `programme_id` and `file`.
#[server(endpoint = "import_spending", input = MultipartFormData)]
pub async fn import_spending(data: MultipartData) -> Result<super::Imported, AppError> {
    use super::api::ssr::{judged, line_detail, own, standard_for};
    use super::sheet;
    use crate::domain::Fen;
    use crate::error::Problem;
    use crate::server::policy;

    let caller = crate::auth::guard::require(&policy::IMPORT_SPENDING).await?;
    let mut upload = crate::server::upload::read_replacing(data, sheet::MAX_BYTES).await?;
    let programme = upload.programme;
    // Another organisation's programme is refused before the file is read.
    {
        let mut conn = caller.state.db.pool.acquire().await?;
        own(&mut conn, &caller, programme).await?;
    }
    let bytes = std::mem::take(&mut upload.bytes);
    let parsed = tokio::task::spawn_blocking(move || sheet::read(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a spending sheet");
            AppError::Internal
        })?
        .map_err(AppError::from_rows)?;
    let mut tx = caller.state.db.write().await?;
    let g = own(&mut tx, &caller, programme).await?;
    super::api::ssr::unlocked(&mut tx, programme).await?;
    let lectures = super::repo::lectures(&mut tx, programme).await?;
    let lines = parsed.lines(&lectures).map_err(AppError::from_rows)?;
    let before = super::repo::lines(&mut tx, programme).await?;
    let at = caller.now();
    let standard = standard_for(&mut tx, &g.start_date).await?;
    let replaced = if upload.replace {
        // Each line replaced is recorded as a removal is, with what it said
        // (the other organisation of the programme may have entered it).
        for (r, (line, lecture, f)) in before.iter().zip(judged(&before, &lectures, &standard)) {
            let detail = format!(
                "{} (replaced by an import)",
                line_detail(r.id, &line, lecture, &f)
            );
            caller
                .audit(
                    &mut tx,
                    "spending_line_removed",
                    "programme",
                    programme,
                    &detail,
                    at,
                )
                .await?;
        }
        let removed: i64 = before.iter().map(|r| r.amount).sum();
        super::repo::delete_lines(&mut tx, programme).await?;
        Some((before.len(), removed))
    } else {
        if !before.is_empty() && all_entered(&lines, &before) {
            return Err(AppError::from_rows(crate::enrollment::roster::whole(
                Problem::AlreadyImported,
            )));
        }
        None
    };
    let sum = super::repo::sum(&mut tx, programme).await?;
    let added: i64 = lines.iter().map(|l| l.amount.fen()).sum();
    if Fen::from_fen(sum.saturating_add(added)).is_err() {
        return Err(AppError::from_rows(crate::enrollment::roster::whole(
            Problem::TooLarge,
        )));
    }
    let mut ids = Vec::with_capacity(lines.len());
    for l in &lines {
        ids.push(super::repo::insert_line(&mut tx, programme, l, caller.user.id, at).await?);
    }
    let rows = super::repo::lines(&mut tx, programme).await?;
    let total = crate::domain::yuan_text(added);
    let (first, last) = (ids.first().copied(), ids.last().copied());
    let mut detail = format!(
        "{} lines #{}–#{}, {total}",
        lines.len(),
        first.unwrap_or_default(),
        last.unwrap_or_default()
    );
    if let Some((n, fen)) = replaced {
        let removed = crate::domain::yuan_text(fen);
        detail.push_str(&format!("; replaced {n} lines, {removed}"));
    }
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
    Ok(super::Imported {
        added: lines.len(),
        replaced: replaced.map_or(0, |(n, _)| n),
    })
}

/// Whether every line of the file matches a line already entered, one for
/// one (the same sheet sent twice).
#[cfg(feature = "ssr")]
fn all_entered(lines: &[super::repo::NewLine<'_>], entered: &[super::repo::LineRow]) -> bool {
    let mut left: Vec<&super::repo::LineRow> = entered.iter().collect();
    lines.iter().all(|l| {
        let same = |r: &&super::repo::LineRow| {
            r.category() == l.category
                && r.source() == l.source
                && r.amount == l.amount.fen()
                && r.course_id == l.lecture.map(|x| x.0)
                && r.lecturer_id == l.lecture.map(|x| x.1)
                && (r.charged_to_trainees == 1) == l.charged_to_trainees
                && r.note == l.note
        };
        match left.iter().position(same) {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        }
    })
}
