//! The spot checks' texts (`crate::spot_checks`).

use super::Locale;
use crate::domain::spot_check::SpotScope;

keys! { XK;
    SpotChecks => "随机抽查", "Spot checks";
    SpotChecksHint => "按年度从项目中随机抽取检查对象。随机种子由系统生成，抽取的总体、数量和种子一并记录，任何有权查看的人都可按记录重新抽取并得到同样的结果；本页每次打开都会重新核验。", "Draw programmes of a year at random for inspection. The system makes the seed; the population, the size and the seed are recorded, so anyone who may see the draw can run it again and get the same sample. This page checks every draw again each time it opens.";
    NewDraw => "新的抽查", "New draw";
    Year => "年度", "Year";
    Scope => "抽取范围", "Drawn from";
    SampleSize => "抽取项目数", "Programmes to draw";
    Note => "说明（可选，如抽查批次、重点）", "Note (optional: the round, what to look at)";
    Draw => "抽取", "Draw";
    Drawn => "已抽取，结果已记录。", "Drawn and recorded.";
    NoDraws => "还没有抽查记录。", "No draws yet.";
    DrawHeading => "{year} 年度抽查 · 第 {id} 次", "{year} draw no. {id}";
    DrawnBy => "抽取", "Drawn";
    Population => "总体", "Population";
    PopulationCount => "{n} 个项目", "{n} programmes";
    PopulationIds => "总体中的项目编号（排序后）", "Programme ids drawn from (sorted)";
    Seed => "随机种子", "Seed";
    Sample => "抽中的项目（按抽取顺序）", "Programmes drawn (in the order drawn)";
    Order => "顺序", "Order";
    Topic => "项目", "Programme";
    Unit => "申报单位", "Declaring unit";
    Institution => "承办机构", "Host institution";
    EndDate => "结束日期", "End date";
    Verified => "复核一致：按记录的种子和总体重新抽取，结果相同", "Verified: drawn again from the recorded seed and population, the sample is the same";
    NotVerified => "复核不一致：记录的结果与重新抽取的结果不同，请核查", "Does not verify: drawing again from the seed and population gives another sample; look into it";
    HowToRerun => "重新抽取的方法：把总体编号从小到大排序，以种子初始化 SplitMix64，依次做部分 Fisher–Yates 洗牌取前 N 个。", "To draw again: sort the population's ids, seed SplitMix64 with the seed, and take the first N of a partial Fisher–Yates shuffle.";
}

pub fn scope_text(s: SpotScope, l: Locale) -> &'static str {
    match (s, l) {
        (SpotScope::Ended, Locale::Zh) => "已结束的项目（结束日期在今天之前）",
        (SpotScope::Ended, Locale::En) => "Ended programmes (end date before today)",
        (SpotScope::All, Locale::Zh) => "年度计划中的全部项目",
        (SpotScope::All, Locale::En) => "Every programme of the year's plan",
    }
}
