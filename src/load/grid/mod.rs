//! A file as a grid of cells with their line numbers, whether it was CSV text or a workbook.
//!
//! This is the only place that reads delimited text (by way of `split`) and workbooks (the
//! calamine crate); what comes out is the same for both, so the rest of loading reads one shape.
//!
//! Here are the cells and rows both give, and the reading of delimited text. A workbook is read in
//! `workbook`, with the sheet it reads chosen in `which_sheet`, its cells gathered into rows in
//! `sheet`, the number formats it reads as shown in `number_format`, and its guards against
//! damaged or hostile files in `guards`.

mod guards;
mod number_format;
mod sheet;
mod which_sheet;
mod workbook;

use std::borrow::Cow;

use super::decode::{Damaged, Decoded, HEAD, ZeroTail, decode_mending};
use super::header::Field;
use super::split::{Blocks, Delimiter, Record, Splitter};
use crate::finding::Finding;
use workbook::read_workbook;

pub use guards::laid_out_bytes;
pub(super) use workbook::read_workbook_here;

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
    /// The 1-based columns of a registry row whose cells held undecodable bytes where a value
    /// (an amount, a month) or a group's name (a district) is read, said as an error as the row
    /// was read (`Table::undamaged`): no value is read from them, nor said wrong again.
    pub damaged: Vec<usize>,
}

impl Row {
    /// A workbook's row: its 1-based line and its cells from column A.
    pub(super) fn typed(line: u64, cells: Typed) -> Row {
        Row {
            line,
            cells: Cells::Typed(cells),
            damaged: Vec::new(),
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
    #[inline]
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
            damaged: Vec::new(),
        }
    }
}

/// A file opened for reading: its text, decoded, or a workbook's rows.
pub enum Opened<'a> {
    /// Its text, and where bytes in it were read as `�` (`decode_mending`).
    Text(Cow<'a, str>, Vec<Damaged>),
    /// Text too large to hold at once: its first block, and the blocks to come.
    Stream(String, &'a mut dyn Blocks),
    Workbook(Book),
}

/// A workbook's sheet as read: its rows, and whether the workbook counts its dates from 1904.
#[derive(Debug, Default)]
pub struct Book {
    pub rows: Vec<Row>,
    /// Whether the workbook is kept in the 1904 date system (as Excel for Mac once made them),
    /// where a date serial counts 1462 days fewer than in the 1900 one: its date cells are made
    /// 1900 serials as they are read, but a serial in a General-formatted cell is only a number
    /// until a month column reads it (`rows::month_of_cell`).
    pub date1904: bool,
}

impl Opened<'_> {
    /// The file's rows, to be read one at a time.
    pub fn grid(&mut self) -> Grid<'_> {
        match self {
            Opened::Text(text, damaged) => {
                let delimiter = Delimiter::sniff(text);
                Grid {
                    rows: Rows::Delimited(Splitter::new(text, delimiter)),
                    delimited: true,
                    date1904: false,
                    damaged: std::mem::take(damaged).into(),
                }
            }
            Opened::Stream(first, more) => {
                let delimiter = Delimiter::sniff(first);
                let text = Cow::Owned(std::mem::take(first));
                Grid {
                    rows: Rows::Delimited(Splitter::streaming(text, Some(&mut **more), delimiter)),
                    delimited: true,
                    date1904: false,
                    damaged: Default::default(),
                }
            }
            Opened::Workbook(Book { rows, date1904 }) => Grid {
                rows: Rows::Workbook {
                    next_line: rows.first().map_or(0, |r| r.line),
                    rows: rows.drain(..).peekable(),
                },
                delimited: false,
                date1904: *date1904,
                damaged: Default::default(),
            },
        }
    }
}

/// A file's rows, read one at a time: a CSV file is never held as rows, only as its text.
pub struct Grid<'a> {
    rows: Rows<'a>,
    /// Whether rows come from delimited text (so ragged rows are possible).
    pub delimited: bool,
    /// Whether they come from a workbook kept in the 1904 date system (`Book::date1904`).
    pub date1904: bool,
    /// Where bytes of the text were read as `�`, in order, those of the rows not yet read
    /// (`Table::next_row` takes them as it reads the rows they are in).
    pub damaged: std::collections::VecDeque<Damaged>,
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
                let read = splitter.read(record);
                // (Text read a block at a time: the places in its rows read so far.)
                splitter.take_damaged(&mut self.damaged);
                match read {
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
                        damaged: Vec::new(),
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
        crate::finding::listed(&all, "or")
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
                findings.push(zero_tail_at(file, tail.zeros, None));
                return None;
            }
            let bytes = tail.map_or(bytes, |t| &bytes[..t.line_start]);
            let (text, damaged) = match decode_mending(bytes) {
                Ok(d) => {
                    findings.extend(d.utf8_runs.iter().map(|run| run.finding(file)));
                    (d.text, d.damaged)
                }
                Err(e) => {
                    findings.push(e.finding(file));
                    return None;
                }
            };
            if let Some(tail) = tail {
                findings.push(zero_tail_at(file, tail.zeros, Some(line_ending(&text))));
            }
            if starts_with_a_tag(&text) {
                findings.push(Finding::error(file, MARKUP_NAMED_CSV));
                return None;
            }
            Some(Opened::Text(text, damaged))
        }
        FileKind::Workbook if !is_workbook(bytes) => match text_by_a_workbooks_name(bytes) {
            Some(NamedWorkbook::Table(decoded)) => {
                findings.push(Finding::note(
                    file,
                    "is text, not a workbook, despite its name (as some systems export \
                     tables); read as delimited text (save it as .xlsx, or rename it to .csv, \
                     to avoid confusion)",
                ));
                findings.extend(decoded.utf8_runs.iter().map(|run| run.finding(file)));
                Some(Opened::Text(decoded.text, decoded.damaged))
            }
            Some(NamedWorkbook::Joined(e)) => {
                findings.push(e.finding(file));
                None
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
/// begin in (`None`: the first), placed there: about the file as a whole, so of its month as
/// its other findings of the whole are (`Finding::of_the_file`). (Where in the line, as a
/// column, is not known: the zeros are cut off before the line is split into cells.)
pub(crate) fn zero_tail_at(file: &str, zeros: usize, line: Option<usize>) -> Finding {
    let at = line.map_or(1, |line| u64::try_from(line).unwrap_or(u64::MAX));
    Finding::error(file, zero_tail(zeros, line))
        .at(at, None)
        .of_the_file()
}

/// `zero_tail_at`'s message.
fn zero_tail(zeros: usize, line: Option<usize>) -> String {
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
    /// Delimited text (tab-separated, most often), decoded as a `.csv` is (a damaged cell
    /// mended).
    Table(Decoded<'a>),
    /// A web page's table or an Excel 2003 XML spreadsheet.
    Markup,
    /// Delimited text of a UTF-8 file and a GBK one joined (`Undecodable::then_gbk`).
    Joined(super::decode::Undecodable),
}

/// What the bytes of a file named as a workbook, which do not start as one, are, if they are
/// text: markup (starting with `<`), or a table (a tab or comma in its first lines, and no
/// control characters in its first 65,536 characters, as binary bytes would have). `None` for anything
/// else: a damaged workbook, to be named as one.
fn text_by_a_workbooks_name(bytes: &[u8]) -> Option<NamedWorkbook<'_>> {
    let decoded = match decode_mending(bytes) {
        Ok(decoded) => decoded,
        // (Text all the same, of two files joined: said as of a `.csv`.)
        Err(e) if e.then_gbk => return Some(NamedWorkbook::Joined(e)),
        Err(_) => return None,
    };
    let text = &decoded.text;
    if starts_with_a_tag(text) {
        return Some(NamedWorkbook::Markup);
    }
    let binary = text
        .chars()
        .take(64 << 10)
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    let delimited = text.lines().take(10).any(|l| l.contains(['\t', ',']));
    (!binary && delimited).then_some(NamedWorkbook::Table(decoded))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    pub(super) fn text(s: &str) -> Cell<'_> {
        Cell::Text(s)
    }

    /// Cells as a test shows them: `Text("b3")`, `Number(6.0)`, `Empty`.
    pub(super) fn shown(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(|c| format!("{c:?}")).collect()
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
}
