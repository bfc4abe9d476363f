//! Time each phase of a bulletin on a data folder — load, check, compute, JSON — for finding
//! where the time goes before optimising (see benches/compare.sh for the whole-command figures):
//!
//! ```sh
//! cargo run --release --example phases -- DIR [MONTH]
//! ```

use std::time::Instant;

use xmtool::compute::{self, GroupBy, Period};
use xmtool::render::format::Lang;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: phases DIR [MONTH]"))?,
    );
    let month = args.next().unwrap_or_else(|| "2024-12".into());
    let period = Period::parse(&month).map_err(anyhow::Error::msg)?;

    let t = Instant::now();
    let settings = xmtool::settings::Settings::load(&dir)?;
    let data = xmtool::load::load(&dir, settings, Some(period.end))?;
    eprintln!(
        "load      {:>8.3} s  ({} report rows)",
        t.elapsed().as_secs_f64(),
        data.reports.len()
    );

    let t = Instant::now();
    let findings = xmtool::check::run(&data);
    eprintln!(
        "check     {:>8.3} s  ({} findings)",
        t.elapsed().as_secs_f64(),
        findings.len()
    );

    let t = Instant::now();
    let bulletin = compute::bulletin(&data, period, GroupBy::District);
    eprintln!("bulletin  {:>8.3} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    // Counted, not held: the command streams it to its output.
    let mut out = Counted(0);
    xmtool::render::json::write(&mut out, &bulletin, &data, Lang::Zh)?;
    eprintln!(
        "json      {:>8.3} s  ({} bytes)",
        t.elapsed().as_secs_f64(),
        out.0
    );

    let t = Instant::now();
    drop((bulletin, findings));
    drop(data);
    eprintln!("drop      {:>8.3} s", t.elapsed().as_secs_f64());
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
