//! Delimited text too large to hold, read a block at a time: memory grows with the longest
//! record, not with the file's size (a quote left open makes the rest of the file one record).
//!
//! A file is read twice (three times when it is not UTF-8). The first reading hashes it and
//! finds its encoding, as `decode` would for the whole file (UTF-8 with or without a BOM, UTF-16
//! with a BOM, else GBK/GB18030 unless the bytes are mostly UTF-8; a file that is not UTF-8 is
//! read through again to weigh which), so that no row is handed on from a file that turns out not
//! to be text. The last reading decodes it for splitting, block by block. A file whose size or
//! time of last change differs by then, or whose bytes no longer decode, has changed meanwhile.
//! A file with a few bad bytes in UTF-8 or GBK/GB18030 text is read through once more, to tell
//! how damaged it is, as `decode::decode_mending` would: then its last reading reads each bad
//! sequence as `�`, placing it, and finds the same bad sequences as that reading, or the file has
//! changed meanwhile.

use std::fs::File;
use std::io::{Read, Seek};
use std::ops::ControlFlow;

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use sha2::Digest;

use super::decode::{
    Bad, Damaged, Marker, Placer, Position, ReadAs, Undecodable, Utf8Run, Utf8Runs, Weighed,
    ZeroTail, eight_bit, name_of, weigh,
};
use super::split::{Block, Blocks};

/// The bytes read at once: few enough to stay in a core's nearer cache while the block is hashed
/// and checked after the system copies it in (64 KiB took 0.92 to 0.95× the CPU time of 1 MiB
/// at 100k projects; 32 KiB no less).
const BLOCK: usize = 1 << 16;

/// A file's encoding, as its bytes showed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// UTF-8, after a byte order mark of this many bytes (0 or 3).
    Utf8 { bom: usize },
    /// UTF-16 or GBK/GB18030, after a byte order mark of this many bytes.
    Other {
        encoding: &'static Encoding,
        bom: usize,
    },
    /// UTF-8 or GBK/GB18030 text with a few bad sequences, read as `decode::decode_mending`
    /// reads it: each read as `�`, and its place named (`decode::Damaged`).
    Damaged {
        encoding: &'static Encoding,
        bom: usize,
        tally: Tally,
    },
}

impl Found {
    pub fn encoding(self) -> &'static Encoding {
        match self {
            Found::Utf8 { .. } => UTF_8,
            Found::Other { encoding, .. } | Found::Damaged { encoding, .. } => encoding,
        }
    }
}

/// The bad sequences of a damaged file, as its first readings found them: how many, and a
/// digest of their offsets and lengths. Its last reading finds the same, or the file has
/// changed meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    sequences: u64,
    digest: u64,
}

/// Decodes UTF-8 or GBK/GB18030 a block at a time with a replacement character `�` for each
/// bad sequence (as `decode::decode_mending` does the whole), noting each.
struct Mender {
    marker: Marker,
    sequences: u64,
    digest: std::hash::DefaultHasher,
}

/// A bad sequence, read as `�` (`decode::Bad`), kept until it is placed.
struct Replaced {
    offset: usize,
    len: usize,
    bytes: Vec<u8>,
    at: usize,
}

impl Mender {
    fn new(encoding: &'static Encoding, bom: usize) -> Mender {
        Mender {
            marker: Marker::new(encoding, bom),
            sequences: 0,
            digest: std::hash::DefaultHasher::new(),
        }
    }

    /// Appends the text of the next bytes to `out` (`last`: the file's last), handing `each`
    /// bad sequence.
    fn decode(&mut self, block: &[u8], out: &mut String, last: bool, mut each: impl FnMut(Bad)) {
        use std::hash::Hasher;
        let Mender {
            marker,
            sequences,
            digest,
        } = self;
        marker.decode(block, out, last, |bad| {
            *sequences += 1;
            digest.write_usize(bad.offset);
            digest.write_usize(bad.len);
            each(bad);
            ControlFlow::Continue(())
        });
    }

    fn tally(&self) -> Tally {
        use std::hash::Hasher;
        Tally {
            sequences: self.sequences,
            digest: self.digest.finish(),
        }
    }
}

/// Reads a file that `refused` names as not text in UTF-8 or GBK/GB18030 through again (its
/// first `read` bytes, whose first are `head`), decoding it as `decode::decode_mending` would:
/// with a few bad sequences, it is read, each as `�` (`Found::Damaged`); else it is refused.
fn mended(
    file: &mut File,
    read: u64,
    head: &[u8],
    refused: Undecodable,
    block: &mut Vec<u8>,
) -> std::io::Result<Result<Found, Undecodable>> {
    let encoding = match refused.encoding {
        ReadAs::Text(encoding) if !refused.then_gbk && eight_bit(encoding) => encoding,
        _ => return Ok(Err(refused)),
    };
    let bom = match encoding == UTF_8 && head.starts_with(b"\xEF\xBB\xBF") {
        true => 3,
        false => 0,
    };
    file.rewind()?;
    let mut mender = Mender::new(encoding, bom);
    let (mut chars, mut controls, mut text) = (0usize, 0usize, String::new());
    each_block(&mut (&*file).take(read), block, |bytes, last| {
        text.clear();
        mender.decode(bytes, &mut text, last, |_| {});
        chars += text.chars().count();
        controls += text
            .chars()
            .filter(|&c| super::decode::is_control(c))
            .count();
    })?;
    let tally = mender.tally();
    let bad = usize::try_from(tally.sequences).unwrap_or(usize::MAX);
    if super::decode::too_damaged(bad, controls, chars.saturating_sub(bad)) {
        return Ok(Err(refused));
    }
    Ok(Ok(Found::Damaged {
        encoding,
        bom,
        tally,
    }))
}

/// Looks at bytes a block at a time and says what encoding reads them all: the same verdict as
/// `decode::decode` on the whole.
pub struct Sniffer {
    /// The first bytes, until there are enough to look for a byte order mark.
    head: Vec<u8>,
    mode: Option<Mode>,
    /// Bytes fed before the block being looked at.
    fed: usize,
    /// Where they end: the line and cell, counted as a file read whole counts them.
    at: Position,
    /// The last few of them, for a bad sequence that began in an earlier block.
    tail: Vec<u8>,
    /// Those since the last line end, to read that line from its start; `None` past
    /// `LINE_KEPT`.
    line: Option<Vec<u8>>,
    /// The first bytes, held until there are enough to judge the file's separator on
    /// (`split::enough_to_sniff`), as the file is split by it; `None` once it is judged.
    unjudged: Option<Vec<u8>>,
    /// Whether a byte that is not blank (`decode::blank`) has been fed, and where the line it
    /// is in ends, once fed (`decode::head_end`).
    head_seen: bool,
    head_end: Option<usize>,
    /// Whether the verdict is `decode::decode_mending`'s (which names a file in two encodings
    /// that has a byte order mark), not `decode::decode`'s.
    mend: bool,
}

/// How much of a line is kept from one block to the next, to read it from its start as
/// GBK/GB18030 (`Place::gbk_from_line_of`).
const LINE_KEPT: usize = 4096;

/// Looks, from the first bytes that are not UTF-8 on, for the first line after theirs that
/// holds more than ASCII, and tells whether it is UTF-8 Chinese (`decode::utf8_again`): the
/// bytes not UTF-8 are then a cell typed in GBK in a UTF-8 file, not a GBK file joined below it.
/// The line is weighed as it is read, however long: none of it is kept.
#[derive(Default)]
struct Again {
    /// Whether the line of the first bytes not UTF-8 has ended.
    past: bool,
    /// The line being read after it: whether it holds more than ASCII, whether it is UTF-8
    /// (`None` once it is not), and its Chinese, weighed.
    beyond_ascii: bool,
    utf8: Option<Utf8Blocks>,
    chinese: super::decode::Chinese,
    verdict: Option<bool>,
}

impl Again {
    /// Looks at the next bytes (`last`: the file's last).
    fn feed(&mut self, mut bytes: &[u8], last: bool) {
        while self.verdict.is_none() {
            let end = memchr::memchr2(b'\n', b'\r', bytes);
            if !self.past {
                let Some(end) = end else {
                    break;
                };
                (self.past, bytes) = (true, &bytes[end..]);
                self.next_line();
                continue;
            }
            let Some(end) = end else {
                self.weigh(bytes);
                break;
            };
            self.weigh(&bytes[..end]);
            if self.beyond_ascii {
                self.verdict = Some(self.utf8_chinese());
            }
            self.next_line();
            bytes = &bytes[end + 1..];
        }
        // (No line after it holding more than ASCII, as the whole file's reading weighs it.)
        if last && self.verdict.is_none() {
            self.verdict = Some(!self.beyond_ascii || self.utf8_chinese());
        }
    }

    fn next_line(&mut self) {
        self.beyond_ascii = false;
        self.utf8 = Some(Utf8Blocks::default());
        self.chinese = Default::default();
    }

    /// Weighs the next bytes of the line.
    fn weigh(&mut self, bytes: &[u8]) {
        self.beyond_ascii |= !bytes.is_ascii();
        let Again { utf8, chinese, .. } = self;
        if let Some(line) = utf8
            && !line.feed(bytes, false, |text| chinese.feed(text))
        {
            *utf8 = None;
        }
    }

    /// Whether the line read is UTF-8 Chinese (`decode::utf8_chinese`), once ended.
    fn utf8_chinese(&mut self) -> bool {
        let Again { utf8, chinese, .. } = self;
        let utf8 = utf8
            .take()
            .is_some_and(|mut line| line.feed(&[], true, |text| chinese.feed(text)));
        utf8 && chinese.any() && chinese.reads_better_as_utf8()
    }

    /// Whether that line is UTF-8 Chinese.
    fn utf8(again: &Option<Box<Again>>) -> bool {
        again.as_ref().is_some_and(|a| a.verdict == Some(true))
    }
}

enum Mode {
    /// A byte order mark: every byte after it must decode.
    Marked {
        strict: Strict,
        /// In UTF-8, GBK/GB18030 from the line of the first bytes that are not UTF-8 on, and
        /// whether UTF-8 Chinese follows them, as in `Plain`.
        then_gbk: Option<Box<Strict>>,
        again: Option<Box<Again>>,
    },
    /// No mark: UTF-8 if every byte is, else GBK/GB18030 unless the bytes are mostly UTF-8.
    Plain {
        /// A UTF-8 sequence cut by the end of the last block.
        carry: Vec<u8>,
        utf8_error: Option<Undecodable>,
        /// Replacement characters and characters from U+0800 up (CJK) in the bytes read as
        /// UTF-8 with replacements.
        bad: u64,
        chinese: u64,
        gbk: Strict,
        /// GBK/GB18030 from the line of the first bytes that are not UTF-8 on, to tell a UTF-8
        /// file and a GBK one joined (`decode::mixed`); `None` before those bytes, or where
        /// their line's start was not kept (`LINE_KEPT`).
        then_gbk: Option<Box<Strict>>,
        /// Whether the first line after theirs holding more than ASCII is UTF-8 Chinese.
        again: Option<Box<Again>>,
        /// UTF-8 Chinese looked for throughout, as in a file read whole: where the first run
        /// found starts tells a UTF-8 header above GBK rows (`decode::utf8_head`), and each run,
        /// placed, is named in a file read as GBK/GB18030 (`decode::Utf8Run`).
        runs: Box<Utf8Runs>,
        first_run: Option<usize>,
        placed: Vec<Utf8Run>,
    },
}

/// A decoder that stops at the first bytes it cannot decode.
struct Strict {
    encoding: &'static Encoding,
    decoder: Decoder,
    /// Where the bytes it decodes start in the file (past a byte order mark).
    start: usize,
    /// Bytes it has read.
    consumed: usize,
    error: Option<Undecodable>,
    scratch: String,
}

impl Strict {
    fn new(encoding: &'static Encoding, start: usize) -> Strict {
        Strict {
            encoding,
            decoder: encoding.new_decoder_without_bom_handling(),
            start,
            consumed: 0,
            error: None,
            scratch: String::with_capacity(1 << 16),
        }
    }

    /// Decodes `bytes` (the next ones of its text), noting where they first fail to decode.
    fn feed(&mut self, bytes: &[u8], last: bool, at: &Place) {
        if self.error.is_some() {
            return;
        }
        let mut read = 0;
        loop {
            self.scratch.clear();
            let (result, n) = self.decoder.decode_to_string_without_replacement(
                &bytes[read..],
                &mut self.scratch,
                last,
            );
            read += n;
            self.consumed += n;
            match result {
                DecoderResult::InputEmpty => return,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, after) => {
                    let offset = self.start + self.consumed - usize::from(bad) - usize::from(after);
                    self.error = Some(at.undecodable(offset, usize::from(bad), self.encoding));
                    return;
                }
            }
        }
    }
}

/// Where a block is in the file, to name the bytes at an offset and their line.
struct Place<'b> {
    block: &'b [u8],
    /// The file offset of the block's first byte, and where it is (`decode::Position`).
    start: usize,
    at: &'b Position,
    /// The bytes just before the block.
    tail: &'b [u8],
    /// The bytes of the line the block starts in, before it, where they are known.
    line_before: Option<&'b [u8]>,
}

impl Place<'_> {
    /// The bytes of `len` at `offset`, which `encoding` does not read, placed where it is
    /// `decode::eight_bit`.
    fn undecodable(&self, offset: usize, len: usize, encoding: &'static Encoding) -> Undecodable {
        let count_lines = eight_bit(encoding);
        let tail_start = self.start - self.tail.len();
        let byte_at = |o: usize| {
            if o >= self.start {
                self.block.get(o - self.start).copied()
            } else {
                o.checked_sub(tail_start)
                    .and_then(|i| self.tail.get(i).copied())
            }
        };
        let shown: Vec<u8> = (offset..offset + len.max(1)).map_while(byte_at).collect();
        let (line, column) = self.line_and_column(offset);
        Undecodable {
            offset,
            line: count_lines.then_some(line),
            column: column.filter(|_| count_lines),
            encoding: ReadAs::Text(encoding),
            bytes: super::decode::hex(&shown),
            then_gbk: false,
        }
    }

    /// A run of UTF-8 Chinese that starts at `offset`, found by the time this block is looked
    /// at, placed as `decode::placed` places one in a file read whole, `cursor` passed on to it.
    fn run(&self, cursor: &mut Cursor, offset: usize, utf8: String) -> Utf8Run {
        self.pass_to(cursor, offset);
        Utf8Run::at(offset, cursor.at.line(), cursor.at.column(), utf8)
    }

    /// The 1-based line of the byte at `offset` (in this block, or in the bytes just before
    /// it), and the column of the cell it is in.
    fn line_and_column(&self, offset: usize) -> (u64, Option<usize>) {
        let mut cursor = self.cursor();
        self.pass_to(&mut cursor, offset);
        (cursor.at.line(), cursor.at.column())
    }

    /// Where the block starts, to be passed on in it.
    fn cursor(&self) -> Cursor {
        Cursor {
            at: self.at.clone(),
            offset: self.start,
        }
    }

    /// Passes `cursor` on to `offset`, a byte of this block. (A bad sequence or a run begun
    /// before the block holds no line end nor separator: it is placed where the block starts.)
    fn pass_to(&self, cursor: &mut Cursor, offset: usize) {
        let offset = offset.clamp(cursor.offset, self.start + self.block.len());
        (cursor.at).pass(&self.block[cursor.offset - self.start..offset - self.start]);
        cursor.offset = offset;
    }
}

/// Where a block's bytes up to `offset` end, passed over once however many places are asked
/// for in order.
struct Cursor {
    at: Position,
    offset: usize,
}

impl Place<'_> {
    /// A GBK/GB18030 decoder fed the bytes from the start of the line that `offset` (in this
    /// block, or in a sequence begun before it) is in to the block's end; `None` where that
    /// line began before the block and was too long to be kept.
    fn gbk_from_line_of(&self, offset: usize, last: bool) -> Option<Box<Strict>> {
        let in_block = offset.saturating_sub(self.start).min(self.block.len());
        let strict = match memchr::memrchr2(b'\n', b'\r', &self.block[..in_block]) {
            Some(i) => {
                let mut strict = Strict::new(GB18030, self.start + i + 1);
                strict.feed(&self.block[i + 1..], last, self);
                strict
            }
            None => {
                let before = self.line_before?;
                let mut strict = Strict::new(GB18030, self.start - before.len());
                strict.feed(before, false, self);
                strict.feed(self.block, last, self);
                strict
            }
        };
        Some(Box::new(strict))
    }
}

/// Feeds `runs` the next valid UTF-8 stretch, starting at byte `at` of the file, and places
/// the runs it finds (`place_runs`).
fn look_for_runs(
    runs: &mut Utf8Runs,
    first_run: &mut Option<usize>,
    placed: &mut Vec<Utf8Run>,
    valid: &[u8],
    at: usize,
    place: &Place,
    cursor: &mut Cursor,
) {
    // (`valid` is checked as UTF-8 by the caller: never the empty default.)
    runs.feed(std::str::from_utf8(valid).unwrap_or_default(), at);
    place_runs(runs, first_run, placed, place, cursor);
}

/// Places the runs `runs` has found since it was last asked (`first_run`: where the first
/// starts), in the block `place` is of.
fn place_runs(
    runs: &mut Utf8Runs,
    first_run: &mut Option<usize>,
    placed: &mut Vec<Utf8Run>,
    place: &Place,
    cursor: &mut Cursor,
) {
    for (offset, utf8) in runs.found.drain(..) {
        first_run.get_or_insert(offset);
        placed.push(place.run(cursor, offset, utf8));
    }
}

/// Characters from U+0800 up in valid UTF-8 (a lead byte of E0 or above begins each), less
/// replacement characters (EF BF BD), which are counted apart.
fn chinese_and_replacements(valid: &[u8]) -> (u64, u64) {
    let leads = valid.iter().filter(|&&b| b >= 0xE0).count() as u64;
    let replacements = memchr::memmem::find_iter(valid, "\u{FFFD}".as_bytes()).count() as u64;
    (leads - replacements, replacements)
}

impl Default for Sniffer {
    fn default() -> Self {
        Sniffer::new()
    }
}

impl Sniffer {
    pub fn new() -> Sniffer {
        Sniffer {
            head: Vec::new(),
            mode: None,
            fed: 0,
            at: Position::new(None),
            tail: Vec::new(),
            line: Some(Vec::new()),
            unjudged: Some(Vec::new()),
            head_seen: false,
            head_end: None,
            mend: false,
        }
    }

    /// A sniffer whose verdict is `decode::decode_mending`'s on the whole, but that a file with
    /// a few bad bytes is refused as `decode::decode` refuses it (`mended` reads it).
    pub fn mending() -> Sniffer {
        Sniffer {
            mend: true,
            ..Sniffer::new()
        }
    }

    /// Looks at the next bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.mode.is_some() {
            self.judge_and_look(bytes, false);
            return;
        }
        self.head.extend_from_slice(bytes);
        if self.head.len() >= super::decode::HEAD {
            let head = std::mem::take(&mut self.head);
            self.start(&head);
            self.judge_and_look(&head, false);
        }
    }

    /// Looks at the next bytes (`look`) once the file's separator is judged, on its first
    /// lines as the file is split by it (`split::enough_to_sniff`; a file read whole is placed
    /// so too, `decode::placed`): until then they are held.
    fn judge_and_look(&mut self, bytes: &[u8], last: bool) {
        let Some(held) = &mut self.unjudged else {
            self.look(bytes, last);
            return;
        };
        held.extend_from_slice(bytes);
        if !last && !super::split::enough_to_sniff(held) {
            return;
        }
        let held = self.unjudged.take().unwrap_or_default();
        // (From the line after the first: the first is placed by its own separators.)
        (self.at).set_separator(super::split::Delimiter::sniff_bytes(&held).byte());
        self.look(&held, last);
    }

    /// The verdict on every byte fed, and the runs of UTF-8 Chinese found in bytes that are not
    /// all UTF-8 (`decode::Utf8Run`), as a file read whole is searched for them.
    pub fn finish(mut self) -> (Result<Found, Undecodable>, Vec<Utf8Run>) {
        if self.mode.is_none() {
            let head = std::mem::take(&mut self.head);
            self.start(&head);
            self.judge_and_look(&head, true);
        } else {
            self.judge_and_look(&[], true);
        }
        match self.mode {
            Some(Mode::Marked {
                strict,
                then_gbk,
                again,
            }) => {
                let mixed = then_gbk.is_some_and(|t| t.error.is_none() && t.start > 0);
                let mixed = mixed && self.mend && !Again::utf8(&again);
                let found = match strict.error {
                    Some(e) if mixed => Err(Undecodable {
                        then_gbk: true,
                        ..e
                    }),
                    Some(e) => Err(e),
                    None if strict.encoding == UTF_8 => Ok(Found::Utf8 { bom: strict.start }),
                    None => Ok(Found::Other {
                        encoding: strict.encoding,
                        bom: strict.start,
                    }),
                };
                (found, Vec::new())
            }
            Some(Mode::Plain {
                utf8_error,
                bad,
                chinese,
                gbk,
                then_gbk,
                again,
                first_run,
                placed,
                ..
            }) => {
                let Some(utf8_error) = utf8_error else {
                    return (Ok(Found::Utf8 { bom: 0 }), Vec::new());
                };
                let mixed = then_gbk.is_some_and(|t| t.error.is_none() && t.start > 0);
                // (Mended, not where UTF-8 Chinese follows: a cell typed in GBK.)
                let cell = self.mend && Again::utf8(&again);
                let mixed = mixed && !cell;
                let head = super::decode::utf8_head(self.head_end, first_run, utf8_error.offset);
                let found = match (weigh(bad, chinese, gbk.error.is_none()), gbk.error) {
                    // (A cell typed in GBK below a UTF-8 header, no line after it GBK: mended,
                    // as the whole file's reading does.)
                    (Weighed::Gbk | Weighed::BadGbk, _) if head && cell => Err(utf8_error),
                    (Weighed::Gbk | Weighed::BadGbk, _) if head => Err(Undecodable {
                        then_gbk: true,
                        ..utf8_error
                    }),
                    (Weighed::Gbk, None) => Ok(Found::Other {
                        encoding: GB18030,
                        bom: 0,
                    }),
                    (_, Some(_)) if mixed => Err(Undecodable {
                        then_gbk: true,
                        ..utf8_error
                    }),
                    (Weighed::BadGbk, Some(gbk_error)) => Err(gbk_error),
                    _ => Err(utf8_error),
                };
                (found, placed)
            }
            None => (Ok(Found::Utf8 { bom: 0 }), Vec::new()),
        }
    }

    /// Chooses how to look at the bytes from the first ones.
    fn start(&mut self, head: &[u8]) {
        let marked = |encoding, bom| Mode::Marked {
            strict: Strict::new(encoding, bom),
            then_gbk: None,
            again: None,
        };
        self.mode = Some(if head.starts_with(b"\xEF\xBB\xBF") {
            marked(UTF_8, 3)
        } else if head.starts_with(b"\xFF\xFE") {
            marked(UTF_16LE, 2)
        } else if head.starts_with(b"\xFE\xFF") {
            marked(UTF_16BE, 2)
        } else if let Some(encoding) = super::decode::utf16_without_bom(head) {
            marked(encoding, 0)
        } else {
            Mode::Plain {
                carry: Vec::new(),
                utf8_error: None,
                bad: 0,
                chinese: 0,
                gbk: Strict::new(GB18030, 0),
                then_gbk: None,
                again: None,
                runs: Box::default(),
                first_run: None,
                placed: Vec::new(),
            }
        });
    }

    fn look(&mut self, block: &[u8], last: bool) {
        if self.head_end.is_none() {
            for (i, &b) in block.iter().enumerate() {
                if matches!(b, b'\n' | b'\r') && self.head_seen {
                    self.head_end = Some(self.fed + i);
                    break;
                }
                self.head_seen |= !super::decode::blank(b);
            }
        }
        let place = Place {
            block,
            start: self.fed,
            at: &self.at,
            tail: &self.tail,
            line_before: self.line.as_deref(),
        };
        match &mut self.mode {
            Some(Mode::Marked {
                strict,
                then_gbk,
                again,
            }) => {
                // The mark is no part of the text.
                let skip = strict.start.saturating_sub(place.start).min(block.len());
                let before = strict.error.is_some();
                strict.feed(&block[skip..], last, &place);
                if let Some(again) = again {
                    again.feed(block, last);
                }
                match (then_gbk, &strict.error) {
                    (Some(then_gbk), _) => then_gbk.feed(block, last, &place),
                    (then_gbk, Some(e)) if !before && strict.encoding == UTF_8 => {
                        *then_gbk = place.gbk_from_line_of(e.offset, last);
                        let mut looking = Box::<Again>::default();
                        let from = e.offset.saturating_sub(place.start).min(block.len());
                        looking.feed(&block[from..], last);
                        *again = Some(looking);
                    }
                    _ => {}
                }
            }
            Some(Mode::Plain {
                carry,
                utf8_error,
                bad,
                chinese,
                gbk,
                then_gbk,
                again,
                runs,
                first_run,
                placed,
            }) => {
                gbk.feed(block, last, &place);
                if let Some(then_gbk) = then_gbk {
                    then_gbk.feed(block, last, &place);
                }
                if let Some(again) = again {
                    again.feed(block, last);
                }
                // A sequence cut by the last block's end is read with this block's first bytes.
                let joined;
                let (bytes, start) = if carry.is_empty() {
                    (block, place.start)
                } else {
                    let start = place.start - carry.len();
                    carry.extend_from_slice(block);
                    joined = std::mem::take(carry);
                    (&joined[..], start)
                };
                let mut cursor = place.cursor();
                let mut rest = bytes;
                loop {
                    let at = start + (bytes.len() - rest.len());
                    match simdutf8::compat::from_utf8(rest) {
                        Ok(_) => {
                            let (c, r) = chinese_and_replacements(rest);
                            *chinese += c;
                            *bad += r;
                            look_for_runs(runs, first_run, placed, rest, at, &place, &mut cursor);
                            break;
                        }
                        Err(e) => {
                            let (c, r) = chinese_and_replacements(&rest[..e.valid_up_to()]);
                            *chinese += c;
                            *bad += r;
                            let valid = &rest[..e.valid_up_to()];
                            look_for_runs(runs, first_run, placed, valid, at, &place, &mut cursor);
                            let at = at + e.valid_up_to();
                            let len = match e.error_len() {
                                Some(n) => n,
                                None if !last => {
                                    *carry = rest[e.valid_up_to()..].to_vec();
                                    break;
                                }
                                None => rest.len() - e.valid_up_to(),
                            };
                            *bad += 1;
                            if utf8_error.is_none() {
                                *utf8_error = Some(place.undecodable(at, len, UTF_8));
                                *then_gbk = place.gbk_from_line_of(at, last);
                                let mut looking = Box::<Again>::default();
                                looking.feed(&bytes[at - start..], last);
                                *again = Some(looking);
                            }
                            rest = &rest[e.valid_up_to() + len..];
                        }
                    }
                }
                if last {
                    runs.end();
                    place_runs(runs, first_run, placed, &place, &mut cursor);
                }
            }
            None => {}
        }
        self.fed += block.len();
        self.at.pass(block);
        let line = match memchr::memrchr2(b'\n', b'\r', block) {
            Some(i) => Some(block[i + 1..].to_vec()),
            None => self.line.take().map(|mut line| {
                line.extend_from_slice(block);
                line
            }),
        };
        self.line = line.filter(|line| line.len() <= LINE_KEPT);
        // The last eight bytes fed.
        self.tail
            .extend_from_slice(&block[block.len().saturating_sub(8)..]);
        let excess = self.tail.len().saturating_sub(8);
        self.tail.drain(..excess);
    }
}

/// Decodes a file's bytes, a block at a time, in the encoding the first reading found.
pub struct TextDecoder {
    /// Byte order mark bytes still to skip.
    skip: usize,
    utf8: Utf8Blocks,
    decoder: Option<Decoder>,
    /// For a damaged file, how it is decoded and its bad sequences placed.
    mending: Option<Box<Mending>>,
}

/// A damaged file's decoder, the tally its first readings found, and where its bad sequences
/// were read as `�`: placed once its separator is known (`TextStream::place_from`), until then
/// kept.
struct Mending {
    mender: Mender,
    tally: Tally,
    /// The bad sequences of the bytes last decoded.
    bad: Vec<Replaced>,
    /// The file's encoding and byte order mark.
    encoding: &'static str,
    bom: usize,
    placer: Option<Placer>,
    unplaced: Vec<Replaced>,
}

/// The bytes no longer decode as they did when the file was first read: it changed meanwhile.
#[derive(Debug)]
pub struct Changed;

impl TextDecoder {
    pub fn new(found: Found) -> TextDecoder {
        let (skip, decoder, mending) = match found {
            Found::Utf8 { bom } => (bom, None, None),
            Found::Other { encoding, bom } => {
                (bom, Some(encoding.new_decoder_without_bom_handling()), None)
            }
            Found::Damaged {
                encoding,
                bom,
                tally,
            } => {
                let mending = Mending {
                    mender: Mender::new(encoding, bom),
                    tally,
                    bad: Vec::new(),
                    encoding: name_of(encoding),
                    bom,
                    placer: None,
                    unplaced: Vec::new(),
                };
                (0, None, Some(Box::new(mending)))
            }
        };
        TextDecoder {
            skip,
            utf8: Utf8Blocks::default(),
            decoder,
            mending,
        }
    }

    /// Appends the text of the next bytes to `out`; `last` for the file's last bytes. On
    /// failure `out` is left as it was.
    pub fn decode(&mut self, block: &[u8], out: &mut String, last: bool) -> Result<(), Changed> {
        let before = out.len();
        let decoded = self.decode_into(block, out, last);
        if decoded.is_err() {
            out.truncate(before);
        }
        decoded
    }

    fn decode_into(&mut self, block: &[u8], out: &mut String, last: bool) -> Result<(), Changed> {
        if let Some(mending) = &mut self.mending {
            let Mending {
                mender, tally, bad, ..
            } = &mut **mending;
            bad.clear();
            mender.decode(block, out, last, |b| {
                bad.push(Replaced {
                    offset: b.offset,
                    len: b.len,
                    bytes: b.bytes.to_vec(),
                    at: b.at,
                })
            });
            // (Other bad sequences than the first readings found: the file has changed.)
            let found = mender.tally();
            return match found.sequences <= tally.sequences && (!last || found == *tally) {
                true => Ok(()),
                false => Err(Changed),
            };
        }
        let skip = self.skip.min(block.len());
        self.skip -= skip;
        let block = &block[skip..];
        if let Some(decoder) = &mut self.decoder {
            let mut read = 0;
            loop {
                if let Some(room) =
                    decoder.max_utf8_buffer_length_without_replacement(block.len() - read)
                {
                    out.reserve(room);
                }
                let (result, n) =
                    decoder.decode_to_string_without_replacement(&block[read..], out, last);
                read += n;
                match result {
                    DecoderResult::InputEmpty => return Ok(()),
                    DecoderResult::OutputFull => out.reserve(block.len() - read + 16),
                    DecoderResult::Malformed(..) => return Err(Changed),
                }
            }
        }
        if self.utf8.feed(block, last, |text| out.push_str(text)) {
            Ok(())
        } else {
            Err(Changed)
        }
    }
}

/// UTF-8 read a block at a time: a character cut by a block's end is completed by the next.
#[derive(Default)]
struct Utf8Blocks {
    /// The start of a character cut by the last block's end.
    carry: Vec<u8>,
}

impl Utf8Blocks {
    /// Hands the text of the next bytes to `take` (`last`: the file's last bytes); `false` if
    /// they are not UTF-8.
    fn feed(&mut self, mut block: &[u8], last: bool, mut take: impl FnMut(&str)) -> bool {
        if let Some(&lead) = self.carry.first() {
            let wanted = sequence_len(lead).saturating_sub(self.carry.len());
            let (rest_of_char, after) = block.split_at(wanted.min(block.len()));
            self.carry.extend_from_slice(rest_of_char);
            block = after;
            if self.carry.len() < sequence_len(lead) && !last {
                return true;
            }
            match simdutf8::compat::from_utf8(&self.carry) {
                Ok(text) => take(text),
                Err(_) => return false,
            }
            self.carry.clear();
        }
        let whole = if last {
            block.len()
        } else {
            complete_prefix(block)
        };
        match simdutf8::compat::from_utf8(&block[..whole]) {
            Ok(text) => take(text),
            Err(_) => return false,
        }
        self.carry.extend_from_slice(&block[whole..]);
        true
    }
}

/// The bytes of the UTF-8 sequence a lead byte starts (1 for any other byte).
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// How many of `bytes` come before a sequence cut by their end (all of them if none is).
fn complete_prefix(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(4) {
        let b = bytes[n - back];
        // Past continuation bytes (10xxxxxx) to the byte that starts the last character.
        if b & 0xC0 != 0x80 {
            return if sequence_len(b) > back { n - back } else { n };
        }
    }
    n
}

/// The buffers a file is read with a block at a time: its bytes, a block at a time, and its text
/// as a splitter holds it. Kept from one file for the next (`Input::recycle`), so that each file
/// does not take fresh memory for them, page by page.
#[derive(Debug, Default)]
pub struct Buffers {
    block: Vec<u8>,
    text: String,
}

impl Buffers {
    /// Whether both buffers hold room (a file was read with them, and its text given back).
    #[cfg(test)]
    pub fn hold_room(&self) -> bool {
        self.block.capacity() > 0 && self.text.capacity() > 0
    }

    /// Text longer than this (a record of many megabytes made it so) is let go of rather than
    /// kept for the next file.
    const MOST_TEXT: usize = 4 << 20;
}

/// Delimited text read from a file a block at a time, for a splitter to take in.
pub struct TextStream<F = File> {
    file: F,
    decoder: TextDecoder,
    buffers: Buffers,
    /// Bytes read so far, and the size and time of last change the first reading found.
    read: u64,
    size: u64,
    /// The bytes decoded: all, or those before a tail of zero bytes (`Scanned::zero_tail`).
    end: u64,
    modified: Option<Stamp>,
    done: bool,
    /// Why the file could not be read to its end, if it could not.
    pub error: Option<String>,
}

/// What the first reading of a file found: its size and SHA-256, and its encoding.
pub struct Scanned {
    /// Whether the file starts as a workbook does (a zip or an old Excel file).
    pub workbook: bool,
    /// Whether it starts as markup does (a web page or an XML file, `grid::starts_with_a_tag`).
    pub markup: bool,
    pub size: u64,
    /// When the file was last changed, as its first reading began.
    pub modified: Option<Stamp>,
    /// Its SHA-256 in hex, when asked for.
    pub sha256: Option<String>,
    pub found: Result<Found, Undecodable>,
    /// Where the file ends in zero bytes (NUL), as a copy cut short leaves it (not looked for
    /// in UTF-16), and the number of the line they begin in: its text, found above, is that of
    /// the bytes before it.
    pub zero_tail: Option<(ZeroTail, usize)>,
    /// Runs of UTF-8 Chinese in a file read as GBK/GB18030 (`decode::Utf8Run`), read garbled.
    pub utf8_runs: Vec<Utf8Run>,
}

/// Reads a file through: its size, its SHA-256 (if `hash`), and the encoding that reads it. Most files are
/// UTF-8 (with a byte order mark or without), which the first reading shows; a file that is not
/// is read through again, to weigh what it is.
pub fn scan(file: &mut File, hash: bool, buffers: &mut Buffers) -> std::io::Result<Scanned> {
    // (Taken before it is read: a change while it is read is one since.)
    let modified = Reread::modified(&*file);
    let mut hasher = hash.then(sha2::Sha256::new);
    let mut utf8 = Some(Utf8Blocks::default());
    let mut head = Vec::new();
    // (Zero bytes at the end of what was read so far, and the end of the last line before.)
    let (mut zeros, mut line_end, mut at) = (0u64, 0u64, 0u64);
    let size = each_block(file, &mut buffers.block, |block, last| {
        match block.iter().rposition(|&b| b != 0) {
            Some(i) => {
                zeros = (block.len() - 1 - i) as u64;
                if let Some(newline) = memchr::memrchr2(b'\n', b'\r', &block[..=i]) {
                    line_end = at + newline as u64 + 1;
                }
            }
            None => zeros += block.len() as u64,
        }
        at += block.len() as u64;
        if head.len() < super::decode::HEAD {
            head.extend_from_slice(&block[..block.len().min(super::decode::HEAD - head.len())]);
        }
        if let Some(hasher) = &mut hasher {
            hasher.update(block);
        }
        if let Some(check) = &mut utf8
            && !check.feed(block, last, |_| {})
        {
            utf8 = None;
        }
    })?;
    let utf16 = super::decode::utf16_of(&head).is_some();
    // A file ending in zeros is weighed on the bytes before the line they begin in, whose
    // bytes may end in a character cut; and its lines are counted, for the finding.
    let mut zero_tail = None;
    if zeros > 0 && !utf16 {
        let tail = ZeroTail {
            zeros: usize::try_from(zeros).unwrap_or(usize::MAX),
            line_start: usize::try_from(line_end).unwrap_or(usize::MAX),
        };
        file.rewind()?;
        let mut check = Some(Utf8Blocks::default());
        let (mut newlines, mut returns) = (0, 0);
        each_block(
            &mut (&*file).take(line_end),
            &mut buffers.block,
            |block, last| {
                newlines += memchr::memchr_iter(b'\n', block).count();
                returns += memchr::memchr_iter(b'\r', block).count();
                if let Some(utf8) = &mut check
                    && !utf8.feed(block, last, |_| {})
                {
                    check = None;
                }
            },
        )?;
        utf8 = check;
        zero_tail = Some((tail, if newlines > 0 { newlines } else { returns } + 1));
    }
    let read = zero_tail.map_or(size, |_| line_end);
    let mut utf8_runs = Vec::new();
    let found = if let Some(refused) = super::decode::utf32(&head) {
        Err(refused)
    } else if utf8.is_some() && !utf16 {
        // A byte order mark is valid UTF-8 itself.
        let bom = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Ok(Found::Utf8 { bom })
    } else {
        file.rewind()?;
        let mut sniffer = Sniffer::mending();
        each_block(&mut (&*file).take(read), &mut buffers.block, |block, _| {
            sniffer.feed(block)
        })?;
        let (found, runs) = sniffer.finish();
        let found = match found {
            Err(refused) => mended(file, read, &head, refused, &mut buffers.block)?,
            found => found,
        };
        if found
            .as_ref()
            .is_ok_and(|found| found.encoding() == GB18030)
        {
            utf8_runs = runs;
        }
        found
    };
    Ok(Scanned {
        workbook: super::grid::is_workbook(&head),
        markup: super::grid::starts_with_a_tag(&String::from_utf8_lossy(&head)),
        size,
        modified,
        sha256: hasher.map(|h| super::hex_digest(&h.finalize())),
        zero_tail,
        found,
        utf8_runs,
    })
}

/// Hands each block of a file, read into `block`, to `each` (with whether it is the last,
/// which is empty), and gives the bytes read.
fn each_block(
    file: &mut impl Read,
    block: &mut Vec<u8>,
    mut each: impl FnMut(&[u8], bool),
) -> std::io::Result<u64> {
    block.resize(BLOCK, 0);
    let mut size = 0u64;
    loop {
        let n = match file.read(block) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        size += n as u64;
        each(&block[..n], n == 0);
        if n == 0 {
            return Ok(size);
        }
    }
}

impl TextStream {
    /// Reads `file` again from its start, in the encoding `scan` found, with the buffers it
    /// was scanned with. (It is an error for the file to have another size or time of last
    /// change once read.)
    pub fn new(
        mut file: File,
        found: Found,
        scanned: &Scanned,
        buffers: Buffers,
    ) -> std::io::Result<TextStream> {
        file.rewind()?;
        Ok(TextStream::at_start(file, found, scanned, buffers))
    }
}

/// When a file was last changed, as the system says: its time of last change, which tools set
/// back (`cp -p`, `tar x`, `rsync -t`) and a rewrite of the same size may leave as it was, and on
/// Unix its status's (ctime), which nothing sets back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: std::time::SystemTime,
    status: (i64, i64),
}

impl Stamp {
    fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let status = {
            use std::os::unix::fs::MetadataExt;
            (metadata.ctime(), metadata.ctime_nsec())
        };
        #[cfg(not(unix))]
        let status = (0, 0);
        Some(Stamp {
            modified: metadata.modified().ok()?,
            status,
        })
    }
}

/// What a file is read again from: the file (or, in tests, a reader that fails part way).
pub trait Reread: Read {
    /// When it was last changed, where the system says.
    fn modified(&self) -> Option<Stamp>;
}

impl Reread for File {
    fn modified(&self) -> Option<Stamp> {
        Stamp::of(&self.metadata().ok()?)
    }
}

impl<F: Reread> TextStream<F> {
    /// Reads `file`, at its start, in the encoding `scan` found.
    fn at_start(file: F, found: Found, scanned: &Scanned, mut buffers: Buffers) -> TextStream<F> {
        buffers.block.resize(BLOCK, 0);
        TextStream {
            file,
            decoder: TextDecoder::new(found),
            buffers,
            read: 0,
            size: scanned.size,
            end: scanned
                .zero_tail
                .map_or(scanned.size, |(tail, _)| tail.line_start as u64),
            modified: scanned.modified,
            done: false,
            error: None,
        }
    }

    /// Starts placing a damaged file's bad sequences, by the `separator` the file is split by:
    /// `text` is all of its text read so far. (A file read whole is placed so, `decode::mended`.)
    pub fn place_from(&mut self, separator: u8, text: &str) {
        let Some(mending) = &mut self.decoder.mending else {
            return;
        };
        let mut placer = Placer::new(separator, mending.encoding);
        // (Placed in the file's bytes, a byte order mark is before the first cell.)
        placer.pass(&b"\xEF\xBB\xBF"[..mending.bom.min(3)]);
        place(&mut placer, text, 0, mending.unplaced.drain(..));
        mending.placer = Some(placer);
    }

    /// An empty string to hold the text in, made room in before (by an earlier file).
    pub fn take_text(&mut self) -> String {
        let mut text = std::mem::take(&mut self.buffers.text);
        text.clear();
        text
    }

    /// Keeps the text's string, once the text is read, for `into_buffers`.
    pub fn keep_text(&mut self, text: String) {
        if text.capacity() <= Buffers::MOST_TEXT {
            self.buffers.text = text;
        }
    }

    /// The buffers, to read the next file with.
    pub fn into_buffers(self) -> Buffers {
        self.buffers
    }

    fn fail(&mut self, why: String) -> Block {
        self.done = true;
        self.error = Some(format!(
            "{why}: its rows from byte {} on (and the one there) were not read",
            self.read
        ));
        Block::Broken
    }
}

/// Places bad sequences in `text`, which starts at `start` of the text they were decoded onto.
fn place(placer: &mut Placer, text: &str, start: usize, bad: impl IntoIterator<Item = Replaced>) {
    let mut passed = 0;
    for bad in bad {
        let at = bad.at.saturating_sub(start).clamp(passed, text.len());
        placer.pass(&text.as_bytes()[passed..at]);
        placer.place(bad.offset, bad.len, &bad.bytes);
        passed = at;
    }
    placer.pass(&text.as_bytes()[passed..]);
}

impl<F: Reread> Blocks for TextStream<F> {
    fn damaged(&mut self, into: &mut std::collections::VecDeque<Damaged>) {
        let mending = self.decoder.mending.as_mut();
        if let Some(placer) = mending.and_then(|m| m.placer.as_mut()) {
            placer.hand_over(into, self.done);
        }
    }

    /// Appends the next block's text to `text`. `Broken` when the file cannot be read on, or
    /// no longer is what the first reading found: see `error`.
    fn more(&mut self, text: &mut String) -> Block {
        if self.done {
            return Block::End;
        }
        loop {
            let n = match self.file.read(&mut self.buffers.block) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return self.fail(format!("cannot be read to its end: {e}")),
            };
            let last = n == 0;
            let read = self.read + n as u64;
            if last && read == self.size && self.file.modified() != self.modified {
                self.done = true;
                self.error = Some(
                    "changed while it was read (its time of last change, or its status's, is not \
                     the one it had when its reading began): read it again once nothing is \
                     writing it"
                        .to_string(),
                );
                return Block::Broken;
            }
            let same = if last {
                read == self.size
            } else {
                read <= self.size
            };
            // (Bytes past `end` are read, for the checks above, not decoded.)
            let decoded = n.min(usize::try_from(self.end.saturating_sub(self.read)).unwrap_or(n));
            let before = text.len();
            if !same
                || self
                    .decoder
                    .decode(&self.buffers.block[..decoded], text, last)
                    .is_err()
            {
                return self.fail("changed while it was read".to_string());
            }
            if let Some(mending) = &mut self.decoder.mending {
                let bad = mending.bad.drain(..);
                match &mut mending.placer {
                    Some(placer) => place(placer, &text[before..], before, bad),
                    None => mending.unplaced.extend(bad),
                }
            }
            self.read = read;
            if last {
                self.done = true;
                return Block::End;
            }
            return Block::More;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode;
    use super::*;

    /// Text as read: its text, its encoding, and the runs of UTF-8 Chinese in it if GBK.
    type AsRead = (String, &'static str, Vec<Utf8Run>);

    /// The verdict and text of bytes fed in blocks of the given sizes (cycled).
    fn streamed(bytes: &[u8], sizes: &[usize]) -> Result<AsRead, Undecodable> {
        let blocks = || {
            let mut rest = bytes;
            let mut sizes = sizes.iter().cycle();
            std::iter::from_fn(move || {
                if rest.is_empty() {
                    return None;
                }
                let n = (*sizes.next()?).clamp(1, rest.len());
                let (block, after) = rest.split_at(n);
                rest = after;
                Some(block)
            })
        };
        // `scan` refuses UTF-32 by the file's first bytes before anything is weighed.
        if let Some(refused) = super::super::decode::utf32(&bytes[..bytes.len().min(8)]) {
            return Err(refused);
        }
        let mut sniffer = Sniffer::new();
        blocks().for_each(|b| sniffer.feed(b));
        let (verdict, runs) = sniffer.finish();
        // `scan`'s first reading: UTF-8 exactly when the weighing says so.
        let mut quick = Utf8Blocks::default();
        let mut utf8 = blocks().all(|b| quick.feed(b, false, |_| {}));
        utf8 &= quick.feed(&[], true, |_| {});
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        // (Text that is UTF-8 yet begins as UTF-16 without a byte order mark does, with NULs
        // between letters, is weighed, as `scan` weighs it.)
        let utf16_head = super::super::decode::utf16_without_bom(
            &bytes[..bytes.len().min(super::super::decode::HEAD)],
        )
        .is_some();
        assert_eq!(
            utf8 && !utf16_head,
            verdict == Ok(Found::Utf8 { bom }),
            "{bytes:?}"
        );
        let found = verdict?;
        let mut decoder = TextDecoder::new(found);
        let mut text = String::new();
        for block in blocks() {
            decoder.decode(block, &mut text, false).unwrap();
        }
        decoder.decode(&[], &mut text, true).unwrap();
        let runs = if found.encoding() == GB18030 {
            runs
        } else {
            Vec::new()
        };
        Ok((text, name_of(found.encoding()), runs))
    }

    fn whole(bytes: &[u8]) -> Result<AsRead, Undecodable> {
        decode(bytes).map(|d| (d.text.into_owned(), d.encoding, d.utf8_runs))
    }

    /// A file that reads `bytes` a few at a time (once refusing with `Interrupted`, to be asked
    /// again), then fails as a device gone bad would, at `fail_at`.
    struct Failing {
        bytes: Vec<u8>,
        at: usize,
        fail_at: usize,
        interrupted: bool,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if !self.interrupted {
                self.interrupted = true;
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            if self.at >= self.fail_at {
                return Err(std::io::Error::other("Input/output error"));
            }
            let n = buf.len().min(7).min(self.fail_at - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    impl Reread for Failing {
        fn modified(&self) -> Option<Stamp> {
            None
        }
    }

    #[test]
    fn a_file_that_fails_part_way_hands_on_the_rows_before_and_says_where() {
        use super::super::split::{Delimiter, Record, Splitter};
        let bytes = "项目编号,累计\nP1,1\nP2,2\nP3,33\nP4,4\n"
            .as_bytes()
            .to_vec();
        // It fails inside P3's row (after "P3,3"): P1 and P2 are read, P3 is not.
        let fail_at = bytes.len() - "3\nP4,4\n".len();
        let scanned = Scanned {
            workbook: false,
            markup: false,
            size: bytes.len() as u64,
            modified: None,
            sha256: None,
            found: Ok(Found::Utf8 { bom: 0 }),
            zero_tail: None,
            utf8_runs: Vec::new(),
        };
        let mut stream = TextStream::at_start(
            Failing {
                bytes,
                at: 0,
                fail_at,
                interrupted: false,
            },
            Found::Utf8 { bom: 0 },
            &scanned,
            Buffers::default(),
        );
        let mut rows = Vec::new();
        {
            let mut splitter =
                Splitter::streaming(String::new().into(), Some(&mut stream), Delimiter::Comma);
            let mut record = Record::default();
            while splitter.read(&mut record).is_some() {
                rows.push(record.get(0).unwrap_or_default().to_string());
            }
        }
        assert_eq!(rows, ["项目编号", "P1", "P2"]);
        let error = stream.error.unwrap_or_default();
        assert!(
            error.starts_with("cannot be read to its end: Input/output error")
                && error.contains(&format!("from byte {fail_at} on")),
            "{error}"
        );
    }

    #[test]
    fn every_encoding_in_blocks() {
        let text = "项目编号,项目名称\nA1,金川区路网\n";
        let mut utf16le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
        }
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let gbk = GB18030.encode(text).0.into_owned();
        for bytes in [text.as_bytes().to_vec(), bom, utf16le, gbk] {
            for size in 1..6 {
                assert_eq!(
                    streamed(&bytes, &[size]),
                    whole(&bytes),
                    "{bytes:?} by {size}"
                );
            }
        }
    }

    #[test]
    fn a_bad_byte_is_named_wherever_the_blocks_end() {
        let mut bytes = "项目编号,名称\nA1,".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFEx\n\xE4\xBF");
        for size in 1..8 {
            assert_eq!(streamed(&bytes, &[size]), whole(&bytes), "by {size}");
        }
        let bytes = b"id,name\nA1,\x81\x20\n";
        for size in 1..8 {
            assert_eq!(streamed(bytes, &[size]), whole(bytes), "by {size}");
        }
        // A sequence cut short by the next byte, in the third cell: its column, wherever the
        // blocks end.
        let bytes = "id,name,进度\nA1,甲,"
            .as_bytes()
            .iter()
            .chain(b"\xE4\xBFx\n");
        let bytes: Vec<u8> = bytes.copied().collect();
        for size in 1..8 {
            let read = streamed(&bytes, &[size]);
            assert_eq!(read, whole(&bytes), "by {size}");
            let refused = read.unwrap_err();
            assert_eq!(
                (refused.line, refused.column),
                (Some(2), Some(3)),
                "by {size}"
            );
        }
    }

    /// Reads `bytes` in blocks of many sizes, each as the whole is read: refused, at `want`'s
    /// line and column, as two files joined or not.
    fn refused_alike_by_every_block(bytes: &[u8], want: (Option<u64>, Option<usize>, bool)) {
        for size in [1, 2, 3, 5, 7, 16, 64, 4096] {
            let read = streamed(bytes, &[size]);
            assert_eq!(read, whole(bytes), "by {size}");
            let refused = read.unwrap_err();
            assert_eq!(
                (refused.line, refused.column, refused.then_gbk),
                want,
                "by {size}"
            );
        }
    }

    /// Lines ended by `\r` alone (old Mac files) were counted by `\n` alone in blocks: a bad
    /// byte below the first line was named on line 1, where the whole file's reading names its
    /// line (as the splitter counts lines: `\r`, `\n` and `\r\n` one each).
    #[test]
    fn a_bad_byte_in_a_file_of_old_mac_line_ends_is_named_at_its_line_in_blocks() {
        for end in ["\r", "\r\n", "\n"] {
            let mut bytes = format!("id,name,进度{end}A1,甲,乙{end}A2,甲,").into_bytes();
            bytes.extend_from_slice(b"\xE4\xBFx");
            bytes.extend_from_slice(end.as_bytes());
            refused_alike_by_every_block(&bytes, (Some(3), Some(3), false));
        }
        // Line ends of each kind in one file.
        let mut bytes = "id,name,进度\rA1,甲,乙\r\nA2,甲,乙\nA3,"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"\xFF\r");
        refused_alike_by_every_block(&bytes, (Some(4), Some(2), false));
        // A UTF-8 file and a GBK one joined, named where GBK starts.
        let utf8 = "项目编号,报告月份,项目状态\rP1,2024-06,在建\rP2,2024-06,在建\r";
        let gbk = "P3,2024-06,在建\rP4,2024-06,在建\rP5,2024-06,在建\r";
        let mut bytes = utf8.as_bytes().to_vec();
        bytes.extend_from_slice(&GB18030.encode(gbk).0);
        refused_alike_by_every_block(&bytes, (Some(4), Some(3), true));
    }

    /// A bad byte after more than 4 KiB of its line had no column in blocks (the line's bytes
    /// were kept up to there), where the whole file's reading names its cell.
    #[test]
    fn a_bad_byte_after_a_long_line_is_named_at_its_cell_in_blocks() {
        let long = "主体施工".repeat(1_000);
        let mut bytes = format!("id,name,进度\nA1,{long},").into_bytes();
        bytes.extend_from_slice(b"\xE4\xBFx\n");
        refused_alike_by_every_block(&bytes, (Some(2), Some(3), false));
        // Text stored as UTF-8 in a GBK file, likewise.
        let mut bytes = GB18030
            .encode(&format!("项目编号,形象进度,存在问题\nA1,{long},"))
            .0
            .into_owned();
        bytes.extend_from_slice("征地拆迁\n".as_bytes());
        for size in [1, 7, 64, 4096] {
            let read = streamed(&bytes, &[size]);
            assert_eq!(read, whole(&bytes), "by {size}");
            let runs = read.map(|(_, _, runs)| runs).unwrap_or_default();
            assert_eq!(runs.len(), 1, "by {size}");
            assert_eq!((runs[0].line, runs[0].column), (2, Some(3)), "by {size}");
        }
    }

    #[test]
    fn a_utf8_file_and_a_gbk_one_joined_are_named_where_gbk_starts_wherever_the_blocks_end() {
        let utf8 = "项目编号,报告月份,项目状态\nP1,2024-06,在建\nP2,2024-06,在建\n";
        let gbk = "P3,2024-06,在建\nP4,2024-06,在建\nP5,2024-06,在建\nP6,2024-06,在建\n";
        let mut bytes = utf8.as_bytes().to_vec();
        bytes.extend_from_slice(&GB18030.encode(gbk).0);
        refused_alike_by_every_block(&bytes, (Some(4), Some(3), true));
        // GBK first: the UTF-8 lines are no GBK, and that is where it is named.
        let mut bytes = GB18030.encode(gbk).0.into_owned();
        bytes.extend_from_slice(utf8.as_bytes());
        bytes.extend_from_slice("P7,2024-06,施工中\u{3000}\n".as_bytes());
        let refused = whole(&bytes).unwrap_err();
        assert!(!refused.then_gbk, "{refused:?}");
        assert_eq!(streamed(&bytes, &[7]), Err(refused));
    }

    #[test]
    fn a_utf8_header_that_is_gbk_too_above_gbk_rows_is_named_wherever_the_blocks_end() {
        // Every header of an even number of characters: its UTF-8 bytes are GBK too.
        let header = "\n,,\n项目编号,报告月份,累计完成投资\n";
        let rows = "P1,2024-06,施工\nP2,2024-06,在建\n";
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(&GB18030.encode(rows).0);
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some()
        );
        refused_alike_by_every_block(&bytes, (Some(4), Some(3), true));
        // An ASCII header, and a cell pasted from a UTF-8 file in the first row below it: GBK.
        let mut bytes = b"id,month,problems\nP1,2024-06,".to_vec();
        bytes.extend_from_slice("征地拆迁\n".as_bytes());
        bytes.extend_from_slice(&GB18030.encode(rows).0);
        for size in [1, 3, 7, 4096] {
            let read = streamed(&bytes, &[size]);
            assert_eq!(read, whole(&bytes), "by {size}");
            assert_eq!(read.map(|(_, encoding, _)| encoding), Ok("GBK/GB18030"));
        }
    }

    #[test]
    fn a_byte_order_mark_before_utf16_without_one_is_read_as_the_marks() {
        // (Found by fuzzing: the whole file was read as UTF-16 without a mark, its blocks as
        // UTF-8 after it.)
        let bytes = b"\xEF\xBB\xBF^,\0A\0\xC5\xC5\xC5\xC5\xC5\xEE\x76\x16\x7F\xF7\x53\r\0\n\xF7\x53\r\0\n\0";
        for size in 1..8 {
            assert_eq!(streamed(bytes, &[size]), whole(bytes), "by {size}");
        }
        assert!(whole(bytes).is_err());
        // UTF-16 without a mark, in blocks of any size.
        let text = "第一季度,A1,50\r\n项目编号\r\n";
        for bytes in [
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ] {
            for size in 1..8 {
                assert_eq!(streamed(&bytes, &[size]), whole(&bytes), "by {size}");
            }
            assert_eq!(whole(&bytes).map(|(t, _, _)| t), Ok(text.to_string()));
        }
    }

    proptest::proptest! {
        #[test]
        fn blocks_read_as_the_whole_does(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![
                    b'a', b'\n', b'\r', b',', 0xEF, 0xBB, 0xBF, 0xBD, 0xFF, 0xFE, 0xE4, 0xB8, 0xAD, 0x81,
                    0x30, 0xB1, 0xC0, 0x00, 0xD8,
                ]),
                0..40,
            ),
            sizes in proptest::collection::vec(1usize..9, 1..4),
        ) {
            proptest::prop_assert_eq!(streamed(&bytes, &sizes), whole(&bytes), "{:?}", bytes);
        }

        /// Pieces of UTF-8 and GBK Chinese, cut sequences and stray bytes: files that are
        /// mostly one or the other, or neither.
        #[test]
        fn mixed_pieces_read_as_the_whole_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "中".as_bytes(), b"\xD6\xD0", b"\xE4\xB8", b"\xFF", b"a", b"\n", b",",
                    "\u{FFFD}".as_bytes(), b"\x81\x30\x81\x30", b"\xEF\xBB\xBF",
                ]),
                0..24,
            ),
            sizes in proptest::collection::vec(1usize..9, 1..4),
        ) {
            let bytes = pieces.concat();
            proptest::prop_assert_eq!(streamed(&bytes, &sizes), whole(&bytes), "{:?}", bytes);
        }

        #[test]
        fn text_in_blocks_reads_as_the_whole(
            text in "[a,\n中文\u{FFFD}]{0,30}",
            sizes in proptest::collection::vec(1usize..9, 1..4),
            encoding in 0..4usize,
        ) {
            let bytes = match encoding {
                0 => text.as_bytes().to_vec(),
                1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                2 => GB18030.encode(&text).0.into_owned(),
                _ => {
                    let mut b = vec![0xFF, 0xFE];
                    text.encode_utf16().for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
                    b
                }
            };
            proptest::prop_assert_eq!(streamed(&bytes, &sizes), whole(&bytes), "{:?}", bytes);
        }
    }
}
