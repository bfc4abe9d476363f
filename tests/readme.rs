//! The README's console examples are what the binary prints: the lines shown under a
//! `$ xmtool …` command that only reads (check, report, trend, show) are its output, line for
//! line, where a line `…` stands for lines left out and a table row ending `| …` for cells left
//! out at its end (rows are compared cell by cell, so an excerpt may drop the padding); and a
//! `$ echo $?` after it shows its exit code.

use std::process::Command;

/// The commands whose examples are run: those that write nothing.
const READING: [&str; 4] = ["check", "report", "trend", "show"];

struct Example {
    line: usize,
    args: Vec<String>,
    shown: Vec<String>,
    /// The exit code shown by a `$ echo $?` after it.
    code: Option<i32>,
}

/// The README's console blocks' `$ xmtool` commands that only read, each with the lines shown
/// under it.
fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let (mut in_console, mut current) = (false, None::<Example>);
    // Whether the line is the exit code of the example before (after `$ echo $?`).
    let mut code_next = false;
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
            let ran = current.take();
            code_next = command == "echo $?" && ran.is_some();
            examples.extend(ran);
            let args: Vec<String> = command.split_whitespace().map(str::to_string).collect();
            if args.first().map(String::as_str) == Some("xmtool")
                && args.iter().any(|a| READING.contains(&a.as_str()))
            {
                current = Some(Example {
                    line: i + 1,
                    args: args[1..].to_vec(),
                    shown: Vec::new(),
                    code: None,
                });
            }
        } else if let Some(example) = &mut current {
            example.shown.push(line.to_string());
        } else if std::mem::take(&mut code_next)
            && let Some(example) = examples.last_mut()
        {
            example.code = Some(line.trim().parse().expect("an exit code after `$ echo $?`"));
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
        let command = format!(
            "README.md:{}: `xmtool {}`",
            example.line,
            example.args.join(" ")
        );
        // Each line shown is the next printed, or any later one after a `…`.
        let (mut at, mut gap) = (0, false);
        for shown in &example.shown {
            if shown.trim() == "…" {
                gap = true;
                continue;
            }
            let found = match gap {
                true => printed[at..].iter().position(|p| same(shown, p)),
                false => printed.get(at).filter(|p| same(shown, p)).map(|_| 0),
            };
            match found {
                Some(found) => (at, gap) = (at + found + 1, false),
                None => panic!(
                    "{command} does not print, {}:\n{shown}\n\nit printed:\n{}",
                    match gap {
                        true => "after what matched before it",
                        false => "next (a `…` line stands for lines left out)",
                    },
                    printed.join("\n")
                ),
            }
        }
        if let Some(code) = example.code {
            assert_eq!(output.status.code(), Some(code), "{command}: exit code");
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
