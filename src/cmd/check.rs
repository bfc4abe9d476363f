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
    let settings = Settings::load(dir)?;
    let data = load::load_for_check(dir, settings)?;
    let findings = crate::check::all(&data);
    let summary = render::findings::Summary::of(&data, &findings);
    match args.format {
        CheckFormat::Text => render::findings::text(out, &findings, &summary)?,
        CheckFormat::Table => render::findings::table(out, &findings, &summary)?,
        CheckFormat::Json => render::findings::json(out, &findings, &summary)?,
    }
    let tally = Tally::of(&findings);
    let failed = tally.errors > 0 || (args.strict && tally.warnings > 0);
    super::leave(data);
    Ok(if failed {
        Outcome::DataErrors
    } else {
        Outcome::Clean
    })
}
