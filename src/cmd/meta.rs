//! `xmtool completions` and `xmtool man`: generated from the clap definition, so they never
//! drift from the real flags.

use std::io::Write;

use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, Shell};

pub fn completions(shell: Shell, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
    };
    // Made whole first: `generate` panics when its output cannot be written (a full disk, a
    // reader gone), and this way a failed write is an error like any other output's.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "xmtool", &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Clean)
}

/// The manual: xmtool(1), then a page for each subcommand (xmtool-check(1) …), one after
/// another in one roff document, so `xmtool man > xmtool.1 && man ./xmtool.1` shows them all.
pub fn man(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // (`xmtool help` has no page of its own, so the list of subcommands leaves it out.)
    let mut cmd = Cli::command().disable_help_subcommand(true);
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    // Built, each subcommand holds the global options (--dir, --threads) its synopsis lists.
    cmd.build();
    for sub in cmd.get_subcommands() {
        // Titled xmtool-trend(1), as git-commit(1) is; its synopsis is the command as typed.
        let page = sub
            .clone()
            .display_name(format!("xmtool-{}", sub.get_name()))
            .bin_name(format!("xmtool {}", sub.get_name()));
        let source = format!("xmtool {}", env!("CARGO_PKG_VERSION"));
        clap_mangen::Man::new(page).source(source).render(out)?;
    }
    Ok(Outcome::Clean)
}
