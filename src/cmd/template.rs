//! `xmtool template`: blank monthly reports, one per district, for departments to fill in.

use std::collections::BTreeMap;
use std::path::Path;

use super::Outcome;
use crate::cli::{TemplateArgs, TemplateFormat};
use crate::compute::{self, Period};
use crate::finding::Shown;
use crate::model::{Project, YearMonth};
use crate::output;
use crate::render::template::{self, TemplateRow};

/// In January, last month is December of last year's plan: the 项目状态 and 实际开工时间 its
/// reports last gave for the project (by id, whether or not the registry lists last year's
/// projects), to carry over. Nothing in other months.
fn last_years_close<'a>(
    data: &'a crate::load::Dataset,
    p: &Project,
    month: YearMonth,
) -> (Option<&'a str>, Option<YearMonth>) {
    if month.month() != 1 {
        return (None, None);
    }
    let Some(last_year) = data
        .reports
        .earlier_of(p, month.year())
        .into_iter()
        .find(|t| t.year() == Some(month.year() - 1))
    else {
        return (None, None);
    };
    let status = last_year.iter().rev().find_map(|r| r.status_text());
    let start = last_year.iter().rev().find_map(|r| r.actual_start());
    (status, start)
}

pub fn run(dir: &Path, args: &TemplateArgs) -> anyhow::Result<Outcome> {
    super::out_folder(&args.out, "template")?;
    let month = super::asked_month(&args.month, "--month")?;
    let period = Period::month(month);
    // Blank forms are useful even while last month's data has problems; say so, and go on.
    let Some(data) = super::load_for_figures(dir, Some(period), true, false)? else {
        return Ok(Outcome::DataErrors);
    };

    // Last month's figures of this month's projects, in the same plan year (January starts
    // from zero): of a project listed from this month too, whose reports before it count.
    let last = month
        .prev()
        .filter(|p| p.year() == month.year())
        .map(|p| compute::projects_listed_in(&data, month, Period::month(p)))
        .unwrap_or_default();
    let last: std::collections::HashMap<&str, &compute::ProjectFigures> =
        last.iter().map(|pf| (&*pf.project.id, pf)).collect();
    let mut by_district: BTreeMap<&str, Vec<TemplateRow>> = BTreeMap::new();
    for p in &data.projects {
        if p.year != month.year() || !p.is_listed_in(month) {
            continue;
        }
        let before = last.get(&*p.id);
        let (status, actual_start) = match before {
            Some(pf) => (pf.status_text, pf.actual_start),
            None => last_years_close(&data, p, month),
        };
        by_district
            .entry(&p.district)
            .or_default()
            .push(TemplateRow {
                id: p.id.to_string(),
                name: p.name.to_string(),
                district: p.district.to_string(),
                month: month.to_string(),
                last_ytd: before.map(|pf| pf.ytd_investment).unwrap_or_default(),
                status: status.map(str::to_string),
                actual_start: actual_start.map(|m| m.to_string()),
            });
    }
    if by_district.is_empty() {
        let years = data.plan_years();
        if years.is_empty() {
            anyhow::bail!("the registry lists no projects to make templates for");
        }
        super::planned_year(&data, month.year(), &month)?;
        anyhow::bail!("no projects on the list for {month} (every project's 纳入时间 is later)");
    }

    let folder = args.out.join(month.to_string());
    output::guard_template(&folder, &data)?;
    let in_reports = output::inside(&folder, &data.dir.join("reports"));
    // Blank forms next to the ones sent back would only be warned of as blank files.
    if in_reports && let Some(first) = data.reports.first_file_of(month) {
        anyhow::bail!(
            "reports for {month} are already in the data folder ({first} …); blank templates \
             under reports/ would sit beside them (write them elsewhere with --out)"
        );
    }
    let ext = match args.format {
        TemplateFormat::Csv => "csv",
        TemplateFormat::Xlsx => "xlsx",
    };
    // Districts whose names make the same file name (x/y and x_y; 甲区 and 甲区. ) get one each,
    // numbered; so do names alike but for case, which are one file on Windows and macOS. A name
    // that is a file name as it is keeps it: x_y's form is x_y.csv, whatever comes before it.
    let bases: Vec<String> = by_district
        .keys()
        .map(|district| file_name_for(district, month))
        .collect();
    let mut taken = std::collections::HashSet::new();
    let mut names: Vec<Option<String>> = by_district
        .keys()
        .zip(&bases)
        .map(|(district, base)| {
            let name = format!("{base}.{ext}");
            (base == district && taken.insert(name.to_lowercase())).then_some(name)
        })
        .collect();
    for (name, base) in names.iter_mut().zip(&bases).filter(|(n, _)| n.is_none()) {
        let mut numbered = format!("{base}.{ext}");
        let mut n = 1;
        while !taken.insert(numbered.to_lowercase()) {
            n += 1;
            numbered = format!("{base}-{n}.{ext}");
        }
        *name = Some(numbered);
    }
    let mut files = Vec::new();
    // Forms not named as their district is (a name no file can have, one taken, one read as
    // another month's): said, so that each can be sent to its district.
    let mut renamed = Vec::new();
    for ((district, rows), name) in by_district.iter().zip(names.into_iter().flatten()) {
        if name.strip_suffix(ext).and_then(|n| n.strip_suffix('.')) != Some(&**district) {
            renamed.push((district.to_string(), name.clone()));
        }
        let bytes = match args.format {
            TemplateFormat::Csv => template::csv(rows)?,
            TemplateFormat::Xlsx => template::xlsx(rows, data.settings.sheet.as_deref())?,
        };
        files.push((folder.join(name), bytes));
    }
    // A report that exists may be somebody's work: written over only when asked, and never under
    // reports/, where every file is an input.
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.shown().to_string())
        .collect();
    let s = if existing.len() == 1 { "s" } else { "" };
    // (Where reports/ is reached through a link, or a report file is one, only what the files
    // are tells.)
    let paths: Vec<&std::path::Path> = files.iter().map(|(path, _)| path.as_path()).collect();
    let inputs: Vec<String> = output::inputs_among(&paths, &data)
        .iter()
        .map(|path| path.shown().to_string())
        .collect();
    if !inputs.is_empty() {
        anyhow::bail!(
            "{} {} input file{} of the data folder; templates never overwrite one, even with \
             --force",
            inputs.join(", "),
            if inputs.len() == 1 { "is an" } else { "are" },
            crate::finding::plural(inputs.len())
        );
    }
    if !existing.is_empty() && in_reports {
        anyhow::bail!(
            "{} already exist{s} under reports/, where every file is an input; templates never \
             overwrite one, even with --force",
            existing.join(", "),
        );
    }
    if !existing.is_empty() && !args.force {
        anyhow::bail!(
            "{} already exist{s} (pass --force to overwrite)",
            existing.join(", ")
        );
    }
    // (Under reports/, nothing is written over: not even a report sent while this ran, after
    // the look above.)
    output::write_files(&files, args.force && !in_reports)?;
    crate::say!(
        "xmtool: wrote {} blank report{} for {month} to {}",
        files.len(),
        crate::finding::plural(files.len()),
        folder.shown()
    );
    const SHOWN: usize = 10;
    for (district, name) in renamed.iter().take(SHOWN) {
        let district = crate::finding::printable(district, false);
        crate::say!("xmtool: note: the form of 所属县区 \"{district}\" is {name}");
    }
    if renamed.len() > SHOWN {
        crate::say!(
            "xmtool: note: and {} more forms not named as their district is (each says its \
             所属县区)",
            renamed.len() - SHOWN
        );
    }
    Ok(Outcome::Clean)
}

/// A district's file name for `month`'s templates, without its extension: `safe_file_name`,
/// read back as a report of `month`. A name that names another month (2024-03, or 6月 of no
/// year, a late report's name) would be read as that month's: the month is put before it (a
/// name giving two months gives neither, and the file's 报告月份 and folder say which). One that
/// starts as Excel's lock files do (`~$`) would be skipped: its `~` becomes `_`.
fn file_name_for(district: &str, month: YearMonth) -> String {
    // (Projects of no 所属县区, an error of the registry's, get a form named so, not `_`.)
    if district.trim().is_empty() {
        return NO_DISTRICT.to_string();
    }
    let base = safe_file_name(district);
    let base = match base.strip_prefix("~$") {
        Some(rest) => format!("_${rest}"),
        None => base,
    };
    let another = match crate::load::value::month_in_name(&base) {
        Some(named) => named != month,
        None => crate::load::value::month_of_no_year(&base).is_some_and(|m| m != month.month()),
    };
    if another {
        format!("{month} {base}")
    } else {
        base
    }
}

/// The name of the form of the projects whose 所属县区 is empty.
const NO_DISTRICT: &str = "未填所属县区";

/// A district name as a file name: path separators and characters Windows forbids become `_`,
/// and a name Windows keeps for a device (CON, aux, COM1, NUL.txt …: no file can have it there,
/// whatever its extension) has `_` after its first part.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            // (Nor a character that shows as nothing or turns the name around: `\u{202e}vsc.exe`
            // shows as `exe.csv`.)
            if c.is_control() || crate::finding::unseen(c) || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        return "_".to_string();
    }
    // File systems take names of 255 bytes: room is left for a number and the extension.
    let mut end = trimmed.len().min(200);
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    let name = trimmed[..end].trim_end_matches(['.', ' ']);
    let first = name.split('.').next().unwrap_or(name);
    if is_windows_device(first.trim_end()) {
        format!("{first}_{}", &name[first.len()..])
    } else {
        name.to_string()
    }
}

/// Whether Windows keeps `name` for a device: CON, PRN, AUX, NUL, and COM and LPT followed by a
/// digit (0-9, or ¹ ² ³), in any case.
fn is_windows_device(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str()) {
        return true;
    }
    let Some(rest) = upper.strip_prefix("COM").or(upper.strip_prefix("LPT")) else {
        return false;
    };
    let mut chars = rest.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('0'..='9' | '¹' | '²' | '³'), None)
    )
}
