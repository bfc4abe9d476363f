//! Any bytes looked at and decoded a block at a time read as the whole does: the same encoding
//! and text, or the same bad bytes named at the same place.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::load::decode::{decode, name_of, utf32};
use xmtool::load::stream::{Sniffer, TextDecoder};

fuzz_target!(|data: &[u8]| {
    // The first byte sets the blocks' size.
    let Some((&size, bytes)) = data.split_first() else {
        return;
    };
    let size = usize::from(size % 16) + 1;
    let mut sniffer = Sniffer::new();
    bytes.chunks(size).for_each(|b| sniffer.feed(b));
    // (UTF-32 is refused by the first bytes before anything is weighed, as `scan` does.)
    let found = match utf32(&bytes[..bytes.len().min(8)]) {
        Some(refused) => Err(refused),
        None => sniffer.finish().0,
    };
    let streamed = found.map(|found| {
        let mut decoder = TextDecoder::new(found);
        let mut text = String::new();
        for block in bytes.chunks(size) {
            decoder.decode(block, &mut text, false).unwrap();
        }
        decoder.decode(&[], &mut text, true).unwrap();
        (text, name_of(found.encoding()))
    });
    let whole = decode(bytes).map(|d| (d.text.into_owned(), d.encoding));
    assert_eq!(streamed, whole, "{bytes:?} by {size}");
});
