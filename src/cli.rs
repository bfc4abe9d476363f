//! The command line, as clap reads it. Each subcommand's arguments are a struct that its module
//! in `cmd` takes; doc comments here are the `--help` text.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compute::GroupBy;
use crate::model::{FIRST_YEAR, LAST_YEAR};
use crate::render::format::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "xmtool",
    version,
    about = "重点项目月通报: check a folder of project registry and monthly reports, and rank districts",
    long_about = None,
    after_help = "\
Run `xmtool check` in a data folder (projects.csv + reports/) to see what is wrong with it.

Exit status, of every command: 0 done (warnings are fine, unless --strict); 1 the data has
errors (check lists them; report, export and trend stop unless --allow-errors);
2 the command could not run (a bad flag, no data folder, a broken xmtool.toml, an output that
exists or cannot be written, a month of a year the registry has no projects for, a project not
in it); 130 interrupted (Ctrl-C or SIGTERM), with no output left half-written. A month of no
reports is reported, every project 未报送, with a warning."
)]
pub struct Cli {
    /// The data folder: projects.csv (or registry/), reports/, optional xmtool.toml.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// How many threads share the work, 1 to 256 [default: XMTOOL_THREADS if set, else one per
    /// core]. 1 runs everything on one thread; with more, the thread reading the registry may
    /// run beside them for a while. The output is the same whatever the number.
    #[arg(
        long,
        global = true,
        value_name = "N",
        value_parser = threads
    )]
    pub threads: Option<u16>,

    #[command(subcommand)]
    pub command: Command,
}

/// `--threads N`, said as the help says it (clap's range check says `1..=256`).
fn threads(text: &str) -> Result<u16, String> {
    let most = crate::par::MOST_THREADS;
    text.trim()
        .parse()
        .ok()
        .filter(|n| (1..=most).contains(n))
        .ok_or_else(|| format!("expected a number of threads from 1 to {most}"))
}

/// `init --year`: a year from 1990 to 2100, as a folder may name one (`2025`, `2025年`).
fn plan_year(text: &str) -> Result<i32, String> {
    crate::load::value::bare_year(text)
        .ok_or_else(|| format!("expected a year from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2025"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every file in the data folder and list every problem, with file, line and column.
    #[command(after_help = "\
Examples:
  xmtool check                      check the current folder
  xmtool check --dir data/2024      check another folder
  xmtool check --format json        findings as JSON, for scripts
  xmtool check --strict             exit 1 on warnings too

Exit codes: 0 no errors, 1 the data has errors (or warnings with --strict), 2 usage or I/O.")]
    Check(CheckArgs),

    /// Print the monthly bulletin (月通报): overview, ranking, red and overdue projects, not
    /// reported, problems, structure; or write it as a printable HTML page with charts.
    #[command(after_help = "\
Examples:
  xmtool report --month 2024-06                 the bulletin for June, ranked by district
  xmtool report                                 the latest month with reports
  xmtool report --month 2024-06 --by category   ranked by project category
  xmtool report --period 2024-Q2                the second quarter (figures at June)
  xmtool report --month 2024-06 --format json   for scripts
  xmtool report --month 2024-06 --format csv --table projects -o out/项目明细.csv
  xmtool report --month 2024-06 -o bulletin.md  markdown, from the extension
  xmtool report --month 2024-06 -o bulletin.html  a printable page with charts
  xmtool report --month 2024-06 --lang en       English labels")]
    Report(ReportArgs),

    /// Write every table of the bulletin as CSV files and one .xlsx workbook, for Excel and WPS.
    #[command(after_help = "\
Examples:
  xmtool export --month 2024-06 --out out/2024-06
  xmtool export --month 2024-06 --out out/2024-06 --encoding gbk   for software that wants GBK
  xmtool export --period 2024-H1 --out out/2024-H1 --by district,category

Writes overview.csv, ranking-<grouping>.csv, progress-<grouping>.csv, projects.csv, red.csv,
overdue.csv, idle.csv, not_reported.csv, problems.csv, structure.csv, about.csv and
xmtool-<period>.xlsx.")]
    Export(ExportArgs),

    /// Write blank monthly reports, one per district, pre-filled with each project's id, name,
    /// last year-to-date figure and status, for departments to fill in and send back.
    #[command(after_help = "\
Examples:
  xmtool template --month 2024-07 --out out          writes out/2024-07/<district>.csv
  xmtool template --month 2024-07 --out out --format xlsx

Filled in and copied into reports/2024-07/, they pass `xmtool check`.")]
    Template(TemplateArgs),

    /// Completion rate per month against the time target, per group.
    #[command(after_help = "\
Examples:
  xmtool trend                                   January to the latest month, by district
  xmtool trend --from 2024-03 --to 2024-06 --by category
  xmtool trend --format csv -o trend.csv")]
    Trend(TrendArgs),

    /// One project's card and its month-by-month history, with its light each month.
    #[command(after_help = "\
Examples:
  xmtool show JC2024-042
  xmtool show JC2024-042 --format json")]
    Show(ShowArgs),

    /// Make a new data folder: an annotated xmtool.toml, an empty registry with the recognised
    /// headers, reports/, and a blank monthly report to copy.
    #[command(after_help = "\
Examples:
  xmtool init 2025重点项目 --year 2025
  cd 2025重点项目 && xmtool check
  xmtool init                         make the current folder a data folder")]
    Init(InitArgs),

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  xmtool completions bash > /etc/bash_completion.d/xmtool
  xmtool completions zsh > ~/.zfunc/_xmtool
  xmtool completions fish > ~/.config/fish/completions/xmtool.fish
  xmtool completions powershell >> $PROFILE")]
    Completions(CompletionsArgs),

    /// Print the manual page (roff).
    #[command(after_help = "\
Examples:
  xmtool man > xmtool.1 && man ./xmtool.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the findings: `text` (file:line:column: lines), `table`, or `json`.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub strict: bool,

    /// Judge the folder as `report --month MONTH` does: where nothing else gives the plan year
    /// (no 计划年度, no `year` in xmtool.toml), it is MONTH's, not the latest report's. A period
    /// (2024-Q2, as `report --period` takes it) or a range of months (2024年1-5月) is judged at
    /// its last month. Errors in reports of later months still count here (exit 1), though
    /// `report --month` only warns of them.
    #[arg(long, value_name = "MONTH")]
    pub month: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub when: PeriodArgs,

    /// What the ranking groups by.
    #[arg(long, value_enum, default_value_t = GroupBy::District)]
    pub by: GroupBy,

    /// Output format. Default: from the extension of --output (another extension needs
    /// --format), else `table`.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// The one table `--format csv` writes: overview, ranking (the default), progress, projects,
    /// red, overdue, idle, not_reported, problems, structure. Only with CSV: the other formats write
    /// every table.
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,

    #[command(flatten)]
    pub dest: OutputArgs,

    /// Language of labels (JSON keys are always English).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Print the bulletin even when the data has errors (figures may then be wrong). Errors in
    /// reports of months after the one asked for never stop it: they are counted in a warning.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// One self-contained page with charts, for screens and A4 paper.
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub when: PeriodArgs,

    /// The folder to write into (made if missing). Must not be inside reports/ or registry/.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,

    /// Groupings to write a ranking for (repeat or comma-separate). Default: every grouping
    /// the registry fills in.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub by: Vec<GroupBy>,

    /// Encoding of the CSV files: UTF-8 with a byte-order mark, or GBK for old software.
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,

    /// Overwrite files that already exist in the output folder.
    #[arg(long)]
    pub force: bool,

    /// Language of headers and labels.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Export even when the data has errors (figures may then be wrong). Errors in reports of
    /// months after the one asked for never stop it: they are counted in a warning.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    Utf8,
    Gbk,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The month the blank reports are for.
    #[arg(long, value_name = "MONTH")]
    pub month: String,

    /// The folder to write into: one file per district under OUT/MONTH/. Existing files are kept
    /// unless --force.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,

    /// File format of the blank reports.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Csv)]
    pub format: TemplateFormat,

    /// Overwrite files of the same names under OUT/MONTH/ (a report filled in there is lost).
    /// Files under the data folder's reports/ are inputs and are never overwritten.
    #[arg(long)]
    pub force: bool,

    /// Taken for a script passing it to every command: templates are made whatever the data's
    /// errors, with a warning.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// First month (default: January of the plan year).
    #[arg(long, value_name = "MONTH")]
    pub from: Option<String>,

    /// Last month (default: the latest month with reports).
    #[arg(long, value_name = "MONTH")]
    pub to: Option<String>,

    /// What the rows group by.
    #[arg(long, value_enum, default_value_t = GroupBy::District)]
    pub by: GroupBy,

    /// Output format. Default: from the extension of --output (another extension needs
    /// --format), else `table`.
    #[arg(long, value_enum)]
    pub format: Option<TrendFormat>,

    #[command(flatten)]
    pub dest: OutputArgs,

    /// Language of labels.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Go on even when the data has errors.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The project's id (项目编号).
    pub id: String,

    #[command(flatten)]
    pub dest: OutputArgs,

    /// The last month of the history (default: the latest month with reports).
    #[arg(long, value_name = "MONTH")]
    pub month: Option<String>,

    /// Output format. Default: from the extension of --output (another extension needs
    /// --format), else `table`.
    #[arg(long, value_enum)]
    pub format: Option<TrendFormat>,

    /// Language of labels.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Taken for a script passing it to every command: a project's page is shown whatever the
    /// data's errors, with a warning.
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make (it may exist, but none of the files init writes may) [default: --dir's
    /// folder, else the current one].
    pub folder: Option<PathBuf>,

    /// The plan year written into xmtool.toml (default: the current calendar year).
    #[arg(long, value_parser = plan_year)]
    pub year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

// Where a command writes: standard output, or a file (flattened into the commands that write one).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file (atomically) instead of standard output (`-` is standard output);
    /// folders missing above it are made.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

impl OutputArgs {
    /// The file to write, `None` for standard output (no `--output`, or `-o -`, as scripts
    /// write it).
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| *p != Path::new("-"))
    }
}

// Which month or period a bulletin is for (flattened into the commands that take one).
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// The report month: 2024-06 (also 2024/6, 2024年6月, 202406). Default: the latest month
    /// with reports.
    #[arg(long, value_name = "MONTH", conflicts_with = "period")]
    pub month: Option<String>,

    /// A quarter, half-year or year instead of a month: 2024-Q2, 2024-H1, 2024 (also
    /// 2024年第二季度, 2024年二季度, 2024年Q2, 2024年上半年, 2024年H1, 2024年度, 2024年1-6月; each
    /// with its year: Q2 or 二季度 alone is refused). Figures are at its last month, plus what was
    /// completed within it.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
}
