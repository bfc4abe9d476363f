//! From a grid to a table: find the header row below any title rows, map its cells to fields,
//! and keep the data rows, leaving out blank rows, 合计 rows and section headings (and saying so).

use std::cmp::Reverse;
use std::collections::VecDeque;
use std::sync::Arc;

use super::grid::{CellRef, Grid, Row, number_text};
use super::header::{
    Field, HeaderMatcher, Unit, amount_unit, amount_units, month_figure_said, normalize,
    not_this_years, plan_year_said, says_a_share, table_unit, unit_named, ytd_said,
};
use super::is_report;
use super::value::is_ideograph;
use crate::finding::{Finding, plural};
use crate::model::{Layout, Nature, Spread};

/// The warning for bytes read as `�` (`decode::Damaged`) in `file` outside its data rows: in a
/// title, the header, or a row left out.
pub(super) fn damaged_outside(file: &str, damaged: &super::decode::Damaged) -> Finding {
    let kept = "the rest of its text is kept";
    Finding::warning(
        file,
        damaged.message("this row, which is no project's", kept),
    )
    .at(damaged.line, damaged.column)
}

/// How far down a header row is looked for.
pub(super) const HEADER_SEARCH_ROWS: usize = 30;

/// A file's recognised header, and its data rows as they are read.
#[derive(Clone, Debug)]
pub struct Table {
    pub layout: Arc<Layout>,
    pub header_line: u64,
    header_len: usize,
    header_width: usize,
    id_col: usize,
    /// The layout's column of each field (0 for none), looked up once a cell, not searched for.
    columns: [usize; Field::ALL.len()],
    /// The year the header of the 年度计划投资 column read names (`2024年计划投资`), if it
    /// names one: worked out once, not for each row.
    pub plan_year_said: Option<i32>,
    /// Rows read below the header while looking for it: the first data rows.
    pending: VecDeque<Row>,
    /// Blank rows left out, noted once the last row is read.
    blank: Vec<u64>,
    /// Rows of zeros and months alone left out (`zeros_alone`), noted so too.
    zeros: Vec<u64>,
    /// The 1-based columns before the header's last with no header (in each of its rows), and
    /// the last with one.
    unheaded: Vec<usize>,
    headed_width: usize,
    /// Values in columns with no header, not read: each column's first place and rows, noted
    /// once the last row is read.
    stray: Vec<(usize, Vec<u64>)>,
    /// The header's row, or its two, as written: a row repeating one below is no data.
    header_rows: Vec<Vec<String>>,
    /// The header rows' names, normalized: a row of them in other columns is a second header.
    header_names: std::collections::HashSet<String>,
    /// Whether a header row's 项目编号 cell begins with a letter (`id`), as most ids do.
    id_header_lettered: bool,
    /// Whether no row below the header has been read yet (a form's 栏次 row comes first).
    first_row: bool,
    /// The cells of the title rows above the header: (line, 1-based column, text).
    pub titles: Vec<(u64, usize, String)>,
    /// The heading rows skipped (一、续建项目（8个）), each with its line, in order.
    pub headings: Vec<(u64, String)>,
    /// Rows a quoted cell took in, as `line_like_a_row` finds them.
    pub swallowed: Vec<Swallowed>,
    /// Data rows not read for undecodable bytes in a cell read for more than its text
    /// (`undamaged`).
    pub damaged_rows: usize,
}

/// Lines that look like rows inside one quoted cell (a quote left open took them in): where the
/// cell is, and the ids those lines give in the 项目编号 column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Swallowed {
    pub file: String,
    /// The cell's line and 1-based column, and its last line.
    pub line: u64,
    pub column: usize,
    pub last_line: u64,
    pub ids: Vec<String>,
}

impl Swallowed {
    /// The rows a quoted cell of a delimited row of `file` (in 1-based `column`, ending on
    /// `last_line`) took in, by the ids they give in the 1-based `id_col`.
    fn of(
        file: &str,
        row: &Row,
        column: usize,
        last_line: u64,
        delimiter: u8,
        id_col: usize,
    ) -> Self {
        let text = row.raw_cell(column).unwrap_or("");
        Swallowed {
            file: file.to_string(),
            line: row.line_of(column),
            column,
            last_line,
            ids: ids_of_rows_in(text, column, delimiter, id_col),
        }
    }
}

impl Table {
    /// The table reading `year`'s plan column for the plan, of a registry whose plan columns
    /// name several years (see `Layout::plans`); `None` where that is the column read already,
    /// or no column names `year` in a unit xmtool converts.
    pub fn with_plan_of(&self, year: i32) -> Option<Table> {
        let layout = &self.layout;
        let mut of_the_year = layout.plans.iter().filter(|(y, ..)| *y == year);
        let &(_, column, factor) = of_the_year.next()?;
        let factor = factor?;
        if self.column(Field::AnnualPlan) == Some(column) {
            return None;
        }
        // (A second column of this year's is a second figure of its plan, compared with it.)
        let doubled = of_the_year.map(|&(_, c, k)| (Field::AnnualPlan, c, k));
        Some(self.reading_plan_from(column, factor, doubled))
    }

    /// The table reading the built-in plan column where the one named under `[aliases]
    /// annual_plan` says nothing (see `Layout::plan_fallback`), if the file has both.
    pub fn with_plan_fallback(&self) -> Option<Table> {
        let (column, factor) = self.layout.plan_fallback?;
        Some(self.reading_plan_from(column, factor, std::iter::empty()))
    }

    /// This table reading the plan from `column`, in a unit `factor` times 万元, with `doubled`
    /// the plan's second figures (no other column's of this table's).
    fn reading_plan_from(
        &self,
        column: usize,
        factor: rust_decimal::Decimal,
        doubled: impl Iterator<Item = (Field, usize, Option<rust_decimal::Decimal>)>,
    ) -> Table {
        // (Its rows' spread, shared, is noted once as the rows are read.)
        let mut layout = Layout::clone(&self.layout);
        layout.scales.retain(|(f, _)| *f != Field::AnnualPlan);
        if factor != rust_decimal::Decimal::ONE {
            layout.scales.push((Field::AnnualPlan, factor));
        }
        for (f, c) in &mut layout.columns {
            if *f == Field::AnnualPlan {
                *c = column;
            }
        }
        layout.doubled.retain(|(f, ..)| *f != Field::AnnualPlan);
        layout.doubled.extend(doubled);
        let mut table = self.clone();
        table.columns[Field::AnnualPlan as usize] = column;
        table.plan_year_said = (layout.headers.get(column - 1)).and_then(|h| plan_year_said(h));
        table.layout = Arc::new(layout);
        table
    }

    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    /// The 1-based column a field is read from, if the file has it.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.get(field as usize).copied().filter(|&c| c > 0)
    }

    /// Hands each data row to `each`, and gives how many there were.
    pub fn each_row(
        &mut self,
        grid: &mut Grid,
        findings: &mut Vec<Finding>,
        mut each: impl FnMut(&Table, &Row, &mut Vec<Finding>),
    ) -> usize {
        let mut row = Row::default();
        let mut n = 0;
        while self.next_row(grid, &mut row, findings) {
            n += 1;
            each(self, &row, findings);
        }
        n
    }

    /// Reads the next data row into `row`, leaving out (and noting) blank rows, 合计 rows,
    /// section headings and rows with undecodable bytes in a cell read for more than its text
    /// (`undamaged`); `false` after the last.
    pub fn next_row(
        &mut self,
        grid: &mut Grid,
        row: &mut Row,
        findings: &mut Vec<Finding>,
    ) -> bool {
        loop {
            match self.pending.pop_front() {
                Some(r) => *row = r,
                None => {
                    if !grid.read_into(row) {
                        self.note_blank(findings);
                        return false;
                    }
                }
            }
            if self.keep(row, grid.delimiter(), findings) {
                row.damaged.clear();
                if grid.damaged.is_empty() || self.undamaged(grid, row, findings) {
                    return true;
                }
                self.damaged_rows += 1;
            }
        }
    }

    /// Whether a data row's cells read as written, but for free text: where its bytes were
    /// read as `�` (`decode::Damaged`) in a cell whose text is all that is read of it (形象进度,
    /// 存在问题, a report's 项目名称, a column not read), a warning, and the row is read; in any
    /// other (an id, an amount, a month, a district …), an error, and the row is not read. Bytes
    /// read so in the rows before it, left out or above the header, are warned of
    /// (`damaged_outside`). A registry's row is read but for a damaged id, each other damaged
    /// cell named with what it must hold: one whose value is read (an amount, a month) or that
    /// names a group (a district, a department) is noted in `Row::damaged`, to be read as no
    /// value (as an empty cell is) and not said wrong again; the project's name is kept as read.
    fn undamaged(&self, grid: &mut Grid, row: &mut Row, findings: &mut Vec<Finding>) -> bool {
        let file = self.layout.file.as_str();
        let last_line = row.line.saturating_add(row.more_lines());
        let mut sound = true;
        while let Some(damaged) = grid.damaged.front() {
            if damaged.line > last_line {
                break;
            }
            let Some(damaged) = grid.damaged.pop_front() else {
                break;
            };
            if damaged.line < row.line {
                findings.push(damaged_outside(file, &damaged));
                continue;
            }
            // (A cell on a later line of a row than its first, or one whose column its line
            // does not tell: the first cell with a `�` that is read for more than its text, if
            // any, else the first with one.)
            let column = match damaged.column {
                Some(column) if damaged.line == row.line => Some(column),
                _ => {
                    let replaced =
                        |&c: &usize| row.raw_cell(c).is_some_and(|t| t.contains('\u{FFFD}'));
                    let mut columns = (1..=row.len()).filter(replaced);
                    let first = columns.clone().next();
                    columns.find(|&c| !self.free_text(c)).or(first)
                }
            };
            let Some(column) = column.filter(|&c| !self.free_text(c)) else {
                let cell = match column.and_then(|c| self.layout.headers.get(c - 1)) {
                    Some(header) if !header.trim().is_empty() => {
                        format!("this {} cell", header.trim())
                    }
                    _ => "this cell".to_string(),
                };
                let kept = "the rest of its text is kept, and the row read";
                findings.push(
                    Finding::warning(file, damaged.message(&cell, kept)).at(damaged.line, column),
                );
                continue;
            };
            let header = self.layout.headers.get(column - 1).map_or("", |h| h.trim());
            // (A registry's row is a project: left out, its reports would each be "not in the
            // registry". Read but for its id, as a row of any other error in its cells is.)
            let in_registry = !is_report(file);
            let id = self.layout.column(Field::Id) == Some(column);
            let held = super::rows::value_held(&self.layout, column);
            let text = super::rows::text_held(&self.layout, column);
            let consequence = match (in_registry && !id, held, text) {
                (true, Some(held), _) => {
                    row.damaged.push(column);
                    format!(
                        "its value cannot be read (expected {held}); the rest of the row is read"
                    )
                }
                (true, None, Some((held, true))) => {
                    format!(
                        "its text is kept as read (expected {held}); the rest of the row is read"
                    )
                }
                // (Read as empty, as an empty cell is: a damaged district is no group of its own.)
                (true, None, Some((held, false))) => {
                    row.damaged.push(column);
                    format!(
                        "its text cannot be read (expected {held}), and it is read as empty; \
                         the rest of the row is read"
                    )
                }
                (true, None, None) => "an error to mend; the rest of the row is read".to_string(),
                // (A report's district is read as text, and must be one all the same.)
                (false, held, text) => match held.or(text.map(|(held, _)| held)) {
                    Some(held) => format!(
                        "its value cannot be read (expected {held}), and the row is not read"
                    ),
                    None => "its value cannot be read, and the row is not read".to_string(),
                },
            };
            let message = damaged.message(&format!("this {header} cell"), &consequence);
            findings.push(Finding::error(file, message).at(damaged.line, Some(column)));
            sound &= in_registry && !id;
        }
        sound
    }

    /// Whether a 1-based column's cells are only text, read for nothing but their text: free
    /// text (形象进度, 存在问题), a report's project name, and a column no field is read from.
    /// (The registry's 项目名称 is the project's name, which it must give.)
    fn free_text(&self, column: usize) -> bool {
        let layout = &self.layout;
        let in_registry = !is_report(&layout.file);
        let text_alone = |f: Field| match f {
            Field::Progress | Field::Problems => true,
            Field::Name => !in_registry,
            _ => false,
        };
        let read = layout
            .columns
            .iter()
            .any(|&(f, c)| c == column && !text_alone(f))
            || layout.doubled.iter().any(|&(_, c, _)| c == column)
            || layout.plans.iter().any(|&(_, c, _)| c == column)
            || layout.plan_fallback.is_some_and(|(c, _)| c == column);
        !read
    }

    /// Notes, for findings made once the rows are read, where the cells of the fields read
    /// start on later lines than the row's first: where a quoted cell before them runs over
    /// line ends.
    fn note_spread(&self, row: &Row) {
        let last = self
            .layout
            .columns
            .iter()
            .map(|&(_, c)| c)
            .max()
            .unwrap_or(0);
        let mut past = 0;
        let mut spread = Vec::new();
        for (column, here) in (1..=last).zip(row.each_lines_past()) {
            if here != past {
                past = here;
                spread.push(Spread {
                    line: row.line,
                    column,
                    past,
                });
            }
        }
        self.layout.note_spread(spread);
    }

    /// The error on a row under the figures that names a unit (`单位：亿元`, `注：金额单位为亿元`)
    /// other than the one the amounts are read in: too late to apply, and they may be misread.
    fn unit_too_late(&self, file: &str, text: &str, row: &Row) -> Option<Finding> {
        let factor = table_unit(text)?.factor()?;
        if self.read_in(factor) {
            return None;
        }
        let read_in = match self.read_in(rust_decimal::Decimal::ONE) {
            true => "万元",
            false => "the units their headers or title give",
        };
        Some(
            Finding::error(
                file,
                format!(
                    "\"{text}\" comes after the header, where a unit is not applied: the amounts \
                     are read in {read_in} (say the unit in the headers, 累计完成投资（亿元）, or \
                     in a title row above them)"
                ),
            )
            .at(row.line, None),
        )
    }

    /// Whether every amount column is read in the unit `factor` times 万元.
    fn read_in(&self, factor: rust_decimal::Decimal) -> bool {
        Field::AMOUNTS
            .iter()
            .filter(|&&field| self.column(field).is_some())
            .all(|&field| {
                self.layout
                    .scale(field)
                    .unwrap_or(rust_decimal::Decimal::ONE)
                    == factor
            })
    }

    /// Whether a row is a data row; a row left out is noted.
    fn keep(&mut self, row: &Row, delimiter: Option<u8>, findings: &mut Vec<Finding>) -> bool {
        let file = self.layout.file.as_str();
        // (Before anything else: the row it makes may look blank, or like a heading.)
        let runs_over = row.runs_over();
        if runs_over {
            note_unclosed_quote(file, row, findings);
            if let (Some(column), Some(d)) = (row.unclosed_quote(), delimiter) {
                let last_line = row.line_of(column) + lines_taken_in(row, column);
                let swallowed = Swallowed::of(file, row, column, last_line, d, self.id_col);
                self.swallowed.push(swallowed);
            }
            self.note_spread(row);
        }
        let delimited = delimiter.is_some();
        // (A row with an id is not blank: most rows are passed at once.)
        let id_cell = row.cell(self.id_col);
        if id_cell.is_empty() && row.is_blank() {
            self.blank.push(row.line);
            return false;
        }
        if id_cell.is_empty() && zeros_alone(row) {
            self.zeros.push(row.line);
            return false;
        }
        if std::mem::replace(&mut self.first_row, false) && numbers_columns(row) {
            findings.push(
                Finding::note(
                    file,
                    "skipped the row numbering the columns (栏次: 甲, 乙, 1, 2 …), not a project",
                )
                .at(row.line, None),
            );
            return false;
        }
        // (An id that begins with a letter, as most do, neither repeats a header's 项目编号 nor
        // numbers a section: passed at once, unless the header's 项目编号 is written `id`.)
        let lettered = match id_cell {
            CellRef::Text(t) => {
                t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
                    && !self.id_header_lettered
            }
            _ => false,
        };
        // (Nor, all ASCII, does it label a total, a part, signatures, a heading or a remark: the
        // checks below that look at the id cell alone, each of which passes it, are not made.)
        let plain_id = lettered_ascii(id_cell);
        if let Some(differs) = (!lettered)
            .then(|| self.repeated_header(row, id_cell))
            .flatten()
        {
            let finding = match differs {
                // The header's own second row, its cells merged down over it, not read as one
                // with it: its own names are not read.
                None if row.line == self.header_line + 1 && row.merged_down(self.id_col) => {
                    // (Its columns are said there: their values are not said again as under no
                    // header.)
                    self.unheaded.retain(|&c| row.cell(c).is_empty());
                    self.headed_width = self.headed_width.max(row.width());
                    header_second_row(file, row)
                }
                None => Finding::note(
                    file,
                    "skipped a repeat of the header row (a second table pasted under the first?)",
                )
                .at(row.line, None),
                Some((column, text, first)) => Finding::error(
                    file,
                    format!(
                        "a second header row, with \"{text}\" where the first has \"{first}\": a \
                         second table with other columns? (the rows below it are read by the \
                         first header; give the second table a file of its own)"
                    ),
                )
                .at(row.line_of(column), Some(column)),
            };
            findings.push(finding);
            return false;
        }
        let named_by = [self.column(Field::Name), self.column(Field::District)];
        if !plain_id && let Some(label) = total_label(row, id_cell, named_by.into_iter().flatten())
        {
            // An id cell such as 总计-2024-01 beside a project's name may be a project's id.
            let named = self
                .column(Field::Name)
                .is_some_and(|c| !row.cell(c).is_empty());
            let finding = if named
                && !id_cell.is_empty()
                && label.contains(|c: char| c.is_ascii_digit())
            {
                Finding::warning(
                    file,
                    format!(
                        "skipped the {label} row as a total, though it has a 项目名称: if it is \
                         a project, its 项目编号 must not begin with 合计, 总计 or 小计"
                    ),
                )
            } else {
                Finding::note(
                    file,
                    format!("skipped the {label} row (a total, not a project)"),
                )
            };
            findings.push(finding.at(row.line, None));
            return false;
        }
        // A total row saying a count or a sum under 项目编号 (`合计, 2, , 3584.5` under 序号,
        // 项目编号): not project 2's figures.
        if !id_cell.is_empty()
            && let Some(label) = total_beside_id(row, self.id_col, self.column(Field::Name))
        {
            findings.push(
                Finding::warning(
                    file,
                    format!(
                        "skipped the {label} row as a total, though its {} holds \"{}\": a \
                         project's row does not say {label}",
                        self.layout.header_shown(Field::Id),
                        id_cell.text().trim()
                    ),
                )
                .at(row.line, None),
            );
            return false;
        }
        // (An id merged down over a 其中 row under its project is the project's, not the row's;
        // the project's own row, the top of the merge, keeps it.)
        let own_id = match row.merged_from_above(self.id_col) {
            true => CellRef::Empty,
            false => id_cell,
        };
        if !lettered_ascii(own_id)
            && let Some(label) = part_label(row, own_id, self.id_col, self.column(Field::Name))
        {
            findings.push(
                Finding::note(
                    file,
                    format!("skipped the {label} row (part of a total, not a project)"),
                )
                .at(row.line, None),
            );
            return false;
        }
        if !plain_id && let Some(text) = signatures(row, id_cell) {
            findings.push(
                Finding::note(
                    file,
                    format!("skipped the row \"{text}\" (who filled in the form, not a project)"),
                )
                .at(row.line, None),
            );
            return false;
        }
        let heading_in_id = || heading_like(id_cell) || title_like(id_cell);
        // (A cell merged down over rows, a district beside its section's heading and its
        // projects, is in the heading's row too: it is not counted, nor named.)
        let own = || {
            (1..=row.len())
                .filter(|&c| !row.merged_down(c))
                .map(|c| row.cell(c))
                .filter(|c| !c.is_empty())
        };
        if !plain_id
            && (id_cell.is_empty() || heading_in_id())
            && match own().count() {
                1 => true,
                // (Cells merged down alone: a district over an empty row.)
                0 => !row.is_blank(),
                _ => false,
            }
        {
            let text = own()
                .next()
                .or_else(|| row.iter().find(|c| !c.is_empty()))
                .map(|c| c.text().to_string());
            let text = text.unwrap_or_default();
            if let Some(finding) = self.unit_too_late(file, &text, row) {
                findings.push(finding);
                return false;
            }
            let first_cell = row.iter().next().is_some_and(|c| !c.is_empty());
            let digits = |t: &str| {
                !t.is_empty()
                    && t.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            };
            let number = digits(&text);
            // (A rate, `30%` or `-5 ％`, is a figure too: never a row's number.)
            let half = super::value::to_halfwidth(&text);
            let rate = half.strip_suffix('%').map(|t| {
                let t = t.trim_end();
                t.strip_prefix('-').unwrap_or(t)
            });
            let figure = number || rate.is_some_and(digits);
            let finding = if id_cell.is_empty() && number && first_cell {
                // A row numbered ahead (序号 filled down a form) and left empty: no heading.
                Finding::note(
                    file,
                    format!(
                        "skipped the row numbered {text} (a number alone, no 项目编号: left empty)"
                    ),
                )
            } else if id_cell.is_empty() && figure {
                // A figure with no project to put it to: not a heading, and not read.
                Finding::warning(
                    file,
                    format!(
                        "skipped a row with \"{text}\" alone and no 项目编号 (whose figure is \
                         it? give the row its 项目编号)"
                    ),
                )
            } else if remarks(row, id_cell).is_some() {
                // (注：本表由各县区填报: a remark, worded as the remarks of several cells are.)
                Finding::note(
                    file,
                    format!("skipped the row \"{text}\" (a remark on the form, not a project)"),
                )
            } else if id_cell.is_empty() {
                self.headings.push((row.line, text.clone()));
                Finding::note(
                    file,
                    format!("skipped the heading row \"{text}\" (no 项目编号, one cell)"),
                )
            } else {
                self.headings.push((row.line, text.clone()));
                Finding::note(
                    file,
                    format!(
                        "skipped the heading row \"{text}\" (one cell, in the 项目编号 column \
                         but worded as a heading, not an id)"
                    ),
                )
            };
            findings.push(finding.at(row.line, None));
            return false;
        }
        // (A remark of one cell is a heading's, above.)
        if !plain_id && let Some(text) = remarks(row, id_cell) {
            let finding = self.unit_too_late(file, &text, row).unwrap_or_else(|| {
                Finding::note(
                    file,
                    format!("skipped the row \"{text}\" (a remark on the form, not a project)"),
                )
                .at(row.line, None)
            });
            findings.push(finding);
            return false;
        }
        if let Some(heading) = (!lettered).then(|| self.section(row, id_cell)).flatten() {
            self.headings.push((row.line, heading.clone()));
            findings.push(
                Finding::note(
                    file,
                    format!(
                        "skipped the section row \"{heading}\" (a heading with its section's \
                         figures, not a project)"
                    ),
                )
                .at(row.line, None),
            );
            return false;
        }
        // (A quote never closed is named already: the row's width then says nothing more.)
        if delimited && row.len() != self.header_len && row.unclosed_quote().is_none() {
            let width = row.width();
            if width > self.header_width {
                findings.push(
                    Finding::error(
                        file,
                        format!(
                            "row has {} fields but the header has {}: the values past column {} \
                             have no header ({})",
                            row.len(),
                            self.header_len,
                            self.header_width,
                            match row.more_lines() {
                                0 => "a separator inside an unquoted value?".to_string(),
                                n => quoted_lines(row.line, n),
                            }
                        ),
                    )
                    .at(
                        row.line_of(self.header_width + 1),
                        Some(self.header_width + 1),
                    ),
                );
            } else if row.len() < self.header_width {
                findings.push(
                    Finding::warning(
                        file,
                        format!(
                            "row has {} fields but the header has {} (the missing ones are read \
                             as empty{})",
                            row.len(),
                            self.header_len,
                            match (row.more_lines(), delimiter) {
                                (0, Some(d)) => quoted_separators(row, d)
                                    .map(|(column, n, text)| {
                                        format!(
                                            "; column {column}'s quotes take in {n} separator{} \
                                             (\"{text}\"): a stray quote?",
                                            plural(n)
                                        )
                                    })
                                    .unwrap_or_default(),
                                (n, _) => format!("; {}", quoted_lines(row.line, n)),
                            }
                        ),
                    )
                    .at(row.line_of(row.len() + 1), Some(row.len() + 1)),
                );
            }
        }
        // Values under no header are not read: said, once for each column: up to the header's
        // last field in a delimited file (a note typed beside a table Excel saved as CSV, every
        // line padded to its width), as far as the row's cells go in a sheet. (A delimited row
        // wider than the header is named above.)
        // (The row's own cells are looked at, not every column with no header: a stray header
        // cell at XFD1 makes thousands.)
        let last = if delimited {
            self.header_len
        } else {
            row.width()
        };
        if !self.unheaded.is_empty() || last > self.headed_width {
            let first = self.unheaded.first().map_or(self.headed_width + 1, |&c| c);
            for column in first..=last.min(row.len()) {
                let unheaded =
                    column > self.headed_width || self.unheaded.binary_search(&column).is_ok();
                let cell = row.cell(column);
                // (Row numbers under a 序号 with its header left empty are no values lost.)
                if !unheaded
                    || cell.is_empty()
                    || column < self.id_col && matches!(cell, CellRef::Number(_))
                    || column < self.id_col && cell.text().trim().parse::<u32>().is_ok()
                {
                    continue;
                }
                let line = row.line_of(column);
                match self.stray.binary_search_by_key(&column, |(c, _)| *c) {
                    Ok(i) => self.stray[i].1.push(line),
                    Err(i) => self.stray.insert(i, (column, vec![line])),
                }
            }
        }
        if runs_over
            && row.unclosed_quote().is_none()
            && let Some(d) = delimiter
            && let Some((column, line)) = line_like_a_row(row, d, self.header_len)
        {
            // (The cell's own lines: one after a cell of several lines in the row starts below
            // the row's first, and ends where the next cell starts.)
            let (first_line, last_line) = (row.line_of(column), row.line_of(column + 1));
            let swallowed = Swallowed::of(file, row, column, last_line, d, self.id_col);
            self.swallowed.push(swallowed);
            findings.push(
                Finding::warning(
                    file,
                    format!(
                        "this quoted cell runs over lines {first_line}-{last_line} and holds a \
                         line that looks like a row (\"{line}\"); if a quote was left open by \
                         mistake, the rows in it were not read"
                    ),
                )
                .at(first_line, Some(column)),
            );
        }
        true
    }

    /// Whether a row repeats the header, or one of its two rows: `Some(None)` when each column
    /// read has its header again (whatever the brackets' width), else, where its 项目编号 cell
    /// does, the first column that does not, with its text.
    fn repeated_header(
        &self,
        row: &Row,
        id_cell: CellRef,
    ) -> Option<Option<(usize, String, String)>> {
        fn cell(header: &[String], column: usize) -> &str {
            header.get(column - 1).map_or("", String::as_str)
        }
        let id = match id_cell {
            CellRef::Text(t) => t,
            CellRef::Empty => "",
            _ => return None,
        };
        // (An empty 项目编号 repeats only a second header row's, empty in a CSV; in a workbook,
        // a 项目编号 merged down over both rows is in each.)
        let mut first = None;
        for header in self
            .header_rows
            .iter()
            .filter(|h| cell(h, self.id_col) == id)
        {
            match differs_from(row, header, &self.layout.columns) {
                None => return Some(None),
                Some(d) => {
                    first.get_or_insert(d);
                }
            }
        }
        if first.is_none() && !id.is_ascii() {
            return self.header_elsewhere(row, id);
        }
        first.filter(|_| !id.is_empty()).map(Some)
    }

    /// `repeated_header` of a row whose 项目编号 cell is a header's name written otherwise: a
    /// repeat of the header (`项目编号（必填）` under `项目编号`), or a row of its names in other
    /// columns (a second table under the first, without its 序号 column), where another of its
    /// cells is a name too.
    fn header_elsewhere(&self, row: &Row, id: &str) -> Option<Option<(usize, String, String)>> {
        let id = normalize(id);
        if !self.header_names.contains(&id) {
            return None;
        }
        let mut said = None;
        for header in &self.header_rows {
            let cell = header.get(self.id_col - 1).map_or("", |h| h.trim());
            if cell.is_empty() {
                continue;
            }
            if normalize(cell) == id && differs_from(row, header, &self.layout.columns).is_none() {
                return Some(None);
            }
            said.get_or_insert(cell);
        }
        let named = row
            .iter()
            .filter(|c| matches!(c, CellRef::Text(t) if self.header_names.contains(&normalize(t))))
            .count();
        let text = row.cell(self.id_col).text().trim().to_string();
        Some(Some((self.id_col, text, said?.to_string()))).filter(|_| named >= 2)
    }

    /// The heading of a section row with its section's subtotals beside it (一、续建项目 over
    /// the section's projects, and its 总投资 and 年度计划投资): a numbered heading in the
    /// 项目编号 column, or where it is empty in another (a 序号 column, or the 项目名称's; a
    /// number alone, （二）, with its caption in the next cell), or one not numbered that names
    /// its projects' nature (续建项目, 新开工项目), with no project's name or district beside it.
    fn section(&self, row: &Row, id_cell: CellRef) -> Option<String> {
        let (heading, caption) = match id_cell {
            CellRef::Empty => {
                let mut texts = row.iter().take(6).filter_map(|c| match c {
                    CellRef::Text(t) => Some(t),
                    _ => None,
                });
                let (heading, rest) = texts.find_map(|t| Some((t, numbering(t)?)))?;
                (heading, rest.is_empty().then(|| texts.next()).flatten())
            }
            // (An id of Chinese words alone, 待赋码, is no heading: only a numbered one is.)
            CellRef::Text(t) if numbering(t).is_some_and(|rest| !rest.is_empty()) => (t, None),
            // 二、 alone in a 序号 column, its caption (续建项目) in the 项目编号 column.
            CellRef::Text(t) if heading_like(id_cell) => {
                let number = row.iter().take(6).find_map(|c| match c {
                    CellRef::Text(n) if numbering(n).is_some_and(str::is_empty) => Some(n),
                    _ => None,
                });
                match number {
                    Some(number) => (number, Some(t)),
                    // (续建项目 over its projects, its subtotals beside it: a heading, though no
                    // number says so.)
                    None if section_nature(t).1.is_some() => (t, None),
                    None => return None,
                }
            }
            _ => return None,
        };
        let beside = [Field::Name, Field::District]
            .iter()
            .filter_map(|&f| self.column(f))
            .any(|c| {
                let cell = row.cell(c);
                let text = cell.text();
                !cell.is_empty() && text != heading && Some(&*text) != caption
            });
        (!beside).then(|| match caption {
            Some(caption) => format!("{heading} {caption}"),
            None => heading.to_string(),
        })
    }

    fn note_blank(&mut self, findings: &mut Vec<Finding>) {
        let (zeros, blank) = (
            std::mem::take(&mut self.zeros),
            std::mem::take(&mut self.blank),
        );
        let file = self.layout.file.as_str();
        let mut note = |skipped: &[u64], what: String| {
            if let Some(&first) = skipped.first() {
                let message = format!("skipped {} {what} ({})", skipped.len(), lines(skipped));
                findings.push(Finding::note(file, message).at(first, None));
            }
        };
        note(
            &zeros,
            format!(
                "row{} with no 项目编号 and nothing but 0 or a month (a form's formulas or months \
                 filled down past its projects)",
                plural(zeros.len())
            ),
        );
        note(&blank, format!("blank row{}", plural(blank.len())));
        let mut stray = std::mem::take(&mut self.stray);
        stray.sort_by_key(|(column, lines)| (lines.first().copied(), *column));
        for (column, at) in stray {
            let Some(&first) = at.first() else {
                continue;
            };
            findings.push(
                Finding::warning(
                    file,
                    format!(
                        "column {column} has values but no header: they are not read ({}; name \
                         the column, or delete them)",
                        lines(&at)
                    ),
                )
                .at(first, Some(column)),
            );
        }
    }
}

/// Finds the header and the data rows. `fields` are the columns this kind of file has, `required`
/// the ones it cannot do without; a missing one is an error naming the aliases looked for.
/// `wanted` are those named when a row holds just one header xmtool reads.
pub fn locate(
    file: &str,
    grid: &mut Grid,
    matcher: &HeaderMatcher,
    fields: &[Field],
    required: &[Field],
    wanted: &[Field],
    findings: &mut Vec<Finding>,
) -> Option<Table> {
    // How many of this kind of file's fields a row's texts name.
    let score_texts = |texts: &mut dyn Iterator<Item = &str>| -> usize {
        let mut seen: Vec<Field> = texts
            .filter_map(|t| matcher.field(t).filter(|f| fields.contains(f)))
            .collect();
        seen.sort();
        seen.dedup();
        seen.len()
    };
    let score = |row: &Row| -> usize {
        score_texts(&mut row.iter().filter_map(|c| match c {
            CellRef::Text(t) => Some(t),
            _ => None,
        }))
    };
    let mut first_rows = Vec::new();
    let mut row = Row::default();
    // (One row more, for the second row of a header on the last row looked at.)
    while first_rows.len() <= HEADER_SEARCH_ROWS && grid.read_into(&mut row) {
        first_rows.push(std::mem::take(&mut row));
    }
    // The header is the row naming most fields, or two rows read as one (see `second_row`)
    // where they name more, or as many with the second adding units; the first on a tie.
    let scores: Vec<usize> = first_rows.iter().map(score).collect();
    let mut best: Option<(usize, usize, Option<Band>)> = None; // (first row, score, band)
    for (i, row) in first_rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        // (Two rows naming no field between them are no header: data rows are passed at once.)
        let names = scores[i] + scores.get(i + 1).copied().unwrap_or(0) > 0;
        let band = first_rows
            .get(i + 1)
            .filter(|_| names)
            .and_then(|lower| second_row(matcher, row, lower));
        let band_score = band
            .as_ref()
            .map(|b| score_texts(&mut b.texts.iter().map(String::as_str)));
        let s = scores[i];
        let beats = |best: &Option<(usize, usize, Option<Band>)>, s: usize, band: bool| {
            s >= 2
                && best.as_ref().is_none_or(|(at, b, was)| {
                    s > *b || (s == *b && band && was.is_none() && *at == i)
                })
        };
        if beats(&best, s, false) {
            best = Some((i, s, None));
        }
        if let (Some(band), Some(s)) = (band, band_score)
            && beats(&best, s, true)
        {
            best = Some((i, s, Some(band)));
        }
    }
    let Some((header_index, _, band)) = best else {
        let mut all_blank = first_rows.iter().all(Row::is_blank);
        while all_blank && grid.read_into(&mut row) {
            all_blank = row.is_blank();
        }
        for row in first_rows.iter().chain(std::iter::once(&row)) {
            note_unclosed_quote(file, row, findings);
        }
        // A quote opened above the header and closed only below it (a title "金城市… with a
        // stray quote) took the header into its cell.
        let delimiter = char::from(grid.delimiter().unwrap_or(b','));
        let swallowed = first_rows
            .iter()
            .filter(|r| r.more_lines() > 0)
            .find_map(|r| {
                r.iter().enumerate().find_map(|(i, c)| {
                    let CellRef::Text(t) = c else { return None };
                    t.lines()
                        .skip(1)
                        .any(|line| score_texts(&mut line.split(delimiter).map(str::trim)) >= 2)
                        .then_some((r, i + 1))
                })
            });
        if let Some((r, column)) = swallowed {
            if r.unclosed_quote().is_none() {
                findings.push(
                    Finding::error(
                        file,
                        format!(
                            "a quote opens this cell and is closed only {} line{} below, taking \
                             the header row into the cell (take the quote out, or close it where \
                             the cell ends)",
                            r.more_lines(),
                            plural(r.more_lines() as usize)
                        ),
                    )
                    .at(r.line_of(column), Some(column)),
                );
            }
            return None;
        }
        // A row naming one column xmtool reads is most likely the header, short of the rest.
        let lone = first_rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .filter(|r| score(r) == 1)
            .find_map(|r| {
                let other_years = (1..).zip(r.iter()).find_map(|(column, c)| match c {
                    CellRef::Text(t)
                        if matcher
                            .not_this_years(t)
                            .is_some_and(|f| fields.contains(&f)) =>
                    {
                        Some(other_years(column, t))
                    }
                    _ => None,
                });
                r.iter().find_map(|c| match c {
                    CellRef::Text(t) => matcher
                        .field(t)
                        .filter(|f| fields.contains(f))
                        .map(|f| (r.line, t.trim(), f, other_years.clone())),
                    _ => None,
                })
            });
        if all_blank {
            findings.push(Finding::error(
                file,
                "is empty (expected a header row and data rows)",
            ));
        } else if let Some((line, text, field, other_years)) = lone {
            let wanted: Vec<&str> = wanted
                .iter()
                .filter(|&&f| f != field)
                .map(|f| f.label())
                .collect();
            findings.push(
                Finding::error(
                    file,
                    format!(
                        "{text} is the only header here that xmtool reads, too few for a header \
                         row (expected beside it headers such as {}; other names for a column can \
                         be added under [aliases] in xmtool.toml{})",
                        wanted.join(", "),
                        other_years.unwrap_or_default()
                    ),
                )
                .at(line, None),
            );
        } else {
            let examples: Vec<&str> = required.iter().map(|f| f.label()).collect();
            // (A note or readme in .txt beside the reports is read as one: said so.)
            let txt = match file.rsplit_once('.') {
                Some((_, ext)) if ext.eq_ignore_ascii_case("txt") => {
                    "; a .txt file there is read as a table, as a .csv is: move a note or readme \
                     out of the folder"
                }
                _ => "",
            };
            findings.push(Finding::error(
                file,
                format!(
                    "no header row found in the first {HEADER_SEARCH_ROWS} rows (expected a row \
                     with headers such as {}{txt})",
                    examples.join(", ")
                ),
            ));
        }
        return None;
    };
    for row in &first_rows[..=header_index] {
        note_unclosed_quote(file, row, findings);
    }
    // A row of units under a header of two rows (完成投资 over 本月 and 1-6月, over (亿元)),
    // the other headers merged down over all three: a third row of the header.
    let mut band = band;
    let units = match (&mut band, first_rows.get(header_index + 2)) {
        (Some(band), Some(below)) => {
            units_under(matcher, band, &first_rows[header_index + 1], below).then_some(below.line)
        }
        _ => None,
    };
    let mut rows = first_rows;
    let height = 1 + usize::from(band.is_some()) + usize::from(units.is_some());
    let data = rows.split_off(header_index + height);
    if units.is_some() {
        rows.pop();
    }
    let header = rows.pop()?;
    let upper = if band.is_some() { rows.pop() } else { None };
    let titles: Vec<u64> = rows
        .iter()
        .filter(|r| !r.is_blank())
        .map(|r| r.line)
        .collect();
    if !titles.is_empty() {
        findings.push(
            Finding::note(
                file,
                format!(
                    "skipped {} title row{} above the header ({})",
                    titles.len(),
                    plural(titles.len()),
                    lines(&titles)
                ),
            )
            .at(titles[0], None),
        );
    }

    let header_rows: Vec<Vec<String>> = upper
        .iter()
        .chain([&header])
        .map(|r| r.iter().map(|c| c.text().trim().to_string()).collect())
        .collect();
    let headers: Vec<String> = match (&band, &upper) {
        (Some(band), Some(upper)) => {
            findings.push(
                Finding::note(
                    file,
                    format!(
                        "read lines {} as one header row{}{}",
                        match units {
                            Some(last) => format!("{} to {last}", upper.line),
                            None => format!("{} and {}", upper.line, header.line),
                        },
                        if band.read.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", band.read.join(", "))
                        },
                        if band.unread.is_empty() {
                            String::new()
                        } else {
                            format!("; not read: the columns under {}", band.unread.join(", "))
                        }
                    ),
                )
                .at(upper.line, None),
            );
            band.texts.clone()
        }
        _ => header.iter().map(|c| c.text().trim().to_string()).collect(),
    };
    // The columns naming each field, in order; each field's read is the one its header names
    // best (项目编号 over 项目代码), the first of those named alike.
    let mut named: Vec<(Field, Vec<usize>)> = Vec::new();
    for (i, text) in headers.iter().enumerate() {
        let Some(field) = matcher.field(text).filter(|f| fields.contains(f)) else {
            continue;
        };
        match named.iter_mut().find(|(f, _)| *f == field) {
            Some((_, columns)) => columns.push(i + 1),
            None => named.push((field, vec![i + 1])),
        }
    }
    let priority = |field: Field, column: usize| matcher.priority(field, &headers[column - 1]);
    // A year-to-date or month's column whose header says another month or year than the file's
    // name (`1-5月完成投资` kept beside 累计完成投资 in June's file, `5月完成投资` beside
    // `6月完成投资`) is read only where no other is.
    let file_month = super::month_of_path(file);
    let said = |column: usize| {
        let header = &headers[column - 1];
        ytd_said(header).or_else(|| month_figure_said(header))
    };
    // Whether a column's header says the file's month (`Some(true)`) or another; `None` where
    // it says none, or the file's name gives none.
    let is_the_files = |column: usize| Some(said(column)?.is_for(file_month?));
    let not_the_files = |column: usize| is_the_files(column) == Some(false);
    // A year-to-date column saying the file's year alone (`2024年累计完成投资` in June 2024's)
    // is read before a plain 累计, which may count from the project's start.
    let the_files_year = |column: usize| {
        said(column).is_some_and(|s| s.month.is_none()) && is_the_files(column) == Some(true)
    };
    let mut columns: Vec<(Field, usize)> = Vec::new();
    // Amount columns left unread for another named alike: compared row by row. (本年完成投资
    // beside a 累计 that counts from the start, or this year's 1-6月 beside last year's,
    // differ by design.)
    let mut left: Vec<(Field, usize)> = Vec::new();
    // A registry's plan columns naming two years or more: (year, column), each read by the
    // projects of its year.
    let mut plans: Vec<(i32, usize)> = Vec::new();
    // A built-in plan column beside one named under [aliases] annual_plan, which is read: read
    // where that one says nothing.
    let mut plan_fallback: Option<usize> = None;
    // 全年完成投资 is the year-to-date of a December file; in a file named for another month it
    // is likely the year's forecast, read only where no other year-to-date column is.
    let the_whole_years = |column: usize| {
        let n = normalize(&headers[column - 1]);
        super::header::year_said(&n).1.starts_with("全年")
            && file_month.is_some_and(|m| m.month() != 12)
    };
    // Of `1-5月` and `1-6月` (last month's year-to-date kept beside this month's), the later.
    let months_to = |column: usize| said(column).and_then(|s| s.month);
    let has_ytd = named.iter().any(|(f, _)| *f == Field::YtdInvestment);
    for (field, mut all) in named {
        // Beside a year-to-date column, a month's column not said to be the file's month
        // (`2023年6月完成投资` for 同比, `5月完成投资` kept from last month) is not read: 本月 is
        // then the change in 累计, as it is with no month's column.
        if field == Field::MonthInvestment && has_ytd {
            all.retain(|&column| {
                // (2024年本月完成投资, saying a year alone: read unless the file is another's.)
                let other = match said(column) {
                    Some(s) if s.month.is_none() => not_the_files(column),
                    Some(_) => is_the_files(column) != Some(true),
                    None => false,
                };
                if other {
                    findings.push(
                        Finding::note(
                            file,
                            format!(
                                "column {column} \"{}\" is the figure of another month or year \
                                 than this file's{}: not read",
                                headers[column - 1],
                                file_month.map_or(String::new(), |m| format!(" {m}")),
                            ),
                        )
                        .at(header.line, Some(column)),
                    );
                }
                !other
            });
        }
        // A 建设性质 under another header (建设类型) whose first cells are mostly no natures
        // (市政道路, 房屋建筑: a kind of works) is not read as it: each of its cells would be an
        // error, and a column of natures beside it (项目性质) unread. (Not one whose header
        // names natures, 新建/续建: its cells are errors to mend.)
        if field == Field::Nature {
            all.retain(|&column| {
                let text = &headers[column - 1];
                if normalize(text) == normalize(field.label())
                    || matcher.in_settings(field, text)
                    || text.contains("新建")
                    || text.contains("续建")
                {
                    return true;
                }
                let cells: Vec<String> = (data.iter())
                    .map(|row| row.cell(column).text().trim().to_string())
                    .filter(|cell| !cell.is_empty())
                    .collect();
                let natures = cells.iter().filter(|c| Nature::parse(c).is_some()).count();
                if cells.is_empty() || natures * 2 > cells.len() {
                    return true;
                }
                let mut shown: Vec<&str> = Vec::new();
                for cell in &cells {
                    if Nature::parse(cell).is_none() && !shown.contains(&cell.as_str()) {
                        shown.push(cell);
                    }
                }
                let more = if shown.len() > 3 { " …" } else { "" };
                shown.truncate(3);
                findings.push(
                    Finding::note(
                        file,
                        format!(
                            "column {column} \"{text}\" is not read as {label}: {natures} of its \
                             first {} cells are 新建, 续建, 改扩建 or 预备, the others such as {}{more} \
                             (if it is the {label}, name it {label} or add it under [aliases] \
                             nature in xmtool.toml)",
                            cells.len(),
                            shown.join(", "),
                            label = field.label(),
                        ),
                    )
                    .at(header.line_of(column), Some(column)),
                );
                false
            });
        }
        let dated = matches!(field, Field::YtdInvestment | Field::MonthInvestment);
        // What a column of the field saying a month is the figure of.
        let figure = if field == Field::MonthInvestment {
            "the figure of"
        } else {
            "the year-to-date to"
        };
        // (A column saying no month, 本年累计, is not passed over for one saying a month.)
        let Some(&read) = all.iter().min_by_key(|&&c| {
            let ytd = field == Field::YtdInvestment;
            (
                dated && not_the_files(c),
                ytd && the_whole_years(c),
                !(ytd && the_files_year(c)),
                priority(field, c),
                months_to(c).map(Reverse),
            )
        }) else {
            continue;
        };
        columns.push((field, read));
        if field == Field::AnnualPlan {
            plans = all
                .iter()
                .filter_map(|&c| Some((plan_year_said(&headers[c - 1])?, c)))
                .collect();
            // (Of two columns of one year, the first is its plan, the other compared with it.)
            plans.sort();
            let years = plans.chunk_by(|a, b| a.0 == b.0).count();
            if years < 2 || !plans.iter().any(|&(_, c)| c == read) {
                plans.clear();
            }
            // (One plain plan column: not one of a year's, whose rows may be another year's,
            // nor one in a unit xmtool does not convert.)
            let in_settings = |c: usize| matcher.named_in_settings(field, &headers[c - 1]);
            let plain = |c: usize| {
                c != read
                    && !in_settings(c)
                    && plan_year_said(&headers[c - 1]).is_none()
                    && !matches!(amount_unit(&headers[c - 1]), Some(Unit::Unknown(_)))
            };
            if plans.is_empty() && in_settings(read) {
                plan_fallback = all.iter().copied().find(|&c| plain(c));
            }
        }
        // A plan column's year, and the first column of that year (the one its projects read).
        let year_and_first = |column: usize| {
            let &(year, _) = plans.iter().find(|&&(_, c)| c == column)?;
            let &(_, first) = plans.iter().find(|&&(y, _)| y == year)?;
            Some((year, first))
        };
        // The year of a plan column, if it is the first of its year's.
        let year_of_plan = |column: usize| {
            year_and_first(column)
                .filter(|&(_, first)| first == column)
                .map(|(year, _)| year)
        };
        // The first column of the year of a plan column after it (a second 2024年 beside the
        // read 2023年计划投资), which that year's projects read: it is named, not the column read.
        let first_of_its_year = |column: usize| {
            year_and_first(column)
                .map(|(_, first)| first)
                .filter(|&first| first != column)
        };
        // The column saying the latest month, if any says one.
        let latest = all.iter().filter_map(|&c| Some((months_to(c)?, c))).max();
        for &other in all.iter().filter(|&&c| c != read) {
            let earlier = match (months_to(other), latest) {
                (Some(n), Some((latest_n, _))) => n < latest_n,
                _ => false,
            };
            if field.is_amount()
                && priority(field, other) == priority(field, read)
                && !earlier
                && !(dated && not_the_files(other))
            {
                left.push((field, other));
            }
            findings.push(
                Finding::note(
                    file,
                    if let (true, Some((_, latest))) = (earlier, latest) {
                        format!(
                            "column {other} \"{}\" is {figure} an earlier month than column \
                             {latest} \"{}\"; using column {read}",
                            headers[other - 1],
                            headers[latest - 1],
                        )
                    } else if let (Some(year), Some(read_year)) =
                        (year_of_plan(other), year_of_plan(read))
                    {
                        format!(
                            "columns {other} \"{}\" and {read} \"{}\" are the plans of {year} \
                             and {read_year}: each project's plan is read from its plan year's \
                             column",
                            headers[other - 1],
                            headers[read - 1],
                        )
                    } else if let (true, false, Some(month)) = (
                        dated && not_the_files(other),
                        not_the_files(read),
                        file_month,
                    ) {
                        format!(
                            "column {other} \"{}\" is {figure} another month or year than this \
                             file's {month}; using column {read} \"{}\"",
                            headers[other - 1],
                            headers[read - 1],
                        )
                    } else {
                        let read = first_of_its_year(other).unwrap_or(read);
                        let empty = if field == Field::AnnualPlan && plan_fallback == Some(other) {
                            format!(", and column {other} where it is empty")
                        } else {
                            String::new()
                        };
                        format!(
                            "columns {other} \"{}\" and {read} \"{}\" both name {}; using column \
                             {read}{empty}",
                            headers[other - 1],
                            headers[read - 1],
                            field.label(),
                        )
                    },
                )
                .at(header.line, Some(other)),
            );
        }
    }
    // A column worded like an investment figure that names none xmtool knows (`自开工累计`,
    // `完成额`, or months alone, `1-6月`), in a file where no year-to-date is read: year-to-date
    // is then summed from 本月 alone, wrong without a word if that column was it.
    // (With no 本月 either, the file is an error that says what it lacks.)
    let read = |field: Field| columns.iter().any(|(f, _)| *f == field);
    if fields.contains(&Field::YtdInvestment)
        && !read(Field::YtdInvestment)
        && read(Field::MonthInvestment)
    {
        for (i, text) in headers.iter().enumerate() {
            // (One that counts from the project's start, `开累完成（万元）`, is not read under any
            // name, nor once named under [aliases]: so said, with no name offered for it.)
            // (A note: 本月 every month sums to the year-to-date, a layout many offices use.)
            if matcher.not_this_years(text) == Some(Field::YtdInvestment) {
                findings.push(
                    Finding::note(
                        file,
                        format!(
                            "column {} \"{}\" is not read: it counts from the project's start, \
                             or over other years, not from 1 January of this one, and with no {} \
                             column year-to-date is summed from {} alone",
                            i + 1,
                            text.trim(),
                            Field::YtdInvestment.label(),
                            Field::MonthInvestment.label(),
                        ),
                    )
                    .at(header.line_of(i + 1), Some(i + 1)),
                );
                continue;
            }
            let worded = worded_like_investment(text) || super::header::months_alone(text);
            if worded && matcher.named(text).is_none() {
                findings.push(
                    Finding::warning(
                        file,
                        format!(
                            "column {} \"{text}\" is not read (not a header xmtool knows), and \
                             with no {} column year-to-date is summed from {} alone (if it is \
                             the year-to-date, name it {} or add it under [aliases] \
                             ytd_investment in xmtool.toml)",
                            i + 1,
                            Field::YtdInvestment.label(),
                            Field::MonthInvestment.label(),
                            Field::YtdInvestment.label(),
                        ),
                    )
                    .at(header.line_of(i + 1), Some(i + 1)),
                );
            }
        }
    }
    // Beside a 累计完成投资 that may count from the project's start, a column not read that says
    // this year's (`本年度已完成投资`): the year-to-date may be that one.
    let file_year = file_month.map(|f| f.year());
    if let Some(&(_, ytd)) = columns.iter().find(|(f, _)| *f == Field::YtdInvestment)
        && !matcher.says_this_year(&headers[ytd - 1], file_year)
    {
        for (i, text) in headers.iter().enumerate() {
            if worded_like_investment(text)
                && matcher.named(text).is_none()
                && matcher.says_this_year(text, file_year)
            {
                findings.push(
                    Finding::warning(
                        file,
                        format!(
                            "column {} \"{text}\" is not read (not a header xmtool knows), and \
                             year-to-date is read from column {ytd} \"{}\", which may count from \
                             the project's start (if column {} is the year-to-date, name it \
                             本年完成投资 or add it under [aliases] ytd_investment in xmtool.toml)",
                            i + 1,
                            headers[ytd - 1],
                            i + 1,
                        ),
                    )
                    .at(header.line_of(i + 1), Some(i + 1)),
                );
            }
        }
    }
    // Beside the plan read, the plan as adjusted mid-year (`调整后年度计划投资`), not read: the
    // bulletin kept the first plan without a word.
    if let Some(&(_, plan)) = columns.iter().find(|(f, _)| *f == Field::AnnualPlan) {
        for (i, text) in headers.iter().enumerate() {
            if text.contains("调整") && text.contains("计划") && matcher.named(text).is_none() {
                findings.push(
                    Finding::warning(
                        file,
                        format!(
                            "column {} \"{text}\" is not read (not a header xmtool knows): the \
                             plan is read from column {plan} \"{}\" (if the adjusted plan is the \
                             one to judge by, add \"{text}\" under [aliases] annual_plan in \
                             xmtool.toml: it is then read, and column {plan} where it is empty)",
                            i + 1,
                            headers[plan - 1],
                        ),
                    )
                    .at(header.line_of(i + 1), Some(i + 1)),
                );
            }
        }
    }
    // A header cell merged down over the rows below it gave them its name (a merged cell holds
    // its value in each row it covers): such a row's cell is no value.
    if !grid.delimited {
        // (A row repeating the whole header, or one of its rows, is another table's, noted as
        // rows are read.)
        let whole = |row: &Row| {
            header_rows
                .iter()
                .any(|h| differs_from(row, h, &columns).is_none())
        };
        for row in data.iter().filter(|row| !whole(row)) {
            let repeated = headers.iter().enumerate().find(|&(i, h)| {
                !h.is_empty() && matcher.field(h).is_some() && row.cell(i + 1).text().trim() == h
            });
            if let Some((i, h)) = repeated {
                findings.push(
                    Finding::error(
                        file,
                        format!(
                            "this cell repeats its column's header \"{h}\" (a header cell merged \
                             down into the rows below it? merge it over the header's rows only)"
                        ),
                    )
                    .at(row.line_of(i + 1), Some(i + 1)),
                );
            }
        }
    }
    // What headers say about their cells, worked out once for the file, not once a row.
    let header_of = |field: Field| {
        columns
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|&(_, c)| headers.get(c - 1))
    };
    // A unit said above the table (`单位：亿元` in a title row) is its amounts' where their
    // headers say none.
    let said_above = rows.iter().find_map(|r| {
        r.iter().enumerate().find_map(|(i, c)| {
            let text = c.text();
            let unit = table_unit(&text)?;
            Some((unit, r.line_of(i + 1), i + 1, text.trim().to_string()))
        })
    });
    // Read as 万元, figures in a unit xmtool does not convert would be wrong by a factor no one
    // sees: an error where the unit is said.
    let unknown_unit = |text: &str, unit: &str, line: u64, column: usize| {
        Finding::error(
            file,
            format!(
                "{text}: the unit {unit} is not one xmtool converts (expected 万元, or 元, 百元, \
                 千元, 十万元, 百万元, 千万元, 亿元; write the figures in one of them)"
            ),
        )
        .at(line, Some(column))
    };
    if let Some((Unit::Unknown(unit), line, column, text)) = &said_above {
        findings.push(unknown_unit(text, unit, *line, *column));
    }
    let mut scales = Vec::new();
    let mut scaled_by_title = Vec::new();
    // Headers that say their own unit, another than the one said above the table; and whether
    // any says that one.
    let (mut own_unit, mut as_above) = (Vec::new(), false);
    for field in Field::AMOUNTS {
        let Some(&(_, column)) = columns.iter().find(|(f, _)| *f == field) else {
            continue;
        };
        let text = &headers[column - 1];
        let units = amount_units(text);
        if let Some(((one, _), (other, _))) = units
            .iter()
            .zip(units.iter().skip(1))
            .find(|((_, a), (_, b))| a != b)
        {
            findings.push(
                Finding::error(
                    file,
                    format!(
                        "{text}: says two units, {one} and {other} (keep the one its figures are \
                         in)"
                    ),
                )
                .at(header.line_of(column), Some(column)),
            );
            continue;
        }
        let unit = match (amount_unit(text), &said_above) {
            // (An unknown unit said above is named once, above.)
            (Some(Unit::Unknown(unit)), _) => {
                // (In a header over two rows, the unit is in either.)
                let said_in = match &upper {
                    Some(upper) if !header.cell(column).text().contains(unit.as_str()) => upper,
                    _ => &header,
                };
                findings.push(unknown_unit(text, &unit, said_in.line_of(column), column));
                continue;
            }
            (Some(unit), above) => {
                match above {
                    Some((said, ..)) if *said == unit => as_above = true,
                    Some(_) => own_unit.push(text.as_str()),
                    None => {}
                }
                unit
            }
            (None, Some((unit, ..))) => {
                scaled_by_title.push(text.as_str());
                unit.clone()
            }
            (None, None) => continue,
        };
        if let Unit::Scaled(factor) = unit {
            scales.push((field, factor));
        }
    }
    if let Some((Unit::Scaled(_), line, column, text)) = &said_above
        && !scaled_by_title.is_empty()
    {
        findings.push(
            Finding::note(
                file,
                format!(
                    "{}: read as \"{text}\" above the table says (their headers give no unit)",
                    scaled_by_title.join(", ")
                ),
            )
            .at(*line, Some(*column)),
        );
    }
    // A unit said above that no amount column takes, as each header says another: the title or
    // the headers are wrong, and the figures may be 10,000 times what they are read as.
    if let Some((Unit::Wan | Unit::Scaled(_), line, column, text)) = &said_above
        && scaled_by_title.is_empty()
        && !as_above
        && !own_unit.is_empty()
    {
        let (say, their) = match own_unit.len() {
            1 => ("says", "its"),
            _ => ("say", "their"),
        };
        findings.push(
            Finding::warning(
                file,
                format!(
                    "\"{text}\" above the table is the unit of no amount column: {} {say} \
                     another, which {their} figures are read in (correct the title or the \
                     headers, whichever is wrong)",
                    own_unit.join(", "),
                ),
            )
            .at(*line, Some(*column)),
        );
    }
    // Each left column's unit, for comparing its figures with the column read (none where the
    // unit is one xmtool does not convert).
    let factor = |column: usize| match amount_unit(&headers[column - 1]) {
        Some(unit) => unit.factor(),
        None => {
            (said_above.as_ref()).map_or(Some(rust_decimal::Decimal::ONE), |(u, ..)| u.factor())
        }
    };
    let doubled = left
        .into_iter()
        .map(|(field, column)| (field, column, factor(column)))
        .collect();
    let plans = plans
        .into_iter()
        .map(|(year, column)| (year, column, factor(column)))
        .collect();
    // (Nor one in a unit said above the header that xmtool does not convert: the plan is not
    // read then.)
    let plan_fallback = plan_fallback.and_then(|column| Some((column, factor(column)?)));
    // (A header named in settings is the year-to-date the clerk says it is, whatever month it
    // names: `截止6月底累计`, kept in July's copy of the form.)
    let ytd_through = header_of(Field::YtdInvestment)
        .filter(|h| !matcher.named_in_settings(Field::YtdInvestment, h))
        .and_then(|h| ytd_said(h));
    let month_of = header_of(Field::MonthInvestment).and_then(|h| month_figure_said(h));
    let layout = Arc::new(Layout {
        file: file.to_string(),
        columns,
        headers,
        scales,
        doubled,
        ytd_through,
        month_of,
        spread: Default::default(),
        differing: Default::default(),
        unknown_statuses: Default::default(),
        refused: Default::default(),
        plans,
        plan_fallback,
        workbook: !grid.delimited,
        date1904: grid.date1904,
    });
    let mut missing = false;
    for field in required {
        if layout.column(*field).is_none() {
            missing = true;
            findings.push(
                Finding::error(
                    file,
                    format!(
                        "required column {} is missing (looked for {}, {}; a column of \
                         another name is read as it once named under [aliases] {} in \
                         xmtool.toml)",
                        field.label(),
                        matcher.looked_for(*field),
                        field.key(),
                        field.key()
                    ),
                )
                .at(header.line, None),
            );
        }
    }
    if missing {
        return None;
    }

    let id_col = layout.column(Field::Id)?;
    let mut by_field = [0; Field::ALL.len()];
    for &(field, column) in &layout.columns {
        if let Some(slot) = by_field.get_mut(field as usize) {
            *slot = column;
        }
    }
    let header_width = header.width().max(upper.as_ref().map_or(0, Row::width));
    let plan_year = (layout.column(Field::AnnualPlan))
        .and_then(|c| layout.headers.get(c - 1))
        .and_then(|h| plan_year_said(h));
    Some(Table {
        columns: by_field,
        plan_year_said: plan_year,
        layout,
        header_line: header.line,
        header_len: header.len().max(upper.as_ref().map_or(0, Row::len)),
        header_width,
        id_col,
        pending: data.into(),
        blank: Vec::new(),
        zeros: Vec::new(),
        unheaded: (1..header_width)
            .filter(|&c| {
                header_rows
                    .iter()
                    .all(|h| h.get(c - 1).is_none_or(|t| t.trim().is_empty()))
            })
            .collect(),
        stray: Vec::new(),
        swallowed: Vec::new(),
        damaged_rows: 0,
        headed_width: header_width,
        id_header_lettered: header_rows.iter().any(|h| {
            h.get(id_col - 1)
                .and_then(|id| id.as_bytes().first())
                .is_some_and(u8::is_ascii_alphabetic)
        }),
        header_names: header_rows
            .iter()
            .flatten()
            .filter(|h| !h.trim().is_empty())
            .map(|h| normalize(h))
            .collect(),
        header_rows,
        first_row: true,
        headings: Vec::new(),
        titles: rows
            .iter()
            .flat_map(|r| {
                r.iter().enumerate().filter_map(|(i, c)| {
                    let text = c.text();
                    let text = text.trim();
                    (!text.is_empty()).then(|| (r.line_of(i + 1), i + 1, text.to_string()))
                })
            })
            .collect(),
    })
}

/// Whether a header reads like an amount invested or completed (`累计`, `完成额`, `投资`) rather
/// than a rate, a plan or a comparison.
fn worded_like_investment(header: &str) -> bool {
    let n = normalize(header);
    // (Not last month's or year's, 上月累计 or 上年同期, as a form gives for reference: never this
    // month's figure.)
    (n.contains("累计") || n.contains("投资") || n.contains("完成"))
        && ![
            "率", "%", "计划", "比", "时间", "日期", "情况", "进度", "上月", "前月", "上期",
            "上年", "去年", "同期",
        ]
        .iter()
        .any(|w| n.contains(w))
}

/// The first column read where `row` does not repeat the header row `header` (bracket widths
/// aside), with its text and the header's; `None` where it repeats it.
fn differs_from(
    row: &Row,
    header: &[String],
    columns: &[(Field, usize)],
) -> Option<(usize, String, String)> {
    columns.iter().find_map(|&(_, column)| {
        let said = header.get(column - 1).map_or("", String::as_str);
        let text = row.cell(column).text();
        (normalize(&text) != normalize(said))
            .then(|| (column, text.trim().to_string(), said.to_string()))
    })
}

/// A header written over two rows, read as one.
#[derive(Debug, Default)]
struct Band {
    /// Each column's header.
    texts: Vec<String>,
    /// How the columns the second row adds to were read, for the note.
    read: Vec<String>,
    /// Group headers over two or more names under them of which none makes a header xmtool
    /// reads (本月, 累计 under 计划完成投资): their columns are not read, for the note.
    unread: Vec<String>,
}

impl Band {
    /// The next column's header, as one row gives it.
    fn keep(&mut self, text: String) {
        self.texts.push(text);
    }

    /// The next column's header, made of both rows.
    fn join(&mut self, text: String) {
        self.read.push(text.clone());
        self.texts.push(text);
    }
}

/// Whether `lower` goes on the header `upper` begins, and the two read as one: each of its cells
/// under one of `upper`'s is empty, the same text (a cell merged down over both), a unit (万元
/// under 本月完成投资, and the amount columns after it with none of their own, as a unit merged
/// across them leaves them; `%` under 完成率, adding nothing), a name that makes a column's header
/// with the group header above it (本月, 累计 under 完成投资（万元）, a cell merged across them or
/// written in the first), or a header under a group header (总投资 under 投资（亿元）, 项目编号
/// under 项目基本情况); under an empty cell, any header. It must add a unit or a name somewhere,
/// or it is no part of the header. A title or a unit said above the header (（单位：亿元）) is no
/// group header, and an amount's group header whose words are not known (计划完成投资, 2023年
/// 完成投资) joins nothing: names under it spanning its columns (本月, 累计) make the rows one
/// header all the same, and their columns are not read (`Band::unread`).
fn second_row(matcher: &HeaderMatcher, upper: &Row, lower: &Row) -> Option<Band> {
    let named = |text: &str| matcher.named(text);
    let width = upper.len().max(lower.len());
    let mut band = Band::default();
    // The cell above a run of names under it, as a spreadsheet written as text leaves a cell
    // merged across several: in the first, the others empty.
    let mut group: Option<String> = None;
    // A money unit in the row, for the amount columns after it with no cell of their own.
    let mut unit_here: Option<String> = None;
    // A row of headers above, not a title in one cell (for a group header not read).
    let headers_above = upper.iter().filter(|c| !c.is_empty()).count() >= 2;
    for column in 1..=width {
        let above = upper.cell(column).text().trim().to_string();
        let below = match lower.cell(column) {
            CellRef::Empty | CellRef::Unworked => "",
            CellRef::Text(t) => t.trim(),
            // (A figure is data, not a header.)
            CellRef::Number(_) | CellRef::Date(_) => return None,
        };
        let amount_above = named(&above).is_some_and(Field::is_amount);
        if below.is_empty() || below == above {
            group = None;
            match &unit_here {
                Some(unit) if below.is_empty() && amount_above && amount_unit(&above).is_none() => {
                    band.join(format!("{above}（{unit}）"))
                }
                _ => band.keep(above),
            }
            continue;
        }
        if let Some(unit) = unit_below(below) {
            group = None;
            unit_here = unit.clone().or(unit_here);
            match unit {
                Some(unit) if amount_above => band.join(format!("{above}（{unit}）")),
                _ => band.keep(above),
            }
            continue;
        }
        unit_here = None;
        let over = if above.is_empty() {
            group.take()
        } else {
            Some(above.clone())
        };
        // A share under an amount's header (占年度计划（%） beside 金额（万元） under 累计完成投资
        // merged across both): a column not read, its header saying so.
        if let Some(over) = over
            .as_deref()
            .filter(|o| named(o).is_some_and(Field::is_amount))
            && (says_a_share(below) || below.starts_with('占'))
        {
            band.keep(format!("{over}{below}"));
            group = Some(over.to_string());
            continue;
        }
        let text = over
            .as_deref()
            .and_then(|over| under_group(matcher, over, below));
        match text {
            // (A header that is one alone, under a group saying nothing of it, adds nothing.)
            Some(text) => {
                group = over;
                if text == below {
                    band.keep(text);
                } else {
                    band.join(text);
                }
            }
            // A name under a group header that makes no header xmtool reads (上月累计 under
            // 完成投资, 本月 under 计划完成投资): a column not read, beside others that may be;
            // the run of names under the group goes on. (A value under a header, as a data row
            // has, is no second header row.)
            None => match over {
                Some(over) if named(&over).is_none() && named(below).is_none() => {
                    band.keep(format!("{over}{below}"));
                    // (A group cell spanning names, written in the first of its columns: an
                    // amount's, in a row of headers. A title above the header, in one cell and
                    // saying its unit or month, is none.)
                    if above.is_empty()
                        && band.unread.last() != Some(&over)
                        && over.contains("投资")
                        && !title_like(CellRef::Text(&over))
                        && headers_above
                    {
                        band.unread.push(over.clone());
                    }
                    group = Some(over);
                }
                // (A name under a group that is a header itself, `开工以来累计` beside `本年累计`
                // under `截至6月底完成投资`: not read, and the group goes on over the next.)
                Some(over) if above.is_empty() => {
                    band.keep(below.to_string());
                    group = Some(over);
                }
                _ if above.is_empty() => band.keep(below.to_string()),
                _ => return None,
            },
        }
    }
    // Names under a group header spanning columns make a header row even where none of them
    // is read (本月, 累计 under 计划完成投资): they are not data.
    (!band.read.is_empty() || !band.unread.is_empty()).then_some(band)
}

/// The header of a column with `below` under the group header `over`, if they make one: see
/// `second_row`. Words of the group that say its figures are not this year's (上年同期, 开工以来)
/// go with the column, so that it is not read as this year's.
fn under_group(matcher: &HeaderMatcher, over: &str, below: &str) -> Option<String> {
    let named = |text: &str| matcher.named(text);
    let plain = plain(over);
    let brackets = &over[plain.len()..];
    // (Only a bracket: a unit said above the header, or a note; no group.)
    if plain.trim().is_empty() {
        return None;
    }
    let other_years = not_this_years(Field::YtdInvestment, over);
    // A group saying its year (2024年完成投资 over 本月 and 累计): the year heads each of its
    // columns' headers (2024年累计完成投资), which rows check against their month.
    let normalized = normalize(plain);
    let (year, unyeared) = super::header::year_said(&normalized);
    // A group saying the months to date it is for (`1-6月完成投资`, `截至6月底完成投资` over 本月
    // and 累计): 本月 is that month's figure (`6月完成投资`), 累计 the year-to-date to it
    // (`1-6月完成投资`), which rows check against their month.
    let (through, unyeared) = match super::header::months_to_date_said(&normalized) {
        Some((month, rest)) if rest == "完成" || NEUTRAL_GROUPS.contains(&rest) => {
            (Some(month), rest)
        }
        _ => (None, unyeared),
    };
    let known = other_years || NEUTRAL_GROUPS.contains(&unyeared) || through.is_some();
    let yeared = |text: String| match year {
        Some(year) if named(&format!("{year}年{text}")).is_some() => format!("{year}年{text}"),
        _ => text,
    };
    // (Not a header saying its months already: 其中：本年1-6月完成投资 is read as such; nor one
    // saying it is not this year's: 开工以来累计 beside 本年累计.)
    let dated = |text: String| {
        let (Some(month), Some(field)) = (through, named(&text)) else {
            return text;
        };
        if super::header::months_to_date_said(&normalize(&text)).is_some()
            || not_this_years(field, &text)
        {
            return text;
        }
        let months = match field {
            Field::YtdInvestment => format!("1-{month}"),
            Field::MonthInvestment => month.to_string(),
            _ => return text,
        };
        let year = year.map_or(String::new(), |y| format!("{y}年"));
        let units = &text[self::plain(&text).len()..];
        format!("{year}{months}月完成投资{units}")
    };
    let mark = |text: String| {
        let text = dated(text);
        let field = named(&text)?;
        Some(
            if other_years && field.is_amount() && !not_this_years(field, &text) {
                format!("{text}（{plain}）")
            } else {
                text
            },
        )
    };
    // 合计 under 累计完成投资 (beside 其中：本年 under it too): the group's own figure.
    if matches!(
        normalize(below).as_str(),
        "合计" | "小计" | "总计" | "合计数"
    ) {
        return mark(over.to_string());
    }
    // A unit on either row goes at the end of the header they make (本月（万元） under 完成投资
    // is 本月完成投资（万元）); the two rows' units both, where they differ, for the error.
    let below_brackets = &below[self::plain(below).len()..];
    let below_plain = below[..below.len() - below_brackets.len()].trim_end();
    let units = if below_brackets.is_empty() || below_brackets == brackets {
        brackets.to_string()
    } else {
        format!("{brackets}{below_brackets}")
    };
    // 金额（万元） under 累计完成投资 (beside its share of the plan under it too): the group's own
    // figure.
    if named(over).is_some_and(Field::is_amount)
        && matches!(
            below_plain,
            "金额" | "数额" | "金额数" | "绝对额" | "绝对数" | "完成额" | "投资额" | "完成数"
        )
    {
        return mark(format!("{plain}{units}"));
    }
    if let Some(field) = named(below) {
        return match (field.is_amount(), known) {
            (false, _) => Some(below.to_string()),
            (true, true) => mark(yeared(format!("{below}{brackets}"))),
            (true, false) => None,
        };
    }
    let core = (known && (unyeared.contains("投资") || unyeared.ends_with("完成"))).then(|| {
        let below = below_plain
            .trim_end_matches("完成投资")
            .trim_end_matches("投资")
            .trim_end_matches("完成");
        yeared(format!("{below}完成投资{units}"))
    });
    // (And before the group as read: 其中：本年 under `截至6月底累计完成投资` is
    // `其中：本年1-6月累计完成投资`.)
    [
        format!("{below_plain}{plain}{units}"),
        format!("{plain}{below_plain}{units}"),
        format!("{below_plain}{normalized}{units}"),
    ]
    .into_iter()
    .chain(core)
    .find(|t| named(t).is_some())
    .and_then(mark)
}

/// Group headers over amount columns that say nothing of whose figures they are, normalised.
const NEUTRAL_GROUPS: [&str; 22] = [
    "投资",
    "投资情况",
    "投资额",
    "完成投资",
    "完成投资额",
    "完成投资情况",
    "投资完成",
    "投资完成额",
    "投资完成情况",
    "完成情况",
    "实际完成投资",
    "本年完成投资",
    "本年投资",
    "今年完成投资",
    // (Headers of this year's year-to-date, heading 本月 and 累计 as groups.)
    "本年度完成投资",
    "本年累计完成投资",
    "今年以来完成投资",
    "当年完成投资",
    "本年完成",
    "本年度完成",
    "资金",
    "金额",
];

/// Whether `below` is a row of units under a header of two rows, `band` (its second row
/// `lower`): each of its cells empty, the cell above it (merged down over the three rows), or a
/// unit, an amount's at least once. Its units are then put on `band`'s amount headers, as
/// `second_row` puts a second row's: the header's, with a unit merged across the amount
/// columns after it.
fn units_under(matcher: &HeaderMatcher, band: &mut Band, lower: &Row, below: &Row) -> bool {
    let mut units: Vec<Option<String>> = Vec::with_capacity(band.texts.len());
    let mut unit_here: Option<String> = None;
    let mut money = false;
    for (i, above) in band.texts.iter().enumerate() {
        let text = match below.cell(i + 1) {
            CellRef::Empty | CellRef::Unworked => "",
            CellRef::Text(t) => t.trim(),
            CellRef::Number(_) | CellRef::Date(_) => return false,
        };
        let amount =
            matcher.named(above).is_some_and(Field::is_amount) && amount_unit(above).is_none();
        if text.is_empty() || text == above || text == lower.cell(i + 1).text().trim() {
            units.push(unit_here.clone().filter(|_| text.is_empty() && amount));
            continue;
        }
        match unit_below(text) {
            Some(unit) => {
                money |= unit.is_some();
                unit_here = unit.clone().or(unit_here);
                units.push(unit.filter(|_| amount));
            }
            None => return false,
        }
    }
    if !money
        || below.len() > band.texts.len()
            && below.iter().skip(band.texts.len()).any(|c| !c.is_empty())
    {
        return false;
    }
    for (text, unit) in band.texts.iter_mut().zip(units) {
        if let Some(unit) = unit {
            let was = std::mem::take(text);
            *text = format!("{was}（{unit}）");
            match band.read.iter_mut().find(|read| **read == was) {
                Some(read) => *read = text.clone(),
                None => band.read.push(text.clone()),
            }
        }
    }
    true
}

/// The unit a cell of a header's second row names alone: `Some(unit)` for an amount's (`万元`,
/// `（万元）`, `单位：亿元`), `None` for another (`%`, `个`, `年.月`).
fn unit_below(text: &str) -> Option<Option<String>> {
    const OTHERS: [&str; 12] = [
        "%",
        "％",
        "个",
        "项",
        "年.月",
        "年月",
        "年/月",
        "年-月",
        "年月日",
        "亩",
        "平方米",
        "公里",
    ];
    let unit = text.trim_matches(|c: char| "（）()[]【】 ".contains(c));
    // (A name with its unit, 本月（万元）, is no unit alone; 单位（万元） and 万元（人民币） are.)
    let before = plain(unit)
        .trim_start_matches("单位")
        .trim_end_matches([':', '：', ' ']);
    if !before.is_empty() && !OTHERS.contains(&before) && unit_named(before).is_none() {
        return None;
    }
    if OTHERS.contains(&unit) {
        return Some(None);
    }
    unit_named(unit).map(|_| Some(unit.to_string()))
}

/// A header without its brackets: `完成投资` of `完成投资（万元）`.
fn plain(header: &str) -> &str {
    header
        .find(['（', '(', '[', '【'])
        .map_or(header, |at| &header[..at])
}

/// Why an investment column is not read, where its header says its figures are not this year's.
pub fn other_years(column: usize, header: &str) -> String {
    format!(
        "; column {column} \"{}\" counts from the project's start, or over other years, not \
         from 1 January of this one",
        header.trim()
    )
}

/// What a row that runs over several lines (line ends in quoted cells) says of them.
fn quoted_lines(line: u64, more: u64) -> String {
    format!(
        "the row runs over lines {line}-{} in quoted cells: is a quote not closed where it was \
         meant to be?",
        line + more
    )
}

/// The cell of a short delimited row whose quotes took in separators: its column, how many,
/// and its first 30 characters. A quote opening a cell and closing past the separators meant to
/// end it (`"金川区公路港项目,金川区,…,9"328`) leaves the row short; the text after its closing
/// quote, which no spreadsheet writes, tells it from a cell quoted to hold a separator.
fn quoted_separators(row: &Row, delimiter: u8) -> Option<(usize, usize, String)> {
    let column = row.text_after_quote()?;
    let text = row.cell(column).text();
    let n = text.matches(char::from(delimiter)).count();
    (n > 0).then(|| (column, n, text.chars().take(30).collect()))
}

/// A cell of a delimited row, run over several lines by quotes, holding a line that looks like
/// a row of the file (of three columns or more): its column, and the line's first 40
/// characters. Such a line was most likely a row, read into the cell by a stray quote.
fn line_like_a_row(row: &Row, delimiter: u8, header_len: usize) -> Option<(usize, String)> {
    if row.more_lines() == 0 || header_len < 3 {
        return None;
    }
    // (As the file holds it: a cell whose quote ends its first line starts with that line end.)
    (1..=row.len()).find_map(|c| {
        let text = row
            .raw_cell(c)
            .map_or_else(|| row.cell(c).text(), std::borrow::Cow::Borrowed);
        let line = lines_after_the_first(&text).find(|l| like_a_row(l, delimiter, header_len))?;
        Some((c, line.chars().take(40).collect()))
    })
}

/// A cell's lines after its first: in a quoted cell that took rows in, those rows.
fn lines_after_the_first(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r']).skip(1)
}

/// Whether a line of a cell looks like a row: exactly as many separators as the header's, its
/// first value one an id could be (letters, digits, `-`, `_`): not a note of several lines that
/// lists things.
fn like_a_row(line: &str, delimiter: u8, header_len: usize) -> bool {
    line.bytes().filter(|&b| b == delimiter).count() + 1 == header_len
        && begins_as_a_row(line, delimiter)
}

/// Whether a line's first value is one an id or a 序号 could be (letters, digits, `-`, `_`).
fn begins_as_a_row(line: &str, delimiter: u8) -> bool {
    let first = line
        .split(char::from(delimiter))
        .next()
        .unwrap_or("")
        .trim();
    !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The ids (in the 1-based `id_col`) in the text of a quoted cell in 1-based `column` that took
/// rows in: of its lines after the first that begin as rows do (the last may be cut short where
/// the quote closed), and of the cell's own row where the quote opened at or before its id (its
/// first line then holds the rest of the row).
fn ids_of_rows_in(text: &str, column: usize, delimiter: u8, id_col: usize) -> Vec<String> {
    let separator = char::from(delimiter);
    let own = id_col
        .checked_sub(column)
        .and_then(|at| text.split(['\n', '\r']).next()?.split(separator).nth(at));
    let rows = lines_after_the_first(text)
        .filter(|l| begins_as_a_row(l, delimiter))
        .filter_map(|l| l.split(separator).nth(id_col.checked_sub(1)?));
    // (As ids are read: trimmed, in half-width characters.)
    own.into_iter()
        .chain(rows)
        .map(|id| super::value::to_halfwidth(id.trim()).into_owned())
        .filter(|id| !id.is_empty())
        .collect()
}

/// The lines below its own that a cell whose quote is never closed took in: the line ends in
/// it, less those the file ends with (a quote at the end of its line takes in the next).
fn lines_taken_in(row: &Row, column: usize) -> u64 {
    let raw = row.raw_cell(column).unwrap_or("");
    super::split::line_ends(raw.trim_end_matches(['\r', '\n']))
}

/// An error for a delimited row with a cell whose opening quote is never closed: the rest of
/// the file was read into that cell, and its rows lost.
fn note_unclosed_quote(file: &str, row: &Row, findings: &mut Vec<Finding>) {
    let Some(column) = row.unclosed_quote() else {
        return;
    };
    let message = match lines_taken_in(row, column) {
        0 => "a quote opens this cell and is never closed (close it, or take it out)".to_string(),
        n => format!(
            "a quote opens this cell and is never closed: the {n} line{} after it, to the end of \
             the file, {} read as part of this cell, and no row there was read (close the \
             quote, or take it out)",
            plural(n as usize),
            if n == 1 { "was" } else { "were" }
        ),
    };
    findings.push(Finding::error(file, message).at(row.line_of(column), Some(column)));
}

/// The note on a header's second row, its cells merged down from the header, not read as one
/// with it: its own names (开工, 竣工 under 计划时间) are not read.
fn header_second_row(file: &str, row: &Row) -> Finding {
    let own: Vec<String> = (1..=row.len())
        .filter(|&c| !row.merged_down(c))
        .map(|c| row.cell(c).text().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let unread = match own.is_empty() {
        true => String::new(),
        false => format!(
            ": its own names ({}) are not read as headers (write each column's whole header in \
             one row or the other, 计划开工时间)",
            own.join(", ")
        ),
    };
    Finding::note(
        file,
        format!("skipped the header's second row, its cells merged down from the header's{unread}"),
    )
    .at(row.line, None)
}

/// Whether a cell is text all ASCII beginning with a letter, as most ids are: no label of a
/// total (`label_of`), a part (`part_label`) or a remark (`remarks`), no signature
/// (`signatures`), and no heading (`heading_like`, `title_like`).
fn lettered_ascii(cell: CellRef) -> bool {
    matches!(cell, CellRef::Text(t)
        if t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && t.is_ascii())
}

/// Whether a cell's text begins as an id does, with an ASCII letter or digit: a label, a name
/// or a heading does not.
fn begins_like_an_id(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
}

/// Who filled in and checked a form, as its last row says (填表人：张三  审核人：李四).
const SIGNED: [&str; 16] = [
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审批人",
    "负责人",
    "联系人",
    "联系电话",
    "填表日期",
    "填报日期",
    "制表日期",
    "分管领导",
    "主管领导",
    "经办人",
    "填报单位",
    "填表单位",
];

/// The text of a row of signatures below a form, if this row is one: its id cell begins with a
/// `SIGNED` label or has one ending its label before a colon (`单位负责人：`), or is empty and
/// its first cell with text does; or its first cell with text is such a label alone with its
/// colon, the name after it in cells of their own (`填表人：`, `张三` under 项目编号, where an
/// id, beginning with a letter or digit, is not).
fn signatures(row: &Row, id_cell: CellRef) -> Option<String> {
    // (Under 项目编号 a name, 张三, not an id: an id begins with a letter or digit.)
    let named = |c: CellRef| match c {
        CellRef::Text(t) => !begins_like_an_id(t),
        _ => false,
    };
    if named(id_cell)
        && let Some(CellRef::Text(first)) = row.iter().find(|c| !c.is_empty())
        && first.trim_end().ends_with([':', '：'])
        && let Some((label, "")) = first.trim().split_once([':', '：'])
        && signed(label, label)
    {
        let cells: Vec<&str> = row
            .iter()
            .filter_map(|c| match c {
                CellRef::Text(t) if !t.trim().is_empty() => Some(t.trim()),
                _ => None,
            })
            .collect();
        return Some(cells.join(" "));
    }
    let first = match id_cell.is_empty() {
        true => row.iter().find(|c| !c.is_empty())?,
        false => id_cell,
    };
    // (A number or date is no one's name: nothing to make text of, on every row.)
    let CellRef::Text(text) = first else {
        return None;
    };
    // (Ids begin with a letter or digit: most rows are passed at once, before trimming.)
    if begins_like_an_id(text) {
        return None;
    }
    let text = text.trim();
    if text.as_bytes().first().is_none_or(u8::is_ascii) {
        return None;
    }
    // (单位负责人：李四, 主要负责人：, a label ending in one, before its colon.)
    let label = text.split_once([':', '：']).map_or("", |(label, _)| label);
    signed(text, label).then(|| text.to_string())
}

/// Whether `text` begins with a `SIGNED` label, or `label` (before a colon) ends with one or is
/// one of theirs said short, 审核 or 制表 (which begin words too: 审核中心).
fn signed(text: &str, label: &str) -> bool {
    let label = label.trim();
    matches!(
        label,
        "审核" | "制表" | "填表" | "填报" | "复核" | "审批" | "编制"
    ) || SIGNED
        .iter()
        .any(|signed| text.starts_with(signed) || (!label.is_empty() && label.ends_with(signed)))
}

/// The words a remark below a form begins with (备注：, 注1：), before a colon or nothing.
const REMARKS: [&str; 6] = ["填表说明", "备注", "附注", "注释", "说明", "注"];

/// Whether a cell's text begins as a remark does: a word of `REMARKS`, perhaps numbered, then
/// a colon or nothing (`备注：本表由县发改局汇总`, `注1：`, `说明`).
fn labels_a_remark(text: &str) -> bool {
    let Some(rest) = REMARKS
        .iter()
        .find_map(|label| text.trim().strip_prefix(label))
    else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.is_empty() || rest.starts_with([':', '：'])
}

/// Remarks below a form, as a row says them: `备注：`, `注：`, `说明：`, `注1：` … (or the word alone,
/// `备注`) in its first cell with text, the remark after it or in the cells beside, where the
/// 项目编号 cell is that label, empty, or no id (`本表数据截至6月25日`, beginning with no letter or
/// digit; `A3项目已停工`, a sentence of four Chinese characters or more, which no id is). The
/// row's text, its cells joined.
fn remarks(row: &Row, id_cell: CellRef) -> Option<String> {
    let no_id = match id_cell {
        CellRef::Empty => true,
        // (Text all ASCII, as most ids are, has no Chinese character: passed at once.)
        CellRef::Text(t) => {
            !begins_like_an_id(t)
                || !t.is_ascii() && t.chars().filter(|&c| is_ideograph(c)).nth(3).is_some()
        }
        _ => false,
    };
    if !no_id {
        return None;
    }
    let Some(CellRef::Text(first)) = row.iter().find(|c| !c.is_empty()) else {
        return None;
    };
    if !labels_a_remark(first) {
        return None;
    }
    let cells: Vec<String> = row
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.text().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    Some(cells.join(" "))
}

/// Whether a row numbers the columns above it, as statistical forms do under the header (栏次:
/// `甲, 乙, 丙, 1, 2, 3` or `1, 2, 3, 4`): three cells or more, each a stem (甲 to 癸) or the word
/// 栏次, or the next of a run of whole numbers; two numbers at least, or one beside a stem or the
/// word.
fn numbers_columns(row: &Row) -> bool {
    let (mut cells, mut numbers, mut stems, mut worded) = (0, 0, 0, false);
    let mut last: Option<u64> = None;
    for cell in row.iter() {
        let text = match cell {
            CellRef::Empty | CellRef::Unworked => continue,
            CellRef::Text(t) => t.trim().to_string(),
            CellRef::Number(n) => number_text(n),
            CellRef::Date(_) => return false,
        };
        cells += 1;
        let word = text == "栏次";
        let stem = text.chars().count() == 1 && "甲乙丙丁戊己庚辛壬癸".contains(text.as_str());
        worded |= word;
        stems += usize::from(stem);
        if word || stem {
            continue;
        }
        match text.parse::<u64>() {
            Ok(n) if last.is_none_or(|l| l + 1 == n) => {
                last = Some(n);
                numbers += 1;
            }
            _ => return false,
        }
    }
    cells >= 3 && (numbers >= 2 || worded || stems > 0 && numbers > 0)
}

/// Whether an id cell reads as a title (河西区重点项目6月进展表, 2024年6月重点项目进展情况): 8
/// Chinese characters or more, which no id has, digits or not.
fn title_like(cell: CellRef) -> bool {
    let CellRef::Text(t) = cell else {
        return false;
    };
    // (Eight Chinese characters take 24 bytes: most ids are passed at once.)
    t.len() >= 24 && !t.is_ascii() && t.chars().filter(|&c| is_ideograph(c)).nth(7).is_some()
}

/// Whether an id cell reads as a section heading (一、工业项目, （二）城建项目, 1、续建项目)
/// rather than an id: text with no ASCII letter or digit, or a number followed by 、. (Ids have
/// digits or letters: A1, XM-001, 2024-620000-47-01-123456.)
fn heading_like(cell: CellRef) -> bool {
    let CellRef::Text(t) = cell else {
        return false;
    };
    // (Most ids begin with a letter: passed at once.)
    if t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let t = t.trim();
    // (1、续建项目, or a note numbered so: 2.金额单位：万元, not 1.5.)
    let after = t.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let numbered = after.starts_with('、')
        || after
            .strip_prefix(['.', '．'])
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_ascii()));
    numbered || !t.contains(|c: char| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c))
}

/// What a heading says of its section's projects' 建设性质 (一、续建项目（8个）: 续建; 三、预备项目:
/// 预备; 一、工业项目: nothing), with the form of its number (`一、`, `（二）`, `1、` as `N、`,
/// `（N）`; none for a heading not numbered), which headings of one level share.
pub fn section_nature(text: &str) -> (String, Option<Nature>) {
    let text = text.trim();
    let rest = numbering(text).unwrap_or(text);
    let mut form = String::new();
    for c in text[..text.len() - rest.len()].chars() {
        match c {
            _ if "一二三四五六七八九十".contains(c) || c.is_ascii_digit() => {
                if !form.ends_with('N') {
                    form.push('N');
                }
            }
            _ => form.push(c),
        }
    }
    // (A number in a cell of its own is shown apart from its caption: `二、 续建项目`.)
    let words = rest
        .trim_start()
        .split(['（', '(', ' ', '　', '：', ':', '，', ','])
        .next();
    (form, words.and_then(Nature::parse))
}

/// What follows a section heading's number, if a (trimmed) cell begins with one: `续建项目` of
/// 一、续建项目, （二）城建项目 or 1、续建项目, `部分` of 第三部分; empty for a Chinese number
/// alone (二、, （二）, or 二 with no mark, as a 序号 column numbers its sections). A number and
/// 、 alone is a row's number, not a heading's.
fn numbering(t: &str) -> Option<&str> {
    fn numbered(t: &str) -> Option<&str> {
        let rest = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
        (rest.len() < t.len()).then_some(rest)
    }
    // (Most cells, ids, begin with a letter, or digits and no 、: passed at once.)
    let first = *t.as_bytes().first()?;
    if first.is_ascii() {
        if first.is_ascii_digit() {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            return rest.strip_prefix('、').filter(|rest| !rest.is_empty());
        }
        if first != b'(' {
            return None;
        }
    }
    // (第二污水处理厂 is a name: a heading says what it numbers, 第三部分, 第二批.)
    if let Some(rest) = t.strip_prefix('第') {
        return numbered(rest).filter(|rest| {
            ["部分", "类", "批", "篇", "章", "节"]
                .iter()
                .any(|what| rest.starts_with(what))
        });
    }
    if let Some(inside) = t.strip_prefix(['（', '(']) {
        return numbered(inside)?.strip_prefix(['）', ')']);
    }
    match numbered(t)? {
        "" => Some(""),
        rest => rest.strip_prefix(['、', '．', '.']),
    }
}

/// Whether a row holds nothing but zeros, and months beside them: a form's formulas (`=C3+D3`,
/// saved as 0, or a rate saved as 0%) or its 报告月份 filled down below the projects. Such a
/// row gives no figure.
fn zeros_alone(row: &Row) -> bool {
    use super::value::parse_amount;
    let is_zero = |t: &str| matches!(parse_amount(t), Ok(Some(a)) if a.is_zero());
    let mut zero = false;
    for cell in row.iter() {
        match cell {
            CellRef::Empty | CellRef::Date(_) | CellRef::Unworked => {}
            CellRef::Number(0.0) => zero = true,
            CellRef::Number(_) => return false,
            CellRef::Text(t) => match parse_amount(t) {
                Ok(Some(a)) if a.is_zero() => zero = true,
                _ if t.trim_end().strip_suffix(['%', '％']).is_some_and(is_zero) => zero = true,
                _ if matches!(super::value::parse_month(t), Ok(Some(_))) => {}
                _ => return false,
            },
        }
    }
    zero
}

/// The words a table's total row says (汇总, as Excel's total row of a table is labelled in
/// Chinese).
pub(super) const TOTALS: [&str; 5] = ["合计", "总计", "小计", "共计", "汇总"];

/// What a label of the whole area's total begins with: 全市合计, 全县总计.
const WHOLE: [&str; 4] = ["全市", "全县", "全区", "全部"];

/// The label of a 合计/总计/小计/共计/汇总 row, if this row is one: its id cell is empty, says
/// nothing (`—`, `/`), or holds the label; the label is in one of its first six cells, or in
/// the columns of `named_by` (项目名称, 所属县区: `东区（小计）` under 项目名称 in column 9).
fn total_label(
    row: &Row,
    id_cell: CellRef,
    named_by: impl Iterator<Item = usize>,
) -> Option<String> {
    // (A total row's text cells are often given a dash or a slash, `合计, —, —, 450`; an id,
    // beginning with a letter or digit, is passed at once.)
    let placeholder = match id_cell {
        CellRef::Text(t) => {
            !begins_like_an_id(t) && super::value::blank_or_dashes(super::value::trim(t))
        }
        _ => false,
    };
    let is_label = |c| label_of(c, false);
    if !id_cell.is_empty() && !placeholder {
        return is_label(id_cell);
    }
    row.iter().take(6).find_map(is_label).or_else(|| {
        named_by
            .filter(|&c| c > 6)
            .find_map(|c| is_label(row.cell(c)))
    })
}

/// The label of a total row whose id cell holds a count or a sum (`合计, 2, , 3584.5` under
/// 序号, 项目编号), if this row is one: a cell before the id's (of the first six) or its
/// 项目名称 that is a label and nothing else (a project's name may begin or end with one,
/// 总计划项目, 政务数据汇总, and come before its id). (Not every cell of every row: a report's
/// rows are read by the million.)
fn total_beside_id(row: &Row, id_col: usize, name_col: Option<usize>) -> Option<String> {
    (1..id_col.min(7))
        .chain(name_col.filter(|&c| c > id_col || c > 6))
        .find_map(|c| label_of(row.cell(c), true))
}

/// A cell's text where it labels a total row (合计, 合计：, 合计（万元）, 全市合计, 金川区小计,
/// 合 计), and nothing else where `alone` (合计, 合 计, 合计：, 全市合计, 合计（4个）: its
/// brackets' words aside).
fn label_of(c: CellRef, alone: bool) -> Option<String> {
    let CellRef::Text(t) = c else { return None };
    // Every label has 计 (合计, 总计, 小计, 共计) or is 汇总; most cells can be passed over at
    // once, and an ASCII cell (most ids) even before looking for it. (A remark saying 汇总,
    // `备注：本表由县发改局汇总`, is none.)
    if t.is_ascii() || !(t.contains('计') || t.contains("汇总")) || labels_a_remark(t) {
        return None;
    }
    if alone {
        // (Its brackets' words aside: 合计（3个）.)
        let n = normalize(t);
        let label = |n: &str| TOTALS.contains(&n);
        let total = label(&n) || WHOLE.iter().any(|p| n.strip_prefix(p).is_some_and(label));
        return total.then(|| t.trim().to_string());
    }
    // (With its brackets' words, where `normalize` drops them: 西区（小计）.)
    let n = match t.contains(['（', '(']) {
        true => normalize(&t.replace(['（', '）', '(', ')'], "")),
        false => normalize(t),
    };
    let short = n.chars().count() <= 20;
    // A word that only begins with a label, in an id (总计划-01: Chinese, then the digits or
    // letters ids have), is no label; 合计, 合计：, 合计（万元）, 合计金额 and 小计一 are.
    let starts = |label: &str| {
        n.strip_prefix(label).is_some_and(|rest| {
            !(rest.starts_with(is_ideograph) && rest.contains(|c: char| c.is_ascii_alphanumeric()))
        })
    };
    let total = TOTALS
        .iter()
        .any(|l| starts(l) || n.ends_with(l) || WHOLE.iter().any(|p| starts(&format!("{p}{l}"))));
    (short && total).then(|| t.trim().to_string())
}

/// The label of a 其中 row breaking a total down (`其中：省级项目`, or `其中` beside a district's
/// name), if this row is one: in its id cell, or with that empty, in a cell before it (序号) or
/// its 项目名称 (not in 形象进度 beside a project's name).
fn part_label(
    row: &Row,
    id_cell: CellRef,
    id_col: usize,
    name_col: Option<usize>,
) -> Option<String> {
    let is_label = |c: CellRef| -> Option<String> {
        let CellRef::Text(t) = c else { return None };
        // (An id, beginning with a letter or digit: passed at once.)
        if begins_like_an_id(t) {
            return None;
        }
        let t = t.trim();
        (t.starts_with("其中") && t.chars().count() <= 30).then(|| t.to_string())
    };
    if !id_cell.is_empty() {
        return is_label(id_cell);
    }
    (1..id_col)
        .chain(name_col)
        .find_map(|column| is_label(row.cell(column)))
}

/// A short list of line numbers: `line 4`, `lines 4, 9, 12`, `lines 4, 9, 12 and 7 more`.
pub fn lines(lines: &[u64]) -> String {
    const SHOWN: usize = 5;
    let head: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    let word = if lines.len() == 1 { "line" } else { "lines" };
    if lines.len() > SHOWN {
        format!(
            "{word} {} and {} more",
            head.join(", "),
            lines.len() - SHOWN
        )
    } else {
        format!("{word} {}", head.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::{ids_of_rows_in, numbering};

    #[test]
    fn ids_are_found_in_the_rows_a_quoted_cell_took_in() {
        // Ids in column 2, after a 序号: the quote opened in the 序号 column takes its own
        // row's id in too; one opened in a note after the id does not.
        let rows = "\n6,A6,路网\n说明：见附件\n7,A7,园";
        assert_eq!(
            ids_of_rows_in(&format!("5,A5,学校{rows}"), 1, b',', 2),
            ["A5", "A6", "A7"]
        );
        assert_eq!(
            ids_of_rows_in(&format!("A5,学校{rows}"), 2, b',', 2),
            ["A5", "A6", "A7"]
        );
        assert_eq!(
            ids_of_rows_in(&format!("学校{rows}"), 3, b',', 2),
            ["A6", "A7"]
        );
        // A line of a note that is no row gives none, nor one too short for an id.
        assert!(ids_of_rows_in("见附件\n（一）开工\n8", 3, b',', 2).is_empty());
    }

    #[test]
    fn section_headings_name_natures_at_their_level() {
        use crate::model::Nature::{Continuing, New, Reserve};
        for (text, form, nature) in [
            ("一、续建项目（8个）", "N、", Some(Continuing)),
            ("二、 续建项目", "N、", Some(Continuing)),
            ("十二、新开工项目", "N、", Some(New)),
            ("1、新建项目 5个", "N、", Some(New)),
            ("三、预备项目：3个", "N、", Some(Reserve)),
            ("（一）工业项目", "（N）", None),
            ("续建项目（8个）", "", Some(Continuing)),
            ("四、其他项目", "N、", None),
        ] {
            let (f, n) = super::section_nature(text);
            assert_eq!((f.as_str(), n), (form, nature), "{text}");
        }
    }

    #[test]
    fn section_numbers_are_told_from_row_numbers() {
        for (text, rest) in [
            ("一、续建项目", Some("续建项目")),
            ("十二．城建项目", Some("城建项目")),
            ("（二）城建项目", Some("城建项目")),
            ("(三)", Some("")),
            ("二、", Some("")),
            ("十二", Some("")),
            ("一二三四", Some("")),
            ("十字路口改造", None),
            ("第三部分", Some("部分")),
            ("第二污水处理厂扩建项目", None),
            ("1、续建项目", Some("续建项目")),
            ("1、", None),
            ("12", None),
            ("第", None),
            ("（）", None),
            ("续建项目", None),
            ("A1", None),
        ] {
            assert_eq!(numbering(text), rest, "{text}");
        }
    }
}
