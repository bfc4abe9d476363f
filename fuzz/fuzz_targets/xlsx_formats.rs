//! Workbooks as Excel writes them, with any number format and any numbers in it: read with no
//! finding that the workbook is damaged. xmtool shows the numbers of some formats (a percent,
//! a code padded with zeros) with its own code, which runs inside the guard that turns a panic
//! in the workbook reader into that finding; so a panic there shows as one. (`xlsx_loader`
//! feeds any bytes, which seldom get past the zip.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_xlsxwriter::{Format, Workbook};
use xmtool::load::grid::{Asked, FileKind, read};

fuzz_target!(|data: &[u8]| {
    // A format code up to the first zero byte, then numbers of 8 bytes each.
    let (code, numbers) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let Ok(code) = std::str::from_utf8(code) else {
        return;
    };
    let format = Format::new().set_num_format(code);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut written = 0;
    for (row, number) in (0u32..).zip(numbers.chunks_exact(8).take(64)) {
        let n = f64::from_le_bytes(number.try_into().expect("8 bytes"));
        if sheet.write_number_with_format(row, 0, n, &format).is_err()
            || sheet.write_string(row, 1, "XM").is_err()
        {
            return;
        }
        written += 1;
    }
    if written == 0 {
        return;
    }
    let Ok(bytes) = book.save_to_buffer() else {
        return;
    };
    let mut findings = Vec::new();
    let rows = read(
        "2024-06.xlsx",
        &bytes,
        FileKind::Workbook,
        Asked::default(),
        &mut findings,
    );
    let damaged: Vec<_> = findings
        .iter()
        .filter(|f| f.message.contains("damaged"))
        .map(|f| &f.message)
        .collect();
    assert!(damaged.is_empty(), "format {code:?}: {damaged:?}");
    assert!(rows.is_some(), "format {code:?}: {findings:?}");
});
