//! How deep a YAML (or JSON) text nests, found in one pass over its bytes
//! without parsing it. A record needs a handful of levels; a file of 200 KB
//! of `[` or of ever-deeper indentation is refused here, before the YAML
//! parser spends its time on it.
//!
//! Counted as a level: each flow collection opened (`[` or `{` where a
//! value can start, outside quoted strings and comments), each block
//! indentation level, and each `- ` (or `? `) of a compact nested entry
//! (`- - - x`). Block scalars (`|`, `>`) are skipped. Where the scan is
//! unsure it counts a level rather than miss one: it may over-count a
//! strange file, never under-count one.

/// The first line (1-based) at which `text` nests deeper than `limit`.
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut flow = 0usize;
    let mut blocks: Vec<usize> = Vec::new();
    // Inside a quoted scalar that may go on over lines: its quote byte.
    let mut quote: Option<u8> = None;
    // Inside a block scalar: the indentation of the line that began it.
    let mut block_scalar: Option<usize> = None;
    // Where a value (or, in a flow collection, an entry) may begin.
    let mut start = false;
    for (no, line) in text.split('\n').enumerate() {
        let b = line.as_bytes();
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let blank = b[indent..].iter().all(|c| c.is_ascii_whitespace());
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let mut i = 0;
        if quote.is_none() && flow == 0 {
            if blank || b[indent] == b'#' {
                continue;
            }
            while blocks.last().is_some_and(|&top| top > indent) {
                blocks.pop();
            }
            if blocks.last().is_none_or(|&top| top < indent) {
                blocks.push(indent);
            }
            i = indent;
            // Compact nested entries: each `- ` opens a level at the
            // column of what follows it.
            while i < b.len() && matches!(b[i], b'-' | b'?') && b.get(i + 1).is_none_or(is_ws) {
                i += 1;
                while i < b.len() && is_ws(&b[i]) {
                    i += 1;
                }
                if i < b.len() {
                    blocks.push(i);
                }
            }
            if blocks.len() > limit {
                return Some(no + 1);
            }
            start = true;
        }
        let mut after_quote = false;
        let mut prev_ws = true;
        while i < b.len() {
            let c = b[i];
            if let Some(q) = quote {
                match c {
                    b'\\' if q == b'"' => i += 1,
                    b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
                    _ if c == q => {
                        quote = None;
                        start = false;
                        after_quote = true;
                    }
                    _ => {}
                }
                i += 1;
                prev_ws = false;
                continue;
            }
            if is_ws(&c) {
                prev_ws = true;
                i += 1;
                continue;
            }
            if c == b'#' && prev_ws {
                break;
            }
            prev_ws = false;
            let next_ws = b.get(i + 1).is_none_or(is_ws);
            match c {
                b'[' | b'{' if start || flow > 0 => {
                    flow += 1;
                    if blocks.len() + flow > limit {
                        return Some(no + 1);
                    }
                    start = true;
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    start = false;
                }
                b',' if flow > 0 => start = true,
                b':' if next_ws || (flow > 0 && after_quote) => start = true,
                b'"' | b'\'' if start => quote = Some(c),
                // An anchor or a tag before the value: the value is still to come.
                b'&' | b'!' if start => {
                    while i < b.len() && !is_ws(&b[i]) {
                        i += 1;
                    }
                    continue;
                }
                b'|' | b'>' if start && flow == 0 => {
                    block_scalar = Some(indent);
                    break;
                }
                _ => start = false,
            }
            after_quote = false;
            i += 1;
        }
    }
    None
}

fn is_ws(c: &u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &str) -> usize {
        (0..100).find(|&n| too_deep(text, n).is_none()).unwrap()
    }

    #[test]
    fn ordinary_records_are_shallow() {
        let t = "as_of: 2016-06-01\npeople:\n  - id: ann\n    name: \"Ann [the elder] {x}\"\n    incomes:\n      - kind: pension\n        monthly: 10\nevents: []\n";
        assert_eq!(depth(t), 5);
        let json = r#"{"people": [{"id": "a", "incomes": [{"kind": "x", "monthly": 1}]}]}"#;
        // The line's own block level, then five brackets.
        assert_eq!(depth(json), 6);
    }

    #[test]
    fn brackets_in_text_are_not_levels() {
        // Plain scalars, quoted strings, comments and block scalars.
        let t = "a: Ann [x\nb: 'O''Brien [[['\nc: \"[[[\\\" [[\"\nd: x # [[[[\ne: |\n  [[[[\n  {{{{\nf: O'Brien\ng: [[1]]\n";
        assert_eq!(depth(t), 3);
    }

    #[test]
    fn deep_flow_and_block_are_found_on_their_line() {
        assert_eq!(too_deep(&"[".repeat(200_000), 64), Some(1));
        assert_eq!(
            too_deep(&format!("people: {}", "[".repeat(100)), 64),
            Some(1)
        );
        assert_eq!(
            too_deep(&format!("a: !!seq &x {}", "[".repeat(70)), 64),
            Some(1)
        );
        let dashes = format!("people:\n  - {}x\n", "- ".repeat(100));
        assert_eq!(too_deep(&dashes, 64), Some(2));
        let mut block = String::from("people:\n");
        for i in 1..100 {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        assert_eq!(too_deep(&block, 64), Some(65));
        // A quote opened in one flow line and closed on another.
        let t = format!("a: [\"x\n{}\"]\nb: {}", "[".repeat(100), "[".repeat(100));
        assert_eq!(too_deep(&t, 64), Some(3));
    }
}
