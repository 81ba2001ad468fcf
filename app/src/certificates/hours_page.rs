//! `/admin/certificates`: the years with certificates, and the
//! continuing-education hours export of each.

use leptos::prelude::*;

use super::certificate_years;
use crate::domain::Role;
use crate::i18n::{error_text, t, use_locale, CK, K};
use crate::ui::{Protected, TableWrap};

#[component]
pub fn CertificatesPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <Certificates/>
        </Protected>
    }
}

#[component]
fn Certificates() -> impl IntoView {
    let admin = expect_context::<crate::auth::CurrentUser>().role == Role::Admin;
    let locale = use_locale();
    let years = Resource::new(|| (), |_| certificate_years());
    view! {
        <h1>{t(CK::CertificatesAdmin)}</h1>
        <p class="hint">{t(CK::HoursHint)}</p>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || years.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="muted">{t(CK::NoCertificates)}</p> }.into_any(),
            Ok(list) => view! {
                <TableWrap label=CK::CertificatesAdmin><table>
                    <thead><tr>
                        <th>{t(K::Year)}</th><th class="num">{t(CK::ValidCount)}</th>
                        <th class="num">{t(CK::RevokedCount)}</th><th>{t(CK::HoursExport)}</th>
                    </tr></thead>
                    <tbody>
                    {list.into_iter().map(|y| {
                        let year = y.year;
                        view! {
                            <tr>
                                <th scope="row">{year}</th>
                                <td class="num">{y.valid}</td>
                                <td class="num">{y.revoked}</td>
                                <td>
                                    <a href=format!("/admin/certificates/{year}.xlsx") rel="external" download>{t(CK::ExportMasked)}</a>
                                    {admin.then(|| full_export(year))}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                    </tbody>
                </table></TableWrap>
            }.into_any(),
        })}
        </Transition>
    }
}

/// Whole identity numbers leave the system only with a reason, which goes
/// into the audit trail with the download. A plain GET form: the browser
/// downloads the file, with or without the page's script.
fn full_export(year: i32) -> impl IntoView {
    let reasons = [
        ("ce_register", CK::ReasonCeRegister),
        ("title_review", CK::ReasonTitleReview),
        ("inspection", CK::ReasonInspection),
        ("other", CK::ReasonOther),
    ];
    let id = format!("reason-{year}");
    view! {
        <form class="inline-form" method="get" action=format!("/admin/certificates/{year}.xlsx")>
            <label for=id.clone()>{t(CK::FullIdReason)}</label>
            <select id=id name="reason" required>
                <option value="">{t(K::ChooseOne)}</option>
                {reasons.into_iter().map(|(code, key)| view! { <option value=code>{t(key)}</option> }).collect_view()}
            </select>
            <button type="submit" class="button">{t(CK::ExportFull)}</button>
        </form>
    }
}
