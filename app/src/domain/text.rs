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
