//! Audit records in the reader's language: actions, targets, details.

use super::Locale;

/// Audit actions are stored as stable codes and named in the reader's
/// language: (code, Chinese, English).
const ACTIONS: &[(&str, &str, &str)] = &[
    ("login", "登录", "Signed in"),
    ("login_failed", "登录失败", "Failed sign-in"),
    ("lockout", "账号锁定", "Account locked"),
    ("logout", "退出", "Signed out"),
    ("password_changed", "修改密码", "Changed password"),
    (
        "password_change_failed",
        "修改密码失败（当前密码错误）",
        "Failed password change (wrong current password)",
    ),
    ("password_reset", "重置密码", "Reset password"),
    ("org_created", "新建机构", "Created organisation"),
    ("org_updated", "修改机构", "Updated organisation"),
    ("org_deactivated", "停用机构", "Deactivated organisation"),
    ("org_activated", "启用机构", "Activated organisation"),
    ("account_created", "新建账号", "Created account"),
    ("account_updated", "修改账号", "Updated account"),
    ("account_deactivated", "停用账号", "Deactivated account"),
    ("account_activated", "启用账号", "Activated account"),
    ("call_opened", "发布选题征集", "Opened topic call"),
    ("call_updated", "修改选题征集", "Updated topic call"),
    ("call_closed", "关闭选题征集", "Closed topic call"),
    ("call_reopened", "重新开放征集", "Reopened topic call"),
    ("area_added", "新增重点领域", "Added priority area"),
    ("area_removed", "删除重点领域", "Removed priority area"),
    ("proposal_created", "新建选题", "Created proposal"),
    ("proposal_updated", "修改选题", "Updated proposal"),
    ("proposal_submitted", "提交选题", "Submitted proposal"),
    ("proposal_withdrawn", "撤回选题", "Withdrew proposal"),
    ("proposal_selected", "选题入选", "Selected proposal"),
    ("proposal_rejected", "选题未入选", "Rejected proposal"),
    ("plan_published", "发布年度计划", "Published annual plan"),
    ("change_requested", "申请变更", "Requested change"),
    ("change_approved", "批准变更", "Approved change"),
    ("change_rejected", "驳回变更", "Rejected change"),
    ("unit_disqualified", "取消申报资格", "Disqualified unit"),
    ("unit_commended", "表彰", "Commended"),
    ("lecturer_added", "新增授课专家", "Added lecturer"),
    ("lecturer_updated", "修改授课专家", "Updated lecturer"),
    ("lecturer_retired", "停用授课专家", "Retired lecturer"),
    ("course_added", "新增课程", "Added course"),
    ("course_removed", "删除课程", "Removed course"),
    ("lecturer_approved", "授课专家审核通过", "Approved lecturer"),
    (
        "lecturer_rejected",
        "授课专家审核未通过",
        "Rejected lecturer",
    ),
    ("programme_filed", "报送备案", "Filed programme"),
    ("filing_acknowledged", "备案确认", "Acknowledged filing"),
    ("filing_returned", "备案退回", "Returned filing"),
    ("enrollment_applied", "学员报名", "Applied"),
    ("enrollment_admitted", "录取学员", "Admitted trainee"),
    ("enrollment_declined", "未录取", "Declined applicant"),
    ("trainees_imported", "导入学员名单", "Imported trainees"),
    ("attachment_added", "上传备案附件", "Attached a file"),
    (
        "attachment_downloaded",
        "下载备案附件",
        "Downloaded an attachment",
    ),
    ("trainees_viewed", "查看学员名单", "Viewed the trainee list"),
    (
        "trainees_exported",
        "导出学员名单",
        "Exported the trainee list",
    ),
    (
        "settings_changed",
        "修改省级设置",
        "Changed province settings",
    ),
    ("activation_failed", "激活码错误", "Wrong activation code"),
    (
        "activation_slips",
        "打印激活纸条",
        "Printed activation slips",
    ),
    ("checked_in", "扫码签到", "Checked in"),
    ("checkin_marked", "补记签到", "Marked present"),
    ("paper_set", "布置研修论文", "Set the paper"),
    (
        "paper_extended",
        "准予论文延期",
        "Extended a paper's deadline",
    ),
    ("paper_submitted", "提交研修论文", "Submitted a paper"),
    ("paper_downloaded", "下载研修论文", "Downloaded a paper"),
    (
        "papers_downloaded",
        "下载全部研修论文",
        "Downloaded all papers",
    ),
    ("survey_item_added", "添加测评题目", "Added a survey item"),
    (
        "survey_item_removed",
        "删除测评题目",
        "Removed a survey item",
    ),
    ("survey_opened", "开放满意度测评", "Opened the survey"),
    ("survey_closed", "结束满意度测评", "Closed the survey"),
    ("survey_answered", "提交满意度测评", "Answered the survey"),
    (
        "questionnaire_published",
        "发布测评问卷新版本",
        "Published a questionnaire version",
    ),
    ("assessed", "评定考核结果", "Recorded an assessment"),
    (
        "assessments_imported",
        "导入考核结果",
        "Imported assessments",
    ),
    ("results_published", "发布考核结果", "Published the results"),
    (
        "assessment_corrected",
        "更正已发布的考核结果",
        "Corrected a published result",
    ),
    (
        "min_attendance_changed",
        "修改结业出勤要求",
        "Changed the attendance minimum",
    ),
    (
        "certificate_format_changed",
        "修改证书编号格式",
        "Changed the certificate number format",
    ),
    (
        "register_submitted",
        "报送结业登记表",
        "Submitted the completion register",
    ),
    (
        "register_approved",
        "审核通过结业登记表",
        "Approved the completion register",
    ),
    (
        "register_returned",
        "退回结业登记表",
        "Returned the completion register",
    ),
    ("certificate_issued", "颁发结业证书", "Issued a certificate"),
    (
        "fee_standard_added",
        "新增经费开支标准版本",
        "Added a fee standard version",
    ),
    ("spending_line_added", "登记经费支出", "Entered an expense"),
    (
        "spending_line_removed",
        "删除经费支出",
        "Removed an expense",
    ),
    (
        "spending_imported",
        "从 Excel 导入经费支出",
        "Imported spending from Excel",
    ),
    (
        "programme_account_saved",
        "保存到位资金",
        "Saved the funds received",
    ),
    (
        "training_category_set",
        "设定培训类别",
        "Set the training category",
    ),
    (
        "closing_submitted",
        "提交结项材料",
        "Sent the closing materials",
    ),
    ("closing_accepted", "结项审核通过", "Accepted a closing"),
    (
        "closing_returned",
        "退回结项材料",
        "Returned the closing materials",
    ),
    (
        "closing_file_added",
        "上传结项附件",
        "Uploaded a closing file",
    ),
    (
        "closing_file_removed",
        "删除结项附件",
        "Removed a closing file",
    ),
    (
        "closing_file_downloaded",
        "下载结项附件",
        "Downloaded a closing file",
    ),
    (
        "closing_package_downloaded",
        "下载结项材料包",
        "Downloaded a closing package",
    ),
    (
        "inspection_recorded",
        "记录检查情况",
        "Recorded an inspection",
    ),
    (
        "rectification_reported",
        "提交整改报告",
        "Sent a rectification report",
    ),
    (
        "rectification_accepted",
        "审核整改报告：整改到位",
        "Accepted a rectification",
    ),
    (
        "rectification_returned",
        "审核整改报告：退回继续整改",
        "Sent a rectification back",
    ),
    (
        "unit_sanctioned",
        "对申报单位作出处理决定",
        "Sanctioned a declaring unit",
    ),
    (
        "recovery_recorded",
        "登记追回经费",
        "Recorded recovered funds",
    ),
    (
        "courseware_consent_recorded",
        "登记授课专家的网络课件授权",
        "Recorded a lecturer's courseware consent",
    ),
    (
        "courseware_consent_revoked",
        "撤回授课专家的网络课件授权",
        "Revoked a lecturer's courseware consent",
    ),
    (
        "courseware_listed",
        "将课程列入网络课件目录",
        "Listed a lecture in the courseware catalogue",
    ),
    (
        "courseware_withdrawn",
        "将课程从网络课件目录撤下",
        "Withdrew a lecture from the courseware catalogue",
    ),
    (
        "spot_check_drawn",
        "随机抽取检查项目",
        "Drew programmes for a spot check",
    ),
    (
        "fee_standard_withdrawn",
        "撤回尚未生效的经费开支标准版本",
        "Withdrew a fee standard version before it took effect",
    ),
    (
        "completions_exported",
        "导出继续教育学时登记表",
        "Exported the continuing-education hours",
    ),
    (
        "certificates_downloaded",
        "下载结业证书（PDF）",
        "Downloaded certificates (PDF)",
    ),
    (
        "certificate_revoked",
        "撤销结业证书",
        "Revoked a certificate",
    ),
    (
        "certificate_reissued",
        "补发结业证书",
        "Reissued a certificate",
    ),
    (
        "enrollment_not_recorded",
        "报名未记录（号码已被使用）",
        "Application not recorded (number in use)",
    ),
];

pub fn action_text(code: &str, l: Locale) -> &'static str {
    match ACTIONS.iter().find(|(c, _, _)| *c == code) {
        Some((_, zh, en)) => pick(l, zh, en),
        None => pick(l, "其他", "Other"),
    }
}

fn pick(l: Locale, zh: &'static str, en: &'static str) -> &'static str {
    match l {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// Every audit action code, for the filter.
pub fn audit_actions() -> impl Iterator<Item = &'static str> {
    ACTIONS.iter().map(|(c, _, _)| *c)
}

/// What an audit record is about, by its stored code.
pub fn target_text(kind: &str, l: Locale) -> &'static str {
    let (zh, en) = match kind {
        "account" => ("账号", "Account"),
        "organisation" => ("机构", "Organisation"),
        "topic_call" => ("选题征集", "Topic call"),
        "proposal" => ("选题", "Proposal"),
        "programme" => ("项目", "Programme"),
        "course" => ("课程", "Course"),
        "questionnaire" => ("测评问卷", "Questionnaire"),
        "change_request" => ("变更申请", "Change request"),
        "lecturer" => ("授课专家", "Lecturer"),
        "settings" => ("省级设置", "Province settings"),
        "certificate" => ("结业证书", "Certificate"),
        "year" => ("年度", "Year"),
        "fee_standard" => ("经费开支标准", "Fee standard"),
        "spot_check" => ("随机抽查", "Spot check"),
        _ => ("其他", "Other"),
    };
    pick(l, zh, en)
}

/// The detail of an audit record: a failed sign-in stores a reason code,
/// shown in the reader's language; other details are names, shown as they are.
pub fn detail_text(action: &str, detail: &str, l: Locale) -> String {
    if action == "settings_changed" {
        return match l {
            Locale::Zh => format!("学时长度：{detail} 分钟"),
            Locale::En => format!("class hour length: {detail} minutes"),
        };
    }
    if action == "enrollment_not_recorded" && detail == "id_number" {
        return pick(
            l,
            "该身份证号已报名本项目",
            "that ID number has applied already",
        )
        .to_owned();
    }
    if action != "login_failed" {
        return detail.to_owned();
    }
    let zh = l == Locale::Zh;
    let text = match detail {
        "password" => {
            if zh {
                "密码错误"
            } else {
                "wrong password"
            }
        }
        "locked" => {
            if zh {
                "账号已锁定"
            } else {
                "account locked"
            }
        }
        "unknown" => {
            if zh {
                "无此用户名"
            } else {
                "no such user name"
            }
        }
        "inactive" => {
            if zh {
                "账号或机构已停用"
            } else {
                "account or organisation deactivated"
            }
        }
        other => return other.to_owned(),
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_sign_in_reasons_are_named_and_other_details_kept() {
        assert_eq!(
            detail_text("login_failed", "locked", Locale::Zh),
            "账号已锁定"
        );
        assert_eq!(
            detail_text("login_failed", "unknown", Locale::En),
            "no such user name"
        );
        assert_eq!(
            detail_text("org_created", "邯郸学院", Locale::En),
            "邯郸学院"
        );
        assert_eq!(target_text("organisation", Locale::Zh), "机构");
    }

    #[test]
    fn every_audit_action_has_a_name_in_both_languages() {
        for code in audit_actions() {
            assert_ne!(action_text(code, Locale::Zh), "其他", "{code}");
            assert_ne!(action_text(code, Locale::En), "Other", "{code}");
        }
    }
}
