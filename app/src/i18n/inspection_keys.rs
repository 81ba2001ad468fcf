//! The inspections' texts (`crate::inspections`).

use crate::domain::inspection::{InspectionStatus, SanctionKind};

keys! { IK;
    Inspections => "检查与整改", "Inspections";
    InspectionsNav => "检查", "Inspections";
    InspectionsHint => "省人社厅或受委托的检查人员对研修项目的组织实施和经费使用情况进行检查或抽查（第十九条），重点检查住宿费、伙食费、场地费、讲课费、资料费、交通费。发现问题的，申报单位须在整改期限内提交整改报告；检查人员审核后结束检查或退回继续整改。查实违规的，视情节追回所拨付的部分或全部经费、取消申报资格（第二十一条），情节较轻的可给予警告。", "The province or inspectors it delegates inspect how programmes are run and how their funds are spent (Art. 19), above all accommodation, meals, venue, lecture fees, materials and transport. For a finding the declaring unit reports its rectification by the date set; the inspector closes the inspection or sends it back. A violation found may, as its gravity warrants, lead to part or all of the funds being recovered and to a disqualification from proposing (Art. 21); a minor one to a warning.";
    Empty => "尚无检查记录。", "No inspections yet.";
    Record => "记录检查", "Record an inspection";
    SpotCheck => "所属抽查", "Spot check";
    NotDrawn => "不属于随机抽查（定期检查）", "Not part of a spot check (periodic inspection)";
    DrawNo => "第 {n} 号抽查", "Spot check no. {n}";
    Checked => "检查内容", "What was checked";
    CheckedHint => "如：住宿费、伙食费票据与签到表核对；讲课费发放记录。", "For example: accommodation and meal receipts against the sign-in sheets; lecture fee payments.";
    Findings => "发现的问题（未发现问题请留空）", "Findings (leave empty if none)";
    RectifyBy => "整改期限（发现问题时必填，须晚于今天）", "Rectify by (needed with findings; after today)";
    Save => "保存检查记录", "Save the inspection";
    ConfirmRecord => "保存后检查记录不能修改，发现问题的将通知申报单位整改。确定保存吗？", "An inspection cannot be changed once saved; a finding is sent to the unit to rectify. Save it?";
    Recorded => "检查记录已保存。", "The inspection was saved.";
    InspectionNo => "检查 #{n}", "Inspection #{n}";
    RecordedBy => "检查人：", "Inspected by: ";
    NoFindings => "未发现问题。", "Nothing was found.";
    Due => "整改期限：", "Rectify by: ";
    Report => "整改报告", "Rectification report";
    ReportedBy => "报告人：", "Reported by: ";
    LateReport => "逾期报告", "Reported late";
    DecisionNote => "审核意见：", "Inspector's note: ";
    ReturnNote => "退回意见：", "Sent back because: ";
    History => "检查记录", "Inspections recorded";
    Choice => "检查 #{n}（{date} 记录）：{text}", "Inspection #{n} ({date}): {text}";
    RecoveryOption => "检查 #{n} 追回经费：应追回 {amount} 元，已追回 {done} 元", "Inspection #{n}, recovery: {amount} yuan owed, {done} yuan recovered";
    ClosedBy => "确认整改到位、结束检查：", "Rectification accepted and closed by: ";
    StatusRectifying => "整改中", "Rectifying";
    StatusReported => "整改报告待审核", "Report awaiting review";
    StatusClosed => "已结束", "Closed";
    SendReport => "提交整改报告", "Send a rectification report";
    WhichInspection => "对应的检查记录", "Inspection";
    ReportText => "整改情况（逐条说明整改措施、完成情况和佐证材料）", "What was done (each measure, how far it went, the evidence)";
    ConfirmReport => "提交后报告不能修改。确定提交吗？", "A report cannot be changed once sent. Send it?";
    Reported => "整改报告已提交。", "The report was sent.";
    Decide => "审核整改报告", "Review a rectification report";
    Decision => "审核结论", "Decision";
    ChooseDecision => "请选择", "Choose";
    Accept => "整改到位，结束检查", "Rectified: close the inspection";
    Return => "退回，继续整改", "Send back to rectify further";
    Note => "意见（退回时必填）", "Note (needed to send back)";
    NewDate => "新的整改期限（退回时可选）", "New date to rectify by (optional when sending back)";
    ConfirmDecide => "确定记录审核结论吗？", "Record the decision?";
    Decided => "审核结论已记录。", "The decision was recorded.";
    Sanctions => "处理决定", "Sanctions";
    Sanction => "作出处理决定", "Sanction the unit";
    SanctionHint => "处理决定针对申报单位。取消申报资格期间，该单位不能申报高级研修项目。", "A sanction applies to the declaring unit. While disqualified it cannot propose programmes.";
    Kind => "处理方式", "Kind";
    ChooseKind => "请选择", "Choose";
    KindWarning => "警告", "Warning";
    KindRecovery => "追回经费", "Recovery of funds";
    KindDisqualification => "取消申报资格", "Disqualification";
    Amount => "追回金额（元，追回经费时必填）", "Amount to recover (yuan, for a recovery)";
    From => "取消资格起始日（取消申报资格时必填）", "Disqualified from (for a disqualification)";
    Until => "取消资格截止日（取消申报资格时必填，含当日）", "Disqualified until (for a disqualification; that day included)";
    Reason => "处理依据和理由", "Grounds and reasons";
    ConfirmSanction => "处理决定保存后不能撤销。确定作出处理决定吗？", "A sanction cannot be withdrawn once saved. Sanction the unit?";
    Sanctioned => "处理决定已保存。", "The sanction was saved.";
    RecoveryFacts => "应追回 {amount} 元，已追回 {done} 元。", "{amount} yuan to recover, {done} yuan recovered.";
    Period => "{from} 至 {until} 不得申报高级研修项目。", "May not propose programmes from {from} to {until}.";
    DecidedBy => "决定人：", "Decided by: ";
    RecordRecovery => "登记追回款", "Record a recovered sum";
    WhichSanction => "针对的处理决定", "Sanction";
    Recovered => "本次追回金额（元）", "Sum recovered now (yuan)";
    ConfirmRecovery => "确定登记这笔追回款吗？", "Record this sum?";
    RecoverySaved => "追回款已登记。", "The sum was recorded.";
}

pub fn status_key(s: InspectionStatus) -> IK {
    match s {
        InspectionStatus::Rectifying => IK::StatusRectifying,
        InspectionStatus::Reported => IK::StatusReported,
        InspectionStatus::Closed => IK::StatusClosed,
    }
}

pub fn kind_key(k: SanctionKind) -> IK {
    match k {
        SanctionKind::Warning => IK::KindWarning,
        SanctionKind::Recovery => IK::KindRecovery,
        SanctionKind::Disqualification => IK::KindDisqualification,
    }
}
