//! The closing package's generated tables: the final expense account as
//! the version froze it (Art. 8), and the trainee list with what each
//! trainee attended and achieved.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use crate::assessment::AssessmentView;
use crate::domain::{yuan_text, ExpenseCategory, FundingSource};
use crate::i18n::{category_key, category_text, day_group_key, source_key, Locale};
use crate::spending::{flag_text, lecture_text, SpendingView};

const ZH: Locale = Locale::Zh;

fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// 经费决算表: every line with its flags, then the categories and sources
/// against the planned budget, and the funds received against the total.
pub fn account(v: &SpendingView, version: i64) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("经费决算表")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    sheet.merge_range(
        0,
        0,
        0,
        6,
        &format!("{} 经费决算表（结项材料第{version}版）", v.topic),
        &title,
    )?;
    sheet.write_string(
        1,
        0,
        format!(
            "举办时间：{} 至 {}　培训类别：{}　开支标准：{} 起执行　学员 {} 人 × {} 天 = {} 人天",
            v.start_date,
            v.end_date,
            category_text(v.category, ZH),
            v.standard.effective_from,
            v.trainees,
            v.days,
            v.person_days()
        ),
    )?;
    let heads = [
        "序号",
        "支出科目",
        "课程与专家",
        "资金来源",
        "金额（元）",
        "标记",
        "说明",
    ];
    let widths = [6.0, 10.0, 44.0, 10.0, 14.0, 36.0, 30.0];
    for (c, (h, w)) in heads.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(3, c as u16, *h, &head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    let mut row = 4;
    for (i, l) in v.lines.iter().enumerate() {
        let lecture = l
            .lecture
            .as_ref()
            .map(|x| lecture_text(x, ZH))
            .unwrap_or_default();
        let flags: Vec<String> = l.flags.iter().map(|f| flag_text(f, ZH)).collect();
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        sheet.write_string_with_format(row, 1, category_key(l.line.category).text(ZH), &cell)?;
        sheet.write_string_with_format(row, 2, &lecture, &cell)?;
        sheet.write_string_with_format(row, 3, source_key(l.line.source).text(ZH), &cell)?;
        sheet.write_number_with_format(row, 4, yuan(l.line.amount.fen()), &money)?;
        sheet.write_string_with_format(row, 5, flags.join("；"), &cell)?;
        sheet.write_string_with_format(row, 6, &l.note, &cell)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 3, "合计", &head)?;
    sheet.write_number_with_format(row, 4, yuan(v.total), &money)?;
    row += 2;

    for (g, o) in &v.day_overs {
        sheet.write_string(
            row,
            0,
            format!(
                "{}：超出按人天计的标准（上限 {} 元，超出 {} 元）",
                day_group_key(*g).text(ZH),
                o.cap.yuan_text(),
                o.excess.yuan_text()
            ),
        )?;
        row += 1;
    }
    if !v.day_overs.is_empty() {
        row += 1;
    }

    sheet.write_string_with_format(row, 0, "按支出科目", &bold)?;
    row += 1;
    for (c, h) in ["", "支出科目", "预算（元）", "决算（元）", "差额（元）"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    for (i, c) in ExpenseCategory::ALL.iter().enumerate() {
        let (plan, spent) = (v.planned.0[i], v.spent.0[i]);
        sheet.write_string_with_format(row, 1, category_key(*c).text(ZH), &cell)?;
        sheet.write_number_with_format(row, 2, yuan(plan), &money)?;
        sheet.write_number_with_format(row, 3, yuan(spent), &money)?;
        sheet.write_number_with_format(row, 4, yuan(spent - plan), &money)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "按资金来源", &bold)?;
    row += 1;
    for (c, h) in ["", "资金来源", "预算（元）", "决算（元）", "到位资金（元）"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    for (i, s) in FundingSource::ALL.iter().enumerate() {
        sheet.write_string_with_format(row, 1, source_key(*s).text(ZH), &cell)?;
        sheet.write_number_with_format(row, 2, yuan(v.planned.1[i]), &money)?;
        sheet.write_number_with_format(row, 3, yuan(v.spent.1[i]), &money)?;
        sheet.write_number_with_format(row, 4, yuan(v.funds[i]), &money)?;
        row += 1;
    }
    row += 1;
    let funds: i64 = v.funds.iter().sum();
    sheet.write_string(
        row,
        0,
        format!(
            "到位资金合计 {} 元，决算支出合计 {} 元。",
            yuan_text(funds),
            yuan_text(v.total)
        ),
    )?;
    sheet.write_string(
        row + 2,
        0,
        "单位负责人：　　　　　财务负责人：　　　　　制表人：　　　　　（盖章）",
    )?;
    sheet.set_freeze_panes(4, 0)?;
    book.save_to_buffer()
}

/// 学员名单: everyone admitted, with the class hours they checked in to,
/// their paper's grade and the result.
pub fn trainees(v: &AssessmentView) -> Result<Vec<u8>, XlsxError> {
    use crate::domain::assessment::{Grade, Outcome};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("学员名单")?;
    let crate::server::download::SheetLook { title, head, cell } =
        crate::server::download::sheet_look();
    sheet.merge_range(0, 0, 0, 6, &format!("{} 学员名单", v.topic), &title)?;
    sheet.write_string(
        1,
        0,
        format!(
            "共 {} 人；课表 {} 学时，结业须出勤不少于 {} 学时。",
            v.rows.len(),
            v.total_hours,
            v.min.required(v.total_hours)
        ),
    )?;
    let heads = [
        "序号",
        "姓名",
        "工作单位",
        "出勤学时",
        "研修论文",
        "论文成绩",
        "考核结果",
    ];
    let widths = [6.0, 10.0, 30.0, 10.0, 16.0, 10.0, 10.0];
    for (c, (h, w)) in heads.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    for (i, r) in v.rows.iter().enumerate() {
        let row = i as u32 + 3;
        let paper = r.paper.map_or("未提交".to_owned(), |(_, n)| {
            format!("已提交（第{n}版）")
        });
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        sheet.write_string_with_format(row, 1, &r.name, &cell)?;
        sheet.write_string_with_format(row, 2, &r.employer, &cell)?;
        sheet.write_number_with_format(row, 3, r.attended as f64, &cell)?;
        sheet.write_string_with_format(row, 4, &paper, &cell)?;
        // Results not yet published are not given out here either.
        let (grade, outcome) = if v.published.is_some() {
            (
                r.decision.grade.map_or("", Grade::zh),
                r.decision.outcome.map_or("未评定", Outcome::zh),
            )
        } else {
            ("未发布", "未发布")
        };
        sheet.write_string_with_format(row, 5, grade, &cell)?;
        sheet.write_string_with_format(row, 6, outcome, &cell)?;
    }
    sheet.set_freeze_panes(3, 2)?;
    book.save_to_buffer()
}
