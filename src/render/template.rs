//! Blank monthly reports for departments to fill in: the columns the loader reads, pre-filled
//! with what is known (id, name, district, month, last year-to-date, status, actual start).

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};
use unicode_width::UnicodeWidthStr;

use super::bulletin::{spreadsheet_text, write_csv};

/// The template's columns. 上月累计完成投资 is for reference only: the loader ignores it.
pub const HEADERS: [&str; 12] = [
    "项目编号",
    "项目名称",
    "所属县区",
    "报告月份",
    "本月完成投资（万元）",
    "累计完成投资（万元）",
    "上月累计完成投资（万元）",
    "项目状态",
    "实际开工时间",
    "形象进度",
    "存在问题",
    "问题类别",
];

/// One project's row of a blank report.
#[derive(Clone, Debug)]
pub struct TemplateRow {
    pub id: String,
    pub name: String,
    pub district: String,
    pub month: String,
    pub last_ytd: Decimal,
    pub status: Option<String>,
    pub actual_start: Option<String>,
}

fn cells(r: &TemplateRow) -> [String; 12] {
    [
        r.id.clone(),
        r.name.clone(),
        r.district.clone(),
        r.month.clone(),
        String::new(),
        String::new(),
        r.last_ytd.normalize().to_string(),
        r.status.clone().unwrap_or_default(),
        r.actual_start.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// The blank report as CSV: UTF-8 with a byte-order mark and CRLF, as Excel writes it.
pub fn csv(rows: &[TemplateRow]) -> anyhow::Result<Vec<u8>> {
    let mut records = vec![HEADERS.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for r in rows {
        records.push(cells(r).iter().map(|c| spreadsheet_text(c)).collect());
    }
    let mut bytes = super::bulletin::UTF8_BOM.to_vec();
    write_csv(&mut bytes, &records)?;
    Ok(bytes)
}

/// The blank report as a workbook: ids and months as text, the last figure as a number. Its
/// sheet is `sheet`, the sheet the settings read in a report workbook, if they name one (a form
/// filled in and sent back is read like any report), else 月报.
pub fn xlsx(rows: &[TemplateRow], sheet: Option<&str>) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_author(format!("xmtool {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    let sheet = sheet.unwrap_or("月报");
    // (A control character the writer lets through makes a workbook no spreadsheet opens.)
    if sheet.chars().any(char::is_control) || ws.set_name(sheet).is_err() {
        anyhow::bail!(
            "sheet = {sheet:?} in xmtool.toml cannot name a workbook's sheet, so no report \
             workbook could have it (expected at most 31 characters, none of [ ] : * ? / \\ \
             or a control character, not starting or ending with ')"
        );
    }
    let header = Format::new().set_bold().set_text_wrap();
    let text = super::xlsx::TextFormats::new();
    let amount = Format::new().set_num_format("#,##0.00");
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.width()).collect();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in cells(r).iter().enumerate() {
            widths[c] = widths[c].max(cell.width());
            match c {
                // Amount columns: left blank to fill in, or the last figure as a number.
                4 | 5 => {
                    ws.write_blank(row, c as u16, &amount)?;
                }
                6 => {
                    ws.write_number_with_format(
                        row,
                        c as u16,
                        crate::compute::nearest_f64(r.last_ytd),
                        &amount,
                    )?;
                }
                _ if cell.is_empty() => {
                    ws.write_blank(row, c as u16, &text.plain)?;
                }
                _ => {
                    let cell = super::xlsx::within_a_cell(cell, crate::render::format::Lang::Zh);
                    ws.write_string_with_format(row, c as u16, cell.as_ref(), text.of(&cell))?;
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).min(50.0))?;
    }
    ws.set_freeze_panes(1, 1)?;
    Ok(wb.save_to_buffer()?)
}
