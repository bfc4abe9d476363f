//! Problems in the user's data, as data: each names a place (file, line, column), a severity and
//! what was found and expected. They are collected in one pass and rendered like any report.

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
            line: None,
            column: None,
            severity,
            message: shortened(message.into()),
            month: None,
        }
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

    /// `file:line:column`, as compilers and editors write a place.
    pub fn location(&self) -> String {
        let mut s = shown_file(&self.file).to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
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
/// direction marks, embeddings, overrides and isolates, the byte order mark. Outputs read by
/// people show it as an escape (`\u{202e}`), as they do control characters.
pub fn unseen(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FDD0}'..='\u{FDEF}')
        || (c as u32) & 0xFFFE == 0xFFFE
}

/// Text from the data as a terminal may be given it: control characters (an escape sequence
/// that would clear the screen or retitle the window, a carriage return that would write over
/// the line) written as escapes (`\u{1b}`), and line ends too unless `lines`; so are characters
/// that show as nothing or turn the text around (a zero-width space in `5\u{200b}00`, which
/// would look like a number, and the direction marks: `unseen`). Tabs stay.
pub fn printable(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| (!c.is_control() && !unseen(c)) || c == '\t' || (lines && c == '\n');
    if text.chars().all(shown) {
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

/// "s" after a count of things other than one: `format!("{n} error{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub errors: usize,
    /// Errors in reports of months after the one an output's figures are for, in none of them
    /// (`Dataset::tally`); not counted in `errors`.
    #[serde(skip_serializing_if = "is_zero")]
    pub later_month_errors: usize,
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
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Note => t.notes += 1,
            }
        }
        t
    }
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
