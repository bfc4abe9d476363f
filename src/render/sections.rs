//! The bulletin as a list of tables (sections), the shape shared by the terminal, markdown and
//! CSV renderers. A section's cells keep their kind (amount, rate, count …) so each renderer
//! formats them its own way: grouped and rounded for people, plain for spreadsheets.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::format::{self, Lang};
use crate::compute::{
    Bulletin, Figures, GroupBy, Light, ProjectFigures, Ratio, Reason, Size, UNSPECIFIED, Unranked,
    in_pinyin_order, points_between,
};
use crate::model::Nature;
use crate::settings::StartRateBase;

/// What a value not worked out (`Value::Na`) would have been: an amount, a rate or a count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Of {
    Amount,
    Rate,
    Count,
}

/// One cell of a section.
#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    Count(u64),
    /// 万元.
    Amount(Decimal),
    /// 万元, shown in 亿元 to people from 1亿 up.
    Yi(Decimal),
    /// A rate whose numerator and denominator are shown in other columns.
    Rate(Ratio),
    /// A rate of counts, shown with its numerator and denominator.
    RateOf(Ratio),
    /// Percentage points.
    Points(Option<Decimal>),
    /// Rank change: `None` for a group that is new.
    Change(Option<i64>),
    /// Counts of red, yellow and green lights: `2/3/5` for people, three columns in
    /// spreadsheets (where `2/3/5` would turn into a date).
    Lights(u64, u64, u64),
    Score(Decimal),
    /// No value to work out (同比 with nothing to compare, December's pace still needed): n/a for
    /// people and in workbooks, an empty cell in CSV, as a rate with no denominator is. With
    /// what it would be, for its unit (`unit_of`).
    Na(Of),
    Empty,
}

impl Value {
    /// The cell for people: grouped, rounded, with units where the column does not say.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Count(n) => n.to_string(),
            Value::Amount(a) => format::amount(*a),
            Value::Yi(a) => format::large(*a, lang),
            Value::Rate(r) => format::rate(r),
            Value::RateOf(r) => format::rate_of(r),
            Value::Points(p) => format::points(*p),
            Value::Change(c) => format::change(*c, lang),
            Value::Score(s) => format::score(*s),
            Value::Lights(r, y, g) => format!("{r}/{y}/{g}"),
            Value::Na(_) => format::NA.to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// A table of the bulletin.
#[derive(Clone, Debug)]
pub struct Section {
    /// The name `--table` selects it by, and its CSV file's stem.
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// A line under the table: what a denominator is, what the baseline is.
    pub note: Option<String>,
    /// Rows of (figure, value) rather than a table of records.
    pub key_value: bool,
    /// What its start rate counts over (`base_label`), where it shows one: said in a CSV's
    /// headers, which have no note under them.
    pub start_base: Option<&'static str>,
    /// A row as the section's rows are, for laying it out in a spreadsheet when it has none (a
    /// ranking of no groups keeps its numerator and denominator columns).
    pub shape: Option<Vec<Value>>,
    /// Columns a spreadsheet heads more fully, as (the column, its header there): a CSV has no
    /// title or note to say what they cover (`said_in_spreadsheets`).
    pub spreadsheet_columns: Vec<(String, String)>,
}

impl Section {
    /// Whether a table of no rows has its note say why in place of （无）: the idle projects'
    /// where 开而不动 is not judged (`idle_not_judged`).
    pub fn note_says_why_empty(&self) -> bool {
        self.rows.is_empty() && self.note.is_some() && self.key == "idle"
    }
}

/// How a column is laid out in a spreadsheet: one cell a value, or three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    One,
    /// A rate of counts: the rate, its numerator, its denominator.
    RateParts,
    /// Red, yellow and green counts.
    Lights,
}

/// The spreadsheet layout of each column of a section.
pub fn spreads(s: &Section) -> Vec<Spread> {
    (0..s.columns.len())
        .map(|i| {
            let mut kind = Spread::One;
            for row in s.rows.iter().chain(&s.shape) {
                match row.get(i) {
                    Some(Value::RateOf(_)) => kind = Spread::RateParts,
                    Some(Value::Lights(..)) => kind = Spread::Lights,
                    _ => {}
                }
            }
            kind
        })
        .collect()
}

/// The column headers of a section in a spreadsheet, three where a column spreads.
pub fn spread_headers(s: &Section, spreads: &[Spread], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (c, spread) in s.columns.iter().zip(spreads) {
        match spread {
            Spread::One => out.push(
                (s.spreadsheet_columns.iter())
                    .find(|(column, _)| column == c)
                    .map_or(c, |(_, header)| header)
                    .clone(),
            ),
            Spread::RateParts => {
                out.push(c.clone());
                out.push(format!("{c}{}", lang.tr("(分子)", " numerator")));
                out.push(match s.start_base {
                    Some(base) if c == start_rate_label(lang) => match lang {
                        Lang::Zh => format!("{c}(分母：{base})"),
                        Lang::En => format!("{c} denominator ({base})"),
                    },
                    _ => format!("{c}{}", lang.tr("(分母)", " denominator")),
                });
            }
            Spread::Lights => {
                out.push(lang.tr("红灯", "red").to_string());
                out.push(lang.tr("黄灯", "yellow").to_string());
                out.push(lang.tr("绿灯", "green").to_string());
            }
        }
    }
    if s.key_value {
        out.push(lang.tr("单位", "unit").to_string());
    }
    out
}

/// The unit of a key-value row's value, for its spreadsheet unit column.
pub fn unit_of(v: Option<&Value>, lang: Lang) -> &'static str {
    match v {
        Some(Value::Yi(_) | Value::Amount(_) | Value::Na(Of::Amount)) => "万元",
        Some(Value::Rate(_) | Value::RateOf(_) | Value::Na(Of::Rate)) => "%",
        Some(Value::Count(_) | Value::Na(Of::Count)) => lang.tr("个", "count"),
        Some(Value::Points(_)) => lang.tr("百分点", "points"),
        _ => "",
    }
}

/// The keys of every section, in order, for `--table`.
pub const KEYS: [&str; 10] = [
    "overview",
    "ranking",
    "progress",
    "projects",
    "red",
    "overdue",
    "idle",
    "not_reported",
    "problems",
    "structure",
];

pub fn group_label(by: GroupBy, lang: Lang) -> &'static str {
    match by {
        GroupBy::District => lang.tr("县区", "district"),
        GroupBy::Department => lang.tr("责任单位", "department"),
        GroupBy::Leader => lang.tr("包抓领导", "leader"),
        GroupBy::Category => lang.tr("项目类别", "category"),
        GroupBy::Level => lang.tr("项目级别", "level"),
        GroupBy::Stage => lang.tr("年度目标", "stage"),
    }
}

/// The start rate's name, as its column and its row in the overview are headed.
pub fn start_rate_label(lang: Lang) -> &'static str {
    lang.tr("开工率", "start rate")
}

/// The overview's label of a row in a spreadsheet, which has no note under the table: the
/// start rate's says what it counts over.
pub fn spreadsheet_label(s: &Section, label: &str, lang: Lang) -> Option<String> {
    let base = s
        .start_base
        .filter(|_| s.key_value && label == start_rate_label(lang))?;
    Some(match lang {
        Lang::Zh => format!("{label}(分母：{base})"),
        Lang::En => format!("{label} (over {base})"),
    })
}

/// What the start rate counts over, as the bulletin says it (开工率分母).
pub fn base_label(base: StartRateBase, lang: Lang) -> &'static str {
    match base {
        StartRateBase::All => lang.tr("全部项目", "all projects"),
        StartRateBase::Planned => lang.tr(
            "续建、计划于本月或之前开工、已开工及未注明建设性质和开工时间的项目",
            "continuing projects, those planned to start in or before the month, those started \
             already, and those with neither 建设性质 nor a planned start",
        ),
    }
}

/// Writes percentage points without a sign, to `places` decimals.
fn write_magnitude(out: &mut String, points: Decimal, places: u8) {
    let rounded = crate::compute::round(points.abs(), u32::from(places));
    let _ = write!(out, "{:.*}", usize::from(places), rounded);
}

/// The reason of a light, in words.
pub fn reason_text(reasons: &[Reason], lang: Lang) -> String {
    // Room for a reason or two at once (落后序时进度37.0个百分点 is 37 bytes), not by doubling.
    let mut text = String::with_capacity(64);
    for (i, r) in reasons.iter().enumerate() {
        if i > 0 {
            text.push_str(lang.tr("；", "; "));
        }
        let _ = match (r, lang) {
            (Reason::Behind { points, .. }, Lang::Zh) if points.is_zero() => {
                write!(text, "达到序时进度")
            }
            (Reason::Behind { points, .. }, Lang::En) if points.is_zero() => {
                write!(text, "on the time target")
            }
            (Reason::Behind { points, places }, Lang::Zh) => {
                let side = if *points > Decimal::ZERO {
                    "落后"
                } else {
                    "领先"
                };
                text.push_str(side);
                text.push_str("序时进度");
                write_magnitude(&mut text, *points, *places);
                write!(text, "个百分点")
            }
            (Reason::Behind { points, places }, Lang::En) => {
                let side = if *points > Decimal::ZERO {
                    "behind"
                } else {
                    "ahead of"
                };
                write_magnitude(&mut text, *points, *places);
                write!(text, " points {side} the time target")
            }
            (Reason::Overdue { months, planned }, Lang::Zh) => {
                write!(text, "计划{planned}开工，逾期{months}个月未开工")
            }
            (Reason::Overdue { months, planned }, Lang::En) => {
                let unit = if *months == 1 { "month" } else { "months" };
                write!(
                    text,
                    "planned to start {planned}, not started {months} {unit} later"
                )
            }
            (
                Reason::NotDue {
                    planned,
                    this_month,
                    started: true,
                },
                lang,
            ) => match (this_month, lang) {
                (true, Lang::Zh) => write!(text, "已开工，计划{planned}开工"),
                (false, Lang::Zh) => write!(text, "已提前开工，计划{planned}开工"),
                (true, Lang::En) => write!(text, "started, due to start {planned}"),
                (false, Lang::En) => write!(text, "started ahead of its planned start ({planned})"),
            },
            (
                Reason::NotDue {
                    planned,
                    this_month: true,
                    ..
                },
                Lang::Zh,
            ) => write!(text, "计划本月（{planned}）开工"),
            (
                Reason::NotDue {
                    planned,
                    this_month: true,
                    ..
                },
                Lang::En,
            ) => write!(text, "due to start this month ({planned})"),
            (Reason::NotDue { planned, .. }, Lang::Zh) => {
                write!(text, "计划{planned}开工，未到开工时间")
            }
            (Reason::NotDue { planned, .. }, Lang::En) => write!(text, "due to start {planned}"),
            (Reason::NoPlan, Lang::Zh) => write!(text, "无年度计划投资"),
            (Reason::NoPlan, Lang::En) => write!(text, "no annual plan"),
        };
    }
    text
}

pub fn light_text(light: Light, lang: Lang) -> &'static str {
    match light {
        Light::Green => lang.tr("绿", "green"),
        Light::Yellow => lang.tr("黄", "yellow"),
        Light::Red => lang.tr("红", "red"),
    }
}

/// A 建设性质 as shown: for `--lang en` the words it is read back from too (`new`,
/// `continuing`, `reserve`, as JSON gives them).
pub fn nature_text(nature: Nature, lang: Lang) -> &'static str {
    let en = match nature {
        Nature::New => "new",
        Nature::Continuing => "continuing",
        Nature::Reserve => "reserve",
    };
    lang.tr(nature.label(), en)
}

/// A size band of total investment as shown (`Size::label`, the structure table's group).
fn size_text(size: Size, lang: Lang) -> &'static str {
    let en = match size {
        Size::Over1b => "10亿 or more",
        Size::Over100m => "1亿 to 10亿",
        Size::Under100m => "under 1亿",
    };
    lang.tr(size.label(), en)
}

/// The group of projects that leave a column empty (`UNSPECIFIED`) as shown.
fn unspecified_text(lang: Lang) -> &'static str {
    lang.tr(UNSPECIFIED, "(none)")
}

/// A structure table's group as shown: xmtool's own labels (the group of no value, a
/// 建设性质, a size band) in the language asked for, the registry's names as written. (The
/// bulletin keeps the Chinese labels, which JSON gives.)
fn group_text<'g>(dimension: &str, group: &'g str, lang: Lang) -> &'g str {
    if lang == Lang::Zh {
        return group;
    }
    if group == UNSPECIFIED {
        return unspecified_text(lang);
    }
    let own = match dimension {
        "nature" => [Nature::New, Nature::Continuing, Nature::Reserve]
            .into_iter()
            .find(|n| n.label() == group)
            .map(|n| nature_text(n, lang)),
        "size" => [Size::Over1b, Size::Over100m, Size::Under100m]
            .into_iter()
            .find(|s| s.label() == group)
            .map(|s| size_text(s, lang)),
        _ => None,
    };
    own.unwrap_or(group)
}

fn yes_no(b: bool, lang: Lang) -> Value {
    Value::Text(
        if b {
            lang.tr("是", "yes")
        } else {
            lang.tr("否", "no")
        }
        .to_string(),
    )
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, |s| Value::Text(s.to_string()))
}

/// One section by its key (one of `KEYS`).
pub fn section(b: &Bulletin, key: &str, lang: Lang) -> Option<Section> {
    let build = match key {
        "overview" => overview,
        "ranking" => ranking,
        "progress" => progress,
        "projects" => projects,
        "red" => red,
        "overdue" => overdue,
        "idle" => idle,
        "not_reported" => not_reported,
        "problems" => problems,
        "structure" => structure,
        _ => return None,
    };
    Some(build(b, lang))
}

/// Every section of the bulletin, in order.
pub fn sections(b: &Bulletin, lang: Lang) -> Vec<Section> {
    KEYS.iter()
        .filter_map(|key| section(b, key, lang))
        .collect()
}

/// The sections the terminal, markdown and HTML bulletin show: all but the full project list,
/// which is not even built. Each is built as it is asked for: one written out is let go before
/// the next is built.
pub fn bulletin_sections<'b>(
    b: &'b Bulletin<'b>,
    lang: Lang,
) -> impl Iterator<Item = Section> + 'b {
    KEYS.iter()
        .filter(|&&key| key != "projects")
        .filter_map(move |key| section(b, key, lang))
}

/// A label of a figure of one month (本月完成投资, 报送率): as it always was in a month's
/// bulletin; in a period's, whose figures are at its last month and only 本期完成投资 covers
/// the whole of it, naming that month (`2024-06完成投资`, `invested in 2024-06`), so that a
/// clerk reading a quarter's bulletin can tell 本月 is June's. `named` holds `{month}` where the
/// month goes.
pub fn monthly_label(
    b: &Bulletin,
    lang: Lang,
    month: [&'static str; 2],
    named: [&'static str; 2],
) -> String {
    if b.period.is_month() {
        return lang.tr(month[0], month[1]).to_string();
    }
    (lang.tr(named[0], named[1])).replace("{month}", &b.month.to_string())
}

fn overview(b: &Bulletin, lang: Lang) -> Section {
    let f = &b.overview;
    let l = |zh, en| text(lang.tr(zh, en));
    let mut rows = vec![
        vec![l("通报期", "period"), text(format::period(&b.period, lang))],
        vec![l("序时进度", "time target"), Value::RateOf(b.time_target)],
        vec![l("项目数", "projects"), Value::Count(f.projects)],
        vec![l("年度计划投资", "annual plan"), Value::Yi(f.annual_plan)],
        vec![
            l("累计完成投资", "year-to-date investment"),
            Value::Yi(f.ytd_investment),
        ],
        vec![
            text(monthly_label(
                b,
                lang,
                ["本月完成投资", "invested this month"],
                ["{month}完成投资", "invested in {month}"],
            )),
            Value::Yi(f.month_investment),
        ],
    ];
    if !b.period.is_month() {
        rows.push(vec![
            l("本期完成投资", "invested in the period"),
            Value::Yi(f.period_investment),
        ]);
    }
    rows.extend([
        vec![
            l("投资完成率", "completion rate"),
            Value::Rate(f.completion_rate),
        ],
        vec![
            l("较序时进度（百分点）", "vs time target (points)"),
            Value::Points(f.completion_rate.points_over(&b.time_target)),
        ],
        vec![l("开工率", "start rate"), Value::RateOf(f.start_rate)],
        vec![
            l("新开工项目开工率", "new-start start rate"),
            Value::RateOf(f.new_start_rate),
        ],
        vec![l("逾期未开工", "overdue starts"), Value::Count(f.overdue)],
        vec![l("开而不动", "started but idle"), idle_count(b, f.idle)],
        vec![l("红灯", "red"), Value::Count(f.red)],
        vec![l("黄灯", "yellow"), Value::Count(f.yellow)],
        vec![l("绿灯", "green"), Value::Count(f.green)],
        vec![
            l("达到序时进度占比", "share on target"),
            Value::RateOf(f.on_target_share),
        ],
        vec![
            text(monthly_label(
                b,
                lang,
                ["报送率", "reporting rate"],
                ["{month}报送率", "reporting rate of {month}"],
            )),
            Value::RateOf(f.report_rate),
        ],
        vec![
            l("尚需月均完成投资", "required monthly pace"),
            f.required_pace.map_or(Value::Na(Of::Amount), Value::Yi),
        ],
        vec![
            l("总投资1亿元以上项目", "projects of 1亿 or more"),
            Value::Count(f.over_100m),
        ],
        vec![
            l("总投资10亿元以上项目", "projects of 10亿 or more"),
            Value::Count(f.over_1b),
        ],
    ]);
    if let (Some(now), Some(prev), Some(growth)) =
        (f.yoy_ytd_investment, f.previous_year_ytd, f.yoy_growth)
    {
        // (同比 is over the projects with last year's figure: their year-to-date beside it.)
        rows.push(vec![
            l(
                "可比项目累计完成投资",
                "year-to-date of the projects compared",
            ),
            Value::Yi(now),
        ]);
        rows.push(vec![
            l("上年同期累计完成投资", "same month last year"),
            Value::Yi(prev),
        ]);
        rows.push(vec![
            l("同比增长", "year-on-year growth"),
            Value::Rate(growth),
        ]);
    }
    let amount_note = if lang == Lang::Zh {
        format!(
            "投资完成率 = 累计完成投资 {} ÷ 年度计划投资 {} 万元；开工率分母：{}。",
            format::amount(f.completion_rate.num),
            format::amount(f.completion_rate.den),
            base_label(b.start_rate_base, lang)
        )
    } else {
        format!(
            "completion rate = year-to-date {} / annual plan {} (万元); start rate over {}.",
            format::amount(f.completion_rate.num),
            format::amount(f.completion_rate.den),
            base_label(b.start_rate_base, lang)
        )
    };
    Section {
        key: "overview",
        title: lang.tr("总体情况", "Overview").to_string(),
        columns: vec![
            lang.tr("指标", "figure").into(),
            lang.tr("数值", "value").into(),
        ],
        rows,
        note: Some(amount_note),
        key_value: true,
        start_base: Some(base_label(b.start_rate_base, lang)),
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

/// What a bulletin's title and notes say of its columns, said in their headers in a
/// spreadsheet (`Section::spreadsheet_columns`), where a table stands alone: 变化 names what its
/// ranks are against (`变化(较2024-05)`, `变化(较2024年第一季度)`, as the ranking's note does), and
/// a period's 本期完成 the months it covers (`本期(2024-04至2024-06)完成(万元)`). A CSV of the
/// ranking opened later tells what it covers.
fn said_in_spreadsheets(b: &Bulletin, lang: Lang) -> Vec<(String, String)> {
    let mut said = Vec::new();
    if let Some(p) = b.compared_with {
        said.push(match lang {
            Lang::Zh => ("变化".into(), format!("变化(较{})", p.chinese_name())),
            Lang::En => ("change".into(), format!("change (vs {p})")),
        });
    }
    if !b.period.is_month() {
        let (start, end) = (b.period.start, b.period.end);
        said.push(match lang {
            Lang::Zh => (
                "本期完成(万元)".into(),
                format!("本期({start}至{end})完成(万元)"),
            ),
            Lang::En => (
                "in period (万元)".into(),
                format!("in period {start} to {end} (万元)"),
            ),
        });
    }
    said
}

fn figures_columns(b: &Bulletin, lang: Lang, first: &str) -> Vec<String> {
    let target = format::rate(&b.time_target);
    let average = format::rate(&b.overview.completion_rate);
    let mut cols = vec![
        first.to_string(),
        lang.tr("项目数", "projects").into(),
        lang.tr("年度计划(万元)", "annual plan (万元)").into(),
        lang.tr("累计完成(万元)", "year-to-date (万元)").into(),
    ];
    if !b.period.is_month() {
        cols.push(lang.tr("本期完成(万元)", "in period (万元)").into());
    }
    cols.extend([
        lang.tr("完成率", "completion").to_string(),
        format!("{}{target}", lang.tr("较序时", "vs target ")),
        format!("{}{average}", lang.tr("较平均", "vs average ")),
        start_rate_label(lang).into(),
        monthly_label(
            b,
            lang,
            ["报送率", "reported"],
            ["{month}报送率", "reported in {month}"],
        ),
        lang.tr("红/黄/绿", "red/yellow/green").into(),
    ]);
    if b.has_previous_year {
        cols.extend(yoy_columns(lang));
    }
    cols
}

/// The 同比 columns: the year-to-date of the projects compared and theirs a year earlier (the
/// rate's two sides, so that it can be worked out), then the growth.
fn yoy_columns(lang: Lang) -> [String; 3] {
    [
        lang.tr("可比累计(万元)", "compared year-to-date (万元)")
            .into(),
        lang.tr("上年同期(万元)", "a year earlier (万元)").into(),
        lang.tr("同比", "year on year").into(),
    ]
}

fn figures_cells(b: &Bulletin, f: &Figures, group: &str) -> Vec<Value> {
    let mut row = vec![
        text(group),
        Value::Count(f.projects),
        Value::Amount(f.annual_plan),
        Value::Amount(f.ytd_investment),
    ];
    if !b.period.is_month() {
        row.push(Value::Amount(f.period_investment));
    }
    row.extend([
        Value::Rate(f.completion_rate),
        Value::Points(f.completion_rate.points_over(&b.time_target)),
        Value::Points(f.completion_rate.points_over(&b.overview.completion_rate)),
        Value::RateOf(f.start_rate),
        Value::RateOf(f.report_rate),
        Value::Lights(f.red, f.yellow, f.green),
    ]);
    if b.has_previous_year {
        row.extend(yoy_cells(f));
    }
    row
}

/// A group's 同比 cells (see `yoy_columns`): the growth n/a, and the amounts empty, where none
/// of its projects has last year's figure.
fn yoy_cells(f: &Figures) -> [Value; 3] {
    let amount = |a: Option<Decimal>| a.map_or(Value::Empty, Value::Amount);
    [
        amount(f.yoy_ytd_investment),
        amount(f.previous_year_ytd),
        f.yoy_growth.map_or(Value::Na(Of::Rate), Value::Rate),
    ]
}

/// The ranking table alone.
pub fn ranking(b: &Bulletin, lang: Lang) -> Section {
    let mut columns = vec![lang.tr("排名", "rank").to_string()];
    if b.compared_with.is_some() {
        columns.push(lang.tr("变化", "change").into());
    }
    columns.extend(figures_columns(b, lang, group_label(b.by, lang)));
    columns.push(lang.tr("得分", "score").into());
    let row_of = |rank, change, figures, group: &str, score| {
        let mut row = vec![Value::Count(u64::from(rank))];
        if b.compared_with.is_some() {
            row.push(Value::Change(change));
        }
        row.extend(figures_cells(b, figures, group));
        row.push(score);
        row
    };
    let rows = b
        .ranking
        .iter()
        .map(|r| {
            row_of(
                r.rank,
                r.rank_change,
                &r.figures,
                &r.group,
                Value::Score(r.score),
            )
        })
        .collect();
    let shape = row_of(0, None, &b.overview, "", Value::Empty);
    let w = &b.weights;
    let cap = format::percent(w.completion_cap);
    let (cw, sw) = (w.completion_weight.normalize(), w.start_weight.normalize());
    let base = base_label(b.start_rate_base, lang);
    let mut note = match lang {
        Lang::Zh => format!(
            "得分 = min(投资完成率, {cap})×{cw} + 开工率×{sw}（×100）；得分相同名次并列。开工率分母：{base}。"
        ),
        Lang::En => format!(
            "score = min(completion rate, {cap})×{cw} + start rate×{sw} (×100); equal scores share a rank. Start rate over {base}."
        ),
    };
    note.push_str(&unranked_note(b, true, lang));
    if let Some(p) = b.compared_with {
        note.push_str(&match lang {
            Lang::Zh => format!("变化为较{}名次。", p.chinese_name()),
            Lang::En => format!(" Change is against {p}."),
        });
    }
    Section {
        key: "ranking",
        title: match lang {
            Lang::Zh => format!("{}排名", group_label(b.by, lang)),
            Lang::En => format!("Ranking by {}", group_label(b.by, lang)),
        },
        columns,
        rows,
        note: Some(note),
        key_value: false,
        start_base: Some(base_label(b.start_rate_base, lang)),
        shape: Some(shape),
        spreadsheet_columns: said_in_spreadsheets(b, lang),
    }
}

/// What a grouping's tables say of the projects in no group (none where all are in one): the
/// ranking's that they are not ranked, the others' that they are in no group.
fn unranked_note(b: &Bulletin, ranking: bool, lang: Lang) -> String {
    if b.unranked.projects == 0 {
        return String::new();
    }
    let which = unranked_projects(b.unranked, b.by, lang);
    match lang {
        Lang::Zh => format!(
            "另有{which}，{}",
            match ranking {
                true => "计入合计，不参与排名。",
                false => "计入总体，不在分组中。",
            }
        ),
        Lang::En => format!(" {which} count in the totals but in no group."),
    }
}

/// Which projects are in no group by a grouping, for a note under its table: those that leave
/// its column empty (`3个项目未填县区`) and, said apart, those whose cell could not be read
/// (`1个项目县区无法识别`), which were not left empty.
pub fn unranked_projects(unranked: Unranked, by: GroupBy, lang: Lang) -> String {
    let label = group_label(by, lang);
    let empty = unranked.projects.saturating_sub(unranked.unread);
    let plural = |n: u64| crate::finding::plural(n as usize);
    let (empty, unread) = match lang {
        Lang::Zh => (
            format!("{empty}个项目未填{label}"),
            format!("{}个项目{label}无法识别", unranked.unread),
        ),
        Lang::En => (
            format!("{empty} project{} without a {label}", plural(empty)),
            format!(
                "{} project{} whose {label} cannot be read",
                unranked.unread,
                plural(unranked.unread)
            ),
        ),
    };
    match (unranked.projects > unranked.unread, unranked.unread > 0) {
        (true, true) => match lang {
            Lang::Zh => format!("{empty}、{unread}"),
            Lang::En => format!("{empty} and {unread}"),
        },
        (false, true) => unread,
        (_, false) => empty,
    }
}

/// Each group's other figures, in the ranking's order: what the brief asks for per group beside
/// the ranking (新开工项目开工率, 逾期未开工, 开而不动, 达到序时进度占比, the pace still needed),
/// which the ranking has no room for.
pub fn progress(b: &Bulletin, lang: Lang) -> Section {
    let columns = vec![
        group_label(b.by, lang).to_string(),
        lang.tr("项目数", "projects").into(),
        lang.tr("新开工项目开工率", "new-start start rate").into(),
        lang.tr("逾期未开工", "overdue starts").into(),
        lang.tr("开而不动", "started but idle").into(),
        lang.tr("达到序时进度占比", "share on target").into(),
        lang.tr("尚需月均完成(万元)", "required monthly pace (万元)")
            .into(),
    ];
    let row_of = |f: &Figures, group: &str| {
        vec![
            text(group),
            Value::Count(f.projects),
            Value::RateOf(f.new_start_rate),
            Value::Count(f.overdue),
            idle_count(b, f.idle),
            Value::RateOf(f.on_target_share),
            f.required_pace.map_or(Value::Na(Of::Amount), Value::Amount),
        ]
    };
    let rows = b
        .ranking
        .iter()
        .map(|r| row_of(&r.figures, &r.group))
        .collect();
    let mut note = match lang {
        Lang::Zh => format!(
            "按{}排名顺序。达到序时进度占比：累计完成率不低于序时进度 {} 的项目占有年度计划项目的比例；尚需月均完成 = (年度计划 - 累计完成) ÷ 剩余月数。",
            group_label(b.by, lang),
            format::rate(&b.time_target)
        ),
        Lang::En => format!(
            "In the ranking's order. Share on target: projects with a plan whose completion rate is at or above the time target {}; required monthly pace = (annual plan - year-to-date) / months left.",
            format::rate(&b.time_target)
        ),
    };
    note.push_str(&unranked_note(b, false, lang));
    Section {
        key: "progress",
        title: match lang {
            Lang::Zh => format!("{}推进情况", group_label(b.by, lang)),
            Lang::En => format!("Progress by {}", group_label(b.by, lang)),
        },
        columns,
        rows,
        note: Some(note),
        key_value: false,
        start_base: None,
        shape: Some(row_of(&b.overview, "")),
        spreadsheet_columns: Vec::new(),
    }
}

fn project_head(lang: Lang) -> Vec<String> {
    vec![
        lang.tr("项目编号", "id").into(),
        lang.tr("项目名称", "name").into(),
        lang.tr("县区", "district").into(),
    ]
}

fn project_cells(pf: &ProjectFigures) -> Vec<Value> {
    let p = pf.project;
    vec![text(&*p.id), text(&*p.name), text(&*p.district)]
}

/// The registry's columns of the full project list beyond 责任单位, 项目类别 and 建设性质 (always
/// there): 包抓领导, 项目级别, 投资主体 and 年度目标, each where some project fills it in, so
/// that a ranking by a leader or a level is traced to its projects, without a column always
/// empty where the registry has none.
#[derive(Clone, Copy)]
struct Given {
    leader: bool,
    level: bool,
    investor: bool,
    stage: bool,
}

impl Given {
    fn of(b: &Bulletin) -> Given {
        let any =
            |of: fn(&crate::model::Project) -> bool| b.projects.iter().any(|pf| of(pf.project));
        Given {
            leader: any(|p| p.leader.is_some()),
            level: any(|p| p.level.is_some()),
            investor: any(|p| p.investor.is_some()),
            stage: any(|p| p.stage.is_some()),
        }
    }
}

fn projects(b: &Bulletin, lang: Lang) -> Section {
    let given = Given::of(b);
    let mut columns = project_head(lang);
    columns.push(lang.tr("责任单位", "department").to_string());
    if given.leader {
        columns.push(group_label(GroupBy::Leader, lang).into());
    }
    columns.push(lang.tr("项目类别", "category").into());
    if given.level {
        columns.push(group_label(GroupBy::Level, lang).into());
    }
    columns.push(lang.tr("建设性质", "nature").into());
    if given.investor {
        columns.push(lang.tr("投资主体", "investor").into());
    }
    if given.stage {
        columns.push(group_label(GroupBy::Stage, lang).into());
    }
    columns.extend([
        lang.tr("总投资(万元)", "total investment (万元)")
            .to_string(),
        lang.tr("年度计划(万元)", "annual plan (万元)").into(),
        lang.tr("累计完成(万元)", "year-to-date (万元)").into(),
        monthly_label(
            b,
            lang,
            ["本月完成(万元)", "this month (万元)"],
            ["{month}完成(万元)", "in {month} (万元)"],
        ),
    ]);
    if !b.period.is_month() {
        columns.push(lang.tr("本期完成(万元)", "in period (万元)").into());
    }
    columns.extend([
        lang.tr("完成率", "completion").to_string(),
        format!(
            "{}{}",
            lang.tr("较序时", "vs target "),
            format::rate(&b.time_target)
        ),
        lang.tr("已开工", "started").into(),
        lang.tr("项目状态", "status").into(),
        monthly_label(
            b,
            lang,
            ["本月报送", "reported"],
            ["{month}报送", "reported in {month}"],
        ),
        lang.tr("灯", "light").into(),
        lang.tr("原因", "reason").into(),
    ]);
    // (Worked out once: every project has the bulletin's time target.)
    let target = b.time_target.value();
    let rows = b
        .projects
        .iter()
        .map(|pf| {
            let p = pf.project;
            let rate = pf.completion_rate();
            let mut row = project_cells(pf);
            row.push(opt_text(p.department.as_deref()));
            if given.leader {
                row.push(opt_text(p.leader.as_deref()));
            }
            row.push(opt_text(p.category.as_deref()));
            if given.level {
                row.push(opt_text(p.level.as_deref()));
            }
            row.push(opt_text(p.nature.map(|n| nature_text(n, lang))));
            if given.investor {
                row.push(opt_text(p.investor.as_deref()));
            }
            if given.stage {
                row.push(opt_text(p.stage.as_deref()));
            }
            row.extend([
                Value::Amount(p.total_investment),
                Value::Amount(p.annual_plan),
                Value::Amount(pf.ytd_investment),
                pf.month_figure().map_or(Value::Empty, Value::Amount),
            ]);
            if !b.period.is_month() {
                row.push(Value::Amount(pf.period_investment));
            }
            let rate_value = rate.value();
            row.extend([
                Value::Rate(rate),
                Value::Points(points_between(rate_value, target)),
                yes_no(pf.started, lang),
                opt_text(pf.status_text),
                yes_no(pf.reported, lang),
                text(light_text(pf.light, lang)),
                text(reason_text(&pf.reasons_given(target, rate_value), lang)),
            ]);
            row
        })
        .collect();
    Section {
        key: "projects",
        title: lang.tr("项目明细", "Projects").into(),
        columns,
        rows,
        note: None,
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: said_in_spreadsheets(b, lang),
    }
}

fn red(b: &Bulletin, lang: Lang) -> Section {
    let mut columns = project_head(lang);
    columns.extend([
        lang.tr("年度计划(万元)", "annual plan (万元)").to_string(),
        lang.tr("累计完成(万元)", "year-to-date (万元)").into(),
        lang.tr("完成率", "completion").into(),
        lang.tr("原因", "reason").into(),
    ]);
    let target = b.time_target.value();
    let rows = b
        .projects
        .iter()
        .filter(|pf| pf.light == Light::Red)
        .map(|pf| {
            let rate = pf.completion_rate();
            let mut row = project_cells(pf);
            row.extend([
                Value::Amount(pf.project.annual_plan),
                Value::Amount(pf.ytd_investment),
                Value::Rate(rate),
                text(reason_text(&pf.reasons_given(target, rate.value()), lang)),
            ]);
            row
        })
        .collect();
    Section {
        key: "red",
        title: lang.tr("红灯项目", "Red-light projects").into(),
        columns,
        rows,
        note: None,
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

fn overdue(b: &Bulletin, lang: Lang) -> Section {
    let mut columns = project_head(lang);
    columns.extend([
        lang.tr("计划开工", "planned start").to_string(),
        lang.tr("逾期月数", "months overdue").into(),
        lang.tr("项目状态", "status").into(),
    ]);
    let rows = b
        .projects
        .iter()
        .filter_map(|pf| {
            let months = pf.overdue_months?;
            let mut row = project_cells(pf);
            row.extend([
                opt_text(pf.project.planned_start.map(|m| m.to_string()).as_deref()),
                Value::Count(u64::from(months.get())),
                opt_text(pf.status_text),
            ]);
            Some(row)
        })
        .collect();
    Section {
        key: "overdue",
        title: lang.tr("逾期未开工项目", "Overdue starts").into(),
        columns,
        rows,
        note: None,
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

/// A count of idle projects: n/a where no project's idleness is known.
fn idle_count(b: &Bulletin, idle: u64) -> Value {
    match b.idle_not_known {
        Some(_) => Value::Na(Of::Count),
        None => Value::Count(idle),
    }
}

/// Why no project is called idle, where none is known to be: a month of the window has no
/// reports with figures in the folder.
pub fn idle_not_judged(b: &Bulletin, lang: Lang) -> Option<String> {
    let missing = b.idle_not_known?;
    Some(match lang {
        Lang::Zh => format!("未判断：数据文件夹中没有{missing}的月报，该月投资无从得知"),
        Lang::En => format!(
            "not judged: the data folder has no reports for {missing}, whose investment is then \
             not known"
        ),
    })
}

fn idle(b: &Bulletin, lang: Lang) -> Section {
    let mut columns = project_head(lang);
    columns.extend([
        lang.tr("累计完成(万元)", "year-to-date (万元)").to_string(),
        lang.tr("项目状态", "status").into(),
        lang.tr("形象进度", "progress").into(),
    ]);
    let rows = b
        .projects
        .iter()
        .filter(|pf| pf.idle)
        .map(|pf| {
            let mut row = project_cells(pf);
            row.extend([
                Value::Amount(pf.ytd_investment),
                opt_text(pf.status_text),
                opt_text(pf.free_text.and_then(|t| t.progress())),
            ]);
            row
        })
        .collect();
    Section {
        key: "idle",
        title: lang.tr("开而不动项目", "Started but idle").into(),
        columns,
        rows,
        note: idle_not_judged(b, lang),
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

fn not_reported(b: &Bulletin, lang: Lang) -> Section {
    let mut columns = project_head(lang);
    columns.push(lang.tr("最近报送", "last report").into());
    let rows = b
        .projects
        .iter()
        .filter(|pf| !pf.reported)
        .map(|pf| {
            let mut row = project_cells(pf);
            row.push(match pf.last_report {
                Some(m) => text(m.to_string()),
                None => text(lang.tr("本年未报送", "none this year")),
            });
            row
        })
        .collect();
    Section {
        key: "not_reported",
        title: format!("{}{}", lang.tr("未报送项目 ", "Not reported for "), b.month),
        columns,
        rows,
        note: None,
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

fn problems(b: &Bulletin, lang: Lang) -> Section {
    // (A project is listed under each category it names, 土地、资金 under 土地 and under 资金;
    // the categories in pinyin order, as the groups are, a problem of none last.)
    let mut list: Vec<(&str, &crate::compute::Problem)> = (b.problems.iter())
        .flat_map(|p| p.categories.iter().map(move |c| (c.as_str(), p)))
        .collect();
    list.sort_by_cached_key(|&(category, _)| {
        (category == UNSPECIFIED, in_pinyin_order(category), category)
    });
    let columns = vec![
        lang.tr("问题类别", "category").to_string(),
        lang.tr("项目编号", "id").into(),
        lang.tr("项目名称", "name").into(),
        lang.tr("县区", "district").into(),
        lang.tr("存在问题", "problem").into(),
    ];
    // (A problem of no category in the language asked for, as a group of none is.)
    let shown = |category: &str| match category == UNSPECIFIED {
        true => unspecified_text(lang).to_string(),
        false => category.to_string(),
    };
    let rows = list
        .iter()
        .map(|&(category, p)| {
            vec![
                text(shown(category)),
                text(&p.id),
                text(&p.name),
                text(&p.district),
                text(&p.text),
            ]
        })
        .collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for &(category, _) in &list {
        match counts.last_mut() {
            Some((c, n)) if c == category => *n += 1,
            _ => counts.push((category.to_string(), 1)),
        }
    }
    let summary: Vec<String> = (counts.iter())
        .map(|(c, n)| format!("{} {n}", shown(c)))
        .collect();
    Section {
        key: "problems",
        title: lang.tr("存在问题（按类别）", "Problems by category").into(),
        columns,
        rows,
        note: (!summary.is_empty()).then(|| summary.join(lang.tr("，", ", "))),
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

fn structure(b: &Bulletin, lang: Lang) -> Section {
    let dim_label = |d: &str| match d {
        "category" => lang.tr("项目类别", "category"),
        "nature" => lang.tr("建设性质", "nature"),
        "investor" => lang.tr("投资主体", "investor"),
        "level" => lang.tr("项目级别", "level"),
        "stage" => lang.tr("年度目标", "stage"),
        _ => lang.tr("投资规模", "size"),
    };
    let mut columns = vec![
        lang.tr("维度", "dimension").to_string(),
        lang.tr("分组", "group").into(),
        lang.tr("项目数", "projects").into(),
        lang.tr("年度计划(万元)", "annual plan (万元)").into(),
        lang.tr("累计完成(万元)", "year-to-date (万元)").into(),
    ];
    // (Of a period, what was invested within it, as the ranking has it.)
    let in_period = !b.period.is_month();
    if in_period {
        columns.push(lang.tr("本期完成(万元)", "in period (万元)").into());
    }
    columns.extend([
        lang.tr("完成率", "completion").into(),
        start_rate_label(lang).into(),
    ]);
    if b.has_previous_year {
        columns.extend(yoy_columns(lang));
    }
    let row_of = |dim: &str, group: &str, figures: &Figures| {
        let mut row = vec![
            text(dim_label(dim)),
            text(group_text(dim, group, lang)),
            Value::Count(figures.projects),
            Value::Amount(figures.annual_plan),
            Value::Amount(figures.ytd_investment),
        ];
        if in_period {
            row.push(Value::Amount(figures.period_investment));
        }
        row.extend([
            Value::Rate(figures.completion_rate),
            Value::RateOf(figures.start_rate),
        ]);
        if b.has_previous_year {
            row.extend(yoy_cells(figures));
        }
        row
    };
    let rows = b
        .structure
        .iter()
        .flat_map(|(dim, groups)| groups.iter().map(|g| row_of(dim, &g.group, &g.figures)))
        .collect();
    let shape = row_of("", "", &b.overview);
    Section {
        key: "structure",
        title: lang.tr("项目结构", "Structure").into(),
        columns,
        rows,
        note: Some(format!(
            "{}{}{}",
            lang.tr("开工率分母：", "Start rate over "),
            base_label(b.start_rate_base, lang),
            lang.tr("。", ".")
        )),
        key_value: false,
        start_base: Some(base_label(b.start_rate_base, lang)),
        shape: Some(shape),
        spreadsheet_columns: said_in_spreadsheets(b, lang),
    }
}
