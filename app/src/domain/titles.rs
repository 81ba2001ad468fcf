//! Professional titles (职称) and their levels, as rosters and application
//! forms name them. One table, read by the Excel import and shown by the
//! application form, so both count a trainee's level the same way (R7).

use super::TraineeTitle;
use crate::error::Problem;

/// Title names by level. Exact names first; `level_of_title` then tries the
/// patterns that whole families of titles follow.
const TITLES: &[(TraineeTitle, &[&str])] = &[
    (
        TraineeTitle::FullSenior,
        &[
            "教授",
            "研究员",
            "主任医师",
            "主任药师",
            "主任护师",
            "主任技师",
            "正高级工程师",
            "教授级高级工程师",
            "教授级高工",
            "正高级经济师",
            "正高级会计师",
            "正高级审计师",
            "正高级统计师",
            "正高级教师",
            "正高级农艺师",
            "农业技术推广研究员",
            "编审",
            "译审",
            "高级记者",
            "高级编辑",
            "研究馆员",
            "一级律师",
            "一级演员",
            "一级导演",
            "正高级",
            "正高",
        ],
    ),
    (
        TraineeTitle::AssociateSenior,
        &[
            "副教授",
            "副研究员",
            "副主任医师",
            "副主任药师",
            "副主任护师",
            "副主任技师",
            "高级工程师",
            "高工",
            "高级经济师",
            "高级会计师",
            "高级审计师",
            "高级统计师",
            "高级教师",
            "高级讲师",
            "高级农艺师",
            "高级畜牧师",
            "高级兽医师",
            "高级实验师",
            "高级政工师",
            "高级工艺美术师",
            "副编审",
            "副译审",
            "主任记者",
            "主任编辑",
            "副研究馆员",
            "二级律师",
            "副高级",
            "副高",
        ],
    ),
    (
        TraineeTitle::Mid,
        &[
            "讲师",
            "工程师",
            "主治医师",
            "主管药师",
            "主管护师",
            "主管技师",
            "经济师",
            "会计师",
            "审计师",
            "统计师",
            "一级教师",
            "助理研究员",
            "农艺师",
            "畜牧师",
            "兽医师",
            "实验师",
            "政工师",
            "编辑",
            "记者",
            "翻译",
            "馆员",
            "三级律师",
            "中级",
        ],
    ),
    (
        TraineeTitle::Junior,
        &[
            "助教",
            "助理工程师",
            "技术员",
            "医师",
            "药师",
            "护师",
            "技师",
            "医士",
            "药士",
            "护士",
            "技士",
            "助理经济师",
            "助理会计师",
            "会计员",
            "二级教师",
            "三级教师",
            "研究实习员",
            "助理农艺师",
            "助理馆员",
            "助理编辑",
            "助理记者",
            "四级律师",
            "初级",
            "员级",
            "助理级",
        ],
    ),
    (TraineeTitle::Manager, &["管理岗位", "管理人员"]),
];

/// Names for a level on the application form: a few of the titles it holds.
pub fn title_examples(level: TraineeTitle) -> &'static [&'static str] {
    let all = TITLES
        .iter()
        .find(|(l, _)| *l == level)
        .map_or(&[][..], |(_, names)| *names);
    &all[..all.len().min(4)]
}

/// Drops what a roster adds around a title: spaces, and a series or grade
/// in brackets ("工程师（电气）").
fn core(raw: &str) -> String {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let cut = s.find(['(', '（']).unwrap_or(s.len());
    s[..cut].to_owned()
}

/// The level of a professional title, by name ("副主任医师"), by level
/// label ("副高级"), or by the app's level code ("associate_senior").
pub fn level_of_title(raw: &str) -> Option<TraineeTitle> {
    let s = core(raw);
    if s.is_empty() {
        return None;
    }
    if let Some(level) = TraineeTitle::parse(&s.to_ascii_lowercase()) {
        return Some(level);
    }
    if let Some((level, _)) = TITLES.iter().find(|(_, names)| names.contains(&s.as_str())) {
        return Some(*level);
    }
    // Families, most specific first: (prefix, suffix the name must end
    // with or "" for any, level).
    const FAMILIES: &[(&str, &str, TraineeTitle)] = &[
        ("正高", "", TraineeTitle::FullSenior),
        ("教授级", "", TraineeTitle::FullSenior),
        ("副主任", "", TraineeTitle::AssociateSenior),
        ("副研究", "", TraineeTitle::AssociateSenior),
        ("副教授", "", TraineeTitle::AssociateSenior),
        ("高级", "师", TraineeTitle::AssociateSenior),
        ("主任", "师", TraineeTitle::FullSenior),
        ("主管", "师", TraineeTitle::Mid),
        ("助理", "师", TraineeTitle::Junior),
    ];
    FAMILIES
        .iter()
        .find(|(prefix, suffix, _)| s.starts_with(prefix) && s.ends_with(suffix))
        .map(|(_, _, level)| *level)
}

/// What a roster writes for "none" in a title or post column.
pub fn is_blank_mark(raw: &str) -> bool {
    matches!(
        core(raw).as_str(),
        "" | "无" | "暂无" | "-" | "—" | "－" | "/" | "／" | "\\" | "none" | "n/a" | "N/A"
    )
}

/// The level of a trainee from a roster's title (职称) and post (职务):
/// the title when there is one, a manager when only a post is given (Art.
/// 10 admits managers). A title that reads as none is `UnknownTitle`.
pub fn trainee_level(title: &str, post: &str) -> Result<Option<TraineeTitle>, Problem> {
    if !is_blank_mark(title) {
        return level_of_title(title).map(Some).ok_or(Problem::UnknownTitle);
    }
    if !is_blank_mark(post) {
        return Ok(Some(TraineeTitle::Manager));
    }
    Ok(None)
}

/// A combined "职称/职务" cell: a title if it reads as one, otherwise a
/// management post when it names one (…长, …主任, 经理, 书记, 总监…).
pub fn level_of_title_or_post(raw: &str) -> Result<Option<TraineeTitle>, Problem> {
    if is_blank_mark(raw) {
        return Ok(None);
    }
    if let Some(level) = level_of_title(raw) {
        return Ok(Some(level));
    }
    let s = core(raw);
    // Posts and civil-service ranks (职级) rather than professional titles.
    let posts = [
        "长",
        "主任",
        "经理",
        "书记",
        "总监",
        "主席",
        "总裁",
        "主管",
        "负责人",
        "科员",
        "调研员",
        "巡视员",
        "干事",
        "专员",
        "秘书",
        "总工程师",
        "总经济师",
        "总会计师",
        "总师",
    ];
    if posts.iter().any(|p| s.ends_with(p)) {
        return Ok(Some(TraineeTitle::Manager));
    }
    Err(Problem::UnknownTitle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_named_in_rosters_map_to_their_levels() {
        for (name, level) in [
            ("教授", TraineeTitle::FullSenior),
            ("研究员", TraineeTitle::FullSenior),
            ("主任医师", TraineeTitle::FullSenior),
            ("正高级工程师", TraineeTitle::FullSenior),
            ("副教授", TraineeTitle::AssociateSenior),
            ("高级工程师", TraineeTitle::AssociateSenior),
            ("副主任医师", TraineeTitle::AssociateSenior),
            ("讲师", TraineeTitle::Mid),
            ("工程师", TraineeTitle::Mid),
            ("主治医师", TraineeTitle::Mid),
            ("助理工程师", TraineeTitle::Junior),
            (" 高级农经师 ", TraineeTitle::AssociateSenior),
            ("工程师（电气）", TraineeTitle::Mid),
            ("副高级", TraineeTitle::AssociateSenior),
            ("associate_senior", TraineeTitle::AssociateSenior),
        ] {
            assert_eq!(level_of_title(name), Some(level), "{name}");
        }
        assert_eq!(level_of_title("博士"), None);
    }

    #[test]
    fn a_post_without_a_title_counts_as_a_manager() {
        assert_eq!(trainee_level("", "处长"), Ok(Some(TraineeTitle::Manager)));
        assert_eq!(trainee_level("无", "科长"), Ok(Some(TraineeTitle::Manager)));
        assert_eq!(
            trainee_level("副教授", "院长"),
            Ok(Some(TraineeTitle::AssociateSenior))
        );
        assert_eq!(trainee_level("", ""), Ok(None));
        assert_eq!(trainee_level("博士", ""), Err(Problem::UnknownTitle));
        assert_eq!(
            level_of_title_or_post("办公室主任"),
            Ok(Some(TraineeTitle::Manager))
        );
        assert_eq!(
            level_of_title_or_post("高级工程师"),
            Ok(Some(TraineeTitle::AssociateSenior))
        );
        assert_eq!(level_of_title_or_post("硕士"), Err(Problem::UnknownTitle));
        for post in ["主任科员", "一级调研员", "副总工程师"] {
            assert_eq!(
                level_of_title_or_post(post),
                Ok(Some(TraineeTitle::Manager)),
                "{post}"
            );
        }
    }

    #[test]
    fn the_form_shows_examples_from_the_same_table() {
        assert_eq!(title_examples(TraineeTitle::FullSenior)[0], "教授");
        assert!(title_examples(TraineeTitle::Mid).contains(&"工程师"));
    }
}
