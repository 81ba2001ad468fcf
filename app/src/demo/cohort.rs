//! The class of the programme that has run: besides the applicants of
//! `enrollment`, the county hospitals and health bureaus sent a list that
//! the institution imported; on the first morning everyone without an
//! account activated theirs with the code on their slip.

use super::driver::{Driver, Step, StepFailed};
use super::story::{Programme, Story};
use crate::trainee::{SlipState, SlipsView};

use super::listed::Member;

const MEMBERS: &[Member] = &[
    (
        "刘建平",
        "130123",
        "19760312",
        11,
        "正定县人民医院",
        "主任医师",
    ),
    (
        "陈秀英",
        "130125",
        "19810705",
        22,
        "行唐县医院",
        "副主任医师",
    ),
    (
        "杨海军",
        "130126",
        "19790918",
        31,
        "灵寿县卫生健康局",
        "副主任医师",
    ),
    (
        "黄丽华",
        "130129",
        "19850226",
        42,
        "赞皇县人民医院",
        "主治医师",
    ),
    ("周志刚", "130130", "19740611", 51, "无极县医院", "主任医师"),
    (
        "吴桂兰",
        "130131",
        "19820130",
        62,
        "平山县人民医院",
        "副主任护师",
    ),
    (
        "徐文斌",
        "130132",
        "19830808",
        73,
        "元氏县中医院",
        "副主任医师",
    ),
    (
        "孙红梅",
        "130133",
        "19870416",
        84,
        "赵县人民医院",
        "主治医师",
    ),
    ("马国强", "130183", "19751120", 95, "晋州市医院", "主任医师"),
    (
        "朱晓燕",
        "130184",
        "19860503",
        14,
        "新乐市医院",
        "副主任医师",
    ),
    (
        "胡永生",
        "130424",
        "19780727",
        23,
        "成安县人民医院",
        "副主任医师",
    ),
    ("郭丽娟", "130521", "19840912", 36, "临城县医院", "主管药师"),
    ("何振华", "130727", "19770301", 45, "阳原县医院", "主任医师"),
    (
        "高淑珍",
        "130821",
        "19800614",
        58,
        "承德县医院",
        "副主任医师",
    ),
    ("林志勇", "130921", "19811022", 67, "沧县医院", "副主任医师"),
    (
        "罗春燕",
        "131021",
        "19880117",
        78,
        "固安县人民医院",
        "主治医师",
    ),
    (
        "梁宏伟",
        "131121",
        "19760809",
        89,
        "枣强县人民医院",
        "主任医师",
    ),
    (
        "宋玉兰",
        "130123",
        "19830425",
        16,
        "正定县卫生健康局",
        "副主任医师",
    ),
    (
        "郑立军",
        "130125",
        "19790213",
        27,
        "行唐县中医院",
        "副主任医师",
    ),
    ("谢美玲", "130126", "19860929", 38, "灵寿县医院", "主管护师"),
    (
        "韩德胜",
        "130129",
        "19740506",
        49,
        "赞皇县中医院",
        "主任医师",
    ),
    (
        "唐丽萍",
        "130130",
        "19821211",
        50,
        "无极县卫生健康局",
        "副主任医师",
    ),
    (
        "冯建国",
        "130131",
        "19770722",
        61,
        "平山县中医院",
        "主任医师",
    ),
    (
        "于海燕",
        "130132",
        "19890308",
        76,
        "元氏县人民医院",
        "主治医师",
    ),
    (
        "董晓峰",
        "130133",
        "19801116",
        87,
        "赵县中医院",
        "副主任医师",
    ),
    (
        "程秀云",
        "130183",
        "19850619",
        98,
        "晋州市卫生健康局",
        "副主任医师",
    ),
    (
        "曹志明",
        "130184",
        "19781030",
        19,
        "新乐市中医院",
        "主任医师",
    ),
    (
        "袁丽君",
        "130424",
        "19840221",
        20,
        "成安县卫生健康局",
        "主治医师",
    ),
    (
        "邓国栋",
        "130521",
        "19750915",
        39,
        "临城县中医院",
        "副主任医师",
    ),
    (
        "彭雪梅",
        "130727",
        "19870604",
        40,
        "阳原县卫生健康局",
        "主管护师",
    ),
];

/// The eighteenth character of a resident identity number (GB 11643).
fn check_char(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    "10X98765432"
        .chars()
        .nth((sum % 11) as usize)
        .unwrap_or('0')
}

pub(super) fn id_number(county: &str, birth: &str, sequence: u32) -> String {
    let first17 = format!("{county}{birth}{sequence:03}");
    format!("{first17}{}", check_char(&first17))
}

pub fn names() -> impl Iterator<Item = &'static str> {
    MEMBERS.iter().map(|m| m.0)
}

/// The list as the units sent it: a title row, then the usual columns.
pub fn list(topic: &str) -> String {
    let mut csv = format!(
        "{topic}学员名单（各县推荐）\n序号,姓名,身份证号码,联系电话,所在单位,所在省份,职称\n"
    );
    for (i, (name, county, birth, sequence, employer, title)) in MEMBERS.iter().enumerate() {
        csv.push_str(&format!(
            "{},{name},{},1350311{:04},{employer},河北省,{title}\n",
            i + 1,
            id_number(county, birth, *sequence),
            i + 1
        ));
    }
    csv
}

/// Everyone admitted without an account activates it on the first
/// morning with the code from the slip; returns the sign-in names of the
/// class (the demo trainee, who had an account, included).
pub async fn activate(d: &mut Driver, story: &Story, p: &Programme, id: i64) -> Step<Vec<String>> {
    let listed: Vec<&str> = names().collect();
    let mut class = vec!["trainee".to_owned()];
    class.extend(activate_listed(d, story, p, id, &listed).await?);
    if class.len() < 30 {
        return Err(StepFailed(format!(
            "only {} of the class activated",
            class.len()
        )));
    }
    Ok(class)
}

/// The `listed` trainees of a programme activate their accounts on its
/// first morning; returns their sign-in names.
pub async fn activate_listed(
    d: &mut Driver,
    story: &Story,
    p: &Programme,
    id: i64,
    listed: &[&str],
) -> Step<Vec<String>> {
    d.at(story.cal.at(p.start, 8, 10));
    let slips: SlipsView = d
        .call(
            Some(p.institution),
            "activation_slips",
            &[("programme_id", id.to_string())],
        )
        .await?;
    let mut class = Vec::new();
    // Others (the applicants of `enrollment`) never did: their codes stay
    // on the slips.
    for (i, slip) in slips.slips.iter().enumerate() {
        if !listed.contains(&slip.name.as_str()) {
            continue;
        }
        if let SlipState::Code { username, code, .. } = &slip.state {
            d.at(story.cal.at(p.start, 8, 20 + (i as u32 % 35)));
            let form = [
                ("code", code.clone()),
                ("new_password", super::DEMO_PASSWORD.to_owned()),
                ("confirm_password", super::DEMO_PASSWORD.to_owned()),
            ];
            let _: () = d.call(Some(username), "activate", &form).await?;
            class.push(username.clone());
        }
    }
    Ok(class)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IdNumber;

    #[test]
    fn the_class_has_valid_distinct_identity_numbers() {
        let mut seen = std::collections::HashSet::new();
        for (_, county, birth, sequence, _, _) in MEMBERS {
            let id = id_number(county, birth, *sequence);
            assert!(IdNumber::parse(&id).is_ok(), "{id}");
            assert!(seen.insert(id));
        }
        // A published example: 11010519491231002X.
        assert_eq!(check_char("11010519491231002"), 'X');
    }
}
