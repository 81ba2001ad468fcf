use super::Locale;
use crate::domain::format_shanghai;
use crate::error::{AppError, Problem};

pub fn problem_text(problem: &Problem, l: Locale) -> String {
    let zh = l == Locale::Zh;
    match problem {
        Problem::Required => pick(zh, "必填", "Required"),
        Problem::TooShort { min } => either(
            zh,
            format!("至少 {min} 个字符"),
            format!("At least {min} characters"),
        ),
        Problem::TooLong { max } => either(
            zh,
            format!("最多 {max} 个字符"),
            format!("At most {max} characters"),
        ),
        Problem::InvalidChars => pick(
            zh,
            "含有不允许的字符（只能用小写字母、数字和 . _ -）",
            "Contains characters that are not allowed (use a-z, 0-9, . _ -)",
        ),
        Problem::WeakPassword => pick(
            zh,
            "须包含小写字母、大写字母、数字、符号中的至少三类",
            "Must contain three of: lower case, upper case, digit, symbol",
        ),
        Problem::Mismatch => pick(zh, "两次输入不一致", "The two entries differ"),
        Problem::WrongPassword => pick(zh, "当前密码不正确", "The current password is wrong"),
        Problem::SameAsOld => pick(
            zh,
            "新密码不能与当前密码相同",
            "Choose a password different from the current one",
        ),
        Problem::Taken => pick(zh, "已被使用", "Already in use"),
        Problem::InvalidChoice => pick(zh, "请从列表中选择", "Choose one from the list"),
        Problem::NotAllowedForRole => pick(
            zh,
            "该角色不能属于此类机构",
            "This role cannot belong to this kind of organisation",
        ),
        Problem::NotANumber => pick(zh, "请输入数字", "Enter a number"),
        Problem::Negative => pick(zh, "不能为负数", "Cannot be negative"),
        Problem::TooLarge => pick(zh, "数值过大", "Too large"),
        Problem::TooManyDecimals => pick(
            zh,
            "最多两位小数（精确到分）",
            "At most two decimals (to the fen)",
        ),
        Problem::BelowMinimum { min } => {
            either(zh, format!("不少于 {min}"), format!("At least {min}"))
        }
        Problem::NotADate => pick(zh, "日期格式应为 年-月-日", "Use a date as YYYY-MM-DD"),
        Problem::OutsideYear { year } => either(
            zh,
            format!("须在 {year} 年内"),
            format!("Must fall within {year}"),
        ),
        Problem::EndBeforeStart => pick(
            zh,
            "结束日期不能早于开始日期",
            "The end cannot be before the start",
        ),
        Problem::NotATime => pick(zh, "时间格式应为 时:分", "Use a time as HH:MM"),
        Problem::EndTimeNotAfterStart => pick(
            zh,
            "结束时间须晚于开始时间",
            "The end time must be after the start time",
        ),
        Problem::LongerThanSlot { most: 0, minutes } => either(
            zh,
            format!("该时段不足 1 学时（每学时 {minutes} 分钟）"),
            format!("This time is shorter than one class hour ({minutes} minutes)"),
        ),
        Problem::LongerThanSlot { most, minutes } => either(
            zh,
            format!("该时段最多 {most} 学时（每学时 {minutes} 分钟）"),
            format!("This time holds at most {most} class hours ({minutes} minutes each)"),
        ),
        Problem::NotBeforeStart { start } => either(
            zh,
            format!("须早于开班日期 {start}"),
            format!("Must be before the first day, {start}"),
        ),
        Problem::SplitExceedsQuota { quota } => either(
            zh,
            format!("省内与省外人数之和不能超过招收人数 {quota} 人"),
            format!("Places in and outside Hebei add up to more than the {quota} places"),
        ),
        Problem::OverRecovery { left_fen } => {
            let left = crate::domain::yuan_text(*left_fen);
            either(
                zh,
                format!("超过应追回金额：尚待追回 {left} 元"),
                format!("More than is owed: {left} yuan remain to be recovered"),
            )
        }
        Problem::Unbalanced { diff_fen } => {
            let amount = crate::domain::Fen::from_fen(diff_fen.abs())
                .map(|f| f.yuan_text())
                .unwrap_or_default();
            match (zh, *diff_fen > 0) {
                (true, true) => format!("经费来源合计比支出合计少 {amount} 元"),
                (true, false) => format!("经费来源合计比支出合计多 {amount} 元"),
                (false, true) => {
                    format!("Funding sources are {amount} yuan short of the spending total")
                }
                (false, false) => {
                    format!("Funding sources exceed the spending total by {amount} yuan")
                }
            }
        }
        Problem::IdFormat => pick(
            zh,
            "身份证号应为 18 位，含有效出生日期",
            "An identity number has 18 characters with a valid date of birth",
        ),
        Problem::IdChecksum => pick(
            zh,
            "身份证号校验位不正确，请核对",
            "The identity number's check digit is wrong; please check it",
        ),
        Problem::MobileFormat => pick(
            zh,
            "手机号应为以 1 开头的 11 位数字",
            "A mobile number has 11 digits starting with 1",
        ),
        Problem::Clash => pick(
            zh,
            "与同一天的其他课程时间重叠",
            "Overlaps another course on the same day",
        ),
        Problem::OutsideProgramme => {
            pick(zh, "不在项目举办日期内", "Outside the programme's dates")
        }
        Problem::OverQuota { max } => either(
            zh,
            format!("已达计划人数 {max} 人"),
            format!("The planned {max} places are taken"),
        ),
        Problem::Unvetted { names } => either(
            zh,
            format!("以下授课专家尚未通过审核：{names}"),
            format!("These lecturers have no approved vetting: {names}"),
        ),
        Problem::NotPdf => pick(zh, "只接受 PDF 文件", "PDF files only"),
        Problem::CodeNotValid => pick(
            zh,
            "激活码无效、已使用或已过期，请核对纸条上的激活码，或请主办单位重新打印",
            "This activation code is wrong, used or expired: check the slip, or ask the host institution for a new one",
        ),
        Problem::NotYetOpen => pick(zh, "签到尚未开始", "Check-in has not opened yet"),
        Problem::NotAfter { after } => either(
            zh,
            format!("须晚于 {after}"),
            format!("Must be after {after}"),
        ),
        Problem::Assess(r) => super::assessment_keys::refusal_text(r, l),
        Problem::Certify(c) => super::certificate_keys::problem_text(c, l),
        Problem::Close(r) => super::closing_keys::refusal_text(r, l),
        Problem::Courseware(r) => super::courseware_keys::refusal_text(r, l),
        Problem::MarksClosed => pick(
            zh,
            "项目结束已超过 30 天，考勤已定，不能再补记",
            "More than 30 days after the programme: attendance is settled",
        ),
        Problem::NotYourIdNumber => pick(
            zh,
            "与本账号登记的身份证号码不一致",
            "Not the identity number this account was admitted with",
        ),
        Problem::EnrollmentClosed => pick(zh, "当前不在报名时间内", "Enrollment is not open"),
        Problem::SurveyClosed => pick(
            zh,
            "测评未开放或已结束，答卷未提交",
            "The survey is not open: nothing was submitted",
        ),
        Problem::InPast => pick(zh, "须晚于当前时间", "Must be in the future"),
        Problem::InUse => pick(zh, "已被使用，不能删除", "In use; cannot be removed"),
        Problem::Unchanged => pick(
            zh,
            "与现有安排相同，无需变更",
            "This is the current arrangement already",
        ),
        Problem::NotASpreadsheet => pick(
            zh,
            "无法读取该文件：请上传 Excel（.xlsx、.xls）或 CSV 文件",
            "This file cannot be read: upload an Excel (.xlsx, .xls) or CSV file",
        ),
        Problem::SheetTooLarge { rows, cols } => either(
            zh,
            format!("工作表过大：最多 {rows} 行、{cols} 列（请删除多余的行列，或把名单复制到新工作簿）"),
            format!("The sheet is too large: at most {rows} rows and {cols} columns (delete unused rows and columns, or copy the list to a new workbook)"),
        ),
        Problem::NoHeaderRow => pick(
            zh,
            "未找到表头行：前 20 行中应有“姓名”“身份证号”等列名（可下载模板对照）",
            "No header row: the first 20 rows should name columns such as 姓名 and 身份证号 (compare with the template)",
        ),
        Problem::MissingColumns { fields } => {
            let names = fields
                .iter()
                .map(|f| super::import_field_text(f, l))
                .collect::<Vec<_>>();
            either(
                zh,
                format!("缺少以下列：{}", names.join("、")),
                format!("These columns are missing: {}", names.join(", ")),
            )
        }
        Problem::DuplicateOf { row } => either(
            zh,
            format!("与第 {row} 行重复"),
            format!("Same as row {row}"),
        ),
        Problem::StoredAsNumber => pick(
            zh,
            "该单元格被存为数字，末几位已丢失：请把这一列设为“文本”后重新填写",
            "Stored as a number, so its last digits are lost: format the column as text and type it again",
        ),
        Problem::NotInSchedule => pick(
            zh,
            "课程表中没有这门课程及授课专家：请按课程表填写课程名称和专家姓名",
            "The schedule has no such course and lecturer: give the course title and the lecturer's name as the schedule has them",
        ),
        Problem::ManyInSchedule => pick(
            zh,
            "课程表中这门课程和专家不止一次：请填写授课日期（如 2026-05-12）",
            "The schedule has this course and lecturer more than once: give the day (such as 2026-05-12)",
        ),
        Problem::AlreadyImported => pick(
            zh,
            "这份表中的支出已全部登记过，未重复导入。如要以这份表替换已登记的明细，请勾选“替换已登记的全部支出明细”后再导入",
            "Every line of this sheet is already entered, so nothing was entered twice. To replace the entered lines with this sheet, tick \"Replace every line entered so far\" and import again",
        ),
        Problem::StandardInUse => pick(
            zh,
            "已有在此日期及之后开班的项目按这个版本登记了经费支出，不能撤回；如需调整，请新增一个更晚生效的版本",
            "Spending of a programme starting on or after this date is already judged by this version: it cannot be withdrawn. Add a later version instead",
        ),
        Problem::EmptyPopulation => pick(
            zh,
            "该年度没有符合条件的项目，无从抽取",
            "No programme of that year matches: there is nothing to draw from",
        ),
        Problem::SampleTooLarge { population } => either(
            zh,
            format!("抽取数量不能多于总体：符合条件的项目共 {population} 个"),
            format!("The sample cannot be larger than the population: {population} programmes match"),
        ),
        Problem::NotAnExpenseCategory => pick(
            zh,
            "支出只能列入六类：住宿费、伙食费、场地费、讲课费、资料费、交通费",
            "Spending belongs in one of six categories: accommodation, meals, venue, lecture fees, materials, transport",
        ),
        Problem::NotAFundingSource => pick(
            zh,
            "资金来源只能是政府（财政）、单位、社会或个人",
            "The funding source is one of government, unit, society or individual",
        ),
        Problem::UnknownTitle => pick(
            zh,
            "无法识别的职称：请填写职称名称（如副教授、高级工程师）、级别（正高级、副高级、中级、初级），只有职务的填职务（如处长）或“管理岗位”",
            "Unknown title: give a title (such as 副教授 or 高级工程师), a level (正高级, 副高级, 中级, 初级), or for a post without a title the post (such as 处长) or 管理岗位",
        ),
        Problem::FileTooLarge { max_bytes } => {
            let mb = (*max_bytes as f64 / (1024.0 * 1024.0)).round();
            either(
                zh,
                format!("文件过大：最大 {mb} MB"),
                format!("The file is too large: at most {mb} MB"),
            )
        }
        Problem::TooManyItems { max } => either(
            zh,
            format!("最多 {max} 题，不能再添加"),
            format!("At most {max} items: no more can be added"),
        ),
        Problem::TooManyRows { max } => either(
            zh,
            format!("名单超过 {max} 行，请分成几个文件导入"),
            format!("More than {max} rows: import the list in parts"),
        ),
        Problem::PageTooFar { max } => either(
            zh,
            format!("页码超出范围（最多第 {max} 页），请缩小筛选范围"),
            format!("No such page (at most page {max}); narrow the filter instead"),
        ),
        Problem::DisagreesWithId => pick(
            zh,
            "与身份证号不符，请核对",
            "Does not match the identity number; please check",
        ),
        Problem::FixedByVetting => pick(
            zh,
            "该专家已通过授课审核，姓名和职称级别不能再改；如确有变化，请停用后重新登记并重新审核",
            "This lecturer passed a vetting, so name and title level are fixed; if they changed, retire the entry, register anew and vet again",
        ),
        Problem::AlreadyRegistered => pick(
            zh,
            "本机构已登记同名同电话的授课专家，请在名单中修改该专家，不要重复登记",
            "A lecturer with this name and phone is registered already; edit that entry instead",
        ),
        Problem::PhoneFormat => pick(
            zh,
            "电话号码应为 7 至 15 位数字，可含空格或短横线，开头可有 +",
            "A phone number has 7 to 15 digits, with spaces or dashes and an optional leading +",
        ),
        Problem::AlreadyApplied => pick(
            zh,
            "您已报名本项目，无需重复报名",
            "You have applied to this programme already",
        ),
        Problem::ParentRequired => pick(
            zh,
            "承办机构须关联一个申报单位",
            "A host institution must be linked to a declaring unit",
        ),
    }
}

pub fn error_text(error: &AppError, l: Locale) -> String {
    let zh = l == Locale::Zh;
    match error {
        AppError::Validation(_) => pick(zh, "请修改标出的字段", "Please correct the marked fields"),
        AppError::Unauthenticated => pick(zh, "请先登录", "Please sign in"),
        AppError::Forbidden => pick(zh, "无权进行此操作", "You are not allowed to do this"),
        AppError::NotFound => pick(zh, "未找到该记录", "Not found"),
        AppError::Conflict => pick(
            zh,
            "记录已被他人修改，请刷新后重试",
            "The record was changed meanwhile; reload and try again",
        ),
        AppError::InvalidCredentials => pick(zh, "用户名或密码错误", "Wrong user name or password"),
        AppError::Locked { until } => {
            let when = format_shanghai(*until);
            either(
                zh,
                format!("登录失败次数过多，账号已锁定，请于 {when} 后再试"),
                format!("Too many failed sign-ins; the account is locked until {when}"),
            )
        }
        AppError::TooManyRequests { until } => {
            // Rounded up to the minute, so the time shown is never too early.
            let (_, at) = crate::domain::shanghai_date_time(until.saturating_add(59));
            either(
                zh,
                format!("尝试过于频繁，请于 {at} 后再试（北京时间）"),
                format!("Too many attempts; try again at {at} (UTC+8)"),
            )
        }
        AppError::PasswordChangeRequired => pick(
            zh,
            "请先修改初始密码",
            "Please change your initial password first",
        ),
        AppError::Network => pick(
            zh,
            "网络异常，请稍后重试",
            "Network problem; please try again",
        ),
        AppError::BadRequest => pick(zh, "请求格式不正确", "The request was malformed"),
        AppError::CallClosed { at } => {
            let when = format_shanghai(*at);
            either(
                zh,
                format!("选题征集已于 {when} 截止，不能再提交或修改"),
                format!(
                    "The topic call closed at {when}; nothing more can be submitted or changed"
                ),
            )
        }
        AppError::Disqualified { until, reason } => either(
            zh,
            format!("本单位被取消申报资格至 {until}（含当日；原因：{reason}），不能提交选题"),
            format!("Your unit is disqualified from proposing until {until}, that day included (reason: {reason})"),
        ),
        AppError::Rows(rows) => either(
            zh,
            format!(
                "文件中有 {} 处错误，未导入任何数据；请改正后重新导入",
                rows.len()
            ),
            format!(
                "The file has {} problem{}; nothing was imported. Correct it and import again.",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ),
        ),
        AppError::WrongState => pick(
            zh,
            "当前状态下不能进行此操作，请刷新后查看",
            "This step is not possible in the current state; reload to see it",
        ),
        AppError::Internal => pick(
            zh,
            "系统内部错误，请稍后重试",
            "Something went wrong on our side; please try again",
        ),
    }
}

/// The live total when it counts the course being typed.
pub fn with_typed_course(total_text: &str, hours: u32, l: Locale) -> String {
    match l {
        Locale::Zh => format!("{total_text}（含正在填写的课程 {hours} 学时）"),
        Locale::En => format!("{total_text} (including the course being typed, {hours})"),
    }
}

/// The live total when the course being typed cannot be counted.
pub fn typed_course_refused(total_text: &str, problem: &Problem, l: Locale) -> String {
    let why = problem_text(problem, l);
    match l {
        Locale::Zh => format!("{total_text}；正在填写的课程未计入：{why}"),
        Locale::En => format!("{total_text}; the course being typed is not counted: {why}"),
    }
}

/// How many class hours a course's time holds; `u32::MAX` before both
/// times are typed.
pub fn slot_holds_text(most: u32, minutes: u32, l: Locale) -> String {
    match (most, l) {
        (u32::MAX, Locale::Zh) => {
            format!("每学时 {minutes} 分钟，学时数不能超过上课时间所能容纳的学时。")
        }
        (u32::MAX, Locale::En) => format!(
            "A class hour is {minutes} minutes; a course counts no more than its time holds."
        ),
        (m, Locale::Zh) => format!("该时段最多可计 {m} 学时（每学时 {minutes} 分钟）。"),
        (m, Locale::En) => {
            format!("This time holds at most {m} class hours ({minutes} minutes each).")
        }
    }
}

/// A problem of a field that is not on the page, named by its label.
pub fn field_problem_text(field: &str, problem: &Problem, l: Locale) -> String {
    let what = problem_text(problem, l);
    match super::field_label(field) {
        Some(k) => match l {
            Locale::Zh => format!("{}：{what}", k.text(l)),
            Locale::En => format!("{}: {what}", k.text(l)),
        },
        None => what,
    }
}

/// A proposal's problem named by its field, for the list of what a draft
/// still lacks (every field of the form, not only those off the page).
pub fn proposal_problem_text(field: &str, problem: &Problem, l: Locale) -> String {
    use super::K;
    let label = match field {
        "title" => Some(K::ProposalTitle),
        "need_kind" => Some(K::NeedKind),
        "need" => Some(K::Need),
        "institution_id" => Some(K::HostInstitution),
        "place" => Some(K::Place),
        "trainees" => Some(K::Trainees),
        "contact_name" => Some(K::ContactName),
        "contact_phone" => Some(K::ContactPhone),
        other => crate::domain::ExpenseCategory::parse(other)
            .map(super::category_key)
            .or_else(|| crate::domain::FundingSource::parse(other).map(super::source_key)),
    };
    match label {
        Some(k) => {
            let what = problem_text(problem, l);
            match l {
                Locale::Zh => format!("{}：{what}", k.text(l)),
                Locale::En => format!("{}: {what}", k.text(l)),
            }
        }
        None => field_problem_text(field, problem, l),
    }
}

/// Why proposals of an open call cannot be decided yet, and when they can.
pub fn call_still_open_text(year: i32, deadline: i64, l: Locale) -> String {
    let when = format_shanghai(deadline);
    match l {
        Locale::Zh => format!(
            "{year} 年度选题征集仍在进行，{when} 截止；截止或关闭征集后才能评审该年度的选题。"
        ),
        Locale::En => format!(
            "The {year} topic call is still open until {when}; its proposals can be decided once it closes or you close it."
        ),
    }
}

/// The plan's link to an open enrollment notice.
pub fn enroll_until_text(until: &str, l: Locale) -> String {
    match l {
        Locale::Zh => format!("招生中，报名截止 {until}：查看通知并报名"),
        Locale::En => format!("Enrolling until {until}: read the notice and apply"),
    }
}

/// A length in minutes.
pub fn minutes_text(m: u32, l: Locale) -> String {
    match l {
        Locale::Zh => format!("{m} 分钟"),
        Locale::En => format!("{m} minutes"),
    }
}

/// Places of an enrollment notice, in and outside the province.
pub fn quota_text(all: i64, inside: i64, outside: i64, l: Locale) -> String {
    match l {
        Locale::Zh => format!("{all} 人，其中省内 {inside} 人、省外 {outside} 人"),
        Locale::En => format!("{all}, of whom {inside} from Hebei and {outside} from elsewhere"),
    }
}

/// What an import did, and what is left to do.
pub fn imported_text(imported: usize, skipped: usize, l: Locale) -> String {
    match l {
        Locale::Zh => {
            let mut s = format!("已导入 {imported} 人，状态为“已报名”，请在下表中逐一录取。");
            if skipped > 0 {
                s.push_str(&format!("另有 {skipped} 人已在名单中，未重复导入。"));
            }
            s
        }
        Locale::En => {
            let people = if imported == 1 { "person" } else { "people" };
            let mut s = format!(
                "Imported {imported} {people} as applicants; admit them one by one in the list below."
            );
            if skipped > 0 {
                s.push_str(&format!(" {skipped} already on the list were skipped."));
            }
            s
        }
    }
}

/// One problem of an imported file: the whole file (row 0), or a row and
/// column as the spreadsheet shows them ("第 5 行 C（身份证号码）列").
pub fn row_error_text(row: u32, column: &str, field: &str, problem: &Problem, l: Locale) -> String {
    let what = problem_text(problem, l);
    let name = super::import_field_text(field, l);
    match (row, column.is_empty(), l) {
        (0, _, _) => what,
        (_, true, Locale::Zh) => format!("第 {row} 行 {name}：{what}"),
        (_, true, Locale::En) => format!("Row {row}, {name}: {what}"),
        (_, false, Locale::Zh) => format!("第 {row} 行 {column}列：{what}"),
        (_, false, Locale::En) => format!("Row {row}, column {column}: {what}"),
    }
}

/// A text with a value in it; both are formatted, the one for `zh` kept.
fn either(zh: bool, a: String, b: String) -> String {
    if zh {
        a
    } else {
        b
    }
}

fn pick(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_owned()
}

/// The live R4 line under a class-hour input: whether the total meets the
/// 32-hour minimum, and the sentence that says so (or what is wrong).
pub fn class_hours_text(
    hours: Result<crate::domain::ClassHours, Problem>,
    l: Locale,
) -> (bool, String) {
    let zh = l == Locale::Zh;
    match hours {
        Ok(h) if h.missing_for_minimum() == 0 => (
            true,
            either(
                zh,
                format!("共 {} 学时，符合不少于 32 学时的要求", h.hours()),
                format!("{} class hours: meets the 32-hour minimum", h.hours()),
            ),
        ),
        Ok(h) => (
            false,
            either(
                zh,
                format!(
                    "共 {} 学时，还差 {} 学时才达到 32 学时",
                    h.hours(),
                    h.missing_for_minimum()
                ),
                format!(
                    "{} class hours: {} short of the 32-hour minimum",
                    h.hours(),
                    h.missing_for_minimum()
                ),
            ),
        ),
        Err(p) => (false, problem_text(&p, l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_account_is_told_when_to_try_again_in_shanghai_time() {
        let msg = error_text(
            &AppError::Locked {
                until: 1_767_225_600,
            },
            Locale::Zh,
        );
        assert!(msg.contains("2026-01-01 08:00"), "{msg}");
    }

    #[test]
    fn a_throttled_visitor_is_told_the_minute_to_try_again() {
        // 08:00:30 in Shanghai: the next whole minute is 08:01.
        let until = 1_767_225_630;
        let zh = error_text(&AppError::TooManyRequests { until }, Locale::Zh);
        assert!(zh.contains("08:01"), "{zh}");
        let en = error_text(&AppError::TooManyRequests { until }, Locale::En);
        assert!(en.contains("try again at 08:01"), "{en}");
    }
}
