use leptos::prelude::*;

use crate::i18n::{AK, CK, FK, IK, JK, K, PK, SK};

/// The pages of one programme's work, one link each, but for the page the
/// user is on (`here`: "prep", "spending"…). The programme page and the
/// preparation page both list them, so a page added here is reachable
/// from both.
#[component]
pub fn ProgrammeLinks(
    id: i64,
    here: &'static str,
    /// "button" on the programme page, plain links elsewhere.
    #[prop(default = "")]
    class: &'static str,
) -> impl IntoView {
    let link = move |page: &'static str, label: &'static str| {
        (page != here)
            .then(|| view! { <a class=class href=format!("/programmes/{id}/{page}")>{label}</a> })
    };
    let locale = crate::i18n::use_locale();
    move || {
        let l = locale.get();
        view! {
            {link("prep", K::Preparation.text(l))}
            {link("trainees", K::TraineeListLink.text(l))}
            {link("attendance", K::Attendance.text(l))}
            {link("papers", PK::Papers.text(l))}
            {link("survey", SK::Survey.text(l))}
            {link("assessment", AK::Assessment.text(l))}
            {link("completion", CK::Completion.text(l))}
            {link("spending", FK::Spending.text(l))}
            {link("closing", JK::ClosingNav.text(l))}
            {link("inspections", IK::InspectionsNav.text(l))}
        }
    }
}
