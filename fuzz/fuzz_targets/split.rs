//! Any text split into records as the csv crate reads it, for each delimiter xmtool sniffs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::split::{Record, Splitter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for delimiter in [b',', b';', b'\t'] {
        let mut splitter = Splitter::new(text, delimiter);
        let mut record = Record::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(data);
        let mut expected = csv::StringRecord::new();
        loop {
            let read = reader.read_record(&mut expected).unwrap();
            assert_eq!(splitter.read(&mut record).is_some(), read, "{text:?}");
            if !read {
                break;
            }
            let fields: Vec<&str> = (0..record.len()).filter_map(|i| record.get(i)).collect();
            assert_eq!(fields, expected.iter().collect::<Vec<_>>(), "{text:?}");
        }
    }
});
