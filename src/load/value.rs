//! Cell values as spreadsheets write them: amounts with separators and units, months in a dozen
//! forms, full-width digits, dashes for nothing.
//!
//! Each parser returns `Ok(None)` for an empty cell, `Ok(Some(_))` for a value, and `Err` with
//! what was expected, so the caller can name the cell in a finding.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::model::{Amount, FIRST_YEAR, LAST_YEAR, YearMonth};

/// Full-width ASCII (０-９, Ａ, －, ．, ，, （ …) and the ideographic space as plain ASCII.
pub fn to_halfwidth(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' | '\u{00A0}' => ' ',
                _ => c,
            })
            .collect(),
    )
}

/// A date's parts written apart, `2024 年 6 月 5 日` (as a folder may be named), written
/// together: spaces between a figure and 年, 月, 日 or 号 dropped.
fn unspaced_dates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(' ') || !text.contains(['年', '月']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let dated = |c: char| matches!(c, '年' | '月' | '日' | '号');
    // The first character after each that is no space (a title may be long: looked for once).
    let mut after = vec![None; chars.len()];
    let mut next = None;
    for (i, &c) in chars.iter().enumerate().rev() {
        after[i] = next;
        if c != ' ' {
            next = Some(c);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    for (&c, after) in chars.iter().zip(after) {
        if c != ' ' {
            before = Some(c);
        } else if let (Some(b), Some(a)) = (before, after)
            && ((b.is_ascii_digit() && dated(a)) || (dated(b) && a.is_ascii_digit()))
        {
            continue;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The numerals of a date written in Chinese as digits, as a clerk may write a header or Excel a
/// date cell formatted so to CSV: a year's four (`二〇二四年` → `2024年`), a month's (`六月`,
/// `十二月`; and a range's first end, `一至六月` → `1至6月`) and a day's after a month
/// (`三十日`). Numerals ending a word stay (第一月, 统一月报, 一月度).
pub fn arabic_dates(text: &str) -> std::borrow::Cow<'_, str> {
    let numeral = |c: char| c == '十' || chinese_digit(c).is_some();
    if text.is_ascii() || !text.contains(numeral) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let run_end = |from: usize| {
        (from..chars.len())
            .find(|&i| !numeral(chars[i]))
            .unwrap_or(chars.len())
    };
    // Whether the numerals from `from` to `end` are before 月, and not ending a word before 月报
    // or 月度 (统一月报), unless after a year (2024年六月报表).
    let ends_month = |from: usize, end: usize| {
        chars.get(end) == Some(&'月')
            && (!matches!(chars.get(end + 1), Some('报' | '度'))
                || from > 0 && chars[from - 1] == '年')
    };
    let month = |from: usize, end: usize| {
        chinese_number(&chars[from..end])
            .filter(|m| (1..=12).contains(m) && !(from > 0 && chars[from - 1] == '第'))
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if !numeral(chars[at]) {
            out.push(chars[at]);
            at += 1;
            continue;
        }
        let end = run_end(at);
        let run = &chars[at..end];
        let after_month = at > 0 && chars[at - 1] == '月';
        let number = match chars.get(end) {
            Some('年') if run.len() == 4 => run
                .iter()
                .try_fold(0, |year, &c| Some(year * 10 + chinese_digit(c)?)),
            Some('月') if ends_month(at, end) => month(at, end),
            Some('日' | '号') if after_month => {
                chinese_number(run).filter(|d| (1..=31).contains(d))
            }
            Some(&c) if range_mark(c) && run_end(end + 1) > end + 1 => {
                month(at, end).filter(|_| ends_month(end + 1, run_end(end + 1)))
            }
            _ => None,
        };
        match number {
            Some(n) => out.push_str(&n.to_string()),
            None => out.extend(run),
        }
        at = end;
    }
    std::borrow::Cow::Owned(out)
}

/// The value of a Chinese digit, `〇` (or `零`) to `九`.
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number of 1 to 39 in Chinese numerals, as a month or a day is written (`六`, `十二`,
/// `二十五`, `三十一`).
fn chinese_number(numerals: &[char]) -> Option<u32> {
    let one = |c: &char| chinese_digit(*c).filter(|&d| d > 0);
    match numerals {
        ['十'] => Some(10),
        [d] => one(d),
        ['十', d] => Some(10 + one(d)?),
        [t, '十'] => Some(10 * one(t)?).filter(|&n| n < 40),
        [t, '十', d] => Some(10 * one(t)? + one(d)?).filter(|&n| n < 40),
        _ => None,
    }
}

/// Trims spaces of every kind, including the ideographic and non-breaking ones.
#[inline]
pub fn trim(s: &str) -> &str {
    // Most cells start and end with a printable ASCII character: nothing to trim, seen where
    // `trim` is called (this part is inlined there; the rest is not).
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return s;
    };
    let printable = |b: u8| (b'!'..=b'~').contains(&b);
    if printable(first) && printable(last) {
        return s;
    }
    trim_unprintable_ends(s, first, last)
}

/// `trim` of a cell whose first or last byte (`first`, `last`) is not printable ASCII: one
/// that starts and ends with a CJK character needs no decoding to know there is nothing to trim.
#[inline(never)]
fn trim_unprintable_ends(s: &str, first: u8, last: u8) -> &str {
    let bytes = s.as_bytes();
    let last_lead = match bytes.iter().rposition(|&b| b & 0xC0 != 0x80) {
        Some(i) => bytes[i],
        None => last,
    };
    if never_space(first) && never_space(last_lead) {
        return s;
    }
    // Else look at the two ends before walking in.
    match (s.chars().next(), s.chars().next_back()) {
        (Some(first), Some(last)) if !is_space(first) && !is_space(last) => s,
        _ => s.trim_matches(is_space),
    }
}

/// What a spreadsheet takes a text beginning with for a formula (xmtool writes such text in CSV
/// with an apostrophe before it, which reading takes off).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a character is a space `trim` takes off a cell's ends: whitespace, the ideographic
/// space, a byte-order mark, and the zero-width spaces and joiners that come with text pasted
/// from web pages.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{3000}' | '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}'
        )
}

/// Whether no character starting with this byte is a space of any kind (`is_space`). Spaces
/// past ASCII start with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000 to U+2060) or E3
/// (U+3000), and U+FEFF with EF.
fn never_space(lead: u8) -> bool {
    !matches!(
        lead,
        b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
    )
}

/// Text with full-width letters and digits as plain ones and without spaces of any kind
/// (`２０２４ 年`, `加快 建设` as a cell spaced out to fill it).
pub fn without_spaces(text: &str) -> String {
    to_halfwidth(text)
        .chars()
        .filter(|&c| !is_space(c))
        .collect()
}

/// A stage's name (年度目标) as compared: without spaces of any kind, full-width letters as
/// plain ones, and without a 类, 项目 or 一批 after it (`竣工投产类`, `竣工投产一批` are 竣工投产).
pub fn stage_key(text: &str) -> String {
    let plain = without_spaces(text);
    let mut key = plain.as_str();
    for suffix in ["项目", "一批", "类"] {
        key = key.strip_suffix(suffix).unwrap_or(key);
    }
    key.to_string()
}

/// The stage of `stages` a cell of 年度目标 names, as `stages` writes it; `None` for text that
/// names none of them (a year's target written out, 完成主体结构施工).
pub fn stage_of<'s>(text: &str, stages: &'s [String]) -> Option<&'s str> {
    // (Most cells are written as the stage is.)
    if let Some(stage) = stages.iter().find(|stage| *stage == text) {
        return Some(stage);
    }
    let key = stage_key(text);
    stages
        .iter()
        .find(|stage| stage_key(stage) == key)
        .map(String::as_str)
}

/// Whether a cell says "nothing": empty, only dashes or a slash, 无 (`暂无`, `无问题`, `没有`,
/// `暂无问题`, `无。`), or 未填 (`unfilled`).
pub fn is_nothing(s: &str) -> bool {
    let s = trim(s);
    blank_or_dashes(s) || says_none(s) || unfilled(s)
}

/// Whether a (trimmed) cell is 无 or a longer way of writing it, `暂无问题`, `目前无问题`, with a
/// sentence's stop after it or not (`无。`).
fn says_none(s: &str) -> bool {
    let s = s.trim_end_matches(['。', '.', '！', '!', '；', ';', '，', ',']);
    let s = s.strip_prefix("目前").unwrap_or(s);
    let s = s.strip_prefix('暂').unwrap_or(s);
    matches!(
        s,
        "无" | "无问题" | "没有" | "没有问题" | "无困难" | "无困难和问题" | "无明显问题"
    )
}

/// Whether a (trimmed) cell is empty, or only dashes or a slash: what says nothing in an
/// amount's cell, where 无 may mean 0 and is an error to mend.
pub fn blank_or_dashes(s: &str) -> bool {
    s.is_empty()
        || s.chars()
            .all(|c| matches!(c, '-' | '－' | '—' | '–' | '/' | '／'))
}

/// Whether a (trimmed) cell says "not filled in": 未填, bare or in brackets, `(未填)` as xmtool
/// names the group of projects that leave a column empty (a registry made from its tables holds
/// it) and `（未填）` as a Chinese keyboard types it. Nothing in any column, amounts too: it
/// never means 0, as 无 may.
pub fn unfilled(s: &str) -> bool {
    const UNFILLED: &str = "未填";
    // (Most cells are longer or shorter: 未填 in full-width brackets, a space inside each, is
    // 18 bytes.)
    (UNFILLED.len()..=18).contains(&s.len()) && unbracketed(s) == Some(UNFILLED)
}

/// A cell's text inside the brackets around it (`(未填)`, `（ 空 ）`), trimmed, or the cell where
/// it has none; `None` where a bracket is left open.
fn unbracketed(s: &str) -> Option<&str> {
    match s.strip_prefix(['(', '（']) {
        Some(rest) => rest.strip_suffix([')', '）']).map(trim),
        None => Some(s),
    }
}

/// Whether a (trimmed) cell is what a database export, a form or a clerk writes for no value:
/// `N/A`, `NA`, `NULL`, `None`, `NaN` (in any case, in full-width letters too), 空 bare or in
/// brackets (`(空)`, `（空）`). Nothing in a column naming a group (所属县区, 责任单位, 包抓领导 …),
/// as `unfilled` is, where it made a group of its own, ranked; not in an id, where a code may
/// be any letters, nor in an amount or month, where such a cell is an error to mend.
pub fn says_no_name(s: &str) -> bool {
    // (Most cells are longer: `（ 空 ）`, a space inside each bracket, is 11 bytes.)
    if !(2..=12).contains(&s.len()) {
        return false;
    }
    let Some(inner) = unbracketed(s) else {
        return false;
    };
    if inner == "空" {
        return true;
    }
    // (A name, `东区`, is none of the words: passed over before anything is made.)
    let letters = |c: char| {
        c.is_ascii_alphabetic() || c == '/' || matches!(c, '\u{FF0F}' | '\u{FF21}'..='\u{FF5A}')
    };
    if !inner.chars().all(letters) {
        return false;
    }
    let half = to_halfwidth(inner);
    ["n/a", "na", "null", "none", "nan"]
        .iter()
        .any(|word| half.eq_ignore_ascii_case(word))
}

/// Whether a cell says "the same as the row above" (同上, 仝上, 同前, or a ditto mark, `〃` or a
/// quote mark alone), as a clerk fills in a column naming a group rather than repeat a name: no
/// name itself, which would be a group `同上` of its own.
pub fn says_ditto(s: &str) -> bool {
    // (Most cells are longer: 同上 with a full stop and spaces about it is a few bytes more.)
    if s.len() > 16 {
        return false;
    }
    let s = trim(s).trim_end_matches(['。', '.']);
    matches!(
        s,
        "同上" | "仝上" | "同前" | "〃" | "\"" | "“" | "”" | "''" | "〞" | "〝"
    )
}

/// Whether a cell holds a spreadsheet's error value (`#N/A`, `#DIV/0!` …): what a formula that
/// could not be worked out leaves, as a workbook keeps it and a CSV saved from one writes it.
pub fn is_error_value(s: &str) -> bool {
    // Excel's and WPS's, then Google Sheets'; LibreOffice's are `Err:502` and the like.
    const ERRORS: [&str; 17] = [
        "#N/A",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
        "#PYTHON!",
        "#ERROR!",
    ];
    if !s.bytes().next().is_some_and(may_start_an_error_value) {
        return false;
    }
    let s = trim(s);
    match s.as_bytes().first() {
        Some(b'E') => s
            .strip_prefix("Err:")
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit())),
        Some(b'#') => ERRORS.iter().any(|e| s.eq_ignore_ascii_case(e)),
        Some(_) if s.starts_with('＃') => {
            let s = to_halfwidth(s);
            ERRORS.iter().any(|e| s.eq_ignore_ascii_case(e))
        }
        _ => false,
    }
}

/// Whether text starting with this byte may be a spreadsheet's error value (`#`, `E`, the
/// first of `＃`'s, or of a space before one): most text does not, and is passed over at once
/// on the hot path.
pub fn may_start_an_error_value(first: u8) -> bool {
    matches!(first, b'#' | b'E' | 0xEF) || !never_space(first)
}

/// What is said of a percentage where an amount is read: a spreadsheet's cell in a percent
/// format shows its number a hundred times over, with `%`, and takes an amount typed into it
/// as a percentage (2100.5 typed, it holds 21.005 and shows 2100.50%), so typing the amount
/// again does not mend it: its format does.
const PERCENT_NO_AMOUNT: &str = "is a percentage, not an amount (a cell in a percent format, \
                                 百分比, shows its number times 100 with %: give it the format \
                                 常规 or 数值, then type the amount)";

/// What an amount cell should look like, for messages.
pub const AMOUNT_EXPECTED: &str = "万元, e.g. 1234.5, 1,234.5, 3.2亿";

/// What a month cell should look like, for messages.
pub const MONTH_EXPECTED: &str = "a month, e.g. 2024-06, 2024/6, 2024年6月, 202406";

/// An amount in 万元: `1,234.5`, ` 12 `, `1234.5万元`, `3.2亿` (= 32000), `5000元` (= 0.5),
/// full-width digits, `-` or empty for nothing.
pub fn parse_amount(raw: &str) -> Result<Option<Amount>, String> {
    match plain_amount(raw) {
        Some(a) => Ok(Some(a)),
        None => any_amount(raw),
    }
}

/// `parse_amount` for every form it reads.
fn any_amount(raw: &str) -> Result<Option<Amount>, String> {
    let t = trim(raw);
    if blank_or_dashes(t) || unfilled(t) {
        return Ok(None);
    }
    let half = to_halfwidth(raw);
    let mut s = trim(&half);
    // The unit, if any: its factor to 万元.
    let mut factor = None;
    if let Some((rest, k)) = UNITS
        .iter()
        .find_map(|&(u, k)| Some((s.strip_suffix(u)?, k)))
    {
        s = trim(rest);
        factor = Some(k);
    }
    // A negative in parentheses, as a cell in an accounting format, `#,##0.00_);(#,##0.00)`, is
    // written to CSV: `(5.00)`, `(¥5.00)`, `¥(5.00)`. (Not a sign inside them too.)
    fn in_parentheses(s: &str) -> Option<&str> {
        let inner = trim(s.strip_prefix('(')?.strip_suffix(')')?);
        (!inner.is_empty() && !inner.starts_with(['-', '+'])).then_some(inner)
    }
    let mut negative = false;
    if let Some(inner) = in_parentheses(s) {
        (s, negative) = (inner, true);
    }
    // A currency sign, as a cell in a currency or accounting format is written to CSV
    // (`¥1,234.50`, `-¥5.00`, `¥-5.00`; `¥ -` is the accounting format's zero).
    let signed;
    if let Some(rest) = s.strip_prefix(['¥', '￥']) {
        s = trim(rest);
        if s == "-" {
            return Ok(Some(Decimal::ZERO));
        }
        if let Some(inner) = in_parentheses(s).filter(|_| !negative) {
            (s, negative) = (inner, true);
        }
    } else if let Some(rest) = (s.strip_prefix('-')).and_then(|r| trim(r).strip_prefix(['¥', '￥']))
    {
        signed = format!("-{}", trim(rest));
        s = &signed;
    }
    let number = match parse_plain_number(s) {
        Some(Ok(number)) => number,
        Some(Err(TooLarge)) => return Err(TOO_LARGE.to_string()),
        // (As a cell in a percent format is shown, and written to CSV.)
        None if s
            .strip_suffix('%')
            .is_some_and(|n| parse_plain_number(trim(n)).is_some()) =>
        {
            return Err(PERCENT_NO_AMOUNT.to_string());
        }
        // (Said why where a clerk may not see it: 无 reads as nothing elsewhere, and 12,5 as a
        // number in some places.)
        None if is_nothing(s) => return Err(format!("is not a number: {MAY_MEAN_NOTHING}")),
        None if s.contains(',')
            && parse_plain_number(&s.replace(',', "")).is_some_and(|n| n.is_ok()) =>
        {
            return Err(
                "is not a number: its thousands separators do not group by three (is \
                        a decimal point meant?)"
                    .to_string(),
            );
        }
        None => return Err("is not a number".to_string()),
    };
    let value = match factor {
        None => number,
        Some(k) => number.checked_mul(k).ok_or(TOO_LARGE)?,
    };
    let value = if negative { -value } else { value };
    if value.abs() >= Decimal::from(AMOUNT_LIMIT) {
        return Err(TOO_LARGE.to_string());
    }
    Ok(Some(value.normalize()))
}

/// The common case read at once: ASCII digits with at most one decimal point, at most 15 of
/// them before it and 18 in all (`53925.9`, `0`, `120`). `None`: anything else, for the full
/// reading.
fn plain_amount(s: &str) -> Option<Amount> {
    let bytes = s.as_bytes();
    let (whole, fraction) = match bytes.iter().position(|&b| b == b'.') {
        // `5.` is left to the full reading.
        Some(point) if point + 1 < bytes.len() => (&bytes[..point], &bytes[point + 1..]),
        Some(_) => return None,
        None => (bytes, &[][..]),
    };
    // `.5` is left to the full reading, as are 16 digits before the point.
    if whole.is_empty() || whole.len() > 15 || whole.len() + fraction.len() > 18 {
        return None;
    }
    // Zeros at the end of the fraction are not kept (`1.50` is 1.5).
    let fraction = match fraction.iter().rposition(|&b| b != b'0') {
        Some(last) => &fraction[..=last],
        None => &[],
    };
    let digits = digits_of(fraction, digits_of(whole, 0)?)?;
    Some(Decimal::new(digits, fraction.len() as u32))
}

/// `digits` followed by the ASCII digits of `text`, if it is only those.
fn digits_of(text: &[u8], mut digits: i64) -> Option<i64> {
    for &b in text {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        digits = digits * 10 + i64::from(digit);
    }
    Some(digits)
}

/// The units of money xmtool reads, in a cell's text after the number (`1234.5千元`), in a
/// format showing one after it (`grid::number_format::Unit`), and in a header (`总投资（亿元）`, `header::Unit`):
/// each with its factor to 万元, the unit of every amount: 10000 for 亿元, 0.0001 for 元.
/// Longest first, so that the first a text ends in is its unit: 千万元 ends in 万元, 千元 in 元.
pub(crate) const UNITS: [(&str, Decimal); 13] = [
    ("千万元", per_wan(1000, 0)),
    ("百万元", per_wan(100, 0)),
    ("十万元", per_wan(10, 0)),
    ("千元", per_wan(1, 1)),
    ("百元", per_wan(1, 2)),
    ("万元", per_wan(1, 0)),
    ("亿元", per_wan(10_000, 0)),
    ("千万", per_wan(1000, 0)),
    ("百万", per_wan(100, 0)),
    ("千", per_wan(1, 1)),
    ("万", per_wan(1, 0)),
    ("亿", per_wan(10_000, 0)),
    ("元", per_wan(1, 4)),
];

/// A unit's factor to 万元, for `UNITS`: `mantissa` over ten to the `scale`.
const fn per_wan(mantissa: u32, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa, 0, 0, false, scale)
}

/// The largest amount read, in 万元: far beyond any project (10^15 万元 is 10^19 yuan), and small
/// enough that sums of millions of amounts, and products with settings, cannot overflow.
const AMOUNT_LIMIT: i64 = 1_000_000_000_000_000;

/// What an amount of `AMOUNT_LIMIT` or more is, whatever its form.
const TOO_LARGE: &str = "is too large (more than 10^15 万元)";

/// What is said of `无` as an amount, after "is not a number": it may mean nothing; of a value
/// that must be given (an annual plan), which is not to be left empty, `MAY_MEAN_ZERO`.
pub(crate) const MAY_MEAN_NOTHING: &str =
    "it may mean 0 (write 0 for none, or leave the cell empty where there is no figure)";
pub(crate) const MAY_MEAN_ZERO: &str = "it may mean 0: write 0 for none";

/// A number written as a number that no decimal holds (30 digits, `1e400`).
struct TooLarge;

/// A decimal with optional sign, thousands separators in groups of three, and an exponent as
/// Excel writes very large or small numbers (`1.2E+05`); `None` for anything else, and
/// `TooLarge` for a number beyond a decimal's 28 digits.
fn parse_plain_number(s: &str) -> Option<Result<Decimal, TooLarge>> {
    let (sign, body) = match s.as_bytes().first()? {
        b'-' => ("-", &s[1..]),
        b'+' => ("", &s[1..]),
        _ => ("", s),
    };
    let body = trim(body);
    if body.is_empty() {
        return None;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return None;
    }
    let digits_only = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let int_digits: String = if int_part.contains(',') {
        // Thousands separators must group by three, or "12,5" (a decimal comma) would be 125.
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !digits_only(first) {
            return None;
        }
        let mut out = first.to_string();
        for g in groups {
            if g.len() != 3 || !digits_only(g) {
                return None;
            }
            out.push_str(g);
        }
        out
    } else {
        if !digits_only(int_part) {
            return None;
        }
        int_part.to_string()
    };
    if let Some(f) = frac_part
        && !digits_only(f)
    {
        return None;
    }
    let mut text = format!(
        "{sign}{}",
        if int_digits.is_empty() {
            "0"
        } else {
            &int_digits
        }
    );
    if let Some(f) = frac_part.filter(|f| !f.is_empty()) {
        text.push('.');
        text.push_str(f);
    }
    match exponent {
        // (Well formed, so it fails only for its size.)
        None => Some(Decimal::from_str(&text).map_err(|_| TooLarge)),
        Some(e) => {
            let e = e.strip_prefix('+').unwrap_or(e);
            let digits = e.strip_prefix('-').unwrap_or(e);
            if digits.is_empty() || digits.len() > 3 || !digits_only(digits) {
                return None;
            }
            match Decimal::from_scientific(&format!("{text}e{e}")) {
                Ok(d) => Some(Ok(d)),
                // (Zero times any power of ten is zero: 0e400.)
                Err(_) if text.bytes().all(|b| matches!(b, b'0' | b'.' | b'-')) => {
                    Some(Ok(Decimal::ZERO))
                }
                Err(_) if e.starts_with('-') => None,
                Err(_) => Some(Err(TooLarge)),
            }
        }
    }
}

/// What `parse_month` says of text that is no month, and of a month whose day is no day.
pub const NOT_A_MONTH: &str = "is not a month";
pub const NOT_A_DATE: &str = "is not a date";

/// Whether what follows a date in a cell names a month too (a year, `2024-06`, a month, `7月`,
/// or a range's other end, `至 06`, `- 6月`), where it may only be a time or a weekday.
fn names_another_month(after: &str) -> bool {
    let bytes = after.as_bytes();
    // A year: a run of 4, 6 or 8 digits starting with one, not a time's fraction (`.200000`).
    let year_at = |at: usize| {
        let run = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        matches!(run, 4 | 6 | 8)
            && !(at > 0 && matches!(bytes[at - 1], b'.' | b':' | b'0'..=b'9'))
            && std::str::from_utf8(&bytes[at..at + 4])
                .ok()
                .and_then(|y| y.parse::<u32>().ok())
                .is_some_and(crate::model::is_read_year)
    };
    // A month's number, `7月`.
    let month_at = |at: usize| {
        bytes[at].is_ascii_digit()
            && (at == 0 || !bytes[at - 1].is_ascii_digit())
            && after[at..]
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with('月')
    };
    after.contains(['至', '到', '~', '～'])
        || after.trim_start().starts_with(range_mark)
        || (0..bytes.len()).any(|at| year_at(at) || month_at(at))
}

/// A month: `2024-06`, `2024/6`, `2024.6`, `2024年6月`, `202406`, `2024-06-15`, `2024/6/1`,
/// `20240615`, `2024年6月15日`, `2024年6月末`, also spaced out (`2024 年 6 月`), with or without
/// a time after it (`2024/6/1 0:00`); a range of months (`2024年1-6月`, `2024年1月至6月`) for
/// its last month.
pub fn parse_month(raw: &str) -> Result<Option<YearMonth>, String> {
    // The common case read at once: 2024-06.
    if let [y0, y1, y2, y3, b'-', m0, m1] = *raw.as_bytes()
        && [y0, y1, y2, y3, m0, m1].iter().all(u8::is_ascii_digit)
    {
        let n = |d: &[u8]| d.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        let (year, month) = (n(&[y0, y1, y2, y3]), n(&[m0, m1]));
        if crate::model::is_read_year(year)
            && let Some(m) = YearMonth::new(year as i32, month)
        {
            return Ok(Some(m));
        }
    }
    if is_nothing(raw) {
        return Ok(None);
    }
    let half = to_halfwidth(raw);
    let half = arabic_dates(&half);
    let s = trim(&half);
    let month = month_in_figures(s);
    // Else a month named in English, as Excel shows a date in an English-language Windows
    // (`Jul-24`, `1-Jul-24`, `July 2024`): its error, where it names one, says more.
    if month.is_err()
        && s.bytes().any(|b| b.is_ascii_alphabetic())
        && let Some(month) = english_month(s)
    {
        return month.map(Some);
    }
    month
}

/// The two readings of a date with its year last where it may be either (`7/1/2024`: 1 July as
/// America writes dates, 7 January as Britain does), each a month and its day, month first;
/// `None` for any other text.
pub fn month_or_day_first(raw: &str) -> Option<[(YearMonth, u32); 2]> {
    let half = to_halfwidth(raw);
    let s = trim(&half);
    let date = s.split_once(' ').map_or(s, |(date, _)| date);
    let [a, b, year] = date.split(['/', '-', '.']).collect::<Vec<_>>()[..] else {
        return None;
    };
    let figures = |t: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (a, b, year) = (
        figures(a, 1..=2)?,
        figures(b, 1..=2)?,
        figures(year, 4..=4)?,
    );
    if a == b || !(1..=12).contains(&a) || !(1..=12).contains(&b) {
        return None;
    }
    Some([
        (month_of_date(year, a, Some(b)).ok()?, b),
        (month_of_date(year, b, Some(a)).ok()?, a),
    ])
}

/// `parse_month` of a cell's text (trimmed, in half-width digits, Chinese numerals made
/// figures) that gives its month in figures.
fn month_in_figures(s: &str) -> Result<Option<YearMonth>, String> {
    // A time of day after the date, as Excel writes a date cell to CSV (`2024/6/1 0:00`,
    // `2024/6/1 上午 12:00:00`, `2024-06-01T08:00:00+08:00`), or a weekday, passed over; not a
    // second month: `2024-01 2024-06` or `2024-01 至 06` names no one month.
    let s = &*unspaced_date(s);
    let s = &*spaced_year_and_month(s);
    let (s, after) = s.split_once([' ', 'T']).unwrap_or((s, ""));
    if names_another_month(after) {
        return Err(NOT_A_MONTH.to_string());
    }
    // A range of months (`2024年1-6月`, as a half-year's report may say) is for its last month,
    // as a file named so is.
    let range = range_ends(s, false);
    if let Some((first, _)) = &range
        && !matches!(parse_month(first), Ok(Some(_)))
    {
        return Err(NOT_A_MONTH.to_string());
    }
    let s = range.as_ref().map_or(s, |(_, last)| last.as_str());
    // (A range's dash is taken above: a dash of another width left is a separator, `2024—06`.)
    let unified: String = s
        .chars()
        .filter_map(|c| match c {
            '年' | '月' | '/' | '.' | '-' | '—' | '–' | '−' => Some('-'),
            // (A month's end is of the month: 2024年6月末, 2024年6月底.)
            '日' | '号' | '份' | '末' | '底' => None,
            c => Some(c),
        })
        .collect();
    let unified = unified.trim_end_matches('-');
    let parts: Vec<&str> = unified.split('-').collect();
    let number = |t: &str| -> Option<u32> {
        if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let not_a_month = || NOT_A_MONTH.to_string();
    let (year, month, day) = match parts.as_slice() {
        // A date as the number a spreadsheet keeps it as (a column in General format written to
        // CSV): said, not read, as the number may be anything else.
        [serial] if serial.len() == 5 && serial.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(match date_of_serial(serial) {
                Some(date) => format!(
                    "is not a month: it may be the date {date}, as a spreadsheet keeps dates, a \
                     number; format the column as dates or text"
                ),
                None => not_a_month(),
            });
        }
        [compact] if compact.len() == 6 || compact.len() == 8 => {
            if !compact.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_a_month());
            }
            let y = number(&compact[..4]).ok_or_else(not_a_month)?;
            let m = number(&compact[4..6]).ok_or_else(not_a_month)?;
            let d = if compact.len() == 8 {
                Some(number(&compact[6..]).ok_or_else(not_a_month)?)
            } else {
                None
            };
            (y, m, d)
        }
        [y, m] if y.len() == 4 && m.len() <= 2 => (
            number(y).ok_or_else(not_a_month)?,
            number(m).ok_or_else(not_a_month)?,
            None,
        ),
        // A year of two figures before 年, as a clerk writes one short (`24年6月`, `24年6月1日`):
        // this century's, but from 90 the last's (`99年6月`, 1999), as an English month's
        // `Jun-99` is. (Not `24-06` or `24.6`, which may be a day and a month.)
        [y, m, rest @ ..]
            if y.len() == 2 && s.starts_with(&format!("{y}年")) && rest.len() <= 1 =>
        {
            let y = number(y).ok_or_else(not_a_month)?;
            (
                if y < 90 { 2000 + y } else { 1900 + y },
                number(m).ok_or_else(not_a_month)?,
                match rest {
                    [d] => Some(number(d).ok_or_else(not_a_month)?),
                    _ => None,
                },
            )
        }
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (
            number(y).ok_or_else(not_a_month)?,
            number(m).ok_or_else(not_a_month)?,
            Some(number(d).ok_or_else(not_a_month)?),
        ),
        // A date with its year last, as an English-language Windows writes one: read where it
        // is one date alone (`13/7/2024`, `7/13/2024`, `7/7/2024`); `7/1/2024` is 1 July in
        // America and 7 January in Britain.
        [a, b, y] if a.len() <= 2 && b.len() <= 2 && y.len() == 4 => {
            let (Some(a), Some(b), Some(y)) = (number(a), number(b), number(y)) else {
                return Err(not_a_month());
            };
            let ambiguous = || {
                format!(
                    "is not a month: with its year last, it may be month {a} or month {b} \
                     (write it with the year first, {y}-{a:02}-{b:02} or {y}-{b:02}-{a:02})"
                )
            };
            match (a <= 12, b <= 12) {
                _ if a == 0 || b == 0 => return Err(NOT_A_DATE.to_string()),
                (true, true) if a != b => return Err(ambiguous()),
                (true, _) => (y, a, Some(b)),
                (false, true) => (y, b, Some(a)),
                (false, false) => return Err(NOT_A_DATE.to_string()),
            }
        }
        _ => return Err(not_a_month()),
    };
    month_of_date(year, month, day).map(Some)
}

/// A year and a month spaced out as typed (`2024 - 06`, `2024- 06`, `2024 / 6`), the spaces
/// taken out. (Not a date's, `2024-01 - 06`, which may be January to June.)
fn spaced_year_and_month(s: &str) -> std::borrow::Cow<'_, str> {
    let Some((year, month)) = s.split_once(['-', '/']) else {
        return std::borrow::Cow::Borrowed(s);
    };
    let figures = |t: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m) = (year.trim(), month.trim());
    match s.contains(' ') && figures(y, 4..=4) && figures(m, 1..=2) {
        true => std::borrow::Cow::Owned(format!("{y}-{m}")),
        false => std::borrow::Cow::Borrowed(s),
    }
}

/// The date a five-figure number written as text may be, as a spreadsheet keeps dates
/// (`45444`, 2024-06-01), where it is one of the years read.
pub fn date_of_serial(text: &str) -> Option<NaiveDate> {
    let text = trim(text);
    if text.len() != 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = date_from_excel_serial(text.parse::<f64>().ok()?)?;
    crate::model::READ_YEARS
        .contains(&date.year())
        .then_some(date)
}

/// A date spaced out as Chinese typesetting spaces one (`2024 年 6 月`, `2024年 6月`,
/// `2024. 6`, `6月 1 日`): a space taken out between a figure and the 年, 月, 日 or 号 after it,
/// after 年 or a dot before a figure, and after 月 before a day (`6月 1日`). A time after a
/// date keeps its own (`2024年6月1日 12:00`, `2024/6/1 0:00`), as does a second month
/// (`2024-01 至 06`, `2024年 6月 7月`).
fn unspaced_date(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(' ') {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let within_date = |at: usize| {
        let Some(&before) = chars[..at].iter().rev().find(|&&c| c != ' ') else {
            return false;
        };
        let mut after = chars[at + 1..].iter().copied().skip_while(|&c| c == ' ');
        let Some(next) = after.next() else {
            return false;
        };
        match before {
            '0'..='9' => matches!(next, '年' | '月' | '日' | '号'),
            '年' | '.' => next.is_ascii_digit(),
            // (A day: figures, then 日 or 号.)
            '月' => {
                next.is_ascii_digit()
                    && matches!(
                        after.find(|c| !c.is_ascii_digit() && *c != ' '),
                        Some('日' | '号')
                    )
            }
            _ => false,
        }
    };
    (chars.iter().enumerate())
        .filter(|&(at, &c)| c != ' ' || !within_date(at))
        .map(|(_, &c)| c)
        .collect::<String>()
        .into()
}

/// The month of a year, month and perhaps day as a cell gives them, if they are one: a real
/// day, a year from 1990 to 2100, a month from 1 to 12.
fn month_of_date(year: u32, month: u32, day: Option<u32>) -> Result<YearMonth, String> {
    let year = i32::try_from(year).map_err(|_| NOT_A_MONTH.to_string())?;
    if let Some(d) = day
        && NaiveDate::from_ymd_opt(year, month, d).is_none()
    {
        return Err(NOT_A_DATE.to_string());
    }
    if !crate::model::READ_YEARS.contains(&year) {
        return Err(format!(
            "is not a month (expected a year from {FIRST_YEAR} to {LAST_YEAR})"
        ));
    }
    YearMonth::new(year, month).ok_or_else(|| "is not a month (month 1 to 12)".to_string())
}

/// The month (1 to 12) an English word names, in lower case: its name (`july`), its three
/// letters (`jul`), or `sept`.
pub fn english_month_named(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let at = NAMES
        .iter()
        .position(|name| *name == word || word.len() == 3 && name.starts_with(word))
        .or((word == "sept").then_some(8))?;
    Some(at as u32 + 1)
}

/// The month of a cell naming it in English, with its year and perhaps a day, in any order
/// Excel shows them (`Jul-24`, `Jul-2024`, `July 2024`, `1-Jul-24`, `Jul 1, 2024`,
/// `2024-Jul-01`); a two-digit year is 2000 to 2089 or 1990 to 1999 (the years xmtool reads).
/// `None` where no word of it is a month's name; an error where one is, but no year (`24-Jul`,
/// a day of a year not said) or no one month is given.
fn english_month(s: &str) -> Option<Result<YearMonth, String>> {
    let words: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let (at, month) =
        (words.iter().enumerate()).find_map(|(at, w)| Some((at, english_month_named(w)?)))?;
    let not_a_month = || Err(NOT_A_MONTH.to_string());
    let numbers: Option<Vec<(usize, u32)>> = (words.iter().enumerate())
        .filter(|&(i, _)| i != at)
        .map(|(_, w)| {
            (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| (w.len(), w.parse().ok()))
        })
        .map(|n| n.and_then(|(len, n)| Some((len, n?))))
        .collect();
    let Some(numbers) = numbers else {
        return Some(not_a_month());
    };
    let year = |(len, n): (usize, u32)| match len {
        4 => Some(n),
        2 if n < 90 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    };
    let (year, day) = match (at, numbers.as_slice()) {
        // Jul-24, July 2024, 2024-Jul (not 24-Jul, Excel's day and month of no year, nor
        // June 15, a day too)
        (0, &[y]) if y.0 == 4 || s.contains('-') => (year(y), None),
        (1, &[y]) if y.0 == 4 => (year(y), None),
        // 1-Jul-24, 2024-Jul-01
        (1, &[d, y]) if d.0 <= 2 => (year(y), Some(d.1)),
        (1, &[y, d]) if y.0 == 4 && d.0 <= 2 => (year(y), Some(d.1)),
        // Jul 1, 2024 (the year in full: `Jul 1 24` says too little)
        (0, &[d, y]) if d.0 <= 2 && y.0 == 4 => (year(y), Some(d.1)),
        _ => return Some(not_a_month()),
    };
    let Some(year) = year else {
        return Some(not_a_month());
    };
    Some(month_of_date(year, month, day))
}

/// The month of an Excel date serial (days since 1899-12-30, as Excel counts them).
pub fn month_from_excel_serial(serial: f64) -> Option<YearMonth> {
    let date = date_from_excel_serial(serial)?;
    YearMonth::new(date.year(), date.month())
}

/// The day a spreadsheet's date serial stands for (1900 date system, 1 = 1900-01-01 as Excel
/// counts, past its 1900-02-29 that never was).
pub fn date_from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Serials before 60 count from 1899-12-31; 60 is Excel's 1900-02-29, which was never a day.
    let (base, serial) = match serial.floor() as u64 {
        60 => return None,
        n if n < 60 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, n),
        n => (NaiveDate::from_ymd_opt(1899, 12, 30)?, n),
    };
    base.checked_add_days(chrono::Days::new(serial))
}

/// The month named in a file or folder name: `2024-06`, `2024_06`, `2024.6`, `202406`,
/// `2024年6月`, `20240630`; `None` when there is none, or when it names two (see
/// `months_in_name`).
pub fn month_in_name(name: &str) -> Option<YearMonth> {
    months_in_name(name).ok().flatten()
}

/// The month of a name that gives its year and a month of no year apart
/// (`东区2024年35个重点项目6月进展`: 2024-06): the one year it writes with 年, and its one month
/// of no year.
fn year_and_month_apart(name: &str) -> Option<YearMonth> {
    YearMonth::new(one_year_in(name, true)?, month_of_no_year(name)?)
}

/// The words a count is followed by (2024年10个重点项目, 35项, 12家): a number after a year
/// followed by one is no month.
const COUNTERS: [char; 14] = [
    '个', '项', '家', '批', '条', '处', '座', '宗', '类', '名', '所', '户', '栋', '幢',
];

/// The month of a name that is a month of no year and nothing else: `6月`, `06月份`, `六月`.
pub fn bare_month(name: &str) -> Option<u32> {
    let name = name.trim();
    let number = name
        .strip_suffix("月份")
        .or_else(|| name.strip_suffix('月'))?;
    let numerals: Vec<char> = number.chars().collect();
    if let Some(month) = chinese_number(&numerals).filter(|m| (1..=12).contains(m)) {
        return Some(month);
    }
    number
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m) && number.len() <= 2)
}

/// The last month of a name that is a range of months of no year and nothing else (`1-2月`,
/// `1至2月份`, `1月~2月`: February), as a range is read: January's and February's figures
/// reported together, as offices do for 春节.
pub fn bare_range_month(name: &str) -> Option<u32> {
    let (first, last) = bare_range(name)?;
    (first < last).then_some(last)
}

/// The first and last months of a range of no year a name is (`1-2月`, `1至2月份`).
pub fn bare_range(name: &str) -> Option<(u32, u32)> {
    let (first, last) = range_ends(name.trim(), false)?;
    Some((bare_month(&first)?, bare_month(&last)?))
}

/// The one month of no year a name gives (`东区6月`, `6月份报表`, `东区六月`, `东区1-6月`: June;
/// see `months_of_no_year`); `None` where it gives none or two.
pub fn month_of_no_year(name: &str) -> Option<u32> {
    match months_of_no_year(name)[..] {
        [month] => Some(month),
        _ => None,
    }
}

/// The months of no year a name gives where it gives more than one (`1、2月`, `5月、6月`,
/// `4、5、6月`), which `month_of_no_year` takes for none.
pub fn months_of_no_year_listed(name: &str) -> Option<Vec<u32>> {
    Some(months_of_no_year(name)).filter(|months| months.len() > 1)
}

/// The first and last months of a range a name gives, whatever else it says and with its year
/// or none (`东区1-2月`, `东区2024年1-2月`, `1至2月份`: 1 and 2).
pub fn months_of_range_in_name(name: &str) -> Option<(u32, u32)> {
    let (first, last) = range_ends(name.trim(), false)?;
    let month = |text: &str| {
        month_in_name(text)
            .map(|m| m.month())
            .or_else(|| month_of_no_year(text))
    };
    Some((month(&first)?, month(&last)?))
}

/// The year of a folder named as a year and nothing else: `2023`, `2023年`, `2023年度`.
pub fn bare_year(name: &str) -> Option<i32> {
    let name = name.trim();
    let digits = name
        .strip_suffix("年度")
        .or_else(|| name.strip_suffix('年'))
        .unwrap_or(name);
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| crate::model::READ_YEARS.contains(y))
}

/// The one year a text gives (`2023年重点项目`, `projects-2023`; with `with_nian`, written
/// `2023年` at least once, as a title says it): runs of four digits alone, from 1990 to 2100,
/// all the same. `None` where it gives none, or several (`2023—2025年`).
pub fn one_year_in(text: &str, with_nian: bool) -> Option<i32> {
    let bytes = text.as_bytes();
    let (mut found, mut nian) = (None, false);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // (A date's year, 2025-01-05 or 2023年12月28日, is when a file was made, not whose; but
        // 2023-2024 is a range of two years, not a date.)
        let rest = &text[i..];
        let dated = rest.strip_prefix(['-', '.', '/', '年']).is_some_and(|r| {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            // (2024年35个项目: a count, not a month.)
            let counted = rest.starts_with('年') && r[digits..].starts_with(COUNTERS);
            (1..=2).contains(&digits) && !counted
        });
        let year = Some(&text[start..i])
            .filter(|digits| digits.len() == 4 && !dated)
            .and_then(|digits| digits.parse::<i32>().ok())
            .filter(|y| crate::model::READ_YEARS.contains(y));
        match (year, found) {
            (Some(y), Some(f)) if f != y => return None,
            (Some(y), _) => {
                found = Some(y);
                nian |= rest.starts_with('年');
            }
            _ => {}
        }
    }
    found.filter(|_| nian || !with_nian)
}

/// The month a name gives, where it says more than one: a month (`2024-06`, `202406`,
/// `2024年1-6月`) rather than a date (`20240705`, `2024-05-31`, `2024年7月5日`, when the file was
/// sent, most likely), and the two it gives if they differ (`东区(编号202312)2024-06`); with
/// no month of a year, its year and a month of no year apart (`year_and_month_apart`).
pub fn months_in_name(name: &str) -> Result<Option<YearMonth>, [YearMonth; 2]> {
    let said = months_said(name);
    if said.is_empty() {
        return Ok(year_and_month_apart(name));
    }
    let months: Vec<YearMonth> = said
        .iter()
        .filter(|(_, day)| !day)
        .map(|&(m, _)| m)
        .collect();
    let dates_alone = months.is_empty();
    let pool = if dates_alone {
        said.iter().map(|&(m, _)| m).collect()
    } else {
        months
    };
    match pool.iter().find(|&&m| m != pool[0]) {
        Some(&other) => Err([pool[0], other]),
        // A month of no year beside the date alone (`东区6月份进展表(2024.7.3)`, June's, sent on
        // 3 July): that month, of the date's year, or of the year before if it is more than half
        // a year later than the date (`12月份(2025.1.6)`; `7月(2024.6.28)`, sent early, is 2024's).
        None if dates_alone && !pool.is_empty() => {
            let sent = pool[0];
            let of_year = |m: u32| {
                let year = sent.year() - i32::from(m > sent.month() + 6);
                YearMonth::new(year, m).unwrap_or(sent)
            };
            match months_of_no_year(name)[..] {
                [] => Ok(Some(sent)),
                [m] => Ok(Some(of_year(m))),
                [m, other, ..] => Err([of_year(m), of_year(other)]),
            }
        }
        None => Ok(pool.first().copied()),
    }
}

/// Whether the month a name gives (`months_in_name`) is a date's alone, with no month of its
/// own nor one of no year beside it: `东区20240705`, `东区_2024-07-03`, most likely when the
/// file was sent.
pub fn dated_alone(name: &str) -> bool {
    let said = months_said(name);
    !said.is_empty() && said.iter().all(|&(_, day)| day) && months_of_no_year(name).is_empty()
}

/// A name's year of two figures before 年 written in full where a month follows it directly
/// (`东区24年6月`: `东区2024年6月`; from 90 the last century's, `99年6月` 1999), as a cell's
/// `24年6月` is read: the month's figures, then 月, a range's mark or a list's (`24年1-2月`,
/// `24年5、6月`). Not a count after it (`24年10个项目`), nor two figures ending a longer number
/// (`124年`), nor a number before another word (`24号楼`).
pub fn full_years(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('年') {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    // A month's one or two figures from `from`, then what ends a month's number in a name.
    let month_from = |from: usize| {
        let len = (from..chars.len()).take_while(|&i| digit(i)).count();
        let month = chars[from..from + len]
            .iter()
            .try_fold(0, |n, c| Some(n * 10 + c.to_digit(10)?));
        (1..=2).contains(&len)
            && month.is_some_and(|m| (1..=12).contains(&m))
            && chars
                .get(from + len)
                .is_some_and(|&c| c == '月' || range_mark(c) || LIST_MARKS.contains(&c))
    };
    let short_year = |at: usize| {
        digit(at)
            && digit(at + 1)
            && chars.get(at + 2) == Some(&'年')
            && !(at > 0 && digit(at - 1))
            && month_from(at + 3)
    };
    if !(0..chars.len()).any(short_year) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for (at, &c) in chars.iter().enumerate() {
        if short_year(at) {
            out.push_str(if c == '9' { "19" } else { "20" });
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The months a name gives as `6月`, `06月份` or `六月` with no year before them (not 2024年6月,
/// nor a day's `7月3日`; of a range, `1-6月`, the last), each once, in order.
fn months_of_no_year(name: &str) -> Vec<u32> {
    let half = to_halfwidth(name);
    let half = unspaced_dates(&half);
    let half = arabic_dates(&half);
    let half = full_years(&half);
    let mut found = Vec::new();
    // Where a year's month's 月 ends: a month listed right after one is the year's too.
    let mut years_months = Vec::new();
    for (at, _) in half.match_indices('月') {
        let (before, after) = (&half[..at], &half[at + '月'.len_utf8()..]);
        // (`7月3日`: a day's month; `1月-6月`: a range's first.)
        if after.starts_with(|c: char| c.is_ascii_digit() || range_mark(c)) {
            continue;
        }
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (rest, number) = before.split_at(before.len() - digits);
        let month = number.parse::<u32>().ok().filter(|_| digits <= 2);
        let Some(month) = month.filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        // (`2024年6月`: a year's month, read as such where it is one; and `2024年5月、6月`.)
        let after_a_years = rest
            .strip_suffix(LIST_MARKS)
            .is_some_and(|r| years_months.contains(&r.len()));
        if rest.ends_with('年') || after_a_years {
            years_months.push(at + '月'.len_utf8());
            continue;
        }
        // Months listed before it, 月 after the last alone, in order: `1、2月`, `4、5、6月`,
        // `东区4、6月`, and across a year's end, `12、1月`. (Not `1、6月份进展`: a numbered item's number before June. Months apart
        // are listed only where the first is not where an item's number is.)
        let mut listed = vec![month];
        let mut rest = rest;
        // How many of the last months listed are one after another, and what is before them.
        let mut in_turn = (1, rest);
        while let Some(before) = rest.strip_suffix(LIST_MARKS) {
            let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let (left, number) = before.split_at(before.len() - digits);
            match number.parse::<u32>() {
                Ok(m) if digits <= 2 && m >= 1 && (m < listed[0] || m == 12 && listed[0] == 1) => {
                    listed.insert(0, m)
                }
                _ => break,
            }
            rest = left;
            if in_turn.0 + 1 == listed.len() && listed[0] % 12 + 1 == listed[1] {
                in_turn = (listed.len(), rest);
            }
        }
        if listed.len() > in_turn.0 && an_items_number_after(rest) {
            listed.drain(..listed.len() - in_turn.0);
            rest = in_turn.1;
        }
        // (`2024年1、2月`: a year's months.)
        if listed.len() > 1 && rest.ends_with('年') {
            continue;
        }
        for month in listed {
            if !found.contains(&month) {
                found.push(month);
            }
        }
    }
    found
}

/// Whether a character is a Chinese character (CJK unified ideographs, and extension A).
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Whether a number in a name after `before` is where an item's number is (`1、6月份进展`,
/// `附件1、6月进展`, `附1、6月`, `清单1、6月`, `表2、6月`), not a month listed: at the name's
/// start, after an attachment's, a list's, a table's or an ordinal's word, or after no Chinese.
fn an_items_number_after(before: &str) -> bool {
    match before.trim_end().chars().last() {
        None => true,
        Some(c) => matches!(c, '件' | '附' | '表' | '单' | '第' | '号' | '图') || !is_ideograph(c),
    }
}

/// The marks between months a name lists (`5月、6月`, `1、2月`, `5和6月`): two months, not one.
const LIST_MARKS: [char; 6] = ['、', ',', '，', '和', '及', '与'];

/// Whether a text may give a range of months, a year's or a month's mark beside a range's
/// (`2024年1-12月`, `2024年1-12`, `1至6月`): a date of figures alone (`2024-06`) gives none.
pub fn may_be_a_range(text: &str) -> bool {
    text.contains(['年', '月']) && has_range_mark(text)
}

/// Whether a text holds a range's mark (`range_mark`), or a full-width one (－, ～) that reads
/// as one once half-width.
fn has_range_mark(text: &str) -> bool {
    text.chars()
        .any(|c| range_mark(c) || matches!(c, '－' | '～'))
}

/// Whether a character joins the two ends of a range of months (`1-6月`, `1至6月`).
fn range_mark(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―' | '−' | '~' | '〜' | '至' | '到')
}

/// A name giving a range of months (`东区2024年1-6月份进度`, `1月至6月`) as the text before the range
/// and after it (`东区2024年`, `进度`): where a file of each month's rows is named for its year
/// alone, the range taken out.
pub fn around_range_of_months(name: &str) -> Option<(String, String)> {
    let chars: Vec<char> = name.chars().collect();
    let digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
    let run = |it: &mut dyn Iterator<Item = &char>| it.take_while(|c| digit(c)).count();
    (1..chars.len()).find_map(|i| {
        if !(range_mark(chars[i]) || matches!(chars[i], '－' | '～')) {
            return None;
        }
        let first_end = if chars[i - 1] == '月' { i - 1 } else { i };
        let before = run(&mut chars[..first_end].iter().rev());
        let after = run(&mut chars[i + 1..].iter());
        let close = i + 1 + after;
        if !(1..=2).contains(&before)
            || !(1..=2).contains(&after)
            || chars.get(close) != Some(&'月')
        {
            return None;
        }
        let end = close + 1 + usize::from(chars.get(close + 1) == Some(&'份'));
        let text = |cs: &[char]| cs.iter().collect::<String>();
        Some((text(&chars[..first_end - before]), text(&chars[end..])))
    })
}

/// Whether a name gives a range of months (`2024年1-6月`, `1至6月`, `1月至6月`), which names its
/// last month as the end of the range, not as a month of its own.
pub fn names_a_range(name: &str) -> bool {
    range_ends(name, false).is_some()
}

/// The months a range asked for on the command line runs from and to (`2024年1-6月`: 2024-01
/// and 2024-06; also `2024年1-6`, its 月 left off), where it gives a range whose ends are
/// months.
pub fn range_months(text: &str) -> Option<(YearMonth, YearMonth)> {
    let (first, last) = range_ends(text, true)?;
    Some((parse_month(&first).ok()??, parse_month(&last).ok()??))
}

/// A name giving a range of months rewritten twice, to name its first month and its last
/// (`2024年1-6月`: `2024年1月`, `2024年6月`), in half-width characters. With `open`, also one
/// with its 月 left off (`2024年1-6`), as asked for on the command line: in a cell or a name,
/// that is a date (`2024年3-10`, 10 March).
fn range_ends(name: &str, open: bool) -> Option<(String, String)> {
    // (Most names and cells give no range: passed over before anything is made.)
    if !(open || name.contains('月')) || !has_range_mark(name) {
        return None;
    }
    let half = to_halfwidth(name);
    let chars: Vec<char> = half.chars().collect();
    let digits =
        |it: &mut dyn Iterator<Item = &char>| it.take_while(|c| c.is_ascii_digit()).count();
    (1..chars.len()).find_map(|i| {
        let first_end = if chars[i - 1] == '月' { i - 1 } else { i };
        let before = digits(&mut chars[..first_end].iter().rev());
        let after = digits(&mut chars[i + 1..].iter());
        if !range_mark(chars[i]) || !(1..=2).contains(&before) || !(1..=2).contains(&after) {
            return None;
        }
        let (start, close) = (first_end - before, i + 1 + after);
        let number = |from: usize, to: usize| {
            chars[from..to]
                .iter()
                .fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0))
        };
        // `2024年1-6`: a range with its 月 left off, where the text ends at the second month, a
        // year's 年 comes before the first and the months run forward (not 2024-1-6, a date).
        // So is `2024.1-6` or `2024/4-6`, the year's mark another than the range's (asked for,
        // a range: no day of a date follows a month so).
        let open = open
            && close == chars.len()
            && first_end == i
            && start > 0
            && matches!(chars[start - 1], '年' | '.' | '/')
            && number(start, first_end) < number(i + 1, close)
            && number(i + 1, close) <= 12;
        if chars.get(close) != Some(&'月') && !open {
            return None;
        }
        // (The year's mark read as 年: `2024.1-6` runs from 2024年1月 to 2024年6.)
        let mark = |(j, &c): (usize, &char)| match open && j + 1 == start {
            true => '年',
            false => c,
        };
        let rest = &chars[(close + 1).min(chars.len())..];
        let first = (chars[..first_end].iter().enumerate().map(mark))
            .chain(['月'])
            .chain(rest.iter().copied())
            .collect();
        let last = (chars[..start].iter().enumerate().map(mark))
            .chain(chars[i + 1..].iter().copied())
            .collect();
        Some((first, last))
    })
}

/// The month a table's title names (`金川市2024年1-6月重点项目进展情况表`, `2024年6月份`) where it
/// names one and no other; a date (`2024年7月5日`, when it was filled in) is no title's month.
pub fn month_in_title(title: &str) -> Option<YearMonth> {
    let mut months = months_said(title)
        .into_iter()
        .filter(|(_, day)| !day)
        .map(|(m, _)| m);
    let Some(first) = months.next() else {
        return year_and_month_apart(title);
    };
    months.all(|m| m == first).then_some(first)
}

/// Every month a name says, in order, each with whether it is a date's (has a day).
fn months_said(name: &str) -> Vec<(YearMonth, bool)> {
    let half = to_halfwidth(name);
    let half = unspaced_dates(&half);
    let half = arabic_dates(&half);
    let half = full_years(&half);
    let chars: Vec<char> = half.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let value = |from: usize, len: usize| -> Option<u32> {
        chars
            .get(from..from + len)?
            .iter()
            .try_fold(0u32, |acc, c| Some(acc * 10 + c.to_digit(10)?))
    };
    let digits_from = |i: usize| (i..chars.len()).take_while(|&i| digit(i)).count();
    let mut said = Vec::new();
    for start in 0..chars.len() {
        if !(digit(start) && digit(start + 1) && digit(start + 2) && digit(start + 3)) {
            continue;
        }
        if start > 0 && digit(start - 1) {
            continue;
        }
        let Some(year) = value(start, 4).filter(|&y| crate::model::is_read_year(y)) else {
            continue;
        };
        let after = start + 4;
        // 202406 or 20240630: a run of exactly 6 or 8 digits.
        let run = digits_from(after);
        if run == 2 || run == 4 {
            if let Some(m) = value(after, 2).and_then(|m| YearMonth::new(year as i32, m)) {
                said.push((m, run == 4));
            }
            continue;
        }
        if run != 0 || !matches!(chars.get(after), Some('-' | '_' | '.' | '年' | ' ')) {
            continue;
        }
        let m_start = after + 1;
        let m_len = digits_from(m_start);
        if !(1..=2).contains(&m_len) {
            continue;
        }
        let end = m_start + m_len;
        // 2024年10个重点项目: a count after the year, not its month.
        if chars[after] == '年' && chars.get(end).is_some_and(|c| COUNTERS.contains(c)) {
            continue;
        }
        // A range such as 2024年1-6月 or 2024年1至6月 names its last month; 2024-01-06 is a
        // date, not January to June (月 follows a range).
        let next_len = match chars.get(end) {
            Some('-' | '—' | '–' | '~' | '至' | '到' | '.' | '/' | '_' | '月') => {
                digits_from(end + 1)
            }
            _ => 0,
        };
        let after_next = chars.get(end + 1 + next_len);
        let is_range = (1..=2).contains(&next_len)
            && chars.get(end) != Some(&'月')
            && after_next == Some(&'月')
            && value(end + 1, next_len).is_some_and(|m| (1..=12).contains(&m));
        // 2024-05-31, 2024.5.31, 2024年5月31日: a day after the month.
        let is_date = !is_range
            && (1..=2).contains(&next_len)
            && !chars.get(end).is_some_and(|&c| c != '-' && range_mark(c))
            && (chars.get(end) != Some(&'月') || after_next == Some(&'日'));
        let first = value(m_start, m_len);
        // After `N月` and one character joining them, another month written `M月`, if any.
        let joined = |join: fn(char) -> bool| -> Option<u32> {
            if chars.get(end) != Some(&'月') || !chars.get(end + 1).is_some_and(|&c| join(c)) {
                return None;
            }
            let len = digits_from(end + 2);
            ((1..=2).contains(&len) && chars.get(end + 2 + len) == Some(&'月'))
                .then(|| value(end + 2, len))
                .flatten()
        };
        // A range with 月 after both months: 2024年1月至6月. (2024.1-6 is left as it was read,
        // January: 2024_06-07报 and 2024.06-15 say a day as often.)
        let other_range = joined(range_mark).filter(|&m| Some(m) > first && m <= 12);
        let month = if is_range {
            value(end + 1, next_len)
        } else {
            other_range.or(first)
        };
        if let Some(m) = month.and_then(|m| YearMonth::new(year as i32, m)) {
            said.push((m, is_date));
        }
        // Another month of the year after it: 2024年5月、6月 (two months, not one); or months
        // listed with 月 after the last alone: 2024年1、2月, 2024年4、5、6月.
        let list_mark = |c: char| LIST_MARKS.contains(&c);
        let mut listed: Vec<u32> = joined(list_mark).into_iter().collect();
        // (2024年5月6月: nothing between them.)
        if chars.get(end) == Some(&'月') && (1..=2).contains(&next_len) && after_next == Some(&'月')
        {
            listed.extend(value(end + 1, next_len));
        }
        if !is_range && !is_date && chars.get(end).is_some_and(|&c| list_mark(c)) {
            let (mut at, mut more) = (end, Vec::new());
            while chars.get(at).is_some_and(|&c| list_mark(c)) {
                let len = digits_from(at + 1);
                match (1..=2).contains(&len).then(|| value(at + 1, len)).flatten() {
                    Some(m) => more.push(m),
                    None => break,
                }
                at += 1 + len;
            }
            if chars.get(at) == Some(&'月') {
                listed = more;
            }
        }
        said.extend(
            (listed.into_iter())
                .filter_map(|m| YearMonth::new(year as i32, m))
                .map(|m| (m, false)),
        );
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_year_of_a_name_not_a_dates_nor_a_ranges() {
        for (text, year) in [
            ("2023年重点项目", Some(2023)),
            ("2023", Some(2023)),
            ("重点项目库2025-01-05", None),
            ("制表日期：2023年12月28日", None),
            ("2023-2024", None),
            ("2023—2024年", None),
            ("2023年项目（2023-12）", Some(2023)),
            // A count after the year is no month of a date.
            ("2024年35个重点项目", Some(2024)),
            ("2024年3月", None),
        ] {
            assert_eq!(one_year_in(text, false), year, "{text}");
        }
    }

    #[test]
    fn a_names_year_of_two_figures_is_written_in_full_only_before_a_month() {
        for (text, full) in [
            ("东区24年6月", "东区2024年6月"),
            ("24年06月份", "2024年06月份"),
            ("东区99年12月", "东区1999年12月"),
            ("东区24年1-2月", "东区2024年1-2月"),
            ("东区24年5、6月", "东区2024年5、6月"),
            ("24年6月/25年1月", "2024年6月/2025年1月"),
            ("东区24号楼6月", "东区24号楼6月"),
            ("东区24年10个项目6月", "东区24年10个项目6月"),
            ("东区124年6月", "东区124年6月"),
            ("2024年6月", "2024年6月"),
            ("东区24年13月", "东区24年13月"),
            ("东区24年", "东区24年"),
        ] {
            assert_eq!(full_years(text), full, "{text}");
        }
    }

    #[test]
    fn no_problem_written_the_ways_clerks_write_it_is_nothing() {
        for (text, nothing) in [
            ("无", true),
            ("无。", true),
            ("暂无问题", true),
            ("目前暂无问题。", true),
            ("没有问题", true),
            ("暂无明显问题", true),
            ("无困难和问题；", true),
            ("无资金", false),
            ("暂无资金到位", false),
            ("正常推进，无问题", false),
            ("问题", false),
        ] {
            assert_eq!(is_nothing(text), nothing, "{text}");
        }
    }

    #[test]
    fn unfilled_reads_as_nothing_in_any_brackets_but_not_within_words() {
        for (text, nothing) in [
            ("未填", true),
            ("(未填)", true),
            ("（未填）", true),
            ("（未填)", true),
            (" （ 未填 ） ", true),
            ("【未填】", false),
            ("未填写完", false),
            ("(未填", false),
            ("未填报单位", false),
        ] {
            assert_eq!(is_nothing(text), nothing, "{text}");
            assert_eq!(
                parse_amount(text).is_ok_and(|a| a.is_none()),
                nothing,
                "{text}"
            );
        }
    }

    #[test]
    fn placeholders_for_no_value_say_no_name() {
        for (text, none) in [
            ("N/A", true),
            ("n/a", true),
            ("Ｎ/Ａ", true),
            ("Ｎ／Ａ", true),
            ("ｎｕｌｌ", true),
            ("(N/A)", true),
            ("NA", true),
            ("NULL", true),
            ("null", true),
            ("None", true),
            ("NaN", true),
            ("空", true),
            ("(空)", true),
            ("（空）", true),
            ("（ 空 ）", true),
            ("#N/A", false),
            ("空港新区", false),
            ("(空", false),
            ("NAB", false),
            ("N", false),
            ("待定", false),
            ("0", false),
        ] {
            assert_eq!(says_no_name(trim(text)), none, "{text}");
        }
    }

    #[test]
    fn same_as_above_written_the_ways_clerks_write_it_is_a_ditto() {
        for (text, ditto) in [
            ("同上", true),
            (" 同上。 ", true),
            ("仝上", true),
            ("同前", true),
            ("〃", true),
            ("\"", true),
            ("”", true),
            ("同上级", false),
            ("上海区", false),
            ("东区", false),
            ("", false),
        ] {
            assert_eq!(says_ditto(text), ditto, "{text}");
        }
    }

    #[test]
    fn date_serials_are_the_days_a_spreadsheet_shows() {
        let day = |n: f64| date_from_excel_serial(n).map(|d| d.to_string());
        assert_eq!(day(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(day(35.0).as_deref(), Some("1900-02-04"));
        assert_eq!(day(59.0).as_deref(), Some("1900-02-28"));
        // Excel's 1900-02-29, which never was.
        assert_eq!(day(60.0), None);
        assert_eq!(day(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(day(45444.0).as_deref(), Some("2024-06-01"));
    }

    #[test]
    fn a_title_names_its_month_not_a_date() {
        let m = |y, m| YearMonth::new(y, m);
        assert_eq!(
            month_in_title("金川市2024年1-6月重点项目进展情况表"),
            m(2024, 6)
        );
        assert_eq!(month_in_title("2024年6月份"), m(2024, 6));
        assert_eq!(
            month_in_title("（2024年6月）填报日期：2024年7月5日"),
            m(2024, 6)
        );
        assert_eq!(month_in_title("填报日期：2024年7月5日"), None);
        assert_eq!(month_in_title("2024年重点项目"), None);
        assert_eq!(month_in_title("2024年6月与2023年6月对比"), None);
        // A count after the year is not its month; the month of no year after it is.
        assert_eq!(month_in_title("2024年12个重点项目6月进展情况"), m(2024, 6));
        assert_eq!(month_in_title("2024年12个重点项目进展情况"), None);
    }

    #[test]
    fn the_quick_readings_agree_with_the_full_ones() {
        let amounts = [
            "0",
            "0.0",
            "00",
            "120",
            "53925.9",
            "53925.90",
            "1.000",
            "999999999999999",
            "999999999999999.999",
            "1000000000000000",
            "0.000000000000000001",
            ".5",
            "5.",
            "1..2",
            "12a",
            "",
            "1e3",
            "-1",
            "9999999999999999999",
            "0.999999999999999999",
            "000000000000000000001",
            "00000000000000000.01",
        ];
        for text in amounts {
            if let Some(quick) = plain_amount(text) {
                let full = any_amount(text).unwrap().unwrap();
                assert_eq!(quick, full, "{text}");
                assert_eq!(quick.to_string(), full.to_string(), "{text}");
            }
        }
        assert_eq!(
            plain_amount("1000000000000000"),
            None,
            "past the limit: the full reading says why"
        );
        for text in [
            "2024-06", "1989-12", "2101-01", "2024-13", "2024-00", "2024-6", "202406",
        ] {
            let full_text = format!(" {text}"); // a space skips the quick reading
            assert_eq!(parse_month(text), parse_month(&full_text), "{text}");
        }
    }

    #[test]
    fn spaces_of_every_kind_are_trimmed() {
        for (text, trimmed) in [
            ("A1", "A1"),
            (" A1\t", "A1"),
            ("\u{3000}金川区\u{3000}", "金川区"),
            ("金川区\u{a0}", "金川区"),
            ("\u{feff}P1", "P1"),
            ("P 1", "P 1"),
            (" ", ""),
            ("", ""),
        ] {
            assert_eq!(trim(text), trimmed, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_amount_reading_is_the_full_one(text in "[0-9.]{0,20}|[0-9]{1,16}(\\.[0-9]{1,4})?|[01.a-]{0,6}") {
            let plain = {
                let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
                !whole.is_empty()
                    && whole.len() <= 15
                    && whole.len() + fraction.len() <= 18
                    && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
                    && (text.contains('.') != fraction.is_empty())
            };
            let quick = plain_amount(&text);
            proptest::prop_assert_eq!(quick.is_some(), plain, "{}", text);
            if let Some(quick) = quick {
                let full = any_amount(&text).unwrap().unwrap();
                proptest::prop_assert_eq!(quick, full);
                proptest::prop_assert_eq!(quick.to_string(), full.to_string());
            }
        }

        #[test]
        fn trims_as_a_char_at_a_time_would(
            text in "[ \t\r\n\u{85}\u{a0}\u{1680}\u{2000}\u{200b}\u{2028}\u{202f}\u{205f}\u{2060}\u{3000}\u{feff}a金\u{e000}\u{ff01}¢\u{1f600}]{0,8}",
        ) {
            let space = |c: char| {
                c.is_whitespace()
                    || matches!(c, '\u{3000}' | '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
            };
            proptest::prop_assert_eq!(trim(&text), text.trim_matches(space));
        }
    }

    fn amount(s: &str) -> Result<Option<String>, String> {
        parse_amount(s).map(|a| a.map(|d| d.to_string()))
    }

    #[test]
    fn a_unit_ending_in_another_comes_before_it() {
        for (i, (earlier, ..)) in UNITS.iter().enumerate() {
            for (later, ..) in &UNITS[i + 1..] {
                assert!(!later.ends_with(earlier), "{later} after {earlier}");
            }
        }
    }

    #[test]
    fn amounts_as_spreadsheets_write_them() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1234.5", Some("1234.5")),
            ("1,234.5", Some("1234.5")),
            (" 12 ", Some("12")),
            ("1234.5万元", Some("1234.5")),
            ("1234.5 万元", Some("1234.5")),
            ("800万", Some("800")),
            ("3.2亿", Some("32000")),
            ("3.2亿元", Some("32000")),
            ("5000元", Some("0.5")),
            ("1234.5千元", Some("123.45")),
            ("5千", Some("0.5")),
            ("1.5百万元", Some("150")),
            ("1.5百万", Some("150")),
            ("2十万元", Some("20")),
            ("3千万元", Some("3000")),
            ("3千万", Some("3000")),
            ("12百元", Some("0.12")),
            ("１２３４．５", Some("1234.5")),
            ("１，２３４", Some("1234")),
            ("-12.5", Some("-12.5")),
            ("+7", Some("7")),
            (".5", Some("0.5")),
            ("5.", Some("5")),
            ("1.20E+05", Some("120000")),
            ("1,234,567.89", Some("1234567.89")),
            ("0.10", Some("0.1")),
            ("0", Some("0")),
            ("¥1,234.50", Some("1234.5")),
            ("￥ 800", Some("800")),
            ("-¥5.00", Some("-5")),
            ("¥-5.00", Some("-5")),
            (" ¥ -   ", Some("0")),
            ("(5.00)", Some("-5")),
            ("(1,234.50)", Some("-1234.5")),
            ("（¥5.00）", Some("-5")),
            ("¥(5.00)", Some("-5")),
            ("(5)万元", Some("-5")),
            ("", None),
            ("-", None),
            ("--", None),
            ("—", None),
            ("／", None),
            ("\u{3000}", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                amount(input),
                Ok(want.map(str::to_string)),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn amounts_that_are_not_numbers() {
        for input in [
            "¥",
            "¥¥5",
            "5¥",
            "12,5",
            "1,23,456",
            "abc",
            "1.2.3",
            "12元5",
            "亿",
            "1e",
            "1e9999",
            "- 5x",
            "0x10",
            "1 234",
            "NaN",
            "inf",
            "#DIV/0!",
            "1e15",
            "-2000000000000000",
            "999999999999亿",
            "()",
            "(-5)",
            "((5))",
            "(5",
            "(¥(5))",
        ] {
            assert!(parse_amount(input).is_err(), "input {input:?} should fail");
        }
    }

    #[test]
    fn amounts_too_large_say_so_whatever_their_form() {
        for input in [
            "1e15",
            "-2000000000000000",
            "999999999999亿",
            "79228162514264337593543950335",
            "99999999999999999999999999999",
            &"9".repeat(50),
            "1e400",
            "1,000,000,000,000,000,000,000,000,000,000",
        ] {
            assert_eq!(
                parse_amount(input),
                Err(TOO_LARGE.to_string()),
                "input {input:?}"
            );
        }
        // Too small for a decimal is no amount a clerk writes: not a number.
        assert_eq!(parse_amount("1e-400"), Err("is not a number".to_string()));
        let percent = Err(PERCENT_NO_AMOUNT.to_string());
        assert_eq!(parse_amount("85%"), percent);
        assert_eq!(parse_amount("１２.５％"), percent);
        assert_eq!(parse_amount("%"), Err("is not a number".to_string()));
        // Zero is zero at any power of ten.
        for zero in ["0e400", "0.0e50", "0E+100", "-0e999"] {
            assert_eq!(
                parse_amount(zero),
                Ok(Some(Decimal::ZERO)),
                "input {zero:?}"
            );
        }
    }

    fn month(s: &str) -> Result<Option<String>, String> {
        parse_month(s).map(|m| m.map(|m| m.to_string()))
    }

    #[test]
    fn months_in_every_form() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-06", Some("2024-06")),
            ("2024-6", Some("2024-06")),
            ("2024/6", Some("2024-06")),
            ("2024.6", Some("2024-06")),
            ("2024年6月", Some("2024-06")),
            ("2024年06月", Some("2024-06")),
            ("2024年6月15日", Some("2024-06")),
            ("202406", Some("2024-06")),
            ("20240615", Some("2024-06")),
            ("2024-06-15", Some("2024-06")),
            ("2024/6/1", Some("2024-06")),
            ("2024/6/1 0:00", Some("2024-06")),
            ("2024-06-01T00:00:00", Some("2024-06")),
            ("2024-06-01T08:00:00+08:00", Some("2024-06")),
            ("2024/6/1 12:30 PM", Some("2024-06")),
            ("2024/6/1 上午 12:00:00", Some("2024-06")),
            ("2024年6月1日 星期六", Some("2024-06")),
            // Spaced out, as Chinese typesetting does; at a month's end.
            ("2024 年 6 月", Some("2024-06")),
            ("2024年 6月", Some("2024-06")),
            ("2024. 6", Some("2024-06")),
            ("2024 年 6 月 1 日 星期六", Some("2024-06")),
            ("2024年6月 1日", Some("2024-06")),
            ("2024年6月1日 12:00", Some("2024-06")),
            ("2024年6月1日 12时30分", Some("2024-06")),
            ("2024 年 6 月 1 日 8:30", Some("2024-06")),
            ("2024年6月末", Some("2024-06")),
            ("2024年6月底", Some("2024-06")),
            ("2024-06-01 00:00:00 +0800", Some("2024-06")),
            ("2024-06-01 00:00:00.000", Some("2024-06")),
            ("2024-06-01T08:00:00.200000", Some("2024-06")),
            // A range of months, for its last.
            ("2024年1-6月", Some("2024-06")),
            ("2024年1月至6月", Some("2024-06")),
            ("2024年１～６月", Some("2024-06")),
            // (A date, not a range.)
            ("2024-1-6", Some("2024-01")),
            ("２０２４年６月", Some("2024-06")),
            (" 2024-12 ", Some("2024-12")),
            // In English, as an English-language Windows shows dates.
            ("Jul-24", Some("2024-07")),
            ("JUL-24", Some("2024-07")),
            ("Oct-2024", Some("2024-10")),
            ("July 2024", Some("2024-07")),
            ("Sept 2024", Some("2024-09")),
            ("1-Jul-24", Some("2024-07")),
            ("01-Jul-2024", Some("2024-07")),
            ("Jul 1, 2024", Some("2024-07")),
            ("2024-Jul-01", Some("2024-07")),
            ("Dec-99", Some("1999-12")),
            ("Dec-30", Some("2030-12")),
            ("2024-06 (Jun)", Some("2024-06")),
            // A date with its year last, where it is one date alone.
            ("13/7/2024", Some("2024-07")),
            ("7/13/2024", Some("2024-07")),
            ("7/7/2024", Some("2024-07")),
            ("", None),
            ("-", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                month(input),
                Ok(want.map(str::to_string)),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn error_values_of_every_spreadsheet() {
        for error in [
            "#N/A",
            " #n/a ",
            "#DIV/0!",
            "#SPILL!",
            "#ERROR!",
            "Err:502",
            "＃N/A",
            "\u{3000}#N/A",
            "\u{a0}#N/A",
        ] {
            assert!(is_error_value(error), "{error}");
        }
        for text in ["#12", "#1号楼", "#N/A 待定", "Err:5021", "N/A", "Error"] {
            assert!(!is_error_value(text), "{text}");
        }
    }

    #[test]
    fn names_dated_alone() {
        for name in [
            "东区20240705",
            "东区_2024-07-03",
            "2024年7月5日",
            "2024 年 7 月 5 日",
        ] {
            assert!(dated_alone(name), "{name}");
        }
        for name in [
            "东区2024-06",
            "东区_20240705_2024-06",
            "东区6月份进展表(2024.7.3)",
            "东区",
        ] {
            assert!(!dated_alone(name), "{name}");
        }
    }

    #[test]
    fn dates_in_chinese_numerals() {
        for (text, arabic) in [
            ("二〇二四年六月十五日", "2024年6月15日"),
            ("二零二四年十二月", "2024年12月"),
            ("一至六月完成投资", "1至6月完成投资"),
            ("一月至十一月", "1月至11月"),
            ("截至六月三十日", "截至6月30日"),
            ("二十日", "二十日"),
            ("第一月", "第一月"),
            ("统一月报", "统一月报"),
            ("一月度", "一月度"),
            ("2024年六月报表", "2024年6月报表"),
            ("十三月", "十三月"),
            ("一年", "一年"),
            ("一至六", "一至六"),
            ("三十二日", "三十二日"),
            ("六月三十二日", "6月三十二日"),
            ("2024年6月", "2024年6月"),
        ] {
            assert_eq!(arabic_dates(text), arabic, "{text}");
        }
        assert_eq!(
            parse_month("二〇二四年三月十五日"),
            Ok(YearMonth::new(2024, 3))
        );
        assert_eq!(parse_month("2024年十月"), Ok(YearMonth::new(2024, 10)));
        // Written short, spaced out as typed, with a dash of another width.
        for text in [
            "24年6月",
            "24年6月1日",
            "24年06月份",
            "2024 - 06",
            "2024- 06",
            "2024/ 6",
            "2024 / 6",
            "2024—06",
            "2024–06",
            "2024－06",
            "2024—06—01",
        ] {
            assert_eq!(parse_month(text), Ok(YearMonth::new(2024, 6)), "{text}");
        }
        // Not a year of two figures without 年, nor two months, nor a range's first.
        for text in [
            "24-06",
            "24.6",
            "2024-01 - 2024-06",
            "2024-01 2024-06",
            "24年",
        ] {
            assert!(parse_month(text).is_err(), "{text}");
        }
        assert_eq!(parse_month("24年1-6月"), Ok(YearMonth::new(2024, 6)));
        assert_eq!(parse_month("99年6月"), Ok(YearMonth::new(1999, 6)));
        assert_eq!(parse_month("89年6月"), Ok(YearMonth::new(2089, 6)));
        assert_eq!(parse_month("2024年1—6月"), Ok(YearMonth::new(2024, 6)));
        assert_eq!(month_in_name("2024年六月重点项目"), YearMonth::new(2024, 6));
        assert_eq!(bare_month("十一月份"), Some(11));
    }

    #[test]
    fn ranges_of_no_year() {
        for (name, month) in [
            ("1-2月", Some(2)),
            ("1-2月份", Some(2)),
            ("1至2月", Some(2)),
            ("1~2月", Some(2)),
            ("1月-2月", Some(2)),
            (" 1－2月 ", Some(2)),
            ("1-12月", Some(12)),
            ("2-1月", None),
            ("1-13月", None),
            ("2024年1-2月", None),
            ("东区1-2月", None),
            ("1-2", None),
            ("2月", None),
        ] {
            assert_eq!(bare_range_month(name), month, "{name}");
        }
    }

    #[test]
    fn months_of_no_year_in_names() {
        for (name, month) in [
            ("6月", Some(6)),
            ("东区6月", Some(6)),
            ("东区06月份报表", Some(6)),
            ("六月", Some(6)),
            ("东区六月", Some(6)),
            ("东区统一月报", None),
            ("东区十二月", Some(12)),
            ("东区一至六月", Some(6)),
            ("东区第一月度报表", None),
            ("东区二十五月", None),
            ("东区1-6月", Some(6)),
            ("东区1月至6月", Some(6)),
            ("东区月报", None),
            ("东区16月", None),
            ("东区7月5日报送", None),
            ("1月、2月", None),
            ("东区1、2月份", None),
            ("东区4，5，6月", None),
            // Months apart are two (not where an item's number is: June's).
            ("东区4、6月", None),
            ("东区4,6月份", None),
            ("1、6月份进展", Some(6)),
            ("附件1、6月份进展", Some(6)),
            ("东区", None),
        ] {
            assert_eq!(month_of_no_year(name), month, "{name}");
        }
        for (name, months) in [
            ("东区4、6月", Some(vec![4, 6])),
            ("东区4，6月", Some(vec![4, 6])),
            ("东区2、3、5月", Some(vec![2, 3, 5])),
            ("东区1、2月份", Some(vec![1, 2])),
            ("1、5、6月", Some(vec![5, 6])),
            ("表2、6月", None),
            ("东区6、4月", None),
        ] {
            assert_eq!(months_of_no_year_listed(name), months, "{name}");
        }
    }

    #[test]
    fn a_ranges_months() {
        let months = |t: &str| range_months(t).map(|(a, b)| (a.to_string(), b.to_string()));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(months("2024年1-6月"), pair("2024-01", "2024-06"));
        assert_eq!(months("2024年4月至6月"), pair("2024-04", "2024-06"));
        assert_eq!(months("2024年1〜3月"), pair("2024-01", "2024-03"));
        assert_eq!(months("2024年6月"), None);
        assert_eq!(months("1-6月"), None);
        // Its 月 left off: a range where the months run forward after a year's 年.
        assert_eq!(months("2024年1-6"), pair("2024-01", "2024-06"));
        assert_eq!(months("2024年 1至6"), None);
        assert_eq!(months("2024年3-15"), None);
        assert_eq!(months("2024年6-1"), None);
        assert_eq!(months("2024-1-6"), None);
        // (In a cell, a date: 10 March.)
        for date in ["2024年3-15", "2024年3-10"] {
            assert_eq!(parse_month(date).unwrap().unwrap().to_string(), "2024-03");
        }
    }

    #[test]
    fn dates_with_their_year_last_say_why_they_are_not_read() {
        let why = parse_month("7/1/2024").unwrap_err();
        assert_eq!(
            why,
            "is not a month: with its year last, it may be month 7 or month 1 (write it with the \
             year first, 2024-07-01 or 2024-01-07)"
        );
        assert_eq!(parse_month("x/1/2024"), Err(NOT_A_MONTH.to_string()));
    }

    #[test]
    fn a_date_with_its_year_last_may_be_either_of_two_months() {
        let either = |text| month_or_day_first(text).map(|m| m.map(|(m, d)| format!("{m}-{d}")));
        for text in ["07/01/2024", "7/1/2024 0:00", "７/１/２０２４"] {
            assert_eq!(
                either(text),
                Some(["2024-07-1".into(), "2024-01-7".into()]),
                "{text}"
            );
        }
        // One date alone, or no date of this form.
        for text in [
            "7/7/2024",
            "13/7/2024",
            "7/13/2024",
            "0/7/2024",
            "2024/7/1",
            "7/1/24",
        ] {
            assert_eq!(either(text), None, "{text}");
        }
        assert_eq!(either("7/1/1900"), None);
    }

    #[test]
    fn a_date_serial_in_text_is_said_to_be_one() {
        assert_eq!(
            parse_month("45444"),
            Err(
                "is not a month: it may be the date 2024-06-01, as a spreadsheet keeps dates, \
                 a number; format the column as dates or text"
                    .to_string()
            )
        );
        // (Outside the years read, no date is named.)
        assert_eq!(parse_month("12345"), Err(NOT_A_MONTH.to_string()));
    }

    #[test]
    fn months_that_are_not_months() {
        for input in [
            "2024-13",
            "2024-00",
            "6月",
            "June",
            "2024",
            "24-06",
            "2024-02-30",
            "2024/6/1/2",
            "202413",
            "abcdef",
            "2024-06x",
            "2024-01 2024-06",
            "2024-01 至 06",
            "2024-01 至 2024-06",
            "2024年1-13月",
            "2024年0-6月",
            "2024年13-6月",
            "2024年1月 - 6月",
            "2024-01 - 06",
            "2024 年 1 月 至 6 月 2024 年",
            "2024年 6月 7月",
            "24-Jul",
            "Jul",
            "Jul 1 24",
            "Jul-24-25",
            "Junk 2024",
            "31-Jun-24",
            "June 15",
            "Jul 24",
            "7/1/2024",
            "13/13/2024",
            "0/7/2024",
        ] {
            assert!(parse_month(input).is_err(), "input {input:?} should fail");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            month_from_excel_serial(45444.0).unwrap().to_string(),
            "2024-06"
        );
        assert_eq!(
            month_from_excel_serial(45443.5).unwrap().to_string(),
            "2024-05"
        );
        assert_eq!(month_from_excel_serial(f64::NAN), None);
        assert_eq!(month_from_excel_serial(-3.0), None);
    }

    #[test]
    fn months_in_file_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-06", Some("2024-06")),
            ("2024-06.csv", Some("2024-06")),
            ("2024_6", Some("2024-06")),
            ("202406", Some("2024-06")),
            ("月报202406金川区", Some("2024-06")),
            ("20240630", Some("2024-06")),
            ("2024年6月重点项目", Some("2024-06")),
            ("金川区2024年12月", Some("2024-12")),
            // A count after the year (10个, 35项) is not a month: the month of no year is the
            // year's.
            ("东区2024年10个重点项目6月进展", Some("2024-06")),
            ("2024年35项重点项目5月份进展", Some("2024-05")),
            ("2024年10个重点项目", None),
            ("2024年10个重点项目5月、6月", None),
            ("2024年10", Some("2024-10")),
            // A month without its 月 before other words is still one.
            ("2024年06报表", Some("2024-06")),
            ("东区2024年06进度", Some("2024-06")),
            ("2024年6东区", Some("2024-06")),
            ("2024年12家单位", None),
            // Written apart (a folder's name): the same.
            ("2024 年 6 月", Some("2024-06")),
            ("金川区 2024年 12 月份", Some("2024-12")),
            ("2024年1-6月进度", Some("2024-06")),
            ("2024年1至6月", Some("2024-06")),
            ("2024年1—12月", Some("2024-12")),
            // Ranges written otherwise (each was January).
            ("2024年1月至6月", Some("2024-06")),
            ("2024年1月-6月", Some("2024-06")),
            ("2024年1月—6月", Some("2024-06")),
            ("2024年1月～6月", Some("2024-06")),
            ("2024年1月到6月进度", Some("2024-06")),
            ("2024-1-6", Some("2024-01")),
            // A day after a separator other than the year's: not a range.
            ("2024_06-07报", Some("2024-06")),
            ("2024.06-15", Some("2024-06")),
            ("2024年6月（2024.07-10报送）", Some("2024-06")),
            ("2024年6月-15月", Some("2024-06")),
            ("2024年6月-东区", Some("2024-06")),
            ("2024年5月、6月", None),
            ("2024年5月和6月", None),
            // (Read as January, the second month passed over.)
            ("东区2024年1、2月份", None),
            ("2024年4，5，6月", None),
            ("2024年5,6月", None),
            ("2024年5月6月", None),
            ("2024-01-06", Some("2024-01")),
            ("2024-06-15.csv", Some("2024-06")),
            ("金川区", None),
            ("projects", None),
            ("12345678901", None),
            ("2024", None),
            ("2024-13", None),
            ("2024年6月份", Some("2024-06")),
            // A month beside a date (when the file was sent): the month.
            ("东区_20240705_2024-06", Some("2024-06")),
            ("2024-05-31东区2024-06", Some("2024-06")),
            ("2024年7月5日报送2024年6月进度", Some("2024-06")),
            ("2024.7.5报2024.6", Some("2024-06")),
            // Dates alone, or one month said twice: that month.
            ("20240630_20240615", Some("2024-06")),
            ("2024-06东区2024年6月", Some("2024-06")),
            // Two months: none is chosen.
            ("东区(编号202312)2024-06", None),
            ("20240705_20240630", None),
            // A month of no year beside the day it was sent: that month, of the day's year.
            ("东区6月份重点项目进展表(2024.7.3)", Some("2024-06")),
            ("东区6月份进展(20240703)", Some("2024-06")),
            ("东区六月进展表2024-07-03", Some("2024-06")),
            ("1-6月完成情况（2024年7月3日报）", Some("2024-06")),
            ("12月份(2025.1.6)", Some("2024-12")),
            ("东区7月(2024.6.28)", Some("2024-07")),
            ("东区统一月报(2024.7.3)", Some("2024-07")),
            ("东区第一月报(2024.7.3)", Some("2024-07")),
            ("东区统一月度报表(2024.7.3)", Some("2024-07")),
            ("第一月进展(2024.7.3)", Some("2024-07")),
            ("东区六月份进展(2024.7.3)", Some("2024-06")),
            ("东区(7月3日报)20240703", Some("2024-07")),
            ("5月、6月(2024.7.3)", None),
            ("1月-6月(2024.7.3)", Some("2024-06")),
        ];
        for (input, want) in cases {
            assert_eq!(
                month_in_name(input).map(|m| m.to_string()).as_deref(),
                *want,
                "input {input:?}"
            );
        }
        for range in ["2024年1月至6月", "2024年1-6月", "1月-6月"] {
            assert!(names_a_range(range), "{range}");
        }
        assert!(!names_a_range("2024年6月"));
        let two = months_in_name("东区(编号202312)2024-06").unwrap_err();
        assert_eq!(two.map(|m| m.to_string()), ["2023-12", "2024-06"]);
    }
}
