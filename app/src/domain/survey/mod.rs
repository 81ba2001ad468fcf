//! The satisfaction survey (学员满意度测评, Art. 8, 14): a questionnaire of
//! items scored 1–5, single choices and free texts, worded in Chinese and
//! English; how an answer sheet is read, and what statistics show.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Problem;

mod stats;

pub use stats::{may_open, may_reopen, stats_shown, ScoreStats, MIN_ANSWERS_FOR_STATS};

codes! {
    /// What an item asks for.
    ItemKind { Score = "score", Choice = "choice", Text = "text" }
}

/// Items an institution may add to its programme's survey.
pub const MAX_EXTRA_ITEMS: usize = 5;
/// Items of the standard questionnaire, at most.
pub const MAX_ITEMS: usize = 30;
pub const WORDING_MAX: usize = 120;
pub const OPTION_MAX: usize = 40;
pub const MAX_OPTIONS: usize = 8;
/// A free-text answer.
pub const TEXT_MAX: usize = 500;

/// Chinese first; the English shown to English readers when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    pub zh: String,
    pub en: String,
}

impl Wording {
    pub fn new(zh: &str, en: &str) -> Wording {
        Wording {
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }

    pub fn get(&self, english: bool) -> &str {
        if english && !self.en.is_empty() {
            &self.en
        } else {
            &self.zh
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable within a programme's form: `s…` standard, `x…` the
    /// institution's, `l<id>` a lecturer's rating.
    pub key: String,
    pub kind: ItemKind,
    pub text: Wording,
    /// A choice item's options, in order.
    #[serde(default)]
    pub options: Vec<Wording>,
}

/// The 1–5 scale, 5 the best.
pub const SCALE: [(&str, &str); 5] = [
    ("很不满意", "Very dissatisfied"),
    ("不满意", "Dissatisfied"),
    ("一般", "Neutral"),
    ("满意", "Satisfied"),
    ("很满意", "Very satisfied"),
];

fn item(key: &str, kind: ItemKind, zh: &str, en: &str) -> Item {
    Item {
        key: key.to_owned(),
        kind,
        text: Wording::new(zh, en),
        options: Vec::new(),
    }
}

/// The questionnaire the province starts from (DOMAIN.md's survey
/// section); the admin may change it, each change a new version.
pub fn standard() -> Vec<Item> {
    use ItemKind::{Choice, Score, Text};
    let form = Item {
        options: [
            ("专题讲座", "Lectures"),
            ("研讨交流", "Seminars and exchange"),
            ("现场教学", "On-site teaching"),
            ("考察调研", "Field visits"),
        ]
        .into_iter()
        .map(|(zh, en)| Wording::new(zh, en))
        .collect(),
        ..item(
            "s8",
            Choice,
            "今后您最希望采用的研修形式",
            "The form of training you would most like in future",
        )
    };
    vec![
        item(
            "s1",
            Score,
            "对本期研修的总体满意度",
            "Overall satisfaction with this programme",
        ),
        item(
            "s2",
            Score,
            "研修主题与工作需要的契合度",
            "How well the topic fits your work",
        ),
        item("s3", Score, "课程内容", "Course content"),
        item("s4", Score, "授课专家的总体水平", "The lecturers overall"),
        item(
            "s5",
            Score,
            "组织管理（日程、纪律、服务）",
            "Organisation (schedule, discipline, service)",
        ),
        item(
            "s6",
            Score,
            "后勤保障（住宿、餐饮）",
            "Logistics (accommodation, meals)",
        ),
        item(
            "s7",
            Score,
            "本期研修对您工作的帮助",
            "What you gained for your work",
        ),
        form,
        item("s9", Text, "意见和建议", "Comments and suggestions"),
    ]
}

/// The key of the item a questionnaire adds next, under `prefix`: one
/// past the highest number `used` (every version's keys), so a removed
/// item's key never comes back for another question.
pub fn next_key<'a>(used: impl IntoIterator<Item = &'a Item>, prefix: char) -> String {
    let highest = used
        .into_iter()
        .filter_map(|i| i.key.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

/// An item as a form typed it: the wording in both languages and, for a
/// choice, one option per line ("中文 / English").
pub fn parse_item(
    key: String,
    kind: &str,
    zh: &str,
    en: &str,
    options: &str,
) -> Result<Item, Vec<(&'static str, Problem)>> {
    let mut problems = Vec::new();
    let kind = ItemKind::parse(kind);
    if kind.is_none() {
        problems.push(("kind", Problem::InvalidChoice));
    }
    let zh = super::line(zh, WORDING_MAX).map_err(|p| problems.push(("zh", p)));
    let en = if en.trim().is_empty() {
        Ok(String::new())
    } else {
        super::line(en, WORDING_MAX).map_err(|p| problems.push(("en", p)))
    };
    let mut parsed = Vec::new();
    if kind == Some(ItemKind::Choice) {
        for raw in options.lines().filter(|l| !l.trim().is_empty()) {
            let (zh, en) = raw.split_once(['/', '／']).unwrap_or((raw, ""));
            match (super::line(zh, OPTION_MAX), en.trim()) {
                (Ok(zh), "") => parsed.push(Wording {
                    zh,
                    en: String::new(),
                }),
                (Ok(zh), en) => match super::line(en, OPTION_MAX) {
                    Ok(en) => parsed.push(Wording { zh, en }),
                    Err(p) => problems.push(("options", p)),
                },
                (Err(p), _) => problems.push(("options", p)),
            }
        }
        if parsed.len() < 2 {
            problems.push(("options", Problem::BelowMinimum { min: 2 }));
        } else if parsed.len() > MAX_OPTIONS {
            problems.push(("options", Problem::TooLarge));
        }
    }
    match (kind, zh, en) {
        (Some(kind), Ok(zh), Ok(en)) if problems.is_empty() => Ok(Item {
            key,
            kind,
            text: Wording { zh, en },
            options: parsed,
        }),
        _ => Err(problems),
    }
}

/// What a trainee answers for a lecturer whose class they did not attend:
/// no rating, rather than a guess.
pub const NOT_ATTENDED: &str = "na";

/// Whether an item is a lecturer's rating (which may be "not attended").
pub fn is_lecturer(key: &str) -> bool {
    key.starts_with('l')
}

/// The rating item of one lecturer on the schedule.
pub fn lecturer_item(id: i64, name: &str) -> Item {
    Item {
        key: format!("l{id}"),
        kind: ItemKind::Score,
        text: Wording {
            zh: format!("{name}老师的授课"),
            en: format!("Teaching of {name}"),
        },
        options: Vec::new(),
    }
}

/// A programme's whole form: the standard's scored and choice items, one
/// rating per lecturer, the institution's items, then the free texts.
pub fn form_items(standard: &[Item], lecturers: &[(i64, String)], extra: &[Item]) -> Vec<Item> {
    let (texts, asked): (Vec<&Item>, Vec<&Item>) = standard
        .iter()
        .chain(extra)
        .partition(|i| i.kind == ItemKind::Text);
    let (extra_asked, asked): (Vec<&Item>, Vec<&Item>) =
        asked.into_iter().partition(|i| i.key.starts_with('x'));
    asked
        .into_iter()
        .cloned()
        .chain(lecturers.iter().map(|(id, name)| lecturer_item(*id, name)))
        .chain(extra_asked.into_iter().cloned())
        .chain(texts.into_iter().cloned())
        .collect()
}

/// One answer of a sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Score(i64),
    /// The option's index.
    Choice(i64),
    Text(String),
}

/// The form field of an item: posted into the server function's
/// `answers` map under the item's key.
pub fn field(key: &str) -> String {
    format!("answers[{key}]")
}

/// (item key, answer) of a sheet read whole.
pub type Answers = Vec<(String, Value)>;
/// (item key, problem) of a sheet refused.
pub type SheetProblems = Vec<(String, Problem)>;

/// An answer sheet as posted (item key → value): every scored and choice item answered, free
/// texts optional. Problems name the item's key.
pub fn parse_answers(
    items: &[Item],
    posted: &BTreeMap<String, String>,
) -> Result<Answers, SheetProblems> {
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for item in items {
        let raw = posted.get(&item.key).map(|s| s.trim()).unwrap_or("");
        let value = match item.kind {
            ItemKind::Score if is_lecturer(&item.key) && raw == NOT_ATTENDED => Ok(None),
            ItemKind::Score => match raw.parse::<i64>() {
                Ok(n) if (1..=5).contains(&n) => Ok(Some(Value::Score(n))),
                _ if raw.is_empty() => Err(Problem::Required),
                _ => Err(Problem::InvalidChoice),
            },
            ItemKind::Choice => match raw.parse::<usize>() {
                Ok(n) if n < item.options.len() => Ok(Some(Value::Choice(n as i64))),
                _ if raw.is_empty() => Err(Problem::Required),
                _ => Err(Problem::InvalidChoice),
            },
            ItemKind::Text => super::optional_text(raw, TEXT_MAX)
                .map(|t| (!t.is_empty()).then_some(Value::Text(t))),
        };
        match value {
            Ok(Some(v)) => answers.push((item.key.clone(), v)),
            Ok(None) => {}
            Err(p) => problems.push((item.key.clone(), p)),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

codes! {
    /// A survey's state: set up (the institution adds its items), open to
    /// answers, or closed.
    SurveyState { Draft = "draft", Open = "open", Closed = "closed" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_standard_asks_the_domain_s_questions_once_each() {
        let items = standard();
        assert_eq!(
            items.iter().filter(|i| i.kind == ItemKind::Score).count(),
            7
        );
        let mut keys: Vec<_> = items.iter().map(|i| &i.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), items.len());
        assert_eq!(next_key(&items, 's'), "s10");
        assert_eq!(next_key(&[], 'x'), "x1");
        // A removed last item's key is not given again.
        let mut later = items.clone();
        later.pop();
        assert_eq!(next_key(items.iter().chain(&later), 's'), "s10");
    }

    #[test]
    fn a_sheet_needs_every_score_and_choice_but_not_the_text() {
        let items = vec![
            item("s1", ItemKind::Score, "总体", "Overall"),
            Item {
                options: vec![Wording::new("甲", "A"), Wording::new("乙", "B")],
                ..item("s2", ItemKind::Choice, "形式", "Form")
            },
            item("s3", ItemKind::Text, "建议", "Comments"),
        ];
        let ok = parse_answers(&items, &posted(&[("s1", "5"), ("s2", "1"), ("s3", " ")])).unwrap();
        assert_eq!(
            ok,
            vec![
                ("s1".into(), Value::Score(5)),
                ("s2".into(), Value::Choice(1))
            ]
        );
        let refused = parse_answers(&items, &posted(&[("s1", "6"), ("s2", "2")])).unwrap_err();
        assert_eq!(
            refused,
            vec![
                ("s1".into(), Problem::InvalidChoice),
                ("s2".into(), Problem::InvalidChoice)
            ]
        );
        let missing = parse_answers(&items, &posted(&[])).unwrap_err();
        assert_eq!(missing[0], ("s1".into(), Problem::Required));
        // Unknown fields are ignored, not stored.
        let extra =
            parse_answers(&items, &posted(&[("s1", "1"), ("s2", "0"), ("zz", "5")])).unwrap();
        assert_eq!(extra.len(), 2);
    }

    #[test]
    fn lecturers_come_after_the_standard_and_texts_last() {
        let extra = vec![item("x1", ItemKind::Score, "案例", "Cases")];
        let keys: Vec<String> = form_items(&standard(), &[(7, "王敏".into())], &extra)
            .into_iter()
            .map(|i| i.key)
            .collect();
        assert_eq!(
            keys,
            ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "l7", "x1", "s9"]
        );
    }

    #[test]
    fn a_lecturer_not_heard_is_not_rated() {
        let items = vec![
            lecturer_item(7, "王敏"),
            item("s1", ItemKind::Score, "总体", ""),
        ];
        let sheet = posted(&[("l7", NOT_ATTENDED), ("s1", "4")]);
        assert_eq!(
            parse_answers(&items, &sheet).unwrap(),
            vec![("s1".into(), Value::Score(4))]
        );
        // Only a lecturer's rating may be skipped so.
        let sheet = posted(&[("l7", "5"), ("s1", NOT_ATTENDED)]);
        assert_eq!(
            parse_answers(&items, &sheet).unwrap_err(),
            vec![("s1".into(), Problem::InvalidChoice)]
        );
    }

    #[test]
    fn an_item_typed_in_a_form_is_read_with_its_options() {
        let i = parse_item(
            "x1".into(),
            "choice",
            "住宿",
            "",
            "单间 / Single\n\n双人间／Double\n套间",
        )
        .unwrap();
        assert_eq!(i.options.len(), 3);
        assert_eq!(i.options[0].en, "Single");
        assert_eq!(
            (i.options[1].zh.as_str(), i.options[1].en.as_str()),
            ("双人间", "Double")
        );
        let e = parse_item("x1".into(), "choice", "", "", "一").unwrap_err();
        assert!(e.contains(&("zh", Problem::Required)));
        assert!(e.contains(&("options", Problem::BelowMinimum { min: 2 })));
        assert!(parse_item("x1".into(), "score", "案例教学", "", "").is_ok());
        assert!(parse_item("x1".into(), "bogus", "案例教学", "", "").is_err());
    }
}
