//! Delimited text split into records, by the csv crate's reading rules, straight from the
//! decoded text.
//!
//! The text is already decoded, and so known to be UTF-8; the csv reader would copy each
//! record out as bytes and check it again (about a tenth of a large report's reading). Here
//! each field is taken as a slice of the text. The rules are csv_core's with xmtool's settings:
//! a field may be quoted with `"`, a quote inside is doubled, text after a closing quote joins
//! the field, and `\r`, `\n` or `\r\n` ends a record, blank lines being no records. A test holds
//! this splitter to the csv crate on any text.

use std::borrow::Cow;
use std::collections::VecDeque;

use super::decode::Damaged;

/// One record's fields, kept in one buffer: each field ends where `ends` says, and the next
/// starts one byte later (past a delimiter, in most records copied whole from the text).
#[derive(Clone, Debug, Default)]
pub struct Record {
    text: String,
    ends: Vec<usize>,
    /// Line ends inside quoted fields: how many lines the record runs over past its first.
    more_lines: u64,
    /// The 0-based index of a field whose opening quote is never closed: it ran to the end of
    /// the text.
    unclosed: Option<usize>,
    /// The 0-based index of the first field with text after its closing quote (`"a,b"c`), which
    /// no spreadsheet writes: a quote typed where none was meant.
    after_quote: Option<usize>,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The field at a 0-based index.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        self.text.get(start..end)
    }

    /// Whether a quote made the record run over a line end, or to the end of the text.
    #[inline]
    pub fn runs_over(&self) -> bool {
        self.more_lines != 0 || self.unclosed.is_some()
    }

    /// How many lines the record runs over past its first (line ends inside quoted fields).
    pub fn more_lines(&self) -> u64 {
        self.more_lines
    }

    /// The 0-based index of a field whose opening quote is never closed (it ran to the end of
    /// the text, taking in every line after it), if there is one.
    pub fn unclosed(&self) -> Option<usize> {
        self.unclosed
    }

    /// The 0-based index of the first field with text after its closing quote, if there is one.
    pub fn after_quote(&self) -> Option<usize> {
        self.after_quote
    }

    /// How many lines past the record's first the field at a 0-based index starts on: the line
    /// ends in the quoted fields before it. Past the last field, the record's last line.
    pub fn lines_before(&self, i: usize) -> u64 {
        if !self.runs_over() || i >= self.ends.len() {
            return if i == 0 { 0 } else { self.more_lines };
        }
        let start = match i.checked_sub(1) {
            Some(before) => self.ends[before] + 1,
            None => 0,
        };
        // (Fields are kept apart by a separator, so that a `\r` ending one and a `\n` starting
        // the next are two line ends, as they were in the file.)
        line_ends(self.text.get(..start).unwrap_or(&self.text))
    }

    /// `lines_before` of each field in turn, then of the place past the last for ever: counted
    /// in one pass over the record, where asking field by field would count from its start each
    /// time.
    pub fn each_lines_before(&self) -> impl Iterator<Item = u64> + '_ {
        let runs_over = self.runs_over();
        let mut start = 0;
        let mut lines = 0;
        let fields = self.ends.iter().map(move |&end| {
            let here = lines;
            if runs_over {
                // The field and the separator after it (see `lines_before`).
                let through = (end + 1).min(self.text.len());
                lines += line_ends(self.text.get(start..through).unwrap_or_default());
                start = through;
            }
            here
        });
        fields.chain(std::iter::repeat(self.more_lines))
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.more_lines = 0;
        self.unclosed = None;
        self.after_quote = None;
    }

    /// Ends the field being copied, and starts the next past a separator.
    fn end_field(&mut self) {
        self.ends.push(self.text.len());
        self.text.push(',');
    }
}

/// Where text comes from a block at a time.
pub trait Blocks {
    /// Appends the next block of text to `text`.
    fn more(&mut self, text: &mut String) -> Block;

    /// Moves the places of bytes read as `�` in the text added so far (`decode::Damaged`) to
    /// `into`, in order: all of them once the text has ended.
    fn damaged(&mut self, _into: &mut VecDeque<Damaged>) {}
}

/// What asking for more text came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// A block was added.
    More,
    /// The text has ended.
    End,
    /// The text cannot be read on: what was added, if anything, is to be let go, and so is a
    /// record cut by it.
    Broken,
}

impl<F: FnMut(&mut String) -> Block> Blocks for F {
    fn more(&mut self, text: &mut String) -> Block {
        self(text)
    }
}

/// What separates a delimited file's cells: one of the three spreadsheets write (`sniff` picks
/// one). No other byte could be one: it could fall inside a character, or be a quote or a line
/// end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    /// Every delimiter.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    /// Every delimiter's byte, in `ALL`'s order.
    pub const ALL_BYTES: [u8; 3] = [
        Delimiter::ALL[0].byte(),
        Delimiter::ALL[1].byte(),
        Delimiter::ALL[2].byte(),
    ];

    /// The byte it is.
    pub const fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// The delimiter of delimited text, judged on its first records: a tab for Excel's
    /// "Unicode text", a semicolon where a locale uses the decimal comma, else a comma. Each is
    /// counted outside quoted cells. The delimiter is one the header holds, the first record
    /// one of them splits into two cells or more with something in them (not a title padded
    /// with them, `标题,,,,`): not the commas of free text in a tab-separated file's rows or
    /// notes, nor the semicolons of a 存在问题 list, which no header has. Of those, it is the one
    /// most often there (tabs win ties with semicolons, commas any other). A first line `sep=;`
    /// (Excel's line naming the delimiter, which it reads and some systems write) says it.
    pub fn sniff(text: &str) -> Delimiter {
        Delimiter::sniff_bytes(text.as_bytes())
    }

    /// `sniff` of bytes not yet decoded (a file's first line, to tell where a bad byte is).
    pub fn sniff_bytes(bytes: &[u8]) -> Delimiter {
        if let Some(named) = Delimiter::named(bytes) {
            return named;
        }
        let records = first_records(bytes);
        // (A title padded with delimiters, `标题,,,,`, in whatever a system wrote, says none.)
        let header = (records.iter()).find(|r| (0..3).any(|k| r.counts[k] > 0 && r.filled[k] > 1));
        // (In `Delimiter::ALL`'s order; one the header lacks counts for nothing.)
        let [commas, semicolons, tabs] = [0, 1, 2].map(|k| match header {
            Some(header) if header.counts[k] == 0 => 0,
            _ => records.iter().map(|r| r.counts[k]).sum::<usize>(),
        });
        if tabs > commas && tabs >= semicolons {
            Delimiter::Tab
        } else if semicolons > commas {
            Delimiter::Semicolon
        } else {
            Delimiter::Comma
        }
    }

    /// The delimiter a first line `sep=;` names (`sep=,`, `sep=\t` with a tab; `SEP=;` too).
    fn named(bytes: &[u8]) -> Option<Delimiter> {
        let line = bytes.split(|&b| matches!(b, b'\n' | b'\r')).next()?;
        match line {
            [s, e, p, b'=', d] if [s, e, p].map(|b| b.to_ascii_lowercase()) == *b"sep" => {
                Delimiter::ALL.into_iter().find(|k| k.byte() == *d)
            }
            _ => None,
        }
    }
}

/// How many records `Delimiter::sniff` looks at (those not blank).
const SNIFFED: usize = 10;

/// Whether the first bytes of text that comes a block at a time are enough to judge its
/// delimiter on as `Delimiter::sniff` judges a file read whole: its first ten lines, or as much
/// as the longest record where lines are longer than that. (The splitter and the encoding's
/// sniffer, which places bad bytes and pasted cells by it, judge it alike.)
pub fn enough_to_sniff(head: &[u8]) -> bool {
    head.len() > LONGEST_RECORD || memchr::memchr_iter(b'\n', head).nth(SNIFFED - 1).is_some()
}

/// A record as each delimiter (in `Delimiter::ALL`'s order) would split it.
#[derive(Clone, Copy, Default)]
struct Sniffed {
    /// How often the delimiter is in it, outside quoted cells.
    counts: [usize; 3],
    /// The cells it would split it into that are not empty (nor spaces alone).
    filled: [usize; 3],
}

/// A text's first records that are not blank, as each delimiter would split them. A quote
/// opens a cell at its start: at a line's, or after any of the delimiters (so a line break in a
/// quoted cell, Alt+Enter in Excel, ends no record whichever delimiter is weighed; a quote
/// inside a cell, `完成"三通一平"`, opens none).
fn first_records(bytes: &[u8]) -> Vec<Sniffed> {
    let mut records = Vec::with_capacity(SNIFFED);
    let (mut record, mut blank, mut quoted, mut cell_start) =
        (Sniffed::default(), true, false, true);
    // Whether the cell each delimiter is in has anything in it.
    let mut in_cell = [false; 3];
    let mut i = 0;
    while i < bytes.len() && records.len() < SNIFFED {
        let b = bytes[i];
        i += 1;
        if quoted {
            // (A quote doubled is one in the cell.)
            match (b, bytes.get(i)) {
                (b'"', Some(b'"')) => i += 1,
                (b'"', _) => quoted = false,
                _ => {}
            }
            continue;
        }
        let delimiter = Delimiter::ALL_BYTES.iter().position(|&d| d == b);
        if matches!(b, b'\n' | b'\r') {
            if !blank {
                record.end_cells(&mut in_cell);
                records.push(record);
            }
            (record, blank, cell_start) = (Sniffed::default(), true, true);
            in_cell = [false; 3];
            continue;
        }
        quoted = b == b'"' && cell_start;
        for (k, filled) in in_cell.iter_mut().enumerate() {
            match delimiter == Some(k) {
                true => {
                    record.counts[k] += 1;
                    record.filled[k] += usize::from(std::mem::take(filled));
                }
                false => *filled |= b != b' ',
            }
        }
        blank = false;
        cell_start = delimiter.is_some();
    }
    if !blank && records.len() < SNIFFED {
        record.end_cells(&mut in_cell);
        records.push(record);
    }
    records
}

impl Sniffed {
    /// Counts the cells a record's end ends.
    fn end_cells(&mut self, in_cell: &mut [bool; 3]) {
        for (filled, cell) in self.filled.iter_mut().zip(in_cell) {
            *filled += usize::from(std::mem::take(cell));
        }
    }
}

/// The longest record read from text that comes a block at a time: 16 MiB, far beyond a row
/// a spreadsheet can hold. A record still unfinished past it (a file of one endless line, or
/// an unclosed quote in a file of gigabytes) ends the reading there, rather than taking the
/// file into memory whole, and more.
pub const LONGEST_RECORD: usize = 16 << 20;

/// Reads records from text one at a time, counting lines as an editor does: `\r\n`, `\r` and
/// `\n` each end one. (The csv crate's line numbers are off after `\r\n`, every CSV Excel writes
/// on Windows, after a lone `\r`, old Excel for Mac, and after blank lines.)
///
/// The text is whole, or comes a block at a time from `more`: then what has been read is let
/// go as more comes in, and a record cut by a block's end is read again once the rest is there.
pub struct Splitter<'a> {
    text: Cow<'a, str>,
    /// Where the next record starts (or the line ends before it).
    pos: usize,
    /// The line at `pos`.
    line: u64,
    delimiter: u8,
    /// The blocks still to come; `None` once the text is whole.
    more: Option<&'a mut dyn Blocks>,
    /// Whether the first record is still to be read (a byte order mark is looked for).
    at_start: bool,
    /// The line a record starts on that ran past `LONGEST_RECORD` unfinished: the reading ended
    /// there. With it, where a quote opened a field of it that was never closed, if one did.
    overlong: Option<u64>,
    open_quote: Option<(u64, usize)>,
    /// Whether the text came a block at a time (`LONGEST_RECORD` holds).
    streamed: bool,
    /// Where bytes of the blocks added were read as `�` (`Blocks::damaged`), not yet taken.
    damaged: VecDeque<Damaged>,
}

impl<'a> Splitter<'a> {
    /// Splits text that is whole.
    pub fn new(text: &'a str, delimiter: Delimiter) -> Splitter<'a> {
        Splitter::streaming(Cow::Borrowed(text), None, delimiter)
    }

    /// Splits `text`, and then the blocks `more` adds, if any.
    pub fn streaming(
        text: Cow<'a, str>,
        mut more: Option<&'a mut dyn Blocks>,
        delimiter: Delimiter,
    ) -> Splitter<'a> {
        let mut damaged = VecDeque::new();
        if let Some(more) = &mut more {
            more.damaged(&mut damaged);
        }
        Splitter {
            text,
            pos: 0,
            line: 1,
            delimiter: delimiter.byte(),
            streamed: more.is_some(),
            more,
            at_start: true,
            overlong: None,
            open_quote: None,
            damaged,
        }
    }

    /// Moves the places of bytes read as `�` in the text added so far to `into` (text that
    /// came a block at a time: those of text that was whole are known before it is split).
    pub fn take_damaged(&mut self, into: &mut VecDeque<Damaged>) {
        into.append(&mut self.damaged);
    }

    /// The line of a record that ran past `LONGEST_RECORD` unfinished, where the reading ended
    /// (it and the text after it were not read).
    pub fn overlong(&self) -> Option<u64> {
        self.overlong
    }

    /// Where, in that record, a quote opened a field that had not closed when the reading
    /// ended: its line and 1-based column.
    pub fn open_quote(&self) -> Option<(u64, usize)> {
        self.open_quote
    }

    /// The byte that separates fields.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The string the text was held in, when it was the splitter's own (read a block at a
    /// time), for the next file's text.
    pub fn into_text(self) -> Option<String> {
        match self.text {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => None,
        }
    }

    /// Reads the next record into `record`, and gives the line it starts on; `None` after the
    /// last.
    pub fn read(&mut self, record: &mut Record) -> Option<u64> {
        loop {
            if self.at_start {
                if self.text.len() < 3 && self.more.is_some() {
                    self.refill(self.line);
                    continue;
                }
                // A byte order mark left after decoding is no part of the first field.
                if self.text.starts_with('\u{feff}') {
                    self.pos = 3;
                }
                self.at_start = false;
            }
            let mut cursor = Cursor {
                text: &self.text,
                pos: self.pos,
                line: self.line,
                delimiter: self.delimiter,
                whole: self.more.is_none(),
            };
            match cursor.record(record) {
                // A record longer than `LONGEST_RECORD` that the text read in already held
                // whole (more is read than is left, up to twice): ended as one still unfinished,
                // wherever the blocks' ends fell.
                Step::Record(line) if self.streamed && cursor.pos - self.pos > LONGEST_RECORD => {
                    self.overlong = Some(line);
                    self.open_quote = open_quote(&self.text[self.pos..], self.delimiter, line);
                    self.text.to_mut().clear();
                    (self.pos, self.more) = (0, None);
                    return None;
                }
                Step::Record(line) => {
                    (self.pos, self.line) = (cursor.pos, cursor.line);
                    return Some(line);
                }
                Step::End => return None,
                Step::Short {
                    from,
                    from_line,
                    line,
                } => {
                    (self.pos, self.line) = (from, from_line);
                    self.refill(line);
                }
            }
        }
    }

    /// Lets go of the text read, and takes in more: at least as much again as is left, so that
    /// a record longer than a block is read again only a few times.
    fn refill(&mut self, unfinished: u64) {
        let Some(more) = self.more.as_mut() else {
            return;
        };
        // `pos` is where a record or the line end after one starts: a character boundary, and
        // no line end is let go that a `\n` at `pos` could follow.
        let text = self.text.to_mut();
        text.drain(..self.pos);
        self.pos = 0;
        let left = text.len();
        if left > LONGEST_RECORD {
            self.overlong = Some(unfinished);
            self.open_quote = open_quote(text, self.delimiter, unfinished);
            text.clear();
            self.more = None;
            return;
        }
        while text.len() <= 2 * left {
            let block = more.more(text);
            more.damaged(&mut self.damaged);
            match block {
                Block::More => {}
                Block::End => {
                    self.more = None;
                    return;
                }
                // No record is read from text cut short: the one cut by the block's end
                // (which is all that is left) is let go, and so is any text added.
                Block::Broken => {
                    text.clear();
                    self.more = None;
                    return;
                }
            }
        }
    }
}

/// What reading from a place in the text came to.
enum Step {
    /// A record, starting on this line.
    Record(u64),
    /// No more records.
    End,
    /// The text ran out before the end of the record starting on `line`; more is to come. The
    /// text before `from` (at line `from_line`) is read.
    Short {
        from: usize,
        from_line: u64,
        line: u64,
    },
}

/// A place in the text, moved on as a record is read.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    line: u64,
    delimiter: u8,
    /// Whether the text is whole: its end is the end, not the end of a block.
    whole: bool,
}

impl Cursor<'_> {
    fn record(&mut self, record: &mut Record) -> Step {
        record.clear();
        let bytes = self.text.as_bytes();
        let before = self.pos;
        while let Some(&b) = bytes.get(self.pos)
            && is_line_end(b)
        {
            self.step_over_line_end();
        }
        let line = self.line;
        // Where to read from again if the text runs out: past the line ends just stepped over
        // (blank lines are not held on to), but at a last `\r`, which a `\n` to come would
        // belong to, and which counted a line.
        let start = self.pos;
        let short = move || match start {
            pos if pos > before && bytes[pos - 1] == b'\r' => Step::Short {
                from: pos - 1,
                from_line: line - 1,
                line,
            },
            pos => Step::Short {
                from: pos,
                from_line: line,
                line,
            },
        };
        if self.pos == bytes.len() {
            return if self.whole { Step::End } else { short() };
        }
        // Most records are a line without quotes: copied whole, their fields found by their
        // delimiters.
        let rest = &bytes[self.pos..];
        match plain_line(rest, self.delimiter, &mut record.ends) {
            Some(len) if len < rest.len() || self.whole => {
                let start = self.pos;
                self.pos += len;
                // Line ends are ASCII, so both ends are on character boundaries.
                record.text.push_str(&self.text[start..self.pos]);
                record.ends.push(len);
                return Step::Record(line);
            }
            Some(_) => {
                record.ends.clear();
                return short();
            }
            None => record.ends.clear(),
        }
        loop {
            if bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                self.quoted(record);
                let closed = self.pos;
                self.unquoted(record);
                // (An unclosed quote ran to the text's end: nothing follows it.)
                if self.pos > closed {
                    record.after_quote.get_or_insert(record.ends.len());
                }
            } else {
                self.unquoted(record);
            }
            record.end_field();
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                // A field cut by the end of a block (perhaps just after a quote that is
                // doubled in the next), or a record that more fields may follow.
                None if !self.whole => return short(),
                // A line end, left to be stepped over before the next record, or the end.
                _ => {
                    record.more_lines = self.line - line;
                    if record.unclosed.is_some() {
                        // The line ends the file ends with, taken into the unclosed cell, start
                        // no line of the record: its last line is that of its last text.
                        let cell = &record.text[..record.text.len() - 1]; // (its separator)
                        let body = cell.trim_end_matches(['\r', '\n']);
                        record.more_lines -= line_ends(&cell[body.len()..]);
                    }
                    return Step::Record(line);
                }
            }
        }
    }

    /// Copies a field's text up to a delimiter or a line end (quotes are text here).
    fn unquoted(&mut self, record: &mut Record) {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let delimiter = self.delimiter;
        let len = bytes[start..]
            .iter()
            .position(|&b| b == delimiter || is_line_end(b))
            .unwrap_or(bytes.len() - start);
        self.pos = start + len;
        // Delimiters and line ends are ASCII, so both ends are on character boundaries.
        record.text.push_str(&self.text[start..self.pos]);
    }

    /// Copies a quoted field's text, past its opening quote, up to its closing quote, which is
    /// stepped over: a doubled quote is one quote, and line ends are text (and counted). An
    /// unclosed quote runs to the end of the text.
    fn quoted(&mut self, record: &mut Record) {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.pos;
            let len = bytes[start..]
                .iter()
                .position(|&b| b == b'"' || is_line_end(b))
                .unwrap_or(bytes.len() - start);
            self.pos = start + len;
            record.text.push_str(&self.text[start..self.pos]);
            match bytes.get(self.pos) {
                None => {
                    // (Where the text is not whole, the record is read again once more is in.)
                    record.unclosed.get_or_insert(record.ends.len());
                    return;
                }
                Some(b'"') if bytes.get(self.pos + 1) == Some(&b'"') => {
                    record.text.push('"');
                    self.pos += 2;
                }
                Some(b'"') => {
                    self.pos += 1;
                    return;
                }
                Some(&b) => {
                    let end = self.pos;
                    self.step_over_line_end();
                    record.text.push(char::from(b));
                    debug_assert_eq!(self.pos, end + 1);
                }
            }
        }
    }

    /// Steps over the line-end byte at `pos`: `\r` ends a line, and so does `\n` unless it
    /// follows a `\r`, which ended it already.
    fn step_over_line_end(&mut self) {
        let bytes = self.text.as_bytes();
        let follows_cr = self.pos > 0 && bytes[self.pos - 1] == b'\r';
        if !(bytes[self.pos] == b'\n' && follows_cr) {
            self.line += 1;
        }
        self.pos += 1;
    }
}

/// The length of a line without quotes at the start of `bytes` (up to a line end, or all of
/// them), its delimiters' places added to `ends`; `None` at a quote (`ends` then holds some).
/// Sixteen bytes are looked at a time with SSE2, which every x86_64 processor has; eight at a
/// time, as one word, elsewhere.
fn plain_line(bytes: &[u8], delimiter: u8, ends: &mut Vec<usize>) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    return scan_line::<16, 1>(bytes, delimiter, ends, sse2_masks);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    return scan_line::<8, 8>(bytes, delimiter, ends, word_masks);
}

/// `plain_line`, `N` bytes at a time: `masks` gives, for `N` bytes, a mask of those that stop a
/// plain line (CR, LF, a quote) and one of the delimiters, `SPAN` bits to a byte (the first
/// byte's the lowest), a byte found by one bit of its span.
fn scan_line<const N: usize, const SPAN: u32>(
    bytes: &[u8],
    delimiter: u8,
    ends: &mut Vec<usize>,
    masks: impl Fn(&[u8; N], u8) -> (u64, u64),
) -> Option<usize> {
    let mut at = 0;
    loop {
        let chunk: [u8; N] = match bytes.get(at..at + N) {
            Some(chunk) => chunk.try_into().unwrap_or([0; N]),
            None => {
                // The last few, padded with bytes that are none of those looked for.
                let mut last = [0; N];
                let tail = &bytes[at..];
                last[..tail.len()].copy_from_slice(tail);
                last
            }
        };
        let (stops, mut delimiters) = masks(&chunk, delimiter);
        if stops != 0 {
            // Only the delimiters before the first stop (found by `stops`' lowest bit).
            delimiters &= (stops & stops.wrapping_neg()) - 1;
        }
        while delimiters != 0 {
            ends.push(at + (delimiters.trailing_zeros() / SPAN) as usize);
            delimiters &= delimiters - 1;
        }
        if stops != 0 {
            let end = at + (stops.trailing_zeros() / SPAN) as usize;
            return (bytes[end] != b'"').then_some(end);
        }
        at += N;
        if at >= bytes.len() {
            return Some(bytes.len());
        }
    }
}

/// The stops and delimiters of eight bytes, as one word: the high bit of each such byte.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn word_masks(chunk: &[u8; 8], delimiter: u8) -> (u64, u64) {
    let word = u64::from_le_bytes(*chunk);
    let stops = bytes_equal(word, b'\r') | bytes_equal(word, b'\n') | bytes_equal(word, b'"');
    (stops, bytes_equal(word, delimiter))
}

/// The stops and delimiters of sixteen bytes, a bit each.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn sse2_masks(chunk: &[u8; 16], delimiter: u8) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
    };

    #[target_feature(enable = "sse2")]
    fn masks(chunk: &[u8; 16], delimiter: u8) -> (u64, u64) {
        let (low, high) = chunk.split_at(8);
        let low = i64::from_le_bytes(low.try_into().unwrap_or_default());
        let high = i64::from_le_bytes(high.try_into().unwrap_or_default());
        let bytes = _mm_set_epi64x(high, low);
        let cr = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\r' as i8));
        let lf = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\n' as i8));
        let quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'"' as i8));
        let stops = _mm_or_si128(_mm_or_si128(cr, lf), quote);
        let delimiters = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(delimiter as i8));
        // One bit a byte, in the low 16 bits.
        let bits = |mask: i32| u64::from(mask as u16);
        (
            bits(_mm_movemask_epi8(stops)),
            bits(_mm_movemask_epi8(delimiters)),
        )
    }
    // SAFETY: `masks` needs SSE2, which this build targets (as every x86_64 build does unless
    // told otherwise): every processor it runs on has it.
    unsafe { masks(chunk, delimiter) }
}

/// The high bit of each byte of `word` that is `b`, and no other bit.
fn bytes_equal(word: u64, b: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    let x = word ^ (ONES * u64::from(b));
    // A byte of `x` is 0 where `word`'s is `b`: its high bit comes out set only then.
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// How many lines `text` ends, counted as the splitter counts them: `\r\n`, `\r` and `\n` one
/// each.
pub fn line_ends(text: &str) -> u64 {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' || (bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\r')))
        .count() as u64
}

/// Where a quote opens a field of the record `text` starts with (on `line`) and is not closed
/// in `text`: the quote's line and the field's 1-based column. `None` where the record ends, or
/// runs on with no quote open.
fn open_quote(text: &str, delimiter: u8, line: u64) -> Option<(u64, usize)> {
    let b = text.as_bytes();
    let (mut i, mut line, mut column) = (0, line, 1);
    // (A line end is `\r\n`, `\n` or `\r`: counted at its last byte.)
    let ends_a_line = |i: usize| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'));
    loop {
        // At a field's start.
        if b.get(i) == Some(&b'"') {
            let opened = (line, column);
            i += 1;
            loop {
                match b.get(i) {
                    None => return Some(opened),
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => {
                        line += u64::from(ends_a_line(i));
                        i += 1;
                    }
                }
            }
        }
        loop {
            match b.get(i) {
                Some(&c) if c == delimiter => {
                    i += 1;
                    column += 1;
                    break;
                }
                Some(b'\n' | b'\r') | None => return None,
                Some(_) => i += 1,
            }
        }
    }
}

fn is_line_end(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_left_open_is_found_at_its_field() {
        // Opened in the third field, after a quoted field of two lines (CRLF) closed properly.
        let text = "a,\"b\r\nc\",\"d\"\"\ne,f\ng";
        assert_eq!(open_quote(text, b',', 7), Some((8, 3)));
        // A record that ends, or runs on with no quote open (a quote inside a field opens none).
        assert_eq!(open_quote("a,\"b\",c\nd", b',', 1), None);
        assert_eq!(open_quote("a,b\"c,d", b',', 1), None);
        assert_eq!(open_quote("\"", b';', 2), Some((2, 1)));
    }

    fn split(text: &str) -> Vec<(u64, Vec<String>)> {
        split_by(text, Delimiter::Comma)
    }

    fn split_by(text: &str, delimiter: Delimiter) -> Vec<(u64, Vec<String>)> {
        records(Splitter::new(text, delimiter))
    }

    /// Each record's line and fields.
    fn records(splitter: Splitter) -> Vec<(u64, Vec<String>)> {
        records_as(splitter, |line, record| {
            let fields = (0..record.len())
                .map(|i| record.get(i).unwrap().to_string())
                .collect();
            (line, fields)
        })
    }

    /// Each record's line, the lines it runs over past its first, and the field whose quote
    /// is never closed, if any.
    fn quote_marks(splitter: Splitter) -> Vec<(u64, u64, Option<usize>)> {
        records_as(splitter, |line, record| {
            (line, record.more_lines(), record.unclosed())
        })
    }

    fn records_as<T>(mut splitter: Splitter, mut each: impl FnMut(u64, &Record) -> T) -> Vec<T> {
        let mut record = Record::default();
        let mut out = Vec::new();
        while let Some(line) = splitter.read(&mut record) {
            out.push(each(line, &record));
        }
        out
    }

    /// `split`, the text coming in blocks of the given sizes (cycled, each widened to a
    /// character boundary).
    fn split_in_blocks(text: &str, sizes: &[usize]) -> Vec<(u64, Vec<String>)> {
        in_blocks(text, sizes, records)
    }

    /// `read` of a splitter of `text` coming in blocks of the given sizes (as `split_in_blocks`).
    fn in_blocks<T>(text: &str, sizes: &[usize], read: impl FnOnce(Splitter) -> T) -> T {
        let mut blocks = Vec::new();
        let (mut rest, mut sizes) = (text, sizes.iter().cycle());
        while !rest.is_empty() {
            let mut n = (*sizes.next().unwrap()).min(rest.len());
            while !rest.is_char_boundary(n) {
                n += 1;
            }
            blocks.push(&rest[..n]);
            rest = &rest[n..];
        }
        let mut blocks = blocks.into_iter();
        let mut more = |text: &mut String| match blocks.next() {
            Some(block) => {
                text.push_str(block);
                Block::More
            }
            None => Block::End,
        };
        read(Splitter::streaming(
            Cow::Owned(String::new()),
            Some(&mut more),
            Delimiter::Comma,
        ))
    }

    #[test]
    fn an_endless_record_ends_the_reading_past_the_longest() {
        // Text that never ends, in blocks of 1 MiB with no line end after the first line (as a
        // link to /dev/zero, or a huge damaged file): the first record is read, and the
        // reading ends once the second has run past LONGEST_RECORD.
        let block = "x".repeat(1 << 20);
        let mut blocks = 0;
        let mut more = |text: &mut String| {
            blocks += 1;
            text.push_str(&block);
            Block::More
        };
        let mut splitter = Splitter::streaming(
            Cow::Owned("a,b\n".to_string()),
            Some(&mut more),
            Delimiter::Comma,
        );
        let mut record = Record::default();
        assert_eq!(splitter.read(&mut record), Some(1));
        assert_eq!(record.get(1), Some("b"));
        assert_eq!(splitter.read(&mut record), None);
        assert_eq!(splitter.overlong(), Some(2));
        assert_eq!(splitter.read(&mut record), None);
        drop(splitter);
        // (Read until the text held was more than twice the record so far.)
        assert!(blocks <= 3 * (LONGEST_RECORD >> 20), "{blocks} blocks");
    }

    #[test]
    fn a_record_past_the_longest_ends_the_reading_wherever_the_blocks_end() {
        // A record of 20 MiB with a line end after it: the text read in while it was shorter
        // than LONGEST_RECORD (more is read than is left, up to twice) may hold it whole, and it
        // must end the reading all the same, whatever came before it; one of 15 MiB is read.
        for (long, ends) in [(20 << 20, true), (15 << 20, false)] {
            for before in [0, 1, 300, 70_000, 3 << 20, 9 << 20] {
                let text = format!(
                    "a,b\n{}\n{},c\nd,e\n",
                    "p,q\n".repeat(before / 4),
                    "x".repeat(long)
                );
                let read = in_blocks(&text, &[1 << 20], |mut splitter| {
                    let mut record = Record::default();
                    let mut firsts = Vec::new();
                    while splitter.read(&mut record).is_some() {
                        firsts.push(record.get(0).map(str::len).unwrap_or_default());
                    }
                    (firsts, splitter.overlong())
                });
                let line = 2 + (before / 4) as u64 + 1;
                if ends {
                    assert_eq!(read.1, Some(line), "{before}");
                    assert!(!read.0.contains(&long), "{before}");
                } else {
                    assert_eq!(read.1, None, "{before}");
                    assert_eq!(read.0.last(), Some(&1), "{before}");
                }
            }
        }
    }

    #[test]
    fn blank_lines_are_let_go_as_they_are_read() {
        // 20 MiB of blank lines (`\r\n`, half the blocks ending between a `\r` and its `\n`)
        // before a record: more than the longest record, but no record, so read on.
        let pairs = "\r\n".repeat((1 << 19) - 1);
        let mut blocks: Vec<String> = (0..40)
            .map(|n| match n % 2 {
                0 => format!("{pairs}\r"),
                _ => format!("\n{pairs}"),
            })
            .collect();
        blocks.push("b,c\r\n".to_string());
        // (Each `\r\n` is one line end.)
        let blank_lines = blocks.concat().matches('\n').count() as u64;
        let mut blocks = blocks.into_iter();
        let mut more = |text: &mut String| match blocks.next() {
            Some(block) => {
                text.push_str(&block);
                Block::More
            }
            None => Block::End,
        };
        let splitter = Splitter::streaming(
            Cow::Owned("a\r\n".to_string()),
            Some(&mut more),
            Delimiter::Comma,
        );
        assert_eq!(
            records(splitter),
            [
                (1, vec!["a".to_string()]),
                (2 + blank_lines - 1, vec!["b".to_string(), "c".to_string()])
            ]
        );
    }

    #[test]
    fn delimiters_are_sniffed_from_the_first_lines() {
        assert_eq!(Delimiter::sniff("a\tb\tc\n1\t2\t3"), Delimiter::Tab);
        assert_eq!(Delimiter::sniff("a,b,c\n1,2,3"), Delimiter::Comma);
        assert_eq!(Delimiter::sniff("a;b;c\n1;2,5;3"), Delimiter::Semicolon);
        assert_eq!(Delimiter::sniff(""), Delimiter::Comma);
        // Free text with more of another than the file's: the one the header holds.
        let tabs = "编号\t形象进度\tx\nA1\t桩基,承台,墩柱,箱梁,路面\t1\nA2\t完成\t2\n";
        assert_eq!(Delimiter::sniff(tabs), Delimiter::Tab);
        let quoted_tabs = "编号,形象进度,x\nA1,\"a\tb\tc\td\te\",1\nA2,\"f\tg\th\ti\",2\n";
        assert_eq!(Delimiter::sniff(quoted_tabs), Delimiter::Comma);
        let semicolons = "编号,存在问题,x\nA1,土地;资金;审批;环评,1\nA2,土地;资金,2\n";
        assert_eq!(Delimiter::sniff(semicolons), Delimiter::Comma);
        // (Quoted across lines: the record is one, its quoted commas not counted.)
        let multiline = "编号\t进度\nA1\t\"a,b,c,\nd,e,f\"\nA2\tx\n";
        assert_eq!(Delimiter::sniff(multiline), Delimiter::Tab);
        // A title line above, of none or of commas alone, as Excel writes a merged title.
        assert_eq!(Delimiter::sniff("标题\na\tb\n1\t2,3,4\n"), Delimiter::Tab);
        assert_eq!(Delimiter::sniff("标题,,\na,b,c\n1,2,3\n"), Delimiter::Comma);
        // Notes under the table, with the commas of its rows' free text: not in the header.
        let noted = "编号\t累计\t进度\nA1\t101\t桩基,承台\nA2\t102\t桩基,承台\n注:单位万元,截至6月底\n填报人:张三,电话:1234\n";
        assert_eq!(Delimiter::sniff(noted), Delimiter::Tab);
        let signed = "编号,月份,累计\nA1,2024-06,100\n注:单位万元;截至6月底\n填报人:张三;电话:1\n审核人:李四;日期:7月5日\n";
        assert_eq!(Delimiter::sniff(signed), Delimiter::Comma);
        // A title padded with another (a system's, not Excel's) is no header.
        let padded = "标题,,,,\n编号\t累计\t进度\nA1\t101\t桩基,承台\nA2\t102\t桩基,承台\n";
        assert_eq!(Delimiter::sniff(padded), Delimiter::Tab);
        // Lines of a quoted cell (Alt+Enter), each with a semicolon, are of one record.
        let lines = "编号,累计,问题\r\nP1,100,\"土地;资金\r\n环评;审批\"\r\nP2,200,\"土地;资金\r\n环评\"\r\n";
        assert_eq!(Delimiter::sniff(lines), Delimiter::Comma);
        // Rows whose empty cells at the end are left out, thousands in their amounts: the
        // separator is in the header and every row, the comma in the rows alone.
        let ragged = "编号;本月;累计;进度;问题\r\nP1;1,000.5;2,000.5;施工中\r\nP2;1,100.5;2,100.5;施工中;土地\r\nP3;1,200.5;2,200.5;施工中\r\n";
        assert_eq!(Delimiter::sniff(ragged), Delimiter::Semicolon);
        let ragged_tabs = "编号\t累计\t进度\t问题\t备注\r\nP1\t100\t土方,基础\r\nP2\t200\t土方,基础\t土地\r\nP3\t300\t主体,砌筑\t资金\t无\r\n";
        assert_eq!(Delimiter::sniff(ragged_tabs), Delimiter::Tab);
        // Excel's `sep=` line names it, whatever the lines below hold.
        let titled = "sep=;\r\n进展表（单位:万元,截至6月底）\r\n编号;累计\r\nP1;1,000.5\r\n";
        assert_eq!(Delimiter::sniff(titled), Delimiter::Semicolon);
        assert_eq!(Delimiter::sniff("SEP=\t\na,b\n1,2\n"), Delimiter::Tab);
        assert_eq!(Delimiter::sniff("sep=,\na;b;c\n"), Delimiter::Comma);
        // (Not a line of more, nor a byte no delimiter.)
        assert_eq!(Delimiter::named(b"sep=;x\na;b;c\n"), None);
        assert_eq!(
            Delimiter::named(b"sep=;\r\na;b;c\n"),
            Some(Delimiter::Semicolon)
        );
        assert_eq!(Delimiter::named(b" sep=;\na;b;c\n"), None);
        assert_eq!(Delimiter::sniff("sep=|\na,b,c\n"), Delimiter::Comma);
    }

    fn lines_of(text: &str) -> Vec<u64> {
        split(text).into_iter().map(|(line, _)| line).collect()
    }

    #[test]
    fn line_numbers_whatever_the_line_ends() {
        assert_eq!(lines_of("a,b\nc,d\ne,f\n"), [1, 2, 3]);
        assert_eq!(lines_of("a,b\r\nc,d\r\ne,f\r\n"), [1, 2, 3]);
        assert_eq!(lines_of("a,b\rc,d\re,f\r"), [1, 2, 3]);
        assert_eq!(lines_of("a,b\n\n\nc,d\n"), [1, 4]);
        assert_eq!(lines_of("a,b\r\n\r\n\r\nc,d\r\n"), [1, 4]);
        assert_eq!(lines_of("a,\"x\r\ny\"\r\nc,d\r\n"), [1, 3]);
        assert_eq!(lines_of("a,\"x\n\ry\"\nc,d"), [1, 4]);
        assert_eq!(lines_of("\n\na,b"), [3]);
    }

    /// Each field's line: the record's, plus the lines it starts past it; counted field by
    /// field and in one pass, which must agree (two places past the end too).
    fn field_lines(text: &str) -> Vec<Vec<u64>> {
        records_as(Splitter::new(text, Delimiter::Comma), |line, record| {
            let one_pass: Vec<u64> = record.each_lines_before().take(record.len() + 3).collect();
            let each: Vec<u64> = (0..record.len() + 3)
                .map(|i| record.lines_before(i))
                .collect();
            assert_eq!(one_pass, each, "{text:?}");
            (0..=record.len())
                .map(|i| line + record.lines_before(i))
                .collect()
        })
    }

    #[test]
    fn each_field_starts_on_its_own_line() {
        assert_eq!(field_lines("a,b\nc,d"), [[1, 1, 1], [2, 2, 2]]);
        // `\r\n` is one line end, `\r` and `\n` one each; the last line is past the last field.
        assert_eq!(
            field_lines("a,\"x\r\ny\",\"p\rq\",\"b\nz\"\nc,d"),
            [vec![1, 1, 2, 3, 4], vec![5, 5, 5]]
        );
        // A `\r` ending one field and a `\n` starting the next are two line ends.
        assert_eq!(field_lines("\"a\r\",\"\nb\",c\n"), [[1, 2, 3, 3]]);
        // A quote never closed runs to the end, where the file's last line end starts no line.
        assert_eq!(field_lines("a,\"x\ny,z\n"), [[1, 1, 2]]);
    }

    proptest::proptest! {
        /// Records written as a spreadsheet writes them (a field with a quote, delimiter or line
        /// end quoted, its quotes doubled): each field starts on the line its first byte is on,
        /// whole and in blocks.
        #[test]
        fn fields_start_on_the_lines_their_bytes_are_on(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a,\"\r\n中]{0,4}", 2..4),
                1..5,
            ),
            crlf in proptest::bool::ANY,
            sizes in proptest::collection::vec(1usize..9, 1..4),
        ) {
            let mut text = String::new();
            let mut expected = Vec::new();
            for row in &rows {
                let mut lines = Vec::new();
                for (i, field) in row.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    lines.push(1 + line_ends(&text));
                    if field.contains(['"', ',', '\r', '\n']) {
                        text.push_str(&format!("\"{}\"", field.replace('"', "\"\"")));
                    } else {
                        text.push_str(field);
                    }
                }
                lines.push(1 + line_ends(&text));
                text.push_str(if crlf { "\r\n" } else { "\n" });
                expected.push(lines);
            }
            proptest::prop_assert_eq!(&field_lines(&text), &expected, "{:?}", text);
            let in_blocks = in_blocks(&text, &sizes, |splitter| {
                records_as(splitter, |line, record| {
                    (0..=record.len()).map(|i| line + record.lines_before(i)).collect::<Vec<_>>()
                })
            });
            proptest::prop_assert_eq!(&in_blocks, &expected, "{:?}", text);
        }
    }

    /// Lines are looked at sixteen bytes at a time (eight where SSE2 is not): a delimiter, quote
    /// or line end at each place of the first three chunks, after text of one, two and three
    /// bytes a character, splits as the csv crate reads it, whole and in blocks.
    #[test]
    fn splits_whatever_place_in_a_chunk_a_byte_falls_at() {
        // Three chunks of sixteen bytes (six words of eight) of one-byte characters.
        for filler in ["a", "é", "中"] {
            for at in 0..48 {
                for special in [",", ";", "\"", "\r", "\n", "\r\n", "\"\""] {
                    let before = filler.repeat(at);
                    let text = format!("{before}{special}b,{before},c\n{before};d");
                    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
                        assert_eq!(
                            split_by(&text, delimiter),
                            expected(&text, delimiter.byte()),
                            "{text:?}"
                        );
                    }
                    assert_eq!(split_in_blocks(&text, &[3, 8, 1]), split(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn an_unclosed_quote_ends_on_the_line_of_its_last_text() {
        // Run to the end, its cell holds the line ends the file ends with: they start no line of
        // the record, so a place past its end is on its last line with text, not one below.
        for (text, more) in [
            ("a,b\n1,\"x\n", 0),
            ("a,b\n1,\"x\r\n\r\n", 0),
            ("a,b\n1,\"x\n2,y\n", 1),
            ("a,b\n1,\"x\n2,y", 1),
        ] {
            let marks = quote_marks(Splitter::new(text, Delimiter::Comma));
            assert_eq!(marks[1], (2, more, Some(1)), "{text:?}");
        }
    }

    #[test]
    fn fields_as_spreadsheets_quote_them() {
        let fields = |text| split(text).into_iter().map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(
            fields("a,\"b,c\",\"say \"\"hi\"\"\""),
            [["a", "b,c", "say \"hi\""]]
        );
        assert_eq!(fields("\"ab\"c,d\"e"), [["abc", "d\"e"]]);
        assert_eq!(
            fields("a,\n,\n\"open"),
            [vec!["a", ""], vec!["", ""], vec!["open"]]
        );
        assert_eq!(fields("\u{feff}编号,名称"), [["编号", "名称"]]);
    }

    /// The csv crate's records and xmtool's line numbers, counted one byte at a time: `\r` ends
    /// a line, and `\n` unless a `\r` is just before.
    fn expected(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let bytes = text.as_bytes();
        let line_at = |offset: u64| {
            let mut start = offset as usize;
            // The reader steps over a byte order mark at the start, and gives the record's
            // position as 0.
            if start == 0 && bytes.starts_with("\u{feff}".as_bytes()) {
                start = 3;
            }
            while start < bytes.len() && is_line_end(bytes[start]) {
                start += 1;
            }
            let ends = (0..start).filter(|&i| match bytes[i] {
                b'\r' => true,
                b'\n' => i == 0 || bytes[i - 1] != b'\r',
                _ => false,
            });
            1 + ends.count() as u64
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        let mut out = Vec::new();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).unwrap() {
            let at = record.position().unwrap().byte();
            out.push((line_at(at), record.iter().map(str::to_string).collect()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn splits_as_the_csv_crate_reads(
            text in "[a,;\t\r\n\"中 ]{0,40}",
            delimiter in proptest::sample::select(Delimiter::ALL.to_vec()),
        ) {
            proptest::prop_assert_eq!(split_by(&text, delimiter), expected(&text, delimiter.byte()), "{:?}", text);
        }

        #[test]
        fn splits_text_in_blocks_as_the_whole(
            text in "\u{feff}?[a,\r\n\"中 ]{0,40}",
            sizes in proptest::collection::vec(1usize..6, 1..4),
        ) {
            proptest::prop_assert_eq!(split_in_blocks(&text, &sizes), split(&text), "{:?}", text);
        }

        /// The lines a record runs over, and a quote never closed, are found alike whole and in
        /// blocks; a record runs over no line of the next, and only the last can have a quote
        /// never closed.
        #[test]
        fn quotes_over_lines_are_found_alike_whole_and_in_blocks(
            text in "[a,\r\n\"中 ]{0,40}",
            sizes in proptest::collection::vec(1usize..6, 1..4),
        ) {
            let whole = quote_marks(Splitter::new(&text, Delimiter::Comma));
            proptest::prop_assert_eq!(&in_blocks(&text, &sizes, quote_marks), &whole, "{:?}", text);
            for pair in whole.windows(2) {
                let ((line, more, unclosed), (next, ..)) = (pair[0], pair[1]);
                proptest::prop_assert!(line + more < next, "{:?}", text);
                proptest::prop_assert_eq!(unclosed, None, "{:?}", text);
            }
        }

        /// Sixteen bytes at a time (SSE2) finds what eight at a time finds.
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        #[test]
        fn sixteen_bytes_at_a_time_find_what_eight_do(
            text in "[a,;\t\r\n\"é中]{0,70}",
            delimiter in proptest::sample::select(Delimiter::ALL.to_vec()),
        ) {
            let bytes = text.as_bytes();
            for start in 0..bytes.len().min(9) {
                let (mut sixteen, mut eight) = (Vec::new(), Vec::new());
                proptest::prop_assert_eq!(
                    scan_line::<16, 1>(&bytes[start..], delimiter.byte(), &mut sixteen, sse2_masks),
                    scan_line::<8, 8>(&bytes[start..], delimiter.byte(), &mut eight, word_masks),
                    "{:?} from {}", text, start
                );
                proptest::prop_assert_eq!(sixteen, eight, "{:?} from {}", text, start);
            }
        }

        #[test]
        fn splits_any_text_as_the_csv_crate_reads(
            text in "(\\PC|[\r\n\t\"\u{feff}]){0,80}",
            delimiter in proptest::sample::select(Delimiter::ALL.to_vec()),
        ) {
            proptest::prop_assert_eq!(split_by(&text, delimiter), expected(&text, delimiter.byte()), "{:?}", text);
        }
    }
}
