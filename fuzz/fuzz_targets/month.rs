//! Month parsing, in cells and in file names: never a panic, and a month read back from its
//! text is the same month.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::value::{month_in_name, parse_month};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(Some(m)) = parse_month(text) {
            assert_eq!(parse_month(&m.to_string()), Ok(Some(m)));
        }
        let _ = month_in_name(text);
    }
});
