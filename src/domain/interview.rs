//! The interview as a state machine: one question at a time, `skip`, `back`, `pause`, a
//! stop that the hero confirms, and a budget of the hero's effort.
//!
//! `step` takes the state, the question set, the answers so far and one input, and
//! returns the effects for the caller to carry out (save an answer, ask a question).
//! Invariants:
//! - Answers are never altered here: what the hero sends is what `Effect::Save` carries,
//!   and a word that stops, pauses or opts out (`Words`) is never an answer.
//! - The state names questions by key, never by index, so admins may edit, remove or
//!   reorder questions while interviews are open: each question of the set is asked once,
//!   in the set's order; a removed question is passed over, an added one asked in its
//!   turn. No set and no stored state makes `step` panic.
//! - The budget counts effort, not the calendar (`effort`): a long gap is a break whatever
//!   its length. Once the wrap-up time is reached only the essential questions not yet
//!   answered are asked; they are always asked, so no interview ends without them.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

/// What an answer is for in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionRole {
    Behaviour,
    Benefit,
    Start,
    Takeaway,
    Headline,
    Other,
}

impl QuestionRole {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionRole::Behaviour => "behaviour",
            QuestionRole::Benefit => "benefit",
            QuestionRole::Start => "start",
            QuestionRole::Takeaway => "takeaway",
            QuestionRole::Headline => "headline",
            QuestionRole::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: String,
    pub role: QuestionRole,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub essential: bool,
}

/// The words that, typed alone in the interview DM, are not an answer but a wish:
/// `[words]` in `prompts/interview.toml`, so admins can add other languages. Case,
/// spacing and punctuation around them don't matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Words {
    pub skip: Vec<String>,
    pub back: Vec<String>,
    pub pause: Vec<String>,
    pub resume: Vec<String>,
    /// Stop or opt out: asked to be confirmed, never taken at once.
    pub stop: Vec<String>,
}

impl Default for Words {
    fn default() -> Self {
        let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        Words {
            skip: list(&["skip", "passer"]),
            back: list(&["back", "retour"]),
            pause: list(&["pause", "later", "not now", "plus tard", "pas maintenant"]),
            resume: list(&["resume", "continue", "reprendre", "continuer"]),
            stop: list(&[
                "stop",
                "opt out",
                "opt-out",
                "no thanks",
                "unsubscribe",
                "quit",
                "arrêter",
                "non merci",
                "désinscrire",
            ]),
        }
    }
}

impl Words {
    fn lists(&self) -> [(&'static str, &[String]); 5] {
        [
            ("skip", self.skip.as_slice()),
            ("back", self.back.as_slice()),
            ("pause", self.pause.as_slice()),
            ("resume", self.resume.as_slice()),
            ("stop", self.stop.as_slice()),
        ]
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen = HashSet::new();
        for (list, words) in self.lists() {
            for word in words {
                let norm = normalise(word);
                if norm.is_empty() {
                    return Err(format!("words.{list} has an empty word"));
                }
                if !seen.insert(norm) {
                    return Err(format!(
                        "the word \"{word}\" (words.{list}) is in two lists; a word can mean one thing only"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A message as words are compared: lowercase, single spaces, nothing but letters and
/// digits at either end (punctuation, emoji).
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// The questions and the rules of one interview, as admins configure them in
/// `prompts/interview.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// The effort promised to the hero, in minutes; the copy quotes it as `{minutes}`.
    #[serde(default = "default_budget")]
    pub budget_minutes: u32,
    /// From this much effort on, only the essential questions not yet answered are asked.
    #[serde(default = "default_wrap_up")]
    pub wrap_up_minutes: u32,
    #[serde(default = "default_max_chars")]
    pub max_answer_chars: usize,
    pub intro: String,
    pub wrap_up: String,
    pub done: String,
    #[serde(default)]
    pub nudges: super::nudge::NudgeRules,
    /// Days after publication when the hero is thanked with their story's reach and
    /// conversation (0: never).
    #[serde(default = "default_thank_you_days")]
    pub thank_you_after_days: u32,
    #[serde(default)]
    pub words: Words,
    pub questions: Vec<Question>,
    /// The set's texts in other languages, by language code (`[locales.fr]`): the
    /// intro, the wrap-up, the closing and each question by key. What a language leaves
    /// out is read in the set's own words.
    #[serde(default)]
    pub locales: BTreeMap<String, SetTranslation>,
}

/// A question set's texts in one more language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetTranslation {
    pub intro: Option<String>,
    pub wrap_up: Option<String>,
    pub done: Option<String>,
    /// By question key.
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionTranslation>,
}

/// A question's text (and hint) in one more language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTranslation {
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
}

fn default_budget() -> u32 {
    30
}
fn default_wrap_up() -> u32 {
    25
}
fn default_max_chars() -> usize {
    3000
}

/// Two messages further apart than this are a break, not effort.
fn default_thank_you_days() -> u32 {
    3
}

pub const BREAK_AFTER: Duration = Duration::minutes(5);
/// After a break, an answer counts the time it takes to write it, at this many
/// characters a minute (a careful typist), between `LEAST_AFTER_BREAK` and `BREAK_AFTER`.
pub const WRITING_CHARS_PER_MINUTE: i64 = 100;
/// What reading a question and sending a reply after a break counts, at least.
pub const LEAST_AFTER_BREAK: Duration = Duration::minutes(1);

/// The effort a message took, from the time since the hero's previous one: the whole
/// gap within a sitting; after a break (whatever its length), the time it takes to
/// write what they sent.
pub fn effort(gap: Duration, input: Input<'_>) -> Duration {
    if gap <= BREAK_AFTER {
        return gap.max(Duration::zero());
    }
    let chars = match input {
        Input::Answer(text) => text.chars().count().min(100_000) as i64,
        _ => 0,
    };
    Duration::seconds(chars * 60 / WRITING_CHARS_PER_MINUTE).clamp(LEAST_AFTER_BREAK, BREAK_AFTER)
}

/// The placeholders the interview's copy (`intro`, `wrap_up`, `done`) may use.
const PLACEHOLDERS: [&str; 2] = ["count", "minutes"];
/// The placeholders a question's text and hint may use: the set's, and `{note}`, what
/// colleagues noticed (the nomination note).
const QUESTION_PLACEHOLDERS: [&str; 3] = ["count", "minutes", "note"];
/// What `{note}` reads as when the nomination has no note.
pub const NO_NOTE: &str = "what you do well";

impl QuestionSet {
    /// Parses and checks a question set; the error says what to fix in the file.
    pub fn parse_toml(text: &str) -> Result<QuestionSet, String> {
        let set: QuestionSet = toml::from_str(text).map_err(|e| e.to_string())?;
        set.validate()?;
        Ok(set)
    }

    fn validate(&self) -> Result<(), String> {
        if self.questions.is_empty() || self.questions.len() > 20 {
            return Err(format!(
                "an interview needs between 1 and 20 questions, this one has {}",
                self.questions.len()
            ));
        }
        let mut seen = HashSet::new();
        for q in &self.questions {
            let key_ok = !q.key.is_empty()
                && q.key.len() <= 40
                && q.key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !key_ok {
                return Err(format!(
                    "question key \"{}\" must be 1-40 characters of a-z, 0-9 or _",
                    q.key
                ));
            }
            if !seen.insert(q.key.as_str()) {
                return Err(format!(
                    "question key \"{}\" is used twice; keys must be unique",
                    q.key
                ));
            }
            if q.text.trim().is_empty() {
                return Err(format!("question \"{}\" has no text", q.key));
            }
            let texts = std::iter::once(&q.text).chain(q.hint.iter());
            if let Some(unknown) = texts
                .flat_map(|t| placeholders(t))
                .find(|p| !QUESTION_PLACEHOLDERS.contains(p))
            {
                return Err(format!(
                    "question \"{}\" uses {{{unknown}}}, which Spotlight doesn't fill; use {{note}} (what colleagues noticed, from the nomination), {{count}} or {{minutes}}",
                    q.key
                ));
            }
        }
        if self.wrap_up_minutes >= self.budget_minutes {
            return Err(format!(
                "wrap_up_minutes ({}) must be less than budget_minutes ({})",
                self.wrap_up_minutes, self.budget_minutes
            ));
        }
        self.nudges.validate()?;
        self.words.validate()?;
        if self.max_answer_chars == 0 || self.max_answer_chars > 30_000 {
            return Err("max_answer_chars must be between 1 and 30000".to_string());
        }
        let translated = self.locales.iter().flat_map(|(lang, t)| {
            [
                (format!("locales.{lang}.intro"), t.intro.as_ref()),
                (format!("locales.{lang}.wrap_up"), t.wrap_up.as_ref()),
                (format!("locales.{lang}.done"), t.done.as_ref()),
            ]
        });
        let texts = [
            ("intro".to_string(), Some(&self.intro)),
            ("wrap_up".to_string(), Some(&self.wrap_up)),
            ("done".to_string(), Some(&self.done)),
        ];
        for (name, text) in texts.into_iter().chain(translated) {
            let Some(text) = text else { continue };
            if let Some(unknown) = placeholders(text).find(|p| !PLACEHOLDERS.contains(p)) {
                return Err(format!(
                    "{name} uses {{{unknown}}}, which Spotlight doesn't fill; use {{count}} (the number of questions) or {{minutes}} (budget_minutes)"
                ));
            }
        }
        for (lang, t) in &self.locales {
            // A translation of a question removed from the set is left alone (unused):
            // removing a question must not stop start-up.
            for (key, q) in &t.questions {
                let texts = std::iter::once(&q.text).chain(q.hint.iter());
                if let Some(unknown) = texts
                    .flat_map(|t| placeholders(t))
                    .find(|p| !QUESTION_PLACEHOLDERS.contains(p))
                {
                    return Err(format!(
                        "locales.{lang}.questions.{key} uses {{{unknown}}}, which Spotlight doesn't fill; use {{note}}, {{count}} or {{minutes}}"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The intro, wrap-up and closing in `lang` (the set's own when not translated).
    pub fn intro_in(&self, lang: &str) -> &str {
        self.locales
            .get(lang)
            .and_then(|t| t.intro.as_deref())
            .unwrap_or(&self.intro)
    }

    pub fn wrap_up_in(&self, lang: &str) -> &str {
        self.locales
            .get(lang)
            .and_then(|t| t.wrap_up.as_deref())
            .unwrap_or(&self.wrap_up)
    }

    pub fn done_in(&self, lang: &str) -> &str {
        self.locales
            .get(lang)
            .and_then(|t| t.done.as_deref())
            .unwrap_or(&self.done)
    }

    /// `question`'s text and hint in `lang` (the set's own when not translated).
    pub fn question_in<'a>(
        &'a self,
        question: &'a Question,
        lang: &str,
    ) -> (&'a str, Option<&'a str>) {
        match self
            .locales
            .get(lang)
            .and_then(|t| t.questions.get(&question.key))
        {
            Some(t) => (&t.text, t.hint.as_deref()),
            None => (&question.text, question.hint.as_deref()),
        }
    }

    pub fn position_of(&self, key: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.key == key)
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    pub fn by_role(&self, role: QuestionRole) -> Option<&Question> {
        self.questions.iter().find(|q| q.role == role)
    }

    /// A question's `text` (or hint) as the hero reads it: the set's placeholders filled,
    /// and `{note}` with the nomination `note`, escaped for mrkdwn (`NO_NOTE` if empty).
    pub fn ask(&self, text: &str, note: &str) -> String {
        let note = match note.trim() {
            "" => NO_NOTE.to_string(),
            n => super::mrkdwn::escape(n),
        };
        self.fill(text).replace("{note}", &note)
    }

    /// `text` (the intro, the wrap-up, the closing) with its placeholders filled from
    /// this set: `{count}` questions, `{minutes}` of budget.
    pub fn fill(&self, text: &str) -> String {
        text.trim()
            .replace("{count}", &self.questions.len().to_string())
            .replace("{minutes}", &self.budget_minutes.to_string())
    }
}

/// The `{name}` placeholders in `text` (names of a-z and _ only; other braces are text).
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let name = &rest[..rest.find('}')?];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .then_some(name)
    })
}

/// Where an interview is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    Active,
    Paused,
    Done,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::NotStarted,
            Status::Active,
            Status::Paused,
            Status::Done,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// The progress of one hero's interview. Answers are kept apart, by question key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewState {
    /// The key of the question being asked (it may since have been removed from the set).
    pub question: Option<String>,
    /// The questions passed (answered, skipped or passed over), in the order they were.
    pub passed: Vec<String>,
    /// Where the question being asked was in the set when the state was saved. Only read
    /// to place a state saved before questions were kept by key (`question` is `None`).
    pub position: usize,
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    /// The hero's effort so far, in seconds (see `effort`).
    pub active_secs: i64,
    pub last_input_at: Option<DateTime<Utc>>,
    pub wrapping_up: bool,
}

impl Default for InterviewState {
    fn default() -> Self {
        InterviewState {
            question: None,
            passed: Vec::new(),
            position: 0,
            status: Status::NotStarted,
            started_at: None,
            active_secs: 0,
            last_input_at: None,
            wrapping_up: false,
        }
    }
}

impl InterviewState {
    /// The number the question being asked has for the hero ("Question 3 of 5"): its turn
    /// among the questions of `set`, counting the ones passed before it.
    pub fn number(&self, set: &QuestionSet) -> usize {
        let mut state = self.clone();
        state.adopt(set);
        let before = match &state.question {
            Some(key) => state
                .passed
                .iter()
                .position(|k| k == key)
                .unwrap_or(state.passed.len()),
            None => state.passed.len(),
        };
        let passed_in_set = state.passed[..before]
            .iter()
            .filter(|k| set.question(k).is_some())
            .count();
        (passed_in_set + 1).min(set.questions.len())
    }

    /// Places a state saved before questions were kept by key (an index into the set):
    /// the questions before that index were passed, the one at it is being asked.
    fn adopt(&mut self, set: &QuestionSet) {
        let open = matches!(self.status, Status::Active | Status::Paused);
        if !open || self.question.is_some() || !self.passed.is_empty() {
            return;
        }
        let at = self.position.min(set.questions.len());
        self.passed = set.questions[..at].iter().map(|q| q.key.clone()).collect();
        self.question = set.questions.get(at).map(|q| q.key.clone());
    }

    /// Marks `key` passed, keeping its first place if it was passed before.
    fn pass(&mut self, key: &str) {
        if !self.passed.iter().any(|k| k == key) {
            self.passed.push(key.to_string());
        }
    }

    /// The question before the one being asked, in the order they were passed, that the
    /// set still has.
    fn previous<'s>(&self, set: &'s QuestionSet) -> Option<&'s Question> {
        let end = match &self.question {
            Some(key) => self.passed.iter().position(|k| k == key),
            None => None,
        }
        .unwrap_or(self.passed.len());
        self.passed[..end]
            .iter()
            .rev()
            .find_map(|k| set.question(k))
    }
}

/// One thing the hero did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<'a> {
    Start,
    Answer(&'a str),
    Skip,
    Back,
    Pause,
    Resume,
    /// The hero asked to stop or opt out; they confirm with a button.
    Stop,
}

impl<'a> Input<'a> {
    /// Reads a DM: a message that is one of `words` (alone, in any case, with or without
    /// punctuation around it) is that wish; anything else is an answer, kept exactly as
    /// sent.
    pub fn classify(text: &'a str, words: &Words) -> Input<'a> {
        let norm = normalise(text);
        let is = |list: &[String]| list.iter().any(|w| normalise(w) == norm);
        if is(&words.skip) {
            Input::Skip
        } else if is(&words.back) {
            Input::Back
        } else if is(&words.pause) {
            Input::Pause
        } else if is(&words.resume) {
            Input::Resume
        } else if is(&words.stop) {
            Input::Stop
        } else {
            Input::Answer(text)
        }
    }
}

/// Why an input was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooLong { chars: usize, max: usize },
    Empty,
    NothingBefore,
    AlreadyFinished,
}

/// What the caller must do after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Greet the hero (first start only).
    Intro,
    /// Ask `question`, the hero's `number`th; `current` is the answer already given, if any.
    Ask {
        question: Question,
        number: usize,
        current: Option<String>,
    },
    /// Tell the hero time is nearly up and only the essentials remain.
    WrapUp,
    /// Store this answer verbatim as the new revision for `key`.
    Save {
        key: String,
        text: String,
    },
    /// The hero kept their earlier answer to `key`.
    Kept {
        key: String,
    },
    /// The hero passed on `key`.
    Skipped {
        key: String,
    },
    Paused,
    /// The hero asked to stop: the interview is paused, and they are asked whether they
    /// want to opt out or go on.
    ConfirmStop,
    /// The interview is over; `short` when time ran out before every question was asked.
    Finished {
        short: bool,
    },
    Refused(Refusal),
}

/// The answers given so far, by question key.
pub type Answers = BTreeMap<String, String>;

/// Advances the interview by one input at `now`.
pub fn step(
    state: &mut InterviewState,
    set: &QuestionSet,
    answers: &Answers,
    input: Input<'_>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    state.adopt(set);
    match state.status {
        Status::Done => return vec![Effect::Refused(Refusal::AlreadyFinished)],
        Status::NotStarted => {
            *state = InterviewState {
                status: Status::Active,
                started_at: Some(now),
                last_input_at: Some(now),
                ..InterviewState::default()
            };
            // Whatever the first input was, it answers no question yet: greet and ask.
            let mut out = vec![Effect::Intro];
            advance(state, set, answers, &mut out);
            return out;
        }
        Status::Paused => {
            state.status = Status::Active;
            state.last_input_at = Some(now);
            match input {
                Input::Pause => {
                    state.status = Status::Paused;
                    return vec![Effect::Paused];
                }
                Input::Stop => {
                    state.status = Status::Paused;
                    return vec![Effect::ConfirmStop];
                }
                Input::Start | Input::Resume => return ask_again(state, set, answers),
                _ => {}
            }
        }
        Status::Active => {
            if let Some(last) = state.last_input_at {
                state.active_secs += effort(now - last, input).num_seconds();
            }
            state.last_input_at = Some(now);
        }
    }

    let Some(key) = state.question.clone() else {
        // Nothing is being asked (the set ended before a stored place): go on from there.
        let mut out = vec![];
        advance(state, set, answers, &mut out);
        return out;
    };
    match input {
        Input::Pause => {
            state.status = Status::Paused;
            vec![Effect::Paused]
        }
        Input::Stop => {
            state.status = Status::Paused;
            vec![Effect::ConfirmStop]
        }
        Input::Start | Input::Resume => ask_again(state, set, answers),
        Input::Back => match state.previous(set) {
            Some(q) => {
                state.question = Some(q.key.clone());
                vec![ask(state, set, answers, q)]
            }
            None => {
                let mut out = vec![Effect::Refused(Refusal::NothingBefore)];
                out.extend(ask_again(state, set, answers));
                out
            }
        },
        Input::Skip => {
            let first = if answers.contains_key(&key) {
                Effect::Kept { key: key.clone() }
            } else {
                Effect::Skipped { key: key.clone() }
            };
            let mut out = vec![first];
            state.pass(&key);
            advance(state, set, answers, &mut out);
            out
        }
        Input::Answer(text) => {
            if text.trim().is_empty() {
                return vec![Effect::Refused(Refusal::Empty)];
            }
            let chars = text.chars().count();
            if chars > set.max_answer_chars {
                return vec![Effect::Refused(Refusal::TooLong {
                    chars,
                    max: set.max_answer_chars,
                })];
            }
            // Saved under the key of the question the hero saw, even if it was removed since.
            let mut out = vec![Effect::Save {
                key: key.clone(),
                text: text.to_string(),
            }];
            state.pass(&key);
            advance(state, set, answers, &mut out);
            out
        }
    }
}

fn ask(state: &InterviewState, set: &QuestionSet, answers: &Answers, q: &Question) -> Effect {
    Effect::Ask {
        question: q.clone(),
        number: state.number(set),
        current: answers.get(&q.key).cloned(),
    }
}

/// Asks the question being asked again; one the set no longer has is passed over.
fn ask_again(state: &mut InterviewState, set: &QuestionSet, answers: &Answers) -> Vec<Effect> {
    if let Some(q) = state.question.as_deref().and_then(|k| set.question(k)) {
        return vec![ask(state, set, answers, q)];
    }
    if let Some(key) = state.question.clone() {
        state.pass(&key);
    }
    let mut out = vec![];
    advance(state, set, answers, &mut out);
    out
}

/// Moves to the first question of the set not yet passed (only the essential ones not
/// answered once wrapping up), or finishes.
fn advance(
    state: &mut InterviewState,
    set: &QuestionSet,
    answers: &Answers,
    out: &mut Vec<Effect>,
) {
    let open: Vec<&Question> = set
        .questions
        .iter()
        .filter(|q| !state.passed.contains(&q.key) && !answers.contains_key(&q.key))
        .collect();
    let wrap_up_now =
        !state.wrapping_up && state.active_secs / 60 >= i64::from(set.wrap_up_minutes);
    if wrap_up_now {
        state.wrapping_up = true;
    }
    match open.iter().find(|q| !state.wrapping_up || q.essential) {
        Some(q) => {
            // The wrap-up is announced only when it leaves a question out.
            if wrap_up_now && open.iter().any(|q| !q.essential) {
                out.push(Effect::WrapUp);
            }
            state.question = Some(q.key.clone());
            state.position = set.position_of(&q.key).unwrap_or(0);
            out.push(ask(state, set, answers, q));
        }
        None => {
            state.status = Status::Done;
            state.question = None;
            out.push(Effect::Finished {
                short: !open.is_empty(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const DEFAULT: &str = include_str!("../../prompts/interview.toml");

    #[test]
    fn a_set_reads_in_each_language_it_has_and_in_its_own_words_otherwise() {
        let set = QuestionSet::parse_toml(DEFAULT).unwrap();
        let q = set.question("behaviour").unwrap();
        let (fr, fr_hint) = set.question_in(q, "fr");
        assert!(fr.starts_with("Quelle est la chose"), "{fr}");
        assert!(fr_hint.unwrap().starts_with("Une habitude"));
        assert_eq!(
            set.question_in(q, "de"),
            (q.text.as_str(), q.hint.as_deref())
        );
        assert!(set.intro_in("fr").contains("Merci"));
        assert_eq!(set.done_in("ja"), set.done);
        // A translation with a placeholder Spotlight doesn't fill is refused.
        let bad = format!("{DEFAULT}\n[locales.de.questions.start]\ntext = \"Wie {{anfang}}?\"\n");
        let e = QuestionSet::parse_toml(&bad).unwrap_err();
        assert!(
            e.contains("locales.de.questions.start uses {anfang}"),
            "{e}"
        );
    }

    #[test]
    fn a_question_reads_the_nomination_note_escaped_and_the_shipped_forecasting_set_is_valid() {
        let set =
            QuestionSet::parse_toml(include_str!("../../prompts/sets/forecasting.toml")).unwrap();
        let text = &set.questions[0].text;
        assert_eq!(
            set.ask(text, " her forecast <!here> is *always* right "),
            "Colleagues noticed this: “her forecast &lt;!here&gt; is *always* right”. What do you do, week by week, that makes your forecast right?"
        );
        assert!(set.ask(text, "").contains(&format!("“{NO_NOTE}”")));
        let unknown = DEFAULT.replace(
            "How did you get started with it?",
            "How did {who} get started?",
        );
        let e = QuestionSet::parse_toml(&unknown).unwrap_err();
        assert!(
            e.contains("question \"start\" uses {who}, which Spotlight doesn't fill; use {note}"),
            "{e}"
        );
    }

    fn set() -> QuestionSet {
        QuestionSet::parse_toml(DEFAULT).unwrap()
    }

    /// The default set with `wrap_up_minutes` and `budget_minutes` changed.
    fn set_with_times(wrap_up: u32, budget: u32) -> QuestionSet {
        let text = DEFAULT
            .replace(
                "wrap_up_minutes = 25",
                &format!("wrap_up_minutes = {wrap_up}"),
            )
            .replace("budget_minutes = 30", &format!("budget_minutes = {budget}"));
        QuestionSet::parse_toml(&text).unwrap()
    }

    /// The default set with its questions in the order of `keys` (others left out), plus
    /// `added` questions.
    fn edited(keys: &[&str], added: &[&str]) -> QuestionSet {
        let mut set = set();
        let old = set.questions.clone();
        set.questions = keys
            .iter()
            .map(|k| old.iter().find(|q| q.key == *k).unwrap().clone())
            .collect();
        for key in added {
            set.questions.push(Question {
                key: key.to_string(),
                role: QuestionRole::Other,
                text: format!("About {key}?"),
                hint: None,
                essential: false,
            });
        }
        set
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    /// Start, then an answer to each of the five default questions.
    const START_AND_FIVE_ANSWERS: [Input<'static>; 6] = [
        Input::Start,
        Input::Answer("a"),
        Input::Answer("b"),
        Input::Answer("c"),
        Input::Answer("d"),
        Input::Answer("e"),
    ];

    /// One hero's interview as the engine runs it: the state, the answers stored, a clock.
    struct Hero {
        st: InterviewState,
        answers: Answers,
        now: DateTime<Utc>,
    }

    impl Hero {
        fn new() -> Hero {
            Hero {
                st: InterviewState::default(),
                answers: Answers::new(),
                now: t0(),
            }
        }

        /// Sends `inputs` to the interview on `set`, each `gap` after the one before (the
        /// first `gap` after the last send), storing what is saved; returns the effects.
        fn send_to(
            &mut self,
            set: &QuestionSet,
            inputs: &[Input<'_>],
            gap: Duration,
        ) -> Vec<Effect> {
            let mut all = vec![];
            for input in inputs {
                if self.st.last_input_at.is_some() {
                    self.now += gap;
                }
                let effects = step(&mut self.st, set, &self.answers, *input, self.now);
                for e in &effects {
                    if let Effect::Save { key, text } = e {
                        self.answers.insert(key.clone(), text.clone());
                    }
                }
                all.extend(effects);
            }
            all
        }

        /// `send_to` the default set, a minute apart.
        fn send(&mut self, inputs: &[Input<'_>]) -> Vec<Effect> {
            self.send_to(&set(), inputs, Duration::minutes(1))
        }
    }

    /// The key and number of every question asked, in order.
    fn asked(effects: &[Effect]) -> Vec<(String, usize)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Ask {
                    question, number, ..
                } => Some((question.key.clone(), *number)),
                _ => None,
            })
            .collect()
    }

    fn last_asked(effects: &[Effect]) -> (String, usize) {
        asked(effects).pop().expect("a question was asked")
    }

    #[test]
    fn the_default_question_set_covers_the_method() {
        let set = set();
        assert!((5..=6).contains(&set.questions.len()));
        for role in [
            QuestionRole::Behaviour,
            QuestionRole::Benefit,
            QuestionRole::Start,
            QuestionRole::Takeaway,
            QuestionRole::Headline,
        ] {
            assert!(set.by_role(role).is_some(), "{role:?}");
        }
        for role in [QuestionRole::Takeaway, QuestionRole::Headline] {
            assert!(
                set.by_role(role).unwrap().essential,
                "{role:?} is essential"
            );
        }
    }

    #[test]
    fn starting_greets_and_asks_the_first_question() {
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start]);
        assert_eq!(
            effects,
            vec![
                Effect::Intro,
                Effect::Ask {
                    question: set().questions[0].clone(),
                    number: 1,
                    current: None
                }
            ]
        );
        assert_eq!(hero.st.status, Status::Active);
        assert_eq!(hero.st.question.as_deref(), Some("behaviour"));
    }

    #[test]
    fn answers_are_saved_byte_for_byte_including_lines_and_spacing() {
        let raw = "  First line  \n\n- a *bullet* with <!channel> & émoji 🚀\r\nlast\t";
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start, Input::Answer(raw)]);
        assert!(effects.contains(&Effect::Save {
            key: "behaviour".into(),
            text: raw.into()
        }));
        assert_eq!(hero.answers["behaviour"].as_bytes(), raw.as_bytes());
    }

    #[test]
    fn answering_every_question_finishes_the_interview() {
        let mut hero = Hero::new();
        let effects = hero.send(&START_AND_FIVE_ANSWERS);
        assert_eq!(effects.last(), Some(&Effect::Finished { short: false }));
        assert_eq!(hero.st.status, Status::Done);
        assert_eq!(hero.answers.len(), 5);
        let numbers: Vec<usize> = asked(&effects).into_iter().map(|(_, n)| n).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn skip_passes_on_a_question_and_keeps_an_existing_answer() {
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start, Input::Skip]);
        assert!(effects.contains(&Effect::Skipped {
            key: "behaviour".into()
        }));
        assert_eq!(last_asked(&effects), ("benefit".to_string(), 2));
        assert!(hero.answers.is_empty());

        let effects = hero.send(&[Input::Answer("benefit!"), Input::Back, Input::Skip]);
        assert!(effects.contains(&Effect::Kept {
            key: "benefit".into()
        }));
        assert_eq!(hero.answers["benefit"], "benefit!");
        assert_eq!(last_asked(&effects), ("start".to_string(), 3));
    }

    #[test]
    fn back_shows_the_previous_answer_and_a_new_answer_replaces_it() {
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start, Input::Answer("first try"), Input::Back]);
        assert_eq!(
            effects.last(),
            Some(&Effect::Ask {
                question: set().questions[0].clone(),
                number: 1,
                current: Some("first try".into())
            })
        );
        let effects = hero.send(&[Input::Answer("better answer")]);
        assert_eq!(hero.answers["behaviour"], "better answer");
        assert_eq!(last_asked(&effects), ("benefit".to_string(), 2));
    }

    #[test]
    fn going_back_twice_and_answering_returns_to_the_first_question_not_yet_passed() {
        let mut hero = Hero::new();
        let effects = hero.send(&[
            Input::Start,
            Input::Answer("a"),
            Input::Skip,
            Input::Back,
            Input::Back,
        ]);
        let numbers: Vec<usize> = asked(&effects).into_iter().map(|(_, n)| n).collect();
        assert_eq!(numbers, [1, 2, 3, 2, 1]);
        let effects = hero.send(&[Input::Answer("a, better")]);
        assert_eq!(last_asked(&effects), ("start".to_string(), 3));
    }

    #[test]
    fn back_on_the_first_question_says_so_and_asks_again() {
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start, Input::Back]);
        assert!(effects.contains(&Effect::Refused(Refusal::NothingBefore)));
        assert_eq!(last_asked(&effects), ("behaviour".to_string(), 1));
    }

    #[test]
    fn pause_stops_the_clock_and_an_answer_resumes() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start, Input::Answer("a"), Input::Pause]);
        assert_eq!(hero.st.status, Status::Paused);
        let before = hero.st.active_secs;
        // Three days later the hero simply answers the question they paused on.
        let effects = hero.send_to(&set(), &[Input::Answer("b")], Duration::days(3));
        assert_eq!(hero.st.status, Status::Active);
        assert_eq!(hero.st.active_secs, before, "paused time does not count");
        assert!(effects.contains(&Effect::Save {
            key: "benefit".into(),
            text: "b".into()
        }));
    }

    #[test]
    fn resume_asks_the_question_the_hero_paused_on() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start, Input::Pause]);
        let effects = hero.send_to(&set(), &[Input::Resume], Duration::hours(5));
        assert_eq!(
            effects,
            vec![Effect::Ask {
                question: set().questions[0].clone(),
                number: 1,
                current: None
            }]
        );
    }

    #[test]
    fn a_stop_is_never_an_answer_and_pauses_until_the_hero_confirms_or_goes_on() {
        let mut hero = Hero::new();
        let effects = hero.send(&[Input::Start, Input::Answer("a"), Input::Stop]);
        assert_eq!(effects.last(), Some(&Effect::ConfirmStop));
        assert_eq!(hero.st.status, Status::Paused);
        assert_eq!(hero.answers.len(), 1, "only the real answer is saved");
        // Saying it again while paused asks again; going on asks the same question.
        assert_eq!(hero.send(&[Input::Stop]), vec![Effect::ConfirmStop]);
        let effects = hero.send(&[Input::Resume]);
        assert_eq!(last_asked(&effects), ("benefit".to_string(), 2));
        assert_eq!(hero.st.status, Status::Active);
    }

    #[test]
    fn a_hero_answering_between_meetings_spends_minutes_not_the_calendar() {
        let mut hero = Hero::new();
        // Twelve minutes between answers: each is a break, and each answer took a minute.
        let effects = hero.send_to(&set(), &START_AND_FIVE_ANSWERS, Duration::minutes(12));
        assert!(!effects.contains(&Effect::WrapUp));
        assert_eq!(effects.last(), Some(&Effect::Finished { short: false }));
        assert_eq!(hero.answers["headline"], "e");
        assert_eq!(hero.st.active_secs, 5 * LEAST_AFTER_BREAK.num_seconds());
    }

    #[test]
    fn the_effort_of_a_message_is_the_gap_in_a_sitting_and_the_writing_after_a_break() {
        let short = Input::Answer("yes");
        let long_text = "x".repeat(300);
        let long = Input::Answer(&long_text);
        assert_eq!(effort(Duration::minutes(4), short), Duration::minutes(4));
        assert_eq!(effort(Duration::seconds(-5), short), Duration::zero());
        assert_eq!(effort(Duration::minutes(6), short), LEAST_AFTER_BREAK);
        assert_eq!(effort(Duration::days(3), long), Duration::minutes(3));
        let huge = "x".repeat(30_000);
        assert_eq!(
            effort(Duration::hours(2), Input::Answer(&huge)),
            BREAK_AFTER
        );
        assert_eq!(effort(Duration::hours(2), Input::Skip), LEAST_AFTER_BREAK);
    }

    #[test]
    fn near_the_budget_the_interview_wraps_up_with_the_essential_questions() {
        let mut hero = Hero::new();
        // Four minutes per answer in one sitting: the second answer lands at 8 minutes.
        let effects = hero.send_to(
            &set_with_times(8, 30),
            &[Input::Start, Input::Answer("a"), Input::Answer("b")],
            Duration::minutes(4),
        );
        assert!(effects.contains(&Effect::WrapUp));
        assert_eq!(last_asked(&effects), ("takeaway".to_string(), 3));
        assert!(hero.st.wrapping_up);
    }

    #[test]
    fn the_essential_questions_are_asked_even_past_the_budget() {
        let mut hero = Hero::new();
        let effects = hero.send_to(
            &set_with_times(8, 10),
            &[
                Input::Start,
                Input::Answer("a"),
                Input::Answer("b"),
                Input::Answer("the take-away"),
                Input::Answer("the headline"),
            ],
            Duration::minutes(5),
        );
        let keys: Vec<String> = asked(&effects).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["behaviour", "benefit", "takeaway", "headline"]);
        assert_eq!(hero.answers["headline"], "the headline");
        assert_eq!(effects.last(), Some(&Effect::Finished { short: true }));
    }

    #[test]
    fn long_idle_gaps_count_as_breaks_not_interview_time() {
        let mut hero = Hero::new();
        hero.send_to(
            &set(),
            &[Input::Start, Input::Answer("a"), Input::Answer("b")],
            Duration::hours(6),
        );
        assert_eq!(hero.st.active_secs, 2 * LEAST_AFTER_BREAK.num_seconds());
        assert!(!hero.st.wrapping_up);
    }

    #[test]
    fn oversized_and_empty_answers_are_refused_and_nothing_moves() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start]);
        let huge = "x".repeat(3001);
        assert_eq!(
            hero.send(&[Input::Answer(&huge)]),
            vec![Effect::Refused(Refusal::TooLong {
                chars: 3001,
                max: 3000
            })]
        );
        assert_eq!(
            hero.send(&[Input::Answer(" \n ")]),
            vec![Effect::Refused(Refusal::Empty)]
        );
        assert_eq!(hero.st.question.as_deref(), Some("behaviour"));
        assert!(hero.answers.is_empty());
    }

    #[test]
    fn a_finished_interview_takes_no_more_input() {
        let mut st = InterviewState {
            status: Status::Done,
            ..InterviewState::default()
        };
        let effects = step(&mut st, &set(), &Answers::new(), Input::Answer("x"), t0());
        assert_eq!(effects, vec![Effect::Refused(Refusal::AlreadyFinished)]);
    }

    #[test]
    fn an_answer_to_a_removed_question_is_kept_under_its_key_and_the_next_one_is_asked() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start, Input::Answer("a"), Input::Answer("b")]);
        assert_eq!(hero.st.question.as_deref(), Some("start"));
        let smaller = edited(&["behaviour", "benefit", "takeaway", "headline"], &[]);
        let effects = hero.send_to(
            &smaller,
            &[Input::Answer("I started last year")],
            Duration::minutes(1),
        );
        assert!(effects.contains(&Effect::Save {
            key: "start".into(),
            text: "I started last year".into()
        }));
        assert_eq!(last_asked(&effects), ("takeaway".to_string(), 3));
    }

    #[test]
    fn resuming_on_a_removed_question_passes_it_over() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start, Input::Answer("a"), Input::Pause]);
        let without_benefit = edited(&["behaviour", "start", "takeaway", "headline"], &[]);
        let effects = hero.send_to(&without_benefit, &[Input::Resume], Duration::minutes(1));
        assert_eq!(last_asked(&effects), ("start".to_string(), 2));
    }

    #[test]
    fn reordered_and_added_questions_are_each_asked_once_in_the_new_order() {
        let mut hero = Hero::new();
        hero.send(&[Input::Start, Input::Answer("a"), Input::Answer("b")]);
        // The hero is at `start`; the admin moves the headline first and adds a question.
        let reordered = edited(
            &["headline", "behaviour", "benefit", "start", "takeaway"],
            &["tools"],
        );
        let effects = hero.send_to(
            &reordered,
            &[
                Input::Answer("c"),
                Input::Answer("h"),
                Input::Answer("t"),
                Input::Answer("tools"),
            ],
            Duration::minutes(1),
        );
        assert_eq!(
            asked(&effects),
            [
                ("headline".to_string(), 4),
                ("takeaway".to_string(), 5),
                ("tools".to_string(), 6)
            ]
        );
        assert_eq!(effects.last(), Some(&Effect::Finished { short: false }));
        assert_eq!(hero.answers["start"], "c");
        assert_eq!(hero.answers["headline"], "h");
    }

    #[test]
    fn a_state_saved_by_index_goes_on_at_the_question_it_pointed_to() {
        // As states were stored before questions were kept by key.
        let mut hero = Hero::new();
        hero.st = InterviewState {
            position: 2,
            status: Status::Active,
            started_at: Some(t0()),
            last_input_at: Some(t0()),
            ..InterviewState::default()
        };
        hero.answers.insert("behaviour".into(), "a".into());
        assert_eq!(hero.st.number(&set()), 3);
        let effects = hero.send(&[Input::Answer("c")]);
        assert_eq!(hero.answers["start"], "c");
        assert_eq!(last_asked(&effects), ("takeaway".to_string(), 4));

        // One whose index is past the end of a shrunk set finishes instead of panicking.
        let mut beyond = InterviewState {
            position: 4,
            status: Status::Paused,
            ..InterviewState::default()
        };
        let two = edited(&["behaviour", "benefit"], &[]);
        assert_eq!(beyond.number(&two), 2);
        let effects = step(
            &mut beyond,
            &two,
            &hero.answers,
            Input::Answer("late"),
            t0(),
        );
        assert_eq!(effects, vec![Effect::Finished { short: false }]);
    }

    #[test]
    fn words_are_recognised_alone_in_any_case_and_everything_else_is_an_answer() {
        let w = Words::default();
        assert_eq!(Input::classify(" Skip ", &w), Input::Skip);
        assert_eq!(Input::classify("BACK", &w), Input::Back);
        assert_eq!(Input::classify("pause", &w), Input::Pause);
        assert_eq!(Input::classify("Later!", &w), Input::Pause);
        assert_eq!(Input::classify("resume", &w), Input::Resume);
        for stop in [
            "stop",
            "Stop.",
            "  OPT OUT ",
            "opt-out",
            "No thanks!",
            "unsubscribe",
            "¡stop! 🙏",
        ] {
            assert_eq!(Input::classify(stop, &w), Input::Stop, "{stop:?}");
        }
        for answer in [
            "skip the meetings",
            "Stop chasing dead deals.",
            "later that week",
        ] {
            assert_eq!(Input::classify(answer, &w), Input::Answer(answer));
        }
    }

    #[test]
    fn the_default_words_are_the_ones_the_prompts_file_lists() {
        assert_eq!(set().words, Words::default());
    }

    #[test]
    fn admins_may_add_words_in_another_language() {
        let text = DEFAULT
            .replace("stop = [\"stop\",", "stop = [\"aufhören\", \"stop\",")
            .replace("pause = [\"pause\",", "pause = [\"später\", \"pause\",");
        let set = QuestionSet::parse_toml(&text).unwrap();
        assert_eq!(Input::classify("Aufhören !", &set.words), Input::Stop);
        assert_eq!(Input::classify("später", &set.words), Input::Pause);
        assert_eq!(Input::classify("Arrêter !", &set.words), Input::Stop);
        assert_eq!(Input::classify("plus tard", &set.words), Input::Pause);
        assert_eq!(Input::classify("skip", &set.words), Input::Skip);
    }

    #[test]
    fn the_copy_quotes_the_configured_figures_and_unknown_placeholders_are_refused() {
        let set = set_with_times(40, 45);
        assert!(set.fill(&set.intro).contains("45 minutes"), "{}", set.intro);
        assert!(
            set.fill(&set.wrap_up).contains("45 minutes"),
            "{}",
            set.wrap_up
        );
        assert!(set.fill(&set.intro).contains("5 short questions"));
        let typo = DEFAULT.replace("at most {minutes}", "at most {minuts}");
        let err = QuestionSet::parse_toml(&typo).unwrap_err();
        assert!(err.contains("{minuts}"), "{err}");
    }

    #[test]
    fn broken_question_sets_are_refused_with_a_reason() {
        let dup = r#"
intro = "i"
wrap_up = "w"
done = "d"
[[questions]]
key = "a"
role = "behaviour"
text = "q"
[[questions]]
key = "a"
role = "benefit"
text = "q2"
"#;
        assert!(QuestionSet::parse_toml(dup)
            .unwrap_err()
            .contains("used twice"));
        let bad_role = dup.replace("\"benefit\"", "\"vibes\"");
        assert!(QuestionSet::parse_toml(&bad_role).is_err());
        let twice = dup.replace(
            "key = \"a\"\nrole = \"benefit\"",
            "key = \"b\"\nrole = \"benefit\"",
        ) + "[words]\npause = [\"stop\"]\n";
        let err = QuestionSet::parse_toml(&twice).unwrap_err();
        assert!(err.contains("in two lists"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_inputs_and_any_edits_of_the_set_keep_the_interview_consistent(
            ops in proptest::collection::vec((0u8..7, 0usize..4), 0..60),
            gaps in proptest::collection::vec(0i64..900, 60),
        ) {
            let sets = [
                set(),
                edited(&["behaviour", "takeaway", "headline"], &[]),
                edited(&["headline", "start", "benefit", "behaviour", "takeaway"], &["tools"]),
                edited(&["benefit"], &["extra"]),
            ];
            let mut st = InterviewState::default();
            let mut answers = Answers::new();
            let mut now = t0();
            let mut last_active = 0;
            for (i, (op, which)) in ops.iter().enumerate() {
                let set = &sets[*which];
                let input = match op {
                    0 => Input::Start,
                    1 => Input::Answer("an answer"),
                    2 => Input::Skip,
                    3 => Input::Back,
                    4 => Input::Pause,
                    5 => Input::Stop,
                    _ => Input::Resume,
                };
                let before = st.question.clone();
                for e in step(&mut st, set, &answers, input, now) {
                    match e {
                        Effect::Save { key, text } => {
                            proptest::prop_assert!(
                                before.as_deref() == Some(key.as_str())
                                    || set.question(&key).is_some()
                            );
                            answers.insert(key, text);
                        }
                        Effect::Ask { question, number, .. } => {
                            proptest::prop_assert!(set.question(&question.key).is_some());
                            proptest::prop_assert!((1..=set.questions.len()).contains(&number));
                        }
                        _ => {}
                    }
                }
                if let Some(key) = &st.question {
                    // Being asked: a question of the set, or the one the hero saw before it
                    // was removed (still paused on it).
                    proptest::prop_assert!(
                        set.question(key).is_some() || before.as_ref() == Some(key)
                    );
                }
                proptest::prop_assert!(st.active_secs >= last_active);
                last_active = st.active_secs;
                now += Duration::seconds(gaps[i]);
            }
        }
    }
}
