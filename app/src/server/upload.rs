//! The multipart forms that carry a file for a programme (trainee lists,
//! filing attachments): `programme_id` and `file`, read with a size cap.

use leptos::server_fn::codec::MultipartData;

use crate::error::{AppError, Problem};

pub struct Upload {
    pub programme: i64,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Stops reading as soon as the file passes `max` bytes.
pub async fn read(data: MultipartData, max: usize) -> Result<Upload, AppError> {
    let mut form = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut programme: Option<i64> = None;
    let mut file_name = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name().unwrap_or_default() {
            "programme_id" => {
                let text = field.text().await.map_err(|_| AppError::BadRequest)?;
                programme = text.trim().parse().ok();
            }
            "file" => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                while let Ok(Some(chunk)) = field.chunk().await {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > max {
                        return Err(AppError::field("file", Problem::TooLarge));
                    }
                }
            }
            _ => {}
        }
    }
    let programme = programme.ok_or(AppError::BadRequest)?;
    if bytes.is_empty() {
        return Err(AppError::field("file", Problem::Required));
    }
    Ok(Upload {
        programme,
        file_name,
        bytes,
    })
}
