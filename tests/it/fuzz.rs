//! Fuzzing, bounded so CI runs it every time: what people and Slack send is thrown at
//! every parser as random (and randomly broken) input, and nothing may panic. cargo-fuzz
//! needs a nightly toolchain this project does not use, so these are proptest runs (a
//! fixed number of cases: `PROPTEST_CASES` raises it for a longer hunt) and, for the
//! HTTP extractors, randomly mutated real payloads signed as Slack signs them.

use std::time::Duration;

use proptest::prelude::*;
use serde_json::json;

use spotlight::domain::destination::DestinationRef;
use spotlight::domain::ids::StoryRef;
use spotlight::domain::publication::{self, Names};
use spotlight::domain::usage::{self, ColumnHints};
use spotlight::domain::{command, mrkdwn, period, ChannelId, UserId};

use crate::slack::{spawn_app, MARIA};
use crate::slack_requests::{click_body, command_body, event_body, im_message};

/// Text made of the pieces that mean something to the parsers (entities, mentions,
/// mrkdwn marks, separators, quotes, dates, numbers) and any other characters.
fn slacky() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<@U024BE7LH|maria>".to_string()),
        Just("<#C024BE7LH|wins>".to_string()),
        Just("<!channel>".to_string()),
        Just("<https://x.io|link>".to_string()),
        Just("&amp;&lt;&gt;".to_string()),
        Just("*bold* _it_ ~st~ `code`".to_string()),
        Just("\n".to_string()),
        Just("\"".to_string()),
        Just(",;\t".to_string()),
        Just("9/28/2026".to_string()),
        Just("2026-W40".to_string()),
        Just("Oct-26".to_string()),
        Just("1,234.5".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("nominate".to_string()),
        Just("approve".to_string()),
        Just("schedule".to_string()),
        Just("--set".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.join(" "))
}

fn names() -> Names {
    Names::new([("U024BE7LH".to_string(), "Maria".to_string())])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_command_parser_never_panics_on_any_text(text in slacky()) {
        let _ = command::parse(&text);
        let _ = command::parse(&format!("nominate {text}"));
        let _ = command::parse(&format!("schedule \"{text}\" #wins"));
    }

    #[test]
    fn id_parsers_never_panic_and_what_they_accept_reads_back_the_same_when_written_out(text in slacky()) {
        if let Ok(u) = UserId::parse(&text) {
            prop_assert_eq!(UserId::parse(&u.to_string()).unwrap(), u);
        }
        if let Ok(c) = ChannelId::parse(&text) {
            prop_assert_eq!(ChannelId::parse(&c.to_string()).unwrap(), c);
        }
        let _ = StoryRef::parse(&text);
        let _ = DestinationRef::parse(&text);
    }

    #[test]
    fn mrkdwn_escaping_leaves_no_entity_open_and_reads_back(text in slacky()) {
        let escaped = mrkdwn::escape(&text);
        prop_assert!(!escaped.contains('<') && !escaped.contains('>'), "{}", escaped);
        let _ = mrkdwn::to_plain(&text);
        let _ = mrkdwn::unescape(&text);
    }

    #[test]
    fn the_publication_parser_never_panics_and_html_stays_text(text in slacky()) {
        let parts = publication::parse_story(&text);
        let _ = parts;
        let _ = publication::markdown_text(&text);
        let _ = publication::inline_markdown(&text, &names());
        let _ = publication::inline_plain(&text, &names());
        let texts = spotlight::config::Prompts::builtin().texts;
        let readers = publication::Readers { texts: &texts, lang: "fr" };
        let _ = publication::story_email(&text, &names(), "Maria", &readers);
        let html = publication::escape_html(&text);
        prop_assert!(!html.contains('<'), "{}", html);
        let _ = publication::inline_html(&text, &names());
        let _ = publication::mentioned(&text);
    }

    #[test]
    fn the_usage_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let (text, _) = usage::decode(&bytes);
        let _ = usage::parse_csv(&text, &ColumnHints::default());
    }

    #[test]
    fn the_usage_reader_never_panics_on_export_shaped_text(
        header in prop::sample::select(vec![
            "Owner: Email,Team,Date,Calls",
            "\"Opportunity Owner\";\"Region\";\"Month\";\"Logins\"",
            "User\tGroup\tWeek\tViews",
        ]),
        rows in prop::collection::vec(slacky(), 0..20),
    ) {
        let text = format!("{header}\n{}\n\n\"Grand Totals (3 records)\"\n", rows.join("\n"));
        let _ = usage::parse_csv(&text, &ColumnHints::default());
    }

    #[test]
    fn period_columns_never_panic(values in prop::collection::vec(slacky(), 0..10)) {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let _ = period::parse_column(&values, None);
    }
}

/// A tiny deterministic generator, so a failing mutation can be replayed from its seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `body` broken at random: cut short, bytes flipped, a piece repeated or dropped, keys
/// renamed, characters that need escaping thrown in.
fn mutate(body: &str, rng: &mut XorShift) -> String {
    let mut b: Vec<u8> = body.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let at = rng.below(b.len());
        match rng.below(6) {
            0 => b.truncate(at),
            1 => b[at] = rng.next() as u8,
            2 => {
                let end = (at + rng.below(40)).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            3 => {
                let end = (at + rng.below(40)).min(b.len());
                b.drain(at..end);
            }
            4 => {
                b.splice(at..at, b"%00%FF\\u0000\"}]".iter().copied());
            }
            _ => {
                b.splice(at..at, "é<@>&".bytes());
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[tokio::test]
async fn randomly_broken_signed_requests_are_answered_200_or_400_and_the_bot_carries_on() {
    let app = spawn_app().await;
    let base = app.sim_base();
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_5eed_u64);
    let mut rng = XorShift(seed);
    let templates: Vec<(&str, &str, String)> = vec![
        (
            "/slack/events",
            "application/json",
            event_body(
                im_message(MARIA, "hello <@U1> & co", "1800000000.000001"),
                "EvFUZZ",
            ),
        ),
        (
            "/slack/events",
            "application/json",
            event_body(
                json!({"type": "message", "subtype": "message_changed", "channel": "DX",
                       "channel_type": "im", "ts": "1.2",
                       "message": {"user": MARIA, "text": "x", "ts": "1.1"}}),
                "EvFUZZ2",
            ),
        ),
        (
            "/slack/commands",
            "application/x-www-form-urlencoded",
            command_body(&base, MARIA, "nominate <@U2|bob> great at forecasts", 1),
        ),
        (
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            click_body(&base, MARIA, "hero_approve", "1:1", 2),
        ),
    ];
    for case in 0..200 {
        let (path, content_type, template) = &templates[case % templates.len()];
        let body = mutate(template, &mut rng);
        let status = app.signed(path, content_type, body.clone()).await.status();
        assert!(
            status.as_u16() == 200 || status.as_u16() == 400,
            "case {case} (seed {seed}): {status} for {path} with {body:?}"
        );
    }
    // Whatever was recorded is handled or set aside, and the bot still answers.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let health = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(health.status(), 200, "{}", health.text().await.unwrap());
    let reply = app.command(crate::slack::ADMIN, "help").await;
    assert!(reply.contains("/spotlight"), "{reply}");
}
