//! Report periods: a month, a quarter (2024-Q2), a half-year (2024-H1) or a year (2024). A
//! period's figures are those at its last month, plus what was completed within it.

use std::fmt;

use crate::load::value::{NOT_A_DATE, NOT_A_MONTH, date_of_serial, parse_month, range_months};
use crate::model::{FIRST_YEAR, LAST_YEAR, YearMonth};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter(u8),
    Half(u8),
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub start: YearMonth,
    pub end: YearMonth,
}

impl Period {
    pub fn month(m: YearMonth) -> Period {
        Period {
            kind: PeriodKind::Month,
            start: m,
            end: m,
        }
    }

    /// `2024-Q2`, `2024Q2`, `2024-H1`, `2024`, or a month in any form `parse_month` reads.
    pub fn parse(text: &str) -> Result<Period, String> {
        Period::parse_as(text, false)
    }

    /// `parse` of what an option that asks for a month (`report --month`) is given: text that is
    /// no period is said to be no month.
    pub fn parse_for_month(text: &str) -> Result<Period, String> {
        Period::parse_as(text, true)
    }

    fn parse_as(text: &str, month_asked: bool) -> Result<Period, String> {
        let t = text.trim().to_ascii_uppercase();
        // (Echoed with control characters escaped: the text is the command line's, as typed.)
        let shown = text.escape_debug();
        // (A month of no year, `6月` or `6`: its year is asked for, whatever was.)
        let no_year = month_asked_alone(text);
        let expected = || match month_asked {
            _ if let Some(m) = no_year => format!("\"{shown}\" {}", gives_no_year(m)),
            true => format!(
                "\"{shown}\" is not a month (expected e.g. 2024-06, in the years {FIRST_YEAR} \
                 to {LAST_YEAR})"
            ),
            false => format!(
                "\"{shown}\" is not a period (expected 2024-06, 2024-Q2, 2024-H1 or 2024, in the \
                 years {FIRST_YEAR} to {LAST_YEAR})"
            ),
        };
        // A range of months names no one bulletin: the month it runs to, or the period it is.
        if let Some((first, last)) = range_months(text) {
            if first > last {
                return Err(format!(
                    "\"{shown}\" is a range of months running backwards, {first} to {last} \
                     (expected the earlier month first)"
                ));
            }
            let instead = match Period::of_range(first, last) {
                Some(p) => format!("or the period {p}"),
                None => "or a period (a quarter, 2024-Q2; a half, 2024-H1; a year, 2024)".into(),
            };
            return Err(format!(
                "\"{shown}\" is a range of months: give the month it runs to ({last}) for the \
                 bulletin to it, {instead}"
            ));
        }
        if let Some(period) = chinese_period(text) {
            return Ok(period);
        }
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            let year = read_year(&t).ok_or_else(expected)?;
            let start = YearMonth::new(year, 1).ok_or_else(expected)?;
            let end = YearMonth::new(year, 12).ok_or_else(expected)?;
            return Ok(Period {
                kind: PeriodKind::Year,
                start,
                end,
            });
        }
        let compact = t.replace(['-', '_', ' '], "");
        // (Bytes, not a slice of text: 六月 is six bytes with no character ending at the fourth.)
        if compact.len() == 6 && compact.bytes().take(4).all(|b| b.is_ascii_digit()) {
            let year = read_year(&compact[..4]).ok_or_else(expected)?;
            let n = compact.as_bytes()[5].wrapping_sub(b'0');
            let (kind, first, last) = match (compact.as_bytes()[4], n) {
                (b'Q', 1..=4) => (
                    PeriodKind::Quarter(n),
                    3 * u32::from(n) - 2,
                    3 * u32::from(n),
                ),
                (b'H', 1..=2) => (PeriodKind::Half(n), 6 * u32::from(n) - 5, 6 * u32::from(n)),
                // 2024-13: a month, mistyped; not a period of another kind.
                _ if compact.bytes().all(|b| b.is_ascii_digit()) => {
                    return month_period(text).ok_or_else(|| not_a_month(text));
                }
                _ => return month_period(text).ok_or_else(expected),
            };
            return Ok(Period {
                kind,
                start: YearMonth::new(year, first).ok_or_else(expected)?,
                end: YearMonth::new(year, last).ok_or_else(expected)?,
            });
        }
        match parse_month(text) {
            Ok(Some(m)) => Ok(Period::month(m)),
            // (A month's form, with a day, month or year out of range: 2024年13月.)
            Err(e) if e == NOT_A_DATE => Err(format!(
                "\"{shown}\" {e} (expected a month, e.g. 2024-06, or a day of it, 2024-06-15)"
            )),
            // (A date serial pasted from a spreadsheet, 45444: the date it may be, and the month
            // to give, not the column's format to change.)
            Err(_) if let Some(date) = date_of_serial(text) => Err(format!(
                "\"{shown}\" is not a month: it may be the date {date}, as a spreadsheet keeps \
                 dates, a number (expected the month itself, e.g. {})",
                date.format("%Y-%m")
            )),
            // (A date with its year last that may be either of two months: both named.)
            Err(e) if e.starts_with("is not a month: ") => Err(format!("\"{shown}\" {e}")),
            // (A quarter or a half of no year, `Q2`, `二季度`, `上半年`: its year is asked for,
            // with the forms to write it in.)
            Ok(None) | Err(_) if !month_asked && let Some(forms) = period_asked_alone(text) => {
                Err(format!("\"{shown}\" gives no year (expected {forms})"))
            }
            Err(e) if e != NOT_A_MONTH => Err(not_a_month(text)),
            _ => Err(expected()),
        }
    }

    /// `parse` of what `--period` asks for, where a range of months is the period it runs over
    /// (2024年1-6月 is 2024-H1); one that is no quarter, half or year is still refused.
    pub fn parse_period(text: &str) -> Result<Period, String> {
        match range_months(text).and_then(|(first, last)| Period::of_range(first, last)) {
            Some(period) => Ok(period),
            None => Period::parse(text),
        }
    }

    /// The quarter, half-year or year that runs from `first` to `last`, if one does.
    fn of_range(first: YearMonth, last: YearMonth) -> Option<Period> {
        let (months, end) = (first.months_until(last) + 1, last.month());
        let kind = match months {
            3 if end % 3 == 0 => PeriodKind::Quarter((end / 3) as u8),
            6 if end % 6 == 0 => PeriodKind::Half((end / 6) as u8),
            12 if end == 12 => PeriodKind::Year,
            _ => return None,
        };
        Some(Period {
            kind,
            start: first,
            end: last,
        })
    }

    pub fn is_month(&self) -> bool {
        self.kind == PeriodKind::Month
    }

    /// What kind of period it is, in words: `a quarter`.
    pub fn kind_in_words(&self) -> &'static str {
        match self.kind {
            PeriodKind::Month => "a month",
            PeriodKind::Quarter(_) => "a quarter",
            PeriodKind::Half(_) => "a half-year",
            PeriodKind::Year => "a year",
        }
    }

    /// The period as a Chinese bulletin names it: `2024年第二季度`, `2024年上半年`,
    /// `2024年下半年`, `2024年度` (each a form `parse` reads back); a month as it is always
    /// shown, `2024-06`, a month's bulletin being titled so.
    pub fn chinese_name(&self) -> String {
        let year = self.end.year();
        match self.kind {
            PeriodKind::Month => self.end.to_string(),
            PeriodKind::Quarter(q) => {
                let n = match q {
                    1 => "一",
                    2 => "二",
                    3 => "三",
                    _ => "四",
                };
                format!("{year}年第{n}季度")
            }
            PeriodKind::Half(1) => format!("{year}年上半年"),
            PeriodKind::Half(_) => format!("{year}年下半年"),
            PeriodKind::Year => format!("{year}年度"),
        }
    }

    /// The period before this one, of the same kind, for rank changes.
    pub fn previous(&self) -> Option<Period> {
        let len = self.start.months_until(self.end) + 1;
        let mut start = self.start;
        let mut end = self.end;
        for _ in 0..len {
            start = start.prev()?;
            end = end.prev()?;
        }
        let kind = match self.kind {
            PeriodKind::Quarter(_) => PeriodKind::Quarter(end.month().div_ceil(3) as u8),
            PeriodKind::Half(_) => PeriodKind::Half(end.month().div_ceil(6) as u8),
            other => other,
        };
        Some(Period { kind, start, end })
    }
}

/// What is said of month `m` given with no year: `gives no year (expected … 2024-06 …)`.
pub fn gives_no_year(m: u32) -> String {
    format!("gives no year (expected the year and month, e.g. 2024-{m:02} or 2024年{m}月)")
}

/// Of a quarter, half-year or year given with no year on the command line (`Q2`, `二季度`,
/// `上半年`, `H1`, `全年`): what is expected, its forms with a year, `the quarter with its year,
/// e.g. 2024-Q2 or 2024年二季度` (the second as it was written).
pub fn period_asked_alone(text: &str) -> Option<String> {
    let plain = crate::load::value::without_spaces(text).to_uppercase();
    // (Read as a bulletin names it after a year: a year in `text` makes it no period.)
    let period = chinese_period(&format!("2024年{plain}"))?;
    let what = match period.kind {
        PeriodKind::Year => "the year",
        PeriodKind::Half(_) => "the half-year with its year",
        _ => "the quarter with its year",
    };
    Some(format!("{what}, e.g. {period} or 2024年{plain}"))
}

/// The month of a month given with no year on the command line, `6月` or `6`.
pub fn month_asked_alone(text: &str) -> Option<u32> {
    crate::load::value::bare_month(text).or_else(|| {
        let t = text.trim();
        (t.len() <= 2)
            .then(|| t.parse().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    })
}

/// The message for `text` written as a month, with a month or year out of range (`2024-13`);
/// the form expected where the form is wrong (`2024_06`, `2024 06`).
fn not_a_month(text: &str) -> String {
    let shown = text.escape_debug();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let in_range = digits.len() == 6
        && digits[..4]
            .parse()
            .is_ok_and(|y: i32| crate::model::READ_YEARS.contains(&y))
        && digits[4..]
            .parse()
            .is_ok_and(|m: u32| (1..=12).contains(&m));
    if in_range {
        format!("\"{shown}\" is not a month (expected 2024-06, 2024/6, 202406 or 2024年6月)")
    } else {
        format!(
            "\"{shown}\" is not a month (months are 01 to 12, years {FIRST_YEAR} to {LAST_YEAR})"
        )
    }
}

/// A period as a Chinese bulletin names it: `2024年第二季度` (二季度, 第2季度, 2季度),
/// `2024年上半年`, `2024年下半年`, `2024年度`, `2024年全年`; and a quarter or a half in short
/// after the year's 年, `2024年Q2` or `2024年H1`, as a form mixing the two writes it.
fn chinese_period(text: &str) -> Option<Period> {
    let plain = crate::load::value::without_spaces(text);
    let digits = plain.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let year = read_year(&plain[..4])?;
    let said = plain[4..].strip_prefix('年').unwrap_or(&plain[4..]);
    let (kind, first, last) = match said {
        "度" | "全年" | "全年度" => (PeriodKind::Year, 1, 12),
        "上半年" => (PeriodKind::Half(1), 1, 6),
        "下半年" => (PeriodKind::Half(2), 7, 12),
        // (Q2 or H1: the short form, as `2024Q2` is read without the 年.)
        _ if let [letter, digit] = said.as_bytes() => {
            let n = digit.wrapping_sub(b'0');
            match (letter.to_ascii_uppercase(), n) {
                (b'Q', 1..=4) => (
                    PeriodKind::Quarter(n),
                    3 * u32::from(n) - 2,
                    3 * u32::from(n),
                ),
                (b'H', 1..=2) => (PeriodKind::Half(n), 6 * u32::from(n) - 5, 6 * u32::from(n)),
                _ => return None,
            }
        }
        _ => {
            let quarter = said.strip_prefix('第').unwrap_or(said);
            let quarter = (quarter.strip_suffix("季度")).or_else(|| quarter.strip_suffix('季'))?;
            let n: u8 = match quarter {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                "四" | "4" => 4,
                _ => return None,
            };
            (
                PeriodKind::Quarter(n),
                3 * u32::from(n) - 2,
                3 * u32::from(n),
            )
        }
    };
    Some(Period {
        kind,
        start: YearMonth::new(year, first)?,
        end: YearMonth::new(year, last)?,
    })
}

/// A year of a period, of those months are read in (1990 to 2100, as of `--month`): a year
/// mistyped, 2204, is no bulletin of nothing.
fn read_year(digits: &str) -> Option<i32> {
    (digits.parse().ok()).filter(|y| crate::model::READ_YEARS.contains(y))
}

fn month_period(text: &str) -> Option<Period> {
    parse_month(text).ok().flatten().map(Period::month)
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Month => write!(f, "{}", self.end),
            PeriodKind::Quarter(q) => write!(f, "{}-Q{q}", self.end.year()),
            PeriodKind::Half(h) => write!(f, "{}-H{h}", self.end.year()),
            PeriodKind::Year => write!(f, "{}", self.end.year()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let cases = [
            ("2024-Q2", "2024-04", "2024-06", "2024-Q2"),
            ("2024q4", "2024-10", "2024-12", "2024-Q4"),
            ("2024-H1", "2024-01", "2024-06", "2024-H1"),
            ("2024-H2", "2024-07", "2024-12", "2024-H2"),
            ("2024", "2024-01", "2024-12", "2024"),
            ("2024-06", "2024-06", "2024-06", "2024-06"),
            ("2024年6月", "2024-06", "2024-06", "2024-06"),
            ("2024年第二季度", "2024-04", "2024-06", "2024-Q2"),
            ("2024年一季度", "2024-01", "2024-03", "2024-Q1"),
            ("２０２４年第４季度", "2024-10", "2024-12", "2024-Q4"),
            ("2024 年 3季", "2024-07", "2024-09", "2024-Q3"),
            ("2024年上半年", "2024-01", "2024-06", "2024-H1"),
            ("2024下半年", "2024-07", "2024-12", "2024-H2"),
            ("2024年度", "2024-01", "2024-12", "2024"),
            ("2024年全年", "2024-01", "2024-12", "2024"),
            ("2024年Q2", "2024-04", "2024-06", "2024-Q2"),
            ("２０２４年ｑ３", "2024-07", "2024-09", "2024-Q3"),
            ("2024年H1", "2024-01", "2024-06", "2024-H1"),
        ];
        for (text, start, end, shown) in cases {
            let p = Period::parse(text).unwrap();
            assert_eq!(
                (p.start.to_string(), p.end.to_string(), p.to_string()),
                (start.to_string(), end.to_string(), shown.to_string()),
                "{text}"
            );
        }
        for bad in [
            "2024-Q5",
            "2024-H3",
            "Q2",
            "2024-13",
            "soon",
            "六月",
            "６月",
            "①②",
            "2024六",
            "2024年第五季度",
            "1900",
            "2101",
            "1989-Q1",
            "2200-H2",
            "2204年全年",
            "1900年上半年",
            "2024年中",
            "1899年度",
            "2024年二",
            "二季度",
            "2024年Q5",
            "2024年H3",
            "2024年Q",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_range_of_months_asked_for_as_a_period_is_that_period() {
        // `--period 2024年1-6月` was refused, saying "or the period 2024-H1".
        for (text, period) in [
            ("2024年1-6月", "2024-H1"),
            ("2023年4月至6月", "2023-Q2"),
            ("2024年1-12月", "2024"),
            ("2024年1-6", "2024-H1"),
            ("2024年7-9", "2024-Q3"),
            // (Each was January's, or April's, bulletin.)
            ("2024.1-6", "2024-H1"),
            ("2024/4-6", "2024-Q2"),
            ("2024.04-06", "2024-Q2"),
        ] {
            assert_eq!(Period::parse_period(text).unwrap().to_string(), period);
        }
        // Asked for as a month, a range of months is refused, naming the month it runs to.
        assert!(
            Period::parse_for_month("2024.1-6")
                .unwrap_err()
                .contains("is a range of months: give the month it runs to (2024-06)")
        );
        // A date is no range.
        assert_eq!(
            Period::parse_period("2024-1-6").unwrap().to_string(),
            "2024-01"
        );
        assert!(
            Period::parse_period("2024年2-5月")
                .unwrap_err()
                .contains("or a period")
        );
        assert_eq!(
            Period::parse_period("2024-06").unwrap().to_string(),
            "2024-06"
        );
    }

    #[test]
    fn a_mistyped_month_is_named_as_one_and_control_characters_are_escaped() {
        for (text, message) in [
            (
                "2024-13",
                "\"2024-13\" is not a month (months are 01 to 12, years 1990 to 2100)",
            ),
            (
                "202400",
                "\"202400\" is not a month (months are 01 to 12, years 1990 to 2100)",
            ),
            (
                "2024年13月",
                "\"2024年13月\" is not a month (months are 01 to 12, years 1990 to 2100)",
            ),
            (
                "2024-02-30",
                "\"2024-02-30\" is not a date (expected a month, e.g. 2024-06, or a day of it, \
                 2024-06-15)",
            ),
            (
                "2024年6-1月",
                "\"2024年6-1月\" is a range of months running backwards, 2024-06 to 2024-01 \
                 (expected the earlier month first)",
            ),
            (
                "6月",
                "\"6月\" gives no year (expected the year and month, e.g. 2024-06 or 2024年6月)",
            ),
            (
                "12",
                "\"12\" gives no year (expected the year and month, e.g. 2024-12 or 2024年12月)",
            ),
            (
                "Q2",
                "\"Q2\" gives no year (expected the quarter with its year, e.g. 2024-Q2 or \
                 2024年Q2)",
            ),
            (
                "第三季度",
                "\"第三季度\" gives no year (expected the quarter with its year, e.g. 2024-Q3 or \
                 2024年第三季度)",
            ),
            (
                "下半年",
                "\"下半年\" gives no year (expected the half-year with its year, e.g. 2024-H2 or \
                 2024年下半年)",
            ),
            (
                "全年",
                "\"全年\" gives no year (expected the year, e.g. 2024 or 2024年全年)",
            ),
            (
                "2024_06",
                "\"2024_06\" is not a month (expected 2024-06, 2024/6, 202406 or 2024年6月)",
            ),
            (
                "2024 06",
                "\"2024 06\" is not a month (expected 2024-06, 2024/6, 202406 or 2024年6月)",
            ),
            (
                "2024年1-6月",
                "\"2024年1-6月\" is a range of months: give the month it runs to (2024-06) for the \
                 bulletin to it, or the period 2024-H1",
            ),
            (
                "2023年4月至6月",
                "\"2023年4月至6月\" is a range of months: give the month it runs to (2023-06) for \
                 the bulletin to it, or the period 2023-Q2",
            ),
            (
                "2024年1-12月",
                "\"2024年1-12月\" is a range of months: give the month it runs to (2024-12) for \
                 the bulletin to it, or the period 2024",
            ),
            (
                "2024年2-5月",
                "\"2024年2-5月\" is a range of months: give the month it runs to (2024-05) for \
                 the bulletin to it, or a period (a quarter, 2024-Q2; a half, 2024-H1; a year, \
                 2024)",
            ),
            (
                "2024-06 2024-07",
                "\"2024-06 2024-07\" is not a period (expected 2024-06, 2024-Q2, 2024-H1 or 2024, \
                 in the years 1990 to 2100)",
            ),
            (
                "2024-Q5",
                "\"2024-Q5\" is not a period (expected 2024-06, 2024-Q2, 2024-H1 or 2024, in the \
                 years 1990 to 2100)",
            ),
            (
                "\u{1b}[2J",
                "\"\\u{1b}[2J\" is not a period (expected 2024-06, 2024-Q2, 2024-H1 or 2024, in \
                 the years 1990 to 2100)",
            ),
        ] {
            assert_eq!(Period::parse(text).unwrap_err(), message, "{text}");
        }
    }

    proptest::proptest! {
        // (A month typed in Chinese, 六月, cut a character in two: a panic.)
        #[test]
        fn any_text_is_a_period_or_a_message(text in "\\PC{0,12}") {
            let _ = Period::parse(&text);
        }
    }

    #[test]
    fn chinese_names_read_back_as_their_periods() {
        for (text, name) in [
            ("2024-Q1", "2024年第一季度"),
            ("2024-Q2", "2024年第二季度"),
            ("2024年7-9月", "2024年第三季度"),
            ("2024q4", "2024年第四季度"),
            ("2024-H1", "2024年上半年"),
            ("2024-H2", "2024年下半年"),
            ("2024", "2024年度"),
            ("2024-06", "2024-06"),
        ] {
            let period = Period::parse_period(text).unwrap();
            assert_eq!(period.chinese_name(), name, "{text}");
            assert_eq!(Period::parse(name).unwrap(), period, "{name}");
        }
    }

    #[test]
    fn previous_periods() {
        let p = Period::parse("2024-Q1").unwrap().previous().unwrap();
        assert_eq!(p.to_string(), "2023-Q4");
        let p = Period::parse("2024-Q3").unwrap().previous().unwrap();
        assert_eq!(
            (p.to_string(), p.start.to_string()),
            ("2024-Q2".into(), "2024-04".into())
        );
        let p = Period::parse("2024-H2").unwrap().previous().unwrap();
        assert_eq!(p.to_string(), "2024-H1");
        let p = Period::parse("2024-06").unwrap().previous().unwrap();
        assert_eq!(p.to_string(), "2024-05");
    }
}
