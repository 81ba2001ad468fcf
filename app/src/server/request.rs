use std::net::SocketAddr;

use axum::extract::connect_info::MockConnectInfo;
use axum::extract::ConnectInfo;
use http::request::Parts;

use super::AppState;

/// The client's address for the audit trail and the rate limits: the
/// socket peer, or, behind `trusted_proxies` proxies, the entry of
/// `X-Forwarded-For` the first of them appended (counted from the right:
/// the entries left of it come from the client and may be forged).
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    let hops = state.config.trusted_proxies;
    if hops > 0 {
        let entries: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        if let Some(ip) = entries
            .len()
            .checked_sub(hops)
            .and_then(|i| entries.get(i))
            .and_then(|s| s.parse::<std::net::IpAddr>().ok())
        {
            return ip.to_string();
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
