//! Findings as compiler-style lines, as a table, or as JSON.

use std::io::Write;

use serde::Serialize;

use crate::finding::{Finding, Tally, plural, printable};
use crate::load::Dataset;

/// What was read, for the closing line.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub files: usize,
    pub projects: usize,
    pub report_rows: usize,
    /// First and last report month found, `2024-01`.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
    /// (In JSON, its counts beside the others: `"errors"`, `"warnings"`, `"notes"`.)
    #[serde(flatten)]
    pub tally: Tally,
}

impl Summary {
    /// Of settings that cannot work, where no data was read.
    pub fn of_settings(findings: &[Finding]) -> Summary {
        Summary {
            files: 0,
            projects: 0,
            report_rows: 0,
            first_month: None,
            last_month: None,
            tally: Tally::of(findings),
        }
    }

    pub fn of(data: &Dataset, findings: &[Finding]) -> Summary {
        let tally = Tally::of(findings);
        Summary {
            // (The data's files: the settings are not counted.)
            files: data
                .sources
                .iter()
                .filter(|s| s.role != crate::load::Role::Settings)
                .count(),
            projects: data
                .projects
                .iter()
                .map(|p| (p.year, p.id_no))
                .collect::<std::collections::HashSet<_>>()
                .len(),
            report_rows: data.reports.len(),
            first_month: data.reports.months().next().map(|m| m.to_string()),
            last_month: data.reports.months().next_back().map(|m| m.to_string()),
            tally,
        }
    }

    /// `151 projects, 893 report rows (2024-01 to 2024-06) in 20 files: 0 errors, 3 warnings, 14 notes`
    pub fn line(&self) -> String {
        let months = match (&self.first_month, &self.last_month) {
            (Some(a), Some(b)) if a == b => format!(" ({a})"),
            (Some(a), Some(b)) => format!(" ({a} to {b})"),
            _ => String::new(),
        };
        let tally = self.tally;
        let verdict = if tally.errors == 0 {
            if tally.warnings == 0 {
                "no problems"
            } else {
                "no errors, warnings only"
            }
        } else {
            "errors found"
        };
        format!(
            "{} project{}, {} report row{}{months} in {} file{}: {tally} ({verdict})",
            self.projects,
            plural(self.projects),
            self.report_rows,
            plural(self.report_rows),
            self.files,
            plural(self.files),
        )
    }
}

/// How many rows of a file a finding said alike on each is shown for, in text and tables,
/// before the rest are counted on the last one shown.
const ALIKE_SHOWN: usize = 4;

/// The findings to show, each with what it stands for besides itself: a finding made alike on
/// many rows of a file (the same severity, column and message: a column misread throughout,
/// a month missing from every row) is shown on its first `ALIKE_SHOWN` rows, the last of them
/// saying how many more rows have it and to which line. JSON lists every one; the counts are
/// of every one.
fn shown(findings: &[Finding]) -> Vec<(&Finding, Option<(usize, u64)>)> {
    type Key<'a> = (&'a str, crate::finding::Severity, Option<usize>, &'a str);
    fn key(f: &Finding) -> Key<'_> {
        (&f.file, f.severity, f.column, &f.message)
    }
    // Per key: how many there are, the last one's line, and how many were met so far.
    let mut alike: std::collections::HashMap<Key, (usize, u64, usize)> =
        std::collections::HashMap::new();
    for f in findings {
        if let Some(line) = f.line {
            let entry = alike.entry(key(f)).or_insert((0, line, 0));
            entry.0 += 1;
            entry.1 = entry.1.max(line);
        }
    }
    let mut shown = Vec::with_capacity(findings.len());
    for f in findings {
        let Some((count, last, met)) = f.line.and_then(|_| alike.get_mut(&key(f))) else {
            shown.push((f, None));
            continue;
        };
        *met += 1;
        match *met {
            n if n < ALIKE_SHOWN => shown.push((f, None)),
            n if n == ALIKE_SHOWN => {
                let more = (*count > ALIKE_SHOWN).then(|| (*count - ALIKE_SHOWN, *last));
                shown.push((f, more));
            }
            _ => {}
        }
    }
    shown
}

/// `(and on 46 more rows, to line 51)`
fn more_rows((more, last): (usize, u64)) -> String {
    format!(" (and on {more} more row{}, to line {last})", plural(more))
}

/// One finding a line, `file:line:column: severity: message`, then the summary.
pub fn text(out: &mut dyn Write, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    for (f, more) in shown(findings) {
        match more {
            Some(more) => writeln!(out, "{f}{}", more_rows(more))?,
            None => writeln!(out, "{f}")?,
        }
    }
    writeln!(out, "{}", summary.line())
}

/// The findings as a table: place, severity, message.
pub fn table(out: &mut dyn Write, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    if !findings.is_empty() {
        writeln!(out, "{}", grid(findings, super::terminal_width(true)))?;
    }
    writeln!(out, "{}", summary.line())
}

/// The findings' table, wrapped to `width` where one is given: a place, and each word of a
/// message with a figure in it (an id, a month, another place), is kept whole, as the
/// bulletin's tables keep theirs (`bulletin::grid`); other words break where they must, and a
/// table that cannot fit so is wider than the terminal. (A Chinese text with a figure in it,
/// a project's name quoted, `年产20万吨…项目`, is weighed as the bulletin spaces it, by its
/// words between the figures: kept whole, it made the table wider than the terminal.)
fn grid(findings: &[Finding], width: Option<u16>) -> comfy_table::Table {
    use comfy_table::{ColumnConstraint, Width};
    const HEADER: [&str; 3] = ["位置 (file:line:column)", "级别", "说明"];
    let mut t = super::new_table(width);
    t.set_header(HEADER.to_vec());
    let mut widest = HEADER.map(|h| super::bulletin::widest_word(h, 4));
    for (f, more) in shown(findings) {
        let row = [
            printable(&f.location(), false).into_owned(),
            f.severity.to_string(),
            printable(&f.message, true).into_owned() + &more.map(more_rows).unwrap_or_default(),
        ];
        for (w, text) in widest.iter_mut().zip(&row) {
            let spaced = super::bulletin::spaced(text, 8);
            *w = (*w).max(super::bulletin::widest_word(&spaced, 8));
        }
        t.add_row(row.to_vec());
    }
    if width.is_some() {
        // (A width here counts the cell's padding, a space each side.)
        for (column, &w) in t.column_iter_mut().zip(&widest) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                w.saturating_add(2),
            )));
        }
    }
    t
}

/// `{ "findings": [ {file, line, column, severity, message} … ], "summary": {…} }`
pub fn json(out: &mut dyn Write, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        findings: &'a [Finding],
        summary: &'a Summary,
    }
    serde_json::to_writer_pretty(&mut *out, &Doc { findings, summary })?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_or_a_word_with_a_figure_is_not_broken_in_a_narrow_terminal() {
        // (`check` at 40 columns broke `reports/2024-01/南屏县.csv:15` and a 24-character
        // 项目代码 in a message over two lines.)
        let findings = [
            Finding::error(
                "reports/2024-01/南屏县.csv",
                "项目代码 2212-620306-04-03-389157 重复",
            )
            .at(15, Some(2)),
            Finding::warning("projects.csv", "未报送").at(60, Some(2)),
        ];
        for width in [30, 40, 60] {
            let text = grid(&findings, Some(width)).to_string();
            for word in [
                "reports/2024-01/南屏县.csv:15:2",
                "projects.csv:60:2",
                "2212-620306-04-03-389157",
            ] {
                assert!(text.contains(word), "{word} broken at {width} in\n{text}");
            }
        }
        assert_eq!(
            grid(&findings, Some(200)).to_string(),
            grid(&findings, None).to_string()
        );
    }

    #[test]
    fn a_chinese_text_with_a_figure_in_it_does_not_widen_the_table_past_the_terminal() {
        // (A project's name quoted, `年产20万吨`, was kept whole as a word with a figure: the
        // table was 89 columns wide at 80.)
        let findings = [Finding::warning(
            "reports/2024-06.csv",
            "项目名称 \"新城区年产20万吨新型环保建材生产线及配套基础设施建设项目\" 与登记不符",
        )
        .at(3, Some(2))];
        let columns = |line: &str| -> usize {
            line.chars()
                .map(
                    |c| match c.is_ascii() || ('\u{2500}'..='\u{257F}').contains(&c) {
                        true => 1,
                        false => 2,
                    },
                )
                .sum()
        };
        for width in [60, 80] {
            let text = grid(&findings, Some(width)).to_string();
            let widest = text.lines().map(columns).max().unwrap_or(0);
            assert!(widest <= usize::from(width), "{widest} at {width}:\n{text}");
            assert!(text.contains("reports/2024-06.csv:3:2"), "{text}");
        }
    }
}
