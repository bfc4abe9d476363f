//! Any bytes as a CSV file: findings or rows, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::grid::{Asked, FileKind, read};

fuzz_target!(|data: &[u8]| {
    let mut findings = Vec::new();
    let _ = read(
        "reports/2024-06.csv",
        data,
        FileKind::Delimited,
        Asked::default(),
        &mut findings,
    );
});
