//! The demo acts through the app's own HTTP surface, as its people would:
//! each step is a request to a server function by a signed-in account,
//! with the app's clock set to the moment the step happened. The same
//! rules run and the same audit records are written as for a real user.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use axum::Router;
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

use crate::error::AppError;
use crate::router::SESSION_COOKIE;
use crate::server::{AppState, Clock};

pub struct Driver {
    router: Router,
    clock: Clock,
    /// To make the check-in codes a projector would show.
    keys: std::sync::Arc<crate::server::crypto::DataKeys>,
    /// Session cookie by user name.
    sessions: HashMap<String, String>,
    /// The office address each account works from, for the audit trail.
    addresses: HashMap<String, SocketAddr>,
}

/// A failed step: which one, as whom, and the app's answer.
#[derive(Debug)]
pub struct StepFailed(pub String);

impl std::fmt::Display for StepFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Step<T> = Result<T, StepFailed>;

/// A form value, percent-encoded.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Driver {
    pub fn new(router: Router, state: &AppState) -> Driver {
        Driver {
            router,
            clock: state.clock.clone(),
            keys: state.keys.clone(),
            sessions: HashMap::new(),
            addresses: HashMap::new(),
        }
    }

    /// Sets the moment the next steps happen at (Unix seconds).
    pub fn at(&self, unix_secs: i64) {
        self.clock.set(unix_secs.max(1));
    }

    /// Where an account works from.
    pub fn address(&mut self, username: &str, ip: [u8; 4]) {
        self.addresses
            .insert(username.to_owned(), SocketAddr::from((ip, 40000)));
    }

    async fn send(&mut self, who: Option<&str>, request: Request<Body>) -> (u16, Vec<u8>) {
        let (status, _, bytes) = self.exchange(who, request).await;
        (status, bytes)
    }

    async fn exchange(
        &mut self,
        who: Option<&str>,
        request: Request<Body>,
    ) -> (u16, axum::http::HeaderMap, Vec<u8>) {
        let mut request = request;
        let peer = who
            .and_then(|w| self.addresses.get(w).copied())
            .unwrap_or_else(|| SocketAddr::from(([223, 104, 3, 17], 40000)));
        request.extensions_mut().insert(ConnectInfo(peer));
        let response = match self.router.clone().oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status().as_u16();
        if let (Some(who), Some(cookie)) = (who, session_cookie(response.headers())) {
            self.sessions.insert(who.to_owned(), cookie);
        }
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
        (status, headers, bytes)
    }

    fn request(
        &self,
        who: Option<&str>,
        endpoint: &str,
        content_type: &str,
    ) -> axum::http::request::Builder {
        let mut b = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, "gaoyan.demo")
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, content_type);
        if let Some(cookie) = who.and_then(|w| self.sessions.get(w)) {
            b = b.header(header::COOKIE, cookie);
        }
        b
    }

    fn answer<T: DeserializeOwned>(what: String, (status, bytes): (u16, Vec<u8>)) -> Step<T> {
        if status == 200 {
            return serde_json::from_slice(&bytes)
                .map_err(|e| StepFailed(format!("{what}: unreadable answer: {e}")));
        }
        let error: Option<AppError> = serde_json::from_slice(&bytes).ok();
        Err(StepFailed(format!("{what}: {status} {error:?}")))
    }

    /// Calls a server function as `who` (signed in before), or as an
    /// anonymous visitor when `who` is `None`.
    pub async fn call<T: DeserializeOwned>(
        &mut self,
        who: Option<&str>,
        endpoint: &str,
        form: &[(&str, String)],
    ) -> Step<T> {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = self
            .request(who, endpoint, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .map_err(|e| StepFailed(format!("{endpoint}: {e}")))?;
        let reply = self.send(who, request).await;
        Self::answer(
            format!("{endpoint} as {}", who.unwrap_or("a visitor")),
            reply,
        )
    }

    /// Calls a server function that takes a file (multipart).
    pub async fn upload<T: DeserializeOwned>(
        &mut self,
        who: &str,
        endpoint: &str,
        programme: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Step<T> {
        let boundary = "gaoyan-demo-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"programme_id\"\r\n\r\n{programme}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .request(
                Some(who),
                endpoint,
                &format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .map_err(|e| StepFailed(format!("{endpoint}: {e}")))?;
        let reply = self.send(Some(who), request).await;
        Self::answer(format!("{endpoint} as {who}"), reply)
    }

    /// Submits a trainee's paper as the phone's form does; the version the
    /// receipt names.
    pub async fn submit_paper(
        &mut self,
        who: &str,
        programme: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Step<i64> {
        let boundary = "gaoyan-demo-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut request = Request::post(format!("/me/papers/{programme}"))
            .header(header::HOST, "gaoyan.demo")
            .header(header::ACCEPT, "text/html")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            );
        if let Some(cookie) = self.sessions.get(who) {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request
            .body(Body::from(body))
            .map_err(|e| StepFailed(format!("paper: {e}")))?;
        let what = format!("paper for {programme} as {who}");
        let (status, headers, _) = self.exchange(Some(who), request).await;
        let to = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        to.split_once("?receipt=")
            .and_then(|(_, n)| n.parse().ok())
            .ok_or_else(|| StepFailed(format!("{what}: {status} → {to}")))
    }

    /// `who` scans the code projected for `course` now, as a phone opens
    /// its link; the check-in must be taken.
    pub async fn scan(&mut self, who: &str, course: i64) -> Step<()> {
        let path = crate::attendance::token::path(&self.keys, course, self.clock.now());
        let mut request = Request::get(&path)
            .header(header::HOST, "gaoyan.demo")
            .header(header::ACCEPT, "text/html");
        if let Some(cookie) = self.sessions.get(who) {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request
            .body(Body::empty())
            .map_err(|e| StepFailed(format!("scan: {e}")))?;
        let (status, headers, _) = self.exchange(Some(who), request).await;
        let to = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if to == format!("/me/checkin/{course}") {
            Ok(())
        } else {
            Err(StepFailed(format!(
                "scan of {course} as {who}: {status} → {to}"
            )))
        }
    }

    /// Signs `who` in; later calls as `who` use the session.
    pub async fn sign_in(&mut self, who: &str, password: &str) -> Step<()> {
        let form = [
            ("username", who.to_owned()),
            ("password", password.to_owned()),
        ];
        let _: serde_json::Value = self.call(Some(who), "login", &form).await?;
        Ok(())
    }
}

fn session_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(SESSION_COOKIE))
        .map(str::to_owned)
}
