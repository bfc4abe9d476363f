//! Any text split into records as the csv crate reads it, for each delimiter xmtool sniffs, and
//! each record's line counted as an editor counts it, and its fields' lines in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::split::{Delimiter, Record, Splitter};

/// The 1-based line of the record the csv crate places at `offset`: line ends there are
/// stepped over, then `\r` ends a line and `\n` does unless a `\r` is just before.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let mut start = offset;
    if start == 0 && bytes.starts_with("\u{feff}".as_bytes()) {
        start = 3;
    }
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    let ends = (0..start).filter(|&i| match bytes[i] {
        b'\r' => true,
        b'\n' => i == 0 || bytes[i - 1] != b'\r',
        _ => false,
    });
    1 + ends.count() as u64
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for delimiter in Delimiter::ALL {
        let mut splitter = Splitter::new(text, delimiter);
        let mut record = Record::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter.byte())
            .from_reader(data);
        let mut expected = csv::StringRecord::new();
        loop {
            let read = reader.read_record(&mut expected).unwrap();
            let line = splitter.read(&mut record);
            assert_eq!(line.is_some(), read, "{text:?}");
            let Some(line) = line else {
                break;
            };
            let at = expected.position().map_or(0, |p| p.byte() as usize);
            assert_eq!(line, line_at(data, at), "{text:?}");
            let fields: Vec<&str> = (0..record.len()).map(|i| record.get(i).unwrap()).collect();
            assert_eq!(fields, expected.iter().collect::<Vec<_>>(), "{text:?}");
            // Each field starts on the record's line or after, in order, and the last line is
            // the one its line ends take it to.
            let starts: Vec<u64> = (0..=record.len()).map(|i| record.lines_before(i)).collect();
            assert_eq!(starts[0], 0, "{text:?}");
            assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{text:?}");
            assert_eq!(starts[record.len()], record.more_lines(), "{text:?}");
        }
    }
});
