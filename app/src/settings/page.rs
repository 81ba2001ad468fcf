use leptos::prelude::*;

use super::{province_settings, SaveCertificateFormat, SaveMinAttendance, SaveSettings};
use crate::domain::{format_shanghai, Role};
use crate::i18n::{t, use_locale, AK, CK, K};
use crate::ui::{error_of, succeeded, success_count, Done, FormError, Protected, TextField};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Settings/>
        </Protected>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let locale = use_locale();
    let is_admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let save = ServerAction::<SaveSettings>::new();
    let save_min = ServerAction::<SaveMinAttendance>::new();
    let saved = success_count(move || succeeded(&save.value().get()));
    let saved_min = success_count(move || succeeded(&save_min.value().get()));
    let save_format = ServerAction::<SaveCertificateFormat>::new();
    let saved_format = success_count(move || succeeded(&save_format.value().get()));
    let format_error = Signal::derive(move || error_of(save_format.value().get()));
    let format_ok = Signal::derive(move || succeeded(&save_format.value().get()));
    let data = Resource::new(
        move || (saved.get(), saved_min.get(), saved_format.get()),
        |_| province_settings(),
    );
    let min_error = Signal::derive(move || error_of(save_min.value().get()));
    let min_ok = Signal::derive(move || succeeded(&save_min.value().get()));
    let error = Signal::derive(move || error_of(save.value().get()));
    let ok = Signal::derive(move || succeeded(&save.value().get()));
    view! {
        <h1>{t(K::ProvinceSettings)}</h1>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().and_then(Result::ok).map(|s| view! {
            <section class="card">
                <h2>{t(K::ClassHourLength)}</h2>
                <p>{t(K::ClassHourLengthWhy)}</p>
                <dl class="facts">
                    <dt>{t(K::ClassHourLength)}</dt>
                    <dd>{move || crate::i18n::minutes_text(s.class_hour_minutes, locale.get())}</dd>
                    {s.updated.clone().map(|(at, by)| view! {
                        <dt>{t(K::LastChanged)}</dt><dd>{format!("{} · {by}", format_shanghai(at))}</dd>
                    })}
                </dl>
                {is_admin.then(|| view! {
                    <ActionForm action=save attr:class="grid-form">
                        <FormError error/>
                        <input type="hidden" name="version" value=s.version/>
                        <TextField label=K::ClassHourMinutes name="class_hour_minutes" kind="number"
                            error value=s.class_hour_minutes.to_string() hint=K::ClassHourMinutesHint/>
                        <button type="submit" class="primary">{t(K::Save)}</button>
                    </ActionForm>
                    <Done ok code="settings" text=K::Saved/>
                })}
            </section>
            <section class="card">
                <h2>{t(AK::MinAttendance)}</h2>
                <p>{t(AK::MinAttendanceWhy)}</p>
                <dl class="facts">
                    <dt>{t(AK::MinAttendance)}</dt><dd>{format!("{}%", s.min_attendance_percent)}</dd>
                </dl>
                {is_admin.then(|| view! {
                    <ActionForm action=save_min attr:class="grid-form">
                        <FormError error=min_error/>
                        <input type="hidden" name="version" value=s.version/>
                        <TextField label=AK::MinAttendancePercent name="percent" kind="number"
                            error=min_error value=s.min_attendance_percent.to_string()/>
                        <button type="submit" class="primary">{t(K::Save)}</button>
                    </ActionForm>
                    <Done ok=min_ok code="attendance" text=K::Saved/>
                })}
            </section>
            <section class="card">
                <h2>{t(CK::CertificateFormat)}</h2>
                <p>{t(CK::CertificateFormatWhy)}</p>
                <dl class="facts">
                    <dt>{t(CK::FormatLabel)}</dt><dd>{s.certificate_format.clone()}</dd>
                    <dt>{t(CK::Example)}</dt>
                    <dd>{crate::domain::certificate::NumberFormat::parse(&s.certificate_format)
                        .map(|f| f.number(2026, 1)).unwrap_or_default()}</dd>
                    <dt>{t(CK::IssuerLabel)}</dt><dd>{s.certificate_issuer.clone()}</dd>
                </dl>
                {is_admin.then(|| view! {
                    <ActionForm action=save_format attr:class="grid-form">
                        <FormError error=format_error/>
                        <input type="hidden" name="version" value=s.version/>
                        <TextField label=CK::FormatLabel name="format" error=format_error
                            value=s.certificate_format.clone() maxlength=40/>
                        <TextField label=CK::IssuerLabel name="issuer" error=format_error
                            value=s.certificate_issuer.clone() maxlength=60/>
                        <button type="submit" class="primary">{t(K::Save)}</button>
                    </ActionForm>
                    <Done ok=format_ok code="certificates" text=K::Saved/>
                })}
            </section>
        })}
        </Transition>
    }
}
