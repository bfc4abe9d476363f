//! The bulletin's tables as one workbook: a sheet per table, numbers as numbers with 万元 and %
//! formats, codes as text, column widths that fit Chinese text, frozen header rows, and a 说明
//! sheet of where it came from. Only this file knows rust_xlsxwriter.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::format::{self, Lang};
use super::sections::{Section, Spread, Value, spread_headers, spreads, unit_of};
use crate::compute::{percent_of, round};

struct Formats {
    header: Format,
    amount: Format,
    rate: Format,
    count: Format,
    points: Format,
    /// Points that round to 0.0: shown without a sign, as in every other form (`+0.0;-0.0;0.0`
    /// showed 0.04 as +0.0).
    no_points: Format,
    score: Format,
    text: TextFormats,
}

/// The formats of text cells (`@`, text): as they are, and, for text a spreadsheet would run
/// as a formula, `=HYPERLINK(…)`, with a quote prefix, so that it stays text when the cell is
/// edited (F2, Enter), as one typed `'=…` does. (The bulletin's workbook and the templates'.)
pub(super) struct TextFormats {
    pub plain: Format,
    formula: Format,
}

impl TextFormats {
    pub fn new() -> TextFormats {
        TextFormats {
            plain: Format::new().set_num_format("@"),
            formula: Format::new().set_num_format("@").set_quote_prefix(),
        }
    }

    /// The format of a cell holding `text`.
    pub fn of(&self, text: &str) -> &Format {
        match super::bulletin::looks_like_formula(text) {
            true => &self.formula,
            false => &self.plain,
        }
    }
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            amount: Format::new().set_num_format("#,##0.00"),
            rate: Format::new().set_num_format("0.0%"),
            count: Format::new().set_num_format("0"),
            points: Format::new().set_num_format("+0.0;-0.0;0.0"),
            // (Two sections: `0.0` alone shows -0.04 as -0.0.)
            no_points: Format::new().set_num_format("0.0;0.0"),
            score: Format::new().set_num_format("0.00"),
            text: TextFormats::new(),
        }
    }
}

fn f64_of(d: Decimal) -> f64 {
    crate::compute::nearest_f64(d)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// Writes one cell, or three for a column that spreads (a rate with its numerator and
/// denominator; red, yellow and green counts). Returns the texts shown, for column widths.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Value,
    spread: Spread,
    f: &Formats,
    lang: Lang,
) -> Result<Vec<String>, XlsxError> {
    let shown = v.display(lang);
    if let Value::Lights(r, y, g) = v {
        for (i, n) in [r, y, g].into_iter().enumerate() {
            ws.write_number_with_format(row, col + i as u16, *n as f64, &f.count)?;
        }
        return Ok(vec![r.to_string(), y.to_string(), g.to_string()]);
    }
    match v {
        Value::Lights(..) => {}
        Value::Text(t) => {
            ws.write_string_with_format(row, col, within_a_cell(t, lang).as_ref(), f.text.of(t))?;
        }
        Value::Empty => {}
        Value::Na(_) => {
            ws.write_string(row, col, format::NA)?;
        }
        Value::Count(n) => {
            ws.write_number_with_format(row, col, *n as f64, &f.count)?;
        }
        Value::Amount(a) | Value::Yi(a) => {
            ws.write_number_with_format(row, col, f64_of(*a), &f.amount)?;
        }
        Value::Rate(r) | Value::RateOf(r) => {
            match r.value() {
                Some(v) => ws.write_number_with_format(row, col, f64_of(v), &f.rate)?,
                None => ws.write_string(row, col, format::NA)?,
            };
        }
        Value::Points(p) => {
            match p {
                Some(p) => {
                    let format = match crate::compute::round(*p, 1).is_zero() {
                        true => &f.no_points,
                        false => &f.points,
                    };
                    ws.write_number_with_format(row, col, f64_of(*p), format)?
                }
                None => ws.write_string(row, col, format::NA)?,
            };
        }
        Value::Change(c) => {
            match c {
                Some(n) => ws.write_number_with_format(row, col, *n as f64, &f.count)?,
                None => ws.write_string(row, col, lang.tr("新", "new"))?,
            };
        }
        Value::Score(s) => {
            match percent_of(*s) {
                Some(p) => ws.write_number_with_format(row, col, f64_of(round(p, 2)), &f.score)?,
                None => ws.write_string(row, col, "")?,
            };
        }
    }
    let mut texts = vec![match v {
        Value::Yi(a) | Value::Amount(a) => format::amount(*a),
        Value::RateOf(r) => format::rate(r),
        _ => shown,
    }];
    if spread != Spread::One {
        match v {
            Value::RateOf(r) => {
                ws.write_number_with_format(row, col + 1, f64_of(r.num), &f.count)?;
                ws.write_number_with_format(row, col + 2, f64_of(r.den), &f.count)?;
                texts.push(r.num.to_string());
                texts.push(r.den.to_string());
            }
            // (A rate of amounts beside rates of counts, the overview's 投资完成率: its amounts.)
            Value::Rate(r) => {
                ws.write_number_with_format(row, col + 1, f64_of(r.num), &f.amount)?;
                ws.write_number_with_format(row, col + 2, f64_of(r.den), &f.amount)?;
                texts.push(format::amount(r.num));
                texts.push(format::amount(r.den));
            }
            _ => texts.extend([String::new(), String::new()]),
        }
    }
    Ok(texts)
}

/// The most rows of a section one sheet holds: Excel's 1,048,576, less the header, and the blank
/// row and the note under the table.
const ROWS_A_SHEET: usize = 1_048_576 - 3;

/// A sheet for a section, or more where its rows are more than one holds (`per_sheet`, the
/// projects of over a million): `项目明细`, then `项目明细（2）` and on, each with the header
/// and the note.
fn add_section(
    wb: &mut Workbook,
    s: &Section,
    f: &Formats,
    lang: Lang,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    let parts = s.rows.chunks(per_sheet);
    for (n, rows) in (1..).zip(parts) {
        let name = match n {
            1 => sheet_name(&s.title),
            n => {
                let suffix = format!("（{n}）");
                let room = 31 - suffix.chars().count();
                let title: String = sheet_name(&s.title).chars().take(room).collect();
                format!("{title}{suffix}")
            }
        };
        add_sheet(wb, s, rows, &name, f, lang)?;
    }
    if s.rows.is_empty() {
        add_sheet(wb, s, &[], &sheet_name(&s.title), f, lang)?;
    }
    Ok(())
}

/// A sheet of `rows` of a section, named `name`.
fn add_sheet(
    wb: &mut Workbook,
    s: &Section,
    rows: &[Vec<Value>],
    name: &str,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let spreads = spreads(s);
    let headers = spread_headers(s, &spreads, lang);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, h, &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let excel_row = r as u32 + 1;
        let mut col = 0u16;
        for (v, &spread) in row.iter().zip(&spreads) {
            let texts = write_value(ws, excel_row, col, v, spread, f, lang)?;
            for t in texts {
                let i = col as usize;
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(t.width());
                }
                col += 1;
            }
        }
        if s.key_value {
            ws.write_string(excel_row, col, unit_of(row.get(1), lang))?;
        }
    }
    if let Some(note) = &s.note {
        ws.write_string(rows.len() as u32 + 2, 0, within_a_cell(note, lang).as_ref())?;
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, (*w as f64 + 2.0).min(60.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed: on A4 across, as wide as one page, the header on each page.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?;
    Ok(())
}

/// The workbook's bytes: a sheet per section, then the 说明 sheet from `about` rows.
pub fn workbook(
    sections: &[Section],
    about: &[Vec<String>],
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation time keeps the same inputs giving the same bytes.
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(lang.tr("重点项目通报", "Key projects bulletin"))
        .set_author(format!("xmtool {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(&props);
    let f = Formats::new();
    for s in sections {
        add_section(&mut wb, s, &f, lang, ROWS_A_SHEET)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(lang.tr("说明", "about"))?;
    let mut widths = [0usize; 4];
    let inputs_header = lang.tr("输入文件", "input file");
    let mut in_inputs = false;
    for (r, row) in about.iter().enumerate() {
        in_inputs |= row.first().is_some_and(|c| c == inputs_header);
        for (c, cell) in row.iter().enumerate().take(4) {
            // (An input file's size, in bytes, is a number to sum or sort by.)
            let size = (in_inputs && c == 2)
                .then(|| cell.parse::<u64>().ok())
                .flatten();
            if r == 0 || (c == 0 && cell == inputs_header) {
                ws.write_string_with_format(r as u32, c as u16, cell, &f.header)?;
            } else if let Some(size) = size {
                ws.write_number_with_format(r as u32, c as u16, size as f64, &f.count)?;
            } else {
                ws.write_string_with_format(
                    r as u32,
                    c as u16,
                    within_a_cell(cell, lang).as_ref(),
                    f.text.of(cell),
                )?;
            }
            widths[c] = widths[c].max(cell.width());
        }
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, (*w as f64 + 2.0).min(80.0))?;
    }
    Ok(wb.save_to_buffer()?)
}

/// The most a cell holds: 32,767 UTF-16 units.
const CELL_HOLDS: usize = 32_767;

/// Text as a cell can hold it: longer text (a 存在问题 pasted many times over) is cut, and says
/// so at its end, rather than the workbook failing to be written.
pub fn within_a_cell(text: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    let units = |t: &str| t.encode_utf16().count();
    if text.len() <= CELL_HOLDS || units(text) <= CELL_HOLDS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mark = lang.tr(
        "…（超出 Excel 单元格的 32767 字，余下已截去）",
        "… (cut: longer than the 32,767 characters an Excel cell holds)",
    );
    let room = CELL_HOLDS - units(mark);
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{}{mark}", &text[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_sheet_prints_across_a4_one_page_wide_with_its_header_on_each_page() {
        let s = Section {
            key: "projects",
            title: "项目明细".into(),
            columns: vec!["项目编号".into(), "项目名称".into()],
            rows: (0..3)
                .map(|i| vec![Value::Text(format!("A{i}")), Value::Text("路网".into())])
                .collect(),
            note: Some("说明".into()),
            key_value: false,
            start_base: None,
            shape: None,
            spreadsheet_columns: Vec::new(),
        };
        let bytes = workbook(&[s], &[vec!["xmtool".into()]], Lang::Zh).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut part = |name: &str| {
            let mut text = String::new();
            zip.by_name(name)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        };
        let sheet = part("xl/worksheets/sheet1.xml");
        for said in [
            r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#,
            r#"<pageSetUpPr fitToPage="1"/>"#,
            // (And its rows.)
            r#"<c r="A4" s="2" t="s">"#,
            r#"<c r="A6" t="s">"#,
        ] {
            assert!(sheet.contains(said), "{said} not in\n{sheet}");
        }
        let book = part("xl/workbook.xml");
        assert!(
            book.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">项目明细!$1:$1</definedName>"#),
            "{book}"
        );
    }

    #[test]
    fn a_section_of_more_rows_than_a_sheet_holds_goes_on_in_more_sheets() {
        use calamine::Reader;
        let title = "项目明细".repeat(8);
        let s = Section {
            key: "projects",
            title: title.clone(),
            columns: vec!["项目编号".into()],
            rows: (0..5).map(|i| vec![Value::Text(format!("A{i}"))]).collect(),
            note: Some("说明".into()),
            key_value: false,
            start_base: None,
            shape: None,
            spreadsheet_columns: Vec::new(),
        };
        let mut wb = Workbook::new();
        add_section(&mut wb, &s, &Formats::new(), Lang::Zh, 2).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let first: String = title.chars().take(31).collect();
        let more: String = title.chars().take(28).collect();
        let names = [first, format!("{more}（2）"), format!("{more}（3）")];
        assert_eq!(book.sheet_names(), names);
        let ids = [&["A0", "A1"][..], &["A2", "A3"], &["A4"]];
        for (name, ids) in names.iter().zip(ids) {
            let range = book.worksheet_range(name).unwrap();
            let cells: Vec<String> = range.rows().map(|r| r[0].to_string()).collect();
            let mut want = vec!["项目编号".to_string()];
            want.extend(ids.iter().map(|id| id.to_string()));
            want.extend([String::new(), "说明".to_string()]);
            assert_eq!(cells, want, "{name}");
        }
    }
}
