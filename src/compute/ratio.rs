//! Ratios kept as numerator and denominator, so every rate can be shown with both beside it and
//! is computed from unrounded sums; rounding happens once, when displayed.

use rust_decimal::{Decimal, RoundingStrategy};

/// A rate as `num / den`. A zero denominator has no value ("n/a"), never 0%.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: Decimal,
}

impl Ratio {
    pub fn new(num: impl Into<Decimal>, den: impl Into<Decimal>) -> Ratio {
        Ratio {
            num: num.into(),
            den: den.into(),
        }
    }

    /// The rate as a fraction (0.381 for 38.1%), `None` when the denominator is zero.
    pub fn value(&self) -> Option<Decimal> {
        if self.den.is_zero() {
            None
        } else {
            self.num.checked_div(self.den)
        }
    }

    /// Percentage points from `other` to this rate (`+9.2` when 59.2% is compared with 50%).
    pub fn points_over(&self, other: &Ratio) -> Option<Decimal> {
        points_between(self.value(), other.value())
    }
}

/// Percentage points from the rate `other` to `rate`, both as fractions: `Ratio::points_over`
/// for rates already worked out. None, as for a rate without a value, when either rate in
/// percent, or the points, are beyond what a decimal holds (a rate of 10^26 or so, from an
/// absurdly small plan: shown as n/a, its points beside it were a figure).
pub fn points_between(rate: Option<Decimal>, other: Option<Decimal>) -> Option<Decimal> {
    percent_of(rate?)?.checked_sub(percent_of(other?)?)
}

/// A fraction in percent (0.381 → 38.1); None when that is beyond what a decimal holds (a rate
/// of 10^26 or so, from an absurdly small plan), to be shown as a rate without a value.
pub fn percent_of(fraction: Decimal) -> Option<Decimal> {
    fraction.checked_mul(Decimal::ONE_HUNDRED)
}

/// The double nearest to `value`: what JSON readers and spreadsheets hold a number in.
/// (`Decimal::to_f64` scales in floating point, which can miss it by a step past 15 digits:
/// 927220.9463684743 came out as …742.)
pub fn nearest_f64(value: Decimal) -> f64 {
    /// Powers of ten that are exact as doubles.
    const TENS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let digits = value.mantissa().unsigned_abs();
    let magnitude = match TENS.get(value.scale() as usize) {
        // Both exact as doubles: one division, rounded once, to the nearest.
        Some(&ten) if digits <= 1 << 53 => digits as f64 / ten,
        // Rust reads decimal text to the nearest double.
        _ => value.abs().to_string().parse().unwrap_or(f64::NAN),
    };
    if value.is_sign_negative() {
        -magnitude
    } else {
        magnitude
    }
}

/// Rounds half away from zero, as Excel's ROUND does: the one rounding helper.
pub fn round(value: Decimal, places: u32) -> Decimal {
    // Most values rounded are rates, quotients of 28 digits: their digits are divided by a
    // power of ten at once, a tenth of what the general rounding costs. (The same result,
    // scale and sign included: a property test holds it to the general rounding.)
    let excess = value.scale().saturating_sub(places);
    if excess == 0 {
        return value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    }
    let digits = value.mantissa().unsigned_abs();
    let unit = 10u128.pow(excess);
    let (mut kept, dropped) = (digits / unit, digits % unit);
    if dropped >= unit - dropped {
        kept += 1;
    }
    let signed = if value.is_sign_negative() {
        -(kept as i128)
    } else {
        kept as i128
    };
    match Decimal::try_from_i128_with_scale(signed, places) {
        Ok(rounded) => rounded,
        Err(_) => value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominator_has_no_value() {
        assert_eq!(Ratio::new(3, 0).value(), None);
        assert_eq!(Ratio::new(0, 0).points_over(&Ratio::new(1, 2)), None);
    }

    #[test]
    fn the_nearest_double_past_fifteen_digits() {
        for text in [
            "927220.9463684743",
            "12.299999999999999",
            "-0.30000000000000004",
        ] {
            let value: Decimal = text.parse().unwrap();
            assert_eq!(nearest_f64(value), text.parse::<f64>().unwrap(), "{text}");
        }
        let mut zero = Decimal::ZERO;
        zero.set_sign_negative(true);
        assert!(nearest_f64(zero).is_sign_negative());
    }

    proptest::proptest! {
        /// As Rust reads the decimal's text: the nearest double, digits short and long.
        #[test]
        fn nearest_f64_is_the_nearest_double(
            digits in proptest::num::i128::ANY,
            scale in 0u32..=28,
        ) {
            let digits = if scale % 2 == 0 { digits % (1i128 << 96) } else { digits % (1i128 << 54) };
            let value = Decimal::from_i128_with_scale(digits, scale);
            let read: f64 = value.to_string().parse().unwrap();
            proptest::prop_assert_eq!(nearest_f64(value).to_bits(), read.to_bits(), "{}", value);
        }

        #[test]
        fn rounds_as_the_general_rounding_does(
            digits in proptest::num::i128::ANY,
            scale in 0u32..=28,
            places in 0u32..=8,
        ) {
            // Any digits, and few: halves, values that round to zero, and negative ones.
            let digits = if scale % 2 == 0 { digits % (1i128 << 96) } else { digits % 2_000_000 };
            let value = Decimal::from_i128_with_scale(digits, scale);
            let general = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            let quick = round(value, places);
            proptest::prop_assert_eq!(quick, general, "{} to {}", value, places);
            proptest::prop_assert_eq!(quick.scale(), general.scale(), "{} to {}", value, places);
            proptest::prop_assert_eq!(
                quick.is_sign_negative(),
                general.is_sign_negative(),
                "{} to {}",
                value,
                places
            );
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(round(d("0.0625"), 3), d("0.063"));
        assert_eq!(round(d("-0.0625"), 3), d("-0.063"));
        assert_eq!(round(d("2.5"), 0), d("3"));
        assert_eq!(round(d("0.3810"), 3), d("0.381"));
    }
}
