//! The to-do list and programme stages in the reader's language.

use super::Locale;
use crate::work::{Stage, WorkItem, WorkKind};

/// One to-do, with its deadline when it has one.
pub fn work_text(item: &WorkItem, l: Locale) -> String {
    let s = &item.subject;
    let n = item.count;
    let zh = l == Locale::Zh;
    let what = match (item.kind, zh) {
        (WorkKind::FilingToReview, true) => format!("待确认备案：{s}"),
        (WorkKind::FilingToReview, false) => format!("Filing to acknowledge or return: {s}"),
        (WorkKind::FilingAwaitingReview, true) => format!("备案待省级确认：{s}"),
        (WorkKind::FilingAwaitingReview, false) => format!("Filing awaiting the province: {s}"),
        (WorkKind::ChangeToDecide, true) => format!("待审批的变更申请：{s}"),
        (WorkKind::ChangeToDecide, false) => format!("Change request to decide: {s}"),
        (WorkKind::ProposalsToDecide, true) => format!("{s} 年度 {n} 项选题待评审（征集已截止）"),
        (WorkKind::ProposalsToDecide, false) => {
            format!("{n} proposals for {s} to decide (call closed)")
        }
        (WorkKind::CallClosing, true) => format!("{s} 年度选题征集即将截止"),
        (WorkKind::CallClosing, false) => format!("The {s} topic call closes soon"),
        (WorkKind::FilingDue, true) => format!("报送实施方案和招收学员通知备案：{s}"),
        (WorkKind::FilingDue, false) => format!("File the plan and enrollment notice: {s}"),
        (WorkKind::FilingReturned, true) => format!("备案被退回，请修改后重新报送：{s}"),
        (WorkKind::FilingReturned, false) => {
            format!("Filing returned; correct and file again: {s}")
        }
        (WorkKind::FilingOverdue, true) => format!("未按期备案：{s}"),
        (WorkKind::FilingOverdue, false) => format!("Filing overdue: {s}"),
        (WorkKind::DraftsToSubmit, true) => format!("{s} 年度有 {n} 项选题草稿尚未提交"),
        (WorkKind::DraftsToSubmit, false) => {
            format!("{n} draft proposals for {s} not yet submitted")
        }
        (WorkKind::ScheduleShort, true) => format!("课程安排不足 32 学时（现 {n} 学时）：{s}"),
        (WorkKind::ScheduleShort, false) => {
            format!("Schedule short of 32 class hours ({n} now): {s}")
        }
        (WorkKind::LecturersToVet, true) => format!("{n} 位授课专家待审核：{s}"),
        (WorkKind::LecturersToVet, false) => format!("{n} lecturers to vet: {s}"),
        (WorkKind::ApplicantsToAdmit, true) => format!("{n} 名报名者待录取：{s}"),
        (WorkKind::ApplicantsToAdmit, false) => format!("{n} applicants to admit: {s}"),
        (WorkKind::ResultsToDecide, true) if n == 0 => format!("考核结果待发布：{s}"),
        (WorkKind::ResultsToDecide, false) if n == 0 => format!("Results to publish: {s}"),
        (WorkKind::ResultsToDecide, true) => format!("{n} 名学员考核结果未定：{s}"),
        (WorkKind::ResultsToDecide, false) => format!("{n} trainees without a result: {s}"),
        (WorkKind::RegisterToSubmit, true) if n == 0 => format!("结业登记表待报送：{s}"),
        (WorkKind::RegisterToSubmit, false) if n == 0 => {
            format!("Completion register to submit: {s}")
        }
        (WorkKind::RegisterToSubmit, true) => format!("结业登记表被退回，请修改后重新报送：{s}"),
        (WorkKind::RegisterToSubmit, false) => {
            format!("Completion register returned, to submit again: {s}")
        }
        (WorkKind::RegisterToReview, true) => format!("结业登记表待审核：{s}"),
        (WorkKind::RegisterToReview, false) => format!("Completion register to review: {s}"),
        (WorkKind::CertificatesToIssue, true) => format!("{n} 名合格学员待颁发证书：{s}"),
        (WorkKind::CertificatesToIssue, false) => format!("{n} certificates to issue: {s}"),
        (WorkKind::ClosingDue, true) if n == 0 => format!("结项材料待提交：{s}"),
        (WorkKind::ClosingDue, false) if n == 0 => format!("Closing materials to send: {s}"),
        (WorkKind::ClosingDue, true) => format!("结项材料被退回，请修改后重新提交：{s}"),
        (WorkKind::ClosingDue, false) => format!("Closing materials returned, to send again: {s}"),
        (WorkKind::ClosingToReview, true) => format!("结项材料待审核：{s}"),
        (WorkKind::ClosingToReview, false) => format!("Closing materials to review: {s}"),
        (WorkKind::RectificationDue, true) => format!("{n} 项检查发现的问题待整改并提交报告：{s}"),
        (WorkKind::RectificationDue, false) => {
            format!("{n} inspection findings to rectify and report on: {s}")
        }
        (WorkKind::RectificationToReview, true) => format!("{n} 份整改报告待审核：{s}"),
        (WorkKind::RectificationToReview, false) => {
            format!("{n} rectification reports to review: {s}")
        }
        (WorkKind::StartsSoon, true) => format!("即将开班：{s}"),
        (WorkKind::StartsSoon, false) => format!("Starting soon: {s}"),
        (WorkKind::ApplicationPending, true) => format!("报名已提交，等待承办机构录取：{s}"),
        (WorkKind::ApplicationPending, false) => format!("Applied, awaiting admission: {s}"),
        (WorkKind::Admitted, true) => format!("已录取：{s}"),
        (WorkKind::Admitted, false) => format!("Admitted: {s}"),
        (WorkKind::OpenEnrollment, true) => format!("正在招生：{s}"),
        (WorkKind::OpenEnrollment, false) => format!("Open for applications: {s}"),
    };
    match &item.due {
        None => what,
        Some((date, days)) => {
            let start = matches!(item.kind, WorkKind::StartsSoon | WorkKind::Admitted);
            let when = due_text(start, date, *days, l);
            match l {
                Locale::Zh => format!("{what}（{when}）"),
                Locale::En => format!("{what} ({when})"),
            }
        }
    }
}

/// "截止 2027-04-10，还有 5 天", "今天截止", "已逾期 3 天（应于 …）";
/// for a start, "2027-05-10 开班，还有 5 天".
fn due_text(start: bool, date: &str, days: i64, l: Locale) -> String {
    match (start, days, l) {
        (true, 0, Locale::Zh) => "今天开班".to_owned(),
        (true, 0, Locale::En) => "starts today".to_owned(),
        (true, d, Locale::Zh) => format!("{date} 开班，还有 {d} 天"),
        (true, 1, Locale::En) => format!("starts {date}, tomorrow"),
        (true, d, Locale::En) => format!("starts {date}, in {d} days"),
        (false, 0, Locale::Zh) => format!("今天截止（{date}）"),
        (false, 0, Locale::En) => format!("due today ({date})"),
        (false, d, Locale::Zh) if d > 0 => format!("截止 {date}，还有 {d} 天"),
        (false, 1, Locale::En) => format!("due {date}, tomorrow"),
        (false, d, Locale::En) if d > 0 => format!("due {date}, in {d} days"),
        (false, d, Locale::Zh) => format!("应于 {date} 前完成，已超过 {} 天", -d),
        (false, -1, Locale::En) => format!("was due {date}, a day ago"),
        (false, d, Locale::En) => format!("was due {date}, {} days ago", -d),
    }
}

/// A programme's stage and what is due, for `/programmes`.
pub fn stage_text(stage: &Stage, l: Locale) -> String {
    let zh = l == Locale::Zh;
    match stage {
        Stage::Preparing { due, days } => {
            let when = due_text(false, due, *days, l);
            if zh {
                format!("筹备中：备案{when}")
            } else {
                format!("Preparing: filing {when}")
            }
        }
        Stage::Returned { due, days } => {
            let when = due_text(false, due, *days, l);
            if zh {
                format!("备案已退回：重新报送{when}")
            } else {
                format!("Filing returned: file again, {when}")
            }
        }
        Stage::Filed => (if zh {
            "已报送，待省级确认"
        } else {
            "Filed, awaiting the province"
        })
        .to_owned(),
        Stage::Enrolling { until } => {
            if zh {
                format!("招生中：报名至 {until}")
            } else {
                format!("Enrolling until {until}")
            }
        }
        Stage::Ready { starts } => {
            if zh {
                format!("报名已截止，{starts} 开班")
            } else {
                format!("Enrollment closed; starts {starts}")
            }
        }
        Stage::Running => (if zh { "举办中" } else { "Running" }).to_owned(),
        Stage::Finished => (if zh { "已结束" } else { "Finished" }).to_owned(),
    }
}
