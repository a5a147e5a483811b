//! The story composer: answers + template → a draft in Slack mrkdwn, with its checks.
//!
//! Quotes enter the template as the hero's exact words (escaped for mrkdwn, never
//! rewritten), so every quote in a story is byte-for-byte an answer once unescaped.
//! The composer is never given the admin's name, and the checks report it if a
//! hero's answer happens to contain it.

use std::fmt;

use minijinja::{Environment, Value};
use serde::Serialize;

use super::ids::UserId;
use super::interview::{QuestionRole, QuestionSet};
use super::mrkdwn;

/// Targets the checks measure against.
pub const TARGET_QUOTE_SHARE: f64 = 0.6;
pub const TARGET_MAX_WORDS: usize = 200;
/// The longest story that goes out as one Slack message (what a message's blocks may
/// hold in all, with room for the section breaks): a longer one would need several
/// messages, which can't be posted exactly once as a whole, so it is not approved.
pub const MAX_POST_CHARS: usize = 11_000;

/// Why `text` can't be posted as one message, if it can't.
pub fn too_long_to_post(text: &str) -> Option<String> {
    let n = text.chars().count();
    (n > MAX_POST_CHARS).then(|| {
        format!(
            "the story is {n} characters long and one post holds {MAX_POST_CHARS}: leave out a quote (`/spotlight quotes`) or ask the hero to shorten one"
        )
    })
}

/// Headline length a reader takes in at a glance (and under Slack's 150 for headers).
pub const MAX_HEADLINE_CHARS: usize = 150;

/// One answer the story may quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub key: String,
    pub role: &'static str,
    pub question: String,
    pub text: String,
}

/// Everything the composer needs; nothing about who reviewed it.
#[derive(Debug, Clone)]
pub struct StoryInput {
    pub headline: String,
    pub hero: UserId,
    pub hero_name: String,
    /// Chosen quotes in interview order, the take-away excluded.
    pub quotes: Vec<Quote>,
    pub takeaway: Option<Quote>,
}

/// What the composer reports with each draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Checks {
    /// Words inside quotes over words in the body (the story without its headline).
    pub quote_share: f64,
    pub words: usize,
    pub has_takeaway: bool,
    pub has_headline: bool,
    /// Admin names or mentions found in the text (should be none).
    pub admin_named: Vec<String>,
}

impl Checks {
    pub fn passed(&self) -> bool {
        self.quote_share >= TARGET_QUOTE_SHARE
            && self.words <= TARGET_MAX_WORDS
            && self.has_takeaway
            && self.has_headline
            && self.admin_named.is_empty()
    }

    /// One line per check, marked ✓ or ✗, for people to read.
    pub fn lines(&self) -> Vec<String> {
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        let share = (self.quote_share * 100.0).round() as i64;
        vec![
            format!(
                "{} quotes are {share}% of the body (target ≥ {}%)",
                mark(self.quote_share >= TARGET_QUOTE_SHARE),
                (TARGET_QUOTE_SHARE * 100.0) as i64
            ),
            format!(
                "{} {} words (target under {TARGET_MAX_WORDS})",
                mark(self.words <= TARGET_MAX_WORDS),
                self.words
            ),
            format!(
                "{} take-away {}",
                mark(self.has_takeaway),
                if self.has_takeaway {
                    "present"
                } else {
                    "missing: the hero skipped it or it is not quoted"
                }
            ),
            format!(
                "{} headline {}",
                mark(self.has_headline),
                if self.has_headline {
                    "present"
                } else {
                    "missing: propose one with `/spotlight headline`"
                }
            ),
            if self.admin_named.is_empty() {
                "✓ no admin named".to_string()
            } else {
                format!(
                    "✗ names an admin ({}): leave that quote out or ask the hero to edit it",
                    self.admin_named.join(", ")
                )
            },
        ]
    }
}

/// A composed story.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The story in Slack mrkdwn, exactly as it would be posted.
    pub text: String,
    pub checks: Checks,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoryError {
    #[error("the story template has an error: {0}; fix prompts/story.md")]
    Template(String),
}

impl From<minijinja::Error> for StoryError {
    fn from(e: minijinja::Error) -> Self {
        let mut msg = e.to_string();
        if let Some(line) = e.line() {
            msg = format!("{msg} (line {line})");
        }
        StoryError::Template(msg)
    }
}

/// The answers that may be quoted, in interview order, with the headline answer apart.
pub fn candidates(set: &QuestionSet, answers: &super::interview::Answers) -> Vec<Quote> {
    set.questions
        .iter()
        .filter(|q| q.role != QuestionRole::Headline)
        .filter_map(|q| {
            answers.get(&q.key).map(|text| Quote {
                key: q.key.clone(),
                role: q.role.as_str(),
                question: q.text.clone(),
                text: text.clone(),
            })
        })
        .collect()
}

/// Splits chosen candidates into body quotes and the take-away. `chosen` lists question
/// keys; `None` means every answer.
pub fn select(candidates: &[Quote], chosen: Option<&[String]>) -> (Vec<Quote>, Option<Quote>) {
    let picked = candidates
        .iter()
        .filter(|q| chosen.is_none_or(|keys| keys.iter().any(|k| k == &q.key)));
    let (takeaways, quotes): (Vec<Quote>, Vec<Quote>) = picked
        .cloned()
        .partition(|q| q.role == QuestionRole::Takeaway.as_str());
    (quotes, takeaways.into_iter().next())
}

/// The headline: an admin's or hero's proposal, else the hero's answer to the headline
/// question, else none (the checks then ask for one). It is never taken from another
/// answer: a benefit or a take-away is not a headline, and a story that borrowed one
/// would quote it twice.
pub fn headline(
    proposal: Option<&str>,
    set: &QuestionSet,
    answers: &super::interview::Answers,
) -> String {
    if let Some(p) = proposal.map(str::trim).filter(|p| !p.is_empty()) {
        return p.to_string();
    }
    set.by_role(QuestionRole::Headline)
        .and_then(|q| answers.get(&q.key))
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Checks that a template compiles, so a broken edit is caught when it is loaded.
pub fn validate_template(template: &str) -> Result<(), StoryError> {
    let env = environment();
    env.template_from_str(template)?;
    Ok(())
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // Every value is user text and is escaped for mrkdwn unless Spotlight marked it safe.
    env.set_formatter(|out, _state, value| {
        if value.is_undefined() || value.is_none() {
            return Ok(());
        }
        let text = value.to_string();
        if value.is_safe() {
            out.write_str(&text)?;
        } else {
            out.write_str(&mrkdwn::escape(&text))?;
        }
        Ok(())
    });
    env
}

thread_local! {
    /// The last template compiled on this thread, with its source: every story is
    /// rendered from the same one, and compiling it cost more than rendering.
    static COMPILED: std::cell::RefCell<Option<(String, Environment<'static>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` on `template`, compiled (once per thread while the template stays the same).
fn with_template<T>(
    template: &str,
    f: impl FnOnce(&minijinja::Template<'_, '_>) -> Result<T, minijinja::Error>,
) -> Result<T, minijinja::Error> {
    COMPILED.with_borrow_mut(|compiled| {
        if compiled
            .as_ref()
            .is_none_or(|(source, _)| source != template)
        {
            let mut env = environment();
            env.add_template_owned("story", template.to_string())?;
            *compiled = Some((template.to_string(), env));
        }
        let (_, env) = compiled.as_ref().expect("compiled above");
        f(&env.get_template("story")?)
    })
}

/// Renders the story and measures it. `admin_names` are names and IDs of the admins,
/// used only to check that none of them appears.
pub fn compose(
    template: &str,
    input: &StoryInput,
    admin_names: &[String],
) -> Result<Draft, StoryError> {
    let text = with_template(template, |tmpl| {
        tmpl.render(minijinja::context! {
            headline => input.headline,
            hero => input.hero_name,
            hero_mention => Value::from_safe_string(input.hero.mention()),
            quotes => input.quotes,
            takeaway => input.takeaway,
        })
    })?;
    // Only the template's leading and trailing blank lines go; quotes are inside.
    let text = text.trim_matches('\n').to_string();
    let checks = measure(&text, input, admin_names);
    Ok(Draft { text, checks })
}

fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn measure(text: &str, input: &StoryInput, admin_names: &[String]) -> Checks {
    let plain = mrkdwn::to_plain(text);
    let words = count_words(&plain);
    let headline_words = if input.headline.is_empty() || !plain.contains(&input.headline) {
        0
    } else {
        count_words(&input.headline)
    };
    let body_words = words.saturating_sub(headline_words).max(1);
    let quote_words: usize = input
        .quotes
        .iter()
        .chain(input.takeaway.iter())
        .filter(|q| text.contains(&mrkdwn::escape(&q.text)))
        .map(|q| count_words(&q.text))
        .sum();
    let has_takeaway = input
        .takeaway
        .as_ref()
        .is_some_and(|t| !t.text.trim().is_empty() && text.contains(&mrkdwn::escape(&t.text)));
    let lower = plain.to_lowercase();
    let mut admin_named: Vec<String> = admin_names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .filter(|n| contains_word(&lower, &n.to_lowercase()) || text.contains(&format!("<@{n}>")))
        .cloned()
        .collect();
    admin_named.dedup();
    Checks {
        quote_share: (quote_words as f64 / body_words as f64).min(1.0),
        words,
        has_takeaway,
        has_headline: !input.headline.trim().is_empty(),
        admin_named,
    }
}

/// Whole-word search: `ann` is not found in `annual`.
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, m)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl fmt::Display for Checks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::interview::Answers;

    const TEMPLATE: &str = include_str!("../../prompts/story.md");

    fn set() -> QuestionSet {
        QuestionSet::parse_toml(include_str!("../../prompts/interview.toml")).unwrap()
    }

    fn answers() -> Answers {
        [
            (
                "behaviour",
                "Every Friday I clean my pipeline view and close what's dead.",
            ),
            (
                "benefit",
                "I get two hours back a week. My forecast is right for once!",
            ),
            ("start", "My manager showed me the list view filters."),
            (
                "takeaway",
                "Open the pipeline view on Friday and close three dead deals.",
            ),
            ("headline", "Two hours back every Friday"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn input(answers: &Answers, chosen: Option<&[String]>) -> StoryInput {
        let set = set();
        let (quotes, takeaway) = select(&candidates(&set, answers), chosen);
        StoryInput {
            headline: headline(None, &set, answers),
            hero: UserId::parse("maria").unwrap(),
            hero_name: "Maria".into(),
            quotes,
            takeaway,
        }
    }

    #[test]
    fn the_story_follows_the_formula_with_every_quote_verbatim() {
        let a = answers();
        let draft = compose(TEMPLATE, &input(&a, None), &["admin".into()]).unwrap();
        assert!(draft.text.starts_with("*Two hours back every Friday*"));
        for key in ["behaviour", "benefit", "start", "takeaway"] {
            assert!(
                mrkdwn::unescape(&draft.text).contains(&a[key]),
                "{key} missing from {}",
                draft.text
            );
        }
        assert!(draft.text.contains("<@maria>"));
        assert!(draft.checks.passed(), "{}\n{}", draft.text, draft.checks);
    }

    #[test]
    fn multi_line_answers_and_odd_spacing_survive_rendering_byte_for_byte() {
        let mut a = answers();
        let raw = "Step 1:  open the view\n\n\n   Step 2: sort by *close date*\ttoday";
        a.insert("behaviour".into(), raw.into());
        let draft = compose(TEMPLATE, &input(&a, None), &[]).unwrap();
        assert!(
            mrkdwn::unescape(&draft.text).contains(raw),
            "{}",
            draft.text
        );
    }

    #[test]
    fn mentions_typed_by_the_hero_are_escaped_so_they_ping_nobody() {
        let mut a = answers();
        a.insert(
            "benefit".into(),
            "<!channel> we won & <@U999> helped".into(),
        );
        let draft = compose(TEMPLATE, &input(&a, None), &[]).unwrap();
        assert!(!draft.text.contains("<!channel>"));
        assert!(!draft.text.contains("<@U999>"));
        assert!(draft
            .text
            .contains("&lt;!channel&gt; we won &amp; &lt;@U999&gt; helped"));
    }

    #[test]
    fn the_admin_chooses_which_answers_are_quoted() {
        let a = answers();
        let chosen = vec!["benefit".to_string(), "takeaway".to_string()];
        let draft = compose(TEMPLATE, &input(&a, Some(&chosen)), &[]).unwrap();
        assert!(!draft.text.contains("My manager showed me"));
        assert!(draft.text.contains("two hours back a week"));
        assert!(draft.checks.has_takeaway);
    }

    #[test]
    fn leaving_out_the_takeaway_fails_that_check() {
        let a = answers();
        let chosen = vec!["benefit".to_string()];
        let draft = compose(TEMPLATE, &input(&a, Some(&chosen)), &[]).unwrap();
        assert!(!draft.checks.has_takeaway);
        assert!(!draft.checks.passed());
    }

    #[test]
    fn an_admin_named_in_an_answer_is_flagged() {
        let mut a = answers();
        a.insert(
            "start".into(),
            "Jordan from ops showed me, thanks <@UADMIN1>".into(),
        );
        let draft = compose(
            TEMPLATE,
            &input(&a, None),
            &["Jordan".into(), "UADMIN1".into(), "Ann".into()],
        )
        .unwrap();
        assert_eq!(
            draft.checks.admin_named,
            vec!["Jordan".to_string(), "UADMIN1".to_string()]
        );
        assert!(!draft.checks.passed());
    }

    #[test]
    fn the_composer_itself_never_writes_an_admin_name() {
        let a = answers();
        let draft = compose(TEMPLATE, &input(&a, None), &["admin".into()]).unwrap();
        assert!(draft.checks.admin_named.is_empty());
        assert!(!draft.text.to_lowercase().contains("admin"));
    }

    #[test]
    fn a_long_story_fails_the_length_check() {
        let mut a = answers();
        a.insert("start".into(), "word ".repeat(250));
        let draft = compose(TEMPLATE, &input(&a, None), &[]).unwrap();
        assert!(draft.checks.words > TARGET_MAX_WORDS);
        assert!(!draft.checks.passed());
    }

    #[test]
    fn the_compiled_template_follows_a_changed_template_and_a_broken_one_fails_each_time() {
        let a = answers();
        let one = compose("One: {{ hero }}", &input(&a, None), &[]).unwrap();
        let two = compose("Two: {{ hero }}", &input(&a, None), &[]).unwrap();
        let one_again = compose("One: {{ hero }}", &input(&a, None), &[]).unwrap();
        assert_eq!(one.text, "One: Maria");
        assert_eq!(two.text, "Two: Maria");
        assert_eq!(one_again.text, "One: Maria");
        for _ in 0..2 {
            let broken = compose("{% for q in quotes %}", &input(&a, None), &[]);
            assert!(matches!(broken, Err(StoryError::Template(_))));
        }
        assert_eq!(
            compose("One: {{ hero }}", &input(&a, None), &[])
                .unwrap()
                .text,
            "One: Maria"
        );
    }

    #[test]
    fn a_story_with_little_quoted_text_fails_the_quote_share_check() {
        let template = "*{{ headline }}*\n\nThis is a long paragraph the writer made up about the hero and how wonderful the tool is for everyone in every team. {% for q in quotes %}“{{ q.text }}”{% endfor %}";
        let a: Answers = [("benefit".to_string(), "Faster.".to_string())].into();
        let draft = compose(template, &input(&a, None), &[]).unwrap();
        assert!(draft.checks.quote_share < TARGET_QUOTE_SHARE);
    }

    #[test]
    fn the_headline_comes_from_the_proposal_then_the_heros_headline_and_never_another_answer() {
        let set = set();
        let mut a = answers();
        assert_eq!(headline(Some("  Proposed  "), &set, &a), "Proposed");
        assert_eq!(headline(None, &set, &a), "Two hours back every Friday");
        a.remove("headline");
        assert_eq!(
            headline(None, &set, &a),
            "",
            "the benefit is not a headline"
        );
        let draft = compose(TEMPLATE, &input(&a, None), &[]).unwrap();
        assert!(!draft.checks.has_headline);
        assert!(draft
            .checks
            .lines()
            .contains(&"✗ headline missing: propose one with `/spotlight headline`".to_string()));
    }

    #[test]
    fn a_broken_template_is_reported_with_what_to_fix() {
        let err = validate_template("{% for q in quotes %}").unwrap_err();
        assert!(err.to_string().contains("prompts/story.md"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_answer_text_is_quoted_byte_for_byte(text in "\\PC{1,200}") {
            let mut a = answers();
            a.insert("behaviour".into(), text.clone());
            let draft = compose(TEMPLATE, &input(&a, None), &[]).unwrap();
            let body = mrkdwn::unescape(&draft.text);
            proptest::prop_assert!(body.contains(&text));
            proptest::prop_assert!(!draft.text.contains("<!"));
        }
    }
}
