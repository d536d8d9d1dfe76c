//! Realistic synthetic intake records, deterministic for a seed. Used by the
//! benchmarks, by rescreen tests, and by a property test that every
//! generated record assesses without error. Kinds of income, assets and
//! documents are drawn from the pack, so the generator follows the rules.

use crate::dates::{Date, add_days};
use crate::model::*;
use crate::money::Money;
use crate::rules::Pack;
use rust_decimal::Decimal;

/// SplitMix64: small, fast, and the same everywhere for a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// Whole dollars and cents in lo..hi.
    pub fn money(&mut self, lo: u64, hi: u64) -> Money {
        let cents = lo * 100 + self.below((hi - lo).max(1) * 100);
        Money(Decimal::new(cents as i64, 2))
    }
}

fn yes_no(rng: &mut Rng, percent_yes: u64) -> Option<bool> {
    Some(rng.chance(percent_yes))
}

/// One record; the same (seed, index) always gives the same record.
pub fn record(pack: &Pack, as_of: Date, seed: u64, index: u64) -> Intake {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(index));
    let couple = rng.chance(45);
    let extra_children = if rng.chance(10) { 1 + rng.below(3) } else { 0 };
    let income_kinds: Vec<&String> = pack.income_kinds.keys().collect();
    let asset_kinds: Vec<&String> = pack.asset_kinds.keys().collect();
    let doc_kinds: Vec<&String> = pack
        .proofs
        .as_ref()
        .map(|p| p.documents.keys().collect())
        .unwrap_or_default();
    let statuses: Vec<&String> = pack.immigration.statuses.keys().collect();
    let mut people = Vec::new();
    let adults = if couple { 2 } else { 1 };
    for i in 0..adults {
        let age = if rng.chance(80) {
            60 + rng.below(35)
        } else {
            22 + rng.below(40)
        };
        let birth = add_days(as_of, -((age as i64) * 365 + rng.below(365) as i64));
        let citizen = rng.chance(85);
        let mut p = Person {
            id: format!("p{}", i + 1),
            name: Some(format!("Person {}", i + 1)),
            applying: true,
            birth_date: Some(birth),
            marital_status: Some(
                if couple {
                    "married"
                } else {
                    *rng.pick(&["single", "widowed", "divorced"])
                }
                .into(),
            ),
            lives_with_spouse: couple.then_some(true),
            spouse: couple.then(|| format!("p{}", 2 - i)),
            resident: yes_no(&mut rng, 97),
            incarcerated: yes_no(&mut rng, 1),
            citizenship: Some(if citizen { "citizen" } else { "noncitizen" }.into()),
            medicare: Some(
                if age >= 65 {
                    *rng.pick(&["has", "has", "has", "eligible"])
                } else {
                    "none"
                }
                .into(),
            ),
            ssi: yes_no(&mut rng, 8),
            ssdi: yes_no(&mut rng, 6),
            disabled: yes_no(&mut rng, 12),
            eaedc_cash: yes_no(&mut rng, 2),
            masshealth_on_1997_06_30: yes_no(&mut rng, 3),
            incomes_complete: Some(true),
            assets_complete: Some(true),
            ..Default::default()
        };
        if !citizen && !statuses.is_empty() {
            p.immigration = Some(Immigration {
                status: rng.pick(&statuses).to_string(),
                status_date: Some(add_days(as_of, -(rng.below(20 * 365) as i64))),
                entered_us: Some(add_days(as_of, -(rng.below(30 * 365) as i64 + 365))),
                longest_absence_days: Some(rng.below(60) as u32),
                total_absence_days: Some(rng.below(150) as u32),
                had_always_qualified_status: yes_no(&mut rng, 5),
            });
        }
        if rng.chance(20) {
            p.care = Some(Care {
                level_of_care: Some(
                    rng.pick(&["none", "nursing_facility", "hospital"])
                        .to_string(),
                ),
                setting: Some(
                    rng.pick(&["home", "home", "ltc_facility", "waiting_for_facility"])
                        .to_string(),
                ),
                continuous_inpatient_days: Some(rng.below(200) as u32),
                needs_pca: yes_no(&mut rng, 30),
                in_pace_area: yes_no(&mut rng, 60),
                in_sco_area: yes_no(&mut rng, 70),
                safe_in_community: yes_no(&mut rng, 80),
                agrees_pace_only: yes_no(&mut rng, 50),
                ..Default::default()
            });
        }
        for _ in 0..1 + rng.below(3) {
            let kind = rng.pick(&income_kinds).to_string();
            let monthly = rng.money(50, 2500);
            let data = rng.chance(40).then(|| rng.money(50, 2600));
            p.incomes.push(Income {
                kind,
                monthly,
                data_source_monthly: data,
            });
        }
        for _ in 0..rng.below(4) {
            let kind = rng.pick(&asset_kinds).to_string();
            let value = rng.money(0, if kind == "home" { 600_000 } else { 12_000 });
            p.assets.push(Asset {
                kind,
                value,
                face_value: rng.chance(30).then(|| rng.money(500, 3000)),
                term: yes_no(&mut rng, 20),
                lives_there: yes_no(&mut rng, 90),
                in_state: yes_no(&mut rng, 95),
            });
        }
        p.coverage = Some(Coverage {
            insured: yes_no(&mut rng, 60),
            underinsured: yes_no(&mut rng, 20),
            tricare: yes_no(&mut rng, 2),
            ..Default::default()
        });
        p.tax = Some(Tax {
            files: yes_no(&mut rng, 80),
            files_jointly: couple.then_some(true),
            ..Default::default()
        });
        p.ssn = Some(
            rng.pick(&["given", "given", "given", "applied", "none"])
                .to_string(),
        );
        for _ in 0..rng.below(4) {
            if doc_kinds.is_empty() {
                break;
            }
            p.documents.push(Document {
                kind: rng.pick(&doc_kinds).to_string(),
                date: Some(add_days(as_of, -(rng.below(500) as i64))),
                place: rng
                    .chance(50)
                    .then(|| rng.pick(&["us_state", "puerto_rico", "guam"]).to_string()),
                ..Default::default()
            });
        }
        people.push(p);
    }
    for c in 0..extra_children {
        people.push(Person {
            id: format!("c{}", c + 1),
            applying: false,
            birth_date: Some(add_days(as_of, -(rng.below(18 * 365) as i64))),
            incomes_complete: Some(true),
            assets_complete: Some(true),
            ..Default::default()
        });
    }
    Intake {
        as_of: Some(as_of),
        household: Household {
            size: Some(people.len() as u32),
            ..Default::default()
        },
        people,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_records_and_all_assess() {
        let pack = Pack::open("ma").unwrap();
        let as_of = Date::from_ymd_opt(2016, 6, 1).unwrap();
        for i in 0..300 {
            let a = record(&pack, as_of, 7, i);
            assert_eq!(a, record(&pack, as_of, 7, i));
            crate::engine::assess(&pack, &a, as_of).unwrap_or_else(|e| panic!("record {i}: {e}"));
        }
        assert_ne!(record(&pack, as_of, 7, 0), record(&pack, as_of, 8, 0));
    }
}
