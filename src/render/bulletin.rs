//! The bulletin for people (terminal tables, markdown) and for spreadsheets (CSV of one table).

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};
use rust_decimal::Decimal;

use super::format::Lang;
use super::sections::{Section, Value, bulletin_sections};
use crate::compute::{Bulletin, round};

fn heading(b: &Bulletin, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("重点项目推进情况通报（{}）", b.period),
        Lang::En => format!("Key projects bulletin ({})", b.period),
    }
}

fn is_numeric(v: &Value) -> bool {
    !matches!(v, Value::Text(_) | Value::Empty)
}

/// The bulletin as terminal tables.
pub fn table(out: &mut dyn Write, b: &Bulletin, lang: Lang) -> io::Result<()> {
    writeln!(out, "{}", heading(b, lang))?;
    for s in bulletin_sections(b, lang) {
        writeln!(out)?;
        section_table(out, &s, lang)?;
    }
    Ok(())
}

/// One section as a terminal table, under its title.
pub fn section_table(out: &mut dyn Write, s: &Section, lang: Lang) -> io::Result<()> {
    writeln!(out, "{}", s.title)?;
    if s.rows.is_empty() {
        writeln!(out, "{}", lang.tr("（无）", "(none)"))?;
    } else {
        let mut t = super::new_table();
        t.set_header(s.columns.iter().map(String::as_str));
        for row in &s.rows {
            t.add_row(row.iter().map(|v| {
                let cell = Cell::new(v.display(lang));
                if is_numeric(v) {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                }
            }));
        }
        writeln!(out, "{t}")?;
    }
    if let Some(note) = &s.note {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// The bulletin as markdown: a heading per section and a pipe table.
pub fn markdown(out: &mut dyn Write, b: &Bulletin, lang: Lang) -> io::Result<()> {
    writeln!(out, "# {}", heading(b, lang))?;
    for s in bulletin_sections(b, lang) {
        writeln!(out)?;
        writeln!(out, "## {}", s.title)?;
        writeln!(out)?;
        if s.rows.is_empty() {
            writeln!(out, "{}", lang.tr("（无）", "(none)"))?;
        } else {
            let escape = |t: &str| t.replace('|', "\\|").replace('\n', " ");
            let cols: Vec<String> = s.columns.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cols.join(" | "))?;
            let align: Vec<&str> = s.rows[0]
                .iter()
                .map(|v| if is_numeric(v) { "---:" } else { "---" })
                .collect();
            writeln!(out, "| {} |", align.join(" | "))?;
            for row in &s.rows {
                let cells: Vec<String> = row.iter().map(|v| escape(&v.display(lang))).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
        if let Some(note) = &s.note {
            writeln!(out)?;
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}

/// Whether a text cell would be run as a formula by a spreadsheet.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell made inert: a leading apostrophe keeps a formula-like text as text.
pub fn inert(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A rate for spreadsheets: a percentage with two decimals, which Excel and WPS read as a number
/// (`38.11%` is 0.3811).
fn csv_rate(r: &crate::compute::Ratio) -> String {
    match r.value() {
        Some(v) => format!("{:.2}%", round(v * Decimal::ONE_HUNDRED, 2)),
        None => String::new(),
    }
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The cells of one value in CSV, with the numerator and denominator of rates of counts in the
/// next two columns when `expand` is set.
fn csv_cells(v: &Value, expand: bool, lang: Lang) -> Vec<String> {
    let (main, num, den) = match v {
        Value::Text(t) => (inert(t), None, None),
        Value::Empty => (String::new(), None, None),
        Value::Count(n) => (n.to_string(), None, None),
        Value::Amount(a) | Value::Yi(a) => (plain(*a), None, None),
        Value::Rate(r) => (csv_rate(r), None, None),
        Value::RateOf(r) => (csv_rate(r), Some(plain(r.num)), Some(plain(r.den))),
        Value::Points(p) => (
            p.map(|p| plain(round(p, 2))).unwrap_or_default(),
            None,
            None,
        ),
        Value::Change(c) => (
            match c {
                Some(n) => n.to_string(),
                None => lang.tr("新", "new").to_string(),
            },
            None,
            None,
        ),
        Value::Score(s) => (plain(round(*s * Decimal::ONE_HUNDRED, 2)), None, None),
    };
    if expand {
        vec![main, num.unwrap_or_default(), den.unwrap_or_default()]
    } else {
        vec![main]
    }
}

/// One section as CSV records: numbers plain (no separators), rates as percentages, and each
/// rate of counts followed by its numerator and denominator columns. Key-value sections (the
/// overview) get a unit column. Text that a spreadsheet would run as a formula is made inert.
pub fn csv_records(s: &Section, lang: Lang) -> Vec<Vec<String>> {
    let expand: Vec<bool> = (0..s.columns.len())
        .map(|i| {
            s.rows
                .iter()
                .any(|r| matches!(r.get(i), Some(Value::RateOf(_))))
        })
        .collect();
    let mut header = Vec::new();
    for (c, &e) in s.columns.iter().zip(&expand) {
        header.push(inert(c));
        if e {
            header.push(format!("{c}{}", lang.tr("(分子)", " numerator")));
            header.push(format!("{c}{}", lang.tr("(分母)", " denominator")));
        }
    }
    if s.key_value {
        header.push(lang.tr("单位", "unit").to_string());
    }
    let mut records = vec![header];
    for row in &s.rows {
        let mut record = Vec::new();
        for (v, &e) in row.iter().zip(&expand) {
            record.extend(csv_cells(v, e, lang));
        }
        if s.key_value {
            let unit = match row.get(1) {
                Some(Value::Yi(_) | Value::Amount(_)) => "万元",
                Some(Value::Rate(_) | Value::RateOf(_)) => "%",
                Some(Value::Count(_)) => lang.tr("个", "count"),
                Some(Value::Points(_)) => lang.tr("百分点", "points"),
                _ => "",
            };
            record.push(unit.to_string());
        }
        records.push(record);
    }
    records
}

/// Records as CSV text with CRLF line ends, as Excel writes it.
pub fn write_csv(out: &mut dyn Write, records: &[Vec<String>]) -> anyhow::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    for r in records {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// One section as CSV.
pub fn csv(out: &mut dyn Write, s: &Section, lang: Lang) -> anyhow::Result<()> {
    write_csv(out, &csv_records(s, lang))
}
