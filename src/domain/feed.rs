//! A story as a Salesforce Chatter post: the approved mrkdwn turned into Chatter's message
//! segments (paragraphs, bold, italic, strikethrough, code, links), ending with a marker line
//! that names the story so a post whose outcome was unknown can be recognised in the feed.
//!
//! Pure: the caller resolves the hero's Salesforce user and sends the segments. The hero's
//! words are carried verbatim (Slack's entities decoded); people mentioned in the story
//! become their display names, only the hero is @-mentioned, in the marker line.

use super::publication::{parse_inline, Inline, Names};

/// Chatter's rich-text markup kinds that a story uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Paragraph,
    Bold,
    Italic,
    Strikethrough,
    Code,
    Hyperlink,
}

impl Markup {
    /// The `markupType` Salesforce expects.
    pub fn as_str(self) -> &'static str {
        match self {
            Markup::Paragraph => "Paragraph",
            Markup::Bold => "Bold",
            Markup::Italic => "Italic",
            Markup::Strikethrough => "Strikethrough",
            Markup::Code => "Code",
            Markup::Hyperlink => "Hyperlink",
        }
    }
}

/// One message segment of a Chatter post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    /// An @-mention of a Salesforce user, by user ID (`005…`).
    Mention(String),
    /// A bare link: Chatter shows the URL itself.
    Link(String),
    /// Opens a markup; `url` is set for a hyperlink.
    Begin {
        markup: Markup,
        url: Option<String>,
    },
    End(Markup),
}

/// The words that identify a story's post in a feed: "Spotlight story 42".
pub fn marker(story_id: i64) -> String {
    format!("Spotlight story {story_id}")
}

/// Whether a post's text carries the marker of this story (and not of story 420).
pub fn has_marker(text: &str, story_id: i64) -> bool {
    let marker = marker(story_id);
    text.match_indices(&marker).any(|(at, m)| {
        !text[at + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The hero as the post names them: @-mentioned when Salesforce knows them, else by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hero<'a> {
    pub name: &'a str,
    /// Their Salesforce user ID, when one was found for their email address.
    pub salesforce_id: Option<&'a str>,
}

/// The whole post: every line of the story as a paragraph (a blank line as an empty
/// paragraph, as Chatter's editor writes it), then a blank line and the marker line
/// "Spotlight story 42, featuring @Hero".
pub fn post(text: &str, names: &Names, story_id: i64, hero: &Hero) -> Vec<Segment> {
    let mut out = Vec::new();
    let text = text.replace("\r\n", "\n");
    for line in text.trim_matches('\n').split('\n') {
        paragraph(&mut out, line, names);
    }
    if !out.is_empty() {
        paragraph(&mut out, "", names);
    }
    out.push(begin(Markup::Paragraph));
    match (hero.salesforce_id, hero.name.trim()) {
        (Some(id), _) => {
            out.push(Segment::Text(format!("{}, featuring ", marker(story_id))));
            out.push(Segment::Mention(id.to_string()));
        }
        (None, "") => out.push(Segment::Text(marker(story_id))),
        (None, name) => out.push(Segment::Text(format!(
            "{}, featuring {name}",
            marker(story_id)
        ))),
    }
    out.push(Segment::End(Markup::Paragraph));
    out
}

fn begin(markup: Markup) -> Segment {
    Segment::Begin { markup, url: None }
}

/// One line as a paragraph. An empty paragraph holds a single space: Chatter drops a
/// paragraph with no text at all.
fn paragraph(out: &mut Vec<Segment>, line: &str, names: &Names) {
    out.push(begin(Markup::Paragraph));
    let start = out.len();
    if !line.trim().is_empty() {
        inline(out, &parse_inline(line, names));
    }
    if out.len() == start {
        out.push(Segment::Text(" ".to_string()));
    }
    out.push(Segment::End(Markup::Paragraph));
}

fn push_text(out: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Segment::Text(prev)) = out.last_mut() {
        prev.push_str(text);
    } else {
        out.push(Segment::Text(text.to_string()));
    }
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
}

fn wrap(out: &mut Vec<Segment>, markup: Markup, inner: &[Inline]) {
    out.push(begin(markup));
    inline(out, inner);
    out.push(Segment::End(markup));
}

fn inline(out: &mut Vec<Segment>, parts: &[Inline]) {
    for part in parts {
        match part {
            Inline::Text(t) => push_text(out, t),
            Inline::Bold(inner) => wrap(out, Markup::Bold, inner),
            Inline::Italic(inner) => wrap(out, Markup::Italic, inner),
            Inline::Strike(inner) => wrap(out, Markup::Strikethrough, inner),
            Inline::Code(t) => {
                // Chatter's code markup may hold text segments only.
                out.push(begin(Markup::Code));
                out.push(Segment::Text(t.clone()));
                out.push(Segment::End(Markup::Code));
            }
            Inline::Link { url, label } if is_web(url) => match label {
                Some(label) if label != url && !label.is_empty() => {
                    out.push(Segment::Begin {
                        markup: Markup::Hyperlink,
                        url: Some(url.clone()),
                    });
                    out.push(Segment::Text(label.clone()));
                    out.push(Segment::End(Markup::Hyperlink));
                }
                _ => out.push(Segment::Link(url.clone())),
            },
            // Chatter links only web addresses; anything else (mailto:) is shown as text.
            Inline::Link { url, label } => push_text(out, label.as_deref().unwrap_or(url)),
            Inline::Person(name) => push_text(out, name),
            Inline::Channel(name) => push_text(out, &format!("#{name}")),
            Inline::Special(name) => push_text(out, &format!("@{name}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::new([("U1".to_string(), "Maria Rossi".to_string())])
    }

    fn maria() -> Hero<'static> {
        Hero {
            name: "Maria Rossi",
            salesforce_id: None,
        }
    }

    /// The post as Chatter shows it in plain text: paragraphs on their own lines,
    /// mentions as `@<id>`.
    fn plain(segments: &[Segment]) -> String {
        let mut out = String::new();
        for s in segments {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Mention(id) => out.push_str(&format!("@<{id}>")),
                Segment::Link(url) => out.push_str(url),
                Segment::Begin { .. } => {}
                Segment::End(Markup::Paragraph) => out.push('\n'),
                Segment::End(_) => {}
            }
        }
        out
    }

    fn p(inner: Vec<Segment>) -> Vec<Segment> {
        let mut v = vec![begin(Markup::Paragraph)];
        v.extend(inner);
        v.push(Segment::End(Markup::Paragraph));
        v
    }

    fn text(t: &str) -> Segment {
        Segment::Text(t.to_string())
    }

    #[test]
    fn each_line_is_a_paragraph_and_blank_lines_are_kept() {
        let segs = post("First.\n\nSecond\nthird.", &names(), 7, &maria());
        let mut want = Vec::new();
        want.extend(p(vec![text("First.")]));
        want.extend(p(vec![text(" ")]));
        want.extend(p(vec![text("Second")]));
        want.extend(p(vec![text("third.")]));
        want.extend(p(vec![text(" ")]));
        want.extend(p(vec![text("Spotlight story 7, featuring Maria Rossi")]));
        assert_eq!(segs, want);
    }

    #[test]
    fn bold_italic_strike_and_code_become_markup() {
        let segs = post("*Big* _win_ ~old~ `x*y`", &names(), 1, &maria());
        let first_paragraph: Vec<_> = segs
            .iter()
            .take_while(|s| **s != Segment::End(Markup::Paragraph))
            .cloned()
            .collect();
        assert_eq!(
            first_paragraph,
            vec![
                begin(Markup::Paragraph),
                begin(Markup::Bold),
                text("Big"),
                Segment::End(Markup::Bold),
                text(" "),
                begin(Markup::Italic),
                text("win"),
                Segment::End(Markup::Italic),
                text(" "),
                begin(Markup::Strikethrough),
                text("old"),
                Segment::End(Markup::Strikethrough),
                text(" "),
                begin(Markup::Code),
                text("x*y"),
                Segment::End(Markup::Code),
            ]
        );
    }

    #[test]
    fn links_keep_their_labels_and_only_web_addresses_are_linked() {
        let segs = post(
            "See <https://acme.io/guide|the guide>, <https://acme.io> or <mailto:a@acme.io|a@acme.io>",
            &names(),
            1,
            &maria(),
        );
        assert!(segs.contains(&Segment::Begin {
            markup: Markup::Hyperlink,
            url: Some("https://acme.io/guide".into())
        }));
        assert!(segs.contains(&text("the guide")));
        assert!(segs.contains(&Segment::Link("https://acme.io".into())));
        assert!(plain(&segs).starts_with("See the guide, https://acme.io or a@acme.io\n"));
    }

    #[test]
    fn the_heros_words_arrive_verbatim_with_entities_decoded_and_mentions_as_names() {
        let story = "*Two hours back &amp; more*\n\n*The habit:* “I close <!channel> &lt;b&gt; deals_now_ #[x].”\n\n*The payoff:* “Two hours.\n  And my forecast.  ”\n\n— Maria. Questions for <@U1> or <@U9> in <#C1|wins>?";
        let shown = plain(&post(story, &names(), 42, &maria()));
        assert_eq!(
            shown,
            "Two hours back & more\n \nThe habit: “I close @channel <b> deals_now_ #[x].”\n \nThe payoff: “Two hours.\n  And my forecast.  ”\n \n— Maria. Questions for Maria Rossi or @U9 in #wins?\n \nSpotlight story 42, featuring Maria Rossi\n"
        );
    }

    #[test]
    fn the_hero_is_mentioned_in_the_marker_line_when_salesforce_knows_them() {
        let hero = Hero {
            name: "Maria Rossi",
            salesforce_id: Some("005000000000001AAA"),
        };
        let segs = post("Hi", &names(), 42, &hero);
        let tail = &segs[segs.len() - 4..];
        assert_eq!(
            tail,
            &[
                begin(Markup::Paragraph),
                text("Spotlight story 42, featuring "),
                Segment::Mention("005000000000001AAA".into()),
                Segment::End(Markup::Paragraph),
            ]
        );
    }

    #[test]
    fn markup_always_nests_properly() {
        let segs = post(
            "*bold _both_ bold* and *unclosed\n_x_ <https://a.io|*not bold*>",
            &names(),
            3,
            &maria(),
        );
        let mut open = Vec::new();
        for s in &segs {
            match s {
                Segment::Begin { markup, .. } => open.push(*markup),
                Segment::End(m) => assert_eq!(open.pop(), Some(*m)),
                _ => {}
            }
        }
        assert!(open.is_empty());
        assert!(plain(&segs).contains("*unclosed\n"));
    }

    #[test]
    fn the_marker_names_one_story_only() {
        let text = "… Spotlight story 42, featuring @Maria";
        assert!(has_marker(text, 42));
        assert!(!has_marker(text, 4));
        assert!(!has_marker("Spotlight story 420", 42));
        assert!(has_marker("Spotlight story 420\nSpotlight story 42", 42));
        assert!(has_marker("Spotlight story 42", 42));
    }
}
