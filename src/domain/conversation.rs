//! The conversation a published story starts, in words for its hero: a link to a reply in
//! the story's thread (several replies that came together in one notice), and the thank-you that reports the story's reach and conversation
//! a few days after publication.
//!
//! A Slack message reference is `channel:ts`; its permalink is formed from it
//! (`https://slack.com/archives/{channel}/p{ts without the dot}`), so nothing here asks
//! Slack. A reference of another form (the console's, Chatter's) has no link.

use super::mrkdwn;
use super::texts::{Arg, Texts};
use super::UserId;

/// The web address of the Slack message `message_ref` (`channel:ts`); with `parent` (the
/// reference of the message it replies to), the address opens it in its thread.
pub fn permalink(message_ref: &str, parent: Option<&str>) -> Option<String> {
    let (channel, ts) = split_ref(message_ref)?;
    let mut url = format!(
        "https://slack.com/archives/{channel}/p{}",
        ts.replace('.', "")
    );
    if let Some((_, thread)) = parent.and_then(split_ref) {
        url.push_str(&format!("?thread_ts={thread}&cid={channel}"));
    }
    Some(url)
}

/// A Slack reference's channel and timestamp, if it is one.
fn split_ref(message_ref: &str) -> Option<(&str, &str)> {
    let (channel, ts) = message_ref.split_once(':')?;
    let channel_ok = !channel.is_empty() && channel.chars().all(|c| c.is_ascii_alphanumeric());
    let (secs, micros) = ts.split_once('.')?;
    let ts_ok = [secs, micros]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    (channel_ok && ts_ok).then_some((channel, ts))
}

/// What the hero is told when `replier` answers in their story's thread (the reply
/// `reply_ref`, in the thread of the post `parent_ref`, posted in `place`), in `lang`.
pub fn reply_notice(
    texts: &Texts,
    lang: &str,
    replier: &UserId,
    place: &str,
    parent_ref: &str,
    reply_ref: &str,
) -> String {
    let who = replier.mention();
    let mut args = vec![("who", Arg::Text(&who)), ("place", Arg::Text(place))];
    let url = permalink(reply_ref, Some(parent_ref));
    let id = match &url {
        Some(url) => {
            args.push(("url", Arg::Text(url)));
            "reply-notice-linked"
        }
        None => "reply-notice",
    };
    texts.get(lang, id, &args)
}

/// One reply the hero has not been told of: who, in the thread of which post, which reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub user: UserId,
    pub parent_ref: String,
    pub reply_ref: String,
}

/// What the hero is told of `replies` (oldest first, at least one) in the thread of their
/// story in `place`: one DM for them all, linking the first.
pub fn replies_notice(texts: &Texts, lang: &str, place: &str, replies: &[Reply]) -> String {
    let Some(first) = replies.first() else {
        return String::new();
    };
    if replies.len() == 1 {
        return reply_notice(
            texts,
            lang,
            &first.user,
            place,
            &first.parent_ref,
            &first.reply_ref,
        );
    }
    let mut people: Vec<String> = Vec::new();
    for r in replies {
        let who = r.user.mention();
        if !people.contains(&who) {
            people.push(who);
        }
    }
    let who = match people.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => texts.get(
            lang,
            "list-and",
            &[
                ("first", Arg::Text(&rest.join(", "))),
                ("last", Arg::Text(last)),
            ],
        ),
        None => String::new(),
    };
    let mut args = vec![
        ("count", Arg::from(replies.len())),
        ("who", Arg::Text(&who)),
        ("place", Arg::Text(place)),
    ];
    let url = permalink(&first.reply_ref, Some(&first.parent_ref));
    let id = match &url {
        Some(url) => {
            args.push(("url", Arg::Text(url)));
            "replies-notice-linked"
        }
        None => "replies-notice",
    };
    texts.get(lang, id, &args)
}

/// A story's reach and conversation so far, for its thank-you.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Days since publication.
    pub days: u32,
    /// People who could read it (members of the channels it was posted in), if known.
    pub reached: Option<i64>,
    pub reactions: i64,
    pub replies: i64,
    /// Distinct people who reacted or replied.
    pub people: i64,
    /// The references of its posts (links are made of those that are Slack messages).
    pub posts: Vec<String>,
}

/// The thank-you a hero gets a few days after their story is published. `name` is the
/// hero's name as stored (escaped here).
/// hero's name as stored (escaped here), in `lang` from `texts` (plurals as each
/// language has them).
pub fn thank_you(texts: &Texts, lang: &str, name: &str, reach: &Reach) -> String {
    let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
    let mut lines = vec![t(
        "thank-you",
        &[
            ("name", Arg::Text(&mrkdwn::escape(name))),
            ("days", i64::from(reach.days).into()),
        ],
    )];
    lines.push(match reach.reached {
        Some(n) => t("thank-you-reached", &[("people", n.into())]),
        None => t("thank-you-reach-unknown", &[]),
    });
    lines.push(t(
        "thank-you-conversation",
        &[
            ("reactions", reach.reactions.into()),
            ("replies", reach.replies.into()),
            ("people", reach.people.into()),
        ],
    ));
    let story = t("thank-you-your-story", &[]);
    let links: Vec<String> = reach
        .posts
        .iter()
        .filter_map(|r| permalink(r, None))
        .map(|url| format!("<{url}|{story}>"))
        .collect();
    if !links.is_empty() {
        lines.push(t(
            "thank-you-thread",
            &[("links", Arg::Text(&links.join(", ")))],
        ));
    }
    lines.push(t("thank-you-closing", &[]));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slack_reference_becomes_a_permalink_and_a_reply_opens_in_its_thread() {
        assert_eq!(
            permalink("C0WINS:1700000000.000100", None).as_deref(),
            Some("https://slack.com/archives/C0WINS/p1700000000000100")
        );
        assert_eq!(
            permalink("C0WINS:1700000050.000200", Some("C0WINS:1700000000.000100")).as_deref(),
            Some("https://slack.com/archives/C0WINS/p1700000050000200?thread_ts=1700000000.000100&cid=C0WINS")
        );
        for not_slack in [
            "console-3",
            "chatter:0F9000000000001",
            "C1:abc",
            "C1:17.",
            "",
        ] {
            assert_eq!(permalink(not_slack, None), None, "{not_slack}");
        }
    }

    #[test]
    fn the_reply_notice_names_who_replied_and_links_the_reply() {
        let who = UserId::parse("U0ASKER").unwrap();
        let texts = crate::config::Prompts::builtin().texts;
        let text = reply_notice(
            &texts,
            "en",
            &who,
            "<#C0WINS>",
            "C0WINS:1.000100",
            "C0WINS:2.000200",
        );
        assert!(text.starts_with("<@U0ASKER> replied in the thread of your Spotlight story in <#C0WINS>: <https://slack.com/archives/C0WINS/p2000200?thread_ts=1.000100&cid=C0WINS|open the thread>"), "{text}");
        let text = reply_notice(&texts, "en", &who, "#wins", "console-1", "console-2");
        assert!(text.contains("story in #wins.\n"), "{text}");
    }

    #[test]
    fn replies_that_came_together_are_one_notice_naming_each_person_once_in_the_heros_language() {
        let reply = |user: &str, ts: &str| Reply {
            user: UserId::parse(user).unwrap(),
            parent_ref: "C0WINS:1.000100".into(),
            reply_ref: format!("C0WINS:{ts}"),
        };
        let texts = crate::config::Prompts::builtin().texts;
        let text = replies_notice(
            &texts,
            "en",
            "<#C0WINS>",
            &[
                reply("U0BOB", "2.000001"),
                reply("U0ANN", "3.000001"),
                reply("U0BOB", "4.000001"),
            ],
        );
        assert!(
            text.starts_with("3 replies in the thread of your Spotlight story in <#C0WINS>, from <@U0BOB> and <@U0ANN>: <https://slack.com/archives/C0WINS/p2000001?thread_ts=1.000100&cid=C0WINS|open the thread>"),
            "{text}"
        );
        assert_eq!(
            replies_notice(
                &texts,
                "fr",
                "<#C0WINS>",
                &[reply("U0BOB", "2.000001"), reply("U0ANN", "3.000001"), reply("U0CY", "4.000001")]
            )
            .lines()
            .next()
            .unwrap(),
            "3 réponses dans le fil de votre histoire Spotlight dans <#C0WINS>, de <@U0BOB>, <@U0ANN> et <@U0CY> : <https://slack.com/archives/C0WINS/p2000001?thread_ts=1.000100&cid=C0WINS|ouvrir le fil>"
        );
        assert_eq!(
            replies_notice(&texts, "en", "#wins", &[reply("U0BOB", "2.000001")]),
            reply_notice(
                &texts,
                "en",
                &UserId::parse("U0BOB").unwrap(),
                "#wins",
                "C0WINS:1.000100",
                "C0WINS:2.000001"
            )
        );
    }

    #[test]
    fn the_thank_you_counts_reach_and_conversation_in_plain_words() {
        let reach = Reach {
            days: 3,
            reached: Some(42),
            reactions: 1,
            replies: 2,
            people: 3,
            posts: vec!["C0WINS:1700000000.000100".into(), "console-1".into()],
        };
        let texts = crate::config::Prompts::builtin().texts;
        let text = thank_you(&texts, "en", "Maria <!channel>", &reach);
        assert!(text.starts_with("Thank you again for your Spotlight story, Maria &lt;!channel&gt;! Here is what it has done in 3 days:"), "{text}");
        assert!(text.contains("• 42 people could read it"), "{text}");
        assert!(
            text.contains("• 1 reaction and 2 replies (questions and answers), from 3 people"),
            "{text}"
        );
        assert!(
            text.contains("<https://slack.com/archives/C0WINS/p1700000000000100|your story>."),
            "{text}"
        );
        let quiet = thank_you(
            &texts,
            "en",
            "Maria",
            &Reach {
                days: 1,
                reached: None,
                reactions: 0,
                replies: 1,
                people: 1,
                posts: vec![],
            },
        );
        assert!(quiet.contains("in 1 day:"), "{quiet}");
        assert!(
            quiet.contains("how many, the channel doesn't say"),
            "{quiet}"
        );
        assert!(
            quiet.contains("0 reactions and 1 reply (questions and answers), from 1 person"),
            "{quiet}"
        );
        assert!(!quiet.contains("thread of"), "{quiet}");
        // In French, with French plurals; the name as stored.
        let fr = thank_you(&texts, "fr", "Maria", &reach);
        assert!(
            fr.starts_with("Merci encore pour votre histoire Spotlight, Maria ! Voici ce qu'elle a donné en 3 jours :"),
            "{fr}"
        );
        assert!(fr.contains("• 42 personnes ont pu la lire"), "{fr}");
        assert!(
            fr.contains("• 1 réaction et 2 réponses (questions et réponses), de 3 personnes"),
            "{fr}"
        );
        assert!(fr.contains("|votre histoire>."), "{fr}");
    }
}
