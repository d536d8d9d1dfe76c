//! Find the line of a key path (`people[1].birth_date`) in block-style YAML.
//!
//! serde gives line numbers only for syntax and type errors. Checks that run
//! after parsing (a birth date after the as-of date, a rule that names an
//! unknown fact) still owe the user a `file:line`, so we walk the text: keys
//! at growing indentation, `- ` items counted for `[n]`. It understands the
//! block style our files use; for anything else it answers `None` and the
//! message goes out without a line rather than with a wrong one.

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Parse `a.b[2].c` into segments.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        if part.is_empty() {
            continue;
        }
        let mut rest = part;
        if let Some(b) = rest.find('[') {
            let key = &rest[..b];
            if !key.is_empty() {
                segs.push(Seg::Key(key.to_string()));
            }
            rest = &rest[b..];
            while let Some(stripped) = rest.strip_prefix('[') {
                if let Some(end) = stripped.find(']') {
                    if let Ok(n) = stripped[..end].parse() {
                        segs.push(Seg::Index(n));
                    }
                    rest = &stripped[end + 1..];
                } else {
                    break;
                }
            }
        } else {
            segs.push(Seg::Key(rest.to_string()));
        }
    }
    segs
}

struct Line<'a> {
    no: usize,
    indent: usize,
    body: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
                return None;
            }
            Some(Line {
                no: i + 1,
                indent: raw.len() - trimmed.len(),
                body: trimmed,
            })
        })
        .collect()
}

fn key_of(body: &str) -> Option<&str> {
    let body = body.strip_prefix("- ").unwrap_or(body);
    let colon = body.find(':')?;
    let after = &body[colon + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some(body[..colon].trim().trim_matches('"').trim_matches('\''))
}

/// Line (1-based) where the value at `path` starts, if it can be found.
pub fn line_of(text: &str, path: &str) -> Option<usize> {
    let segs = parse_path(path);
    let ls = lines(text);
    // (start index in ls, end index exclusive, indentation of the children)
    let mut lo = 0usize;
    let mut hi = ls.len();
    let mut min_indent = 0usize;
    let mut found = None;
    for seg in &segs {
        match seg {
            Seg::Key(k) => {
                // Children of the current node: lines in lo..hi with the
                // smallest indentation >= min_indent (a "- key:" line counts
                // as indentation + 2 for its first key).
                let mut child_indent = None;
                let mut hit = None;
                for (i, l) in ls.iter().enumerate().take(hi).skip(lo) {
                    let (ind, body) = effective(l);
                    if ind < min_indent {
                        continue;
                    }
                    let ci = *child_indent.get_or_insert(ind);
                    if ind != ci {
                        continue;
                    }
                    if key_of(body) == Some(k.as_str()) {
                        hit = Some((i, ind));
                        break;
                    }
                }
                let (i, ind) = hit?;
                found = Some(ls[i].no);
                lo = i + 1;
                hi = block_end(&ls, i, ind, hi);
                min_indent = ind + 1;
            }
            Seg::Index(n) => {
                let mut count = 0usize;
                let mut item_indent = None;
                let mut hit = None;
                for (i, l) in ls.iter().enumerate().take(hi).skip(lo) {
                    if l.indent < min_indent.saturating_sub(1) || !l.body.starts_with('-') {
                        continue;
                    }
                    let ii = *item_indent.get_or_insert(l.indent);
                    if l.indent != ii {
                        continue;
                    }
                    if count == *n {
                        hit = Some(i);
                        break;
                    }
                    count += 1;
                }
                let i = hit?;
                let ind = ls[i].indent;
                found = Some(ls[i].no);
                // The item's block: following lines indented deeper than the dash.
                let mut end = i + 1;
                while end < hi && ls[end].indent > ind {
                    end += 1;
                }
                // The first key of the item sits on the dash line itself.
                lo = i;
                hi = end;
                min_indent = ind + 2;
            }
        }
    }
    found
}

/// Indentation and body as seen by a key lookup: "- key: v" at indent n
/// holds "key" at indent n + 2.
fn effective<'a>(l: &Line<'a>) -> (usize, &'a str) {
    if let Some(rest) = l.body.strip_prefix("- ") {
        (l.indent + 2, rest)
    } else {
        (l.indent, l.body)
    }
}

fn block_end(ls: &[Line<'_>], i: usize, ind: usize, hi: usize) -> usize {
    let mut end = i + 1;
    while end < hi {
        let (e, _) = effective(&ls[end]);
        if ls[end].indent <= ind && e <= ind {
            break;
        }
        if ls[end].indent < ind {
            break;
        }
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "as_of: 2016-06-01\npeople:\n  - id: a\n    birth_date: 1940-01-01\n    incomes:\n      - kind: pension\n        monthly: 10\n  - id: b\n    birth_date: 1941-02-02\n    incomes:\n      - kind: wages\n        monthly: 5\n      - kind: pension\n        monthly: -3\nevents: []\n";

    #[test]
    fn finds_nested_keys_and_items() {
        assert_eq!(line_of(DOC, "as_of"), Some(1));
        assert_eq!(line_of(DOC, "people[0].birth_date"), Some(4));
        assert_eq!(line_of(DOC, "people[1].id"), Some(8));
        assert_eq!(line_of(DOC, "people[1].birth_date"), Some(9));
        assert_eq!(line_of(DOC, "people[1].incomes[1].monthly"), Some(14));
        assert_eq!(line_of(DOC, "people[0].incomes[0].kind"), Some(6));
        assert_eq!(line_of(DOC, "events"), Some(15));
    }

    #[test]
    fn missing_paths_give_none() {
        assert_eq!(line_of(DOC, "people[2]"), None);
        assert_eq!(line_of(DOC, "nope"), None);
        assert_eq!(line_of(DOC, "people[0].incomes[0].nope"), None);
    }

    #[test]
    fn nested_maps() {
        let t = "a:\n  b:\n    c: 1\n  d: 2\ne:\n  c: 3\n";
        assert_eq!(line_of(t, "a.b.c"), Some(3));
        assert_eq!(line_of(t, "a.d"), Some(4));
        assert_eq!(line_of(t, "e.c"), Some(6));
        assert_eq!(line_of(t, "a.c"), None);
    }
}
