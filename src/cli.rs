//! The command line, as clap reads it. Each subcommand's arguments are a struct that its module
//! in `cmd` takes; doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compute::GroupBy;
use crate::render::format::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "xmtool",
    version,
    about = "重点项目月通报: check a folder of project registry and monthly reports, and rank districts",
    long_about = None,
    after_help = "Run `xmtool check` in a data folder (projects.csv + reports/) to see what is wrong with it."
)]
pub struct Cli {
    /// The data folder: projects.csv (or registry/), reports/, optional xmtool.toml.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    #[command(subcommand)]
    pub command: Command,
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
    /// reported, problems, structure.
    #[command(after_help = "\
Examples:
  xmtool report --month 2024-06                 the bulletin for June, ranked by district
  xmtool report                                 the latest month with reports
  xmtool report --month 2024-06 --by category   ranked by project category
  xmtool report --period 2024-Q2                the second quarter (figures at June)
  xmtool report --month 2024-06 --format json   for scripts
  xmtool report --month 2024-06 --format csv --table projects -o projects.csv
  xmtool report --month 2024-06 -o bulletin.md  markdown, from the extension
  xmtool report --month 2024-06 --lang en       English labels")]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the findings: `text` (file:line:column: lines), `table`, or `json`.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report month: 2024-06 (also 2024/6, 2024年6月, 202406). Default: the latest month
    /// with reports.
    #[arg(long, value_name = "MONTH", conflicts_with = "period")]
    pub month: Option<String>,

    /// A quarter, half-year or year instead of a month: 2024-Q2, 2024-H1, 2024. Figures are at
    /// its last month, plus what was completed within it.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,

    /// What the ranking groups by.
    #[arg(long, value_enum, default_value_t = GroupBy::District)]
    pub by: GroupBy,

    /// Output format. Default: from the extension of --output, else `table`.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// The one table `--format csv` writes: overview, ranking, projects, red, overdue, idle,
    /// not_reported, problems, structure.
    #[arg(long, value_name = "TABLE", default_value = "ranking")]
    pub table: String,

    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the --output file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Language of labels (JSON keys are always English).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Print the bulletin even when the data has errors (figures may then be wrong).
    #[arg(long)]
    pub allow_errors: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
}
