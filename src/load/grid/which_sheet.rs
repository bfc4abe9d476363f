//! Which sheet of a workbook is read where settings name none, and what its other sheets hold.
//!
//! The first sheet a clerk sees is read, unless it holds no table (empty, notes, lists for
//! drop-downs, a summary) and a later one does, or a report's workbook keeps a sheet a month and
//! another names the file's month. A workbook's other sheets are looked at for what they hold,
//! so that a table left unread is named: only the first rows, where a header is looked for.

use calamine::Reader;

use crate::finding::Finding;
use crate::load::header::{Field, HeaderMatcher};
use crate::load::{is_report, table, value};
use crate::model::YearMonth;

/// Whether a sheet's name names a month: `2024-06`, `2024年6月`, `6月`, `06月份`, `六月`, `1-2月`.
pub(super) fn names_a_month(name: &str) -> bool {
    value::month_in_name(name).is_some() || month_of_no_year(name).is_some()
}

/// The month of a sheet named as a month of no year (`6月`, `六月`) or a range of them, its last
/// (`1-2月`: January's and February's figures reported together, in February's sheet).
fn month_of_no_year(name: &str) -> Option<u32> {
    value::bare_month(name).or_else(|| value::bare_range_month(name))
}

/// The month a report's sheet is named for where it is another than its file's (`month`): `5月`
/// or `2024-05` read in June's file, last month's report sent again, or a late one put with the
/// month it came in. (Of no year, the file's year's.)
pub(super) fn sheet_of_another_month(name: &str, month: YearMonth) -> Option<YearMonth> {
    let named = value::month_in_name(name)
        .or_else(|| YearMonth::new(month.year(), month_of_no_year(name)?))?;
    (named != month).then_some(named)
}

/// The names of a workbook's sheets a clerk sees (`seen`) other than `name`, in order.
pub(super) fn sheets_seen_besides<RS: std::io::Read + std::io::Seek>(
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

/// The sheet to read in place of `first`, the first sheet a clerk sees, where it holds no table
/// (no cell, no row of two: `holds_no_table`; or text alone, no 项目编号 nor figure, as a sheet
/// of lists for drop-downs: `text_alone`; or a summary, or notes or a cover by its name, of no
/// header row; or, in a registry, of no header row nor row of figures: `no_row_of_two`) and a
/// later one does: the first such, with the note saying so. Otherwise `first`, and no note.
pub(super) fn passing_over_a_sheet_without_a_table<RS: std::io::Read + std::io::Seek>(
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
        // A registry's notes under a name of their own (填报要求, or Sheet1), numbered or a
        // cover's labels and values: no header row, nor a row of two figures or two headers, as
        // a registry's has (总投资 and 年度计划投资). (Not a report's: its table may be of one
        // figure a row, under headers xmtool does not know, and is read and said to be so.)
        None if !is_report(file)
            && table_on(book, &first, matcher) == Some(Holds::NoHeader)
            && no_row_of_two(book, &first, matcher) =>
        {
            "holds notes, no table (no header row, nor a row of figures)"
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

/// The sheets of a workbook (their `names`) for `month`: those named for it (`7月`, `七月`,
/// `07月份` of no year, or `2024年7月`), or where none is, those named for a range of months of
/// no year ending in it (`1-2月`, January's and February's figures together): a `1-6月` sheet
/// of the year-to-date beside `6月` is no second report for June.
pub(super) fn sheets_for_month<'n>(names: &[&'n str], month: Option<YearMonth>) -> Vec<&'n str> {
    let Some(month) = month else {
        return Vec::new();
    };
    let named = |n: &&str| match value::month_in_name(n) {
        Some(named) => named == month,
        None => value::bare_month(n) == Some(month.month()),
    };
    let plain: Vec<&str> = names.iter().copied().filter(named).collect();
    if !plain.is_empty() {
        return plain;
    }
    (names.iter().copied())
        .filter(|n| value::bare_range_month(n) == Some(month.month()))
        .collect()
}

/// Of a report workbook whose sheet `first` (the one it would read) names a month other than
/// the file's (`month`), and another sheet names the file's month: that sheet (the only one
/// naming it).
pub(super) fn sheet_for_the_files_month<RS: std::io::Read + std::io::Seek>(
    book: &calamine::Sheets<RS>,
    file: &str,
    month: Option<YearMonth>,
    first: &str,
    seen: &dyn Fn(&calamine::Sheet) -> bool,
) -> Option<String> {
    if !is_report(file) || !names_a_month(first) {
        return None;
    }
    // (A hidden one too: which of two is the report is not known.)
    let sheets = book.sheets_metadata();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    match sheets_for_month(&names, month)[..] {
        [only] if only != first => (sheets.iter())
            .find(|s| s.name == only && seen(s))
            .map(|s| s.name.clone()),
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

/// Whether no row of a workbook's sheet holds two figures, or names two columns (as `matcher`
/// knows headers): notes, numbered (1 | 本表由各县区填报) or not, or a cover's labels and values
/// (联系电话 | 138…), not a registry, whose rows give 总投资 and 年度计划投资. `false` for a
/// sheet that cannot be read.
fn no_row_of_two<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> bool {
    let mut row_of_last = None;
    let (mut figures, mut headers) = (0, 0);
    let mut none = true;
    let read = each_cell(book, sheet, |(row, _), text| {
        if row_of_last != Some(row) {
            row_of_last = Some(row);
            (figures, headers) = (0, 0);
        }
        let text = text.as_deref().unwrap_or_default().trim();
        figures += usize::from(matches!(value::parse_amount(text), Ok(Some(_))));
        headers += usize::from(matcher.field(text).is_some());
        none = figures < 2 && headers < 2;
        none
    });
    read.is_some() && none
}

/// Whether no cell of a workbook's sheet's first rows, where a header is looked for, names
/// 项目编号 (as `matcher` knows headers): a summary by district, say. `false` for a sheet that
/// cannot be read.
fn names_no_id<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> bool {
    const ROWS: u32 = table::HEADER_SEARCH_ROWS as u32 + 1;
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
pub(super) enum Holds {
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
pub(super) fn table_on<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    sheet: &str,
    matcher: &HeaderMatcher,
) -> Option<Holds> {
    const ROWS: u32 = table::HEADER_SEARCH_ROWS as u32 + 1;
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
                && !table::TOTALS.iter().any(|w| t.contains(w))
        })
    };
    let row = header as u32 + 1;
    Some(match rows[header + 1..].iter().any(a_project) {
        true => Holds::Table(row, figures),
        false => Holds::Form(row),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            // (A range's last month: January's and February's figures together are February's.)
            "1-2月",
            "1-6月",
        ] {
            assert!(names_a_month(name), "{name}");
        }
        let feb = YearMonth::new(2024, 2);
        assert_eq!(sheets_for_month(&["1-2月", "3月"], feb), ["1-2月"]);
        assert_eq!(sheets_for_month(&["1-2月", "2月"], feb), ["2月"]);
        assert!(sheets_for_month(&["1-2月"], YearMonth::new(2024, 1)).is_empty());
        let june = YearMonth::new(2024, 6).unwrap();
        assert_eq!(sheet_of_another_month("5月", june), YearMonth::new(2024, 5));
        assert_eq!(
            sheet_of_another_month("2023-06", june),
            YearMonth::new(2023, 6)
        );
        for name in ["6月", "1-6月", "2024年6月", "Sheet1", "汇总"] {
            assert_eq!(sheet_of_another_month(name, june), None, "{name}");
        }
        for name in ["Sheet1", "汇总", "13月", "月", "6-1月", "填表说明", "100月"] {
            assert!(!names_a_month(name), "{name}");
        }
    }
}
