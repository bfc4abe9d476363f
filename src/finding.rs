//! Problems in the user's data, as data: each names a place (file, line, column), a severity and
//! what was found and expected. They are collected in one pass and rendered like any report.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::model::YearMonth;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is wrong or unreadable; figures built on it would be wrong. Exit code 1.
    Error,
    /// Probably a mistake, or something the office should follow up (未报送).
    Warning,
    /// Something xmtool did that the clerk may want to know: a title or 合计 row skipped.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// The most characters a message is shown with. A cell quoted in one may be megabytes long (a
/// damaged file's): a longer message keeps its start and its end (what was expected), and says
/// how much of its middle it leaves out.
const LONGEST_MESSAGE: usize = 600;

fn shortened(message: String) -> String {
    const HEAD: usize = 300;
    const TAIL: usize = 200;
    // (A message of no more bytes than that has no more characters.)
    if message.len() <= LONGEST_MESSAGE {
        return message;
    }
    let chars = message.chars().count();
    if chars <= LONGEST_MESSAGE {
        return message;
    }
    let byte_at = |n: usize| {
        message
            .char_indices()
            .nth(n)
            .map_or(message.len(), |(i, _)| i)
    };
    let (head, tail) = (byte_at(HEAD), byte_at(chars - TAIL));
    format!(
        "{}…({} characters left out)…{}",
        &message[..head],
        chars - HEAD - TAIL,
        &message[tail..]
    )
}

/// One problem found in the data folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Path relative to the data folder, `/`-separated; empty for the folder itself (written
    /// `.`, as `location` gives it).
    #[serde(serialize_with = "file_or_folder")]
    pub file: String,
    /// The file's path as its bytes are, where a name in it is not UTF-8, as the inputs'
    /// `raw_path` gives it (`reports/\xb6\xab.csv`): `file` shows it decoded (GBK) or with `�`,
    /// which names no file. Filled in for files that were read (`check::take_all`).
    #[serde(rename = "raw_file", skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// 1-based line of a CSV file or row of a sheet.
    pub line: Option<u64>,
    /// 1-based column.
    pub column: Option<usize>,
    pub severity: Severity,
    /// What was found, and what was expected.
    pub message: String,
    /// The month of the report rows the finding is about, where they are all of one: a figure
    /// for an earlier month is built on none of them (see `Finding::after`).
    #[serde(skip)]
    pub month: Option<YearMonth>,
    /// Of a finding that stands for findings of its file past the first `KEPT_A_FILE`, not
    /// kept (`fold`): how many (in JSON, `"unlisted"`); 0 for any other finding.
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted: usize,
    /// Whether the file is read as a workbook: its place is a cell, `B3` (`location`).
    #[serde(skip)]
    pub in_workbook: bool,
    /// Whether it is an error at a report row of a project off the list in the row's month (its
    /// 调出时间 at or before it): a row in no month's figures (`check::mark_off_list`).
    #[serde(skip)]
    pub off_list: bool,
    /// Whether it is about its file as a whole, placed at one of its rows: not `off_list` for
    /// that row's sake (`of_the_file`), only where every row it is about is off the list (a
    /// file sent twice whose differing rows are all such).
    #[serde(skip)]
    pub of_file: bool,
}

/// A finding's file as written out: `.` for the data folder itself.
fn shown_file(file: &str) -> &str {
    if file.is_empty() { "." } else { file }
}

fn file_or_folder<S: serde::Serializer>(file: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(shown_file(file))
}

impl Finding {
    pub fn new(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            file: file.into(),
            raw: None,
            line: None,
            column: None,
            severity,
            message: shortened(message.into()),
            month: None,
            unlisted: 0,
            in_workbook: false,
            off_list: false,
            of_file: false,
        }
    }

    /// How many findings it counts as: the ones it stands for, or itself.
    pub fn count(&self) -> usize {
        self.unlisted.max(1)
    }

    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Warning, file, message)
    }

    pub fn note(file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding::new(Severity::Note, file, message)
    }

    pub fn at(mut self, line: u64, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// The finding, about its file as a whole though placed at one of its rows (`at`): a
    /// summary put among the reports, a file sent twice. A row of a project off the list may
    /// be its place, and the file still stops the bulletin.
    pub fn of_the_file(mut self) -> Self {
        self.of_file = true;
        self
    }

    /// The finding, about report rows of `month` alone.
    pub fn in_month(mut self, month: YearMonth) -> Self {
        self.month = Some(month);
        self
    }

    /// Whether the finding is about report rows of a month after `month` alone, in none of its
    /// figures: a month's figures are built on the reports up to it.
    pub fn after(&self, month: YearMonth) -> bool {
        self.month.is_some_and(|m| m > month)
    }

    /// Whether the finding is about report rows in none of the figures up to `end`: rows of a
    /// later month (`after`), or of a project off the list by then (`off_list`), in no month's.
    pub fn in_none_of(&self, end: Option<YearMonth>) -> bool {
        self.off_list || end.is_some_and(|m| self.after(m))
    }

    /// `file:line:column`, as compilers and editors write a place; in a workbook, where the
    /// column is known, `file:B3`, the cell as a spreadsheet names it.
    /// (A name shown with `�`, neither UTF-8 nor GBK, is given by its bytes, `\xff`, as
    /// `raw_file` gives it: so it can be followed. One read as GBK shows as written.)
    pub fn location(&self) -> String {
        let mut s = match &self.raw {
            Some(raw) if self.file.contains('\u{FFFD}') => raw.clone(),
            _ => shown_file(&self.file).to_string(),
        };
        match (self.line, self.column) {
            (Some(line), Some(col)) if self.in_workbook => {
                s.push_str(&format!(":{}{line}", letters(col)))
            }
            (Some(line), Some(col)) => s.push_str(&format!(":{line}:{col}")),
            (Some(line), None) => s.push_str(&format!(":{line}")),
            (None, _) => {}
        }
        s
    }
}

/// A 1-based column as a spreadsheet names it: 1 is `A`, 27 `AA`, 16384 `XFD`.
pub fn letters(column: usize) -> String {
    let mut name = String::new();
    let mut n = column;
    while n > 0 {
        n -= 1;
        name.insert(0, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    name
}

impl fmt::Display for Finding {
    /// `file:line:column: severity: message` on one line, whatever the data's text holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            printable(&self.location(), false),
            self.severity,
            printable(&self.message, false)
        )
    }
}

/// Whether a character of the data shows as nothing, turns the text around, or is none
/// (a noncharacter, U+FFFE, which HTML may not hold): zero-width spaces and joiners, the
/// direction marks (also Arabic's, U+061C), embeddings, overrides and isolates, the byte order
/// mark, the soft hyphen, the Hangul fillers, Mongolian's vowel separator, musical notation's
/// invisible marks, tags (U+E0000 on, which can carry hidden text). Outputs read by people show
/// it as an escape (`\u{202e}`), as they do control characters. (Not variation selectors,
/// Mongolian's too: one may follow a character as part of its form.)
pub fn unseen(c: char) -> bool {
    match c {
        '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{FDD0}'..='\u{FDEF}'
        | '\u{AD}'
        | '\u{34F}'
        | '\u{61C}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180E}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}' => true,
        _ => (c as u32) & 0xFFFE == 0xFFFE,
    }
}

/// Text from the data as a terminal may be given it: control characters (an escape sequence
/// that would clear the screen or retitle the window, a carriage return that would write over
/// the line) written as escapes (`\u{1b}`), and line ends too unless `lines`; so are characters
/// that show as nothing or turn the text around (a zero-width space in `5\u{200b}00`, which
/// would look like a number, and the direction marks: `unseen`). A tab is written `\t`: a
/// terminal widens it to its next stop, which breaks a table's columns.
pub fn printable(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| (!c.is_control() && !unseen(c)) || (lines && c == '\n');
    // (Most text is printable ASCII, a figure or a code, seen at once byte by byte.)
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) || text.chars().all(shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if shown(c) {
            out.push(c);
        } else {
            out.extend(c.escape_default());
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as a message shows it: what `printable` shows of its text, control characters
/// written as escapes (`a\nb.md`, never a line break in the message), and each byte of a name
/// that is not UTF-8 as `\xb6`, so that the path can be followed (`printf '%b'`) rather than
/// read as `�`. Every path a message names goes through it (`path.shown()`), never
/// `Path::display`.
pub struct ShownPath<'a>(&'a std::path::Path);

/// A path as a message shows it, `path.shown()` (`ShownPath`).
pub trait Shown {
    fn shown(&self) -> ShownPath<'_>;
}

impl Shown for std::path::Path {
    fn shown(&self) -> ShownPath<'_> {
        ShownPath(self)
    }
}

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in path_bytes(self.0).utf8_chunks() {
            f.write_str(&printable(chunk.valid(), false))?;
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

/// The bytes of a path's name as the system holds them (on Windows, where names are UTF-16,
/// its text, `�` for what is not).
fn path_bytes(path: &std::path::Path) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().into()
    }
    #[cfg(not(unix))]
    {
        match path.to_string_lossy() {
            std::borrow::Cow::Borrowed(text) => text.as_bytes().into(),
            std::borrow::Cow::Owned(text) => text.into_bytes().into(),
        }
    }
}

/// A path as one word of a shell's command line, as `shell_word` gives it; one with a name
/// that is not UTF-8, or a character `printable` would escape, in the `$'…'` quotes of bash and
/// zsh, such bytes written `\xb6` there, so that the command still finds it when pasted.
pub fn shell_path(path: &std::path::Path) -> String {
    if let Some(text) = path.to_str()
        && printable(text, false) == text
    {
        return shell_word(text);
    }
    let mut word = String::from("$'");
    if path_bytes(path).starts_with(b"-") {
        word.push_str("./");
    }
    for chunk in path_bytes(path).utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' | '\'' => {
                    word.push('\\');
                    word.push(c);
                }
                c if !c.is_control() && !unseen(c) => word.push(c),
                c if c.is_ascii() => word.push_str(&format!("\\x{:02x}", c as u32)),
                c => word.push_str(&format!("\\U{:08x}", c as u32)),
            }
        }
        for b in chunk.invalid() {
            word.push_str(&format!("\\x{b:02x}"));
        }
    }
    word.push('\'');
    word
}

/// A path as one word of a shell's command line, for a message's command to be pasted as it is:
/// in quotes where it holds anything a shell reads otherwise (a space, `$`, `~`, a quote), and
/// after `./` where it begins with `-` (`./-data`), which a command reads as an option.
pub fn shell_word(text: &str) -> String {
    if text.starts_with('-') {
        return shell_word(&format!("./{text}"));
    }
    let plain = |c: char| c.is_alphanumeric() || !c.is_ascii() || "-_./:@%+,=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// "s" after a count of things other than one: `format!("{n} error{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Things named one after another as a message says them, `last` (`and`, `or`) before the
/// last: `a, b and c`; `a` alone; empty for none.
pub fn listed<T: AsRef<str>>(items: &[T], last: &str) -> String {
    match items.split_last() {
        Some((end, [])) => end.as_ref().to_string(),
        Some((end, before)) => {
            let before: Vec<&str> = before.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", before.join(", "), end.as_ref())
        }
        None => String::new(),
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub errors: usize,
    /// Errors in reports of months after the one an output's figures are for, in none of them
    /// (`Dataset::tally`); not counted in `errors`.
    #[serde(skip_serializing_if = "is_zero")]
    pub later_month_errors: usize,
    /// Errors in report rows of projects off the list in the rows' months (调出时间), in no
    /// month's figures (`Finding::off_list`); not counted in `errors`.
    #[serde(skip_serializing_if = "is_zero")]
    pub off_list_errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `3 errors, 1 warning, 0 notes`.
impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} error{}, {} warning{}, {} note{}",
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.notes,
            plural(self.notes)
        )
    }
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.errors += f.count(),
                Severity::Warning => t.warnings += f.count(),
                Severity::Note => t.notes += f.count(),
            }
        }
        t
    }
}

/// The findings of one severity of one file kept; past them, they are counted in one finding
/// (`fold`), so that a file of a million bad rows is not held as a million findings. The first
/// are listed, in every output; the counts are of all. (Of each severity: a registry's warnings,
/// 未报送 a project, crowd out none of its errors.)
pub const KEPT_A_FILE: usize = 100_000;

/// Folds a growing list of findings (`fold`) each time it has doubled since it was last folded:
/// a file of a million bad rows is never held as a million findings, and a list of many files'
/// few is not gone through again at each one.
pub struct Folding {
    next: usize,
}

impl Default for Folding {
    fn default() -> Self {
        Folding {
            next: 2 * KEPT_A_FILE,
        }
    }
}

impl Folding {
    pub fn now_and_then(&mut self, findings: &mut Vec<Finding>) {
        if findings.len() >= self.next {
            fold(findings);
            self.next = (2 * findings.len()).max(2 * KEPT_A_FILE);
        }
    }
}

/// Folds the findings of each file and severity past the first `KEPT_A_FILE` into one for each
/// month (`Finding::month`: a later month's errors stay a later month's) that counts them
/// (`Finding::unlisted`), at the first of them. For a file's findings as they grow (folded
/// again, its counts add up), or for all of them.
pub fn fold(findings: &mut Vec<Finding>) {
    let mut kept: HashMap<(&str, Severity), usize> = HashMap::new();
    let mut over = false;
    for f in findings.iter().filter(|f| f.unlisted == 0) {
        let n = kept.entry((&f.file, f.severity)).or_default();
        *n += 1;
        over |= *n > KEPT_A_FILE;
    }
    if !over {
        return;
    }
    // By file and severity, how many are kept, and with the month, the finding they fold into.
    let mut kept: HashMap<(String, Severity), usize> = HashMap::new();
    let mut into: HashMap<(String, Severity, Option<YearMonth>, bool), usize> = HashMap::new();
    let mut folded: Vec<Finding> = Vec::new();
    findings.retain_mut(|f| {
        if f.unlisted == 0 {
            let n = kept.entry((f.file.clone(), f.severity)).or_default();
            if *n < KEPT_A_FILE {
                *n += 1;
                return true;
            }
        }
        let i = *into
            .entry((f.file.clone(), f.severity, f.month, f.off_list))
            .or_insert_with(|| {
                let mut new = Finding::new(f.severity, f.file.clone(), String::new());
                (new.line, new.month, new.off_list) = (f.line, f.month, f.off_list);
                new.raw = f.raw.clone();
                folded.push(new);
                folded.len() - 1
            });
        let counted = &mut folded[i];
        counted.unlisted += f.count();
        counted.line = counted.line.min(f.line);
        false
    });
    for f in &mut folded {
        let (n, what) = (f.unlisted, f.severity.to_string());
        let of = f
            .month
            .map_or(String::new(), |m| format!(" of rows of {m}"));
        f.message = format!(
            "and {n} more {what}{}{of} in this file, not listed: only a file's first \
             {KEPT_A_FILE} {what}s are (correct those, and check again)",
            plural(n)
        );
    }
    findings.extend(folded);
}

/// Orders findings by place, so output is the same from run to run; findings without a line
/// (about a whole file) come first in their file.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_so_that_they_can_be_followed() {
        use std::path::Path;
        for (path, message, shell) in [
            ("out/2024-06.md", "out/2024-06.md", "out/2024-06.md"),
            ("my out/东区.md", "my out/东区.md", "'my out/东区.md'"),
            ("a\nb\u{1b}.md", "a\\nb\\u{1b}.md", "$'a\\x0ab\\x1b.md'"),
            ("-x\t'\\", "-x\\t'\\", "$'./-x\\x09\\'\\\\'"),
            ("a\u{202e}b", "a\\u{202e}b", "$'a\\U0000202eb'"),
        ] {
            assert_eq!(Path::new(path).shown().to_string(), message, "{path:?}");
            assert_eq!(shell_path(Path::new(path)), shell, "{path:?}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let gbk = Path::new(std::ffi::OsStr::from_bytes(b"o/\xb6\xab\xc7\xf8 x.md"));
            assert_eq!(gbk.shown().to_string(), "o/\\xb6\\xab\\xc7\\xf8 x.md");
            assert_eq!(shell_path(gbk), "$'o/\\xb6\\xab\\xc7\\xf8 x.md'");
        }
    }

    #[test]
    fn things_listed_as_said() {
        assert_eq!(listed::<&str>(&[], "and"), "");
        assert_eq!(listed(&["5月"], "and"), "5月");
        assert_eq!(listed(&["5月", "6月"], "and"), "5月 and 6月");
        assert_eq!(
            listed(&[".csv", ".txt", ".xlsx"], "or"),
            ".csv, .txt or .xlsx"
        );
    }

    #[test]
    fn a_workbooks_place_is_its_cell() {
        let names: Vec<String> = [1, 2, 26, 27, 52, 53, 702, 703, 16384]
            .into_iter()
            .map(letters)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
        let at = |file: &str, workbook, line, column| {
            let mut f = Finding::error(file, "x").at(line, column);
            f.in_workbook = workbook;
            f.location()
        };
        assert_eq!(
            at("reports/6月.xlsx", true, 3, Some(2)),
            "reports/6月.xlsx:B3"
        );
        assert_eq!(at("projects.csv", true, 12, Some(28)), "projects.csv:AB12");
        assert_eq!(at("reports/6月.xlsx", true, 3, None), "reports/6月.xlsx:3");
        assert_eq!(
            at("reports/6月.csv", false, 3, Some(2)),
            "reports/6月.csv:3:2"
        );
        assert_eq!(
            at("reports/6月.xlsx", false, 5, Some(3)),
            "reports/6月.xlsx:5:3"
        );
    }

    #[test]
    fn findings_folded_as_they_come_are_never_many() {
        let mut folding = Folding::default();
        let mut findings = Vec::new();
        for line in 1..=1_000_000 {
            findings.push(Finding::error("a.csv", "bad").at(line, None));
            folding.now_and_then(&mut findings);
            assert!(findings.len() < 3 * KEPT_A_FILE, "{line}");
        }
        assert_eq!(Tally::of(&findings).errors, 1_000_000);
    }

    #[test]
    fn a_files_findings_past_the_first_are_counted_in_one() {
        let june = YearMonth::new(2024, 6);
        let errors = KEPT_A_FILE as u64 + 15_000;
        let mut findings: Vec<Finding> = (1..=errors)
            .map(|line| {
                let f = Finding::error("a.csv", format!("bad {line}")).at(line + 1, Some(2));
                match line % 2 {
                    0 => f.in_month(june.unwrap()),
                    _ => f,
                }
            })
            .chain((1..=3).map(|line| Finding::warning("b.csv", "w").at(line, None)))
            .chain((1..=7).map(|line| Finding::warning("a.csv", "w").at(line, None)))
            .collect();
        let before = Tally::of(&findings);
        fold(&mut findings);
        assert_eq!(Tally::of(&findings), before);
        // The first errors kept, the rest counted; the few warnings all kept.
        let of_a: Vec<&Finding> = findings.iter().filter(|f| f.file == "a.csv").collect();
        assert_eq!(of_a.len(), KEPT_A_FILE + 2 + 7);
        // One for each month: the errors of no month, those of June's rows.
        let folded: Vec<&Finding> = findings.iter().filter(|f| f.unlisted > 0).collect();
        let counted: Vec<_> = (folded.iter())
            .map(|f| (f.line, f.unlisted, f.month, f.severity))
            .collect();
        let first = KEPT_A_FILE as u64 + 2;
        assert_eq!(
            counted,
            [
                (Some(first), 7_500, None, Severity::Error),
                (Some(first + 1), 7_500, june, Severity::Error)
            ]
        );
        assert!(
            folded[1].message.starts_with(
                "and 7500 more errors of rows of 2024-06 in this file, not listed: only a \
                 file's first 100000 errors are"
            ),
            "{}",
            folded[1].message
        );
        // Folded again, with more: the counts add up.
        findings.extend((1..=KEPT_A_FILE as u64).map(|l| Finding::error("a.csv", "x").at(l, None)));
        fold(&mut findings);
        assert_eq!(
            Tally::of(&findings).errors as u64,
            errors + KEPT_A_FILE as u64
        );
        assert_eq!(findings.iter().filter(|f| f.file == "b.csv").count(), 3);
    }

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let short = "项目编号 A1 is empty".to_string();
        assert_eq!(Finding::error("a.csv", short.clone()).message, short);
        // 600 characters of three bytes each: kept whole.
        let whole = "中".repeat(LONGEST_MESSAGE);
        assert_eq!(Finding::error("a.csv", whole.clone()).message, whole);
        let cell = "中".repeat(1_000_000);
        let long = format!("项目编号 {cell} is not in the registry (expected an id)");
        let message = Finding::error("a.csv", long).message;
        assert!(message.starts_with("项目编号 中中"), "{message}");
        assert!(message.ends_with("中中 is not in the registry (expected an id)"));
        let left_out = 1_000_000
            + "项目编号  is not in the registry (expected an id)"
                .chars()
                .count()
            - 500;
        assert!(
            message.contains(&format!("…({left_out} characters left out)…")),
            "{message}"
        );
        assert_eq!(
            message.chars().count(),
            500 + format!("…({left_out} characters left out)…")
                .chars()
                .count()
        );
    }
}
