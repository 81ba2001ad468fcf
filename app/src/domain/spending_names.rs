//! Categories and funding sources as people write them in a finance
//! sheet: the regulation's names, the finance office's usual other names
//! (餐费, 场租, 财政拨款, 单位自筹…), or the codes.

use super::{ExpenseCategory, FundingSource};

/// Full-width letters folded, spaces dropped, lower case.
fn folded(raw: &str) -> String {
    super::fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// A category as people write it in a sheet: its name in the six
/// (住宿费, 讲课费…), a common other name (餐费, 场租, 授课费…) or its code.
pub fn category_by_name(raw: &str) -> Option<ExpenseCategory> {
    use ExpenseCategory as E;
    let s = folded(raw);
    let s = s.trim_end_matches('费');
    Some(match s {
        "住宿" | "住宿费用" | "宿" => E::Accommodation,
        "伙食" | "餐" | "餐饮" | "用餐" | "膳食" => E::Meals,
        "场地" | "场租" | "场地租赁" | "会场" | "会议室" => E::Venue,
        "讲课" | "授课" | "师资" | "专家讲课" | "劳务" => E::LectureFees,
        "资料" | "培训资料" | "教材" | "资料印制" => E::Materials,
        "交通" | "市内交通" | "交通车" => E::Transport,
        other => return ExpenseCategory::parse(other),
    })
}

/// A funding source as people write it: 财政拨款, 政府投入, 单位自筹,
/// 社会资助, 个人缴费… (a name with its usual ending), or its code. 学员 is
/// not read as 个人: a charge to trainees is a flag of its own (R11).
pub fn source_by_name(raw: &str) -> Option<FundingSource> {
    use FundingSource as F;
    const ENDINGS: &[&str] = &[
        "投入", "资金", "经费", "出资", "资助", "拨款", "缴费", "缴纳", "负担", "承担", "自筹",
        "捐助", "捐赠", "赞助",
    ];
    let s = folded(raw);
    let base = ENDINGS
        .iter()
        .find_map(|e| s.strip_suffix(e).filter(|b| !b.is_empty()))
        .unwrap_or(&s);
    Some(match base {
        "政府" | "财政" | "省财政" | "省级财政" | "中央财政" | "专项" => {
            F::Government
        }
        "单位" | "自筹" | "主办单位" | "承办单位" | "申报单位" => F::Unit,
        "社会" | "企业" | "赞助" | "捐赠" | "捐助" => F::Society,
        "个人" => F::Individual,
        _ => return FundingSource::parse(&s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_name_categories_and_sources_as_people_do() {
        assert_eq!(
            category_by_name(" 讲课费 "),
            Some(ExpenseCategory::LectureFees)
        );
        assert_eq!(category_by_name("餐费"), Some(ExpenseCategory::Meals));
        assert_eq!(category_by_name("场租"), Some(ExpenseCategory::Venue));
        assert_eq!(
            category_by_name("ｍａｔｅｒｉａｌｓ"),
            Some(ExpenseCategory::Materials)
        );
        assert_eq!(category_by_name("礼品费"), None);
        assert_eq!(source_by_name("财政拨款"), Some(FundingSource::Government));
        assert_eq!(source_by_name("单位自筹"), Some(FundingSource::Unit));
        assert_eq!(source_by_name("学员"), None);
        for (typed, source) in [
            ("政府投入", FundingSource::Government),
            ("财政资金", FundingSource::Government),
            ("省财政拨款", FundingSource::Government),
            ("单位", FundingSource::Unit),
            ("自筹", FundingSource::Unit),
            ("社会资助", FundingSource::Society),
            ("企业赞助", FundingSource::Society),
            ("个人缴费", FundingSource::Individual),
            ("个人承担", FundingSource::Individual),
            ("ｇｏｖｅｒｎｍｅｎｔ", FundingSource::Government),
        ] {
            assert_eq!(source_by_name(typed), Some(source), "{typed}");
        }
        assert_eq!(source_by_name("投入"), None);
        assert_eq!(source_by_name("学员缴费"), None);
    }
}
