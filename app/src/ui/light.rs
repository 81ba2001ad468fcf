//! Pages served as complete HTML with no wasm at all: the public and
//! trainee pages that people open on phones, often on a venue's Wi-Fi.
//! Their forms post plainly and the server applies the same rules; links
//! from them into staff pages load the hydrated app, and staff who follow
//! a link to one of them inside the app see it rendered there.

/// Whether a first load of `path` carries no wasm: signing in and
/// activating, the public plan and courseware catalogue, an enrollment
/// notice with its application form, and every trainee page (`/me…`).
pub fn is_light(path: &str) -> bool {
    let one_segment = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    matches!(
        path,
        "/login" | "/activate" | "/plan" | "/me" | "/verify" | "/courseware"
    ) || one_segment("/verify/")
        || one_segment("/plan/")
        || one_segment("/enroll/")
        || one_segment("/me/programmes/")
        || one_segment("/me/checkin/")
        || one_segment("/me/papers/")
        || one_segment("/me/surveys/")
}

/// Whether the page being rendered on the server is light (never in the
/// browser: a light page has no browser side).
pub fn rendering_light_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|p| is_light(p.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::is_light;

    #[test]
    fn the_public_plan_is_light_and_staff_pages_are_not() {
        assert!(is_light("/plan"));
        assert!(is_light("/plan/2026"));
        assert!(is_light("/login"));
        assert!(is_light("/enroll/7"));
        assert!(!is_light("/enroll/"));
        assert!(!is_light("/plan/2026/xlsx"));
        assert!(!is_light("/programmes"));
        assert!(!is_light("/admin/orgs"));
        assert!(!is_light("/planning"));
        assert!(is_light("/me"));
        assert!(is_light("/me/programmes/3"));
        assert!(is_light("/me/checkin/12"));
        assert!(is_light("/activate"));
        assert!(is_light("/me/papers/3"));
        assert!(is_light("/me/surveys/3"));
        assert!(!is_light("/programmes/3/survey"));
        assert!(!is_light("/programmes/3/papers"));
        assert!(!is_light("/programmes/3/courses/12/code"));
        assert!(is_light("/verify"));
        assert!(is_light("/courseware"));
        assert!(!is_light("/admin/courseware"));
        assert!(is_light("/verify/0123abcd"));
        assert!(!is_light("/programmes/3/completion"));
    }
}
