//! "Did you mean ...": the known names closest to a misspelled one, and the
//! choices closest to what a caller said in their own words.

/// Edits between two words: a letter added, dropped or changed, or two
/// neighbours swapped ("pensoin" is one edit from "pension").
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
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

/// The words of a name: runs of letters and digits, in lower case
/// ("Permanent resident card (I-551)" is permanent, resident, card, i, 551).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many edits a word of `n` letters may be off by and still be taken
/// for another: none under four letters (a slip there makes another word).
fn allowed_edits(n: usize) -> usize {
    match n {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Could the caller have meant word `known` by `said`: the same word, its
/// first letters (three at least), another ending of it ("residency",
/// "naturalized"), or a slip of the keys?
fn alike(said: &str, known: &str) -> bool {
    if said == known {
        return true;
    }
    let (a, b) = (said.chars().count(), known.chars().count());
    if a >= 3 && known.starts_with(said) {
        return true;
    }
    let common = said
        .chars()
        .zip(known.chars())
        .take_while(|(x, y)| x == y)
        .count();
    if common >= 5 && common * 4 >= 3 * a.min(b) {
        return true;
    }
    let k = allowed_edits(a.min(b));
    k > 0 && distance(said, known) <= k
}

/// How well one name answers what was said: (letters said that are found
/// in it, tenths of the name's words that were said).
fn cover(said: &[String], name: &str) -> (usize, usize) {
    let name = words(name);
    if name.is_empty() {
        return (0, 0);
    }
    // The whole of it, run together or apart ("socialsecurty").
    let (s, n) = (said.concat(), name.concat());
    if allowed_edits(s.chars().count().min(n.chars().count())) >= distance(&s, &n) {
        return (s.chars().count(), 10);
    }
    let letters = said
        .iter()
        .filter(|w| name.iter().any(|x| alike(w, x)))
        .map(|w| w.chars().count())
        .sum();
    let hit = name
        .iter()
        .filter(|x| said.iter().any(|w| alike(w, x)))
        .count();
    (letters, hit * 10 / name.len())
}

/// The candidates whose names come closest to what was said, word by word,
/// best first, at most `max` of them: `candidates[i]` holds the names of
/// candidate i (a choice's label and its aliases), and the answer holds
/// indices into it. A candidate must account for at least half of the
/// letters said, and come near the best one, so a stray shared word ("card")
/// brings no list of guesses.
pub fn closest_by_words<S: AsRef<str>>(
    said: &str,
    candidates: &[Vec<S>],
    max: usize,
) -> Vec<usize> {
    let said = words(said);
    let total: usize = said.iter().map(|w| w.chars().count()).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, names)| {
            let (letters, share) = names
                .iter()
                .map(|n| cover(&said, n.as_ref()))
                .max()
                .unwrap_or((0, 0));
            (letters > 0 && letters * 2 >= total).then_some((letters, share, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let best = scored.first().map(|s| s.0).unwrap_or(0);
    scored
        .into_iter()
        .take_while(|s| s.0 * 4 >= best * 3)
        .take(max)
        .map(|s| s.2)
        .collect()
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

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(distance("pensoin", "pension"), 1);
        assert_eq!(distance("grean", "green"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "abc"), 3);
    }

    fn names(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|n| n.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn words_said_differently_find_the_name() {
        let c = names(&[
            &["U.S. passport or passport card"],
            &["U.S. Citizen ID card"],
            &[
                "Immigration document",
                "green card",
                "permanent resident card",
            ],
            &["Utility bill", "light bill"],
        ]);
        // Another ending, a slip, words run together or out of order.
        assert_eq!(closest_by_words("permanent residency card", &c, 3), vec![2]);
        assert_eq!(closest_by_words("grean card", &c, 3), vec![2]);
        assert_eq!(closest_by_words("card resident permanent", &c, 3), vec![2]);
        assert_eq!(closest_by_words("utilty", &c, 3), vec![3]);
        assert_eq!(closest_by_words("the ligth bill", &c, 3), vec![3]);
        // One shared word of three is no reason to guess.
        assert!(closest_by_words("library card holder", &c, 3).is_empty());
        assert!(closest_by_words("xyzzy", &c, 3).is_empty());
        assert!(closest_by_words("", &c, 3).is_empty());
        assert!(closest_by_words("--", &c, 3).is_empty());
    }

    #[test]
    fn short_words_are_never_guessed_at() {
        let c = names(&[&["Home"], &["Vehicle", "car"]]);
        // "cat" is one letter from "car", but three-letter words must be
        // said as they are (or as the start of a longer word).
        assert!(closest_by_words("cat", &c, 3).is_empty());
        assert_eq!(closest_by_words("hom", &c, 3), vec![0]);
    }

    #[test]
    fn ties_are_listed_best_first_up_to_the_limit() {
        let c = names(&[
            &["Pension stub"],
            &["Pension or retirement statement"],
            &["Award letter"],
        ]);
        // Both pension papers; the one more fully said first.
        assert_eq!(closest_by_words("pensoin stub", &c, 3), vec![0]);
        assert_eq!(closest_by_words("pensoin", &c, 3), vec![0, 1]);
        assert_eq!(closest_by_words("pensoin", &c, 1), vec![0]);
    }
}
