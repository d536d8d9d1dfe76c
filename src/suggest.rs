//! "Did you mean ...": the known names closest to a misspelled one.

fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Up to three known names closest to `word`, nearest first.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let w = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| {
            let d = distance(&w, k);
            // A shared prefix or containment is a strong hint.
            let bonus = if k.contains(&w) || w.contains(k) {
                2
            } else {
                0
            };
            (d.saturating_sub(bonus), k)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// "unknown kind of income 'wage'; the closest known are: wages, ..."
pub fn unknown<'a>(what: &str, word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let c = closest(word, known);
    if c.is_empty() {
        format!("unknown {what} '{word}'")
    } else {
        format!(
            "unknown {what} '{word}'; the closest known are: {}",
            c.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn nearest_first() {
        let known = ["wages", "pension", "social_security", "self_employment"];
        assert_eq!(closest("wage", known)[0], "wages");
        assert_eq!(closest("pensoin", known)[0], "pension");
        assert!(unknown("kind of income", "socialsecurity", known).contains("social_security"));
    }
}
