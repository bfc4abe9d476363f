//! Time each phase of a bulletin on a data folder — load, check, compute, JSON — for finding
//! where the time goes before optimising (see benches/compare.sh for the whole-command figures).
//! Each phase's wall time is followed by the CPU time the process spent in it and the pages it
//! touched first (on Linux), so that a phase leaving a core idle shows. The process is set up
//! as the binary's is (glibc's mmap threshold held, `XMTOOL_THREADS` threads). Run it with:
//!
//! ```sh
//! cargo run --release --example phases -- DIR [MONTH]
//! ```

use std::time::Instant;

use xmtool::compute::{self, GroupBy, Period};
use xmtool::render::format::Lang;

/// A phase's start: wall clock, and the process's CPU time and page faults.
struct Timer(Instant, Option<(f64, i64)>);

impl Timer {
    fn start() -> Timer {
        Timer(Instant::now(), cpu_and_faults())
    }

    /// "0.123 s wall  0.234 s CPU  1234 page faults"
    fn lap(&self) -> String {
        let wall = self.0.elapsed().as_secs_f64();
        match (self.1, cpu_and_faults()) {
            (Some((cpu, faults)), Some((cpu_now, faults_now))) => format!(
                "{wall:>8.3} s wall {:>8.3} s CPU {:>8} page faults",
                cpu_now - cpu,
                faults_now - faults
            ),
            _ => format!("{wall:>8.3} s wall"),
        }
    }
}

/// User and system CPU time of the whole process so far, and its page faults (minor ones: a
/// page the process touches for the first time, mostly).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn cpu_and_faults() -> Option<(f64, i64)> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the struct it is given, and says whether it did.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } != 0 {
        return None;
    }
    // SAFETY: filled, as it returned 0.
    let usage = unsafe { usage.assume_init() };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some((secs(usage.ru_utime) + secs(usage.ru_stime), usage.ru_minflt))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn cpu_and_faults() -> Option<(f64, i64)> {
    None
}

fn main() -> anyhow::Result<()> {
    // As the binary sets its process up: malloc's threshold, and the threads asked for.
    xmtool::par::hand_back_freed_blocks();
    if let Some(n) = xmtool::par::threads_asked(None).map_err(anyhow::Error::msg)? {
        xmtool::par::use_threads(n);
    }
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: phases DIR [MONTH]"))?,
    );
    let month = args.next().unwrap_or_else(|| "2024-12".into());
    let period = Period::parse(&month).map_err(anyhow::Error::msg)?;

    let t = Timer::start();
    let settings = xmtool::settings::Settings::load(&dir)?;
    let data = xmtool::load::load(&dir, settings, Some(period.end))?;
    eprintln!(
        "load      {}  ({} report rows)",
        t.lap(),
        data.reports.len()
    );

    let t = Timer::start();
    let findings = xmtool::check::run(&data);
    eprintln!("check     {}  ({} findings)", t.lap(), findings.len());

    let t = Timer::start();
    let bulletin = compute::bulletin(&data, period, GroupBy::District);
    eprintln!("bulletin  {}", t.lap());

    let t = Timer::start();
    // Counted, not held: the command streams it to its output.
    let mut out = Counted(0);
    xmtool::render::json::write(&mut out, &bulletin, &data, Lang::Zh)?;
    eprintln!("json      {}  ({} bytes)", t.lap(), out.0);

    let t = Timer::start();
    drop((bulletin, findings));
    drop(data);
    eprintln!("drop      {}", t.lap());
    Ok(())
}

/// Output that is only counted.
struct Counted(u64);

impl std::io::Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
