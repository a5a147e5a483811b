//! Settings, read once in `main` and passed down. Secrets never appear in `Debug` output.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::interview::QuestionSet;
use crate::domain::schedule::CronSpec;
use crate::domain::story;

/// The default database: a file beside where Spotlight runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://spotlight.db";

/// What every mode of Spotlight needs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    /// User IDs (Slack) or handles (console) of the Spotlight admins.
    pub admins: Vec<String>,
    /// IANA zone for schedules that name none.
    pub timezone: String,
    pub prompts: Prompts,
}

impl Settings {
    /// Turns `--db PATH` or `DATABASE_URL` into a URL; a bare path becomes `sqlite://PATH`.
    pub fn database_url(db: Option<&str>) -> String {
        match db {
            Some(v) if v.starts_with("sqlite:") => v.to_string(),
            Some(path) => format!("sqlite://{path}"),
            None => DEFAULT_DATABASE_URL.to_string(),
        }
    }

    /// Reads `SPOTLIGHT_ADMINS`-style lists: comma separated, `@` optional.
    pub fn parse_admins(raw: &str) -> Vec<String> {
        raw.split(',')
            .map(|s| s.trim().trim_start_matches('@').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Checks a zone name, so a typo stops start-up with a clear message.
    pub fn check_timezone(tz: &str) -> anyhow::Result<String> {
        let spec = CronSpec::parse("0 9 * * MON", tz)
            .map_err(|e| anyhow::anyhow!("SPOTLIGHT_TIMEZONE: {e}"))?;
        Ok(spec.tz_name().to_string())
    }
}

/// The texts admins can edit: the question set and the story template.
#[derive(Debug, Clone)]
pub struct Prompts {
    pub interview: QuestionSet,
    pub story_template: String,
}

const DEFAULT_INTERVIEW: &str = include_str!("../prompts/interview.toml");
const DEFAULT_STORY: &str = include_str!("../prompts/story.md");

impl Prompts {
    /// The prompts shipped with Spotlight.
    pub fn builtin() -> Prompts {
        Prompts {
            interview: QuestionSet::parse_toml(DEFAULT_INTERVIEW)
                .expect("the built-in question set is valid"),
            story_template: DEFAULT_STORY.to_string(),
        }
    }

    /// Loads `interview.toml` and `story.md` from `dir`; a file that is missing there
    /// falls back to the built-in one, a file that is broken stops start-up.
    pub fn load(dir: Option<&Path>) -> anyhow::Result<Prompts> {
        let mut prompts = Prompts::builtin();
        let Some(dir) = dir else { return Ok(prompts) };
        let interview = dir.join("interview.toml");
        if interview.exists() {
            let text = std::fs::read_to_string(&interview)
                .with_context(|| format!("failed to read {}", interview.display()))?;
            prompts.interview = QuestionSet::parse_toml(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a valid question set: {e}", interview.display())
            })?;
        }
        let story = dir.join("story.md");
        if story.exists() {
            let text = std::fs::read_to_string(&story)
                .with_context(|| format!("failed to read {}", story.display()))?;
            story::validate_template(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", story.display()))?;
            prompts.story_template = text;
        }
        Ok(prompts)
    }

    /// The prompts directory to use: the one given, else `./prompts` if it exists.
    pub fn default_dir(given: Option<PathBuf>) -> Option<PathBuf> {
        given.or_else(|| {
            let local = PathBuf::from("prompts");
            local.join("interview.toml").exists().then_some(local)
        })
    }
}
