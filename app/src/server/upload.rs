//! The multipart forms that carry a file for a programme (trainee lists,
//! filing attachments): `programme_id` and `file`, each read with a cap,
//! and where the form offers it a `replace` box. Anything else in the
//! form, a part twice, a part past its cap, or a stream that breaks off is
//! refused: a truncated file is never taken for a whole one.

use leptos::server_fn::codec::MultipartData;

use crate::error::{AppError, Problem};

pub struct Upload {
    pub programme: i64,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The form's "replace what is there" box was ticked (only forms
    /// read by `read_replacing` have one).
    pub replace: bool,
}

/// A text part (the programme id) is never longer than this.
const MAX_TEXT_PART: usize = 32;
/// A file name is kept to this many bytes.
const MAX_FILE_NAME: usize = 255;

/// Reads the form, stopping as soon as the file passes `max` bytes.
pub async fn read(data: MultipartData, max: usize) -> Result<Upload, AppError> {
    read_form(data, max, false).await
}

/// As `read`, for a form with a `replace` box (a checkbox: "1", "on" or
/// "true" ticked; absent, empty, "0", "off" or "false" not).
pub async fn read_replacing(data: MultipartData, max: usize) -> Result<Upload, AppError> {
    read_form(data, max, true).await
}

async fn read_form(
    data: MultipartData,
    max: usize,
    offers_replace: bool,
) -> Result<Upload, AppError> {
    let mut form = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut programme: Option<i64> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut replace: Option<bool> = None;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(AppError::BadRequest),
        };
        match field.name().unwrap_or_default() {
            "programme_id" if programme.is_none() => {
                let bytes = capped(&mut field, MAX_TEXT_PART)
                    .await?
                    .ok_or(AppError::BadRequest)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| AppError::BadRequest)?;
                programme = Some(text.trim().parse().map_err(|_| AppError::BadRequest)?);
            }
            "replace" if offers_replace && replace.is_none() => {
                let bytes = capped(&mut field, MAX_TEXT_PART)
                    .await?
                    .ok_or(AppError::BadRequest)?;
                replace = Some(match bytes.as_slice() {
                    b"1" | b"on" | b"true" => true,
                    b"" | b"0" | b"off" | b"false" => false,
                    _ => return Err(AppError::BadRequest),
                });
            }
            "file" if file.is_none() => {
                let name: String = field
                    .file_name()
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect();
                let name = truncate(&name, MAX_FILE_NAME);
                let bytes = capped(&mut field, max).await?.ok_or_else(|| {
                    AppError::field(
                        "file",
                        Problem::FileTooLarge {
                            max_bytes: max as u64,
                        },
                    )
                })?;
                file = Some((name, bytes));
            }
            _ => return Err(AppError::BadRequest),
        }
    }
    let programme = programme.ok_or(AppError::BadRequest)?;
    let (file_name, bytes) = file.unwrap_or_default();
    if bytes.is_empty() {
        return Err(AppError::field("file", Problem::Required));
    }
    Ok(Upload {
        programme,
        file_name,
        bytes,
        replace: replace.unwrap_or(false),
    })
}

/// The part's bytes, or `None` as soon as they pass `max`; a broken stream
/// is an error.
async fn capped(
    field: &mut multer::Field<'static>,
    max: usize,
) -> Result<Option<Vec<u8>>, AppError> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > max {
                    return Ok(None);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Some(bytes)),
            Err(_) => return Err(AppError::BadRequest),
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}
