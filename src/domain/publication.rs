//! Approved stories outside Slack: mrkdwn turned into Markdown and HTML, a story's parts
//! (headline, quotes, take-away) read back from its text, and the newsletter digest.
//!
//! Everything here is pure: the store supplies the stories and the people's names, the
//! caller writes the result wherever it goes. The hero's words are never rewritten: a quote
//! comes out as the exact text the hero approved, with Slack's three entities decoded (and,
//! in HTML, escaped again; in Markdown, `<` and entity-like `&` written as references, so
//! HTML in the hero's words stays text in any renderer and shows as typed).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::mrkdwn;
use super::texts::{Arg, Texts};

/// Display names by user ID, for turning `<@U123>` into a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names(HashMap<String, String>);

impl Names {
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Names {
        Names(pairs.into_iter().collect())
    }

    /// The person's display name, or `@id` for someone Spotlight never met.
    pub fn of(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| format!("@{id}"))
    }
}

/// The user IDs mentioned in mrkdwn (`<@U1>`, `<@U1|maria>`), each once, in order of
/// first mention: whose names rendering the text needs (`Names`).
pub fn mentioned(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (at, _) in text.match_indices("<@") {
        let rest = &text[at + 2..];
        let Some(end) = rest.find(['>', '|', '\n', '<']) else {
            continue;
        };
        let id = &rest[..end];
        if matches!(rest[end..].chars().next(), Some('>' | '|'))
            && !id.is_empty()
            && !ids.iter().any(|known| known == id)
        {
            ids.push(id.to_string());
        }
    }
    ids
}

/// A piece of inline mrkdwn, with entities already decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        label: Option<String>,
    },
    /// A person, already resolved to a display name.
    Person(String),
    /// A channel, `#name` (or `#ID` when Slack sent no name).
    Channel(String),
    /// `<!here>` and friends, shown as `@here`.
    Special(String),
}

/// Reads inline mrkdwn: `*bold*`, `_italic_`, `~strike~`, `` `code` ``, `<…>` references
/// and the entities `&lt; &gt; &amp;`. A marker without a partner is kept as text.
pub fn parse_inline(text: &str, names: &Names) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    parse_span(&chars, names, &mut out);
    out
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(Inline::Text(s.to_string()));
    }
}

fn is_boundary(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Where the partner of the marker at `start` is, if the pair encloses formatted text:
/// the opening marker follows a word boundary and precedes a non-space, the closing one
/// (on the same line) follows a non-space and precedes a word boundary.
fn closing(chars: &[char], start: usize) -> Option<usize> {
    let marker = chars[start];
    if start > 0 && !is_boundary(chars.get(start - 1)) {
        return None;
    }
    let first = chars.get(start + 1)?;
    if first.is_whitespace() || *first == marker {
        return None;
    }
    let mut i = start + 2;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            return None;
        }
        if c == marker && !chars[i - 1].is_whitespace() && is_boundary(chars.get(i + 1)) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn parse_span(chars: &[char], names: &Names, out: &mut Vec<Inline>) {
    let mut i = 0;
    let mut text = String::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '_' | '~' | '`' => {
                if let Some(end) = closing(chars, i) {
                    push_text(out, &mrkdwn::unescape(&std::mem::take(&mut text)));
                    let inner = &chars[i + 1..end];
                    if c == '`' {
                        out.push(Inline::Code(mrkdwn::unescape(
                            &inner.iter().collect::<String>(),
                        )));
                    } else {
                        let mut nested = Vec::new();
                        parse_span(inner, names, &mut nested);
                        out.push(match c {
                            '*' => Inline::Bold(nested),
                            '_' => Inline::Italic(nested),
                            _ => Inline::Strike(nested),
                        });
                    }
                    i = end + 1;
                    continue;
                }
                text.push(c);
            }
            '<' => {
                let end = chars[i + 1..].iter().position(|&c| c == '>' || c == '\n');
                match end.map(|e| i + 1 + e) {
                    Some(end) if chars[end] == '>' => {
                        push_text(out, &mrkdwn::unescape(&std::mem::take(&mut text)));
                        let inner: String = chars[i + 1..end].iter().collect();
                        out.push(reference(&inner, names));
                        i = end + 1;
                        continue;
                    }
                    _ => text.push(c),
                }
            }
            _ => text.push(c),
        }
        i += 1;
    }
    push_text(out, &mrkdwn::unescape(&text));
}

/// One `<…>` reference: a person, a channel, a special mention or a link.
fn reference(inner: &str, names: &Names) -> Inline {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(mrkdwn::unescape(l))),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        Inline::Person(names.of(id))
    } else if let Some(id) = target.strip_prefix('#') {
        Inline::Channel(label.unwrap_or_else(|| id.to_string()))
    } else if let Some(special) = target.strip_prefix('!') {
        Inline::Special(label.unwrap_or_else(|| special.to_string()))
    } else {
        Inline::Link {
            url: mrkdwn::unescape(target),
            label,
        }
    }
}

/// Inline mrkdwn as Markdown: `*a*` → `**a**`, `_a_` → `_a_`, `~a~` → `~~a~~`, mentions as
/// names, links as `[label](url)`. Text is kept as written, entities decoded.
pub fn inline_markdown(text: &str, names: &Names) -> String {
    let mut out = String::new();
    write_markdown(&parse_inline(text, names), &mut out);
    out
}

/// Text made inert for any Markdown renderer, which passes raw HTML through: `<` becomes
/// `&lt;`, and `&` before what would read as an entity becomes `&amp;`. Rendered, it
/// shows exactly the characters written.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if looks_like_entity(&text[i + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether text after a `&` would be read as a character reference (`lt;`, `#60;`).
fn looks_like_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

fn write_markdown(parts: &[Inline], out: &mut String) {
    for part in parts {
        match part {
            Inline::Text(t) => out.push_str(&markdown_text(t)),
            Inline::Bold(inner) => wrap_markdown("**", inner, out),
            Inline::Italic(inner) => wrap_markdown("_", inner, out),
            Inline::Strike(inner) => wrap_markdown("~~", inner, out),
            Inline::Code(t) => {
                let fence = if t.contains('`') { "``" } else { "`" };
                out.push_str(&format!("{fence}{t}{fence}"));
            }
            Inline::Link { url, label } => {
                let url = url.replace(['<', '>', ' '], "");
                match label {
                    Some(l) => out.push_str(&format!("[{}]({url})", markdown_text(l))),
                    None => out.push_str(&format!("<{url}>")),
                }
            }
            Inline::Person(name) => out.push_str(&markdown_text(name)),
            Inline::Channel(name) => out.push_str(&format!("#{}", markdown_text(name))),
            Inline::Special(name) => out.push_str(&format!("@{}", markdown_text(name))),
        }
    }
}

fn wrap_markdown(marker: &str, inner: &[Inline], out: &mut String) {
    out.push_str(marker);
    write_markdown(inner, out);
    out.push_str(marker);
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    // mrkdwn escapes exactly HTML's three element characters; attributes need quotes too.
    super::mrkdwn::escape(text)
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Inline mrkdwn as HTML: `<strong>`, `<em>`, `<s>`, `<code>`, `<a>`; every piece of text
/// escaped; line breaks become `<br>`.
pub fn inline_html(text: &str, names: &Names) -> String {
    let mut out = String::new();
    write_html(&parse_inline(text, names), &mut out);
    out
}

fn write_html(parts: &[Inline], out: &mut String) {
    for part in parts {
        match part {
            Inline::Text(t) => out.push_str(&escape_html(t).replace('\n', "<br>\n")),
            Inline::Bold(inner) => wrap_html("strong", inner, out),
            Inline::Italic(inner) => wrap_html("em", inner, out),
            Inline::Strike(inner) => wrap_html("s", inner, out),
            Inline::Code(t) => out.push_str(&format!("<code>{}</code>", escape_html(t))),
            Inline::Link { url, label } => {
                let shown = label.as_deref().unwrap_or(url);
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape_html(url),
                    escape_html(shown)
                ));
            }
            Inline::Person(name) => out.push_str(&escape_html(name)),
            Inline::Channel(name) => out.push_str(&format!("#{}", escape_html(name))),
            Inline::Special(name) => out.push_str(&format!("@{}", escape_html(name))),
        }
    }
}

fn wrap_html(tag: &str, inner: &[Inline], out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    write_html(inner, out);
    out.push_str(&format!("</{tag}>"));
}

/// A quote as the story template writes it: `*Label:* “text”`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The lead-in, e.g. "The habit" (entities decoded, no markup).
    pub label: String,
    /// The hero's words, exactly as approved with entities decoded.
    pub text: String,
}

/// One part of a story's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Quote(Quote),
    /// Any other paragraph, still in mrkdwn.
    Paragraph(String),
}

/// A story's text taken apart: what a poster or a newsletter shows separately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryParts {
    /// The first line when it is all bold (`*headline*`), entities decoded.
    pub headline: Option<String>,
    /// Everything else, in order, except the take-away.
    pub blocks: Vec<Block>,
    /// The quote whose label starts with "Try" or names a take-away.
    pub takeaway: Option<Quote>,
}

impl StoryParts {
    /// Whether the text had the built-in template's shape (a headline and quotes);
    /// otherwise everything is in `blocks` as paragraphs.
    pub fn is_structured(&self) -> bool {
        self.headline.is_some()
            && (self.takeaway.is_some() || self.blocks.iter().any(|b| matches!(b, Block::Quote(_))))
    }

    /// The quotes, take-away excluded, in order.
    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Quote(q) => Some(q),
            Block::Paragraph(_) => None,
        })
    }

    /// The paragraphs that are not quotes.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::Quote(_) => None,
        })
    }
}

fn is_takeaway_label(label: &str) -> bool {
    let l = label.to_lowercase();
    l.starts_with("try") || l.contains("take-away") || l.contains("takeaway")
}

/// The lead-in of a quote starting at `text`: `*Label:* “` gives `("Label", length)`.
fn quote_opening(text: &str) -> Option<(String, usize)> {
    let rest = text.strip_prefix('*')?;
    let end = rest.find(":*")?;
    let label = &rest[..end];
    if label.is_empty() || label.contains(['\n', '*']) {
        return None;
    }
    let after = &rest[end + 2..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    let body = trimmed.strip_prefix('“')?;
    let consumed = text.len() - body.len();
    Some((mrkdwn::unescape(label), consumed))
}

/// Where the next block starts after a quote's body: a blank line followed by a bold
/// lead-in or the sign-off dash, or the end of the text.
fn next_block_start(text: &str) -> usize {
    let mut from = 0;
    while let Some(i) = text[from..].find("\n\n") {
        let at = from + i;
        let next = text[at..].trim_start_matches('\n');
        if next.starts_with('*') || next.starts_with('—') {
            return at;
        }
        from = at + 2;
    }
    text.len()
}

/// Takes an approved story's mrkdwn apart. The built-in template writes `*headline*`, then
/// `*Label:* “quote”` paragraphs (the take-away as `*Try this tomorrow:* “…”`), then a
/// sign-off; a quote may span lines and contain anything the hero typed. Text of another
/// shape comes back as paragraphs, with no headline.
pub fn parse_story(text: &str) -> StoryParts {
    let text = text.replace("\r\n", "\n");
    let mut rest = text.trim_matches('\n');
    let mut headline = None;
    let first_end = rest.find('\n').unwrap_or(rest.len());
    let first = rest[..first_end].trim();
    if first.len() > 2
        && first.starts_with('*')
        && first.ends_with('*')
        && quote_opening(first).is_none()
    {
        headline = Some(mrkdwn::unescape(&first[1..first.len() - 1]));
        rest = rest[first_end..].trim_start_matches('\n');
    }
    let mut blocks = Vec::new();
    let mut takeaway = None;
    while !rest.is_empty() {
        if let Some((label, consumed)) = quote_opening(rest) {
            let body = &rest[consumed..];
            let end = next_block_start(body);
            let chunk = body[..end].trim_end_matches([' ', '\t']);
            if let Some(quote) = chunk.strip_suffix('”') {
                let q = Quote {
                    label,
                    text: mrkdwn::unescape(quote),
                };
                if is_takeaway_label(&q.label) && takeaway.is_none() {
                    takeaway = Some(q);
                } else {
                    blocks.push(Block::Quote(q));
                }
                rest = body[end..].trim_start_matches('\n');
                continue;
            }
        }
        let end = rest.find("\n\n").unwrap_or(rest.len());
        let para = rest[..end].trim_end();
        if !para.trim().is_empty() {
            blocks.push(Block::Paragraph(para.to_string()));
        }
        rest = rest[end..].trim_start_matches('\n');
    }
    let parts = StoryParts {
        headline,
        blocks,
        takeaway,
    };
    if parts.is_structured() {
        parts
    } else {
        StoryParts {
            headline: None,
            blocks: paragraphs(&text),
            takeaway: None,
        }
    }
}

fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::Paragraph(p.to_string()))
        .collect()
}

/// Whether a paragraph is the template's sign-off (`— Maria. Questions for …`), which a
/// poster replaces with its own footer.
pub fn is_sign_off(paragraph: &str) -> bool {
    paragraph.trim_start().starts_with('—')
}

/// Up to two initials of a name, for the circle a poster shows when it has no photo of
/// the hero: the first letters of the first and last words ("Maria Rossi" → "MR",
/// "maria" → "M", "Jean-Luc Picard" → "JP").
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == '.')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let picked: &[&str] = match words.as_slice() {
        [] => &[],
        [one] => std::slice::from_ref(one),
        [first, .., last] => &[first, last],
    };
    picked
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect()
}

/// A published story, as the digest needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedStory {
    pub id: i64,
    pub hero_name: String,
    /// The exact mrkdwn the hero approved.
    pub approved_text: String,
    pub published_at: DateTime<Utc>,
    /// The channels it was posted to, as `#name` (or `#ID`).
    pub channels: Vec<String>,
    /// The pictures its hero chose, as files beside the digest.
    pub pictures: Vec<DigestPicture>,
}

/// A picture in the digest: the file's address relative to the digest (written by
/// Spotlight, so plain), and its alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestPicture {
    pub path: String,
    pub alt: String,
}

/// The period a digest covers, and how to say it when nothing was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// How it was asked for: "in the last 30 days", "between 1 November 2026 and 30
    /// November 2026" (`describe`).
    pub described: Described,
}

/// How a digest's period was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Described {
    /// The `Span` up to now.
    Last(Span),
    /// The `Span` up to the period's end.
    UpTo(Span),
    /// From the period's start to its end.
    Between,
}

/// A length of time as people say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Days(i64),
    Hours(i64),
    /// Neither whole days nor whole hours, as written (`1day 2h 30m`).
    Exact(String),
}

/// The two formats a digest comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// A day as written out in `lang`: "24 October 2026", "1er novembre 2026".
pub fn long_date(day: NaiveDate, texts: &Texts, lang: &str) -> String {
    texts.get(
        lang,
        "date-long",
        &[
            ("day", Arg::from(i64::from(day.day()))),
            ("month", Arg::from(i64::from(day.month()))),
            ("year", Arg::from(i64::from(day.year()))),
        ],
    )
}

/// The day of an instant (UTC), written out.
fn long_day(at: DateTime<Utc>, texts: &Texts, lang: &str) -> String {
    long_date(at.date_naive(), texts, lang)
}

/// The last day a period covers: its end is exclusive, so a period ending at midnight
/// ends on the day before.
fn last_day(period: &Period) -> DateTime<Utc> {
    (period.to - chrono::TimeDelta::seconds(1)).max(period.from)
}

/// The date range in titles: "24 October 2026 – 23 November 2026".
pub fn date_range(period: &Period, texts: &Texts, lang: &str) -> String {
    texts.get(
        lang,
        "digest-date-range",
        &[
            ("first", Arg::from(&long_day(period.from, texts, lang))),
            ("last", Arg::from(&long_day(last_day(period), texts, lang))),
        ],
    )
}

/// The period as it was asked for: "in the last 30 days", "between 1 November 2026 and
/// 30 November 2026".
pub fn describe(period: &Period, texts: &Texts, lang: &str) -> String {
    let last = long_day(last_day(period), texts, lang);
    let (id, span) = match &period.described {
        Described::Last(span) => ("digest-period-last", span),
        Described::UpTo(span) => ("digest-period-up-to", span),
        Described::Between => {
            return texts.get(
                lang,
                "digest-period-between",
                &[
                    ("first", Arg::from(&long_day(period.from, texts, lang))),
                    ("last", Arg::from(&last)),
                ],
            )
        }
    };
    let (unit, n, exact) = match span {
        Span::Days(n) => ("days", *n, ""),
        Span::Hours(n) => ("hours", *n, ""),
        Span::Exact(s) => ("exact", 0, s.as_str()),
    };
    texts.get(
        lang,
        id,
        &[
            ("span", Arg::from(exact)),
            ("unit", Arg::from(unit)),
            ("n", Arg::from(n)),
            ("last", Arg::from(&last)),
        ],
    )
}

/// What the digest says when the period holds no published story.
pub fn empty_message(period: &Period, texts: &Texts, lang: &str) -> String {
    texts.get(
        lang,
        "digest-empty",
        &[("period", Arg::from(&describe(period, texts, lang)))],
    )
}

fn where_and_when(story: &PublishedStory, texts: &Texts, lang: &str) -> String {
    texts.get(
        lang,
        "digest-byline",
        &[
            ("hero", Arg::from(&story.hero_name)),
            (
                "where",
                Arg::from(if story.channels.is_empty() {
                    "none"
                } else {
                    "channels"
                }),
            ),
            ("channels", Arg::from(&story.channels.join(", "))),
            (
                "date",
                Arg::from(&long_day(story.published_at, texts, lang)),
            ),
        ],
    )
}

/// The digest, in `lang` (its readers', the workspace's language): a title, then each
/// story (oldest first as given) with its headline, its approved text (the hero's words
/// as they are) and who posted it where and when. `None` when there is no story.
pub fn digest(
    period: &Period,
    stories: &[PublishedStory],
    names: &Names,
    format: Format,
    texts: &Texts,
    lang: &str,
) -> Option<String> {
    if stories.is_empty() {
        return None;
    }
    let title = texts.get(
        lang,
        "digest-title",
        &[("dates", Arg::from(&date_range(period, texts, lang)))],
    );
    let byline = |story: &PublishedStory| where_and_when(story, texts, lang);
    Some(match format {
        Format::Markdown => digest_markdown(&title, stories, names, &byline),
        Format::Html => digest_html(&title, stories, names, &byline, lang),
    })
}

fn digest_markdown(
    title: &str,
    stories: &[PublishedStory],
    names: &Names,
    byline: &dyn Fn(&PublishedStory) -> String,
) -> String {
    let mut out = format!("# {title}\n");
    let quote = |q: &Quote| {
        format!(
            "**{}:** “{}”\n\n",
            markdown_text(&q.label),
            markdown_text(&q.text)
        )
    };
    for story in stories {
        let parts = parse_story(&story.approved_text);
        out.push('\n');
        if let Some(h) = &parts.headline {
            out.push_str(&format!("## {}\n\n", markdown_text(h)));
        }
        for block in &parts.blocks {
            match block {
                Block::Quote(q) => out.push_str(&quote(q)),
                Block::Paragraph(p) => {
                    if parts.takeaway.is_some() && is_sign_off(p) {
                        continue;
                    }
                    out.push_str(&format!("{}\n\n", inline_markdown(p, names)));
                }
            }
        }
        for p in &story.pictures {
            out.push_str(&format!("![{}]({})\n\n", markdown_alt(&p.alt), p.path));
        }
        if let Some(q) = &parts.takeaway {
            out.push_str(&quote(q));
        }
        for p in parts
            .paragraphs()
            .filter(|p| parts.takeaway.is_some() && is_sign_off(p))
        {
            out.push_str(&format!("{}\n\n", inline_markdown(p, names)));
        }
        out.push_str(&format!("_{}_\n", markdown_text(&byline(story))));
    }
    out
}

/// An image's alt text in Markdown: text as `markdown_text` writes it, with the
/// brackets and marks that would end or format it escaped.
fn markdown_alt(alt: &str) -> String {
    let mut out = String::new();
    for c in markdown_text(alt).chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A quote as HTML: the label in bold, the words escaped with their line breaks and
/// spacing kept.
pub fn quote_html(q: &Quote) -> String {
    format!(
        "<p class=\"quote\"><strong>{}:</strong> “<span style=\"white-space: pre-wrap\">{}</span>”</p>",
        escape_html(&q.label),
        escape_html(&q.text)
    )
}

fn digest_html(
    title: &str,
    stories: &[PublishedStory],
    names: &Names,
    byline: &dyn Fn(&PublishedStory) -> String,
    lang: &str,
) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{1}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n</head>\n<body>\n<h1>{0}</h1>\n",
        escape_html(title),
        escape_html(lang)
    );
    for story in stories {
        let parts = parse_story(&story.approved_text);
        out.push_str("<article>\n");
        if let Some(h) = &parts.headline {
            out.push_str(&format!("<h2>{}</h2>\n", escape_html(h)));
        }
        let mut sign_offs = Vec::new();
        for block in &parts.blocks {
            match block {
                Block::Quote(q) => out.push_str(&format!("{}\n", quote_html(q))),
                Block::Paragraph(p) if parts.takeaway.is_some() && is_sign_off(p) => {
                    sign_offs.push(p)
                }
                Block::Paragraph(p) => {
                    out.push_str(&format!("<p>{}</p>\n", inline_html(p, names)));
                }
            }
        }
        for p in &story.pictures {
            out.push_str(&format!(
                "<p class=\"picture\"><img src=\"{}\" alt=\"{}\"></p>\n",
                escape_html(&p.path),
                escape_html(&p.alt)
            ));
        }
        if let Some(q) = &parts.takeaway {
            out.push_str(&format!("{}\n", quote_html(q)));
        }
        for p in sign_offs {
            out.push_str(&format!("<p>{}</p>\n", inline_html(p, names)));
        }
        out.push_str(&format!(
            "<p class=\"byline\"><em>{}</em></p>\n</article>\n",
            escape_html(&byline(story))
        ));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Inline mrkdwn as plain text: bold, italic and code lose their markers, struck text keeps
/// `~`, mentions become names, links `label (url)`, entities are decoded.
pub fn inline_plain(text: &str, names: &Names) -> String {
    let mut out = String::new();
    write_plain(&parse_inline(text, names), &mut out);
    out
}

fn write_plain(parts: &[Inline], out: &mut String) {
    for part in parts {
        match part {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Bold(inner) | Inline::Italic(inner) => write_plain(inner, out),
            Inline::Strike(inner) => {
                out.push('~');
                write_plain(inner, out);
                out.push('~');
            }
            Inline::Link { url, label } => match label {
                Some(l) if l != url => out.push_str(&format!("{l} ({url})")),
                _ => out.push_str(url),
            },
            Inline::Person(name) => out.push_str(name),
            Inline::Channel(name) => out.push_str(&format!("#{name}")),
            Inline::Special(name) => out.push_str(&format!("@{name}")),
        }
    }
}

/// An approved story as an email: what the subject line and the two bodies say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryEmail {
    /// The headline as plain text, or "A Spotlight story: {hero}" when there is none.
    pub subject: String,
    /// A complete HTML document; every piece of the story's text escaped.
    pub html: String,
    /// The story readable as plain text: mentions as names, entities decoded.
    pub plain: String,
}

/// The headline's own mrkdwn (the first line without its enclosing `*`), for a story
/// `parse_story` found a headline in.
fn headline_mrkdwn(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n");
    let first = text.trim_matches('\n').lines().next()?.trim();
    let inner = first.strip_prefix('*')?.strip_suffix('*')?;
    Some(inner.to_string())
}

/// One part of an email body, in the order the story is read.
enum EmailBlock<'a> {
    Quote(&'a Quote),
    Takeaway(&'a Quote),
    Paragraph(&'a str),
}

/// The body in reading order: quotes and paragraphs as written, then the take-away, then
/// the sign-off (the order the built-in template writes them in).
fn email_blocks(parts: &StoryParts) -> Vec<EmailBlock<'_>> {
    let signs_off = |p: &str| parts.takeaway.is_some() && is_sign_off(p);
    let mut out = Vec::new();
    for block in &parts.blocks {
        match block {
            Block::Quote(q) => out.push(EmailBlock::Quote(q)),
            Block::Paragraph(p) if !signs_off(p) => out.push(EmailBlock::Paragraph(p)),
            Block::Paragraph(_) => {}
        }
    }
    if let Some(q) = &parts.takeaway {
        out.push(EmailBlock::Takeaway(q));
    }
    out.extend(
        parts
            .paragraphs()
            .filter(|p| signs_off(p))
            .map(EmailBlock::Paragraph),
    );
    out
}

const EMAIL_STYLE: &str = "body { margin: 0; padding: 24px; font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1d1c1d; }\n\
.story { max-width: 640px; margin: 0 auto; }\n\
h1 { font-size: 24px; line-height: 1.3; margin: 0 0 16px; }\n\
p { margin: 0 0 16px; }\n\
.takeaway { border-left: 4px solid #1264a3; padding-left: 12px; }";

/// Whom an email is written for: the language of its readers (the workspace's), in which
/// Spotlight's own few words (a subject when the story has no headline) are said.
pub struct Readers<'a> {
    pub texts: &'a Texts,
    pub lang: &'a str,
}

/// An approved story as an email. The hero's words come out verbatim: quotes with their
/// line breaks and spacing, entities decoded (and, in HTML, escaped again); `<@U…>`
/// mentions become display names.
pub fn story_email(text: &str, names: &Names, hero_name: &str, readers: &Readers) -> StoryEmail {
    story_email_with_pictures(text, names, hero_name, &[], readers)
}

/// `story_email` showing pictures after the story: each `(cid, alt)` an inline
/// attachment's Content-ID and its alt text (the plain text names them).
pub fn story_email_with_pictures(
    text: &str,
    names: &Names,
    hero_name: &str,
    pictures: &[(String, String)],
    readers: &Readers,
) -> StoryEmail {
    let parts = parse_story(text);
    let headline = parts
        .headline
        .as_ref()
        .and_then(|_| headline_mrkdwn(text))
        .filter(|h| !h.trim().is_empty());
    let subject = match &headline {
        Some(h) => inline_plain(h, names)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        None => readers.texts.get(
            readers.lang,
            "email-subject",
            &[("hero", Arg::from(hero_name))],
        ),
    };

    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{EMAIL_STYLE}\n</style>\n</head>\n<body>\n<div class=\"story\">\n",
        escape_html(readers.lang),
        escape_html(&subject)
    );
    let mut plain = String::new();
    if let Some(h) = &headline {
        html.push_str(&format!("<h1>{}</h1>\n", inline_html(h, names)));
        plain.push_str(&format!("{}\n\n", inline_plain(h, names)));
    }
    for block in email_blocks(&parts) {
        match block {
            EmailBlock::Quote(q) => {
                html.push_str(&format!("{}\n", quote_html(q)));
                plain.push_str(&format!("{}: “{}”\n\n", q.label, q.text));
            }
            EmailBlock::Takeaway(q) => {
                html.push_str(&format!(
                    "<div class=\"takeaway\">{}</div>\n",
                    quote_html(q)
                ));
                plain.push_str(&format!("{}: “{}”\n\n", q.label, q.text));
            }
            EmailBlock::Paragraph(p) => {
                html.push_str(&format!("<p>{}</p>\n", inline_html(p, names)));
                plain.push_str(&format!("{}\n\n", inline_plain(p, names)));
            }
        }
    }
    for (cid, alt) in pictures {
        html.push_str(&format!(
            "<p class=\"picture\"><img src=\"cid:{}\" alt=\"{}\" style=\"max-width: 100%\"></p>\n",
            escape_html(cid),
            escape_html(alt)
        ));
        plain.push_str(&format!("[{alt}]\n\n"));
    }
    html.push_str("</div>\n</body>\n</html>\n");
    let plain = format!("{}\n", plain.trim_end_matches('\n'));
    StoryEmail {
        subject,
        html,
        plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The texts Spotlight ships with, English the default.
    pub(super) fn shipped() -> &'static Texts {
        static TEXTS: std::sync::OnceLock<std::sync::Arc<Texts>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| crate::config::Prompts::builtin().texts)
    }

    /// Readers of English.
    pub(super) fn en() -> Readers<'static> {
        Readers {
            texts: shipped(),
            lang: "en",
        }
    }

    fn names() -> Names {
        Names::new([("U1".to_string(), "Maria Rossi".to_string())])
    }

    const STORY: &str = "*Two hours back &amp; more*\n\n*The habit:* “I close <!channel> &lt;b&gt; *dead* deals_now_.”\n\n*The payoff:* “Two hours.\n  And my forecast.  ”\n\n*Try this tomorrow:* “Sort by close date.”\n\n— Maria. Questions for <@U1>? Ask in the thread.";

    #[test]
    fn markdown_converts_markup_and_resolves_people_and_channels() {
        assert_eq!(
            inline_markdown(
                "*Hi* _there_ ~old~ `x*y` <@U1>, <@U9>, <#C1|wins>, <#C2>, <https://x.io|docs> &lt;&amp;&gt;",
                &names()
            ),
            "**Hi** _there_ ~~old~~ `x*y` Maria Rossi, @U9, #wins, #C2, [docs](https://x.io) &lt;&>"
        );
    }

    #[test]
    fn html_in_the_heros_words_stays_text_in_the_markdown_digest() {
        let mut story = published();
        story.approved_text = "*Wins &lt;script&gt;alert(1)&lt;/script&gt;*\n\n*The habit:* “&lt;img src=x onerror=alert(1)&gt; and &amp;lt; as typed”\n\n*Try this tomorrow:* “&lt;a href=javascript:x&gt;go&lt;/a&gt;”".into();
        story.hero_name = "<b>Maria</b>".into();
        let md = digest(
            &period(),
            &[story],
            &names(),
            Format::Markdown,
            shipped(),
            "en",
        )
        .unwrap();
        assert!(!md.contains('<'), "no raw tag can open: {md}");
        assert!(
            md.contains("## Wins &lt;script>alert(1)&lt;/script>\n"),
            "{md}"
        );
        assert!(
            md.contains("“&lt;img src=x onerror=alert(1)> and &amp;lt; as typed”"),
            "{md}"
        );
        assert!(md.contains("_&lt;b>Maria&lt;/b>, posted in #wins"), "{md}");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert!(
            !html.contains("<img") && !html.contains("<script") && !html.contains("<a "),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt; and &amp;lt; as typed"),
            "{html}"
        );
        assert_eq!(markdown_text("R&D & more"), "R&D & more");
    }

    #[test]
    fn markers_inside_words_or_without_partners_stay_text() {
        assert_eq!(
            inline_markdown("2*3*4 snake_case_name a * b", &names()),
            "2*3*4 snake_case_name a * b"
        );
    }

    #[test]
    fn html_escapes_everything_it_decodes() {
        assert_eq!(
            inline_html("*a &lt;b&gt;* &amp; <@U1>\nnext", &names()),
            "<strong>a &lt;b&gt;</strong> &amp; Maria Rossi<br>\nnext"
        );
    }

    #[test]
    fn the_built_in_template_shape_is_taken_apart_with_quotes_verbatim() {
        let parts = parse_story(STORY);
        assert!(parts.is_structured());
        assert_eq!(parts.headline.as_deref(), Some("Two hours back & more"));
        let quotes: Vec<_> = parts.quotes().collect();
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].label, "The habit");
        assert_eq!(quotes[0].text, "I close <!channel> <b> *dead* deals_now_.");
        assert_eq!(quotes[1].text, "Two hours.\n  And my forecast.  ");
        assert_eq!(parts.takeaway.as_ref().unwrap().text, "Sort by close date.");
        assert_eq!(parts.paragraphs().count(), 1);
    }

    #[test]
    fn a_quote_may_contain_blank_lines_and_curly_quotes() {
        let text =
            "*H*\n\n*The habit:* “first\n\nsecond “nested” end”\n\n*Try this tomorrow:* “go”";
        let parts = parse_story(text);
        assert_eq!(
            parts.quotes().next().unwrap().text,
            "first\n\nsecond “nested” end"
        );
        assert_eq!(parts.takeaway.unwrap().text, "go");
    }

    #[test]
    fn text_of_another_shape_falls_back_to_paragraphs() {
        let parts = parse_story("Just a note.\n\nAnother *one*.");
        assert!(!parts.is_structured());
        assert_eq!(parts.headline, None);
        assert_eq!(
            parts.blocks,
            vec![
                Block::Paragraph("Just a note.".into()),
                Block::Paragraph("Another *one*.".into())
            ]
        );
    }

    fn period() -> Period {
        Period {
            from: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            to: Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
            described: Described::Last(Span::Days(30)),
        }
    }

    fn published() -> PublishedStory {
        PublishedStory {
            id: 1,
            hero_name: "Maria Rossi".into(),
            approved_text: STORY.into(),
            published_at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
            channels: vec!["#wins".into()],
            pictures: vec![],
        }
    }

    #[test]
    fn the_digest_shows_the_heros_pictures_with_alt_text() {
        let story = PublishedStory {
            pictures: vec![DigestPicture {
                path: "news-files/story-1-1.png".into(),
                alt: "A picture Maria shared: [my] *view* <b>".into(),
            }],
            ..published()
        };
        let md = digest(
            &period(),
            std::slice::from_ref(&story),
            &names(),
            Format::Markdown,
            shipped(),
            "en",
        )
        .unwrap();
        assert!(
            md.contains(
                "![A picture Maria shared: \\[my\\] \\*view\\* &lt;b>](news-files/story-1-1.png)\n"
            ),
            "{md}"
        );
        let html = digest(&period(), &[story], &names(), Format::Html, shipped(), "en").unwrap();
        assert!(
            html.contains(r#"<img src="news-files/story-1-1.png" alt="A picture Maria shared: [my] *view* &lt;b&gt;">"#),
            "{html}"
        );
        assert!(html.find("<img").unwrap() < html.find("Sort by close date").unwrap());
    }

    /// The digest of `published()` in `lang`.
    fn digest_of_one(format: Format, lang: &str) -> String {
        digest(&period(), &[published()], &names(), format, shipped(), lang).unwrap()
    }

    #[test]
    fn the_markdown_digest_keeps_the_heros_words() {
        let md = digest_of_one(Format::Markdown, "en");
        assert!(md.starts_with("# Spotlight stories, 1 November 2026 – 30 November 2026\n"));
        assert!(md.contains("## Two hours back & more\n"));
        assert!(md.contains("**The habit:** “I close &lt;!channel> &lt;b> *dead* deals_now_.”"));
        assert!(md.contains("“Two hours.\n  And my forecast.  ”"));
        assert!(md.contains("— Maria. Questions for Maria Rossi? Ask in the thread."));
        assert!(md.contains("_Maria Rossi, posted in #wins on 30 November 2026_"));
    }

    #[test]
    fn the_html_digest_escapes_the_heros_words() {
        let html = digest_of_one(Format::Html, "en");
        assert!(html.contains("<h2>Two hours back &amp; more</h2>"));
        assert!(html.contains("I close &lt;!channel&gt; &lt;b&gt; *dead* deals_now_."));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn an_empty_period_has_no_digest_and_a_clear_message() {
        assert_eq!(
            digest(&period(), &[], &names(), Format::Html, shipped(), "en"),
            None
        );
        assert_eq!(
            empty_message(&period(), shipped(), "en"),
            "No stories were published in the last 30 days."
        );
    }

    #[test]
    fn the_digest_of_a_french_workspace_is_in_french_and_the_heros_words_as_they_are() {
        let md = digest_of_one(Format::Markdown, "fr");
        assert!(
            md.starts_with("# Histoires Spotlight du 1er novembre 2026 au 30 novembre 2026\n"),
            "{md}"
        );
        assert!(
            md.contains("_Maria Rossi, publiée dans #wins le 30 novembre 2026_"),
            "{md}"
        );
        assert!(md.contains("**The habit:** “I close &lt;!channel>"), "{md}");
        let html = digest_of_one(Format::Html, "fr");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert_eq!(
            empty_message(&period(), shipped(), "fr"),
            "Aucune histoire n'a été publiée au cours des 30 derniers jours."
        );
        let up_to = Period {
            described: Described::UpTo(Span::Hours(1)),
            ..period()
        };
        assert_eq!(
            empty_message(&up_to, shipped(), "fr"),
            "Aucune histoire n'a été publiée pendant l'heure précédant le 30 novembre 2026."
        );
        assert_eq!(
            empty_message(&up_to, shipped(), "en"),
            "No stories were published in the 1 hour up to 30 November 2026."
        );
        let between = Period {
            described: Described::Between,
            ..period()
        };
        assert_eq!(
            empty_message(&between, shipped(), "fr"),
            "Aucune histoire n'a été publiée entre le 1er novembre 2026 et le 30 novembre 2026."
        );
    }

    #[test]
    fn initials_are_the_first_letters_of_the_first_and_last_words() {
        assert_eq!(initials("Maria Rossi"), "MR");
        assert_eq!(initials("maria"), "M");
        assert_eq!(initials("Jean-Luc de la Picard"), "JP");
        assert_eq!(initials("  élodie   \"el\" ørsted "), "ÉØ");
        assert_eq!(initials("@li"), "L");
        assert_eq!(initials("李 小龙"), "李小");
        assert_eq!(initials("ß"), "SS");
        assert_eq!(initials(" - "), "");
    }
}

#[cfg(test)]
mod email_tests {
    use super::tests::{en, shipped};
    use super::*;

    fn names() -> Names {
        Names::new([("U1".to_string(), "Maria Rossi".to_string())])
    }

    const STORY: &str = "*Two hours back &amp; more for <@U1>*\n\nSee <https://x.io/a?b=1&amp;c=2|the report> in <#C1|wins>.\n\n*The habit:* “I close <!channel> &lt;b&gt; *dead* deals 🎉.”\n\n*The payoff:* “Two hours.\n  And my forecast.  ”\n\n*Try this tomorrow:* “Sort by close date.”\n\n— Maria. Questions for <@U1>? Ask in the thread.";

    #[test]
    fn plain_inline_text_drops_markers_and_names_people() {
        assert_eq!(
            inline_plain(
                "*Hi* _there_ ~old~ `x*y` <@U1>, <@U9>, <#C1|wins>, <!here>, <https://x.io|docs>, <https://y.io> &lt;&amp;&gt;",
                &names()
            ),
            "Hi there ~old~ x*y Maria Rossi, @U9, #wins, @here, docs (https://x.io), https://y.io <&>"
        );
    }

    #[test]
    fn the_people_mentioned_are_listed_once_each() {
        assert_eq!(mentioned(STORY), vec!["U1".to_string()]);
        assert_eq!(
            mentioned("<@U2|bo> and <@U1>, <@U2> again; <@> <@U3 no end\n<@U4>"),
            vec!["U2".to_string(), "U1".to_string(), "U4".to_string()]
        );
        assert!(mentioned("no one, <#C1|wins>, <!here>").is_empty());
    }

    #[test]
    fn the_subject_is_the_headline_as_plain_text() {
        let email = story_email(STORY, &names(), "Maria Rossi", &en());
        assert_eq!(email.subject, "Two hours back & more for Maria Rossi");
    }

    #[test]
    fn a_story_without_a_headline_gets_a_subject_naming_the_hero() {
        let email = story_email(
            "Just a note &lt;3\n\nAnother *one*.",
            &names(),
            "Maria Rossi",
            &en(),
        );
        assert_eq!(email.subject, "A Spotlight story: Maria Rossi");
        let readers = Readers {
            texts: shipped(),
            lang: "fr",
        };
        let french = story_email("Just a note", &names(), "Maria Rossi", &readers);
        assert_eq!(french.subject, "Une histoire Spotlight : Maria Rossi");
        assert!(french.html.contains("<html lang=\"fr\">"));
        assert_eq!(email.plain, "Just a note <3\n\nAnother one.\n");
        assert!(email.html.contains("<p>Just a note &lt;3</p>"));
        assert!(email.html.contains("<p>Another <strong>one</strong>.</p>"));
        assert!(!email.html.contains("<h1>"));
    }

    #[test]
    fn the_plain_body_keeps_the_heros_words_in_reading_order() {
        let email = story_email(STORY, &names(), "Maria Rossi", &en());
        assert_eq!(
            email.plain,
            "Two hours back & more for Maria Rossi\n\n\
             See the report (https://x.io/a?b=1&c=2) in #wins.\n\n\
             The habit: “I close <!channel> <b> *dead* deals 🎉.”\n\n\
             The payoff: “Two hours.\n  And my forecast.  ”\n\n\
             Try this tomorrow: “Sort by close date.”\n\n\
             — Maria. Questions for Maria Rossi? Ask in the thread.\n"
        );
    }

    #[test]
    fn the_html_body_escapes_everything_and_keeps_the_order() {
        let html = story_email(STORY, &names(), "Maria Rossi", &en()).html;
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>Two hours back &amp; more for Maria Rossi</title>"));
        assert!(html.contains("<h1>Two hours back &amp; more for Maria Rossi</h1>"));
        assert!(html.contains("I close &lt;!channel&gt; &lt;b&gt; *dead* deals 🎉."));
        assert!(html.contains(
            "<strong>The payoff:</strong> “<span style=\"white-space: pre-wrap\">Two hours.\n  And my forecast.  </span>”"
        ));
        assert!(html.contains(
            "<p>See <a href=\"https://x.io/a?b=1&amp;c=2\">the report</a> in #wins.</p>"
        ));
        assert!(html.contains("Questions for Maria Rossi?"));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("<@U1>"));
        let at = |needle: &str| html.find(needle).unwrap();
        assert!(at("the report") < at("The habit"));
        assert!(at("The habit") < at("The payoff"));
        assert!(at("The payoff") < at("<div class=\"takeaway\">"));
        assert!(at("<div class=\"takeaway\">") < at("— Maria."));
    }

    #[test]
    fn markup_in_the_headline_does_not_leak_into_the_subject() {
        let text =
            "*Closing <https://x.io|deals> &lt;fast&gt;*\n\n*The habit:* “a”\n\n*Try this:* “b”";
        let email = story_email(text, &names(), "Maria", &en());
        assert_eq!(email.subject, "Closing deals (https://x.io) <fast>");
        assert!(email
            .html
            .contains("<h1>Closing <a href=\"https://x.io\">deals</a> &lt;fast&gt;</h1>"));
    }
}
