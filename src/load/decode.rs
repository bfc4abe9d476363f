//! Bytes to text, for every encoding Excel and WPS write a CSV in: UTF-8 with or without a BOM,
//! UTF-16 with a BOM (Excel's "Unicode text"), and GBK/GB18030 when the bytes are not UTF-8;
//! also UTF-16 without a BOM, as some systems export, where its first bytes show it.

use std::borrow::Cow;
use std::ops::ControlFlow;

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::split;

/// Text decoded from a file, and the encoding it was in. UTF-8 is borrowed, not copied.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    /// Runs of UTF-8 Chinese in a file read as GBK/GB18030 (`Utf8Runs`), read garbled.
    pub utf8_runs: Vec<Utf8Run>,
    /// Where bytes the encoding does not read were read as the replacement character `�`, in
    /// order (`decode_mending`); none for a file read whole as it is.
    pub damaged: Vec<Damaged>,
}

/// Bytes the encoding of a file that is otherwise text does not read, within one cell (a
/// character cut, or a cell typed in another encoding), read as replacement characters `�`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// Byte offset of the first bad byte in the file.
    pub offset: usize,
    /// 1-based line, and column of the cell it is in (`column_at`).
    pub line: u64,
    pub column: Option<usize>,
    pub encoding: &'static str,
    /// The bad bytes, as hex (of each bad sequence in the cell, up to `DAMAGED_SHOWN`).
    pub bytes: String,
    /// How many replacement characters they were read as: one a bad sequence.
    pub replaced: usize,
    /// Where the last of them ends.
    end: usize,
}

/// How many bad sequences of a cell are named, at most.
const DAMAGED_SHOWN: usize = 4;

/// A file with more bad sequences and control characters together than one for every this
/// many characters read (or than four, in a file of fewer than 64 characters) is not text with
/// a few damaged cells, but binary or in another encoding throughout (random bytes read as GBK
/// give one for every three characters or so), and is not read.
const DAMAGE_ALLOWED_PER: usize = 16;

impl Damaged {
    /// What is wrong, in `cell` (`this 形象进度 cell`, `this row`), and what became of it.
    pub fn message(&self, cell: &str, consequence: &str) -> String {
        format!(
            "undecodable bytes {} at byte offset {} in {cell} (the file read as {}), read as \
             \"{}\": {consequence} (type the cell again, or save the file again as \
             \"CSV UTF-8\")",
            self.bytes,
            self.offset,
            self.encoding,
            "\u{FFFD}".repeat(self.replaced.min(DAMAGED_SHOWN))
        )
    }
}

/// Text stored as UTF-8 in a file read as GBK/GB18030, as a cell pasted from a UTF-8 file
/// leaves it: read as GBK, it is garbled (征地 as 寰佸湴).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf8Run {
    /// Byte offset of its first byte in the file.
    pub offset: usize,
    /// 1-based line, and column of the cell it is in (`column_at`).
    pub line: u64,
    pub column: Option<usize>,
    /// Its text as read (as GBK/GB18030), and as UTF-8.
    pub read: String,
    pub utf8: String,
}

impl Utf8Run {
    /// The run of UTF-8 text `utf8` at byte `offset`, on `line` in cell `column`, with its text
    /// as GBK/GB18030 reads its bytes.
    pub(super) fn at(offset: usize, line: u64, column: Option<usize>, utf8: String) -> Utf8Run {
        let (read, _) = GB18030.decode_without_bom_handling(utf8.as_bytes());
        Utf8Run {
            offset,
            line,
            column,
            read: read.into_owned(),
            utf8,
        }
    }

    /// The warning naming this text in `file`, at its line and column.
    pub fn finding(&self, file: &str) -> crate::finding::Finding {
        crate::finding::Finding::warning(
            file,
            format!(
                "\"{}\" is text stored as UTF-8, \"{}\", in a file read as GBK/GB18030 (as a \
                 cell pasted from another file leaves it); it is read as garbled (expected one \
                 encoding throughout: type the cell again, or save the file again as \
                 \"CSV UTF-8\" with the text mended)",
                self.read, self.utf8
            ),
        )
        .at(self.line, self.column)
    }
}

/// Finds runs of UTF-8 Chinese in bytes that are otherwise GBK/GB18030, fed the bytes' valid
/// UTF-8 stretches in order. A run is two or more characters in a row of three bytes each (CJK
/// ideographs, their punctuation and full-width forms) with ASCII or the file's edge on both
/// sides, as a cell's text is, or three or more anywhere, whose UTF-8 reading holds more of
/// the common characters (GB2312's first level, and its punctuation) than its GBK reading
/// does. GBK text forms such bytes by chance only with a rare character (the lead bytes E3 to
/// EF are GB2312's second level), and then reads as common characters in GBK, not in UTF-8.
/// GBK text holds few valid UTF-8 stretches, nearly all short: this costs next to nothing.
#[derive(Debug, Default)]
pub(super) struct Utf8Runs {
    /// Where the last stretch fed ended, and whether its last character was ASCII (or it was
    /// the file's start).
    end: usize,
    after_ascii: bool,
    fed: bool,
    /// The run being read: where it starts, whether ASCII or the file's start is before it,
    /// its characters, and its text (up to `RUN_KEPT` bytes).
    open: Option<OpenRun>,
    /// The runs found: offset, and the text as UTF-8.
    pub found: Vec<(usize, String)>,
}

#[derive(Debug)]
struct OpenRun {
    start: usize,
    after_ascii: bool,
    chars: usize,
    text: String,
}

/// How much of a run's text is kept, to be weighed and shown (a longer run is, by its start).
const RUN_KEPT: usize = 240;

impl Utf8Runs {
    /// Looks at the next valid UTF-8 stretch, starting at byte `at` of the file.
    pub(super) fn feed(&mut self, valid: &str, at: usize) {
        if valid.is_empty() {
            return;
        }
        if !self.fed {
            (self.fed, self.after_ascii) = (true, at == 0);
        } else if at != self.end {
            // (Bytes that are not UTF-8 between.)
            self.close(false);
            self.after_ascii = false;
        }
        for (i, c) in valid.char_indices() {
            if is_cjk(c) {
                let open = self.open.get_or_insert_with(|| OpenRun {
                    start: at + i,
                    after_ascii: self.after_ascii,
                    chars: 0,
                    text: String::new(),
                });
                open.chars += 1;
                if open.text.len() < RUN_KEPT {
                    open.text.push(c);
                }
            } else if self.open.is_some() {
                self.close(c.is_ascii());
            }
            self.after_ascii = c.is_ascii();
        }
        self.end = at + valid.len();
    }

    /// The runs found in every byte fed, the file's end closing the last.
    pub(super) fn finish(mut self) -> Vec<(usize, String)> {
        self.end();
        self.found
    }

    /// Closes the run being read at the file's end (`found` then holds every run).
    pub(super) fn end(&mut self) {
        self.close(true);
    }

    /// Ends the run being read, `ascii_after` when ASCII or the file's end follows it.
    fn close(&mut self, ascii_after: bool) {
        let Some(run) = self.open.take() else {
            return;
        };
        let bounded = run.after_ascii && ascii_after;
        let enough = run.chars >= 3 || (bounded && run.chars >= 2);
        if enough && reads_better_as_utf8(&run.text) {
            self.found.push((run.start, run.text));
        }
    }
}

/// A character of three bytes in UTF-8 that Chinese text is made of: CJK punctuation, CJK
/// ideographs (and extension A), and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether UTF-8 text (of characters `is_cjk` finds) reads as more common characters than its
/// bytes do as GBK: as shares, common characters over characters.
fn reads_better_as_utf8(text: &str) -> bool {
    let mut chinese = Chinese::default();
    chinese.feed(text);
    chinese.reads_better_as_utf8()
}

/// The Chinese (`is_cjk`) of UTF-8 text weighed a piece at a time, as `reads_better_as_utf8`
/// weighs it whole: in memory that does not grow with the text.
#[derive(Default)]
pub(super) struct Chinese {
    /// Its UTF-8 bytes read as GBK, and its characters (their GBK bytes).
    as_gbk: Common,
    as_utf8: Common,
}

impl Chinese {
    /// Weighs the next piece of the text (its other characters left out).
    pub(super) fn feed(&mut self, text: &str) {
        let chinese: String = text.chars().filter(|&c| is_cjk(c)).collect();
        self.as_gbk.feed(chinese.as_bytes());
        self.as_utf8.feed(&GB18030.encode(&chinese).0);
    }

    /// Whether the text fed held Chinese.
    pub(super) fn any(&self) -> bool {
        self.as_utf8.chars > 0 || !self.as_utf8.cut.is_empty()
    }

    /// Whether it reads as more common characters as UTF-8 than as GBK (`reads_better_as_utf8`).
    pub(super) fn reads_better_as_utf8(&self) -> bool {
        let (gbk_chars, gbk_common) = self.as_gbk.counted();
        let (utf8_chars, utf8_common) = self.as_utf8.counted();
        utf8_common * gbk_chars > gbk_common * utf8_chars
    }
}

/// GBK/GB18030 characters in bytes read a piece at a time, and how many of them are common
/// (GB2312's first level of ideographs, or its punctuation).
#[derive(Default)]
struct Common {
    chars: usize,
    common: usize,
    /// The bytes of a character cut by the last piece's end.
    cut: Vec<u8>,
}

impl Common {
    fn feed(&mut self, mut bytes: &[u8]) {
        while !self.cut.is_empty() && !bytes.is_empty() {
            self.cut.push(bytes[0]);
            bytes = &bytes[1..];
            if self.cut.len() == Common::len(&self.cut) {
                let char = std::mem::take(&mut self.cut);
                self.count(&char);
            }
        }
        let mut i = 0;
        while i < bytes.len() {
            let len = Common::len(&bytes[i..]);
            match bytes.get(i..i + len) {
                Some(char) => self.count(char),
                None => self.cut = bytes[i..].to_vec(),
            }
            i += len;
        }
    }

    /// The length of the character `bytes` start with: four bytes in GB18030 where a digit is
    /// second, else two (and two while the second is not known).
    fn len(bytes: &[u8]) -> usize {
        match bytes.get(1) {
            Some(0x30..=0x39) => 4,
            _ => 2,
        }
    }

    fn count(&mut self, char: &[u8]) {
        self.chars += 1;
        self.common += usize::from(matches!(char, [0xB0..=0xD7 | 0xA1..=0xA3, 0xA1..=0xFE]));
    }

    /// Characters and common ones, a character cut by the end counted (as not common).
    fn counted(&self) -> (usize, usize) {
        (self.chars + usize::from(!self.cut.is_empty()), self.common)
    }
}

/// Bytes that no supported encoding reads.
#[derive(Debug, PartialEq, Eq)]
pub struct Undecodable {
    /// Byte offset of the first bad byte in the file.
    pub offset: usize,
    /// 1-based line of that byte (counting `\n`), for 8-bit encodings.
    pub line: Option<u64>,
    /// 1-based column of the cell it is in, where the line's text before it tells (`column_at`).
    pub column: Option<usize>,
    /// What they were read as.
    pub encoding: ReadAs,
    /// The bad bytes, as hex.
    pub bytes: String,
    /// The first bytes that are not UTF-8 in a file whose lines before theirs are UTF-8 and
    /// from theirs on GBK/GB18030: two files in different encodings joined (`mixed`).
    pub then_gbk: bool,
}

/// What bytes that are not text were read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadAs {
    /// An encoding xmtool reads.
    Text(&'static Encoding),
    /// UTF-32 (`UTF-32LE` or `UTF-32BE`, as named), which it does not.
    Utf32(&'static str),
}

impl ReadAs {
    /// Its name in messages (`name_of`).
    pub fn name(self) -> &'static str {
        match self {
            ReadAs::Text(encoding) => name_of(encoding),
            ReadAs::Utf32(name) => name,
        }
    }
}

impl Undecodable {
    /// The error naming these bytes in `file`, at their line when it is known.
    pub fn finding(&self, file: &str) -> crate::finding::Finding {
        let mut f = crate::finding::Finding::error(file, self.message());
        f.line = self.line;
        f.column = self.column;
        f
    }

    /// What is wrong, for a data file: to be saved again as "CSV UTF-8".
    pub fn message(&self) -> String {
        self.message_saving_as("\"CSV UTF-8\"")
    }

    /// What is wrong, and that the file is to be saved again as `save_as`.
    pub fn message_saving_as(&self, save_as: &str) -> String {
        if self.then_gbk {
            return format!(
                "the file is in two encodings, UTF-8 to the line before this one and GBK/GB18030 \
                 from this one on (its first bytes not UTF-8: {} at byte offset {}), as two \
                 files joined leave it (expected one encoding throughout: save each part as \
                 {save_as} before joining them)",
                self.bytes, self.offset
            );
        }
        let expected = "expected text in UTF-8, UTF-16 with a BOM, or GBK/GB18030";
        if let ReadAs::Utf32(name) = self.encoding {
            return format!(
                "is {name} text (its byte order mark {}), which xmtool does not read ({expected}: \
                 save it again as {save_as})",
                self.bytes
            );
        }
        format!(
            "undecodable bytes {} at byte offset {} (read as {}; {expected}: save it again as \
             {save_as})",
            self.bytes,
            self.offset,
            self.encoding.name()
        )
    }
}

/// Bytes starting with UTF-32's byte order mark, which no spreadsheet writes a CSV in: refused as
/// such (read as UTF-16 or UTF-8, their text would be full of NULs and no header be found).
pub fn utf32(head: &[u8]) -> Option<Undecodable> {
    let (name, mark) = match head {
        [0xFF, 0xFE, 0, 0, ..] => ("UTF-32LE", &head[..4]),
        [0, 0, 0xFE, 0xFF, ..] => ("UTF-32BE", &head[..4]),
        _ => return None,
    };
    Some(Undecodable {
        offset: 0,
        line: None,
        column: None,
        encoding: ReadAs::Utf32(name),
        bytes: hex(mark),
        then_gbk: false,
    })
}

/// How many of a file's first bytes `utf16_without_bom` looks at.
pub const HEAD: usize = 64;

/// The UTF-16 of bytes with no byte order mark, where their first `HEAD` bytes (or all, if
/// fewer) read as it and as nothing else could: NULs at every other byte, at least two (the
/// high bytes of ASCII characters: digits, commas, line ends), few between (the low bytes of
/// 一 and the like), and characters that are printable, tabs or line ends throughout. No UTF-8
/// or GBK text holds a NUL.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    const BOMS: [&[u8]; 3] = [b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
    if BOMS.iter().any(|bom| bytes.starts_with(bom)) {
        return None;
    }
    let head = &bytes[..bytes.len().min(HEAD) & !1];
    let nuls = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let encoding = match (nuls(0), nuls(1)) {
        (even, odd) if odd >= 2 && odd >= 4 * even => UTF_16LE,
        (even, odd) if even >= 2 && even >= 4 * odd => UTF_16BE,
        _ => return None,
    };
    let units = head.chunks_exact(2).map(|pair| match encoding == UTF_16LE {
        true => u16::from_le_bytes([pair[0], pair[1]]),
        false => u16::from_be_bytes([pair[0], pair[1]]),
    });
    // (At least two NULs: two units at the least.)
    let last = head.len() / 2 - 1;
    let text = char::decode_utf16(units).enumerate().all(|(i, c)| match c {
        Ok(c) => !c.is_control() || matches!(c, '\t' | '\r' | '\n'),
        // (A character of two units cut by the head's end.)
        Err(e) => i == last && (0xD800..0xDC00).contains(&e.unpaired_surrogate()),
    });
    text.then_some(encoding)
}

/// Where a file ends in zero bytes (NUL), as a copy cut short leaves one (its size set, its last
/// bytes never written): how many, and where the line they begin in begins (0: no line ends
/// before them). No text ends so. UTF-16 is looked at a unit (two bytes) at a time: its own
/// text may end in a zero byte, and its line ends are units (上 is `0A 4E`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZeroTail {
    pub zeros: usize,
    pub line_start: usize,
}

/// The UTF-16 a file whose first bytes are `head` is in, by its byte order mark or as
/// `utf16_without_bom` finds it; `None` for any other text.
pub fn utf16_of(head: &[u8]) -> Option<&'static Encoding> {
    if head.starts_with(b"\xFF\xFE") {
        Some(UTF_16LE)
    } else if head.starts_with(b"\xFE\xFF") {
        Some(UTF_16BE)
    } else {
        utf16_without_bom(head)
    }
}

impl ZeroTail {
    /// The zero tail of a file's bytes, whose first bytes are `head` (`HEAD` of them, or all).
    pub fn of(head: &[u8], bytes: &[u8]) -> Option<ZeroTail> {
        let Some(encoding) = utf16_of(head) else {
            let kept = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            if kept == bytes.len() {
                return None;
            }
            let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..kept]).map_or(0, |at| at + 1);
            return Some(ZeroTail {
                zeros: bytes.len() - kept,
                line_start,
            });
        };
        let units = bytes.len() / 2;
        let unit = |i: usize| {
            let pair = [bytes[2 * i], bytes[2 * i + 1]];
            if encoding == UTF_16LE {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        };
        let kept = (0..units)
            .rev()
            .find(|&i| unit(i) != 0)
            .map_or(0, |i| i + 1);
        let line_start = (0..kept)
            .rev()
            .find(|&i| matches!(unit(i), 0x0A | 0x0D))
            .map_or(0, |i| 2 * (i + 1));
        let zeros = bytes.len() - 2 * kept;
        (units > kept).then_some(ZeroTail { zeros, line_start })
    }
}

/// Decodes a file's bytes whole, or says where they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Undecodable> {
    decode_as(bytes, false)
}

/// `decode`, except that UTF-8 or GBK/GB18030 text whose bad bytes are few (`mended`) is read
/// with a replacement character `�` for each bad sequence, each place named in
/// `Decoded::damaged`: a data file with a damaged cell is read, not refused whole. Text read
/// whole as it is costs no more than with `decode`.
pub fn decode_mending(bytes: &[u8]) -> Result<Decoded<'_>, Undecodable> {
    decode_as(bytes, true)
}

fn decode_as(bytes: &[u8], mend: bool) -> Result<Decoded<'_>, Undecodable> {
    // (A file whose lines from the first bad bytes' on read as GBK/GB18030 is two joined; but
    // where UTF-8 Chinese follows, or ASCII alone, a cell typed in GBK, mended. `decode`, and
    // a file read in blocks, refuse such a file either way.)
    let joined = |utf8_end| mixed(bytes, utf8_end) && !(mend && utf8_again(bytes, utf8_end));
    let mending = |encoding, body: &[u8], skipped, error: Undecodable| match mend {
        true if encoding == UTF_8 && mixed(bytes, error.offset) => {
            match utf8_again(bytes, error.offset) {
                true => mended(encoding, body, bytes, skipped, Weight::Cells).ok_or(error),
                false => Err(Undecodable {
                    then_gbk: true,
                    ..error
                }),
            }
        }
        true => mended(encoding, body, bytes, skipped, Weight::Sequences).ok_or(error),
        false => Err(error),
    };
    if let Some(refused) = utf32(bytes) {
        return Err(refused);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return strict(UTF_8, rest, bytes, 3).or_else(|e| mending(UTF_8, rest, 3, e));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, rest, bytes, 2);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, rest, bytes, 2);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return strict(encoding, bytes, bytes, 0);
    }
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            utf8_runs: Vec::new(),
            damaged: Vec::new(),
        }),
        Err(e) => {
            let utf8_error = || {
                let len = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                undecodable(bytes, e.valid_up_to(), len, UTF_8)
            };
            // As the bytes read as UTF-8 with replacement characters: one for each bad
            // sequence, besides any in the text.
            let (mut bad, mut chinese, mut at) = (0u64, 0u64, 0);
            let mut runs = Utf8Runs::default();
            for chunk in bytes.utf8_chunks() {
                let valid = chunk.valid();
                for c in valid.chars().filter(|&c| c as u32 >= 0x800) {
                    match c {
                        '\u{FFFD}' => bad += 1,
                        _ => chinese += 1,
                    }
                }
                bad += u64::from(!chunk.invalid().is_empty());
                runs.feed(valid, at);
                at += valid.len() + chunk.invalid().len();
            }
            let gbk = strict(GB18030, bytes, bytes, 0);
            let runs = runs.finish();
            let first_run = runs.first().map(|&(offset, _)| offset);
            let joined_error = || Undecodable {
                then_gbk: true,
                ..utf8_error()
            };
            match (weigh(bad, chinese, gbk.is_ok()), gbk) {
                // (A cell typed in GBK below a UTF-8 header, no line after it GBK: mended.)
                (Weighed::Gbk | Weighed::BadGbk, _)
                    if utf8_head(head_end(bytes), first_run, e.valid_up_to()) =>
                {
                    match mend && utf8_again(bytes, e.valid_up_to()) {
                        true => mending(UTF_8, bytes, 0, utf8_error()),
                        false => Err(joined_error()),
                    }
                }
                (Weighed::Gbk, Ok(mut gbk)) => {
                    gbk.utf8_runs = placed(bytes, runs);
                    Ok(gbk)
                }
                (_, Err(_)) if joined(e.valid_up_to()) => Err(joined_error()),
                (Weighed::BadGbk, Err(gbk_error)) => {
                    let mut gbk = mending(GB18030, bytes, 0, gbk_error)?;
                    gbk.utf8_runs = placed(bytes, runs);
                    Ok(gbk)
                }
                _ => mending(UTF_8, bytes, 0, utf8_error()),
            }
        }
    }
}

/// Whether bytes that neither UTF-8 nor GBK/GB18030 reads whole, UTF-8 up to `utf8_end`, read
/// as GBK/GB18030 from the line that offset is in (its lines ended as the splitter ends them,
/// `\r` alone too): a UTF-8 file and a GBK one joined. (Their UTF-8 lines hold characters
/// beyond ASCII, or GBK would read them too.)
fn mixed(bytes: &[u8], utf8_end: usize) -> bool {
    let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..utf8_end]).map_or(0, |i| i + 1);
    line_start > 0 && strict(GB18030, &bytes[line_start..], bytes, line_start).is_ok()
}

/// Whether the first line after the one `utf8_end` is in that holds more than ASCII is UTF-8
/// Chinese (read better as UTF-8 than as GBK, `reads_better_as_utf8`), or no line after it
/// holds more (most rows leave their text cells empty): the bytes before it that are not UTF-8
/// are then a cell typed in GBK in a UTF-8 file, not a GBK file joined below one.
fn utf8_again(bytes: &[u8], utf8_end: usize) -> bool {
    let rest = &bytes[utf8_end.min(bytes.len())..];
    let Some(line_end) = memchr::memchr2(b'\n', b'\r', rest) else {
        return true;
    };
    let next = rest[line_end..]
        .split(|&b| matches!(b, b'\n' | b'\r'))
        .find(|line| !line.is_ascii());
    next.is_none_or(utf8_chinese)
}

/// Whether a line is UTF-8 whose Chinese reads better as UTF-8 than as GBK (`utf8_again`).
fn utf8_chinese(line: &[u8]) -> bool {
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let mut chinese = Chinese::default();
    chinese.feed(line);
    chinese.any() && chinese.reads_better_as_utf8()
}

/// Whether bytes UTF-8 up to `utf8_end` and weighed as GBK/GB18030 are a UTF-8 file and a GBK
/// one joined all the same: their first line that is not blank ends (at `head_end`, as
/// `head_end` finds it) before `utf8_end`, and holds their first UTF-8 Chinese (the first run
/// `Utf8Runs` finds, at `first_run`). A UTF-8 header row whose every cell is of an even number of
/// Chinese characters is GBK too, misread (项目编号 as 椤圭洰缂栧彿), and the file's GBK rows
/// would have it read so; a cell pasted from a UTF-8 file into a GBK one is below the GBK
/// header or title, and its file is read as GBK (`Utf8Run`).
pub(super) fn utf8_head(
    head_end: Option<usize>,
    first_run: Option<usize>,
    utf8_end: usize,
) -> bool {
    matches!((head_end, first_run), (Some(end), Some(run)) if run < end && end < utf8_end)
}

/// Where the first line of `bytes` that is not blank (`blank`) ends: the offset of its line
/// end (`\n` or `\r`, as the splitter ends lines).
fn head_end(bytes: &[u8]) -> Option<usize> {
    let first = bytes.iter().position(|&b| !blank(b))?;
    memchr::memchr2(b'\n', b'\r', &bytes[first..]).map(|i| first + i)
}

/// A byte a blank line is made of: a space, a line end or a separator (as a row of empty cells
/// above a header leaves it).
pub(super) fn blank(b: u8) -> bool {
    b.is_ascii_whitespace() || super::split::Delimiter::ALL_BYTES.contains(&b)
}

/// The runs `Utf8Runs` found in `bytes` (offsets and UTF-8 text, in order), with their lines
/// and columns (placed as damaged cells are, `Position`) and their text as GBK/GB18030 reads it.
fn placed(bytes: &[u8], runs: Vec<(usize, String)>) -> Vec<Utf8Run> {
    let mut at = Position::new(Some(split::Delimiter::sniff_bytes(bytes).byte()));
    let mut read = 0;
    runs.into_iter()
        .map(|(offset, utf8)| {
            let offset = offset.clamp(read, bytes.len());
            at.pass(&bytes[read..offset]);
            read = offset;
            Utf8Run::at(offset, at.line(), at.column(), utf8)
        })
        .collect()
}

/// What bytes that are not all UTF-8 are.
pub(super) enum Weighed {
    /// GBK/GB18030 text.
    Gbk,
    /// Damaged UTF-8: its first bad bytes are named.
    BadUtf8,
    /// Damaged GBK/GB18030: its first bad bytes are named.
    BadGbk,
}

/// Weighs bytes that are not all UTF-8 by how they read as UTF-8 with replacements (`bad`
/// replacement characters, `chinese` characters from U+0800 up) and whether GBK/GB18030 reads
/// them all. Mostly valid UTF-8 Chinese with a bad byte here and there is a damaged UTF-8 file;
/// GBK text read as UTF-8 is mostly invalid, though a few of its characters may happen to be
/// valid (淇 in GBK is E4 BF). GBK bytes nearly always decode as GB18030, so both are weighed.
pub(super) fn weigh(bad: u64, chinese: u64, gbk_reads: bool) -> Weighed {
    match gbk_reads {
        true if chinese <= 4 * bad => Weighed::Gbk,
        true => Weighed::BadUtf8,
        false if chinese > bad => Weighed::BadUtf8,
        false => Weighed::BadGbk,
    }
}

/// An encoding's name in messages: GB18030 reads GBK too, and is named for both.
pub fn name_of(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GBK/GB18030"
    } else {
        encoding.name()
    }
}

/// Decodes `body` with no replacement of the decoder's own: its text, and each bad sequence's
/// offset in `body` and length, read as `�`; up to the first alone where `first_only`.
fn decode_marking(
    encoding: &'static Encoding,
    body: &[u8],
    first_only: bool,
) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut bad = Vec::new();
    Marker::new(encoding, 0).decode(body, &mut text, true, |b| {
        bad.push((b.offset, b.len));
        match first_only {
            true => ControlFlow::Break(()),
            false => ControlFlow::Continue(()),
        }
    });
    (text, bad)
}

/// Decodes text a block at a time with no replacement of the decoder's own: each bad sequence
/// is read as `�` and handed on, placed (`Bad`). A file read whole is one block.
pub(super) struct Marker {
    decoder: Decoder,
    /// Byte order mark bytes still to skip.
    skip: usize,
    /// The offset of the next byte in all those fed, and the last few bytes before it (for a
    /// bad sequence begun in an earlier block).
    at: usize,
    tail: Vec<u8>,
    /// The bytes of the bad sequence handed on.
    shown: Vec<u8>,
}

/// A bad sequence, read as `�`: its offset in the bytes fed, its length, its bytes (as far as
/// kept) and where its `�` is in the text it was decoded onto.
pub(super) struct Bad<'a> {
    pub(super) offset: usize,
    pub(super) len: usize,
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl Marker {
    /// Decodes `encoding` after a byte order mark of `bom` bytes.
    pub(super) fn new(encoding: &'static Encoding, bom: usize) -> Marker {
        Marker {
            decoder: encoding.new_decoder_without_bom_handling(),
            skip: bom,
            at: 0,
            tail: Vec::new(),
            shown: Vec::new(),
        }
    }

    /// Appends the text of the next bytes to `out` (`last`: the last), handing `each` bad
    /// sequence. Where `each` breaks, decoding stops there, the `�` not appended (and the
    /// marker is not to be fed again).
    pub(super) fn decode(
        &mut self,
        block: &[u8],
        out: &mut String,
        last: bool,
        mut each: impl FnMut(Bad) -> ControlFlow<()>,
    ) {
        let start = self.at;
        let skip = self.skip.min(block.len());
        self.skip -= skip;
        let mut read = skip;
        loop {
            if let Some(room) =
                (self.decoder).max_utf8_buffer_length_without_replacement(block.len() - read)
            {
                out.reserve(room);
            }
            let (result, n) =
                (self.decoder).decode_to_string_without_replacement(&block[read..], out, last);
            read += n;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => out.reserve(block.len() - read + 16),
                DecoderResult::Malformed(len, after) => {
                    let (len, after) = (usize::from(len), usize::from(after));
                    let offset = (start + read).saturating_sub(len + after);
                    let tail_start = start - self.tail.len();
                    let bytes =
                        (offset..offset + len.max(1)).map_while(|o| match o.checked_sub(start) {
                            Some(i) => block.get(i).copied(),
                            None => self.tail.get(o.checked_sub(tail_start)?).copied(),
                        });
                    self.shown.clear();
                    self.shown.extend(bytes);
                    let bad = Bad {
                        offset,
                        len,
                        bytes: &self.shown,
                        at: out.len(),
                    };
                    if each(bad).is_break() {
                        return;
                    }
                    out.push('\u{FFFD}');
                }
            }
        }
        self.at += block.len();
        self.tail
            .extend_from_slice(&block[block.len().saturating_sub(8)..]);
        let excess = self.tail.len().saturating_sub(8);
        self.tail.drain(..excess);
    }
}

/// Decodes without replacement characters, or says where decoding failed.
fn strict<'a>(
    encoding: &'static Encoding,
    body: &'a [u8],
    whole: &[u8],
    skipped: usize,
) -> Result<Decoded<'a>, Undecodable> {
    match decode_marking(encoding, body, true) {
        (text, bad) if bad.is_empty() => Ok(Decoded {
            text: Cow::Owned(text),
            encoding: name_of(encoding),
            utf8_runs: Vec::new(),
            damaged: Vec::new(),
        }),
        (_, bad) => {
            let (at, len) = bad[0];
            Err(undecodable(whole, skipped + at, len, encoding))
        }
    }
}

/// How bad bytes are counted against `DAMAGE_ALLOWED_PER`.
#[derive(Clone, Copy, PartialEq)]
enum Weight {
    /// Each bad sequence once.
    Sequences,
    /// Each cell they are in once: the cells typed in GBK in a UTF-8 file (`utf8_again`), one
    /// a few characters long being a sequence or more for each (a district's file of three
    /// rows was refused whole for one).
    Cells,
}

/// Whether text of `chars` characters (not counting `�` for bad sequences), with `bad` bad
/// sequences and `controls` control characters (but tabs and line ends), is too damaged to be
/// read (`DAMAGE_ALLOWED_PER`).
pub(super) fn too_damaged(bad: usize, controls: usize, chars: usize) -> bool {
    (bad + controls).saturating_mul(DAMAGE_ALLOWED_PER) > chars.max(64)
}

/// Whether a character counts as a control character in `too_damaged`.
pub(super) fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\r' | '\n')
}

/// Decodes UTF-8 or GBK/GB18030 `body` (of `whole`, after `skipped` bytes) with a replacement
/// character for each bad sequence, where they are few (`DAMAGE_ALLOWED_PER`, `weight`); else
/// `None`.
/// The bad sequences of one cell are one place, those next to each other shown together.
/// (Neither encoding's bad sequence takes in an ASCII byte after it: a separator,
/// quote or line end after a bad byte is read as such.)
fn mended(
    encoding: &'static Encoding,
    body: &[u8],
    whole: &[u8],
    skipped: usize,
    weight: Weight,
) -> Option<Decoded<'static>> {
    let (text, mut bad) = decode_marking(encoding, body, false);
    // (Offset in the whole file and length of each bad sequence.)
    for (at, _) in &mut bad {
        *at += skipped;
    }
    let chars = text.chars().count().saturating_sub(bad.len());
    let controls = text.chars().filter(|&c| is_control(c)).count();
    let too_many = |weighed: usize| too_damaged(weighed, controls, chars);
    if weight == Weight::Sequences && too_many(bad.len()) {
        return None;
    }
    // (The separator as the splitter finds it, on the text's first lines: not a title's.)
    let separator = split::Delimiter::sniff(&text).byte();
    let damaged = places_of(whole, &bad, separator, name_of(encoding));
    if weight == Weight::Cells && too_many(damaged.len()) {
        return None;
    }
    Some(Decoded {
        text: Cow::Owned(text),
        encoding: name_of(encoding),
        utf8_runs: Vec::new(),
        damaged,
    })
}

/// The places of bad sequences in `bytes` (offsets and lengths, in order) with their lines and
/// columns, those of one cell as one, cells kept apart by `separator` (`Placer`). The bytes are
/// read once, forward: a file of old Mac line ends and many damaged cells is placed as fast as
/// any.
fn places_of(
    bytes: &[u8],
    bad: &[(usize, usize)],
    separator: u8,
    encoding: &'static str,
) -> Vec<Damaged> {
    let mut placer = Placer::new(separator, encoding);
    let mut read = 0;
    for &(offset, len) in bad {
        let offset = offset.clamp(read, bytes.len());
        placer.pass(&bytes[read..offset]);
        read = offset;
        placer.place(
            offset,
            len,
            &bytes[offset..(offset + len.max(1)).min(bytes.len())],
        );
    }
    placer.places.into()
}

/// Where a file read forward, a piece at a time, has got to: the line, counted as the splitter
/// counts them (`\r\n`, `\r` and `\n` one each), and the cells of it so far, kept apart by
/// `separator` outside quotes (`None`: the line's own, as `column_at` takes it). A file of old
/// Mac line ends and many places is placed as fast as any.
#[derive(Clone)]
pub(super) struct Position {
    separator: Option<u8>,
    line: u64,
    cells: Cells,
    /// Whether the last byte passed over was `\r` (a `\n` after it ends no line of its own).
    after_cr: bool,
}

impl Position {
    pub(super) fn new(separator: Option<u8>) -> Position {
        Position {
            separator,
            line: 1,
            cells: Cells::new(separator),
            after_cr: false,
        }
    }

    /// Keeps cells apart by `separator` from the next line on (a file's first line tells it,
    /// once read through).
    pub(super) fn set_separator(&mut self, separator: u8) {
        self.separator = Some(separator);
    }

    /// Passes over the next bytes.
    pub(super) fn pass(&mut self, bytes: &[u8]) {
        let mut line_start = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let cr_before = match i {
                0 => self.after_cr,
                _ => bytes[i - 1] == b'\r',
            };
            self.line += u64::from(!(bytes[i] == b'\n' && cr_before));
            line_start = Some(i + 1);
        }
        if line_start.is_some() {
            self.cells = Cells::new(self.separator);
        }
        (bytes[line_start.unwrap_or(0)..].iter()).for_each(|&b| self.cells.feed(b));
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
    }

    /// The 1-based line passed over to.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// The column of the cell passed over to (`column_at`).
    pub(super) fn column(&self) -> Option<usize> {
        self.cells.column()
    }
}

/// Places bad sequences (`Damaged`) in a file read forward, a piece at a time (`Position`): its
/// bytes, or its text with a `�` for each bad sequence (a separator, quote or line end is the
/// same byte in both). The bad sequences of one cell are one place.
pub(super) struct Placer {
    at: Position,
    encoding: &'static str,
    places: std::collections::VecDeque<Damaged>,
}

impl Placer {
    pub(super) fn new(separator: u8, encoding: &'static str) -> Placer {
        Placer {
            at: Position::new(Some(separator)),
            encoding,
            places: Default::default(),
        }
    }

    /// Passes over the next bytes, up to a bad sequence or a piece's end.
    pub(super) fn pass(&mut self, bytes: &[u8]) {
        self.at.pass(bytes);
    }

    /// Places a bad sequence at byte `offset` of the file, of `len` bytes (`shown`, as far as
    /// they are known), where the bytes passed over end.
    pub(super) fn place(&mut self, offset: usize, len: usize, shown: &[u8]) {
        let (line, column) = (self.at.line(), self.at.column());
        let shown = hex(shown);
        match self.places.back_mut() {
            Some(last) if last.line == line && last.column == column && column.is_some() => {
                let next_to = last.end == offset;
                if last.replaced < DAMAGED_SHOWN {
                    let and = if next_to { " " } else { ", " };
                    last.bytes = format!("{}{and}{shown}", last.bytes);
                } else if last.replaced == DAMAGED_SHOWN {
                    last.bytes.push_str(" …");
                }
                last.replaced += 1;
                last.end = offset + len;
            }
            _ => self.places.push_back(Damaged {
                offset,
                line,
                column,
                encoding: self.encoding,
                bytes: shown,
                replaced: 1,
                end: offset + len,
            }),
        }
    }

    /// Moves the places found to `into`, but for one that a bad sequence still to come could
    /// add to (on the line being passed over), unless `all`.
    pub(super) fn hand_over(&mut self, into: &mut std::collections::VecDeque<Damaged>, all: bool) {
        let open = self
            .places
            .back()
            .is_some_and(|last| last.line == self.at.line());
        let keep = usize::from(open && !all);
        let n = self.places.len().saturating_sub(keep);
        into.extend(self.places.drain(..n));
    }
}

/// The bytes of `len` at `offset` of `bytes`, which `encoding` does not read, placed where it
/// is `eight_bit`.
fn undecodable(
    bytes: &[u8],
    offset: usize,
    len: usize,
    encoding: &'static Encoding,
) -> Undecodable {
    let shown = &bytes[offset.min(bytes.len())..(offset + len.max(1)).min(bytes.len())];
    let (line, column) = match eight_bit(encoding) {
        true => {
            // (Where the bad byte is on the first line, its own separators tell.)
            let before = &bytes[..offset.min(bytes.len())];
            let separator = memchr::memchr2(b'\n', b'\r', before)
                .map(|_| split::Delimiter::sniff_bytes(bytes).byte());
            let mut at = Position::new(separator);
            at.pass(before);
            (Some(at.line()), at.column())
        }
        false => (None, None),
    };
    Undecodable {
        offset,
        line,
        column,
        encoding: ReadAs::Text(encoding),
        bytes: hex(shown),
        then_gbk: false,
    }
}

/// Whether `encoding` is of 8-bit units (UTF-8, GBK/GB18030), not UTF-16: its line ends and
/// separators are never part of a character, so bytes it does not read are placed at their
/// line and cell, and a few of them are mended (`mended`).
pub(super) fn eight_bit(encoding: &'static Encoding) -> bool {
    encoding == UTF_8 || encoding == GB18030
}

/// The 1-based column of the cell a delimited line's bytes `before` end in, counting the
/// separators outside quotes (a quote opens a quoted cell only at a cell's start, as in CSV).
/// `separator` is the file's, as its first lines show (`Delimiter::sniff`); without it, the
/// line's own tell, and `None` where they are of more than one kind. (A line inside a quoted
/// cell of several lines is taken for a row's start; an 8-bit encoding's separators are never
/// part of a character.) Files are placed a piece at a time by `Position`, which counts so; this is
/// the rule, on one line, for its tests.
#[cfg(test)]
fn column_at(before: &[u8], separator: Option<u8>) -> Option<usize> {
    let mut cells = Cells::new(separator);
    before.iter().for_each(|&b| cells.feed(b));
    cells.column()
}

/// A line's cells read a byte at a time, as `column_at` counts them.
#[derive(Clone)]
struct Cells {
    separator: Option<u8>,
    /// Each separator's count outside quotes, in `Delimiter::ALL_BYTES`' order.
    counts: [usize; 3],
    /// Whether in a quoted cell, whether the byte before was a quote in it (closing it, unless
    /// another follows), and whether at a cell's start.
    quoted: bool,
    quote_in_quoted: bool,
    at_start: bool,
}

impl Cells {
    const SEPARATORS: [u8; 3] = super::split::Delimiter::ALL_BYTES;

    fn new(separator: Option<u8>) -> Cells {
        Cells {
            separator,
            counts: [0; 3],
            quoted: false,
            quote_in_quoted: false,
            at_start: true,
        }
    }

    fn feed(&mut self, b: u8) {
        if self.quoted {
            match std::mem::take(&mut self.quote_in_quoted) {
                // (`""` in a quoted cell is a quote.)
                true if b == b'"' => return,
                true => self.quoted = false,
                false => {
                    self.quote_in_quoted = b == b'"';
                    return;
                }
            }
        }
        if let Some(i) = Self::SEPARATORS.iter().position(|&s| s == b) {
            self.counts[i] += 1;
        }
        self.quoted = b == b'"' && self.at_start;
        self.at_start = self
            .separator
            .map_or(Self::SEPARATORS.contains(&b), |s| s == b);
    }

    /// The 1-based column of the cell the bytes fed end in (`column_at`).
    fn column(&self) -> Option<usize> {
        let counts = self.counts;
        match (self.separator).and_then(|s| Self::SEPARATORS.iter().position(|&x| x == s)) {
            Some(i) => Some(1 + counts[i]),
            None => match counts.iter().filter(|&&n| n > 0).count() {
                0 | 1 => Some(1 + counts.iter().sum::<usize>()),
                _ => None,
            },
        }
    }
}

/// Bytes as they are named in messages: `0xFF 0xFE`.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_bytes_column_is_counted_by_the_files_separator() {
        let column = |before: &str, separator| column_at(before.as_bytes(), separator);
        assert_eq!(column("A1,2024-06,", Some(b',')), Some(3));
        // A quote opens a quoted cell only at a cell's start; "" inside one is a quote.
        assert_eq!(column("A1,\"a,\"\"b\",c,", Some(b',')), Some(4));
        assert_eq!(column("A1,5\"屏,x,", Some(b',')), Some(4));
        // Another separator in a cell is text.
        assert_eq!(column("A1;x,", Some(b',')), Some(2));
        assert_eq!(column("A1;x;", Some(b';')), Some(3));
        // The first line, its separator not known: its own, unless of two kinds.
        assert_eq!(column("a\tb\t", None), Some(3));
        assert_eq!(column("a,b;", None), None);
    }

    fn gbk(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn utf16_without_a_bom_is_known_by_its_first_bytes() {
        let le = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let be = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_be_bytes).collect() };
        let title = "金川区2024年6月重点项目进展情况表\r\n项目编号,累计完成投资\r\n";
        assert_eq!(utf16_without_bom(&le(title)), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&be(title)), Some(UTF_16BE));
        assert_eq!(utf16_without_bom(&le("A1,50")), Some(UTF_16LE));
        // 一 is 00 4E.
        assert_eq!(utf16_without_bom(&le("第一季度,A1,50")), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&be("第一季度,A1,50")), Some(UTF_16BE));
        // A character of two units whole at the head's end, and cut by it.
        let whole = format!("{}𠀀", "A,".repeat(HEAD / 4 - 1));
        assert_eq!(utf16_without_bom(&le(&whole)), Some(UTF_16LE));
        let cut = format!("{}A𠀀B,", "A,".repeat(HEAD / 4 - 1));
        assert_eq!(utf16_without_bom(&le(&cut)), Some(UTF_16LE));
        // One NUL, NULs at both places (UTF-32), control characters, and no NUL at all: not so
        // known.
        assert_eq!(utf16_without_bom(&le("项目编号A")), None);
        let utf32: Vec<u8> = "A1,50,"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(utf16_without_bom(&utf32), None);
        assert_eq!(utf16_without_bom(b"A\0\0B,\0"), None);
        assert_eq!(utf16_without_bom(&le("A\u{1}B,C")), None);
        assert_eq!(utf16_without_bom("项目编号,A1,50".as_bytes()), None);
        assert_eq!(utf16_without_bom(&gbk("项目编号,A1,50")), None);
        // With a byte order mark, it is the mark's.
        for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xEF\xBB\xBF"] {
            assert_eq!(utf16_without_bom(&[bom, &le(title)].concat()), None);
        }
        // Read whole as it is in blocks (`stream`'s tests), with its line ends.
        let bytes = le(title);
        let text = decode(&bytes).unwrap();
        assert_eq!((text.text.as_ref(), text.encoding), (title, "UTF-16LE"));
    }

    #[test]
    fn every_encoding_clerks_send() {
        let text = "项目编号,项目名称\nA1,金川区路网\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let mut utf16le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
        }
        let mut utf16be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            utf16be.extend_from_slice(&u.to_be_bytes());
        }
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8"),
            (utf16le, "UTF-16LE"),
            (utf16be, "UTF-16BE"),
            (gbk(text), "GBK/GB18030"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text, "{encoding}");
            assert_eq!(d.encoding, encoding);
        }
    }

    #[test]
    fn damaged_utf8_names_the_byte() {
        let mut bytes = "项目编号,名称\nA1,".as_bytes().to_vec();
        let offset = bytes.len();
        bytes.extend_from_slice(b"\xFF\xFEx\n");
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.offset, offset);
        assert_eq!(e.line, Some(2));
        assert_eq!(e.encoding, ReadAs::Text(UTF_8));
        assert!(e.message().contains("0xFF"), "{}", e.message());
    }

    #[test]
    fn a_few_damaged_cells_are_mended_and_bytes_not_text_are_not() {
        let mut bytes = "项目编号,形象进度\nA1,主体".as_bytes().to_vec();
        let offset = bytes.len();
        bytes.extend_from_slice(b"\xFF\xFE");
        bytes.extend_from_slice("完工,".as_bytes());
        // A character cut, at the file's end (no line end after it).
        bytes.extend_from_slice(b"\xE5\x9C");
        assert!(decode(&bytes).is_err());
        let d = decode_mending(&bytes).unwrap();
        assert_eq!(
            d.text,
            "项目编号,形象进度\nA1,主体\u{FFFD}\u{FFFD}完工,\u{FFFD}"
        );
        let places: Vec<_> = d
            .damaged
            .iter()
            .map(|p| (p.offset, p.line, p.column))
            .collect();
        assert_eq!(places, [(offset, 2, Some(2)), (offset + 9, 2, Some(3))]);
        assert_eq!(
            (d.damaged[0].bytes.as_str(), d.damaged[0].replaced),
            ("0xFF 0xFE", 2)
        );
        assert_eq!(d.damaged[1].bytes, "0xE5 0x9C");
        // GBK with a stray byte: read as GBK, the byte named.
        let mut bytes = gbk("项目编号,存在问题\nA1,资金");
        bytes.push(0xFF);
        bytes.extend(gbk("缺口\n"));
        let d = decode_mending(&bytes).unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("项目编号,存在问题\nA1,资金\u{FFFD}缺口\n", "GBK/GB18030")
        );
        // Binary bytes, and text with control characters throughout: not mended.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect();
        assert!(decode_mending(&noise).is_err());
        let mut controls = "项目编号,形象进度\n".as_bytes().to_vec();
        controls.extend([0xFF, 1, 2, 3, 4, 5, 6]);
        assert!(decode_mending(&controls).is_err());
        // UTF-8 with a BOM and GBK joined: two files in two encodings, not one damaged. (One
        // line of GBK, the last, is a cell or row typed in GBK: mended.)
        let mut joined = b"\xEF\xBB\xBF".to_vec();
        joined.extend_from_slice("项目编号,项目名称\nA1,金川区路网\n".as_bytes());
        joined.extend(gbk("A2,南屏县学校\n"));
        assert_eq!(decode_mending(&joined).unwrap().damaged.len(), 1);
        joined.extend(gbk("A3,城关镇道路\n"));
        assert!(decode_mending(&joined).unwrap_err().then_gbk);
    }

    /// Lines were counted by `\n` alone: in a file of `\r` line ends, every place was line 1.
    /// (Each bad sequence was also placed from its line's start, in time of the file's size
    /// squared there; now in one pass.)
    #[test]
    fn damaged_cells_are_placed_in_one_pass_whatever_the_line_ends() {
        const ROWS: usize = 3_000;
        let mut bytes = "项目编号,报告月份,形象进度\r".as_bytes().to_vec();
        for i in 0..ROWS {
            let end = ["\r", "\n", "\r\n"][i % 3];
            bytes.extend_from_slice(format!("A{i},2024-06,基础").as_bytes());
            bytes.push(0xFF);
            bytes.extend_from_slice(format!("施工{end}").as_bytes());
        }
        let d = decode_mending(&bytes).unwrap();
        assert_eq!(d.damaged.len(), ROWS);
        for (i, place) in d.damaged.iter().enumerate() {
            assert_eq!((place.line, place.column), (i as u64 + 2, Some(3)));
        }
    }

    #[test]
    fn a_utf8_header_above_gbk_rows_is_two_encodings_and_a_pasted_cell_is_not() {
        // Each header of an even number of characters: GBK reads the UTF-8 bytes too.
        let header = "项目编号,报告月份,存在问题\n";
        let rows = gbk("A1,2024-06,资金\nA2,2024-06,征地\n");
        let bytes = [header.as_bytes(), &rows].concat();
        for decoded in [decode(&bytes), decode_mending(&bytes)] {
            let e = decoded.unwrap_err();
            assert_eq!((e.then_gbk, e.line, e.column), (true, Some(2), Some(3)));
        }
        // Below a title in GBK, or an ASCII header: a cell pasted from a UTF-8 file, named.
        for above in [gbk("金川区重点项目\n"), b"id,month,problems\n".to_vec()] {
            let bytes = [&above, "征地拆迁,,\n".as_bytes(), &rows].concat();
            let d = decode_mending(&bytes).unwrap();
            assert_eq!(d.encoding, "GBK/GB18030");
            let runs: Vec<_> = d
                .utf8_runs
                .iter()
                .map(|r| (r.line, r.utf8.as_str()))
                .collect();
            assert_eq!(runs, [(2, "征地拆迁")]);
        }
    }

    #[test]
    fn gbk_whose_first_characters_are_valid_utf8() {
        // 淇 in GBK is E4 BF, and E4 BF B1 is valid UTF-8.
        let text = "淇滨区2024年重点项目,,\n项目编号,项目名称,所属县区\nA1,淇滨区路网,淇滨区\n";
        let bytes = gbk(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GBK/GB18030");
    }

    #[test]
    fn bytes_neither_utf8_nor_gbk() {
        let e = decode(b"id,name\nA1,\x81\x20\n").unwrap_err();
        assert_eq!(e.encoding, ReadAs::Text(GB18030));
        assert_eq!(e.offset, 11);
        assert_eq!(e.line, Some(2));
    }

    use proptest::prelude::*;

    proptest! {
        /// simdutf8 checks UTF-8 here; its verdict and the place and length of the first bad
        /// sequence are the standard library's, which the messages were written against.
        #[test]
        fn utf8_is_checked_as_the_standard_library_does(
            pieces in proptest::collection::vec(
                prop_oneof![
                    proptest::collection::vec(proptest::num::u8::ANY, 0..4),
                    "[a-z,\\n项目编号金川区]{0,40}".prop_map(String::into_bytes),
                ],
                0..80,
            )
        ) {
            let bytes = pieces.concat();
            let fast = simdutf8::compat::from_utf8(&bytes)
                .map_err(|e| (e.valid_up_to(), e.error_len()));
            let std = std::str::from_utf8(&bytes).map_err(|e| (e.valid_up_to(), e.error_len()));
            prop_assert_eq!(fast, std);
        }
    }
}
