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
    let terminal = io::IsTerminal::is_terminal(&stdout);
    let mut out = io::BufWriter::new(StandardOutput::new(stdout.lock(), terminal));
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
        Err(_) if NO_THREAD.load(std::sync::atomic::Ordering::SeqCst) => {
            // (What is held for standard output is let go, not written: a bulletin cut short.)
            drop(out.into_parts());
            return ExitCode::from(2);
        }
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
        // (The system's word, from the standard library's `Os { …, message: "…" }`.)
        let why = message
            .split_once("message: \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or("", |(why, _)| why);
        if !NO_THREAD.swap(true, std::sync::atomic::Ordering::SeqCst) {
            xmtool::say!(
                "xmtool: cannot start a thread ({why}): the system's limit on this user's \
                 processes and threads (ulimit -u, or a container's), or its memory, is reached, \
                 and it stopped; run it again when fewer are running"
            );
        }
    }));
}

/// Standard output, whose failed writes say that it was standard output that failed (a full disk
/// under `xmtool report > bulletin.txt`). On a terminal, control characters are written as
/// escapes (`\u001b`, as JSON writes them): CSV and JSON give the data's text exactly, and an
/// escape sequence in a name would otherwise set the terminal's title or clipboard, or clear
/// it. (Tables and markdown show them as escapes already; a pipe or a file gets every byte.)
struct StandardOutput<W> {
    out: W,
    terminal: bool,
    /// The first byte of a two-byte character a write ended in, which may be a control's
    /// (U+0080 to U+009F: C2 80 to C2 9F).
    held: bool,
}

impl<W: io::Write> StandardOutput<W> {
    fn new(out: W, terminal: bool) -> Self {
        StandardOutput {
            out,
            terminal,
            held: false,
        }
    }

    fn said(e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }

    /// Writes `buf` with its control characters, but for tabs and line ends, as escapes.
    fn visible(&mut self, buf: &[u8]) -> io::Result<()> {
        let control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F;
        let second = |b: u8| (0x80..0xA0).contains(&b);
        let mut start = 0;
        if std::mem::take(&mut self.held) {
            match buf.first() {
                Some(&b) if second(b) => {
                    write!(self.out, "\\u{:04x}", b)?;
                    start = 1;
                }
                _ => self.out.write_all(&[0xC2])?,
            }
        }
        let mut i = start;
        while i < buf.len() {
            let b = buf[i];
            let escaped = if control(b) {
                Some((b, 1))
            } else if b == 0xC2 && i + 1 == buf.len() {
                self.out.write_all(&buf[start..i])?;
                self.held = true;
                return Ok(());
            } else if b == 0xC2 && second(buf[i + 1]) {
                Some((buf[i + 1], 2))
            } else {
                None
            };
            match escaped {
                Some((code, len)) => {
                    self.out.write_all(&buf[start..i])?;
                    write!(self.out, "\\u{code:04x}")?;
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        self.out.write_all(&buf[start..])
    }
}

impl<W: io::Write> io::Write for StandardOutput<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.terminal {
            return self.out.write(buf).map_err(Self::said);
        }
        self.visible(buf).map_err(Self::said)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.held) {
            self.out.write_all(&[0xC2]).map_err(Self::said)?;
        }
        self.out.flush().map_err(Self::said)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::StandardOutput;

    /// What a terminal is given of `parts`, written one after another.
    fn shown(parts: &[&[u8]]) -> String {
        let mut out = StandardOutput::new(Vec::new(), true);
        for part in parts {
            out.write_all(part).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(out.out).unwrap()
    }

    #[test]
    fn a_terminal_is_given_control_characters_as_escapes() {
        // OSC 52 (sets the clipboard), BEL, and U+009B (CSI in one character), in a CSV cell.
        let name = "A1,\u{1b}]52;c;aGk=\u{7}甲\u{9b}2J区\u{7f}\t,\"多\n行\"\r\n";
        let want = "A1,\\u001b]52;c;aGk=\\u0007甲\\u009b2J区\\u007f\t,\"多\n行\"\r\n";
        assert_eq!(shown(&[name.as_bytes()]), want);
        // A two-byte character cut between writes, a control or not (é is C3 A9; U+0085 is
        // C2 85, and ¢ C2 A2).
        let bytes = name.as_bytes();
        let cut = name.find('\u{9b}').unwrap() + 1;
        assert_eq!(shown(&[&bytes[..cut], &bytes[cut..]]), want);
        assert_eq!(shown(&[b"x\xC2", b"\x85y"]), "x\\u0085y");
        assert_eq!(shown(&[b"x\xC2", b"\xA2y"]), "x¢y");
        assert_eq!(shown(&[b"x\xC2", b"\xA2"]), "x¢");
        // A pipe or a file gets every byte.
        let mut piped = StandardOutput::new(Vec::new(), false);
        piped.write_all(name.as_bytes()).unwrap();
        assert_eq!(piped.out, name.as_bytes());
    }
}
