//! The closing's texts (`crate::closing`).

use super::Locale;
use crate::domain::closing::{ClosingStatus, Refusal};

keys! { JK;
    Closing => "结项", "Closing";
    ClosingNav => "结项材料", "Closing";
    ClosingHint => "研修结束后一个月内，申报单位提交结项材料：总结报告、经费决算（由本系统按已登记的经费支出生成，另附加盖财务章和单位公章的决算表扫描件），以及学员名单、满意度测评统计等其他附件。提交后经费支出锁定；省人社厅审核通过即结项，退回则可修改后再次提交（上一版的附件随新版保留，新上传的决算表替换原表），每一版都保留。", "Within a month after the programme ends, the declaring unit sends the closing materials: the summary report, the final expense account (made by the system from the spending entered, with the account stamped by the finance office and the unit, scanned as a PDF), and other attachments such as the trainee list and the satisfaction statistics. Sending locks the spending; the province accepts the closing, or returns it to be amended and sent again (the files of the version before go with the new one; a new stamped account replaces the old). Every version is kept.";
    DueOn => "结项材料提交截止日期：{due}（含当日，研修结束后一个月）。", "The closing materials are due by {due} (that day included; a month after the end).";
    DaysLeft => "还有 {n} 天。", "{n} days left.";
    DueToday => "今天是最后一天。", "Today is the last day.";
    Overdue => "已逾期 {n} 天：仍可提交，将标记为逾期。", "{n} days overdue: the materials are still accepted, marked late.";
    NotEndedYet => "研修班 {end} 结束后才能提交结项材料。", "The closing materials can be sent after the programme ends on {end}.";
    ClosedOn => "已于 {at} 结项。", "Closed on {at}.";
    Account => "经费决算", "Final expense account";
    AccountFacts => "已登记支出 {n} 笔，合计 {spent} 元；到位资金合计 {funds} 元。", "{n} spending lines, {spent} yuan in all; funds received {funds} yuan.";
    Balanced => "到位资金与支出一致（到分）。", "The funds received match the spending to the fen.";
    EditAccount => "查看经费支出明细", "See the spending in detail";
    Versions => "提交记录", "Versions sent";
    NoVersions => "还没有提交过结项材料。", "No closing materials sent yet.";
    Version => "第 {n} 版", "Version {n}";
    Summary => "总结报告", "Summary report";
    SummaryHint => "研修的组织实施、主要内容、学员构成、考核与成效、存在问题和改进建议。", "How the programme was run, what it covered, who attended, assessment and results, problems and what to improve.";
    Frozen => "提交时的账目：{n} 笔，支出 {spent} 元，到位资金 {funds} 元", "The account as sent: {n} lines, spending {spent} yuan, funds {funds} yuan";
    SentBy => "提交人：", "Sent by:";
    DecidedBy => "审核人：", "Reviewed by:";
    Files => "附件", "Files";
    Scan => "经费决算表（加盖财务章和单位公章的扫描件，PDF，不超过 10 MB）", "Final expense account, stamped by the finance office and the unit (scanned PDF, up to 10 MB)";
    OtherFile => "其他附件（如学员名单、满意度测评统计，PDF，不超过 10 MB，最多 10 个）", "Other attachment (e.g. trainee list, satisfaction statistics; PDF up to 10 MB, at most 10)";
    NoScanYet => "尚未上传加盖财务章和单位公章的经费决算表。", "The stamped final expense account is not uploaded yet.";
    Pending => "尚未提交，将随下一次提交", "Not sent yet: goes with the next sending";
    Remove => "删除", "Remove";
    RemoveFile => "删除附件 {name}", "Remove the file {name}";
    ConfirmRemove => "删除这个尚未提交的附件？", "Remove this file, not yet sent?";
    Send => "提交结项材料", "Send the closing materials";
    ConfirmSend => "提交后经费账目将锁定，审核期间不能修改。确定提交？", "Sending locks the expense account while it is reviewed. Send now?";
    Sent => "结项材料已提交，经费账目已锁定，等待省人社厅审核。", "The closing materials are sent and the account locked, awaiting the province's review.";
    Uploaded => "附件已上传，将随下一版提交。", "The file is uploaded and goes with the next version.";
    Removed => "附件已删除。", "The file is removed.";
    Decision => "审核结论", "Decision";
    Accept => "通过，结项", "Accept: the programme is closed";
    Return => "退回修改", "Return to be amended";
    Reason => "意见（退回时必填）", "Reasons (required to return)";
    RecordDecision => "记录审核结论", "Record the decision";
    ConfirmDecision => "确定记录这一审核结论？单位会看到意见。", "Record this decision? The unit will see the reasons.";
    Decided => "审核结论已记录。", "The decision is recorded.";
    StatusSubmitted => "待审核", "Awaiting review";
    StatusReturned => "已退回", "Returned";
    StatusAccepted => "已通过", "Accepted";
    Late => "逾期提交", "Sent late";
    Download => "下载", "Download";
    FrozenLines => "第 {n} 版提交时的经费明细", "Spending as sent with version {n}";
    Package => "下载第 {n} 版结项材料包（ZIP）", "Download the package of version {n} (ZIP)";
    PackageHint => "含封面清单、总结报告、学员名单、满意度统计、经费决算表和所附文件", "with a cover sheet listing the parts, the summary report, the trainee list, the satisfaction statistics, the expense account and the files sent";
    ChooseDecision => "请选择", "Choose";
    ReturnReason => "退回意见：", "Reasons for the return: ";
    StillNeeded => "提交前还需：", "Before sending:";
    ReturnedNotice => "第 {n} 版已被退回，请按退回意见修改后重新提交。", "Version {n} was returned: amend it as the reasons say, then send it again.";
    AwaitingNotice => "第 {n} 版已提交，等待省人社厅审核；经费支出已锁定。", "Version {n} is sent and awaits the province's review; the spending is locked.";
    VersionShort => "第{n}版", "v{n}";
}

pub fn status_key(s: ClosingStatus) -> JK {
    match s {
        ClosingStatus::Submitted => JK::StatusSubmitted,
        ClosingStatus::Returned => JK::StatusReturned,
        ClosingStatus::Accepted => JK::StatusAccepted,
    }
}

fn yuan(fen: i64) -> String {
    crate::domain::yuan_text(fen.abs())
}

pub fn refusal_text(r: &Refusal, l: Locale) -> String {
    let zh = l == Locale::Zh;
    let s = |a: &str, b: &str| if zh { a.to_owned() } else { b.to_owned() };
    match r {
        Refusal::NotEnded { end } => JK::NotEndedYet.text(l).replace("{end}", end),
        Refusal::AlreadySent => s(
            "结项材料已提交（待审核或已通过），不能再次提交。",
            "Closing materials are already sent (awaiting review or accepted).",
        ),
        Refusal::NoScan => s(
            "请先上传加盖财务章和单位公章的经费决算表扫描件（PDF）。",
            "Upload the stamped final expense account (a scanned PDF) first.",
        ),
        Refusal::NoSpending => s(
            "还没有登记经费支出，请先在经费支出页登记。",
            "No spending is entered yet: enter it on the spending page first.",
        ),
        Refusal::Unbalanced { diff } if *diff < 0 => {
            if zh {
                format!(
                    "到位资金合计比支出合计少 {} 元，两者须一致到分；请在经费支出页核对到位资金。",
                    yuan(*diff)
                )
            } else {
                format!("The funds received are {} yuan short of the spending; they must match to the fen: check the funds on the spending page", yuan(*diff))
            }
        }
        Refusal::Unbalanced { diff } => {
            if zh {
                format!(
                    "到位资金合计比支出合计多 {} 元，两者须一致到分；请在经费支出页核对到位资金。",
                    yuan(*diff)
                )
            } else {
                format!("The funds received exceed the spending by {} yuan; they must match to the fen: check the funds on the spending page", yuan(*diff))
            }
        }
        Refusal::AccountClosed => s(
            "已结项：经费决算为最终结果，经费支出不能再修改。",
            "Closed: the final account stands and the spending can no longer change.",
        ),
        Refusal::NotFiled => s(
            "该项目的实施方案未经备案确认，不能提交结项材料。",
            "The programme's filing was never acknowledged: there is nothing to close.",
        ),
        Refusal::TooManyFiles { max } => {
            if zh {
                format!("每版最多随附 {max} 个其他附件（含上一版保留的附件）。")
            } else {
                format!("At most {max} other attachments go with a version, those kept from the version before included.")
            }
        }
        Refusal::AccountLocked => s(
            "结项材料已提交，正在等待审核，经费支出已锁定，不能修改。",
            "The closing materials await review: the spending is locked.",
        ),
    }
}
