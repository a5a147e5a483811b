//! A word diff: how a text changed, word by word, for people to read (the admins
//! reviewing a hero's edit).
//!
//! The text is cut into tokens: words (letters and digits, with the apostrophes and
//! hyphens inside them) and single marks (punctuation, quotes, mrkdwn's `*`), each with
//! the blanks after it. Tokens are compared without their blanks, so a change of spacing
//! or line breaks alone is no change, and a quote mark next to a changed word stays out of
//! the change. The diff is a longest common subsequence of tokens after the common
//! beginning and end are set aside, so an edit of one sentence costs little even in a
//! long story. A change is shown in git's word-diff notation, `[-removed-] {+added+}`,
//! with a few unchanged tokens around it, on one line (blanks shown as one space).

/// What happened to a run of tokens (each with the blanks that follow it in its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Same(Vec<&'a str>),
    Removed(Vec<&'a str>),
    Added(Vec<&'a str>),
}

/// Above this many cells (tokens of the old middle × tokens of the new) the middle is
/// shown as replaced whole rather than compared: a bound on the work a pathological edit
/// costs.
const MAX_CELLS: usize = 4_000_000;

/// `text` cut into tokens, each with the blanks after it.
fn tokens(text: &str) -> Vec<&str> {
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_');
    let text = text.trim_start();
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if in_word(c) {
            while chars.peek().is_some_and(|&(_, c)| in_word(c)) {
                chars.next();
            }
        }
        while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        out.push(&text[start..end]);
    }
    out
}

/// What a token is compared by: itself without its blanks.
fn key(token: &str) -> &str {
    token.trim_end()
}

/// `old` → `new` as runs of unchanged, removed and added tokens, in reading order (in a
/// changed place, removed tokens before added ones). Unchanged tokens are `new`'s.
pub fn words<'a>(old: &'a str, new: &'a str) -> Vec<Part<'a>> {
    let a = tokens(old);
    let b = tokens(new);
    let prefix = a
        .iter()
        .zip(&b)
        .take_while(|(x, y)| key(x) == key(y))
        .count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| key(x) == key(y))
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    // One tag per token: 0 same, 1 removed, 2 added.
    let mut tagged: Vec<(u8, &str)> = b[..prefix].iter().map(|w| (0, *w)).collect();
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        tagged.extend(am.iter().map(|w| (1, *w)));
        tagged.extend(bm.iter().map(|w| (2, *w)));
    } else {
        tagged.extend(lcs(am, bm));
    }
    tagged.extend(b[b.len() - suffix..].iter().map(|w| (0, *w)));

    let mut parts: Vec<Part> = Vec::new();
    for (tag, w) in tagged {
        match (parts.last_mut(), tag) {
            (Some(Part::Same(v)), 0) | (Some(Part::Removed(v)), 1) | (Some(Part::Added(v)), 2) => {
                v.push(w)
            }
            (_, 0) => parts.push(Part::Same(vec![w])),
            (_, 1) => parts.push(Part::Removed(vec![w])),
            _ => parts.push(Part::Added(vec![w])),
        }
    }
    parts
}

/// The tokens of `a` and `b` tagged same (0), removed (1) or added (2), by a longest
/// common subsequence (unchanged tokens as `b` has them).
fn lcs<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(u8, &'a str)> {
    let (n, m) = (a.len(), b.len());
    // len[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] = if key(a[i]) == key(b[j]) {
                len[at(i + 1, j + 1)] + 1
            } else {
                len[at(i + 1, j)].max(len[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && key(a[i]) == key(b[j]) {
            out.push((0, b[j]));
            i += 1;
            j += 1;
        } else if j == m || (i < n && len[at(i + 1, j)] >= len[at(i, j + 1)]) {
            out.push((1, a[i]));
            i += 1;
        } else {
            out.push((2, b[j]));
            j += 1;
        }
    }
    out
}

/// Tokens as one line: each token's blanks shown as one space.
fn render(tokens: &[&str]) -> String {
    tokens
        .iter()
        .map(|t| {
            if key(t).len() < t.len() {
                format!("{} ", key(t))
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// Each place where `old` and `new` differ, as one line in word-diff notation with up to
/// `context` unchanged tokens on each side (`…` where the text goes on). Two changes with
/// at most `2 × context` tokens between them are one place. Empty when only spacing or
/// line breaks changed.
pub fn changes(old: &str, new: &str, context: usize) -> Vec<String> {
    let parts = words(old, new);
    let mut lines = Vec::new();
    let mut line: Option<String> = None;
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Same(w) => match line.take() {
                // Between two changes, short enough to keep them one place.
                Some(mut l) if i != last && w.len() <= 2 * context => {
                    l.push_str(&render(w));
                    line = Some(l);
                }
                Some(mut l) => {
                    l.push_str(&render(&w[..context.min(w.len())]));
                    if w.len() > context {
                        l = format!("{}…", l.trim_end());
                    }
                    lines.push(l.trim_end().to_string());
                    if i != last {
                        line = Some(lead(w, context));
                    }
                }
                None if i != last => line = Some(lead(w, context)),
                None => {}
            },
            Part::Removed(w) | Part::Added(w) => {
                let (open, close) = match part {
                    Part::Removed(_) => ("[-", "-]"),
                    _ => ("{+", "+}"),
                };
                let text = render(w);
                let l = line.get_or_insert_with(String::new);
                l.push_str(&format!("{open}{}{close}", text.trim_end()));
                let then_added = matches!(parts.get(i + 1), Some(Part::Added(_)));
                if text.ends_with(' ') || then_added {
                    l.push(' ');
                }
            }
        }
    }
    lines.extend(line.map(|l| l.trim_end().to_string()));
    lines
}

/// The last `context` tokens of `w`, after `…` when some are left out.
fn lead(w: &[&str], context: usize) -> String {
    let from = w.len().saturating_sub(context);
    let tokens = render(&w[from..]);
    if from > 0 {
        format!("…{tokens}")
    } else {
        tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reworded_phrase_is_shown_with_the_words_around_it() {
        let old = "Every Friday I clean my pipeline view and close what's dead.";
        let new = "Every Friday morning I clean my pipeline view and close every dead deal.";
        assert_eq!(
            changes(old, new, 2),
            [
                "Every Friday {+morning+} I clean…",
                "…and close [-what's-] {+every+} dead {+deal+}."
            ]
        );
    }

    #[test]
    fn changes_close_together_are_one_place_and_the_ends_are_marked() {
        let old = "one two three four five six seven eight";
        let new = "one two THREE four FIVE six seven eight";
        assert_eq!(
            changes(old, new, 2),
            ["one two [-three-] {+THREE+} four [-five-] {+FIVE+} six seven…"]
        );
        assert_eq!(
            changes("a b c", "a b c d", 1),
            ["…c {+d+}"],
            "an addition at the end has no trailing ellipsis"
        );
        assert_eq!(changes("a", "b", 3), ["[-a-] {+b+}"]);
    }

    #[test]
    fn spacing_and_line_breaks_alone_are_no_change() {
        assert!(changes("two  hours\nback", "two hours back", 3).is_empty());
        assert_eq!(
            words("same text", "same text"),
            [Part::Same(vec!["same ", "text"])]
        );
        // A quote mark or a full stop is a token of its own, so it stays out of a change
        // next to it, and spacing before it is no change.
        assert_eq!(
            changes("“Two hours back!  ”", "“Three hours back!”", 2),
            ["“[-Two-] {+Three+} hours back…"]
        );
    }

    #[test]
    fn a_text_emptied_or_filled_is_all_removed_or_all_added() {
        assert_eq!(words("a b", ""), [Part::Removed(vec!["a ", "b"])]);
        assert_eq!(words("", "a b"), [Part::Added(vec!["a ", "b"])]);
    }

    /// The old text is the parts that are not added; the new, those not removed.
    fn sides(parts: &[Part]) -> (Vec<String>, Vec<String>) {
        let (mut old, mut new) = (vec![], vec![]);
        for p in parts {
            match p {
                Part::Same(w) => {
                    old.extend(w.iter().map(|s| s.to_string()));
                    new.extend(w.iter().map(|s| s.to_string()));
                }
                Part::Removed(w) => old.extend(w.iter().map(|s| s.to_string())),
                Part::Added(w) => new.extend(w.iter().map(|s| s.to_string())),
            }
        }
        (old, new)
    }

    proptest! {
        #[test]
        fn the_diff_rebuilds_both_texts_and_keeps_every_common_word_it_can(
            old in proptest::collection::vec("[abc]", 0..30),
            new in proptest::collection::vec("[abc]", 0..30),
        ) {
            let (o, n) = (old.join(" "), new.join(" "));
            let parts = words(&o, &n);
            let (o2, n2) = sides(&parts);
            let trim = |v: Vec<String>| v.into_iter().map(|t| t.trim_end().to_string()).collect::<Vec<_>>();
            prop_assert_eq!((trim(o2), trim(n2)), (old.clone(), new.clone()));
            // Nothing is marked changed that a longest common subsequence keeps.
            let same: usize = parts.iter().map(|p| match p { Part::Same(w) => w.len(), _ => 0 }).sum();
            let (a, b): (Vec<&str>, Vec<&str>) =
                (old.iter().map(String::as_str).collect(), new.iter().map(String::as_str).collect());
            let best = lcs(&a, &b).iter().filter(|(t, _)| *t == 0).count();
            prop_assert_eq!(same, best);
        }
    }
}
