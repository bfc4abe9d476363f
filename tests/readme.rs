//! The README's console examples are what the binary prints: every line shown under a
//! `$ xmtool …` command that only reads (check, report, trend, show) is a line of its output, in
//! the order shown. A line `…` stands for lines left out; a table row ending `| …` for cells left
//! out at its end. Table rows are compared cell by cell, so an excerpt may drop the padding.

use std::process::Command;

/// The commands whose examples are run: those that write nothing.
const READING: [&str; 4] = ["check", "report", "trend", "show"];

struct Example {
    line: usize,
    args: Vec<String>,
    shown: Vec<String>,
}

/// The README's console blocks' `$ xmtool` commands that only read, each with the lines shown
/// under it.
fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let (mut in_console, mut current) = (false, None::<Example>);
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line == "```console";
            examples.extend(current.take());
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            examples.extend(current.take());
            let args: Vec<String> = command.split_whitespace().map(str::to_string).collect();
            if args.first().map(String::as_str) == Some("xmtool")
                && READING.contains(&args.get(1).map_or("", String::as_str))
            {
                current = Some(Example {
                    line: i + 1,
                    args: args[1..].to_vec(),
                    shown: Vec::new(),
                });
            }
        } else if let Some(example) = &mut current {
            example.shown.push(line.to_string());
        }
    }
    examples
}

/// A table row's cells, trimmed; `None` for a line that is no table row.
fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim_end().strip_prefix('|')?;
    Some(inner.split('|').map(str::trim).collect())
}

/// Whether `printed` is the line `shown` in the README.
fn same(shown: &str, printed: &str) -> bool {
    match (cells(shown), cells(printed)) {
        (Some(mut shown), Some(printed)) => {
            // `| a | b | …`: the cells before the ellipsis, the rest left out.
            if shown.last() == Some(&"…") {
                shown.pop();
                printed.len() >= shown.len() && printed[..shown.len()] == shown[..]
            } else {
                // The split leaves an empty cell after the closing `|`.
                shown == printed
            }
        }
        _ => shown.trim_end() == printed.trim_end(),
    }
}

#[test]
fn the_readmes_console_examples_are_what_xmtool_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let examples = examples(&readme);
    // check, report, trend and show are all shown.
    assert!(examples.len() >= 4, "{} examples", examples.len());
    for example in examples {
        let output = Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(&example.args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .env_remove("XMTOOL_THREADS")
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let printed: Vec<&str> = printed.lines().collect();
        let mut at = 0;
        for shown in example.shown.iter().filter(|l| l.trim() != "…") {
            match printed[at..].iter().position(|p| same(shown, p)) {
                Some(found) => at += found + 1,
                None => panic!(
                    "README.md:{}: `xmtool {}` does not print, after what matched before it:\n{shown}\n\n\
                     it printed:\n{}",
                    example.line,
                    example.args.join(" "),
                    printed.join("\n")
                ),
            }
        }
    }
}

#[test]
fn an_excerpts_row_may_leave_out_padding_and_its_last_cells() {
    assert!(same("| a | b | …", "| a   |  b | c |"));
    assert!(same("| a | b |", "| a   |  b |"));
    assert!(!same("| a | b |", "| a   |  b | c |"));
    assert!(!same("| a | x | …", "| a | b | c |"));
    assert!(same("总体情况", "总体情况  "));
    assert!(!same("总体情况", "| 总体情况 |"));
}
