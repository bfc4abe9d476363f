//! `xmtool report`: the bulletin for a month or period, in the format asked for.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::Outcome;
use crate::cli::{ReportArgs, ReportFormat};
use crate::compute::{self, Period};
use crate::finding::{Severity, Tally};
use crate::load;
use crate::output;
use crate::render;
use crate::render::sections::{KEYS, sections};
use crate::settings::Settings;

pub fn run(dir: &Path, args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = match (args.format, &args.output) {
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
    let asked = match (&args.period, &args.month) {
        (Some(p), _) | (None, Some(p)) => Some(Period::parse(p).map_err(anyhow::Error::msg)?),
        (None, None) => None,
    };

    let settings = Settings::load(dir)?;
    let data = load::load(dir, settings, asked.map(|p| p.end.year()))?;
    let mut findings = data.findings.clone();
    findings.extend(crate::check::run(&data));
    let tally = Tally::of(&findings);
    if tally.errors > 0 {
        let first = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .map(ToString::to_string)
            .unwrap_or_default();
        if !args.allow_errors {
            eprintln!(
                "xmtool: the data has {} error{} (the first: {first}); run `xmtool check` to see \
                 them all, or pass --allow-errors to print the bulletin anyway",
                tally.errors,
                if tally.errors == 1 { "" } else { "s" }
            );
            return Ok(Outcome::DataErrors);
        }
        eprintln!(
            "xmtool: warning: the data has {} errors; figures built on them may be wrong",
            tally.errors
        );
    }

    let months = compute::reported_months(&data);
    let period = match asked {
        Some(p) => p,
        None => {
            let latest = months
                .iter()
                .rev()
                .find(|m| data.settings.year.is_none_or(|y| m.year() == y))
                .copied();
            let Some(latest) = latest else {
                bail!("there are no reports to make a bulletin from; give --month");
            };
            eprintln!("xmtool: no --month given; using {latest}, the latest month with reports");
            Period::month(latest)
        }
    };
    if data.settings.year.is_some_and(|y| y != period.end.year()) {
        bail!(
            "{} is not in the plan year {} set in xmtool.toml",
            period,
            data.settings.year.unwrap_or_default()
        );
    }
    if !months.contains(&period.end) {
        eprintln!(
            "xmtool: warning: no reports for {}; every project's figure is carried forward from \
             its last report",
            period.end
        );
    }

    let bulletin = compute::bulletin(&data, period, args.by);
    let mut bytes = Vec::new();
    match format {
        ReportFormat::Table => render::bulletin::table(&mut bytes, &bulletin, args.lang)?,
        ReportFormat::Markdown => render::bulletin::markdown(&mut bytes, &bulletin, args.lang)?,
        ReportFormat::Json => render::json::write(&mut bytes, &bulletin, args.lang)?,
        ReportFormat::Csv => {
            let section = sections(&bulletin, args.lang)
                .into_iter()
                .find(|s| s.key == args.table)
                .ok_or_else(|| anyhow::anyhow!("no table {}", args.table))?;
            if args.output.is_some() {
                // A byte-order mark so that Excel and WPS open a UTF-8 file with Chinese intact.
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            render::bulletin::csv(&mut bytes, &section, args.lang)?;
        }
    }
    match &args.output {
        Some(path) => {
            output::guard(path, &data)?;
            output::write_file(path, &bytes, args.force)?;
            eprintln!("xmtool: wrote {}", path.display());
        }
        None => out.write_all(&bytes)?,
    }
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
        "txt" => ReportFormat::Table,
        _ => bail!(
            "cannot tell the format of {} from its extension (use .txt, .md, .json or .csv, or give --format)",
            path.display()
        ),
    })
}
