//! Any bytes as a workbook: findings or rows, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::grid::{Asked, FileKind, read};

fuzz_target!(|data: &[u8]| {
    let mut findings = Vec::new();
    let _ = read(
        "projects.xlsx",
        data,
        FileKind::Workbook,
        Asked::default(),
        &mut findings,
    );
});
