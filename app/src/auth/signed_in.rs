//! Who is signed in, known before rendering starts: the server loads it once
//! per page request (`router::attach_user`), the shell embeds it as
//! JSON, and the browser reads that back when it hydrates. Pages therefore
//! never wait on a resource to decide what to show.

use super::CurrentUser;

/// Request extension holding the signed-in user of a page request.
#[derive(Clone, Debug)]
pub struct SignedInUser(pub Option<CurrentUser>);

pub const USER_SCRIPT_ID: &str = "gaoyan-user";

/// The user as JSON safe inside a `<script>` element: `<` is escaped so no
/// name can close the element.
pub fn user_json(user: &Option<CurrentUser>) -> String {
    serde_json::to_string(user)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

pub fn initial_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<SignedInUser>().cloned())
            .and_then(|s| s.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::document()
            .get_element_by_id(USER_SCRIPT_ID)
            .and_then(|e| e.text_content())
            .and_then(|json| serde_json::from_str(&json).ok())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    #[test]
    fn a_name_cannot_close_the_script_element() {
        let user = Some(CurrentUser {
            id: 1,
            username: "x".into(),
            display_name: "</script><script>alert(1)</script>".into(),
            role: Role::Trainee,
            org_id: None,
            org_name: None,
            must_change_password: false,
        });
        let json = user_json(&user);
        assert!(!json.contains("</script>"), "{json}");
        let back: Option<CurrentUser> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, user);
    }
}
