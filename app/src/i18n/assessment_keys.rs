//! Assessment's texts (`crate::assessment`) and its refusals.

use super::Locale;
use crate::domain::assessment::{Grade, Outcome, Refusal};

keys! { AK;
    Assessment => "考核", "Assessment";
    AssessmentHint => "项目结束后，为每位录取学员评定研修论文成绩（须填写评阅人）、确定考核结果。合格须提交论文且成绩为合格以上、出勤达到全省要求；未完成须写明原因。全部学员都有结果后才能发布，发布后学员在手机上可以看到。", "After the programme, grade each admitted trainee's research paper (naming the assessor) and decide the result. A pass needs a submitted paper graded pass or better and the province's attendance minimum; did not complete needs a reason. Results can be published once every trainee has one; trainees then see theirs on the phone.";
    NotEnded => "项目最后一天起才能考核。", "Assessment opens on the programme's last day.";
    Grade => "论文成绩", "Paper grade";
    Assessor => "评阅人", "Assessor";
    Comment => "评语", "Comment";
    Outcome => "考核结果", "Result";
    Reason => "原因", "Reason";
    ReasonHint => "未完成的须填写", "Required for did not complete";
    Undecided => "未定", "Not decided";
    NoGrade => "未评", "Not graded";
    Attended => "出勤学时", "Attended hours";
    Paper => "研修论文", "Research paper";
    NoPaper => "未提交", "Not submitted";
    ReadOnly => "考核由承办机构评定；此处只读。", "The host institution assesses; this page is read-only here.";
    NothingShown => "没有符合条件的学员。", "No trainee matches.";
    Version => "版本", "Version";
    NewerPaper => "评定后又提交了新版本", "A newer version came in after grading";
    Summary => "考核汇总", "Summary";
    Trainees => "录取学员", "Admitted trainees";
    Requirement => "结业要求", "To pass";
    RequirementText => "出勤不少于课表学时的", "Attendance of at least";
    Show => "显示", "Show";
    ShowAll => "全部", "All";
    ShowTodo => "未定结果", "Not decided";
    ShowNoPaper => "未交论文", "No paper";
    ShowShort => "出勤不足", "Attendance short";
    SortBy => "排序", "Sort";
    SortName => "姓名", "Name";
    SortHours => "出勤学时", "Attended hours";
    SortGrade => "论文成绩", "Grade";
    SortOutcome => "考核结果", "Result";
    SaveRows => "保存成绩", "Save grades";
    SaveHint => "只保存有改动的行；任何一行有问题时都不保存，问题标在该行。", "Only changed rows are saved; if any row has a problem nothing is saved and the row is marked.";
    RowsRefused => "有学员的考核不符合规则，本次未保存任何一行。请看标出的行。", "Some rows break the rules, so nothing was saved. See the marked rows.";
    SavedRows => "已保存。", "Saved.";
    Publish => "发布考核结果", "Publish the results";
    PublishHint => "发布后学员在“我的研修”中看到自己的考核结果；发布后仍可更正，更正即时可见并留有记录。", "Once published, each trainee sees their result under My programmes; corrections remain possible, show at once and are recorded.";
    ConfirmPublish => "确认发布考核结果？学员将立即看到自己的结果。", "Publish the results? Trainees see theirs at once.";
    PublishedAt => "考核结果已发布", "Results published";
    Import => "从 Excel 导入成绩", "Import grades from Excel";
    ImportHint => "可先下载本项目的考核表（含学员名单），填写论文成绩、评阅人、评语、考核结果和原因后上传。也接受自己的表格：需有“姓名”列（最好再有“学员编号”或“身份证号”列）和“论文成绩”或“考核结果”列。全部行无误才导入；空白单元格保持原样（清空请在列表中操作）。", "Download this programme's assessment sheet (with the trainees listed), fill in grade, assessor, comment, result and reason, and upload it. Your own sheet works too: it needs a 姓名 column (better with 学员编号 or 身份证号) and a grade or result column. Nothing is imported unless every row is right; empty cells leave what is recorded (clear a field on the list).";
    Correction => "更正原因", "Reason for the correction";
    CorrectionHint => "结果已发布，学员已能看到。更正须写明原因，记入操作日志。", "The results are published and trainees can see them. A correction needs a reason, which the audit trail keeps.";
    DownloadSheet => "下载考核表（Excel）", "Download the assessment sheet (Excel)";
    Imported => "已导入考核结果", "Grades imported";
    MyResult => "考核结果", "Result";
    ResultPending => "考核结果尚未发布", "Results not yet published";
    Excellent => "优秀", "Excellent";
    Good => "良好", "Good";
    Pass => "合格", "Pass";
    Fail => "不合格", "Fail";
    Passed => "合格", "Passed";
    Failed => "不合格", "Failed";
    Incomplete => "未完成", "Did not complete";
    MinAttendance => "结业出勤要求", "Attendance minimum";
    MinAttendanceWhy => "考核合格的学员出勤学时须不少于课表总学时的这一比例（默认 80%）。修改后对尚未保存的考核生效。", "A trainee who passes must have attended at least this share of the schedule's class hours (80% unless changed). A change applies to decisions saved afterwards.";
    MinAttendancePercent => "出勤比例（%，50–100）", "Share (%, 50–100)";
    Hours => "学时", "hours";
}

pub fn grade_key(g: Grade) -> AK {
    match g {
        Grade::Excellent => AK::Excellent,
        Grade::Good => AK::Good,
        Grade::Pass => AK::Pass,
        Grade::Fail => AK::Fail,
    }
}

pub fn outcome_key(o: Outcome) -> AK {
    match o {
        Outcome::Passed => AK::Passed,
        Outcome::Failed => AK::Failed,
        Outcome::Incomplete => AK::Incomplete,
    }
}

/// The name of an assessment column in an import's problems.
pub fn field_text(field: &str, l: Locale) -> Option<&'static str> {
    let k = match field {
        "grade" => AK::Grade,
        "assessor" => AK::Assessor,
        "comment" => AK::Comment,
        "outcome" => AK::Outcome,
        "reason" => AK::Reason,
        "correction" => AK::Correction,
        "version" => AK::Version,
        _ => return None,
    };
    Some(k.text(l))
}

pub fn refusal_text(r: &Refusal, l: Locale) -> String {
    let zh = l == Locale::Zh;
    let s = |a: &str, b: &str| if zh { a.to_owned() } else { b.to_owned() };
    match r {
        Refusal::PassNeedsPaper => s(
            "未提交研修论文，不能评为合格",
            "No research paper submitted: cannot pass",
        ),
        Refusal::PassNeedsGrade => s(
            "合格须先评定论文成绩，且成绩不能是不合格",
            "A pass needs a paper grade, and not fail",
        ),
        Refusal::BelowAttendance { attended, required } => {
            if zh {
                format!("出勤 {attended} 学时，少于结业要求的 {required} 学时，不能评为合格")
            } else {
                format!("Attended {attended} class hours, fewer than the {required} required: cannot pass")
            }
        }
        Refusal::NoPaper => s(
            "该学员没有提交论文，不能评定成绩",
            "This trainee submitted no paper to grade",
        ),
        Refusal::Unfinished { count } => {
            if zh {
                format!("还有 {count} 名学员没有考核结果，全部确定后才能发布")
            } else {
                format!("{count} trainees have no result yet; publish once all have one")
            }
        }
        Refusal::NotOnList => s(
            "不是本项目的录取学员（请核对学员编号、身份证号或姓名）",
            "Not a trainee admitted to this programme (check the number, identity number or name)",
        ),
        Refusal::SameName => s(
            "本项目有同名学员，请填写学员编号或身份证号",
            "Several trainees have this name: give the trainee number or identity number",
        ),
        Refusal::ChangedSince => s(
            "打开列表（或下载考核表）之后，这一行已被修改（可能在另一窗口）：请刷新列表或重新下载考核表后再改",
            "Changed since the list was opened (or the sheet downloaded), perhaps in another window: reload the list or download the sheet again, then redo the change",
        ),
        Refusal::AlreadyPublished => s(
            "考核结果已发布，不能再导入；请在列表中更正并写明更正原因",
            "The results are published: correct them on the list, with a reason, not by importing",
        ),
        Refusal::NotEnded => s(
            "项目最后一天起才能考核",
            "Assessment opens on the programme's last day",
        ),
    }
}
