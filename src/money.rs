//! Money is rust_decimal, never a float. `Money` refuses negative amounts when
//! read from a file, and `parse_money` forgives what people type ("1,010",
//! "$1010.50").

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);
    pub fn new(d: Decimal) -> Self {
        Money(d)
    }
    pub fn amount(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Money {
    /// "$1,010.00"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_usd(self.0))
    }
}

/// "$1,010.00", "-$5.25"
pub fn format_usd(d: Decimal) -> String {
    let r = d.round_dp(2);
    let neg = r.is_sign_negative() && !r.is_zero();
    let s = format!("{:.2}", r.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}${grouped}.{frac}", if neg { "-" } else { "" })
}

/// Read what a person typed as an amount of money: "1010", "1,010",
/// "$1010.50", " $ 1,010.5 ". Refuses negatives, more than two decimals,
/// and anything that is not a number, with a sentence saying which.
pub fn parse_money(input: &str) -> Result<Decimal, String> {
    let t: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Err("Enter an amount, for example 1,010 or $1010.50.".into());
    }
    if t.starts_with('-') || t.starts_with("$-") {
        return Err("The amount cannot be negative.".into());
    }
    let t = t.strip_prefix('$').unwrap_or(&t);
    // Commas must group thousands: "1,010" yes, "1,01" no.
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(format!(
                "\"{}\" is not a valid amount: commas must separate thousands.",
                input.trim()
            ));
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("\"{}\" is not an amount of money.", input.trim()));
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("\"{}\" is not an amount of money.", input.trim()));
        }
        if f.len() > 2 {
            return Err("Use at most two digits after the decimal point (cents).".into());
        }
    }
    let s = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    Decimal::from_str(&s).map_err(|_| format!("\"{}\" is too large an amount.", input.trim()))
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:.2}", self.0.round_dp(2)))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of money such as 1010 or 1010.50")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                if v < 0 {
                    return Err(E::custom(format!("money cannot be negative (got {v})")));
                }
                Ok(Money(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                // YAML reads 1010.50 as a float; go through its shortest
                // decimal text so 0.1 stays 0.1.
                self.visit_str(&format!("{v}"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                parse_money(v).map(Money).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn forgiving_parse() {
        assert_eq!(parse_money("1010").unwrap(), dec!(1010));
        assert_eq!(parse_money("1,010").unwrap(), dec!(1010));
        assert_eq!(parse_money("$1010.50").unwrap(), dec!(1010.50));
        assert_eq!(parse_money(" $ 1,234,567.5 ").unwrap(), dec!(1234567.5));
        assert!(parse_money("-5").is_err());
        assert!(parse_money("1,01").is_err());
        assert!(parse_money("abc").is_err());
        assert!(parse_money("1.234").is_err());
        assert!(parse_money("").is_err());
        assert!(parse_money("1.").is_err());
    }

    #[test]
    fn formats_with_commas() {
        assert_eq!(format_usd(dec!(1010)), "$1,010.00");
        assert_eq!(format_usd(dec!(828000)), "$828,000.00");
        assert_eq!(format_usd(dec!(72.8)), "$72.80");
        assert_eq!(format_usd(dec!(0.06)), "$0.06");
        assert_eq!(format_usd(dec!(-5.25)), "-$5.25");
        assert_eq!(format_usd(dec!(999)), "$999.00");
    }

    #[test]
    fn yaml_refuses_negative() {
        let e = serde_yaml::from_str::<Money>("-3").unwrap_err().to_string();
        assert!(e.contains("negative"), "{e}");
        assert_eq!(
            serde_yaml::from_str::<Money>("1010.5").unwrap(),
            Money(dec!(1010.5))
        );
        assert_eq!(
            serde_yaml::from_str::<Money>("'1,010'").unwrap(),
            Money(dec!(1010))
        );
    }
}
