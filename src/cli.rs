//! The command line, as clap reads it. Each subcommand's arguments are a struct that its module
//! in `cmd` takes; doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
