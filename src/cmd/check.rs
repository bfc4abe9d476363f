//! `xmtool check`: load the data folder, run every check, print every finding.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::cli::{CheckArgs, CheckFormat};
use crate::finding::Tally;
use crate::load;
use crate::render;
use crate::settings::Settings;

pub fn run(dir: &Path, args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // (Any month form `report --month` or `--period` takes, a range of months among them
    // (2024年1-6月, or 1-5月, no period): judged at its end.)
    let asked = match &args.month {
        Some(text) => match crate::load::value::range_months(text) {
            Some((first, last)) if first <= last => Some(last),
            // (A range running backwards is refused as `report --period` refuses it.)
            _ => Some(
                crate::compute::Period::parse(text)
                    .map_err(|e| anyhow::anyhow!("--month {e}"))?
                    .end,
            ),
        },
        None => None,
    };
    let settings = match Settings::load(dir) {
        Ok(settings) => settings,
        // (A script reading the findings as JSON gets the settings' as findings too; the run
        // still fails as a broken xmtool.toml does, exit 2.)
        Err(e) => {
            if args.format == CheckFormat::Json
                && let Some(problems) = e.downcast_ref::<crate::settings::Problems>()
            {
                let findings = problems.findings();
                let summary = render::findings::Summary::of_settings(&findings);
                let_go_if_unread(render::findings::json(out, &findings, &summary))?;
            }
            return Err(e);
        }
    };
    let mut data = load::load_for_check(dir, settings, asked)?;
    // (As `report` refuses it: a month of a year with no projects is judged by no plan. Of a
    // registry of no projects, once its findings are known: one that could not be read, or
    // none at all, is an error of the data, listed.)
    if let Some(m) = asked
        && !data.projects.is_empty()
    {
        super::planned_year(&data, m.year(), &m)?;
    }
    let findings = crate::check::take_all(&mut data);
    let tally = Tally::of(&findings);
    if let Some(m) = asked
        && data.projects.is_empty()
        && tally.errors == 0
    {
        super::planned_year(&data, m.year(), &m)?;
    }
    let summary = render::findings::Summary::of(&data, &findings);
    let failed = tally.errors > 0 || (args.strict && tally.warnings > 0);
    let written = match args.format {
        CheckFormat::Text => render::findings::text(out, &findings, &summary),
        CheckFormat::Table => render::findings::table(out, &findings, &summary),
        CheckFormat::Json => render::findings::json(out, &findings, &summary),
    };
    let_go_if_unread(written)?;
    super::leave(data);
    Ok(if failed {
        Outcome::DataErrors
    } else {
        Outcome::Clean
    })
}

/// A write of the findings, let go when they have no reader left (`check | head`): the verdict
/// stands, as a batch job must not take a folder with errors for a clean one.
fn let_go_if_unread(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}
