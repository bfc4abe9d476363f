//! The bulletin as JSON, the scripting contract: English snake_case keys, rates as fractions
//! rounded to 4 places, amounts in 万元 as plain numbers, n/a as null.

use std::io::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::format::Lang;
use super::sections::reason_text;
use crate::compute::{Bulletin, Figures, Light, ProjectFigures, Ratio, points_between, round};
use crate::model::YearMonth;

fn amount(d: Decimal) -> f64 {
    d.normalize().to_f64().unwrap_or(f64::NAN)
}

fn rate(r: &Ratio) -> Option<f64> {
    fraction(r.value())
}

/// A rate already worked out, as JSON gives rates: a fraction to four places.
fn fraction(value: Option<Decimal>) -> Option<f64> {
    value.map(|v| amount(round(v, 4)))
}

fn points(p: Option<Decimal>) -> Option<f64> {
    p.map(|p| amount(round(p, 2)))
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
    idle: u64,
    green: u64,
    yellow: u64,
    red: u64,
    on_target: u64,
    on_target_share: Option<f64>,
    required_pace: Option<f64>,
    over_100m: u64,
    over_1b: u64,
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
            idle: f.idle,
            green: f.green,
            yellow: f.yellow,
            red: f.red,
            on_target: f.on_target_share.num.to_u64().unwrap_or(0),
            on_target_share: rate(&f.on_target_share),
            required_pace: f.required_pace.map(|p| amount(round(p, 4))),
            over_100m: f.over_100m,
            over_1b: f.over_1b,
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

#[derive(Serialize)]
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
    total_investment: f64,
    annual_plan: f64,
    ytd_investment: f64,
    month_investment: f64,
    period_investment: f64,
    completion_rate: Option<f64>,
    vs_time_target: Option<f64>,
    started: bool,
    status: Option<&'a str>,
    planned_start: Option<YearMonth>,
    actual_start: Option<YearMonth>,
    reported: bool,
    last_report: Option<YearMonth>,
    overdue_months: Option<i64>,
    idle: bool,
    light: Light,
    light_reason: String,
    on_target: Option<bool>,
    previous_year_ytd: Option<f64>,
    progress: Option<&'a str>,
}

impl<'a> ProjectJson<'a> {
    /// `time_target`: the bulletin's, worked out once for all its projects.
    fn new(pf: &'a ProjectFigures, time_target: Option<Decimal>, lang: Lang) -> ProjectJson<'a> {
        let p = pf.project;
        let completion_rate = pf.completion_rate.value();
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
            }),
            investor: p.investor.as_deref(),
            stage: p.stage.as_deref(),
            total_investment: amount(p.total_investment),
            annual_plan: amount(p.annual_plan),
            ytd_investment: amount(pf.ytd_investment),
            month_investment: amount(pf.month_investment),
            period_investment: amount(pf.period_investment),
            completion_rate: fraction(completion_rate),
            vs_time_target: points(points_between(completion_rate, time_target)),
            started: pf.started,
            status: pf.status_text,
            planned_start: p.planned_start,
            actual_start: pf.actual_start,
            reported: pf.reported,
            last_report: pf.last_report,
            overdue_months: pf.overdue_months,
            idle: pf.idle,
            light: pf.light,
            light_reason: reason_text(&pf.reasons, lang),
            on_target: pf.on_target,
            previous_year_ytd: pf.previous_year_ytd.map(amount),
            progress: pf.report.and_then(|r| r.progress()),
        }
    }
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    id: &'a str,
    name: &'a str,
    district: &'a str,
    category: &'a str,
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
/// top-level key, each as `json` makes it, on every core a batch at a time: there may be
/// hundreds of thousands of projects, and they are most of the document.
fn write_array<'r, T: Sync, J: Serialize>(
    out: &mut dyn Write,
    items: &'r [T],
    json: impl Fn(&'r T) -> J + Sync,
) -> anyhow::Result<()> {
    /// Items made at once: enough to share, few enough to hold.
    const BATCH: usize = 4096;
    /// A run of items as the value of a top-level key: pretty printed, they are indented as
    /// the array's items are in the whole document, between this start and end.
    #[derive(Serialize)]
    struct Nested<J> {
        #[serde(rename = "")]
        items: Vec<J>,
    }
    const START: &[u8] = b"{\n  \"\": [";
    const END: &[u8] = b"\n  ]\n}";
    if items.is_empty() {
        out.write_all(b"[]")?;
        return Ok(());
    }
    out.write_all(b"[")?;
    for (i, batch) in items.chunks(BATCH).enumerate() {
        let runs = crate::par::map_runs(batch, |run| {
            // Room for an item's kilobyte or so (a project's) at once, not grown step by step.
            let mut text = Vec::with_capacity(run.len() * 1024);
            let items = run.iter().map(&json).collect();
            serde_json::to_writer_pretty(&mut text, &Nested { items }).map(|()| text)
        });
        for (j, run) in runs.into_iter().enumerate() {
            let run = run?;
            let inner = run
                .strip_prefix(START)
                .and_then(|r| r.strip_suffix(END))
                .ok_or_else(|| anyhow::anyhow!("a run of items is not an array in JSON"))?;
            if i > 0 || j > 0 {
                out.write_all(b",")?;
            }
            out.write_all(inner)?;
        }
    }
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
    overview: FiguresJson,
    ranking: Vec<RankedJson>,
    projects: ProjectsHere,
    structure: serde_json::Map<String, serde_json::Value>,
    problems: Vec<ProblemJson<'a>>,
    xmtool_version: &'static str,
    /// Where the figures came from: the settings used and every input file.
    settings: Vec<String>,
    inputs: &'a [crate::load::Source],
}

/// Writes the bulletin as pretty JSON, with the settings and input files it came from.
pub fn write(
    out: &mut dyn Write,
    b: &Bulletin,
    data: &crate::load::Dataset,
    lang: Lang,
) -> anyhow::Result<()> {
    let mut structure = serde_json::Map::new();
    for (dim, rows) in &b.structure {
        let groups: Vec<GroupJson> = rows
            .iter()
            .map(|r| GroupJson {
                group: r.group.clone(),
                figures: FiguresJson::new(&r.figures, b),
            })
            .collect();
        structure.insert(dim.to_string(), serde_json::to_value(groups)?);
    }
    let doc = Doc {
        month: b.month.to_string(),
        period: b.period.to_string(),
        period_start: b.period.start.to_string(),
        plan_year: b.plan_year,
        time_target: rate(&b.time_target),
        group_by: b.by.key(),
        start_rate_base: b.start_rate_base,
        compared_with: b.compared_with.map(|p| p.to_string()),
        unranked_projects: b.unranked,
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
                text: &p.text,
            })
            .collect(),
        xmtool_version: env!("CARGO_PKG_VERSION"),
        settings: data.settings.describe(),
        inputs: &data.sources,
    };
    let mut text = serde_json::to_vec_pretty(&doc)?;
    text.push(b'\n');
    let at = projects_here(&text, "projects")
        .ok_or_else(|| anyhow::anyhow!("the projects' place is missing from the JSON"))?;
    out.write_all(&text[..at])?;
    let time_target = b.time_target.value();
    write_array(out, &b.projects, |pf| {
        ProjectJson::new(pf, time_target, lang)
    })?;
    out.write_all(&text[at + PROJECTS_HERE.len()..])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        n: usize,
        name: String,
        x: f64,
        none: Option<u8>,
        list: Vec<u8>,
        empty: Vec<u8>,
    }

    #[derive(Serialize)]
    struct Whole<T> {
        before: &'static str,
        items: T,
        after: u8,
    }

    #[test]
    fn arrays_are_written_as_the_pretty_printer_writes_them() {
        let item = |&n: &usize| Item {
            n,
            name: format!("项目 \"{n}\"\n第二行\t{}", "x".repeat(n % 7)),
            x: n as f64 / 7.0,
            none: None,
            list: vec![1, 2],
            empty: Vec::new(),
        };
        // Enough for several batches, each shared between cores.
        for count in [0, 1, 2, 40_000] {
            let numbers: Vec<usize> = (0..count).collect();
            let whole = Whole {
                before: "\u{1}projects\u{1}",
                items: numbers.iter().map(item).collect::<Vec<_>>(),
                after: 2,
            };
            let want = serde_json::to_vec_pretty(&whole).unwrap();

            let mut text = serde_json::to_vec_pretty(&Whole {
                // Text like the placeholder, before it: not taken for it.
                before: "\u{1}projects\u{1}",
                items: ProjectsHere,
                after: 2,
            })
            .unwrap();
            let at = projects_here(&text, "items").unwrap();
            let mut got = text.drain(..at).collect::<Vec<u8>>();
            write_array(&mut got, &numbers, item).unwrap();
            got.extend_from_slice(&text[PROJECTS_HERE.len()..]);
            assert!(got == want, "{count} items");
        }
    }
}
