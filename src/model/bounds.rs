//! The bounds every intake record is held to, wherever it comes from (a
//! file, the case store, the interview): how many people, how large a
//! household, which dates are plausible, how big and how deep a record file
//! may be. One place, so the record check (engine/validate.rs), the
//! interview (its questions are checked against these when it loads) and
//! docs/intake-format.md say the same thing.

use crate::dates::{Date, age_on};
use chrono::Datelike;
use std::ops::RangeInclusive;

/// People listed in one record.
pub const MAX_PEOPLE: usize = 20;

/// A household's size, counting people not listed. The interview's question
/// that fills `household.size` must allow exactly this range.
pub const HOUSEHOLD_SIZE: RangeInclusive<u32> = 1..=20;

/// The years any date in a record may fall in.
pub const YEARS: RangeInclusive<i32> = 1880..=2200;

/// Nobody is older than this on the as-of date.
pub const MAX_AGE: i64 = 130;

/// The largest record file read unless `--max-record-bytes` says otherwise.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// How deep a record file may nest (flow brackets and block indentation
/// together). A record needs about six levels.
pub const MAX_NESTING: usize = 64;

/// The first day a date may fall on.
pub fn earliest() -> Date {
    Date::from_ymd_opt(*YEARS.start(), 1, 1).unwrap_or(Date::MIN)
}

/// A date outside [`YEARS`].
pub fn implausible_year(d: Date) -> bool {
    !YEARS.contains(&d.year())
}

/// Why a date of birth cannot be right on `as_of`: before [`earliest`],
/// or more than [`MAX_AGE`] years before it. `None` when it can be.
pub fn implausible_birth(birth: Date, as_of: Date) -> Option<Implausible> {
    if birth < earliest() {
        return Some(Implausible::TooEarly);
    }
    let age = age_on(birth, as_of);
    (age > MAX_AGE).then_some(Implausible::TooOld { age })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implausible {
    TooEarly,
    TooOld { age: i64 },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn birth_dates() {
        let as_of = d(2016, 6, 1);
        assert_eq!(
            implausible_birth(d(0, 1, 1), as_of),
            Some(Implausible::TooEarly)
        );
        assert_eq!(
            implausible_birth(d(1879, 12, 31), as_of),
            Some(Implausible::TooEarly)
        );
        assert_eq!(
            implausible_birth(d(1885, 6, 1), as_of),
            Some(Implausible::TooOld { age: 131 })
        );
        assert_eq!(implausible_birth(d(1886, 6, 1), as_of), None);
        assert_eq!(implausible_birth(d(1945, 1, 1), as_of), None);
    }

    #[test]
    fn years() {
        assert!(implausible_year(d(1879, 12, 31)));
        assert!(!implausible_year(d(1880, 1, 1)));
        assert!(!implausible_year(d(2200, 12, 31)));
        assert!(implausible_year(d(2201, 1, 1)));
    }
}
