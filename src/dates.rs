//! Dates are chrono `NaiveDate`. What people type is forgiven ("2016-06-01",
//! "6/1/2016"); what is spoken is words ("June 1, 2016").

use chrono::{Datelike, Months, NaiveDate};

pub type Date = NaiveDate;

/// Read a date typed by a person. Accepts ISO (2016-06-01) and US
/// month/day/year (6/1/2016, 06/01/2016, 6-1-2016). Impossible dates
/// (February 30) are refused with a sentence that says so.
pub fn parse_date(input: &str) -> Result<Date, String> {
    let t = input.trim();
    if t.is_empty() {
        return Err("Enter a date, for example 2016-06-01 or 6/1/2016.".into());
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!(
            "\"{t}\" is not a date. Use 2016-06-01 or 6/1/2016."
        ));
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else if parts[2].len() == 4 {
        (nums[2], nums[0], nums[1])
    } else {
        return Err(format!("\"{t}\" needs a four-digit year, as in 6/1/2016."));
    };
    if !(1..=12).contains(&m) {
        return Err(format!(
            "\"{t}\" has no month {m}; months run from 1 to 12."
        ));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .ok_or_else(|| format!("{} {d}, {y} is not a real date.", month_name(m)))
}

pub fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// "June 1, 2016"
pub fn spoken(d: Date) -> String {
    format!("{} {}, {}", month_name(d.month()), d.day(), d.year())
}

/// Whole years from `birth` to `on` (a birthday counts on the day itself).
pub fn age_on(birth: Date, on: Date) -> i64 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years as i64
}

/// First day of the month `n` months after the month of `d`.
pub fn first_of_month_after(d: Date, n: u32) -> Date {
    let first = d.with_day(1).expect("day 1 exists");
    first.checked_add_months(Months::new(n)).unwrap_or(first)
}

pub fn add_months(d: Date, n: i32) -> Date {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32)).unwrap_or(d)
    } else {
        d.checked_sub_months(Months::new((-n) as u32)).unwrap_or(d)
    }
}

pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add_signed(chrono::Duration::days(n)).unwrap_or(d)
}

/// serde: an optional date read with `parse_date`, so a bad one is named
/// in words ("February 30, 2016 is not a real date"). The error is raised
/// inside the field, so the message keeps the field's path and line.
pub fn opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    struct Day;
    impl serde::de::Visitor<'_> for Day {
        type Value = Date;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date such as 2016-06-01")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
            parse_date(v).map_err(E::custom)
        }
    }
    struct MaybeDay;
    impl<'de> serde::de::Visitor<'de> for MaybeDay {
        type Value = Option<Date>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date such as 2016-06-01")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<Date>, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Date>, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Date>, D::Error> {
            d.deserialize_str(Day).map(Some)
        }
    }
    d.deserialize_option(MaybeDay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn forgiving_dates() {
        assert_eq!(parse_date("2016-06-01").unwrap(), d(2016, 6, 1));
        assert_eq!(parse_date("6/1/2016").unwrap(), d(2016, 6, 1));
        assert_eq!(parse_date("06/01/2016").unwrap(), d(2016, 6, 1));
        assert!(
            parse_date("2016-02-30")
                .unwrap_err()
                .contains("February 30, 2016 is not a real date")
        );
        assert!(parse_date("13/1/2016").is_err());
        assert!(parse_date("6/1/16").unwrap_err().contains("four-digit"));
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("").is_err());
    }

    #[test]
    fn spoken_and_ages() {
        assert_eq!(spoken(d(2016, 6, 1)), "June 1, 2016");
        assert_eq!(age_on(d(1951, 6, 1), d(2016, 6, 1)), 65);
        assert_eq!(age_on(d(1951, 6, 2), d(2016, 6, 1)), 64);
        assert_eq!(age_on(d(1952, 2, 29), d(2017, 2, 28)), 64);
        assert_eq!(first_of_month_after(d(2016, 12, 24), 1), d(2017, 1, 1));
        assert_eq!(first_of_month_after(d(2016, 12, 24), 2), d(2017, 2, 1));
    }
}
