//! A file as a grid of cells with their line numbers, whether it was CSV text or a workbook.
//!
//! This is the only place that reads delimited text (by way of `split`) and workbooks (the
//! calamine crate); what comes out is the same for both, so the rest of loading reads one shape.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};

use super::decode::decode;
use super::split::{Blocks, Delimiter, Record, Splitter};
use crate::finding::Finding;

/// One cell of a workbook as the file holds it: text, a typed number, or a date (as an Excel
/// serial). Rows hand cells out as `CellRef`.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(f64),
}

/// The shortest text that reads back as the same float, without an exponent for ordinary
/// amounts: 1234.5, 1001, 0.1.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
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
}

impl<'a> CellRef<'a> {
    /// The cell as text, the way a spreadsheet shows it in General format.
    pub fn text(self) -> Cow<'a, str> {
        match self {
            CellRef::Empty => Cow::Borrowed(""),
            CellRef::Text(s) => Cow::Borrowed(s),
            CellRef::Number(n) | CellRef::Date(n) => Cow::Owned(number_text(n)),
        }
    }

    pub fn is_empty(self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(s) => s.is_empty(),
            _ => false,
        }
    }

    fn of(cell: &'a Cell) -> CellRef<'a> {
        match cell {
            Cell::Empty => CellRef::Empty,
            Cell::Text(s) => CellRef::Text(super::value::trim(s)),
            Cell::Number(n) => CellRef::Number(*n),
            Cell::Date(n) => CellRef::Date(*n),
        }
    }

    /// A field of delimited text: `="007"` is the text 007, blank is empty.
    fn of_field(field: &'a str) -> CellRef<'a> {
        let t = super::value::trim(field);
        if t.is_empty() {
            CellRef::Empty
        } else {
            CellRef::Text(excel_text(t).map_or(t, super::value::trim))
        }
    }
}

/// The cells of a row: a CSV record kept whole (one buffer, not a string per cell), or a
/// workbook's typed cells.
#[derive(Clone, Debug)]
enum Cells {
    Record(Record),
    Typed(Vec<Cell>),
}

/// One row: its 1-based line (CSV) or row number (sheet), and its cells.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    cells: Cells,
}

impl Row {
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

    /// The cell in a 1-based column of a row of delimited text, when `cell` would give it as
    /// the file holds it: `Some("")` for an empty cell (or none), `Some(text)` for text with
    /// nothing to trim that is not written `="…"`. `None` for any other cell, and for a
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
            || (super::value::trim(field).len() == field.len() && !field.starts_with("=\""));
        plain.then_some(field)
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

    pub fn is_blank(&self) -> bool {
        self.iter().all(CellRef::is_empty)
    }

    /// How many cells up to the last non-empty one.
    pub fn width(&self) -> usize {
        (1..=self.len())
            .rev()
            .find(|&c| !self.cell(c).is_empty())
            .unwrap_or(0)
    }
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
                rows: Rows::Workbook(rows.drain(..)),
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
    Workbook(std::vec::Drain<'a, Row>),
}

impl Grid<'_> {
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
            Rows::Workbook(rows) => match rows.next() {
                Some(r) => {
                    *row = r;
                    true
                }
                None => false,
            },
        }
    }
}

/// What kind of file a name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Delimited,
    Workbook,
}

impl FileKind {
    /// The kind from a file's extension, if xmtool reads such files.
    pub fn from_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(FileKind::Delimited),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(FileKind::Workbook),
            _ => None,
        }
    }
}

/// Opens a file's bytes for reading. Problems (undecodable bytes, a damaged workbook, a missing
/// sheet) become findings and give `None`.
pub fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    kind: FileKind,
    sheet: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<Opened<'a>> {
    match kind {
        FileKind::Delimited if is_workbook(bytes) => {
            findings.push(Finding::note(
                file,
                "is a workbook despite its name; read as one (rename it to .xlsx to avoid confusion)",
            ));
            read_workbook(file, bytes, sheet, findings).map(Opened::Workbook)
        }
        FileKind::Delimited => match decode(bytes) {
            Ok(d) => Some(Opened::Text(d.text)),
            Err(e) => {
                findings.push(e.finding(file));
                None
            }
        },
        FileKind::Workbook => read_workbook(file, bytes, sheet, findings).map(Opened::Workbook),
    }
}

/// Whether bytes start as a workbook's do: a zip (.xlsx) or an old Excel file (.xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Reads a file's bytes into rows, all at once (for tests and fuzzing; loading streams them).
pub fn read(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
    sheet: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut opened = open(file, bytes, kind, sheet, findings)?;
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

/// Reads a workbook, guarding against a panic in the workbook reader on damaged files: whatever
/// the bytes, xmtool reports a finding rather than crashing.
fn read_workbook(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut inner = Vec::new();
    quiet_panics_in_workbooks();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook_unguarded(file, bytes, sheet, &mut inner)
    }));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(grid) => {
            findings.extend(inner);
            grid
        }
        Err(_) => {
            findings.push(Finding::error(
                file,
                "cannot read as a workbook: it is damaged (expected an .xlsx file saved by Excel or WPS)",
            ));
            None
        }
    }
}

fn read_workbook_unguarded(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<Vec<Row>> {
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            findings.push(Finding::error(
                file,
                format!(
                    "cannot read as a workbook: {e} (expected an .xlsx file saved by Excel or WPS)"
                ),
            ));
            return None;
        }
    };
    let names = book.sheet_names();
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
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                findings.push(Finding::error(file, "has no sheets"));
                return None;
            }
        },
    };
    let range = match book.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            findings.push(Finding::error(
                file,
                format!("cannot read sheet \"{name}\": {e}"),
            ));
            return None;
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    // Excel's last column is XFD (16384); a sheet that claims to start beyond it is damaged.
    if first_col > 16_384 || range.width() > 16_384 {
        findings.push(Finding::error(
            file,
            format!("sheet \"{name}\" is damaged: it claims columns beyond XFD, Excel's last"),
        ));
        return None;
    }
    let mut rows = Vec::with_capacity(range.height());
    for (i, data) in range.rows().enumerate() {
        // Columns left of the used range are empty; keep column numbers as Excel shows them.
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(data.iter().map(cell_of));
        rows.push(Row {
            line: u64::from(first_row) + i as u64 + 1,
            cells: Cells::Typed(cells),
        });
    }
    Some(rows)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if super::value::trim(s).is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("{e}")),
    }
}
