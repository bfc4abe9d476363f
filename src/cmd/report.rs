//! `xmtool report`: the bulletin for a month or period, in the format asked for.

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use clap::ValueEnum;

use super::Outcome;
use crate::cli::{ReportArgs, ReportFormat};
use crate::compute;
use crate::render;
use crate::render::sections::{KEYS, section};

pub fn run(dir: &Path, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = super::output_format(
        args.format,
        args.dest.file(),
        &[
            (&["txt"], ReportFormat::Table),
            (&["md", "markdown"], ReportFormat::Markdown),
            (&["html", "htm"], ReportFormat::Html),
            (&["json"], ReportFormat::Json),
            (&["csv"], ReportFormat::Csv),
        ],
        ReportFormat::Table,
    )?;
    let table = match (&args.table, format) {
        (Some(table), ReportFormat::Csv) if !KEYS.contains(&table.as_str()) => bail!(
            "--table {table} is not a table (expected one of: {})",
            KEYS.join(", ")
        ),
        (Some(table), ReportFormat::Csv) => table.as_str(),
        (None, _) => "ranking",
        (Some(_), other) => bail!(
            "--table picks the table for --format csv, but the format is {}, which holds every \
             table (drop --table, or ask for --format csv)",
            other
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string())
        ),
    };
    let asked = super::asked_period(&args.when)?;
    // (JSON and HTML record the input files, with their SHA-256.)
    let records_inputs = matches!(format, ReportFormat::Json | ReportFormat::Html);
    let Some(data) = super::load_for_figures(dir, asked, args.allow_errors, records_inputs)? else {
        return Ok(Outcome::DataErrors);
    };
    let period = super::resolve_period(&data, asked)?;
    super::note_no_year_before(&data, period.end);
    super::note_no_grouping_column(&data, period.end.year(), args.by);

    let bulletin = compute::bulletin(&data, period, args.by);
    let csv = format == ReportFormat::Csv;
    super::emit_with(csv, &args.dest, &data, out, |out| {
        match format {
            ReportFormat::Table => {
                render::bulletin::table(out, &bulletin, args.lang, args.dest.file().is_none())?
            }
            ReportFormat::Markdown => render::bulletin::markdown(out, &bulletin, args.lang)?,
            ReportFormat::Json => render::json::write(out, &bulletin, &data, args.lang)?,
            ReportFormat::Html => {
                let jan = crate::model::YearMonth::new(period.end.year(), 1);
                let trend = jan.map(|jan| compute::trend::trend(&data, jan, period.end, args.by));
                let options = [
                    render::about::option("by", &args.by),
                    render::about::option("lang", &args.lang),
                ];
                let about = render::about::records(&data, &period.to_string(), &options, args.lang);
                let page = render::html::page(&bulletin, trend.as_ref(), &about, args.lang);
                out.write_all(page.as_bytes())?;
            }
            ReportFormat::Csv => {
                let section = section(&bulletin, table, args.lang)
                    .ok_or_else(|| anyhow::anyhow!("no table {table}"))?;
                render::bulletin::csv(out, &section, args.lang)?;
            }
        }
        Ok(())
    })?;
    super::leave(bulletin);
    super::leave(data);
    Ok(Outcome::Clean)
}
