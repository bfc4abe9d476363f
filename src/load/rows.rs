//! Table rows to typed domain rows: a registry row to a `Project`, a report row to a
//! `ReportRow`. Every value that cannot be read becomes a finding at its cell.

use rust_decimal::Decimal;

use super::grid::{CellRef, Row, number_text};
use super::header::{Field, YtdSaid};
use super::table::Table;
use super::value::{
    AMOUNT_EXPECTED, MONTH_EXPECTED, is_error_value, is_nothing, may_start_an_error_value,
    month_from_excel_serial, month_or_day_first, parse_amount, parse_month, says_ditto,
    says_no_name, to_halfwidth, trim, unfilled,
};
use crate::finding::Finding;
use std::borrow::Cow;

use crate::model::reports::{FxHasher, ReportRow, TextsFor};
use crate::model::{
    Amount, FIRST_YEAR, LAST_YEAR, Layout, Name, Nature, Origin, Project, RefusedRow, Status,
    YearMonth,
};
use std::hash::Hasher;

/// Reads the cells of one row, recording a finding for each value that cannot be read.
struct RowReader<'a, 'f> {
    table: &'a Table,
    row: &'a Row,
    findings: &'f mut Vec<Finding>,
    flawed: bool,
    /// The fields an error was said of, a bit each (`Field` has fewer than 64).
    erred: u64,
    /// A planned start given as a whole year, too loose to be read (`Project::start_whole_year`).
    start_whole_year: Option<YearMonth>,
    /// The cells naming a group that said "as the row above" (`Project::ditto`).
    dittos: u8,
}

impl<'a, 'f> RowReader<'a, 'f> {
    fn new(table: &'a Table, row: &'a Row, findings: &'f mut Vec<Finding>) -> Self {
        RowReader {
            table,
            row,
            findings,
            flawed: false,
            erred: 0,
            start_whole_year: None,
            dittos: 0,
        }
    }

    /// Whether a field's value could not be read: an error was said of it, or its cell is in
    /// or after one whose quote is never closed.
    fn unread(&self, field: Field) -> bool {
        self.erred & (1 << field as u32) != 0
            || self
                .table
                .column(field)
                .is_some_and(|c| self.in_unclosed_quote(c))
    }

    fn cell(&self, field: Field) -> Option<(CellRef<'a>, usize)> {
        cell_of(self.table, self.row, field)
    }

    fn error(&mut self, field: Field, message: String) {
        let column = self.table.column(field);
        self.flawed = true;
        self.erred |= 1 << field as u32;
        self.push(
            Finding::error(self.table.layout.file.clone(), message)
                .at(line_of(self.row, column), column),
        );
    }

    /// Keeps a finding about the row, but not one about a cell whose quote is never closed, or
    /// after it: that cell is named as such already, the rest of the file read into it is no
    /// value to be said wrong, and the cells after it are none.
    fn push(&mut self, finding: Finding) {
        if !finding.column.is_some_and(|c| self.in_unclosed_quote(c)) {
            self.findings.push(finding);
        }
    }

    /// Whether a 1-based column is the row's cell whose quote is never closed, or after it.
    fn in_unclosed_quote(&self, column: usize) -> bool {
        self.row
            .unclosed_quote()
            .is_some_and(|quote| column >= quote)
    }

    fn header(&self, field: Field) -> String {
        self.table.layout.header_shown(field)
    }

    /// What an amount of a column is expected as: in 万元, or in the unit its header or the
    /// file's title gives (亿元, 千元), which it is converted from.
    fn amount_expected(&self, field: Field) -> &'static str {
        amount_expected(self.table.layout.scale(field))
    }

    /// Whether the field's cell held undecodable bytes where its value is read, said as an
    /// error as the row was read (`Row::damaged`): it is read as no value, flawed, and not said
    /// wrong again.
    fn damaged(&mut self, field: Field) -> bool {
        if !self.damaged_cell(field) {
            return false;
        }
        self.flawed = true;
        self.erred |= 1 << field as u32;
        true
    }

    /// Whether a field's cell held undecodable bytes (`Row::damaged`), as `damaged`, asking only.
    fn damaged_cell(&self, field: Field) -> bool {
        (self.table.column(field)).is_some_and(|column| self.row.damaged.contains(&column))
    }

    /// A text cell (trimmed), borrowed from the row where it can be; `None` when empty, absent,
    /// or a dash or slash for nothing (`-`, `—`, `/`), as spreadsheets are filled in; in a
    /// column naming a group, also `N/A`, `NULL` or `（空）` (`says_no_name`), which were a group
    /// of their own.
    fn text(&self, field: Field) -> Option<Cow<'a, str>> {
        let (cell, _) = self.cell(field)?;
        let t = cell.text();
        let nothing = is_nothing(&t) || (field.names_a_group() && says_no_name(trim(&t)));
        (!nothing).then_some(t)
    }

    /// A text cell, as `text`, where a spreadsheet's error value (`#N/A`) is a warning at the
    /// cell and read as empty; so is a 0 in a column naming a group (`0` is what a formula
    /// copying a blank cell shows, and no department's or leader's name), rather than a group
    /// `0`, ranked. A cell with undecodable bytes (`Row::damaged`) is read as empty too.
    fn given_text(&mut self, field: Field) -> Option<Cow<'a, str>> {
        if self.damaged(field) {
            return None;
        }
        let value = self.text(field)?;
        if field.names_an_optional_group() && trim(&value) == "0" {
            let column = self.table.column(field);
            let message = format!(
                "{} is \"0\", which names no group (a formula copying a blank cell shows 0); \
                 read as empty (expected {GROUP_EXPECTED})",
                self.header(field)
            );
            self.push(
                Finding::warning(self.table.layout.file.clone(), message)
                    .at(line_of(self.row, column), column),
            );
            return None;
        }
        if !is_error_value(&value) {
            return Some(value);
        }
        let column = self.table.column(field);
        let message = format!("{}; read as empty", self.error_value(field, &value));
        self.push(
            Finding::warning(self.table.layout.file.clone(), message)
                .at(line_of(self.row, column), column),
        );
        None
    }

    /// Whether a registry cell naming a group says "as the row above" (`says_ditto`: 同上, 〃),
    /// which is no name: the row is flawed, the cell read as empty (no group `同上` of its own),
    /// and the error said where the row above is known (`Project::ditto`).
    fn ditto(&mut self, field: Field) -> bool {
        let Some(i) = Field::GROUPS.iter().position(|&f| f == field) else {
            return false;
        };
        if !self.text(field).is_some_and(|t| says_ditto(&t)) {
            return false;
        }
        self.flawed = true;
        self.erred |= 1 << field as u32;
        self.dittos |= 1 << i;
        true
    }

    /// A registry cell naming an optional group, as `given_text`; `None` where it says "as the
    /// row above" (`ditto`).
    fn group(&mut self, field: Field) -> Option<Cow<'a, str>> {
        match self.ditto(field) {
            true => None,
            false => self.given_text(field),
        }
    }

    /// What a finding says of a spreadsheet's error value in a cell.
    fn error_value(&self, field: Field, value: &str) -> String {
        format!(
            "{} is \"{}\", a spreadsheet's error value (a formula that could not be worked out)",
            self.header(field),
            value.trim()
        )
    }

    /// The error of a spreadsheet's error value where a value must be given.
    fn refuse_error_value(&mut self, field: Field, value: &str) {
        let message = format!(
            "{}, not {}",
            self.error_value(field, value),
            expected_text(field)
        );
        self.error(field, message);
    }

    /// A text cell that must not be empty (nor a spreadsheet's error value); one with
    /// undecodable bytes (`Row::damaged`), said already, is read as empty.
    fn required_text(&mut self, field: Field) -> Option<Cow<'a, str>> {
        if self.damaged(field) || self.unworked(field) {
            return None;
        }
        let value = self.text(field);
        if let Some(error) = value.as_deref().filter(|v| is_error_value(v)) {
            self.refuse_error_value(field, error);
            return None;
        }
        if value.is_none() {
            let header = self.header(field);
            let said = said_nothing(self.cell(field).map(|(cell, _)| cell.text()));
            self.error(
                field,
                format!("{header} is {said} (expected {})", expected_text(field)),
            );
        }
        value
    }

    /// A project id: codes are compared as text, with full-width characters made plain.
    fn id(&mut self) -> Option<Cow<'a, str>> {
        // A spreadsheet keeps 15 digits of a number: a longer code typed into a number cell
        // (620321202400000001) has lost its last ones, and one saved as CSV from such a cell
        // may be written as the spreadsheet shows it (6.20321E+17), with more lost. (Rows read
        // at once, `plain_report`, are not looked at here: a report's id that is not the
        // registry's is said to be such a number where check names it.)
        // (A whole number below 2^53 whose 16th digit is not 0 was stored in full, by a
        // program other than a spreadsheet, and read so: nothing is lost.)
        let whole = |n: f64| n.abs() < super::grid::EXACT_WHOLE && n % 10.0 != 0.0;
        if self.unworked(Field::Id) {
            return None;
        }
        let found = self.cell(Field::Id);
        let lost = match found {
            Some((CellRef::Number(n), column)) if n.abs() >= 1e15 && !whole(n) => {
                Some((number_text(n), KEEPS_15_DIGITS, column))
            }
            Some((CellRef::Text(t), column)) if in_scientific_notation(t.trim()) => {
                Some((t.trim().to_string(), LONG_NUMBER, column))
            }
            _ => None,
        };
        if let Some((shown, why, column)) = lost {
            let header = self.header(Field::Id);
            self.push(
                Finding::warning(
                    self.table.layout.file.clone(),
                    format!("{header} {shown} {why}: {LOST_DIGITS}"),
                )
                .at(line_of(self.row, Some(column)), Some(column)),
            );
        }
        let text = found.map(|(cell, _)| cell.text());
        let id = text.clone().filter(|t| !is_nothing(t));
        if let Some(error) = id.as_deref().filter(|v| is_error_value(v)) {
            self.refuse_error_value(Field::Id, error);
            return None;
        }
        // (No id is several lines long: a quote left open in the cell took rows in, which the
        // cell's own warning names, and the row's other cells are the last of those rows'.)
        if id.as_deref().is_some_and(|t| t.contains(['\n', '\r'])) {
            let header = self.header(Field::Id);
            self.error(
                Field::Id,
                format!(
                    "{header} runs over several lines (expected one id: was a quote left open in \
                     it, taking in the rows below?); the row is not read"
                ),
            );
            return None;
        }
        if id.is_none() {
            let header = self.header(Field::Id);
            let said = said_nothing(text);
            self.error(
                Field::Id,
                format!("{header} is {said} (expected {})", expected_text(Field::Id)),
            );
        }
        Some(match id? {
            Cow::Borrowed(s) => to_halfwidth(s),
            Cow::Owned(s) => Cow::Owned(to_halfwidth(&s).into_owned()),
        })
    }

    /// Whether the row gives a year-to-date figure of 0 or more.
    fn gives_a_ytd(&self) -> bool {
        let scale = self.table.layout.scale(Field::YtdInvestment);
        self.cell(Field::YtdInvestment).is_some_and(
            |(cell, _)| matches!(cell_amount(cell, scale), Ok(Some(a)) if !a.is_sign_negative()),
        )
    }

    fn amount(&mut self, field: Field, required: bool) -> Option<Amount> {
        if self.damaged(field) {
            return None;
        }
        let (cell, _) = self.cell(field)?;
        // A formula with no saved result (a workbook written by a program that does not work
        // formulas out) is no figure: an error, unless the row gives the other of 本月 and 累计
        // (a 累计 of 上月 + 本月), by which it is read as a row giving that one alone is.
        if cell == CellRef::Unworked {
            let other = match field {
                Field::MonthInvestment => Some(Field::YtdInvestment),
                Field::YtdInvestment => Some(Field::MonthInvestment),
                _ => None,
            };
            let given = other.and_then(|other| {
                let (cell, _) = self.cell(other)?;
                cell_amount(cell, self.table.layout.scale(other)).ok()?
            });
            if given.is_none() {
                self.unworked(field);
            }
            return None;
        }
        let parsed = cell_amount(cell, self.table.layout.scale(field));
        if let Ok(read) = &parsed
            && !self.table.layout.doubled.is_empty()
        {
            self.compare_doubled(field, *read, cell);
        }
        match parsed {
            // (The sign is looked at first: most amounts are not negative. A negative 本月
            // beside a year-to-date is a downward revision, weighed against the month before
            // as any 本月 is.)
            Ok(Some(a))
                if a.is_sign_negative()
                    && !a.is_zero()
                    && !(field == Field::MonthInvestment && self.gives_a_ytd()) =>
            {
                let header = self.header(field);
                let revision = match field {
                    Field::MonthInvestment => format!(
                        "; a downward revision is given with the lowered {} beside it",
                        Field::YtdInvestment.label()
                    ),
                    _ => String::new(),
                };
                let unit = Layout::in_wan(&[(&self.table.layout, field)]);
                self.error(
                    field,
                    format!(
                        "{header} {a}{unit} is negative (expected an amount of 0 or more{revision})"
                    ),
                );
                None
            }
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                if required {
                    let header = self.header(field);
                    let said = said_nothing(Some(cell.text()));
                    let expected = self.amount_expected(field);
                    self.error(field, format!("{header} is {said} (expected {expected})"));
                }
                None
            }
            Err(why) => {
                let header = self.header(field);
                let shown = cell.text().into_owned();
                let expected = self.amount_expected(field);
                let why = match required {
                    true => why.replace(
                        crate::load::value::MAY_MEAN_NOTHING,
                        crate::load::value::MAY_MEAN_ZERO,
                    ),
                    false => why,
                };
                self.error(
                    field,
                    format!("{header} \"{shown}\" {why} (expected {expected})"),
                );
                None
            }
        }
    }

    /// Notes a row whose figure in a column left unread differs from the one read, where two
    /// columns name one amount (last month's 累计完成投资 kept beside this month's): which is
    /// this file's is not known. Named once a column, when the file is read (`differing`).
    fn compare_doubled(&mut self, field: Field, read: Option<Amount>, read_cell: CellRef<'_>) {
        let layout = &self.table.layout;
        for &(_, column, factor) in layout.doubled.iter().filter(|(f, ..)| *f == field) {
            let cell = self.row.cell(column);
            // (A figure that cannot be read, or in a unit not converted, is not compared.)
            if factor.is_none_or(|k| cell_amount(cell, Some(k)).is_ok_and(|other| other == read)) {
                continue;
            }
            let shown = |cell: CellRef<'_>| match cell.text().trim() {
                "" => "empty".to_string(),
                t => t.to_string(),
            };
            // (Not a cell at or after a quote never closed: the rest of the file is in it.)
            if self.in_unclosed_quote(column) {
                continue;
            }
            let read_column = self.table.column(field).unwrap_or_default();
            layout.note_differing(
                (
                    column,
                    &layout.headers[column - 1].replace(['\n', '\r'], ""),
                ),
                (read_column, &self.header(field)),
                field.label(),
                line_of(self.row, Some(column)),
                (&shown(cell), &shown(read_cell)),
                !cell.is_empty(),
            );
        }
    }

    fn month(&mut self, field: Field) -> Option<YearMonth> {
        self.month_of(field, None)
    }

    /// Warns of a 计划竣工时间 before the 计划开工时间 (a year mistyped, or the two columns
    /// swapped). A start said loosely, `2024年二季度`, is read as its last month but may be its
    /// first: it is weighed from its year's January, so as not to be said late where it is not.
    fn finish_before_start(&mut self, start: YearMonth, finish: YearMonth) {
        let exact = self.cell(Field::PlannedStart).is_some_and(|(cell, _)| {
            matches!(month_of_cell(cell, self.table.layout.date1904), Ok(Some(_)))
        });
        let earliest = match exact {
            true => Some(start),
            false => YearMonth::new(start.year(), 1),
        };
        if earliest.is_none_or(|earliest| finish >= earliest) {
            return;
        }
        let column = self.table.column(Field::PlannedFinish);
        let message = format!(
            "{} {finish} is before {} {start} (a year mistyped, or the two columns swapped?); \
             it counts in no figure",
            self.header(Field::PlannedFinish),
            self.header(Field::PlannedStart),
        );
        self.push(
            Finding::warning(self.table.layout.file.clone(), message)
                .at(line_of(self.row, column), column),
        );
    }

    /// `month`, where a start's month of no year (`3月`) is of `year`.
    fn month_of(&mut self, field: Field, year: Option<YearOf>) -> Option<YearMonth> {
        if self.damaged(field) {
            return None;
        }
        // (A finish counts in no figure: one of no value is none.)
        if field != Field::PlannedFinish && self.unworked(field) {
            return None;
        }
        let (cell, column) = self.cell(field)?;
        let parsed = month_of_cell(cell, self.table.layout.date1904);
        // (Times said loosely, 2024年二季度 or 5月底, are read from text: a number that is no
        // month, 2024.1 as a workbook keeps 2024.10, is not read as one.)
        let loose = matches!(cell, CellRef::Text(_));
        match parsed {
            // The text 2024.1 is how a spreadsheet writes a cell of 2024.10 to CSV, too. (A
            // report's month is weighed against its file's name where it is read.)
            Ok(Some(m))
                if field != Field::Month
                    && matches!(cell, CellRef::Text(t) if january_or_october(t.trim()).is_some()) =>
            {
                let header = self.header(field);
                let text = cell.text().trim().to_string();
                self.push(
                    Finding::warning(
                        self.table.layout.file.clone(),
                        format!(
                            "{header} {text} is read as {m}, but a spreadsheet writes a cell of \
                             {}.10 so too (write {}-10 if October is meant, or {m} to say \
                             January)",
                            m.year(),
                            m.year()
                        ),
                    )
                    .at(line_of(self.row, Some(column)), Some(column)),
                );
                Some(m)
            }
            // (A planned start of a whole year, 2024年 or 年内, is too loose to be late by; a
            // range of one, 2024年1-12月, read as its last month, says no more. A continuing
            // project's, 2022年, counts in no figure: not read, and stops nothing. Of the
            // months read, only a range may be one.)
            Ok(Some(_)) | Err(_)
                if field == Field::PlannedStart
                    && loose
                    && (parsed.is_err() || crate::load::value::may_be_a_range(&cell.text()))
                    && planned_by_in(&cell.text(), year).is_some_and(|(_, whole)| whole) =>
            {
                let header = self.header(field);
                let shown = cell.text().into_owned();
                if let Some(YearOf::Uncounted(nature)) = year {
                    self.not_read_uncounted(nature, column, &shown, "is a whole year");
                } else {
                    self.error(field, format!("{header} \"{shown}\" {WHOLE_YEAR}"));
                    // (Of no year, 年内, it is the plan year: none to weigh it against.)
                    self.start_whole_year = planned_by_in(&shown, year)
                        .map(|(month, _)| month)
                        .filter(|month| month.year() != PLAN_YEAR_TO_COME);
                }
                None
            }
            Ok(m) => m,
            // (An actual start of 未开工 or 前期 says there is none yet; so does 否, in a column
            // 实际开工 asking whether the project started.)
            Err(_)
                if field == Field::ActualStart
                    && (Status::parse(trim(&cell.text())) == Some(Status::NotStarted)
                        || start_answered(&cell.text()) == Some(false)) =>
            {
                None
            }
            // (A start planned or made by a month's end, at its start or within it, 2024年5月底
            // or 2024年5月初, in that month.)
            Err(_)
                if matches!(
                    field,
                    Field::PlannedStart | Field::ActualStart | Field::ListedFrom | Field::Delisted
                ) && loose
                    && let Some((month, no_year)) = in_month(&cell.text(), year) =>
            {
                let Some(YearOf::Before(report)) = year.filter(|_| no_year) else {
                    return Some(month);
                };
                self.start_of_no_year(column, &cell.text(), month, report)
            }
            // (A start planned within a quarter or a half, 2024年二季度 or 2024年上半年, or by
            // a year's end, 2024年底, is planned by its last month: late only once that is past.
            // Of no year, 二季度 or 年底, it is the plan year's.)
            Err(_)
                if field == Field::PlannedStart
                    && loose
                    && let Some((month, false)) = planned_by_in(&cell.text(), year) =>
            {
                Some(month)
            }
            // (A project listed or taken off within a quarter or a half, 二季度, or by a year's
            // end: which month it counts from, or up to, is not said, as a start planned by
            // its last month is late once that is past.)
            Err(_)
                if matches!(field, Field::ListedFrom | Field::Delisted)
                    && loose
                    && planned_by_in(&cell.text(), year).is_some() =>
            {
                let header = self.header(field);
                let shown = cell.text().into_owned();
                self.error(
                    field,
                    format!(
                        "{header} \"{shown}\" is a time of several months: which one the project \
                         counts from or up to is not said (expected {MONTH_EXPECTED})"
                    ),
                );
                None
            }
            // (A continuing project's planned start, past, or one in preparation's, to come,
            // counts in no figure: one that is no month, 已开工 or 3月 of no year, is not read,
            // and stops nothing.)
            Err(_)
                if field == Field::PlannedStart
                    && let Some(YearOf::Uncounted(nature)) = year =>
            {
                let shown = cell.text().into_owned();
                self.not_read_uncounted(nature, column, &shown, "is not a month");
                None
            }
            // (A finish planned for a year, 2026年 or 2025年底, is planned for its end, one
            // planned by a month's end or within a half, 2026年6月底 or 2026年上半年, for its
            // month: the column is shown, and counts in no figure.)
            Err(_)
                if field == Field::PlannedFinish
                    && loose
                    && let Some((month, _)) = planned_by(&cell.text()) =>
            {
                Some(month)
            }
            // (Nor is a finish that is no month an error: it stops no bulletin.)
            Err(why) if field == Field::PlannedFinish => {
                let header = self.header(field);
                let shown = cell.text().into_owned();
                self.push(
                    Finding::warning(
                        self.table.layout.file.clone(),
                        format!(
                            "{header} \"{shown}\" {why}: not read (it counts in no figure; \
                             expected {MONTH_EXPECTED}, or a year, 2026年)"
                        ),
                    )
                    .at(line_of(self.row, Some(column)), Some(column)),
                );
                None
            }
            Err(why) => {
                let header = self.header(field);
                let shown = cell.text().into_owned();
                // (已开工 where a new start's planned month belongs: its reports say it started.)
                let said = if field == Field::PlannedStart
                    && Status::parse(trim(&shown)).is_some_and(|s| s != Status::NotStarted)
                {
                    "; that a project started is said by its reports' 项目状态 or 实际开工时间"
                } else {
                    ""
                };
                self.error(
                    field,
                    format!("{header} \"{shown}\" {why} (expected {MONTH_EXPECTED}{said})"),
                );
                None
            }
        }
    }

    /// An actual start of no year (`12月`, `8月初`) in a report of month `report`, read as
    /// `month` (`in_month`): of the year before where it is more than half a year after the
    /// report's month (December in January's report: the start cannot come after it), with a
    /// note saying so; an error, with how to write the year before's, where it is after it
    /// within half a year (August in July's: a slip, or last year's).
    fn start_of_no_year(
        &mut self,
        column: usize,
        text: &str,
        month: YearMonth,
        report: YearMonth,
    ) -> Option<YearMonth> {
        let header = self.header(Field::ActualStart);
        let text = text.trim();
        if month.year() < report.year() {
            self.push(
                Finding::note(
                    self.table.layout.file.clone(),
                    format!(
                        "{header} \"{text}\" gives no year: read as {month}, in the year before \
                         the report month {report}, as a start is not after its report (write \
                         {month} to say so)"
                    ),
                )
                .at(line_of(self.row, Some(column)), Some(column)),
            );
            return Some(month);
        }
        if month <= report {
            return Some(month);
        }
        let before = YearMonth::new(month.year() - 1, month.month())?;
        self.error(
            Field::ActualStart,
            format!(
                "{header} \"{text}\" gives no year: read as {month}, it is after the report \
                 month {report} (expected a start at or before {report}; one in the year before \
                 is written with its year, {before})"
            ),
        );
        None
    }

    /// The note on a planned start not read of a project of a `nature` whose start counts in no
    /// figure (`what` the start is: no month, a whole year).
    fn not_read_uncounted(&mut self, nature: Nature, column: usize, shown: &str, what: &str) {
        let header = self.header(Field::PlannedStart);
        let (kind, label) = (nature.kind(), nature.label());
        self.push(
            Finding::note(
                self.table.layout.file.clone(),
                format!(
                    "{header} \"{shown}\" of {kind} ({label}) {what}: not read ({kind}'s planned \
                     start counts in no figure)"
                ),
            )
            .at(line_of(self.row, Some(column)), Some(column)),
        );
    }

    /// Whether the field's cell is a formula with no saved result (a workbook written by a
    /// program that does not work formulas out), said as an error at it: an id, a month, a
    /// status or a name read as empty would be said wrongly, or, an actual start, lost.
    fn unworked(&mut self, field: Field) -> bool {
        if !self
            .cell(field)
            .is_some_and(|(cell, _)| cell == CellRef::Unworked)
        {
            return false;
        }
        let header = self.header(field);
        self.error(field, format!("{header} {UNWORKED}"));
        true
    }

    fn origin(&self) -> Origin {
        Origin {
            layout: self.table.layout.clone(),
            line: self.row.line,
        }
    }
}

/// The line a cell in a 1-based column (if any) starts on.
fn line_of(row: &Row, column: Option<usize>) -> u64 {
    column.map_or(row.line, |c| row.line_of(c))
}

/// A month from a cell: text in any form, an Excel date, or a number that is a month (202406)
/// or a date serial in a General-formatted cell, counted from 1904 where `date1904` says the
/// workbook is kept in that date system (its date cells are 1900 serials already).
pub fn month_of_cell(cell: CellRef, date1904: bool) -> Result<Option<YearMonth>, String> {
    /// Excel's serials for 1990-01-01 and 2100-12-31: a number outside them is no date a plan
    /// could mean.
    const SERIALS: std::ops::RangeInclusive<f64> = 32_874.0..=73_415.0;
    match cell {
        // (A formula with no saved result is counted where the file is read.)
        CellRef::Empty | CellRef::Unworked => Ok(None),
        CellRef::Text(t) => parse_month(t),
        CellRef::Date(serial) => month_from_excel_serial(serial)
            .filter(|m| crate::model::READ_YEARS.contains(&m.year()))
            .map(Some)
            .ok_or_else(|| format!("is not a date from {FIRST_YEAR} to {LAST_YEAR}")),
        CellRef::Number(n) => {
            let n = &n;
            let whole = n.fract() == 0.0;
            // (The number as a serial of the 1900 date system, where it is one.)
            let serial = n + if date1904 { DAYS_1900_TO_1904 } else { 0.0 };
            if whole
                && ((199_001.0..=210_012.0).contains(n)
                    || (19_900_101.0..=21_001_231.0).contains(n))
            {
                // 202406 or 20240615, typed as a number.
                parse_month(&number_text(*n))
            } else if !whole && (1990.0..2101.0).contains(n) {
                // 2024.06 or 2024.6, typed as a number; 2024.1 is also how 2024.10 is kept.
                let text = number_text(*n);
                match january_or_october(&text) {
                    Some(year) => Err(format!(
                        "is a number, which could be {year}-01 or {year}-10, as Excel keeps \
                         {year}.10 typed in a cell as {year}.1: write the month as text"
                    )),
                    None => parse_month(&text),
                }
            } else if whole && SERIALS.contains(&serial) {
                // A date serial in a General-formatted cell, in the workbook's date system.
                month_from_excel_serial(serial)
                    .map(Some)
                    .ok_or_else(|| "is not a month".to_string())
            } else if whole && (1.0..=12.0).contains(n) {
                Err("is a month number without a year".to_string())
            } else {
                Err("is a number, not a month".to_string())
            }
        }
    }
}

/// The days from the 1900 date system's first day to the 1904 one's: a serial counted from 1904
/// is this many fewer than the same day's counted from 1900.
const DAYS_1900_TO_1904: f64 = 1462.0;

/// A cell's amount in 万元, `scale` the factor from its header's unit (总投资（亿元）) for a cell
/// that names none of its own; why not, for a cell that is not an amount.
fn cell_amount(cell: CellRef<'_>, scale: Option<Decimal>) -> Result<Option<Amount>, String> {
    let parsed = match cell {
        CellRef::Number(n) => parse_amount(&number_text(n)),
        // (Shown as the date the spreadsheet shows, beside the number the cell holds.)
        CellRef::Date(n) => Err(format!(
            "is a date in the spreadsheet, the number {} in a cell formatted as a date (format \
             the column as numbers, and type the figure again)",
            number_text(n)
        )),
        CellRef::Text(t) => parse_amount(t),
        // (A formula with no saved result: `RowReader::amount` says where it is no figure.)
        CellRef::Empty | CellRef::Unworked => Ok(None),
    };
    let own_unit = || {
        matches!(cell, CellRef::Text(t)
            if crate::load::value::UNITS.iter().any(|(unit, ..)| t.contains(unit)))
    };
    match (parsed, scale) {
        (Ok(Some(a)), Some(k)) if !own_unit() => a
            .checked_mul(k)
            .filter(|v| v.abs() < Decimal::from(1_000_000_000_000_000i64))
            .map(|v| Some(v.normalize()))
            .ok_or_else(|| "is too large".to_string()),
        (other, _) => other,
    }
}

/// The year of a number, as `number_text` writes it, that could be January or October of it:
/// `2024.1`, as a spreadsheet keeps both 2024.1 and 2024.10 typed in a cell.
fn january_or_october(text: &str) -> Option<i32> {
    let year = text.strip_suffix(".1")?.parse().ok()?;
    crate::model::READ_YEARS.contains(&year).then_some(year)
}

/// What is said of a formula with no saved result where a value is read.
const UNWORKED: &str = "is a formula with no saved result, so no value (the workbook was written \
                        by a program that does not work formulas out: open it in Excel or WPS \
                        and save it again)";

/// What an amount is expected as, `scale` the factor from its column's unit (亿元, 千元) to 万元.
fn amount_expected(scale: Option<Decimal>) -> &'static str {
    match scale {
        None => AMOUNT_EXPECTED,
        Some(_) => "a number in the unit the file gives, e.g. 1234.5 or 1,234.5",
    }
}

/// What a registry's or a report's cell in a 1-based column must hold where a value is read
/// from it (an id, an amount, a month, a nature, a year, a 项目状态, a 问题类别), for the error
/// at one with undecodable bytes (`Table::undamaged`), in the words of the error at one that is
/// no such value; `None` where its text is read (a district, a leader: `text_held`).
pub(super) fn value_held(layout: &Layout, column: usize) -> Option<&'static str> {
    let plan = |c: usize, factor: Option<Decimal>| {
        (c == column).then(|| amount_expected(factor.filter(|&k| k != Decimal::ONE)))
    };
    let of_plans = layout.plans.iter().find_map(|&(_, c, k)| plan(c, k));
    let field = layout.columns.iter().find(|&&(_, c)| c == column);
    of_plans
        .or_else(|| layout.plan_fallback.and_then(|(c, k)| plan(c, Some(k))))
        .or_else(|| layout.doubled.iter().find_map(|&(_, c, k)| plan(c, k)))
        .or_else(|| match field?.0 {
            f @ (Field::TotalInvestment
            | Field::AnnualPlan
            | Field::MonthInvestment
            | Field::YtdInvestment) => Some(amount_expected(layout.scale(f))),
            Field::PlannedStart
            | Field::PlannedFinish
            | Field::ListedFrom
            | Field::Delisted
            | Field::Month
            | Field::ActualStart => Some(MONTH_EXPECTED),
            Field::Nature => Some(NATURE_EXPECTED),
            Field::Year => Some(YEAR_EXPECTED),
            Field::Id => Some(expected_text(Field::Id)),
            Field::Status => Some(STATUS_EXPECTED),
            Field::ProblemCategory => Some(PROBLEM_CATEGORY_EXPECTED),
            _ => None,
        })
}

/// What a registry cell in a 1-based column must hold where its text is read as a name (the
/// project's, or a group's: 所属县区, 责任单位 …), for the error at one with undecodable bytes
/// (`Table::undamaged`), and whether its text is kept as read: a project's name with a `�` still
/// names it, where a group's would make a group of its own (`金�区`), so it is read as empty.
pub(super) fn text_held(layout: &Layout, column: usize) -> Option<(&'static str, bool)> {
    let &(field, _) = layout.columns.iter().find(|&&(_, c)| c == column)?;
    match field {
        Field::Name => Some((expected_text(field), true)),
        Field::District => Some((expected_text(field), false)),
        f if f.names_an_optional_group() => Some((GROUP_EXPECTED, false)),
        _ => None,
    }
}

/// What a cell naming an optional group (责任单位, 包抓领导 …) should say, for messages.
const GROUP_EXPECTED: &str = "a name, or the cell left empty";

/// What a 建设性质 cell should say, for messages.
const NATURE_EXPECTED: &str = "新建, 续建, 改扩建 or 预备";

/// What a 计划年度 cell should say, for messages.
const YEAR_EXPECTED: &str = "a year, e.g. 2024";

/// What a 项目状态 cell should say, for messages: the statuses known, by their first names.
const STATUS_EXPECTED: &str = "前期, 未开工, 在建, 已开工, 竣工, 完工, 投产, 停工 or 缓建";

/// What a 问题类别 cell should say, for messages: one category or several.
const PROBLEM_CATEGORY_EXPECTED: &str =
    "a category, e.g. 土地, 拆迁, 资金, 审批, 配套, 环评 or 阻工, or several: 土地、资金";

fn expected_text(field: Field) -> &'static str {
    match field {
        Field::Id => "the project's id, e.g. JC2024-001",
        Field::Name => "the project's name",
        Field::District => "the district (县区) it belongs to",
        _ => "a value",
    }
}

/// The month a finish is planned by where a plan names it loosely: a year's last (`2026`,
/// `2026年`, `2025年底`, `2025年末`, `2025年内`, `2026年度`, `2026年年底`), a month's end
/// (`2026年6月底`, `2026年6月前`), a half's or a quarter's last (`2026年上半年`, `2026年第三季度`);
/// and whether it is a whole year's (a year's end, `2025年底`, is its last month).
fn planned_by(text: &str) -> Option<(YearMonth, bool)> {
    let plain = to_halfwidth(text);
    let mut plain = trim(&plain);
    // (Whether it says an end, 底 or 末: a year's end is its last month, not the whole year.)
    let mut at_end = false;
    while let Some((end, before)) = ["以前", "之前", "底", "末", "内", "前"]
        .iter()
        .find_map(|end| Some((*end, plain.strip_suffix(end)?)))
    {
        at_end |= matches!(end, "底" | "末");
        plain = before.trim_end();
    }
    // (2026年年底 or 2026年年度内: the year's end or the year, said with its 年 twice.)
    let plain = ["年年", "年年度"]
        .iter()
        .find_map(|twice| plain.strip_suffix(twice))
        .map_or(Cow::Borrowed(plain), |y| Cow::Owned(format!("{y}年")));
    match crate::load::value::bare_year(&plain) {
        Some(year) => Some((YearMonth::new(year, 12)?, !at_end)),
        None => crate::compute::period::Period::parse_period(&plain)
            .ok()
            .map(|period| (period.end, period.start.months_until(period.end) == 11)),
    }
}

/// Why a planned start of a whole year (`2024年`, `年内`, `2024年1-12月`) is not read: any
/// month of it would do.
const WHOLE_YEAR: &str = "is a whole year, too loose to be late by (expected the month it is \
                          planned by, e.g. 2024-06; 2024年二季度 and 2024年底 are read as their \
                          last month)";

/// `planned_by`, where a time of no year (`二季度`, `下半年`, `年底`) is `year`'s.
fn planned_by_in(text: &str, year: Option<YearOf>) -> Option<(YearMonth, bool)> {
    planned_by(text).or_else(|| {
        let year = match year? {
            YearOf::Year(year) => year,
            YearOf::ToCome => PLAN_YEAR_TO_COME,
            YearOf::Uncounted(_) | YearOf::Before(_) => return None,
        };
        let plain = to_halfwidth(text);
        let plain = trim(&plain);
        // (A year's, a half's or a quarter's time, or a range of months, 1-12月: not `底` or
        // `前` alone. A quarter or a half by its number is one too, `2季度`, `Q2` or `H1`, as
        // it is with its year, `2024年Q2`.)
        let range = plain.contains('-') && plain.ends_with('月');
        let numbered = plain.contains('季')
            || matches!(
                plain.as_bytes(),
                [b'Q' | b'q' | b'H' | b'h', b'1'..=b'4', ..]
            );
        if !range
            && !numbered
            && (plain.contains(|c: char| c.is_ascii_digit()) || !plain.contains(['年', '季', '半']))
        {
            return None;
        }
        // (Read in a year any reading takes, then put in `year`: a time of no year is within
        // one.)
        let (month, whole) = planned_by(&format!("2000年{plain}"))?;
        Some((YearMonth::new(year, month.month())?, whole))
    })
}

/// The year of a planned start's month of no year (`3月`) read before the plan year is known,
/// to be set when the project's is.
pub const PLAN_YEAR_TO_COME: i32 = 1900;

/// The year a start's month of no year (`3月`) is of: the plan year's (a new start's planned
/// start in the registry), or, for an actual start in a report, the row's or the year before
/// (`Before`).
#[derive(Clone, Copy, Debug)]
enum YearOf {
    Year(i32),
    /// An actual start in a report of this month: its year's, or the year before's where it is
    /// more than half a year after the month (`12月` in January's report), as a 报告月份 of no
    /// year is read beside its path's month.
    Before(YearMonth),
    /// The plan year, not known yet: `PLAN_YEAR_TO_COME`.
    ToCome,
    /// A start that counts in no figure, of a project of this nature (`Nature::start_counts`):
    /// a continuing project's, in an earlier year, or one in preparation's, in a year to come. A
    /// month of no year does not say which year.
    Uncounted(Nature),
}

/// The month of a time said loosely within it or by its end: `2024年5月底`, `2024年5月末`,
/// `2024年5月初`, `2024年5月中旬`, `2024年5月底前`, `2024.5月份`; and with `year`, a month of
/// no year so said or alone (`5月`, `5月初`); and whether it was of no year. (Not a year, nor a
/// half or a quarter: a start is a month's.)
fn in_month(text: &str, year: Option<YearOf>) -> Option<(YearMonth, bool)> {
    let plain = to_halfwidth(text);
    let plain = trim(&plain);
    let month = [
        "底前", "末前", "底", "末", "初", "上旬", "中旬", "下旬", "份",
    ]
    .iter()
    .find_map(|end| plain.strip_suffix(end))
    .unwrap_or(plain)
    .trim_end();
    if !month.ends_with('月') {
        return None;
    }
    if let Ok(Some(month)) = crate::load::value::parse_month(month) {
        return Some((month, false));
    }
    let number = crate::load::value::bare_month(month)?;
    let month = match year? {
        YearOf::Year(year) => YearMonth::new(year, number),
        YearOf::ToCome => YearMonth::new(PLAN_YEAR_TO_COME, number),
        // (As a 报告月份 of no year is read beside its path's month.)
        YearOf::Before(report) => YearMonth::new(
            report.year() - i32::from(number > report.month() + 6),
            number,
        ),
        YearOf::Uncounted(_) => None,
    }?;
    Some((month, true))
}

/// A registry row as a project, and whether its plan year is the row's own 计划年度 (else it is
/// `default_year`). `None` when the row has no id (the error is recorded).
/// `plans` are the tables reading another year's plan column, of a registry with a plan column
/// a year (`Table::with_plan_of`): a row of such a year is read with its table. `fallback`, the
/// table reading the built-in plan column beside one named in settings
/// (`Table::with_plan_fallback`), reads the plan of a row whose named column says nothing.
pub fn project<'a>(
    table: &'a Table,
    plans: &'a [(i32, Table)],
    fallback: Option<&'a Table>,
    row: &'a Row,
    default_year: i32,
    mut names: impl FnMut(&str) -> Name,
    findings: &mut Vec<Finding>,
) -> Option<(Project, bool)> {
    let mut r = RowReader::new(table, row, findings);
    let year_said = match r.damaged(Field::Year) {
        true => None,
        false => r.text(Field::Year),
    };
    let own_year = year_said.and_then(|text| {
        let half = to_halfwidth(&text);
        let digits = trim(half.trim_end_matches(['年', '度']));
        match digits.parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) => Some(y),
            _ => {
                let header = r.header(Field::Year);
                r.error(
                    Field::Year,
                    format!("{header} \"{text}\" is not a year (expected e.g. 2024)"),
                );
                None
            }
        }
    });
    let year = own_year.unwrap_or(default_year);
    if let Some((_, of_year)) = plans.iter().find(|(y, _)| *y == year) {
        r.table = of_year;
    }
    let id = r.id();
    let name = r
        .required_text(Field::Name)
        .map(Cow::into_owned)
        .unwrap_or_default();
    let district = match r.ditto(Field::District) {
        true => names(""),
        false => names(&r.required_text(Field::District).unwrap_or_default()),
    };
    let total_investment = r.amount(Field::TotalInvestment, true);
    // (The fallback table is the file's but for the plan column: the rest of the row is read
    // with it the same.)
    let says_a_plan = |table| {
        cell_of(table, row, Field::AnnualPlan)
            .is_some_and(|(cell, _)| !matches!(cell_amount(cell, None), Ok(None)))
    };
    if let Some(fallback) = fallback
        && !says_a_plan(r.table)
        && says_a_plan(fallback)
    {
        r.table = fallback;
    }
    let annual_plan = r.amount(Field::AnnualPlan, true);
    let nature_said = match r.damaged(Field::Nature) {
        true => None,
        false => r.text(Field::Nature),
    };
    let nature = match nature_said {
        None => None,
        Some(text) => {
            let parsed = Nature::parse(&text);
            if parsed.is_none() {
                let header = r.header(Field::Nature);
                // (Under another header, 建设类型, the column may be no nature at all.)
                let label = Field::Nature.label();
                let read_as = match super::header::normalize(&header) == label {
                    true => String::new(),
                    false => format!(
                        "; column \"{header}\" is read as {label}: if it is not, rename it, or \
                         name the {label} column under [aliases] nature in xmtool.toml"
                    ),
                };
                r.error(
                    Field::Nature,
                    format!(
                        "{header} \"{text}\" is not known (expected {NATURE_EXPECTED}{read_as})"
                    ),
                );
            }
            parsed
        }
    };
    let plan_year = match own_year.is_none() && default_year == 0 {
        true => YearOf::ToCome,
        false => YearOf::Year(year),
    };
    let start_year = match nature {
        Some(n) if !n.start_counts() => Some(YearOf::Uncounted(n)),
        _ => Some(plan_year),
    };
    let planned_start = r.month_of(Field::PlannedStart, start_year);
    let planned_finish = r.month(Field::PlannedFinish);
    if let (Some(start), Some(finish)) = (planned_start, planned_finish) {
        r.finish_before_start(start, finish);
    }
    // (Read as a planned start is, within a month or of no year, `6月上旬` or `6月`: of the plan
    // year, whatever the project's nature, as it is listed or taken off in its plan year.)
    let listed_from = r.month_of(Field::ListedFrom, Some(plan_year));
    let delisted = r.month_of(Field::Delisted, Some(plan_year));
    if let (Some(total), Some(plan)) = (total_investment, annual_plan)
        && plan > total
    {
        let (hp, ht) = (
            r.header(Field::AnnualPlan),
            r.header(Field::TotalInvestment),
        );
        let layout = &r.table.layout;
        let unit = Layout::in_wan(&[
            (layout, Field::AnnualPlan),
            (layout, Field::TotalInvestment),
        ]);
        r.error(
            Field::AnnualPlan,
            format!(
                "{hp} {plan}{unit} is above {ht} {total}{unit} (a year's plan cannot exceed the \
                 whole)"
            ),
        );
    }
    let id = id?.into();
    let project = Project {
        id,
        id_no: 0,
        id_reused_back: 0,
        name: name.into(),
        district,
        department: r.group(Field::Department).map(|t| names(&t)),
        leader: r.group(Field::Leader).map(|t| names(&t)),
        category: r.group(Field::Category).map(|t| names(&t)),
        level: r.group(Field::Level).map(|t| names(&t)),
        nature,
        investor: r.group(Field::Investor).map(|t| names(&t)),
        total_investment: total_investment.unwrap_or_default(),
        annual_plan: annual_plan.unwrap_or_default(),
        planned_start,
        planned_finish,
        stage: r.group(Field::Stage).map(|t| names(&t)),
        listed_from,
        delisted,
        year: own_year.unwrap_or(default_year),
        origin: r.origin(),
        flawed: r.flawed,
        unread: [
            (Field::Nature, Project::NATURE_UNREAD),
            (Field::PlannedStart, Project::START_UNREAD),
        ]
        .into_iter()
        .filter(|&(field, _)| r.unread(field))
        .fold(0, |bits, (_, bit)| bits | bit),
        groups_unread: groups_unread(&r),
        start_whole_year: r.start_whole_year,
        ditto: r.dittos,
    };
    Some((project, own_year.is_some()))
}

/// The groupings (`GroupBy::bit`) whose cell in a registry row held undecodable bytes, read as
/// empty (`Project::groups_unread`).
fn groups_unread(r: &RowReader<'_, '_>) -> u8 {
    use crate::compute::GroupBy;
    let cells = [
        (GroupBy::District, Field::District),
        (GroupBy::Department, Field::Department),
        (GroupBy::Leader, Field::Leader),
        (GroupBy::Category, Field::Category),
        (GroupBy::Level, Field::Level),
        (GroupBy::Stage, Field::Stage),
    ];
    (cells.into_iter())
        .filter(|&(_, field)| r.damaged_cell(field))
        .fold(0, |bits, (by, _)| bits | by.bit())
}

/// What a report file's path says of its rows' months, worked out once for the file: a row
/// whose 报告月份 is a month of no year (`6月`) needs it, and a file may have many such rows.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileMonths {
    /// The month the rows are read as, the file's or folder's name's (`None` where the path
    /// gives none, or where each row's 报告月份 says its own: June's come late in July's folder).
    pub month: Option<YearMonth>,
    /// The month the file's name gives, and its folder's (`months_of_path`), whether or not the
    /// rows are read as it: a month of no year is of its year.
    named: Option<YearMonth>,
    filed: Option<YearMonth>,
    /// The one year the name or a folder gives (`2024年汇总.csv`, `reports/2024年/`), for a
    /// month of no year where the path gives no month.
    year: Option<i32>,
    /// The months the name lists, its rows each of one of them as their 报告月份 says
    /// (`reports/2024-06/东区5、6月.csv`).
    listed: Option<MonthsListed>,
    /// The first and last months of a range of no year the name gives where the path gives no
    /// month (`reports/2024-07报送/东区1-6月.csv`): its rows say their months, but the file is the
    /// last month's, as one named with its year is (`东区2024年1-6月.csv`).
    range: Option<(u32, u32)>,
}

impl FileMonths {
    /// What the path of the report file `rel` says, its rows read as `month`.
    pub fn of(rel: &str, month: Option<YearMonth>) -> FileMonths {
        let (named, filed) = super::months_of_path(rel);
        let range = match (named, filed) {
            (None, None) => super::name_range_of(rel),
            _ => None,
        };
        FileMonths {
            month,
            named,
            filed,
            year: super::year_of_path(rel),
            listed: None,
            range,
        }
    }

    /// The month a file named for a range of no year is for, where a row of month `c` is of an
    /// earlier month of the range (May's in `东区1-6月.csv`): the range's last, of the year the
    /// path gives, else of the row's.
    fn range_end_after(self, c: YearMonth) -> Option<YearMonth> {
        let (first, last) = self.range?;
        let year = self.year.unwrap_or(c.year());
        let earlier = c.year() == year && (first..last).contains(&c.month());
        earlier.then(|| YearMonth::new(year, last)).flatten()
    }

    /// These months, of a file whose name lists the months `listed` (`months_named`).
    pub fn listing(self, listed: Option<MonthsListed>) -> FileMonths {
        FileMonths { listed, ..self }
    }
}

/// The months a report file's name lists, each of a known year (`东区5、6月`, or months apart,
/// `东区4、6月`, in `reports/2024-06/`): the first, and a bit for each month from it listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthsListed {
    first: YearMonth,
    from_first: u16,
}

impl MonthsListed {
    /// How many months from the first a list may run over: a name lists a year's at most.
    const SPAN: i64 = 12;

    /// The months `months`; `None` for none, or for months a year or more apart.
    pub fn of(months: &[YearMonth]) -> Option<MonthsListed> {
        let first = *months.iter().min()?;
        let mut from_first = 0;
        for &m in months {
            let after = first.months_until(m);
            if after >= Self::SPAN {
                return None;
            }
            from_first |= 1 << after;
        }
        Some(MonthsListed { first, from_first })
    }

    pub fn contains(self, month: YearMonth) -> bool {
        let after = self.first.months_until(month);
        (0..Self::SPAN).contains(&after) && self.from_first & 1 << after != 0
    }

    fn iter(self) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self.first), |m| m.next())
            .take(Self::SPAN as usize)
            .filter(move |&m| self.contains(m))
    }

    pub fn last(self) -> YearMonth {
        self.iter().last().unwrap_or(self.first)
    }

    /// The months, as a message lists them: `2024-05 or 2024-06`.
    fn said(self) -> String {
        let months: Vec<String> = self.iter().map(|m| m.to_string()).collect();
        crate::finding::listed(&months, "or")
    }
}

/// A report row, borrowing its text from the row. The month comes from the row's month column, else from
/// `months.month` (the file's or folder's name); both present and different is an error. Free
/// text is read only for a month `texts_for` keeps it for.
pub fn report<'a>(
    table: &'a Table,
    row: &'a Row,
    months: FileMonths,
    texts_for: &TextsFor,
    findings: &mut Vec<Finding>,
) -> Option<ReportRow<'a>> {
    // (Made where it is returned, and `said` set there: a row is some 220 bytes, which moving
    // in and out of options copied.)
    // (A file listing months, or named for a range of no year, is read in full: its rows'
    // months are weighed against them.)
    let mut read = match (months.listed, months.range) {
        (None, None) => plain_report(table, row, months.month, texts_for),
        _ => None,
    };
    if read.is_none() {
        read = report_in_full(table, row, months, texts_for, findings);
    }
    if let Some(read) = &mut read {
        read.said = read.month_investment.is_none()
            && read.ytd_investment.is_none()
            && !read.flawed
            && says_something(table, row);
        read.texts_digest = texts_digest(table, row);
    }
    read
}

/// A digest of a report row's free text (形象进度, 存在问题, 问题类别) as its file holds it, in
/// four bits: the same words give the same digest, so a month's rows repeating the month
/// before's 累计 with the words of its rows too are told from a month of nothing invested
/// that says so (`check::rows_repeating`). (Of the cells as held, untrimmed: a copy is the
/// same byte for byte.)
fn texts_digest(table: &Table, row: &Row) -> u8 {
    let mut h = FxHasher::default();
    for field in [Field::Progress, Field::Problems, Field::ProblemCategory] {
        if let Some(column) = table.column(field) {
            match row.raw_cell(column) {
                Some(raw) => h.write(raw.as_bytes()),
                None => h.write(row.cell(column).text().as_bytes()),
            }
        }
        h.write_u8(0xff);
    }
    (h.finish() & 15) as u8
}

/// Whether a report row of no figure has a person's word in it: text in 形象进度, 存在问题 or
/// 问题类别 (`无` too: a blank form has none), or a mark of nothing (`-`) typed in an amount
/// cell. (Not 项目状态 nor 实际开工时间: a form is given them filled in ahead. Nor 未填, which
/// says the cell was not filled in.)
fn says_something(table: &Table, row: &Row) -> bool {
    let text = |field| {
        let column = table.column(field)?;
        let cell = row.cell(column);
        Some(trim(&cell.text()).to_string())
    };
    [Field::Progress, Field::Problems, Field::ProblemCategory]
        .into_iter()
        .filter_map(text)
        .any(|t| !t.is_empty() && !is_error_value(&t) && !unfilled(&t))
        || [Field::MonthInvestment, Field::YtdInvestment]
            .into_iter()
            .filter_map(text)
            .any(|t| !t.is_empty() && is_nothing(&t) && !unfilled(&t))
}

/// `report` of most rows of delimited text, read at once: those whose cells are all plain
/// (`Row::plain_cell`) and whose values need no finding, in a file with no unit in its amount
/// headers, no 1-N月 year-to-date column and no two columns naming one amount. Each value is
/// read by the same parser as in `report_in_full`, so the row is the one it reads. `None` for
/// any other row.
fn plain_report<'a>(
    table: &'a Table,
    row: &'a Row,
    file_month: Option<YearMonth>,
    texts_for: &TextsFor,
) -> Option<ReportRow<'a>> {
    let layout = &table.layout;
    if !layout.scales.is_empty()
        || layout.ytd_through.is_some()
        || layout.month_of.is_some()
        || !layout.doubled.is_empty()
    {
        return None;
    }
    // Each `None` below: not plain, or a value with a finding to make; `report_in_full` reads
    // the row instead.
    let cell = |field| match table.column(field) {
        Some(column) => row.plain_cell(column),
        None => Some(""),
    };
    // (A spreadsheet's error value, #N/A, has a finding to make.)
    let text = |field| match cell(field)? {
        // (Most often a column the file has not, 项目名称 in a report: nothing to look at.)
        "" => Some(None),
        t if is_error_value(t) => None,
        t => Some((!is_nothing(t)).then_some(Cow::Borrowed(t))),
    };
    let month_in = |field| match cell(field)? {
        "" => Some(None),
        // (2024.1 may be October's: a finding to make.)
        t if t.ends_with(".1") => None,
        t => parse_month(t).ok(),
    };
    let amount = |field| match cell(field)? {
        "" => Some(None),
        t => match parse_amount(t) {
            Ok(Some(a)) if a.is_sign_negative() && !a.is_zero() => None,
            Ok(a) => Some(a),
            Err(_) => None,
        },
    };
    let id = cell(Field::Id)?;
    // (A plain cell has nothing to trim: all ASCII, it says nothing only as `is_nothing`'s
    // dashes and slashes, or empty.)
    if !id.is_ascii() || id.bytes().all(|b| matches!(b, b'-' | b'/')) || is_error_value(id) {
        return None;
    }
    let month = match (month_in(Field::Month)?, file_month) {
        (Some(c), Some(f)) if c != f => return None,
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => return None,
    };
    let (status, status_text) = match cell(Field::Status)? {
        "" => (None, None),
        t => (Some(Status::parse(t)?), Some(Cow::Borrowed(t))),
    };
    let keeps_texts = texts_for.keeps(month);
    // (Looked at when not kept too, at its first byte: an error value has a finding to make,
    // and a cell that may be one is read whole.)
    let kept = |field| {
        if keeps_texts {
            return text(field);
        }
        let first = table.column(field).and_then(|c| row.first_byte(c));
        match first {
            Some(b) if may_start_an_error_value(b) => {
                (!is_error_value(cell(field)?)).then_some(None)
            }
            _ => Some(None),
        }
    };
    let (progress, problems, problem_category) = (
        kept(Field::Progress)?,
        kept(Field::Problems)?,
        kept(Field::ProblemCategory)?,
    );
    // (Not kept, a text column's cell is looked at whole only where it is not empty.)
    let words = |field| {
        table.column(field).is_some_and(|c| {
            row.first_byte(c).is_some()
                && match row.plain_cell(c) {
                    Some(t) => !is_nothing(t),
                    None => !is_nothing(&row.cell(c).text()),
                }
        })
    };
    let worded = match keeps_texts {
        true => progress.is_some() || problems.is_some() || problem_category.is_some(),
        false => [Field::Progress, Field::Problems, Field::ProblemCategory]
            .into_iter()
            .any(words),
    };
    Some(ReportRow {
        id: Cow::Borrowed(id),
        name: text(Field::Name)?,
        district: text(Field::District)?,
        annual_plan: report_plan(table, row, month),
        month,
        month_investment: amount(Field::MonthInvestment)?,
        ytd_investment: amount(Field::YtdInvestment)?,
        status,
        status_text,
        actual_start: month_in(Field::ActualStart)?,
        progress,
        problems,
        problem_category,
        line: row.line,
        flawed: false,
        said: false,
        worded,
        texts_digest: 0,
    })
}

/// The error of a row whose 报告月份 says the month `c`, where its file is for the month `f`
/// (`no_year`: the cell's month of no year, where it gives one), with how to mend the file's name
/// where that is more likely the slip.
fn month_disagrees(
    r: &mut RowReader,
    months: FileMonths,
    no_year: Option<u32>,
    c: YearMonth,
    f: YearMonth,
) {
    let header = r.header(Field::Month);
    // (Where the file's folder is the row's month, its name is more likely the slip.)
    let file = &r.table.layout.file;
    let range = (months.named.is_some() || months.range.is_some())
        .then(|| super::name_range_of(file))
        .flatten()
        .filter(|&(first, last)| (first..last).contains(&c.month()) && c.year() == f.year());
    let rename = match (months.named, months.filed) {
        (Some(_), Some(filed)) if filed == c => {
            format!("; its folder is {c}'s too: if the file is {c}'s report, rename it")
        }
        // (A name of a range is its last month's: a file of each month's rows, named
        // for them all, `东区2024年1-6月.csv`, is named for its year alone.)
        _ if let Some((first, last)) = range => format!(
            "; a name of a range, {first}-{last}月, is its last month's: if the file \
             gives each month's rows, name it for its year alone, {}",
            super::named_for_its_year(file, f.year(), months.filed.is_some())
        ),
        _ => String::new(),
    };
    // (A month of no year, `8月`, is quoted as written: the year it was read in, by the
    // half-year rule 2023's in January's file, is none the cell gave.)
    let (said, expected) = match no_year {
        Some(_) => (
            format!("\"{}\"", trim(&r.text(Field::Month).unwrap_or_default())),
            format!("{}月 or {f}", f.month()),
        ),
        None => (c.to_string(), f.to_string()),
    };
    r.error(
        Field::Month,
        format!(
            "{header} {said} disagrees with the month {f} in {} (expected {expected}, or \
             move the row to the right month's file{rename})",
            super::month_source(file)
        ),
    );
}

/// A report row's 年度计划投资 in 万元, where its file has the column and the cell gives an
/// amount of 0 or more: compared with the registry's plan, never used in a figure. Read
/// quietly (a cell that is no amount is passed over, not an error: the bulletin does not read
/// it), and not from a column naming another year than the row's (`2023年计划投资` kept beside
/// this year's figures).
fn report_plan(table: &Table, row: &Row, month: YearMonth) -> Option<Amount> {
    let (cell, _) = cell_of(table, row, Field::AnnualPlan)?;
    if (table.plan_year_said).is_some_and(|year| year != month.year()) {
        return None;
    }
    match cell_amount(cell, table.layout.scale(Field::AnnualPlan)) {
        Ok(Some(plan)) if !plan.is_sign_negative() => Some(plan),
        _ => None,
    }
}

/// How a cell that says nothing is named in its finding: `empty`, or `"-", which says nothing`.
fn said_nothing(text: Option<Cow<str>>) -> String {
    match text {
        Some(t) if !trim(&t).is_empty() => format!("\"{}\", which says nothing", trim(&t)),
        _ => "empty".to_string(),
    }
}

/// `report` of any row, with a finding for each value that cannot be read. The findings are of
/// the row's month, where it is known (`Finding::in_month`), and the row not said to be of
/// another (a 报告月份 disagreeing with the file's month, a `1-6月` column in July's file: the
/// row may be June's, and is of no month).
fn report_in_full<'a>(
    table: &'a Table,
    row: &'a Row,
    months: FileMonths,
    texts_for: &TextsFor,
    findings: &mut Vec<Finding>,
) -> Option<ReportRow<'a>> {
    let first = findings.len();
    let (read, month) = read_in_full(table, row, months, texts_for, findings);
    if let Some(month) = month {
        for f in &mut findings[first..] {
            f.month = Some(month);
        }
    }
    read
}

/// `report_in_full`'s row, and its month where it is known (with or without a row).
fn read_in_full<'a>(
    table: &'a Table,
    row: &'a Row,
    months: FileMonths,
    texts_for: &TextsFor,
    findings: &mut Vec<Finding>,
) -> (Option<ReportRow<'a>>, Option<YearMonth>) {
    let file_month = months.month;
    let mut r = RowReader::new(table, row, findings);
    let id = r.id();
    // A month typed as the number 2024.1 is January or October: the file's name, where it
    // names one of those two, says which. So is the text 2024.1 (a spreadsheet writes the number
    // so to CSV) in a file named for October; elsewhere the text is January, as it is written.
    let month_cell = r.cell(Field::Month).map(|(cell, _)| cell);
    let (ambiguous, as_text) = match month_cell {
        Some(CellRef::Number(n)) => (january_or_october(&number_text(n)), false),
        Some(CellRef::Text(t)) => (january_or_october(t.trim()), true),
        _ => (None, false),
    };
    // A month of no year (`6月`, or its number alone, `6`; of a range, `1-2月`, its last): the
    // file's name's or folder's year's.
    let no_year = match month_cell {
        Some(CellRef::Text(t)) => {
            let t = to_halfwidth(t.trim());
            let number = (t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
                .filter(|m| (1..=12).contains(m));
            (number.or_else(|| super::value::bare_month(&t)))
                .or_else(|| super::value::bare_range_month(&t))
        }
        Some(CellRef::Number(n)) if n.fract() == 0.0 && (1.0..=12.0).contains(&n) => Some(n as u32),
        _ => None,
    };
    // A date with its year last that may be either of two months (`07/01/2024`, as LibreOffice
    // writes a month's date to CSV in American order): the reading of the 1st of a month (a
    // month kept as a date is its 1st), else the file's month where that is one of them.
    // (Looked for only where the cell is no month of the other forms above.)
    let year_last = || match month_cell {
        Some(CellRef::Text(t)) => {
            month_or_day_first(t).and_then(|[(a, da), (b, db)]| match (da == 1, db == 1) {
                (true, false) => Some(a),
                (false, true) => Some(b),
                _ => file_month.filter(|&f| f == a || f == b),
            })
        }
        _ => None,
    };
    // (The year of the month the file's name or folder gives, also where its rows are read by
    // their 报告月份: `reports/2024-07/东区6月.csv`, June's come late, of `6月`; of `12月`,
    // `reports/2025-01/…` or `reports/2025年/1月/…` last year's, as a month more than half a
    // year after the path's is. Else the year alone of a name or folder, `2024年汇总.csv`.)
    let file_year = |m: u32| {
        let of = |path: YearMonth| path.year() - i32::from(m > path.month() + 6);
        (file_month.or(months.named).or(months.filed).map(of)).or(months.year)
    };
    let column_month = match (ambiguous, file_month) {
        _ if let Some((m, year)) = no_year.and_then(|m| Some((m, file_year(m)?))) => {
            YearMonth::new(year, m)
        }
        _ if no_year.is_some() => {
            let header = r.header(Field::Month);
            let text = r.text(Field::Month).unwrap_or_default();
            r.error(
                Field::Month,
                format!(
                    "{header} \"{text}\" gives no year, and neither the file's name nor its \
                     folder's gives one (expected {MONTH_EXPECTED})"
                ),
            );
            None
        }
        (Some(year), Some(f)) if f.year() == year && matches!(f.month(), 1 | 10) => Some(f),
        // (A name of the month of no year, `东区10月.csv`, says which as well.)
        (Some(year), None)
            if let Some((_, m @ (1 | 10))) =
                super::month_of_no_year_in_path(&r.table.layout.file) =>
        {
            YearMonth::new(year, m)
        }
        _ if let Some(m) = year_last() => Some(m),
        (Some(_), _) if as_text => r.month(Field::Month),
        (Some(year), None) => {
            let header = r.header(Field::Month);
            r.error(
                Field::Month,
                format!(
                    "{header} \"{year}.1\" is a number, which could be {year}-01 or {year}-10, \
                     as Excel keeps {year}.10 typed in a cell as {year}.1 (write the month as \
                     text, or name the file for its month, e.g. {year}-10.xlsx)"
                ),
            );
            None
        }
        _ => r.month(Field::Month),
    };
    // Whether a header says the row's figures are of another month than it is read as.
    let mut misfiled = false;
    let month = match (column_month, file_month) {
        (Some(c), Some(f)) if c != f => {
            month_disagrees(&mut r, months, no_year, c, f);
            None
        }
        // (A name of a range of no year is its last month's as one with its year is.)
        (Some(c), None) if let Some(f) = months.range_end_after(c) => {
            month_disagrees(&mut r, months, no_year, c, f);
            None
        }
        (Some(c), None) if months.listed.is_some_and(|listed| !listed.contains(c)) => {
            let header = r.header(Field::Month);
            let listed = months.listed.map(MonthsListed::said).unwrap_or_default();
            r.error(
                Field::Month,
                format!(
                    "{header} {c} is none of the months the file's name gives (expected \
                     {listed}, or move the row to the right month's file)"
                ),
            );
            None
        }
        (Some(c), _) => Some(c),
        (None, Some(f)) => Some(f),
        (None, None) if months.listed.is_some() => {
            if !r.flawed {
                let header = r.header(Field::Month);
                let listed = months.listed.map(MonthsListed::said).unwrap_or_default();
                r.error(
                    Field::Month,
                    format!(
                        "{header} is empty, and the file's name gives more than one month \
                         (expected {listed})"
                    ),
                );
            }
            None
        }
        (None, None) => {
            if !r.flawed {
                let header = r.header(Field::Month);
                r.error(
                    Field::Month,
                    format!(
                        "{header} is empty and neither the file's name nor its folder's gives a \
                         month (expected {MONTH_EXPECTED})"
                    ),
                );
            }
            None
        }
    };
    let month_investment = r.amount(Field::MonthInvestment, false);
    let ytd_investment = r.amount(Field::YtdInvestment, false);
    // A 1-6月完成投资 column holds June's year-to-date, a 2024年累计完成投资 one 2024's: a row for
    // another month or year is misfiled. (The header advised is one xmtool reads: a bare 1-6月
    // names no figure.)
    if let (Some(m), Some(_), Some(said @ YtdSaid { year, month: n })) =
        (month, ytd_investment, table.layout.ytd_through)
        && !said.is_for(m)
    {
        misfiled = true;
        let header = r.header(Field::YtdInvestment);
        let (through, expected, report) = match (year, n) {
            (Some(y), Some(n)) => (
                format!("{y}年1-{n}月"),
                format!("{}年1-{}月完成投资", m.year(), m.month()),
                format!("{y}-{n:02}"),
            ),
            (None, Some(n)) => (
                format!("month {n}"),
                format!("1-{}月完成投资", m.month()),
                format!("month {n}"),
            ),
            // A year alone (2024年累计完成投资). (`ytd_said` never gives neither.)
            (year, None) => {
                let y = year.unwrap_or(m.year());
                (
                    format!("{y}"),
                    format!("{}年累计完成投资", m.year()),
                    format!("{y}"),
                )
            }
        };
        r.error(
            Field::YtdInvestment,
            format!(
                "{header} is the year-to-date to {through}, but the row is for {m} (expected a \
                 header {expected}, or the row in {report}'s report)"
            ),
        );
    }
    // A 6月完成投资 column holds June's figure, a 2024年本月完成投资 one a month of 2024's: a
    // row for another month or year is misfiled.
    if let (Some(m), Some(_), Some(said @ YtdSaid { year, month: n })) =
        (month, month_investment, table.layout.month_of)
        && !said.is_for(m)
    {
        misfiled = true;
        let header = r.header(Field::MonthInvestment);
        let (of, expected) = match (year, n) {
            (Some(y), Some(n)) => (
                format!("{y}-{n:02}"),
                format!("{}年{}月", m.year(), m.month()),
            ),
            (None, Some(n)) => (format!("month {n}"), format!("{}月", m.month())),
            // (A year alone: `month_figure_said` never gives neither.)
            (year, None) => {
                let y = year.unwrap_or(m.year());
                (format!("{y}"), format!("{}年本月", m.year()))
            }
        };
        r.error(
            Field::MonthInvestment,
            format!(
                "{header} is the figure of {of}, but the row is for {m} (expected a header \
                 {expected}…, or the row in {of}'s report)"
            ),
        );
    }
    // (A spreadsheet's error value, #N/A, is said as such and read as no status; so is a
    // formula with no saved result, as an error: whether the project started is not known.)
    let status_text = match r.unworked(Field::Status) {
        true => None,
        false => r.given_text(Field::Status),
    };
    let status = status_text.as_deref().and_then(Status::parse);
    // (A status not known is said once a month for the file, with its rows:
    // `unknown_statuses`.)
    let unknown_status = match (&status_text, status) {
        // A status header's text in a row of data (a header cell over two rows, the second the
        // first row of data) is no status not known: said as what it is. (In a workbook, a
        // cell repeating its column's header has an error saying so already.)
        (Some(text), None) if names_the_status(text) => {
            let layout = &r.table.layout;
            if !(layout.workbook && text.trim() == layout.header(Field::Status).trim()) {
                let column = r.table.column(Field::Status);
                let header = r.header(Field::Status);
                r.push(
                    Finding::warning(
                        layout.file.clone(),
                        format!(
                            "{header} \"{text}\" is a header, not a status (a header cell over \
                             two rows, its text in this row of data? keep the header's rows \
                             above the data); the status is ignored"
                        ),
                    )
                    .at(line_of(r.row, column), column),
                );
            }
            None
        }
        // A list of statuses to choose from (`（前期/在建/竣工）`): a template's hint row under
        // the header, its figures typed over and its hint left, is no status not known either.
        (Some(text), None) if lists_statuses(text) => {
            let column = r.table.column(Field::Status);
            let header = r.header(Field::Status);
            r.push(
                Finding::warning(
                    r.table.layout.file.clone(),
                    format!(
                        "{header} \"{text}\" lists the statuses to choose from, not a status (the \
                         template's hint row? delete it, or write this project's status in its \
                         place); the status is ignored"
                    ),
                )
                .at(line_of(r.row, column), column),
            );
            None
        }
        (Some(text), None) => (r.table.column(Field::Status))
            .filter(|&c| !r.in_unclosed_quote(c))
            .map(|c| (row.line_of(c), text.to_string())),
        _ => None,
    };
    // (An actual start of 已开工 or 在建 says the project started, not when: read as the status
    // 在建 where the row gives none, with a note; beside a status not saying so, 前期 or 缓建,
    // the status stands, with a warning.)
    // (No month is a status word: a month's cell is read below.) So too 是, in a column
    // 实际开工 asking whether the project started.
    let start_said = (r.text(Field::ActualStart)).filter(|text| {
        Status::parse(text) == Some(Status::Building) || start_answered(text) == Some(true)
    });
    let actual_start = match &start_said {
        Some(text) => {
            let column = r.table.column(Field::ActualStart);
            let header = r.header(Field::ActualStart);
            let finding = match (status, &status_text) {
                (Some(s), Some(written)) if !s.shows_started() => Finding::warning(
                    r.table.layout.file.clone(),
                    format!(
                        "{header} \"{text}\" says the project started, but {} \"{written}\" \
                         does not: read by the status, as not started (give the month it \
                         started, e.g. 2024-03, or mend the status)",
                        r.header(Field::Status)
                    ),
                ),
                _ => Finding::note(
                    r.table.layout.file.clone(),
                    format!(
                        "{header} \"{text}\" says the project started, not when: read as \
                         started, its month not known (give the month it started, e.g. 2024-03)"
                    ),
                ),
            };
            r.push(finding.at(line_of(r.row, column), column));
            None
        }
        None => r.month_of(Field::ActualStart, month.map(YearOf::Before)),
    };
    let status = status.or(start_said.map(|_| Status::Building));
    let said = month.filter(|_| !misfiled);
    if let Some((line, text)) = unknown_status {
        table.layout.note_unknown_status(said, line, text);
    }
    // (A row refused for its month is not read, but its id is weighed all the same.)
    if let (Some(id), None) = (&id, month) {
        let expected = file_month.or(months.listed.map(MonthsListed::last));
        table.layout.note_refused(RefusedRow {
            line: row.line,
            id: id.to_string(),
            months: [expected, column_month],
        });
    }
    let (Some(id), Some(month)) = (id, month) else {
        return (None, said);
    };
    let keeps_texts = texts_for.keeps(month);
    // (Read, for their findings, when not kept.)
    let (progress, problems, problem_category) = (
        r.given_text(Field::Progress),
        r.given_text(Field::Problems),
        r.given_text(Field::ProblemCategory),
    );
    let worded = progress.is_some() || problems.is_some() || problem_category.is_some();
    let kept = |text: Option<Cow<'a, str>>| text.filter(|_| keeps_texts);
    let (progress, problems, problem_category) =
        (kept(progress), kept(problems), kept(problem_category));
    let read = ReportRow {
        id,
        name: r.given_text(Field::Name),
        district: r.given_text(Field::District),
        annual_plan: report_plan(table, row, month),
        month,
        month_investment,
        ytd_investment,
        status,
        status_text,
        actual_start,
        progress,
        problems,
        problem_category,
        line: row.line,
        flawed: r.flawed,
        said: false,
        worded,
        texts_digest: 0,
    };
    (Some(read), said)
}

/// The answer an actual start's cell gives where its column asks whether the project started
/// (实际开工: 是 or 否, √ or ×), `Some(true)` for started; `None` for any other text.
fn start_answered(text: &str) -> Option<bool> {
    match trim(text) {
        "是" | "√" | "✓" | "✔" => Some(true),
        "否" | "×" | "✗" | "✘" => Some(false),
        _ => None,
    }
}

/// What is said of an id read from a number cell of 16 digits or more (check looks for it).
pub(crate) const KEEPS_15_DIGITS: &str = "is a number cell, which keeps only 15 digits";

/// What is said of an id such as `6.20321E+17`, and what follows.
pub(crate) const LONG_NUMBER: &str = "is a long number as a spreadsheet shows it";
pub(crate) const LOST_DIGITS: &str = "the code's last digits may be lost (format the column as \
                                      text in Excel or WPS and type the code again)";

/// A row's cell of `field`, as `table` reads it, and its column.
fn cell_of<'a>(table: &Table, row: &'a Row, field: Field) -> Option<(CellRef<'a>, usize)> {
    let column = table.column(field)?;
    // A plain cell of delimited text (most) is the cell as the file holds it.
    let cell = match row.plain_cell(column) {
        Some("") => CellRef::Empty,
        Some(text) => CellRef::Text(text),
        None => row.cell(column),
    };
    Some((cell, column))
}

/// Whether a text is a number in scientific notation (`6.20321E+17`), as a spreadsheet shows a
/// number too long for its cell.
pub(crate) fn in_scientific_notation(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(whole) && digits(fraction) && exponent.strip_prefix('+').is_some_and(digits)
}

/// The findings on a file's rows whose figure in a column left unread differs from the one read
/// (noted by `compare_doubled`): one a column, at its first such row, with the others' lines.
/// An error where the two headers are one as headers are matched (`累计完成投资` twice, or
/// beside `累计完成投资（亿元）`: the first is read, and which is this month's cannot be told, a
/// stale one kept before it as likely as after) and a row's figure in the column not read is
/// not the one read, else a warning (the one read chosen by its header, 本年累计 over 累计, 1-6月
/// over 1-5月; or an empty cell not read beside a figure read).
pub fn differing(layout: &crate::model::Layout) -> Vec<Finding> {
    use super::header::normalize;
    let delete = "delete the one that is not this file's figures";
    layout
        .take_differing()
        .into_iter()
        .map(|d| {
            let (line, unread, read) = &d.first;
            let (header, read_header, column) = (&d.header, &d.read_header, d.read_column);
            let label = d.label;
            let message = match d.lines.len() {
                1 => format!(
                    "{header} {unread} differs from {read_header} {read} in column {column}, \
                     which is read (two columns name {label}: {delete})"
                ),
                n => format!(
                    "{header} differs from {read_header} in column {column}, which is read, in \
                     {n} rows ({}; the first: {unread} against {read}) (two columns name \
                     {label}: {delete})",
                    super::table::lines(&d.lines)
                ),
            };
            let severity = if d.figure_unread && normalize(header) == normalize(read_header) {
                crate::finding::Severity::Error
            } else {
                crate::finding::Severity::Warning
            };
            Finding::new(severity, layout.file.clone(), message).at(*line, Some(d.column))
        })
        .collect()
}

/// Whether a 项目状态 cell's text is a status's header (`项目状态`, `进展状态（前期/在建）`), as
/// a header cell over two rows leaves in the row below it.
fn names_the_status(text: &str) -> bool {
    super::header::HeaderMatcher::built_in().field(text) == Some(Field::Status)
}

/// Whether a 项目状态 cell's text lists statuses to choose from, as a template's hint row under
/// the header gives them: in brackets, two or more (`（前期/在建/竣工）`, `(前期、在建、竣工)`), or
/// three or more without (`前期/在建/竣工`); not a status with a word more (`在建（主体完工）`).
fn lists_statuses(text: &str) -> bool {
    let text = text.trim();
    let inner = (text.strip_prefix('（').and_then(|t| t.strip_suffix('）')))
        .or_else(|| text.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .or_else(|| text.strip_prefix('【').and_then(|t| t.strip_suffix('】')))
        .or_else(|| text.strip_prefix('[').and_then(|t| t.strip_suffix(']')));
    let listed = inner.unwrap_or(text);
    let marks = ['/', '／', '、', ',', '，', ';', '；', '|', '或'];
    // (Each a status, counted once: `前期/未开工` are one.)
    let mut statuses = Vec::new();
    for part in listed.split(marks) {
        match Status::parse(part.trim()) {
            Some(status) if !statuses.contains(&status) => statuses.push(status),
            Some(_) => {}
            None => return false,
        }
    }
    let fewest = if inner.is_some() { 2 } else { 3 };
    statuses.len() >= fewest
}

/// The findings on a file's report rows whose 项目状态 is not known (noted by `read_in_full`):
/// one a month, at its first such row, naming the others' lines and the first few statuses. A
/// column of another thing under a status's header (进展状态 of 正常推进, 滞后) is said once, not
/// on every row.
pub fn unknown_statuses(table: &Table) -> Vec<Finding> {
    const SHOWN: usize = 3;
    let layout = &table.layout;
    let header = layout.header_shown(Field::Status);
    let finding = |month: Option<YearMonth>, rows: Vec<(u64, String)>| {
        let (line, first) = rows.first()?;
        let message = match rows.len() {
            1 => format!(
                "{header} \"{first}\" is not known (expected {STATUS_EXPECTED}); the status is \
                 ignored"
            ),
            n => {
                // (Up to one more than shown: whether there are more.)
                let mut values: Vec<&str> = Vec::new();
                for (_, text) in &rows {
                    if values.len() > SHOWN {
                        break;
                    }
                    if !values.contains(&text.as_str()) {
                        values.push(text);
                    }
                }
                let mut shown: Vec<String> = (values.iter().take(SHOWN))
                    .map(|v| format!("\"{v}\""))
                    .collect();
                if values.len() > SHOWN {
                    shown.push("…".to_string());
                }
                let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
                format!(
                    "{header} is not known in {n} rows ({}: {}) (expected {STATUS_EXPECTED}); \
                     the statuses are ignored",
                    super::table::lines(&lines),
                    shown.join(", ")
                )
            }
        };
        let at =
            Finding::warning(layout.file.clone(), message).at(*line, table.column(Field::Status));
        Some(match month {
            Some(m) => at.in_month(m),
            None => at,
        })
    };
    (layout.take_unknown_statuses().into_iter())
        .filter_map(|(month, rows)| finding(month, rows))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_listed_to_choose_from() {
        for (text, listed) in [
            ("（前期/在建/竣工）", true),
            ("(前期、在建、竣工)", true),
            (" ( 前期 / 在建 ) ", true),
            ("【在建，竣工，投产】", true),
            ("前期/在建/竣工", true),
            ("前期、在建或竣工", true),
            // Two without brackets may be a project's own (在建/部分投产), said as not known.
            ("在建/投产", false),
            // One status, twice written.
            ("（前期/未开工）", false),
            ("在建（主体完工）", false),
            ("（前期/在建/其他）", false),
            ("（前期//在建）", false),
            ("进行中", false),
            ("", false),
        ] {
            assert_eq!(lists_statuses(text), listed, "{text}");
        }
    }

    #[test]
    fn months_typed_as_numbers() {
        let month =
            |n: f64| month_of_cell(CellRef::Number(n), false).map(|m| m.map(|m| m.to_string()));
        assert_eq!(month(2024.06), Ok(Some("2024-06".to_string())));
        assert_eq!(month(2024.6), Ok(Some("2024-06".to_string())));
        assert_eq!(month(2024.11), Ok(Some("2024-11".to_string())));
        assert_eq!(month(202410.0), Ok(Some("2024-10".to_string())));
        // 2024.10 typed in a cell is kept as 2024.1: January or October.
        assert!(month(2024.1).is_err_and(|why| why.contains("2024-01 or 2024-10")));
        assert_eq!(january_or_october(&number_text(2024.1)), Some(2024));
        assert_eq!(january_or_october(&number_text(2024.11)), None);
        assert_eq!(january_or_october(&number_text(1989.1)), None);
        // A date serial in a General-formatted cell, in the workbook's date system: 2024-06-01
        // is 45444 counted from 1900, 43982 from 1904.
        assert_eq!(month(45444.0), Ok(Some("2024-06".to_string())));
        assert_eq!(month(43982.0), Ok(Some("2020-05".to_string())));
        let in_1904 =
            |n: f64| month_of_cell(CellRef::Number(n), true).map(|m| m.map(|m| m.to_string()));
        assert_eq!(in_1904(43982.0), Ok(Some("2024-06".to_string())));
        // (Months typed as numbers are no serials, in either system.)
        assert_eq!(in_1904(202406.0), Ok(Some("2024-06".to_string())));
    }
    use crate::load::grid::{self, FileKind};
    use crate::load::header::HeaderMatcher;
    use crate::load::table;
    use proptest::prelude::*;

    /// Each row of a report file as `plain_report` reads it (`None` where it leaves the row to
    /// `report_in_full`) beside `report_in_full`'s reading and findings.
    #[allow(clippy::type_complexity)]
    fn both_readings(
        csv: &str,
        file_month: Option<YearMonth>,
        texts_for: &TextsFor,
    ) -> Vec<(Option<String>, Option<String>, Vec<String>)> {
        let mut findings = Vec::new();
        let mut opened = grid::open(
            "reports/x.csv",
            csv.as_bytes(),
            FileKind::Delimited,
            grid::Asked::default(),
            &mut findings,
        )
        .expect("opened");
        let mut grid = opened.grid();
        let matcher = HeaderMatcher::new(&[]);
        let Some(mut table) = table::locate(
            "reports/x.csv",
            &mut grid,
            &matcher,
            &Field::REPORT,
            &[Field::Id],
            &[],
            &mut findings,
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut row = Row::default();
        while table.next_row(&mut grid, &mut row, &mut findings) {
            let fast = plain_report(&table, &row, file_month, texts_for).map(|r| format!("{r:?}"));
            let mut found = Vec::new();
            let months = FileMonths::of("reports/x.csv", file_month);
            let full = report_in_full(&table, &row, months, texts_for, &mut found)
                .map(|r| format!("{r:?}"));
            let found = found.iter().map(|f| format!("{f:?}")).collect();
            out.push((fast, full, found));
        }
        out
    }

    /// What a column holds, for making cells that are mostly right.
    #[derive(Clone, Copy, Debug)]
    enum Kind {
        Id,
        Month,
        Amount,
        Status,
        Text,
    }
    use Kind::*;

    /// Report layouts: the usual, one without a month column (the file's name has it), one with
    /// a unit in an amount's header, one with a 1-6月 year-to-date column, one in another order.
    const HEADERS: [&[(&str, Kind)]; 5] = [
        &[
            ("项目编号", Id),
            ("报告月份", Month),
            ("本月完成投资（万元）", Amount),
            ("累计完成投资（万元）", Amount),
            ("项目状态", Status),
            ("实际开工时间", Month),
            ("形象进度", Text),
        ],
        &[
            ("项目编号", Id),
            ("本月完成投资", Amount),
            ("累计完成投资", Amount),
            ("项目状态", Status),
            ("存在问题", Text),
            ("问题类别", Text),
        ],
        &[
            ("项目编号", Id),
            ("报告月份", Month),
            ("本月完成投资（亿元）", Amount),
            ("累计完成投资（万元）", Amount),
            ("项目状态", Status),
        ],
        &[
            ("项目编号", Id),
            ("报告月份", Month),
            ("本月完成投资", Amount),
            ("1-6月完成投资", Amount),
            ("项目状态", Status),
            ("实际开工时间", Month),
        ],
        &[
            ("报告月份", Month),
            ("项目状态", Status),
            ("形象进度", Text),
            ("累计完成投资", Amount),
            ("项目编号", Id),
            ("实际开工时间", Month),
            ("本月完成投资", Amount),
        ],
    ];

    /// Cells that are right for a kind of column.
    fn right(kind: Kind) -> &'static [&'static str] {
        match kind {
            Id => &["A1", "P2024-001", "B-7"],
            Month => &["2024-06", "2024-06", "2024-05", ""],
            Amount => &["0", "12.5", "1200", "", "0.000"],
            Status => &["在建", "前期", "竣工", ""],
            Text => &["施工中", "", "a"],
        }
    }

    /// Cells of every kind a report holds: ones to trim, to widen, to unquote, with units,
    /// signs or mistakes.
    const ANY: [&str; 41] = [
        " ",
        "  A1",
        "A1 ",
        "ＡＢ1",
        "=\"007\"",
        "=\"\"",
        "'007",
        "'-5",
        "'s",
        "合计",
        "A 1",
        "项目1",
        "2024/6",
        "2024年6月",
        "202406",
        "2024-13",
        " 2024-06",
        "2024-06 ",
        "1,234.5",
        "-3",
        "-0",
        "3.2亿",
        "5000元",
        "-",
        "abc",
        " 12",
        "１２",
        "1e3",
        ".5",
        "99999999999999999999",
        "未知",
        " 在建",
        "\u{3000}空格",
        "a\u{a0}",
        "1200万元",
        "2024-07",
        "0",
        "12.5",
        "",
        "在建",
        "A1",
    ];

    fn report_file() -> impl Strategy<Value = (String, Option<YearMonth>, TextsFor)> {
        (0..HEADERS.len(), any::<bool>(), 0..3usize).prop_flat_map(|(header, named, texts)| {
            let columns = HEADERS[header];
            // Each cell right for its column most of the time, anything otherwise; a row a
            // cell or two short now and then.
            let cell = |kind: Kind| {
                prop_oneof![
                    4 => prop::sample::select(right(kind)),
                    1 => prop::sample::select(&ANY[..]),
                ]
            };
            let row = (
                columns
                    .iter()
                    .map(|&(_, kind)| cell(kind))
                    .collect::<Vec<_>>(),
                prop_oneof![6 => Just(0usize), 1 => 1..3usize],
            )
                .prop_map(|(cells, short)| cells[..cells.len().saturating_sub(short)].join(","));
            prop::collection::vec(row, 1..12).prop_map(move |rows| {
                let june = YearMonth::new(2024, 6).expect("a month");
                let texts_for = [TextsFor::Month(june), TextsFor::Latest, TextsFor::Nothing];
                let names: Vec<&str> = columns.iter().map(|&(name, _)| name).collect();
                (
                    format!("{}\n{}\n", names.join(","), rows.join("\n")),
                    named.then_some(june),
                    texts_for[texts].clone(),
                )
            })
        })
    }

    proptest! {
        /// A row read at once is the row read in full, and one with no finding to make.
        #[test]
        fn a_row_read_at_once_is_the_row_read_in_full((csv, file_month, texts_for) in report_file()) {
            for (fast, full, found) in both_readings(&csv, file_month, &texts_for) {
                if let Some(fast) = fast {
                    prop_assert_eq!(Some(fast), full, "{}", csv);
                    prop_assert!(found.is_empty(), "{:?} in {}", found, csv);
                }
            }
        }
    }

    #[test]
    fn plain_rows_are_read_at_once() {
        let csv = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态,实际开工时间,形象进度\n\
                   A1,2024-06,12.5,100,在建,2024-03,主体施工\n\
                   A2,2024-06,0,0,前期,,\n\
                   A3,2024-06,,1200,,,\n\
                   A4,2024-06,1,2\n";
        let june = YearMonth::new(2024, 6);
        let rows = both_readings(csv, june, &TextsFor::Latest);
        assert_eq!(rows.len(), 4);
        for (fast, full, found) in rows {
            assert!(
                fast.is_some() && fast == full && found.is_empty(),
                "{full:?}"
            );
        }
        // Rows with something to say are left to the full reading.
        let csv = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态\n\
                   A1,2024-05,1,1,在建\n\
                   A2,2024-06,-1,1,在建\n\
                   A3,2024-06,1,1,未知\n\
                   ,2024-06,1,1,在建\n\
                   \x20A5,2024-06,1,1,在建\n\
                   A6,2024-06,1,1,在建\n";
        let rows = both_readings(csv, june, &TextsFor::Latest);
        let fast: Vec<bool> = rows.iter().map(|(fast, _, _)| fast.is_some()).collect();
        assert_eq!(fast, [false, false, false, false, false, true]);
    }
}
