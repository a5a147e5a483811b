//! Renders an [`Outgoing`] message as Slack Block Kit content: pure, no I/O.
//!
//! Invariants kept here:
//! - Text is passed through as the already-escaped mrkdwn it is and is never changed or
//!   dropped silently: it is cut into sections only between characters, never inside an
//!   entity (`&amp;`) or a `<…>` token, and what does not fit one message moves to a
//!   further message ([`message_contents`]).
//! - Every section holds at most 2,900 chars (Slack refuses more than 3,000), and every
//!   message at most 50 blocks and 11,000 chars of block text (Slack refuses about
//!   12,000 with `msg_blocks_too_long`).
//! - Sections are `verbatim`: Slack still renders formatting and the `<@U…>` mentions
//!   Spotlight writes itself, but does not turn a user's plain `@channel` into a ping.
//! - Button `action_id`s are unique within a message: `<action>#<index>`. The receiving
//!   side must read the action with [`action_name`], which strips the `#<index>` suffix.
//!
//! Callers post this content with `unfurl_links = false` and `unfurl_media = false`, and
//! never set `link_names` or `parse`: user text must not unfurl or ping anyone.

use std::collections::HashMap;

use slack_morphism::prelude::{
    SlackActionId, SlackActionsBlock, SlackBlock, SlackBlockButtonElement, SlackBlockButtonStyle,
    SlackBlockConfirmItem, SlackBlockMarkDownText, SlackBlockPlainTextOnly, SlackBlockText,
    SlackFileId, SlackFileIdOrUrl, SlackImageBlock, SlackImageUrlOrFile, SlackMessageContent,
    SlackMessageMetadata, SlackSectionBlock,
};

use crate::delivery::{Button, Outgoing};
use crate::domain::forget::FORGET_ACTION;
use crate::domain::picture::Shown;

/// The `event_type` of the metadata that marks a story post (see [`post_metadata`]).
pub const STORY_EVENT_TYPE: &str = "spotlight_story";

/// Chars per section: Slack's limit is 3,000; the margin absorbs counting differences
/// (Slack may count some emoji as two).
const SECTION_CHARS: usize = 2_900;
/// Blocks per message (Slack's limit).
const MAX_BLOCKS: usize = 50;
/// Chars of block text per message: Slack refuses about 12,000; this keeps a margin.
const MESSAGE_CHARS: usize = crate::domain::story::MAX_POST_CHARS;
/// Elements per actions block (Slack's limit).
const BUTTONS_PER_BLOCK: usize = 25;
/// Chars of a button label (Slack's limit).
const LABEL_CHARS: usize = 75;
/// Chars of the `text` fallback that notifications show.
const FALLBACK_CHARS: usize = 3_000;
/// The longest entity name kept whole (`&amp;` has 3; `&#128512;` has 7).
const MAX_ENTITY_NAME: usize = 8;

/// The Slack message content for an outgoing message that fits one message: `text`
/// (the notification fallback) plus blocks. [`message_contents`] gives it when the
/// message fits, and splits the ones that don't.
///
/// When `msg.outbox_id` is set the content carries [`post_metadata`] for it. The caller
/// sends it with `unfurl_links = false` and `unfurl_media = false`.
fn message_content(msg: &Outgoing) -> SlackMessageContent {
    let sections = sections(&msg.text);
    let (actions, _) = actions(&msg.buttons);
    let mut blocks = Vec::with_capacity(sections.len() + actions.len());
    blocks.extend(sections.iter().map(section_block));
    blocks.extend(actions);
    content(&msg.text, blocks, msg.outbox_id.map(post_metadata))
}

/// The blocks of a view (the App Home) showing `text`: its sections, at most `max` blocks
/// (a view takes 100). A text longer than that many sections ends with "…" where it is
/// cut, so the reader sees there is more.
pub fn view_blocks(text: &str, max: usize) -> Vec<SlackBlock> {
    let sections = sections(text);
    if sections.len() <= max {
        return sections.iter().map(section_block).collect();
    }
    let mut blocks: Vec<SlackBlock> = sections[..max.saturating_sub(1)]
        .iter()
        .map(section_block)
        .collect();
    let more = SlackBlockMarkDownText::new("…".into());
    blocks.push(SlackSectionBlock::new().with_text(more.into()).into());
    blocks
}

/// The Slack message contents for an outgoing message, split into as many messages as
/// its text needs, each within Slack's limits; the buttons go under the last one.
///
/// Use it for every message: story posts, DMs (the rest in the first part's thread) and
/// replies through a `response_url` (one use per part), posting the parts in order. A message that fits
/// gives exactly one part, equal to [`message_content`]. Each part's `text` fallback is
/// the start of its own text.
///
/// When `msg.outbox_id` is set every part carries metadata for it: a single part carries
/// exactly [`post_metadata`]; several parts also carry `"part"` (from `"1"`) and
/// `"parts"` in `event_payload`, so reconciliation can tell which parts landed.
pub fn message_contents(msg: &Outgoing) -> Vec<SlackMessageContent> {
    let (actions, actions_size) = actions(&msg.buttons);

    // Fill each part with sections until the next one would break a limit.
    let mut parts: Vec<Vec<Section>> = Vec::new();
    let mut current: Vec<Section> = Vec::new();
    for section in sections(&msg.text) {
        if !current.is_empty() && !size_of(&current).plus(section.size()).fits() {
            parts.push(std::mem::take(&mut current));
        }
        current.push(section);
    }

    // The buttons go under the last part. When they do not fit there, its last section
    // moves down to a new part with them, so the buttons never stand without text.
    if !size_of(&current).plus(actions_size).fits() {
        if let Some(moved) = current.pop() {
            if moved.size().plus(actions_size).fits() {
                if !current.is_empty() {
                    parts.push(std::mem::take(&mut current));
                }
                current.push(moved);
            } else {
                current.push(moved);
                parts.push(std::mem::take(&mut current));
            }
        }
    }
    parts.push(current);

    let count = parts.len();
    if count == 1 {
        return vec![message_content(msg)];
    }
    let mut actions = Some(actions);
    parts
        .into_iter()
        .enumerate()
        .map(|(index, part)| {
            let mut text: String = part.iter().map(|s| s.text.as_str()).collect();
            let mut blocks: Vec<SlackBlock> = part.iter().map(section_block).collect();
            if index + 1 == count {
                if text.is_empty() {
                    // A part of buttons alone still needs a notification text.
                    text = msg
                        .buttons
                        .iter()
                        .map(|b| b.label.as_str())
                        .collect::<Vec<_>>()
                        .join(" · ");
                }
                blocks.extend(actions.take().unwrap_or_default());
            }
            let metadata = msg.outbox_id.map(|id| part_metadata(id, index + 1, count));
            content(&text, blocks, metadata)
        })
        .collect()
}

/// Adds pictures under a message: an image block per Slack file, with its alt text.
pub fn add_pictures(content: &mut SlackMessageContent, pictures: &[Shown]) {
    let blocks = content.blocks.get_or_insert_with(Vec::new);
    for p in pictures {
        let file = SlackImageUrlOrFile::SlackFile {
            slack_file: SlackFileIdOrUrl::Id {
                id: SlackFileId::new(p.file_id.clone()),
            },
        };
        blocks.push(SlackImageBlock::new(file, p.alt.clone()).into());
    }
}

/// Message metadata naming the outbox row of a story post: `event_type`
/// `"spotlight_story"`, `event_payload` `{"outbox_id": "<id>"}`. Reconciliation finds a
/// post by it in `conversations.history` with `include_all_metadata=true`.
///
/// Do not send it with `chat.scheduleMessage`, which silently drops messages that carry
/// metadata.
pub fn post_metadata(outbox_id: i64) -> SlackMessageMetadata {
    SlackMessageMetadata::new(STORY_EVENT_TYPE.to_string()).with_event_payload(HashMap::from([(
        "outbox_id".to_string(),
        outbox_id.to_string(),
    )]))
}

/// The adoption chart on an admin's App Home: an image block showing the Slack file
/// `file_id` (a PNG the bot shared), with a `title` and `alt` text, in the admin's
/// language, that say what it shows.
pub fn chart_image(file_id: &str, title: &str, alt: &str) -> SlackBlock {
    SlackImageBlock::new(
        SlackImageUrlOrFile::SlackFile {
            slack_file: SlackFileIdOrUrl::Id {
                id: SlackFileId::new(file_id.to_string()),
            },
        },
        alt.to_string(),
    )
    .with_title(SlackBlockPlainTextOnly::from(title.to_string()))
    .into()
}

/// The action a button's `action_id` stands for: `"hero_approve#0"` gives
/// `"hero_approve"`. Only a trailing `#<digits>` is stripped; other ids come back whole.
pub fn action_name(action_id: &str) -> &str {
    match action_id.rsplit_once('#') {
        Some((name, index)) if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => action_id,
    }
}

/// Splits mrkdwn into chunks of at most `max` chars (chars, not bytes), preferring
/// paragraph breaks, then line breaks, then spaces, and never cutting inside an entity
/// (`&amp;`, `&lt;`, `&gt;`, also `&amp;lt;` as a whole) or a `<…>` mention or link token.
///
/// Nothing is dropped or changed: each separator stays at the end of the chunk it closes,
/// so concatenating the chunks gives back the input exactly. Empty input gives no chunks.
/// A separator is preferred only when it leaves the chunk over half full; a token longer
/// than `max` is the one thing that gets cut, since nothing else can respect `max`.
///
/// # Panics
///
/// When `max` is 0.
pub fn split_mrkdwn(text: &str, max: usize) -> Vec<String> {
    assert!(max > 0, "split_mrkdwn needs room for at least one char");
    let cuts = Cuts::new(text);
    let mut chunks = Vec::new();
    let mut start = 0;
    while cuts.len() - start > max {
        let cut = cuts.best_cut(start, start + max);
        chunks.push(text[cuts.byte(start)..cuts.byte(cut)].to_string());
        start = cut;
    }
    if start < cuts.len() {
        chunks.push(text[cuts.byte(start)..].to_string());
    }
    chunks
}

/// Where a text may be cut: its chars with their byte offsets, and which cut positions
/// (in chars, 0 to len) would fall inside an entity or a `<…>` token.
struct Cuts<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    inside: Vec<bool>,
}

impl<'a> Cuts<'a> {
    fn new(text: &'a str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut inside = vec![false; chars.len() + 1];
        let mut i = 0;
        while i < chars.len() {
            let len = token_len(&chars[i..]);
            inside[i + 1..i + len.max(1)].fill(true);
            i += len.max(1);
        }
        Cuts {
            text,
            chars,
            inside,
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The byte offset of char position `p`.
    fn byte(&self, p: usize) -> usize {
        self.chars.get(p).map_or(self.text.len(), |&(b, _)| b)
    }

    fn before(&self, p: usize) -> char {
        self.chars[p - 1].1
    }

    /// The last position in `start+1..=end` outside any token that `accept` takes.
    fn last_cut(&self, start: usize, end: usize, accept: impl Fn(usize) -> bool) -> Option<usize> {
        (start + 1..=end)
            .rev()
            .find(|&p| !self.inside[p] && accept(p))
    }

    /// Where to end the chunk that starts at `start` and may reach `end`.
    fn best_cut(&self, start: usize, end: usize) -> usize {
        let paragraph =
            |p: usize| p >= start + 2 && self.before(p) == '\n' && self.before(p - 1) == '\n';
        let line = |p: usize| self.before(p) == '\n';
        let space = |p: usize| self.before(p).is_whitespace();
        let separators: [&dyn Fn(usize) -> bool; 3] = [&paragraph, &line, &space];
        let half = start + (end - start) / 2;
        separators
            .iter()
            .find_map(|sep| self.last_cut(start, end, sep).filter(|&p| p > half))
            .or_else(|| {
                separators
                    .iter()
                    .find_map(|sep| self.last_cut(start, end, sep))
            })
            .or_else(|| self.last_cut(start, end, |_| true))
            .unwrap_or(end)
    }
}

/// The length in chars of the entity or `<…>` token `rest` starts with, or 0.
fn token_len(rest: &[(usize, char)]) -> usize {
    match rest.first().map(|&(_, c)| c) {
        Some('&') => match name_len(&rest[1..]) {
            // `&amp;lt;` is the escaped form of a literal `&lt;`: keep it whole too.
            Some(4) if rest[1..4].iter().map(|&(_, c)| c).eq("amp".chars()) => {
                5 + name_len(&rest[5..]).unwrap_or(0)
            }
            Some(n) => 1 + n,
            None => 0,
        },
        Some('<') => rest[1..]
            .iter()
            .position(|&(_, c)| matches!(c, '>' | '<' | '\n'))
            .filter(|&j| rest[j + 1].1 == '>')
            .map_or(0, |j| j + 2),
        _ => 0,
    }
}

/// The length in chars of the `name;` of an entity that `rest` starts with, if any.
fn name_len(rest: &[(usize, char)]) -> Option<usize> {
    let name = rest
        .iter()
        .take(MAX_ENTITY_NAME + 1)
        .position(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))?;
    (name > 0 && rest[name].1 == ';').then_some(name + 1)
}

/// One section's worth of text.
struct Section {
    text: String,
    chars: usize,
}

impl Section {
    fn size(&self) -> Size {
        Size {
            blocks: 1,
            chars: self.chars,
        }
    }
}

/// The sections of a message text. Chunks of only whitespace are left out: Slack
/// refuses blank section text, and they show nothing.
fn sections(text: &str) -> Vec<Section> {
    split_mrkdwn(text, SECTION_CHARS)
        .into_iter()
        .filter(|chunk| !chunk.trim().is_empty())
        .map(|chunk| Section {
            chars: chunk.chars().count(),
            text: chunk,
        })
        .collect()
}

/// What part of a message's limits some blocks use.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    blocks: usize,
    chars: usize,
}

impl Size {
    fn plus(self, other: Size) -> Size {
        Size {
            blocks: self.blocks + other.blocks,
            chars: self.chars + other.chars,
        }
    }

    fn fits(self) -> bool {
        self.blocks <= MAX_BLOCKS && self.chars <= MESSAGE_CHARS
    }
}

fn size_of(sections: &[Section]) -> Size {
    sections
        .iter()
        .fold(Size::default(), |size, s| size.plus(s.size()))
}

fn section_block(section: &Section) -> SlackBlock {
    let text = SlackBlockMarkDownText::new(section.text.clone()).with_verbatim(true);
    SlackSectionBlock::new().with_text(text.into()).into()
}

/// The actions that approve a story: the first such button of a message is `primary`.
const APPROVING: [&str; 2] = ["admin_approve", "hero_approve"];
/// The actions that end a story or a person's record: their buttons are `danger`.
const ENDING: [&str; 3] = ["opt_out", "decline", FORGET_ACTION];

/// The actions blocks for `buttons`, at most 25 buttons each, and what they use of the
/// message's limits. Styles go by what a button does, whatever the language of its
/// label: the first approving button is `primary`; opting out, declining and forgetting a
/// person are `danger`. A button with a `confirm` question (forgetting a person) is
/// confirmed in Slack's dialog first.
fn actions(buttons: &[Button]) -> (Vec<SlackBlock>, Size) {
    let primary = buttons
        .iter()
        .position(|b| APPROVING.contains(&b.action.as_str()));
    let mut chars = 0;
    let elements: Vec<_> = buttons
        .iter()
        .enumerate()
        .map(|(index, button)| {
            let label = truncate_chars(&button.label, LABEL_CHARS);
            chars += label.chars().count();
            let style = if Some(index) == primary {
                Some(SlackBlockButtonStyle::Primary)
            } else if ENDING.contains(&button.action.as_str()) {
                Some(SlackBlockButtonStyle::Danger)
            } else {
                None
            };
            // What cannot be undone asks once more, in Slack's own dialog.
            let confirm = button.confirm.as_ref().map(|c| {
                let plain = |t: &str| SlackBlockPlainTextOnly::from(t.to_string());
                SlackBlockConfirmItem::new(
                    plain(&c.title),
                    SlackBlockText::MarkDown(SlackBlockMarkDownText::new(c.text.clone())),
                    plain(&c.confirm),
                    plain(&c.deny),
                )
                .with_style("danger".into())
            });
            SlackBlockButtonElement::new(label.into())
                .with_action_id(SlackActionId(format!("{}#{index}", button.action)))
                .with_value(button.value.clone())
                .opt_style(style)
                .opt_confirm(confirm)
                .into()
        })
        .collect();
    let blocks: Vec<SlackBlock> = elements
        .chunks(BUTTONS_PER_BLOCK)
        .map(|chunk| SlackActionsBlock::new(chunk.to_vec()).into())
        .collect();
    let size = Size {
        blocks: blocks.len(),
        chars,
    };
    (blocks, size)
}

fn content(
    text: &str,
    blocks: Vec<SlackBlock>,
    metadata: Option<SlackMessageMetadata>,
) -> SlackMessageContent {
    SlackMessageContent::new()
        .with_text(fallback_text(text))
        .opt_blocks((!blocks.is_empty()).then_some(blocks))
        .opt_metadata(metadata)
}

/// Metadata for part `part` of `parts` of a story post.
fn part_metadata(outbox_id: i64, part: usize, parts: usize) -> SlackMessageMetadata {
    let mut metadata = post_metadata(outbox_id);
    if let Some(payload) = metadata.event_payload.as_mut() {
        payload.insert("part".to_string(), part.to_string());
        payload.insert("parts".to_string(), parts.to_string());
    }
    metadata
}

/// The notification text: at most 3,000 chars, cut outside any entity or token, with
/// "…" when cut.
fn fallback_text(text: &str) -> String {
    if text.chars().count() <= FALLBACK_CHARS {
        return text.to_string();
    }
    let cuts = Cuts::new(text);
    let keep = FALLBACK_CHARS - 1;
    let cut = cuts.last_cut(0, keep, |_| true).unwrap_or(keep);
    format!("{}…", &text[..cuts.byte(cut)])
}

/// `text` cut to at most `max` chars, ending in "…" when cut.
fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};
    use slack_morphism::prelude::{SlackApiChatPostMessageRequest, SlackChannelId};

    use super::*;
    use crate::delivery::Recipient;
    use crate::domain::ChannelId;

    fn button(label: &str, action: &str, value: &str) -> Button {
        Button::new(label, action, value)
    }

    fn outgoing(text: &str, buttons: Vec<Button>) -> Outgoing {
        Outgoing {
            to: Recipient::Channel(ChannelId::parse("#wins").unwrap()),
            text: text.to_string(),
            buttons,
            ephemeral: false,
            outbox_id: None,
        }
    }

    fn review_buttons() -> Vec<Button> {
        vec![
            button("Approve", "hero_approve", "7"),
            button("Edit", "hero_edit", "7"),
            button("Request changes", "hero_changes", "7"),
            button("Opt out", "opt_out", "7"),
        ]
    }

    /// A story of exactly `chars` chars: sentences with entities and mentions, in
    /// paragraphs, from a fixed pseudo-random sequence.
    fn story(chars: usize) -> String {
        const PIECES: [&str; 8] = [
            "We shipped the new onboarding flow in two weeks. ",
            "<@U123|maria> pulled the data together &amp; found the gap. ",
            "Support tickets fell by a third. ",
            "The team said it was \"the easiest launch yet\". ",
            "Costs went from &lt;10 to &gt;20 dashboards. ",
            "Ünïcödé and emoji 🎉 count as one char each. ",
            "\n\n",
            "\n",
        ];
        let mut seed: u64 = 42;
        let mut text = String::new();
        while text.chars().count() < chars {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        text.chars().take(chars).collect()
    }

    fn blocks(content: &SlackMessageContent) -> Vec<Value> {
        serde_json::to_value(content.blocks.clone().unwrap_or_default())
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn block_types(content: &SlackMessageContent) -> Vec<String> {
        blocks(content)
            .iter()
            .map(|b| b["type"].as_str().unwrap().to_string())
            .collect()
    }

    fn section_texts(content: &SlackMessageContent) -> Vec<String> {
        blocks(content)
            .iter()
            .filter(|b| b["type"] == "section")
            .map(|b| b["text"]["text"].as_str().unwrap().to_string())
            .collect()
    }

    fn action_elements(content: &SlackMessageContent) -> Vec<Value> {
        blocks(content)
            .iter()
            .filter(|b| b["type"] == "actions")
            .flat_map(|b| b["elements"].as_array().unwrap().clone())
            .collect()
    }

    /// The chars of every text object in a JSON value, which is what Slack's
    /// `msg_blocks_too_long` limit is about.
    fn text_chars(value: &Value) -> usize {
        match value {
            Value::Object(map) => {
                let own = match (map.get("type"), map.get("text")) {
                    (Some(Value::String(kind)), Some(Value::String(text)))
                        if kind == "mrkdwn" || kind == "plain_text" =>
                    {
                        text.chars().count()
                    }
                    _ => 0,
                };
                own + map.values().map(text_chars).sum::<usize>()
            }
            Value::Array(items) => items.iter().map(text_chars).sum(),
            _ => 0,
        }
    }

    fn assert_within_limits(content: &SlackMessageContent) {
        let blocks = blocks(content);
        assert!(blocks.len() <= 50, "{} blocks", blocks.len());
        let chars = text_chars(&Value::Array(blocks.clone()));
        assert!(chars <= 12_000, "{chars} chars of block text");
        for text in section_texts(content) {
            assert!(text.chars().count() <= 3_000);
            assert!(!text.trim().is_empty());
        }
        assert!(content.text.as_ref().unwrap().chars().count() <= 3_000);
    }

    #[test]
    fn a_short_text_becomes_one_section_and_the_buttons_in_order() {
        let content = message_content(&outgoing("*Maria's story* is ready.", review_buttons()));
        assert_eq!(block_types(&content), ["section", "actions"]);
        assert_eq!(content.text.as_deref(), Some("*Maria's story* is ready."));
        let section = &blocks(&content)[0];
        assert_eq!(
            section["text"],
            json!({"type": "mrkdwn", "text": "*Maria's story* is ready.", "verbatim": true})
        );
        let elements = action_elements(&content);
        let labels: Vec<_> = elements.iter().map(|e| e["text"]["text"].clone()).collect();
        assert_eq!(labels, ["Approve", "Edit", "Request changes", "Opt out"]);
        let ids: Vec<_> = elements.iter().map(|e| e["action_id"].clone()).collect();
        assert_eq!(
            ids,
            [
                "hero_approve#0",
                "hero_edit#1",
                "hero_changes#2",
                "opt_out#3"
            ]
        );
        assert!(elements
            .iter()
            .all(|e| e["value"] == "7" && e["type"] == "button"));
        let styles: Vec<_> = elements.iter().map(|e| e.get("style").cloned()).collect();
        assert_eq!(
            styles,
            [Some(json!("primary")), None, None, Some(json!("danger"))]
        );
        assert_eq!(
            message_contents(&outgoing("*Maria's story* is ready.", review_buttons())),
            vec![content]
        );
    }

    #[test]
    fn styles_go_by_what_a_button_does_in_any_language() {
        let buttons = vec![
            button("Commencer", "start", "1"),
            button("Approuver et envoyer au héros", "admin_approve", "1"),
            button("Approuver", "hero_approve", "1"),
            button("Non merci", "decline", "1"),
            button("Me désinscrire", "opt_out", "1"),
        ];
        let content = message_content(&outgoing("Salut", buttons));
        let styles: Vec<_> = action_elements(&content)
            .iter()
            .map(|e| e.get("style").cloned())
            .collect();
        assert_eq!(
            styles,
            [
                None,
                Some(json!("primary")),
                None,
                Some(json!("danger")),
                Some(json!("danger"))
            ],
            "only the first approving button is primary"
        );
        assert!(action_elements(&content)
            .iter()
            .all(|e| e.get("confirm").is_none()));
    }

    #[test]
    fn a_button_that_cannot_be_undone_asks_its_own_question_first() {
        let mut forget = button("Oublier", FORGET_ACTION, "U1");
        forget.confirm = Some(crate::delivery::Confirm {
            title: "Oublier définitivement ?".into(),
            text: "Tout est supprimé.".into(),
            confirm: "Oublier".into(),
            deny: "Annuler".into(),
        });
        let content = message_content(&outgoing("Salut", vec![forget]));
        let element = &action_elements(&content)[0];
        assert_eq!(element["style"], "danger");
        assert_eq!(
            element["confirm"]["title"]["text"],
            "Oublier définitivement ?"
        );
        assert_eq!(element["confirm"]["text"]["text"], "Tout est supprimé.");
        assert_eq!(element["confirm"]["confirm"]["text"], "Oublier");
        assert_eq!(element["confirm"]["deny"]["text"], "Annuler");
        assert_eq!(element["confirm"]["style"], "danger");
    }

    #[test]
    fn a_message_without_buttons_has_no_actions_block_and_an_empty_one_no_blocks() {
        let content = message_content(&outgoing("Just text", vec![]));
        assert_eq!(block_types(&content), ["section"]);
        let empty = message_content(&outgoing("", vec![]));
        assert_eq!(empty.blocks, None);
        assert_eq!(message_contents(&outgoing("", vec![])).len(), 1);
    }

    #[test]
    fn a_10000_char_story_becomes_several_sections_in_one_message() {
        let text = story(10_000);
        let content = message_content(&outgoing(&text, review_buttons()));
        let sections = section_texts(&content);
        assert!(sections.len() >= 4, "{} sections", sections.len());
        assert_eq!(sections.concat(), text);
        assert_within_limits(&content);
        assert_eq!(
            block_types(&content).last().map(String::as_str),
            Some("actions")
        );
        assert_eq!(
            message_contents(&outgoing(&text, review_buttons())).len(),
            1
        );
    }

    #[test]
    fn the_fallback_text_is_cut_to_3000_chars_with_an_ellipsis() {
        let text = story(10_000);
        let content = message_content(&outgoing(&text, vec![]));
        let fallback = content.text.unwrap();
        assert!((2_990..=3_000).contains(&fallback.chars().count()));
        assert!(fallback.ends_with('…'));
        assert!(text.starts_with(fallback.trim_end_matches('…')));
    }

    #[test]
    fn the_fallback_text_is_not_cut_inside_an_entity() {
        let text = format!("{}&amp; and more", "x".repeat(2_997));
        let fallback = fallback_text(&text);
        assert_eq!(fallback, format!("{}…", "x".repeat(2_997)));
    }

    #[test]
    fn a_40000_char_text_becomes_several_messages_within_limits_with_buttons_on_the_last() {
        let text = story(40_000);
        let msg = Outgoing {
            outbox_id: Some(42),
            ..outgoing(&text, review_buttons())
        };
        let contents = message_contents(&msg);
        assert!(contents.len() >= 4, "{} messages", contents.len());
        for content in &contents {
            assert_within_limits(content);
        }
        let all: String = contents.iter().flat_map(section_texts).collect();
        assert_eq!(all, text);
        let (last, rest) = contents.split_last().unwrap();
        assert!(rest.iter().all(|c| action_elements(c).is_empty()));
        assert_eq!(action_elements(last).len(), 4);
        assert_eq!(
            block_types(last).last().map(String::as_str),
            Some("actions")
        );
        for (index, content) in contents.iter().enumerate() {
            let metadata = serde_json::to_value(content.metadata.as_ref().unwrap()).unwrap();
            assert_eq!(
                metadata,
                json!({"event_type": "spotlight_story", "event_payload": {
                    "outbox_id": "42",
                    "part": (index + 1).to_string(),
                    "parts": contents.len().to_string(),
                }})
            );
        }
    }

    #[test]
    fn a_view_shows_the_whole_text_and_one_too_long_for_it_ends_with_an_ellipsis() {
        let text = story(10_000);
        let blocks: Vec<Value> = view_blocks(&text, 99)
            .iter()
            .map(|b| serde_json::to_value(b).unwrap())
            .collect();
        let shown: String = blocks
            .iter()
            .map(|b| b["text"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(shown, text);
        let cut = view_blocks(&text, 2);
        assert_eq!(cut.len(), 2);
        let last = serde_json::to_value(&cut[1]).unwrap();
        assert_eq!(last["text"]["text"], "…");
        let first = serde_json::to_value(&cut[0]).unwrap();
        assert!(text.starts_with(first["text"]["text"].as_str().unwrap()));
    }

    #[test]
    fn thirty_buttons_make_two_actions_blocks_with_unique_action_ids() {
        let buttons: Vec<_> = (0..30)
            .map(|i| button(&format!("Pick {i}"), "pick", &i.to_string()))
            .collect();
        let content = message_content(&outgoing("Choose one", buttons));
        let actions: Vec<_> = blocks(&content)
            .into_iter()
            .filter(|b| b["type"] == "actions")
            .collect();
        assert_eq!(actions.len(), 2);
        assert_eq!(actions[0]["elements"].as_array().unwrap().len(), 25);
        assert_eq!(actions[1]["elements"].as_array().unwrap().len(), 5);
        let mut ids: Vec<_> = action_elements(&content)
            .iter()
            .map(|e| e["action_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids[29], "pick#29");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 30);
    }

    #[test]
    fn a_long_button_label_is_cut_to_75_chars() {
        let label = "Approve this story about the very long migration project ".repeat(3);
        let content = message_content(&outgoing("Hi", vec![button(&label, "a", "1")]));
        let shown = action_elements(&content)[0]["text"]["text"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(shown.chars().count(), 75);
        assert!(shown.ends_with('…'));
        assert!(label.starts_with(shown.trim_end_matches('…')));
        assert_eq!(action_elements(&content)[0]["text"]["type"], "plain_text");
    }

    #[test]
    fn action_name_strips_the_index_suffix_and_nothing_else() {
        assert_eq!(action_name("hero_approve#0"), "hero_approve");
        assert_eq!(action_name("pick#29"), "pick");
        assert_eq!(action_name("hero_approve"), "hero_approve");
        assert_eq!(action_name("odd#name"), "odd#name");
        assert_eq!(action_name("a#b#3"), "a#b");
        assert_eq!(action_name("trailing#"), "trailing#");
    }

    #[test]
    fn post_metadata_names_the_outbox_row() {
        assert_eq!(
            serde_json::to_value(post_metadata(42)).unwrap(),
            json!({"event_type": "spotlight_story", "event_payload": {"outbox_id": "42"}})
        );
        let msg = Outgoing {
            outbox_id: Some(42),
            ..outgoing("Story", vec![])
        };
        assert_eq!(message_content(&msg).metadata, Some(post_metadata(42)));
    }

    #[test]
    fn escaped_channel_mentions_stay_escaped_in_the_posted_json() {
        let text = "Maria said &lt;!channel&gt; &amp; &lt;@U999&gt; should see this";
        let msg = Outgoing {
            outbox_id: Some(7),
            ..outgoing(text, review_buttons())
        };
        let request = SlackApiChatPostMessageRequest::new(
            SlackChannelId::new("C1".into()),
            message_content(&msg),
        )
        .with_unfurl_links(false)
        .with_unfurl_media(false);
        let json = serde_json::to_string(&request).unwrap();
        assert!(!json.contains("<!channel>"), "{json}");
        assert!(!json.contains("<@U999>"), "{json}");
        assert!(json.contains("&lt;!channel&gt;"), "{json}");
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["unfurl_links"], false);
        assert_eq!(value["unfurl_media"], false);
        assert_eq!(value["metadata"]["event_payload"]["outbox_id"], "7");
        assert!(value.get("link_names").is_none() && value.get("parse").is_none());
    }

    #[test]
    fn split_prefers_paragraphs_then_lines_then_spaces() {
        let text = format!(
            "{}\n\n{}\n{} {}",
            "a".repeat(60),
            "b".repeat(20),
            "c".repeat(10),
            "d".repeat(5)
        );
        assert_eq!(
            split_mrkdwn(&text, 95),
            [
                format!("{}\n\n", "a".repeat(60)),
                format!("{}\n{} {}", "b".repeat(20), "c".repeat(10), "d".repeat(5))
            ]
        );
        // A separator that would leave the chunk less than half full gives way to a later one.
        assert_eq!(
            split_mrkdwn("ab\n\ncdefgh ijkl", 12),
            ["ab\n\ncdefgh ", "ijkl"]
        );
        assert_eq!(
            split_mrkdwn("one two\nthree four", 12),
            ["one two\n", "three four"]
        );
        assert_eq!(split_mrkdwn("one two three", 9), ["one two ", "three"]);
        assert_eq!(split_mrkdwn("abcdefgh", 3), ["abc", "def", "gh"]);
        assert!(split_mrkdwn("", 10).is_empty());
    }

    #[test]
    fn split_keeps_entities_and_tokens_whole() {
        assert_eq!(split_mrkdwn("ab&amp;lt;cd", 8), ["ab", "&amp;lt;", "cd"]);
        assert_eq!(
            split_mrkdwn("hi <@U123|name> x", 14),
            ["hi ", "<@U123|name> x"]
        );
        // A token longer than `max` is cut, since nothing else can respect `max`.
        assert_eq!(split_mrkdwn("<@U123|name>", 5).concat(), "<@U123|name>");
    }

    /// Pieces of escaped mrkdwn; those starting with `&` or `<` must never be cut.
    const PIECES: [&str; 22] = [
        "a",
        "word",
        "longerword",
        " ",
        " ",
        "\t",
        "\n",
        "\n\n",
        "&amp;",
        "&lt;",
        "&gt;",
        "&amp;lt;",
        "&#128512;",
        "<@U123|name>",
        "<#C42|wins>",
        "<!here>",
        "<https://example.com/some/long/path|a link>",
        "é",
        "😀",
        "*bold*",
        "```code```",
        "&gt; quote\n",
    ];

    proptest! {
        #[test]
        fn split_round_trips_and_keeps_tokens_whole(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..400),
            max in 50usize..400,
        ) {
            let text = pieces.concat();
            let mut atoms = Vec::new();
            let mut at = 0;
            for piece in &pieces {
                if piece.starts_with('&') || piece.starts_with('<') {
                    let len = if piece.starts_with('&') { piece.rfind(';').unwrap() + 1 } else { piece.len() };
                    atoms.push(at..at + len);
                }
                at += piece.len();
            }
            let chunks = split_mrkdwn(&text, max);
            prop_assert_eq!(chunks.concat(), text.clone());
            let mut cut = 0;
            for chunk in &chunks {
                prop_assert!(!chunk.is_empty());
                prop_assert!(chunk.chars().count() <= max);
                cut += chunk.len();
                prop_assert!(
                    atoms.iter().all(|atom| cut <= atom.start || cut >= atom.end),
                    "cut at byte {} splits a token in {:?}", cut, text
                );
            }
        }

        #[test]
        fn split_round_trips_any_text_within_max(text in any::<String>(), max in 1usize..40) {
            let chunks = split_mrkdwn(&text, max);
            prop_assert_eq!(chunks.concat(), text);
            prop_assert!(chunks.iter().all(|c| !c.is_empty() && c.chars().count() <= max));
        }

        #[test]
        fn every_message_part_stays_within_limits(chars in 0usize..60_000, buttons in 0usize..60) {
            let text = story(chars);
            let buttons = (0..buttons).map(|i| button(&"Label ".repeat(20), "act", &i.to_string())).collect();
            let contents = message_contents(&outgoing(&text, buttons));
            for content in &contents {
                assert_within_limits(content);
            }
            let all: String = contents.iter().flat_map(section_texts).collect();
            if text.trim().is_empty() {
                // Slack refuses a section without visible text: blank text gets none.
                prop_assert_eq!(all, "");
            } else {
                prop_assert_eq!(all, text);
            }
        }
    }
}
