//! Recognising columns by their headers, however a clerk wrote them.
//!
//! Headers are compared after normalising: surrounding and inner spaces and line breaks, case,
//! full-width punctuation, a unit in brackets (`总投资（万元）`), a required-mark `*`, and 工程 for
//! 项目 do not matter. Each field has built-in Chinese aliases and its English key; xmtool.toml
//! can add more.

use std::borrow::Cow;
use std::collections::HashMap;

use super::value::{UNITS, arabic_dates, to_halfwidth};
use crate::model::LAST_YEAR;

/// A column xmtool reads. The registry and the monthly reports each use a subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    District,
    Department,
    Leader,
    Category,
    Level,
    Nature,
    Investor,
    TotalInvestment,
    AnnualPlan,
    PlannedStart,
    PlannedFinish,
    Stage,
    ListedFrom,
    Delisted,
    Year,
    Month,
    MonthInvestment,
    YtdInvestment,
    Status,
    ActualStart,
    Progress,
    Problems,
    ProblemCategory,
}

impl Field {
    pub const ALL: [Field; 25] = [
        Field::Id,
        Field::Name,
        Field::District,
        Field::Department,
        Field::Leader,
        Field::Category,
        Field::Level,
        Field::Nature,
        Field::Investor,
        Field::TotalInvestment,
        Field::AnnualPlan,
        Field::PlannedStart,
        Field::PlannedFinish,
        Field::Stage,
        Field::ListedFrom,
        Field::Delisted,
        Field::Year,
        Field::Month,
        Field::MonthInvestment,
        Field::YtdInvestment,
        Field::Status,
        Field::ActualStart,
        Field::Progress,
        Field::Problems,
        Field::ProblemCategory,
    ];

    /// The columns of the registry (项目库).
    pub const REGISTRY: [Field; 17] = [
        Field::Id,
        Field::Name,
        Field::District,
        Field::Department,
        Field::Leader,
        Field::Category,
        Field::Level,
        Field::Nature,
        Field::Investor,
        Field::TotalInvestment,
        Field::AnnualPlan,
        Field::PlannedStart,
        Field::PlannedFinish,
        Field::Stage,
        Field::ListedFrom,
        Field::Delisted,
        Field::Year,
    ];

    /// The columns of a monthly report (月报). Name, district and annual plan are recognised
    /// (templates and districts' own forms carry them) but the registry's are the ones used: a
    /// report's 年度计划投资 is only compared with the registry's.
    pub const REPORT: [Field; 12] = [
        Field::Id,
        Field::Name,
        Field::District,
        Field::AnnualPlan,
        Field::Month,
        Field::MonthInvestment,
        Field::YtdInvestment,
        Field::Status,
        Field::ActualStart,
        Field::Progress,
        Field::Problems,
        Field::ProblemCategory,
    ];

    /// The fields naming a group (`names_a_group`), in a registry's usual order.
    pub const GROUPS: [Field; 7] = [
        Field::District,
        Field::Department,
        Field::Leader,
        Field::Category,
        Field::Level,
        Field::Investor,
        Field::Stage,
    ];

    /// Whether its cells name a group the bulletin ranks or sums by: 所属县区, and the optional
    /// 责任单位, 包抓领导, 项目类别, 项目级别, 投资主体 and 年度目标.
    pub fn names_a_group(self) -> bool {
        matches!(self, Field::District) || self.names_an_optional_group()
    }

    /// `names_a_group`, but for 所属县区, which every project must give.
    pub fn names_an_optional_group(self) -> bool {
        matches!(
            self,
            Field::Department
                | Field::Leader
                | Field::Category
                | Field::Level
                | Field::Investor
                | Field::Stage
        )
    }

    /// The English key, as in xmtool.toml's `[aliases]` and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::District => "district",
            Field::Department => "department",
            Field::Leader => "leader",
            Field::Category => "category",
            Field::Level => "level",
            Field::Nature => "nature",
            Field::Investor => "investor",
            Field::TotalInvestment => "total_investment",
            Field::AnnualPlan => "annual_plan",
            Field::PlannedStart => "planned_start",
            Field::PlannedFinish => "planned_finish",
            Field::Stage => "stage",
            Field::ListedFrom => "listed_from",
            Field::Delisted => "delisted",
            Field::Year => "year",
            Field::Month => "month",
            Field::MonthInvestment => "month_investment",
            Field::YtdInvestment => "ytd_investment",
            Field::Status => "status",
            Field::ActualStart => "actual_start",
            Field::Progress => "progress",
            Field::Problems => "problems",
            Field::ProblemCategory => "problem_category",
        }
    }

    /// The fields holding amounts of money, in 万元 unless their header says another unit.
    pub const AMOUNTS: [Field; 4] = [
        Field::TotalInvestment,
        Field::AnnualPlan,
        Field::MonthInvestment,
        Field::YtdInvestment,
    ];

    pub fn is_amount(self) -> bool {
        Field::AMOUNTS.contains(&self)
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The Chinese headers recognised out of the box, the usual one first.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "项目编号",
                "项目代码",
                "编号",
                "项目统一代码",
                "统一项目代码",
                "项目编码",
            ],
            Field::Name => &["项目名称"],
            Field::District => &[
                "所属县区",
                "县区",
                "县市区",
                "属地",
                "所属区县",
                "区县",
                "所属县市区",
                // (县（市、区）, 县（区）: a bracket's text is not compared.)
                "县",
                "所属县",
                "所在县区",
                "所在区县",
            ],
            Field::Department => &["责任单位", "牵头单位"],
            Field::Leader => &["包抓领导", "包联领导", "联系领导"],
            Field::Category => &["项目类别", "行业类别", "产业类别"],
            Field::Level => &["项目级别"],
            // (Not 项目性质, which in some offices says 政府投资 or 社会投资: a registry without
            // the column whose other column holds natures is warned of, naming it.)
            Field::Nature => &["建设性质", "建设类型", "新建/续建", "新建或续建"],
            Field::Investor => &["投资主体"],
            Field::TotalInvestment => &["总投资", "项目总投资", "计划总投资"],
            Field::AnnualPlan => &[
                "年度计划投资",
                "年度计划",
                "年计划投资",
                "年度投资计划",
                "本年计划投资",
                "本年度计划投资",
                "年度计划完成投资",
            ],
            Field::PlannedStart => &["计划开工时间"],
            Field::PlannedFinish => &["计划竣工时间"],
            Field::Stage => &["年度目标", "推进类别"],
            Field::ListedFrom => LISTED_FROM.as_slice(),
            Field::Delisted => DELISTED.as_slice(),
            Field::Year => &["计划年度", "年度"],
            Field::Month => &["报告月份", "月份"],
            Field::MonthInvestment => &["本月完成投资", "当月完成投资", "本月完成", "当月完成"],
            Field::YtdInvestment => &[
                "累计完成投资",
                "本年累计完成投资",
                "1-N月完成投资",
                "本年完成投资",
                "本年度完成投资",
                "本年度累计完成投资",
                "年度累计完成投资",
                "今年累计完成投资",
                "自年初累计完成投资",
                "年初至今完成投资",
                "年初至今累计完成投资",
                "截至本月累计完成投资",
                "今年以来完成投资",
                "今年以来累计完成投资",
                "年初以来完成投资",
                "今年完成投资",
                "当年完成投资",
                "当年累计完成投资",
                "本年完成",
                "本年度完成",
                "本年累计完成",
                "本年度累计完成",
                "年度累计完成",
                "今年累计完成",
                "当年累计完成",
                "年初至今累计完成",
                "至本月累计完成投资",
                "本年实际完成投资",
                "本年度实际完成投资",
                "今年实际完成投资",
                // (A December report's: the whole year's is the year to date.)
                "全年完成投资",
                "全年累计完成投资",
                "全年实际完成投资",
            ],
            Field::Status => &["项目状态", "进展状态", "建设状态", "当前状态"],
            Field::ActualStart => &["实际开工时间", "实际开工日期", "实际开工年月", "实际开工"],
            Field::Progress => &["形象进度"],
            Field::Problems => &["存在问题"],
            Field::ProblemCategory => &["问题类别"],
        }
    }

    /// The usual Chinese header, for messages.
    pub fn label(self) -> &'static str {
        self.aliases()[0]
    }
}

/// The verbs of a project put on the year's list mid-year (纳入时间, 调入月份, 新增年月 …). (Not
/// 入库: a project's 入库时间 is most often when it entered the project library, 储备库, before
/// the year's list was drawn up.)
pub(crate) const LISTING: [&str; 4] = ["纳入", "调入", "列入", "新增"];

/// The verbs of a project taken off the list mid-year (调出时间, 取消月份, 撤销日期 …). (Not 退库,
/// leaving the project library, as `LISTING` leaves out 入库.)
pub(crate) const DELISTING: [&str; 5] = ["调出", "移出", "取消", "退出", "撤销"];

/// The words of when after a verb of `LISTING` or `DELISTING`, the usual one first.
const WHEN: [&str; 4] = ["时间", "月份", "日期", "年月"];

/// The verbs a header may be alone: those a clerk writes a month under. (新增, 取消 or 入库
/// alone may as well head a mark, 是 or √, or a count.)
const ALONE: [&str; 5] = ["纳入", "调入", "列入", "调出", "移出"];

/// 纳入时间's headers: every verb of `LISTING` with every word of `WHEN`, then those alone.
static LISTED_FROM: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| when_headers(&LISTING));

/// 调出时间's headers, as `LISTED_FROM`'s.
static DELISTED: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| when_headers(&DELISTING));

/// Each verb with each word of when after it, then the verbs that may be alone. (Made once, for
/// the life of the program: `aliases` lends them out for as long.)
fn when_headers(verbs: &[&str]) -> Vec<&'static str> {
    let with_when = verbs
        .iter()
        .flat_map(|verb| WHEN.iter().map(move |when| format!("{verb}{when}")));
    let alone = (verbs.iter())
        .filter(|verb| ALONE.contains(verb))
        .map(|verb| verb.to_string());
    with_when.chain(alone).map(|h| &*h.leak()).collect()
}

/// Whether a header names a verb of a project put on the list or taken off it (`LISTING`,
/// `DELISTING`), and which: `Some(Field::Delisted)` for one taken off.
pub fn names_listing(header: &str) -> Option<Field> {
    let n = normalize(header);
    // (Not a month the project entered the statistics, 纳入统计时间 or 纳统时间: no listing.)
    if n.contains("统计") || n.contains("纳统") {
        return None;
    }
    if DELISTING.iter().any(|verb| n.contains(verb)) {
        Some(Field::Delisted)
    } else {
        LISTING
            .iter()
            .any(|verb| n.contains(verb))
            .then_some(Field::ListedFrom)
    }
}

/// A header as it is compared: see the module documentation.
pub fn normalize(header: &str) -> String {
    let half = to_halfwidth(header);
    let half = arabic_dates(&half);
    let half = unit_bracketed(&half);
    let half = periods_unbracketed(&half);
    let mut out = String::with_capacity(half.len());
    let mut depth = 0usize;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || c == '\u{FEFF}' => {}
            '*' | ':' | '：' | '#' | '"' | '\'' => {}
            '—' | '–' | '~' | '～' | '至' | '到' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    // 完成投资额, 总投资额: the amount of what the header names.
    if out.ends_with("投资额") {
        out.truncate(out.len() - "额".len());
    }
    // 其中：本年完成投资, a part of the column before it (累计 since the project's start, say):
    // named by what follows.
    if let Some(part) = out.strip_prefix("其中").filter(|p| !p.is_empty()) {
        out = part.to_string();
    }
    if let Some(through) = through_month(&out) {
        out = through;
    }
    // 1月至6月完成投资, as 1-6月完成投资.
    let months_at = out.len() - year_said(&out).1.len();
    if out[months_at..].starts_with("1月-") {
        out.replace_range(months_at + 1..months_at + 1 + '月'.len_utf8(), "");
    }
    out.replace("工程", "项目")
}

/// Whether a header says its figures are shares, not amounts, in what `normalize` drops:
/// `累计完成投资（%）`, `累计完成投资（占年度计划比例）`.
pub(crate) fn says_a_share(header: &str) -> bool {
    header.contains(['%', '％'])
        || ["百分", "占比", "比例", "比重"]
            .iter()
            .any(|w| header.contains(w))
}

/// Whether a header says its figures are a goal, not what was done, in brackets `normalize`
/// drops, a goal's word alone (or first, before a unit): `全年完成投资（计划）`,
/// `累计完成投资（预计数）`, `本月完成投资（目标，万元）`; not what a figure holds,
/// `累计完成投资（计划内）`, `（含计划外）`, `（计划口径）`.
pub(crate) fn says_a_goal(header: &str) -> bool {
    let half = to_halfwidth(header);
    half.split(['(', '[', '【']).skip(1).any(|part| {
        let inside = part.split([')', ']', '】']).next().unwrap_or_default();
        let first = inside
            .split([',', '、', ';', '；'])
            .next()
            .unwrap_or_default();
        let word = first.trim().trim_end_matches(['数', '值']);
        let word = word.strip_suffix("完成").unwrap_or(word);
        matches!(word, "计划" | "预计" | "预测" | "目标" | "任务")
    })
}

/// A normalised header saying its figures run to the end of a month, `截至6月底累计完成投资`
/// (截止, 截至2024年6月末, 年初至6月底, or a month's end alone, 6月底累计完成投资 …), written as
/// `1-6月累计完成投资` says the same; `截至本月底…` as `截至本月…`. `None` for any other.
fn through_month(normalized: &str) -> Option<String> {
    let to = ["截-", "截止", "年初-"]
        .iter()
        .find_map(|p| normalized.strip_prefix(p));
    // (Without 截至, the month's end is said: 6月累计完成投资 is no header of one month.)
    if to.is_none() && !normalized.contains("月底") && !normalized.contains("月末") {
        return None;
    }
    let rest = to.unwrap_or(normalized);
    fn month_end(rest: &str) -> Option<&str> {
        let rest = rest.strip_prefix('月')?;
        Some(
            ["底", "末", "份"]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest),
        )
    }
    if let Some(after) = rest.strip_prefix("本").and_then(month_end) {
        return Some(format!("截-本月{after}"));
    }
    // (A year, if any; not words saying this year, which are no part of 截至….)
    let (said, after) = year_said(rest);
    let rest = if said.is_some() { after } else { rest };
    let year = said.map_or(String::new(), |year| format!("{year}年"));
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // (To a year's December, 截至2023年12月底累计完成投资, most often counts from the project's
    // start, as 截至2023年底 does: not read as that year's.)
    if !(1..=2).contains(&digits) || !year.is_empty() && &rest[..digits] == "12" {
        return None;
    }
    // (Or to its last day: 截至6月30日.)
    let month: u32 = rest[..digits].parse().ok()?;
    let after = match to_last_day(&rest[digits..], said, month) {
        Some(after) => after,
        None => month_end(&rest[digits..])?,
    };
    Some(format!("{year}1-{}月{after}", &rest[..digits]))
}

/// What follows `月30日` in `rest` (after a month's number), where 30 is `month`'s last day: of
/// February, the year's where one is said (28 or 29), else 28 or 29.
fn to_last_day(rest: &str, year: Option<i32>, month: u32) -> Option<&str> {
    let rest = rest.strip_prefix('月')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let day: u32 = rest[..digits].parse().ok()?;
    let leap = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 2, 29).is_some();
    let last = match (month, year) {
        (2, Some(y)) if leap(y) => 29..=29,
        (2, Some(_)) => 28..=28,
        (2, None) => 28..=29,
        (4 | 6 | 9 | 11, _) => 30..=30,
        (1..=12, _) => 31..=31,
        _ => return None,
    };
    let after = rest[digits..].strip_prefix('日')?;
    last.contains(&day).then_some(after)
}

/// A header (in half-width characters) with a unit of money after it outside brackets, as
/// if bracketed: `累计完成投资/亿元`, `累计完成投资 亿元`, `累计完成投资：亿元` and `累计完成投资亿元`
/// as `累计完成投资(亿元)`. A unit of one character (`元`, `万`, `亿`, `千`), or not of 元
/// (`百万`), is one only after a separator: `单元` is no 元, `是否超千万` no unit.
fn unit_bracketed(half: &str) -> Cow<'_, str> {
    let text = half.trim_end();
    for (unit, ..) in UNITS {
        let Some(before) = text.strip_suffix(unit) else {
            continue;
        };
        let name = before.trim_end_matches(|c: char| c == '/' || c == ':' || c.is_whitespace());
        let separated = name.len() < before.len();
        let of_yuan = unit.chars().count() > 1 && unit.ends_with('元');
        if name.is_empty() || (!separated && !of_yuan) {
            return Cow::Borrowed(half);
        }
        return Cow::Owned(format!("{name}({unit})"));
    }
    Cow::Borrowed(half)
}

/// A header (in half-width characters) with the periods its brackets name written before it,
/// unbracketed, as the same words are read there: `累计完成投资（截至5月底）` as
/// `截至5月底累计完成投资`, `累计完成投资（1-5月）` as `1-5月累计完成投资` (a month alone on a
/// year-to-date, `（5月）`, as `截至5月`), `年度计划投资（2023年）` as `2023年年度计划投资`,
/// `累计完成投资（上月）` as `上月累计完成投资` (not read); a month on this month's figure is its
/// month, `本月完成投资（5月）` as `5月完成投资`; `（本月）` says what the header says, and goes.
/// Only on an investment's or a plan's header (not 总投资, 形象进度（截至5月底）, 合计（2024年）),
/// and wherever the bracket stands; what else brackets say, a unit or a note (`（万元）`,
/// `（含以前年度）`, `（预计）`, `（上年同期）`), stays in them.
fn periods_unbracketed(half: &str) -> Cow<'_, str> {
    if !half.contains(['(', '[', '【', '〔', '<', '《']) {
        return Cow::Borrowed(half);
    }
    let mut base = String::with_capacity(half.len());
    let mut periods: Vec<(Period, String)> = Vec::new();
    let mut group = String::new();
    let mut depth = 0usize;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' if depth > 0 => depth -= 1,
            _ => {}
        }
        if depth == 0 && group.is_empty() {
            base.push(c);
            continue;
        }
        group.push(c);
        if depth > 0 {
            continue;
        }
        // A bracket closed: its periods out, what else it says kept in it (`（万元，1-5月）`).
        let inside = &group[group.char_indices().nth(1).map_or(0, |(i, _)| i)
            ..group.char_indices().last().map_or(0, |(i, _)| i)];
        let mut kept = Vec::new();
        let before = periods.len();
        for part in inside.split([',', '、', ';']) {
            let said: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            match period_named(&said) {
                Some(period) => periods.push((period, said)),
                None => kept.push(part),
            }
        }
        match (periods.len() > before, kept.is_empty()) {
            (false, _) => base.push_str(&group),
            (true, false) => base.push_str(&format!("({})", kept.join(","))),
            (true, true) => {}
        }
        group.clear();
    }
    base.push_str(&group);
    if periods.is_empty() {
        return Cow::Borrowed(half);
    }
    let named = normalize(&base);
    let bears_a_period = !named.ends_with("总投资")
        && ["投资", "完成", "累计", "年度计划"]
            .iter()
            .any(|w| named.contains(w));
    if !bears_a_period {
        return Cow::Borrowed(half);
    }
    periods.retain(|(period, _)| *period != Period::ThisMonth);
    let one_month = matches!(periods.as_slice(), [(Period::OneMonth, _)]);
    let mut words: String = periods.iter().map(|(_, said)| said.as_str()).collect();
    if words.is_empty() {
        return Cow::Owned(base);
    }
    // (After a required-mark and 其中：, which `normalize` passes over at the start.)
    let lead = base.len()
        - base
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*')
            .len();
    let lead = lead
        + ["其中:", "其中"]
            .iter()
            .find(|w| base[lead..].starts_with(*w))
            .map_or(0, |w| w.len());
    let (head, mut body) = base.split_at(lead);
    if one_month && let Some(rest) = ["本月", "当月"].iter().find_map(|w| body.strip_prefix(w))
    {
        return Cow::Owned(format!("{head}{words}{rest}"));
    }
    let year_to_date = named.contains("累计")
        || (Field::YtdInvestment.aliases().iter()).any(|a| normalize(a) == named);
    if year_to_date && words.contains('月') {
        // (Months say this year's already: 本年累计完成投资（1-5月） is 1-5月累计完成投资.)
        body = ["本年度", "本年", "今年", "当年"]
            .iter()
            .find_map(|w| body.strip_prefix(w))
            .unwrap_or(body);
        if one_month {
            words.insert_str(0, "截至");
        }
    }
    Cow::Owned(format!("{head}{words}{body}"))
}

/// What a bracket's words name as a period (`periods_unbracketed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    /// This month: `本月`, `截至本月`, `当月底`.
    ThisMonth,
    /// One month, perhaps of a year: `5月`, `2024年5月份`.
    OneMonth,
    /// Any other: months to date, a year, last month, to a month's end or a year's.
    Other,
}

/// The period a bracket's words (in half-width characters, without spaces) name, if they name
/// one and nothing else: `5月`, `1-5月`, `1至5月`, `截至5月底`, `截至6月30日`, `2023年`,
/// `2024年1-5月`, `本月`, `上月`, `截至上月末`, `截至2023年底`; not `万元`, `含以前年度`, `目前`.
fn period_named(said: &str) -> Option<Period> {
    let through = ["截至", "截止", "截到", "至", "到"]
        .iter()
        .find_map(|p| said.strip_prefix(p));
    let rest = through.unwrap_or(said);
    let month_end = |rest: &str| matches!(rest, "" | "底" | "末" | "份");
    if let Some(rest) = ["本月", "当月"].iter().find_map(|w| rest.strip_prefix(w)) {
        return month_end(rest).then_some(Period::ThisMonth);
    }
    if let Some(rest) = ["上月", "上个月"].iter().find_map(|w| rest.strip_prefix(w)) {
        return month_end(rest).then_some(Period::Other);
    }
    let (year, rest) = year_first(rest).map_or((None, rest), |(y, rest)| (Some(y), rest));
    if year.is_some() && matches!(rest, "" | "底" | "末") {
        return Some(Period::Other);
    }
    let rest = rest.replace(['—', '–', '~', '～', '至', '到'], "-");
    let (range, rest) = match rest.strip_prefix("1-").or(rest.strip_prefix("1月-")) {
        Some(rest) => (true, rest),
        None => (false, rest.as_str()),
    };
    let (_, after) = month_at_start(rest)?;
    let day = after
        .strip_suffix('日')
        .is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()));
    if !(month_end(after) || after == "初" || day) {
        return None;
    }
    let one = !range && through.is_none() && after.is_empty();
    Some(if one { Period::OneMonth } else { Period::Other })
}

/// The texts inside a header's brackets, each on its own: `万元` of `总投资（万元）`.
fn bracketed(header: &str) -> Vec<String> {
    let half = to_halfwidth(header);
    let half = unit_bracketed(&half);
    let mut out = Vec::new();
    let mut depth = 0usize;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => {
                if depth == 0 {
                    out.push(String::new());
                }
                depth += 1;
            }
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            c if depth > 0 && !c.is_whitespace() => {
                out.last_mut().into_iter().for_each(|s| s.push(c))
            }
            _ => {}
        }
    }
    out
}

/// The unit an amount column's header names in brackets.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// 万元.
    Wan,
    /// Another unit, with the factor from it to 万元: 10000 for `（亿元）`, 1/10000 for `（元）`.
    Scaled(rust_decimal::Decimal),
    /// A unit not known (`（万美元）`), as written.
    Unknown(String),
}

impl Unit {
    /// The factor from the unit to 万元; `None` for a unit xmtool does not convert.
    pub fn factor(&self) -> Option<rust_decimal::Decimal> {
        match self {
            Unit::Wan => Some(rust_decimal::Decimal::ONE),
            Unit::Scaled(factor) => Some(*factor),
            Unit::Unknown(_) => None,
        }
    }
}

/// The unit of an amount column, from its header's brackets; `None` when none is said. A
/// bracket that names no money (`（含以前年度）`) is no unit; one that names an amount xmtool
/// does not convert (`（万美元）`, `（十亿元）`) is `Unknown`.
pub fn amount_unit(header: &str) -> Option<Unit> {
    amount_units(header)
        .into_iter()
        .next()
        .map(|(_, unit)| unit)
}

/// Every unit an amount column's header names in brackets, as written, in order: more than one
/// where a unit under a header joins one in it (`本月完成投资（亿元）（万元）`).
pub fn amount_units(header: &str) -> Vec<(String, Unit)> {
    // (A bracket may say more beside the unit: `（亿元，含征地）`.)
    bracketed(header)
        .iter()
        .flat_map(|said| said.split([',', '，', ';', '；', '、', '/']))
        .filter_map(|part| Some((part.to_string(), unit_named(part)?)))
        .collect()
}

/// The unit a table's title rows give its amounts (`单位：亿元`, `单位: 万元`), if a cell says
/// one. Units of other columns may follow it (`单位：亿元、个`, `单位：亿元/%`); a list naming two
/// units of money (`单位：亿元、万元`, each column saying its own) gives none.
pub fn table_unit(cell: &str) -> Option<Unit> {
    let half = to_halfwidth(cell);
    half.match_indices("单位").find_map(|(at, _)| {
        let said: String = half[at + "单位".len()..]
            .trim_start_matches([':', '：', ' ', '为', '是'])
            .chars()
            .take_while(|c| {
                !c.is_whitespace() && !matches!(c, ')' | '）' | ',' | '，' | ';' | '；')
            })
            .collect();
        let said = said.trim_end_matches(['.', '。']);
        // (A name after 填报单位 is who reports: only a currency is taken as a unit there.)
        let mut money = said
            .split(['、', '/'])
            .filter_map(unit_named)
            .filter(|u| !matches!(u, Unit::Unknown(s) if !s.ends_with('元')));
        let unit = money.next()?;
        money.all(|other| other == unit).then_some(unit)
    })
}

/// The unit a text names: `万元`, `元`, `单位：元`, `人民币元`; `None` for a text that names no
/// money.
pub fn unit_named(said: &str) -> Option<Unit> {
    // `单位：万元`, `人民币元`, `元人民币`, `人民币：元`: the unit is what is left.
    let unit: String = said
        .trim_start_matches("单位")
        .replace("人民币", "")
        .chars()
        .filter(|c| !matches!(c, ':' | '：'))
        .collect();
    if let Some(&(_, factor)) = UNITS.iter().find(|(u, _)| *u == unit) {
        return Some(match factor == rust_decimal::Decimal::ONE {
            true => Unit::Wan,
            false => Unit::Scaled(factor),
        });
    }
    (unit.contains(['元', '亿', '万']) || unit.to_lowercase().contains("usd"))
        .then(|| Unit::Unknown(said.to_string()))
}

/// Whether an investment column's header says its figures are not this year's: a cumulative
/// one counting from the project's start or over years before (累计完成投资（自开工以来）,
/// 累计完成投资（含以前年度）), or either one last year's (本月完成投资（上年同期）).
pub fn not_this_years(field: Field, header: &str) -> bool {
    const LAST_YEARS: [&str; 3] = ["上年", "去年", "同期"];
    let half = to_halfwidth(header);
    let says = |phrases: &[&str]| phrases.iter().any(|p| half.contains(p));
    match field {
        Field::YtdInvestment => says(&SINCE_START) || says(&LAST_YEARS),
        Field::MonthInvestment => says(&LAST_YEARS),
        _ => false,
    }
}

/// Words of a cumulative investment header saying it counts from the project's start or over
/// years before (`not_this_years`).
const SINCE_START: [&str; 11] = [
    "开工以来",
    "自开工",
    "开工至今",
    "开工累计",
    "项目累计",
    "总累计",
    "建设以来",
    "以前年度",
    "往年",
    "历年",
    "开累",
];

/// What a year-to-date column's header says its figures are for: a year (`2024年累计完成投资`),
/// the month they run to (`1-6月完成投资`), or both (`2024年1-6月完成投资`); or a month's
/// figure's, the month it is of (`6月完成投资`, `2024年6月完成投资`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YtdSaid {
    pub year: Option<i32>,
    pub month: Option<u32>,
}

impl YtdSaid {
    /// Whether the figures are for month `m`: its year and month, where the header says them.
    pub fn is_for(self, m: crate::model::YearMonth) -> bool {
        self.year.is_none_or(|y| y == m.year()) && self.month.is_none_or(|n| n == m.month())
    }
}

/// What a year-to-date header says its figures are for, where it says a year or a month.
pub fn ytd_said(header: &str) -> Option<YtdSaid> {
    let n = normalize(header);
    if let Some(month) = months_to_date_end(&n) {
        return Some(YtdSaid {
            year: year_said(&n).0,
            month: Some(month),
        });
    }
    match year_said(&n) {
        (Some(year), rest) if is_ytd_after_a_year(rest) => Some(YtdSaid {
            year: Some(year),
            month: None,
        }),
        _ => None,
    }
}

/// What a month's figure header says it is for: its month (`6月完成投资`, `6月份完成`), and its
/// year if it says one (`2024年6月完成投资`); or its year alone (`2024年本月完成投资`).
pub fn month_figure_said(header: &str) -> Option<YtdSaid> {
    month_figure(&normalize(header))
}

/// `month_figure_said` of a normalised header. (Not `6月投资`, which may be a plan.)
fn month_figure(normalized: &str) -> Option<YtdSaid> {
    let (year, rest) = year_said(normalized);
    // (2024年本月完成投资: a year's month, whichever it is.)
    if year.is_some()
        && Field::MonthInvestment
            .aliases()
            .iter()
            .any(|a| normalize(a) == rest)
    {
        return Some(YtdSaid { year, month: None });
    }
    let (month, rest) = month_at_start(rest)?;
    matches!(rest, "完成投资" | "完成" | "投资完成" | "实际完成投资").then_some(YtdSaid {
        year,
        month: Some(month),
    })
}

/// The N of a normalised `1-N月完成投资` header.
fn months_to_date_end(normalized: &str) -> Option<u32> {
    months_to_date(normalized).flatten()
}

/// The year a normalised header begins with (`2024年`, `2024年度`), and the rest; or the rest
/// after words saying this year before months or a year (`本年度1-6月`, no year; `本年2024年1-6月`,
/// as 其中：本年 under a group `2024年1-6月` makes, 2024).
pub(crate) fn year_said(normalized: &str) -> (Option<i32>, &str) {
    if let Some((year, rest)) = year_first(normalized) {
        return (Some(year), rest);
    }
    let this_year = ["本年度", "本年", "今年", "当年"]
        .iter()
        .find_map(|w| normalized.strip_prefix(w));
    match this_year {
        // (Or `1月-6月`, which `normalize` makes `1-6月`.)
        Some(rest) if rest.starts_with("1-") || rest.starts_with("1月-") => (None, rest),
        Some(rest) => match year_first(rest) {
            Some((year, rest)) if rest.starts_with("1-") => (Some(year), rest),
            _ => (None, normalized),
        },
        None => (None, normalized),
    }
}

/// The year a text begins with (`2024年`, `2024年度`), and the rest.
fn year_first(text: &str) -> Option<(i32, &str)> {
    let year = text
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let rest = text[4..].strip_prefix('年')?;
    Some((year, rest.strip_prefix('度').unwrap_or(rest)))
}

/// Whether what follows a year in a normalised header names year-to-date: `2024年累计完成投资`.
/// (Not `2024年完成投资`: as often a group header over 本月 and 1-6月 as a column; beside a
/// 累计 that may count from the start, `table` warns of it.)
fn is_ytd_after_a_year(rest: &str) -> bool {
    Field::YtdInvestment
        .aliases()
        .iter()
        .any(|a| !a.starts_with("1-") && normalize(a) == rest)
}

/// Whether what follows a year in a normalised header names that year's plan: `2024年计划投资`,
/// `2024年度投资计划`. (Not `2024年计划` alone, which may head a group of columns.)
fn is_plan_after_a_year(rest: &str) -> bool {
    matches!(rest, "计划投资" | "投资计划" | "计划完成投资")
        || Field::AnnualPlan
            .aliases()
            .iter()
            .any(|a| normalize(a) == rest)
}

/// The year a plan's header names (`2024年计划投资（万元）`, `2024年度投资计划`): the plan is
/// that year's.
pub fn plan_year_said(header: &str) -> Option<i32> {
    let n = normalize(header);
    match year_said(&n) {
        (Some(year), rest) if is_plan_after_a_year(rest) => Some(year),
        _ => None,
    }
}

/// The month a normalised header's months to date end at (`1-6月`, after a year if any), and
/// what follows them (`完成投资` of `2024年1-6月完成投资`).
pub(crate) fn months_to_date_said(normalized: &str) -> Option<(u32, &str)> {
    month_at_start(year_said(normalized).1.strip_prefix("1-")?)
}

/// The month a text starts with (`6月`, `12月份`), and what follows it.
fn month_at_start(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let month = text[..digits]
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let rest = text[digits..].strip_prefix('月')?;
    Some((month, rest.strip_prefix('份').unwrap_or(rest)))
}

/// Whether a normalised header reads `1-6月完成投资` (or `1-6月累计完成投资`, `2024年1-6月完成投资`):
/// year-to-date.
fn is_months_to_date(normalized: &str) -> bool {
    months_to_date(normalized).is_some()
}

/// The month a normalised `1-6月完成投资` header's months run to (`None` for `1-N月完成投资`);
/// `None` for any other header.
fn months_to_date(normalized: &str) -> Option<Option<u32>> {
    let rest = year_said(normalized).1.strip_prefix("1-")?;
    let (month, rest) = match rest.strip_prefix("n月") {
        Some(rest) => (None, rest.strip_prefix('份').unwrap_or(rest)),
        None => month_at_start(rest).map(|(month, rest)| (Some(month), rest))?,
    };
    // (1-6月 alone names no figure, nor 1-6月投资, which may be a plan: 1-6月累计 and
    // 1-6月完成 do.)
    matches!(
        rest,
        "完成投资" | "累计完成投资" | "累计" | "累计投资" | "累计完成" | "完成"
    )
    .then_some(month)
}

/// Whether a header is months to date alone, naming no figure (`1-6月`, `2024年1-6月`,
/// `1-6月（万元）`): not read, as it may head a group of columns, but worded like a year-to-date.
pub(crate) fn months_alone(header: &str) -> bool {
    let n = normalize(header);
    (year_said(&n).1.strip_prefix("1-"))
        .and_then(month_at_start)
        .is_some_and(|(_, rest)| rest.is_empty() || rest == "份")
}

/// Words saying a figure is this year's (`本年累计`, `今年以来`, `年初至今`).
const THIS_YEAR: [&str; 4] = ["本年", "今年", "当年", "年初"];

/// Maps normalised headers to fields: the built-in aliases, the English keys, and any aliases
/// from settings.
#[derive(Clone, Debug)]
pub struct HeaderMatcher {
    known: HashMap<String, Field>,
    /// The settings' own aliases, as written, for messages naming what was looked for.
    extra: Vec<(Field, Vec<String>)>,
}

impl HeaderMatcher {
    pub fn new(extra: &[(Field, Vec<String>)]) -> HeaderMatcher {
        let mut known = HashMap::new();
        // Settings first, so a clerk's alias wins over a built-in one.
        for (field, aliases) in extra {
            for alias in aliases {
                known.entry(normalize(alias)).or_insert(*field);
            }
        }
        for field in Field::ALL {
            known.entry(normalize(field.key())).or_insert(field);
            for alias in field.aliases() {
                known.entry(normalize(alias)).or_insert(field);
            }
        }
        HeaderMatcher {
            known,
            extra: extra.to_vec(),
        }
    }

    /// The headers `field` is looked for under, joined by ", ": the settings' aliases first,
    /// then the built-in ones.
    pub fn looked_for(&self, field: Field) -> String {
        let own = self
            .extra
            .iter()
            .filter(|(f, _)| *f == field)
            .flat_map(|(_, aliases)| aliases.iter().map(String::as_str));
        let mut names: Vec<&str> = Vec::new();
        for name in own.chain(field.aliases().iter().copied()) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    }

    /// Whether a header is one of the settings' aliases of `field`, and none of its built-in
    /// ones.
    pub fn named_in_settings(&self, field: Field, header: &str) -> bool {
        let n = normalize(header);
        !field.aliases().iter().any(|a| normalize(a) == n) && self.is_own(field, &n)
    }

    /// Whether a header is one of the settings' aliases of `field`, built-in or not.
    pub fn in_settings(&self, field: Field, header: &str) -> bool {
        self.is_own(field, &normalize(header))
    }

    /// Whether a normalised header is one of the settings' aliases of `field`.
    fn is_own(&self, field: Field, normalized: &str) -> bool {
        self.extra
            .iter()
            .filter(|(f, _)| *f == field)
            .flat_map(|(_, aliases)| aliases)
            .any(|alias| normalize(alias) == normalized)
    }

    /// The matcher of the built-in aliases alone, made once: for a look at a workbook's
    /// sheets before the settings' matcher has a table to read.
    pub fn built_in() -> &'static HeaderMatcher {
        static BUILT_IN: std::sync::LazyLock<HeaderMatcher> =
            std::sync::LazyLock::new(|| HeaderMatcher::new(&[]));
        &BUILT_IN
    }

    /// The field a header cell names, if any.
    pub fn field(&self, header: &str) -> Option<Field> {
        self.named(header)
            .filter(|&field| !not_this_years(field, header))
            .filter(|field| !(Field::AMOUNTS.contains(field) && says_a_share(header)))
            .filter(|&field| {
                // (Not one named under [aliases]: the clerk's word on it.)
                let done = matches!(field, Field::YtdInvestment | Field::MonthInvestment);
                !(done && says_a_goal(header)) || self.is_own(field, &normalize(header))
            })
    }

    /// The investment field a header cell would name but for saying its figures are not this
    /// year's (`累计完成投资（开工以来）`); the year-to-date for one that names an investment
    /// but for its words saying since when (`开工以来累计完成投资`, `开累完成投资`), which is
    /// never read as one.
    pub fn not_this_years(&self, header: &str) -> Option<Field> {
        if let Some(field) = self.named(header) {
            return not_this_years(field, header).then_some(field);
        }
        let mut rest = to_halfwidth(header).into_owned();
        let said = SINCE_START
            .iter()
            .filter(|words| rest.contains(*words))
            .count();
        for words in SINCE_START {
            rest = rest.replacen(words, "", 1);
        }
        // (`自开工以来累计完成投资`, `自开工累计完成`, `开累完成（万元）`, `开累投资`: the words
        // left, its unit aside, as a header says them, 累计, 完成 and 投资 as it may leave them
        // out.)
        let rest = normalize(rest.trim_start_matches(['自', '以', '来']));
        let named = |rest: String| {
            (self.named(&rest))
                .filter(|field| matches!(field, Field::YtdInvestment | Field::MonthInvestment))
        };
        (said > 0)
            .then(|| {
                [
                    rest.clone(),
                    format!("{rest}投资"),
                    format!("累计{rest}"),
                    format!("累计{rest}投资"),
                    format!("累计完成{rest}"),
                ]
                .into_iter()
                .find_map(named)
            })
            .flatten()
            .map(|_| Field::YtdInvestment)
    }

    /// The field a header cell names, whether or not it says its figures are not this year's:
    /// `field` or `not_this_years`.
    pub fn named(&self, header: &str) -> Option<Field> {
        let n = normalize(header);
        if n.is_empty() {
            return None;
        }
        self.known.get(&n).copied().or_else(|| {
            let (year, rest) = year_said(&n);
            if is_months_to_date(&n) || year.is_some() && is_ytd_after_a_year(rest) {
                Some(Field::YtdInvestment)
            } else if month_figure(&n).is_some() {
                Some(Field::MonthInvestment)
            } else {
                (year.is_some() && is_plan_after_a_year(rest)).then_some(Field::AnnualPlan)
            }
        })
    }

    /// Whether a header says its figures are `year`'s: that year, 本年, 今年, 年初 … or 1-N月,
    /// and not last year's (上年, 同期 …) or since the project's start.
    pub fn says_this_year(&self, header: &str, year: Option<i32>) -> bool {
        let n = normalize(header);
        let said = match year_said(&n).0 {
            Some(y) => year == Some(y),
            None => is_months_to_date(&n) || THIS_YEAR.iter().any(|w| n.contains(w)),
        };
        said && !not_this_years(Field::YtdInvestment, header)
    }

    /// The alias priority of a header for its field: lower is preferred when two columns name the
    /// same field (项目编号 over 项目代码).
    pub fn priority(&self, field: Field, header: &str) -> usize {
        let n = normalize(header);
        // A plan or nature column named in settings, before all: the clerk's word on which
        // column is the plan (调整后年度计划投资 beside 年度计划投资, 今年计划 beside several
        // years'), or the nature (项目性质 beside a 建设类型 of 市政道路 and 房屋建筑). (Not so for
        // other fields: `id = ["统一项目代码"]`, for files without 项目编号, would otherwise take
        // the ids from 统一项目代码 in a file with both, and no report would match them.)
        let built_in = field.aliases().iter().position(|a| normalize(a) == n);
        let first = matches!(field, Field::AnnualPlan | Field::Nature);
        if first && built_in.is_none() && self.is_own(field, &n) {
            return 0;
        }
        if field == Field::YtdInvestment {
            // 本年累计 (今年以来, 年初至今 …) and 1-6月 say outright that they count from 1 January (a plain 累计 may
            // count from the project's start); of 2023年1-6月 and 2024年1-6月, last year's beside
            // this year's, the later year's. Before all, 其中：本年… beside a total it is part
            // of: the total counts from the project's start (`截至6月底累计完成投资` over 合计
            // and 其中：本年).
            if THIS_YEAR.iter().any(|w| n.contains(w)) || n.starts_with("全年") {
                let part = super::value::without_spaces(header).starts_with("其中");
                return usize::from(!part);
            }
            let by_year = match year_said(&n) {
                (None, _) => 0,
                (Some(year), _) => 1 + (LAST_YEAR as usize).saturating_sub(year.max(0) as usize),
            };
            if is_months_to_date(&n) {
                // (The shorter forms, 1-6月累计, after the whole ones, 1-6月完成投资.)
                let whole = n.ends_with("完成投资");
                return 1 + by_year + if whole { 0 } else { 300 };
            }
            // 2024年累计完成投资 beside 2023年's; after a plain 累计 unless it is the file's year
            // (`table` prefers it then: a 2023年 column beside 累计 is last year's, for 同比).
            if by_year > 0 && !self.known.contains_key(&n) {
                return 2000 + by_year;
            }
        }
        // (Other aliases in their order, after those.)
        if field == Field::AnnualPlan {
            // Of 2024年计划投资 and 2025年计划投资, the earlier year's (a registry's own plan beside
            // next year's); after a plain 年度计划投资.
            if let Some(year) = plan_year_said(header)
                && !self.known.contains_key(&n)
            {
                return 2000 + year.clamp(0, LAST_YEAR) as usize;
            }
        }
        built_in.map_or(usize::MAX, |p| 1000 + p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_as_clerks_write_them() {
        let m = HeaderMatcher::new(&[]);
        let cases: &[(&str, Option<Field>)] = &[
            ("6月完成投资（万元）", Some(Field::MonthInvestment)),
            ("12月完成", Some(Field::MonthInvestment)),
            ("6月投资", None),
            ("13月完成投资", None),
            ("项目编号", Some(Field::Id)),
            (" 项目编号 ", Some(Field::Id)),
            ("*项目编号", Some(Field::Id)),
            ("总投资（万元）", Some(Field::TotalInvestment)),
            ("总投资(万元)", Some(Field::TotalInvestment)),
            ("总投资【万元】", Some(Field::TotalInvestment)),
            ("total_investment", Some(Field::TotalInvestment)),
            ("TOTAL_INVESTMENT", Some(Field::TotalInvestment)),
            ("工程名称", Some(Field::Name)),
            ("项目\n名称", Some(Field::Name)),
            ("年度计划投资\r\n（万元）", Some(Field::AnnualPlan)),
            ("1-6月完成投资", Some(Field::YtdInvestment)),
            ("1—6月累计完成投资（万元）", Some(Field::YtdInvestment)),
            ("1至12月完成投资", Some(Field::YtdInvestment)),
            ("1月至6月完成投资", Some(Field::YtdInvestment)),
            ("本年1月至6月完成投资", Some(Field::YtdInvestment)),
            ("2024年1月-6月累计完成投资", Some(Field::YtdInvestment)),
            ("一至六月完成投资", Some(Field::YtdInvestment)),
            ("一月至十二月累计完成投资", Some(Field::YtdInvestment)),
            ("截至六月底累计完成投资", Some(Field::YtdInvestment)),
            ("六月完成投资", Some(Field::MonthInvestment)),
            ("1-N月完成投资", Some(Field::YtdInvestment)),
            ("累计完成投资", Some(Field::YtdInvestment)),
            ("本年累计完成投资(万元)", Some(Field::YtdInvestment)),
            ("本年完成投资", Some(Field::YtdInvestment)),
            ("本年累计完成投资额", Some(Field::YtdInvestment)),
            ("至本月累计完成投资（万元）", Some(Field::YtdInvestment)),
            ("本月完成投资额（万元）", Some(Field::MonthInvestment)),
            ("总投资额", Some(Field::TotalInvestment)),
            ("2024年1-6月完成投资", Some(Field::YtdInvestment)),
            ("2024年1—6月累计完成投资额", Some(Field::YtdInvestment)),
            ("2024年完成投资", None),
            ("2024年度累计完成投资（万元）", Some(Field::YtdInvestment)),
            ("其中：本年完成投资", Some(Field::YtdInvestment)),
            ("截至6月30日累计完成投资", Some(Field::YtdInvestment)),
            // (A helper's forms: a month's end alone, from the year's start, in other words.)
            ("6月底累计完成投资", Some(Field::YtdInvestment)),
            (
                "2024年6月末累计完成投资（万元）",
                Some(Field::YtdInvestment),
            ),
            ("年初至6月底累计完成投资", Some(Field::YtdInvestment)),
            ("本年度累计完成（万元）", Some(Field::YtdInvestment)),
            ("年度累计完成", Some(Field::YtdInvestment)),
            ("今年累计完成", Some(Field::YtdInvestment)),
            ("本年实际完成投资", Some(Field::YtdInvestment)),
            ("全年完成投资（万元）", Some(Field::YtdInvestment)),
            ("全年计划投资", None),
            ("全年预计完成投资", None),
            ("6月完成投资", Some(Field::MonthInvestment)),
            ("6月底形象进度", None),
            // (A share of the plan, in brackets `normalize` drops: no amount.)
            ("累计完成投资（%）", None),
            ("累计完成投资(占年度计划比例)", None),
            ("本月完成投资（％）", None),
            ("截至2024年2月29日完成投资", Some(Field::YtdInvestment)),
            ("截至2023年2月28日完成投资", Some(Field::YtdInvestment)),
            ("截至2024年2月28日完成投资", None),
            ("截至2023年2月29日完成投资", None),
            ("截至6月15日累计完成投资", None),
            ("其中:1-6月完成投资", Some(Field::YtdInvestment)),
            ("其中：本年度完成", Some(Field::YtdInvestment)),
            ("其中：本月完成投资", Some(Field::MonthInvestment)),
            ("今年以来完成投资", Some(Field::YtdInvestment)),
            ("本年度1-6月完成投资", Some(Field::YtdInvestment)),
            ("其中", None),
            // (A month's figure, not a year-to-date.)
            ("2024年6月完成投资", Some(Field::MonthInvestment)),
            ("2024年计划投资", Some(Field::AnnualPlan)),
            ("2024年度计划投资（万元）", Some(Field::AnnualPlan)),
            ("2024年投资计划", Some(Field::AnnualPlan)),
            ("2024年计划完成投资", Some(Field::AnnualPlan)),
            ("2024年计划", None),
            ("计划投资", None),
            ("年度投资计划（万元）", Some(Field::AnnualPlan)),
            ("本年计划投资", Some(Field::AnnualPlan)),
            ("本年度计划投资", Some(Field::AnnualPlan)),
            ("所属县区", Some(Field::District)),
            ("报告月份", Some(Field::Month)),
            ("序号", None),
            ("备注", None),
            ("", None),
            ("（万元）", None),
            ("1-6月", None),
            // Shorter forms departments type.
            ("1-6月累计", Some(Field::YtdInvestment)),
            ("1-6月累计投资", Some(Field::YtdInvestment)),
            ("1-6月份完成", Some(Field::YtdInvestment)),
            ("2024年1-6月累计（万元）", Some(Field::YtdInvestment)),
            ("本月完成", Some(Field::MonthInvestment)),
            ("当月完成（万元）", Some(Field::MonthInvestment)),
            // Words that head groups of columns (本年累计 over 计划 and 完成), or may be a
            // plan: not read alone.
            ("1-6月投资", None),
            ("本年累计", None),
            ("累计投资", None),
            ("累计完成", None),
            ("本月投资", None),
            ("1-6月计划", None),
            ("累计", None),
        ];
        for (header, want) in cases {
            assert_eq!(m.field(header), *want, "header {header:?}");
        }
    }

    #[test]
    fn periods_in_brackets_read_as_written_before_the_header() {
        let m = HeaderMatcher::new(&[]);
        let cases: &[(&str, &str, Option<Field>)] = &[
            (
                "累计完成投资（截至5月底）",
                "1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（截止2024年5月末）",
                "2024年1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资(截至6月30日)（万元）",
                "1-6月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（1-5月）",
                "1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "本年完成投资（1至5月）",
                "1-5月完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（5月）",
                "1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "（截至五月底）累计完成投资",
                "1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（万元，1-5月）",
                "1-5月累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "本月完成投资（5月）",
                "5月完成投资",
                Some(Field::MonthInvestment),
            ),
            (
                "当月完成（2024年5月份）",
                "2024年5月份完成",
                Some(Field::MonthInvestment),
            ),
            (
                "本月完成投资（2024年）",
                "2024年本月完成投资",
                Some(Field::MonthInvestment),
            ),
            (
                "年度计划投资（2023年）",
                "2023年年度计划投资",
                Some(Field::AnnualPlan),
            ),
            (
                "累计完成投资（2023年度）",
                "2023年度累计完成投资",
                Some(Field::YtdInvestment),
            ),
            ("累计完成投资（上月）", "上月累计完成投资", None),
            ("累计完成投资（截至上月底）", "截-上月底累计完成投资", None),
            ("本月完成投资（上月）", "上月本月完成投资", None),
            (
                "累计完成投资（截至2023年底）",
                "截-2023年底累计完成投资",
                None,
            ),
            (
                "累计完成投资（本月）",
                "累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（截至本月，万元）",
                "累计完成投资",
                Some(Field::YtdInvestment),
            ),
            // Units and notes, and where a period changes nothing read, as they were.
            (
                "累计完成投资（万元）",
                "累计完成投资",
                Some(Field::YtdInvestment),
            ),
            (
                "累计完成投资（截至目前）",
                "累计完成投资",
                Some(Field::YtdInvestment),
            ),
            ("累计完成投资（预计）", "累计完成投资", None),
            ("累计完成投资（含以前年度）", "累计完成投资", None),
            ("累计完成投资（开累）", "累计完成投资", None),
            ("总投资（2023年）", "总投资", Some(Field::TotalInvestment)),
            ("形象进度（截至5月底）", "形象进度", Some(Field::Progress)),
            ("合计（2024年）", "合计", None),
            ("（1-6月）", "", None),
        ];
        for (header, normalized, field) in cases {
            assert_eq!(normalize(header), *normalized, "{header}");
            assert_eq!(m.field(header), *field, "{header}");
        }
        let said = |year, month| Some(YtdSaid { year, month });
        assert_eq!(ytd_said("累计完成投资（截至5月底）"), said(None, Some(5)));
        assert_eq!(
            month_figure_said("本月完成投资（5月）"),
            said(None, Some(5))
        );
        assert_eq!(plan_year_said("年度计划投资（2023年）"), Some(2023));
    }

    #[test]
    fn a_plans_header_may_name_its_year() {
        assert_eq!(plan_year_said("2024年计划投资（万元）"), Some(2024));
        assert_eq!(plan_year_said("2024年度投资计划"), Some(2024));
        assert_eq!(plan_year_said("年度计划投资"), None);
        assert_eq!(plan_year_said("2024年累计完成投资"), None);
        let m = HeaderMatcher::new(&[]);
        let priority = |header| m.priority(Field::AnnualPlan, header);
        assert!(priority("2024年计划投资") < priority("2025年计划投资"));
        assert!(priority("年度计划投资") < priority("2024年计划投资"));
    }

    #[test]
    fn cumulative_since_the_start_is_not_year_to_date() {
        let m = HeaderMatcher::new(&[]);
        assert_eq!(m.field("累计完成投资（自开工以来）"), None);
        assert_eq!(m.field("开工以来累计完成投资"), None);
        // Counting years before this one, or last year's: not this year's year-to-date.
        for header in [
            "累计完成投资（含以前年度）",
            "累计完成投资（历年）",
            "累计完成投资（开累）",
            "累计完成投资（上年同期）",
            "本月完成投资（上年同期）",
        ] {
            assert_eq!(m.field(header), None, "{header}");
        }
        assert_eq!(m.field("累计完成投资（万元）"), Some(Field::YtdInvestment));
        assert!(
            m.priority(Field::YtdInvestment, "本年累计完成投资")
                < m.priority(Field::YtdInvestment, "累计完成投资")
        );
        // The standard form's pair: 累计 since the start beside 本年完成投资.
        assert!(
            m.priority(Field::YtdInvestment, "本年完成投资")
                < m.priority(Field::YtdInvestment, "累计完成投资")
        );
        assert!(
            m.priority(Field::YtdInvestment, "2024年1-6月完成投资")
                < m.priority(Field::YtdInvestment, "2023年1-6月完成投资")
        );
        assert!(
            m.priority(Field::YtdInvestment, "1-6月完成投资")
                < m.priority(Field::YtdInvestment, "2023年1-6月完成投资")
        );
        // 1-6月完成投资 before 1-6月累计 (or a plan's 1-6月投资, were it read).
        assert!(
            m.priority(Field::YtdInvestment, "1-6月完成投资")
                < m.priority(Field::YtdInvestment, "1-6月累计")
        );
        assert!(
            m.priority(Field::YtdInvestment, "2024年累计完成投资")
                < m.priority(Field::YtdInvestment, "2023年累计完成投资")
        );
        // (A year's after a plain 累计: `table` prefers it where it is the file's year.)
        assert!(
            m.priority(Field::YtdInvestment, "2024年累计完成投资")
                > m.priority(Field::YtdInvestment, "累计完成投资")
        );
        // A plain 累计 may count from the project's start: 1-6月 says this year's.
        assert!(
            m.priority(Field::YtdInvestment, "2024年1-6月完成投资")
                < m.priority(Field::YtdInvestment, "累计完成投资")
        );
    }

    #[test]
    fn units_in_brackets() {
        use rust_decimal::Decimal;
        let scaled = |m, s| Some(Unit::Scaled(Decimal::new(m, s)));
        assert_eq!(amount_unit("总投资（亿元）"), scaled(10_000, 0));
        assert_eq!(amount_unit("总投资(亿)"), scaled(10_000, 0));
        assert_eq!(amount_unit("总投资（元）"), scaled(1, 4));
        assert_eq!(amount_unit("总投资（单位：元）"), scaled(1, 4));
        assert_eq!(amount_unit("总投资（元人民币）"), scaled(1, 4));
        assert_eq!(amount_unit("总投资（人民币：元）"), scaled(1, 4));
        assert_eq!(amount_unit("总投资（千元）"), scaled(1, 1));
        assert_eq!(amount_unit("总投资（百万元）"), scaled(100, 0));
        assert_eq!(amount_unit("总投资（百万）"), scaled(100, 0));
        assert_eq!(amount_unit("总投资（千）"), scaled(1, 1));
        assert_eq!(amount_unit("总投资（百元）"), scaled(1, 2));
        assert_eq!(amount_unit("总投资（万元）"), Some(Unit::Wan));
        assert_eq!(amount_unit("总投资（单位：万元）"), Some(Unit::Wan));
        assert_eq!(amount_unit("总投资"), None);
        // A bracket naming no money is no unit; the unit may be in another bracket.
        assert_eq!(amount_unit("总投资（含征地）"), None);
        assert_eq!(amount_unit("总投资（含征地）（亿元）"), scaled(10_000, 0));
        assert_eq!(amount_unit("总投资（亿元，含征地）"), scaled(10_000, 0));
        let unknown = |u: &str| Some(Unit::Unknown(u.into()));
        assert_eq!(amount_unit("总投资（万美元）"), unknown("万美元"));
        assert_eq!(amount_unit("总投资（十亿元）"), unknown("十亿元"));
        // A unit after the name, outside brackets.
        for header in [
            "累计完成投资/亿元",
            "累计完成投资／亿元",
            "累计完成投资 亿元",
            "累计完成投资：亿元",
            "累计完成投资亿元",
        ] {
            assert_eq!(amount_unit(header), scaled(10_000, 0), "{header}");
            assert_eq!(normalize(header), "累计完成投资", "{header}");
        }
        assert_eq!(amount_unit("总投资万元"), Some(Unit::Wan));
        assert_eq!(amount_unit("本月完成投资/元"), scaled(1, 4));
        assert_eq!(normalize("本月完成投资元"), "本月完成投资元");
        assert_eq!(normalize("单元"), "单元");
        // A unit not of 元 only after a separator: 是否超千万 asks, 千万 is no unit of it.
        assert_eq!(amount_unit("本月完成投资/千万"), scaled(1000, 0));
        assert_eq!(normalize("是否超千万"), "是否超千万");
        assert_eq!(amount_unit("是否超千万"), None);
        // Said for the whole table in a title row (填报单位 is who reports, not a unit).
        assert_eq!(table_unit("单位：亿元"), scaled(10_000, 0));
        assert_eq!(table_unit("单位：千"), scaled(1, 1));
        assert_eq!(table_unit("单位：百万元"), scaled(100, 0));
        assert_eq!(table_unit("（单位：元）"), scaled(1, 4));
        assert_eq!(
            table_unit("填报单位：金川区发改局    单位: 万元"),
            Some(Unit::Wan)
        );
        assert_eq!(table_unit("金川区2024年重点项目"), None);
        assert_eq!(table_unit("填报单位：金川区发改局"), None);
        assert_eq!(table_unit("填报单位：万达集团"), None);
        // Other columns' units beside it (they were read as no unit, the figures as 万元).
        for said in [
            "单位：亿元、个",
            "单位：亿元，个",
            "单位：亿元、%",
            "单位：亿元/个",
            "单位：亿元。",
            "单位：个、亿元",
        ] {
            assert_eq!(table_unit(said), scaled(10_000, 0), "{said}");
        }
        // Two units of money (the columns say which is whose), and words after the unit.
        assert_eq!(table_unit("单位：万元、亿元"), None);
        assert_eq!(table_unit("注：金额单位为亿元"), scaled(10_000, 0));
        assert_eq!(table_unit("单位：亿元（总投资）、万元（完成投资）"), None);
        assert_eq!(
            table_unit("（单位：万元，共35个项目，总投资86.5亿元）"),
            Some(Unit::Wan)
        );
        let said = |year, month| Some(YtdSaid { year, month });
        assert_eq!(ytd_said("1-6月完成投资（万元）"), said(None, Some(6)));
        assert_eq!(ytd_said("1至12月累计完成投资"), said(None, Some(12)));
        assert_eq!(ytd_said("2024年1-6月完成投资"), said(Some(2024), Some(6)));
        assert_eq!(ytd_said("本年度1-6月完成投资"), said(None, Some(6)));
        assert_eq!(ytd_said("2024年累计完成投资"), said(Some(2024), None));
        assert_eq!(ytd_said("2024年度本年完成投资"), said(Some(2024), None));
        assert_eq!(ytd_said("2024年完成投资"), None);
        assert_eq!(ytd_said("累计完成投资"), None);
        assert_eq!(ytd_said("本年累计完成投资"), None);
    }

    #[test]
    fn listing_headers_are_every_verb_with_every_word_of_when() {
        let m = HeaderMatcher::new(&[]);
        let cases: &[(&str, Option<Field>)] = &[
            ("纳入时间", Some(Field::ListedFrom)),
            ("调入月份", Some(Field::ListedFrom)),
            ("新增月份", Some(Field::ListedFrom)),
            ("列入月份", Some(Field::ListedFrom)),
            ("纳入年月", Some(Field::ListedFrom)),
            ("入库时间", None),
            ("纳入", Some(Field::ListedFrom)),
            ("调入", Some(Field::ListedFrom)),
            ("调出时间", Some(Field::Delisted)),
            ("调出年月", Some(Field::Delisted)),
            ("取消月份", Some(Field::Delisted)),
            ("移出月份", Some(Field::Delisted)),
            ("退库时间", None),
            ("撤销日期", Some(Field::Delisted)),
            ("调出", Some(Field::Delisted)),
            ("移出", Some(Field::Delisted)),
            // (Alone, these may head a mark, 是 or √.)
            ("新增", None),
            ("入库", None),
            ("取消", None),
            ("退库", None),
        ];
        for &(header, field) in cases {
            assert_eq!(m.field(header), field, "{header}");
        }
        assert_eq!(Field::ListedFrom.label(), "纳入时间");
        assert_eq!(Field::Delisted.label(), "调出时间");
        let (listed, delisted) = (Field::ListedFrom.aliases(), Field::Delisted.aliases());
        assert_eq!(listed.len(), LISTING.len() * WHEN.len() + 3);
        assert_eq!(delisted.len(), DELISTING.len() * WHEN.len() + 2);
        assert_eq!(names_listing("计划纳入月"), Some(Field::ListedFrom));
        assert_eq!(names_listing("调出计划（月）"), Some(Field::Delisted));
        assert_eq!(names_listing("备注"), None);
        assert_eq!(names_listing("纳入统计时间"), None);
        assert_eq!(names_listing("项目入库时间"), None);
    }

    #[test]
    fn aliases_from_settings() {
        let m = HeaderMatcher::new(&[(Field::Id, vec!["统一社会信用代码".into()])]);
        assert_eq!(m.field("统一社会信用代码"), Some(Field::Id));
        assert_eq!(m.field("项目编号"), Some(Field::Id));
    }

    #[test]
    fn all_lists_the_fields_in_order() {
        // A table looks a field's column up at `field as usize`.
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
        assert_eq!(Field::ProblemCategory as usize + 1, Field::ALL.len());
    }

    #[test]
    fn every_key_round_trips() {
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
    }
}
