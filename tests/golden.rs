//! Golden tests: whole outputs compared to expected files.
//!
//! Each folder under tests/golden/ is a case: its data folder (`data/`, or the path in a file
//! named `dir`, relative to the case), and a file `commands` with one `name: arguments` line per
//! command. The output of `xmtool ARGUMENTS --dir DATA` (stdout, then stderr and the exit code)
//! must equal `NAME.out`. Run with `XMTOOL_BLESS=1` to rewrite the expected files on purpose, and
//! review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/golden")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("commands").is_file())
        .collect();
    cases.sort();
    cases
}

fn run(case: &Path, args: &str) -> String {
    // Run in the case's folder with a relative --dir, so that paths in outputs (the provenance
    // of HTML and workbooks) are the same on every machine.
    let data = match std::fs::read_to_string(case.join("dir")) {
        Ok(rel) => rel.trim().to_string(),
        Err(_) => "data".to_string(),
    };
    let output = Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .current_dir(case)
        .args(args.split_whitespace())
        .arg("--dir")
        .arg(&data)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("run xmtool");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.is_empty() {
        text.push_str("--- stderr ---\n");
        text.push_str(&stderr);
    }
    text.push_str(&format!(
        "--- exit {} ---\n",
        output.status.code().unwrap_or(-1)
    ));
    text
}

#[test]
fn golden_outputs() {
    let bless = std::env::var_os("XMTOOL_BLESS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases() {
        let commands = std::fs::read_to_string(case.join("commands")).expect("commands");
        for line in commands
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (name, args) = line.split_once(':').expect("name: arguments");
            let expected_path = case.join(format!("{}.out", name.trim()));
            let actual = run(&case, args);
            count += 1;
            if bless {
                std::fs::write(&expected_path, &actual).expect("write expected output");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != actual {
                let first_diff = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()));
                failures.push(format!(
                    "{}: `xmtool{args}` differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}",
                    case.file_name().unwrap().to_string_lossy(),
                    expected_path.display(),
                    first_diff + 1,
                    expected.lines().nth(first_diff).unwrap_or("<end>"),
                    actual.lines().nth(first_diff).unwrap_or("<end>"),
                ));
            }
        }
    }
    assert!(count > 0, "no golden cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} golden outputs differ (XMTOOL_BLESS=1 cargo test --test golden rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
