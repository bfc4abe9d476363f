//! A sheet's cells, as calamine gives them and in whatever order, gathered into rows: only rows
//! with a value held, cells merged down over rows given their region's value, a project's rows
//! merged down joined into one. A sheet too damaged or scattered to hold (cells beyond Excel's
//! last, values far apart, a row of more than 4 GiB of text) is refused (`Refused`), and cells
//! given twice with different values are named.

use calamine::Data;

use super::{Cell, LAST_ROW, Overfull, Row, Typed, number_text};
use crate::finding::Finding;
use crate::load::header::{Field, HeaderMatcher};
use crate::load::{table, value};

/// A sheet's rows as its cells are read, in whatever order the file gives them (a later value
/// at the same place wins). A row holds its cells from column A to its last value; only rows
/// with a value are held, and the grid makes the blank rows between as it hands rows out. So a
/// stray value at XFD1048576 costs one wide row, not a grid of a million rows by 16,384 columns.
#[derive(Default)]
pub(super) struct Sheet {
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
pub(super) enum Refused {
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
    pub(super) fn finding(&self, file: &str, sheet: &str) -> Finding {
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
    pub(super) fn take_all<'a, E: std::fmt::Display>(
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
    pub(super) fn given_twice(&self, file: &str, sheet: &str) -> Option<Finding> {
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
    pub(super) fn put_ref(
        &mut self,
        at: (u32, u32),
        value: &calamine::DataRef,
    ) -> Result<(), Refused> {
        match value {
            calamine::DataRef::Empty => Ok(()),
            calamine::DataRef::String(s) => self.put(at, text_cell(s)),
            calamine::DataRef::SharedString(s) => self.put(at, text_cell(s)),
            other => self.put_data(at, &Data::from(other.clone())),
        }
    }

    /// Takes a cell of a range, at its 0-based (row, column).
    pub(super) fn put_data(&mut self, at: (u32, u32), data: &Data) -> Result<(), Refused> {
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
    pub(super) fn put(&mut self, (row, col): (u32, u32), cell: Cell) -> Result<(), Refused> {
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
    pub(super) fn fill_merged_down(
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
    pub(super) fn field_above(
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
    pub(super) fn says_a_total(&self, row: u32) -> bool {
        // (Rows are held by their 1-based line.)
        let line = u64::from(row) + 1;
        let at = self.rows.partition_point(|r| r.0 < line);
        self.rows.get(at).is_some_and(|(at, cells)| {
            *at == line
                && cells.iter().take(3).any(|c| match c {
                    Cell::Text(t) => {
                        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                        t.chars().count() <= 6 && table::TOTALS.iter().any(|w| t.contains(w))
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

    pub(super) fn rows(self) -> Vec<Row> {
        let rows = self.rows.into_iter();
        rows.map(|(line, cells)| Row::typed(line, cells)).collect()
    }
}

/// What `Sheet::text_above` found in each column asked about: the 0-based row asked about, and
/// the text nearest above it. A column of amounts merged down, each region asking for its
/// header, is so looked down once, not once a region (100,000 projects took minutes).
#[derive(Default)]
pub(super) struct Above(std::collections::HashMap<u32, (u32, Option<String>)>);

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
    if value::trim(s).is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
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

#[cfg(test)]
mod tests {
    use super::super::tests::{shown, text};
    use super::super::{Book, CellRef, Opened, span};
    use super::*;

    /// (line, cells shown) of every row the grid hands out for a sheet.
    fn handed_out(sheet: Sheet) -> Vec<(u64, Vec<String>)> {
        let mut opened = Opened::Workbook(Book {
            rows: sheet.rows(),
            date1904: false,
        });
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
