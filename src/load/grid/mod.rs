//! A file as a grid of cells with their line numbers, whether it was CSV text or a workbook.
//!
//! This is the only place that reads delimited text (by way of `split`) and workbooks (the
//! calamine crate); what comes out is the same for both, so the rest of loading reads one shape.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};
use rust_decimal::{Decimal, RoundingStrategy};

use super::decode::{HEAD, ZeroTail, decode};
use super::header::{Field, HeaderMatcher};
use super::split::{Blocks, Delimiter, Record, Splitter};
use crate::finding::Finding;
use crate::model::YearMonth;

/// Excel's last row (1,048,576): no sheet has a row below it.
pub(super) const LAST_ROW: u32 = 1 << 20;

/// One cell of a workbook as the file holds it: text (untrimmed), a typed number, or a date (as
/// an Excel serial). Rows hand cells out as `CellRef`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(f64),
    /// A formula with no saved result (an `.xlsx` written by a program that does not work
    /// formulas out): no value, which an amount or a month cannot be read from.
    Unworked,
}

/// A workbook row's cells from column A: the texts in one buffer, each cell a place in it or a
/// number (two allocations a row, not one more for each text cell).
#[derive(Clone, Debug, Default)]
pub(super) struct Typed {
    text: String,
    cells: Vec<Place>,
    /// Bytes of `text` no cell points at any more (texts replaced by a later value).
    dead: usize,
    /// The 0-based columns whose cell is part of a region merged down over several rows (its
    /// top cell, or one given its value): a district written once beside its projects.
    merged: Vec<u32>,
    /// Those of `merged` that are their region's top cell.
    tops: Vec<u32>,
    /// The lines below it joined into it (a project's cells merged down over rows of its own).
    joined: u32,
}

/// A cell of a `Typed` row.
#[derive(Clone, Copy, Debug)]
enum Place {
    Empty,
    /// Its text: `start..end` of the row's text.
    Text(u32, u32),
    Number(f64),
    Date(f64),
    Unworked,
}

/// A row whose text would pass 4 GiB, which places in it cannot reach.
#[derive(Debug)]
pub(super) struct Overfull;

impl Typed {
    /// Room for `cells` cells and `text` bytes of their text.
    pub(super) fn with_capacity(cells: usize, text: usize) -> Typed {
        Typed {
            text: String::with_capacity(text),
            cells: Vec::with_capacity(cells),
            dead: 0,
            merged: Vec::new(),
            tops: Vec::new(),
            joined: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    /// Bytes of text the row holds.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Notes that the cell in a 0-based column is part of a region merged down.
    pub(super) fn mark_merged(&mut self, column: u32) {
        if !self.merged.contains(&column) {
            self.merged.push(column);
        }
    }

    /// Notes that `lines` lines below it were joined into it.
    pub(super) fn join_lines(&mut self, lines: u32) {
        self.joined = self.joined.saturating_add(lines);
    }

    /// Notes that the cell in a 0-based column is the top cell of a region merged down.
    pub(super) fn mark_top(&mut self, column: u32) {
        self.mark_merged(column);
        if !self.tops.contains(&column) {
            self.tops.push(column);
        }
    }

    /// The cell in a 0-based column, if the row reaches it.
    pub(super) fn get(&self, i: usize) -> Option<Cell<'_>> {
        Some(match *self.cells.get(i)? {
            Place::Empty => Cell::Empty,
            Place::Text(start, end) => Cell::Text(self.text.get(start as usize..end as usize)?),
            Place::Number(n) => Cell::Number(n),
            Place::Date(n) => Cell::Date(n),
            Place::Unworked => Cell::Unworked,
        })
    }

    /// The cells in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Cell<'_>> {
        (0..self.len()).map(|i| self.get(i).unwrap_or(Cell::Empty))
    }

    /// Adds a cell after the last.
    pub(super) fn push(&mut self, cell: Cell) -> Result<(), Overfull> {
        let place = self.place(cell)?;
        self.cells.push(place);
        Ok(())
    }

    /// Sets the cell in a 0-based column, the row made that wide if it was not. A text
    /// replaced is taken off the end of the buffer where it is last (one cell written again
    /// and again), else left there until half the buffer is such texts, then the buffer is
    /// made again: a row holds at most about twice the text of its cells, however many times
    /// they are written.
    fn set(&mut self, col: usize, cell: Cell) -> Result<(), Overfull> {
        if col >= self.cells.len() {
            self.cells.resize(col + 1, Place::Empty);
        }
        if let Place::Text(start, end) = std::mem::replace(&mut self.cells[col], Place::Empty) {
            if end as usize == self.text.len() {
                self.text.truncate(start as usize);
            } else {
                self.dead += (end - start) as usize;
            }
        }
        self.cells[col] = self.place(cell)?;
        if self.dead > self.text.len() / 2 && self.dead > 4096 {
            self.compact();
        }
        Ok(())
    }

    /// Lets go of room the row took and did not fill, where that is most of it.
    fn fit(&mut self) {
        if self.cells.capacity() > 2 * self.cells.len() {
            self.cells.shrink_to_fit();
        }
        if self.text.capacity() > 2 * self.text.len() {
            self.text.shrink_to_fit();
        }
    }

    /// Makes the buffer again with only the texts cells point at.
    fn compact(&mut self) {
        let mut text = String::with_capacity(self.text.len() - self.dead);
        for place in &mut self.cells {
            if let Place::Text(start, end) = *place {
                let start_now = text.len() as u32;
                text.push_str(
                    self.text
                        .get(start as usize..end as usize)
                        .unwrap_or_default(),
                );
                *place = Place::Text(start_now, text.len() as u32);
            }
        }
        self.text = text;
        self.dead = 0;
    }

    fn place(&mut self, cell: Cell) -> Result<Place, Overfull> {
        Ok(match cell {
            Cell::Empty => Place::Empty,
            Cell::Text(t) => {
                let (start, end) = span(self.text.len(), t.len())?;
                self.text.push_str(t);
                Place::Text(start, end)
            }
            Cell::Number(n) => Place::Number(n),
            Cell::Date(n) => Place::Date(n),
            Cell::Unworked => Place::Unworked,
        })
    }
}

/// Where `len` bytes of text put after `start` bytes would be, if a place can say so.
fn span(start: usize, len: usize) -> Result<(u32, u32), Overfull> {
    let end = start.checked_add(len).ok_or(Overfull)?;
    match (u32::try_from(start), u32::try_from(end)) {
        (Ok(start), Ok(end)) => Ok((start, end)),
        _ => Err(Overfull),
    }
}

/// A date cell's serial in the 1900 date system, the one `month_from_excel_serial` reads: a
/// workbook kept in the 1904 system (as Excel for Mac once made them) counts 1462 days fewer.
/// (calamine knows the system of each date, and tells it by the date it makes of the serial.)
fn serial_1900(date: &calamine::ExcelDateTime) -> f64 {
    let serial = date.as_f64();
    let as_1900 =
        calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    if date.to_ymd_hms_milli() == as_1900.to_ymd_hms_milli() {
        serial
    } else {
        serial + 1462.0
    }
}

/// How many significant digits a number written without an exponent has.
fn significant_digits(text: &str) -> usize {
    text.trim_start_matches(['-', '0', '.'])
        .trim_end_matches(['0', '.'])
        .bytes()
        .filter(u8::is_ascii_digit)
        .count()
}

/// 2^53: below it a float holds every whole number exactly.
pub const EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// A number cell as a spreadsheet shows it: to 15 significant digits, Excel's precision, and
/// then the shortest text that reads back as that float, without an exponent: 1234.5, 1001,
/// 0.1. (A formula's result is kept to 17 digits: 12.1 + 0.2 is kept as 12.299999999999999,
/// shown and meant as 12.3.) A whole number below 2^53 is every digit of it, as a float holds
/// it exactly: a 16-digit id a program other than Excel stored in full (Excel keeps 15 digits
/// of what is typed, so its own are the same either way).
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < EXACT_WHOLE {
        return format!("{n:.0}");
    }
    // (NaN and infinities have no digits: they are written as they are.)
    let shortest = format!("{n}");
    if significant_digits(&shortest) <= 15 {
        return shortest;
    }
    // Rust rounds the exact value to the places asked, and reads text to the nearest float.
    let rounded: f64 = format!("{n:.14e}").parse().unwrap_or(n);
    format!("{rounded}")
}

/// A date cell as a spreadsheet shows a date: `2024-06-30`, `2024-06-30 14:30`, or `14:30` for
/// a time of no day; its serial where it is no day (before 1900, or Excel's 1900-02-29).
fn date_text(serial: f64) -> String {
    let whole = serial.floor();
    // To the second, as a spreadsheet shows a time; 23:59:59.6 is the next day's 00:00.
    let seconds = ((serial - whole) * 86_400.0).round() as u32;
    let (day, seconds) = match seconds {
        86_400 => (whole + 1.0, 0),
        s => (whole, s),
    };
    let time = match seconds % 60 {
        0 => format!("{:02}:{:02}", seconds / 3600, seconds / 60 % 60),
        s => format!("{:02}:{:02}:{s:02}", seconds / 3600, seconds / 60 % 60),
    };
    if day == 0.0 && serial >= 0.0 {
        return time;
    }
    match super::value::date_from_excel_serial(day) {
        Some(date) if seconds == 0 => date.to_string(),
        Some(date) => format!("{date} {time}"),
        None => number_text(serial),
    }
}

/// A cell of a row, borrowed: what `Row::cell` gives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    /// Text, trimmed (empty only for `=""` or `="  "`).
    Text(&'a str),
    Number(f64),
    Date(f64),
    /// A formula with no saved result: empty as text, no amount nor month.
    Unworked,
}

impl<'a> CellRef<'a> {
    /// The cell as text, the way a spreadsheet shows it in General format.
    pub fn text(self) -> Cow<'a, str> {
        match self {
            CellRef::Empty | CellRef::Unworked => Cow::Borrowed(""),
            CellRef::Text(s) => Cow::Borrowed(s),
            CellRef::Number(n) => Cow::Owned(number_text(n)),
            CellRef::Date(n) => Cow::Owned(date_text(n)),
        }
    }

    pub fn is_empty(self) -> bool {
        match self {
            CellRef::Empty | CellRef::Unworked => true,
            CellRef::Text(s) => s.is_empty(),
            _ => false,
        }
    }

    fn of(cell: Cell<'a>) -> CellRef<'a> {
        match cell {
            Cell::Empty => CellRef::Empty,
            // (As in a CSV field: a CSV form opened without its formulas worked out, as
            // LibreOffice opens one by default, and saved as a workbook keeps `="2024-07"` and
            // `'@NP-001` as text.)
            Cell::Text(s) => CellRef::of_text(super::value::trim(s)),
            Cell::Number(n) => CellRef::Number(n),
            Cell::Date(n) => CellRef::Date(n),
            Cell::Unworked => CellRef::Unworked,
        }
    }

    /// A field of delimited text: `="007"` is the text 007, `'-5` the text -5, blank is empty.
    fn of_field(field: &'a str) -> CellRef<'a> {
        let t = super::value::trim(field);
        if t.is_empty() {
            CellRef::Empty
        } else {
            CellRef::of_text(t)
        }
    }

    /// Trimmed text, read as a spreadsheet would show it: `="007"` is 007, `'-5` is -5.
    fn of_text(t: &'a str) -> CellRef<'a> {
        let text = excel_text(t).or_else(|| marked_text(t));
        CellRef::Text(text.map_or(t, super::value::trim))
    }
}

/// The cells of a row: a CSV record kept whole (one buffer, not a string per cell), or a
/// workbook's typed cells.
#[derive(Clone, Debug)]
enum Cells {
    Record(Record),
    Typed(Typed),
}

/// One row: its 1-based line (CSV) or row number (sheet), and its cells.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    cells: Cells,
}

impl Row {
    /// A workbook's row: its 1-based line and its cells from column A.
    pub(super) fn typed(line: u64, cells: Typed) -> Row {
        Row {
            line,
            cells: Cells::Typed(cells),
        }
    }

    /// A workbook's row's cells from column A (none for a row of delimited text).
    pub(super) fn typed_cells(&self) -> impl Iterator<Item = Cell<'_>> {
        let typed = match &self.cells {
            Cells::Typed(cells) => Some(cells),
            Cells::Record(_) => None,
        };
        typed.into_iter().flat_map(Typed::iter)
    }

    /// The cell in a 1-based column; empty past the row's end.
    pub fn cell(&self, column: usize) -> CellRef<'_> {
        let Some(i) = column.checked_sub(1) else {
            return CellRef::Empty;
        };
        match &self.cells {
            Cells::Record(r) => r.get(i).map_or(CellRef::Empty, CellRef::of_field),
            Cells::Typed(c) => c.get(i).map_or(CellRef::Empty, CellRef::of),
        }
    }

    /// The cell in a 1-based column of a row of delimited text as the file holds it, not
    /// trimmed; `None` for a workbook's row.
    pub fn raw_cell(&self, column: usize) -> Option<&str> {
        match &self.cells {
            Cells::Record(r) => Some(column.checked_sub(1).and_then(|i| r.get(i)).unwrap_or("")),
            Cells::Typed(_) => None,
        }
    }

    /// The cell in a 1-based column of a row of delimited text, when `cell` would give it as
    /// the file holds it: `Some("")` for an empty cell (or none), `Some(text)` for text with
    /// nothing to trim that is not written `="…"` or marked `'…`. `None` for any other cell, and for a
    /// workbook's row. (The conditions are `CellRef::of_field`'s, looked at directly: going
    /// through it costs about 2% more instructions on a bulletin.)
    pub fn plain_cell(&self, column: usize) -> Option<&str> {
        let Cells::Record(r) = &self.cells else {
            return None;
        };
        let Some(field) = column.checked_sub(1).and_then(|i| r.get(i)) else {
            return Some("");
        };
        let plain = field.is_empty()
            || (super::value::trim(field).len() == field.len()
                && !matches!(field.as_bytes()[0], b'=' | b'\''));
        plain.then_some(field)
    }

    /// The first byte of a cell of delimited text as the file holds it (`None` for an empty
    /// cell, one past the row's end, and a workbook's row): what is looked at of a column whose
    /// text is not kept, cheaper than `plain_cell`.
    pub fn first_byte(&self, column: usize) -> Option<u8> {
        let Cells::Record(r) = &self.cells else {
            return None;
        };
        r.get(column.checked_sub(1)?)?.as_bytes().first().copied()
    }

    /// How many cells the row has, empty ones included.
    pub fn len(&self) -> usize {
        match &self.cells {
            Cells::Record(r) => r.len(),
            Cells::Typed(c) => c.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = CellRef<'_>> {
        (1..=self.len()).map(|c| self.cell(c))
    }

    /// Whether the cell in a 1-based column is part of a workbook's region merged down over
    /// several rows (a district written once beside its projects, shown in each).
    pub fn merged_down(&self, column: usize) -> bool {
        zero_based(column).is_some_and(|c| self.merged_columns().contains(&c))
    }

    /// The last line the row takes: its own, or of the rows joined into it (`Sheet::join_continued`).
    pub fn last_line(&self) -> u64 {
        self.line.saturating_add(u64::from(self.joined()))
    }

    /// The lines joined into the row (`Sheet::join_continued`).
    pub(super) fn joined(&self) -> u32 {
        match &self.cells {
            Cells::Typed(t) => t.joined,
            Cells::Record(_) => 0,
        }
    }

    /// Whether the cell in a 1-based column is `merged_down` from a row above: given the value
    /// of its region's top cell.
    pub fn merged_from_above(&self, column: usize) -> bool {
        self.merged_down(column)
            && zero_based(column).is_some_and(|c| !self.merged_tops().contains(&c))
    }

    /// The 0-based columns of `merged_down` cells.
    pub(super) fn merged_columns(&self) -> &[u32] {
        match &self.cells {
            Cells::Typed(t) => &t.merged,
            Cells::Record(_) => &[],
        }
    }

    /// The 0-based columns of `merged_down` cells that are their region's top cell.
    pub(super) fn merged_tops(&self) -> &[u32] {
        match &self.cells {
            Cells::Typed(t) => &t.tops,
            Cells::Record(_) => &[],
        }
    }

    pub fn is_blank(&self) -> bool {
        self.iter().all(CellRef::is_empty)
    }

    /// Whether a quote made a delimited row run over a line end, or to the end of the file.
    #[inline]
    pub fn runs_over(&self) -> bool {
        match &self.cells {
            Cells::Record(r) => r.runs_over(),
            Cells::Typed(_) => false,
        }
    }

    /// How many lines a delimited row runs over past its first (line ends in quoted cells).
    pub fn more_lines(&self) -> u64 {
        match &self.cells {
            Cells::Record(r) => r.more_lines(),
            Cells::Typed(_) => 0,
        }
    }

    /// The line a cell in a 1-based column starts on: the row's, unless quoted cells before it
    /// run over line ends. Past the row's end, its last line.
    pub fn line_of(&self, column: usize) -> u64 {
        match &self.cells {
            Cells::Record(r) => self.line + r.lines_before(column.saturating_sub(1)),
            Cells::Typed(_) => self.line,
        }
    }

    /// How many lines past the row's first the cells of columns 1, 2, … start on, for ever (past
    /// the row's end, its last line): `line_of` of each column in turn, in one pass.
    pub fn each_lines_past(&self) -> Box<dyn Iterator<Item = u64> + '_> {
        match &self.cells {
            Cells::Record(r) => Box::new(r.each_lines_before()),
            Cells::Typed(_) => Box::new(std::iter::repeat(0)),
        }
    }

    /// The 1-based column of a delimited row's cell whose opening quote is never closed (it ran
    /// to the end of the file), if there is one.
    pub fn unclosed_quote(&self) -> Option<usize> {
        match &self.cells {
            Cells::Record(r) => r.unclosed().map(|i| i + 1),
            Cells::Typed(_) => None,
        }
    }

    /// The 1-based column of a delimited row's first cell with text after its closing quote
    /// (`"a,b"c`), if there is one.
    pub fn text_after_quote(&self) -> Option<usize> {
        match &self.cells {
            Cells::Record(r) => r.after_quote().map(|i| i + 1),
            Cells::Typed(_) => None,
        }
    }

    /// How many cells up to the last non-empty one.
    pub fn width(&self) -> usize {
        (1..=self.len())
            .rev()
            .find(|&c| !self.cell(c).is_empty())
            .unwrap_or(0)
    }
}

/// A 1-based column as the 0-based one rows keep their merged cells by.
fn zero_based(column: usize) -> Option<u32> {
    column.checked_sub(1).and_then(|c| u32::try_from(c).ok())
}

impl Default for Row {
    fn default() -> Row {
        Row {
            line: 0,
            cells: Cells::Record(Record::default()),
        }
    }
}

/// A file opened for reading: its text, decoded, or a workbook's rows.
pub enum Opened<'a> {
    Text(Cow<'a, str>),
    /// Text too large to hold at once: its first block, and the blocks to come.
    Stream(String, &'a mut dyn Blocks),
    Workbook(Vec<Row>),
}

impl Opened<'_> {
    /// The file's rows, to be read one at a time.
    pub fn grid(&mut self) -> Grid<'_> {
        match self {
            Opened::Text(text) => {
                let delimiter = Delimiter::sniff(text);
                Grid {
                    rows: Rows::Delimited(Splitter::new(text, delimiter)),
                    delimited: true,
                }
            }
            Opened::Stream(first, more) => {
                let delimiter = Delimiter::sniff(first);
                let text = Cow::Owned(std::mem::take(first));
                Grid {
                    rows: Rows::Delimited(Splitter::streaming(text, Some(&mut **more), delimiter)),
                    delimited: true,
                }
            }
            Opened::Workbook(rows) => Grid {
                rows: Rows::Workbook {
                    next_line: rows.first().map_or(0, |r| r.line),
                    rows: rows.drain(..).peekable(),
                },
                delimited: false,
            },
        }
    }
}

/// A file's rows, read one at a time: a CSV file is never held as rows, only as its text.
pub struct Grid<'a> {
    rows: Rows<'a>,
    /// Whether rows come from delimited text (so ragged rows are possible).
    pub delimited: bool,
}

enum Rows<'a> {
    Delimited(Splitter<'a>),
    /// A sheet's rows that have cells, and the line of the next row to hand out: the blank rows
    /// between are made as they come.
    Workbook {
        rows: std::iter::Peekable<std::vec::Drain<'a, Row>>,
        next_line: u64,
    },
}

impl Grid<'_> {
    /// The string the text was held in, when it was read a block at a time
    /// (`Splitter::into_text`).
    pub fn into_text(self) -> Option<String> {
        match self.rows {
            Rows::Delimited(splitter) => splitter.into_text(),
            Rows::Workbook { .. } => None,
        }
    }

    /// The line of a delimited file's record that ran past `split::LONGEST_RECORD` unfinished,
    /// where the reading ended.
    pub fn overlong(&self) -> Option<u64> {
        match &self.rows {
            Rows::Delimited(splitter) => splitter.overlong(),
            Rows::Workbook { .. } => None,
        }
    }

    /// Where a quote opened a field of that record and was not closed: line, 1-based column.
    pub fn open_quote(&self) -> Option<(u64, usize)> {
        match &self.rows {
            Rows::Delimited(splitter) => splitter.open_quote(),
            Rows::Workbook { .. } => None,
        }
    }

    /// The byte that separates a delimited file's fields; `None` for a workbook.
    pub fn delimiter(&self) -> Option<u8> {
        match &self.rows {
            Rows::Delimited(splitter) => Some(splitter.delimiter()),
            Rows::Workbook { .. } => None,
        }
    }

    /// Reads the next row into `row`, reusing its buffer; `false` after the last.
    pub fn read_into(&mut self, row: &mut Row) -> bool {
        match &mut self.rows {
            Rows::Delimited(splitter) => {
                if !matches!(row.cells, Cells::Record(_)) {
                    row.cells = Cells::Record(Record::default());
                }
                let Cells::Record(record) = &mut row.cells else {
                    return false;
                };
                match splitter.read(record) {
                    Some(line) => {
                        row.line = line;
                        true
                    }
                    None => false,
                }
            }
            Rows::Workbook { rows, next_line } => {
                let Some(next) = rows.peek() else {
                    return false;
                };
                *row = if next.line > *next_line {
                    Row {
                        line: *next_line,
                        cells: Cells::Typed(Typed::default()),
                    }
                } else {
                    rows.next().unwrap_or_default()
                };
                *next_line = row.last_line() + 1;
                true
            }
        }
    }
}

/// What kind of file a name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Delimited,
    Workbook,
}

/// The extensions of delimited text read, and of workbooks (`et`, WPS's own, is read by its
/// bytes, as every workbook is: an `.xls` or an `.xlsx` within).
const DELIMITED: [&str; 3] = ["csv", "txt", "tsv"];
pub(crate) const WORKBOOKS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "et"];

impl FileKind {
    /// The kind from a file's extension, if xmtool reads such files.
    pub fn from_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        if DELIMITED.contains(&ext.as_str()) {
            Some(FileKind::Delimited)
        } else if WORKBOOKS.contains(&ext.as_str()) {
            Some(FileKind::Workbook)
        } else {
            None
        }
    }

    /// The extensions read, as a note on a file skipped names them: `.csv, .txt, … or .ods`.
    pub fn extensions_read() -> String {
        let all: Vec<String> = DELIMITED
            .iter()
            .chain(&WORKBOOKS)
            .map(|e| format!(".{e}"))
            .collect();
        match all.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// What reading a workbook takes from settings: the sheet named to read (`sheet`), and the
/// clerk's header aliases, by which a sheet holding a table is told from a sheet of notes.
#[derive(Clone, Copy, Default)]
pub struct Asked<'a> {
    pub sheet: Option<&'a str>,
    pub aliases: &'a [(Field, Vec<String>)],
}

impl<'a> Asked<'a> {
    pub fn of(settings: &'a crate::settings::Settings) -> Asked<'a> {
        Asked {
            sheet: settings.sheet.as_deref(),
            aliases: &settings.aliases,
        }
    }
}

/// Opens a file's bytes for reading. Problems (undecodable bytes, a damaged workbook, a missing
/// sheet) become findings and give `None`.
pub fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    kind: FileKind,
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Opened<'a>> {
    match kind {
        FileKind::Delimited if is_workbook(bytes) => {
            // (A compound file is an .xls, or an .xlsx under a password, named for the first.)
            let extension = if bytes.starts_with(COMPOUND) {
                "xls"
            } else {
                "xlsx"
            };
            findings.push(Finding::note(
                file,
                format!(
                    "is a workbook despite its name; read as one (rename it to .{extension} to \
                     avoid confusion)"
                ),
            ));
            read_workbook(file, bytes, asked, findings).map(Opened::Workbook)
        }
        FileKind::Delimited => {
            // (A file ending in zeros is read up to the line they begin in, whose bytes may end
            // in a character cut.)
            let tail = ZeroTail::of(&bytes[..bytes.len().min(HEAD)], bytes);
            if let Some(tail) = tail.filter(|t| t.line_start == 0) {
                findings.push(Finding::error(file, zero_tail(tail.zeros, None)));
                return None;
            }
            let bytes = tail.map_or(bytes, |t| &bytes[..t.line_start]);
            let text = match decode(bytes) {
                Ok(d) => d.text,
                Err(e) => {
                    findings.push(e.finding(file));
                    return None;
                }
            };
            if let Some(tail) = tail {
                findings.push(Finding::error(
                    file,
                    zero_tail(tail.zeros, Some(line_ending(&text))),
                ));
            }
            if starts_with_a_tag(&text) {
                findings.push(Finding::error(file, MARKUP_NAMED_CSV));
                return None;
            }
            Some(Opened::Text(text))
        }
        FileKind::Workbook if !is_workbook(bytes) => match text_by_a_workbooks_name(bytes) {
            Some(NamedWorkbook::Table(text)) => {
                findings.push(Finding::note(
                    file,
                    "is text, not a workbook, despite its name (as some systems export \
                     tables); read as delimited text (save it as .xlsx, or rename it to .csv, \
                     to avoid confusion)",
                ));
                Some(Opened::Text(text))
            }
            Some(NamedWorkbook::Markup) => {
                findings.push(Finding::error(
                    file,
                    "cannot read as a workbook: it is a web page or an XML spreadsheet (as some \
                     systems export tables), not a workbook (open it in Excel or WPS and save it \
                     as .xlsx)",
                ));
                None
            }
            None => read_workbook(file, bytes, asked, findings).map(Opened::Workbook),
        },
        FileKind::Workbook => read_workbook(file, bytes, asked, findings).map(Opened::Workbook),
    }
}

/// The line that begins where `text`, which ends with a line end, ends: 1 past its line ends
/// (its `\n`s, or in a file of old Mac line ends, its `\r`s).
pub(super) fn line_ending(text: &str) -> usize {
    let lines = match memchr::memchr_iter(b'\n', text.as_bytes()).count() {
        0 => memchr::memchr_iter(b'\r', text.as_bytes()).count(),
        n => n,
    };
    lines + 1
}

/// The error for a file ending in `zeros` zero bytes (NUL) (`ZeroTail`), from the line they
/// begin in (`None`: the first).
pub(super) fn zero_tail(zeros: usize, line: Option<usize>) -> String {
    let rows = match line {
        Some(line) => {
            format!("from line {line}: its rows from there on are missing or cut, and not read")
        }
        None => "from its first line: not one row is whole, and it is not read".to_string(),
    };
    format!(
        "the file ends in {zeros} zero byte{} (NUL), as a copy cut short leaves it, {rows} \
         (ask for the file again, or copy it again)",
        crate::finding::plural(zeros)
    )
}

/// What a file with a workbook's name that does not start as one turned out to be.
enum NamedWorkbook<'a> {
    /// Delimited text (tab-separated, most often): its text, decoded.
    Table(Cow<'a, str>),
    /// A web page's table or an Excel 2003 XML spreadsheet.
    Markup,
}

/// What the bytes of a file named as a workbook, which do not start as one, are, if they are
/// text: markup (starting with `<`), or a table (a tab or comma in its first lines, and no
/// control characters in its first 65,536 characters, as binary bytes would have). `None` for anything
/// else: a damaged workbook, to be named as one.
fn text_by_a_workbooks_name(bytes: &[u8]) -> Option<NamedWorkbook<'_>> {
    let text = decode(bytes).ok()?.text;
    if starts_with_a_tag(&text) {
        return Some(NamedWorkbook::Markup);
    }
    let binary = text
        .chars()
        .take(64 << 10)
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    let delimited = text.lines().take(10).any(|l| l.contains(['\t', ',']));
    (!binary && delimited).then_some(NamedWorkbook::Table(text))
}

/// The error for a web page or XML file named as delimited text.
pub(super) const MARKUP_NAMED_CSV: &str = "cannot read as delimited text: it is a web page or an \
     XML file (as some systems export tables), not CSV (open it in Excel or WPS and save it as \
     .xlsx or CSV)";

/// Whether text starts with a tag (`<html`, `<table`, `</`, `<?xml`, `<!DOCTYPE`, `<!--`), as
/// markup does; not text that starts with a `<` (a title written `<进度表>`).
pub(super) fn starts_with_a_tag(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    start
        .strip_prefix('<')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_alphabetic() || "/?!".contains(c))
}

/// Whether bytes start as a workbook's do: a zip (.xlsx) or an old Excel file (.xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(COMPOUND)
}

/// How a compound file (an .xls, or an .xlsx protected by a password) starts.
const COMPOUND: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether a sheet's name names a month: `2024-06`, `2024年6月`, `6月`, `06月份`, `六月`.
fn names_a_month(name: &str) -> bool {
    super::value::month_in_name(name).is_some() || super::value::bare_month(name).is_some()
}

/// Reads a file's bytes into rows, all at once (for tests and fuzzing; loading streams them).
pub fn read(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut opened = open(file, bytes, kind, asked, findings)?;
    let mut grid = opened.grid();
    let mut rows = Vec::new();
    let mut row = Row::default();
    while grid.read_into(&mut row) {
        rows.push(std::mem::take(&mut row));
    }
    Some(rows)
}

/// The text of a `="007"` cell, the form in which CSV files keep codes and dates as text for
/// spreadsheets (xmtool writes them so too). `cell` is already trimmed.
fn excel_text(cell: &str) -> Option<&str> {
    let inner = cell.strip_prefix("=\"")?.strip_suffix('"')?;
    // A quote inside is doubled; a lone quote means this is some other formula.
    (!inner.replace("\"\"", "").contains('"')).then_some(inner)
}

/// The text after the apostrophe that marks text in a CSV cell: `'-5`, `'=SUM(A1)`, `'007`, as
/// xmtool writes text a spreadsheet would run as a formula, and as some systems write codes. (In
/// a CSV file, unlike a cell typed in a spreadsheet, the apostrophe is part of the text.) Only
/// before what a spreadsheet would otherwise read as a formula or a number: `'s` stays itself.
fn marked_text(cell: &str) -> Option<&str> {
    let text = cell.strip_prefix('\'')?;
    let marked = |c: char| super::value::FORMULA_STARTS.contains(&c) || c.is_ascii_digit();
    text.starts_with(marked).then_some(text)
}

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
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_panics_in_workbooks();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// Reads a workbook: in this thread's helper process where there is one (see `helper`), else
/// here.
fn read_workbook(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    match super::helper::read(file, bytes, asked, findings) {
        Some(rows) => rows,
        None => read_workbook_here(file, bytes, asked, findings),
    }
}

/// Reads a workbook in this process, guarding against a panic in the workbook reader on damaged
/// files: whatever the bytes, a finding rather than a crash (a failed allocation, which aborts,
/// is what the helper process is for).
pub(super) fn read_workbook_here(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut inner = Vec::new();
    match quietly(|| read_workbook_unguarded(file, bytes, asked, &mut inner)) {
        Some(grid) => {
            findings.extend(inner);
            grid
        }
        None => {
            findings.push(Finding::error(
                file,
                format!(
                    "cannot read as a workbook: it is damaged ({})",
                    expected_book(file)
                ),
            ));
            None
        }
    }
}

/// What a file read as a workbook is expected to be, by its extension: a `.csv` whose bytes
/// start as a workbook's is read as one too.
fn expected_book(file: &str) -> String {
    match (FileKind::from_name(file), file.rsplit_once('.')) {
        (Some(FileKind::Workbook), Some((_, extension))) => format!(
            "expected an .{} file saved by Excel or WPS",
            extension.to_ascii_lowercase()
        ),
        _ => "its bytes start as a workbook's; expected a workbook saved by Excel or WPS, or \
              a CSV file"
            .to_string(),
    }
}

/// What is wrong with a workbook the reader refused, where its container says: a zip archive
/// (.xlsx) or compound file (.xls) whose structure cannot be read (cut short, most often: its
/// directory is at its end), one holding no workbook, or an .xlsx a part of which cannot be read,
/// as the .xlsx reader says it (a reader of any format, which the workbook went to, says only
/// that it found none).
fn container_fault(file: &str, bytes: &[u8]) -> Option<String> {
    const CUT_SHORT: &str = "it is damaged or cut short, its contents not all there (a copy or \
         download not finished? ask for the file again, or open it in Excel or WPS, which may \
         mend it, and save it)";
    let holding_none = |container: &str| {
        format!(
            "it is {container} holding no workbook (a Word document or an archive renamed? {})",
            expected_book(file)
        )
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return Some(CUT_SHORT.to_string());
        };
        if zip.index_for_name("xl/workbook.xml").is_some() {
            return calamine::Xlsx::new(Cursor::new(bytes)).err().map(|e| {
                format!(
                    "a part of it cannot be read ({e}): it is damaged (open it in Excel or WPS, \
                     which may mend it, and save it again)"
                )
            });
        }
        let other = ["xl/workbook.bin", "content.xml"];
        return (!other.iter().any(|name| zip.index_for_name(name).is_some()))
            .then(|| holding_none("a zip archive"));
    }
    if !bytes.starts_with(COMPOUND) {
        return None;
    }
    match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Err(_) => Some(CUT_SHORT.to_string()),
        // (An .xls keeps its sheets in a stream named Workbook, or Book before Excel 97.)
        Ok(cf) => (!cf.exists("/Workbook") && !cf.exists("/Book"))
            .then(|| holding_none("a compound file")),
    }
}

/// What a workbook protected by a password to open gets.
const PASSWORD: &str = "is protected by a password to open (encrypted), which xmtool cannot read \
     (open it in Excel or WPS, take the password off, 文件 → 信息 → 保护工作簿 or 文档加密, and save \
     it again)";

/// Whether `bytes` are an .xlsx workbook protected by a password to open: Excel and WPS keep
/// one in a compound file (the .xls container), as a stream named `EncryptedPackage`: a
/// directory entry (of 128 bytes, from a sector's start) of that name, ended by a NUL.
fn encrypted(bytes: &[u8]) -> bool {
    const ENTRY: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0\0\0";
    bytes.starts_with(COMPOUND) && memchr::memmem::find_iter(bytes, ENTRY).any(|at| at % 128 == 0)
}

fn read_workbook_unguarded(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let sheet = asked.sheet;
    if bytes.is_empty() {
        findings.push(Finding::error(
            file,
            format!("is empty (0 bytes; {})", expected_book(file)),
        ));
        return None;
    }
    if let Some(claimed) = strings_claimed_beyond_reason(bytes) {
        findings.push(Finding::error(
            file,
            format!(
                "cannot read as a workbook: its shared strings table claims {claimed} strings, \
                 more than a file of {} bytes could hold (it is damaged; open it in Excel or WPS \
                 and save it again)",
                bytes.len()
            ),
        ));
        return None;
    }
    if let Some(cells) = xls_cells_beyond_reason(bytes) {
        findings.push(Finding::error(
            file,
            format!(
                "cannot read as a workbook: its sheets span {cells} cells, more than a whole .xls \
                 sheet holds (65,536 rows by 256 columns): it is damaged (open it in Excel or WPS \
                 and save it again)"
            ),
        ));
        return None;
    }
    if encrypted(bytes) {
        findings.push(Finding::error(file, PASSWORD.to_string()));
        return None;
    }
    // (A cell of an error value calamine does not know, `#SPILL!`, is read as its text, in a
    // copy of the file: made only for a workbook with cells of an error value.)
    let held = super::parts::held(bytes);
    let patched = held
        .errors
        .then(|| super::parts::unknown_errors_as_text(bytes))
        .flatten();
    let bytes = patched.as_deref().unwrap_or(bytes);
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(calamine::Error::Xls(calamine::XlsError::Password)) => {
            findings.push(Finding::error(file, PASSWORD.to_string()));
            return None;
        }
        Err(e) => {
            let why = container_fault(file, bytes)
                .unwrap_or_else(|| format!("{e} ({})", expected_book(file)));
            findings.push(Finding::error(
                file,
                format!("cannot read as a workbook: {why}"),
            ));
            return None;
        }
    };
    let names = book.sheet_names();
    // The sheet named in settings is a report's (`sheet = "月报"`): a registry workbook without
    // it is read as if none were named.
    let sheet = match sheet {
        Some(wanted)
            if !file.starts_with("reports/") && !names.iter().any(|n| n.as_str() == wanted) =>
        {
            findings.push(Finding::note(
                file,
                format!(
                    "has no sheet named \"{wanted}\" (the setting `sheet`, read in the reports' \
                     workbooks): read as a workbook is where no sheet is named"
                ),
            ));
            None
        }
        _ => sheet,
    };
    // A worksheet a clerk sees in the workbook: not hidden, nor a chart.
    let seen = |s: &calamine::Sheet| {
        s.typ == calamine::SheetType::WorkSheet && s.visible == calamine::SheetVisible::Visible
    };
    let name = match sheet {
        Some(wanted) => match names.iter().find(|n| n.as_str() == wanted) {
            Some(n) => n.clone(),
            None => {
                findings.push(Finding::error(
                    file,
                    format!(
                        "has no sheet named \"{wanted}\" (the setting `sheet`); its sheets are: {}",
                        names.join(", ")
                    ),
                ));
                return None;
            }
        },
        // The first sheet a clerk sees: not a hidden one (a list for drop-downs) or a chart.
        None => match book
            .sheets_metadata()
            .iter()
            .find(|s| seen(s))
            .map(|s| &s.name)
            .or(names.first())
        {
            Some(n) => n.clone(),
            None => {
                findings.push(Finding::error(file, "has no sheets"));
                return None;
            }
        },
    };
    // Headers as the tables are read with: the clerk's aliases as well as the built-in ones.
    let with_aliases;
    let matcher = match asked.aliases {
        [] => HeaderMatcher::built_in(),
        aliases => {
            with_aliases = HeaderMatcher::new(aliases);
            &with_aliases
        }
    };
    // A first sheet with no table (an empty Sheet1, notes to those filling it in) before one
    // holding a table: the table is what was sent, and is read.
    let (name, passed_over) = match sheet {
        Some(_) => (name, None),
        None => passing_over_a_sheet_without_a_table(&mut book, file, name, matcher, &seen),
    };
    // A report's workbook with a sheet a month (1月 … 7月 in July's file, a sheet added each
    // month): the sheet for the file's month is the report, wherever it is.
    let file_month = super::month_of_path(file);
    let (name, passed_over) = match sheet {
        Some(_) => (name, passed_over),
        None => match sheet_for_the_files_month(&book, file, file_month, &name, &seen) {
            Some(chosen) => (chosen, None),
            None => (name, passed_over),
        },
    };
    // A workbook with a sheet a month (1月, 2月 …) has one read: the others' rows would be
    // left out unseen.
    if sheet.is_none() {
        let months: Vec<&str> = book
            .sheets_metadata()
            .iter()
            .filter(|s| s.name != name && seen(s) && names_a_month(&s.name))
            .map(|s| s.name.as_str())
            .collect();
        // The sheets for the file's month, hidden or not.
        let for_month = book
            .sheets_metadata()
            .iter()
            .filter(|s| sheet_names_month(&s.name, file_month))
            .count();
        // A sheet a month, the first read: which month its rows are is not known for sure (a
        // file named for June, its first sheet 1月, none 6月, or two), so none is read.
        // (Only a report's month is its file's: a registry's sheets are read as the first.)
        if !months.is_empty()
            && names_a_month(&name)
            && file.starts_with("reports/")
            && !(sheet_names_month(&name, file_month) && for_month == 1)
        {
            findings.push(Finding::error(
                file,
                format!(
                    "has a sheet a month ({name}, {}){}, and xmtool reads one sheet a workbook, \
                     which would take {name}'s rows for the file's month: give each month a file \
                     of its own, or name the sheet to read with `sheet` in xmtool.toml",
                    months.join(", "),
                    match (file_month, for_month) {
                        (Some(m), 0) => format!(", none for the file's month ({m})"),
                        (Some(m), n) => format!(", {n} for the file's month ({m})"),
                        (None, _) => String::new(),
                    }
                ),
            ));
            return None;
        } else if !months.is_empty() && file.starts_with("reports/") && names_a_month(&name) {
            // (The sheet for the file's month: the others are other months' reports.)
            findings.push(Finding::note(
                file,
                format!(
                    "its sheet \"{name}\" is read, the one for the file's month; its sheets for \
                     other months ({}) are not (each month is read from its own month's file); \
                     lines and columns are that sheet's",
                    months.join(", ")
                ),
            ));
        } else if !months.is_empty() {
            findings.push(Finding::warning(
                file,
                format!(
                    "only its sheet \"{name}\" is read: its other sheets named for months ({}) \
                     are not (xmtool reads one sheet a workbook; give each month a file of its \
                     own, or name the sheet to read with `sheet` in xmtool.toml)",
                    months.join(", ")
                ),
            ));
        } else {
            // Other sheets a clerk sees: one holding a table of its own would be left out
            // unseen (a registry in two sheets, 续建项目 and 新建项目).
            let others = sheets_seen_besides(&book, &name, &seen);
            // (Each with what it holds; not an empty sheet, as Excel's Sheet2 and Sheet3.)
            let held: Vec<(&String, Holds)> = others
                .iter()
                .filter_map(|other| Some((other, table_on(&mut book, other, matcher)?)))
                .filter(|(_, holds)| *holds != Holds::Nothing)
                .collect();
            let tables: Vec<String> = held
                .iter()
                .filter_map(|(other, holds)| match holds {
                    Holds::Table(row, _) => Some(format!("\"{other}\" (its header on row {row})")),
                    _ => None,
                })
                .collect();
            // (A report's sheet of figures left out leaves its projects 未报送.)
            let figures = (held.iter()).any(|(_, holds)| matches!(holds, Holds::Table(_, true)));
            if !tables.is_empty() {
                let registry = !file.starts_with("reports/");
                let message = format!(
                    "only its sheet \"{name}\" is read, but its sheet{} {} hold{} a table too, \
                     whose rows are not read (xmtool reads one sheet a workbook: put each table in \
                     a file of its own{})",
                    if tables.len() == 1 { "" } else { "s" },
                    tables.join(", "),
                    if tables.len() == 1 { "s" } else { "" },
                    if registry {
                        ", under registry/"
                    } else {
                        ", or its rows in the first sheet"
                    }
                );
                // Projects left out would change every figure of the bulletin: a registry's,
                // and a report's with figures (its projects 未报送, their investment missing); a
                // report's list of problems, say, leaves no figure out.
                findings.push(match registry || figures {
                    true => Finding::error(file, message),
                    false => Finding::warning(file, message),
                });
            }
            // The findings' lines are this sheet's, which may not be the one it opens on.
            if tables.is_empty() && !held.is_empty() && passed_over.is_none() {
                findings.push(Finding::note(
                    file,
                    format!(
                        "its sheet \"{name}\" is read, the first of the {} it shows with cells; \
                         lines and columns are that sheet's (`sheet` in xmtool.toml names another)",
                        held.len() + 1
                    ),
                ));
            }
        }
    }
    // (Once the sheet is read: not where a sheet a month refuses it.)
    findings.extend(passed_over);
    let mut sheet = Sheet::default();
    let mut formulas = Formulas {
        zero_is_none: held.worked_out_on_opening,
        ..Formulas::default()
    };
    let read = match &mut book {
        calamine::Sheets::Xlsx(xlsx) => {
            let read = read_xlsx_sheet(xlsx, &name, &mut sheet, Some(&mut formulas));
            match read {
                // Formulas are read more strictly than values (a shared one must have its
                // index): a sheet whose values read is read for its values alone, those of no
                // value past the last formula read being named.
                Err(Refused::Unreadable(e)) => {
                    sheet = Sheet::default();
                    read_xlsx_values_past(xlsx, &name, &mut sheet, &mut formulas, e)
                }
                read => read,
            }
        }
        calamine::Sheets::Xlsb(xlsb) => match xlsb.worksheet_cells_reader(&name) {
            Err(e) => Err(Refused::Unreadable(e.to_string())),
            Ok(mut cells) => sheet.take_all(|| cells.next_cell()),
        },
        // Old .xls and .ods: calamine reads only whole ranges of these.
        _ => match book.worksheet_range(&name) {
            Err(e) => Err(Refused::Unreadable(e.to_string())),
            Ok(range) => {
                let (top, left) = range.start().unwrap_or((0, 0));
                // An .xls formula of no saved result is a cell of no value, and so is one of
                // empty text (as programs that do not work formulas out save them) that cannot
                // give text; one that may (Excel saves a formula giving "" so) reads as empty,
                // and is counted. (Formulas that cannot be read are passed over: their cells
                // read as they did.)
                if let calamine::Sheets::Xls(xls) = &mut book
                    && let Ok(written) = xls.worksheet_formula(&name)
                {
                    let (f_top, f_left) = written.start().unwrap_or((0, 0));
                    for (row, col, formula) in written.used_cells() {
                        let at = (
                            f_top.saturating_add(row as u32),
                            f_left.saturating_add(col as u32),
                        );
                        match range.get_value(at) {
                            _ if formula.is_empty() => {}
                            None | Some(Data::Empty) => formulas.unworked.push(at),
                            Some(Data::String(s)) if s.is_empty() && may_give_text(formula) => {
                                formulas.empty_text.push(at)
                            }
                            Some(Data::String(s)) if s.is_empty() => formulas.unworked.push(at),
                            Some(_) => {}
                        }
                    }
                }
                range.used_cells().try_for_each(|(row, col, data)| {
                    let at = (
                        top.saturating_add(row as u32),
                        left.saturating_add(col as u32),
                    );
                    sheet.put_data(at, data)
                })
            }
        },
    };
    // A cell merged down over rows (a district written once beside its projects) holds its
    // value in each of them, as it shows. (calamine reads an .xlsx sheet's merged cells by
    // parsing the sheet again: only where it has some. A list that cannot be read is passed
    // over, as merged cells were before.)
    let read = read.and_then(|()| {
        let regions = match &mut book {
            calamine::Sheets::Xlsx(xlsx) if held.merged => {
                xlsx.merge_cells_by_sheet_name(&name).ok()
            }
            calamine::Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).ok(),
            _ => None,
        };
        let Some(regions) = regions else {
            return Ok(());
        };
        // An amount merged down is one figure shown for several rows: read in the first. (Its
        // column's header is the text nearest above it: 序号 and the like are not read.)
        // (Rows may be joined after the regions are filled: what was found above is found
        // again.)
        let numbers = sheet.fill_merged_down(&regions, matcher)?;
        let mut above = Above::default();
        for (top, bottom, col) in numbers {
            let Some((header, _)) = sheet
                .field_above(top, col, matcher, &mut above)
                .filter(|(_, field)| field.is_amount())
            else {
                continue;
            };
            findings.push(
                Finding::warning(
                    file,
                    format!(
                        "{} merged down over rows {} to {}: one figure, read in row {} only, the \
                         rows below having none (unmerge it and give each project's row its own)",
                        header.replace(['\n', '\r'], ""),
                        top + 1,
                        bottom + 1,
                        top + 1
                    ),
                )
                .at(u64::from(top) + 1, Some(col as usize + 1)),
            );
        }
        Ok(())
    });
    // (A 合计 row's sums are never read: its formulas are nothing lost.)
    let Formulas {
        mut unworked,
        unread,
        mut zeros,
        mut empty_text,
        ..
    } = formulas;
    for cells in [&mut unworked, &mut zeros, &mut empty_text] {
        cells.retain(|&(row, _)| !sheet.says_a_total(row));
    }
    let zeros = zeros.len();
    // (Marked as such: an amount read from one alone is an error.)
    let read = read.and_then(|()| {
        unworked
            .iter()
            .try_for_each(|&at| sheet.put(at, Cell::Unworked))
    });
    if let (n, Some(&(row, col))) = (unworked.len(), unworked.first()) {
        findings.push(
            Finding::warning(
                file,
                format!(
                    "{n} formula cell{} {} no saved result{} (the first here): the workbook was \
                     written by a program that does not work formulas out (open it in Excel or \
                     WPS and save it again); free text of one reads as empty, and an id, a month, \
                     a status or an amount the row has no other of is an error",
                    crate::finding::plural(n),
                    if n == 1 { "has" } else { "have" },
                    if zeros > 0 {
                        ", or a 0 put in its place, the workbook asking for its formulas to be \
                         worked out when opened"
                    } else {
                        ""
                    },
                ),
            )
            .at(u64::from(row) + 1, Some(col as usize + 1)),
        );
    }
    if let (n, Some(&(row, col))) = (empty_text.len(), empty_text.first()) {
        findings.push(
            Finding::warning(
                file,
                format!(
                    "{n} formula cell{} {} empty text saved as {} result (the first here), read \
                     as empty: a program that does not work formulas out saves them so (where \
                     they give figures, open the workbook in Excel or WPS and save it again)",
                    crate::finding::plural(n),
                    if n == 1 { "has" } else { "have" },
                    if n == 1 { "its" } else { "their" },
                ),
            )
            .at(u64::from(row) + 1, Some(col as usize + 1)),
        );
    }
    if let Some((why, mut cells)) = unread {
        cells.retain(|&(row, _)| !sheet.says_a_total(row));
        if let (n, Some(&(row, col))) = (cells.len(), cells.first()) {
            findings.push(
                Finding::warning(
                    file,
                    format!(
                        "its formulas cannot be read from here on ({why}): {n} cell{} of no \
                         value here and after may be formulas with no saved result, read as \
                         empty (open it in Excel or WPS and save it again)",
                        crate::finding::plural(n),
                    ),
                )
                .at(u64::from(row) + 1, Some(col as usize + 1)),
            );
        }
    }
    match read {
        Ok(()) => {
            findings.extend(sheet.given_twice(file, &name));
            Some(sheet.rows())
        }
        Err(refused) => {
            findings.push(refused.finding(file, &name));
            None
        }
    }
}

/// What an .xlsx sheet's formulas tell of its cells of no value.
#[derive(Debug, Default)]
struct Formulas {
    /// Formula cells with no saved result (a workbook written by a program that does not work
    /// formulas out), (row, column) 0-based, in the order read.
    unworked: Vec<(u32, u32)>,
    /// The last cell whose formula, if any, was read: formulas are read up to a cell that
    /// cannot be.
    last_read: Option<(u32, u32)>,
    /// Where the formulas could not all be read: why, and the cells of no value not looked at
    /// (a formula with no saved result among them reads as empty).
    unread: Option<(String, Vec<(u32, u32)>)>,
    /// A result of 0 (or empty text) is no result: the workbook asks for its formulas to be
    /// worked out when opened, as programs that put a 0 in place of each result write it.
    zero_is_none: bool,
    /// Those of `unworked` with a 0 (or empty text) in place of their result.
    zeros: Vec<(u32, u32)>,
    /// .xls formula cells whose saved result is empty text: as programs that do not work
    /// formulas out save them, and as Excel saves a formula giving "" (read as empty: told
    /// apart by nothing).
    empty_text: Vec<(u32, u32)>,
}

impl Formulas {
    /// Whether a formula cell's saved value is no result of it.
    fn unworked(&self, value: &calamine::DataRef) -> bool {
        use calamine::DataRef;
        match value {
            DataRef::Empty => true,
            DataRef::Float(f) => self.zero_is_none && *f == 0.0,
            DataRef::Int(i) => self.zero_is_none && *i == 0,
            DataRef::String(s) => self.zero_is_none && s.is_empty(),
            DataRef::SharedString(s) => self.zero_is_none && s.is_empty(),
            _ => false,
        }
    }

    /// Lists the cell at `pos` as a formula of no result, where its `value` is none.
    fn take(&mut self, pos: (u32, u32), value: &calamine::DataRef) -> bool {
        let unworked = self.unworked(value);
        if unworked {
            self.unworked.push(pos);
            if *value != calamine::DataRef::Empty {
                self.zeros.push(pos);
            }
        }
        unworked
    }
}

/// Reads an .xlsx sheet's cells into `sheet`: with `formulas`, its formulas too, listing those
/// with no saved result there.
fn read_xlsx_sheet(
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
    formulas: Option<&mut Formulas>,
) -> Result<(), Refused> {
    let unreadable = |e: calamine::XlsxError| Refused::Unreadable(e.to_string());
    let shown = match xlsx.worksheet_cells_reader(name) {
        // A chart sheet or the like: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(()),
        Err(e) => return Err(unreadable(e)),
        Ok(cells) => shown_formats(cells.styles()),
    };
    if shown.iter().any(Option::is_some) {
        return read_xlsx_shown(xlsx, name, sheet, formulas, &shown);
    }
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
    let Some(formulas) = formulas else {
        return sheet.take_all(|| cells.next_cell());
    };
    sheet.take_all(|| {
        let cell = cells.next_cell_with_formula_metadata()?;
        Ok::<_, calamine::XlsxError>(cell.map(|c| {
            if c.formula.is_some() {
                formulas.take(c.pos, &c.value);
            }
            formulas.last_read = Some(c.pos);
            calamine::Cell::new(c.pos, c.value)
        }))
    })
}

/// `read_xlsx_sheet` of the values alone, of a sheet whose formulas could not be read (`why`)
/// past `formulas.last_read`: the cells of no value after it are listed as not looked at.
fn read_xlsx_values_past(
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
    formulas: &mut Formulas,
    why: String,
) -> Result<(), Refused> {
    let mut cells = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| Refused::Unreadable(e.to_string()))?;
    let mut unread = Vec::new();
    sheet.take_all(|| {
        let cell = cells.next_cell()?;
        if let Some(c) = &cell
            && *c.get_value() == calamine::DataRef::Empty
            && formulas
                .last_read
                .is_none_or(|last| c.get_position() > last)
        {
            unread.push(c.get_position());
        }
        Ok::<_, calamine::XlsxError>(cell)
    })?;
    formulas.unread = Some((why, unread));
    Ok(())
}

/// `read_xlsx_sheet` of a sheet of a workbook with `Shown` formats (by style id): each cell's
/// value and style in one reading, which gives no formulas. Cells that read as no value there
/// (a formula with no saved result, or a blank cell with a border or other format: the reading
/// does not tell them apart) are read again with their formulas, where `unworked` asks for
/// formulas: in a second reading, made only for a sheet with such cells.
fn read_xlsx_shown(
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
    formulas: Option<&mut Formulas>,
    shown: &[Option<Shown>],
) -> Result<(), Refused> {
    let unreadable = |e: calamine::XlsxError| Refused::Unreadable(e.to_string());
    let format = |id: usize| shown.get(id).and_then(Option::as_ref);
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
    // The cells of no value (or a value that may be none, `zero_is_none`): where each came in
    // the order read, and its style id.
    let (mut empty, mut read) = (Vec::new(), 0usize);
    let no_formulas = Formulas::default();
    let unsure = formulas.as_deref().unwrap_or(&no_formulas);
    sheet.take_all(|| {
        let cell = cells.next_cell_with_style_id()?;
        Ok::<_, calamine::XlsxError>(cell.map(|(c, id)| {
            let pos = c.get_position();
            if unsure.unworked(c.get_value()) {
                empty.push((read, pos, id));
            }
            read += 1;
            calamine::Cell::new(pos, Shown::shown(format(id), c.get_value().clone()))
        }))
    })?;
    drop(cells);
    let Some(formulas) = formulas else {
        return Ok(());
    };
    if empty.is_empty() {
        return Ok(());
    }
    // The same cells in the same order: each of no value comes up at its place in it (a cell
    // written twice too). A value written before its formula, against the file format's order,
    // is read only here: it is put in. A sheet whose formulas do not read (a shared one without
    // its index) keeps the values read, its cells of no value from there on not looked at.
    let mut cells = match xlsx.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(e) => {
            formulas.unread = Some((e.to_string(), empty.iter().map(|e| e.1).collect()));
            return Ok(());
        }
    };
    let mut read = 0usize;
    for (i, &(at, pos, id)) in empty.iter().enumerate() {
        let mut cell = Ok(None);
        while read <= at {
            cell = cells.next_cell_with_formula_metadata();
            read += 1;
            if cell.is_err() {
                break;
            }
        }
        let why = match cell {
            Ok(Some(c)) if c.pos == pos => {
                if c.formula.is_some() && !formulas.take(c.pos, &c.value) {
                    sheet.put_ref(c.pos, &Shown::shown(format(id), c.value))?;
                }
                continue;
            }
            Err(e) => e.to_string(),
            // (Not the cells of the first reading: never seen.)
            Ok(_) => "its cells read otherwise the second time".to_string(),
        };
        formulas.unread = Some((why, empty[i..].iter().map(|e| e.1).collect()));
        break;
    }
    Ok(())
}

/// A number format whose numbers xmtool reads as the text the cell shows, as a CSV file saved
/// from the workbook would hold it. (Other formats show numbers as General does, for what
/// xmtool reads: amounts and months are read as numbers.)
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Unit(Unit),
    Scaled(Scaled),
    Padded(Padded),
    Percent(Percent),
    Conditional(Conditional),
}

impl Shown {
    fn of(code: &str) -> Option<Shown> {
        Conditional::of(code)
            .map(Shown::Conditional)
            .or_else(|| Unit::of(code).map(Shown::Unit))
            .or_else(|| Scaled::of(code).map(Shown::Scaled))
            .or_else(|| Padded::of(code).map(Shown::Padded))
            .or_else(|| Percent::of(code).map(Shown::Percent))
    }

    /// A cell's value as `format` shows it, where it shows a number as text.
    fn shown<'a>(format: Option<&Shown>, value: calamine::DataRef<'a>) -> calamine::DataRef<'a> {
        let n = match value {
            calamine::DataRef::Float(n) => n,
            calamine::DataRef::Int(n) => n as f64,
            _ => return value,
        };
        match format.and_then(|format| format.show(n)) {
            Some(text) => calamine::DataRef::String(text),
            None => value,
        }
    }

    /// `n` as the format shows it, where it shows it as text (`None`: the number held).
    fn show(&self, n: f64) -> Option<String> {
        match self {
            Shown::Unit(u) => Some(u.show(n)),
            Shown::Scaled(s) => s.show(n),
            Shown::Padded(p) => p.show(n),
            Shown::Percent(p) => p.show(n),
            Shown::Conditional(c) => c.show(n),
        }
    }
}

/// A format whose sections are chosen by conditions, `[>=10000]0!.0,"万";0"元"` (12.3万 for
/// 123456, 5000元 for 5000) or `[<1]0%;0.00`: each number reads as the section it meets shows
/// it, the first whose condition it meets, or the first with none.
#[derive(Clone, Debug, PartialEq)]
struct Conditional {
    /// Each section's condition, where it has one, and its format, where it shows numbers as
    /// text.
    sections: Vec<(Option<Condition>, Option<Shown>)>,
}

/// A section's condition: `[>=10000]` is `(Op::Ge, 10000.0)`.
type Condition = (Op, f64);

/// The comparison of a condition.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Op {
    /// Each as a format writes it, those of two characters first: `<=` is no `<`.
    const WRITTEN: [(&'static str, Op); 6] = [
        ("<>", Op::Ne),
        (">=", Op::Ge),
        ("<=", Op::Le),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ];

    fn holds(self, n: f64, x: f64) -> bool {
        match self {
            Op::Ne => n != x,
            Op::Ge => n >= x,
            Op::Le => n <= x,
            Op::Gt => n > x,
            Op::Lt => n < x,
            Op::Eq => n == x,
        }
    }
}

impl Conditional {
    /// The format of a code, if its first section has a condition.
    fn of(code: &str) -> Option<Conditional> {
        let sections: Vec<_> = code
            .split(';')
            .take(3)
            .map(Conditional::condition)
            .collect();
        // (Looked for first: a section without its condition is no conditional format.)
        sections.first()?.0?;
        let sections = (sections.into_iter())
            .map(|(condition, rest)| (condition, Shown::of(&rest)))
            .collect();
        Some(Conditional { sections })
    }

    /// A section's condition among its brackets, and the section without it.
    fn condition(section: &str) -> (Option<Condition>, String) {
        let mut rest = section;
        let mut kept = String::new();
        let mut condition = None;
        while let Some(inside) = rest.strip_prefix('[') {
            let Some((bracket, after)) = inside.split_once(']') else {
                break;
            };
            let op = (Op::WRITTEN.into_iter()).find(|(written, _)| bracket.starts_with(written));
            match op
                .and_then(|(written, op)| Some((op, bracket[written.len()..].trim().parse().ok()?)))
            {
                Some(c) if condition.is_none() => condition = Some(c),
                _ => kept.push_str(&format!("[{bracket}]")),
            }
            rest = after;
        }
        // (A section's own minus sign, `[<0]-0"亿"`, is the number's: it is shown with it.)
        let rest = match condition {
            Some(_) => rest.strip_prefix('-').unwrap_or(rest),
            None => rest,
        };
        kept.push_str(rest);
        (condition, kept)
    }

    fn show(&self, n: f64) -> Option<String> {
        let meets = |&(op, x): &Condition| op.holds(n, x);
        let (_, shown) = (self.sections.iter()).find(|(c, _)| c.as_ref().is_none_or(meets))?;
        shown.as_ref()?.show(n)
    }
}

/// A custom number format that shows a unit after the number: `0"亿"`, `0.00"亿元"`,
/// `#,##0"元"`, `0"%"` (a literal percent sign: 12 shows as `12%`). The cell reads as it shows,
/// the number held with its unit, `3亿`, as a CSV file saved from the workbook holds it: an
/// amount of 3 shown as 3亿 is 30000 万元, not 3. (The places the format shows are not applied,
/// as for other formats of decimals: 3.256 in `0.00"亿元"` is `3.256亿元`.)
#[derive(Clone, Debug, PartialEq)]
struct Unit {
    unit: &'static str,
}

impl Unit {
    /// The unit of `text`, if it is one a cell's text may carry (`value::UNITS`), or a
    /// percent sign where `percent` allows one.
    fn named(text: &str, percent: bool) -> Option<&'static str> {
        let units = super::value::UNITS.iter().map(|&(unit, ..)| unit);
        (units.chain(percent.then_some("%"))).find(|&unit| unit == text)
    }

    /// The format of a code (its first section), if it shows a number followed by a unit.
    fn of(code: &str) -> Option<Unit> {
        let first = plain_section(code.split(';').next()?)?;
        // (A fill, `* ` in an accounting format, shows no character of its own.)
        let first = match first.trim_start().strip_prefix('*') {
            Some(fill) => fill.get(fill.chars().next()?.len_utf8()..)?.trim_start(),
            None => first.trim_start(),
        };
        // General, as Excel (and WPS, `G/通用格式`) names it: the number as it is.
        let general = ["general", "g/通用格式"].into_iter().find_map(|name| {
            let head = first.get(..name.len())?;
            head.eq_ignore_ascii_case(name)
                .then(|| &first[name.len()..])
        });
        let (number, rest) = match general {
            Some(rest) => ("0", rest),
            None => first.split_at(
                first
                    .find(|c: char| !matches!(c, '0' | '#' | '?' | ',' | '.'))
                    .unwrap_or(first.len()),
            ),
        };
        // (A comma last divides by a thousand: `0.0,"万"` shows 12345 as 12.3万.)
        if !number.contains(['0', '#', '?']) || number.ends_with(',') {
            return None;
        }
        let unit = Unit::named(literal_text(rest)?.trim(), true)?;
        Some(Unit { unit })
    }

    /// `n` as the cell reads: the number held, then the unit.
    fn show(&self, n: f64) -> String {
        format!("{}{}", number_text(n), self.unit)
    }
}

/// A custom number format that shows a number divided by a power of ten: by a point of its
/// own, the digits after it the number's last (`0!.0000`, `0"."0000`, `0\.0000`: 123456 shows
/// as 12.3456, 元 held and 万元 shown), and by a thousand for each comma after the digits, with
/// a point of the number's own or none (`#,##0,`: 5000000 shows as 5,000; `0!.0,"万"`: 123456
/// as 12.3万), a unit after it or none. The cell reads as the number shown, in full (not
/// rounded to the places shown, as for `Unit`), with its unit: a CSV file saved from the
/// workbook holds 12.3456, and the number held, read as 万元, is 10,000 times it.
#[derive(Clone, Debug, PartialEq)]
struct Scaled {
    /// The power of ten the number held is divided by.
    places: u32,
    unit: &'static str,
}

impl Scaled {
    /// The format of a code (its first section), if it shows a number so.
    fn of(code: &str) -> Option<Scaled> {
        let first = plain_section(code.split(';').next()?)?;
        let first = first.trim();
        let digits = |t: &str| t.find(|c| !matches!(c, '0' | '#' | '?')).unwrap_or(t.len());
        // The whole digits, with commas grouping them, or after them dividing by a thousand.
        let whole = first
            .find(|c| !matches!(c, '0' | '#' | '?' | ','))
            .unwrap_or(first.len());
        let (whole, mut rest) = first.split_at(whole);
        if !whole.contains(['0', '#', '?']) {
            return None;
        }
        let mut thousands = whole.len() - whole.trim_end_matches(',').len();
        // The number's own point, or a literal one, the digits after it the number's last.
        let mut literal = 0;
        if let Some(after) = rest.strip_prefix('.') {
            rest = &after[digits(after)..];
        } else if let Some(after) = ["!.", "\\.", "\".\""]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        {
            literal = digits(after);
            rest = &after[literal..];
            if literal == 0 {
                return None;
            }
        }
        let commas = rest.len() - rest.trim_start_matches(',').len();
        thousands += commas;
        let places = u32::try_from(literal + 3 * thousands).ok()?;
        if places == 0 {
            return None;
        }
        let unit = match literal_text(&rest[commas..])?.trim() {
            "" => "",
            after => Unit::named(after, false)?,
        };
        Some(Scaled { places, unit })
    }

    /// `n` as the cell reads: the number shown, in full and with every place the division
    /// gives, then the unit. `None` for a number with too many places to divide so (beyond a
    /// decimal's 28).
    fn show(&self, n: f64) -> Option<String> {
        let mut value: Decimal = number_text(n).parse().ok()?;
        value
            .set_scale(value.scale().checked_add(self.places)?)
            .ok()?;
        // (With the places shown, as a month's 2024.10 is October's, not 2024.1.)
        Some(format!("{value}{}", self.unit))
    }
}

/// The text after a format's digits, where it is literal text alone: quoted, escaped, or
/// characters not ASCII (`"万元"`, `\亿`, `万元`), spaces left out. `None` for anything else.
fn literal_text(rest: &str) -> Option<String> {
    let mut after = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => after.extend(chars.by_ref().take_while(|&c| c != '"')),
            '\\' => after.push(chars.next()?),
            ' ' => {}
            c if !c.is_ascii() => after.push(c),
            _ => return None,
        }
    }
    Some(after)
}

/// A custom number format that shows a whole number padded with zeros, with text around it or
/// between groups of its digits or not: `000`, `"XM"0000`, `\P000`, `0000"号"`, `0000"-"0000`.
/// A code a clerk typed as `001` in a cell of General format would lose its zeros, and
/// formatting the column so is how Excel keeps them in sight: the code is the text shown, not
/// the number held.
#[derive(Clone, Debug, PartialEq)]
struct Padded {
    before: String,
    /// The zeros among the placeholders: the digits shown at the least.
    digits: usize,
    /// Each group of placeholders (how many) and the text after it: `0000"-"0000` is 4 and
    /// `-`, then 4 and nothing.
    groups: Vec<(usize, String)>,
    /// Whether zero is shown so too (a format of three sections gives it its own).
    zero: bool,
}

impl Padded {
    /// The format of a code (its first section, for numbers above zero), if it is one.
    fn of(code: &str) -> Option<Padded> {
        let mut sections = code.split(';');
        let first = sections.next()?;
        let mut padded = Padded {
            before: String::new(),
            digits: 0,
            groups: Vec::new(),
            zero: sections.nth(1).is_none(),
        };
        let mut zeros = 0;
        let mut chars = first.chars();
        while let Some(c) = chars.next() {
            let literal = match c {
                '0' | '#' => {
                    // (Text between placeholders begins another group: `0000"-"0000`.)
                    if padded
                        .groups
                        .last()
                        .is_none_or(|(_, text)| !text.is_empty())
                    {
                        padded.groups.push((0, String::new()));
                    }
                    if let Some((count, _)) = padded.groups.last_mut() {
                        *count += 1;
                    }
                    zeros += usize::from(c == '0');
                    continue;
                }
                '"' => {
                    let text: String = chars.by_ref().take_while(|&c| c != '"').collect();
                    text
                }
                '\\' => chars.next()?.to_string(),
                '$' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{'
                | '}' | '<' | '>' | '=' | ' ' => c.to_string(),
                // Decimals, thousands, percent, dates, colours, conditions, text: not a code.
                _ => return None,
            };
            match padded.groups.last_mut() {
                None => padded.before.push_str(&literal),
                Some((_, text)) => text.push_str(&literal),
            }
        }
        padded.digits = zeros;
        // (Spaces alone between groups may group thousands, as some locales write them: `0 000`.)
        let split_by_spaces =
            (padded.groups.iter().rev().skip(1)).any(|(_, text)| text.trim().is_empty());
        (zeros >= 2 && !split_by_spaces).then_some(padded)
    }

    /// `n` as the format shows it, if it is a whole number from 1 up, or zero where the format
    /// shows zero so too, that the format shows in full.
    fn show(&self, n: f64) -> Option<String> {
        let shown = (1.0..1e15).contains(&n) || n == 0.0 && self.zero;
        if !(shown && n.fract() == 0.0) {
            return None;
        }
        let width = self.digits;
        let digits = format!("{:0width$}", n as u64);
        // The groups take their digits from the last; the first takes those left, however many.
        let mut left = digits.as_str();
        let mut parts = Vec::with_capacity(self.groups.len());
        for (i, (count, text)) in self.groups.iter().enumerate().rev() {
            let take = if i == 0 {
                left.len()
            } else {
                (*count).min(left.len())
            };
            let (rest, taken) = left.split_at(left.len() - take);
            parts.push((taken, text));
            left = rest;
        }
        let mut shown = self.before.clone();
        for (taken, text) in parts.into_iter().rev() {
            shown.push_str(taken);
            shown.push_str(text);
        }
        Some(shown)
    }
}

/// A percent format, `0%`, `0.00%` or `#,##0.0%`: what Excel gives a cell typed `85%`, which it
/// holds as 0.85. The text shown, `85%`, is what the clerk wrote (in 形象进度, say), and what a
/// CSV file saved from the workbook holds. A format's sections for numbers below zero and for
/// zero are read too, where they show a percent or (zero's) text alone: `0.0%;[Red]-0.0%`,
/// `0%;-0%;"-"`.
#[derive(Clone, Debug, PartialEq)]
struct Percent {
    positive: Digits,
    /// Below zero: whether its minus sign is shown, and how.
    negative: (bool, Digits),
    zero: Zero,
}

/// How a percent's digits are shown.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Digits {
    /// Places after the point.
    decimals: u32,
    /// Whole digits shown at the least (`00%` shows 5% as `05%`).
    least: usize,
    thousands: bool,
}

/// How zero is shown: as a percent, or as text (`"-"`, or nothing).
#[derive(Clone, Debug, PartialEq)]
enum Zero {
    Percent(Digits),
    Text(String),
}

impl Percent {
    /// The format of a code, if it is a percent format.
    fn of(code: &str) -> Option<Percent> {
        let mut sections = code.split(';').map(plain_section);
        let positive = Digits::of(&sections.next()??)?;
        let negative = match sections.next() {
            None => (true, positive),
            Some(negative) => {
                let negative = negative?;
                match negative.strip_prefix('-') {
                    Some(rest) => (true, Digits::of(rest)?),
                    None => (false, Digits::of(&negative)?),
                }
            }
        };
        let zero = match sections.next() {
            None => Zero::Percent(positive),
            Some(zero) => {
                let zero = zero?;
                match Digits::of(&zero) {
                    Some(digits) => Zero::Percent(digits),
                    None => Zero::Text(literal(&zero)?),
                }
            }
        };
        Some(Percent {
            positive,
            negative,
            zero,
        })
    }

    /// `n` as the format shows it: a hundred times it, rounded half away from zero to the
    /// section's places, as Excel rounds what it shows (of its 15 significant digits, so 0.855
    /// shows 86%), and with its minus sign even where that rounds to zero (`-0%`), as Excel
    /// shows it. `None` for a number too large to show so.
    fn show(&self, n: f64) -> Option<String> {
        let value: Decimal = number_text(n).parse().ok()?;
        let (sign, digits) = if value.is_zero() {
            match &self.zero {
                Zero::Text(text) => return Some(text.clone()),
                Zero::Percent(digits) => ("", *digits),
            }
        } else if value.is_sign_negative() {
            (if self.negative.0 { "-" } else { "" }, self.negative.1)
        } else {
            ("", self.positive)
        };
        Some(format!("{sign}{}%", digits.show(value.abs())?))
    }
}

impl Digits {
    /// A section's digits (a section with no condition, colour nor spacing left in it), if it
    /// shows a number as a percent, as Excel's percent formats do.
    fn of(section: &str) -> Option<Digits> {
        let number = section.strip_suffix('%')?;
        let (whole, decimals) = match number.split_once('.') {
            // (`0.%` shows the point alone.)
            Some((_, "")) => return None,
            Some((whole, decimals)) => (whole, decimals),
            None => (number, ""),
        };
        // (A comma last divides by a thousand: `0,%`.)
        let whole_ok = whole.bytes().any(|b| matches!(b, b'0' | b'#'))
            && whole.bytes().all(|b| matches!(b, b'0' | b'#' | b','))
            && !whole.ends_with(',');
        if !whole_ok || decimals.bytes().any(|b| b != b'0') || decimals.len() > 10 {
            return None;
        }
        Some(Digits {
            decimals: decimals.len() as u32,
            least: whole.bytes().filter(|&b| b == b'0').count(),
            thousands: whole.contains(','),
        })
    }

    /// A hundred times `value` (not below zero), in these digits.
    fn show(self, value: Decimal) -> Option<String> {
        let shown = value
            .checked_mul(Decimal::ONE_HUNDRED)?
            .round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        let places = self.decimals as usize;
        let text = format!("{shown:.places$}");
        let (whole, after) = text.split_at(text.find('.').unwrap_or(text.len()));
        let whole = match whole.trim_start_matches('0') {
            digits if digits.len() >= self.least => digits.to_string(),
            digits => format!("{digits:0>width$}", width = self.least),
        };
        Some(match self.thousands {
            true => format!("{}{after}", crate::render::format::grouped_digits(&whole)),
            false => format!("{whole}{after}"),
        })
    }
}

/// A section of a code without what changes no character shown: a colour (`[Red]`,
/// `[Color10]`), a locale with no currency sign (`[$-804]`), spaces the width of a character
/// (`_)`); and without Chinese numerals (`[DBNum1]` to `[DBNum3]`), which show the number held
/// in other characters, 三.二六亿元 for 3.26亿元. `None` for a section with another bracket: a
/// condition (`[<0]`), a currency (`[$¥-804]`).
fn plain_section(section: &str) -> Option<String> {
    const COLOURS: [&str; 16] = [
        "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow",
        // (As Chinese Excel and WPS write them.)
        "黑色", "蓝色", "青色", "绿色", "洋红", "红色", "白色", "黄色",
    ];
    let mut rest = section;
    while let Some(inside) = rest.strip_prefix('[') {
        let (bracket, after) = inside.split_once(']')?;
        let lower = bracket.to_ascii_lowercase();
        let plain = COLOURS.contains(&lower.as_str())
            || lower
                .strip_prefix("color")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            || bracket
                .strip_prefix("$-")
                .is_some_and(|locale| locale.bytes().all(|b| b.is_ascii_hexdigit()))
            || matches!(lower.as_str(), "dbnum1" | "dbnum2" | "dbnum3");
        if !plain {
            return None;
        }
        rest = after;
    }
    let mut plain = String::with_capacity(rest.len());
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '_' => {
                chars.next();
            }
            c => plain.push(c),
        }
    }
    Some(plain)
}

/// The text of a section of literals alone (`"-"`, `\-`, or nothing), if it is one.
fn literal(section: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => text.extend(chars.by_ref().take_while(|&c| c != '"')),
            '\\' => text.push(chars.next()?),
            '-' | ' ' => text.push(c),
            _ => return None,
        }
    }
    Some(text)
}

/// Each style's `Shown` format, by style id, where it has one.
fn shown_formats(styles: &[calamine::Style]) -> Vec<Option<Shown>> {
    styles
        .iter()
        .map(|s| Shown::of(&s.number_format.as_ref()?.format_code))
        .collect()
}

/// The names of a workbook's sheets a clerk sees (`seen`) other than `name`, in order.
fn sheets_seen_besides<RS: std::io::Read + std::io::Seek>(
    book: &calamine::Sheets<RS>,
    name: &str,
    seen: &dyn Fn(&calamine::Sheet) -> bool,
) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.name != name && seen(s))
        .map(|s| s.name.clone())
        .collect()
}

/// The names of a sheet of notes or a cover, not a table.
const NOTES: [&str; 11] = [
    "说明",
    "填报说明",
    "填表说明",
    "指标说明",
    "指标解释",
    "封面",
    "目录",
    "须知",
    "填报须知",
    "注意事项",
    "备注",
];

/// Whether an .xls formula may give text, and so empty text as its result: it has a text in
/// quotes, joins texts (`&`), or calls a function giving text.
fn may_give_text(formula: &str) -> bool {
    const TEXT: [&str; 10] = [
        "T",
        "TEXT",
        "CONCATENATE",
        "CONCAT",
        "LEFT",
        "RIGHT",
        "MID",
        "TRIM",
        "SUBSTITUTE",
        "REPT",
    ];
    let upper = formula.to_ascii_uppercase();
    upper.contains(['"', '&'])
        || TEXT.iter().any(|f| {
            upper.match_indices(&format!("{f}(")).any(|(at, _)| {
                !upper[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_')
            })
        })
}

/// The sheet to read in place of `first`, the first sheet a clerk sees, where it holds no table
/// (no cell, no row of two: `holds_no_table`; or text alone, no 项目编号 nor figure, as a sheet
/// of lists for drop-downs: `text_alone`; or a summary, or notes or a cover by its name, of no
/// header row) and a later one does: the first such, with the note saying so. Otherwise
/// `first`, and no note.
fn passing_over_a_sheet_without_a_table<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    file: &str,
    first: String,
    matcher: &HeaderMatcher,
    seen: &dyn Fn(&calamine::Sheet) -> bool,
) -> (String, Option<Finding>) {
    let later = sheets_seen_besides(book, &first, seen);
    if later.is_empty() {
        return (first, None);
    }
    let why = match holds_no_table(book, &first) {
        Some(Holds::Nothing) => "is empty",
        Some(_) => "holds no table (no row of two cells or more)",
        None if text_alone(book, &first, matcher) => {
            "holds no table (text alone, no 项目编号 nor figure: lists for drop-downs, or notes)"
        }
        // A summary by district before the projects' table (read, an error: 项目编号 is
        // required). (Named so: another sheet without 项目编号 may be the table under a header
        // xmtool does not know, whose error says so.)
        None if ["汇总", "总表", "合计", "统计", "概况"]
            .iter()
            .any(|w| first.contains(w))
            && names_no_id(book, &first, matcher) =>
        {
            "is a summary, with no 项目编号 in its first rows"
        }
        // Notes or a cover by its name (说明, 填表说明, 封面), its cells of no header: numbered
        // notes (1 | 本表由各县区填报) or a cover's labels and values (联系电话 | 138…).
        None if NOTES.contains(&first.trim())
            && table_on(book, &first, matcher) == Some(Holds::NoHeader) =>
        {
            "holds notes, no table (no header row)"
        }
        None => return (first, None),
    };
    let Some(table) = later
        .into_iter()
        .find(|s| matches!(table_on(book, s, matcher), Some(Holds::Table(..))))
    else {
        return (first, None);
    };
    let note = Finding::note(
        file,
        format!(
            "its first sheet \"{first}\" {why}, so \"{table}\", the first sheet holding a \
             table, is read; lines and columns are that sheet's (`sheet` in xmtool.toml names \
             another)"
        ),
    );
    (table, Some(note))
}

/// Whether a sheet's name names `month`: `7月`, `七月`, `07月份` (of no year) or `2024年7月`.
fn sheet_names_month(name: &str, month: Option<YearMonth>) -> bool {
    let Some(month) = month else {
        return false;
    };
    match super::value::month_in_name(name) {
        Some(named) => named == month,
        None => super::value::bare_month(name) == Some(month.month()),
    }
}

/// Of a report workbook whose sheet `first` (the one it would read) names a month other than
/// the file's (`month`), and another sheet names the file's month: that sheet (the only one
/// naming it).
fn sheet_for_the_files_month<RS: std::io::Read + std::io::Seek>(
    book: &calamine::Sheets<RS>,
    file: &str,
    month: Option<YearMonth>,
    first: &str,
    seen: &dyn Fn(&calamine::Sheet) -> bool,
) -> Option<String> {
    if !file.starts_with("reports/") || !names_a_month(first) || sheet_names_month(first, month) {
        return None;
    }
    // (A hidden one too: which of two is the report is not known.)
    let mut named = book
        .sheets_metadata()
        .iter()
        .filter(|s| sheet_names_month(&s.name, month));
    match (named.next(), named.next()) {
        (Some(only), None) if seen(only) => Some(only.name.clone()),
        _ => None,
    }
}

/// Calls `put` with each cell of a workbook's sheet (its row and column from 0, its text) in
/// order, while it returns `true`; `None` for a sheet that cannot be read.
fn each_cell<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    mut put: impl FnMut((u32, u32), Option<String>) -> bool,
) -> Option<()> {
    use calamine::DataType;
    fn take<'a, E>(
        mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, E>,
        put: &mut impl FnMut((u32, u32), Option<String>) -> bool,
    ) {
        while let Ok(Some(cell)) = next_cell() {
            if !put(cell.get_position(), cell.get_value().as_string()) {
                break;
            }
        }
    }
    match book {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx.worksheet_cells_reader(sheet).ok()?;
            take(|| cells.next_cell(), &mut put);
        }
        calamine::Sheets::Xlsb(xlsb) => {
            let mut cells = xlsb.worksheet_cells_reader(sheet).ok()?;
            take(|| cells.next_cell(), &mut put);
        }
        _ => {
            let range = book.worksheet_range(sheet).ok()?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, col, data) in range.used_cells() {
                let at = (
                    top.saturating_add(row as u32),
                    left.saturating_add(col as u32),
                );
                if !put(at, data.as_string()) {
                    break;
                }
            }
        }
    }
    Some(())
}

/// Whether a workbook's sheet, read whole, holds no table: `Holds::Nothing` for no cell,
/// `Holds::NoHeader` where no row has two cells with text (notes to those filling it in, a line
/// each); `None` for any other, and for a sheet that cannot be read. (Whatever its headers,
/// even ones named only in settings' aliases, a table has a row of two.)
fn holds_no_table<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
) -> Option<Holds> {
    let mut any = false;
    let mut two = false;
    let mut row_of_last: Option<u32> = None;
    each_cell(book, sheet, |(row, _), text| {
        if text.is_none_or(|t| t.trim().is_empty()) {
            return true;
        }
        any = true;
        two = row_of_last == Some(row);
        row_of_last = Some(row);
        !two
    })?;
    match (any, two) {
        (false, _) => Some(Holds::Nothing),
        (true, false) => Some(Holds::NoHeader),
        (true, true) => None,
    }
}

/// Whether a workbook's sheet, read whole, holds text alone: no 项目编号 (as `matcher` knows
/// headers) nor a number anywhere, as a sheet of lists for a form's drop-downs (项目状态: 前期,
/// 在建 …). A table of projects, whatever its headers, has figures; `false` for a sheet that
/// cannot be read.
fn text_alone<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> bool {
    let mut alone = true;
    let read = each_cell(book, sheet, |_, text| {
        let text = text.as_deref().unwrap_or_default().trim();
        alone = text.parse::<f64>().is_err() && matcher.field(text) != Some(Field::Id);
        alone
    });
    read.is_some() && alone
}

/// Whether no cell of a workbook's sheet's first rows, where a header is looked for, names
/// 项目编号 (as `matcher` knows headers): a summary by district, say. `false` for a sheet that
/// cannot be read.
fn names_no_id<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> bool {
    const ROWS: u32 = super::table::HEADER_SEARCH_ROWS as u32 + 1;
    let mut none = true;
    let read = each_cell(book, sheet, |(row, _), text| {
        if row >= ROWS {
            return false;
        }
        none = matcher.field(text.as_deref().unwrap_or_default().trim()) != Some(Field::Id);
        none
    });
    read.is_some() && none
}

/// What a workbook's sheet holds, as far as its first rows tell.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Holds {
    /// No cell.
    Nothing,
    /// Cells, but no header row (notes to those filling it in, a cover).
    NoHeader,
    /// A header row (1-based) with no project under it: a blank form (its 合计 and 填表人 rows
    /// aside), nothing lost if left unread.
    Form(u32),
    /// A table: a header row (1-based) with a project's id under its 项目编号, and whether the
    /// header names an amount (investment or plan: its rows carry figures).
    Table(u32, bool),
}

/// What a workbook's sheet holds (`Holds`): a header is a row in the first 30 naming 项目编号
/// and another field (as `matcher` knows headers). Only the rows needed are read; `None` for a
/// sheet that cannot be read.
fn table_on<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> Option<Holds> {
    const ROWS: u32 = super::table::HEADER_SEARCH_ROWS as u32 + 1;
    let mut rows: Vec<Vec<(u32, String)>> = vec![Vec::new(); ROWS as usize];
    // Each cell's column and text in its row, while the rows looked at last.
    each_cell(book, sheet, |(row, column), text| {
        if let (Some(cells), Some(text)) = (rows.get_mut(row as usize), text) {
            cells.push((column, text.trim().to_string()));
        }
        row < ROWS
    })?;
    if rows.iter().all(Vec::is_empty) {
        return Some(Holds::Nothing);
    }
    let Some((header, id_column, figures)) = rows.iter().enumerate().find_map(|(i, cells)| {
        let id = cells
            .iter()
            .find(|(_, t)| matcher.field(t) == Some(Field::Id))?;
        let other = cells
            .iter()
            .any(|(_, t)| matcher.field(t).is_some_and(|f| f != Field::Id));
        let figures = cells.iter().any(|(_, t)| {
            matches!(
                matcher.field(t),
                Some(Field::MonthInvestment | Field::YtdInvestment | Field::AnnualPlan)
            )
        });
        other.then_some((i, id.0, figures))
    }) else {
        return Some(Holds::NoHeader);
    };
    // A project's row: an id, not a total, a signature (填表人：…) or the header again.
    let a_project = |cells: &Vec<(u32, String)>| {
        cells.iter().any(|(column, t)| {
            *column == id_column
                && !t.is_empty()
                && matcher.field(t).is_none()
                && !t.contains(['：', ':'])
                && !super::table::TOTALS.iter().any(|w| t.contains(w))
        })
    };
    let row = header as u32 + 1;
    Some(match rows[header + 1..].iter().any(a_project) {
        true => Holds::Table(row, figures),
        false => Holds::Form(row),
    })
}

/// The number of strings an .xlsx file's shared strings table claims, where that is more than
/// the file could hold: calamine makes room for the claimed number before reading any (24 bytes
/// each), and a claim of billions would abort the process. Every string takes at least a byte of
/// the file, compressed.
fn strings_claimed_beyond_reason(bytes: &[u8]) -> Option<u64> {
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
fn xls_cells_beyond_reason(bytes: &[u8]) -> Option<u64> {
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

/// A sheet's rows as its cells are read, in whatever order the file gives them (a later value
/// at the same place wins). A row holds its cells from column A to its last value; only rows
/// with a value are held, and the grid makes the blank rows between as it hands rows out. So a
/// stray value at XFD1048576 costs one wide row, not a grid of a million rows by 16,384 columns.
#[derive(Default)]
struct Sheet {
    /// Line (1-based) and cells, in order of line.
    rows: Vec<(u64, Typed)>,
    /// Cells the file gave (whitespace included), and cells held (the empty ones before them too).
    given: usize,
    held: usize,
    /// Cells the file gave twice, with another value the second time (a damaged sheet).
    twice: GivenTwice,
}

/// Cells a sheet's file gave twice, with another value the second time: how many, and the
/// first's 0-based place and its two values, as shown.
#[derive(Debug, Default)]
struct GivenTwice {
    count: usize,
    at: (u32, u32),
    before: String,
    after: String,
}

/// Why a sheet was not read.
#[derive(Debug, PartialEq)]
enum Refused {
    /// calamine could not read it: its message.
    Unreadable(String),
    /// A cell beyond Excel's last row or column: (row, column), 0-based.
    Beyond(u32, u32),
    /// Values so scattered that holding them as rows would take far more memory than the file.
    Scattered(u32, u32),
    /// A row (0-based) whose text (with texts replaced but not yet let go) passes 4 GiB.
    Overfull(u32),
}

impl Refused {
    fn finding(&self, file: &str, sheet: &str) -> Finding {
        match *self {
            Refused::Unreadable(ref e) => {
                Finding::error(file, format!("cannot read sheet \"{sheet}\": {e}"))
            }
            Refused::Beyond(row, col) if col >= Sheet::COLUMNS => Finding::error(
                file,
                format!("sheet \"{sheet}\" is damaged: it claims columns beyond XFD, Excel's last"),
            )
            .at(u64::from(row) + 1, None),
            Refused::Beyond(..) => Finding::error(
                file,
                format!(
                    "sheet \"{sheet}\" is damaged: it claims rows beyond {}, Excel's last",
                    Sheet::ROWS
                ),
            ),
            Refused::Scattered(row, col) => Finding::error(
                file,
                format!(
                    "sheet \"{sheet}\" has values scattered far from each other (this one among \
                     them): too sparse to read; delete stray values far below or to the right of \
                     the table and save it again"
                ),
            )
            .at(u64::from(row) + 1, Some(col as usize + 1)),
            Refused::Overfull(row) => Finding::error(
                file,
                format!(
                    "sheet \"{sheet}\" has more text in this row than xmtool can hold (4 GiB): \
                     too large to read"
                ),
            )
            .at(u64::from(row) + 1, None),
        }
    }
}

impl Sheet {
    /// Excel's last row and column (1,048,576 and XFD).
    const ROWS: u32 = LAST_ROW;
    const COLUMNS: u32 = 1 << 14;
    /// Empty cells held beyond four for each cell given, before a sheet counts as scattered
    /// (a quarter of a gigabyte of them, within what a helper process may take): a row out at
    /// XFD is 16,384 cells, so 500 stray values far to the right still read, as does a table
    /// with a formula a hundred columns to its right on each of 50,000 rows.
    const SLACK: usize = 1 << 23;

    /// Takes every cell calamine's reader of a sheet gives, until the last. A cell given again
    /// with another value (Excel never writes one twice; a damaged file may) is read as last
    /// given, and noted (`twice`).
    fn take_all<'a, E: std::fmt::Display>(
        &mut self,
        mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, E>,
    ) -> Result<(), Refused> {
        loop {
            match next_cell() {
                Ok(Some(cell)) => {
                    let at = cell.get_position();
                    let before = self.shown_at(at);
                    self.put_ref(at, cell.get_value())?;
                    if let Some(before) = before {
                        let after = self.shown_at(at).unwrap_or_default();
                        if after != before {
                            if self.twice.count == 0 {
                                self.twice = GivenTwice {
                                    count: 0,
                                    at,
                                    before,
                                    after,
                                };
                            }
                            self.twice.count += 1;
                        }
                    }
                }
                Ok(None) => return Ok(()),
                Err(e) => return Err(Refused::Unreadable(e.to_string())),
            }
        }
    }

    /// The value of the cell at a 0-based (row, column), as its text shows it, if it holds one.
    /// (Cells come in order of place: the last row is looked at first.)
    fn shown_at(&self, (row, col): (u32, u32)) -> Option<String> {
        let line = u64::from(row) + 1;
        let i = match self.rows.last() {
            Some(&(last, _)) if last == line => self.rows.len() - 1,
            Some(&(last, _)) if last > line => {
                self.rows.binary_search_by_key(&line, |r| r.0).ok()?
            }
            _ => return None,
        };
        match self.rows[i].1.get(col as usize)? {
            Cell::Empty | Cell::Unworked => None,
            Cell::Text(t) => Some(t.to_string()),
            Cell::Number(n) | Cell::Date(n) => Some(number_text(n)),
        }
    }

    /// The error on cells given twice with different values, if any were.
    fn given_twice(&self, file: &str, sheet: &str) -> Option<Finding> {
        let GivenTwice {
            count,
            at: (row, col),
            before,
            after,
        } = &self.twice;
        if *count == 0 {
            return None;
        }
        let values = format!(
            "\"{}\", then \"{}\", which is read",
            before.trim(),
            after.trim()
        );
        let given = match count {
            1 => format!("this cell twice, with different values: {values}"),
            n => format!("{n} cells twice, with different values (the first here: {values})"),
        };
        Some(
            Finding::error(
                file,
                format!(
                    "sheet \"{sheet}\" gives {given}; the workbook is damaged (open it in Excel \
                     or WPS, check its figures, and save it again)"
                ),
            )
            .at(u64::from(*row) + 1, Some(*col as usize + 1)),
        )
    }

    /// Takes a cell as calamine gives it, at its 0-based (row, column).
    fn put_ref(&mut self, at: (u32, u32), value: &calamine::DataRef) -> Result<(), Refused> {
        match value {
            calamine::DataRef::Empty => Ok(()),
            calamine::DataRef::String(s) => self.put(at, text_cell(s)),
            calamine::DataRef::SharedString(s) => self.put(at, text_cell(s)),
            other => self.put_data(at, &Data::from(other.clone())),
        }
    }

    /// Takes a cell of a range, at its 0-based (row, column).
    fn put_data(&mut self, at: (u32, u32), data: &Data) -> Result<(), Refused> {
        let cell = match data {
            Data::Empty => Cell::Empty,
            Data::String(s) => text_cell(s),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }),
            Data::DateTime(d) => Cell::Date(serial_1900(d)),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
            Data::Error(e) => {
                let shown = e.to_string();
                return self.put(at, Cell::Text(&shown));
            }
        };
        self.put(at, cell)
    }

    /// Takes a cell at its 0-based (row, column). (An empty one still counts: a cell of spaces
    /// makes its row, blank, part of the sheet.)
    fn put(&mut self, (row, col): (u32, u32), cell: Cell) -> Result<(), Refused> {
        if row >= Sheet::ROWS || col >= Sheet::COLUMNS {
            return Err(Refused::Beyond(row, col));
        }
        self.given += 1;
        let line = u64::from(row) + 1;
        let at = match self.rows.last() {
            Some(&(last, _)) if last == line => self.rows.len() - 1,
            Some(&(last, _)) if last > line => {
                match self.rows.binary_search_by_key(&line, |r| r.0) {
                    Ok(i) => i,
                    Err(i) => {
                        self.rows.insert(i, (line, Typed::default()));
                        i
                    }
                }
            }
            // A new row below the rest: made room for as much as the row above it took, up to
            // what a row of a table takes (a wide row is not copied into every row after it);
            // the row above, finished, let go of room it did not use.
            _ => {
                let room = self
                    .rows
                    .last_mut()
                    .map_or_else(Typed::default, |(_, above)| {
                        above.fit();
                        Typed::with_capacity(above.len().min(64), above.text.len().min(1024))
                    });
                self.rows.push((line, room));
                self.rows.len() - 1
            }
        };
        let cells = &mut self.rows[at].1;
        let col = col as usize;
        if col >= cells.len() {
            self.held += col + 1 - cells.len();
            if self.held > Sheet::SLACK + 4 * self.given {
                return Err(Refused::Scattered(row, col as u32));
            }
        }
        cells
            .set(col, cell)
            .map_err(|Overfull| Refused::Overfull(row))
    }

    /// Gives each region of merged cells in one column over several rows the text or date of its
    /// top cell, in the rows below it down to the sheet's last row with cells. (Other merged
    /// regions, a title or a heading across columns, are left as read: only their first cell
    /// has a value.) Regions that would fill more cells than a million and the cells the sheet
    /// has are refused as damaged. Gives back the regions of a number, left in their first row
    /// (0-based top and bottom rows, down to the last with cells, and column). Headers are known
    /// as `matcher` knows them.
    fn fill_merged_down(
        &mut self,
        regions: &[calamine::Dimensions],
        matcher: &HeaderMatcher,
    ) -> Result<Vec<(u32, u32, u32)>, Refused> {
        let mut numbers = Vec::new();
        let above = &mut Above::default();
        let Some(&(last_line, _)) = self.rows.last() else {
            return Ok(numbers);
        };
        let mut budget = self.given.saturating_add(1 << 20);
        // The rows a project's 项目编号 is merged down over (0-based top and last), and the
        // columns' headers as found.
        let mut projects = Vec::new();
        let mut headers = Vec::new();
        for region in regions {
            let ((top, col), (bottom, right)) = (region.start, region.end);
            if right != col || bottom <= top || col >= Sheet::COLUMNS {
                continue;
            }
            let Ok(i) = self
                .rows
                .binary_search_by_key(&(u64::from(top) + 1), |r| r.0)
            else {
                continue;
            };
            // (Lines are rows + 1: the last row with cells is `last_line - 1`.)
            let last = u32::try_from(last_line - 1).map_or(bottom, |last| bottom.min(last));
            // (Text, dates and numbers under a header naming what is no amount: a district, a
            // month typed 202406. An amount merged down is one amount, not one a row: the rows
            // below are left empty, and the region is named; so is a number under a header
            // not known, which may be an amount's named in settings.)
            let value = match self.rows[i].1.get(col as usize) {
                Some(Cell::Text(t)) => Filled::Text(t.to_string()),
                Some(Cell::Date(n)) => Filled::Date(n),
                Some(Cell::Number(n))
                    if self
                        .field_above(top, col, matcher, above)
                        .is_some_and(|(_, f)| !f.is_amount()) =>
                {
                    Filled::Number(n)
                }
                Some(Cell::Number(_)) if last > top => {
                    numbers.push((top, last, col));
                    continue;
                }
                Some(Cell::Number(_) | Cell::Empty | Cell::Unworked) | None => continue,
            };
            self.rows[i].1.mark_top(col);
            // (Not a header repeated below, its 项目编号 merged down over its units row.)
            let a_header = matches!(&value, Filled::Text(t) if matcher.field(t).is_some());
            if !a_header && self.header_field(top, col, matcher, &mut headers) == Some(Field::Id) {
                projects.push((top, last));
            }
            for row in top + 1..=last {
                if budget == 0 {
                    return Err(Refused::Unreadable(
                        "its merged cells would fill more than a million cells: it is damaged \
                         (open it in Excel or WPS and save it again)"
                            .to_string(),
                    ));
                }
                budget -= 1;
                let cell = match &value {
                    Filled::Text(t) => Cell::Text(t),
                    &Filled::Date(n) => Cell::Date(n),
                    &Filled::Number(n) => Cell::Number(n),
                };
                self.put((row, col), cell)?;
                self.mark_merged(row, col);
            }
            above.filled(col, top + 1);
        }
        // A project's cells merged down over rows of its own (its 形象进度 in two lines): a
        // figure merged with them is the project's, in its row, and said of no other.
        // (By top, each with the furthest any region reaches that starts at or above it.)
        // (Two columns of ids merged alike, 项目编号 and 项目代码, are one project's.)
        projects.sort_unstable();
        projects.dedup();
        let reach: Vec<u32> = projects
            .iter()
            .scan(0, |reach, &(_, last)| {
                *reach = last.max(*reach);
                Some(*reach)
            })
            .collect();
        numbers.retain(|&(top, last, _)| {
            let above = projects.partition_point(|&(p_top, _)| p_top <= top);
            above == 0 || reach[above - 1] < last
        });
        // (The rows joined are taken out at once: one at a time, each would move all below.)
        let mut taken = Vec::new();
        for (top, last) in projects {
            self.join_continued(top, last, &mut taken);
        }
        if !taken.is_empty() {
            taken.sort_unstable();
            self.rows
                .retain(|(line, _)| taken.binary_search(line).is_err());
        }
        Ok(numbers)
    }

    /// The field a 0-based column's header names, where it is above a 0-based row: the first text
    /// down the column that names one (not the nearest above, which in the 项目编号 column is
    /// the project before's). Columns looked down are kept in `found`.
    fn header_field(
        &self,
        row: u32,
        col: u32,
        matcher: &HeaderMatcher,
        found: &mut Vec<(u32, Option<(u64, Field)>)>,
    ) -> Option<Field> {
        let header = match found.iter().find(|(c, _)| *c == col) {
            Some(&(_, header)) => header,
            None => {
                let header =
                    self.rows
                        .iter()
                        .find_map(|(line, cells)| match cells.get(col as usize) {
                            Some(Cell::Text(t)) => matcher.field(t).map(|f| (*line, f)),
                            _ => None,
                        });
                found.push((col, header));
                header
            }
        };
        header
            .filter(|&(line, _)| line <= u64::from(row))
            .map(|(_, field)| field)
    }

    /// Joins the rows a project's 项目编号 is merged down over (0-based `top` to `last`) into
    /// its top row, from the one under it, while they hold nothing but text of their own (a
    /// second line of 形象进度) or nothing of their own: each text after its column's in the top
    /// row, on a line of its own. A row with a number or a date of its own, or a 其中 label (a
    /// part of the project's figure), or text that would go under a number or a date, is left
    /// as it is, and so are the rows after it. The lines of the rows joined are added to
    /// `taken_out`, for the caller to take out.
    fn join_continued(&mut self, top: u32, last: u32, taken_out: &mut Vec<u64>) {
        let line = |row: u32| u64::from(row) + 1;
        let Ok(t) = self.rows.binary_search_by_key(&line(top), |r| r.0) else {
            return;
        };
        let below = self.rows.partition_point(|r| r.0 <= line(last));
        let mut joined: Vec<(usize, String)> = Vec::new();
        let mut taken = Vec::new();
        for (row_line, cells) in self.rows.get(t + 1..below).unwrap_or(&[]) {
            let mut own = Vec::new();
            let joins = (0..cells.len())
                .filter(|&c| u32::try_from(c).is_ok_and(|c| !cells.merged.contains(&c)))
                .all(|c| match cells.get(c) {
                    Some(Cell::Text(text)) => {
                        own.push((c, text));
                        !text.trim_start().starts_with("其中")
                            && matches!(
                                self.rows[t].1.get(c),
                                None | Some(Cell::Empty | Cell::Unworked | Cell::Text(_))
                            )
                    }
                    Some(Cell::Empty | Cell::Unworked) | None => true,
                    Some(Cell::Number(_) | Cell::Date(_)) => false,
                });
            // (A row of the merged cells alone is the project's row again: taken too.)
            if !joins {
                break;
            }
            for (c, text) in own {
                match joined.iter_mut().find(|(col, _)| *col == c) {
                    Some((_, kept)) => {
                        kept.push('\n');
                        kept.push_str(text);
                    }
                    None => {
                        let mut kept = match self.rows[t].1.get(c) {
                            Some(Cell::Text(above)) => format!("{above}\n"),
                            _ => String::new(),
                        };
                        kept.push_str(text);
                        joined.push((c, kept));
                    }
                }
            }
            taken.push(*row_line);
        }
        if taken.is_empty() {
            return;
        }
        let mut cells = self.rows[t].1.clone();
        for (c, text) in &joined {
            if cells.set(*c, Cell::Text(text)).is_err() {
                // (A row past 4 GiB of text: left as it was read.)
                return;
            }
        }
        let through = taken.last().map_or(0, |&l| l - self.rows[t].0);
        cells.join_lines(u32::try_from(through).unwrap_or(u32::MAX));
        self.rows[t].1 = cells;
        taken_out.extend(taken);
    }

    /// Notes that the cell at a 0-based row and column (which holds a value) was given its
    /// region's merged down over it.
    fn mark_merged(&mut self, row: u32, col: u32) {
        if let Ok(i) = self
            .rows
            .binary_search_by_key(&(u64::from(row) + 1), |r| r.0)
        {
            self.rows[i].1.mark_merged(col);
        }
    }

    /// The header above a 0-based row in a 0-based column and the field it reads as (报告月份,
    /// 累计完成投资), where it names one.
    fn field_above(
        &self,
        row: u32,
        col: u32,
        matcher: &HeaderMatcher,
        above: &mut Above,
    ) -> Option<(String, Field)> {
        let header = self.text_above(row, col, above)?;
        let field = matcher.field(&header)?;
        Some((header, field))
    }

    /// Whether a 0-based row is a table's total (合计, 总计, 小计, 共计, 汇总 with at most 4 more
    /// characters around it, 合 计 and 全市合计 among them, in one of its first three cells: the
    /// 序号, 项目编号 and 项目名称 columns, mostly), which is skipped, not read.
    fn says_a_total(&self, row: u32) -> bool {
        // (Rows are held by their 1-based line.)
        let line = u64::from(row) + 1;
        let at = self.rows.partition_point(|r| r.0 < line);
        self.rows.get(at).is_some_and(|(at, cells)| {
            *at == line
                && cells.iter().take(3).any(|c| match c {
                    Cell::Text(t) => {
                        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                        t.chars().count() <= 6 && super::table::TOTALS.iter().any(|w| t.contains(w))
                    }
                    _ => false,
                })
        })
    }

    /// The text nearest above a 0-based row in a 0-based column: a column's header, mostly.
    /// Looked for only in the rows below the last asked about in the column, where `above`
    /// knows what was found above that.
    fn text_above(&self, row: u32, col: u32, above: &mut Above) -> Option<String> {
        // (Rows are held by their 1-based line: those above `row` have lines up to `row`.)
        let (from, found) = match above.0.get(&col) {
            Some((asked, found)) if *asked <= row => (*asked, found.clone()),
            _ => (0, None),
        };
        let start = self.rows.partition_point(|r| r.0 <= u64::from(from));
        let end = self.rows.partition_point(|r| r.0 <= u64::from(row));
        let found = self.rows[start..end]
            .iter()
            .rev()
            .find_map(|(_, cells)| match cells.get(col as usize) {
                Some(Cell::Text(t)) if !t.trim().is_empty() => Some(t.to_string()),
                _ => None,
            })
            .or(found);
        above.0.insert(col, (row, found.clone()));
        found
    }

    fn rows(self) -> Vec<Row> {
        let rows = self.rows.into_iter();
        rows.map(|(line, cells)| Row::typed(line, cells)).collect()
    }
}

/// What `Sheet::text_above` found in each column asked about: the 0-based row asked about, and
/// the text nearest above it. A column of amounts merged down, each region asking for its
/// header, is so looked down once, not once a region (100,000 projects took minutes).
#[derive(Default)]
struct Above(std::collections::HashMap<u32, (u32, Option<String>)>);

impl Above {
    /// Forgets a column's text found above rows at or below `row`, once cells from `row` down
    /// have been filled (with a merged region's text, which may be nearer).
    fn filled(&mut self, col: u32, row: u32) {
        if self.0.get(&col).is_some_and(|&(asked, _)| row < asked) {
            self.0.remove(&col);
        }
    }
}

/// A merged region's value, held while it is copied into the cells below it.
enum Filled {
    Text(String),
    Date(f64),
    Number(f64),
}

fn text_cell(s: &str) -> Cell<'_> {
    if super::value::trim(s).is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_after_the_digits_is_read_with_the_number_held() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Unit(u)) => Some(u.show(n)),
            _ => None,
        };
        assert_eq!(show("0\"亿\"", 3.0).as_deref(), Some("3亿"));
        assert_eq!(show("0.00\"亿元\"", 3.256).as_deref(), Some("3.256亿元"));
        assert_eq!(show("00\"亿元\"", 3.5).as_deref(), Some("3.5亿元"));
        assert_eq!(show("#,##0\"元\"", 5000.0).as_deref(), Some("5000元"));
        assert_eq!(show("0.00 \"万元\"", 0.1).as_deref(), Some("0.1万元"));
        assert_eq!(show("0.0万元", 12.0).as_deref(), Some("12万元"));
        assert_eq!(show("0\\亿", 2.0).as_deref(), Some("2亿"));
        assert_eq!(
            show("[Red]0\"亿\";[Red]-0\"亿\"", -2.0).as_deref(),
            Some("-2亿")
        );
        assert_eq!(show("0\"%\"", 12.0).as_deref(), Some("12%"));
        // General (Excel's and WPS's names), an accounting format's fill and spaces, a colour
        // named in Chinese.
        assert_eq!(show("G/通用格式\"亿元\"", 3.0).as_deref(), Some("3亿元"));
        assert_eq!(show("General\"万元\"", 3.0).as_deref(), Some("3万元"));
        let accounting =
            "_ * #,##0.00\"亿元\"_ ;_ * -#,##0.00\"亿元\"_ ;_ * \"-\"??\"亿元\"_ ;_ @_ ";
        assert_eq!(show(accounting, 2.0).as_deref(), Some("2亿元"));
        assert_eq!(show("#,##0.00_ \"亿元\"", 2.0).as_deref(), Some("2亿元"));
        assert_eq!(show("[红色]0\"亿\"", 4.0).as_deref(), Some("4亿"));
        // Shown in Chinese numerals (三.二六亿元, 伍仟元): the number held, with its unit.
        assert_eq!(
            show("[DBNum1][$-804]0.00\"亿元\"", 3.256).as_deref(),
            Some("3.256亿元")
        );
        assert_eq!(
            show("[DBNum2][$-804]G/通用格式\"元\"", 5000.0).as_deref(),
            Some("5000元")
        );
        assert_eq!(show("[DBNum1]#,##0\"千元\"", 5.0).as_deref(), Some("5千元"));
        // Not units: a code's text, a percent format, a currency, text, a condition, a unit of
        // no amount, thousands divided away (`Scaled`'s).
        for code in [
            "0000\"号\"",
            "0%",
            "\"¥\"0.00",
            "@\"亿\"",
            "[<1]0\"亿\"",
            "0\"亿美元\"",
            "0.0,\"万\"",
            "Generally\"亿\"",
        ] {
            assert_eq!(show(code, 3.0), None, "{code}");
        }
    }

    #[test]
    fn a_literal_point_divides_the_number_held_by_its_places() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Scaled(s)) => s.show(n),
            _ => None,
        };
        assert_eq!(show("0!.0000", 123456.0).as_deref(), Some("12.3456"));
        assert_eq!(show("0\".\"0000", 123456.0).as_deref(), Some("12.3456"));
        assert_eq!(show("0\\.0000", 120000.0).as_deref(), Some("12.0000"));
        assert_eq!(show("#,##0!.0000", 123456.7).as_deref(), Some("12.34567"));
        assert_eq!(show("0!.0,\"万\"", 123456.0).as_deref(), Some("12.3456万"));
        assert_eq!(show("0!.0000\"万元\"", 5.0).as_deref(), Some("0.0005万元"));
        assert_eq!(
            show("0!.00,,\"亿\"", 123456789.0).as_deref(),
            Some("1.23456789亿")
        );
        assert_eq!(
            show("[Red]0!.0000;-0!.0000", -50000.0).as_deref(),
            Some("-5.0000")
        );
        // A comma after the digits divides by a thousand, with the number's own point or none:
        // the thousands shown (`#,##0,` of 元, in a table of 千元), or units it shows them in.
        assert_eq!(show("#,##0,", 5000000.0).as_deref(), Some("5000.000"));
        assert_eq!(show("#,##0.0,", 1234.0).as_deref(), Some("1.234"));
        assert_eq!(show("0.0,\"千\"", 123456.0).as_deref(), Some("123.456千"));
        assert_eq!(show("0.0,\"万\"", 123456.0).as_deref(), Some("123.456万"));
        assert_eq!(
            show("#,##0.00,,\"百万\"", 1234567.891).as_deref(),
            Some("1.234567891百万")
        );
        assert_eq!(show("0.00,,", 2500000.0).as_deref(), Some("2.500000"));
        // A month or a code so shown keeps its places: 2024.10 is October's.
        assert_eq!(show("0000!.00", 202410.0).as_deref(), Some("2024.10"));
        // Not so: a point of the number's own alone, a point with no digits after it, a
        // percent, a unit of no amount.
        for code in [
            "0.0000",
            "#,##0",
            "0.00\"万元\"",
            "0!.",
            "0!.00%",
            "0!.0000\"美元\"",
            "0!.0000\"%\"",
            "!.00",
        ] {
            assert_eq!(Scaled::of(code), None, "{code}");
        }
    }

    #[test]
    fn a_section_chosen_by_its_condition_shows_the_number() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Conditional(c)) => c.show(n),
            _ => None,
        };
        let code = "[>=10000]0!.0000\"万元\";0\"元\"";
        assert_eq!(show(code, 123456.0).as_deref(), Some("12.3456万元"));
        assert_eq!(show(code, 5000.0).as_deref(), Some("5000元"));
        let code = "[>=100000000]0!.00,,\"亿\";[>=10000]0!.0,\"万\";0";
        assert_eq!(show(code, 123456789.0).as_deref(), Some("1.23456789亿"));
        assert_eq!(show(code, 123456.0).as_deref(), Some("12.3456万"));
        // (The third section shows the number held.)
        assert_eq!(show(code, 50.0), None);
        assert_eq!(show("[<1]0%;0.00", 0.85).as_deref(), Some("85%"));
        assert_eq!(show("[<1]0%;0.00", 5.0), None);
        // A section's own minus sign is the number's.
        let code = "[>=10000]0!.0000\"万元\";[<0]-0!.0000\"万元\";0\"元\"";
        assert_eq!(show(code, -50000.0).as_deref(), Some("-5.0000万元"));
        assert_eq!(show("[Red][<=-1]0\"亿\";0", -2.0).as_deref(), Some("-2亿"));
        // Not conditional: a first section of none.
        assert_eq!(Conditional::of("0;[<0]0"), None);
        assert_eq!(Conditional::of("[Red]0\"亿\""), None);
    }

    #[test]
    fn codes_padded_with_zeros_show_as_text() {
        let show = |code: &str, n: f64| Padded::of(code).and_then(|p| p.show(n));
        assert_eq!(show("000", 1.0).as_deref(), Some("001"));
        assert_eq!(show("000", 1234.0).as_deref(), Some("1234"));
        assert_eq!(show("#000", 7.0).as_deref(), Some("007"));
        assert_eq!(show("\"XM\"0000", 12.0).as_deref(), Some("XM0012"));
        assert_eq!(show("\\P000", 4.0).as_deref(), Some("P004"));
        assert_eq!(show("0000\"号\"", 5.0).as_deref(), Some("0005号"));
        assert_eq!(show("\"JC2024-\"000", 2.0).as_deref(), Some("JC2024-002"));
        // Text between groups of placeholders: the last groups take their digits first.
        assert_eq!(
            show("0000\"-\"0000", 20240012.0).as_deref(),
            Some("2024-0012")
        );
        assert_eq!(show("0000\\-0000", 12.0).as_deref(), Some("0000-0012"));
        assert_eq!(
            show("0\"-\"00\"-\"00", 1234567.0).as_deref(),
            Some("123-45-67")
        );
        assert_eq!(show("###\"-\"0000", 12.0).as_deref(), Some("-0012"));
        assert_eq!(show("000;-000", 3.0).as_deref(), Some("003"));
        // Not whole, not above zero: as General shows them.
        assert_eq!(show("000", 1.5), None);
        assert_eq!(show("000", 0.0).as_deref(), Some("000"));
        assert_eq!(show("000;-000", 0.0).as_deref(), Some("000"));
        assert_eq!(show("000;-000;\"-\"", 0.0), None);
        assert_eq!(show("000", -1.0), None);
        // Not codes: amounts, percents, dates, thousands, one zero, text.
        for code in [
            "General",
            "0",
            "0.00",
            "#,##0",
            "0%",
            "000.0",
            "yyyy-mm-dd",
            "0\"万元\"",
            "@",
            "[Red]000",
            "00 0",
        ] {
            assert_eq!(Padded::of(code), None, "{code}");
        }
    }

    #[test]
    fn percents_show_as_text() {
        let show = |code: &str, n: f64| Percent::of(code).and_then(|p| p.show(n));
        assert_eq!(show("0%", 0.85).as_deref(), Some("85%"));
        assert_eq!(show("0.00%", 0.85).as_deref(), Some("85.00%"));
        assert_eq!(show("0.0%", 0.1234).as_deref(), Some("12.3%"));
        assert_eq!(show("0%", 1.0).as_deref(), Some("100%"));
        assert_eq!(show("0%", 0.0).as_deref(), Some("0%"));
        // Half away from zero, of what a spreadsheet holds to 15 digits (0.855 is a hair below
        // as a float).
        assert_eq!(show("0%", 0.855).as_deref(), Some("86%"));
        assert_eq!(show("0%", 0.845).as_deref(), Some("85%"));
        assert_eq!(show("0%", -0.125).as_deref(), Some("-13%"));
        // As Excel shows it: the sign of what rounds to zero kept.
        assert_eq!(show("0%", -0.001).as_deref(), Some("-0%"));
        assert_eq!(show("#,##0%", 123.456).as_deref(), Some("12,346%"));
        assert_eq!(show("#,##0.0%", -1234.5).as_deref(), Some("-123,450.0%"));
        assert_eq!(show("00%", 0.05).as_deref(), Some("05%"));
        assert_eq!(show("#%", 0.5).as_deref(), Some("50%"));
        assert_eq!(show("0%", 1e300), None);
        // Sections for below zero and zero, colours and spaces.
        assert_eq!(show("0.0%;[Red]-0.0%", -0.123).as_deref(), Some("-12.3%"));
        assert_eq!(show("0.0%;[Red]0.0%", -0.123).as_deref(), Some("12.3%"));
        assert_eq!(show("0%;-0.0%", -0.123).as_deref(), Some("-12.3%"));
        assert_eq!(show("[Blue]0%_);[Red]-0%_)", 0.5).as_deref(), Some("50%"));
        assert_eq!(
            show("[Color10]0%;[$-804]-0%", -0.5).as_deref(),
            Some("-50%")
        );
        assert_eq!(show("0%;-0%;0%", 0.0).as_deref(), Some("0%"));
        assert_eq!(show("0.0%;-0.0%;0%", 0.0).as_deref(), Some("0%"));
        assert_eq!(show("0%;-0%;\"-\"", 0.0).as_deref(), Some("-"));
        assert_eq!(show("0%;-0%;;@", 0.0).as_deref(), Some(""));
        assert_eq!(show("0%;-0%;\"-\"", 0.25).as_deref(), Some("25%"));
        assert_eq!(show("0%;-0%;\"-\"", -0.001).as_deref(), Some("-0%"));
        for code in [
            "0",
            "%",
            "0.#%",
            "\"完成\"0%",
            "0.00",
            "0%\"\"",
            "[<0.5]0%",
            "0%;(0%)",
            "0%;[Red",
            "0%;-0%;\"零\"0",
            // A thousand's divisor, a point alone, a currency.
            "0,%",
            "#,##0,%",
            "0.%",
            "[$¥-804]0%",
        ] {
            assert_eq!(Percent::of(code), None, "{code}");
        }
        // In Chinese numerals (八十五%): the percent held.
        assert_eq!(show("[DBNum1]0%", 0.85).as_deref(), Some("85%"));
        // Either kind, by its code; other formats are not applied.
        assert!(matches!(Shown::of("0.00%"), Some(Shown::Percent(_))));
        assert!(matches!(Shown::of("000"), Some(Shown::Padded(_))));
        assert_eq!(Shown::of("#,##0.00"), None);
    }

    #[test]
    fn dates_read_as_shown() {
        let cases = [
            (45473.0, "2024-06-30"),
            (45473.5, "2024-06-30 12:00"),
            (45473.0 + 3661.0 / 86400.0, "2024-06-30 01:01:01"),
            // Rounded to the second: a hair before midnight is the next day.
            (45473.99999999, "2024-07-01"),
            (0.75, "18:00"),
            (0.0, "00:00"),
            (1.0, "1900-01-01"),
            // Excel's 1900-02-29, which never was, and days before 1900: the serial.
            (60.0, "60"),
            (-1.5, "-1.5"),
        ];
        for (serial, shown) in cases {
            assert_eq!(date_text(serial), shown, "{serial}");
        }
    }

    #[test]
    fn sheet_names_naming_months() {
        for name in [
            "2024-06",
            "2024年6月",
            "6月",
            "06月份",
            "十二月",
            " 1月 ",
            "202406",
        ] {
            assert!(names_a_month(name), "{name}");
        }
        for name in ["Sheet1", "汇总", "13月", "月", "1-6月", "填表说明", "100月"] {
            assert!(!names_a_month(name), "{name}");
        }
    }

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        let cases = [
            (12.1 + 0.2, "12.3"),
            (0.1 + 0.2, "0.3"),
            (-(0.1 + 0.2), "-0.3"),
            (9051.2 + 0.1, "9051.3"),
            (1234.5, "1234.5"),
            (1001.0, "1001"),
            (0.000_123, "0.000123"),
            (0.123_456_789_012_345, "0.123456789012345"),
            (1e20, "100000000000000000000"),
            (1.234_567_890_123_456_7e17, "123456789012346000"),
            // Whole numbers a float holds exactly keep every digit (two ids 1 apart were one).
            (2_024_320_500_012_311.0, "2024320500012311"),
            (9_007_199_254_740_991.0, "9007199254740991"),
            (9_007_199_254_740_993.0, "9007199254740990"),
        ];
        for (n, text) in cases {
            assert_eq!(number_text(n), text, "{n:?}");
        }
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    proptest::proptest! {
        /// A number typed in a cell (15 significant digits at most) reads back as itself.
        #[test]
        fn typed_numbers_read_as_typed(digits in 0i64..1_000_000_000_000_000, places in 0u32..12) {
            let n: f64 = format!("{digits}e-{places}").parse().unwrap();
            proptest::prop_assert_eq!(number_text(n).parse::<f64>().unwrap(), n);
        }

        /// Any number reads as at most 15 significant digits, a step of rounding from it.
        #[test]
        fn any_number_reads_to_fifteen_digits(n in -1e18f64..1e18) {
            let text = number_text(n);
            let whole = n.fract() == 0.0 && n.abs() < EXACT_WHOLE;
            proptest::prop_assert!(
                significant_digits(&text) <= 15 || whole,
                "{} for {:?}",
                text,
                n
            );
            let back: f64 = text.parse().unwrap();
            proptest::prop_assert!((back - n).abs() <= n.abs() * 1e-14, "{} for {:?}", text, n);
        }
    }

    fn text(s: &str) -> Cell<'_> {
        Cell::Text(s)
    }

    /// Cells as a test shows them: `Text("b3")`, `Number(6.0)`, `Empty`.
    fn shown(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(|c| format!("{c:?}")).collect()
    }

    /// (line, cells shown) of every row the grid hands out for a sheet.
    fn handed_out(sheet: Sheet) -> Vec<(u64, Vec<String>)> {
        let mut opened = Opened::Workbook(sheet.rows());
        let mut grid = opened.grid();
        let mut row = Row::default();
        let mut out = Vec::new();
        while grid.read_into(&mut row) {
            let cells: Vec<Cell> = row
                .iter()
                .map(|c| match c {
                    CellRef::Text(t) => text(t),
                    CellRef::Empty => Cell::Empty,
                    CellRef::Number(n) => Cell::Number(n),
                    CellRef::Date(n) => Cell::Date(n),
                    CellRef::Unworked => Cell::Unworked,
                })
                .collect();
            out.push((row.line, shown(&cells)));
        }
        out
    }

    #[test]
    fn a_row_holds_its_texts_in_one_buffer_and_hands_each_back() {
        let mut row = Typed::default();
        let cells = [
            text("项目编号"),
            Cell::Empty,
            Cell::Number(1234.5),
            text(" 在建 "),
            Cell::Date(45444.0),
            text("x"),
        ];
        for cell in cells {
            row.push(cell).unwrap();
        }
        assert_eq!(row.iter().collect::<Vec<_>>(), cells);
        // A place set again: the later value, wherever it is; the row made wide enough.
        row.set(1, text("later")).unwrap();
        row.set(8, Cell::Number(2.0)).unwrap();
        assert_eq!(row.get(1), Some(text("later")));
        assert_eq!(row.get(7), Some(Cell::Empty));
        assert_eq!(row.get(8), Some(Cell::Number(2.0)));
        assert_eq!(row.get(9), None);
        assert_eq!(row.get(0), Some(text("项目编号")));
        // Texts written over again and again: the row holds about what its cells hold.
        let mut again = Typed::default();
        for i in 0..10_000 {
            again.set(0, text(&"a".repeat(1000))).unwrap();
            again.set(1, text(&format!("{i}"))).unwrap();
            again.set(2, Cell::Number(f64::from(i))).unwrap();
        }
        assert!(again.text.len() <= 2 * 1004 + 4096, "{}", again.text.len());
        let kept: Vec<Cell> = again.iter().collect();
        assert_eq!(
            kept,
            [text(&"a".repeat(1000)), text("9999"), Cell::Number(9999.0)]
        );
        // A workbook row hands its cells out trimmed.
        let row = Row::typed(3, row);
        assert_eq!(row.cell(4), CellRef::Text("在建"));
        assert_eq!(row.width(), 9);
    }

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

    #[test]
    fn a_sheet_hands_out_every_row_from_its_first_value_to_its_last() {
        let mut sheet = Sheet::default();
        sheet.put((2, 1), text("b3")).unwrap();
        sheet.put((5, 0), Cell::Number(6.0)).unwrap();
        // Spaces alone are empty, but still make their row part of the sheet.
        sheet.put((7, 2), Cell::Empty).unwrap();
        let rows = handed_out(sheet);
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8]);
        assert_eq!(rows[0].1, shown(&[Cell::Empty, text("b3")]));
        assert_eq!(rows[1].1, shown(&[]));
        assert_eq!(rows[3].1, shown(&[Cell::Number(6.0)]));
        assert_eq!(rows[5].1, shown(&[Cell::Empty, Cell::Empty, Cell::Empty]));
    }

    #[test]
    fn cells_in_any_order_make_the_rows_they_make_in_order() {
        let cells = [
            ((0, 0), "a1"),
            ((0, 2), "c1"),
            ((1, 1), "b2"),
            ((4, 0), "a5"),
            ((4, 3), "d5"),
        ];
        let mut in_order = Sheet::default();
        for (at, t) in cells {
            in_order.put(at, text(t)).unwrap();
        }
        let mut reversed = Sheet::default();
        for (at, t) in cells.iter().rev() {
            reversed.put(*at, text(t)).unwrap();
        }
        assert_eq!(handed_out(reversed), handed_out(in_order));
    }

    #[test]
    fn a_later_value_at_the_same_place_wins() {
        let mut sheet = Sheet::default();
        sheet.put((0, 0), text("first")).unwrap();
        sheet.put((1, 0), text("next row")).unwrap();
        sheet.put((0, 0), text("second")).unwrap();
        assert_eq!(handed_out(sheet)[0].1, shown(&[text("second")]));
    }

    #[test]
    fn a_value_at_the_last_cell_of_a_sheet_costs_one_wide_row() {
        let mut sheet = Sheet::default();
        sheet.put((0, 0), text("a1")).unwrap();
        sheet
            .put((Sheet::ROWS - 1, Sheet::COLUMNS - 1), text("far"))
            .unwrap();
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.held, 1 + Sheet::COLUMNS as usize);
        let rows = handed_out(sheet);
        assert_eq!(rows.len(), Sheet::ROWS as usize);
        assert_eq!(rows.last().map(|r| r.0), Some(u64::from(Sheet::ROWS)));
    }

    #[test]
    fn cells_beyond_excels_last_row_or_column_are_refused() {
        let mut sheet = Sheet::default();
        let far_down = sheet.put((Sheet::ROWS, 0), text("x"));
        assert_eq!(far_down, Err(Refused::Beyond(Sheet::ROWS, 0)));
        let far_right = sheet.put((3, Sheet::COLUMNS), text("x"));
        assert_eq!(far_right, Err(Refused::Beyond(3, Sheet::COLUMNS)));
        let finding = Refused::Beyond(3, Sheet::COLUMNS).finding("a.xlsx", "Sheet1");
        assert!(
            finding.message.contains("columns beyond XFD"),
            "{finding:?}"
        );
        let finding = Refused::Beyond(Sheet::ROWS, 0).finding("a.xlsx", "Sheet1");
        assert!(
            finding.message.contains("rows beyond 1048576"),
            "{finding:?}"
        );
    }

    #[test]
    fn a_text_past_what_a_place_reaches_makes_the_row_overfull() {
        let most = u32::MAX as usize;
        assert!(matches!(span(0, 0), Ok((0, 0))));
        assert!(matches!(span(most - 3, 3), Ok((s, e)) if s as usize == most - 3 && e == u32::MAX));
        assert!(span(most - 3, 4).is_err());
        assert!(span(most + 1, 0).is_err());
        assert!(span(usize::MAX, 1).is_err());
        let finding = Refused::Overfull(41).finding("a.xlsx", "Sheet1");
        assert_eq!(finding.line, Some(42));
        assert!(
            finding
                .message
                .contains("more text in this row than xmtool can hold")
        );
    }

    #[test]
    fn a_new_row_takes_the_room_of_the_row_above_up_to_a_tables_and_the_row_above_lets_go_of_the_rest()
     {
        let long = "长".repeat(1000);
        let mut sheet = Sheet::default();
        // A wide row of long texts, then a table's rows of two short cells.
        for col in 0..200 {
            sheet.put((0, col), text(&long)).unwrap();
        }
        sheet.put((1, 0), text("P1")).unwrap();
        let below_wide = &sheet.rows[1].1;
        assert!(
            below_wide.cells.capacity() <= 64,
            "{}",
            below_wide.cells.capacity()
        );
        assert!(
            below_wide.text.capacity() <= 1024,
            "{}",
            below_wide.text.capacity()
        );
        sheet.put((1, 1), text("在建")).unwrap();
        // The wide row, finished, used its room: kept as it is.
        let wide = &sheet.rows[0].1;
        assert_eq!((wide.len(), wide.text_len()), (200, 200 * long.len()));
        // The next row takes as much as the one above took, and that one, finished, lets go
        // of what it did not use.
        sheet.put((2, 0), text("P2")).unwrap();
        let above = &sheet.rows[1].1;
        assert!(
            above.cells.capacity() <= 2 * above.len(),
            "{}",
            above.cells.capacity()
        );
        assert!(
            above.text.capacity() <= 2 * above.text_len(),
            "{}",
            above.text.capacity()
        );
        let next = &sheet.rows[2].1;
        assert!(next.cells.capacity() >= 2 && next.text.capacity() >= 8);
        let rows = handed_out(sheet);
        assert_eq!(rows[1].1, shown(&[text("P1"), text("在建")]));
        assert_eq!(rows[2].1, shown(&[text("P2")]));
    }

    #[test]
    fn values_scattered_far_to_the_right_are_refused_before_they_take_much_memory() {
        let mut sheet = Sheet::default();
        let far = Sheet::COLUMNS - 1;
        let refused = (0..Sheet::ROWS)
            .find_map(|row| sheet.put((row, far), text("x")).err())
            .expect("refused");
        let Refused::Scattered(row, _) = refused else {
            panic!("{refused:?}");
        };
        // Hundreds of such rows still read; the cells held stay near the slack.
        assert!(row > 500, "{row}");
        assert!(sheet.held <= Sheet::SLACK + 4 * sheet.given + Sheet::COLUMNS as usize);
    }
}
