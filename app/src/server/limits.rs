//! Request bodies are capped before anything reads them: a form post at
//! 1 MB, a file upload at a little over the largest file the app accepts.
//! A body that claims more is refused at once (413); one that sends more
//! than it claimed breaks off there, and its reader reports a bad request.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest form post (the longest forms carry a few texts of 4,000
/// characters, percent-encoded).
pub const FORM_MAX_BYTES: usize = 1024 * 1024;
/// The largest upload: the largest file (a 5 MB PDF) and the form around it.
pub const UPLOAD_MAX_BYTES: usize = 5 * 1024 * 1024 + 64 * 1024;

/// The largest paper upload: the largest cap an institution may set, and
/// the form around it. The programme's own cap is enforced as it streams.
pub const PAPER_UPLOAD_MAX_BYTES: usize =
    (crate::domain::paper::PAPER_MAX_MB * crate::domain::paper::MB) as usize + 64 * 1024;
/// Where papers are posted (`/me/papers/{programme}`).
pub const PAPER_UPLOAD_PREFIX: &str = "/me/papers/";

pub fn limit_for(path: &str, content_type: Option<&str>) -> usize {
    match content_type {
        Some(t)
            if t.starts_with("multipart/form-data") && path.starts_with(PAPER_UPLOAD_PREFIX) =>
        {
            PAPER_UPLOAD_MAX_BYTES
        }
        Some(t) if t.starts_with("multipart/form-data") => UPLOAD_MAX_BYTES,
        _ => FORM_MAX_BYTES,
    }
}

pub async fn cap_body(request: Request<Body>, next: Next) -> Response {
    let limit = limit_for(
        request.uri().path(),
        request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    );
    let claimed = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if claimed.is_some_and(|n| n > limit as u64) {
        // An upload form shows this beside its file field.
        let error = crate::error::AppError::field(
            "file",
            crate::error::Problem::FileTooLarge {
                max_bytes: limit as u64,
            },
        );
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response();
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}
