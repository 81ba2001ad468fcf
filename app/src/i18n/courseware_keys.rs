//! The courseware texts (`crate::courseware`).

use super::Locale;
use crate::domain::courseware::{ConsentScope, Refusal};

keys! { WK;
    Catalogue => "网络课件目录", "Online courseware catalogue";
    CatalogueIntro => "高级研修项目中经授课专家书面同意公开的课程。每门课程只在全部授课专家的授权有效期内列出；专家撤回授权后即从目录中撤下。", "Lectures of the advanced training programmes whose lecturers agreed in writing to their publication. A lecture is listed only while every lecturer's consent is in force, and leaves the catalogue as soon as a consent is revoked.";
    Year => "年度", "Year";
    AnyYear => "全部年度", "Any year";
    Field => "专业领域", "Field";
    AnyField => "全部领域", "Any field";
    Words => "关键词（课程、项目、专家、单位）", "Words (lecture, programme, lecturer, affiliation)";
    Search => "查询", "Search";
    Matched => "共 {n} 门课程", "Lectures found: {n}";
    EmptyCatalogue => "目录中暂无课程。", "The catalogue holds no lecture yet.";
    NoMatch => "没有符合条件的课程。", "No lecture matches.";
    ClearSearch => "清除条件", "Clear the search";
    HowToWatch => "如需观看或取得课件，请联系课程所属项目的承办机构。", "To watch a lecture or obtain its slides, contact the programme's host institution.";
    Refine => "只显示前 100 门，请缩小查询范围。", "Only the first 100 are shown: narrow the search.";
    Lecturers => "授课专家", "Lecturers";
    Given => "授课安排", "Taught";
    Hours => "{n} 学时", "{n} class hours";
    Scope => "可公开的形式", "May be published as";
    Courseware => "网络课件", "Courseware";
    CoursewareHint => "从已授课程中选取课程列入网络课件目录（第九条）。每位授课专家须有登记在案的授权：同意人、同意日期、公开形式、有效期及依据；授权可以撤回，撤回后课程立即从公开目录中撤下。先为课程的每位授课专家登记授权，再将课程列入目录。", "Pick lectures already given for the online courseware catalogue (Art. 9). Every lecturer needs a recorded consent: who agreed, when, to what form, until when and on what evidence. A consent can be revoked; the lecture then leaves the public catalogue at once.";
    OpenCatalogue => "查看公开目录", "Open the public catalogue";
    NoLectures => "还没有已授课的课程；课程讲授后会列在这里。", "No lecture has been given yet; lectures appear here once given.";
    Lectures => "{year} 年度已授课程", "Lectures given in {year}";
    Years => "按年度查看", "By year";
    YearLink => "{year} 年度", "{year}";
    Choose => "请选择…", "Choose…";
    Missing => "尚缺授权：{names}", "consent missing: {names}";
    Day => "日期", "Date";
    Lecture => "课程", "Lecture";
    Programme => "项目", "Programme";
    Consent => "授权", "Consent";
    Status => "目录状态", "Catalogue";
    NoConsentYet => "未登记授权", "No consent";
    InForce => "有效", "In force";
    Revoked => "已撤回", "Revoked";
    Expired => "已过期", "Expired";
    NotYetValid => "尚未生效", "Not yet in force";
    Public => "已公开", "Public";
    Hidden => "已列入，未公开（授权不全）", "Listed, hidden (consent missing)";
    Withdrawn => "已撤下", "Withdrawn";
    NotListed => "未列入", "Not listed";
    RecordConsent => "登记授权", "Record a consent";
    RecordConsentHint => "按专家签署的授权书登记。同一专家对同一课程再次登记时，新授权取代原授权；已列入目录的课程在全部授权有效后立即公开。", "Record it from the consent the lecturer signed. A new consent of the same lecturer for the same lecture replaces the earlier one; a listed lecture becomes public as soon as every consent is in force.";
    Who => "课程与授课专家", "Lecture and lecturer";
    ScopeField => "同意公开的形式", "Agreed form of publication";
    GivenOn => "同意日期", "Consented on";
    Until => "有效期至", "Valid until";
    Evidence => "依据（如授权书编号、签署方式）", "Evidence (e.g. the signed form's number, how it was given)";
    ConsentRecorded => "授权已登记。", "Consent recorded.";
    RevokeConsent => "撤回授权", "Revoke a consent";
    WhichConsent => "要撤回的授权", "Consent to revoke";
    RevokeReason => "撤回原因", "Why it is revoked";
    WithdrawReason => "撤下原因", "Why it is withdrawn";
    ConsentRevoked => "授权已撤回，相关课程已从公开目录中撤下。", "Consent revoked; its lecture is out of the public catalogue.";
    ConfirmRevoke => "撤回后该课程立即从公开目录中撤下。确定撤回？", "The lecture leaves the public catalogue at once. Revoke?";
    List => "列入目录", "List in the catalogue";
    ListHint => "全部授课专家均有有效授权、且形式一致的课程才能列入。领域留空时取第一位专家的专业领域。", "Only lectures whose every lecturer has a consent in force, to a form they all allow, can be listed. Leave the field blank to use the first lecturer's.";
    WhichLecture => "课程", "Lecture";
    FieldOptional => "目录中的专业领域（可选）", "Field in the catalogue (optional)";
    Listed => "课程已列入网络课件目录。", "The lecture is in the catalogue.";
    Withdraw => "撤下课程", "Withdraw a lecture";
    WithdrawnDone => "课程已从目录中撤下。", "The lecture is out of the catalogue.";
    ConfirmWithdraw => "确定把该课程从网络课件目录中撤下？", "Take this lecture out of the catalogue?";
    RecordedBy => "登记人：", "Recorded by ";
    RevokedBy => "撤回人：", "Revoked by ";
}

pub fn consent_scope_text(s: ConsentScope, l: Locale) -> &'static str {
    match (s, l) {
        (ConsentScope::Video, Locale::Zh) => "授课视频",
        (ConsentScope::Video, Locale::En) => "Video of the lecture",
        (ConsentScope::Slides, Locale::Zh) => "课件讲义",
        (ConsentScope::Slides, Locale::En) => "Slides and handouts",
        (ConsentScope::VideoAndSlides, Locale::Zh) => "授课视频和课件讲义",
        (ConsentScope::VideoAndSlides, Locale::En) => "Video, slides and handouts",
    }
}

pub fn refusal_text(r: &Refusal, l: Locale) -> String {
    let zh = l == Locale::Zh;
    match r {
        Refusal::NoConsent { names } if names.is_empty() => {
            if zh {
                "该课程没有登记授课专家，不能列入".to_owned()
            } else {
                "This lecture names no lecturer, so it cannot be listed".to_owned()
            }
        }
        Refusal::NoConsent { names } => {
            if zh {
                format!("以下授课专家没有有效授权（R14）：{names}")
            } else {
                format!("These lecturers have no consent in force (R14): {names}")
            }
        }
        Refusal::NotGiven { day } => {
            if zh {
                format!("课程在 {day} 讲授，尚未授课")
            } else {
                format!("The lecture is on {day}: it has not been given yet")
            }
        }
        Refusal::GivenInFuture => {
            if zh {
                "同意日期不能晚于今天".to_owned()
            } else {
                "The consent cannot be dated after today".to_owned()
            }
        }
        Refusal::Expired => {
            if zh {
                "有效期不能早于今天".to_owned()
            } else {
                "The consent must run until today at least".to_owned()
            }
        }
        Refusal::NoCommonScope => {
            if zh {
                "各位专家同意公开的形式不一致（有的只同意视频，有的只同意讲义），无法公开"
                    .to_owned()
            } else {
                "The lecturers agreed to different forms (one video only, another slides only): nothing can be published".to_owned()
            }
        }
    }
}
