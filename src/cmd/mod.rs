//! One module per subcommand, each with a `run` taking the data folder, its arguments and where
//! to write, and returning how it went.

pub mod check;
pub mod export;
pub mod init;
pub mod meta;
pub mod report;
pub mod show;
pub mod template;
pub mod trend;

use std::path::Path;

use anyhow::bail;

use crate::compute::Period;
use crate::finding::{Finding, Severity, Shown};
use crate::load::grid::WORKBOOKS;
use crate::load::{self, Dataset};
use crate::model::reports::TextsFor;
use crate::model::{FIRST_YEAR, LAST_YEAR, YearMonth};
use crate::settings::Settings;

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done; the data has no errors.
    Clean,
    /// Done, but the data has errors (or warnings, when strict).
    DataErrors,
}

/// The period asked for by `--period` or `--month`, if any. (`--month 2024`, a month left out,
/// is refused: the year's bulletin is asked for by `--period`.)
pub fn asked_period(when: &crate::cli::PeriodArgs) -> anyhow::Result<Option<Period>> {
    // (Errors name the option, as those of the options taking a month alone do.)
    let period = match (&when.period, &when.month) {
        (Some(text), _) => Period::parse_period(text).map_err(|e| format!("--period {e}")),
        (None, Some(text)) => match Period::parse_for_month(text) {
            Ok(p) if !p.is_month() => bail!(
                "--month \"{}\" is {}, not a month: give --period {p} for its bulletin, or one \
                 month (e.g. {})",
                text.escape_debug(),
                p.kind_in_words(),
                p.end
            ),
            // (A quarter or a half of no year, `Q2`, `上半年`: a period's bulletin, of a year.)
            Err(_) if let Some(forms) = crate::compute::period::period_asked_alone(text) => bail!(
                "--month \"{}\" gives no year, and is no month (expected a month with its year, \
                 e.g. 2024-06, or --period and {forms})",
                text.escape_debug()
            ),
            parsed => parsed.map_err(|e| format!("--month {e}")),
        },
        (None, None) => return Ok(None),
    };
    Ok(Some(period.map_err(anyhow::Error::msg)?))
}

/// The month `text` names, for an option (`flag`) that takes a month and not a period.
pub fn asked_month(text: &str, flag: &str) -> anyhow::Result<crate::model::YearMonth> {
    // (A period's forms are not named in the error: this option takes a month.)
    match Period::parse_for_month(text) {
        Ok(p) if p.is_month() => Ok(p.end),
        // (2024年1-6月: its months are named.)
        Err(_) if let Some((first, last)) = crate::load::value::range_months(text) => bail!(
            "{flag} \"{}\" is a range of months (expected one month: {first} or {last})",
            text.escape_debug()
        ),
        // (A month of no year, `6月`, or a month's form out of range, `2024-13`, is said as
        // `report --month` says it.)
        Err(e) => bail!("{flag} {e}"),
        Ok(_) => bail!(
            "{flag} \"{}\" is not a month (expected e.g. 2024-06, in the years {FIRST_YEAR} to \
             {LAST_YEAR})",
            text.escape_debug()
        ),
    }
}

/// Leaves what a command loaded and computed to the end of the process, which follows: freeing
/// a million projects and their reports piece by piece takes longer (about a twentieth of a
/// large report's run) than the system takes to reclaim the memory at once. (`main` runs one
/// command a process; a program running commands one after another would keep each one's
/// data until it ends.)
pub fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// Loads the folder for a command that computes figures. When the data has errors, says so on
/// stderr and gives `None` (the caller exits 1), unless `allow_errors`. `records_inputs`: the
/// output records each input file with its SHA-256 (JSON, HTML, an export), which are then
/// worked out.
pub fn load_for_figures(
    dir: &Path,
    asked: Option<Period>,
    allow_errors: bool,
    records_inputs: bool,
) -> anyhow::Result<Option<Dataset>> {
    let texts_for = asked.map_or(TextsFor::Latest, |p| TextsFor::Month(p.end));
    let last = asked.map(|p| p.end);
    load_for_figures_with(dir, asked, last, texts_for, allow_errors, records_inputs)
}

/// As `load_for_figures`, keeping the free text of the reports `texts_for` names. `last`: the
/// last month of the figures, where it was asked for: errors in reports of months after it
/// stop nothing. (Not the latest month with reports, taken where none was asked for: a
/// month whose reports are all broken would then be passed over for the one before.)
pub fn load_for_figures_with(
    dir: &Path,
    asked: Option<Period>,
    last: Option<YearMonth>,
    texts_for: TextsFor,
    allow_errors: bool,
    records_inputs: bool,
) -> anyhow::Result<Option<Dataset>> {
    let settings = Settings::load(dir)?;
    let at = asked.map(|p| p.end);
    let mut data = load::load_with(dir, settings, at, texts_for, records_inputs)?;
    // Asked for no month, the data is judged for the one `resolve_period` will take: reports of
    // a later year the registry has no projects for (January's, as December's bulletin is
    // made) are then in none of its figures, and no error.
    if asked.is_none() {
        data.asked = latest_planned(&data).1;
    }
    // Every finding, as `check` gives them: outputs record their count.
    data.findings = crate::check::take_all(&mut data);
    // Asked for no last month, the month taken is the latest of a year the registry has
    // projects for: reports of a later year (next January's, sent early) are in none of its
    // figures, and their errors stop nothing, as with `--month`. (Those of a later month of its
    // year do: a July all broken would have June taken in its place.)
    let year_end = match last {
        None => latest_planned(&data).0.and_then(|y| YearMonth::new(y, 12)),
        Some(_) => None,
    };
    let last = last.or(year_end);
    // Errors in reports of months after the one asked for (July's, come in as June's bulletin
    // is made) are in none of its figures: said, and no reason to stop (`Dataset::tally`
    // counts them apart).
    data.figures_end = last;
    let tally = data.tally();
    let (later, errors): (Vec<&Finding>, Vec<&Finding>) = (data.findings.iter())
        .filter(|f| f.severity == Severity::Error)
        .partition(|f| f.in_none_of(last));
    let later_months = match (last, tally.later_month_errors) {
        (Some(m), n @ 1..) if year_end.is_some() => format!(
            "{n} error{} in reports of a year after {}, which are in none of its figures",
            crate::finding::plural(n),
            m.year()
        ),
        (Some(m), n @ 1..) => format!(
            "{n} error{} in reports of months after {m}, which are in none of {m}'s figures",
            crate::finding::plural(n)
        ),
        _ => String::new(),
    };
    // (A department still sending a dropped project's rows: its errors are in no figures.)
    let off_list = match tally.off_list_errors {
        0 => String::new(),
        n => format!(
            "{n} error{} in report rows of projects off the list by their month (调出时间), \
             which are in no month's figures",
            crate::finding::plural(n)
        ),
    };
    let later_said = match (later_months.is_empty(), off_list.is_empty()) {
        (false, false) => format!("{later_months} and {off_list}"),
        (true, _) => off_list,
        (false, true) => later_months,
    };
    let blocking = tally.errors;
    // (Where the plan year is the asked month's alone, `check` asked for no month takes
    // another and would show none of these: the command advised asks for the month.)
    let later_year = data.reports.months().any(|m| m.year() > data.plan_year);
    let check_month = asked
        .filter(|_| later_year && data.year_only_asked)
        .map(|p| p.end);
    if let Some(first) = errors.first() {
        let and_later = match later.len() {
            0 => String::new(),
            _ => format!(", and {later_said}"),
        };
        // (With no project read there are none to give figures of, errors allowed or not: an
        // empty folder, a share not mounted, a registry that is not one, is no empty bulletin.)
        if data.projects.is_empty() {
            crate::say!(
                "xmtool: no project was read (the first error: {first}), so there are no \
                 figures to give; run `{}` to see every error",
                check_command(dir, None)
            );
            return Ok(None);
        }
        if !allow_errors {
            let see = format!("run `{}` to see them all", check_command(dir, check_month));
            crate::say!(
                "xmtool: the data has {blocking} error{} (the first: {first}){and_later}; {see}, \
                 or pass --allow-errors to go on anyway",
                crate::finding::plural(blocking)
            );
            return Ok(None);
        }
        // (The first named: a file that could not be read is not in the figures at all.)
        crate::say!(
            "xmtool: warning: the data has {blocking} error{} (the first: {first}){and_later}; \
             figures built on {} may be wrong",
            crate::finding::plural(blocking),
            if blocking == 1 { "it" } else { "them" }
        );
    } else if let Some(first) = later.first() {
        crate::say!(
            "xmtool: warning: the data has {later_said} (the first: {first}); run `{}` to see \
             them",
            check_command(dir, check_month)
        );
    }
    Ok(Some(data))
}

/// The `xmtool check` command line, to paste as it is, for the data folder `dir` as it was
/// given (`--dir` where it is not the current folder) and a month.
pub fn check_command(dir: &Path, month: Option<YearMonth>) -> String {
    let mut command = "xmtool check".to_string();
    if dir != Path::new(".") {
        command += " --dir ";
        command += &crate::finding::shell_path(dir);
    }
    if let Some(m) = month {
        command += &format!(" --month {m}");
    }
    command
}

/// Refuses `--out -`, which a script may write for standard output: `command` writes a folder
/// of files (a folder named `-` would be made).
pub fn out_folder(out: &Path, command: &str) -> anyhow::Result<()> {
    if out == Path::new("-") {
        bail!(
            "--out - is standard output, but {command} writes a folder of files (give a folder; \
             `xmtool report --format csv` writes a table to standard output)"
        );
    }
    Ok(())
}

/// Writes a command's output: to `--output` (atomically, never among the inputs, not over an
/// existing file without `--force`), else to standard output. A CSV file gets a byte-order
/// mark, so that spreadsheets read it as UTF-8; standard output does not.
pub fn emit(
    bytes: &[u8],
    csv: bool,
    dest: &crate::cli::OutputArgs,
    data: &Dataset,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    emit_with(csv, dest, data, out, |w| Ok(w.write_all(bytes)?))
}

/// As `emit`, for output that `write` produces as it goes (never held whole).
pub fn emit_with(
    csv: bool,
    dest: &crate::cli::OutputArgs,
    data: &Dataset,
    out: &mut dyn std::io::Write,
    write: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match dest.file() {
        Some(path) => {
            crate::output::guard(path, data)?;
            crate::output::write_file_with(path, dest.force, |w| {
                if csv {
                    w.write_all(crate::render::bulletin::UTF8_BOM)?;
                }
                write(w)
            })?;
            crate::say!("xmtool: wrote {}", path.shown());
        }
        None if dest.force => bail!("--force has no file to write over: -o - is standard output"),
        None => write(out)?,
    }
    Ok(())
}

/// The format asked for, else the one `path`'s extension names (`format_by_extension`), else
/// `default`. A format asked for that the extension contradicts (CSV into `r.xlsx`, JSON into
/// `r.html`) is refused: the file would open as neither. An extension of no format (`.log`)
/// takes any.
pub fn output_format<F: Copy + PartialEq + clap::ValueEnum>(
    asked: Option<F>,
    path: Option<&Path>,
    formats: &[(&[&str], F)],
    default: F,
) -> anyhow::Result<F> {
    let Some(path) = path else {
        return Ok(asked.unwrap_or(default));
    };
    let Some(asked) = asked else {
        return format_by_extension(path, formats);
    };
    let ext = extension_of(path);
    let named = formats
        .iter()
        .find(|(exts, _)| exts.contains(&ext.as_str()))
        .map(|&(_, f)| f);
    // (Another command's format, as for `trend --format csv -o t.html`, contradicts too.)
    const OTHERS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "json", "csv"];
    let workbook = WORKBOOKS.contains(&ext.as_str());
    let contradicts = match named {
        Some(f) => f != asked,
        None => workbook || OTHERS.contains(&ext.as_str()),
    };
    if contradicts {
        let name = asked
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string());
        let own = formats
            .iter()
            .find(|&&(_, f)| f == asked)
            .map_or("", |(exts, _)| exts[0]);
        let instead = match workbook {
            true => "`xmtool export` writes a workbook",
            false => "or leave out --format",
        };
        bail!(
            "--format {name} writes no .{ext} file, but {} is named so (name it .{own}; {instead})",
            path.shown()
        );
    }
    Ok(asked)
}

/// The format an output file's extension asks for, from (extensions, format) pairs; the first
/// extension of each is the one named when none matches.
pub fn format_by_extension<F: Copy>(path: &Path, formats: &[(&[&str], F)]) -> anyhow::Result<F> {
    // (A folder's name has no extension: said as what it is, before "give --format", which
    // would not write it either.)
    crate::output::named_as_folder(path)?;
    let ext = extension_of(path);
    if let Some(&(_, f)) = formats
        .iter()
        .find(|(exts, _)| exts.contains(&ext.as_str()))
    {
        return Ok(f);
    }
    let names: Vec<String> = formats
        .iter()
        .map(|(exts, _)| format!(".{}", exts[0]))
        .collect();
    let list = crate::finding::listed(&names, "or");
    if WORKBOOKS.contains(&ext.as_str()) {
        bail!(
            "{} is named as a workbook, which this command does not write (use {list}; \
             `xmtool export` writes a workbook)",
            path.shown()
        );
    }
    bail!(
        "cannot tell the format of {} from its extension (use {list}, or give --format)",
        path.shown()
    )
}

/// The period to report on: the one asked for, else the latest month with reports (said on
/// stderr). Warns when the month has no reports at all, and where what was invested within the
/// period (本月, 本期; shown by report, export and show) takes in months before it.
pub fn resolve_period(data: &Dataset, asked: Option<Period>) -> anyhow::Result<Period> {
    let period = resolve_period_for(data, asked, "--month")?;
    note_unknown_base(data, period);
    Ok(period)
}

/// Warns where no registry file listing projects for `year` has the column of a grouping asked
/// for (`--by leader` of a registry without 包抓领导): its ranking (or trend) is empty, every
/// project in the totals alone, and the note under it counting them reads as if the cells were
/// left empty. A warning, not an error, as a month of no reports is: the column is optional, and
/// the rest of the bulletin stands. (A registry of several files, some with the column, is said by that
/// note: the projects of the others have none.)
pub fn note_no_grouping_column(data: &Dataset, year: i32, by: crate::compute::GroupBy) {
    let Some(field) = crate::load::header::Field::from_key(by.key()) else {
        return;
    };
    let mut of_year = data.projects.iter().filter(|p| p.year == year).peekable();
    if of_year.peek().is_none() || of_year.any(|p| p.origin.column(field).is_some()) {
        return;
    }
    let looked_for =
        crate::load::header::HeaderMatcher::new(&data.settings.aliases).looked_for(field);
    let key = by.key();
    crate::say!(
        "xmtool: warning: the registry has no {} column (looked for {looked_for}), so --by \
         {key} puts no project in a group: each counts in the totals alone (add the column, or \
         name its header under [aliases] {key} in xmtool.toml)",
        field.label()
    );
}

/// Warns where the folder has reports of the year before `m`'s but none with figures for the
/// month a year before it: no 同比 then (`compute::year_before_reported`). For the bulletin's
/// outputs, which show 同比.
pub fn note_no_year_before(data: &Dataset, m: YearMonth) {
    let Some(before) = m.year_before() else {
        return;
    };
    if crate::compute::year_before_reported(data, m).is_some() {
        return;
    }
    let mut last_year = data
        .reports
        .months()
        .filter(|w| w.year() == before.year() && data.reports.has_figures(*w));
    let Some(first) = last_year.next() else {
        return;
    };
    let last = last_year.next_back().unwrap_or(first);
    let months = match first == last {
        true => first.to_string(),
        false => format!("{first} to {last}"),
    };
    // (A file of two months' figures together, `2024年1-2月.csv`, has none of the first alone,
    // and no file of it is to be added: its 同比 is the last month's.)
    let spanned = (data.sources.iter())
        .filter(|s| s.role == load::Role::Report)
        .find_map(|s| {
            let (first, last) = load::months_spanned(&s.path)?;
            let compared = YearMonth::new(m.year(), last.month())?;
            (first <= before && before < last).then_some((s.path.as_str(), first, last, compared))
        });
    let advice = match spanned {
        Some((file, first, last, compared)) => format!(
            "{file} gives {first}'s and {last}'s figures together, read as {last}'s, none of \
             {before} alone: {}",
            match data.reports.has_figures(compared) {
                true => format!("compare {compared} with it, --month {compared}"),
                false => format!("{compared}'s bulletin compares with it, once its reports are in"),
            }
        ),
        None => format!("add {before}'s to compare"),
    };
    crate::say!(
        "xmtool: warning: no reports for {before}, a year before {m}, so no 同比 (year-on-year) \
         figures (the folder has last year's reports for {months}; {advice})"
    );
}

/// Refuses `year`, the year of `of` (a period or month asked for), where the registry lists
/// projects of other years only, or none at all (a registry of its header alone, as `init`
/// makes it): its figures would be judged by no plan, a bulletin of zeros.
pub fn planned_year(data: &Dataset, year: i32, of: &dyn std::fmt::Display) -> anyhow::Result<()> {
    let years = data.plan_years();
    if years.contains(&year) {
        return Ok(());
    }
    if years.is_empty() {
        // (Named where it is one file, as `init` makes it.)
        let mut files = (data.sources.iter()).filter(|s| s.role == load::Role::Registry);
        let registry = match (files.next(), files.next()) {
            (Some(file), None) => file.path.as_str(),
            _ => "the registry",
        };
        bail!(
            "the registry has no projects for {year}, the year of {of} ({registry} lists no \
             project yet: fill in the year's projects)"
        );
    }
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    bail!(
        "the registry has no projects for {year}, the year of {of} (it has projects for {})",
        years.join(", ")
    )
}

/// The extension of a file's name, in lower case (empty where it has none).
fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The latest year with reports that the registry has projects for (the latest with reports at
/// all where the registry lists no year; `None` where there is none such), and the latest month
/// with reports of it: the month figures are for where none is asked for.
fn latest_planned(data: &Dataset) -> (Option<i32>, Option<YearMonth>) {
    // The registry's plan years (`year` in xmtool.toml gives rows without 计划年度 theirs; a
    // registry with the column may list another year too).
    let years = data.plan_years();
    let planned = |y: i32| years.is_empty() || years.contains(&y);
    let in_registry = (data.reports.months())
        .filter(|m| planned(m.year()))
        .map(|m| m.year())
        .max();
    let latest = match (in_registry, years.is_empty()) {
        (None, false) => None,
        _ => data.latest_listed_month(in_registry),
    };
    (in_registry, latest)
}

/// As `resolve_period`, naming `flag` as the option that was not given, for figures at the
/// period's end alone (`trend`'s rates): no word of what was invested within it.
pub fn resolve_period_for(
    data: &Dataset,
    asked: Option<Period>,
    flag: &str,
) -> anyhow::Result<Period> {
    let years = data.plan_years();
    let planned = |y: i32| years.is_empty() || years.contains(&y);
    let period = match asked {
        Some(p) => p,
        None => {
            let (in_registry, latest) = latest_planned(data);
            // (With no report of a year the registry lists, the latest report is of a year it
            // has no projects for: last year's, kept for 同比, and the year's not come yet.)
            if let (None, Some(last)) = (in_registry, data.reports.latest_month(None))
                && !years.is_empty()
            {
                let names: Vec<String> = years.iter().map(i32::to_string).collect();
                bail!(
                    "there are no reports of {}, the year{} the registry has projects for, to \
                     take the latest month from (the latest report is for {last}); give {flag}",
                    names.join(" or "),
                    crate::finding::plural(years.len())
                );
            }
            let Some(latest) = latest else {
                bail!(
                    "there are no reports in the folder to take the latest month from; give {flag}"
                );
            };
            // (Reports of a later year the registry has no projects for are named: a batch job
            // would otherwise make last December's bulletin again.)
            match data
                .reports
                .months()
                .rfind(|m| *m > latest && !planned(m.year()))
            {
                // (Not "set year in xmtool.toml": that gives the year of a registry's rows of no
                // 计划年度, which are then of that year, not of the later one.)
                Some(later) => crate::say!(
                    "xmtool: no {flag} given; using {latest}, the latest month with reports of a \
                     year the registry has projects for (there are reports for {later}, but no \
                     projects of {}: add them to the registry, with 计划年度)",
                    later.year(),
                ),
                None => match data.months_off_the_list(latest).last() {
                    // (A stray file of projects dropped from the list is named: it is why the
                    // month is not the latest with reports.)
                    Some((later, file)) => crate::say!(
                        "xmtool: no {flag} given; using {latest}, the latest month with reports \
                         of projects on the list ({file} gives {later}'s of none on the list \
                         then: off the list by then, or not in the registry)"
                    ),
                    None => crate::say!(
                        "xmtool: no {flag} given; using {latest}, the latest month with reports"
                    ),
                },
            }
            Period::month(latest)
        }
    };
    planned_year(data, period.end.year(), &period)?;
    if !data.reports.has_month(period.end) {
        let (m, year) = (period.end, period.end.year());
        // (With none of its year before it either, there is nothing to carry forward; where the
        // year is the month's asked for alone, a mistyped year, 2025-01 for 2024-01, would make
        // a plausible bulletin of nothing.)
        let earlier = data.reports.months().any(|r| r.year() == year && r < m);
        let latest = data.reports.months().next_back();
        // (A quarter's, a half's or a year's bulletin is asked for by its period, not by the
        // month it ends with: that is named as the period's, and the period is asked about.)
        let (of_period, meant) = match period.is_month() {
            true => (String::new(), format!("{m} the month")),
            false => (
                format!(", the last month of {period}"),
                format!("{period} ({}) the period", period.chinese_name()),
            ),
        };
        let said = match latest {
            _ if earlier => {
                "; every project's figure is carried forward from its last report".to_string()
            }
            Some(l) if data.year_only_asked && l.year() != year => format!(
                ", nor any of {year} before it, so every year-to-date is 0; the registry has no \
                 计划年度 and xmtool.toml no year, so its projects are taken as {year}'s, the \
                 year asked for, while the latest reports are {l}'s: is {meant} meant? (if so, \
                 set year = {year} in xmtool.toml)"
            ),
            _ => format!(", nor any of {year} before it, so every year-to-date is 0"),
        };
        crate::say!("xmtool: warning: no reports for {m}{of_period}{said}");
    } else if !data.reports.has_figures(period.end) {
        crate::say!(
            "xmtool: warning: the reports for {} give no figure (blank templates?); every \
             project's figure is carried forward from its last report",
            period.end
        );
    }
    Ok(period)
}

/// Warns where what was invested within `period` is worked out from a year-to-date with no
/// figure before it to subtract: no report tells a project's figure at the end of the month
/// before the period, and its first report within it gives 累计完成投资 alone
/// (`compute::base_not_told`). What such a project shows as invested in the period then takes
/// in the months before, back to its last report or to 1 January. Said once for the folder
/// where it has no report of that month with a figure (it begins with the period, say), else
/// naming the projects (listed mid-year, say, their first report giving 累计 alone).
fn note_unknown_base(data: &Dataset, period: Period) {
    let Some(before) = period
        .start
        .prev()
        .filter(|b| b.year() == period.start.year())
    else {
        return;
    };
    let untold = crate::compute::base_not_told(data, period);
    if untold.is_empty() {
        return;
    }
    let what = if period.is_month() {
        "本月完成投资"
    } else {
        "本期完成投资"
    };
    if !data.reports.has_figures(before) {
        crate::say!(
            "xmtool: warning: no report for {before} gives a figure, so the {what} of {period} \
             of a project whose report gives 累计完成投资 alone counts everything since its last \
             report before (or since 1 January): add {before}'s reports to the folder for what was \
             invested within {period}"
        );
        return;
    }
    let ids: Vec<&str> = untold.iter().map(|p| &*p.id).collect();
    let named = match ids.len() {
        n if n > 5 => format!("{} and {} more", ids[..5].join(", "), n - 5),
        _ => ids.join(", "),
    };
    let (its, report) = match (ids.len(), period.is_month()) {
        (1, true) => ("its", format!("its report for {period} gives")),
        (1, false) => ("its", format!("its first report within {period} gives")),
        (_, true) => ("their", format!("their reports for {period} give")),
        (_, false) => ("their", format!("their first reports within {period} give")),
    };
    crate::say!(
        "xmtool: warning: the {what} of {period} of {named} counts everything since {its} last \
         report before (or since 1 January): no report for {before} tells {its} 累计完成投资, and \
         {report} 累计完成投资 alone (give 本月完成投资 beside it for what was invested within \
         {period})"
    );
}

/// Whether an error is a write to a pipe whose reader has gone (`xmtool … | head`): no error of
/// xmtool's, and no error of the data's.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(broken)
            // The CSV writer's error holds the write's without giving it as its source.
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if broken(io)))
    })
}
