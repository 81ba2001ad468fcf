//! The programme that ended seven weeks ago, at the medical university:
//! the county health commissions sent their list; the class took part,
//! one left early, one missed the last afternoon and one never sent a
//! paper. The institution assessed everyone and published the results;
//! the completion register is the unit's to submit.

use super::driver::{Driver, Step};
use super::listed::{Listed, Member};
use super::planning::{programme, Plans};
use super::story::{Stage, Story};

const CLASS: &[Member] = &[
    (
        "高春燕",
        "130102",
        "19810314",
        12,
        "石家庄市第一医院",
        "主任医师",
    ),
    (
        "马立新",
        "130123",
        "19760822",
        23,
        "正定县人民医院",
        "副主任医师",
    ),
    (
        "田秀兰",
        "130181",
        "19840506",
        34,
        "辛集市第一医院",
        "副主任医师",
    ),
    (
        "韩志明",
        "130425",
        "19790919",
        45,
        "大名县人民医院",
        "主任医师",
    ),
    (
        "刘春生",
        "130624",
        "19821102",
        56,
        "阜平县医院",
        "副主任医师",
    ),
    (
        "杜慧芳",
        "131082",
        "19870228",
        67,
        "三河市人民医院",
        "副主任医师",
    ),
    (
        "彭振宇",
        "130728",
        "19780615",
        78,
        "怀安县医院",
        "副主任医师",
    ),
    (
        "姚丽君",
        "130531",
        "19850409",
        89,
        "广宗县人民医院",
        "副主任医师",
    ),
    (
        "蒋文博",
        "130925",
        "19800127",
        91,
        "盐山县人民医院",
        "主任医师",
    ),
    (
        "魏红霞",
        "131121",
        "19830730",
        13,
        "枣强县人民医院",
        "副主任医师",
    ),
];

const LISTED: Listed = Listed {
    members: CLASS,
    file: "各县卫健委推荐学员名单.csv",
    phones: "1380317",
    theme: "全科诊疗能力建设在县域医疗中的实践",
    paper: "General practice in county hospitals",
    sent: 9,
};

pub async fn load(d: &mut Driver, story: &Story, plans: &Plans) -> Step<()> {
    let p = story.get(Stage::Registering);
    let g = programme(plans, Stage::Registering)?;
    LISTED.run(d, story, p, g).await?;
    super::assessment::load(d, story, plans, Stage::Registering).await
}
