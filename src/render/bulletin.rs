//! The bulletin for people (terminal tables, markdown) and for spreadsheets (CSV of one table).

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ColumnConstraint, Width};
use rust_decimal::Decimal;

use super::format::Lang;
use super::sections::{
    Section, Spread, Value, bulletin_sections, spread_headers, spreads, spreadsheet_label, unit_of,
};
use crate::compute::{Bulletin, percent_of, round};
use crate::finding::printable;

fn heading(b: &Bulletin, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("重点项目推进情况通报（{}）", b.period.chinese_name()),
        Lang::En => format!("Key projects bulletin ({})", b.period),
    }
}

fn is_numeric(v: &Value) -> bool {
    !matches!(v, Value::Text(_) | Value::Empty | Value::Na(_))
}

/// Whether each column of a section holds numbers, in any row (an `n/a` in a column of rates is
/// aligned as the rates are).
fn numeric_columns(s: &Section) -> Vec<bool> {
    let width = s
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(s.columns.len());
    (0..width)
        .map(|i| s.rows.iter().any(|row| row.get(i).is_some_and(is_numeric)))
        .collect()
}

/// The bulletin as terminal tables, wrapped to the terminal's width where `wrap` allows it
/// (`new_table`).
pub fn table(out: &mut dyn Write, b: &Bulletin, lang: Lang, wrap: bool) -> io::Result<()> {
    writeln!(out, "{}", heading(b, lang))?;
    for s in bulletin_sections(b, lang) {
        writeln!(out)?;
        section_table(out, &s, lang, wrap)?;
    }
    Ok(())
}

/// One section as a terminal table, under its title.
pub fn section_table(out: &mut dyn Write, s: &Section, lang: Lang, wrap: bool) -> io::Result<()> {
    // (A project's card is titled with its id and name, from the data.)
    writeln!(out, "{}", printable(&s.title, false))?;
    if s.rows.is_empty() && !s.note_says_why_empty() {
        writeln!(out, "{}", lang.tr("（无）", "(none)"))?;
    } else if !s.rows.is_empty() {
        writeln!(out, "{}", grid(s, lang, super::terminal_width(wrap)))?;
    }
    if let Some(note) = &s.note {
        writeln!(out, "{}", printable(note, true))?;
    }
    Ok(())
}

/// A section's rows as a table, wrapped to `width` where one is given (`new_table`).
fn grid(s: &Section, lang: Lang, width: Option<u16>) -> comfy_table::Table {
    let mut t = super::new_table(width);
    let numeric = numeric_columns(s);
    // Each cell's text, and whether it is a figure: numbers to the right, and an n/a among
    // them; text to the left.
    let rows: Vec<Vec<(String, bool)>> = (s.rows.iter())
        .map(|row| {
            (row.iter().enumerate())
                .map(|(i, v)| {
                    let na = matches!(v, Value::Na(_));
                    let figure = is_numeric(v) || (na && numeric.get(i).copied().unwrap_or(false));
                    (printable(&v.display(lang), true).into_owned(), figure)
                })
                .collect()
        })
        .collect();
    // Each column's width unwrapped, for a table that fits as it is to be left so. (A column's
    // cell has a space each side and a border after it.)
    let mut whole: Vec<usize> = s.columns.iter().map(|c| width_of(c)).collect();
    for row in &rows {
        for (w, (text, _)) in whole.iter_mut().zip(row) {
            *w = (*w).max(width_of(text));
        }
    }
    let unwrapped = 1 + whole.iter().map(|w| w + 3).sum::<usize>();
    let wrapped = t
        .width()
        .is_some_and(|terminal| unwrapped > usize::from(terminal));
    if !wrapped {
        t.set_header(s.columns.iter().map(String::as_str));
        for row in rows {
            t.add_row(
                row.into_iter()
                    .map(|(text, figure)| cell(folded(text), figure)),
            );
        }
        return t;
    }
    // Wrapped to the terminal, a text breaks at its spaces, and a word too wide for its column
    // anywhere: a figure or a month in a text is spaced out from the Chinese around it
    // (`落后序时进度 50.0 个百分点`, `计划 2024-08 开工`), to be broken there rather than in two,
    // `进度5` over `0.0个百分点`. Each column keeps the width of its widest figure (`179,3` over
    // `42.30` would be misread, though the table may then be wider than the terminal), of its
    // widest word with a figure in it, in a text or a header (a month heading `trend`'s column,
    // `2024-11` over `2024-1` broken as `1` below, an id, `较序时 100.0%`), and of a few
    // characters of a text's other word (`TEXT`; a district's name is not broken a character a
    // line) or of a header's (`HEADER`).
    let columns: Vec<String> = s.columns.iter().map(|c| spaced(c, HEADER)).collect();
    let mut widest: Vec<u16> = columns.iter().map(|c| widest_word(c, HEADER)).collect();
    t.set_header(columns);
    for row in rows {
        t.add_row(row.into_iter().zip(&mut widest).map(|((text, figure), w)| {
            let text = if figure { text } else { spaced(&text, TEXT) };
            *w = (*w).max(widest_word(&text, if figure { u16::MAX } else { TEXT }));
            cell(text, figure)
        }));
    }
    // (A width here counts the cell's padding, a space each side.)
    for (column, &w) in t.column_iter_mut().zip(&widest) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            w.saturating_add(2),
        )));
    }
    t
}

/// The columns of a text's word (`TEXT`) and of a header's (`HEADER`) that a wrapped table's
/// column keeps, where the word has no figure in it: a district's name is not broken a character
/// a line.
const TEXT: u16 = 8;
const HEADER: u16 = 4;

/// A table's cell: a figure to the right, a text to the left.
fn cell(text: String, figure: bool) -> Cell {
    let cell = Cell::new(text);
    if figure {
        cell.set_alignment(CellAlignment::Right)
    } else {
        cell
    }
}

/// A text with each run of figures and Latin letters in it that has a figure and starts with a
/// figure or letter (`50.0`, `2024-08`, `330`, `K12+500`) spaced out from the Chinese beside
/// it, for a wrapped table to break between them rather than inside one. (A mark alone, or
/// letters alone, is no such run: `红/黄/绿`, `registry/金川区.csv:2` are left as they are.) A
/// word no wider than `most` columns, which its column is kept as wide as (`widest_word`), is
/// left whole: a name with a figure in it, `安经1区`, stays whole as `高新区` does.
pub(super) fn spaced(text: &str, most: u16) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        match width_of(word) <= usize::from(most) {
            true => out.push_str(word),
            false => space_figures(word, &mut out),
        }
        out.push_str(&piece[word.len()..]);
    }
    out
}

/// `spaced` of a word: its runs of figures spaced out from the Chinese beside them, into `out`.
fn space_figures(word: &str, out: &mut String) {
    let latin = |c: char| c.is_ascii_alphanumeric() || ".,%+-/:".contains(c);
    let chinese = |c: char| !c.is_ascii() && !c.is_whitespace() && !is_punctuation(c);
    let mut rest = word;
    while let Some(start) = rest.find(latin) {
        let (before, run) = rest.split_at(start);
        let end = run.find(|c| !latin(c)).unwrap_or(run.len());
        let (run, after) = run.split_at(end);
        out.push_str(before);
        // (A folder's path before a file's name, `reports/2024-06/金川区.csv`, is left whole.)
        let figures = run.starts_with(|c: char| c.is_ascii_alphanumeric())
            && run.contains(|c: char| c.is_ascii_digit())
            && !run.ends_with('/');
        if figures && before.chars().next_back().is_some_and(chinese) {
            out.push(' ');
        }
        out.push_str(run);
        if figures && after.chars().next().is_some_and(chinese) {
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
}

/// Whether a character is Chinese or full-width punctuation (`（`, `、`, `：`), which a figure
/// keeps beside it (`（2024-08）`).
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// The columns a text's widest word takes in a terminal, for its column to be kept that wide:
/// a word with a figure in it (`2024-08`, `100.0%`, `JC2024-032`, `（2024-08）`) whole, up to
/// `LINE_COLUMNS`, any other up to `most`. (`93.5% (215/230)` may break at its space, not
/// inside a number.)
pub(super) fn widest_word(text: &str, most: u16) -> u16 {
    let word = |word: &str| {
        let most = match word.contains(|c: char| c.is_ascii_digit()) {
            true => LINE_COLUMNS,
            false => usize::from(most),
        };
        width_of(word).min(most)
    };
    let widest = text.split_whitespace().map(word).max().unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

/// The columns a text's widest line takes in a terminal (a CJK character two).
fn width_of(text: &str) -> usize {
    let line = |line: &str| -> usize { line.chars().map(columns_of).sum() };
    text.lines().map(line).max().unwrap_or(0)
}

/// The columns a character takes in a terminal.
fn columns_of(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// The most columns a line of a cell takes in a table not wrapped to a terminal: a longer line
/// goes on in lines below it. (Every row of a column is as wide as its widest: one name of
/// thousands of characters made each row as wide, and a table of gigabytes. A table wrapped to
/// a terminal is as wide as it.)
const LINE_COLUMNS: usize = 200;

/// `text` with each line wider than `LINE_COLUMNS` broken into lines of at most that: a figure,
/// a word of Latin letters or an escape (`2024`, `\u{1b}`) that would be broken is put whole on
/// the next line, where the line has more before it.
fn folded(text: String) -> String {
    if width_of(&text) <= LINE_COLUMNS {
        return text;
    }
    let whole = |c: char| c.is_ascii_alphanumeric() || ".,%+-:\\{}".contains(c);
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // The columns taken on the line, and where in `out` the run of `whole` characters at
        // its end begins.
        let (mut used, mut run) = (0, out.len());
        for c in line.chars() {
            if !whole(c) {
                run = out.len() + c.len_utf8();
            }
            if used + columns_of(c) > LINE_COLUMNS {
                let line_start = out.rfind('\n').map_or(0, |at| at + 1);
                if whole(c) && run > line_start {
                    // (The run, of ASCII characters, one column each, goes on the next line.)
                    out.insert(run, '\n');
                    run += 1;
                    used = out.len() - run;
                } else {
                    out.push('\n');
                    used = 0;
                    run = out.len();
                }
            }
            out.push(c);
            used += columns_of(c);
        }
    }
    out
}

/// The bulletin as markdown: a heading per section and a pipe table.
pub fn markdown(out: &mut dyn Write, b: &Bulletin, lang: Lang) -> io::Result<()> {
    writeln!(out, "# {}", markdown_cell(&heading(b, lang)))?;
    for s in bulletin_sections(b, lang) {
        writeln!(out)?;
        writeln!(out, "## {}", markdown_cell(&s.title))?;
        writeln!(out)?;
        if s.rows.is_empty() && !s.note_says_why_empty() {
            writeln!(out, "{}", lang.tr("（无）", "(none)"))?;
        } else if !s.rows.is_empty() {
            let cols: Vec<String> = s.columns.iter().map(|c| markdown_cell(c)).collect();
            writeln!(out, "| {} |", cols.join(" | "))?;
            let align: Vec<&str> = numeric_columns(&s)
                .into_iter()
                .map(|numeric| if numeric { "---:" } else { "---" })
                .collect();
            writeln!(out, "| {} |", align.join(" | "))?;
            for row in &s.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| markdown_cell(&v.display(lang)))
                    .collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
        // (A note may quote the data: the problems' categories, say.)
        if let Some(note) = &s.note {
            if !s.note_says_why_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{}", markdown_line(note))?;
        }
    }
    Ok(())
}

/// A cell's text for a Markdown table (or a line of text beside one): on one line, with the
/// characters that would end the cell (`|`), escape the next one (`\`), start HTML (`<`, as in a
/// project named `<img …>`) or an entity (`&amp;`), a link or an image (`[`, `]`, `!`), emphasis
/// (`*`, `_`) or code (`` ` ``) escaped, so that every cell shows as the text it is.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '<' | '&' | '[' | ']' | '!' | '*' | '_' | '`' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if (c.is_control() && c != '\t') || crate::finding::unseen(c) => {
                out.extend(c.escape_default())
            }
            c => out.push(c),
        }
    }
    out
}

/// A line of text for Markdown, beside a table: as a cell's text, and not starting a heading
/// (`# 土地`), a quote (`>`), a list (`- `, `+ `, `1. `), a rule (`---`, `===`) or a block of
/// code (four spaces).
fn markdown_line(text: &str) -> String {
    let cell = markdown_cell(text.trim_start());
    let digits = cell.bytes().take_while(u8::is_ascii_digit).count();
    match cell.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => format!("{}\\{}", &cell[..digits], &cell[digits..]),
        Some(b'#' | b'>' | b'-' | b'+' | b'=') if digits == 0 => format!("\\{cell}"),
        _ => cell,
    }
}

/// The byte-order mark that makes Excel and WPS open a UTF-8 CSV file with Chinese intact.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a text cell would be run as a formula by a spreadsheet.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(crate::load::value::FORMULA_STARTS)
}

/// Whether a spreadsheet opening a CSV would turn this text into a number, date, truth value or
/// error value that is not the same text: `007` into 7, `12.50` into 12.5, `1E5` into 100000, a
/// 24-digit code into 2.62E+23, `(12)` into -12, `12%` into 0.12, `TRUE` into a truth value,
/// `#N/A` into an error, and `2024-03`, `2/3/5`, `Jan-24`, `12-Mar` or `6月1日` into dates.
/// Plain numbers written as a spreadsheet writes them, such as `2808.2`, read back the same and
/// are left alone.
fn changes_in_a_spreadsheet(text: &str) -> bool {
    let t = text.trim();
    // (No number, date, truth or error value has a quote in it; and `="…"` with one would be a
    // formula of its own.)
    if t.contains('"') {
        return false;
    }
    if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
        return true;
    }
    // An error value's name (`#N/A`, `#DIV/0!` …) becomes that error value.
    if crate::load::value::is_error_value(t) {
        return true;
    }
    // A currency sign, a sign or brackets around a number, or a percent sign after one.
    let bare = t
        .trim_start_matches(['$', '¥', '￥', '€', '£', '(', '+'])
        .trim_end_matches([')', '%']);
    if bare.len() < t.len() && leads_a_number(bare) {
        return number_like(bare);
    }
    if !leads_a_number(t) {
        // (Only a month's name leads a date that begins with letters: Jan-24, March 5. The
        // longest, `September 30, 2024 12:00:00 PM`, is 30 characters: a name longer than
        // that is no date, and `="…"` of over 255 would be no formula.)
        return starts_with_a_month_name(t)
            && t.contains(|c: char| c.is_ascii_digit())
            && t.len() <= 32;
    }
    // 6月1日, 2024年6月: a date in Chinese.
    if t.contains('月')
        && t.contains(['年', '日'])
        && t.chars()
            .all(|c| c.is_ascii_digit() || "年月日".contains(c))
    {
        return true;
    }
    // 12-Mar, 5 March: a day and a month's name.
    if t.trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix(['-', ' ', '/'])
        .is_some_and(starts_with_a_month_name)
    {
        return true;
    }
    if !t.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':' | ',' | ' ' | 'e' | 'E' | '+')
    }) {
        return false;
    }
    if t.contains(['-', '/', ':', ',', ' ', 'e', 'E', '+']) {
        // Dates, times, fractions, grouped or scientific numbers; or text that merely has
        // such characters, which the ="…" form keeps as it is all the same.
        return true;
    }
    !written_as_a_spreadsheet_writes(t)
}

/// Whether text begins as a number does: with a digit, or a point and a digit (`.5`).
fn leads_a_number(t: &str) -> bool {
    let digits = t.strip_prefix('.').unwrap_or(t);
    digits.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether digits with at most one point are a number the way a spreadsheet writes it back:
/// no leading zero (but `0.5`), no trailing zero after the point, at most 11 digits (a
/// spreadsheet shows a number of more in its usual format as `1.23457E+11`, and saves it to CSV
/// so: a 12-digit id would come back as another).
fn written_as_a_spreadsheet_writes(t: &str) -> bool {
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let digits = whole.len() + fraction.len();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(whole.len() > 1 && whole.starts_with('0'))
        && !(t.contains('.') && (fraction.is_empty() || fraction.ends_with('0')))
        && digits <= 11
}

/// Whether text that a sign, brackets or a currency sign were taken from reads as a number.
fn number_like(bare: &str) -> bool {
    !bare.is_empty()
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'e' | 'E' | '+' | '-'))
}

/// Whether text begins with an English month's name or its three-letter short form.
fn starts_with_a_month_name(t: &str) -> bool {
    let word = t
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    crate::load::value::english_month_named(&word).is_some()
}

/// A text cell made inert: a leading apostrophe keeps a formula-like text as text.
pub fn inert(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A text cell for a CSV file that spreadsheets open: formula-like text made inert, and text a
/// spreadsheet would turn into a number or date written as `="007"`, which Excel and WPS show
/// as the text 007 (and xmtool reads back as 007).
pub fn spreadsheet_text(text: &str) -> String {
    if changes_in_a_spreadsheet(text) {
        format!("=\"{text}\"")
    } else {
        inert(text)
    }
}

/// A rate for spreadsheets: a percentage with two decimals, which Excel and WPS read as a number
/// (`38.11%` is 0.3811).
fn csv_rate(r: &crate::compute::Ratio) -> String {
    match r.value().and_then(percent_of) {
        Some(p) => format!("{:.2}%", round(p, 2)),
        None => String::new(),
    }
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The cells of one value in CSV: three for a column that spreads.
fn csv_cells(v: &Value, spread: Spread, lang: Lang) -> Vec<String> {
    let main = match v {
        Value::Text(t) => spreadsheet_text(t),
        Value::Empty | Value::Na(_) => String::new(),
        Value::Count(n) => n.to_string(),
        Value::Amount(a) | Value::Yi(a) => plain(*a),
        Value::Rate(r) | Value::RateOf(r) => csv_rate(r),
        Value::Points(p) => p.map(|p| plain(round(p, 2))).unwrap_or_default(),
        Value::Change(Some(n)) => n.to_string(),
        Value::Change(None) => lang.tr("新", "new").to_string(),
        Value::Score(s) => percent_of(*s)
            .map(|p| plain(round(p, 2)))
            .unwrap_or_default(),
        Value::Lights(r, y, g) => return vec![r.to_string(), y.to_string(), g.to_string()],
    };
    match (spread, v) {
        (Spread::One, _) => vec![main],
        // (A rate of amounts beside rates of counts, the overview's 投资完成率: its amounts.)
        (Spread::RateParts, Value::RateOf(r) | Value::Rate(r)) => {
            vec![main, plain(r.num), plain(r.den)]
        }
        (_, _) => vec![main, String::new(), String::new()],
    }
}

/// One section as CSV records: numbers plain (no separators), rates as percentages, each rate
/// of counts followed by its numerator and denominator, light counts in three columns. Key-value
/// sections (the overview) get a unit column.
pub fn csv_records(s: &Section, lang: Lang) -> Vec<Vec<String>> {
    let spreads = spreads(s);
    let header = spread_headers(s, &spreads, lang)
        .iter()
        .map(|h| spreadsheet_text(h))
        .collect();
    let mut records = vec![header];
    for row in &s.rows {
        let mut record = Vec::new();
        for (v, &spread) in row.iter().zip(&spreads) {
            record.extend(csv_cells(v, spread, lang));
        }
        // (A CSV has no note under its table to say what the start rate counts over.)
        if let Some(Value::Text(label)) = row.first()
            && let Some(said) = spreadsheet_label(s, label, lang)
        {
            record[0] = spreadsheet_text(&said);
        }
        if s.key_value {
            record.push(unit_of(row.get(1), lang).to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_wider_than_a_cell_may_be_goes_on_below() {
        let long = "项".repeat(150);
        let folded = folded(format!("{long}\nshort\n{}", "x".repeat(450)));
        let lines: Vec<String> = folded.lines().map(String::from).collect();
        let want = [
            "项".repeat(100),
            "项".repeat(50),
            "short".into(),
            "x".repeat(200),
            "x".repeat(200),
            "x".repeat(50),
        ];
        assert_eq!(lines, want);
        assert_eq!(super::folded("短".repeat(100)), "短".repeat(100));
        // A figure is not broken: it goes on the next line whole.
        let text = format!("{}2024年改造", "项".repeat(99));
        let lines: Vec<String> = super::folded(text).lines().map(String::from).collect();
        assert_eq!(lines, ["项".repeat(99), "2024年改造".into()]);
        let text = format!("{}\\u{{1b}}", "项".repeat(98));
        let lines: Vec<String> = super::folded(text).lines().map(String::from).collect();
        assert_eq!(lines, ["项".repeat(98), "\\u{1b}".into()]);
        // A run the whole line long is broken where it must be.
        let lines: Vec<String> = super::folded("x".repeat(203))
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(lines, ["x".repeat(200), "xxx".into()]);
    }

    /// A table of one row, as `grid` is given one.
    fn section(key: &'static str, columns: Vec<String>, row: Vec<Value>) -> Section {
        Section {
            key,
            title: String::new(),
            columns,
            rows: vec![row],
            note: None,
            key_value: false,
            start_base: None,
            shape: None,
            spreadsheet_columns: Vec::new(),
        }
    }

    #[test]
    fn a_table_wrapped_to_a_narrow_terminal_breaks_no_figure() {
        let row = vec![
            Value::Text("高新区".into()),
            Value::Amount(Decimal::new(17934230, 2)),
            Value::Amount(Decimal::new(14346890, 2)),
            Value::RateOf(crate::compute::Ratio::new(15, 15)),
        ];
        let columns = [
            "district",
            "annual plan (万元)",
            "year-to-date (万元)",
            "start rate",
        ];
        let s = section("ranking", columns.map(String::from).to_vec(), row);
        let text = grid(&s, Lang::En, Some(40)).to_string();
        for figure in ["179,342.30", "143,468.90", "100.0%", "(15/15)", "高新区"] {
            assert!(text.contains(figure), "{figure} broken in\n{text}");
        }
        // A table that fits is left as it is.
        assert_eq!(
            grid(&s, Lang::En, Some(200)).to_string(),
            grid(&s, Lang::En, None).to_string()
        );
    }

    #[test]
    fn a_district_name_with_a_figure_in_it_is_kept_whole_in_a_wrapped_table() {
        // (`安经1区` was spaced out as a text's figures are, `安经 1 区`, and broken there.)
        let row = vec![
            Value::Text("安经1区".into()),
            Value::Amount(Decimal::new(17934230, 2)),
            Value::Amount(Decimal::new(14346890, 2)),
            Value::RateOf(crate::compute::Ratio::new(15, 15)),
        ];
        let columns = ["县区", "年度计划(万元)", "累计完成(万元)", "开工率"];
        let s = section("ranking", columns.map(String::from).to_vec(), row);
        for width in [30, 40, 60] {
            let text = grid(&s, Lang::Zh, Some(width)).to_string();
            assert!(text.contains("安经1区"), "broken at {width} in\n{text}");
        }
    }

    #[test]
    fn a_month_or_id_in_a_header_or_text_is_not_broken_inside_itself() {
        // (`trend` on a terminal of 100 columns headed 2024-11 and 2024-12 both `2024-1`, with
        // `1` and `2` below.)
        let months: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
        let mut row = vec![Value::Text("P2024-0000001".into())];
        row.extend((1..=12).map(|m| Value::Rate(crate::compute::Ratio::new(m, 12))));
        row.push(Value::Points(Some(Decimal::new(162, 1))));
        let mut columns = vec!["分组".to_string()];
        columns.extend(months.iter().cloned());
        columns.push("较序时100.0%".into());
        let s = section("trend", columns, row);
        for width in [40, 100, 120] {
            let text = grid(&s, Lang::Zh, Some(width)).to_string();
            for word in months
                .iter()
                .map(String::as_str)
                .chain(["100.0%", "P2024-0000001"])
            {
                assert!(text.contains(word), "{word} broken at {width} in\n{text}");
            }
        }
    }

    #[test]
    fn a_terminal_of_width_0_is_no_terminal_to_wrap_to() {
        let s = Section {
            key: "ranking",
            title: String::new(),
            columns: ["district", "start rate"].map(String::from).to_vec(),
            rows: vec![vec![
                Value::Text("高新区".into()),
                Value::RateOf(crate::compute::Ratio::new(6, 12)),
            ]],
            note: None,
            key_value: false,
            start_base: None,
            shape: None,
            spreadsheet_columns: Vec::new(),
        };
        // (As a pipe gets it, not squeezed to `50.0%` over `(6/12)`.)
        let text = grid(&s, Lang::En, Some(0)).to_string();
        assert!(text.contains("50.0% (6/12)"), "{text}");
        assert_eq!(text, grid(&s, Lang::En, None).to_string());
        assert_eq!(super::super::new_table(Some(0)).width(), None);
    }

    #[test]
    fn a_wrapped_text_breaks_beside_its_figures_not_inside_them() {
        for (text, shown) in [
            ("落后序时进度50.0个百分点", "落后序时进度 50.0 个百分点"),
            (
                "计划2024-08开工，未到开工时间",
                "计划 2024-08 开工，未到开工时间",
            ),
            ("青石县330千伏输变电工程", "青石县 330 千伏输变电工程"),
            ("较序时50.0%", "较序时 50.0%"),
            ("（2024-08）", "（2024-08）"),
            ("红/黄/绿", "红/黄/绿"),
            ("93.5% (215/230)", "93.5% (215/230)"),
            ("JC2024-032", "JC2024-032"),
            (
                "reports/2024-06/金川区.csv:5",
                "reports/2024-06/金川区.csv:5",
            ),
        ] {
            assert_eq!(spaced(text, TEXT), shown, "{text}");
        }
        let s = Section {
            key: "red",
            title: String::new(),
            columns: ["项目编号", "原因"].map(String::from).to_vec(),
            rows: vec![vec![
                Value::Text("JC2024-032".into()),
                Value::Text("落后序时进度50.0个百分点；计划2024-08开工".into()),
            ]],
            note: None,
            key_value: false,
            start_base: None,
            shape: None,
            spreadsheet_columns: Vec::new(),
        };
        let text = grid(&s, Lang::Zh, Some(34)).to_string();
        for word in ["JC2024-032", " 50.0 ", " 2024-08 "] {
            assert!(text.contains(word), "{word} broken in\n{text}");
        }
    }

    #[test]
    fn markdown_cells_show_their_text() {
        assert_eq!(markdown_cell("金川区"), "金川区");
        assert_eq!(markdown_cell("a|b"), "a\\|b");
        // A backslash before a bar would escape the escape.
        assert_eq!(markdown_cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(
            markdown_cell("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)>"
        );
        assert_eq!(markdown_cell("两行\r\n文字"), "两行  文字");
        // (A name's text turned around, or a noncharacter, shows as an escape.)
        assert_eq!(
            markdown_cell("甲\u{202e}乙\u{ffff}"),
            "甲\\u{202e}乙\\u{ffff}"
        );
        assert_eq!(
            markdown_cell("[x](javascript:alert(1)) ![](http://e/i.png)"),
            "\\[x\\](javascript:alert(1)) \\!\\[\\](http://e/i.png)"
        );
        assert_eq!(
            markdown_cell("*甲*_乙_ `丙` &amp;"),
            "\\*甲\\*\\_乙\\_ \\`丙\\` \\&amp;"
        );
        assert_eq!(markdown_cell("~旧~新项目"), "\\~旧\\~新项目");
    }

    #[test]
    fn markdown_lines_start_no_block() {
        for (text, line) in [
            ("# 土地 1", "\\# 土地 1"),
            ("> 引用", "\\> 引用"),
            ("- 列表", "\\- 列表"),
            ("+ 列表", "\\+ 列表"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("1. 第一", "1\\. 第一"),
            ("12) 第一", "12\\) 第一"),
            ("    代码", "代码"),
            ("土地 1、规划 2", "土地 1、规划 2"),
            ("2024年", "2024年"),
        ] {
            assert_eq!(markdown_line(text), line, "{text}");
        }
    }

    #[test]
    fn text_spreadsheets_would_change_is_kept_text() {
        for (text, written) in [
            ("007", "=\"007\""),
            ("262030604030000000389157", "=\"262030604030000000389157\""),
            ("2024-03", "=\"2024-03\""),
            ("2/3/5", "=\"2/3/5\""),
            ("2808.2", "2808.2"),
            ("12345", "12345"),
            ("12345678901", "12345678901"),
            // Shown, and saved to CSV, as 1.23457E+11 by a spreadsheet.
            ("123456789012", "=\"123456789012\""),
            ("123456789012345", "=\"123456789012345\""),
            ("99999999999.9", "=\"99999999999.9\""),
            ("0.5", "0.5"),
            ("金川区", "金川区"),
            ("=1+2", "'=1+2"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("12.50", "=\"12.50\""),
            ("1.0", "=\"1.0\""),
            ("1.5E+3", "=\"1.5E+3\""),
            ("1e5", "=\"1e5\""),
            ("12%", "=\"12%\""),
            ("(12)", "=\"(12)\""),
            ("$5", "=\"$5\""),
            ("¥1,000", "=\"¥1,000\""),
            ("TRUE", "=\"TRUE\""),
            ("#N/A", "=\"#N/A\""),
            ("#div/0!", "=\"#div/0!\""),
            ("#REF!", "=\"#REF!\""),
            ("false", "=\"false\""),
            ("Jan-24", "=\"Jan-24\""),
            ("12-Mar", "=\"12-Mar\""),
            ("March 5", "=\"March 5\""),
            ("6月1日", "=\"6月1日\""),
            ("2024年6月", "=\"2024年6月\""),
            ("+86", "=\"+86\""),
            (".5", "=\".5\""),
            (".25%", "=\".25%\""),
            (".5e3", "=\".5e3\""),
            // Text that only looks a little like those stays as it is.
            ("Mayor's road", "Mayor's road"),
            ("Marina 2", "Marina 2"),
            ("12号楼", "12号楼"),
            ("3栋(二期)", "3栋(二期)"),
            ("(二期)", "(二期)"),
            ("A1", "A1"),
            ("JC2024-001", "JC2024-001"),
            ("6月", "6月"),
            (".NET", ".NET"),
            ("...", "..."),
            ("True Love", "True Love"),
            ("#N/A 待定", "#N/A 待定"),
            ("#1号楼", "#1号楼"),
            // A quote inside: no date, and `="May "1" Square"` no formula Excel reads.
            ("May \"1\" Square", "May \"1\" Square"),
            (
                "March 2024 industrial park road works, phase 2",
                "March 2024 industrial park road works, phase 2",
            ),
        ] {
            assert_eq!(spreadsheet_text(text), written, "{text}");
        }
    }
}
