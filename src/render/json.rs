//! The bulletin as JSON, the scripting contract: English snake_case keys, rates as fractions
//! rounded to 4 places, amounts in 万元 as plain numbers, n/a as null.

use std::io::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::format::Lang;
use super::sections::reason_text;
use crate::compute::{Bulletin, Figures, Light, ProjectFigures, Ratio, points_between, round};
use crate::model::{Status, YearMonth};

fn amount(d: Decimal) -> f64 {
    crate::compute::nearest_f64(d)
}

/// The places rates (as fractions) and percentage points are rounded to in JSON.
pub(crate) const RATE_PLACES: u32 = 4;
pub(crate) const POINTS_PLACES: u32 = 2;

fn rate(r: &Ratio) -> Option<f64> {
    r.value().map(|v| amount(round(v, RATE_PLACES)))
}

fn points(p: Option<Decimal>) -> Option<f64> {
    p.map(|p| amount(round(p, POINTS_PLACES)))
}

/// Writes `d` exactly as serde_json writes `amount(d)`, mostly without making the float: a
/// number of at most 15 significant digits is the shortest text that reads back as the float
/// nearest to it, which is what serde_json writes, so its own digits are written, in the same
/// form (`5.0`, `0.00012`). Anything else (more digits, magnitudes that serde_json writes with
/// an exponent, negative zero) is written through the float.
fn write_amount(out: &mut Vec<u8>, d: Decimal) {
    /// Below 10^15: at most 15 significant digits.
    const DIGITS: u128 = 1_000_000_000_000_000;
    let mut digits = d.mantissa().unsigned_abs();
    let mut scale = if digits == 0 { 0 } else { d.scale() };
    while scale > 0 && digits.is_multiple_of(10) {
        digits /= 10;
        scale -= 1;
    }
    let negative = d.is_sign_negative();
    // serde_json writes 10^-5 <= |x| < 10^16 without an exponent; this keeps inside, from
    // 10^-4 (digits to the left of the point: -3 or more) to below 10^15 (fewer digits).
    let before_point = digits
        .checked_ilog10()
        .map(|n| n as i64 + 1 - i64::from(scale));
    let plain = match before_point {
        None => !negative,
        Some(n) => digits < DIGITS && n >= -3,
    };
    if !plain {
        let _ = serde_json::to_writer(&mut *out, &amount(d));
        return;
    }
    if negative && digits != 0 {
        out.push(b'-');
    }
    // At most 15 digits and 28 places: the text fits in 40 bytes.
    let mut text = [b'0'; 40];
    let mut at = text.len();
    let mut n = digits as u64;
    loop {
        at -= 1;
        text[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let scale = scale as usize;
    if scale == 0 {
        out.extend_from_slice(&text[at..]);
        out.extend_from_slice(b".0");
    } else {
        // Leading zeros up to one before the point (the array is all '0' beyond the digits).
        let start = at.min(text.len() - scale - 1);
        let point = text.len() - scale;
        out.extend_from_slice(&text[start..point]);
        out.push(b'.');
        out.extend_from_slice(&text[point..]);
    }
}

#[derive(Serialize)]
struct FiguresJson {
    projects: u64,
    annual_plan: f64,
    ytd_investment: f64,
    month_investment: f64,
    period_investment: f64,
    completion_rate: Option<f64>,
    /// Percentage points over the time target (negative: behind).
    vs_time_target: Option<f64>,
    /// Percentage points over the overall completion rate.
    vs_average: Option<f64>,
    started: u64,
    start_base: u64,
    start_rate: Option<f64>,
    new_projects: u64,
    new_started: u64,
    new_start_rate: Option<f64>,
    reported: u64,
    report_rate: Option<f64>,
    overdue: u64,
    /// `null` where no project's idleness is known (`idle_not_known`).
    idle: Option<u64>,
    green: u64,
    yellow: u64,
    red: u64,
    on_target: u64,
    /// Projects with an annual plan: on_target_share's denominator.
    on_target_base: u64,
    on_target_share: Option<f64>,
    required_pace: Option<f64>,
    over_100m: u64,
    over_1b: u64,
    yoy_ytd_investment: Option<f64>,
    previous_year_ytd: Option<f64>,
    yoy_growth: Option<f64>,
}

impl FiguresJson {
    fn new(f: &Figures, b: &Bulletin) -> FiguresJson {
        FiguresJson {
            projects: f.projects,
            annual_plan: amount(f.annual_plan),
            ytd_investment: amount(f.ytd_investment),
            month_investment: amount(f.month_investment),
            period_investment: amount(f.period_investment),
            completion_rate: rate(&f.completion_rate),
            vs_time_target: points(f.completion_rate.points_over(&b.time_target)),
            vs_average: points(f.completion_rate.points_over(&b.overview.completion_rate)),
            started: f.started,
            start_base: f.start_rate.den.to_u64().unwrap_or(0),
            start_rate: rate(&f.start_rate),
            new_projects: f.new_projects,
            new_started: f.new_started,
            new_start_rate: rate(&f.new_start_rate),
            reported: f.reported,
            report_rate: rate(&f.report_rate),
            overdue: f.overdue,
            idle: b.idle_not_known.is_none().then_some(f.idle),
            green: f.green,
            yellow: f.yellow,
            red: f.red,
            on_target: f.on_target_share.num.to_u64().unwrap_or(0),
            on_target_base: f.on_target_share.den.to_u64().unwrap_or(0),
            on_target_share: rate(&f.on_target_share),
            required_pace: f.required_pace.map(amount),
            over_100m: f.over_100m,
            over_1b: f.over_1b,
            yoy_ytd_investment: f.yoy_ytd_investment.map(amount),
            previous_year_ytd: f.previous_year_ytd.map(amount),
            yoy_growth: f.yoy_growth.as_ref().and_then(rate),
        }
    }
}

#[derive(Serialize)]
struct RankedJson {
    rank: u32,
    rank_change: Option<i64>,
    group: String,
    #[serde(flatten)]
    figures: FiguresJson,
    score: f64,
}

#[derive(Serialize)]
struct GroupJson {
    group: String,
    #[serde(flatten)]
    figures: FiguresJson,
}

/// The structure's dimensions, each a key in the bulletin's order, its groups' figures in the
/// order of the ranking's and overview's keys (a map of JSON values sorts them by name).
struct Structure(Vec<(&'static str, Vec<GroupJson>)>);

impl Serialize for Structure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(dim, groups)| (dim, groups)))
    }
}

/// A key of an `Object` as it is written, all at once: after the field before it (the first
/// leaves out the comma), on a line of its own, indented. Keys are the program's own snake_case
/// names, which need no escaping.
macro_rules! key {
    ($name:literal) => {
        concat!(",\n      \"", $name, "\": ")
    };
}

/// A project in the JSON, written by `ProjectJson::write` (serde's derived form is the test's
/// measure of it).
#[cfg_attr(test, derive(Serialize))]
struct ProjectJson<'a> {
    id: &'a str,
    name: &'a str,
    district: &'a str,
    department: Option<&'a str>,
    leader: Option<&'a str>,
    category: Option<&'a str>,
    level: Option<&'a str>,
    nature: Option<&'static str>,
    investor: Option<&'a str>,
    stage: Option<&'a str>,
    // Numbers are kept exact until written (`write_amount`); serde writes them as floats.
    #[cfg_attr(test, serde(serialize_with = "tests::as_float"))]
    total_investment: Decimal,
    #[cfg_attr(test, serde(serialize_with = "tests::as_float"))]
    annual_plan: Decimal,
    #[cfg_attr(test, serde(serialize_with = "tests::as_float"))]
    ytd_investment: Decimal,
    /// None without a report for the month: no figure, not a reported zero.
    #[cfg_attr(test, serde(serialize_with = "tests::as_floats"))]
    month_investment: Option<Decimal>,
    /// For a one-month period, the month's: none without a report for it.
    #[cfg_attr(test, serde(serialize_with = "tests::as_floats"))]
    period_investment: Option<Decimal>,
    /// Rounded to `RATE_PLACES`.
    #[cfg_attr(test, serde(serialize_with = "tests::as_floats"))]
    completion_rate: Option<Decimal>,
    /// Rounded to `POINTS_PLACES`.
    #[cfg_attr(test, serde(serialize_with = "tests::as_floats"))]
    vs_time_target: Option<Decimal>,
    started: bool,
    /// The 项目状态 as written.
    status: Option<&'a str>,
    /// What it says, in English: `not_started`, `building`, `finished`, `operating`, `halted`,
    /// `suspended`; none where it says none of them.
    status_kind: Option<&'static str>,
    planned_start: Option<YearMonth>,
    actual_start: Option<YearMonth>,
    reported: bool,
    last_report: Option<YearMonth>,
    overdue_months: Option<i32>,
    idle: Option<bool>,
    light: Light,
    light_reason: String,
    on_target: Option<bool>,
    #[cfg_attr(test, serde(serialize_with = "tests::as_floats"))]
    previous_year_ytd: Option<Decimal>,
    progress: Option<&'a str>,
}

impl<'a> ProjectJson<'a> {
    /// `time_target`: the bulletin's, worked out once for all its projects.
    /// `one_month`: the period is a month. `idle_known`: whether a project's idleness is known.
    fn new(
        pf: &'a ProjectFigures,
        time_target: Option<Decimal>,
        (one_month, idle_known): (bool, bool),
        lang: Lang,
    ) -> ProjectJson<'a> {
        let p = pf.project;
        let completion_rate = pf.completion_rate().value();
        ProjectJson {
            id: &p.id,
            name: &p.name,
            district: &p.district,
            department: p.department.as_deref(),
            leader: p.leader.as_deref(),
            category: p.category.as_deref(),
            level: p.level.as_deref(),
            nature: p.nature.map(|n| match n {
                crate::model::Nature::New => "new",
                crate::model::Nature::Continuing => "continuing",
                crate::model::Nature::Reserve => "reserve",
            }),
            investor: p.investor.as_deref(),
            stage: p.stage.as_deref(),
            total_investment: p.total_investment,
            annual_plan: p.annual_plan,
            ytd_investment: pf.ytd_investment,
            month_investment: pf.month_figure(),
            period_investment: if one_month {
                pf.month_figure()
            } else {
                Some(pf.period_investment)
            },
            completion_rate: completion_rate.map(|v| round(v, RATE_PLACES)),
            vs_time_target: points_between(completion_rate, time_target)
                .map(|p| round(p, POINTS_PLACES)),
            started: pf.started,
            status: pf.status_text,
            status_kind: pf.status.map(Status::key),
            planned_start: p.planned_start,
            actual_start: pf.actual_start,
            reported: pf.reported,
            last_report: pf.last_report,
            overdue_months: pf.overdue_months.map(|months| i32::from(months.get())),
            idle: idle_known.then_some(pf.idle),
            light: pf.light,
            light_reason: reason_text(&pf.reasons_given(time_target, completion_rate), lang),
            on_target: pf.on_target,
            previous_year_ytd: pf.previous_year_ytd,
            progress: pf.free_text.and_then(|t| t.progress()),
        }
    }
}

impl ProjectJson<'_> {
    /// Writes the project as serde_json's pretty printer writes it as an item of a top-level
    /// key's array, field by field, without serde's general machinery: a bulletin may list
    /// hundreds of thousands of projects, and they are most of its JSON.
    fn write(&self, out: &mut Vec<u8>) {
        let mut o = Object::new(out);
        o.str(key!("id"), self.id);
        o.str(key!("name"), self.name);
        o.str(key!("district"), self.district);
        o.opt_str(key!("department"), self.department);
        o.opt_str(key!("leader"), self.leader);
        o.opt_str(key!("category"), self.category);
        o.opt_str(key!("level"), self.level);
        o.opt_str(key!("nature"), self.nature);
        o.opt_str(key!("investor"), self.investor);
        o.opt_str(key!("stage"), self.stage);
        o.amount(key!("total_investment"), Some(self.total_investment));
        o.amount(key!("annual_plan"), Some(self.annual_plan));
        o.amount(key!("ytd_investment"), Some(self.ytd_investment));
        o.amount(key!("month_investment"), self.month_investment);
        o.amount(key!("period_investment"), self.period_investment);
        o.amount(key!("completion_rate"), self.completion_rate);
        o.amount(key!("vs_time_target"), self.vs_time_target);
        o.bool(key!("started"), self.started);
        o.opt_str(key!("status"), self.status);
        o.opt_str(key!("status_kind"), self.status_kind);
        o.month(key!("planned_start"), self.planned_start);
        o.month(key!("actual_start"), self.actual_start);
        o.bool(key!("reported"), self.reported);
        o.month(key!("last_report"), self.last_report);
        o.value(key!("overdue_months"), &self.overdue_months);
        o.opt_bool(key!("idle"), self.idle);
        o.str(key!("light"), light_name(self.light));
        o.str(key!("light_reason"), &self.light_reason);
        o.opt_bool(key!("on_target"), self.on_target);
        o.amount(key!("previous_year_ytd"), self.previous_year_ytd);
        o.opt_str(key!("progress"), self.progress);
        o.end();
    }
}

/// A light as serde names it.
/// Whether a count is of none, for a key given only where there are some.
fn none(n: &u64) -> bool {
    *n == 0
}

fn light_name(light: Light) -> &'static str {
    match light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    }
}

/// An object written field by field as serde_json's pretty printer writes an item of a
/// top-level key's array (fields indented by six spaces, the closing brace by four), each key
/// made by `key!`. Every value is written as serde_json writes it: text, amounts (from their
/// digits, `write_amount`), flags and months directly, anything else by serde_json itself.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    empty: bool,
}

impl<'o> Object<'o> {
    fn new(out: &'o mut Vec<u8>) -> Object<'o> {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Writes a key as `key!` makes it: the first without its comma.
    fn key(&mut self, key: &str) {
        debug_assert!(
            key.starts_with(",\n      \"") && key.ends_with("\": "),
            "{key:?}"
        );
        let key = if self.empty {
            key.strip_prefix(',').unwrap_or(key)
        } else {
            key
        };
        self.out.extend_from_slice(key.as_bytes());
        self.empty = false;
    }

    fn str(&mut self, key: &str, text: &str) {
        self.key(key);
        // Most text needs no escaping: it is copied as it is.
        if !needs_escaping(text.as_bytes()) {
            self.out.push(b'"');
            self.out.extend_from_slice(text.as_bytes());
            self.out.push(b'"');
        } else {
            self.raw(text);
        }
    }

    fn opt_str(&mut self, key: &str, text: Option<&str>) {
        match text {
            Some(text) => self.str(key, text),
            None => self.null(key),
        }
    }

    fn null(&mut self, key: &str) {
        self.key(key);
        self.out.extend_from_slice(b"null");
    }

    /// A number, or null for none (`write_amount`).
    fn amount(&mut self, key: &str, value: Option<Decimal>) {
        self.key(key);
        match value {
            Some(d) => write_amount(self.out, d),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        let text: &[u8] = if value { b"true" } else { b"false" };
        self.out.extend_from_slice(text);
    }

    fn opt_bool(&mut self, key: &str, value: Option<bool>) {
        match value {
            Some(value) => self.bool(key, value),
            None => self.null(key),
        }
    }

    /// A month as text (`"2024-06"`), or null for none.
    fn month(&mut self, key: &str, month: Option<YearMonth>) {
        self.key(key);
        match month.and_then(YearMonth::digits) {
            Some(text) => {
                self.out.push(b'"');
                self.out.extend_from_slice(&text);
                self.out.push(b'"');
            }
            None => self.raw(&month),
        }
    }

    /// A value with no nested objects or arrays (a number, bool, null or string).
    fn value<T: Serialize>(&mut self, key: &str, value: &T) {
        self.key(key);
        self.raw(value);
    }

    fn raw<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing to memory cannot fail, and these values always serialize.
        let _ = serde_json::to_writer(&mut *self.out, value);
    }

    fn end(self) {
        let end: &[u8] = if self.empty { b"}" } else { b"\n    }" };
        self.out.extend_from_slice(end);
    }
}

/// Whether JSON text must escape some of these bytes: a control character, `"` or `\\`. Eight
/// bytes are looked at a time, as one word.
fn needs_escaping(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `word` is below `n` (at most 0x80): subtracting `n` from each byte
    // sets the high bit of the lowest such byte (one not set before), and of none if none is.
    let some_below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH != 0;
    let some_is = |word: u64, b: u8| some_below(word ^ (ONES * u64::from(b)), 1);
    let mut words = bytes.chunks_exact(8);
    for eight in &mut words {
        let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        if some_below(word, 0x20) || some_is(word, b'"') || some_is(word, b'\\') {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    id: &'a str,
    name: &'a str,
    district: &'a str,
    /// The 问题类别 as written.
    category: &'a str,
    /// Each category it names.
    categories: &'a [String],
    text: &'a str,
}

/// Stands in the document for the projects, which are written separately (`write_array`).
struct ProjectsHere;

/// `ProjectsHere` as serde_json writes it.
const PROJECTS_HERE: &[u8] = b"\"\\u0001projects\\u0001\"";

impl Serialize for ProjectsHere {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("\u{1}projects\u{1}")
    }
}

/// Where `ProjectsHere` is in pretty JSON as the value of the top-level `key`. Looked for with
/// the key, the line break and the indent before it: no string holds a raw line break, so no
/// text in the data (a district named like the placeholder) can be taken for it.
fn projects_here(text: &[u8], key: &str) -> Option<usize> {
    let before = format!("\n  \"{key}\": ");
    let marker = [before.as_bytes(), PROJECTS_HERE].concat();
    let at = text.windows(marker.len()).position(|w| w == marker)?;
    Some(at + before.len())
}

/// Writes `items` as a JSON array exactly as serde_json's pretty printer would as the value of a
/// top-level key, each by `item` (as an `Object` writes it), made on every core a run at a
/// time and written in order as they are made: there may be hundreds of thousands of projects,
/// and they are most of the document.
fn write_array<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    item: impl Fn(&T, &mut Vec<u8>) + Sync,
) -> anyhow::Result<()> {
    /// Items a run: enough to make handing them out cheap, few enough to hold.
    const RUN: usize = 512;
    if items.is_empty() {
        out.write_all(b"[]")?;
        return Ok(());
    }
    out.write_all(b"[")?;
    let mut written = Ok(());
    let mut first = true;
    let spare = crate::par::Spare::default();
    crate::par::in_order(
        items,
        RUN,
        |run| {
            let mut text: Vec<u8> = spare.take().unwrap_or_default();
            // Room for an item's kilobyte or so (a project's) at once, not grown step by step.
            text.reserve(run.len() * 1024);
            for x in run {
                if !text.is_empty() {
                    text.push(b',');
                }
                text.extend_from_slice(b"\n    ");
                item(x, &mut text);
            }
            text
        },
        |mut run| {
            let separator: &[u8] = if first { b"" } else { b"," };
            first = false;
            written = out.write_all(separator).and_then(|()| out.write_all(&run));
            run.clear();
            spare.keep(run);
            written.is_ok()
        },
    );
    written?;
    out.write_all(b"\n  ]")?;
    Ok(())
}

#[derive(Serialize)]
struct Doc<'a> {
    month: String,
    period: String,
    period_start: String,
    plan_year: i32,
    time_target: Option<f64>,
    group_by: &'static str,
    start_rate_base: crate::settings::StartRateBase,
    compared_with: Option<String>,
    /// Projects without a value for the grouping: in every total, in no ranked group.
    unranked_projects: u64,
    /// Those of them whose grouping cell held undecodable bytes (an error said), not left
    /// empty: a key only where there are some.
    #[serde(skip_serializing_if = "none")]
    unranked_unreadable: u64,
    overview: FiguresJson,
    ranking: Vec<RankedJson>,
    projects: ProjectsHere,
    structure: Structure,
    problems: Vec<ProblemJson<'a>>,
    xmtool_version: &'static str,
    /// Where the figures came from: the settings used and every input file.
    settings: Vec<String>,
    inputs: &'a [crate::load::Source],
    /// What `check` finds in those inputs, counted: errors above 0 mean the figures were made
    /// past them (`--allow-errors`).
    data_findings: crate::finding::Tally,
}

/// Writes the bulletin as pretty JSON, with the settings and input files it came from.
pub fn write(
    out: &mut dyn Write,
    b: &Bulletin,
    data: &crate::load::Dataset,
    lang: Lang,
) -> anyhow::Result<()> {
    let structure = Structure(
        (b.structure.iter())
            .map(|(dim, rows)| {
                let groups = rows
                    .iter()
                    .map(|r| GroupJson {
                        group: r.group.clone(),
                        figures: FiguresJson::new(&r.figures, b),
                    })
                    .collect();
                (*dim, groups)
            })
            .collect(),
    );
    let doc = Doc {
        month: b.month.to_string(),
        period: b.period.to_string(),
        period_start: b.period.start.to_string(),
        plan_year: b.plan_year,
        time_target: rate(&b.time_target),
        group_by: b.by.key(),
        start_rate_base: b.start_rate_base,
        compared_with: b.compared_with.map(|p| p.to_string()),
        unranked_projects: b.unranked.projects,
        unranked_unreadable: b.unranked.unread,
        overview: FiguresJson::new(&b.overview, b),
        ranking: b
            .ranking
            .iter()
            .map(|r| RankedJson {
                rank: r.rank,
                rank_change: r.rank_change,
                group: r.group.clone(),
                figures: FiguresJson::new(&r.figures, b),
                score: amount(round(r.score, 4)),
            })
            .collect(),
        projects: ProjectsHere,
        structure,
        problems: b
            .problems
            .iter()
            .map(|p| ProblemJson {
                id: &p.id,
                name: &p.name,
                district: &p.district,
                category: &p.category,
                categories: &p.categories,
                text: &p.text,
            })
            .collect(),
        xmtool_version: env!("CARGO_PKG_VERSION"),
        settings: data.settings.describe(),
        inputs: &data.sources,
        data_findings: data.tally(),
    };
    let mut text = serde_json::to_vec_pretty(&doc)?;
    text.push(b'\n');
    let at = projects_here(&text, "projects")
        .ok_or_else(|| anyhow::anyhow!("the projects' place is missing from the JSON"))?;
    out.write_all(&text[..at])?;
    let time_target = b.time_target.value();
    let shape = (b.period.is_month(), b.idle_not_known.is_none());
    write_array(out, &b.projects, |pf, text| {
        ProjectJson::new(pf, time_target, shape, lang).write(text)
    })?;
    out.write_all(&text[at + PROJECTS_HERE.len()..])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An exact number as serde writes it in the JSON: the float `amount` makes of it.
    pub fn as_float<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(amount(*d))
    }

    pub fn as_floats<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&amount(*d)),
            None => s.serialize_none(),
        }
    }

    fn written_amount(d: Decimal) -> String {
        let mut out = Vec::new();
        write_amount(&mut out, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn amounts_are_written_as_their_floats_are() {
        for (text, want) in [
            ("0", "0.0"),
            ("0.000", "0.0"),
            ("5", "5.0"),
            ("5.00", "5.0"),
            ("183310.7", "183310.7"),
            ("-12.50", "-12.5"),
            ("0.0001", "0.0001"),
            ("0.00012", "0.00012"),
            ("0.000001", "1e-6"),
            ("999999999999999", "999999999999999.0"),
            ("1000000000000000", "1000000000000000.0"),
            ("10000000000000000", "1e+16"),
            ("1.2345678901234567", "1.2345678901234567"),
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(written_amount(d), want, "{text}");
            assert_eq!(
                written_amount(d),
                serde_json::to_string(&amount(d)).unwrap()
            );
        }
    }

    #[derive(Serialize)]
    struct Item {
        n: usize,
        name: String,
        x: f64,
        none: Option<u8>,
        month: Option<YearMonth>,
    }

    impl Item {
        fn write(&self, out: &mut Vec<u8>) {
            let mut o = Object::new(out);
            o.value(key!("n"), &self.n);
            o.str(key!("name"), &self.name);
            o.value(key!("x"), &self.x);
            o.value(key!("none"), &self.none);
            o.value(key!("month"), &self.month);
            o.end();
        }
    }

    #[derive(Serialize)]
    struct Whole<T> {
        before: &'static str,
        items: T,
        after: u8,
    }

    /// `items` as the value of a top-level key, pretty printed by serde_json.
    fn pretty<T: Serialize>(items: T) -> Vec<u8> {
        serde_json::to_vec_pretty(&Whole {
            before: "\u{1}projects\u{1}",
            items,
            after: 2,
        })
        .unwrap()
    }

    /// `items` written by `write_array` in place of the placeholder.
    fn written<T: Sync>(items: &[T], item: impl Fn(&T, &mut Vec<u8>) + Sync) -> Vec<u8> {
        // Text like the placeholder, before it: not taken for it.
        let mut text = pretty(ProjectsHere);
        let at = projects_here(&text, "items").unwrap();
        let mut got = text.drain(..at).collect::<Vec<u8>>();
        write_array(&mut got, items, item).unwrap();
        got.extend_from_slice(&text[PROJECTS_HERE.len()..]);
        got
    }

    #[test]
    fn arrays_are_written_as_the_pretty_printer_writes_them() {
        let item = |n: usize| Item {
            n,
            name: format!("项目 \"{n}\"\n第二行\t{}", "x".repeat(n % 7)),
            x: n as f64 / 7.0,
            none: None,
            month: YearMonth::new(2024, (n % 12) as u32 + 1),
        };
        // Enough for several batches, each shared between cores.
        for count in [0, 1, 2, 40_000] {
            let items: Vec<Item> = (0..count).map(item).collect();
            let got = written(&items, Item::write);
            assert!(got == pretty(&items), "{count} items");
        }
    }

    /// Text of every kind JSON escapes or not: quotes, backslashes, control characters, DEL,
    /// Chinese, line and paragraph separators.
    fn any_text() -> impl Strategy<Value = String> {
        "[a-z \"\\\\\u{0}-\u{1f}\u{7f}项目金川区\u{2028}\u{2029}😀]{0,12}"
    }

    prop_compose! {
        fn any_month()(year in 1900i32..2201, month in 1u32..13) -> YearMonth {
            YearMonth::new(year, month).unwrap()
        }
    }

    /// Numbers of every size and precision: amounts, rates, and any decimal at all.
    fn any_decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (-10_000_000_000i64..10_000_000_000, 0u32..6)
                .prop_map(|(n, scale)| Decimal::new(n, scale)),
            (-1_000_000_000_000_000i64..1_000_000_000_000_000, 0u32..=28)
                .prop_map(|(n, scale)| Decimal::new(n, scale)),
            (any::<i128>(), 0u32..=28)
                .prop_map(|(n, scale)| { Decimal::from_i128_with_scale(n % (1i128 << 96), scale) }),
            (0u32..=28).prop_map(|scale| Decimal::new(0, scale)),
            // Few digits, with trailing zeros that make them more than 64 bits wide.
            (1i64..1_000_000_000_000, 8u32..=16, 0u32..=12).prop_map(|(n, zeros, places)| {
                Decimal::from_i128_with_scale(i128::from(n) * 10i128.pow(zeros), zeros + places)
            }),
        ]
    }

    proptest! {
        /// Text is found to need escaping just when one of its bytes does, wherever it is.
        #[test]
        fn text_needs_escaping_when_a_byte_does(
            bytes in proptest::collection::vec(0x20u8..=0xff, 0..40),
            special in prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x20],
            at in any::<prop::sample::Index>(),
        ) {
            let plain: Vec<u8> = bytes.into_iter().filter(|&b| b != b'"' && b != b'\\').collect();
            prop_assert!(!needs_escaping(&plain));
            let mut escaped = plain.clone();
            escaped.insert(at.index(plain.len() + 1), special);
            prop_assert!(needs_escaping(&escaped), "{:?}", escaped);
        }

        /// An amount is written exactly as serde_json writes the float it was written as.
        #[test]
        fn amounts_are_written_as_serde_writes_their_floats(d in any_decimal()) {
            prop_assert_eq!(written_amount(d), serde_json::to_string(&amount(d)).unwrap());
        }

        /// A project is written field by field exactly as serde would write it.
        #[test]
        fn projects_are_written_as_serde_writes_them(
            texts in proptest::collection::vec(any_text(), 4),
            optional in proptest::collection::vec(proptest::option::of(any_text()), 8),
            numbers in proptest::collection::vec(any_decimal(), 5),
            rates in proptest::collection::vec(proptest::option::of(any_decimal()), 3),
            flags in proptest::collection::vec(any::<bool>(), 3),
            on_target in proptest::option::of(any::<bool>()),
            months in proptest::collection::vec(proptest::option::of(any_month()), 3),
            overdue_months in proptest::option::of(any::<i32>()),
            light in prop_oneof![Just(Light::Green), Just(Light::Yellow), Just(Light::Red)],
            nature in prop_oneof![Just(None), Just(Some("new")), Just(Some("continuing"))],
            status_kind in proptest::option::of(prop_oneof![
                Just(Status::NotStarted),
                Just(Status::Halted),
                Just(Status::Suspended),
            ].prop_map(Status::key)),
        ) {
            let o = |i: usize| optional[i].as_deref();
            let project = ProjectJson {
                id: &texts[0],
                name: &texts[1],
                district: &texts[2],
                department: o(0),
                leader: o(1),
                category: o(2),
                level: o(3),
                nature,
                investor: o(4),
                stage: o(5),
                total_investment: numbers[0],
                annual_plan: numbers[1],
                ytd_investment: numbers[2],
                month_investment: flags[1].then_some(numbers[3]),
                period_investment: flags[1].then_some(numbers[4]),
                completion_rate: rates[0],
                vs_time_target: rates[1],
                started: flags[0],
                status: o(6),
                status_kind,
                planned_start: months[0],
                actual_start: months[1],
                reported: flags[1],
                last_report: months[2],
                overdue_months,
                idle: flags[2].then_some(flags[0]),
                light,
                light_reason: texts[3].clone(),
                on_target,
                previous_year_ytd: rates[2],
                progress: o(7),
            };
            let projects = [project];
            let got = written(&projects, ProjectJson::write);
            let want = pretty(&projects);
            prop_assert!(
                got == want,
                "{}\n---\n{}",
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
        }
    }
}
