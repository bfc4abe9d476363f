//! How numbers are shown: the one place that rounds (half away from zero) and formats amounts,
//! rates and percentage points for people.

use rust_decimal::Decimal;

use crate::compute::{Ratio, percent_of, round};

/// Labels in Chinese (default) or English. JSON keys are always English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Picks the label for this language.
    pub fn tr(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A period as a bulletin names it: in Chinese as a Chinese bulletin does (`2024年第二季度`,
/// `2024年上半年`), in English as `--period` takes it (`2024-Q2`); a month as `2024-06` in both.
pub fn period(p: &crate::compute::Period, lang: Lang) -> String {
    match lang {
        Lang::Zh => p.chinese_name(),
        Lang::En => p.to_string(),
    }
}

/// What is shown for a rate with no denominator.
pub const NA: &str = "n/a";

/// `1,234,567.89`: an amount in 万元, two decimals, thousands separators.
pub fn amount(value: Decimal) -> String {
    grouped(round(value, 2), 2)
}

/// A large amount in 万元 for people, with its unit: `39.10亿元` from 1亿 up, below that in 万元
/// (`4,667.00万元`), which 亿元 to two places would show as `0.47亿元`, or `0.00亿元` for a county's
/// month of 46.67万元.
pub fn large(value: Decimal, lang: Lang) -> String {
    let yi = Decimal::from(10_000);
    if value.abs() >= yi {
        let unit = lang.tr("亿元", " 亿元 (100M yuan)");
        format!("{}{unit}", grouped(round(value / yi, 2), 2))
    } else {
        format!("{}{}", amount(value), lang.tr("万元", " 万元"))
    }
}

fn grouped(value: Decimal, places: usize) -> String {
    let text = format!("{:.*}", places, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = grouped_digits(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if value.is_sign_negative() && !value.is_zero() {
        out.insert(0, '-');
    }
    out
}

/// Whole-number digits with a comma between each three from the right: `1,234,567`.
pub(crate) fn grouped_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `38.1%`, or n/a.
pub fn rate(r: &Ratio) -> String {
    match r.value() {
        Some(v) => percent(v),
        None => NA.to_string(),
    }
}

/// A fraction as a percentage with one decimal: 0.3811 → `38.1%` (n/a beyond a decimal's range).
pub fn percent(fraction: Decimal) -> String {
    match percent_of(fraction) {
        Some(p) => format!("{:.1}%", round(p, 1)),
        None => NA.to_string(),
    }
}

/// `66.1% (37/56)`: a rate of counts with its numerator and denominator.
pub fn rate_of(r: &Ratio) -> String {
    format!("{} ({}/{})", rate(r), r.num.normalize(), r.den.normalize())
}

/// `+9.2`, `-15.7`, `0.0`: percentage points, or n/a.
pub fn points(p: Option<Decimal>) -> String {
    match p {
        None => NA.to_string(),
        Some(p) => {
            let r = round(p, 1);
            if r > Decimal::ZERO {
                format!("+{r:.1}")
            } else if r.is_zero() {
                "0.0".to_string()
            } else {
                format!("{r:.1}")
            }
        }
    }
}

/// `↑2`, `↓1`, `–`; `new` for a group that was not ranked before.
pub fn change(c: Option<i64>, lang: Lang) -> String {
    match c {
        None => lang.tr("新", "new").to_string(),
        Some(0) => "–".to_string(),
        Some(n) if n > 0 => format!("↑{n}"),
        Some(n) => format!("↓{}", -n),
    }
}

/// A score (a weighted fraction) on a 100-point scale: `62.35`.
pub fn score(s: Decimal) -> String {
    match percent_of(s) {
        Some(p) => format!("{:.2}", round(p, 2)),
        None => NA.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amounts() {
        assert_eq!(amount(d("1234567.891")), "1,234,567.89");
        assert_eq!(amount(d("0.005")), "0.01");
        assert_eq!(amount(d("-1234.5")), "-1,234.50");
        assert_eq!(amount(d("999")), "999.00");
        assert_eq!(large(d("391000"), Lang::Zh), "39.10亿元");
        assert_eq!(large(d("10000"), Lang::Zh), "1.00亿元");
        assert_eq!(large(d("-12345"), Lang::Zh), "-1.23亿元");
        assert_eq!(large(d("9999.996"), Lang::Zh), "10,000.00万元");
        assert_eq!(large(d("46.67"), Lang::Zh), "46.67万元");
        assert_eq!(large(d("2500"), Lang::En), "2,500.00 万元");
        assert_eq!(large(d("25000"), Lang::En), "2.50 亿元 (100M yuan)");
    }

    #[test]
    fn rates_and_points() {
        assert_eq!(rate(&Ratio::new(d("14.9"), d("39.1"))), "38.1%");
        assert_eq!(rate(&Ratio::new(1, 0)), "n/a");
        assert_eq!(rate_of(&Ratio::new(37, 56)), "66.1% (37/56)");
        assert_eq!(rate(&Ratio::new(d("0.0625"), 1)), "6.3%");
        assert_eq!(points(Some(d("9.25"))), "+9.3");
        assert_eq!(points(Some(d("-15.65"))), "-15.7");
        assert_eq!(points(Some(d("-0.04"))), "0.0");
        assert_eq!(points(None), "n/a");
        assert_eq!(change(Some(2), Lang::Zh), "↑2");
        assert_eq!(change(Some(-1), Lang::Zh), "↓1");
        assert_eq!(change(Some(0), Lang::En), "–");
        assert_eq!(score(d("0.623456")), "62.35");
    }
}
