//! `xmtool trend`: completion rate per month against the time target, per group.

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use serde_json::json;

use super::Outcome;
use crate::cli::{TrendArgs, TrendFormat};
use crate::compute::{self, Period, round, trend};
use crate::model::YearMonth;
use crate::model::reports::TextsFor;
use crate::render::bulletin::{csv, section_table};
use crate::render::format::Lang;
use crate::render::sections::{Section, Value};

pub fn run(dir: &Path, args: &TrendArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let to = args
        .to
        .as_deref()
        .map(|t| super::asked_month(t, "--to"))
        .transpose()?;
    let from = args
        .from
        .as_deref()
        .map(|f| super::asked_month(f, "--from"))
        .transpose()?;
    // Rates only: no report's free text is needed.
    let asked = to.or(from).map(Period::month);
    let Some(data) =
        super::load_for_figures_with(dir, asked, to, TextsFor::Nothing, args.allow_errors, false)?
    else {
        return Ok(Outcome::DataErrors);
    };
    // Warns, too, when the last month has no reports (figures then carry forward).
    let to = super::resolve_period_for(&data, to.map(Period::month), "--to")?.end;
    let from = match from {
        Some(f) => f,
        None => YearMonth::new(to.year(), 1).unwrap_or(to),
    };
    // (Without --to, its month is the latest with reports.)
    let to_said = match args.to {
        Some(_) => format!("--to {to}"),
        None => format!("{to}, the latest month with reports (give --to)"),
    };
    if from > to {
        bail!("--from {from} is after {to_said}");
    }
    if from.year() != to.year() {
        bail!(
            "--from {from} and {to_said} are in different plan years (year-to-date figures restart each January)"
        );
    }
    // A month before the last with no reports, or whose reports give no figure (blank templates
    // alone): its column carries the figures forward too (the last's was warned of above).
    let before_to = trend::months(from, to).into_iter().filter(|&m| m < to);
    let (blank, missing): (Vec<YearMonth>, Vec<YearMonth>) = before_to
        .filter(|&m| !data.reports.has_figures(m))
        .partition(|&m| data.reports.has_month(m));
    let carried = |months: &[YearMonth]| {
        if months.len() == 1 {
            "its"
        } else {
            "each one's"
        }
    };
    let listed = |months: &[YearMonth]| {
        months
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !missing.is_empty() {
        crate::say!(
            "xmtool: warning: no reports for {}; {} column carries every project's figure forward \
             from its last report",
            listed(&missing),
            carried(&missing)
        );
    }
    if !blank.is_empty() {
        crate::say!(
            "xmtool: warning: the reports for {} give no figure (blank templates?); {} column \
             carries every project's figure forward from its last report",
            listed(&blank),
            carried(&blank)
        );
    }
    super::note_no_grouping_column(&data, to.year(), args.by);
    let t = trend::trend(&data, from, to, args.by);
    let format = format_of(args.format, &args.dest)?;
    let mut bytes = Vec::new();
    match format {
        TrendFormat::Table => {
            let wrap = args.dest.file().is_none();
            section_table(&mut bytes, &section(&t, args.lang), args.lang, wrap)?
        }
        TrendFormat::Csv => csv(&mut bytes, &section(&t, args.lang), args.lang)?,
        TrendFormat::Json => {
            let rate = |r: &compute::Ratio| {
                r.value()
                    .map(|v| compute::nearest_f64(round(v, crate::render::json::RATE_PLACES)))
            };
            // Each rate's numerator and denominator beside it, as in `report`'s JSON.
            let ytd = |r: &compute::Ratio| Some(compute::nearest_f64(r.num));
            let plan = |r: &compute::Ratio| Some(compute::nearest_f64(r.den));
            let each = |rates: &[Option<compute::Ratio>],
                        f: &dyn Fn(&compute::Ratio) -> Option<f64>| {
                rates
                    .iter()
                    .map(|r| r.as_ref().and_then(f))
                    .collect::<Vec<_>>()
            };
            let mut doc = json!({
                "group_by": t.by.key(),
                "months": t.months.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
                "time_target": t.time_target.iter().map(rate).collect::<Vec<_>>(),
                "overall": t.overall.iter().map(rate).collect::<Vec<_>>(),
                "overall_ytd_investment": t.overall.iter().map(ytd).collect::<Vec<_>>(),
                "overall_annual_plan": t.overall.iter().map(plan).collect::<Vec<_>>(),
                "groups": t.groups.iter().map(|(g, rates)| json!({
                    "group": g,
                    "completion_rate": each(rates, &rate),
                    "ytd_investment": each(rates, &ytd),
                    "annual_plan": each(rates, &plan),
                })).collect::<Vec<_>>(),
                "unranked_projects": t.unranked.projects,
                "data_findings": data.tally(),
            });
            // (Said only where some are, as the bulletin's JSON says it.)
            if t.unranked.unread > 0 {
                doc["unranked_unreadable"] = json!(t.unranked.unread);
            }
            serde_json::to_writer_pretty(&mut bytes, &doc)?;
            bytes.push(b'\n');
        }
    }
    super::emit(&bytes, format == TrendFormat::Csv, &args.dest, &data, out)?;
    Ok(Outcome::Clean)
}

fn section(t: &trend::Trend, lang: Lang) -> Section {
    let mut columns = vec![lang.tr("分组", "group").to_string()];
    columns.extend(t.months.iter().map(|m| m.to_string()));
    let mut rows = vec![
        std::iter::once(Value::Text(lang.tr("序时进度", "time target").into()))
            .chain(t.time_target.iter().map(|r| Value::Rate(*r)))
            .collect::<Vec<_>>(),
        std::iter::once(Value::Text(lang.tr("全部", "all").into()))
            .chain(t.overall.iter().map(|r| Value::Rate(*r)))
            .collect(),
    ];
    for (group, rates) in &t.groups {
        rows.push(
            std::iter::once(Value::Text(group.clone()))
                .chain(rates.iter().map(|r| r.map_or(Value::Empty, Value::Rate)))
                .collect(),
        );
    }
    Section {
        key: "trend",
        title: lang
            .tr("投资完成率走势（按月）", "Completion rate by month")
            .to_string(),
        columns,
        rows,
        note: Some({
            let mut note = lang
                .tr(
                    "每格为当月末累计完成投资 ÷ 年度计划投资；序时进度 = 月份 ÷ 12。",
                    "each cell is year-to-date ÷ annual plan at the month's end; the time target is month ÷ 12.",
                )
                .to_string();
            // (As the bulletin's ranking says it: they would be missed from the groups unseen.)
            if t.unranked.projects > 0 {
                let which = crate::render::sections::unranked_projects(t.unranked, t.by, lang);
                note.push_str(&match lang {
                    Lang::Zh => format!("另有{which}，计入全部，不在分组中。"),
                    Lang::En => format!(" {which} count in the \"all\" row, in no group."),
                });
            }
            note
        }),
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    }
}

/// The format asked for, else the one `--output`'s extension names, else a table (`trend` and
/// `show` alike).
pub fn format_of(
    asked: Option<TrendFormat>,
    dest: &crate::cli::OutputArgs,
) -> anyhow::Result<TrendFormat> {
    super::output_format(
        asked,
        dest.file(),
        &[
            (&["txt"], TrendFormat::Table),
            (&["csv"], TrendFormat::Csv),
            (&["json"], TrendFormat::Json),
        ],
        TrendFormat::Table,
    )
}
