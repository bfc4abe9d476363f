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
    clap_complete::generate(shell, &mut cmd, "xmtool", out);
    Ok(Outcome::Clean)
}

pub fn man(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Outcome::Clean)
}
