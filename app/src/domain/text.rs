//! Text as people type it on Chinese keyboards and in Chinese spreadsheets.

/// Full-width ASCII forms (０-９, Ａ-Ｚ, ｘ, －, …) and the ideographic space
/// folded to their ordinary forms; everything else kept.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Cities and the new area of Hebei, for rosters that give a city where the
/// province was asked for.
const HEBEI_PLACES: &[&str] = &[
    "河北",
    "石家庄",
    "唐山",
    "秦皇岛",
    "邯郸",
    "邢台",
    "保定",
    "张家口",
    "承德",
    "沧州",
    "廊坊",
    "衡水",
    "雄安",
    "定州",
    "辛集",
];

/// China's provincial-level divisions, Hebei first: the application form
/// offers them as a choice (imports may name a city instead).
pub const PROVINCES: &[&str] = &[
    "河北省",
    "北京市",
    "天津市",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "台湾省",
];

/// Whether a province (or city) as typed lies in Hebei: R7 counts trainees
/// from inside and outside the province.
pub fn is_in_hebei(place: &str) -> bool {
    let place = place.trim();
    HEBEI_PLACES.iter().any(|p| place.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_fold() {
        assert_eq!(fold_width("１３８００１３８０００"), "13800138000");
        assert_eq!(fold_width("ｘ　Ｘ－"), "x X-");
        assert_eq!(fold_width("张三"), "张三");
    }

    #[test]
    fn hebei_cities_count_as_inside_the_province() {
        assert!(is_in_hebei("河北省"));
        assert!(is_in_hebei(" 石家庄市"));
        assert!(!is_in_hebei("北京市"));
        assert!(!is_in_hebei("天津"));
    }
}
