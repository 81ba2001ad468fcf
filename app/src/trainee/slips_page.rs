use leptos::prelude::*;

use super::{activation_slips, SlipState};
use crate::domain::{format_shanghai, Role};
use crate::i18n::{error_text, t, use_locale, K};
use crate::ui::Protected;

/// A sheet of slips to print and cut: one per admitted trainee, with the
/// sign-in name, the activation code and a QR code that opens the
/// activation page with the code filled in.
#[component]
pub fn SlipsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Institution]>
            <Slips/>
        </Protected>
    }
}

#[component]
fn Slips() -> impl IntoView {
    let locale = use_locale();
    let id = crate::ui::param("id");
    let data = Resource::new(|| (), move |_| activation_slips(id));
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <div class="no-print">
                    <p><a href=format!("/programmes/{id}/trainees")>{t(K::TraineeListLink)}</a></p>
                    <h1>{t(K::ActivationSlips)}" · "{v.topic.clone()}</h1>
                    <p>{t(K::SlipsIntro)}</p>
                    <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>{t(K::PrintSlips)}</button>
                </div>
                {v.slips.is_empty().then(|| view! { <p>{t(K::NoSlips)}</p> })}
                <ul class="slips">
                {v.slips.iter().map(|s| view! {
                    <li class="slip">
                        {match &s.state {
                            SlipState::Code { username, code, expires, qr_svg } => view! {
                                <div class="slip-qr" inner_html=qr_svg.clone()></div>
                                <div>
                                    <p><strong>{s.name.clone()}</strong></p>
                                    <p>{v.topic.clone()}</p>
                                    <p>{t(K::SignInName)}"："<strong class="code">{username.clone()}</strong></p>
                                    <p>{t(K::ActivationCode)}"："<strong class="code">{code.clone()}</strong></p>
                                    <p class="muted">{t(K::ValidUntil)}" "{format_shanghai(*expires)}</p>
                                    <p class="muted">{v.activate_url.clone()}</p>
                                    <p class="slip-how">{t(K::SlipHowTo)}</p>
                                </div>
                            }.into_any(),
                            SlipState::Active { username } => view! {
                                <div class="no-print">
                                    <p><strong>{s.name.clone()}</strong></p>
                                    <p>{t(K::SignInName)}"："<strong class="code">{username.clone()}</strong></p>
                                    <p class="muted">{t(K::SlipActivated)}</p>
                                </div>
                            }.into_any(),
                            SlipState::Existing => view! {
                                <div class="no-print">
                                    <p><strong>{s.name.clone()}</strong></p>
                                    <p class="muted">{t(K::SlipExisting)}</p>
                                </div>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
                </ul>
            }.into_any(),
        })}
        </Transition>
    }
}
