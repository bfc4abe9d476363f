//! Every project's monthly reports, held as they stream in: one slot per project, year and
//! month. Memory grows with the number of projects (twelve slots of 28 bytes a year each),
//! not with the report rows read; a second row for a slot that is taken is remembered only as a
//! duplicate for `check` to name. The slots are kept month by month (`Reports::slots`): a
//! month's file lists projects mostly in the registry's order, so its rows fill their month's
//! slots one after the other rather than one in each project's year, a year's slots apart
//! (which made adding rows wait on memory).
//!
//! Loading reads each report file into a `FileRows` (on any thread), then `Reports::add` takes
//! the files in order, so the first row of a project and month is the one kept, however the
//! work was shared. Checking and computing read the slots through `Timeline` and `Report`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;

use super::{Amount, Layout, Origin, Status, YearMonth};
use crate::load::header::Field;
use crate::par::Spare;

/// A project id's number: ids are numbered once, as they are first read, and compared by
/// number from then on.
pub type IdNo = u32;

/// The hash rustc uses for its own tables (FxHash): a multiply and a rotate per word, fast for
/// the short keys here (ids, years). The files hashed are the user's own, so there is no
/// adversary to guard against.
#[derive(Clone, Copy, Default)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(short_word(rest));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The product's high bits are its best mixed; the table indexes by the low ones.
        self.0.rotate_left(26)
    }
}

/// One to seven bytes as a little-endian word, zero beyond them, read with at most two loads
/// that may overlap (copying them into a zeroed word calls memcpy, and reading the word back
/// then waits for the copy's stores: most ids and names end with such a remainder).
fn short_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let at = |i: usize| u64::from(rest.get(i).copied().unwrap_or(0)) << (8 * i);
    match (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        (Some(&first), Some(&last)) => {
            u64::from(u32::from_le_bytes(first))
                | u64::from(u32::from_le_bytes(last)) << (8 * (n - 4))
        }
        // One to three bytes: the first, the middle and the last cover them.
        _ => at(0) | at(n / 2) | at(n.saturating_sub(1)),
    }
}

/// A hash map keyed by ids or numbers, with `FxHasher`.
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set of ids or numbers, with `FxHasher`.
pub type FxSet<T> = std::collections::HashSet<T, BuildHasherDefault<FxHasher>>;

/// Texts numbered in the order first seen (ids, the 项目状态 spellings): held one after the
/// other in one string, and found by number or by text (through a table of numbers by hash),
/// so that a million ids are three allocations, not a million.
#[derive(Debug, Default)]
pub struct Numbered {
    /// Every text, one after the other.
    texts: String,
    /// Where each text ends in `texts`, by number.
    ends: Vec<usize>,
    /// The numbers by their texts' hashes: open addressing with linear probing, a power of two
    /// slots (or none), at most three quarters of them taken (probing grows long beyond). A
    /// slot is 0 when empty, else its text's number + 1 in the low half and the low half of the
    /// text's hash (where its home slot comes from) in the high, so that a look-up passes most
    /// other texts' slots without reading their text (those with the same home differ in the
    /// hash's other bits), and the table grows without hashing any. (A table of its own, not a
    /// crate's, so that a look-up's slot can be asked for ahead: `prefetch`.)
    slots: Vec<u64>,
}

/// A text's hash in a `Numbered`.
fn hash_of(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// A project name's key, for comparing a report row's 项目名称 with the registry's: the hash
/// of the name without spaces of any kind (nor zero-width ones), full-width letters and digits
/// as plain ASCII; 0 for a name of nothing else. Keys are compared for the names, so the hash
/// is std's `DefaultHasher` (SipHash-1-3), whose 64 bits two names share by chance about once
/// in 10¹⁹ pairs: FxHash's short mixing gave one key to names such as 县000492 and 县000419.
pub fn name_key(name: &str) -> u64 {
    fn well_mixed(text: &str) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        h.write(text.as_bytes());
        h.finish()
    }
    // Spaces of every kind and full-width forms are encoded with a first byte of 0x20 or
    // below, or from C2 to E3 (U+0080 to U+3FFF), or EF (U+F000 to U+FFFF): a name with none
    // of those is its own key's text, as most are (ideographs begin E4 to E9).
    // (Or-ed over every byte without stopping, which the compiler does 32 bytes at a time.)
    let plain = !name.bytes().fold(false, |odd, b| {
        odd | (b <= b' ') | (0xC2..=0xE3).contains(&b) | (b == 0xEF)
    });
    let hash = if plain {
        well_mixed(name)
    } else {
        use crate::load::value::{is_space, to_halfwidth};
        let squeezed: String = to_halfwidth(name)
            .chars()
            .filter(|&c| !is_space(c))
            .collect();
        if squeezed.is_empty() {
            return 0;
        }
        well_mixed(&squeezed)
    };
    hash.max(1)
}

impl Numbered {
    pub fn get(&self, text: &str) -> Option<u32> {
        self.get_hashed(hash_of(text), text)
    }

    /// `get`, given the text's hash (`hash_of`).
    fn get_hashed(&self, hash: u64, text: &str) -> Option<u32> {
        self.find(hash, text).ok()
    }

    /// The text's number, numbering it if it is new.
    pub fn number(&mut self, text: &str) -> u32 {
        self.number_hashed(hash_of(text), text)
    }

    /// `number` of each item's text in order, each number given to its item through `set`.
    /// Each text's slot is asked for (`prefetch`) a few items before it is numbered: a
    /// registry's ids are new, each given a slot anywhere in a table larger than the nearer
    /// caches at a million projects.
    pub fn number_each<T>(
        &mut self,
        items: &mut [T],
        text: impl Fn(&T) -> &str,
        mut set: impl FnMut(&mut T, u32),
    ) {
        const AHEAD: usize = 8;
        // The hashes of the items from `i` on, at their index modulo `AHEAD`.
        let mut ahead = [0; AHEAD];
        for (i, item) in items.iter().take(AHEAD).enumerate() {
            ahead[i] = hash_of(text(item));
            self.prefetch(ahead[i]);
        }
        for i in 0..items.len() {
            let hash = ahead[i % AHEAD];
            if let Some(later) = items.get(i + AHEAD) {
                ahead[i % AHEAD] = hash_of(text(later));
                self.prefetch(ahead[i % AHEAD]);
            }
            let n = self.number_hashed(hash, text(&items[i]));
            set(&mut items[i], n);
        }
    }

    /// `number`, given the text's hash (`hash_of`).
    fn number_hashed(&mut self, hash: u64, text: &str) -> u32 {
        if (self.ends.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        match self.find(hash, text) {
            Ok(n) => n,
            Err(slot) => {
                let n = self.ends.len() as u32;
                self.texts.push_str(text);
                self.ends.push(self.texts.len());
                self.slots[slot] = slot_value(hash, n);
                n
            }
        }
    }

    /// The number of the text with this hash, else the empty slot where it would go (0 when
    /// there are no slots).
    fn find(&self, hash: u64, text: &str) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(hash);
        loop {
            let Some(&slot) = self.slots.get(i) else {
                return Err(0);
            };
            if slot == 0 {
                return Err(i);
            }
            if slot >> 32 == hash & 0xFFFF_FFFF {
                let n = (slot as u32).wrapping_sub(1);
                if self.text(n) == text {
                    return Ok(n);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Twice the slots (16 at first), every number put back. The slots are taken in order, and
    /// a slot's home in twice as many is its home or that plus the old number of slots: both
    /// tables are walked nearly in order, not each number's slot looked for wherever it is.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(16);
        let mask = len - 1;
        let mut slots = vec![0; len];
        for &slot in self.slots.iter().filter(|&&slot| slot != 0) {
            let mut i = (slot >> 32) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
        self.slots = slots;
    }

    /// The slot where a look-up of a text with this hash starts (0 when there are no slots): from
    /// the low half of the hash, which its slot keeps.
    fn home(&self, hash: u64) -> usize {
        (hash & 0xFFFF_FFFF) as usize & self.slots.len().wrapping_sub(1)
    }

    /// Asks for the slot where a look-up of a text with this hash starts to be brought into
    /// the cache, so that the look-up, a little later, need not wait for it.
    fn prefetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.home(hash)) {
            prefetch(slot);
        }
    }

    /// Asks for where the text in that slot ends to be brought into the cache (read from the
    /// slot, which `prefetch` should have brought in by then).
    fn prefetch_end(&self, hash: u64) {
        let slot = self.slots.get(self.home(hash)).copied().unwrap_or(0);
        if let Some(end) = self.ends.get((slot as u32).wrapping_sub(1) as usize) {
            prefetch(end);
        }
    }

    pub fn text(&self, n: u32) -> &str {
        text_at(&self.texts, &self.ends, n)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The registry number of `id` if it is the one after `last` (as in a file that lists projects
/// in the registry's order): tried before looking an id up.
fn following(registry: &Numbered, last: IdNo, id: &str) -> Option<IdNo> {
    let next = last.wrapping_add(1);
    (registry.text(next) == id).then_some(next)
}

/// A `Numbered` slot for number `n` of a text with this hash.
fn slot_value(hash: u64, n: u32) -> u64 {
    (hash << 32) | u64::from(n.wrapping_add(1))
}

/// Asks for the cache line holding `value` to be brought into the cache: a hint, which
/// changes nothing else (and does nothing where there is no such instruction).
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch reads nothing and changes nothing; any address will do.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Text number `n` of a `Numbered`'s texts and ends; empty for a number it does not have.
fn text_at<'t>(texts: &'t str, ends: &[usize], n: u32) -> &'t str {
    let n = n as usize;
    let Some(&end) = ends.get(n) else { return "" };
    let start = match n.checked_sub(1) {
        Some(before) => ends[before],
        None => 0,
    };
    texts.get(start..end).unwrap_or("")
}

/// An optional amount, exact, in six bytes: the decimal's digits and scale when the digits
/// fit in 43 bits (any amount up to 400 million 万元 with four decimals, 400 billion with one),
/// else the place of the amount in `Reports::large`. Of the 48 bits, the low five are 0 for none,
/// 1 + scale (0..=28), or `LARGE`. Kept as three u16s, low first, so that it needs no
/// padding: a slot is 28 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Packed([u16; 3]);

impl Packed {
    const LARGE: i64 = 30;
    const DIGITS: i128 = 1 << 42;

    fn new(amount: Option<Amount>, large: &mut Vec<Amount>) -> Packed {
        let Some(a) = amount else {
            return Packed::default();
        };
        let digits = a.mantissa();
        if (-Self::DIGITS..Self::DIGITS).contains(&digits) {
            Packed::of_bits(((digits as i64) << 5) | (i64::from(a.scale()) + 1))
        } else {
            large.push(a);
            Packed::of_bits((((large.len() - 1) as i64) << 5) | Self::LARGE)
        }
    }

    /// From 48 bits, in an i64 (two's complement, as `bits` gives them back).
    fn of_bits(bits: i64) -> Packed {
        Packed([bits as u16, (bits >> 16) as u16, (bits >> 32) as u16])
    }

    fn bits(self) -> i64 {
        let [low, middle, high] = self.0;
        (i64::from(high as i16) << 32) | (i64::from(middle) << 16) | i64::from(low)
    }

    /// The amount in `super::units`: `Some(None)` for none, `None` for an amount with more
    /// places than those, or too large to pack (rare: for the `Decimal` to be read instead).
    fn units(self) -> Option<Option<i128>> {
        let bits = self.bits();
        match bits & 31 {
            0 => Some(None),
            Self::LARGE => None,
            code => {
                let up = super::UNITS_PER_DIGIT.get((code - 1) as usize)?;
                Some(Some(i128::from(bits >> 5) * up))
            }
        }
    }

    fn get(self, large: &[Amount]) -> Option<Amount> {
        let bits = self.bits();
        match bits & 31 {
            0 => None,
            Self::LARGE => large.get((bits >> 5) as usize).copied(),
            code => {
                Decimal::try_from_i128_with_scale(i128::from(bits >> 5), (code - 1) as u32).ok()
            }
        }
    }
}

/// A month as a number from January 1900 (1), 0 for none: two bytes.
fn pack_month(m: Option<YearMonth>) -> u16 {
    m.and_then(|m| {
        u16::try_from(m.index() - YearMonth::new(1900, 1).map_or(0, |j| j.index()) + 1).ok()
    })
    .unwrap_or(0)
}

fn unpack_month(n: u16) -> Option<YearMonth> {
    let months = i32::from(n.checked_sub(1)?);
    YearMonth::new(1900 + months / 12, (months % 12) as u32 + 1)
}

fn pack_status(s: Option<Status>) -> u8 {
    match s {
        None => 0,
        Some(Status::NotStarted) => 1,
        Some(Status::Building) => 2,
        Some(Status::Finished) => 3,
        Some(Status::Operating) => 4,
        Some(Status::Suspended) => 5,
        Some(Status::Halted) => 6,
    }
}

fn unpack_status(n: u8) -> Option<Status> {
    match n {
        1 => Some(Status::NotStarted),
        2 => Some(Status::Building),
        3 => Some(Status::Finished),
        4 => Some(Status::Operating),
        5 => Some(Status::Suspended),
        6 => Some(Status::Halted),
        _ => None,
    }
}

/// One project's report for one month (there is one when its block's `taken` says so).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    ytd: Packed,
    this_month: Packed,
    /// The file's number.
    file: u32,
    /// The row's line (lines past 4 294 967 295 are named as that line).
    line: u32,
    /// The 项目状态 as written: its number + 1, 0 for none.
    status_text: u32,
    actual_start: u16,
    status: u8,
    marks: Marks,
}

/// What is known of a report row besides its values, in a byte: whether a value of it could
/// not be read, whether it is a row of no figure that says something (`ReportRow::said`),
/// whether its 项目名称 is another registry project's, whether it gives free text
/// (`ReportRow::worded`), and in the high four bits its free text's digest
/// (`ReportRow::texts_digest`).
#[derive(Clone, Copy, Debug, Default)]
struct Marks(u8);

impl Marks {
    const FLAWED: u8 = 1;
    const SAID: u8 = 2;
    const MISNAMED: u8 = 4;
    const WORDED: u8 = 8;
    const DIGEST_SHIFT: u8 = 4;

    fn new(flawed: bool, said: bool, worded: bool, digest: u8) -> Marks {
        Marks(
            (u8::from(flawed) * Marks::FLAWED)
                | (u8::from(said) * Marks::SAID)
                | (u8::from(worded) * Marks::WORDED)
                | (digest << Marks::DIGEST_SHIFT),
        )
    }

    fn digest(self) -> u8 {
        self.0 >> Marks::DIGEST_SHIFT
    }

    fn worded(self) -> bool {
        self.0 & Marks::WORDED != 0
    }

    fn flawed(self) -> bool {
        self.0 & Marks::FLAWED != 0
    }

    fn said(self) -> bool {
        self.0 & Marks::SAID != 0
    }

    /// Whether the row's 项目名称 is another registry project's (`Misnamed`).
    fn misnamed(self) -> bool {
        self.0 & Marks::MISNAMED != 0
    }

    fn as_misnamed(self) -> Marks {
        Marks(self.0 | Marks::MISNAMED)
    }

    /// These marks, said (and worded) also where `other` is.
    fn with_said_of(self, other: Marks) -> Marks {
        Marks(self.0 | (other.0 & (Marks::SAID | Marks::WORDED)))
    }
}

/// Of one report file: its rows, where the first is, and whether it is blank: no row gives an
/// investment figure or has a value that could not be read.
#[derive(Debug, Clone, Copy)]
struct FileFigures {
    rows: u32,
    first_line: u32,
    blank: bool,
}

/// The free text of one month's report: 形象进度, 存在问题 and 问题类别 one after the other in
/// one string, each empty when not given. Kept for one month only (the one asked for, or the
/// latest), as it is only ever shown for that month, unless one project's history is asked for.
#[derive(Debug)]
struct Texts {
    month: u8,
    /// Where the first two parts end.
    ends: [usize; 2],
    text: Box<str>,
    /// The same project's free text of another month (`Reports::texts`), or `NONE`.
    next: u32,
}

/// The free text of `month` (1 for January) in the chain of a project's texts starting at
/// `first` (`Block::texts`), if it is kept.
fn texts_of(all: &[Texts], first: u32, month: u8) -> Option<&Texts> {
    let mut next = first;
    while let Some(t) = all.get(next as usize) {
        if t.month == month {
            return Some(t);
        }
        next = t.next;
    }
    None
}

/// Whether a row gives no figure: neither amount, and no value that could not be read (a row
/// with one is named for it). Such a row is no report (a blank template's rows).
fn without_figure(ytd: Packed, this_month: Packed, flawed: bool) -> bool {
    ytd == Packed::default() && this_month == Packed::default() && !flawed
}

impl Texts {
    fn part(&self, i: usize) -> Option<&str> {
        let [a, b] = self.ends;
        let part = match i {
            0 => self.text.get(..a),
            1 => self.text.get(a..b),
            _ => self.text.get(b..),
        }?;
        (!part.is_empty()).then_some(part)
    }
}

/// A project's reports in one year: its slots are those of the block's number in
/// `Reports::slots`.
#[derive(Debug)]
struct Block {
    id: IdNo,
    year: i32,
    /// Its first free text in `Reports::texts`, or `NONE`; one month's but for the project
    /// `TextsFor::Project` names. (An index, not a list of its own: most projects have one.)
    texts: u32,
    /// The block of the same id for another year.
    next: u32,
    /// The months whose slot is taken, a bit each (January the lowest).
    taken: u16,
}

/// A second report for a project and month: kept out of the slots, for `check` to name.
#[derive(Clone, Copy, Debug)]
pub struct Duplicate {
    pub id: IdNo,
    pub month: YearMonth,
    /// Whether it says what the first says, in another file: its figures, and its status and
    /// start where both give one, neither row named as another registry project (a district's
    /// file and a department's both giving a project).
    pub same: bool,
    /// What of it, saying what the first says, is kept where the first gives nothing.
    pub kept: Kept,
    /// What it says differently from the first.
    differs: Differs,
    /// The row, and the first as it was when this one was read.
    row: Slot,
    first: Slot,
    /// Where the first's 项目状态 and 实际开工时间 were given, where another row filled them in.
    first_given: Given,
}

/// Where a slot's 项目状态 and 实际开工时间 were given, where not by its own row: another row
/// of the project and month filled them in (one of no figures, or a second report saying what
/// the first says); and whether its free text was given by a row of no figures, its own giving
/// none (a second report's stands over it). Few slots have one (`Reports::given`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Given {
    status: Option<GivenBy>,
    start: Option<GivenBy>,
    text_of_no_figures: bool,
}

/// A row that gave a slot a value: its file and line, and whether it is a row of no figures.
#[derive(Clone, Copy, Debug, PartialEq)]
struct GivenBy {
    file: u32,
    line: u32,
    blank: bool,
}

/// What the rows of no figures of a slot said, each with the row that first said it: each
/// status (as written, once) and the first start. A later row of no figures is weighed against
/// all of them, whatever rows with figures were read before or between them: a row with figures
/// giving its own status or start keeps it in the slot, where theirs would be lost. Kept only
/// for slots of two rows or more that have a row of no figures (`Reports::said`).
#[derive(Clone, Debug, Default)]
struct SaidWithoutFigures {
    statuses: Vec<SaidStatus>,
    start: Option<SaidStart>,
}

/// A status (`Slot::status`, `Slot::status_text`) and the row that said it.
type SaidStatus = (u8, u32, GivenBy);
/// A start (`Slot::actual_start`) and the row that said it.
type SaidStart = (u16, GivenBy);

impl SaidWithoutFigures {
    /// What a slot's rows said before a second came: its own status and start where it is a
    /// row of no figures (`blank`), and those rows of no figures filled in (`given`).
    fn of(slot: &Slot, given: Given, blank: bool) -> SaidWithoutFigures {
        let own = GivenBy {
            file: slot.file,
            line: slot.line,
            blank: true,
        };
        let by_such = |by: Option<GivenBy>| match by {
            Some(by) => by.blank.then_some(by),
            None => blank.then_some(own),
        };
        let mut said = SaidWithoutFigures::default();
        if slot.status != 0 || slot.status_text != 0 {
            said.statuses
                .extend(by_such(given.status).map(|by| (slot.status, slot.status_text, by)));
        }
        if slot.actual_start != 0 {
            said.start = by_such(given.start).map(|by| (slot.actual_start, by));
        }
        said
    }

    fn is_empty(&self) -> bool {
        self.statuses.is_empty() && self.start.is_none()
    }

    /// Notes what a row of no figures says that no row before it said.
    fn add(&mut self, row: &Slot, by: GivenBy) {
        if (row.status != 0 || row.status_text != 0)
            && !(self.statuses.iter()).any(|&(s, t, _)| (s, t) == (row.status, row.status_text))
        {
            self.statuses.push((row.status, row.status_text, by));
        }
        if self.start.is_none() && row.actual_start != 0 {
            self.start = Some((row.actual_start, by));
        }
    }

    /// A status said before that `row`'s says otherwise, and a start likewise.
    fn otherwise(&self, row: &Slot) -> (Option<SaidStatus>, Option<SaidStart>) {
        let status = (self.statuses.iter())
            .find(|&&(s, t, _)| statuses_differ((s, t), (row.status, row.status_text)))
            .copied();
        let start = self
            .start
            .filter(|&(m, _)| m != 0 && row.actual_start != 0 && m != row.actual_start);
        (status, start)
    }
}

/// Whether two rows' 项目状态 (`Slot::status`, `Slot::status_text`) say different things: by
/// what each says, as rows with figures are weighed (在建 and 施工中 are one); by the text where
/// either says no status known. A row giving none says nothing against the other's.
fn statuses_differ(a: (u8, u32), b: (u8, u32)) -> bool {
    match (a.0, b.0) {
        (0, _) | (_, 0) => a.1 != 0 && b.1 != 0 && a.1 != b.1,
        (x, y) => x != y,
    }
}

/// What a second report saying what the first says gives where the first gives nothing, kept
/// as a row without figures fills in: its 项目状态, 实际开工时间, and free text (形象进度,
/// 存在问题, 问题类别).
#[derive(Clone, Copy, Debug, Default)]
pub struct Kept {
    pub status: bool,
    pub start: bool,
    pub text: bool,
}

/// The fields two rows for a project and month say differently, a bit each: a figure one gives
/// and the other does not, or gives otherwise; a status or start both give, otherwise. (A
/// status or start one leaves empty, or has no column for, says nothing against the other's.)
#[derive(Clone, Copy, Debug)]
struct Differs(u8);

impl Differs {
    /// The fields, in the order they are named.
    const FIELDS: [Field; 4] = [
        Field::MonthInvestment,
        Field::YtdInvestment,
        Field::Status,
        Field::ActualStart,
    ];

    fn of(a: &Slot, b: &Slot, large: &[Amount]) -> Differs {
        let both = |x: u32, y: u32| x != 0 && y != 0 && x != y;
        let said = [
            a.this_month.get(large) != b.this_month.get(large),
            a.ytd.get(large) != b.ytd.get(large),
            both(u32::from(a.status), u32::from(b.status)),
            both(u32::from(a.actual_start), u32::from(b.actual_start)),
        ];
        Differs(
            said.iter()
                .enumerate()
                .fold(0, |bits, (i, &d)| bits | (u8::from(d) << i)),
        )
    }

    /// A status, a start or both said differently, by rows of no figures.
    fn said(status: bool, start: bool) -> Differs {
        Differs((u8::from(status) << 2) | (u8::from(start) << 3))
    }

    fn is_none(self) -> bool {
        self.0 == 0
    }

    fn fields(self) -> impl Iterator<Item = Field> {
        (0..Self::FIELDS.len())
            .filter(move |i| self.0 & 1 << i != 0)
            .map(|i| Self::FIELDS[i])
    }
}

/// A field two report rows say differently (`Duplicate::differences`), with each one's value
/// as read: an amount in 万元, a status as written, a month; `None` where the row gives none.
#[derive(Clone, Debug)]
pub struct Difference {
    pub field: Field,
    pub here: Option<String>,
    pub first: Option<String>,
}

/// A report row whose 项目名称 is another registry project's name, not its own id's: ids out
/// of step with their rows (an id column sorted apart from the rest), for `check` to name.
#[derive(Clone, Copy, Debug)]
pub struct Misnamed {
    /// The row's id, and the project whose name it has.
    pub id: IdNo,
    pub named: IdNo,
    /// The row's `name_key`, and its month.
    pub key: u64,
    pub month: YearMonth,
    file: u32,
    line: u32,
}

impl Misnamed {
    /// Where the row is.
    pub fn origin(&self, reports: &Reports) -> Origin {
        reports.origin(self.file, self.line)
    }

    /// The number of the row's file (as `Reports` numbers them), and its line.
    pub fn file_no(&self) -> u32 {
        self.file
    }

    pub fn line(&self) -> u64 {
        u64::from(self.line)
    }
}

/// A report row whose 所属县区 is not its id's first project's district in the registry (a
/// neighbour's rows in a district's file, or a project moved), for `check` to weigh against
/// the project of the row's year and name.
#[derive(Clone, Copy, Debug)]
pub struct Misplaced {
    pub id: IdNo,
    /// The row's district's `name_key` (its text: `Reports::district_text`), and its month.
    pub key: u64,
    pub month: YearMonth,
    file: u32,
    line: u32,
}

impl Misplaced {
    /// Where the row is.
    pub fn origin(&self, reports: &Reports) -> Origin {
        reports.origin(self.file, self.line)
    }

    /// The number of the file the row is in (as `Reports` numbers them).
    pub fn file_no(&self) -> u32 {
        self.file
    }
}

/// A report row whose 年度计划投资 may not be its project's in the registry (an old plan, or a
/// typo), for `check` to compare with the plan of the row's year's project.
#[derive(Clone, Copy, Debug)]
pub struct Replanned {
    pub id: IdNo,
    /// The row's 年度计划投资, 万元, and its month.
    pub plan: Amount,
    pub month: YearMonth,
    file: u32,
    line: u32,
}

impl Replanned {
    /// Where the row is.
    pub fn origin(&self, reports: &Reports) -> Origin {
        reports.origin(self.file, self.line)
    }

    /// The number of the file the row is in (as `Reports` numbers them).
    pub fn file_no(&self) -> u32 {
        self.file
    }
}

/// Whether a report's 年度计划投资 is the registry's `registry` plan: the same amount, or the
/// registry's rounded (half away from zero) to the places the report writes, in the unit it
/// writes them in (`scale`, its column's factor to 万元, `Layout::scale`): `1235` or `1234.6`
/// for `1234.56`, `1.23` in 亿元 for `12345.67`: a form keeping whole 万元, or two places of
/// 亿元, says the same plan.
pub fn same_plan(report: Amount, registry: Amount, scale: Option<Amount>) -> bool {
    if report == registry {
        return true;
    }
    let (report, registry) = match scale.and_then(|k| Some((k, registry.checked_div(k)?))) {
        Some((k, registry)) => (as_written(report, k), registry),
        None => (report, registry),
    };
    report == registry
        || registry.round_dp_with_strategy(
            report.scale(),
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        ) == report
}

/// An amount held in 万元 as its column wrote it, in a unit of `scale` 万元 (`Layout::scale`):
/// `1.23` for 12300 万元 read from a column in 亿元, its places as written (trailing zeros
/// aside).
pub fn as_written(amount: Amount, scale: Amount) -> Amount {
    amount.checked_div(scale).map_or(amount, |a| a.normalize())
}

/// An id's 年度计划投资 in the registry, for comparing report rows' with as they are added.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum RegistryPlan {
    /// No project (an id only reports have).
    #[default]
    None,
    /// The plan of each of its projects.
    One(Amount),
    /// Its projects of different years plan differently: each row is compared with its year's.
    Varies,
}

/// Which month's free text (形象进度, 存在问题) to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextsFor {
    /// The month asked for.
    Month(YearMonth),
    /// Each project's latest report.
    Latest,
    /// Each project's latest report, and every month of this project's (for its history).
    Project(Arc<str>),
    /// None (for checking only).
    Nothing,
}

impl TextsFor {
    /// Whether free text of a report for `month` is kept.
    pub fn keeps(&self, month: YearMonth) -> bool {
        match self {
            TextsFor::Month(m) => month == *m,
            TextsFor::Latest | TextsFor::Project(_) => true,
            TextsFor::Nothing => false,
        }
    }

    /// Whether every month's text of the project `id` gives is kept (its text only looked up
    /// when some project's are).
    fn every_month_of<'t>(&self, id: impl FnOnce() -> &'t str) -> bool {
        matches!(self, TextsFor::Project(p) if **p == *id())
    }
}

/// One report row as read, borrowing its text from the file.
#[derive(Clone, Debug)]
pub struct ReportRow<'a> {
    pub id: Cow<'a, str>,
    /// 项目名称, where the file has the column: compared with the registry's (`name_key`).
    pub name: Option<Cow<'a, str>>,
    /// 所属县区, where the file has the column: compared with the registry's (`name_key`).
    pub district: Option<Cow<'a, str>>,
    /// 年度计划投资, 万元, where the file has the column and the cell gives one for the row's
    /// year: compared with the registry's, which is the plan the bulletin judges by.
    pub annual_plan: Option<Amount>,
    pub month: YearMonth,
    /// 本月完成投资, 万元.
    pub month_investment: Option<Amount>,
    /// 累计完成投资 since 1 January, 万元.
    pub ytd_investment: Option<Amount>,
    pub status: Option<Status>,
    /// 项目状态 as written.
    pub status_text: Option<Cow<'a, str>>,
    pub actual_start: Option<YearMonth>,
    pub progress: Option<Cow<'a, str>>,
    pub problems: Option<Cow<'a, str>>,
    pub problem_category: Option<Cow<'a, str>>,
    pub line: u64,
    /// A value of this row could not be read (already reported).
    pub flawed: bool,
    /// A row of no figure with a person's word in it (形象进度, 存在问题, 问题类别, or `-` in an
    /// amount cell): a report of nothing invested, where a row of no figure at all (a blank
    /// template row) is none.
    pub said: bool,
    /// Whether it gives free text (形象进度, 存在问题, 问题类别), kept or not: a second report
    /// giving it where the first has none says more than the first.
    pub worded: bool,
    /// A digest of its free text as the file holds it, kept or not (four bits, below 16): the
    /// same text, the same digest (`Report::texts_digest`).
    pub texts_digest: u8,
}

/// Text in a `FileRows` buffer.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: usize,
    len: usize,
}

/// A row of `FileRows`: its text in the file's buffer, its amounts packed. Rows wait in their
/// thousands to be taken, so they are kept small (64 bytes).
#[derive(Clone, Debug)]
struct Row {
    /// The registry id's number, or `NONE` for an id the registry does not have (`id_text`).
    known: IdNo,
    /// The row's line (lines past 4 294 967 295 are named as that line, as in `Slot`).
    line: u32,
    id_text: Span,
    /// Empty for none.
    status_text: Span,
    month: YearMonth,
    month_investment: Packed,
    ytd_investment: Packed,
    /// Its free text's place in `FileRows::texts`, `NONE` when none is kept: few rows have it.
    texts: u32,
    actual_start: u16,
    status: u8,
    marks: Marks,
}

/// One report file's rows, ready to be added to `Reports`: one buffer for all their text.
#[derive(Debug)]
pub struct FileRows {
    layout: Arc<Layout>,
    rows: Vec<Row>,
    /// The registry number of the last id matched (`UNMATCHED` rows are matched later).
    last_known: IdNo,
    /// Whether some row's id is not matched yet (`UNMATCHED`): read before the registry's ids
    /// were known, or left to be matched with the part's others.
    unmatched: bool,
    /// Rows read once the registry's ids were known, and how many of their ids did not follow
    /// the last one matched: once most do not (a file per district, say), they are left to be
    /// matched with the part's others.
    read: u32,
    out_of_order: u32,
    text: String,
    /// 形象进度, 存在问题, 问题类别 of the rows whose free text is kept, one after the other in
    /// `text`: where they start, and their lengths.
    texts: Vec<(usize, [usize; 3])>,
    large: Vec<Amount>,
    /// Each row's `name_key`, where the file has a 项目名称 column (`named`; none otherwise).
    names: Vec<u64>,
    named: bool,
    /// Each row's 所属县区 `name_key`, where the file has the column (`districted`; none
    /// otherwise), and the text of each key (most files say one district throughout).
    districts: Vec<u64>,
    district_texts: Vec<(u64, Span)>,
    districted: bool,
    /// Each row's 年度计划投资, where the file has the column (`planned`; none otherwise).
    plans: Vec<Packed>,
    planned: bool,
    of: RowsFor,
}

/// What a file's rows need of the `Reports` they are for, to be read on another thread: the
/// registry's ids (once they are known, a row's id is matched as it is read, unless most of a
/// part's ids are out of the registry's order: those are matched together as the part is handed
/// on) and which free text to keep.
#[derive(Clone, Debug)]
pub struct RowsFor {
    registry: Arc<OnceLock<Arc<Numbered>>>,
    texts_for: TextsFor,
    /// Buffers of rows taken, to be filled again: a file's rows are read on one thread and
    /// taken on another, a part at a time.
    spare: Arc<Spare<Buffers>>,
}

/// The buffers of a `FileRows`, empty.
#[derive(Debug, Default)]
struct Buffers {
    rows: Vec<Row>,
    text: String,
    texts: Vec<(usize, [usize; 3])>,
    large: Vec<Amount>,
    names: Vec<u64>,
    districts: Vec<u64>,
    district_texts: Vec<(u64, Span)>,
    plans: Vec<Packed>,
}

impl RowsFor {
    /// Whose free text is kept.
    pub fn texts_for(&self) -> &TextsFor {
        &self.texts_for
    }

    /// For rows read before the registry's ids are known (`set_registry`).
    pub fn new(texts_for: TextsFor) -> RowsFor {
        RowsFor {
            registry: Arc::new(OnceLock::new()),
            texts_for,
            spare: Arc::default(),
        }
    }

    /// Hands over the registry's ids (the first ids handed over stay).
    pub fn set_registry(&self, ids: Numbered) -> Arc<Numbered> {
        let _ = self.registry.set(Arc::new(ids));
        self.registry.get().cloned().unwrap_or_default()
    }

    #[cfg(test)]
    pub fn has_registry(&self) -> bool {
        self.registry.get().is_some()
    }
}

impl FileRows {
    /// Rows of the file `layout` describes.
    pub fn new(layout: Arc<Layout>, of: &RowsFor) -> FileRows {
        let Buffers {
            rows,
            text,
            texts,
            large,
            names,
            districts,
            district_texts,
            plans,
        } = of.spare.take().unwrap_or_default();
        let named = layout.column(crate::load::header::Field::Name).is_some();
        let districted = layout
            .column(crate::load::header::Field::District)
            .is_some();
        let planned = layout.column(Field::AnnualPlan).is_some();
        FileRows {
            layout,
            rows,
            last_known: NONE,
            unmatched: false,
            read: 0,
            out_of_order: 0,
            text,
            texts,
            large,
            names,
            named,
            districts,
            district_texts,
            districted,
            plans,
            planned,
            of: of.clone(),
        }
    }

    /// The columns of the file the rows are of.
    pub fn layout(&self) -> &Arc<Layout> {
        &self.layout
    }

    /// An empty part for the rows that follow these in their file, their ids tried first as
    /// these were (after the last one matched, and left for later if most were not).
    pub fn next_part(&self) -> FileRows {
        FileRows {
            last_known: self.last_known,
            read: self.read,
            out_of_order: self.out_of_order,
            ..FileRows::new(self.layout.clone(), &self.of)
        }
    }

    /// Rows read before most of them not following the last one matched leaves the others to
    /// be matched together (`push`).
    const JUDGED_AFTER: u32 = 64;

    /// The most text a part's buffer keeps to be filled again.
    const TEXT_KEPT: usize = 4 << 20;

    /// Lets go of the rows, keeping their buffers to be filled again.
    fn recycle(self) {
        let FileRows {
            mut rows,
            mut text,
            mut texts,
            mut large,
            mut names,
            mut districts,
            mut district_texts,
            mut plans,
            of,
            ..
        } = self;
        rows.clear();
        texts.clear();
        large.clear();
        names.clear();
        districts.clear();
        district_texts.clear();
        plans.clear();
        // (Rows are at most a part's; text is mostly ids and statuses, but one huge cell could
        // have made it any size: such a buffer is let go.)
        text.clear();
        if text.capacity() > Self::TEXT_KEPT {
            text = String::new();
        }
        of.spare.keep(Buffers {
            rows,
            text,
            texts,
            large,
            names,
            districts,
            district_texts,
            plans,
        });
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Takes a row in (by reference: a row is some 220 bytes, and its text is copied in).
    pub fn push(&mut self, row: &ReportRow<'_>) {
        let keep_texts = self.of.texts_for.keeps(row.month)
            && (row.progress.is_some() || row.problems.is_some() || row.problem_category.is_some());
        let (known, id_text) = match self.of.registry.get() {
            // An id is tried as the one after the last one matched first (a month's file lists
            // projects mostly in the registry's order), else looked up. Once most ids of a
            // part are not the next one (a file per district, say: each somewhere else in the
            // table), they are looked up with the part's others (`match_known_ids`), a few
            // rows ahead of each other, so that their cache misses are waited for together,
            // not each in the middle of reading a row.
            Some(registry) => {
                self.read = self.read.saturating_add(1);
                if let Some(next) = following(registry, self.last_known, &row.id) {
                    self.last_known = next;
                    (next, Span::default())
                } else {
                    self.out_of_order = self.out_of_order.saturating_add(1);
                    if self.read >= Self::JUDGED_AFTER
                        && u64::from(self.out_of_order) * 2 > u64::from(self.read)
                    {
                        self.unmatched = true;
                        (UNMATCHED, self.store(&row.id))
                    } else {
                        match registry.get(&row.id) {
                            Some(n) => {
                                self.last_known = n;
                                (n, Span::default())
                            }
                            None => (NONE, self.store(&row.id)),
                        }
                    }
                }
            }
            None => {
                self.unmatched = true;
                (UNMATCHED, self.store(&row.id))
            }
        };
        let status_text = row
            .status_text
            .as_deref()
            .map_or(Span::default(), |t| self.store(t));
        let texts = match u32::try_from(self.texts.len()) {
            Ok(n) if keep_texts && n != NONE => {
                let start = self.text.len();
                let lens = [&row.progress, &row.problems, &row.problem_category]
                    .map(|t| self.store(t.as_deref().unwrap_or("")).len);
                self.texts.push((start, lens));
                n
            }
            _ => NONE,
        };
        if self.named {
            self.names.push(row.name.as_deref().map_or(0, name_key));
        }
        if self.districted {
            let district = row.district.as_deref().unwrap_or("");
            let key = match district {
                "" => 0,
                d => name_key(d),
            };
            // (Each district's text once, of the first few: past them, at each change.)
            if key != 0
                && self.districts.last() != Some(&key)
                && !(self.district_texts.iter().take(64)).any(|&(k, _)| k == key)
            {
                let span = self.store(district);
                self.district_texts.push((key, span));
            }
            self.districts.push(key);
        }
        if self.planned {
            self.plans
                .push(Packed::new(row.annual_plan, &mut self.large));
        }
        self.rows.push(Row {
            known,
            id_text,
            month: row.month,
            month_investment: Packed::new(row.month_investment, &mut self.large),
            ytd_investment: Packed::new(row.ytd_investment, &mut self.large),
            status: pack_status(row.status),
            status_text,
            actual_start: pack_month(row.actual_start),
            texts,
            line: u32::try_from(row.line).unwrap_or(u32::MAX),
            marks: Marks::new(row.flawed, row.said, row.worded, row.texts_digest & 15),
        });
    }

    /// Each row's line and month, in order.
    pub fn lines_and_months(&self) -> impl Iterator<Item = (u64, YearMonth)> + '_ {
        self.rows.iter().map(|r| (u64::from(r.line), r.month))
    }

    /// Moves `other`'s rows (of the same file, read after these) to the end of these.
    pub fn append(&mut self, other: FileRows) {
        debug_assert!(Arc::ptr_eq(&self.layout, &other.layout));
        let (text_at, texts_at, large_at) = (self.text.len(), self.texts.len(), self.large.len());
        self.text.push_str(&other.text);
        self.texts.extend(
            other
                .texts
                .iter()
                .map(|&(start, lens)| (start + text_at, lens)),
        );
        self.large.extend_from_slice(&other.large);
        self.names.extend_from_slice(&other.names);
        self.districts.extend_from_slice(&other.districts);
        let span = |s: Span| Span {
            start: s.start + text_at,
            len: s.len,
        };
        self.district_texts
            .extend(other.district_texts.iter().map(|&(key, s)| (key, span(s))));
        let packed = |p: Packed| match p.bits() & 31 {
            Packed::LARGE => {
                Packed::of_bits((((p.bits() >> 5) + large_at as i64) << 5) | Packed::LARGE)
            }
            _ => p,
        };
        self.plans.extend(other.plans.iter().map(|&p| packed(p)));
        self.rows.extend(other.rows.iter().map(|r| {
            Row {
                id_text: span(r.id_text),
                status_text: span(r.status_text),
                month_investment: packed(r.month_investment),
                ytd_investment: packed(r.ytd_investment),
                texts: match u32::try_from(texts_at) {
                    Ok(at) if r.texts != NONE => r
                        .texts
                        .checked_add(at)
                        .filter(|&n| n != NONE)
                        .unwrap_or(NONE),
                    _ => NONE,
                },
                ..r.clone()
            }
        }));
        self.unmatched |= other.unmatched;
        self.last_known = other.last_known;
        self.read = self.read.saturating_add(other.read);
        self.out_of_order = self.out_of_order.saturating_add(other.out_of_order);
        other.recycle();
    }

    /// `match_ids` if the registry's ids are known (on the reading thread, as a part is handed
    /// on), else nothing (the taking thread matches them).
    pub fn match_known_ids(&mut self) {
        if self.of.registry.get().is_some() {
            self.match_ids();
        }
    }

    /// Matches the ids not matched yet (`UNMATCHED`: read before the registry's ids were known,
    /// or left to be matched with the part's others), waiting for the registry's ids.
    pub fn match_ids(&mut self) {
        if !std::mem::take(&mut self.unmatched) {
            return;
        }
        let registry = Arc::clone(self.of.registry.wait());
        // Each id is tried as the one after the last one matched first, as in `push`; from one
        // that is not, ids are looked up a few rows ahead (`match_out_of_order`) until one is
        // again.
        let mut i = 0;
        while let Some(row) = self.rows.get(i) {
            if row.known != UNMATCHED {
                i += 1;
                continue;
            }
            if let Some(next) = following(&registry, self.last_known, self.text(row.id_text)) {
                self.rows[i].known = next;
                self.last_known = next;
                i += 1;
            } else {
                i = self.match_out_of_order(&registry, i);
            }
        }
    }

    /// Matches the rows not yet matched from row `first` on (whose id does not follow the last
    /// row's) up to and with the next whose id does; gives the row after it. Each id's hash is
    /// worked out and its table slot asked for `AHEAD` rows before it is looked up, and where
    /// the text there ends half as many before, so that few look-ups wait for memory (the ids
    /// of a file per district, say, are each somewhere else in the table).
    fn match_out_of_order(&mut self, registry: &Numbered, first: usize) -> usize {
        const AHEAD: usize = 8;
        let (rows, text, last) = (&mut self.rows, &self.text, &mut self.last_known);
        let id_of = |row: &Row| {
            let start = row.id_text.start;
            text.get(start..start + row.id_text.len).unwrap_or("")
        };
        // The next rows to match and their ids' hashes, oldest first, from `ahead[taken]` on.
        let mut ahead = [(0, 0); AHEAD];
        let (mut taken, mut queued, mut scan) = (0, 0, first);
        let mut queue_next =
            |rows: &[Row], ahead: &mut [(usize, u64); AHEAD], queued: &mut usize| {
                while let Some(row) = rows.get(scan) {
                    scan += 1;
                    if row.known == UNMATCHED {
                        let hash = hash_of(id_of(row));
                        registry.prefetch(hash);
                        ahead[*queued % AHEAD] = (scan - 1, hash);
                        *queued += 1;
                        return;
                    }
                }
            };
        for _ in 0..AHEAD {
            queue_next(rows, &mut ahead, &mut queued);
        }
        for &(_, hash) in &ahead[..queued.min(AHEAD / 2)] {
            registry.prefetch_end(hash);
        }
        while taken < queued {
            let (i, hash) = ahead[taken % AHEAD];
            taken += 1;
            if taken + AHEAD / 2 <= queued {
                registry.prefetch_end(ahead[(taken + AHEAD / 2 - 1) % AHEAD].1);
            }
            queue_next(rows, &mut ahead, &mut queued);
            let id = id_of(&rows[i]);
            let followed = (i != first)
                .then(|| following(registry, *last, id))
                .flatten();
            let n = followed.or_else(|| registry.get_hashed(hash, id));
            if let Some(n) = n {
                *last = n;
            }
            rows[i].known = n.unwrap_or(NONE);
            if followed.is_some() {
                return i + 1;
            }
        }
        rows.len()
    }

    fn store(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        Span {
            start,
            len: text.len(),
        }
    }

    fn text(&self, span: Span) -> &str {
        self.text
            .get(span.start..span.start + span.len)
            .unwrap_or("")
    }
}

/// Every report read, by project, year and month.
#[derive(Debug)]
pub struct Reports {
    /// The registry's ids, numbered from 0.
    registry: Arc<Numbered>,
    /// Ids that only reports have, numbered after the registry's.
    others: Numbered,
    blocks: Vec<Block>,
    /// Each month's slots (January first), by block number. A month's are only as many as
    /// its last block that has a report; a slot is read only when its block's `taken` says so.
    slots: [Vec<Slot>; 12],
    /// Each id's first block; the block of another year is its `next`.
    first_block: Vec<u32>,
    /// The files rows came from, by number.
    layouts: Vec<Arc<Layout>>,
    /// Amounts too large to pack.
    large: Vec<Amount>,
    /// Free text kept, each project's chained from its block.
    texts: Vec<Texts>,
    statuses: Numbered,
    rows: usize,
    /// The months that have report rows, each with its first row's file and line.
    months: BTreeMap<YearMonth, (u32, u32)>,
    /// The months that have a row with a figure (a blank template's rows have none).
    months_reported: std::collections::BTreeSet<YearMonth>,
    /// Of each file, by number (as `layouts`): its rows and whether it is blank.
    files: Vec<FileFigures>,
    duplicates: Vec<Duplicate>,
    /// Where a slot's 项目状态 or 实际开工时间 was given by another row than its own, by block
    /// number and month (0 for January).
    given: FxMap<(u32, u8), Given>,
    /// What the rows of no figures of a slot of two rows or more said, by block number and
    /// month, as `given`.
    said: FxMap<(u32, u8), SaidWithoutFigures>,
    /// Each registry id's first project's `name_key` (by number), the keys of its projects of
    /// other years named otherwise, and the number of the id each name belongs to, for names of
    /// one id only, made when first needed (`set_names`, `named`).
    names: Vec<u64>,
    more_names: Vec<(IdNo, u64)>,
    by_name: Option<FxMap<u64, IdNo>>,
    misnamed: Vec<Misnamed>,
    /// Each registry id's projects' district's `name_key` (by number; `set_districts`), the rows
    /// whose 所属县区 may be another (`check` compares them with the row's year's), and each such
    /// district's text as first written.
    districts: Vec<u64>,
    misplaced: Vec<Misplaced>,
    district_texts: FxMap<u64, String>,
    /// Each registry id's projects' 年度计划投资 (by number; `set_plans`), and the rows whose
    /// own 年度计划投资 may be another (`check` compares them with the row's year's).
    plans: Vec<RegistryPlan>,
    replanned: Vec<Replanned>,
    texts_for: TextsFor,
}

impl Default for Reports {
    fn default() -> Reports {
        Reports::new(Arc::default(), TextsFor::Latest)
    }
}

/// No block; an id not in the registry.
const NONE: u32 = u32::MAX;
/// An id not matched yet: read before the registry's ids were known, or left to be matched with
/// its part's others (`FileRows::match_ids`).
const UNMATCHED: u32 = u32::MAX - 1;

impl Reports {
    /// Reports of the projects whose ids `registry` numbers.
    pub fn new(registry: Arc<Numbered>, texts_for: TextsFor) -> Reports {
        let projects = registry.len();
        Reports {
            first_block: vec![NONE; projects],
            // A block for each project's year, most likely.
            blocks: Vec::with_capacity(projects),
            // Room for a slot a project each month, made at once (its pages are only taken as
            // they fill), so that no month's slots are copied as they grow.
            slots: std::array::from_fn(|_| Vec::with_capacity(projects)),
            registry,
            others: Numbered::default(),
            layouts: Vec::new(),
            large: Vec::new(),
            // Most projects' free text of one month, most likely: room made at once, not by
            // doubling (its pages are only taken as it fills).
            texts: match texts_for {
                TextsFor::Nothing => Vec::new(),
                _ => Vec::with_capacity(projects),
            },
            statuses: Numbered::default(),
            rows: 0,
            months: BTreeMap::new(),
            months_reported: Default::default(),
            files: Vec::new(),
            duplicates: Vec::new(),
            given: FxMap::default(),
            said: FxMap::default(),
            names: Vec::new(),
            more_names: Vec::new(),
            by_name: None,
            misnamed: Vec::new(),
            districts: Vec::new(),
            misplaced: Vec::new(),
            district_texts: FxMap::default(),
            plans: Vec::new(),
            replanned: Vec::new(),
            texts_for,
        }
    }

    /// Takes the registry's project names, to compare report rows' names with as they are
    /// added (before any is).
    pub fn set_names<'p>(&mut self, projects: impl IntoIterator<Item = (IdNo, &'p str)>) {
        let mut names = vec![0; self.registry.len()];
        let mut more_names = Vec::new();
        for (id, name) in projects {
            let key = name_key(name);
            match names.get_mut(id as usize) {
                Some(first) if *first == 0 => *first = key,
                Some(first) if *first != key => more_names.push((id, key)),
                _ => {}
            }
        }
        self.names = names;
        self.more_names = more_names;
        self.by_name = None;
    }

    /// An id whose projects of different years are of different districts: each of its rows is
    /// compared with its year's.
    const DISTRICTS_VARY: u64 = u64::MAX;

    /// Takes the registry's projects' districts, to compare report rows' 所属县区 with as they
    /// are added (before any is): each id's projects', `DISTRICTS_VARY` where its years' differ.
    pub fn set_districts<'p>(&mut self, projects: impl IntoIterator<Item = (IdNo, &'p str)>) {
        let mut districts = vec![0; self.registry.len()];
        for (id, district) in projects {
            let key = name_key(district);
            match districts.get_mut(id as usize) {
                Some(first) if *first == 0 => *first = key,
                Some(first) if *first != key => *first = Self::DISTRICTS_VARY,
                _ => {}
            }
        }
        self.districts = districts;
    }

    /// Takes the registry's projects' 年度计划投资, to compare report rows' with as they are
    /// added (before any is): each id's projects', `RegistryPlan::Varies` where its years' differ.
    pub fn set_plans(&mut self, projects: impl IntoIterator<Item = (IdNo, Amount)>) {
        let mut plans = vec![RegistryPlan::None; self.registry.len()];
        for (id, plan) in projects {
            match plans.get_mut(id as usize) {
                Some(first @ RegistryPlan::None) => *first = RegistryPlan::One(plan),
                Some(first @ RegistryPlan::One(_)) if *first != RegistryPlan::One(plan) => {
                    *first = RegistryPlan::Varies
                }
                _ => {}
            }
        }
        self.plans = plans;
    }

    /// The number of the one id whose project is named with `key`, if one is: the table of
    /// names made the first time a row's name is not its id's (most folders' never are).
    fn named(&mut self, key: u64) -> Option<IdNo> {
        let (names, more) = (&self.names, &self.more_names);
        let by_name = self.by_name.get_or_insert_with(|| {
            let mut by_name = FxMap::default();
            let all = (0..).zip(names.iter().copied()).chain(more.iter().copied());
            for (id, key) in all.filter(|&(_, key)| key != 0) {
                // (A name two ids share tells neither.)
                let owner = by_name.entry(key).or_insert(id);
                if *owner != id {
                    *owner = NONE;
                }
            }
            by_name
        });
        by_name.get(&key).copied().filter(|&id| id != NONE)
    }

    /// What `FileRows` for these reports need.
    pub fn rows_for(&self) -> RowsFor {
        RowsFor {
            registry: Arc::new(OnceLock::from(self.registry.clone())),
            texts_for: self.texts_for.clone(),
            spare: Arc::default(),
        }
    }

    /// The number of an id, if any row or project has it.
    pub fn id_no(&self, id: &str) -> Option<IdNo> {
        self.registry
            .get(id)
            .or_else(|| Some(self.others.get(id)? + self.registry.len() as u32))
    }

    /// The id of a number.
    pub fn id(&self, n: IdNo) -> &str {
        match n.checked_sub(self.registry.len() as u32) {
            None => self.registry.text(n),
            Some(other) => self.others.text(other),
        }
    }

    /// The block of an id and year (its place in `blocks`), made if there is none yet.
    fn block_of(&mut self, id: IdNo, year: i32) -> usize {
        let i = id as usize;
        if i >= self.first_block.len() {
            self.first_block.resize(i + 1, NONE);
        }
        let mut b = self.first_block[i];
        let mut last = NONE;
        while b != NONE && self.blocks[b as usize].year != year {
            last = b;
            b = self.blocks[b as usize].next;
        }
        if b == NONE {
            b = self.blocks.len() as u32;
            self.blocks.push(Block {
                id,
                year,
                texts: NONE,
                next: NONE,
                taken: 0,
            });
            match last {
                NONE => self.first_block[i] = b,
                _ => self.blocks[last as usize].next = b,
            }
        }
        b as usize
    }

    /// The block of an id and year, and its number.
    fn find_block(&self, id: IdNo, year: i32) -> Option<(&Block, usize)> {
        let mut b = *self.first_block.get(id as usize)?;
        while b != NONE {
            let block = &self.blocks[b as usize];
            if block.year == year {
                return Some((block, b as usize));
            }
            b = block.next;
        }
        None
    }

    /// Takes a file's rows (or the next part of them), after every file before it, matching
    /// first the ids not yet matched. The first row for a project and month fills its slot; a
    /// later one is a duplicate.
    pub fn add(&mut self, mut file: FileRows) {
        file.match_ids();
        self.add_rows(&file);
        file.recycle();
    }

    fn add_rows(&mut self, file: &FileRows) {
        // A file's rows may come in several parts: one number for the file.
        let file_no = match self.layouts.last() {
            Some(last) if Arc::ptr_eq(last, &file.layout) => self.layouts.len() as u32 - 1,
            _ => {
                self.layouts.push(file.layout.clone());
                self.files.push(FileFigures {
                    rows: 0,
                    first_line: file.rows.first().map_or(0, |r| r.line),
                    blank: true,
                });
                self.layouts.len() as u32 - 1
            }
        };
        let figures = &mut self.files[file_no as usize];
        figures.rows = figures.rows.saturating_add(file.rows.len() as u32);
        let mut blank = figures.blank;
        let (mut last_month, mut last_reported) = (None, None);
        // Rows say the same few statuses: the numbers of the first few seen, before hashing.
        let mut seen_statuses: Vec<(&str, u32)> = Vec::with_capacity(8);
        for (n, row) in file.rows.iter().enumerate() {
            self.rows += 1;
            // A row whose id is not the registry's keeps its id's text. (Rows are matched
            // before they are added: `match_ids`.)
            debug_assert!(
                row.known != UNMATCHED,
                "rows are matched before they are added"
            );
            let id = match row.known {
                n if (n as usize) < self.registry.len() => n,
                _ => self.others.number(file.text(row.id_text)) + self.registry.len() as u32,
            };
            let line = row.line;
            let month = row.month;
            if last_month != Some(month) {
                self.months.entry(month).or_insert((file_no, line));
                last_month = Some(month);
            }
            let status_text = match file.text(row.status_text) {
                "" => 0,
                text => match seen_statuses.iter().find(|(t, _)| *t == text) {
                    Some(&(_, n)) => n,
                    None => {
                        let n = self.statuses.number(text) + 1;
                        if seen_statuses.len() < seen_statuses.capacity() {
                            seen_statuses.push((text, n));
                        }
                        n
                    }
                },
            };
            let every_month = self.texts_for.every_month_of(|| self.id(id));
            let mut large = std::mem::take(&mut self.large);
            let mut repack = |p: Packed| match p.bits() & 31 {
                Packed::LARGE => Packed::new(p.get(&file.large), &mut large),
                _ => p,
            };
            let (ytd, this_month) = (repack(row.ytd_investment), repack(row.month_investment));
            self.large = large;
            let (flawed, said) = (row.marks.flawed(), row.marks.said());
            let row_blank = without_figure(ytd, this_month, flawed);
            blank &= row_blank && !said;
            if (ytd != Packed::default() || this_month != Packed::default() || said)
                && last_reported != Some(month)
            {
                self.months_reported.insert(month);
                last_reported = Some(month);
            }
            let mut marks = row.marks;
            if let Some(&key) = file.names.get(n)
                && key != 0
                && self
                    .names
                    .get(id as usize)
                    .is_some_and(|&own| own != 0 && own != key)
                && let Some(named) = self.named(key)
                && named != id
            {
                self.misnamed.push(Misnamed {
                    id,
                    named,
                    key,
                    month,
                    file: file_no,
                    line,
                });
                marks = marks.as_misnamed();
            }
            if let Some(&key) = file.districts.get(n)
                && key != 0
                && self
                    .districts
                    .get(id as usize)
                    .is_some_and(|&own| own == Self::DISTRICTS_VARY || own != 0 && own != key)
            {
                if !self.district_texts.contains_key(&key)
                    && let Some(&(_, span)) = file.district_texts.iter().find(|(k, _)| *k == key)
                {
                    self.district_texts.insert(key, file.text(span).to_string());
                }
                self.misplaced.push(Misplaced {
                    id,
                    key,
                    month,
                    file: file_no,
                    line,
                });
            }
            if let Some(plan) = file.plans.get(n).and_then(|p| p.get(&file.large))
                && match self.plans.get(id as usize) {
                    Some(&RegistryPlan::One(own)) => {
                        !same_plan(plan, own, file.layout.scale(Field::AnnualPlan))
                    }
                    Some(RegistryPlan::Varies) => true,
                    _ => false,
                }
            {
                self.replanned.push(Replanned {
                    id,
                    plan,
                    month,
                    file: file_no,
                    line,
                });
            }
            let b = self.block_of(id, month.year());
            let block = &mut self.blocks[b];
            let i = month.month() as usize - 1;
            let slots = &mut self.slots[i];
            if slots.len() <= b {
                slots.resize(b + 1, Slot::default());
            }
            let slot = &mut slots[b];
            // A row without any figure is no report (a blank template row, its status filled
            // in ahead): it clashes with no row that has figures, and fills in only what the
            // row with figures leaves empty (项目状态, 实际开工时间, free text), whichever of the
            // two is read first. Two rows without figures clash only where they say different
            // statuses or starts, whatever rows with figures are read before or between them
            // (`SaidWithoutFigures`): whether they clash does not hang on the order of files.
            let taken = block.taken & 1 << i != 0;
            let blank = row_blank;
            let kept_blank =
                taken && without_figure(slot.ytd, slot.this_month, slot.marks.flawed());
            let replacing = kept_blank && !blank;
            let fill_in = taken && blank;
            let key = (b as u32, i as u8);
            let given = match taken {
                true => self.given.get(&key).copied().unwrap_or_default(),
                false => Given::default(),
            };
            if taken && !self.said.contains_key(&key) {
                let said = SaidWithoutFigures::of(slot, given, kept_blank);
                if blank || !said.is_empty() {
                    self.said.insert(key, said);
                }
            }
            let new = Slot {
                ytd,
                this_month,
                file: file_no,
                line,
                status_text,
                actual_start: row.actual_start,
                status: row.status,
                marks,
            };
            let (said_status, said_start) = match (taken && blank, self.said.get(&key)) {
                (true, Some(said)) => said.otherwise(&new),
                _ => (None, None),
            };
            let clash = taken
                && match blank {
                    true => said_status.is_some() || said_start.is_some(),
                    false => !kept_blank,
                };
            if clash {
                // (A row of no figures is weighed by what it says, against what the row that
                // said otherwise said: not by the figures another row gives.)
                let (mut first, mut first_given) = (*slot, given);
                let differs = match blank {
                    true => {
                        if let Some((status, text, by)) = said_status {
                            (first.status, first.status_text) = (status, text);
                            first_given.status = Some(by);
                        }
                        if let Some((start, by)) = said_start {
                            first.actual_start = start;
                            first_given.start = Some(by);
                        }
                        Differs::said(said_status.is_some(), said_start.is_some())
                    }
                    false => {
                        // (A status or start a row of no figures filled in is none of the
                        // first's: it says nothing against this row's, which stands over it.)
                        if given.status.is_some_and(|by| by.blank) {
                            (first.status, first.status_text) = (0, 0);
                            first_given.status = None;
                        }
                        if given.start.is_some_and(|by| by.blank) {
                            first.actual_start = 0;
                            first_given.start = None;
                        }
                        Differs::of(&first, &new, &self.large)
                    }
                };
                // (Only another file's, and neither row named as another registry project:
                // a second row in one file, or one so named, is likely another project's
                // under a wrong id.)
                let same = slot.file != file_no
                    && !marks.misnamed()
                    && !slot.marks.misnamed()
                    && !flawed
                    && !slot.marks.flawed()
                    && differs.is_none();
                let kept = Kept {
                    status: same && first.status_text == 0 && first.status == 0 && row.status != 0,
                    start: same && first.actual_start == 0 && row.actual_start != 0,
                    text: same
                        && marks.worded()
                        && (!slot.marks.worded() || given.text_of_no_figures),
                };
                self.duplicates.push(Duplicate {
                    id,
                    month,
                    same,
                    kept,
                    differs,
                    row: new,
                    first,
                    first_given,
                });
                // (One saying what the first says fills in what the first leaves empty, as a
                // row without figures does: a department's file of figures alone read before a
                // district's with the free text and the start.)
                if !same {
                    continue;
                }
            }
            if fill_in && let Some(said) = self.said.get_mut(&key) {
                said.add(
                    &new,
                    GivenBy {
                        file: file_no,
                        line,
                        blank: true,
                    },
                );
            }
            // (What the row kept gives stands; the other fills in what it leaves empty, and
            // where it does so is noted: a later row saying otherwise is weighed with the row
            // that said it, and named at it.)
            let fill_in = fill_in || clash;
            let own = |s: &Slot, blank: bool| GivenBy {
                file: s.file,
                line: s.line,
                blank,
            };
            let none = Given::default();
            let (mut kept, other, other_blank, mut given, other_given) = match (fill_in, replacing)
            {
                (true, _) => (*slot, new, blank, given, none),
                (false, true) => (new, *slot, true, none, given),
                (false, false) => (new, Slot::default(), false, none, none),
            };
            // (A row with figures says more than one of none: its status or start stands over
            // one a row of no figures filled in, whichever of the two is read first.)
            let of_no_figures = |by: Option<GivenBy>| !other_blank && by.is_some_and(|b| b.blank);
            // (A status of no text is one an actual start of 已开工 gave.)
            if (kept.status_text == 0 && kept.status == 0 || of_no_figures(given.status))
                && (other.status_text != 0 || other.status != 0)
            {
                (kept.status_text, kept.status) = (other.status_text, other.status);
                given.status = other_given.status.or(Some(own(&other, other_blank)));
            }
            if (kept.actual_start == 0 || of_no_figures(given.start)) && other.actual_start != 0 {
                kept.actual_start = other.actual_start;
                given.start = other_given.start.or(Some(own(&other, other_blank)));
            }
            // (Free text likewise: a row with figures' stands over one a row of no figures
            // gave, and takes its place.)
            let text_given = other.marks.worded()
                && match (fill_in, other_blank) {
                    (true, true) => !kept.marks.worded(),
                    (true, false) => !kept.marks.worded() || given.text_of_no_figures,
                    (false, _) => replacing && !kept.marks.worded(),
                };
            if text_given {
                given.text_of_no_figures = other_blank;
            }
            let takes_text = replacing || fill_in && !blank && text_given;
            if given != none {
                self.given.insert(key, given);
            } else if taken {
                self.given.remove(&key);
            }
            kept.marks = kept.marks.with_said_of(other.marks);
            block.taken |= 1 << i;
            *slot = kept;
            if let Some(&(start, [a, b, c])) = file.texts.get(row.texts as usize) {
                let text = file.text(Span {
                    start,
                    len: a + b + c,
                });
                let mut texts = Texts {
                    month: month.month() as u8,
                    ends: [a, a + b],
                    text: text.into(),
                    next: NONE,
                };
                // Months arrive in any order, each once (a second row is a duplicate, or one
                // without figures beside one with: its text fills in where the other has none).
                // A project keeps one month's, the latest, unless it keeps every month's.
                let first = block.texts;
                let given = fill_in
                    && !takes_text
                    && every_month
                    && texts_of(&self.texts, first, texts.month).is_some();
                match self.texts.get_mut(first as usize) {
                    Some(kept) if !every_month => {
                        if kept.month < texts.month || (takes_text && kept.month == texts.month) {
                            *kept = texts;
                        }
                    }
                    // (Every month's: a row without figures, or a second report, adds its
                    // month's only where the row kept gave none, or a second report where only
                    // a row without figures gave one: found first, it stands for the month.)
                    Some(_) if given => {}
                    _ => {
                        texts.next = first;
                        block.texts = u32::try_from(self.texts.len()).unwrap_or(NONE);
                        self.texts.push(texts);
                    }
                }
            }
        }
        self.files[file_no as usize].blank = blank;
    }

    /// How many report rows were read (duplicates included).
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The months that have any report row, in order.
    pub fn months(&self) -> impl DoubleEndedIterator<Item = YearMonth> + '_ {
        self.months.keys().copied()
    }

    /// The latest month with a report with a figure, else with any row, in `year` if given: the
    /// month a bulletin is for when none is asked for. Blank templates dropped among the reports
    /// for the next month do not make it that month.
    pub fn latest_month(&self, year: Option<i32>) -> Option<YearMonth> {
        let in_year = |m: &YearMonth| year.is_none_or(|y| m.year() == y);
        self.months_reported
            .iter()
            .copied()
            .rev()
            .find(in_year)
            .or_else(|| self.months().rev().find(in_year))
    }

    /// Whether any row is for month `m`.
    pub fn has_month(&self, m: YearMonth) -> bool {
        self.months.contains_key(&m)
    }

    /// Whether any row for month `m` gives a figure (a month of blank templates gives none).
    pub fn has_figures(&self, m: YearMonth) -> bool {
        self.months_reported.contains(&m)
    }

    /// The file of the first row for month `m`.
    pub fn first_file_of(&self, m: YearMonth) -> Option<&str> {
        let &(file, _) = self.months.get(&m)?;
        Some(&self.layouts[file as usize].file)
    }

    /// A project's reports in a year (none when it has no report that year).
    pub fn timeline(&self, id: IdNo, year: i32) -> Timeline<'_> {
        Timeline {
            reports: self,
            block: self.find_block(id, year),
        }
    }

    /// `timeline` of a project's id in another year: none of a year its id was another
    /// project's (`Project::owns_reports_of`).
    pub fn timeline_of(&self, p: &super::Project, year: i32) -> Timeline<'_> {
        Timeline {
            reports: self,
            block: self
                .find_block(p.id_no, year)
                .filter(|_| p.owns_reports_of(year)),
        }
    }

    /// `earlier` of a project's id: the years its id was another project's left out
    /// (`Project::owns_reports_of`).
    pub fn earlier_of(&self, p: &super::Project, year: i32) -> Vec<Timeline<'_>> {
        let mut earlier = self.earlier(p.id_no, year);
        earlier.retain(|t| t.year().is_some_and(|y| p.owns_reports_of(y)));
        earlier
    }

    /// A project's reports in each year before `year` that has any, latest year first.
    pub fn earlier(&self, id: IdNo, year: i32) -> Vec<Timeline<'_>> {
        let mut earlier = Vec::new();
        let mut b = self.first_block.get(id as usize).copied().unwrap_or(NONE);
        while let Some(block) = self.blocks.get(b as usize) {
            if block.year < year {
                earlier.push(Timeline {
                    reports: self,
                    block: Some((block, b as usize)),
                });
            }
            b = block.next;
        }
        earlier.sort_by_key(|t| std::cmp::Reverse(t.year()));
        earlier
    }

    /// Every project's reports in every year, in the order first read.
    pub fn timelines(&self) -> impl Iterator<Item = Timeline<'_>> {
        self.blocks.iter().enumerate().map(|(b, block)| Timeline {
            reports: self,
            block: Some((block, b)),
        })
    }

    /// Files with rows none of which gives an investment figure (a blank template dropped in
    /// among the reports), or has a value that could not be read: where each one's first row
    /// is, and how many rows it has.
    pub fn files_without_figures(&self) -> impl Iterator<Item = (Origin, u32)> + '_ {
        (0u32..)
            .zip(&self.files)
            .filter(|(_, f)| f.rows > 0 && f.blank)
            .map(|(file, f)| (self.origin(file, f.first_line), f.rows))
    }

    /// Second reports for a project and month, in the order read.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Rows whose 项目名称 is another registry project's, in the order read.
    pub fn misnamed(&self) -> &[Misnamed] {
        &self.misnamed
    }

    /// Rows whose 年度计划投资 is not their id's projects' (or whose id's projects' plans
    /// differ by year), in the order read.
    pub fn replanned(&self) -> &[Replanned] {
        &self.replanned
    }

    /// Rows whose 所属县区 is not their id's first project's district, in the order read.
    pub fn misplaced(&self) -> &[Misplaced] {
        &self.misplaced
    }

    /// The text of a district a row was misplaced in (`Misplaced::key`), as first written.
    pub fn district_text(&self, key: u64) -> &str {
        self.district_texts.get(&key).map_or("", String::as_str)
    }

    /// How many rows file number `file` gives (of any month; as `Reports` numbers files).
    pub fn rows_of_file(&self, file: u32) -> usize {
        self.files.get(file as usize).map_or(0, |f| f.rows as usize)
    }

    /// Where line `line` of file number `file` is (as `Reports` numbers files).
    /// The file numbered `file`, relative to the data folder.
    pub fn file_of(&self, file: u32) -> &str {
        &self.layouts[file as usize].file
    }

    pub fn origin_of_file(&self, file: u32, line: u64) -> Origin {
        self.origin(file, u32::try_from(line).unwrap_or(u32::MAX))
    }

    fn origin(&self, file: u32, line: u32) -> Origin {
        Origin {
            layout: self.layouts[file as usize].clone(),
            line: u64::from(line),
        }
    }
}

impl Duplicate {
    /// Where the second row is.
    pub fn origin(&self, reports: &Reports) -> Origin {
        reports.origin(self.row.file, self.row.line)
    }

    /// The second row's file, relative to the data folder.
    pub fn file<'r>(&self, reports: &'r Reports) -> &'r str {
        &reports.layouts[self.row.file as usize].file
    }

    /// The numbers of the second row's file and the first's (as `Reports` numbers them).
    pub fn file_nos(&self) -> (u32, u32) {
        (self.row.file, self.first.file)
    }

    /// Where the first row, the one kept, is.
    pub fn first(&self, reports: &Reports) -> Origin {
        reports.origin(self.first.file, self.first.line)
    }

    /// Whether the row's 项目名称 is another registry project's (`Misnamed`).
    pub fn misnamed(&self) -> bool {
        self.row.marks.misnamed()
    }

    /// Where the first's value of `field` was given, where another row of the project and month
    /// filled it in (its 项目状态 or 实际开工时间, the first leaving it empty): the row that
    /// says it, to be named.
    pub fn first_given(&self, field: Field, reports: &Reports) -> Option<Origin> {
        let by = match field {
            Field::Status => self.first_given.status,
            Field::ActualStart => self.first_given.start,
            _ => None,
        }?;
        Some(reports.origin(by.file, by.line))
    }

    /// How many rows its file, and the first's, give (of any month): what moving either file
    /// out of `reports/` would leave unread.
    pub fn rows_of_files(&self, reports: &Reports) -> (usize, usize) {
        let rows = |file: u32| {
            reports
                .files
                .get(file as usize)
                .map_or(0, |f| f.rows as usize)
        };
        (rows(self.row.file), rows(self.first.file))
    }

    /// What it says differently from the first, field by field (本月, 累计, 项目状态, 实际开工
    /// 时间, in that order). None where a value of either could not be read: what it is is
    /// not known.
    pub fn differences(&self, reports: &Reports) -> Vec<Difference> {
        if self.row.marks.flawed() || self.first.marks.flawed() {
            return Vec::new();
        }
        let value = |slot: &Slot, field: Field| match field {
            Field::MonthInvestment => slot.this_month.get(&reports.large).map(amount_shown),
            Field::YtdInvestment => slot.ytd.get(&reports.large).map(amount_shown),
            Field::Status => match slot.status_text.checked_sub(1) {
                Some(n) => Some(reports.statuses.text(n).to_string()),
                // (A status of no text is one an actual start of 已开工 gave.)
                None => unpack_status(slot.status).map(|_| "已开工".to_string()),
            },
            _ => unpack_month(slot.actual_start).map(|m| m.to_string()),
        };
        self.differs
            .fields()
            .map(|field| Difference {
                field,
                here: value(&self.row, field),
                first: value(&self.first, field),
            })
            .collect()
    }
}

/// An amount as a message shows it: `2808.2`, not `2808.20`.
fn amount_shown(a: Amount) -> String {
    a.normalize().to_string()
}

/// A project's reports in one year.
#[derive(Clone, Copy)]
pub struct Timeline<'a> {
    reports: &'a Reports,
    /// Its block and the block's number.
    block: Option<(&'a Block, usize)>,
}

impl<'a> Timeline<'a> {
    pub fn id(&self) -> Option<IdNo> {
        self.block.map(|(b, _)| b.id)
    }

    pub fn year(&self) -> Option<i32> {
        self.block.map(|(b, _)| b.year)
    }

    /// The report in the `i`th month of the block's year (0 for January), if there is one.
    fn report(&self, i: usize) -> Option<Report<'a>> {
        let (block, b) = self.block?;
        if block.taken & 1 << i == 0 {
            return None;
        }
        Some(Report {
            reports: self.reports,
            block,
            slot: self.reports.slots.get(i)?.get(b)?,
            month: YearMonth::new(block.year, i as u32 + 1)?,
        })
    }

    /// The report for month `m`, if there is one.
    pub fn at(&self, m: YearMonth) -> Option<Report<'a>> {
        self.block.filter(|(b, _)| b.year == m.year())?;
        self.report(m.month() as usize - 1)
    }

    /// The reports in month order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Report<'a>> + 'a {
        let this = *self;
        (0..12).filter_map(move |i| this.report(i))
    }

    /// The reports up to and including month `m`, in month order.
    pub fn upto(&self, m: YearMonth) -> impl DoubleEndedIterator<Item = Report<'a>> + 'a {
        self.iter().filter(move |r| r.month <= m)
    }

    pub fn is_empty(&self) -> bool {
        self.block.is_none_or(|(b, _)| b.taken == 0)
    }
}

/// One report row, as kept in its slot.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    reports: &'a Reports,
    block: &'a Block,
    slot: &'a Slot,
    month: YearMonth,
}

impl<'a> Report<'a> {
    pub fn id(&self) -> &'a str {
        self.reports.id(self.block.id)
    }

    pub fn month(&self) -> YearMonth {
        self.month
    }

    /// 本月完成投资, 万元.
    pub fn month_investment(&self) -> Option<Amount> {
        self.slot.this_month.get(&self.reports.large)
    }

    /// 累计完成投资 since 1 January, 万元.
    pub fn ytd_investment(&self) -> Option<Amount> {
        self.slot.ytd.get(&self.reports.large)
    }

    /// 本月完成投资 and 累计完成投资 in `super::units` (each `None` when not given), if both can
    /// be: `None` when one has more places, or is too large to pack.
    pub fn investment_units(&self) -> Option<(Option<i128>, Option<i128>)> {
        Some((self.slot.this_month.units()?, self.slot.ytd.units()?))
    }

    pub fn status(&self) -> Option<Status> {
        unpack_status(self.slot.status)
    }

    /// 项目状态 as written.
    pub fn status_text(&self) -> Option<&'a str> {
        let n = self.slot.status_text.checked_sub(1)?;
        Some(self.reports.statuses.text(n))
    }

    pub fn actual_start(&self) -> Option<YearMonth> {
        unpack_month(self.slot.actual_start)
    }

    /// Its free text's digest (`ReportRow::texts_digest`), where it gives free text: two
    /// reports whose digests differ say different things in 形象进度, 存在问题 or 问题类别; one
    /// in sixteen of those saying different things have the same.
    pub fn texts_digest(&self) -> Option<u8> {
        let marks = self.slot.marks;
        marks.worded().then_some(marks.digest())
    }

    /// A value of this row could not be read (already reported).
    pub fn flawed(&self) -> bool {
        self.slot.marks.flawed()
    }

    /// Whether this row's file is one of `files_without_figures`.
    pub fn in_file_without_figures(&self) -> bool {
        self.reports.files[self.slot.file as usize].blank
    }

    /// Whether the row gives an investment figure, zero or more.
    pub fn has_a_figure(&self) -> bool {
        self.month_investment().is_some() || self.ytd_investment().is_some()
    }

    /// Whether the row is a report: it gives a figure, or says something with none
    /// (`ReportRow::said`: nothing invested). A row of no figure and no word (a blank template
    /// dropped in) is not.
    pub fn is_a_report(&self) -> bool {
        self.has_a_figure() || self.slot.marks.said()
    }

    /// Whether the row is a report of no figure (`ReportRow::said`).
    pub fn said_without_figure(&self) -> bool {
        self.slot.marks.said() && !self.has_a_figure()
    }

    /// Whether any investment is reported in this row.
    pub fn has_investment(&self) -> bool {
        self.month_investment().is_some_and(|a| a > Decimal::ZERO)
            || self.ytd_investment().is_some_and(|a| a > Decimal::ZERO)
    }

    pub fn origin(&self) -> Origin {
        self.reports.origin(self.slot.file, self.slot.line)
    }

    /// The file, relative to the data folder.
    pub fn file(&self) -> &'a str {
        &self.reports.layouts[self.slot.file as usize].file
    }

    /// The number of the row's file (as `Reports` numbers them).
    pub fn file_no(&self) -> u32 {
        self.slot.file
    }

    /// The row's line in its file (`origin`'s, without taking its file's columns).
    pub fn line(&self) -> u64 {
        u64::from(self.slot.line)
    }

    /// The columns of the row's file.
    pub fn layout(&self) -> &'a Layout {
        &self.reports.layouts[self.slot.file as usize]
    }

    /// Its free text, if it has any and it is kept (for the month asked for, or the latest).
    pub fn free_text(&self) -> Option<FreeText<'a>> {
        texts_of(
            &self.reports.texts,
            self.block.texts,
            self.month.month() as u8,
        )
        .map(FreeText)
    }

    /// 形象进度 (kept for the month asked for, or the latest).
    pub fn progress(&self) -> Option<&'a str> {
        self.free_text()?.progress()
    }

    /// 存在问题 (kept for the month asked for, or the latest).
    pub fn problems(&self) -> Option<&'a str> {
        self.free_text()?.problems()
    }

    /// 问题类别 (kept for the month asked for, or the latest).
    pub fn problem_category(&self) -> Option<&'a str> {
        self.free_text()?.problem_category()
    }
}

/// A report's free text, one pointer wide: what a project's figures keep of its report.
#[derive(Clone, Copy, Debug)]
pub struct FreeText<'a>(&'a Texts);

impl<'a> FreeText<'a> {
    /// 形象进度.
    pub fn progress(self) -> Option<&'a str> {
        self.0.part(0)
    }

    /// 存在问题.
    pub fn problems(self) -> Option<&'a str> {
        self.0.part(1)
    }

    /// 问题类别.
    pub fn problem_category(self) -> Option<&'a str> {
        self.0.part(2)
    }
}

impl std::fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("id", &self.id())
            .field("month", &self.month)
            .field("ytd_investment", &self.ytd_investment())
            .field("month_investment", &self.month_investment())
            .field("status", &self.status())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::header::Field;

    #[test]
    fn rows_and_slots_stay_small() {
        // Memory is a slot per project and month, and rows waiting to be taken.
        assert_eq!(std::mem::size_of::<Slot>(), 28);
        assert!(
            std::mem::size_of::<Row>() <= 64,
            "{}",
            std::mem::size_of::<Row>()
        );
    }

    #[test]
    fn a_short_remainder_is_the_word_its_bytes_make() {
        let bytes: Vec<u8> = (1..=7).map(|b| b * 0x11).collect();
        for n in 1..=7 {
            let mut word = [0; 8];
            word[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                short_word(&bytes[..n]),
                u64::from_le_bytes(word),
                "{n} bytes"
            );
        }
        // Hashes are those of the bytes zero-padded to a word, as before.
        let mut h = FxHasher::default();
        h.add(u64::from_le_bytes(*b"P2024-00"));
        h.add(u64::from_le_bytes(*b"00001\0\0\0"));
        assert_eq!(hash_of("P2024-0000001"), h.finish());
    }

    fn layout(file: &str) -> Arc<Layout> {
        Arc::new(Layout {
            file: file.into(),
            columns: vec![(Field::Id, 1)],
            headers: vec!["项目编号".into()],
            scales: Vec::new(),
            doubled: Vec::new(),
            ytd_through: None,
            month_of: None,
            spread: Default::default(),
            differing: Default::default(),
            unknown_statuses: Default::default(),
            refused: Default::default(),
            plans: Vec::new(),
            plan_fallback: None,
            workbook: false,
            date1904: false,
        })
    }

    fn row(id: &str, month: u32, ytd: Option<Amount>, line: u64) -> ReportRow<'static> {
        ReportRow {
            id: Cow::Owned(id.into()),
            name: None,
            district: None,
            annual_plan: None,
            month: YearMonth::new(2024, month).unwrap(),
            month_investment: None,
            ytd_investment: ytd,
            status: Some(Status::Building),
            status_text: Some(Cow::Borrowed("在建")),
            actual_start: YearMonth::new(2023, 11),
            progress: Some(Cow::Owned(format!("进度{month}"))),
            problems: None,
            problem_category: None,
            line,
            flawed: false,
            said: false,
            worded: false,
            texts_digest: 0,
        }
    }

    #[test]
    fn amounts_pack_exactly() {
        let mut large = Vec::new();
        // (Digits up to 2^42 - 1 = 4398046511103 fit in the six bytes.)
        let cases = [
            ("0", false),
            ("53925.9", false),
            ("53925.9000", false),
            ("0.0001", false),
            ("439804651.1103", false),
            ("-439804651.1104", false),
            ("439804651.1104", true),
            ("123456789012.3456", true),
            ("999999999999999.99999999", true),
            ("12345678901234567890.5", true),
        ];
        for (text, is_large) in cases {
            let d: Decimal = text.parse().unwrap();
            let before = large.len();
            let p = Packed::new(Some(d), &mut large);
            assert_eq!(large.len() > before, is_large, "{text}");
            let back = p.get(&large).unwrap();
            assert_eq!(back, d, "{text}");
            assert_eq!(back.to_string(), d.to_string(), "{text} keeps its scale");
        }
        assert_eq!(Packed::new(None, &mut large).get(&large), None);
    }

    #[test]
    fn months_pack_both_ways() {
        for (y, m) in [(1900, 1), (2024, 6), (2200, 12)] {
            let ym = YearMonth::new(y, m);
            assert_eq!(unpack_month(pack_month(ym)), ym);
        }
        assert_eq!(unpack_month(pack_month(None)), None);
    }

    #[test]
    fn rows_taken_leave_their_buffers_to_the_next_rows() {
        let mut reports = Reports::new(Arc::default(), TextsFor::Latest);
        let rows_for = reports.rows_for();
        let mut a = FileRows::new(layout("reports/a.csv"), &rows_for);
        for month in 1..=12 {
            a.push(&row(
                "P1",
                month,
                Some(Decimal::from(month)),
                u64::from(month),
            ));
        }
        reports.add(a);
        let b = FileRows::new(layout("reports/b.csv"), &rows_for);
        assert!(b.is_empty() && b.rows.capacity() >= 12);
        assert!(b.text.is_empty() && b.text.capacity() > 0);
        assert!(b.texts.is_empty() && b.texts.capacity() > 0);
        // A buffer is handed out once.
        let c = FileRows::new(layout("reports/c.csv"), &rows_for);
        assert_eq!(c.rows.capacity(), 0);

        // Text made huge by one cell is let go, not kept for the next part.
        let mut d = FileRows::new(layout("reports/d.csv"), &rows_for);
        let mut huge = row("P1", 1, None, 2);
        huge.progress = Some(Cow::Owned("进".repeat(2 << 20)));
        d.push(&huge);
        reports.add(d);
        let e = FileRows::new(layout("reports/e.csv"), &rows_for);
        assert!(e.rows.capacity() > 0 && e.text.capacity() == 0);
    }

    #[test]
    fn first_row_of_a_month_is_kept_and_the_second_is_a_duplicate() {
        let mut reports = Reports::new(Arc::default(), TextsFor::Latest);
        let mut a = FileRows::new(layout("reports/a.csv"), &reports.rows_for());
        a.push(&row("P1", 2, Some(Decimal::from(5)), 2));
        a.push(&row("P1", 1, Some(Decimal::from(3)), 3));
        let mut b = FileRows::new(layout("reports/b.csv"), &reports.rows_for());
        b.push(&row("P1", 2, Some(Decimal::from(9)), 7));
        reports.add(a);
        reports.add(b);

        assert_eq!(reports.len(), 3);
        let id = reports.id_no("P1").unwrap();
        let t = reports.timeline(id, 2024);
        let months: Vec<String> = t.iter().map(|r| r.month().to_string()).collect();
        assert_eq!(months, ["2024-01", "2024-02"]);
        let feb = t.at(YearMonth::new(2024, 2).unwrap()).unwrap();
        assert_eq!(feb.ytd_investment(), Some(Decimal::from(5)));
        assert_eq!(feb.file(), "reports/a.csv");
        assert_eq!(feb.status_text(), Some("在建"));
        assert_eq!(feb.actual_start(), YearMonth::new(2023, 11));
        assert_eq!(
            feb.progress(),
            Some("进度2"),
            "the latest month's text is kept"
        );
        let jan = t.at(YearMonth::new(2024, 1).unwrap()).unwrap();
        assert_eq!(jan.progress(), None, "an earlier month's text is not");

        let [d] = reports.duplicates() else {
            panic!("one duplicate expected");
        };
        assert_eq!(d.origin(&reports).file(), "reports/b.csv");
        assert_eq!(d.origin(&reports).line, 7);
        assert_eq!(d.first(&reports).line, 2);
        assert!(reports.timeline(id, 2023).is_empty());
    }

    #[test]
    fn rows_read_before_the_registry_are_matched_once_it_is_known() {
        let rows_for = RowsFor::new(TextsFor::Latest);
        let mut f = FileRows::new(layout("reports/2024-01.csv"), &rows_for);
        f.push(&row("P2", 1, Some(Decimal::from(7)), 2));
        f.push(&row("X9", 1, Some(Decimal::from(1)), 3));
        assert!(!rows_for.has_registry());

        let mut registry = Numbered::default();
        for id in ["P0", "P1", "P2"] {
            registry.number(id);
        }
        let registry = rows_for.set_registry(registry);
        f.match_ids();
        let mut reports = Reports::new(registry, TextsFor::Latest);
        reports.add(f);

        let jan = YearMonth::new(2024, 1).unwrap();
        assert_eq!(reports.id_no("P2"), Some(2));
        let p2 = reports.timeline(2, 2024).at(jan).unwrap();
        assert_eq!(
            (p2.id(), p2.ytd_investment()),
            ("P2", Some(Decimal::from(7)))
        );
        let other = reports.id_no("X9").unwrap();
        assert!(other >= 3, "an id the registry lacks is numbered after it");
        assert_eq!(reports.timeline(other, 2024).at(jan).unwrap().id(), "X9");
    }

    #[test]
    fn ids_in_any_order_are_matched_as_they_would_be_one_by_one() {
        let ids = || {
            let mut ids = Numbered::default();
            for i in 0..3000 {
                ids.number(&format!("P{i}"));
            }
            ids
        };
        let registry = ids();
        let orders: Vec<Vec<String>> = vec![
            // The registry's order, some missing.
            (0..3000)
                .filter(|i| i % 13 != 0)
                .map(|i| format!("P{i}"))
                .collect(),
            // A file per district: every 7th project, and then the next district's.
            (0..7)
                .flat_map(|d| (d..3000).step_by(7))
                .map(|i| format!("P{i}"))
                .collect(),
            // No order at all, some twice.
            (0..3000)
                .map(|i| format!("P{}", (i * 7919) % 2500))
                .collect(),
            // Ids the registry does not have among those it has, and runs in its order.
            (0..600)
                .flat_map(|i| {
                    [
                        format!("P{}", i * 5),
                        format!("X{i}"),
                        format!("P{}", i * 5 + 1),
                    ]
                })
                .collect(),
        ];
        for (k, order) in orders.iter().enumerate() {
            for registry_first in [true, false] {
                let rows_for = RowsFor::new(TextsFor::Nothing);
                if registry_first {
                    rows_for.set_registry(ids());
                }
                let mut f = FileRows::new(layout("reports/a.csv"), &rows_for);
                for (line, id) in order.iter().enumerate() {
                    f.push(&row(id, 1, None, line as u64 + 2));
                }
                if !registry_first {
                    rows_for.set_registry(ids());
                }
                // Ids in the registry's order are matched as they are read, gaps or not; most
                // of a file per district are left to be matched together.
                let left = f.rows.iter().filter(|r| r.known == UNMATCHED).count();
                match (registry_first, k) {
                    (true, 0) => assert_eq!(left, 0),
                    (true, 1) => assert!(left > order.len() / 2, "{left}"),
                    _ => {}
                }
                f.match_ids();
                for (r, id) in f.rows.iter().zip(order) {
                    assert_eq!(r.known, registry.get(id).unwrap_or(NONE), "{id}");
                }
            }
        }
    }

    #[test]
    fn texts_are_numbered_in_the_order_first_seen() {
        let ids = ["P0", "P1", "P0", "", "项目2", "P1", ""];
        let mut numbered = Numbered::default();
        let numbers: Vec<u32> = ids.iter().map(|id| numbered.number(id)).collect();
        assert_eq!(numbers, [0, 1, 0, 2, 3, 1, 2]);
        assert_eq!(numbered.len(), 4);
        for (n, text) in ["P0", "P1", "", "项目2"].iter().enumerate() {
            assert_eq!(numbered.text(n as u32), *text);
            assert_eq!(numbered.get(text), Some(n as u32));
        }
        assert_eq!(numbered.get("P"), None);
        assert_eq!(numbered.text(4), "", "a number it does not have");
    }

    #[test]
    fn texts_numbered_together_are_numbered_as_one_at_a_time() {
        // Fewer items than are looked ahead, and many more (repeats and a table growing on the
        // way), from an empty table and from one holding some already.
        for (before, len) in [(0, 3), (0, 5000), (40, 5000)] {
            let texts: Vec<String> = (0..len).map(|i| format!("P{}", i * 7 % 3001)).collect();
            let (mut one, mut each) = (Numbered::default(), Numbered::default());
            for i in 0..before {
                let text = format!("Q{i}");
                assert_eq!(one.number(&text), each.number(&text));
            }
            let want: Vec<u32> = texts.iter().map(|t| one.number(t)).collect();
            let mut items: Vec<(&str, u32)> =
                texts.iter().map(|t| (t.as_str(), u32::MAX)).collect();
            each.number_each(&mut items, |(t, _)| t, |(_, n), number| *n = number);
            assert_eq!(items.iter().map(|&(_, n)| n).collect::<Vec<_>>(), want);
            assert_eq!(each.len(), one.len());
        }
    }

    proptest::proptest! {
        /// Any decimal packs and reads back exactly, digits and scale, in the six bytes or by
        /// the side list, around the edge between them too.
        #[test]
        fn any_amount_packs_exactly(
            digits in proptest::prop_oneof![
                -(1i128 << 44)..(1i128 << 44),
                -(1i128 << 95)..(1i128 << 95),
            ],
            scale in 0u32..=28,
        ) {
            let d = Decimal::from_i128_with_scale(digits, scale);
            let mut large = vec![Decimal::ONE; 3];
            let p = Packed::new(Some(d), &mut large);
            let back = p.get(&large).unwrap();
            proptest::prop_assert_eq!(back, d);
            proptest::prop_assert_eq!(back.scale(), d.scale());
            let fits = (-(1i128 << 42)..(1i128 << 42)).contains(&digits);
            proptest::prop_assert_eq!(large.len() > 3, !fits);
        }
    }

    proptest::proptest! {
        // (Thousands of texts a case: fewer cases.)
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Numbering many texts (the table growing as it goes, up to thousands) agrees with a
        /// map, and a text not numbered is not found.
        #[test]
        fn numbering_agrees_with_a_map(
            texts in proptest::collection::vec("[a-c项]{0,3}|P[0-9]{1,4}", 0..3000),
            others in proptest::collection::vec("[a-d项]{0,4}|P[0-9]{1,5}", 0..50),
        ) {
            let mut numbered = Numbered::default();
            let mut map = std::collections::HashMap::new();
            for t in &texts {
                let next = map.len() as u32;
                let want = *map.entry(t.clone()).or_insert(next);
                proptest::prop_assert_eq!(numbered.number(t), want);
            }
            for (t, &n) in &map {
                proptest::prop_assert_eq!(numbered.get(t), Some(n));
                proptest::prop_assert_eq!(numbered.text(n), t.as_str());
            }
            for t in &others {
                proptest::prop_assert_eq!(numbered.get(t), map.get(t).copied());
            }
        }
    }

    #[test]
    fn texts_are_kept_for_the_month_asked_for() {
        let june = YearMonth::new(2024, 6).unwrap();
        let mut registry = Numbered::default();
        registry.number("P0");
        registry.number("P1");
        let mut reports = Reports::new(Arc::new(registry), TextsFor::Month(june));
        let mut f = FileRows::new(layout("reports/all.csv"), &reports.rows_for());
        for m in 1..=12 {
            f.push(&row("P1", m, None, u64::from(m) + 1));
        }
        reports.add(f);
        assert_eq!(
            reports.id_no("P1"),
            Some(1),
            "a registry id keeps its number"
        );
        let t = reports.timeline(1, 2024);
        let kept: Vec<&str> = t.iter().filter_map(|r| r.progress()).collect();
        assert_eq!(kept, ["进度6"]);
    }

    #[test]
    fn texts_are_kept_for_the_latest_month_or_every_month_of_one_project() {
        for (texts_for, p1) in [
            (TextsFor::Latest, vec!["进度7"]),
            (
                TextsFor::Project("P1".into()),
                vec!["进度1", "进度2", "进度5", "进度7"],
            ),
        ] {
            let mut reports = Reports::new(Arc::default(), texts_for);
            // Months out of order, across files, for two projects.
            for months in [[5, 1], [7, 2]] {
                let mut f = FileRows::new(layout("reports/x.csv"), &reports.rows_for());
                for m in months {
                    f.push(&row("P1", m, None, u64::from(m)));
                    f.push(&row("P2", 13 - m, None, u64::from(m)));
                }
                reports.add(f);
            }
            let kept = |id: &str| -> Vec<&str> {
                let t = reports.timeline(reports.id_no(id).unwrap(), 2024);
                t.iter().filter_map(|r| r.progress()).collect()
            };
            assert_eq!(kept("P1"), p1);
            assert_eq!(kept("P2"), ["进度12"], "one month for another project");
        }
    }
}
