//! Settings, read once in `main` and passed down. Secrets never appear in `Debug` output.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::interview::QuestionSet;
use crate::domain::schedule::CronSpec;
use crate::domain::story;
use crate::domain::texts::Texts;

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
    /// The destinations beyond Slack that are set up (Chatter, email).
    pub publishers: crate::destinations::Publishers,
}

impl Settings {
    /// Turns `--db PATH` or `DATABASE_URL` into a URL; a bare path becomes `sqlite://PATH`.
    /// A `postgres://` address stays one (`Store::open` says what it can't do yet).
    pub fn database_url(db: Option<&str>) -> String {
        match db {
            Some(v) if v.starts_with("sqlite:") || crate::store::postgres::is_postgres(v) => {
                v.to_string()
            }
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

/// The texts of every language: the built-in ones, replaced or joined by the `.ftl`
/// files in `dir`, checked against English.
fn load_texts(dir: &Path) -> anyhow::Result<Texts> {
    let sources = Prompts::text_sources(Some(dir))?;
    Texts::parse("en", &sources).map_err(|errors| {
        anyhow::anyhow!(
            "the texts in {} are not complete:\n  {}",
            dir.display(),
            errors.join("\n  ")
        )
    })
}

/// The texts admins can edit: the question sets, the story template and what the bot
/// says in each language.
#[derive(Debug, Clone)]
pub struct Prompts {
    /// The default question set (`interview.toml`).
    pub interview: QuestionSet,
    /// Other question sets by name (`sets/<name>.toml`), picked at nomination.
    pub sets: std::collections::BTreeMap<String, QuestionSet>,
    pub story_template: String,
    /// What the bot says, in each language (`locales/<language>.ftl`).
    pub texts: std::sync::Arc<Texts>,
    /// The folder they were loaded from, if any: where `for_workspace` looks for a
    /// workspace's own.
    source: Option<PathBuf>,
    /// The language set by `with_language`, if any.
    language: Option<String>,
}

const DEFAULT_INTERVIEW: &str = include_str!("../prompts/interview.toml");
const DEFAULT_STORY: &str = include_str!("../prompts/story.md");
/// The languages shipped with Spotlight, English first (the default).
const BUILTIN_TEXTS: [(&str, &str); 2] = [
    ("en", include_str!("../prompts/locales/en.ftl")),
    ("fr", include_str!("../prompts/locales/fr.ftl")),
];

impl Prompts {
    /// The prompts shipped with Spotlight.
    pub fn builtin() -> Prompts {
        let sources: Vec<(String, String)> = BUILTIN_TEXTS
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        Prompts {
            interview: QuestionSet::parse_toml(DEFAULT_INTERVIEW)
                .expect("the built-in question set is valid"),
            sets: Default::default(),
            story_template: DEFAULT_STORY.to_string(),
            texts: std::sync::Arc::new(
                Texts::parse("en", &sources).expect("the built-in texts are complete"),
            ),
            source: None,
            language: None,
        }
    }

    /// Workspace `team`'s prompts: those of `<folder>/<team>/` when the folder these were
    /// loaded from has one with an interview.toml (`workspace_dir`), in the same
    /// language; else these.
    pub fn for_workspace(&self, team: &str) -> anyhow::Result<Prompts> {
        let Some(base) = &self.source else {
            return Ok(self.clone());
        };
        let own = Prompts::workspace_dir(base.clone(), team);
        if own == *base {
            return Ok(self.clone());
        }
        let prompts = Prompts::load(Some(&own))?;
        match &self.language {
            Some(lang) => prompts.with_language(lang),
            None => Ok(prompts),
        }
    }

    /// Makes `lang` the language of people whose Slack language has no texts
    /// (`SPOTLIGHT_LANGUAGE`).
    pub fn with_language(mut self, lang: &str) -> anyhow::Result<Prompts> {
        let texts = self
            .texts
            .with_default(lang)
            .map_err(|e| anyhow::anyhow!("SPOTLIGHT_LANGUAGE: {e}"))?;
        self.texts = std::sync::Arc::new(texts);
        self.language = Some(lang.to_string());
        Ok(self)
    }

    /// Loads `interview.toml` and `story.md` from `dir`; a file that is missing there
    /// falls back to the built-in one, a file that is broken stops start-up.
    pub fn load(dir: Option<&Path>) -> anyhow::Result<Prompts> {
        let mut prompts = Prompts::builtin();
        let Some(dir) = dir else { return Ok(prompts) };
        prompts.source = Some(dir.to_path_buf());
        let interview = dir.join("interview.toml");
        if interview.exists() {
            let text = std::fs::read_to_string(&interview)
                .with_context(|| format!("failed to read {}", interview.display()))?;
            prompts.interview = QuestionSet::parse_toml(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a valid question set: {e}", interview.display())
            })?;
        }
        prompts.sets = load_sets(&dir.join("sets"))?;
        prompts.texts = std::sync::Arc::new(load_texts(&dir.join("locales"))?);
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

    /// The texts of every language, as `Texts::parse` wants them.
    pub fn text_sources(dir: Option<&Path>) -> anyhow::Result<Vec<(String, String)>> {
        let mut sources: std::collections::BTreeMap<String, String> = BUILTIN_TEXTS
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = dir {
            for (lang, _, text) in files_in(dir, "ftl")? {
                sources.insert(lang, text);
            }
        }
        Ok(sources.into_iter().collect())
    }

    /// The question set called `name` (None: the default, `interview.toml`).
    pub fn set(&self, name: Option<&str>) -> Option<&QuestionSet> {
        match name {
            None => Some(&self.interview),
            Some(n) => self.sets.get(n),
        }
    }

    /// The names of the sets one may pick at nomination, for messages.
    pub fn set_names(&self) -> String {
        if self.sets.is_empty() {
            return "none besides the default (add them as `prompts/sets/<name>.toml`)".into();
        }
        self.sets.keys().cloned().collect::<Vec<_>>().join(", ")
    }

    /// Workspace `team`'s own prompts, `dir/<team>/`, if that folder has an
    /// interview.toml; else `dir`, shared by every workspace.
    pub fn workspace_dir(dir: PathBuf, team: &str) -> PathBuf {
        let own = dir.join(team);
        if crate::store::workspace::check_team(team).is_ok() && own.join("interview.toml").exists()
        {
            own
        } else {
            dir
        }
    }

    /// The prompts directory to use: the one given, else `./prompts` if it exists.
    pub fn default_dir(given: Option<PathBuf>) -> Option<PathBuf> {
        given.or_else(|| {
            let local = PathBuf::from("prompts");
            local.join("interview.toml").exists().then_some(local)
        })
    }
}

/// The question sets in `dir` (`<name>.toml`, each in the format of `interview.toml`), by
/// name; none if there is no such folder. A broken one stops start-up.
fn load_sets(dir: &Path) -> anyhow::Result<std::collections::BTreeMap<String, QuestionSet>> {
    let mut sets = std::collections::BTreeMap::new();
    for (name, path, text) in files_in(dir, "toml")? {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            anyhow::bail!(
                "{}: a question set's file name is its name at nomination (`--set <name>`): use lowercase letters, digits, - and _ only",
                path.display()
            );
        }
        let set = QuestionSet::parse_toml(&text)
            .map_err(|e| anyhow::anyhow!("{} is not a valid question set: {e}", path.display()))?;
        sets.insert(name, set);
    }
    Ok(sets)
}

/// The files of `dir` ending in `.{extension}`: each one's name without it, its path
/// and its text. None when `dir` does not exist.
fn files_in(dir: &Path, extension: &str) -> anyhow::Result<Vec<(String, PathBuf, String)>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("failed to read the folder {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("failed to read the folder {}", dir.display()))?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some(extension) {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("failed to read {}", path.display()))?;
        files.push((name, path, text));
    }
    Ok(files)
}

/// A secret setting: usable, but never shown in logs or `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Slack's Web API, unless `SLACK_API_URL` says otherwise.
pub const DEFAULT_SLACK_API_URL: &str = "https://slack.com/api";
/// Where `spotlight serve` listens by default.
pub const DEFAULT_BIND: &str = "0.0.0.0:3000";

/// What `spotlight serve` needs beyond `Settings`.
#[derive(Debug, Clone)]
pub struct SlackSettings {
    /// Where the bot token comes from.
    pub auth: SlackAuth,
    /// Needed for the HTTP Events API; unused in Socket Mode.
    pub signing_secret: Option<Secret>,
    /// Needed for Socket Mode.
    pub app_token: Option<Secret>,
    pub api_url: String,
    pub bind: std::net::SocketAddr,
    pub socket_mode: bool,
    /// When set, `GET /metrics` answers only requests that carry it as a bearer token
    /// (`SPOTLIGHT_METRICS_TOKEN`).
    pub metrics_token: Option<Secret>,
}

/// Where `spotlight serve`'s bot token comes from.
#[derive(Debug, Clone)]
pub enum SlackAuth {
    /// One workspace, its Bot User OAuth Token pasted into `SLACK_BOT_TOKEN`.
    Token(Secret),
    /// Installed by the workspace through `/slack/install` (OAuth v2); the tokens are
    /// kept sealed in the database and rotated when the app has token rotation on.
    OAuth(OAuthSettings),
}

/// The OAuth install's settings: `SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET` set, and
/// `SLACK_BOT_TOKEN` not.
#[derive(Debug, Clone)]
pub struct OAuthSettings {
    pub client_id: String,
    pub client_secret: Secret,
    /// Spotlight's public address (`https://spotlight.acme.com`, no trailing slash):
    /// Slack sends the installer back to `{public_url}/slack/oauth_redirect`.
    pub public_url: String,
    /// What the tokens are sealed with in the database.
    pub token_key: crate::sealed::TokenKey,
    /// Whether `app_uninstalled` erases the workspace's data (`SPOTLIGHT_ERASE_ON_UNINSTALL`).
    pub erase_on_uninstall: bool,
    /// How long before it expires a rotating bot token is renewed.
    pub refresh_ahead: std::time::Duration,
}

/// A rotating bot token (12 hours) is renewed when it has less than this left.
pub const REFRESH_AHEAD: std::time::Duration = std::time::Duration::from_secs(30 * 60);

impl OAuthSettings {
    fn check(
        client_id: String,
        client_secret: String,
        public_url: Option<String>,
        token_key: Option<String>,
        erase_on_uninstall: Option<String>,
    ) -> anyhow::Result<OAuthSettings> {
        let public_url = public_url.ok_or_else(|| {
            anyhow::anyhow!(
                "SPOTLIGHT_PUBLIC_URL is not set: the OAuth install needs Spotlight's public https address (such as https://spotlight.acme.com), where Slack sends the installer back to /slack/oauth_redirect"
            )
        })?;
        let public_url = Self::check_public_url(&public_url)?;
        let token_key = token_key.ok_or_else(|| {
            anyhow::anyhow!(
                "SPOTLIGHT_TOKEN_KEY is not set: the OAuth install keeps the workspace's tokens sealed in the database with this key (32 random bytes in base64); {} and keep it with your other secrets (without it the tokens are lost and the app must be installed again)",
                crate::sealed::MAKE_A_KEY
            )
        })?;
        let token_key = crate::sealed::TokenKey::parse(&token_key)?;
        let erase_on_uninstall = match erase_on_uninstall.as_deref().map(str::to_ascii_lowercase) {
            None => false,
            Some(v) if ["true", "1", "yes", "on"].contains(&v.as_str()) => true,
            Some(v) if ["false", "0", "no", "off"].contains(&v.as_str()) => false,
            Some(v) => {
                anyhow::bail!("SPOTLIGHT_ERASE_ON_UNINSTALL must be true or false, not {v:?}")
            }
        };
        Ok(OAuthSettings {
            client_id,
            client_secret: Secret(client_secret),
            public_url,
            token_key,
            erase_on_uninstall,
            refresh_ahead: REFRESH_AHEAD,
        })
    }

    /// An https address with no query or fragment (http only on this machine, for trying
    /// it out), without its trailing slash.
    fn check_public_url(raw: &str) -> anyhow::Result<String> {
        let bad = |why: &str| {
            anyhow::anyhow!(
                "SPOTLIGHT_PUBLIC_URL must be Spotlight's public https address, such as https://spotlight.acme.com: {raw:?} {why}"
            )
        };
        let url = url::Url::parse(raw).map_err(|_| bad("is not an address"))?;
        let local = matches!(
            url.host(),
            Some(url::Host::Domain("localhost"))
                | Some(url::Host::Ipv4(std::net::Ipv4Addr::LOCALHOST))
                | Some(url::Host::Ipv6(std::net::Ipv6Addr::LOCALHOST))
        );
        match url.scheme() {
            "https" => {}
            "http" if local => {}
            "http" => return Err(bad("is http: Slack sends installers back over https only")),
            _ => return Err(bad("is not an https address")),
        }
        if url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
            return Err(bad("has no host, or has a query or a fragment"));
        }
        Ok(raw.trim_end_matches('/').to_string())
    }

    /// Where Slack sends the installer back (the app's Redirect URL).
    pub fn redirect_url(&self) -> String {
        format!("{}/slack/oauth_redirect", self.public_url)
    }
}

/// The raw values, from flags or the environment, before they are checked.
#[derive(Debug, Default, Clone)]
pub struct SlackSettingsInput {
    pub bot_token: Option<String>,
    /// The OAuth install's settings (used when `bot_token` is not set).
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub public_url: Option<String>,
    pub token_key: Option<String>,
    pub erase_on_uninstall: Option<String>,
    pub signing_secret: Option<String>,
    pub app_token: Option<String>,
    pub api_url: Option<String>,
    pub bind: Option<String>,
    pub socket_mode: bool,
    pub metrics_token: Option<String>,
}

impl SlackSettings {
    /// Checks every setting; the error names the setting and how to fix it.
    pub fn from_input(input: SlackSettingsInput) -> anyhow::Result<SlackSettings> {
        let present = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let auth = match (
            present(input.bot_token),
            present(input.client_id),
            present(input.client_secret),
        ) {
            (Some(bot_token), ..) => {
                if !bot_token.starts_with("xoxb-") {
                    anyhow::bail!("SLACK_BOT_TOKEN does not look like a bot token: it should start with xoxb- (find it on your Slack app's \"OAuth & Permissions\" page)");
                }
                SlackAuth::Token(Secret(bot_token))
            }
            (None, Some(client_id), Some(client_secret)) => SlackAuth::OAuth(OAuthSettings::check(
                client_id,
                client_secret,
                present(input.public_url),
                present(input.token_key),
                present(input.erase_on_uninstall),
            )?),
            (None, Some(_), None) => anyhow::bail!(
                "SLACK_CLIENT_SECRET is not set: the OAuth install needs the app's Client Secret beside SLACK_CLIENT_ID (your Slack app's \"Basic Information\" page, under App Credentials)"
            ),
            (None, None, Some(_)) => anyhow::bail!(
                "SLACK_CLIENT_ID is not set: the OAuth install needs the app's Client ID beside SLACK_CLIENT_SECRET (your Slack app's \"Basic Information\" page, under App Credentials)"
            ),
            (None, None, None) => anyhow::bail!(
                "SLACK_BOT_TOKEN is not set: set it to the Bot User OAuth Token (xoxb-…) from your Slack app's \"OAuth & Permissions\" page (or, to have the workspace install Spotlight at /slack/install, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SPOTLIGHT_PUBLIC_URL and SPOTLIGHT_TOKEN_KEY instead)"
            ),
        };
        let signing_secret = present(input.signing_secret);
        let app_token = present(input.app_token);
        if input.socket_mode {
            match &app_token {
                None => anyhow::bail!(
                    "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) with the connections:write scope, from your Slack app's \"Basic Information\" page"
                ),
                Some(t) if !t.starts_with("xapp-") => anyhow::bail!(
                    "SLACK_APP_TOKEN does not look like an app-level token: it should start with xapp-"
                ),
                Some(_) => {}
            }
        } else {
            match &signing_secret {
                None => anyhow::bail!(
                    "SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack app's \"Basic Information\" page (or run with --socket-mode and SLACK_APP_TOKEN)"
                ),
                Some(s) if s.chars().any(char::is_whitespace) || s.len() < 16 => {
                    anyhow::bail!("SLACK_SIGNING_SECRET looks malformed: paste the Signing Secret exactly as Slack shows it")
                }
                Some(_) => {}
            }
        }
        let api_url = present(input.api_url).unwrap_or_else(|| DEFAULT_SLACK_API_URL.to_string());
        let api_url = api_url.trim_end_matches('/').to_string();
        if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
            anyhow::bail!(
                "SLACK_API_URL must be an http(s) URL such as {DEFAULT_SLACK_API_URL}, not {api_url:?}"
            );
        }
        let bind_raw = present(input.bind).unwrap_or_else(|| DEFAULT_BIND.to_string());
        let bind = bind_raw.parse().map_err(|_| {
            anyhow::anyhow!("SPOTLIGHT_BIND must be an address and port such as {DEFAULT_BIND}, not {bind_raw:?}")
        })?;
        let metrics_token = present(input.metrics_token);
        if metrics_token
            .as_ref()
            .is_some_and(|t| t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()))
        {
            anyhow::bail!(
                "SPOTLIGHT_METRICS_TOKEN must be at least 16 visible characters with no spaces (for example the output of `openssl rand -hex 24`); Prometheus sends it as `Authorization: Bearer <token>`"
            );
        }
        Ok(SlackSettings {
            auth,
            signing_secret: signing_secret.map(Secret),
            app_token: app_token.map(Secret),
            api_url,
            bind,
            socket_mode: input.socket_mode,
            metrics_token: metrics_token.map(Secret),
        })
    }

    /// The pasted bot token, in single-workspace mode.
    pub fn bot_token(&self) -> Option<&Secret> {
        match &self.auth {
            SlackAuth::Token(token) => Some(token),
            SlackAuth::OAuth(_) => None,
        }
    }

    /// Checks `SPOTLIGHT_ADMINS` for Slack: user IDs such as U024BE7LH.
    pub fn parse_admins(raw: &str) -> anyhow::Result<Vec<String>> {
        let ids = Settings::parse_admins(raw);
        for id in &ids {
            let ok = id.len() >= 3
                && (id.starts_with('U') || id.starts_with('W'))
                && id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if !ok {
                anyhow::bail!(
                    "SPOTLIGHT_ADMINS: {id:?} is not a Slack user ID; list IDs such as U024BE7LH, separated by commas (a profile's \"Copy member ID\" gives it)"
                );
            }
        }
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_prompts_locales_join_the_built_in_ones_and_an_incomplete_file_stops_start_up() {
        let dir = tempfile::tempdir().unwrap();
        let locales = dir.path().join("locales");
        std::fs::create_dir(&locales).unwrap();
        // A language with only some messages: start-up names what is missing.
        std::fs::write(
            locales.join("de.ftl"),
            "interview-kept = Frühere Antwort behalten.\n",
        )
        .unwrap();
        let e = Prompts::load(Some(dir.path())).unwrap_err().to_string();
        assert!(
            e.contains("de.ftl has no message `interview-skipped`"),
            "{e}"
        );
        // A complete one (English under another name) is taken, and can be the default.
        std::fs::write(locales.join("de.ftl"), BUILTIN_TEXTS[0].1).unwrap();
        let prompts = Prompts::load(Some(dir.path())).unwrap();
        assert_eq!(prompts.texts.languages(), ["de", "en", "fr"]);
        let prompts = prompts.with_language("fr").unwrap();
        assert_eq!(prompts.texts.language_for(Some("ja-JP")), "fr");
        let e = Prompts::builtin()
            .with_language("xx")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("SPOTLIGHT_LANGUAGE: there are no texts in \"xx\""),
            "{e}"
        );
    }

    fn input() -> SlackSettingsInput {
        SlackSettingsInput {
            bot_token: Some("xoxb-1-2-3".into()),
            signing_secret: Some("8f742231b10e8888abcd99yyyzzz85a5".into()),
            ..SlackSettingsInput::default()
        }
    }

    #[test]
    fn good_settings_get_the_documented_defaults() {
        let s = SlackSettings::from_input(input()).unwrap();
        assert_eq!(s.api_url, DEFAULT_SLACK_API_URL);
        assert_eq!(s.bind.to_string(), "0.0.0.0:3000");
    }

    #[test]
    fn each_missing_or_malformed_setting_is_named_with_how_to_fix_it() {
        let cases: Vec<(SlackSettingsInput, &str)> = vec![
            (
                SlackSettingsInput {
                    bot_token: None,
                    ..input()
                },
                "SLACK_BOT_TOKEN is not set",
            ),
            (
                SlackSettingsInput {
                    bot_token: Some("xoxp-user".into()),
                    ..input()
                },
                "start with xoxb-",
            ),
            (
                SlackSettingsInput {
                    signing_secret: None,
                    ..input()
                },
                "SLACK_SIGNING_SECRET is not set",
            ),
            (
                SlackSettingsInput {
                    socket_mode: true,
                    ..input()
                },
                "SLACK_APP_TOKEN is not set",
            ),
            (
                SlackSettingsInput {
                    api_url: Some("slack.com/api".into()),
                    ..input()
                },
                "SLACK_API_URL",
            ),
            (
                SlackSettingsInput {
                    bind: Some("localhost".into()),
                    ..input()
                },
                "SPOTLIGHT_BIND",
            ),
            (
                SlackSettingsInput {
                    metrics_token: Some("short".into()),
                    ..input()
                },
                "SPOTLIGHT_METRICS_TOKEN must be at least 16",
            ),
            (
                SlackSettingsInput {
                    metrics_token: Some("has a space in it, sadly".into()),
                    ..input()
                },
                "SPOTLIGHT_METRICS_TOKEN",
            ),
        ];
        for (i, expected) in cases {
            let err = SlackSettings::from_input(i).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }

    fn oauth_input() -> SlackSettingsInput {
        SlackSettingsInput {
            bot_token: None,
            client_id: Some("123.456".into()),
            client_secret: Some("shh-client-secret".into()),
            public_url: Some("https://spotlight.acme.com/".into()),
            token_key: Some("q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=".into()),
            ..input()
        }
    }

    #[test]
    fn client_id_and_secret_without_a_bot_token_mean_the_oauth_install() {
        let s = SlackSettings::from_input(oauth_input()).unwrap();
        let SlackAuth::OAuth(o) = &s.auth else {
            panic!("not OAuth: {s:?}")
        };
        assert_eq!(
            o.redirect_url(),
            "https://spotlight.acme.com/slack/oauth_redirect"
        );
        assert!(!o.erase_on_uninstall);
        assert_eq!(o.refresh_ahead, REFRESH_AHEAD);
        assert!(s.bot_token().is_none());
        let shown = format!("{s:?}");
        assert!(!shown.contains("shh-client-secret") && !shown.contains("q83vEj"));
        // A pasted token keeps the single-workspace mode, whatever else is set.
        let s = SlackSettings::from_input(SlackSettingsInput {
            bot_token: Some("xoxb-1-2-3".into()),
            ..oauth_input()
        })
        .unwrap();
        assert!(matches!(s.auth, SlackAuth::Token(_)));
        let s = SlackSettings::from_input(SlackSettingsInput {
            erase_on_uninstall: Some("TRUE".into()),
            public_url: Some("http://127.0.0.1:3000".into()),
            ..oauth_input()
        })
        .unwrap();
        assert!(matches!(s.auth, SlackAuth::OAuth(ref o) if o.erase_on_uninstall));
    }

    #[test]
    fn each_missing_or_malformed_oauth_setting_is_named_with_how_to_fix_it() {
        let cases: Vec<(SlackSettingsInput, &str)> = vec![
            (
                SlackSettingsInput {
                    client_secret: None,
                    ..oauth_input()
                },
                "SLACK_CLIENT_SECRET is not set",
            ),
            (
                SlackSettingsInput {
                    client_id: None,
                    ..oauth_input()
                },
                "SLACK_CLIENT_ID is not set",
            ),
            (
                SlackSettingsInput {
                    public_url: None,
                    ..oauth_input()
                },
                "SPOTLIGHT_PUBLIC_URL is not set",
            ),
            (
                SlackSettingsInput {
                    public_url: Some("http://spotlight.acme.com".into()),
                    ..oauth_input()
                },
                "over https only",
            ),
            (
                SlackSettingsInput {
                    public_url: Some("https://spotlight.acme.com/?x=1".into()),
                    ..oauth_input()
                },
                "a query",
            ),
            (
                SlackSettingsInput {
                    token_key: None,
                    ..oauth_input()
                },
                "SPOTLIGHT_TOKEN_KEY is not set",
            ),
            (
                SlackSettingsInput {
                    token_key: Some("c2hvcnQ=".into()),
                    ..oauth_input()
                },
                "openssl rand -base64 32",
            ),
            (
                SlackSettingsInput {
                    erase_on_uninstall: Some("sometimes".into()),
                    ..oauth_input()
                },
                "SPOTLIGHT_ERASE_ON_UNINSTALL must be true or false",
            ),
            (
                SlackSettingsInput {
                    client_id: None,
                    client_secret: None,
                    ..oauth_input()
                },
                "SLACK_BOT_TOKEN is not set",
            ),
        ];
        for (i, expected) in cases {
            let err = SlackSettings::from_input(i).unwrap_err().to_string();
            assert!(err.contains(expected), "{expected}: {err}");
        }
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let s = SlackSettings::from_input(input()).unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains("xoxb-1-2-3"));
        assert!(!shown.contains("8f742231"));
    }

    #[test]
    fn a_trailing_slash_on_the_api_url_is_dropped() {
        let s = SlackSettings::from_input(SlackSettingsInput {
            api_url: Some("http://127.0.0.1:9/api/".into()),
            ..input()
        })
        .unwrap();
        assert_eq!(s.api_url, "http://127.0.0.1:9/api");
    }

    #[test]
    fn admins_must_be_slack_user_ids() {
        assert_eq!(
            SlackSettings::parse_admins("U1AB, W22").unwrap(),
            ["U1AB", "W22"]
        );
        assert!(SlackSettings::parse_admins("maria").is_err());
    }
}
