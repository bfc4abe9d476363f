//! The thin binary: parse the command line, run the command, map the outcome to an exit code.
//!
//! Exit codes: 0 fine, 1 the data has errors, 2 usage or I/O. A closed pipe is not an error.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use xmtool::cli::{Cli, Command};
use xmtool::cmd::{self, Outcome};
use xmtool::load::helper;
use xmtool::par::{hand_back_freed_blocks, threads_asked};

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == helper::SUBCOMMAND)
    {
        return match helper::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(2),
        };
    }
    hand_back_freed_blocks();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let printed = e.print();
            return match printed {
                _ if e.use_stderr() => ExitCode::from(2),
                // --help and --version: like any output, a reader gone is no failure, a full
                // disk is.
                Err(why) if why.kind() != io::ErrorKind::BrokenPipe => {
                    xmtool::say!("xmtool: cannot write to standard output: {why}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
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
            xmtool::say!("xmtool: {why}");
            return ExitCode::from(2);
        }
    }
    if let Ok(program) = std::env::current_exe() {
        helper::use_helpers(program);
    }
    xmtool::output::clean_up_on_interrupt();
    xmtool::output::fail_writes_past_size_limit();
    say_when_no_thread_starts();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(StandardOutput(stdout.lock()));
    // (A thread that cannot be started panics in the standard library: what was begun is
    // undone as the panic unwinds, temporary files removed, and the run ends as a failed one.)
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &cli.command {
        Command::Check(args) => cmd::check::run(&cli.dir, args, &mut out),
        Command::Report(args) => cmd::report::run(&cli.dir, args, &mut out),
        Command::Export(args) => cmd::export::run(&cli.dir, args),
        Command::Template(args) => cmd::template::run(&cli.dir, args),
        Command::Trend(args) => cmd::trend::run(&cli.dir, args, &mut out),
        Command::Show(args) => cmd::show::run(&cli.dir, args, &mut out),
        Command::Init(args) => cmd::init::run(&cli.dir, args),
        Command::Completions(args) => cmd::meta::completions(args.shell, &mut out),
        Command::Man => cmd::meta::man(&mut out),
    }));
    let result = match run {
        Ok(result) => result,
        Err(_) if NO_THREAD.load(std::sync::atomic::Ordering::SeqCst) => return ExitCode::from(2),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let result = result.and_then(|outcome| match out.flush() {
        // (The outcome stands: `check | head` of a folder with errors still exits 1.)
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(outcome),
        flushed => flushed.map(|()| outcome).map_err(Into::into),
    });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(e) if cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            xmtool::say!("xmtool: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether a thread could not be started.
static NO_THREAD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says, once and plainly, that a thread could not be started (the system's limit on a user's
/// processes and threads, `ulimit -u` or a container's, reached), in place of the standard
/// library's panic; any other panic is said as before.
fn say_when_no_thread_starts() {
    let said = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = (payload.downcast_ref::<String>().map(String::as_str))
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if !message.starts_with("failed to spawn thread") {
            return said(info);
        }
        if !NO_THREAD.swap(true, std::sync::atomic::Ordering::SeqCst) {
            xmtool::say!(
                "xmtool: cannot start a thread: the system's limit on this user's processes and \
                 threads (ulimit -u, or a container's) is reached, and it stopped; run it \
                 again when fewer are running"
            );
        }
    }));
}

/// Standard output, whose failed writes say that it was standard output that failed (a full disk
/// under `xmtool report > bulletin.txt`).
struct StandardOutput<W>(W);

impl<W: io::Write> StandardOutput<W> {
    fn said(e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }
}

impl<W: io::Write> io::Write for StandardOutput<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Self::said)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Self::said)
    }
}
