use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A page's numeric path parameter, read once; 0 (no such row) when it is
/// missing or not a number, so the page answers "not found".
pub fn param(name: &str) -> i64 {
    use_params_map()
        .read_untracked()
        .get(name)
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0)
}
