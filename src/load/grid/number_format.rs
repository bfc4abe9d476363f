//! The spreadsheet number formats whose numbers xmtool reads as the text a cell shows, as a CSV
//! file saved from the workbook would hold it: a unit after the number (`0.00"亿元"`), a number
//! divided by a point or thousands of the format's own (`0!.0000`, `#,##0,`), codes padded with
//! zeros (`000`), percents (`0.0%`), and sections chosen by conditions. A number in any other
//! format is read as General shows it.

use rust_decimal::{Decimal, RoundingStrategy};

use super::number_text;
use crate::load::value;

/// A number format whose numbers xmtool reads as the text the cell shows, as a CSV file saved
/// from the workbook would hold it. (Other formats show numbers as General does, for what
/// xmtool reads: amounts and months are read as numbers.)
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shown {
    Unit(Unit),
    Scaled(Scaled),
    Padded(Padded),
    Percent(Percent),
    Conditional(Conditional),
}

impl Shown {
    fn of(code: &str) -> Option<Shown> {
        Conditional::of(code)
            .map(Shown::Conditional)
            .or_else(|| Unit::of(code).map(Shown::Unit))
            .or_else(|| Scaled::of(code).map(Shown::Scaled))
            .or_else(|| Padded::of(code).map(Shown::Padded))
            .or_else(|| Percent::of(code).map(Shown::Percent))
    }

    /// A cell's value as `format` shows it, where it shows a number as text.
    pub(super) fn shown<'a>(
        format: Option<&Shown>,
        value: calamine::DataRef<'a>,
    ) -> calamine::DataRef<'a> {
        let n = match value {
            calamine::DataRef::Float(n) => n,
            calamine::DataRef::Int(n) => n as f64,
            _ => return value,
        };
        match format.and_then(|format| format.show(n)) {
            Some(text) => calamine::DataRef::String(text),
            None => value,
        }
    }

    /// `n` as the format shows it, where it shows it as text (`None`: the number held).
    fn show(&self, n: f64) -> Option<String> {
        match self {
            Shown::Unit(u) => Some(u.show(n)),
            Shown::Scaled(s) => s.show(n),
            Shown::Padded(p) => p.show(n),
            Shown::Percent(p) => p.show(n),
            Shown::Conditional(c) => c.show(n),
        }
    }
}

/// A format whose sections are chosen by conditions, `[>=10000]0!.0,"万";0"元"` (12.3万 for
/// 123456, 5000元 for 5000) or `[<1]0%;0.00`: each number reads as the section it meets shows
/// it, the first whose condition it meets, or the first with none.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Conditional {
    /// Each section's condition, where it has one, and its format, where it shows numbers as
    /// text.
    sections: Vec<(Option<Condition>, Option<Shown>)>,
}

/// A section's condition: `[>=10000]` is `(Op::Ge, 10000.0)`.
type Condition = (Op, f64);

/// The comparison of a condition.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Op {
    /// Each as a format writes it, those of two characters first: `<=` is no `<`.
    const WRITTEN: [(&'static str, Op); 6] = [
        ("<>", Op::Ne),
        (">=", Op::Ge),
        ("<=", Op::Le),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ];

    fn holds(self, n: f64, x: f64) -> bool {
        match self {
            Op::Ne => n != x,
            Op::Ge => n >= x,
            Op::Le => n <= x,
            Op::Gt => n > x,
            Op::Lt => n < x,
            Op::Eq => n == x,
        }
    }
}

impl Conditional {
    /// The format of a code, if its first section has a condition.
    fn of(code: &str) -> Option<Conditional> {
        let sections: Vec<_> = code
            .split(';')
            .take(3)
            .map(Conditional::condition)
            .collect();
        // (Looked for first: a section without its condition is no conditional format.)
        sections.first()?.0?;
        let sections = (sections.into_iter())
            .map(|(condition, rest)| (condition, Shown::of(&rest)))
            .collect();
        Some(Conditional { sections })
    }

    /// A section's condition among its brackets, and the section without it.
    fn condition(section: &str) -> (Option<Condition>, String) {
        let mut rest = section;
        let mut kept = String::new();
        let mut condition = None;
        while let Some(inside) = rest.strip_prefix('[') {
            let Some((bracket, after)) = inside.split_once(']') else {
                break;
            };
            let op = (Op::WRITTEN.into_iter()).find(|(written, _)| bracket.starts_with(written));
            match op
                .and_then(|(written, op)| Some((op, bracket[written.len()..].trim().parse().ok()?)))
            {
                Some(c) if condition.is_none() => condition = Some(c),
                _ => kept.push_str(&format!("[{bracket}]")),
            }
            rest = after;
        }
        // (A section's own minus sign, `[<0]-0"亿"`, is the number's: it is shown with it.)
        let rest = match condition {
            Some(_) => rest.strip_prefix('-').unwrap_or(rest),
            None => rest,
        };
        kept.push_str(rest);
        (condition, kept)
    }

    fn show(&self, n: f64) -> Option<String> {
        let meets = |&(op, x): &Condition| op.holds(n, x);
        let (_, shown) = (self.sections.iter()).find(|(c, _)| c.as_ref().is_none_or(meets))?;
        shown.as_ref()?.show(n)
    }
}

/// A custom number format that shows a unit after the number: `0"亿"`, `0.00"亿元"`,
/// `#,##0"元"`, `0"%"` (a literal percent sign: 12 shows as `12%`). The cell reads as it shows,
/// the number held with its unit, `3亿`, as a CSV file saved from the workbook holds it: an
/// amount of 3 shown as 3亿 is 30000 万元, not 3. (The places the format shows are not applied,
/// as for other formats of decimals: 3.256 in `0.00"亿元"` is `3.256亿元`.)
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Unit {
    unit: &'static str,
}

impl Unit {
    /// The unit of `text`, if it is one a cell's text may carry (`value::UNITS`), or a
    /// percent sign where `percent` allows one.
    fn named(text: &str, percent: bool) -> Option<&'static str> {
        let units = value::UNITS.iter().map(|&(unit, ..)| unit);
        (units.chain(percent.then_some("%"))).find(|&unit| unit == text)
    }

    /// The format of a code (its first section), if it shows a number followed by a unit.
    fn of(code: &str) -> Option<Unit> {
        let first = plain_section(code.split(';').next()?)?;
        // (A fill, `* ` in an accounting format, shows no character of its own.)
        let first = match first.trim_start().strip_prefix('*') {
            Some(fill) => fill.get(fill.chars().next()?.len_utf8()..)?.trim_start(),
            None => first.trim_start(),
        };
        // General, as Excel (and WPS, `G/通用格式`) names it: the number as it is.
        let general = ["general", "g/通用格式"].into_iter().find_map(|name| {
            let head = first.get(..name.len())?;
            head.eq_ignore_ascii_case(name)
                .then(|| &first[name.len()..])
        });
        let (number, rest) = match general {
            Some(rest) => ("0", rest),
            None => first.split_at(
                first
                    .find(|c: char| !matches!(c, '0' | '#' | '?' | ',' | '.'))
                    .unwrap_or(first.len()),
            ),
        };
        // (A comma last divides by a thousand: `0.0,"万"` shows 12345 as 12.3万.)
        if !number.contains(['0', '#', '?']) || number.ends_with(',') {
            return None;
        }
        let unit = Unit::named(literal_text(rest)?.trim(), true)?;
        Some(Unit { unit })
    }

    /// `n` as the cell reads: the number held, then the unit.
    fn show(&self, n: f64) -> String {
        format!("{}{}", number_text(n), self.unit)
    }
}

/// A custom number format that shows a number divided by a power of ten: by a point of its
/// own, the digits after it the number's last (`0!.0000`, `0"."0000`, `0\.0000`: 123456 shows
/// as 12.3456, 元 held and 万元 shown), and by a thousand for each comma after the digits, with
/// a point of the number's own or none (`#,##0,`: 5000000 shows as 5,000; `0!.0,"万"`: 123456
/// as 12.3万), a unit after it or none. The cell reads as the number shown, in full (not
/// rounded to the places shown, as for `Unit`), with its unit: a CSV file saved from the
/// workbook holds 12.3456, and the number held, read as 万元, is 10,000 times it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Scaled {
    /// The power of ten the number held is divided by.
    places: u32,
    unit: &'static str,
}

impl Scaled {
    /// The format of a code (its first section), if it shows a number so.
    fn of(code: &str) -> Option<Scaled> {
        let first = plain_section(code.split(';').next()?)?;
        let first = first.trim();
        let digits = |t: &str| t.find(|c| !matches!(c, '0' | '#' | '?')).unwrap_or(t.len());
        // The whole digits, with commas grouping them, or after them dividing by a thousand.
        let whole = first
            .find(|c| !matches!(c, '0' | '#' | '?' | ','))
            .unwrap_or(first.len());
        let (whole, mut rest) = first.split_at(whole);
        if !whole.contains(['0', '#', '?']) {
            return None;
        }
        let mut thousands = whole.len() - whole.trim_end_matches(',').len();
        // The number's own point, or a literal one, the digits after it the number's last.
        let mut literal = 0;
        if let Some(after) = rest.strip_prefix('.') {
            rest = &after[digits(after)..];
        } else if let Some(after) = ["!.", "\\.", "\".\""]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        {
            literal = digits(after);
            rest = &after[literal..];
            if literal == 0 {
                return None;
            }
        }
        let commas = rest.len() - rest.trim_start_matches(',').len();
        thousands += commas;
        let places = u32::try_from(literal + 3 * thousands).ok()?;
        if places == 0 {
            return None;
        }
        let unit = match literal_text(&rest[commas..])?.trim() {
            "" => "",
            after => Unit::named(after, false)?,
        };
        Some(Scaled { places, unit })
    }

    /// `n` as the cell reads: the number shown, in full and with every place the division
    /// gives, then the unit. `None` for a number with too many places to divide so (beyond a
    /// decimal's 28).
    fn show(&self, n: f64) -> Option<String> {
        let mut value: Decimal = number_text(n).parse().ok()?;
        value
            .set_scale(value.scale().checked_add(self.places)?)
            .ok()?;
        // (With the places shown, as a month's 2024.10 is October's, not 2024.1.)
        Some(format!("{value}{}", self.unit))
    }
}

/// The text after a format's digits, where it is literal text alone: quoted, escaped, or
/// characters not ASCII (`"万元"`, `\亿`, `万元`), spaces left out. `None` for anything else.
fn literal_text(rest: &str) -> Option<String> {
    let mut after = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => after.extend(chars.by_ref().take_while(|&c| c != '"')),
            '\\' => after.push(chars.next()?),
            ' ' => {}
            c if !c.is_ascii() => after.push(c),
            _ => return None,
        }
    }
    Some(after)
}

/// A custom number format that shows a whole number padded with zeros, with text around it or
/// between groups of its digits or not: `000`, `"XM"0000`, `\P000`, `0000"号"`, `0000"-"0000`.
/// A code a clerk typed as `001` in a cell of General format would lose its zeros, and
/// formatting the column so is how Excel keeps them in sight: the code is the text shown, not
/// the number held.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Padded {
    before: String,
    /// The zeros among the placeholders: the digits shown at the least.
    digits: usize,
    /// Each group of placeholders (how many) and the text after it: `0000"-"0000` is 4 and
    /// `-`, then 4 and nothing.
    groups: Vec<(usize, String)>,
    /// Whether zero is shown so too (a format of three sections gives it its own).
    zero: bool,
}

impl Padded {
    /// The format of a code (its first section, for numbers above zero), if it is one.
    fn of(code: &str) -> Option<Padded> {
        let mut sections = code.split(';');
        let first = sections.next()?;
        let mut padded = Padded {
            before: String::new(),
            digits: 0,
            groups: Vec::new(),
            zero: sections.nth(1).is_none(),
        };
        let mut zeros = 0;
        let mut chars = first.chars();
        while let Some(c) = chars.next() {
            let literal = match c {
                '0' | '#' => {
                    // (Text between placeholders begins another group: `0000"-"0000`.)
                    if padded
                        .groups
                        .last()
                        .is_none_or(|(_, text)| !text.is_empty())
                    {
                        padded.groups.push((0, String::new()));
                    }
                    if let Some((count, _)) = padded.groups.last_mut() {
                        *count += 1;
                    }
                    zeros += usize::from(c == '0');
                    continue;
                }
                '"' => {
                    let text: String = chars.by_ref().take_while(|&c| c != '"').collect();
                    text
                }
                '\\' => chars.next()?.to_string(),
                '$' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{'
                | '}' | '<' | '>' | '=' | ' ' => c.to_string(),
                // Decimals, thousands, percent, dates, colours, conditions, text: not a code.
                _ => return None,
            };
            match padded.groups.last_mut() {
                None => padded.before.push_str(&literal),
                Some((_, text)) => text.push_str(&literal),
            }
        }
        padded.digits = zeros;
        // (Spaces alone between groups may group thousands, as some locales write them: `0 000`.)
        let split_by_spaces =
            (padded.groups.iter().rev().skip(1)).any(|(_, text)| text.trim().is_empty());
        (zeros >= 2 && !split_by_spaces).then_some(padded)
    }

    /// `n` as the format shows it, if it is a whole number from 1 up, or zero where the format
    /// shows zero so too, that the format shows in full.
    fn show(&self, n: f64) -> Option<String> {
        let shown = (1.0..1e15).contains(&n) || n == 0.0 && self.zero;
        if !(shown && n.fract() == 0.0) {
            return None;
        }
        let width = self.digits;
        let digits = format!("{:0width$}", n as u64);
        // The groups take their digits from the last; the first takes those left, however many.
        let mut left = digits.as_str();
        let mut parts = Vec::with_capacity(self.groups.len());
        for (i, (count, text)) in self.groups.iter().enumerate().rev() {
            let take = if i == 0 {
                left.len()
            } else {
                (*count).min(left.len())
            };
            let (rest, taken) = left.split_at(left.len() - take);
            parts.push((taken, text));
            left = rest;
        }
        let mut shown = self.before.clone();
        for (taken, text) in parts.into_iter().rev() {
            shown.push_str(taken);
            shown.push_str(text);
        }
        Some(shown)
    }
}

/// A percent format, `0%`, `0.00%` or `#,##0.0%`: what Excel gives a cell typed `85%`, which it
/// holds as 0.85. The text shown, `85%`, is what the clerk wrote (in 形象进度, say), and what a
/// CSV file saved from the workbook holds. A format's sections for numbers below zero and for
/// zero are read too, where they show a percent or (zero's) text alone: `0.0%;[Red]-0.0%`,
/// `0%;-0%;"-"`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Percent {
    positive: Digits,
    /// Below zero: whether its minus sign is shown, and how.
    negative: (bool, Digits),
    zero: Zero,
}

/// How a percent's digits are shown.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Digits {
    /// Places after the point.
    decimals: u32,
    /// Whole digits shown at the least (`00%` shows 5% as `05%`).
    least: usize,
    thousands: bool,
}

/// How zero is shown: as a percent, or as text (`"-"`, or nothing).
#[derive(Clone, Debug, PartialEq)]
enum Zero {
    Percent(Digits),
    Text(String),
}

impl Percent {
    /// The format of a code, if it is a percent format.
    fn of(code: &str) -> Option<Percent> {
        let mut sections = code.split(';').map(plain_section);
        let positive = Digits::of(&sections.next()??)?;
        let negative = match sections.next() {
            None => (true, positive),
            Some(negative) => {
                let negative = negative?;
                match negative.strip_prefix('-') {
                    Some(rest) => (true, Digits::of(rest)?),
                    None => (false, Digits::of(&negative)?),
                }
            }
        };
        let zero = match sections.next() {
            None => Zero::Percent(positive),
            Some(zero) => {
                let zero = zero?;
                match Digits::of(&zero) {
                    Some(digits) => Zero::Percent(digits),
                    None => Zero::Text(literal(&zero)?),
                }
            }
        };
        Some(Percent {
            positive,
            negative,
            zero,
        })
    }

    /// `n` as the format shows it: a hundred times it, rounded half away from zero to the
    /// section's places, as Excel rounds what it shows (of its 15 significant digits, so 0.855
    /// shows 86%), and with its minus sign even where that rounds to zero (`-0%`), as Excel
    /// shows it. `None` for a number too large to show so.
    fn show(&self, n: f64) -> Option<String> {
        let value: Decimal = number_text(n).parse().ok()?;
        let (sign, digits) = if value.is_zero() {
            match &self.zero {
                Zero::Text(text) => return Some(text.clone()),
                Zero::Percent(digits) => ("", *digits),
            }
        } else if value.is_sign_negative() {
            (if self.negative.0 { "-" } else { "" }, self.negative.1)
        } else {
            ("", self.positive)
        };
        Some(format!("{sign}{}%", digits.show(value.abs())?))
    }
}

impl Digits {
    /// A section's digits (a section with no condition, colour nor spacing left in it), if it
    /// shows a number as a percent, as Excel's percent formats do.
    fn of(section: &str) -> Option<Digits> {
        let number = section.strip_suffix('%')?;
        let (whole, decimals) = match number.split_once('.') {
            // (`0.%` shows the point alone.)
            Some((_, "")) => return None,
            Some((whole, decimals)) => (whole, decimals),
            None => (number, ""),
        };
        // (A comma last divides by a thousand: `0,%`.)
        let whole_ok = whole.bytes().any(|b| matches!(b, b'0' | b'#'))
            && whole.bytes().all(|b| matches!(b, b'0' | b'#' | b','))
            && !whole.ends_with(',');
        if !whole_ok || decimals.bytes().any(|b| b != b'0') || decimals.len() > 10 {
            return None;
        }
        Some(Digits {
            decimals: decimals.len() as u32,
            least: whole.bytes().filter(|&b| b == b'0').count(),
            thousands: whole.contains(','),
        })
    }

    /// A hundred times `value` (not below zero), in these digits.
    fn show(self, value: Decimal) -> Option<String> {
        let shown = value
            .checked_mul(Decimal::ONE_HUNDRED)?
            .round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        let places = self.decimals as usize;
        let text = format!("{shown:.places$}");
        let (whole, after) = text.split_at(text.find('.').unwrap_or(text.len()));
        let whole = match whole.trim_start_matches('0') {
            digits if digits.len() >= self.least => digits.to_string(),
            digits => format!("{digits:0>width$}", width = self.least),
        };
        Some(match self.thousands {
            true => format!("{}{after}", crate::render::format::grouped_digits(&whole)),
            false => format!("{whole}{after}"),
        })
    }
}

/// A section of a code without what changes no character shown: a colour (`[Red]`,
/// `[Color10]`), a locale with no currency sign (`[$-804]`), spaces the width of a character
/// (`_)`); and without Chinese numerals (`[DBNum1]` to `[DBNum3]`), which show the number held
/// in other characters, 三.二六亿元 for 3.26亿元. `None` for a section with another bracket: a
/// condition (`[<0]`), a currency (`[$¥-804]`).
fn plain_section(section: &str) -> Option<String> {
    const COLOURS: [&str; 16] = [
        "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow",
        // (As Chinese Excel and WPS write them.)
        "黑色", "蓝色", "青色", "绿色", "洋红", "红色", "白色", "黄色",
    ];
    let mut rest = section;
    while let Some(inside) = rest.strip_prefix('[') {
        let (bracket, after) = inside.split_once(']')?;
        let lower = bracket.to_ascii_lowercase();
        let plain = COLOURS.contains(&lower.as_str())
            || lower
                .strip_prefix("color")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            || bracket
                .strip_prefix("$-")
                .is_some_and(|locale| locale.bytes().all(|b| b.is_ascii_hexdigit()))
            || matches!(lower.as_str(), "dbnum1" | "dbnum2" | "dbnum3");
        if !plain {
            return None;
        }
        rest = after;
    }
    let mut plain = String::with_capacity(rest.len());
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '_' => {
                chars.next();
            }
            c => plain.push(c),
        }
    }
    Some(plain)
}

/// The text of a section of literals alone (`"-"`, `\-`, or nothing), if it is one.
fn literal(section: &str) -> Option<String> {
    let mut text = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => text.extend(chars.by_ref().take_while(|&c| c != '"')),
            '\\' => text.push(chars.next()?),
            '-' | ' ' => text.push(c),
            _ => return None,
        }
    }
    Some(text)
}

/// Each style's `Shown` format, by style id, where it has one.
pub(super) fn shown_formats(styles: &[calamine::Style]) -> Vec<Option<Shown>> {
    styles
        .iter()
        .map(|s| Shown::of(&s.number_format.as_ref()?.format_code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_after_the_digits_is_read_with_the_number_held() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Unit(u)) => Some(u.show(n)),
            _ => None,
        };
        assert_eq!(show("0\"亿\"", 3.0).as_deref(), Some("3亿"));
        assert_eq!(show("0.00\"亿元\"", 3.256).as_deref(), Some("3.256亿元"));
        assert_eq!(show("00\"亿元\"", 3.5).as_deref(), Some("3.5亿元"));
        assert_eq!(show("#,##0\"元\"", 5000.0).as_deref(), Some("5000元"));
        assert_eq!(show("0.00 \"万元\"", 0.1).as_deref(), Some("0.1万元"));
        assert_eq!(show("0.0万元", 12.0).as_deref(), Some("12万元"));
        assert_eq!(show("0\\亿", 2.0).as_deref(), Some("2亿"));
        assert_eq!(
            show("[Red]0\"亿\";[Red]-0\"亿\"", -2.0).as_deref(),
            Some("-2亿")
        );
        assert_eq!(show("0\"%\"", 12.0).as_deref(), Some("12%"));
        // General (Excel's and WPS's names), an accounting format's fill and spaces, a colour
        // named in Chinese.
        assert_eq!(show("G/通用格式\"亿元\"", 3.0).as_deref(), Some("3亿元"));
        assert_eq!(show("General\"万元\"", 3.0).as_deref(), Some("3万元"));
        let accounting =
            "_ * #,##0.00\"亿元\"_ ;_ * -#,##0.00\"亿元\"_ ;_ * \"-\"??\"亿元\"_ ;_ @_ ";
        assert_eq!(show(accounting, 2.0).as_deref(), Some("2亿元"));
        assert_eq!(show("#,##0.00_ \"亿元\"", 2.0).as_deref(), Some("2亿元"));
        assert_eq!(show("[红色]0\"亿\"", 4.0).as_deref(), Some("4亿"));
        // Shown in Chinese numerals (三.二六亿元, 伍仟元): the number held, with its unit.
        assert_eq!(
            show("[DBNum1][$-804]0.00\"亿元\"", 3.256).as_deref(),
            Some("3.256亿元")
        );
        assert_eq!(
            show("[DBNum2][$-804]G/通用格式\"元\"", 5000.0).as_deref(),
            Some("5000元")
        );
        assert_eq!(show("[DBNum1]#,##0\"千元\"", 5.0).as_deref(), Some("5千元"));
        // Not units: a code's text, a percent format, a currency, text, a condition, a unit of
        // no amount, thousands divided away (`Scaled`'s).
        for code in [
            "0000\"号\"",
            "0%",
            "\"¥\"0.00",
            "@\"亿\"",
            "[<1]0\"亿\"",
            "0\"亿美元\"",
            "0.0,\"万\"",
            "Generally\"亿\"",
        ] {
            assert_eq!(show(code, 3.0), None, "{code}");
        }
    }

    #[test]
    fn a_literal_point_divides_the_number_held_by_its_places() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Scaled(s)) => s.show(n),
            _ => None,
        };
        assert_eq!(show("0!.0000", 123456.0).as_deref(), Some("12.3456"));
        assert_eq!(show("0\".\"0000", 123456.0).as_deref(), Some("12.3456"));
        assert_eq!(show("0\\.0000", 120000.0).as_deref(), Some("12.0000"));
        assert_eq!(show("#,##0!.0000", 123456.7).as_deref(), Some("12.34567"));
        assert_eq!(show("0!.0,\"万\"", 123456.0).as_deref(), Some("12.3456万"));
        assert_eq!(show("0!.0000\"万元\"", 5.0).as_deref(), Some("0.0005万元"));
        assert_eq!(
            show("0!.00,,\"亿\"", 123456789.0).as_deref(),
            Some("1.23456789亿")
        );
        assert_eq!(
            show("[Red]0!.0000;-0!.0000", -50000.0).as_deref(),
            Some("-5.0000")
        );
        // A comma after the digits divides by a thousand, with the number's own point or none:
        // the thousands shown (`#,##0,` of 元, in a table of 千元), or units it shows them in.
        assert_eq!(show("#,##0,", 5000000.0).as_deref(), Some("5000.000"));
        assert_eq!(show("#,##0.0,", 1234.0).as_deref(), Some("1.234"));
        assert_eq!(show("0.0,\"千\"", 123456.0).as_deref(), Some("123.456千"));
        assert_eq!(show("0.0,\"万\"", 123456.0).as_deref(), Some("123.456万"));
        assert_eq!(
            show("#,##0.00,,\"百万\"", 1234567.891).as_deref(),
            Some("1.234567891百万")
        );
        assert_eq!(show("0.00,,", 2500000.0).as_deref(), Some("2.500000"));
        // A month or a code so shown keeps its places: 2024.10 is October's.
        assert_eq!(show("0000!.00", 202410.0).as_deref(), Some("2024.10"));
        // Not so: a point of the number's own alone, a point with no digits after it, a
        // percent, a unit of no amount.
        for code in [
            "0.0000",
            "#,##0",
            "0.00\"万元\"",
            "0!.",
            "0!.00%",
            "0!.0000\"美元\"",
            "0!.0000\"%\"",
            "!.00",
        ] {
            assert_eq!(Scaled::of(code), None, "{code}");
        }
    }

    #[test]
    fn a_section_chosen_by_its_condition_shows_the_number() {
        let show = |code: &str, n: f64| match Shown::of(code) {
            Some(Shown::Conditional(c)) => c.show(n),
            _ => None,
        };
        let code = "[>=10000]0!.0000\"万元\";0\"元\"";
        assert_eq!(show(code, 123456.0).as_deref(), Some("12.3456万元"));
        assert_eq!(show(code, 5000.0).as_deref(), Some("5000元"));
        let code = "[>=100000000]0!.00,,\"亿\";[>=10000]0!.0,\"万\";0";
        assert_eq!(show(code, 123456789.0).as_deref(), Some("1.23456789亿"));
        assert_eq!(show(code, 123456.0).as_deref(), Some("12.3456万"));
        // (The third section shows the number held.)
        assert_eq!(show(code, 50.0), None);
        assert_eq!(show("[<1]0%;0.00", 0.85).as_deref(), Some("85%"));
        assert_eq!(show("[<1]0%;0.00", 5.0), None);
        // A section's own minus sign is the number's.
        let code = "[>=10000]0!.0000\"万元\";[<0]-0!.0000\"万元\";0\"元\"";
        assert_eq!(show(code, -50000.0).as_deref(), Some("-5.0000万元"));
        assert_eq!(show("[Red][<=-1]0\"亿\";0", -2.0).as_deref(), Some("-2亿"));
        // Not conditional: a first section of none.
        assert_eq!(Conditional::of("0;[<0]0"), None);
        assert_eq!(Conditional::of("[Red]0\"亿\""), None);
    }

    #[test]
    fn codes_padded_with_zeros_show_as_text() {
        let show = |code: &str, n: f64| Padded::of(code).and_then(|p| p.show(n));
        assert_eq!(show("000", 1.0).as_deref(), Some("001"));
        assert_eq!(show("000", 1234.0).as_deref(), Some("1234"));
        assert_eq!(show("#000", 7.0).as_deref(), Some("007"));
        assert_eq!(show("\"XM\"0000", 12.0).as_deref(), Some("XM0012"));
        assert_eq!(show("\\P000", 4.0).as_deref(), Some("P004"));
        assert_eq!(show("0000\"号\"", 5.0).as_deref(), Some("0005号"));
        assert_eq!(show("\"JC2024-\"000", 2.0).as_deref(), Some("JC2024-002"));
        // Text between groups of placeholders: the last groups take their digits first.
        assert_eq!(
            show("0000\"-\"0000", 20240012.0).as_deref(),
            Some("2024-0012")
        );
        assert_eq!(show("0000\\-0000", 12.0).as_deref(), Some("0000-0012"));
        assert_eq!(
            show("0\"-\"00\"-\"00", 1234567.0).as_deref(),
            Some("123-45-67")
        );
        assert_eq!(show("###\"-\"0000", 12.0).as_deref(), Some("-0012"));
        assert_eq!(show("000;-000", 3.0).as_deref(), Some("003"));
        // Not whole, not above zero: as General shows them.
        assert_eq!(show("000", 1.5), None);
        assert_eq!(show("000", 0.0).as_deref(), Some("000"));
        assert_eq!(show("000;-000", 0.0).as_deref(), Some("000"));
        assert_eq!(show("000;-000;\"-\"", 0.0), None);
        assert_eq!(show("000", -1.0), None);
        // Not codes: amounts, percents, dates, thousands, one zero, text.
        for code in [
            "General",
            "0",
            "0.00",
            "#,##0",
            "0%",
            "000.0",
            "yyyy-mm-dd",
            "0\"万元\"",
            "@",
            "[Red]000",
            "00 0",
        ] {
            assert_eq!(Padded::of(code), None, "{code}");
        }
    }

    #[test]
    fn percents_show_as_text() {
        let show = |code: &str, n: f64| Percent::of(code).and_then(|p| p.show(n));
        assert_eq!(show("0%", 0.85).as_deref(), Some("85%"));
        assert_eq!(show("0.00%", 0.85).as_deref(), Some("85.00%"));
        assert_eq!(show("0.0%", 0.1234).as_deref(), Some("12.3%"));
        assert_eq!(show("0%", 1.0).as_deref(), Some("100%"));
        assert_eq!(show("0%", 0.0).as_deref(), Some("0%"));
        // Half away from zero, of what a spreadsheet holds to 15 digits (0.855 is a hair below
        // as a float).
        assert_eq!(show("0%", 0.855).as_deref(), Some("86%"));
        assert_eq!(show("0%", 0.845).as_deref(), Some("85%"));
        assert_eq!(show("0%", -0.125).as_deref(), Some("-13%"));
        // As Excel shows it: the sign of what rounds to zero kept.
        assert_eq!(show("0%", -0.001).as_deref(), Some("-0%"));
        assert_eq!(show("#,##0%", 123.456).as_deref(), Some("12,346%"));
        assert_eq!(show("#,##0.0%", -1234.5).as_deref(), Some("-123,450.0%"));
        assert_eq!(show("00%", 0.05).as_deref(), Some("05%"));
        assert_eq!(show("#%", 0.5).as_deref(), Some("50%"));
        assert_eq!(show("0%", 1e300), None);
        // Sections for below zero and zero, colours and spaces.
        assert_eq!(show("0.0%;[Red]-0.0%", -0.123).as_deref(), Some("-12.3%"));
        assert_eq!(show("0.0%;[Red]0.0%", -0.123).as_deref(), Some("12.3%"));
        assert_eq!(show("0%;-0.0%", -0.123).as_deref(), Some("-12.3%"));
        assert_eq!(show("[Blue]0%_);[Red]-0%_)", 0.5).as_deref(), Some("50%"));
        assert_eq!(
            show("[Color10]0%;[$-804]-0%", -0.5).as_deref(),
            Some("-50%")
        );
        assert_eq!(show("0%;-0%;0%", 0.0).as_deref(), Some("0%"));
        assert_eq!(show("0.0%;-0.0%;0%", 0.0).as_deref(), Some("0%"));
        assert_eq!(show("0%;-0%;\"-\"", 0.0).as_deref(), Some("-"));
        assert_eq!(show("0%;-0%;;@", 0.0).as_deref(), Some(""));
        assert_eq!(show("0%;-0%;\"-\"", 0.25).as_deref(), Some("25%"));
        assert_eq!(show("0%;-0%;\"-\"", -0.001).as_deref(), Some("-0%"));
        for code in [
            "0",
            "%",
            "0.#%",
            "\"完成\"0%",
            "0.00",
            "0%\"\"",
            "[<0.5]0%",
            "0%;(0%)",
            "0%;[Red",
            "0%;-0%;\"零\"0",
            // A thousand's divisor, a point alone, a currency.
            "0,%",
            "#,##0,%",
            "0.%",
            "[$¥-804]0%",
        ] {
            assert_eq!(Percent::of(code), None, "{code}");
        }
        // In Chinese numerals (八十五%): the percent held.
        assert_eq!(show("[DBNum1]0%", 0.85).as_deref(), Some("85%"));
        // Either kind, by its code; other formats are not applied.
        assert!(matches!(Shown::of("0.00%"), Some(Shown::Percent(_))));
        assert!(matches!(Shown::of("000"), Some(Shown::Padded(_))));
        assert_eq!(Shown::of("#,##0.00"), None);
    }
}
