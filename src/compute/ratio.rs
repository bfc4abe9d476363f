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
/// for rates already worked out.
pub fn points_between(rate: Option<Decimal>, other: Option<Decimal>) -> Option<Decimal> {
    Some((rate? - other?) * Decimal::ONE_HUNDRED)
}

/// Rounds half away from zero, as Excel's ROUND does: the one rounding helper.
pub fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
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
    fn rounding_is_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(round(d("0.0625"), 3), d("0.063"));
        assert_eq!(round(d("-0.0625"), 3), d("-0.063"));
        assert_eq!(round(d("2.5"), 0), d("3"));
        assert_eq!(round(d("0.3810"), 3), d("0.381"));
    }
}
