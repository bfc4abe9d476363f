//! Problems in the user's data, as data: each names a place (file, line, column), a severity and
//! what was found and expected. They are collected in one pass and rendered like any report.

use std::fmt;

use serde::Serialize;

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

/// One problem found in the data folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Path relative to the data folder, `/`-separated; empty for the folder itself.
    pub file: String,
    /// 1-based line of a CSV file or row of a sheet.
    pub line: Option<u64>,
    /// 1-based column.
    pub column: Option<usize>,
    pub severity: Severity,
    /// What was found, and what was expected.
    pub message: String,
}

impl Finding {
    pub fn new(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            file: file.into(),
            line: None,
            column: None,
            severity,
            message: message.into(),
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

    /// `file:line:column`, as compilers and editors write a place.
    pub fn location(&self) -> String {
        let mut s = if self.file.is_empty() {
            ".".to_string()
        } else {
            self.file.clone()
        };
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity,
            self.message
        )
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
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
