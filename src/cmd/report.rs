//! `xmtool report`: the bulletin for a month or period, in the format asked for.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::Outcome;
use crate::cli::{ReportArgs, ReportFormat};
use crate::compute;
use crate::render;
use crate::render::sections::{KEYS, sections};

pub fn run(dir: &Path, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = match (args.format, &args.dest.output) {
        (Some(f), _) => f,
        (None, Some(path)) => format_of(path)?,
        (None, None) => ReportFormat::Table,
    };
    if format == ReportFormat::Csv && !KEYS.contains(&args.table.as_str()) {
        bail!(
            "--table {} is not a table (expected one of: {})",
            args.table,
            KEYS.join(", ")
        );
    }
    let asked = super::asked_period(args.month.as_deref(), args.period.as_deref())?;
    let Some(data) = super::load_for_figures(dir, asked, args.allow_errors)? else {
        return Ok(Outcome::DataErrors);
    };
    let period = super::resolve_period(&data, asked)?;

    let bulletin = compute::bulletin(&data, period, args.by);
    let mut bytes = Vec::new();
    match format {
        ReportFormat::Table => render::bulletin::table(&mut bytes, &bulletin, args.lang)?,
        ReportFormat::Markdown => render::bulletin::markdown(&mut bytes, &bulletin, args.lang)?,
        ReportFormat::Json => render::json::write(&mut bytes, &bulletin, &data, args.lang)?,
        ReportFormat::Html => {
            let jan = crate::model::YearMonth::new(period.end.year(), 1);
            let trend = jan.map(|jan| compute::trend::trend(&data, jan, period.end, args.by));
            let about = render::about::records(&data, &period.to_string(), args.lang);
            bytes.extend_from_slice(
                render::html::page(&bulletin, trend.as_ref(), &about, args.lang).as_bytes(),
            );
        }
        ReportFormat::Csv => {
            let section = sections(&bulletin, args.lang)
                .into_iter()
                .find(|s| s.key == args.table)
                .ok_or_else(|| anyhow::anyhow!("no table {}", args.table))?;
            if args.dest.output.is_some() {
                // A byte-order mark so that Excel and WPS open a UTF-8 file with Chinese intact.
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            render::bulletin::csv(&mut bytes, &section, args.lang)?;
        }
    }
    super::emit(
        &bytes,
        args.dest.output.as_deref(),
        args.dest.force,
        &data,
        out,
    )?;
    Ok(Outcome::Clean)
}

/// The format a file name's extension asks for.
fn format_of(path: &Path) -> anyhow::Result<ReportFormat> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "json" => ReportFormat::Json,
        "csv" => ReportFormat::Csv,
        "md" | "markdown" => ReportFormat::Markdown,
        "html" | "htm" => ReportFormat::Html,
        "txt" => ReportFormat::Table,
        _ => bail!(
            "cannot tell the format of {} from its extension (use .txt, .md, .html, .json or .csv, or give --format)",
            path.display()
        ),
    })
}
