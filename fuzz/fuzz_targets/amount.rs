//! Amount parsing: never a panic, and an amount read back from its plain text is equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::value::parse_amount;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(Some(amount)) = parse_amount(text)
    {
        assert_eq!(parse_amount(&amount.to_string()), Ok(Some(amount)));
    }
});
