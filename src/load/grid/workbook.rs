//! A workbook (.xlsx, .xls, .xlsb, .ods, read with the calamine crate) as rows: read in the
//! helper process where there is one, else here, guarded against a panic on a damaged file. What
//! the file says of itself becomes findings: a password to open, a damaged container, formulas
//! with no saved result, amounts merged down over rows, other sheets left unread. The sheet read
//! is chosen in `which_sheet`, its cells gathered in `sheet`.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::guards::{quietly, strings_claimed_beyond_reason, xls_cells_beyond_reason};
use super::number_format::{Shown, shown_formats};
use super::sheet::{Above, Refused, Sheet};
use super::which_sheet::{
    Holds, names_a_month, passing_over_a_sheet_without_a_table, sheet_for_the_files_month,
    sheet_of_another_month, sheets_for_month, sheets_seen_besides, table_on,
};
use super::{Asked, Book, COMPOUND, Cell, FileKind};
use crate::finding::Finding;
use crate::load::header::HeaderMatcher;
use crate::load::{helper, is_report, parts};

/// Reads a workbook: in this thread's helper process where there is one (see `helper`), else
/// here.
pub(super) fn read_workbook(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Book> {
    match helper::read(file, bytes, asked, findings) {
        Some(rows) => rows,
        None => read_workbook_here(file, bytes, asked, findings),
    }
}

/// Reads a workbook in this process, guarding against a panic in the workbook reader on damaged
/// files: whatever the bytes, a finding rather than a crash (a failed allocation, which aborts,
/// is what the helper process is for).
pub(in crate::load) fn read_workbook_here(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Book> {
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
) -> Option<Book> {
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
    let held = parts::held(bytes);
    let patched = held
        .errors
        .then(|| parts::unknown_errors_as_text(bytes))
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
    // (A sheet is named as a header is, its spaces around aside: `月报 `, typed so in Excel's
    // tab, is the sheet `月报`.)
    let named = |n: &str, wanted: &str| n.trim() == wanted.trim();
    // The sheet named in settings is a report's (`sheet = "月报"`): a registry workbook without
    // it is read as if none were named.
    let sheet = match sheet {
        Some(wanted) if !is_report(file) && !names.iter().any(|n| named(n, wanted)) => {
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
        Some(wanted) => match names.iter().find(|n| named(n, wanted)) {
            Some(n) => n.clone(),
            None => {
                // (Each name quoted, so that a space in one shows.)
                let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
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
    let file_month = crate::load::month_of_path(file);
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
        let names: Vec<&str> = (book.sheets_metadata().iter())
            .map(|s| s.name.as_str())
            .collect();
        let for_month = sheets_for_month(&names, file_month);
        // A sheet a month, the first read: which month its rows are is not known for sure (a
        // file named for June, its first sheet 1月, none 6月, or two), so none is read.
        // (Only a report's month is its file's: a registry's sheets are read as the first.)
        if !months.is_empty()
            && names_a_month(&name)
            && is_report(file)
            && for_month != [name.as_str()]
        {
            // (Not `sheet` in xmtool.toml: it names the sheet to read in every workbook, and
            // the other files have no sheet so named.)
            let advice = match (file_month, for_month.len()) {
                (Some(m), 2..) => format!("keep one sheet for {m} in it"),
                // (Named for a month of no year, 东区6月.xlsx, in no year's folder, a file is
                // of no month: the advice gives names that are read.)
                _ => "give each month a file of its own, named for its year and month, e.g. \
                      reports/2024-06/金川区.xlsx or reports/金川区2024年6月.xlsx (a file named for \
                      the month of one of its sheets reads that sheet; a name of a month of no \
                      year, 金川区6月.xlsx, is read so in a folder of its year alone: \
                      reports/2024年/金川区6月.xlsx)"
                    .to_string(),
            };
            findings.push(Finding::error(
                file,
                format!(
                    "has a sheet a month ({name}, {}){}, and xmtool reads one sheet a workbook, \
                     which would take {name}'s rows for the file's month: {advice} (`sheet` in \
                     xmtool.toml would not do: it names the sheet to read in every workbook)",
                    months.join(", "),
                    match (file_month, for_month.len()) {
                        (Some(m), 0) => format!(", none for the file's month ({m})"),
                        (Some(m), n) => format!(", {n} for the file's month ({m})"),
                        (None, _) => String::new(),
                    }
                ),
            ));
            return None;
        } else if !months.is_empty() && is_report(file) && names_a_month(&name) {
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
            // (Not `sheet` in xmtool.toml either: it names the sheet to read in every workbook,
            // and a sheet a month gives each its own name.)
            let advice = match for_month[..] {
                _ if !is_report(file) => "put the sheet to read first, and each \
                                                       month's report in a file of its own \
                                                       under reports/"
                    .to_string(),
                [own] if months.contains(&own) => format!(
                    "for {own}, the file's month's, to be read, make it the first sheet, or give \
                     it a file of its own"
                ),
                _ => "give each month a file of its own, named for its year and month, e.g. \
                      reports/2024-06/金川区.xlsx"
                    .to_string(),
            };
            findings.push(Finding::warning(
                file,
                format!(
                    "only its sheet \"{name}\" is read: its other sheets named for months ({}) \
                     are not (xmtool reads one sheet a workbook: {advice}; not `sheet` in \
                     xmtool.toml, which names the sheet to read in every workbook)",
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
                let registry = !is_report(file);
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
    if sheet.is_none()
        && is_report(file)
        && let Some(month) = file_month
        && let Some(named) = sheet_of_another_month(&name, month)
    {
        findings.push(Finding::warning(
            file,
            format!(
                "its sheet \"{name}\" is named for {named}, but its rows are read as {month}'s, \
                 the month its name or folder gives: {named}'s report sent again, or come late? \
                 (rename the sheet, or the file, for the month its figures are)"
            ),
        ));
    }
    // (calamine turns date cells into dates in either system; a serial in a General-formatted
    // cell is a number, read as a date in the workbook's system where a month is read.)
    let date1904 = match &book {
        calamine::Sheets::Xlsx(xlsx) => xlsx.has_1904_epoch(),
        calamine::Sheets::Xls(xls) => xls.has_1904_epoch(),
        calamine::Sheets::Xlsb(xlsb) => xlsb.has_1904_epoch(),
        calamine::Sheets::Ods(_) => false,
    };
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
            Some(Book {
                rows: sheet.rows(),
                date1904,
            })
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
