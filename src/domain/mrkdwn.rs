//! Slack mrkdwn, the one text format stories and bot messages are stored in.
//!
//! User text is escaped (`&`, `<`, `>`) before it enters mrkdwn, so `<!channel>` and
//! friends stay inert; markup Spotlight writes itself (mentions, bold) is left as is.
//! The console shows mrkdwn as plain text with `to_plain`.

/// Escapes user text for mrkdwn. Text is stored as the person typed it (the Slack adapter
/// decodes Slack's entities on the way in), so this always escapes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Decodes the three entities Slack uses; the inverse of `escape` on user text.
pub fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (decoded, len) = if tail.starts_with("&lt;") {
            ('<', 4)
        } else if tail.starts_with("&gt;") {
            ('>', 4)
        } else if tail.starts_with("&amp;") {
            ('&', 5)
        } else {
            ('&', 1)
        };
        out.push(decoded);
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// Renders mrkdwn as a person reads it in a terminal: `<@maria>` → `@maria`,
/// `<#C1|wins>` → `#wins`, `<https://x|label>` → `label (https://x)`, entities decoded.
pub fn to_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('>') {
            Some(end) => {
                let inner = &after[..end];
                let (target, label) = match inner.split_once('|') {
                    Some((t, l)) => (t, Some(l)),
                    None => (inner, None),
                };
                if let Some(id) = target.strip_prefix('@') {
                    out.push('@');
                    out.push_str(label.unwrap_or(id));
                } else if let Some(id) = target.strip_prefix('#') {
                    out.push('#');
                    out.push_str(label.unwrap_or(id));
                } else if let Some(special) = target.strip_prefix('!') {
                    out.push('@');
                    out.push_str(label.unwrap_or(special));
                } else {
                    match label {
                        Some(l) => out.push_str(&format!("{l} ({target})")),
                        None => out.push_str(target),
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    unescape(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_mentions_in_user_text_become_inert() {
        assert_eq!(
            escape("hi <!channel> & <!here>"),
            "hi &lt;!channel&gt; &amp; &lt;!here&gt;"
        );
    }

    #[test]
    fn text_that_looks_escaped_is_kept_as_typed() {
        assert_eq!(unescape(&escape("a &amp; b")), "a &amp; b");
        assert_eq!(to_plain(&escape("&lt;x&gt;")), "&lt;x&gt;");
    }

    #[test]
    fn unescape_inverts_escape() {
        let raw = "if a < b && c > d then <@U1>\n  keep  spacing ";
        assert_eq!(unescape(&escape(raw)), raw);
    }

    #[test]
    fn plain_rendering_shows_mentions_and_channels_by_name() {
        assert_eq!(
            to_plain("*Hi* <@maria>, see <#C1|wins> &amp; <https://x.io|docs>"),
            "*Hi* @maria, see #wins & docs (https://x.io)"
        );
        assert_eq!(to_plain("a &lt;!channel&gt; b"), "a <!channel> b");
    }
}
