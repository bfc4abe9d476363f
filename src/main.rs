//! The thin binary: parse the command line, run the command, map the outcome to an exit code.
//!
//! Exit codes: 0 fine, 1 the data has errors, 2 usage or I/O. A closed pipe is not an error.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use xmtool::cli::{Cli, Command};
use xmtool::cmd::{self, Outcome};
use xmtool::par::MOST_THREADS;

fn main() -> ExitCode {
    hand_back_freed_blocks();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // (Completions, the manual and a new folder read no data: the variable is not theirs.)
    let reads_data = !matches!(
        cli.command,
        Command::Completions(_) | Command::Man | Command::Init(_)
    );
    match threads_asked(cli.threads) {
        Ok(Some(n)) => xmtool::par::use_threads(n),
        Ok(None) => {}
        Err(_) if !reads_data => {}
        Err(why) => {
            eprintln!("xmtool: {why}");
            return ExitCode::from(2);
        }
    }
    xmtool::output::clean_up_on_interrupt();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Check(args) => cmd::check::run(&cli.dir, args, &mut out),
        Command::Report(args) => cmd::report::run(&cli.dir, args, &mut out),
        Command::Export(args) => cmd::export::run(&cli.dir, args),
        Command::Template(args) => cmd::template::run(&cli.dir, args),
        Command::Trend(args) => cmd::trend::run(&cli.dir, args, &mut out),
        Command::Show(args) => cmd::show::run(&cli.dir, args, &mut out),
        Command::Init(args) => cmd::init::run(args),
        Command::Completions(args) => cmd::meta::completions(args.shell, &mut out),
        Command::Man => cmd::meta::man(&mut out),
    }
    .and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xmtool: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// glibc's malloc serves large blocks from the system (mmap) and hands them back when freed, but
/// each time one is freed it raises that threshold (up to 32 MiB): from the first report file on,
/// the next files' buffers and rows (megabytes each, made on one thread and freed on another) come
/// from the heap instead, and stay in the process when freed. At 100,000 projects that was a
/// quarter of the peak memory. A fixed threshold keeps large blocks apart, and returned. (An
/// operator's own MALLOC_MMAP_THRESHOLD_ is left to rule.)
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn hand_back_freed_blocks() {
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_some() {
        return;
    }
    // SAFETY: mallopt only sets a parameter of glibc's malloc (under its own lock), and no other
    // thread is running yet.
    let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024) };
    debug_assert_eq!(set, 1, "mallopt(M_MMAP_THRESHOLD) refused");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn hand_back_freed_blocks() {}

/// The threads asked for: by `--threads`, else by `XMTOOL_THREADS` (unset or empty: none asked).
fn threads_asked(flag: Option<u16>) -> Result<Option<usize>, String> {
    if let Some(n) = flag {
        return Ok(Some(n.into()));
    }
    let Some(value) = std::env::var_os(THREADS_VAR) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim() {
        "" => Ok(None),
        n => match n.parse::<u16>() {
            Ok(n) if (1..=MOST_THREADS).contains(&n) => Ok(Some(n.into())),
            _ => Err(format!(
                "{THREADS_VAR}={text:?} is not a number of threads (expected 1 to {MOST_THREADS}, \
                 or unset for one per core)"
            )),
        },
    }
}

/// The environment variable that says how many threads to use when `--threads` does not.
const THREADS_VAR: &str = "XMTOOL_THREADS";

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
