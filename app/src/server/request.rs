use std::net::SocketAddr;

use axum::extract::connect_info::MockConnectInfo;
use axum::extract::ConnectInfo;
use http::request::Parts;

use super::AppState;

/// The client's address for the audit trail: the socket peer, or the
/// left-most `X-Forwarded-For` entry when the app sits behind a trusted proxy.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    if state.config.trust_proxy {
        if let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            return ip.chars().take(64).collect();
        }
    }
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr)
        // Tests drive the router without a socket and supply the peer so.
        .or_else(|| {
            parts
                .extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|m| m.0)
        });
    peer.map_or_else(|| "unknown".into(), |addr| addr.ip().to_string())
}
