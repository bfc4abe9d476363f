//! Loading: a data folder's files into typed rows with their origin.
//!
//! The registry is `projects.csv` (or `.xlsx`, …) or every file under `registry/`; reports are
//! every CSV or workbook under `reports/`. Each file goes bytes → text or workbook → grid →
//! table (header found, title and 合计 rows left out) → typed rows. Whatever cannot be read is a
//! finding; loading itself fails only when the folder cannot be read at all.

pub mod decode;
pub mod grid;
pub mod header;
pub mod helper;
mod parts;
pub mod rows;
pub mod split;
pub mod stream;
pub mod table;
pub mod value;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::finding::{Finding, Shown};
use crate::model::reports::{FileRows, Numbered, RowsFor, TextsFor};
use crate::model::{Layout, Name, Names, Origin, Project, RefusedRow, Reports, YearMonth};
use crate::par::Spare;
use crate::settings::Settings;
use grid::FileKind;
use header::{Field, HeaderMatcher};

/// The registry's file names, looked for in the data folder.
pub const REGISTRY_NAMES: [&str; 9] = [
    "projects.csv",
    "projects.xlsx",
    "projects.xls",
    "projects.xlsm",
    "projects.xlsb",
    "projects.ods",
    "projects.et",
    "projects.txt",
    "projects.tsv",
];
/// The folder of registry files, when the registry is split (e.g. one file per district).
const REGISTRY_DIR: &str = "registry";
/// The folder of monthly reports.
const REPORTS_DIR: &str = "reports";

/// Whether a file, by its path in the data folder (`reports/2024-06.csv`), is a monthly report,
/// not the registry or one of its files (`projects.csv`, `registry/东区.xlsx`).
pub(crate) fn is_report(file: &str) -> bool {
    file.strip_prefix(REPORTS_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The blank report `init` writes into the data folder, to be copied under reports/.
pub const REPORT_TEMPLATE: &str = "月报模板.csv";
/// How deep folders under reports/ and registry/ are followed.
const MAX_DEPTH: usize = 8;

/// What a file in the data folder is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Registry,
    Report,
    Settings,
}

/// An input file that was read, for the record every kept output carries of where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Path relative to the data folder, `/`-separated.
    pub path: String,
    pub size: u64,
    /// SHA-256 of the bytes read, in hex; not worked out by `check`, which shows none.
    pub sha256: Option<String>,
    pub role: Role,
    /// The path as its bytes are, where a name in it is not UTF-8 (`raw_path`): `path` shows
    /// it decoded (GBK) or with `�`, which names no file.
    #[serde(rename = "raw_path", skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// The path it was read from (`path` is how its name shows, which a name not UTF-8 is not).
    #[serde(skip)]
    pub found: PathBuf,
    /// Whether it is read as a workbook (by its bytes, whatever its name): its findings' places
    /// are cells, `B3`.
    #[serde(skip)]
    pub workbook: bool,
}

impl Source {
    /// The record of `bytes` read from `found`, shown as `path`, with their SHA-256 if `hash`.
    pub fn new(path: String, found: &Path, bytes: &[u8], role: Role, hash: bool) -> Source {
        Source {
            raw: raw_path(found, &path),
            path,
            size: bytes.len() as u64,
            sha256: hash.then(|| sha256_hex(bytes)),
            role,
            found: found.to_path_buf(),
            workbook: grid::is_workbook(bytes),
        }
    }
}

/// The last names of `found`, as many as `shown` (a path relative to the data folder) has, as
/// their bytes are, where one is not UTF-8: each byte of no UTF-8 character written `\xb6`,
/// a backslash `\\`, so that a script finds the file (`printf '%b'`). `None` where all are
/// UTF-8, as `shown` then is.
fn raw_path(found: &Path, shown: &str) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let names: Vec<&std::ffi::OsStr> = found.iter().collect();
        let ours = &names[names.len().saturating_sub(shown.split('/').count())..];
        if ours.iter().all(|name| name.to_str().is_some()) {
            return None;
        }
        let mut raw = String::new();
        for (i, name) in ours.iter().enumerate() {
            if i > 0 {
                raw.push('/');
            }
            for chunk in name.as_bytes().utf8_chunks() {
                raw.push_str(&chunk.valid().replace('\\', "\\\\"));
                for b in chunk.invalid() {
                    raw.push_str(&format!("\\x{b:02x}"));
                }
            }
        }
        Some(raw)
    }
    #[cfg(not(unix))]
    {
        let _ = (found, shown);
        None
    }
}

/// The SHA-256 of `bytes`, in hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex_digest(&sha2::Sha256::digest(bytes))
}

/// A digest in lower-case hex.
fn hex_digest(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the reading of every file shares.
struct Reading<'a> {
    dir: &'a Path,
    settings: &'a Settings,
    matcher: &'a HeaderMatcher,
    /// Whether each file's SHA-256 is worked out, for outputs to carry.
    hash: bool,
    /// Buffers of report files read, to read the next ones with.
    spare: Spares,
    /// The year of the latest month the report files' names give: of a registry's plan columns
    /// for several years, the one read where nothing else names one.
    reports_year: Option<i32>,
}

/// Buffers files were read with, kept for the next files: those of files read whole, and those
/// of files read a block at a time.
#[derive(Default)]
struct Spares {
    bytes: Spare<Vec<u8>>,
    blocks: Spare<stream::Buffers>,
    /// Report files not yet started: once there are none, buffers are let go of rather than
    /// kept (they would be held while the last rows are taken, when memory peaks).
    unstarted: std::sync::atomic::AtomicUsize,
}

impl Spares {
    /// Counts a report file started; whether it was the last. (Once it has taken buffers for
    /// itself, those left are let go of: `let_go`.)
    fn start_one(&self) -> bool {
        use std::sync::atomic::Ordering;
        self.unstarted
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            == Ok(1)
    }

    /// Keeps a file's bytes for the next file, unless every report file has started.
    fn keep_bytes(&self, bytes: Vec<u8>) {
        self.bytes.keep(bytes);
        self.let_go_if_all_started();
    }

    /// Keeps a file's block and text buffers for the next file, unless every report file has
    /// started.
    fn keep_blocks(&self, buffers: stream::Buffers) {
        self.blocks.keep(buffers);
        self.let_go_if_all_started();
    }

    /// Lets go of the buffers kept, if every report file has started. (Looked at after keeping,
    /// so that a buffer kept as the last file starts is let go of by one side or the other.)
    fn let_go_if_all_started(&self) {
        if self.unstarted.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            self.let_go();
        }
    }

    /// Lets go of the buffers kept.
    fn let_go(&self) {
        while self.bytes.take().is_some() {}
        while self.blocks.take().is_some() {}
    }
}

/// Everything read from a data folder.
#[derive(Debug)]
pub struct Dataset {
    pub dir: PathBuf,
    pub settings: Settings,
    /// The plan year figures are for: settings, else the year asked for, else the latest
    /// report's year.
    pub plan_year: i32,
    /// Whether the plan year is the year asked for alone: no 计划年度 in the registry (nor a
    /// year in its file's name), no year in xmtool.toml. (`check`, asked for none, would take
    /// the latest report's.)
    pub year_only_asked: bool,
    /// The month asked for (`--month`, a period's last), if any; for figures asked for no
    /// month, the one they take (`cmd::load_for_figures`).
    pub asked: Option<YearMonth>,
    pub projects: Vec<Project>,
    pub reports: Reports,
    pub sources: Vec<Source>,
    /// What reading found; once loaded for figures (`cmd::load_for_figures`), every finding
    /// `check` gives.
    pub findings: Vec<Finding>,
    /// The last month of the figures asked for, once loaded for them: errors in reports of
    /// months after it are in none of them (`Finding::after`), and counted apart (`tally`).
    pub figures_end: Option<YearMonth>,
    /// The registry's rows a quoted cell took in (a quote left open), which are then no
    /// projects: the ids reports give them are named as in that cell.
    pub swallowed: Vec<table::Swallowed>,
    /// Report rows not read for their month, by file: `check` names their ids not in the
    /// registry as well.
    pub refused: Vec<(Arc<Layout>, Vec<RefusedRow>)>,
    /// The registry files giving no year at all (no 计划年度, none in their name, title or
    /// folder), read as of a year assumed: one listing another's projects again may be another
    /// year's registry, and `check` says how to give its year.
    pub yearless: Vec<String>,
}

impl Dataset {
    /// Its findings counted, for the record of an output made from it: errors in reports of
    /// months after its figures' last, and in rows of projects off the list, apart from those
    /// its figures were made past.
    pub fn tally(&self) -> crate::finding::Tally {
        let mut tally = crate::finding::Tally::of(&self.findings);
        let errors =
            (self.findings.iter()).filter(|f| f.severity == crate::finding::Severity::Error);
        for f in errors.filter(|f| f.in_none_of(self.figures_end)) {
            match f.off_list {
                true => tally.off_list_errors += f.count(),
                false => tally.later_month_errors += f.count(),
            }
        }
        tally.errors -= tally.later_month_errors + tally.off_list_errors;
        tally
    }

    /// The latest month with reports (`Report::is_a_report`), in `year` if given, but a month
    /// whose reports are of no project on the list then and of one off it (a stray file of a
    /// project dropped after its 调出时间): the month figures are for where none is asked for.
    /// Such a month's bulletin would count none of its reports. (A month of ids the registry
    /// does not have alone is not passed over: its errors stop the bulletin, as a broken
    /// month's do.) Where every month is passed over, `Reports::latest_month`.
    pub fn latest_listed_month(&self, year: Option<i32>) -> Option<YearMonth> {
        let in_year = |m: &YearMonth| year.is_none_or(|y| m.year() == y);
        let reported = |m: YearMonth, listed: bool| {
            self.projects.iter().any(|p| {
                p.year == m.year()
                    && p.is_listed_in(m) == listed
                    && (self.reports.timeline_of(p, m.year()).at(m))
                        .is_some_and(|r| r.is_a_report())
            })
        };
        let passed_over = |m: YearMonth| !reported(m, true) && reported(m, false);
        (self.reports.months().rev())
            .filter(in_year)
            .find(|&m| self.reports.has_figures(m) && !passed_over(m))
            .or_else(|| self.reports.latest_month(year))
    }

    /// The months after `latest` (`latest_listed_month`) of its year with reports, each with
    /// its first file: passed over for `latest`, their reports of projects off the list then.
    pub fn months_off_the_list(&self, latest: YearMonth) -> Vec<(YearMonth, &str)> {
        (self.reports.months())
            .filter(|&m| m > latest && m.year() == latest.year() && self.reports.has_figures(m))
            .filter_map(|m| Some((m, self.reports.first_file_of(m)?)))
            .collect()
    }

    /// The plan years the registry lists projects for, in order (a year or two: a list).
    pub fn plan_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = Vec::new();
        for p in &self.projects {
            if !years.contains(&p.year) {
                years.push(p.year);
            }
        }
        years.sort_unstable();
        years
    }
}

/// Loads the data folder `dir`. `asked` is the month figures are asked for (the end of
/// `--month` or `--period`), if any: its year is the plan year, and only its reports' free text
/// (形象进度, 存在问题) is kept; without it, each project's latest.
pub fn load(dir: &Path, settings: Settings, asked: Option<YearMonth>) -> anyhow::Result<Dataset> {
    let texts_for = asked.map_or(TextsFor::Latest, TextsFor::Month);
    load_with(dir, settings, asked, texts_for, true)
}

/// As `load`, for checking only: no free text is kept, and no file's SHA-256 worked out (about
/// a twentieth of the work; `check` shows none). `asked`: `check --month`'s.
pub fn load_for_check(
    dir: &Path,
    settings: Settings,
    asked: Option<YearMonth>,
) -> anyhow::Result<Dataset> {
    load_with(dir, settings, asked, TextsFor::Nothing, false)
}

/// Fails unless `dir` is a folder whose files can be reached: a folder that cannot be entered is
/// an I/O error, not an empty data folder (which would say "no registry found"). (One that can be
/// entered but not listed is read: its files are looked for by name.)
pub fn data_folder(dir: &Path) -> anyhow::Result<()> {
    let meta = std::fs::metadata(dir)
        .with_context(|| format!("cannot open the data folder {}", dir.shown()))?;
    if !meta.is_dir() {
        let what = if meta.is_file() { "a file, " } else { "" };
        let meant = data_folder_above(dir).unwrap_or_else(|| folder_above(dir));
        bail!(
            "{} is {what}not a folder (expected the data folder, the one holding projects.csv \
             and reports/: --dir {}?)",
            dir.shown(),
            crate::finding::shell_path(&meant)
        );
    }
    std::fs::metadata(dir.join("."))
        .with_context(|| format!("cannot read the data folder {}", dir.shown()))?;
    Ok(())
}

/// As `load`, keeping the free text of reports that `texts_for` names, and working out each
/// file's SHA-256 if `hash` (for an output that records its inputs: about a twentieth of the
/// work, which a bulletin for the terminal need not do).
pub fn load_with(
    dir: &Path,
    settings: Settings,
    asked: Option<YearMonth>,
    texts_for: TextsFor,
    hash: bool,
) -> anyhow::Result<Dataset> {
    data_folder(dir)?;
    let matcher = HeaderMatcher::new(&settings.aliases);
    let mut findings = Vec::new();
    let mut sources = Vec::new();

    let reports_dir = dir.join(REPORTS_DIR);
    let reports_found = metadata(&reports_dir);
    let registry_paths = registry_files(dir, &mut findings)?;
    let report_paths = if reports_found.as_ref().is_ok_and(|m| m.is_dir()) {
        files_under(dir, &reports_dir, &mut findings)?
    } else {
        Vec::new()
    };
    let cx = Reading {
        dir,
        settings: &settings,
        matcher: &matcher,
        hash,
        spare: Spares::default(),
        reports_year: report_paths
            .iter()
            .filter_map(|path| month_of_path(&relative(dir, path)))
            .max()
            .map(|m| m.year()),
    };
    let mut progress = Progress::new(registry_paths.len() + report_paths.len());
    cx.spare
        .unstarted
        .store(report_paths.len(), std::sync::atomic::Ordering::Relaxed);

    // The registry is read on this thread while the other cores start on the reports; report
    // rows are matched to projects on the reading threads once its ids are known (as they are
    // read, or a part's together as it is handed on), and those read before as they are taken.
    // The plan year of a registry row without its own 计划年度 may depend on the reports (the
    // latest one's year): such rows are given it once the reports are in.
    let known_year = settings.year.or(asked.map(|m| m.year()));
    let rows_for = RowsFor::new(texts_for.clone());
    let read_registry = |progress: &mut Progress| {
        let mut read = Read {
            findings: Vec::new(),
            sources: Vec::new(),
            projects: Vec::new(),
            without_year: Vec::new(),
            stated_years: Vec::new(),
            ids: Numbered::default(),
            reports: Reports::default(),
            swallowed: Vec::new(),
            refused: Vec::new(),
        };
        let names = Spare::default();
        for path in &registry_paths {
            progress.tick();
            read_registry_file(&cx, path, known_year.unwrap_or(0), &names, &mut read);
        }
        read.projects.shrink_to_fit();
        let ids = std::mem::take(&mut read.ids);
        read.reports = Reports::new(rows_for.set_registry(ids), texts_for.clone());
        read.reports
            .set_names(read.projects.iter().map(|p| (p.id_no, &*p.name)));
        read.reports
            .set_districts(read.projects.iter().map(|p| (p.id_no, &*p.district)));
        read.reports
            .set_plans(read.projects.iter().map(|p| (p.id_no, p.annual_plan)));
        read
    };
    // With fewer report files than cores (a year's reports in one file), each is read on two
    // cores: one reading its rows, one making them report rows.
    let helped = report_paths.len() < crate::par::threads();
    // Report files are independent: read on every core, each file's rows taken in file order
    // as soon as they are ready, so output is the same however the work was shared, and only
    // a bounded number of rows wait at once.
    let mut read = in_order(
        &report_paths,
        &mut progress,
        |path, part| read_report_file(&cx, path, &rows_for, helped, part),
        read_registry,
        |read| read.projects.len() / ROWS_AT_ONCE,
        |read, r| {
            read.findings.extend(r.findings);
            read.sources.extend(r.source);
            read.refused.extend(r.refused);
            if let Some(rows) = r.rows {
                read.reports.add(rows);
            }
        },
    );
    // Every part is taken: the buffers kept to read more parts into (a part's for each that
    // was ever waiting at once, some 14 MB at 100,000 projects) are let go of, not held on
    // through the registry's last steps below, when memory peaks.
    drop(rows_for);
    findings.append(&mut read.findings);
    sources.append(&mut read.sources);
    let Read {
        mut projects,
        without_year,
        mut stated_years,
        reports,
        swallowed,
        refused,
        ..
    } = read;
    match reports_found {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            let what = if m.is_file() {
                "a file"
            } else {
                "a pipe, a device or a socket"
            };
            findings.push(Finding::error(
                REPORTS_DIR,
                format!("is {what}, not a folder (expected a folder of monthly reports)"),
            ));
        }
        Err(_) if let Some(link) = dangling(&reports_dir) => {
            findings.push(linked_to_nothing(REPORTS_DIR, &link));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            findings.push(match other_case(dir, REPORTS_DIR) {
                // (A folder copied from Windows, where `Reports` is `reports`: its reports are
                // meant, and not read.)
                Some(name) => Finding::error(
                    REPORTS_DIR,
                    format!(
                        "not found ({name} is not read, its letters in another case: rename it \
                         {REPORTS_DIR}; expected a folder reports/ of CSV or .xlsx files)"
                    ),
                ),
                None => Finding::warning(
                    REPORTS_DIR,
                    "not found: there are no monthly reports yet (expected a folder reports/ of \
                     CSV or .xlsx files)",
                ),
            });
        }
        Err(e) => findings.push(Finding::error(
            REPORTS_DIR,
            format!("cannot read the folder: {e}"),
        )),
    }

    let latest_report_year = reports.latest_month(None).map(|m| m.year());
    let year_only_asked = settings.year.is_none() && stated_years.is_empty() && asked.is_some();
    // (No report's rows read, nor a year given: the latest month a report file's name or
    // folder gives, `reports/2024-06.csv` of a header not read, before the clock's year, which
    // a registry of two years ago was checked against, each new start then planned "before its
    // plan year".)
    let named_year = || {
        (sources.iter().filter(|s| s.role == Role::Report))
            .filter_map(|s| {
                let (named, filed) = months_of_path(&s.path);
                named.or(filed)
            })
            .max()
            .map(|m| m.year())
    };
    let plan_year = known_year
        .or(latest_report_year)
        .or_else(named_year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    // Nothing gives the plan year, and reports are of several years: the latest decides it, so
    // that one file of next year's sent early makes the year's reports last year's (used only
    // for 同比, their rows not checked against the registry). Said, with how to state the year,
    // where the latest year has no more months reported than the year before it (not where last
    // June's reports sit beside this year's for 同比).
    let months_in = |year: i32| reports.months().filter(|m| m.year() == year).count();
    if let (None, [], Some(first), Some(first_project)) = (
        known_year,
        stated_years.as_slice(),
        reports.months().next(),
        projects.first(),
    ) && first.year() < plan_year
        && months_in(plan_year) <= months_in(plan_year - 1)
    {
        let (earlier, whose) = if plan_year - first.year() == 1 {
            (first.year().to_string(), "last year's")
        } else {
            (
                format!("{} to {}", first.year(), plan_year - 1),
                "earlier years'",
            )
        };
        findings.push(Finding::warning(
            first_project.origin.file(),
            format!(
                "gives no 计划年度, and xmtool.toml no year: its projects are read as {plan_year}'s, \
                 the year of the latest report ({}), and the reports for {earlier} as {whose}, \
                 used for year-on-year comparison (同比) and what they say of a start (expected \
                 a 计划年度 column, or \
                 year = {plan_year} or year = {} in xmtool.toml)",
                reports.latest_month(None).map_or(plan_year.to_string(), |m| m.to_string()),
                plan_year - 1
            ),
        ));
    }
    // A row without 计划年度 where the others give theirs is of their year, with a warning, if
    // they give one; an error if they give several (read as the plan year then, as in a
    // registry that gives none): `check` and `report` for a month of either year would read it
    // apart. (`year` in xmtool.toml is the year of rows without one: no finding then.)
    stated_years.sort_unstable();
    let stated = &stated_years;
    let blank_year = match (settings.year, stated.as_slice()) {
        (None, &[year]) => year,
        _ => plan_year,
    };
    // (The year a file's plan column names, once a file: most rows are of one.)
    let mut plan_year_of: Option<(*const Layout, Option<i32>)> = None;
    // (The last file said to be of the other files' year, once a file.)
    let mut said_of_others: Option<*const Layout> = None;
    // The files giving no year at all (no 计划年度, none in their name, title or folder) that
    // list again projects of files giving one: another year's registry of the same projects
    // (this year's kept beside last year's, named for its year), not a part of theirs (a
    // registry in several files, only one named for its year).
    let relisted: std::collections::HashSet<*const Layout> =
        match (settings.year, stated.as_slice()) {
            (None, [_]) if !without_year.is_empty() => {
                let mut own = vec![true; projects.len()];
                without_year.iter().for_each(|&i| own[i] = false);
                let ids: std::collections::HashSet<crate::model::IdNo> = (projects.iter())
                    .zip(&own)
                    .filter(|(_, own)| **own)
                    .map(|(p, _)| p.id_no)
                    .collect();
                (without_year.iter())
                    .map(|&i| &projects[i])
                    .filter(|p| p.origin.column(Field::Year).is_none() && ids.contains(&p.id_no))
                    .map(|p| std::sync::Arc::as_ptr(&p.origin.layout))
                    .collect()
            }
            _ => Default::default(),
        };
    // (Each file once, as it is found: a registry of 100k projects and no year is one file, not
    // 100k names.)
    let yearless: std::collections::BTreeSet<&str> = (without_year.iter())
        .map(|&i| &projects[i].origin)
        .filter(|o| o.column(Field::Year).is_none())
        .map(|o| o.file())
        .collect();
    let yearless: Vec<String> = yearless.into_iter().map(str::to_string).collect();
    for i in without_year {
        let p = &mut projects[i];
        let layout = std::sync::Arc::as_ptr(&p.origin.layout);
        // Such a file is of the month asked for's year where one is asked; asked for none, of
        // the others' year, with a warning where the latest reports are of another.
        let relisting = relisted.contains(&layout);
        let year = match asked {
            Some(m) if relisting => m.year(),
            _ => blank_year,
        };
        p.year = year;
        if relisting
            && asked.is_none()
            && said_of_others != Some(layout)
            && let (None, &[stated], Some(latest)) =
                (settings.year, stated.as_slice(), reports.latest_month(None))
            && stated != latest.year()
        {
            said_of_others = Some(layout);
            findings.push(
                Finding::warning(
                    p.origin.file(),
                    format!(
                        "gives no year (no 计划年度, and none in its name or title), and lists \
                         projects of the registry's other files again: its projects are read as \
                         {stated}'s, the year those files give, though the latest reports are \
                         {}'s (expected a year in its name, {}, or year in xmtool.toml; asked \
                         for a month, --month {latest}, it is read as that month's year)",
                        latest.year(),
                        named_for_year(p.origin.file(), latest.year())
                    ),
                )
                .at(p.origin.line, None),
            );
        }
        // (Months of no year, read before the plan year was known.)
        for month in [&mut p.planned_start, &mut p.listed_from, &mut p.delisted] {
            if let Some(m) = *month
                && m.year() == rows::PLAN_YEAR_TO_COME
            {
                *month = YearMonth::new(year, m.month());
            }
        }
        // Its plan read from a column naming another year (2023年计划投资, before its year was
        // known): which year's plan it has cannot be told.
        let said = match plan_year_of {
            Some((of, said)) if of == layout => said,
            _ => {
                let said = header::plan_year_said(p.origin.layout.header(Field::AnnualPlan));
                plan_year_of = Some((layout, said));
                said
            }
        };
        if let Some(said) = said.filter(|&y| y != year && !p.flawed) {
            findings.push(plan_of_another_year(p, said, true));
            continue;
        }
        // (A row with a value that could not be read, its year say, has its error already.)
        let Some(column) = p.origin.column(Field::Year).filter(|_| !p.flawed) else {
            continue;
        };
        let header = p.origin.layout.header_shown(Field::Year);
        let (file, line) = (
            p.origin.file(),
            p.origin.layout.line_of(p.origin.line, column),
        );
        let finding = match (settings.year, stated.as_slice()) {
            (Some(_), _) | (None, []) => continue,
            (None, [year]) => Finding::warning(
                file,
                format!(
                    "{header} is empty; read as {year}, the year the registry's other rows give \
                     (expected a year)"
                ),
            ),
            (None, years) => {
                let years: Vec<String> = years.iter().map(i32::to_string).collect();
                Finding::error(
                    file,
                    format!(
                        "{header} is empty, and the registry's other rows give {} (which year \
                         is {}'s? expected a year, or year in xmtool.toml for the rows without \
                         one)",
                        years.join(" and "),
                        p.id
                    ),
                )
            }
        };
        findings.push(finding.at(line, Some(column)));
    }
    progress.finish();
    ids_reused(&mut projects, &mut findings);
    let registry: Vec<&str> = sources
        .iter()
        .filter(|s| s.role == Role::Registry)
        .map(|s| s.path.as_str())
        .collect();
    // (A registry file with errors has them said already: a header it lacks, say.)
    let registry_faulted = || {
        findings.iter().any(|f| {
            f.severity == crate::finding::Severity::Error && registry.contains(&f.file.as_str())
        })
    };
    if !registry.is_empty() && projects.is_empty() && !registry_faulted() {
        // (Named by its file, or by registry/ where it is a folder of them.)
        let file = match registry.as_slice() {
            [one] => *one,
            _ => "registry",
        };
        findings.push(Finding::warning(
            file,
            "the registry has no projects yet (expected a row per project under the header)",
        ));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    findings.extend(copies(&sources));
    // (Last: the settings the inputs were read with.)
    sources.extend(settings.file.clone());

    Ok(Dataset {
        dir: dir.to_path_buf(),
        settings,
        plan_year,
        year_only_asked,
        asked,
        projects,
        reports,
        sources,
        findings,
        figures_end: None,
        swallowed,
        refused,
        yearless,
    })
}

/// Marks each project whose id the registry lists in an earlier year for another project (of
/// another district, or named unlike it: `one_project`): ids numbered afresh each year (1, 2, 3
/// …) name another project each
/// year, whose reports then said this one had started, lay idle or invested so much last year.
/// Its reports of that year and before are none of this project's (`Project::id_reused_back`),
/// with a warning at its id. (Looked for only among ids of several projects: most have one. A
/// project is weighed against the `ALIKE_WEIGHED` latest of its id in earlier years at most: one
/// alike to each of them is one of them, and thousands of rows of one id, named alike, are
/// weighed in a moment.)
fn ids_reused(projects: &mut [Project], findings: &mut Vec<Finding>) {
    let ids = projects
        .iter()
        .map(|p| p.id_no as usize + 1)
        .max()
        .unwrap_or(0);
    let mut count = vec![0u8; ids];
    for p in projects.iter() {
        count[p.id_no as usize] = count[p.id_no as usize].saturating_add(1);
    }
    let mut several: Vec<(crate::model::IdNo, i32, usize)> = (projects.iter().enumerate())
        .filter(|(_, p)| count[p.id_no as usize] > 1)
        .map(|(i, p)| (p.id_no, p.year, i))
        .collect();
    several.sort_unstable();
    // (A project whose name could not be read, none, is not weighed.)
    let named = |p: &Project| !p.name.trim().is_empty();
    const ALIKE_WEIGHED: usize = 16;
    for run in several.chunk_by(|a, b| a.0 == b.0) {
        // The run's projects weighed so far, in year order, each name and district of a year
        // once (a placeholder id, 待定, given to thousands of rows alike is weighed against one);
        // those before `this_year` are of earlier years.
        let mut weighed: Vec<(i32, usize)> = Vec::new();
        let mut this_year = (i32::MIN, 0);
        let mut seen = std::collections::HashSet::new();
        for &(_, year, at) in run {
            let p = &projects[at];
            if !named(p) {
                continue;
            }
            if year != this_year.0 {
                this_year = (year, weighed.len());
            }
            let other = (weighed[..this_year.1].iter().rev())
                .take(ALIKE_WEIGHED)
                .find(|&&(_, before)| !crate::model::one_project(&projects[before], p))
                .copied();
            if seen.insert((year, p.name.clone(), p.district.clone())) {
                weighed.push((year, at));
            }
            let Some((earlier, before)) = other else {
                continue;
            };
            let o = &projects[before];
            let column = p.origin.column(Field::Id);
            // (Each named with its district where theirs differ.)
            let (this, that) = if o.district == p.district {
                (format!("\"{}\"", p.name), format!("\"{}\"", o.name))
            } else {
                (
                    format!("\"{}\" of {}", p.name, p.district),
                    format!("\"{}\" of {}", o.name, o.district),
                )
            };
            findings.push(
                Finding::warning(
                    p.origin.file(),
                    format!(
                        "{} {} is {this} here and {that} in {earlier} ({}:{}): read as two \
                         projects, {earlier}'s reports and those before no part of this one's \
                         figures (its start, 开而不动, 同比) (if they are one project, give it \
                         one name and district in both years)",
                        p.origin.layout.header_shown(Field::Id),
                        p.id,
                        o.origin.file(),
                        o.origin.line
                    ),
                )
                .at(p.origin.line_of(Field::Id), column),
            );
            projects[at].id_reused_back = u8::try_from(year - earlier).unwrap_or(u8::MAX);
        }
    }
}

/// A warning on each report file that is the same, byte for byte, as one before it in path
/// order: last month's file sent again under this month's name (its rows then read as this
/// month's, a 累计 alone unchanged and so no investment) or one district's file sent for
/// another. Files are compared by SHA-256, worked out here where loading did not (for `check`,
/// and outputs that record no inputs) for files as large as another, and only those.
fn copies(sources: &[Source]) -> Vec<Finding> {
    let mut reports: Vec<&Source> = sources
        .iter()
        .filter(|s| s.role == Role::Report && s.size > 0)
        .collect();
    reports.sort_by(|a, b| (a.size, &a.path).cmp(&(b.size, &b.path)));
    let mut findings = Vec::new();
    for alike in reports.chunk_by(|a, b| a.size == b.size) {
        if alike.len() < 2 {
            continue;
        }
        // (A file gone or unreadable since it was read is compared with none.)
        let digest = |s: &Source| match &s.sha256 {
            Some(hash) => Some(hash.clone()),
            None => std::fs::read(&s.found).ok().map(|b| sha256_hex(&b)),
        };
        // (By hash: thousands of files of one size, one project's row each, are compared at once.)
        let mut groups: std::collections::HashMap<String, Vec<&str>> = Default::default();
        let mut order = Vec::new();
        for s in alike {
            let Some(hash) = digest(s) else { continue };
            let group = groups.entry(hash.clone()).or_default();
            if group.is_empty() {
                order.push(hash);
            }
            group.push(&s.path);
        }
        for paths in order.iter().filter_map(|hash| groups.get(hash)) {
            // The original: one whose name carries no copy mark (`东区6月(1)` sorts before
            // `东区6月`), of the earliest month its name or folder gives (December's report sent
            // in January, `2025-01/东区12月.csv`, is not the copy of January's `东区.csv` the
            // same: January's is last month's sent again), the first in path order of those.
            let month = |path: &str| {
                let (named, filed) = months_of_path(path);
                named.or(filed)
            };
            let original = (0..paths.len())
                .min_by_key(|&i| {
                    let month = month(paths[i]);
                    (named_as_a_copy(paths[i]), month.is_none(), month, i)
                })
                .unwrap_or(0);
            let copies = (paths.iter().enumerate()).filter(|&(i, _)| i != original);
            for (_, path) in copies {
                findings.push(Finding::warning(
                    *path,
                    format!(
                        "is the same file, byte for byte, as {} (the same report sent twice, \
                         or last month's under a new name? replace it with the right one)",
                        paths[original]
                    ),
                ));
            }
        }
    }
    findings
}

/// Whether a file's name carries the mark a copy's does, as Windows, WPS or a mail client
/// names it: `东区6月(1).csv`, `东区6月（2）.csv`, `东区6月 - 副本.csv`, `东区6月 - Copy.csv`,
/// `Copy of 东区6月.csv` (a number of one or two digits: `东区(2024)` is no copy's).
fn named_as_a_copy(rel: &str) -> bool {
    let name = stem(rel).trim_end();
    let numbered = [('(', ')'), ('（', '）')].iter().any(|&(open, close)| {
        name.strip_suffix(close)
            .and_then(|rest| rest.rsplit_once(open))
            .is_some_and(|(_, n)| {
                (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
            })
    });
    numbered || name.contains("副本") || name.to_lowercase().contains("copy")
}

/// What loading gathers, on the thread that takes the reports.
struct Read {
    findings: Vec<Finding>,
    sources: Vec<Source>,
    projects: Vec<Project>,
    /// Projects whose plan year is the default, to be set once it is known.
    without_year: Vec<usize>,
    /// The plan years rows give in 计划年度, each once.
    stated_years: Vec<i32>,
    /// The registry's ids, numbered as its projects are read.
    ids: Numbered,
    reports: Reports,
    /// The registry's rows a quoted cell took in.
    swallowed: Vec<table::Swallowed>,
    /// Report rows not read for their month, by file.
    refused: Vec<(Arc<Layout>, Vec<RefusedRow>)>,
}

/// Reads one registry file's projects into `read`.
fn read_registry_file(
    cx: &Reading,
    path: &Path,
    default_year: i32,
    names: &Spare<Names>,
    read: &mut Read,
) {
    let rel = relative(cx.dir, path);
    let Some((mut input, source)) = Input::read(path, &rel, Role::Registry, cx, &mut read.findings)
    else {
        return;
    };
    read.sources.push(source);
    read_projects(&rel, &mut input, cx, default_year, names, read);
    input.note_unread(&rel, &mut read.findings);
    input.recycle(&cx.spare);
}

/// `read_registry_file` once the file is read (or being read). `names` has a set of names for
/// each thread making projects at once: no two threads use one set at the same time.
fn read_projects(
    rel: &str,
    input: &mut Input,
    cx: &Reading,
    default_year: i32,
    names: &Spare<Names>,
    read: &mut Read,
) {
    let required = [
        Field::Id,
        Field::Name,
        Field::District,
        Field::TotalInvestment,
        Field::AnnualPlan,
    ];
    let Read {
        findings,
        projects,
        without_year,
        stated_years,
        ids,
        swallowed,
        ..
    } = read;
    input.read_grid(rel, cx.settings, findings, |grid, findings| {
        let Some(mut table) = table::locate(
            rel,
            grid,
            cx.matcher,
            &Field::REGISTRY,
            &required,
            &required,
            findings,
        ) else {
            return;
        };
        // A plan's header that names its year (2024年计划投资): the plan is that year's.
        let plan_header = table.layout.header(Field::AnnualPlan).to_string();
        let plan_year = header::plan_year_said(&plan_header);
        // A file without 计划年度 whose plan's header, name or title gives a year
        // (registry/2023年重点项目.csv, 金城市2023年重点项目计划表): its projects are that year's,
        // not the plan year's.
        let name_year = || value::one_year_in(stem(rel), false);
        let title_year = || {
            let titles: Vec<&str> = table.titles.iter().map(|(.., t)| t.as_str()).collect();
            value::one_year_in(&titles.join(" "), true)
        };
        // (A year's folder, registry/2023/东区.xlsx beside registry/2024/, after the file's own
        // name and title.)
        let folder_year = || year_folder(rel, REGISTRY_DIR);
        // Of plan columns naming several years (2024年计划投资, 2025年计划投资), the one the
        // file's name or title gives (registry/2023年重点项目.csv beside 2024年's), else the year
        // asked for (`year` in settings, else --month's), else the latest report file's name's
        // (reports/2025-01.csv: `check` and `report` asked for no month judge that year), else
        // the earliest (the one read).
        let plans = &table.layout.plans;
        let plan_column_of = |year: i32| plans.iter().find(|(y, ..)| *y == year);
        let said = [name_year(), title_year(), folder_year(), Some(default_year)]
            .into_iter()
            .flatten()
            .find_map(plan_column_of);
        let named = said.or_else(|| cx.reports_year.and_then(plan_column_of));
        let plan_year_chosen = match named {
            Some(&(y, column, _)) => {
                Some((y, format!("{} header", table.layout.headers[column - 1])))
            }
            None => plan_year.map(|y| (y, format!("{plan_header} header"))),
        };
        // (Of several, the earliest, where nothing names one.)
        let earliest = match plans.last() {
            Some((latest, ..)) if named.is_none() => format!(
                ", the earliest of its plan columns' (`year = {latest}` in xmtool.toml reads \
                 {latest}'s)"
            ),
            Some(_) if said.is_none() => ", the latest report's year".to_string(),
            _ => String::new(),
        };
        let file_year = (!table.has(Field::Year))
            .then(|| {
                plan_year_chosen
                    .or_else(|| name_year().map(|y| (y, "name".into())))
                    .or_else(|| title_year().map(|y| (y, "title".into())))
                    .or_else(|| folder_year().map(|y| (y, "folder's name".into())))
            })
            .flatten();
        // A name, title or folder giving another year than the plan's header (a 2024年计划投资
        // column in registry/2023/): the header is believed, and the other year said.
        let said_otherwise = name_year()
            .map(|y| (y, "name"))
            .or_else(|| title_year().map(|y| (y, "title")))
            .or_else(|| folder_year().map(|y| (y, "folder's name")));
        if let (Some((year, said)), Some((other, by))) = (&file_year, said_otherwise)
            && other != *year
        {
            findings.push(
                Finding::warning(
                    rel,
                    format!(
                        "has no {} column: its projects are read as {year}'s, the year its \
                         {said} gives, though its {by} gives {other} (add a {} column to say \
                         which year they are)",
                        Field::Year.label(),
                        Field::Year.label()
                    ),
                )
                .at(table.header_line, None),
            );
        // (Noted where it is not the year the rows would have been read as.)
        } else if let Some((year, said)) = file_year.as_ref().filter(|&&(y, _)| y != default_year)
        {
            findings.push(
                Finding::note(
                    rel,
                    format!(
                        "has no {} column: its projects are read as {year}'s, the year its \
                         {said} gives{earliest}",
                        Field::Year.label()
                    ),
                )
                .at(table.header_line, None),
            );
        }
        let file_year = file_year.map(|(year, _)| year);
        // (A blank 计划年度 beside a plan column a year reads the plan of the year named, if
        // any: the row's year is the one given later, and said if it is another.)
        let default_year = file_year
            .or(named.map(|&(year, ..)| year))
            .unwrap_or(default_year);
        // Rows are read here a batch at a time and made projects on a helper thread as well (a
        // row costs several times more to make than to read). Each batch's names are looked up in
        // a set that no other thread is using meanwhile (a set may pass from one thread to the
        // other between batches): a name shared by threads making projects at once would have its
        // reference count moved between their cores with each project that took it.
        let shape = table.clone();
        // (A row of another year than the read plan column's, with a column of its own; not
        // one in a unit xmtool does not convert, whose year's rows cannot have their plan.)
        // (The column read has its unit named as any column read has.)
        let read_plan = table.column(Field::AnnualPlan);
        let unconverted = (table.layout.plans.iter())
            .filter(|&&(_, column, k)| k.is_none() && Some(column) != read_plan);
        for &(year, column, _) in unconverted {
            findings.push(
                Finding::error(
                    rel,
                    format!(
                        "column {column} \"{}\" is {year}'s plan in a unit xmtool does not \
                         convert (expected 万元, 亿元 or 元): {year}'s projects' plans are not read \
                         from it",
                        table.layout.headers[column - 1]
                    ),
                )
                .at(table.header_line, Some(column)),
            );
        }
        // (A year's table once, of two columns of its plan: `plans` are by year.)
        let plan_tables: Vec<(i32, table::Table)> = (table.layout.plans)
            .chunk_by(|a, b| a.0 == b.0)
            .filter_map(|of_year| {
                let year = of_year[0].0;
                Some((year, table.with_plan_of(year)?))
            })
            .collect();
        let plan_fallback = table.with_plan_fallback();
        let spare: Spare<Batch> = Spare::default();
        let made_spare: Spare<Vec<(Project, bool)>> = Spare::default();
        let stages = &cx.settings.stages;
        let first_made = projects.len();
        // In a file without 建设性质, its unread columns' cells that are natures are counted: a
        // column of them under another header (项目性质) would leave every project of no nature.
        let unread = unread_columns(&table);
        let mut natures_unread = vec![NaturesIn::default(); unread.len()];
        // So are the months in its unread columns whose header names a project put on the list
        // or taken off it (`计划纳入月`): such a column not read leaves the project on the list
        // all year.
        let listing = listing_unread(&table);
        let mut months_unread = vec![MonthsIn::default(); listing.len()];
        let date1904 = table.layout.date1904;
        let mut ended = false;
        let mut folding = crate::finding::Folding::default();
        // The last project of the file naming each group (`Field::GROUPS`), for a cell below
        // saying "as the row above" (同上).
        let mut above: [Option<usize>; Field::GROUPS.len()] = Default::default();
        crate::par::stream(
            || Batch::read(&mut table, grid, &spare, &mut ended),
            |mut batch| {
                let mut found = std::mem::take(&mut batch.findings);
                let mut made = made_spare.take().unwrap_or_default();
                let mut held = names.take().unwrap_or_default();
                let mut natures = vec![NaturesIn::default(); unread.len()];
                let mut months = vec![MonthsIn::default(); listing.len()];
                for row in &batch.rows[..batch.len] {
                    for (count, &column) in natures.iter_mut().zip(&unread) {
                        count.add(&row.cell(column).text());
                    }
                    for (count, &(column, _)) in months.iter_mut().zip(&listing) {
                        count.add(row.cell(column), date1904);
                    }
                    made.extend(rows::project(
                        &shape,
                        &plan_tables,
                        plan_fallback.as_ref(),
                        row,
                        default_year,
                        |text| held.get(text),
                        &mut found,
                    ));
                }
                // (A stage as settings write it: 竣工投产类 is 竣工投产. Other text is weighed
                // with the file's other values once it is read, in `settle_stages`.)
                for (p, _) in made.iter_mut() {
                    if let Some(stage) = &p.stage
                        && let Some(known) = value::stage_of(stage, stages)
                        && known != &**stage
                    {
                        p.stage = Some(held.get(known));
                    }
                }
                names.keep(held);
                spare.keep(batch);
                (made, found, natures, months)
            },
            |(mut made, found, natures, months)| {
                for (all, count) in natures_unread.iter_mut().zip(natures) {
                    all.filled += count.filled;
                    all.natures += count.natures;
                }
                for (all, count) in months_unread.iter_mut().zip(months) {
                    all.filled += count.filled;
                    all.months += count.months;
                }
                ids.number_each(&mut made, |(p, _)| &p.id, |(p, _), n| p.id_no = n);
                for (p, own_year) in made.drain(..) {
                    // (A row whose year has a plan column of its own was read from it.)
                    let own_column = plan_tables.iter().any(|(y, _)| *y == p.year);
                    if let Some(year) = plan_year.filter(|&y| own_year && y != p.year && !own_column)
                    {
                        findings.push(plan_of_another_year(&p, year, false));
                    }
                    for (i, &field) in Field::GROUPS.iter().enumerate() {
                        if p.ditto & 1 << i != 0 {
                            let named = above[i].and_then(|at| projects[at].named_in(field));
                            findings.push(said_as_above(&p, field, named));
                        } else if p.named_in(field).is_some() {
                            above[i] = Some(projects.len());
                        }
                    }
                    if !own_year && file_year.is_none() {
                        without_year.push(projects.len());
                    } else if !stated_years.contains(&p.year) {
                        stated_years.push(p.year);
                    }
                    projects.push(p);
                }
                made_spare.keep(made);
                findings.extend(found);
                folding.now_and_then(findings);
            },
        );
        // (The plan's tables share the file's layout's rows noted.)
        findings.extend(rows::differing(&table.layout));
        swallowed.append(&mut table.swallowed);
        findings.extend(settle_stages(
            &mut projects[first_made..],
            stages,
            cx.settings.own_stages,
        ));
        findings.extend(natures_of_sections(
            &mut projects[first_made..],
            &table.headings,
        ));
        if projects[first_made..].iter().all(|p| p.nature.is_none()) {
            findings.extend(natures_not_read(&table, &unread, &natures_unread));
        }
        findings.extend(listing_not_read(&table, &listing, &months_unread));
    });
}

/// The cells of a column that are months, of those filled in.
#[derive(Clone, Copy, Debug, Default)]
struct MonthsIn {
    filled: usize,
    months: usize,
}

impl MonthsIn {
    /// Counts a cell: a month as 纳入时间 reads one (`2024-07`, `2024年7月`, a date), or one of
    /// no year (`7月`).
    fn add(&mut self, cell: grid::CellRef, date1904: bool) {
        let text = cell.text();
        if value::trim(&text).is_empty() {
            return;
        }
        self.filled += 1;
        let month = matches!(rows::month_of_cell(cell, date1904), Ok(Some(_)))
            || value::month_of_no_year(&text).is_some();
        self.months += usize::from(month);
    }
}

/// The 1-based columns of a registry table with a header but no field read that names a
/// project put on the list or taken off it (`计划纳入月`, `调出情况`), each with the field it
/// would be.
fn listing_unread(table: &table::Table) -> Vec<(usize, Field)> {
    let layout = &table.layout;
    (1..=layout.headers.len())
        .filter(|&c| !layout.columns.iter().any(|&(_, read)| read == c))
        .filter_map(|c| Some((c, header::names_listing(&layout.headers[c - 1])?)))
        .collect()
}

/// A warning for each column of a registry file not read whose header names a project put on
/// the list or taken off it and whose cells are mostly months: a project cancelled mid-year
/// stays 未报送 in every later bulletin, one added mid-year counts in the months before.
fn listing_not_read(
    table: &table::Table,
    listing: &[(usize, Field)],
    counts: &[MonthsIn],
) -> Vec<Finding> {
    (listing.iter().zip(counts))
        .filter(|(_, n)| n.months > 0 && n.months * 2 > n.filled)
        .map(|(&(column, field), n)| {
            let header = &table.layout.headers[column - 1];
            let (label, key) = (field.label(), field.key());
            let counts = match field {
                Field::Delisted => "a project taken off the list then stays on it, 未报送 in \
                                    every later bulletin",
                _ => "a project added to the list then counts in every bulletin before",
            };
            Finding::warning(
                table.layout.file.clone(),
                format!(
                    "column {column} \"{header}\" is not read (not a header xmtool knows), but \
                     {} of its {} cells are months: {counts} (if it is the {label}, name it {label} or add it under [aliases] \
                     {key} in xmtool.toml)",
                    n.months, n.filled
                ),
            )
            .at(table.header_line, Some(column))
        })
        .collect()
}

/// The cells of a column that are 建设性质 (新建, 续建, 改扩建 …), of those filled in.
#[derive(Clone, Copy, Debug, Default)]
struct NaturesIn {
    filled: usize,
    natures: usize,
}

impl NaturesIn {
    /// Counts a cell. (Only words of building, 新建 or 续建: a column of stages not read,
    /// 新开工 or 前期, holds no natures.)
    fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.filled += 1;
        let nature = crate::model::Nature::parse(text);
        if text.contains('建') && nature.is_some_and(|n| n != crate::model::Nature::Reserve) {
            self.natures += 1;
        }
    }
}

/// The 1-based columns of a registry table with a header but no field read, where it has no
/// 建设性质 column: the ones whose cells may be natures under another header.
fn unread_columns(table: &table::Table) -> Vec<usize> {
    if table.column(Field::Nature).is_some() {
        return Vec::new();
    }
    let layout = &table.layout;
    (1..=layout.headers.len())
        .filter(|&c| !layout.headers[c - 1].trim().is_empty())
        .filter(|&c| !layout.columns.iter().any(|&(_, read)| read == c))
        .collect()
}

/// A warning for each column of a registry file without 建设性质 whose cells are mostly natures
/// (项目性质 of 新建 and 续建): not read, it leaves every project neither a new start nor
/// continuing, in no 新开工 figure and none 逾期未开工. (项目性质 is no alias: in some offices it
/// says 政府投资 or 社会投资.)
fn natures_not_read(table: &table::Table, unread: &[usize], counts: &[NaturesIn]) -> Vec<Finding> {
    let label = Field::Nature.label();
    (unread.iter().zip(counts))
        .filter(|(_, n)| n.natures > 0 && n.natures * 2 > n.filled)
        .map(|(&column, n)| {
            let header = &table.layout.headers[column - 1];
            Finding::warning(
                table.layout.file.clone(),
                format!(
                    "column {column} \"{header}\" is not read, but {} of its {} cells are 新建 or \
                     续建: with no {label} column, no project of the file is a new start or \
                     continuing, so none counts in 新开工 or 逾期未开工 (if it is the {label}, name it \
                     {label} or add it under [aliases] nature in xmtool.toml)",
                    n.natures, n.filled
                ),
            )
            .at(table.header_line, Some(column))
        })
        .collect()
}

/// The 建设性质 a registry file's section headings give its projects, where it has no column
/// of it (一、续建项目（8个） over the continuing ones, 二、新开工项目 over the new starts): each
/// project is of the nearest heading above it naming one, until a heading of that level (its
/// number of the same form: 三、竣工投产项目) names none; headings below them (（一）工业项目)
/// change nothing. Said once for the file.
fn natures_of_sections(made: &mut [Project], headings: &[(u64, String)]) -> Option<Finding> {
    let origin = made.first()?.origin.clone();
    if origin.column(Field::Nature).is_some() {
        return None;
    }
    let read: Vec<(u64, String, Option<crate::model::Nature>)> = headings
        .iter()
        .map(|(line, text)| {
            let (form, nature) = table::section_nature(text);
            (*line, form, nature)
        })
        .collect();
    let levels: Vec<&str> = (read.iter())
        .filter(|(.., nature)| nature.is_some())
        .map(|(_, form, _)| form.as_str())
        .collect();
    if levels.is_empty() {
        return None;
    }
    // The nature from each heading of those levels on, in line order.
    let natures: Vec<(u64, Option<crate::model::Nature>)> = (read.iter())
        .filter(|(_, form, _)| levels.contains(&form.as_str()))
        .map(|(line, _, nature)| (*line, *nature))
        .collect();
    let mut given = 0;
    for p in made.iter_mut() {
        let above = natures.partition_point(|(line, _)| *line < p.origin.line);
        if let Some(nature) = above.checked_sub(1).and_then(|i| natures[i].1) {
            p.nature = Some(nature);
            given += 1;
        }
    }
    if given == 0 {
        return None;
    }
    let named: Vec<String> = (headings.iter().zip(&read))
        .filter(|(_, (.., nature))| nature.is_some())
        .map(|((_, text), _)| format!("\"{text}\""))
        .collect();
    let (line, file) = (natures[0].0, origin.file().to_string());
    let which = match made.len() {
        1 => "its project is".to_string(),
        n if n == given => format!("its {n} projects are"),
        n => format!("{given} of its {n} projects are"),
    };
    let others = match made.len() - given {
        0 => "",
        _ => ", the others of no 建设性质",
    };
    Some(
        Finding::note(
            file,
            format!(
                "has no 建设性质 column: {which} read as the section headings above them say \
                 ({}){others}",
                named.join(", ")
            ),
        )
        .at(line, None),
    )
}

/// The most different values of 年度目标 in a registry file that are read as stages, each as
/// written, where settings name none: more are targets written out, not stages.
const STAGE_VALUES: usize = 8;

/// The stages of a file's projects. Where settings name no stages, a column of few values
/// (`STAGE_VALUES` or fewer different ones: 竣工, 新开工, 前期) is a column of stages, each as
/// written; in one of more (完成主体结构施工, 开展前期工作 …, a target written out for each project),
/// only 四个一批's are stages. Where settings name stages, only they are. A value that is no stage
/// is taken off its project, and said once for the file, at the first.
fn settle_stages(made: &mut [Project], stages: &[String], own: bool) -> Option<Finding> {
    if !own {
        // (Counted up to one more than the most.)
        let mut values: Vec<&str> = Vec::new();
        for stage in made.iter().filter_map(|p| p.stage.as_deref()) {
            if !values.contains(&stage) {
                values.push(stage);
                if values.len() > STAGE_VALUES {
                    break;
                }
            }
        }
        if values.len() <= STAGE_VALUES {
            return None;
        }
    }
    let mut first: Option<(Origin, Name)> = None;
    let mut count = 0;
    for p in made.iter_mut() {
        if let Some(stage) = p.stage.take_if(|s| !stages.iter().any(|k| k == &**s)) {
            count += 1;
            first.get_or_insert_with(|| (p.origin.clone(), stage));
        }
    }
    let (origin, text) = first?;
    let header = origin.layout.header_shown(Field::Stage);
    let rows = match count {
        1 => format!("{header} \"{text}\" is"),
        _ => format!("{header} in {count} rows (\"{text}\" here, the first) is"),
    };
    let expected = crate::finding::listed(stages, "or");
    let why = match own {
        true => "the stages `stages` in xmtool.toml names".to_string(),
        false => format!(
            "the column has more than {STAGE_VALUES} different values, read as targets written \
             out: only 四个一批's are stages; a city's own are named by `stages` in xmtool.toml"
        ),
    };
    Some(
        Finding::warning(
            origin.file(),
            format!("{rows} not a stage: read as no stage (expected {expected}; {why})"),
        )
        .at(origin.line_of(Field::Stage), origin.column(Field::Stage)),
    )
}

/// The error on a project whose 计划年度 is not the year its plan's header names (2025 under
/// `2024年计划投资`): which year the plan is for cannot be told.
/// (`blank`: the row's 计划年度 is empty, and read as the project's year.)
fn plan_of_another_year(p: &Project, year: i32, blank: bool) -> Finding {
    let layout = &p.origin.layout;
    let column = p.origin.column(Field::Year);
    let line = column.map_or(p.origin.line, |c| layout.line_of(p.origin.line, c));
    Finding::error(
        p.origin.file(),
        format!(
            "{} is {}{}, but the plan's column {} is {year}'s (which year is {}'s plan for? \
             {})",
            layout.header_shown(Field::Year),
            if blank { "empty, read as " } else { "" },
            p.year,
            layout.header_shown(Field::AnnualPlan),
            p.id,
            match blank {
                // (Read before its year was known, from the column of the year the file's name
                // or the settings give, else the earliest.)
                true => "expected its 计划年度, or `year` in xmtool.toml".to_string(),
                false => format!("expected {year}, or a plan's header without a year"),
            }
        ),
    )
    .at(line, column)
}

/// The error on a registry cell naming a group (`field`) that says "as the row above" (同上,
/// 〃) rather than the name: read as empty, the project is in no group by it (a group `同上` of
/// its own was ranked). `above` is the name the rows above give, for the clerk to write in.
fn said_as_above(p: &Project, field: Field, above: Option<&str>) -> Finding {
    let expected = match above {
        Some(name) => format!("the name itself: \"{name}\", as above"),
        None => "the name itself (no row above gives one)".to_string(),
    };
    Finding::error(
        p.origin.file(),
        format!(
            "{} says \"same as above\" (同上, 〃), which is no name: read as empty, {} is in no \
             group by it (expected {expected})",
            p.origin.layout.header_shown(field),
            p.id
        ),
    )
    .at(p.origin.line_of(field), p.origin.column(field))
}

/// A count of files read, shown on stderr once loading has taken more than a second, and only
/// when stderr is a terminal (never in a pipe, a log or a batch job's capture).
struct Progress {
    total: usize,
    done: usize,
    start: std::time::Instant,
    last_shown: Option<std::time::Instant>,
    enabled: bool,
}

/// Writes progress to standard error, letting it go if standard error cannot take it.
fn show(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            done: 0,
            start: std::time::Instant::now(),
            last_shown: None,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&mut self) {
        if let Some(line) = self.next_line(std::time::Instant::now()) {
            show(&line);
        }
    }

    fn finish(&mut self) {
        show(self.last_line());
    }

    /// A file more is read, at `now`: the count to show, if it is shown (a second after the
    /// start, at most ten times a second).
    fn next_line(&mut self, now: std::time::Instant) -> Option<String> {
        self.done += 1;
        let since = |t: std::time::Instant| now.saturating_duration_since(t);
        if !self.enabled
            || since(self.start) < std::time::Duration::from_secs(1)
            || self
                .last_shown
                .is_some_and(|t| since(t) < std::time::Duration::from_millis(100))
        {
            return None;
        }
        self.last_shown = Some(now);
        Some(format!(
            "\rxmtool: reading file {} of {}…",
            self.done, self.total
        ))
    }

    /// What clears the count once loading is done, if it was shown, so what follows starts
    /// clean.
    fn last_line(&self) -> &'static str {
        if self.last_shown.is_some() {
            "\r\x1b[K"
        } else {
            ""
        }
    }
}

/// What one report file gave.
struct FileResult {
    source: Option<Source>,
    rows: Option<FileRows>,
    findings: Vec<Finding>,
    /// Its rows not read for their month, once the file is read.
    refused: Option<(Arc<Layout>, Vec<RefusedRow>)>,
}

/// Reads one monthly report file into rows and findings.
fn read_report_file(
    cx: &Reading,
    path: &Path,
    rows_for: &RowsFor,
    helped: bool,
    part: &mut dyn FnMut(FileResult),
) -> FileResult {
    let mut out = FileResult {
        source: None,
        rows: None,
        findings: Vec::new(),
        refused: None,
    };
    let rel = relative(cx.dir, path);
    let last = cx.spare.start_one();
    let read = Input::read(path, &rel, Role::Report, cx, &mut out.findings);
    if last {
        cx.spare.let_go();
    }
    let Some((mut input, source)) = read else {
        return out;
    };
    out.source = Some(source);
    out.rows = read_report_rows(
        &rel,
        &mut input,
        cx,
        rows_for,
        helped,
        &mut out.findings,
        part,
    );
    input.note_unread(&rel, &mut out.findings);
    input.recycle(&cx.spare);
    if let Some(rows) = &out.rows {
        let refused = rows.layout().take_refused();
        out.refused = (!refused.is_empty()).then(|| (rows.layout().clone(), refused));
    }
    // (A finding of a row is of the row's month, where it is known: `rows::report`. The path
    // is read again only for a file with a finding of its whole, placed at a line or not.)
    let whole_file = |f: &Finding| f.line.is_none() || f.of_file;
    if out.findings.iter().any(whole_file)
        && let Some(month) = month_of_all_rows(&rel)
    {
        for f in out.findings.iter_mut().filter(|f| whole_file(f)) {
            f.month.get_or_insert(month);
        }
    }
    out
}

/// The month a report file's rows are read as, where its path gives one: a finding of the
/// whole file (it cannot be read, it has no header) is of that month, in no earlier month's
/// figures. Not a name dated alone in no month's folder (`东区20240705.csv` may be June's
/// report sent that day, its 报告月份 column saying so).
fn month_of_all_rows(rel: &str) -> Option<YearMonth> {
    match months_of_path(rel) {
        (Some(_), None) if value::dated_alone(stem(rel)) => None,
        (named, filed) => named.or(filed),
    }
}

/// `read_report_file` once the file is read (or being read): its last rows.
fn read_report_rows(
    rel: &str,
    input: &mut Input,
    cx: &Reading,
    rows_for: &RowsFor,
    helped: bool,
    findings: &mut Vec<Finding>,
    part: &mut dyn FnMut(FileResult),
) -> Option<FileRows> {
    input
        .read_grid(rel, cx.settings, findings, |grid, findings| {
            report_rows_of(rel, grid, cx, rows_for, helped, findings, part)
        })
        .flatten()
}

/// The columns a report's header is expected to have, named when a row has only one of them.
const REPORT_WANTED: [Field; 4] = [
    Field::Id,
    Field::Month,
    Field::YtdInvestment,
    Field::MonthInvestment,
];

/// `read_report_rows` of the file's rows.
fn report_rows_of(
    rel: &str,
    grid: &mut grid::Grid,
    cx: &Reading,
    rows_for: &RowsFor,
    helped: bool,
    findings: &mut Vec<Finding>,
    part: &mut dyn FnMut(FileResult),
) -> Option<FileRows> {
    let (named, filed) = months_of_path(rel);
    let mut file_month = named.or(filed);
    let mut table = table::locate(
        rel,
        grid,
        cx.matcher,
        &Field::REPORT,
        &[Field::Id],
        &REPORT_WANTED,
        findings,
    )?;
    // (A month of no year read as a late report's, `late_month_of_no_year`, gives way to a
    // 报告月份 column: each row says its month, June's come late or July's in last month's
    // file filled in again.)
    let late = filed.and_then(|f| late_month_of_no_year(rel, f));
    let rows_say = late.is_some() && late == named && table.has(Field::Month);
    if rows_say {
        file_month = None;
    }
    // (A file named for another month than its folder is warned of, its rows read as the
    // name's month, or as their 报告月份 says where that is a late report's.)
    if let Some((named, filed)) = named_for_another_folders_month(rel) {
        let shown = match late == Some(named) {
            true => format!("{}月", named.month()),
            false => named.to_string(),
        };
        let read_as = match rows_say {
            true => format!("as the months their {} gives", Field::Month.label()),
            false => format!("as {named}'s"),
        };
        findings.push(named_for_another_month(rel, shown, filed, &read_as));
    }
    // (Else a name of another month of no year, in a folder named with more than its month or
    // of a month after the folder's, is read as the folder's month, which it disagrees with.)
    if let (None, Some(filed)) = (named, filed)
        && let Some(month) = value::month_of_no_year(stem(rel))
        && month != filed.month()
        && !SENT.iter().any(|w| stem(rel).contains(w))
    {
        findings.push(named_for_another_month(
            rel,
            format!("{month}月"),
            filed,
            &format!("as {filed}'s"),
        ));
    }
    // (A name listing months, `东区5、6月`, in the folder of another: which month its rows are
    // is not known, unless a 报告月份 column says. In the folder of one of them, the folder's,
    // unless a 报告月份 column says: May's rows and June's in `2024-06/东区5、6月.csv`.)
    let mut listed = None;
    if let (None, Some(filed)) = (named, filed)
        && let Some((months, of_folder, named_months)) = months_named(stem(rel), filed)
    {
        if !table.has(Field::Month) && !of_folder {
            findings.push(
                Finding::error(
                    rel,
                    format!(
                        "has no {} column, and its name gives {}, in a folder for {filed}, so \
                         which it is for is not known (expected a column {} or a name like \
                         reports/2024-06/金川区.xlsx)",
                        Field::Month.label(),
                        months_listed(&months),
                        cx.matcher.looked_for(Field::Month)
                    ),
                )
                .at(table.header_line, None),
            );
            return None;
        }
        if table.has(Field::Month) {
            file_month = None;
            listed = named_months;
        }
    }
    if !table.has(Field::MonthInvestment) && !table.has(Field::YtdInvestment) {
        // A column that names one but says it is not this year's is why, most likely.
        let other_years = (1..)
            .zip(&table.layout.headers)
            .find(|(_, h)| cx.matcher.not_this_years(h).is_some())
            .map(|(column, h)| table::other_years(column, h));
        // (The example names a column of the file's worded like an amount, if it has one: of
        // investment before others, and not a rate, 投资完成率, nor 形象进度.)
        let like_an_amount = |h: &&str| {
            (h.contains("完成") || h.contains("累计"))
                && !h.contains(['率', '%', '％'])
                && !header::says_a_share(h)
                && !h.contains("进度")
                && cx.matcher.named(h).is_none()
                && cx.matcher.not_this_years(h).is_none()
        };
        let headers = || table.layout.headers.iter().map(|h| h.trim());
        // (One whose brackets say a goal, `累计完成投资（预计）`, is read once named: a report
        // due before the month's end may give what is expected as its figures.)
        let goal = (1..).zip(headers()).find_map(|(column, h)| {
            let done = (cx.matcher.named(h))
                .filter(|f| matches!(f, Field::YtdInvestment | Field::MonthInvestment));
            done.filter(|_| header::says_a_goal(h))
                .map(|field| (column, h, field))
        });
        let (field, example) = match goal {
            Some((_, h, field)) => (field, h),
            None => (
                Field::YtdInvestment,
                (headers()
                    .filter(like_an_amount)
                    .find(|h| h.contains("投资")))
                .or_else(|| headers().find(like_an_amount))
                .unwrap_or("…"),
            ),
        };
        let (key, read_as) = match field {
            Field::MonthInvestment => (field.key(), "the month's figure"),
            _ => (field.key(), "the year-to-date"),
        };
        let example = example.replace('\\', "\\\\").replace('"', "\\\"");
        let goal = goal.map_or(String::new(), |(column, h, _)| {
            format!("; column {column} \"{h}\" says a goal (计划, 预计), not what was done")
        });
        findings.push(
            Finding::error(
                rel,
                format!(
                    "has neither {} nor {} (looked for {}; {}; a column of another name is read \
                     as {read_as} once named under [aliases] in xmtool.toml: {key} = \
                     [\"{example}\"]){}{goal}",
                    Field::YtdInvestment.label(),
                    Field::MonthInvestment.label(),
                    cx.matcher.looked_for(Field::YtdInvestment),
                    cx.matcher.looked_for(Field::MonthInvestment),
                    other_years.unwrap_or_default()
                ),
            )
            .at(table.header_line, None),
        );
        return None;
    }
    // (A name dated alone, in no month's folder: a 报告月份 column says the rows' months, else
    // the date's month is read, with a warning, as the file may be the month before's.)
    if let (Some(dated), None) = (named, filed)
        && value::dated_alone(stem(rel))
    {
        let before = dated.prev().unwrap_or(dated);
        match table.has(Field::Month) {
            true => file_month = None,
            false => findings.push(Finding::warning(
                rel,
                format!(
                    "is named with a date alone, so its rows are read as {dated}'s: if it is \
                     {before}'s report sent that day, put {before} in its name or put it in \
                     reports/{before}/"
                ),
            )),
        }
    }
    // (In a folder of January and February together, a file whose name gives no month, and
    // with no 报告月份 column, is February's.)
    if !table.has(Field::Month)
        && file_month.is_none()
        && value::months_in_name(stem(rel)) == Ok(None)
        && month_of_no_year_in_path(rel).is_none()
        && let Some(february) = refused_month_folder(rel).and_then(january_and_february)
    {
        file_month = Some(february);
    }
    if !table.has(Field::Month) && file_month.is_none() {
        let no_year = month_of_no_year_in_path(rel);
        let in_name = match value::months_in_name(stem(rel)) {
            Err([one, other]) => {
                format!(
                    "its name gives two months, {one} and {other}, so which it is for is not known"
                )
            }
            Ok(_) => match (
                &no_year,
                value::months_of_no_year_listed(stem(rel)),
                refused_month_folder(rel),
            ) {
                (Some((name, month)), _, _) => format!("{name} gives {month}月 but no year"),
                (None, Some(months), _) => format!(
                    "its name gives {}, so which it is for is not known",
                    months_listed(&months.iter().map(|m| format!("{m}月")).collect::<Vec<_>>())
                ),
                (None, None, Some(folder)) => format!(
                    "no month in its name, and its folder {folder} is named for a range of \
                     months or for when its files came, not for their month"
                ),
                (None, None, None) => "no month in its name".to_string(),
            },
        };
        let year_folder = match no_year {
            Some(_) => {
                "; a month of no year is read in a folder named for its year, reports/2024年/"
            }
            None => "",
        };
        findings.push(
            Finding::error(
                rel,
                format!(
                    "has no {} column and {in_name} (expected a column {} or a name like \
                     reports/2024-06.csv or reports/2024-06/金川区.xlsx{year_folder})",
                    Field::Month.label(),
                    cx.matcher.looked_for(Field::Month)
                ),
            )
            .at(table.header_line, None),
        );
        return None;
    }
    if let Some(f) = file_month {
        note_title_month(rel, &table.titles, f, findings);
    }
    // Rows are handed on `ROWS_AT_ONCE` at a time, so a large file is never held as rows, their
    // ids matched first if the registry's are known (`match_known_ids`). Those read before (it
    // is read meanwhile) keep their ids' text, and are matched as they are taken.
    let mut file_rows = FileRows::new(table.layout.clone(), rows_for);
    let mut hand_on_full = |file_rows: &mut FileRows| {
        if file_rows.len() >= ROWS_AT_ONCE {
            file_rows.match_known_ids();
            let next = file_rows.next_part();
            let full = std::mem::replace(file_rows, next);
            part(FileResult {
                source: None,
                rows: Some(full),
                findings: Vec::new(),
                refused: None,
            });
        }
    };
    let mut other_months = OtherMonths::of(rel, named, filed);
    let months = rows::FileMonths::of(rel, file_month).listing(listed);
    let read = if helped {
        read_report_batches(&mut table, grid, months, rows_for, findings, |rows| {
            if other_months.named.is_some() {
                rows.lines_and_months()
                    .for_each(|(line, m)| other_months.see(line, m));
            }
            file_rows.append(rows);
            hand_on_full(&mut file_rows);
        })
    } else {
        let mut folding = crate::finding::Folding::default();
        table.each_row(grid, findings, |table, row, findings| {
            folding.now_and_then(findings);
            // (By reference: the row is not copied out of the option.)
            if let Some(r) = &rows::report(table, row, months, rows_for.texts_for(), findings) {
                other_months.see(r.line, r.month);
                file_rows.push(r);
                hand_on_full(&mut file_rows);
            }
        })
    };
    findings.extend(other_months.finding(&table));
    findings.extend(rows::differing(&table.layout));
    findings.extend(rows::unknown_statuses(&table));
    if read == 0 && table.damaged_rows == 0 {
        findings.push(
            Finding::warning(rel, "has a header but no rows (expected a row per project)")
                .at(table.header_line, None),
        );
    }
    file_rows.match_known_ids();
    Some(file_rows)
}

/// The rows of a report file named for a month of no year in no month's folder
/// (`reports/金川区8月.csv`) whose 报告月份 says another month: they are read as that month's,
/// and the name is said once for the file, at the first (July's form filled in with August's
/// figures, or August's name on July's report).
struct OtherMonths {
    /// The month the name gives, where the path gives no other.
    named: Option<u32>,
    first: Option<(u64, YearMonth)>,
    rows: usize,
}

impl OtherMonths {
    fn of(rel: &str, named: Option<YearMonth>, filed: Option<YearMonth>) -> OtherMonths {
        let no_year = match (named, filed) {
            (None, None) if !SENT.iter().any(|w| stem(rel).contains(w)) => {
                value::month_of_no_year(stem(rel))
            }
            _ => None,
        };
        OtherMonths {
            named: no_year,
            first: None,
            rows: 0,
        }
    }

    fn see(&mut self, line: u64, month: YearMonth) {
        if self.named.is_some_and(|n| n != month.month()) {
            self.first.get_or_insert((line, month));
            self.rows += 1;
        }
    }

    fn finding(self, table: &table::Table) -> Option<Finding> {
        let (named, (line, month)) = (self.named?, self.first?);
        let header = table.layout.header_shown(Field::Month);
        let (n, s) = (self.rows, crate::finding::plural(self.rows));
        Some(
            Finding::warning(
                table.layout.file.clone(),
                format!(
                    "is named for {named}月, but {header} says {month} ({n} row{s}, this the \
                     first): they are read as {month}'s (rename the file, or correct {header} \
                     if its figures are {named}月's)"
                ),
            )
            .at(line, table.column(Field::Month)),
        )
    }
}

/// A warning where a report's title names another month than the one its path gives `f`: last
/// month's file sent again under this month's name, or this month's figures under last month's
/// title. Cells saying when the form was filled in or sent are no title.
fn note_title_month(
    rel: &str,
    titles: &[(u64, usize, String)],
    f: YearMonth,
    findings: &mut Vec<Finding>,
) {
    const NOT_TITLES: [&str; 6] = ["填报", "报送", "日期", "时间", "制表", "打印"];
    let said = titles.iter().find_map(|(line, column, text)| {
        if NOT_TITLES.iter().any(|w| text.contains(w)) {
            return None;
        }
        value::month_in_title(text).map(|m| (line, column, text, m))
    });
    if let Some((&line, &column, text, m)) = said
        && m != f
    {
        findings.push(
            Finding::warning(
                rel,
                format!(
                    "the title \"{text}\" names {m}, but the rows are read as {f}'s, from {} \
                     (last month's report sent again? check its figures, or correct the title)",
                    month_source(rel)
                ),
            )
            .at(line, Some(column)),
        );
    }
}

/// A report file's rows read a batch at a time on this thread and made report rows on a helper
/// thread as well (`par::stream`: a row costs about as much to make as to read), each batch's
/// handed to `take` in order; gives how many data rows there were. For files read while a core
/// would otherwise have none: fewer files than cores.
fn read_report_batches(
    table: &mut table::Table,
    grid: &mut grid::Grid,
    months: rows::FileMonths,
    rows_for: &RowsFor,
    findings: &mut Vec<Finding>,
    mut take: impl FnMut(FileRows),
) -> usize {
    let shape = table.clone();
    let spare: Spare<Batch> = Spare::default();
    let (mut read, mut ended) = (0, false);
    let mut folding = crate::finding::Folding::default();
    crate::par::stream(
        || {
            let batch = Batch::read(table, grid, &spare, &mut ended)?;
            read += batch.len;
            Some(batch)
        },
        |mut batch| {
            // Findings in a batch's order: those its rows' reading noted, then those its rows'
            // values make (`finding::sort` orders them by place).
            let mut found = std::mem::take(&mut batch.findings);
            let mut rows = FileRows::new(shape.layout.clone(), rows_for);
            let texts_for = rows_for.texts_for();
            for row in &batch.rows[..batch.len] {
                if let Some(r) = &rows::report(&shape, row, months, texts_for, &mut found) {
                    rows.push(r);
                }
            }
            spare.keep(batch);
            (rows, found)
        },
        |(rows, found)| {
            findings.extend(found);
            folding.now_and_then(findings);
            take(rows);
        },
    );
    read
}

/// A batch of a table's rows read for `par::stream`, the first `len` of them (those beyond are
/// buffers to read into), and what reading them noted.
#[derive(Default)]
struct Batch {
    rows: Vec<grid::Row>,
    len: usize,
    findings: Vec<Finding>,
}

impl Batch {
    /// Rows a batch.
    const ROWS: usize = 1024;

    /// Reads the next batch of data rows, into one from `spare` if it has one; `None` once
    /// they have all been read (`ended`).
    fn read(
        table: &mut table::Table,
        grid: &mut grid::Grid,
        spare: &Spare<Batch>,
        ended: &mut bool,
    ) -> Option<Batch> {
        if *ended {
            return None;
        }
        let mut batch = spare.take().unwrap_or_default();
        batch.len = 0;
        while batch.len < Batch::ROWS {
            if batch.len == batch.rows.len() {
                batch.rows.push(grid::Row::default());
            }
            if !table.next_row(grid, &mut batch.rows[batch.len], &mut batch.findings) {
                *ended = true;
                break;
            }
            batch.len += 1;
        }
        // (The last batch may be only what was noted at the end: blank rows skipped.)
        (batch.len > 0 || !batch.findings.is_empty()).then_some(batch)
    }
}

/// Report rows are handed on this many at a time (a part).
const ROWS_AT_ONCE: usize = 16_384;

/// How many parts handed on and not yet taken a part of an item not yet due waits behind, at
/// least: for report files, 8 parts (about 13 MB), a month's report of up to 131,072 projects.
/// With more projects than that, as many parts as hold a row for each project (a month's
/// report, about 1.6 MB of parts per 16,384 projects, less than their figures take), so that a
/// core reading the next month's file does not stop while the other reads this month's: memory
/// still grows with the projects, not with the rows. (16 parts held 10 MB more at 100,000
/// projects, and were no faster.)
const PARTS_WAITING: usize = 8;

/// How many parts the channel to the taking thread holds. They are mostly the item being taken,
/// whose parts never wait: while the registry is read nothing is taken, and a core reads on into
/// the first report file until this many are handed on (about a million rows, some 100 MB).
/// With those of items not yet due and those in the workers' hands, at most 8 (or a part per
/// 16,384 projects, if more) + 64 + 2 per thread parts wait at once (about 120 MB on two threads
/// with up to 131,072 projects), whatever the files' number and size.
const PARTS_IN_CHANNEL: usize = 64;

/// `work` on each item, on as many threads as `par::threads` gives (and items; one fewer until
/// `first` is done when there are as many items as threads) while this thread does `first`,
/// whose result `take` then gets the work's results into. Work hands out its results in parts,
/// as it goes (`part`), and returns its last; `take` gets the parts on this thread, in the
/// items' order and each item's parts in order, as soon as they and those before them are
/// ready. A part of an item not yet due waits in its worker's hand while `PARTS_WAITING` parts
/// wait already (once `first` is done, as many as `read_ahead` of its result says), and the
/// channel holds `PARTS_IN_CHANNEL`, so few wait at once.
fn in_order<T: Sync, R: Send, F>(
    items: &[T],
    progress: &mut Progress,
    work: impl Fn(&T, &mut dyn FnMut(R)) -> R + Sync,
    first: impl FnOnce(&mut Progress) -> F,
    read_ahead: impl FnOnce(&F) -> usize,
    take: impl FnMut(&mut F, R),
) -> F {
    in_order_on(
        crate::par::threads(),
        items,
        progress,
        work,
        first,
        read_ahead,
        take,
    )
}

/// `in_order` on at most `threads` threads besides this one.
fn in_order_on<T: Sync, R: Send, F>(
    threads: usize,
    items: &[T],
    progress: &mut Progress,
    work: impl Fn(&T, &mut dyn FnMut(R)) -> R + Sync,
    first: impl FnOnce(&mut Progress) -> F,
    read_ahead: impl FnOnce(&F) -> usize,
    mut take: impl FnMut(&mut F, R),
) -> F {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let workers = threads.min(items.len());
    if threads <= 1 || workers == 0 {
        let mut f = first(progress);
        for item in items {
            progress.tick();
            let last = work(item, &mut |r| take(&mut f, r));
            take(&mut f, last);
        }
        return f;
    }
    let next = AtomicUsize::new(0);
    // Items taken whole, and parts handed on but not yet taken.
    let taken = AtomicUsize::new(0);
    let in_flight = AtomicUsize::new(0);
    // Set when this thread (in `first` or `take`) or a worker panics: the workers stop waiting,
    // hand on nothing more, and start no other item (the one in hand is read to its end).
    // Without it they could wait for ever for a turn that will not come.
    let stop = AtomicBool::new(false);
    let first_done = AtomicBool::new(false);
    let most_waiting = AtomicUsize::new(PARTS_WAITING);
    // Wakes workers waiting for their turn as what they wait on changes (a part taken, `first`
    // done, a stop).
    let moved = Moved::default();
    struct StopOnPanic<'a>(&'a AtomicBool, &'a Moved);
    impl Drop for StopOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.store(true, Ordering::Release);
                self.1.wake();
            }
        }
    }
    // (item, part, last of the item?, result)
    let (sender, receiver) =
        std::sync::mpsc::sync_channel::<(usize, usize, bool, R)>(PARTS_IN_CHANNEL);
    std::thread::scope(|scope| {
        // Made first, so that the workers stop if this thread panics, even in starting one of
        // them. (Done, this thread needs no stop: the receiver runs dry only once every worker
        // is.)
        let _stop = StopOnPanic(&stop, &moved);
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let sender = sender.clone();
                let (work, next, taken, in_flight, stop, first_done, most_waiting, moved) = (
                    &work,
                    &next,
                    &taken,
                    &in_flight,
                    &stop,
                    &first_done,
                    &most_waiting,
                    &moved,
                );
                scope.spawn(move || {
                    let _stop = StopOnPanic(stop, moved);
                    // Waits while `busy`, woken as it may change; false once told to stop.
                    let wait_while = |busy: &dyn Fn() -> bool| {
                        let mut waiting = moved.lock();
                        loop {
                            if stop.load(Ordering::Acquire) {
                                return false;
                            }
                            if !busy() {
                                return true;
                            }
                            waiting = moved.wait(waiting);
                        }
                    };
                    // One worker fewer while `first` runs, leaving its core to this thread,
                    // when there are as many as threads. (With fewer, one was left idle: the
                    // workers start at once, though with their helpers, if any, and `first`'s
                    // there may then be more threads than cores for a while.)
                    if workers == threads && worker + 1 == workers {
                        wait_while(&|| !first_done.load(Ordering::Acquire));
                    }
                    while !stop.load(Ordering::Acquire) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        // Hands on a part, unless the caller is gone or stopping. A part of an
                        // item not yet due waits while enough wait already; the item being
                        // taken never waits (its parts are taken as they come), so this does.
                        let hand_on = |part: usize, last: bool, r: R| -> bool {
                            let turn = wait_while(&|| {
                                i > taken.load(Ordering::Acquire)
                                    && in_flight.load(Ordering::Acquire)
                                        >= most_waiting.load(Ordering::Acquire)
                            });
                            if !turn {
                                return false;
                            }
                            in_flight.fetch_add(1, Ordering::AcqRel);
                            sender.send((i, part, last, r)).is_ok()
                        };
                        let mut parts = 0;
                        let last = work(item, &mut |r| {
                            hand_on(parts, false, r);
                            parts += 1;
                        });
                        if !hand_on(parts, true, last) {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let mut f = first(progress);
        most_waiting.store(read_ahead(&f).max(PARTS_WAITING), Ordering::Release);
        first_done.store(true, Ordering::Release);
        moved.wake();
        let mut waiting = BTreeMap::new();
        let mut due = (0, 0);
        for (i, part, last, result) in receiver {
            waiting.insert((i, part), (last, result));
            while let Some((last, result)) = waiting.remove(&due) {
                in_flight.fetch_sub(1, Ordering::AcqRel);
                take(&mut f, result);
                if last {
                    progress.tick();
                    due = (due.0 + 1, 0);
                    taken.fetch_add(1, Ordering::Release);
                } else {
                    due.1 += 1;
                }
                moved.wake();
            }
        }
        for h in handles {
            // A panic in a worker is a bug; let it surface as one.
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
        f
    })
}

/// Where threads wait for a change others make (to atomics, outside the lock): each waiter
/// looks and waits with the lock held, and a change is followed by `wake`, which takes the lock,
/// so no change is missed between looking and waiting.
#[derive(Default)]
struct Moved {
    /// How many wait.
    waiting: std::sync::Mutex<usize>,
    woken: std::sync::Condvar,
}

impl Moved {
    fn lock(&self) -> std::sync::MutexGuard<'_, usize> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long a waiter waits before it looks again, woken or not: a backstop (no wake is
    /// missed), so long in tests that a missed one hangs them.
    const BACKSTOP: std::time::Duration = if cfg!(test) {
        std::time::Duration::from_secs(3600)
    } else {
        std::time::Duration::from_secs(1)
    };

    /// Waits to be woken (or for `BACKSTOP`).
    fn wait<'a>(
        &self,
        mut waiting: std::sync::MutexGuard<'a, usize>,
    ) -> std::sync::MutexGuard<'a, usize> {
        *waiting += 1;
        let (mut waiting, _) = self
            .woken
            .wait_timeout(waiting, Moved::BACKSTOP)
            .unwrap_or_else(|e| e.into_inner());
        *waiting -= 1;
        waiting
    }

    /// Wakes every waiter, if any waits.
    fn wake(&self) {
        if *self.lock() > 0 {
            self.woken.notify_all();
        }
    }
}

/// Delimited files larger than this are read a block at a time, not held whole. Report files
/// are read on every core at once: at 100,000 projects a month's file is 5.5 MB, and holding
/// two whole was a tenth of the peak memory; reading one twice instead (the first reading
/// hashes it and finds its encoding) costs a few milliseconds.
const WHOLE_LIMIT: u64 = 4 << 20;

/// The largest file read whole: a workbook (or a CSV that is one) larger is an error.
const LARGEST_WHOLE: u64 = 512 << 20;

/// An input file, as read for loading. Inputs are only ever read.
enum Input {
    /// Its bytes, whole.
    Whole(Vec<u8>),
    /// Delimited text too large to hold: its encoding found, to be read again a block at a
    /// time.
    Streamed(Result<stream::TextStream, decode::Undecodable>),
    /// Text too large to hold with nothing to read, its finding made: zero bytes from its
    /// first line on. (An input all the same, with its size and hash, as a small one is.)
    Unread,
}

impl Input {
    /// Reads a file (or, when it is large delimited text, reads it through once), with the
    /// record of it outputs carry (its SHA-256 if `hash`), or records why it could not be read.
    fn read(
        path: &Path,
        rel: &str,
        role: Role,
        cx: &Reading,
        findings: &mut Vec<Finding>,
    ) -> Option<(Input, Source)> {
        Input::read_holding(path, rel, role, WHOLE_LIMIT, cx.hash, &cx.spare, findings)
    }

    /// `read`, holding files up to `limit` bytes whole, read with buffers from `spare` where it
    /// has them.
    fn read_holding(
        path: &Path,
        rel: &str,
        role: Role,
        limit: u64,
        hash: bool,
        spare: &Spares,
        findings: &mut Vec<Finding>,
    ) -> Option<(Input, Source)> {
        let cannot = |e: std::io::Error, findings: &mut Vec<Finding>| {
            findings.push(Finding::error(rel, format!("cannot read the file: {e}")));
            None
        };
        let mut file = match open_regular(path) {
            Ok(f) => f,
            Err(_) if let Some(link) = dangling(path) => {
                findings.push(linked_to_nothing(rel, &link));
                return None;
            }
            Err(e) => return cannot(e, findings),
        };
        let size = file.metadata().map_or(0, |m| m.len());
        let whole = |file: &mut std::fs::File, findings: &mut Vec<Finding>| {
            use std::io::Read;
            // (A workbook is read whole: one of 40 GB, or of gigabytes of zeros, would take all
            // the memory there is, and a failed allocation aborts.)
            if size > LARGEST_WHOLE {
                findings.push(Finding::error(
                    rel,
                    format!(
                        "is {} MiB, more than xmtool reads of a workbook ({} MiB; a month's workbook \
                         of reports is a few MiB): is it a workbook? (save a table that large as \
                         CSV)",
                        size >> 20,
                        LARGEST_WHOLE >> 20
                    ),
                ));
                return None;
            }
            let mut bytes = spare.bytes.take().unwrap_or_default();
            if bytes
                .try_reserve_exact(usize::try_from(size).unwrap_or(usize::MAX))
                .is_err()
            {
                findings.push(Finding::error(
                    rel,
                    format!("cannot read the file: no memory for its {} MiB", size >> 20),
                ));
                return None;
            }
            match file.read_to_end(&mut bytes) {
                Ok(_) => {
                    let source = Source::new(rel.to_string(), path, &bytes, role, hash);
                    Some((Input::Whole(bytes), source))
                }
                Err(e) => cannot(e, findings),
            }
        };
        if FileKind::from_name(rel) != Some(FileKind::Delimited) || size <= limit {
            return whole(&mut file, findings);
        }
        let mut buffers = spare.blocks.take().unwrap_or_default();
        match stream::scan(&mut file, hash, &mut buffers) {
            // A workbook by another name is read whole, as workbooks are.
            Ok(scanned) if scanned.workbook => {
                use std::io::Seek;
                spare.keep_blocks(buffers);
                match file.rewind() {
                    Ok(()) => whole(&mut file, findings),
                    Err(e) => cannot(e, findings),
                }
            }
            Ok(scanned) if scanned.markup => {
                findings.push(Finding::error(rel, grid::MARKUP_NAMED_CSV));
                spare.keep_blocks(buffers);
                None
            }
            Ok(scanned) => {
                let source = Source {
                    raw: raw_path(path, rel),
                    path: rel.to_string(),
                    size: scanned.size,
                    sha256: scanned.sha256.clone(),
                    role,
                    found: path.to_path_buf(),
                    workbook: false,
                };
                findings.extend(scanned.utf8_runs.iter().map(|run| run.finding(rel)));
                if let Some((tail, line)) = scanned.zero_tail {
                    let line = (tail.line_start > 0).then_some(line);
                    findings.push(grid::zero_tail_at(rel, tail.zeros, line));
                    if line.is_none() {
                        spare.keep_blocks(buffers);
                        return Some((Input::Unread, source));
                    }
                }
                let text = match scanned.found {
                    Ok(found) => match stream::TextStream::new(file, found, &scanned, buffers) {
                        Ok(stream) => Ok(stream),
                        Err(e) => return cannot(e, findings),
                    },
                    Err(undecodable) => {
                        spare.keep_blocks(buffers);
                        Err(undecodable)
                    }
                };
                Some((Input::Streamed(text), source))
            }
            Err(e) => cannot(e, findings),
        }
    }

    /// The file opened for reading. Problems (undecodable bytes, a damaged workbook, a missing
    /// sheet) become findings and give `None`; so does a file that cannot be read on, whose
    /// finding `note_unread` makes.
    fn open(
        &mut self,
        rel: &str,
        settings: &Settings,
        findings: &mut Vec<Finding>,
    ) -> Option<grid::Opened<'_>> {
        let kind = FileKind::from_name(rel)?;
        match self {
            Input::Whole(bytes) => {
                grid::open(rel, bytes, kind, grid::Asked::of(settings), findings)
            }
            Input::Streamed(Err(e)) => {
                findings.push(e.finding(rel));
                None
            }
            Input::Unread => None,
            Input::Streamed(Ok(stream)) => {
                use split::{Block, Blocks};
                // The delimiter is judged on the first ten lines, as for a file read whole (or
                // on as much as the longest record, where lines are longer than that).
                let mut first = stream.take_text();
                loop {
                    match stream.more(&mut first) {
                        Block::More => {
                            if split::enough_to_sniff(first.as_bytes()) {
                                break;
                            }
                        }
                        Block::End => break,
                        // Why is noted by `note_unread`.
                        Block::Broken => return None,
                    }
                }
                // (A damaged file's bad bytes are placed by the separator it is split by.)
                stream.place_from(split::Delimiter::sniff(&first).byte(), &first);
                Some(grid::Opened::Stream(first, stream))
            }
        }
    }

    /// Opens the file (`open`) and hands its rows to `read`; `None` if it cannot be opened.
    /// However `read` ends, the string a file read a block at a time was held in
    /// (`Grid::into_text`) is kept for `recycle`.
    fn read_grid<R>(
        &mut self,
        rel: &str,
        settings: &Settings,
        findings: &mut Vec<Finding>,
        read: impl FnOnce(&mut grid::Grid, &mut Vec<Finding>) -> R,
    ) -> Option<R> {
        let mut opened = self.open(rel, settings, findings)?;
        let mut grid = opened.grid();
        let out = read(&mut grid, findings);
        // (Bytes read as `�` that no data row took: above the header, or below the last row.)
        let damaged = grid.damaged.drain(..);
        findings.extend(damaged.map(|d| table::damaged_outside(rel, &d)));
        if let (Some(_), Some((line, column))) = (grid.overlong(), grid.open_quote()) {
            findings.push(
                Finding::error(
                    rel,
                    format!(
                        "a quote opens this cell and is not closed in the {} MiB after it: the \
                         rest of the file was taken into the cell, and not read (close the quote, \
                         or take it out)",
                        split::LONGEST_RECORD >> 20
                    ),
                )
                .at(line, Some(column)),
            );
        } else if let Some(line) = grid.overlong() {
            findings.push(
                Finding::error(
                    rel,
                    format!(
                        "this row runs on for more than {} MiB without ending: the file was \
                         not read from here on (is it damaged, or not a table?)",
                        split::LONGEST_RECORD >> 20
                    ),
                )
                .at(line, None),
            );
        }
        let text = grid.into_text();
        drop(opened);
        if let (Input::Streamed(Ok(stream)), Some(text)) = (self, text) {
            stream.keep_text(text);
        }
        Some(out)
    }

    /// Lets go of the file, keeping the buffers it was read with for the next, if a report file
    /// is left to start: a file's bytes unless larger than a delimited file read whole (a large
    /// workbook's: let go at once), and a block at a time's buffers.
    fn recycle(self, spare: &Spares) {
        match self {
            Input::Whole(mut bytes) if bytes.capacity() as u64 <= WHOLE_LIMIT => {
                bytes.clear();
                spare.keep_bytes(bytes);
            }
            Input::Streamed(Ok(stream)) => spare.keep_blocks(stream.into_buffers()),
            _ => {}
        }
    }

    /// Records why a file read a block at a time was not read to its end, if it was not. (Its
    /// rows before that were handed on; the error makes the folder fail `check`.)
    fn note_unread(&mut self, rel: &str, findings: &mut Vec<Finding>) {
        if let Input::Streamed(Ok(stream)) = self
            && let Some(why) = stream.error.take()
        {
            findings.push(Finding::error(rel, why));
        }
    }
}

/// A link that leads to no file or folder: to nothing (a share not mounted), or round a loop
/// of links. Shown as "a link to T, which is not there" (or "which leads round a loop of links").
pub struct Dangling {
    pub target: PathBuf,
    pub looped: bool,
}

impl std::fmt::Display for Dangling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let which = if self.looped {
            "leads round a loop of links"
        } else {
            "is not there"
        };
        write!(f, "a link to {}, which {which}", self.target.shown())
    }
}

/// Where `path` leads, if it is a link that leads nowhere (`Dangling`): an input meant and not
/// there, which is an error, not a file that is simply absent.
pub fn dangling(path: &Path) -> Option<Dangling> {
    let looped = match path.try_exists() {
        Ok(false) => false,
        Err(e) if is_loop(&e) => true,
        _ => return None,
    };
    let target = std::fs::read_link(path).ok()?;
    Some(Dangling { target, looped })
}

/// Whether the system gave up on a path for its loop of links.
fn is_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    return error.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return false;
}

/// The finding for an input that is a link leading nowhere (`dangling`).
fn linked_to_nothing(name: &str, link: &Dangling) -> Finding {
    Finding::error(name, format!("cannot read: it is {link}"))
}

/// Opens a file for reading if it is a regular file. A named pipe would wait for a writer for
/// ever, and a device (a link to /dev/zero, say) never end: such a file is refused, from what
/// it is once opened, so that it cannot be swapped in between a look and the opening. (It is
/// opened without waiting, which only a pipe would do, and read as any file is.)
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a pipe, a device or a socket)",
        )
    };
    let file = match options.open(path) {
        Ok(file) => file,
        // (A socket cannot be opened at all: "no such device or address".)
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => return Err(not_regular()),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    // Reading a regular file does not wait in any case; the flag is cleared all the same.
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns, open until `file` is dropped; it
        // only reads and sets the descriptor's status flags.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    Ok(file)
}

/// The registry files: `projects.*` in the folder, and every file under `registry/`.
fn registry_files(dir: &Path, findings: &mut Vec<Finding>) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    // Whether a registry file or folder is a link to nothing.
    let mut meant = false;
    for name in REGISTRY_NAMES {
        let path = dir.join(name);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => findings.push(Finding::error(
                name,
                "is a folder, not a file (expected the registry of projects)",
            )),
            Ok(_) => found.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(link) = dangling(&path) {
                    findings.push(linked_to_nothing(name, &link));
                    meant = true;
                }
            }
            Err(e) => findings.push(Finding::error(name, format!("cannot read: {e}"))),
        }
    }
    if found.len() > 1 {
        let names: Vec<String> = found.iter().map(|p| relative(dir, p)).collect();
        findings.push(Finding::error(
            names[1].clone(),
            format!(
                "is a second registry beside {} (expected one; move or delete one of them); only {} is read",
                names[0], names[0]
            ),
        ));
        found.truncate(1);
    }
    let registry_dir = dir.join(REGISTRY_DIR);
    if let Some(link) = dangling(&registry_dir) {
        findings.push(linked_to_nothing(REGISTRY_DIR, &link));
        meant = true;
    }
    let registry_dir_found = match metadata(&registry_dir) {
        Ok(m) => m.is_dir(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound || is_loop(&e) => false,
        Err(e) => {
            findings.push(Finding::error(
                REGISTRY_DIR,
                format!("cannot read the folder: {e}"),
            ));
            meant = true;
            false
        }
    };
    match (found.first(), registry_dir_found) {
        (Some(file), _) => unread_in_folder(dir, &relative(dir, file), findings),
        (None, true) => unread_in_folder(dir, &format!("{REGISTRY_DIR}/"), findings),
        (None, false) => {}
    }
    if registry_dir_found {
        let under = files_under(dir, &registry_dir, findings)?;
        if let (Some(file), false) = (found.first(), under.is_empty()) {
            findings.push(Finding::note(
                relative(dir, file),
                "is read together with the files under registry/, as one registry",
            ));
        }
        found.extend(under);
    }
    // (A registry meant and not there is said to be so.)
    if found.is_empty() && !meant {
        // (A registry named in another case, `Projects.xlsx`, as a file copied from Windows may
        // be, is named: on this system the name is not the same.)
        let other_case = REGISTRY_NAMES
            .iter()
            .filter_map(|name| other_case(dir, name))
            .min();
        // (A folder inside the data folder, `reports/` or `reports/2024-06/`, given for it: the
        // one holding the registry is named.)
        let above = data_folder_above(dir);
        let message = match (other_case, above) {
            (Some(name), _) => format!(
                "no registry found ({name} is not read, its letters in another case: rename it \
                 {}; expected projects.csv or projects.xlsx in the data folder, or files under \
                 registry/)",
                name.to_ascii_lowercase()
            ),
            (None, Some(above)) => format!(
                "no registry found (expected projects.csv or projects.xlsx in the data folder, \
                 or files under registry/; {} holds one: is it the data folder, --dir {0}?)",
                crate::finding::shell_path(&above)
            ),
            (None, None) => "no registry found (expected projects.csv or projects.xlsx in the \
                             data folder, or files under registry/)"
                .to_string(),
        };
        findings.push(Finding::error("", message));
    }
    Ok(found)
}

/// Tables in the data folder itself other than the registry (`read`: its `projects.*`, or
/// `registry/`), which are read as nothing: a revised registry saved beside the first
/// (`projects（调整后）.xlsx`, `2024年重点项目-调整.csv`) left the bulletin on the first without a
/// word. A warning where the name reads as a registry's (`projects…`, or naming 项目 or 计划),
/// else a note. (Not hidden files, the lock files Excel and WPS keep beside an open workbook,
/// nor the blank report `init` writes, `月报模板.csv`, kept there to be copied.)
fn unread_in_folder(dir: &Path, read: &str, findings: &mut Vec<Finding>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| FileKind::from_name(n).is_some() && !REGISTRY_NAMES.contains(&n.as_str()))
        .filter(|n| !n.starts_with(['.', '~']) && n != REPORT_TEMPLATE)
        .filter(|n| std::fs::metadata(dir.join(n)).is_ok_and(|m| m.is_file()))
        .collect();
    names.sort();
    let save_as = match read.strip_suffix('/') {
        Some(_) => format!("put it in {read} in place of the file it revises"),
        None => format!("save it as {read} in place of the first"),
    };
    for name in names {
        let like_registry = name.to_ascii_lowercase().starts_with("projects")
            || ["项目", "计划"].iter().any(|w| name.contains(w));
        let message = format!(
            "is not read: the data folder's registry is {read}, and reports are read under \
             reports/ (a revised registry? {save_as}; a report? move it under reports/)"
        );
        findings.push(match like_registry {
            true => Finding::warning(&name, message),
            false => Finding::note(&name, message),
        });
    }
}

/// A name in the data folder that is `name` in other letters' case (`Projects.csv`,
/// `Reports`), the first in name order.
fn other_case(dir: &Path, name: &str) -> Option<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|found| found.eq_ignore_ascii_case(name) && found != name)
        .min()
}

/// The folder holding `path`, as the command line would name it (`demo` for `demo/reports`,
/// `..` for `.`).
fn folder_above(path: &Path) -> PathBuf {
    match (path.file_name(), path.parent()) {
        (Some(_), Some(parent)) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        (Some(_), _) => PathBuf::from("."),
        (None, _) if path == Path::new(".") => PathBuf::from(".."),
        (None, _) => path.join(".."),
    }
}

/// The nearest folder above `path` (three at most) that holds a registry, as the command line
/// would name it: the data folder where `path` is inside it (`demo` for `demo/reports/2024-06`).
fn data_folder_above(path: &Path) -> Option<PathBuf> {
    let mut above = folder_above(path);
    for _ in 0..3 {
        let registry = REGISTRY_NAMES.iter().any(|name| above.join(name).is_file())
            || above.join(REGISTRY_DIR).is_dir();
        if registry {
            return Some(above);
        }
        above = folder_above(&above);
    }
    None
}

/// Whether a folder holds, at any depth, a file xmtool would read as data (not one it passes
/// over: hidden files such as `.DS_Store`, a spreadsheet's lock file, empty folders). One that
/// cannot be read through may: it is said to.
pub fn holds_data_files(dir: &Path) -> bool {
    match files_under(dir, dir, &mut Vec::new()) {
        Ok(files) => !files.is_empty(),
        Err(_) => dir.exists(),
    }
}

/// The folders under `under` (`reports` or `registry`) of the data folder that inputs are read
/// from, as the loader reaches them (links followed): each as it is (its real path) and as the
/// data folder names it (`reports/2024-06/南屏`, a link to a district's share). A file written
/// into one would be read as an input the next time.
pub fn input_folders(dir: &Path, under: &str) -> Vec<(PathBuf, String)> {
    let root = dir.join(under);
    let mut seen = BTreeMap::new();
    if root.is_dir() {
        // (What the walk finds wrong is said when the folder is loaded.)
        let _ = walk(dir, &root, 0, &mut seen, &mut Vec::new(), &mut Vec::new());
    }
    seen.into_iter().collect()
}

/// The CSV and workbook files below `root`, in name order. Other files are noted and left alone.
/// A folder reached again through a link (a link to a folder above it, or two links to one
/// folder) is read once, where it is first reached; a link to the data folder or above it, not
/// at all.
fn files_under(
    dir: &Path,
    root: &Path,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    walk(dir, root, 0, &mut seen, &mut out, findings)?;
    Ok(out)
}

fn walk(
    dir: &Path,
    folder: &Path,
    depth: usize,
    seen: &mut BTreeMap<PathBuf, String>,
    out: &mut Vec<PathBuf>,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<()> {
    if let Ok(real) = std::fs::canonicalize(folder) {
        // A link to the data folder or above it (`ln -s ..`, `ln -s /`) would read the registry
        // as a report, or the whole file system.
        if depth > 0
            && let Ok(data) = std::fs::canonicalize(dir)
            && data.starts_with(&real)
        {
            findings.push(Finding::note(
                relative(dir, folder),
                format!(
                    "skipped: a link to {} (the data folder or a folder above it)",
                    real.shown()
                ),
            ));
            return Ok(());
        }
        if let Some(first) = seen.get(&real) {
            findings.push(Finding::note(
                relative(dir, folder),
                format!("skipped: the same folder as {first} (a link), read there"),
            ));
            return Ok(());
        }
        seen.insert(real, relative(dir, folder));
    }
    let paths = match list_folder(folder) {
        Ok(paths) => paths,
        Err(e) => {
            findings.push(Finding::error(
                relative(dir, folder),
                format!("cannot read the folder: {e}"),
            ));
            return Ok(());
        }
    };
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = relative(dir, &path);
        if name.starts_with('.') {
            // A hidden table may be a report hidden by mistake: said. The copies macOS leaves
            // on shared drives (._东区.csv), folders (.git) and other files are let be.
            if !name.starts_with("._") && FileKind::from_name(&name).is_some() && path.is_file() {
                findings.push(Finding::note(
                    rel,
                    "skipped: a hidden file (its name starts with a dot); rename it to read it",
                ));
            }
            continue;
        }
        if name.starts_with("~$") {
            findings.push(Finding::note(
                rel,
                "skipped: a lock file Excel or WPS keeps while a workbook is open",
            ));
            continue;
        }
        // (A link to nothing or a loop of links is no folder: said where it is read, or below.
        // A folder the system cannot look at is an error, not a file skipped.)
        let is_dir = match metadata(&path) {
            Ok(m) => m.is_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound || is_loop(&e) => false,
            Err(e) => {
                findings.push(Finding::error(rel, format!("cannot read: {e}")));
                continue;
            }
        };
        if is_dir {
            if depth >= MAX_DEPTH {
                findings.push(Finding::warning(
                    rel,
                    format!("skipped: folders nested more than {MAX_DEPTH} deep"),
                ));
            } else {
                walk(dir, &path, depth + 1, seen, out, findings)?;
            }
            continue;
        }
        if FileKind::from_name(&name).is_some() {
            out.push(path);
        } else if let Some(link) = dangling(&path)
            && Path::new(&name).extension().is_none()
        {
            // (A folder's link, by its name of no extension: a district's share not mounted.
            // A table's is said as it is read; another file's, `说明.md`, is no input.)
            findings.push(linked_to_nothing(&rel, &link));
        } else if let Some(what) = holds_tables(&path, &name) {
            // (Reports sent zipped, or a workbook whose name lost its extension on the way, as
            // mail clients may leave it: a district's reports not read, unless said.)
            findings.push(Finding::warning(rel, format!("skipped: {what}")));
        } else {
            findings.push(Finding::note(
                rel,
                format!(
                    "skipped: not a CSV or spreadsheet file (expected {})",
                    FileKind::extensions_read()
                ),
            ));
        }
    }
    Ok(())
}

/// What a file xmtool does not read may hold its tables in: an archive (by its name), or a
/// workbook's bytes under a name that says no kind (none, or a month's figures after a dot,
/// `金川区2024.6`). `None` for any other file (one of another kind, `.docx` or `.ofd`, may be a
/// zip as an `.xlsx` is).
fn holds_tables(path: &Path, name: &str) -> Option<String> {
    let extension = Path::new(name).extension().map(|e| e.to_ascii_lowercase());
    match extension.as_ref().and_then(|e| e.to_str()) {
        Some("zip" | "rar" | "7z" | "tar" | "gz" | "tgz" | "bz2" | "xz") => Some(
            "an archive, which xmtool does not open (unpack it here if it holds reports)".into(),
        ),
        Some(kind) if !kind.bytes().all(|b| b.is_ascii_digit()) => None,
        _ => {
            use std::io::Read;
            let mut head = [0u8; 8];
            // (Only a regular file: a pipe would be waited on.)
            let file = open_regular(path).ok()?;
            file.take(8).read_exact(&mut head).ok()?;
            // (An .xls, or an .xlsx under a password, starts as a compound file.)
            let extension = if head.starts_with(b"PK\x03\x04") {
                "xlsx"
            } else if grid::is_workbook(&head) {
                "xls"
            } else {
                return None;
            };
            Some(format!(
                "a workbook whose name says no kind (rename it {name}.{extension} to read it)"
            ))
        }
    }
}

/// The entries of a folder, in name order. A listing a signal interrupted is begun again; any
/// other failure part way is an error, not a shorter list.
fn list_folder(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut tries = 0;
    loop {
        let listed: std::io::Result<Vec<PathBuf>> = std::fs::read_dir(folder)
            .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect());
        match listed {
            Ok(mut paths) => {
                paths.sort();
                return Ok(paths);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted && tries < 3 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// `std::fs::metadata`, asked again where a signal interrupted it.
fn metadata(path: &Path) -> std::io::Result<std::fs::Metadata> {
    let mut tries = 0;
    loop {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted && tries < 3 => tries += 1,
            done => return done,
        }
    }
}

/// `path` relative to the data folder, with `/` separators on every platform.
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| name_text(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file or folder name as text. A name that is not UTF-8 is most likely GBK, as an archive made
/// on Chinese Windows and unpacked here leaves it (`河西区2024年6月.csv`): read as GB18030, so that
/// it shows as written and its month is seen; else with U+FFFD for what is neither.
fn name_text(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    if let Some(text) = name.to_str() {
        return text.into();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if let Some(text) = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(name.as_bytes())
        {
            return text.into_owned().into();
        }
    }
    name.to_string_lossy()
}

/// A path as its names show, each read as `name_text` reads a file's name (a data folder named on
/// Chinese Windows, `东区` in GBK, shows as written).
pub fn path_text(path: &Path) -> String {
    match path.to_str() {
        Some(text) => text.to_string(),
        None => path
            .components()
            .map(|part| name_text(part.as_os_str()).into_owned())
            .collect::<PathBuf>()
            .display()
            .to_string(),
    }
}

/// The month a report file's own name gives, and the month the nearest of its folders up to
/// reports/ that names one gives: the file's month is the first, else the second.
fn months_of_path(rel: &str) -> (Option<YearMonth>, Option<YearMonth>) {
    // A file or folder named for a month of no year in a folder named for a year
    // (`2023年/6月.csv`, `2023年/东区6月.csv`, `2024年/6月份/东区.csv`, a year's archive; or
    // further up, a district's folder between, `2024年/东区/6月.csv`): that year's month. The nearest folder
    // above with a year or a month in its name must be that year alone (in a month's folder,
    // `2024年/7月/6月.csv`, see below).
    let parts: Vec<&str> = rel.split('/').collect();
    let of_year_folder = |month: Option<u32>, at: usize| {
        let month = month?;
        let folder = parts[..at]
            .iter()
            .rev()
            .take_while(|&&f| f != REPORTS_DIR)
            .find(|f| {
                value::one_year_in(f, false).is_some()
                    || value::bare_month(f).is_some()
                    || value::month_in_name(f).is_some()
                    || year_of_range(f).is_some()
            })?;
        YearMonth::new(
            value::bare_year(folder).or_else(|| year_of_range(folder))?,
            month,
        )
    };
    let last = parts.len() - 1;
    // A month's number alone in a folder named as a year alone: `reports/2024/06/东区.csv`,
    // `reports/2024/06.csv`.
    let numbered = |at: usize| {
        let name = if at == last { stem(rel) } else { parts[at] };
        let digits = (1..=2).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_digit());
        let month = digits.then(|| name.parse::<u32>().ok()).flatten()?;
        YearMonth::new(value::bare_year(parts[at.checked_sub(1)?])?, month)
    };
    // (A file's name may say more, `东区6月.csv`; a folder's is the month alone.)
    let named = value::month_in_name(stem(rel))
        .or_else(|| of_year_folder(value::month_of_no_year(stem(rel)), last))
        .or_else(|| numbered(last));
    let filed = month_folder(rel)
        .and_then(value::month_in_name)
        .or_else(|| {
            (1..last)
                .rev()
                .find(|&at| value::bare_month(parts[at]).is_some())
                .and_then(|at| of_year_folder(value::bare_month(parts[at]), at))
        })
        .or_else(|| (1..last).rev().find_map(numbered));
    // (A name dated alone, 东区20240705.csv, says when the file was sent: its folder says
    // which month it is for. Not one dated before its folder's month: no sending day.)
    let sent = matches!((named, filed), (Some(named), Some(filed)) if named >= filed);
    let named = match sent && value::dated_alone(stem(rel)) {
        true => None,
        false => named,
    };
    (named.or_else(|| late_month_of_no_year(rel, filed?)), filed)
}

/// The months a report file's name lists (`东区5、6月`, `东区4、5、6月`, `东区2024年5月、6月`, and
/// apart, `东区4、6月`, `东区2024年4、6月`), as said, whether one of them is `filed`, its
/// folder's month, and the months where their years are known (given, or the folder's month's).
fn months_named(
    name: &str,
    filed: YearMonth,
) -> Option<(Vec<String>, bool, Option<rows::MonthsListed>)> {
    match value::months_in_name(name) {
        // (Two months in order, of one year or December's and January's: a list.)
        Err(two) => {
            let list = two[0] < two[1] && two[0].year() == two[1].year();
            let listed = (list || two[0].next() == Some(two[1]))
                .then(|| rows::MonthsListed::of(&two))
                .flatten()?;
            let said = two.map(|m| m.to_string()).to_vec();
            Some((said, two.contains(&filed), Some(listed)))
        }
        Ok(_) => {
            let months = value::months_of_no_year_listed(name)?;
            let at = months.iter().position(|&m| m == filed.month());
            // (Of months apart, `东区4、6月`, those alone: a row of a month between them, May,
            // is none of the file's. Each the month of its number nearest the folder's:
            // `2025-01/东区12、1月.csv` lists 2024-12.)
            let of_filed = |month: u32| {
                (-1..=1)
                    .filter_map(|d| YearMonth::new(filed.year() + d, month))
                    .min_by_key(|m| filed.months_until(*m).abs())
            };
            let listed = at.and_then(|_| {
                let months: Option<Vec<YearMonth>> = months.iter().map(|&m| of_filed(m)).collect();
                rows::MonthsListed::of(&months?)
            });
            let said = months.iter().map(|m| format!("{m}月")).collect();
            Some((said, at.is_some(), listed))
        }
    }
}

/// Months a name lists, as a message says them: `two months, 5月 and 6月`, `3 months, 4月, 5月
/// and 6月`.
fn months_listed(months: &[String]) -> String {
    let how_many = match months.len() {
        2 => "two".to_string(),
        n => n.to_string(),
    };
    format!(
        "{how_many} months, {}",
        crate::finding::listed(months, "and")
    )
}

/// The month a report file's name of a month of no year (or a folder of one below the month's
/// folder) gives, where it is one of the six months before its folder's (`filed`):
/// `2024-07/东区6月.csv` or `2024-07/6月/东区.csv`, June's report come late and put with the
/// month it came in, is 2024-06's; `2025-01/东区12月.csv` 2024-12's. One of the two is a slip,
/// said where its rows are read, and the name is likelier right (as a name of a month with its
/// year is read). Not a month after the folder's (a report cannot come before its month), nor in
/// a folder named with more than its month (`2024年7月重点项目/`), nor a name saying when the
/// file came (`7月5日报送`): those are the folder's month.
fn late_month_of_no_year(rel: &str, filed: YearMonth) -> Option<YearMonth> {
    if SENT.iter().any(|w| stem(rel).contains(w))
        || !month_folder(rel).is_none_or(names_just_a_month)
    {
        return None;
    }
    let month = value::month_of_no_year(stem(rel)).or_else(|| {
        rel.split('/')
            .rev()
            .skip(1)
            .take_while(|&f| f != REPORTS_DIR && value::month_in_name(f).is_none())
            .find_map(value::bare_month)
    })?;
    let back = (filed.month() + 12 - month) % 12;
    (1..=6)
        .contains(&back)
        .then(|| (0..back).try_fold(filed, |m, _| m.prev()))
        .flatten()
}

/// A report file's month: the one its name gives, else its folder's (see `months_of_path`).
fn month_of_path(rel: &str) -> Option<YearMonth> {
    let (named, filed) = months_of_path(rel);
    named.or(filed)
}

/// The year the nearest folder above a file that names one gives, up to `root` (`registry/`,
/// `reports/`): 2023 of `registry/2023/东区.xlsx`, `registry/2023年项目/东区.xlsx` or
/// `reports/2023年1-2月/东区2月.csv`.
fn year_folder(rel: &str, root: &str) -> Option<i32> {
    rel.split('/')
        .rev()
        .skip(1)
        .take_while(|&f| f != root)
        .find_map(|f| value::one_year_in(f, false).or_else(|| year_of_range(f)))
}

/// The year of a name for a range of months of one year (`2024年1-2月`, figures reported
/// together for 春节; `2024年1-6月`, a half-year's files), or for a quarter or a half as the
/// bulletin names them (`2024年上半年`, `2024年第二季度`, `2024-Q2`): a month of no year in it is
/// of that year.
fn year_of_range(name: &str) -> Option<i32> {
    use crate::compute::period::{Period, PeriodKind};
    if let Some((first, last)) = value::range_months(name) {
        return (first.year() == last.year()).then_some(first.year());
    }
    match Period::parse(name) {
        Ok(p) if matches!(p.kind, PeriodKind::Quarter(_) | PeriodKind::Half(_)) => {
            Some(p.end.year())
        }
        _ => None,
    }
}

/// The one year a report file's name gives (`2024年汇总.csv`), else the nearest of its folders up
/// to reports/ that gives one (`reports/2024年/汇总.csv`): for a month of no year in its rows.
pub(crate) fn year_of_path(rel: &str) -> Option<i32> {
    value::one_year_in(stem(rel), false).or_else(|| year_folder(rel, REPORTS_DIR))
}

/// The month of no year a report file's name gives (`东区6月.csv`), else the nearest folder up
/// to reports/ named as one (`reports/6月/西区.csv`): that name (`its name`, `its folder 6月`)
/// and the month.
fn month_of_no_year_in_path(rel: &str) -> Option<(String, u32)> {
    if let Some(month) = value::month_of_no_year(stem(rel)) {
        return Some(("its name".to_string(), month));
    }
    // (A folder is read so where it is named as the month alone, `6月`, as `months_of_path`
    // reads it.)
    let (folder, month) = rel
        .split('/')
        .rev()
        .skip(1)
        .take_while(|&f| f != REPORTS_DIR)
        .find_map(|f| Some((f, value::bare_month(f)?)))?;
    Some((format!("its folder {folder}"), month))
}

/// The first and last months of the span a report file's name or folder gives, where its rows
/// are read as the last's (`2024年1-2月.csv`, `reports/2024年/1-2月.csv`,
/// `reports/2024-02/东区1-2月.csv`: January's and February's figures together, for 春节, read as
/// February's); `None` for a file of one month. It holds no figure of the first alone.
pub(crate) fn months_spanned(rel: &str) -> Option<(YearMonth, YearMonth)> {
    let (named, filed) = months_of_path(rel);
    let last = named.or(filed)?;
    let folders = rel.rsplit('/').skip(1).take_while(|&f| f != REPORTS_DIR);
    let first = std::iter::once(stem(rel)).chain(folders).find_map(|name| {
        let (first, end) = value::months_of_range_in_name(name)?;
        (end == last.month() && first < end).then_some(first)
    })?;
    Some((YearMonth::new(last.year(), first)?, last))
}

/// Where the registry file `file`, giving no year, would give `year` in its name:
/// `registry/重点项目库.csv` as `registry/2025年重点项目库.csv`; `projects.csv`, the registry by
/// that name alone, moved under registry/ so named.
pub(crate) fn named_for_year(file: &str, year: i32) -> String {
    match file.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/{year}年{name}"),
        None => format!("registry/{year}年{file}"),
    }
}

/// A file's name without its folders and extension: `2024-06` of `reports/2024-06.csv`.
fn stem(rel: &str) -> &str {
    let file = rel.rsplit('/').next().unwrap_or_default();
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// The name of the nearest folder above a report file that names a month (`reports/` aside),
/// but not one for a range of months (`2024年1-6月`) or for when its files came (`2024-07报送`):
/// those hold other months' files.
fn month_folder(rel: &str) -> Option<&str> {
    folders_naming_a_month(rel).find(|p| !not_a_months_folder(p))
}

/// The folders above a report file (`reports/` aside) whose names have a month in them,
/// nearest first.
fn folders_naming_a_month(rel: &str) -> impl Iterator<Item = &str> {
    rel.split('/')
        .rev()
        .skip(1)
        .filter(|p| *p != REPORTS_DIR && value::month_in_name(p).is_some())
}

/// The warning on a report file named for another month than its folder's, its rows read
/// `read_as` (`as 2024-06's`).
fn named_for_another_month(
    rel: &str,
    named: impl std::fmt::Display,
    filed: YearMonth,
    read_as: &str,
) -> Finding {
    Finding::warning(
        rel,
        format!(
            "is named for {named} but is in a folder for {filed}; its rows are read {read_as} \
             (rename the file or move it to the right month's folder)"
        ),
    )
}

/// Words saying when files came (`2024-07报送`), not what month they are for.
const SENT: [&str; 4] = ["报送", "上报", "收到", "报来"];

/// Whether a folder's name with a month in it is for a range of months or for when its files
/// came, rather than for the month (see `month_folder`).
fn not_a_months_folder(name: &str) -> bool {
    value::names_a_range(name) || SENT.iter().any(|w| name.contains(w))
}

/// February, of a folder named for January and February together (`2024年1-2月`: the two
/// months' figures reported together, 春节), as a file so named is read. Only where nothing
/// else tells a file's month (`report_rows_of`): not a month's folder, whose month would
/// override its files' names and 报告月份.
fn january_and_february(name: &str) -> Option<YearMonth> {
    let (first, last) = value::range_months(name)?;
    ((first.month(), last.month()) == (1, 2) && first.year() == last.year()).then_some(last)
}

/// The nearest folder above a report file whose name has a month in it that `month_folder`
/// does not take, to say why.
fn refused_month_folder(rel: &str) -> Option<&str> {
    folders_naming_a_month(rel).find(|p| not_a_months_folder(p))
}

/// Whether a folder's name is a month and nothing else: 2024-06, 2024_6, 202406, 2024.06,
/// 2024年6月, 2024年6月份, 2024年六月, 24年6月 (not 2024年1-6月, 2024-07报送).
fn names_just_a_month(name: &str) -> bool {
    let name = value::to_halfwidth(name.trim());
    let name = value::arabic_dates(&name);
    let name = value::full_years(&name);
    let name = name.strip_suffix('份').unwrap_or(&name);
    value::month_in_name(name).is_some_and(|m| {
        let (y, n) = (m.year(), m.month());
        [
            format!("{y}-{n:02}"),
            format!("{y}-{n}"),
            format!("{y}_{n:02}"),
            format!("{y}_{n}"),
            format!("{y}.{n:02}"),
            format!("{y}.{n}"),
            format!("{y}{n:02}"),
            format!("{y}年{n}月"),
            format!("{y}年{n:02}月"),
        ]
        .contains(&name.to_string())
    })
}

/// The month a report file is named for and its folder's, where they differ: the file is
/// warned of as named for another month than its folder (`reports/2024-06/2024-05.csv`, likely
/// June's report named for May). Only a folder named as just a month is a folder for one:
/// 2024年1-6月/ and 2024-07报送/ hold several months' files, or are named for when they came; a
/// month's folder in a year's, 2024年/7月/, is one too.
pub(crate) fn named_for_another_folders_month(rel: &str) -> Option<(YearMonth, YearMonth)> {
    let (named, filed) = months_of_path(rel);
    let (named, filed) = (named?, filed?);
    (named != filed && month_folder(rel).is_none_or(names_just_a_month)).then_some((named, filed))
}

/// The first and last months of a range a report file's own name gives (`东区2024年1-6月.csv`:
/// 1 and 6), where the first is before the last.
pub(crate) fn name_range_of(rel: &str) -> Option<(u32, u32)> {
    value::months_of_range_in_name(stem(rel)).filter(|(first, last)| first < last)
}

/// Where a report file named for a range of months (`reports/2024-06/东区2024年1-6月.csv`) would be
/// named for its year alone, as a file of each month's rows is: the range taken out of its name,
/// `year` put in where the name gives none, out of a month's folder (`in_a_months_folder`), where
/// a file is of that month: `reports/东区2024年.csv`.
pub(crate) fn named_for_its_year(rel: &str, year: i32, in_a_months_folder: bool) -> String {
    let (mut folder, _) = rel.rsplit_once('/').unwrap_or_default();
    if in_a_months_folder {
        folder = folder.rsplit_once('/').map_or(folder, |(up, _)| up);
    }
    let stem = stem(rel);
    let name = match value::around_range_of_months(stem) {
        Some((before, after)) if before.ends_with(&format!("{year}年")) => before + &after,
        Some((before, after)) => format!("{before}{year}年{after}"),
        None => format!("{year}年"),
    };
    let file = format!("{name}{}", extension_of(rel));
    match folder.is_empty() {
        true => file,
        false => format!("{folder}/{file}"),
    }
}

/// A report file's extension with its dot (`.csv`), or none: what follows its `stem`.
pub(crate) fn extension_of(rel: &str) -> &str {
    let file = rel.rsplit('/').next().unwrap_or_default();
    &file[stem(rel).len()..]
}

/// Where a report file's month comes from, as said in a message: "the file's name" or "its
/// folder's name".
pub(crate) fn month_source(rel: &str) -> &'static str {
    match months_of_path(rel) {
        (None, Some(_)) => "its folder's name",
        _ => "the file's name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_shown_after_a_second_ten_times_a_second_and_cleared() {
        use std::time::{Duration, Instant};
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let progress = |enabled| Progress {
            total: 9,
            done: 0,
            start,
            last_shown: None,
            enabled,
        };
        let mut p = progress(true);
        let shown: Vec<Option<String>> = [10, 900, 1000, 1050, 1099, 1100, 5000]
            .into_iter()
            .map(|ms| p.next_line(at(ms)))
            .collect();
        let line = |n| Some(format!("\rxmtool: reading file {n} of 9…"));
        assert_eq!(shown, [None, None, line(3), None, None, line(6), line(7)]);
        assert_eq!(p.last_line(), "\r\x1b[K");
        // Not on a terminal, or done within a second: nothing, and nothing to clear.
        let mut quiet = progress(false);
        assert_eq!(quiet.next_line(at(5000)), None);
        assert_eq!(quiet.last_line(), "");
        let mut quick = progress(true);
        assert_eq!(quick.next_line(at(500)), None);
        assert_eq!(quick.last_line(), "");
    }

    #[test]
    fn names_of_copies_are_told_by_their_marks() {
        for (rel, copy) in [
            ("reports/2024-06/东区6月.csv", false),
            ("reports/2024-06/东区6月(1).csv", true),
            ("reports/2024-06/东区6月 (2).xlsx", true),
            ("reports/2024-06/东区6月（1）.csv", true),
            ("reports/2024-06/东区6月 - 副本.csv", true),
            ("reports/2024-06/东区6月副本.csv", true),
            ("reports/2024-06/东区6月 - Copy.csv", true),
            ("reports/2024-06/Copy of 东区6月.csv", true),
            ("reports/2024-06/东区(2024).csv", false),
            ("reports/2024-06/东区(更正).csv", false),
            ("reports/副本/东区6月.csv", false),
        ] {
            assert_eq!(named_as_a_copy(rel), copy, "{rel}");
        }
    }

    #[test]
    fn buffers_of_files_read_whole_are_kept_unless_larger_than_a_file_read_whole() {
        let spare = Spares::default();
        spare
            .unstarted
            .store(2, std::sync::atomic::Ordering::Relaxed);
        Input::Whole(Vec::with_capacity(1000)).recycle(&spare);
        assert!(spare.bytes.take().is_some());
        // A large workbook's buffer is let go at once.
        Input::Whole(Vec::with_capacity(WHOLE_LIMIT as usize + 1)).recycle(&spare);
        assert!(spare.bytes.take().is_none());
        // Once the last report file is started (and has taken what it needs), buffers kept are
        // let go of, and no more kept.
        Input::Whole(Vec::with_capacity(1000)).recycle(&spare);
        let kept = spare
            .bytes
            .take()
            .expect("kept while a report file is left to start");
        spare.bytes.keep(kept);
        assert!(!spare.start_one());
        assert!(spare.start_one());
        spare.let_go();
        assert!(spare.bytes.take().is_none());
        assert!(!spare.start_one());
        Input::Whole(Vec::with_capacity(1000)).recycle(&spare);
        assert!(spare.bytes.take().is_none());
    }

    #[test]
    fn work_in_order_comes_back_in_order_with_few_parts_waiting() {
        // Fewer than the least that may wait (as the least), and more.
        for asked in [0, PARTS_WAITING + 30] {
            within_a_minute(move || in_order_with_parts_waiting(asked));
        }
    }

    /// Runs `f`, failing if it has not returned within a minute: a worker waiting for its turn
    /// that is never woken (`Moved`) waits far longer in tests.
    fn within_a_minute(f: impl FnOnce() + Send + 'static) {
        let (done, finished) = std::sync::mpsc::channel();
        let worker = std::thread::spawn(move || {
            f();
            let _ = done.send(());
        });
        match finished.recv_timeout(std::time::Duration::from_secs(60)) {
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                panic!("still waiting after a minute: a waiting worker was not woken")
            }
            // Done, or `f` panicked: its panic is passed on.
            _ => {
                if let Err(e) = worker.join() {
                    std::panic::resume_unwind(e);
                }
            }
        }
    }

    /// `in_order_on` with `asked` parts of items not yet due allowed to wait once `first` is
    /// done: its results in order, and no more parts waiting at once than that allows.
    fn in_order_with_parts_waiting(asked: usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Three workers, whatever this machine has: the bound is on what waits, not on time.
        let threads = 3;
        let (made, taken) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let most_waiting = AtomicUsize::new(0);
        let items: Vec<usize> = (0..24).collect();
        let made_one = || {
            let made = made.fetch_add(1, Ordering::SeqCst) + 1;
            // (Taken may have moved on since: then fewer wait.)
            let waiting = made.saturating_sub(taken.load(Ordering::SeqCst));
            most_waiting.fetch_max(waiting, Ordering::SeqCst);
        };
        let got = in_order_on(
            threads,
            &items,
            &mut Progress::new(items.len()),
            |&item, part| {
                // Later items are quicker: without a bound they would all wait in memory.
                for n in 0..200 {
                    if item % threads == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    made_one();
                    part((item, n));
                }
                made_one();
                (item, 200)
            },
            |_| {
                // Like the registry, read while the workers start.
                std::thread::sleep(std::time::Duration::from_millis(20));
                Vec::new()
            },
            |_| asked,
            |got, r| {
                taken.fetch_add(1, Ordering::SeqCst);
                got.push(r);
            },
        );
        let expected: Vec<_> = items
            .iter()
            .flat_map(|&i| (0..=200).map(move |n| (i, n)))
            .collect();
        assert_eq!(got, expected);
        // Those of items not yet due (each worker may pass the check with one more), the
        // channel's worth, a send pending, one part in each worker's hand and one being taken:
        // see `PARTS_IN_CHANNEL`.
        let bound = asked.max(PARTS_WAITING) + PARTS_IN_CHANNEL + 2 * threads;
        let most = most_waiting.load(Ordering::SeqCst);
        assert!(
            most <= bound,
            "{most} parts waited at once (at most {bound} expected)"
        );
    }

    #[test]
    fn items_not_yet_due_read_ahead_as_far_as_first_allows() {
        within_a_minute(items_not_yet_due_read_ahead);
    }

    fn items_not_yet_due_read_ahead() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Item 0 comes slowly; the later ones are quick. How many of their parts are handed
        // on before item 0 is taken whole shows how far the workers read ahead.
        let read_ahead = |asked: usize| {
            let later = AtomicUsize::new(0);
            let mut ahead = 0;
            let items: Vec<usize> = (0..8).collect();
            in_order_on(
                3,
                &items,
                &mut Progress::new(items.len()),
                |&item, part| {
                    for n in 0..30 {
                        if item == 0 {
                            std::thread::sleep(std::time::Duration::from_millis(10));
                        } else {
                            later.fetch_add(1, Ordering::SeqCst);
                        }
                        part((item, n));
                    }
                    (item, 30)
                },
                |_| (),
                |()| asked,
                |(), (item, n)| {
                    if (item, n) == (0, 30) {
                        ahead = later.load(Ordering::SeqCst);
                    }
                },
            );
            ahead
        };
        let least = read_ahead(0);
        assert!(least <= PARTS_WAITING + 9, "{least} parts read ahead");
        let more = read_ahead(PARTS_WAITING + 40);
        assert!(more >= PARTS_WAITING + 20, "{more} parts read ahead");
    }

    #[test]
    fn a_panic_in_work_surfaces_and_nothing_waits_for_ever() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let items: Vec<usize> = (0..6).collect();
            let result = std::panic::catch_unwind(|| {
                in_order_on(
                    3,
                    &items,
                    &mut Progress::new(items.len()),
                    |&item, part| {
                        if item == 0 {
                            std::thread::sleep(std::time::Duration::from_millis(10));
                            panic!("a bug in the work on item 0");
                        }
                        // Later items hand on more than may wait before their turn.
                        for n in 0..(PARTS_WAITING * 3) {
                            part(n);
                        }
                        0
                    },
                    |_| 0,
                    |_| 0,
                    |sum, n| *sum += n,
                )
            });
            let _ = done.send(result.is_err());
        });
        let panicked = finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("in_order still waiting a minute after a worker panicked");
        assert!(panicked, "the worker's panic surfaces");
    }

    /// Each row's line and cells.
    type Lines = Vec<(u64, Vec<String>)>;

    /// Rows and findings of a file read by `Input` holding up to `limit` bytes whole, and the
    /// record of the file.
    fn read_with_limit(path: &Path, limit: u64) -> (Lines, Vec<String>, Source) {
        read_changed_with_limit(path, limit, || {})
    }

    /// Rows and findings of `bytes` written to `path`, read whole and in blocks (`Input`
    /// holding 100 bytes whole at most), which must agree.
    fn read_alike(path: &Path, bytes: &[u8]) -> (Lines, Vec<String>) {
        std::fs::write(path, bytes).unwrap();
        let (rows, findings, _) = read_with_limit(path, u64::MAX);
        let (streamed_rows, streamed_findings, _) = read_with_limit(path, 100);
        assert_eq!(streamed_findings, findings);
        assert_eq!(streamed_rows, rows);
        (rows, findings)
    }

    /// `read_with_limit`, `change` changing the file after it was first read through.
    fn read_changed_with_limit(
        path: &Path,
        limit: u64,
        change: impl FnOnce(),
    ) -> (Lines, Vec<String>, Source) {
        read_with_spares(path, limit, change, &Spares::default())
    }

    /// `read_changed_with_limit` with buffers from `spare`, given back to it once read.
    fn read_with_spares(
        path: &Path,
        limit: u64,
        change: impl FnOnce(),
        spare: &Spares,
    ) -> (Lines, Vec<String>, Source) {
        let mut findings = Vec::new();
        let rel = "reports/2024-06.csv";
        let (mut input, source) =
            Input::read_holding(path, rel, Role::Report, limit, true, spare, &mut findings)
                .unwrap();
        change();
        let mut rows = Vec::new();
        input.read_grid(rel, &Settings::default(), &mut findings, |grid, _| {
            let mut row = grid::Row::default();
            while grid.read_into(&mut row) {
                rows.push((
                    row.line,
                    row.iter().map(|c| c.text().into_owned()).collect(),
                ));
            }
        });
        input.note_unread(rel, &mut findings);
        input.recycle(spare);
        (
            rows,
            findings.iter().map(|f| f.to_string()).collect(),
            source,
        )
    }

    #[test]
    fn large_files_read_in_blocks_as_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        // Records cut by the blocks' ends (a block is 64 KiB), a quoted line end among them,
        // in each encoding, and bytes that no encoding reads.
        let mut text = String::from("\u{feff}项目编号,形象进度,本月完成投资\r\n");
        for i in 0..60_000 {
            text.push_str(&format!("A{i},\"进度\r\n第{i}天\",{i}.5\r\n"));
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text[3..].encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let gbk = encoding_rs::GB18030.encode(&text[3..]).0.into_owned();
        let mut damaged = text.clone().into_bytes();
        damaged.extend_from_slice(b"A1,\xFF\n");
        // The delimiter is judged on the first ten lines, though the first block holds only
        // part of the first (a title).
        let mut semicolons = format!(
            "{}\n项目编号;形象进度;本月完成投资\n",
            "x".repeat(1_200_000)
        );
        for i in 0..60_000 {
            semicolons.push_str(&format!("A{i};进度;{i}.5\n"));
        }
        // Each file is also read with the buffers the files before it were read with.
        let kept = Spares::default();
        kept.unstarted
            .store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
        for bytes in [
            damaged,
            text.as_bytes().to_vec(),
            utf16,
            gbk,
            semicolons.into_bytes(),
        ] {
            std::fs::write(&path, &bytes).unwrap();
            let (rows, findings, source) = read_with_limit(&path, u64::MAX);
            let (streamed_rows, streamed_findings, streamed_source) = read_with_limit(&path, 100);
            assert!(rows.len() > 60_000, "{findings:?}");
            assert_eq!(streamed_rows, rows);
            assert_eq!(streamed_findings, findings);
            assert_eq!(
                (streamed_source.size, streamed_source.sha256),
                (source.size, source.sha256)
            );
            let (again_rows, again_findings, _) = read_with_spares(&path, 100, || {}, &kept);
            assert_eq!(again_rows, rows);
            assert_eq!(again_findings, findings);
            assert!(kept.blocks.take().is_some_and(|b| {
                let reused = b.hold_room();
                kept.blocks.keep(b);
                reused
            }));
        }
    }

    /// A file of over 4 MiB, read in blocks, with a damaged cell (bytes its encoding does not
    /// read) was refused whole as undecodable; read whole, each such cell is read as `�` and
    /// named. Read in blocks, it is so too, each cell at its line and column, in any encoding
    /// that is mended and with any line ends; one too damaged to read, or of two encodings,
    /// is refused as when read whole.
    #[test]
    fn a_damaged_file_read_in_blocks_is_mended_as_one_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        let rows = |encode: fn(&str) -> Vec<u8>, bad: &[u8], end: &str| {
            let mut bytes = encode(&format!(
                "金川区六月\"报表\"{end}项目编号,\"形象,进度\",存在问题{end}"
            ));
            for i in 0..30_000 {
                bytes.extend(encode(&format!("A{i},\"主体,施工\",资金")));
                if i % 997 == 5 {
                    // Two bad sequences in a cell, with a character between.
                    bytes.extend_from_slice(&[bad, &encode("缺"), bad].concat());
                }
                bytes.extend(encode(end));
            }
            bytes
        };
        let utf8: fn(&str) -> Vec<u8> = |s| s.as_bytes().to_vec();
        let gbk: fn(&str) -> Vec<u8> = |s| encoding_rs::GB18030.encode(s).0.into_owned();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&rows(utf8, b"\xE5\x9C", "\r"));
        let mut joined = b"\xEF\xBB\xBF".to_vec();
        joined.extend_from_slice("项目编号,形象进度\nA1,在建\n".as_bytes());
        joined.extend_from_slice(&encoding_rs::GB18030.encode(&"A2,在建\n".repeat(9_000)).0);
        let mut noise = rows(utf8, b"", "\n");
        noise.extend(std::iter::repeat_n(0xFF, noise.len() / 2));
        for (bytes, mended) in [
            (rows(gbk, b"\xFF", "\n"), true),
            (rows(utf8, b"\xFF", "\r\n"), true),
            (bom, true),
            (joined, false),
            (noise, false),
        ] {
            let (rows, findings) = read_alike(&path, &bytes);
            let undecodable = findings
                .iter()
                .filter(|f| f.contains("undecodable"))
                .count();
            match mended {
                true => assert!(rows.len() > 30_000 && undecodable == 31, "{findings:?}"),
                false => assert!(rows.is_empty() && findings.len() == 1, "{findings:?}"),
            }
        }
    }

    /// A UTF-8 file of over 4 MiB with one cell typed in GBK, below which the rows are UTF-8
    /// again, was refused as a file in two encodings when read in blocks (its rest from that row
    /// on reads as GBK too, as UTF-8 Chinese of even characters does), where one read whole is
    /// read with that cell mended: so it is in blocks, with a byte order mark or without.
    #[test]
    fn a_gbk_cell_in_a_utf8_file_read_in_blocks_is_mended_as_in_one_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        let progress = "主体结构封顶正在进行内部装修，室外配套管网铺设已完成过半";
        for bom in ["", "\u{FEFF}"] {
            let mut bytes = format!("{bom}项目编号,项目状态,形象进度\n").into_bytes();
            for i in 0..20_000 {
                bytes.extend_from_slice(format!("A{i},在建,").as_bytes());
                match i {
                    15_000 => bytes.extend_from_slice(&encoding_rs::GBK.encode("基础施工").0),
                    _ => bytes.extend_from_slice(progress.as_bytes()),
                }
                bytes.push(b'\n');
            }
            let (_, findings) = read_alike(&path, &bytes);
            assert!(
                findings.len() == 1 && findings[0].contains("15002:3: warning: undecodable"),
                "{findings:?}"
            );
        }
    }

    /// Read in blocks, whether UTF-8 Chinese follows a cell typed in GBK was weighed on the first
    /// MiB of the next line that holds more than ASCII, a line of ASCII so far taken for none:
    /// a GBK line below it had the file refused as two encodings, where one read whole is read
    /// with both cells mended. The line is weighed whole, however long.
    #[test]
    fn utf8_chinese_far_along_the_line_after_a_gbk_cell_is_weighed_in_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
        // (A0's cell of an odd number of characters is no GBK: the file is not GBK throughout.)
        let mut bytes = "项目编号,项目状态,形象进度\nA0,在建,主体施工完\nA1,在建,"
            .as_bytes()
            .to_vec();
        bytes.extend(gbk("基础施工"));
        bytes.extend_from_slice(format!("\nA2,,{}在建\nA3,在建,", " ".repeat(1 << 20)).as_bytes());
        bytes.extend(gbk("主体施工"));
        bytes.push(b'\n');
        let (_, findings) = read_alike(&path, &bytes);
        let undecodable = findings
            .iter()
            .filter(|f| f.contains("warning: undecodable"));
        assert_eq!(undecodable.count(), 2, "{findings:?}");
    }

    /// A damaged file read in blocks whose bytes change once first read through, another bad
    /// byte in them, is said to have changed, where it did: not read as damaged there.
    #[test]
    fn a_damaged_file_that_changes_while_it_is_read_in_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        let mut bytes = "项目编号,存在问题\nA0,资金".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\n");
        for i in 1..200_000 {
            bytes.extend_from_slice(format!("A{i},资金\n").as_bytes());
        }
        std::fs::write(&path, &bytes).unwrap();
        let at = bytes.len() / 2;
        let (rows, findings) = read_changed(&path, || {
            let mut changed = bytes.clone();
            changed[at] = 0xFF;
            std::fs::write(&path, &changed).unwrap();
        });
        let changed = findings
            .iter()
            .find(|f| f.contains("changed while it was read"));
        assert!(
            changed.is_some_and(|f| f.contains("were not read") && !f.contains("time of last")),
            "{findings:?}"
        );
        assert!(rows.len() > 1 && rows.len() < 200_000, "{}", rows.len());
    }

    /// A GBK file read in blocks was searched for text pasted from a UTF-8 file only up to its
    /// first line: a cell far below it was read garbled unsaid. It is searched throughout, as a
    /// file read whole is, and each such cell named at its line and column.
    #[test]
    fn utf8_text_far_down_a_gbk_file_read_in_blocks_is_named_as_in_one_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        let mut bytes = encoding_rs::GB18030
            .encode("项目编号,形象进度,存在问题\n")
            .0
            .into_owned();
        for i in 0..20_000 {
            let row = format!("A{i},主体施工,无\n");
            bytes.extend_from_slice(&encoding_rs::GB18030.encode(&row).0);
            if i == 15_000 {
                bytes.extend_from_slice("A15000b,主体施工,征地拆迁\n".as_bytes());
            }
        }
        let (_, findings) = read_alike(&path, &bytes);
        let named: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.split(" is text stored as UTF-8").next())
            .collect();
        assert_eq!(
            named,
            [
                "reports/2024-06.csv:15003:2: warning: \"涓讳綋鏂藉伐\"",
                "reports/2024-06.csv:15003:3: warning: \"寰佸湴鎷嗚縼\""
            ]
        );
    }

    #[test]
    fn no_buffer_is_kept_once_the_last_report_file_has_started_even_one_that_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        let big = dir.path().join("reports/2024-05.csv");
        let mut text = String::from("项目编号,本月完成投资\n");
        for i in 0..60_000 {
            text.push_str(&format!("P{i},{i}.5\n"));
        }
        std::fs::write(&big, &text).unwrap();
        let settings = Settings::default();
        let matcher = HeaderMatcher::new(&settings.aliases);
        let cx = Reading {
            dir: dir.path(),
            settings: &settings,
            matcher: &matcher,
            hash: true,
            spare: Spares::default(),
            reports_year: None,
        };
        cx.spare
            .unstarted
            .store(2, std::sync::atomic::Ordering::SeqCst);
        // The first file, read a block at a time, leaves its buffers for the next.
        assert!(!cx.spare.start_one());
        read_with_spares(&big, 100, || {}, &cx.spare);
        let kept = cx.spare.blocks.take().expect("kept");
        cx.spare.blocks.keep(kept);
        // The last one cannot be read: what was kept is let go of all the same.
        let rows_for = RowsFor::new(TextsFor::Latest);
        let missing = dir.path().join("reports/2024-06.csv");
        let read = read_report_file(&cx, &missing, &rows_for, false, &mut |_| {});
        assert!(read.source.is_none());
        assert!(cx.spare.blocks.take().is_none());
    }

    /// A report file's reports (as `Reports` holds them, compared by their debug text) and
    /// findings, read with a helper or alone, before the registry's ids are known or after.
    fn read_report_file_as(
        path: &Path,
        helped: bool,
        registry_first: bool,
    ) -> (String, Vec<String>) {
        let settings = Settings::default();
        let matcher = HeaderMatcher::new(&settings.aliases);
        let cx = Reading {
            dir: path.parent().and_then(Path::parent).unwrap(),
            settings: &settings,
            matcher: &matcher,
            hash: true,
            spare: Spares::default(),
            reports_year: None,
        };
        let rows_for = RowsFor::new(TextsFor::Latest);
        let registry = || {
            let mut ids = Numbered::default();
            for i in 0..5_000 {
                ids.number(&format!("P{i}"));
            }
            rows_for.set_registry(ids)
        };
        if registry_first {
            registry();
        }
        let mut results = Vec::new();
        let last = read_report_file(&cx, path, &rows_for, helped, &mut |r| results.push(r));
        results.push(last);
        let mut reports = Reports::new(registry(), TextsFor::Latest);
        let mut findings = Vec::new();
        for r in results {
            findings.extend(r.findings);
            if let Some(rows) = r.rows {
                reports.add(rows);
            }
        }
        crate::finding::sort(&mut findings);
        (
            format!("{reports:?}"),
            findings.iter().map(|f| f.to_string()).collect(),
        )
    }

    #[test]
    fn a_report_file_read_with_a_helper_gives_what_it_gives_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        let path = dir.path().join("reports/2024-06.csv");
        // Rows over several parts and many batches, with every kind of row a file may hold
        // here and there: blank, 合计 and heading rows, rows too wide and too short, values
        // that cannot be read, amounts too large to pack, ids not in the registry, a month
        // that is not the file's, and ids reported twice.
        let mut text = String::from(
            "项目编号,报告月份,本月完成投资,累计完成投资,项目状态,形象进度,存在问题\n",
        );
        for i in 0..40_000 {
            let line = match i {
                i if i % 997 == 0 => ",,,,,,".into(),
                i if i % 1499 == 0 => "合计,,100,200,,,".into(),
                i if i % 2003 == 0 => ",第二部分,,,,,".into(),
                i if i % 701 == 0 => format!("P{i},2024-06,abc,1,在建,,"),
                i if i % 809 == 0 => format!("P{i},2024-06,1,2,在建,,,多"),
                i if i % 911 == 0 => format!("P{i},2024-06,1"),
                i if i % 1201 == 0 => format!("P{i},2024-06,1,99999999{i:06}.123456,在建,,"),
                i if i % 1303 == 0 => format!("P{i},2024-07,1,2,在建,,"),
                i if i % 1601 == 0 => format!("X{i},2024-06,1,2,在建,,"),
                i => format!(
                    "P{},2024-06,1.5,{i}.25,在建,进度{i},问题{}",
                    i % 5_000,
                    i % 3
                ),
            };
            text.push_str(&line);
            text.push('\n');
        }
        std::fs::write(&path, &text).unwrap();
        for registry_first in [true, false] {
            let alone = read_report_file_as(&path, false, registry_first);
            let helped = read_report_file_as(&path, true, registry_first);
            assert!(
                alone.0.contains("99999999001201.123456"),
                "large amounts are read"
            );
            for kind in [
                "blank row",
                "合计",
                "heading row",
                "fields but the header",
                "abc",
                "2024-07",
            ] {
                assert!(
                    alone.1.iter().any(|f| f.contains(kind)),
                    "a finding about {kind}"
                );
            }
            assert_eq!(helped.1, alone.1);
            assert!(helped.0 == alone.0, "the reports differ");
        }
    }

    /// The rows and findings of a file read in blocks, `change` changing it after it was first
    /// read through.
    fn read_changed(path: &Path, change: impl FnOnce()) -> (Lines, Vec<String>) {
        let (rows, findings, _) = read_changed_with_limit(path, 10, change);
        (rows, findings)
    }

    #[test]
    fn a_file_that_changes_while_it_is_read_in_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024-06.csv");
        // Rows over three blocks; the file grows after it was first read through.
        let mut text = String::from("项目编号,本月完成投资\n");
        for i in 0..200_000 {
            text.push_str(&format!("A{i},{i}\n"));
        }
        std::fs::write(&path, &text).unwrap();
        let (rows, findings) = read_changed(&path, || {
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            std::io::Write::write_all(&mut file, b"A9,9\n").unwrap();
        });
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].contains("changed while it was read"),
            "{findings:?}"
        );
        // The rows before the change are read whole; none is cut short.
        assert!(rows.len() > 100_000, "{}", rows.len());
        for (i, (_, cells)) in rows.iter().skip(1).enumerate() {
            assert_eq!(cells, &[format!("A{i}"), i.to_string()]);
        }

        // Written again with as many bytes, its time of last change set to `modified`.
        let rewritten = |modified: std::time::SystemTime| {
            std::fs::write(&path, "项目编号,本月完成投资\nA1,9\nA2,2\n").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(modified))
                .unwrap();
        };
        // A later time of last change tells.
        std::fs::write(&path, "项目编号,本月完成投资\nA1,1\nA2,2\n").unwrap();
        let (_, findings) = read_changed(&path, || {
            rewritten(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        });
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].contains("changed while it was read"),
            "{findings:?}"
        );

        // And with its time of last change set back as it was (as `cp -p` or `tar x` leave
        // it): its status's time tells (it was read as whichever bytes the second reading met).
        std::fs::write(&path, "项目编号,本月完成投资\nA1,1\nA2,2\n").unwrap();
        let (_, findings) = read_changed(&path, || {
            let was = std::fs::metadata(&path).unwrap().modified().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
            rewritten(was)
        });
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].contains("changed while it was read (its time of last change"),
            "{findings:?}"
        );
    }

    /// A registry of many batches is read as one read row by row: projects and their id
    /// numbers in order, findings at their rows, each name held once in each set of names (one
    /// for each thread making projects at once). (2048 rows: the blank rows noted after the last batch of rows.)
    #[test]
    fn a_large_registry_is_read_as_in_one_piece() {
        for n in [5000, 2048] {
            let dir = tempfile::tempdir().unwrap();
            let mut text = "项目编号,项目名称,所属县区,总投资,年度计划投资\n".to_string();
            let (flawed, no_district, blank_after): ([usize; 3], usize, usize) =
                ([7, 1500, 4999], 1999, 1000);
            for i in 0..n {
                let plan = if flawed.contains(&i) { 200 } else { 50 };
                let district = if i == no_district {
                    String::new()
                } else {
                    format!("区{}", i % 37)
                };
                text += &format!("P{i},项目{i},{district},100,{plan}\n");
                if i == blank_after {
                    text += ",,,,\n";
                }
            }
            text += "\n\n";
            std::fs::write(dir.path().join("projects.csv"), text).unwrap();
            let data = load_for_check(dir.path(), Settings::default(), None).unwrap();
            assert_eq!(data.projects.len(), n);
            for (i, p) in data.projects.iter().enumerate() {
                assert_eq!((&*p.id, p.id_no), (format!("P{i}").as_str(), i as u32));
            }
            // Each text is held once in each set of names: one for each thread making projects
            // at once (this one and its helper).
            let mut places: BTreeMap<&str, std::collections::HashSet<*const u8>> = BTreeMap::new();
            for p in &data.projects {
                places
                    .entry(&p.district)
                    .or_default()
                    .insert(p.district.as_ptr());
            }
            assert_eq!(places.len(), 38, "37 districts and the empty one");
            assert!(places.values().all(|held| (1..=2).contains(&held.len())));
            let mut found: Vec<(u64, String)> = data
                .findings
                .iter()
                .filter(|f| f.file == "projects.csv")
                .map(|f| (f.line.unwrap_or(0), f.message.clone()))
                .collect();
            found.sort_by_key(|(line, _)| *line);
            // Row i is on line i + 2, and on i + 3 past the blank row.
            let line = |i: usize| (if i > blank_after { i + 3 } else { i + 2 }) as u64;
            let mut want: Vec<(u64, &str)> = flawed
                .iter()
                .filter(|&&i| i < n)
                .map(|&i| (line(i), "is above"))
                .collect();
            want.push((line(no_district), "is empty"));
            want.push((blank_after as u64 + 3, "skipped 1 blank row"));
            want.sort();
            assert_eq!(found.len(), want.len(), "{n}: {found:?}");
            for ((line, message), (want_line, part)) in found.iter().zip(&want) {
                assert!(
                    line == want_line && message.contains(part),
                    "{n}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn checking_and_terminal_bulletins_work_out_no_sha256() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("projects.csv"),
            "项目编号,项目名称,所属县区,总投资,年度计划投资\nA1,路网,金川区,100,50\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        std::fs::write(
            dir.path().join("reports/2024-06.csv"),
            "项目编号,累计完成投资\nA1,10\n",
        )
        .unwrap();
        let checked = load_for_check(dir.path(), Settings::default(), None).unwrap();
        let loaded = load(dir.path(), Settings::default(), None).unwrap();
        let unhashed = load_with(
            dir.path(),
            Settings::default(),
            None,
            TextsFor::Latest,
            false,
        )
        .unwrap();
        assert_eq!(checked.sources.len(), 2);
        assert!(checked.sources.iter().all(|s| s.sha256.is_none()));
        assert!(unhashed.sources.iter().all(|s| s.sha256.is_none()));
        assert_eq!(unhashed.reports.len(), loaded.reports.len());
        assert!(loaded.sources.iter().all(|s| s.sha256.is_some()));
        assert_eq!(checked.findings.len(), loaded.findings.len());
        // A file read in blocks is not hashed either.
        let mut findings = Vec::new();
        let path = dir.path().join("reports/2024-06.csv");
        let rel = "reports/2024-06.csv";
        let (input, source) = Input::read_holding(
            &path,
            rel,
            Role::Report,
            0,
            false,
            &Spares::default(),
            &mut findings,
        )
        .unwrap();
        assert!(matches!(input, Input::Streamed(_)));
        assert_eq!(source.sha256, None);
    }

    #[test]
    fn sources_record_size_and_sha256() {
        let source = |hash| {
            let path = "projects.csv";
            Source::new(path.into(), Path::new(path), b"abc", Role::Registry, hash)
        };
        let s = source(true);
        assert_eq!(s.size, 3);
        assert_eq!(
            s.sha256.as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        let unhashed = source(false);
        assert_eq!((unhashed.size, unhashed.sha256), (3, None));
    }

    #[test]
    fn month_of_a_report_path() {
        let cases = [
            ("reports/2024-06.csv", Some("2024-06")),
            ("reports/2024-06/金川区.xlsx", Some("2024-06")),
            ("reports/2024/2024年5月/金川区.csv", Some("2024-05")),
            ("reports/金川区/202403.csv", Some("2024-03")),
            ("reports/all.csv", None),
            // A year's folder and a month's name.
            ("reports/2023年/6月.csv", Some("2023-06")),
            ("reports/2023/06月份.xlsx", Some("2023-06")),
            ("reports/2023年度/十二月.csv", Some("2023-12")),
            ("reports/金川区/6月.csv", None),
            ("reports/2023年/东区6月.csv", Some("2023-06")),
            // (Not the day it was sent.)
            ("reports/2023年/东区6月5日报送.csv", None),
            // A district's folder between: the nearest folder with a year in its name, if that
            // is the year alone.
            ("reports/2023年/东区/6月.csv", Some("2023-06")),
            ("reports/2023年/东区/6月/a.csv", Some("2023-06")),
            ("reports/2023年/东区2024年结转/6月.csv", None),
            ("reports/2023年/2024年东区/6月.csv", None),
            // (A name of another month in a month's folder is for the name's month.)
            ("reports/2023年/7月/东区/6月.csv", Some("2023-06")),
            ("reports/2024-01/东区12月.csv", Some("2023-12")),
            ("6月.csv", None),
        ];
        for (path, want) in cases {
            assert_eq!(
                {
                    let (name, folder) = months_of_path(path);
                    name.or(folder).map(|m| m.to_string())
                }
                .as_deref(),
                want,
                "{path}"
            );
        }
    }

    #[test]
    fn months_a_report_path_spans() {
        let cases = [
            // Two months' figures together, by the file's name or its folder's year.
            ("reports/2024年1-2月.csv", Some(("2024-01", "2024-02"))),
            (
                "reports/2024-02/东区1-2月.csv",
                Some(("2024-01", "2024-02")),
            ),
            ("reports/2024年/1-2月.csv", Some(("2024-01", "2024-02"))),
            (
                "reports/2024年/东区1至3月.xlsx",
                Some(("2024-01", "2024-03")),
            ),
            // A file of one month, or a range of one.
            ("reports/2024-02.csv", None),
            ("reports/2024-02/东区.csv", None),
            ("reports/2024年2-2月.csv", None),
            // (In a later month's folder, sent late: the name's months, as its month is.)
            (
                "reports/2024-06/东区1-2月.csv",
                Some(("2024-01", "2024-02")),
            ),
            // Across the year's end, or written backwards: no span (累计 starts again in
            // January, so December's are of another year's).
            ("reports/2024-01/东区12-1月.csv", None),
            ("reports/2024年2-1月.csv", None),
            ("reports/2024-02/东区2-1月.csv", None),
        ];
        for (path, want) in cases {
            let spanned = months_spanned(path).map(|(a, b)| (a.to_string(), b.to_string()));
            let spanned = spanned.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
            assert_eq!(spanned, want, "{path}");
        }
    }
}
