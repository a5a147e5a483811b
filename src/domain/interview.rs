//! The interview as a state machine: one question at a time, `skip`, `back`, `pause`,
//! and a time budget it respects.
//!
//! `step` takes the state, the question set, the answers so far and one input, and
//! returns the effects for the caller to carry out (save an answer, ask a question).
//! Answers are never altered here: what the hero sends is what `Effect::Save` carries.

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

/// The questions and the rules of one interview, as admins configure them in
/// `prompts/interview.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    #[serde(default = "default_budget")]
    pub budget_minutes: u32,
    #[serde(default = "default_wrap_up")]
    pub wrap_up_minutes: u32,
    #[serde(default = "default_max_chars")]
    pub max_answer_chars: usize,
    pub intro: String,
    pub wrap_up: String,
    pub done: String,
    #[serde(default)]
    pub nudges: super::nudge::NudgeRules,
    pub questions: Vec<Question>,
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

/// Idle time between two messages beyond this is a break, not interview time.
pub const IDLE_CAP: Duration = Duration::minutes(10);

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
        }
        if self.wrap_up_minutes >= self.budget_minutes {
            return Err(format!(
                "wrap_up_minutes ({}) must be less than budget_minutes ({})",
                self.wrap_up_minutes, self.budget_minutes
            ));
        }
        self.nudges.validate()?;
        if self.max_answer_chars == 0 || self.max_answer_chars > 30_000 {
            return Err("max_answer_chars must be between 1 and 30000".to_string());
        }
        Ok(())
    }

    pub fn position_of(&self, key: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.key == key)
    }

    pub fn by_role(&self, role: QuestionRole) -> Option<&Question> {
        self.questions.iter().find(|q| q.role == role)
    }
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
    pub position: usize,
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    /// Interview time so far, in seconds, without pauses and long breaks.
    pub active_secs: i64,
    pub last_input_at: Option<DateTime<Utc>>,
    pub wrapping_up: bool,
}

impl Default for InterviewState {
    fn default() -> Self {
        InterviewState {
            position: 0,
            status: Status::NotStarted,
            started_at: None,
            active_secs: 0,
            last_input_at: None,
            wrapping_up: false,
        }
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
}

impl<'a> Input<'a> {
    /// Reads a DM: the words `skip`, `back`, `pause` and `resume` (alone, any case) are
    /// commands; anything else is an answer, kept exactly as sent.
    pub fn classify(text: &'a str) -> Input<'a> {
        match text.trim().to_lowercase().as_str() {
            "skip" => Input::Skip,
            "back" => Input::Back,
            "pause" => Input::Pause,
            "resume" | "continue" => Input::Resume,
            _ => Input::Answer(text),
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
    /// Ask question `index`; `current` is the answer already given, if any.
    Ask {
        index: usize,
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
    let ask = |state: &InterviewState, answers: &Answers| Effect::Ask {
        index: state.position,
        current: answers.get(&set.questions[state.position].key).cloned(),
    };
    match state.status {
        Status::Done => return vec![Effect::Refused(Refusal::AlreadyFinished)],
        Status::NotStarted => {
            state.status = Status::Active;
            state.started_at = Some(now);
            state.last_input_at = Some(now);
            state.position = 0;
            // Whatever the first input was, it answers no question yet: greet and ask.
            return vec![Effect::Intro, ask(state, answers)];
        }
        Status::Paused => {
            state.status = Status::Active;
            state.last_input_at = Some(now);
            match input {
                Input::Pause => {
                    state.status = Status::Paused;
                    return vec![Effect::Paused];
                }
                Input::Start | Input::Resume => return vec![ask(state, answers)],
                _ => {}
            }
        }
        Status::Active => {
            if let Some(last) = state.last_input_at {
                let gap = (now - last).clamp(Duration::zero(), IDLE_CAP);
                state.active_secs += gap.num_seconds();
            }
            state.last_input_at = Some(now);
        }
    }

    let key = set.questions[state.position].key.clone();
    match input {
        Input::Pause => {
            state.status = Status::Paused;
            vec![Effect::Paused]
        }
        Input::Start | Input::Resume => vec![ask(state, answers)],
        Input::Back => {
            if state.position == 0 {
                vec![Effect::Refused(Refusal::NothingBefore), ask(state, answers)]
            } else {
                state.position -= 1;
                vec![ask(state, answers)]
            }
        }
        Input::Skip => {
            let first = if answers.contains_key(&key) {
                Effect::Kept { key }
            } else {
                Effect::Skipped { key }
            };
            let mut out = vec![first];
            advance(state, set, answers, None, &mut out);
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
            let mut out = vec![Effect::Save {
                key: key.clone(),
                text: text.to_string(),
            }];
            advance(state, set, answers, Some(&key), &mut out);
            out
        }
    }
}

/// Moves to the next question to ask, or finishes; `just_answered` counts as answered.
fn advance(
    state: &mut InterviewState,
    set: &QuestionSet,
    answers: &Answers,
    just_answered: Option<&str>,
    out: &mut Vec<Effect>,
) {
    let minutes = state.active_secs / 60;
    if minutes >= i64::from(set.budget_minutes) {
        state.status = Status::Done;
        out.push(Effect::Finished { short: true });
        return;
    }
    if minutes >= i64::from(set.wrap_up_minutes) && !state.wrapping_up {
        state.wrapping_up = true;
        out.push(Effect::WrapUp);
    }
    let answered = |key: &str| answers.contains_key(key) || just_answered == Some(key);
    let next = (state.position + 1..set.questions.len()).find(|&i| {
        let q = &set.questions[i];
        !state.wrapping_up || (q.essential && !answered(&q.key))
    });
    match next {
        Some(i) => {
            state.position = i;
            out.push(Effect::Ask {
                index: i,
                current: answers.get(&set.questions[i].key).cloned(),
            });
        }
        None => {
            state.status = Status::Done;
            let asked_all = !state.wrapping_up;
            out.push(Effect::Finished { short: !asked_all });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn set() -> QuestionSet {
        QuestionSet::parse_toml(include_str!("../../prompts/interview.toml")).unwrap()
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    /// Runs inputs one minute apart, applying saves, and returns all effects.
    fn run(
        state: &mut InterviewState,
        answers: &mut Answers,
        inputs: &[Input<'_>],
        start: DateTime<Utc>,
        gap: Duration,
    ) -> Vec<Effect> {
        let set = set();
        let mut all = vec![];
        let mut now = start;
        for input in inputs {
            let effects = step(state, &set, answers, *input, now);
            for e in &effects {
                if let Effect::Save { key, text } = e {
                    answers.insert(key.clone(), text.clone());
                }
            }
            all.extend(effects);
            now += gap;
        }
        all
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
    }

    #[test]
    fn starting_greets_and_asks_the_first_question() {
        let mut st = InterviewState::default();
        let effects = step(&mut st, &set(), &Answers::new(), Input::Start, t0());
        assert_eq!(
            effects,
            vec![
                Effect::Intro,
                Effect::Ask {
                    index: 0,
                    current: None
                }
            ]
        );
        assert_eq!(st.status, Status::Active);
    }

    #[test]
    fn answers_are_saved_byte_for_byte_including_lines_and_spacing() {
        let raw = "  First line  \n\n- a *bullet* with <!channel> & émoji 🚀\r\nlast\t";
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Answer(raw)],
            t0(),
            Duration::minutes(1),
        );
        assert!(effects.contains(&Effect::Save {
            key: "behaviour".into(),
            text: raw.into()
        }));
        assert_eq!(answers["behaviour"].as_bytes(), raw.as_bytes());
    }

    #[test]
    fn answering_every_question_finishes_the_interview() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let inputs = [
            Input::Start,
            Input::Answer("a"),
            Input::Answer("b"),
            Input::Answer("c"),
            Input::Answer("d"),
            Input::Answer("e"),
        ];
        let effects = run(&mut st, &mut answers, &inputs, t0(), Duration::minutes(1));
        assert_eq!(effects.last(), Some(&Effect::Finished { short: false }));
        assert_eq!(st.status, Status::Done);
        assert_eq!(answers.len(), 5);
    }

    #[test]
    fn skip_passes_on_a_question_and_keeps_an_existing_answer() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Skip],
            t0(),
            Duration::minutes(1),
        );
        assert!(effects.contains(&Effect::Skipped {
            key: "behaviour".into()
        }));
        assert_eq!(st.position, 1);
        assert!(answers.is_empty());

        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Answer("benefit!"), Input::Back, Input::Skip],
            t0() + Duration::minutes(2),
            Duration::minutes(1),
        );
        assert!(effects.contains(&Effect::Kept {
            key: "benefit".into()
        }));
        assert_eq!(answers["benefit"], "benefit!");
        assert_eq!(st.position, 2);
    }

    #[test]
    fn back_shows_the_previous_answer_and_a_new_answer_replaces_it() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Answer("first try"), Input::Back],
            t0(),
            Duration::minutes(1),
        );
        assert_eq!(
            effects.last(),
            Some(&Effect::Ask {
                index: 0,
                current: Some("first try".into())
            })
        );
        run(
            &mut st,
            &mut answers,
            &[Input::Answer("better answer")],
            t0() + Duration::minutes(3),
            Duration::minutes(1),
        );
        assert_eq!(answers["behaviour"], "better answer");
        assert_eq!(st.position, 1);
    }

    #[test]
    fn back_on_the_first_question_says_so_and_asks_again() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Back],
            t0(),
            Duration::minutes(1),
        );
        assert!(effects.contains(&Effect::Refused(Refusal::NothingBefore)));
        assert_eq!(st.position, 0);
    }

    #[test]
    fn pause_stops_the_clock_and_an_answer_resumes() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Answer("a"), Input::Pause],
            t0(),
            Duration::minutes(2),
        );
        assert_eq!(st.status, Status::Paused);
        let before = st.active_secs;
        // Three days later the hero simply answers the question they paused on.
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Answer("b")],
            t0() + Duration::days(3),
            Duration::minutes(1),
        );
        assert_eq!(st.status, Status::Active);
        assert_eq!(st.active_secs, before, "paused time does not count");
        assert!(effects.contains(&Effect::Save {
            key: "benefit".into(),
            text: "b".into()
        }));
    }

    #[test]
    fn resume_asks_the_question_the_hero_paused_on() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Pause],
            t0(),
            Duration::minutes(1),
        );
        let effects = run(
            &mut st,
            &mut answers,
            &[Input::Resume],
            t0() + Duration::hours(5),
            Duration::minutes(1),
        );
        assert_eq!(
            effects,
            vec![Effect::Ask {
                index: 0,
                current: None
            }]
        );
    }

    #[test]
    fn near_the_budget_the_interview_wraps_up_with_the_essential_questions() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        // Nine minutes per answer: the second answer lands at 18 minutes, the third at 27.
        let effects = run(
            &mut st,
            &mut answers,
            &[
                Input::Start,
                Input::Answer("a"),
                Input::Answer("b"),
                Input::Answer("c"),
            ],
            t0(),
            Duration::minutes(9),
        );
        // At 27 minutes (capped gaps: 9 each) the wrap-up starts with the take-away.
        let set = set();
        let takeaway = set.position_of("takeaway").unwrap();
        assert!(effects.contains(&Effect::WrapUp));
        assert_eq!(
            effects.last(),
            Some(&Effect::Ask {
                index: takeaway,
                current: None
            })
        );
        assert!(st.wrapping_up);
    }

    #[test]
    fn at_the_budget_the_interview_ends_after_the_current_answer() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        let effects = run(
            &mut st,
            &mut answers,
            &[
                Input::Start,
                Input::Answer("a"),
                Input::Answer("b"),
                Input::Answer("c"),
            ],
            t0(),
            Duration::minutes(10),
        );
        assert_eq!(effects.last(), Some(&Effect::Finished { short: true }));
        assert_eq!(
            answers.len(),
            3,
            "the answer given at the limit is still saved"
        );
    }

    #[test]
    fn long_idle_gaps_count_as_breaks_not_interview_time() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        run(
            &mut st,
            &mut answers,
            &[Input::Start, Input::Answer("a"), Input::Answer("b")],
            t0(),
            Duration::hours(6),
        );
        assert_eq!(st.active_secs, 2 * IDLE_CAP.num_seconds());
        assert!(!st.wrapping_up);
    }

    #[test]
    fn oversized_and_empty_answers_are_refused_and_nothing_moves() {
        let mut st = InterviewState::default();
        let mut answers = Answers::new();
        run(
            &mut st,
            &mut answers,
            &[Input::Start],
            t0(),
            Duration::minutes(1),
        );
        let huge = "x".repeat(3001);
        let effects = step(&mut st, &set(), &answers, Input::Answer(&huge), t0());
        assert_eq!(
            effects,
            vec![Effect::Refused(Refusal::TooLong {
                chars: 3001,
                max: 3000
            })]
        );
        let effects = step(&mut st, &set(), &answers, Input::Answer(" \n "), t0());
        assert_eq!(effects, vec![Effect::Refused(Refusal::Empty)]);
        assert_eq!(st.position, 0);
        assert!(answers.is_empty());
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
    fn keywords_are_recognised_alone_in_any_case_and_everything_else_is_an_answer() {
        assert_eq!(Input::classify(" Skip "), Input::Skip);
        assert_eq!(Input::classify("BACK"), Input::Back);
        assert_eq!(Input::classify("pause"), Input::Pause);
        assert_eq!(Input::classify("resume"), Input::Resume);
        assert_eq!(
            Input::classify("skip the meetings"),
            Input::Answer("skip the meetings")
        );
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
    }

    proptest::proptest! {
        #[test]
        fn any_sequence_of_inputs_keeps_the_interview_consistent(
            ops in proptest::collection::vec(0u8..6, 0..60),
            gaps in proptest::collection::vec(0i64..900, 60),
        ) {
            let set = set();
            let mut st = InterviewState::default();
            let mut answers = Answers::new();
            let mut now = t0();
            let mut last_active = 0;
            for (i, op) in ops.iter().enumerate() {
                let input = match op {
                    0 => Input::Start,
                    1 => Input::Answer("an answer"),
                    2 => Input::Skip,
                    3 => Input::Back,
                    4 => Input::Pause,
                    _ => Input::Resume,
                };
                for e in step(&mut st, &set, &answers, input, now) {
                    if let Effect::Save { key, text } = e {
                        answers.insert(key, text);
                    }
                }
                proptest::prop_assert!(st.position < set.questions.len());
                proptest::prop_assert!(st.active_secs >= last_active);
                last_active = st.active_secs;
                now += Duration::seconds(gaps[i]);
            }
        }
    }
}
