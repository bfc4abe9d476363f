//! Guards against damaged or hostile workbooks: a panic in the workbook reader caught, silently,
//! and claims a file makes that would have calamine take far more memory than the file's size
//! accounts for (an .xlsx's count of shared strings, an .xls's sheet dimensions and cells), found
//! before it reads them, or counted into the helper process's memory limit (`laid_out_bytes`).

use std::io::Cursor;

thread_local! {
    /// Set while this thread reads a workbook, whose reader may panic on a damaged file.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once, a panic hook that stays silent for a panic caught while reading a workbook
/// and reports every other panic as the default hook does.
fn quiet_panics_in_workbooks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info);
            }
        }));
    });
}

/// Runs `f`, which reads a workbook's bytes with code that may panic on damaged ones: `None` if
/// it did, and silently (no message on standard error).
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_panics_in_workbooks();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// The number of strings an .xlsx file's shared strings table claims, where that is more than
/// the file could hold: calamine makes room for the claimed number before reading any (24 bytes
/// each), and a claim of billions would abort the process. Every string takes at least a byte of
/// the file, compressed.
pub(super) fn strings_claimed_beyond_reason(bytes: &[u8]) -> Option<u64> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(|name| name.to_string())
        .collect();
    for part in parts {
        let Ok(entry) = zip.by_name(&part) else {
            continue;
        };
        match unique_count_in(entry) {
            Some(n) if n > bytes.len() as u64 => return Some(n),
            _ => {}
        }
    }
    None
}

/// The `uniqueCount` of a shared strings part's `sst` element, as calamine reads it: the first
/// start (or empty) tag named `sst` (with a namespace prefix or without), past any declarations,
/// comments, CDATA, other elements and text, its attribute named exactly `uniqueCount` (either
/// quote, spaces around `=`), if that is a number. The part is read a block at a time, and
/// only the `sst` tag is held (up to 64 KB: a longer one, which no sound workbook has, is left
/// to the helper's memory limit).
fn unique_count_in(mut part: impl std::io::Read) -> Option<u64> {
    let mut scan = SstScan::default();
    let mut block = vec![0; 8 * 1024];
    loop {
        let n = match part.read(&mut block) {
            Ok(0) | Err(_) => return None,
            Ok(n) => n,
        };
        for &b in &block[..n] {
            match scan.step(b) {
                Step::On => {}
                Step::Found(count) => return count,
                Step::Stop => return None,
            }
        }
    }
}

/// Where a look through XML for the `sst` element's start tag stands (`unique_count_in`).
#[derive(Default)]
enum SstScan {
    /// Between tags.
    #[default]
    Text,
    /// Just past a `<`.
    Open,
    /// Past `<!` and these bytes, not yet telling a comment, CDATA or a declaration.
    Bang(Vec<u8>),
    /// In a comment, past this many `-` in a row.
    Comment(usize),
    /// In CDATA, past this many `]` in a row.
    CData(usize),
    /// In a declaration (`<!DOCTYPE …>`), this many `<` deep.
    Declaration(usize),
    /// In a processing instruction, just past a `?` or not.
    Instruction(bool),
    /// In an element's name so far (`None` past 64 bytes: not `sst`).
    Name(Option<Vec<u8>>),
    /// In a tag past its name, until its `>`: the `sst` tag's attributes are kept.
    Tag {
        attributes: Option<Vec<u8>>,
        quote: Option<u8>,
    },
}

/// What a byte brought a `SstScan` to.
enum Step {
    On,
    Found(Option<u64>),
    Stop,
}

impl SstScan {
    const MOST_TAG: usize = 64 * 1024;

    fn step(&mut self, b: u8) -> Step {
        let next = match std::mem::take(self) {
            SstScan::Text => match b {
                b'<' => SstScan::Open,
                _ => SstScan::Text,
            },
            SstScan::Open => match b {
                b'!' => SstScan::Bang(Vec::new()),
                b'?' => SstScan::Instruction(false),
                // An end tag: passed over as a tag that is not `sst`.
                b'/' => SstScan::Tag {
                    attributes: None,
                    quote: None,
                },
                _ => return self.name(Some(Vec::new()), b),
            },
            SstScan::Bang(mut seen) => {
                seen.push(b);
                if seen == b"--" {
                    SstScan::Comment(0)
                } else if seen == b"[CDATA[" {
                    SstScan::CData(0)
                } else if b"--".starts_with(&seen) || b"[CDATA[".starts_with(&seen) {
                    SstScan::Bang(seen)
                } else {
                    // A declaration: the bytes seen are read as part of it.
                    *self = SstScan::Declaration(1);
                    for &c in &seen {
                        match self.step(c) {
                            Step::On => {}
                            other => return other,
                        }
                    }
                    return Step::On;
                }
            }
            SstScan::Comment(dashes) => match b {
                b'>' if dashes >= 2 => SstScan::Text,
                b'-' => SstScan::Comment(dashes + 1),
                _ => SstScan::Comment(0),
            },
            SstScan::CData(brackets) => match b {
                b'>' if brackets >= 2 => SstScan::Text,
                b']' => SstScan::CData(brackets + 1),
                _ => SstScan::CData(0),
            },
            SstScan::Declaration(depth) => match b {
                b'<' => SstScan::Declaration(depth + 1),
                b'>' if depth == 1 => SstScan::Text,
                b'>' => SstScan::Declaration(depth - 1),
                _ => SstScan::Declaration(depth),
            },
            SstScan::Instruction(question) => match b {
                b'>' if question => SstScan::Text,
                _ => SstScan::Instruction(b == b'?'),
            },
            SstScan::Name(name) => return self.name(name, b),
            SstScan::Tag { attributes, quote } => {
                if quote.is_none() && b == b'>' {
                    match attributes {
                        Some(attributes) => {
                            return Step::Found(attribute(&attributes, "uniqueCount"));
                        }
                        None => SstScan::Text,
                    }
                } else {
                    // A `>` inside quotes is a value's, not the tag's end.
                    let quote = match quote {
                        None if b == b'"' || b == b'\'' => Some(b),
                        Some(q) if q == b => None,
                        other => other,
                    };
                    let attributes = match attributes {
                        Some(kept) if kept.len() >= SstScan::MOST_TAG => return Step::Stop,
                        Some(mut kept) => {
                            kept.push(b);
                            Some(kept)
                        }
                        None => None,
                    };
                    SstScan::Tag { attributes, quote }
                }
            }
        };
        *self = next;
        Step::On
    }

    /// A byte of an element's name (`name`, where it is still kept), or the one after it.
    fn name(&mut self, name: Option<Vec<u8>>, b: u8) -> Step {
        if !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
            *self = SstScan::Name(name.and_then(|mut name| {
                name.push(b);
                (name.len() <= 64).then_some(name)
            }));
            return Step::On;
        }
        // Its local name: what follows a namespace prefix.
        let sst = name.is_some_and(|name| name.rsplit(|&c| c == b':').next() == Some(b"sst"));
        *self = SstScan::Tag {
            attributes: sst.then(Vec::new),
            quote: None,
        };
        // The byte after the name is the tag's own: a `>` ends it.
        self.step(b)
    }
}

/// The value of the attribute named exactly `name` in a start tag's attributes, read as a
/// count, if it is one; `None` too for attributes that are not well formed before it.
fn attribute(attributes: &[u8], name: &str) -> Option<u64> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let skip_spaces = |s: &[u8]| -> usize { s.iter().take_while(|b| is_space(b)).count() };
    let mut rest = attributes;
    loop {
        rest = &rest[skip_spaces(rest)..];
        let end = rest.iter().position(|b| *b == b'=' || is_space(b))?;
        let (key, after) = rest.split_at(end);
        let after = &after[skip_spaces(after)..];
        let after = after.strip_prefix(b"=")?;
        let after = &after[skip_spaces(after)..];
        let (&quote, after) = after.split_first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let close = memchr::memchr(quote, after)?;
        if key == name.as_bytes() {
            return std::str::from_utf8(&after[..close]).ok()?.parse().ok();
        }
        rest = &after[close + 1..];
    }
}

/// The cells of a whole .xls sheet: 65,536 rows by 256 columns (A to IV).
const XLS_CELLS: u64 = 65_536 * 256;

/// How many cells calamine would lay out for an old .xls file's sheets, where that is more than
/// a whole .xls sheet holds. calamine reads every sheet of an .xls at once, each as a grid from
/// its first value to its last, after making room for the cells its DIMENSIONS record claims; a
/// damaged file claiming cells far apart (columns go to 65,535 in the records, not just 255)
/// would have it ask for terabytes. (The helper process would stop it, but this names why.)
pub(super) fn xls_cells_beyond_reason(bytes: &[u8]) -> Option<u64> {
    let (claimed, spanned) = xls_cells(bytes)?;
    [claimed, spanned].into_iter().find(|&n| n > XLS_CELLS)
}

/// The memory calamine takes for a workbook beyond what its size accounts for: for an .xls,
/// the grids it lays its sheets out in (cells of 32 bytes, held twice over, and formulas) and
/// the room it makes for what DIMENSIONS claims; none for other workbooks (read cell by cell, or
/// capped by calamine).
pub fn laid_out_bytes(bytes: &[u8]) -> u64 {
    match quietly(|| xls_cells(bytes)).flatten() {
        Some((claimed, spanned)) if claimed <= XLS_CELLS && spanned <= XLS_CELLS => {
            40 * claimed + 100 * spanned
        }
        _ => 0,
    }
}

/// For an .xls file, the most cells any sheet's DIMENSIONS record claims, and the cells of all
/// its sheets' grids together, found by walking the records as calamine walks them (the
/// container read with the cfb crate); counting stops past a whole .xls sheet.
fn xls_cells(bytes: &[u8]) -> Option<(u64, u64)> {
    use std::io::Read;
    if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return None;
    }
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = Vec::new();
    let mut opened = ["/Workbook", "/Book"]
        .iter()
        .find_map(|name| file.open_stream(name).ok())?;
    opened.read_to_end(&mut stream).ok()?;
    let mut sheets = Vec::new();
    for (typ, data) in xls_records(&stream) {
        match typ {
            // BoundSheet8: where a sheet's records start.
            0x0085 if data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    // Each sheet is walked from where it starts to its end; a damaged file's sheets may all
    // start at one place, or overlap: each place is walked once, and no more than twice the
    // stream in all (the helper process's time limit covers what is left).
    sheets.sort_unstable();
    sheets.dedup();
    let (mut most_claimed, mut laid_out, mut walked) = (0u64, 0u64, 0usize);
    for start in sheets {
        let Some(records) = stream.get(start..) else {
            continue;
        };
        let (claimed, spanned, read) = xls_sheet_cells(records);
        walked += read;
        most_claimed = most_claimed.max(claimed);
        laid_out = laid_out.saturating_add(spanned);
        if most_claimed > XLS_CELLS || laid_out > XLS_CELLS || walked > 2 * stream.len() {
            break;
        }
    }
    Some((most_claimed, laid_out))
}

/// A sheet's records as calamine reads them: the cells its DIMENSIONS record claims, the cells
/// of the grids from its first value to its last (values and formulas apart), records of an
/// embedded chart or the like left out, and the bytes of records read.
fn xls_sheet_cells(records: &[u8]) -> (u64, u64, usize) {
    #[derive(Default)]
    struct Span(Option<(u16, u16, u16, u16)>);
    impl Span {
        fn take(&mut self, row: u16, col: u16) {
            let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, col, col));
            self.0 = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
        }
        fn cells(&self) -> u64 {
            self.0.map_or(0, |(r0, r1, c0, c1)| {
                (u64::from(r1) - u64::from(r0) + 1) * (u64::from(c1) - u64::from(c0) + 1)
            })
        }
    }
    let (mut values, mut formulas) = (Span::default(), Span::default());
    let mut claimed = 0u64;
    let (mut began, mut nested, mut read) = (false, 0usize, 0usize);
    for (typ, data) in xls_records(records) {
        read += 4 + data.len();
        if nested > 0 {
            match typ {
                0x0809 => nested += 1,
                0x000A => nested -= 1,
                _ => {}
            }
            continue;
        }
        let at = |offset: usize| u16_at(data, offset);
        match typ {
            0x0809 if began => nested += 1,
            0x0809 => began = true,
            0x000A => break,
            0x0200 => claimed = claimed.max(xls_dimensions_claim(data)),
            // Number, Label, RString, BoolErr, Rk, LabelSst.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                values.take(at(0), at(2));
            }
            // MulRk: a row's values from one column to another.
            0x00BD if data.len() >= 6 => {
                values.take(at(0), at(2));
                values.take(at(0), at(data.len() - 2));
            }
            0x0006 if data.len() >= 4 => {
                values.take(at(0), at(2));
                formulas.take(at(0), at(2));
            }
            _ => {}
        }
    }
    let spanned = values.cells().saturating_add(formulas.cells());
    (claimed, spanned, read)
}

/// The cells calamine makes room for on reading a DIMENSIONS record (its arithmetic on 32 bits
/// wraps, as it does in a release build).
fn xls_dimensions_claim(r: &[u8]) -> u64 {
    let (first_row, rows_end, mut first_col, cols_end) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)),
            u32::from(u16_at(r, 2)),
            u32::from(u16_at(r, 4)),
            u32::from(u16_at(r, 6)),
        ),
        14 | 16 => (
            u32_at(r, 0),
            u32_at(r, 4),
            u32::from(u16_at(r, 8)),
            u32::from(u16_at(r, 10)),
        ),
        _ => return 0,
    };
    if first_col > 0xFF || cols_end < first_col {
        first_col = 0;
    }
    if rows_end == 0 || cols_end == 0 {
        return 1;
    }
    let rows = (rows_end - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (cols_end - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

/// An .xls stream's records, (type, data), as calamine splits them, until one runs past the end.
fn xls_records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest.get(..4)?, 0);
        let len = usize::from(u16_at(rest, 2));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unique_count_is_read_as_calamine_reads_it() {
        let sst = |head: &str| unique_count_in(head.as_bytes());
        let xml = r#"<?xml version="1.0"?><sst xmlns="http://x" count="9" uniqueCount="5">"#;
        assert_eq!(sst(xml), Some(5));
        assert_eq!(sst("<x:sst\n uniqueCount = '12'><si>"), Some(12));
        assert_eq!(
            sst(r#"<sst uniqueCount="10000000000">"#),
            Some(10_000_000_000)
        );
        // No count, a count that is not a number, or none on the sst element: nothing claimed.
        assert_eq!(sst(r#"<sst count="5">"#), None);
        assert_eq!(sst(r#"<sst uniqueCount="5x">"#), None);
        assert_eq!(sst(r#"<sst uniqueCount="99999999999999999999999">"#), None);
        assert_eq!(sst(r#"<sstx uniqueCount="5">"#), None);
        assert_eq!(sst(r#"<sst><si uniqueCount="5">"#), None);
        assert_eq!(sst(r#"<sst x:uniqueCount="5">"#), None);
        // The first sst element, past comments, CDATA, instructions, declarations and other
        // elements that name one; a `>` inside a value is not the tag's end.
        let claim = Some(10_000_000_000);
        for xml in [
            r#"<!-- <sst > --><sst uniqueCount="10000000000">"#,
            r#"<!-- see x:sst table --><sst uniqueCount="10000000000">"#,
            r#"<sst a="x>y" uniqueCount="10000000000">"#,
            r#"<sst a='"' uniqueCount="10000000000">"#,
            r#"<?pi <sst uniqueCount="1">?><![CDATA[<sst uniqueCount="1">]]><sst uniqueCount="10000000000">"#,
            r#"<!DOCTYPE sst [<!ELEMENT sst ANY>]><x:sst uniqueCount="10000000000"/>"#,
            r#"<other uniqueCount="1">text</other><sst uniqueCount="10000000000" count="1"/>"#,
            r#"<!--->--><sst uniqueCount="10000000000">"#,
        ] {
            assert_eq!(sst(xml), claim, "{xml}");
        }
    }

    #[test]
    fn the_unique_count_is_found_after_any_amount_of_prolog_in_any_blocks() {
        /// A reader giving at most `step` bytes at a time.
        struct Trickle<'a>(&'a [u8], usize);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let comment = format!("<!-- {} -->", "注释 ".repeat(30_000));
        let tag = r#"<x:sst xmlns:x="http://x" count="9"
            uniqueCount = "4000000000"><x:si><x:t>a</x:t></x:si></x:sst>"#;
        let xml = format!(r#"<?xml version="1.0"?>{comment}{tag}"#);
        for step in [1, 3, 7, 8 * 1024, 1 << 20] {
            let read = unique_count_in(Trickle(xml.as_bytes(), step));
            assert_eq!(read, Some(4_000_000_000), "{step}");
        }
        // No sst element, one without a count, or a start tag too long to be sound: nothing
        // claimed.
        let without = r#"<?xml version="1.0"?><sst count="2"><si/></sst>"#;
        let long = format!(r#"<sst {} uniqueCount="4000000000">"#, " ".repeat(100_000));
        for xml in [comment.as_str(), without, long.as_str(), ""] {
            assert_eq!(unique_count_in(Trickle(xml.as_bytes(), 1000)), None);
        }
    }

    #[test]
    fn an_xls_dimensions_claim_is_worked_out_as_calamine_does() {
        let biff8 = |rows: (u32, u32), cols: (u16, u16)| {
            let mut r = rows.0.to_le_bytes().to_vec();
            r.extend(rows.1.to_le_bytes());
            r.extend(cols.0.to_le_bytes());
            r.extend(cols.1.to_le_bytes());
            r.extend([0, 0]);
            xls_dimensions_claim(&r)
        };
        // Last row and column are one past the end.
        assert_eq!(biff8((0, 10), (0, 5)), 50);
        assert_eq!(biff8((3, 10), (1, 5)), 28);
        // An empty sheet, or a first column past IV (read as A).
        assert_eq!(biff8((0, 0), (0, 0)), 1);
        assert_eq!(biff8((0, 10), (300, 400)), 4000);
        // A first row past the last wraps round, as calamine's arithmetic does.
        assert_eq!(biff8((20, 10), (0, 1)), (1 << 32) - 10);
        let biff5: Vec<u8> = [0u16, 4, 0, 3, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        assert_eq!(xls_dimensions_claim(&biff5), 12);
        assert_eq!(xls_dimensions_claim(&[0; 7]), 0);
    }
}
