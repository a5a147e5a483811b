//! Publications as files: the newsletter digest and the printable poster, written to disk
//! or stdout, and the poster turned into PDF or PNG by headless Chromium.
//!
//! The text comes from `domain::publication` (pure); this module reads the store, fills
//! the poster template (`prompts/poster.html`, or the built-in one), and runs Chromium.
//! A poster carries a QR code (SVG, drawn here) to the story's thread in Slack, from the
//! address kept when the story was posted, and the hero's Slack photo, fetched when the
//! poster is made and embedded as a `data:` address (Chromium may not reach Slack's
//! servers); a photo that cannot be had is replaced by the hero's initials, never shown
//! broken. The pictures the hero chose for their story are read from Slack with the bot
//! token and embedded the same way. The documents' own words are in the workspace's
//! language (the default of the texts: they are read by everyone), and so are the notes
//! for the person who runs the command (`cli-…` messages); the command line's errors
//! are in English, as its logs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use minijinja::{context, Environment, Value};

use crate::domain::destination;
use crate::domain::ids::StoryRef;
use crate::domain::pipeline::Stage;
use crate::domain::publication::{
    self, DigestPicture, Format, Names, Period, PublishedStory, Span,
};
use crate::domain::texts::{Arg, Texts};
use crate::domain::StoryId;
use crate::domain::{conversation, picture};
use crate::slack::FileReader;
use crate::store::{Store, StoryRow};

/// The poster template shipped with Spotlight.
pub const DEFAULT_POSTER: &str = include_str!("../prompts/poster.html");

/// The file name of the poster template in the prompts folder.
pub const POSTER_FILE: &str = "poster.html";

/// How long Chromium may take for one page before it is stopped.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);

/// How long fetching the hero's photo may take.
const PHOTO_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest photo a poster embeds (Slack's are a few dozen KiB).
const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;

/// The start of a digest's period, as typed after `--since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// A span back from the end of the period (`30d`, `2w`, `12h`).
    Ago(TimeDelta),
    /// A day (from its midnight, UTC) or an exact time.
    At(DateTime<Utc>),
}

/// Reads `--since`: a duration such as `30d`, `2weeks` or `12h`, a date such as
/// `2026-11-01`, or an RFC 3339 time.
pub fn parse_since(raw: &str) -> Result<Since, String> {
    let s = raw.trim();
    if let Ok(at) = parse_time(s, false) {
        return Ok(Since::At(at));
    }
    let d = humantime::parse_duration(s).map_err(|_| {
        format!("\"{raw}\" is not a period: give a duration like 30d, 2w or 12h, or a date like 2026-11-01")
    })?;
    let delta = TimeDelta::from_std(d)
        .ok()
        .filter(|d| *d > TimeDelta::zero() && *d <= TimeDelta::days(366 * 100))
        .ok_or_else(|| {
            format!("\"{raw}\" is not a usable period: give a positive duration like 30d")
        })?;
    Ok(Since::Ago(delta))
}

/// Reads `--until`: a date (the whole day is included) or an RFC 3339 time.
pub fn parse_until(raw: &str) -> Result<DateTime<Utc>, String> {
    parse_time(raw.trim(), true).map_err(|_| {
        format!("\"{raw}\" is not a date: give one like 2026-11-30 or 2026-11-30T18:00:00Z")
    })
}

/// A date (its start, or with `end_of_day` the next midnight) or an RFC 3339 time.
fn parse_time(s: &str, end_of_day: bool) -> Result<DateTime<Utc>, ()> {
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Ok(at.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ())?;
    let day = if end_of_day {
        day.succ_opt().ok_or(())?
    } else {
        day
    };
    Ok(day.and_hms_opt(0, 0, 0).ok_or(())?.and_utc())
}

/// A span the way the empty digest reports it: whole days, whole hours, or as written.
fn span(d: TimeDelta) -> Span {
    let secs = d.num_seconds();
    if secs % 86_400 == 0 {
        Span::Days(secs / 86_400)
    } else if secs % 3_600 == 0 {
        Span::Hours(secs / 3_600)
    } else {
        Span::Exact(humantime::format_duration(d.to_std().unwrap_or_default()).to_string())
    }
}

/// The period `--since` and `--until` describe; `until` defaults to `now`.
pub fn period(since: &Since, until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Period {
    use publication::Described;
    let to = until.unwrap_or(now);
    match since {
        Since::Ago(ago) => Period {
            from: to - *ago,
            to,
            described: match until {
                None => Described::Last(span(*ago)),
                Some(_) => Described::UpTo(span(*ago)),
            },
        },
        Since::At(from) => Period {
            from: *from,
            to,
            described: Described::Between,
        },
    }
}

/// Where a story was posted, named for its readers (the workspace's language).
async fn posted_to(store: &Store, story: i64, texts: &Texts) -> anyhow::Result<Vec<String>> {
    Ok(store
        .posted_places(story)
        .await?
        .iter()
        .map(|(kind, target, name)| {
            destination::plain_label_in(
                kind,
                target,
                name.as_deref(),
                texts,
                texts.default_language(),
            )
        })
        .collect())
}

/// The pictures a story shows, with alt texts in its readers' language (the
/// workspace's): whose picture it is and its title.
fn shown_pictures(kept: &[picture::Picture], hero: &str, texts: &Texts) -> Vec<picture::Shown> {
    picture::shown_with(kept, |p| {
        texts.get(
            texts.default_language(),
            "picture-alt",
            &[
                ("hero", Arg::from(hero)),
                ("title", Arg::from(&p.title_or_name())),
            ],
        )
    })
}

/// Everyone's display name, for turning mentions into names.
async fn names(store: &Store) -> anyhow::Result<Names> {
    Ok(Names::new(store.display_names().await?))
}

/// A digest: the document, and what the person making it should know.
#[derive(Debug, Clone)]
pub struct Digest {
    pub document: String,
    pub notes: Vec<String>,
}

/// Where a digest's pictures go: files in `dir` (beside the digest), named in the
/// document as `prefix` + their file name, read from Slack with `reader`.
pub struct PictureFiles<'a> {
    pub reader: Option<&'a FileReader>,
    pub dir: PathBuf,
    pub prefix: String,
}

impl<'a> PictureFiles<'a> {
    /// For a digest written to `out`: the folder `<name>-files` beside it.
    pub fn beside(out: &Path, reader: Option<&'a FileReader>) -> PictureFiles<'a> {
        let stem = out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "digest".into());
        let folder = format!("{stem}-files");
        PictureFiles {
            reader,
            dir: out.with_file_name(&folder),
            prefix: format!("{folder}/"),
        }
    }
}

/// The digest of the stories published in `period`, in the workspace's language (the
/// default of `texts`: its readers are everyone): `Ok(digest)`, or `Err(message)` saying
/// that the period holds none. With `pictures`, the pictures each hero chose are read
/// from Slack and written beside the digest, and the document shows them.
pub async fn digest(
    store: &Store,
    period: &Period,
    format: Format,
    pictures: Option<&PictureFiles<'_>>,
    texts: &Texts,
) -> anyhow::Result<Result<Digest, String>> {
    let lang = texts.default_language();
    let names = names(store).await?;
    let mut stories = Vec::new();
    let mut notes = Vec::new();
    for row in store.published_between(period.from, period.to).await? {
        let (Some(text), Some(at)) = (row.approved_text.clone(), row.published_at) else {
            continue;
        };
        let channels = posted_to(store, row.id, texts).await?;
        let hero_name = names.of(&row.hero_id);
        let kept = store.story_pictures(row.story_id()).await?;
        let shown = shown_pictures(&kept, &hero_name, texts);
        let pictures = match (pictures, shown.is_empty()) {
            (_, true) => Vec::new(),
            (None, false) => {
                notes.push(texts.get(
                    lang,
                    "cli-digest-pictures-need-out",
                    &[
                        ("story", Arg::from(row.id)),
                        ("count", Arg::from(shown.len())),
                    ],
                ));
                Vec::new()
            }
            (Some(files), false) => {
                write_pictures(files, row.story_id(), &shown, texts, &mut notes).await?
            }
        };
        stories.push(PublishedStory {
            id: row.id,
            hero_name,
            approved_text: text,
            published_at: at,
            channels,
            pictures,
        });
    }
    Ok(
        publication::digest(period, &stories, &names, format, texts, lang)
            .map(|document| Digest { document, notes })
            .ok_or_else(|| publication::empty_message(period, texts, lang)),
    )
}

/// Reads a story's pictures from Slack and writes them into the digest's folder; notes
/// say which could not be.
async fn write_pictures(
    files: &PictureFiles<'_>,
    story: StoryId,
    shown: &[picture::Shown],
    texts: &Texts,
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<DigestPicture>> {
    let mut out = Vec::new();
    let lang = texts.default_language();
    let read = read_pictures(files.reader, story, shown, "digest", texts, notes).await?;
    for (n, p, bytes) in read {
        let ext = match image::guess_format(&bytes) {
            Ok(image::ImageFormat::Png) => "png",
            Ok(image::ImageFormat::Jpeg) => "jpg",
            Ok(image::ImageFormat::Gif) => "gif",
            Ok(image::ImageFormat::WebP) => "webp",
            _ => {
                notes.push(texts.get(
                    lang,
                    "cli-picture-not-an-image",
                    &[("n", Arg::from(n)), ("story", Arg::from(story.0))],
                ));
                continue;
            }
        };
        let name = format!("story-{}-{n}.{ext}", story.0);
        std::fs::create_dir_all(&files.dir).with_context(|| {
            format!(
                "failed to create {} for the digest's pictures",
                files.dir.display()
            )
        })?;
        let path = files.dir.join(&name);
        std::fs::write(&path, &bytes)
            .with_context(|| format!("failed to write {}", path.display()))?;
        out.push(DigestPicture {
            path: format!("{}{name}", files.prefix),
            alt: p.alt.clone(),
        });
    }
    Ok(out)
}

/// The bytes of a story's pictures that could be read from Slack, each with its number
/// (from 1) among `shown`; notes say which could not be, or that there is no reader
/// (`made`, `digest` or `poster`, is what the token would show them in).
async fn read_pictures<'s>(
    reader: Option<&FileReader>,
    story: StoryId,
    shown: &'s [picture::Shown],
    made: &str,
    texts: &Texts,
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<(usize, &'s picture::Shown, Vec<u8>)>> {
    let lang = texts.default_language();
    let Some(reader) = reader else {
        if !shown.is_empty() {
            notes.push(texts.get(
                lang,
                "cli-pictures-need-token",
                &[
                    ("story", Arg::from(story.0)),
                    ("count", Arg::from(shown.len())),
                    ("made", Arg::from(made)),
                ],
            ));
        }
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (n, p) in shown.iter().enumerate() {
        match reader.read(&p.file_id).await? {
            Ok(bytes) => out.push((n + 1, p, bytes)),
            Err(why) => notes.push(texts.get(
                lang,
                "cli-picture-unreadable",
                &[
                    ("n", Arg::from(n + 1)),
                    ("story", Arg::from(story.0)),
                    ("why", Arg::from(&why.text(texts, lang))),
                ],
            )),
        }
    }
    Ok(out)
}

/// Writes `text` to `out`, creating or replacing it.
pub fn write_file(out: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(out, text).with_context(|| {
        format!(
            "failed to write {}; check that its folder exists and is writable",
            out.display()
        )
    })
}

/// Paper sizes a poster is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page` size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }

    /// The page's width and height, as CSS lengths.
    pub fn size(self) -> (&'static str, &'static str) {
        match self {
            Paper::A4 => ("210mm", "297mm"),
            Paper::Letter => ("215.9mm", "279.4mm"),
        }
    }

    /// The window Chromium screenshots: the page in CSS pixels (96 to the inch), and the
    /// scale that makes the image about 150 dpi (1240×1754 for A4, 1275×1650 for Letter).
    fn window(self) -> (u32, u32, f64) {
        match self {
            Paper::A4 => (794, 1123, 1240.0 / 794.0),
            Paper::Letter => (816, 1056, 1275.0 / 816.0),
        }
    }
}

/// The poster template: `poster.html` in the prompts folder given (`--prompts`), else in
/// `./prompts`, else the built-in one; checked here so a broken file is reported before
/// anything is written.
pub fn poster_template(prompts_dir: Option<&Path>) -> anyhow::Result<String> {
    let path = prompts_dir
        .unwrap_or_else(|| Path::new("prompts"))
        .join(POSTER_FILE);
    let source = if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("failed to read {}", path.display()))?;
        (text, path.display().to_string())
    } else {
        (
            DEFAULT_POSTER.to_string(),
            "the built-in poster.html".into(),
        )
    };
    let mut env = Environment::new();
    env.add_template_owned(POSTER_FILE, source.0.clone())
        .map_err(|e| {
            anyhow::anyhow!(
                "{} is not a valid template: {e:#}; fix it or remove it to use the built-in one",
                source.1
            )
        })?;
    Ok(source.0)
}

/// Finds the story a poster is asked for; it must have text its hero approved.
async fn poster_story(store: &Store, story: &StoryRef) -> anyhow::Result<StoryRow> {
    let row = match story {
        StoryRef::Id(id) => store
            .story(*id)
            .await?
            .with_context(|| format!("there is no story {id}; `/spotlight status` lists them"))?,
        StoryRef::Hero(hero) => store
            .latest_approved_story_of(hero)
            .await?
            .with_context(|| {
                format!(
                    "{hero} has no approved story yet; a poster shows only text its hero approved"
                )
            })?,
    };
    let stage = row.stage();
    if !matches!(stage, Stage::Approved | Stage::Queued | Stage::Published)
        || row.approved_text.is_none()
    {
        bail!(
            "story {} is not approved yet (it is {}); a poster shows only text its hero approved",
            StoryId(row.id),
            stage.as_str().replace('_', " ")
        );
    }
    Ok(row)
}

/// A poster: its page, and what the person making it should know (no QR code, no photo).
#[derive(Debug, Clone)]
pub struct Poster {
    pub html: String,
    pub notes: Vec<String>,
}

/// Renders the poster of `story` as HTML with `template`: the story, the pictures its
/// hero chose (read from Slack with `files`, the bot token's reader, when given), the QR
/// code to its thread in Slack when it was posted there, and the hero's photo (or
/// initials). Spotlight's own words on it are in the workspace's language (the default
/// of `texts`): a poster is read by everyone; the hero's words are as they approved them.
pub async fn poster_html(
    store: &Store,
    story: &StoryRef,
    template: &str,
    paper: Paper,
    files: Option<&FileReader>,
    texts: &Texts,
) -> anyhow::Result<Poster> {
    let lang = texts.default_language();
    let row = poster_story(store, story).await?;
    let names = names(store).await?;
    let text = row.approved_text.clone().unwrap_or_default();
    let parts = publication::parse_story(&text);
    let hero = names.of(&row.hero_id);
    let quote = |q: &publication::Quote| context! { label => q.label, text => q.text };
    let quotes: Vec<Value> = parts.quotes().map(quote).collect();
    let takeaway = parts.takeaway.as_ref().map(quote);
    let paragraphs: Vec<Value> = parts
        .paragraphs()
        .filter(|p| !(parts.is_structured() && publication::is_sign_off(p)))
        .map(|p| Value::from_safe_string(publication::inline_html(p, &names)))
        .collect();
    let channels: Vec<String> = posted_to(store, row.id, texts).await?;
    let date = row
        .published_at
        .or(row.approved_at)
        .map(|at| publication::long_date(at.date_naive(), texts, lang));
    let words = poster_words(texts, lang, &hero, &channels.join(", "), date.as_deref());
    let mut notes = Vec::new();
    let thread = thread_link(store, StoryId(row.id), texts, &mut notes).await?;
    let qr = thread.as_deref().map(qr_svg).transpose()?;
    let pictures = pictures(store, &row, &hero, files, texts, &mut notes).await?;
    let photo = match store.user_photo(&row.hero()).await? {
        Some(url) => match photo_data_uri(&url).await {
            Ok(uri) => Some(uri),
            Err(why) => {
                notes.push(texts.get(
                    lang,
                    "cli-photo-unreadable",
                    &[
                        ("hero", Arg::from(&hero)),
                        ("why", Arg::from(&why.to_string())),
                    ],
                ));
                None
            }
        },
        None => None,
    };
    let (width, height) = paper.size();
    let mut env = Environment::new();
    env.add_template_owned(POSTER_FILE, template.to_string())
        .map_err(|e| anyhow::anyhow!("the poster template is not valid: {e:#}"))?;
    let html = env
        .get_template(POSTER_FILE)?
        .render(context! {
            headline => parts.headline,
            hero => hero,
            quotes => quotes,
            takeaway => takeaway,
            paragraphs => paragraphs,
            channels => channels.join(", "),
            date => date,
            paper => paper.css(),
            width => width,
            height => height,
            // Built here from base64: nothing in it needs escaping.
            photo => photo.map(Value::from_safe_string),
            pictures => pictures,
            initials => publication::initials(&hero),
            qr => qr.map(Value::from_safe_string),
            thread => thread,
            lang => lang,
            words => words,
        })
        .map_err(|e| {
            anyhow::anyhow!("failed to fill the poster template: {e:#}; check prompts/poster.html")
        })?;
    Ok(Poster { html, notes })
}

/// Spotlight's own words on a poster, in `lang`: `ask`, `posted` (where and when, as
/// far as known), `qr` (the QR code's label for screen readers) and `scan`.
fn poster_words(
    texts: &Texts,
    lang: &str,
    hero: &str,
    channels: &str,
    date: Option<&str>,
) -> Value {
    let shape = match (channels.is_empty(), date.is_some()) {
        (false, true) => "both",
        (false, false) => "channels",
        (true, true) => "date",
        (true, false) => "none",
    };
    let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
    context! {
        ask => t("poster-ask", &[("hero", Arg::from(hero))]),
        posted => t(
            "poster-posted",
            &[
                ("shape", Arg::from(shape)),
                ("channels", Arg::from(channels)),
                ("date", Arg::from(date.unwrap_or_default())),
            ],
        ),
        qr => t("poster-qr", &[]),
        scan => t("poster-scan", &[("hero", Arg::from(hero))]),
    }
}

/// The address of the story's thread in Slack (kept when it was posted), or None with a
/// note saying why the poster has no QR code.
async fn thread_link(
    store: &Store,
    story: StoryId,
    texts: &Texts,
    notes: &mut Vec<String>,
) -> anyhow::Result<Option<String>> {
    let post = store
        .slack_thread_of(story.0)
        .await?
        // The console's posts are not Slack messages.
        .filter(|(message_ref, _)| conversation::permalink(message_ref, None).is_some());
    let note = match post {
        None => "cli-poster-not-in-slack",
        Some((_, None)) => "cli-poster-link-unknown",
        Some((_, Some(link))) if link.starts_with("https://") || link.starts_with("http://") => {
            return Ok(Some(link))
        }
        Some(_) => "cli-poster-link-missing",
    };
    notes.push(texts.get(
        texts.default_language(),
        note,
        &[("story", Arg::from(story.0))],
    ));
    Ok(None)
}

/// The pictures the hero chose for the story, each as `src` (a `data:` address) and
/// `alt`, read from Slack with the bot token; notes say which could not be shown.
async fn pictures(
    store: &Store,
    story: &StoryRow,
    hero: &str,
    files: Option<&FileReader>,
    texts: &Texts,
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<Value>> {
    let kept = store.story_pictures(story.story_id()).await?;
    let shown = shown_pictures(&kept, hero, texts);
    let lang = texts.default_language();
    let mut out = Vec::new();
    let read = read_pictures(files, story.story_id(), &shown, "poster", texts, notes).await?;
    for (n, p, bytes) in read {
        match data_uri(&bytes) {
            Ok(src) => out.push(context! { src => Value::from_safe_string(src), alt => p.alt }),
            Err(why) => notes.push(texts.get(
                lang,
                "cli-picture-left-off",
                &[("n", Arg::from(n)), ("why", Arg::from(&why.to_string()))],
            )),
        }
    }
    Ok(out)
}

/// The QR code of `link`, as an SVG element that fills the box it is put in.
fn qr_svg(link: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M)
        .with_context(|| format!("failed to draw a QR code for {link}"))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build();
    // An element inside the page, not a document of its own.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].to_string())
}

/// Fetches a photo (no credentials: Slack serves profile photos to anyone with the
/// address) and returns it as a `data:` address, or why it could not be had. Only a PNG
/// or JPEG that decodes is taken, so the page never shows a broken image.
async fn photo_data_uri(url: &str) -> Result<String, String> {
    // reqwest's TLS needs the one crypto provider Spotlight links (as `serve` installs it).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(PHOTO_TIMEOUT)
        .build()
        .map_err(|e| format!("no HTTP client: {e}"))?;
    let mut response = client.get(url).send().await.map_err(|e| {
        if e.is_timeout() {
            format!("no answer within {} s", PHOTO_TIMEOUT.as_secs())
        } else {
            format!("{e}")
        }
    })?;
    if !response.status().is_success() {
        return Err(format!("HTTP {}", response.status()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("the download broke off: {e}"))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > PHOTO_MAX_BYTES {
            return Err(format!("larger than {} MiB", PHOTO_MAX_BYTES >> 20));
        }
    }
    data_uri(&bytes)
}

/// An image as a `data:` address, if it is a PNG or JPEG that decodes (so the page never
/// shows a broken image), or why not.
fn data_uri(bytes: &[u8]) -> Result<String, String> {
    let format = image::guess_format(bytes).map_err(|_| "not an image".to_string())?;
    let mime = match format {
        image::ImageFormat::Png => "image/png",
        image::ImageFormat::Jpeg => "image/jpeg",
        other => return Err(format!("a {other:?} image; the poster takes PNG or JPEG")),
    };
    image::load_from_memory_with_format(bytes, format)
        .map_err(|e| format!("an image that does not decode: {e}"))?;
    Ok(format!("data:{mime};base64,{}", BASE64.encode(bytes)))
}

/// Where Chromium is: `SPOTLIGHT_CHROMIUM` if set, else `chromium`, `chromium-browser` or
/// `google-chrome` on the PATH, else `/usr/bin/chromium`.
pub fn find_chromium() -> anyhow::Result<PathBuf> {
    if let Some(given) = std::env::var_os("SPOTLIGHT_CHROMIUM").filter(|v| !v.is_empty()) {
        let given = PathBuf::from(given);
        if given.is_file() {
            return Ok(given);
        }
        bail!(
            "SPOTLIGHT_CHROMIUM names {}, which is not a file: install the `chromium` package (Debian/Ubuntu: apt-get install chromium) and unset SPOTLIGHT_CHROMIUM, or point it at a Chromium or Chrome binary",
            given.display()
        );
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            for name in names {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Ok(candidate);
                }
            }
        }
    }
    let fallback = PathBuf::from("/usr/bin/chromium");
    if fallback.is_file() {
        return Ok(fallback);
    }
    bail!("chromium is not installed, and --pdf and --png need it: install the `chromium` package (Debian/Ubuntu: apt-get install chromium), or leave out --pdf and --png")
}

/// What Chromium makes of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Pdf,
    Png,
}

/// A folder of our own under the system temp folder, removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> anyhow::Result<ScratchDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("spotlight-chromium-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("failed to create the temporary folder {}", dir.display()))?;
        Ok(ScratchDir(dir))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Renders the HTML file `page` to `out` as a PDF or PNG with headless Chromium, in a
/// fresh profile, with no network beyond the page itself.
pub fn render_with_chromium(
    chromium: &Path,
    page: &Path,
    render: Render,
    paper: Paper,
    out: &Path,
) -> anyhow::Result<()> {
    let page = page
        .canonicalize()
        .with_context(|| format!("failed to find {}", page.display()))?;
    let url = url::Url::from_file_path(&page)
        .map_err(|()| anyhow::anyhow!("{} cannot be opened as a file:// URL", page.display()))?;
    let scratch = ScratchDir::new()?;
    let profile = scratch.0.join("profile");
    let produced = scratch.0.join(match render {
        Render::Pdf => "page.pdf",
        Render::Png => "page.png",
    });
    let log_path = scratch.0.join("chromium.log");
    let log = std::fs::File::create(&log_path).context("failed to create the chromium log")?;
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--run-all-compositor-stages-before-draw",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--crash-dumps-dir={}", scratch.0.display()));
    match render {
        Render::Pdf => {
            cmd.arg("--no-pdf-header-footer")
                .arg(format!("--print-to-pdf={}", produced.display()));
        }
        Render::Png => {
            let (w, h, scale) = paper.window();
            cmd.arg(format!("--screenshot={}", produced.display()))
                .arg(format!("--window-size={w},{h}"))
                .arg(format!("--force-device-scale-factor={scale:.5}"));
        }
    }
    cmd.arg(url.as_str())
        .env("HOME", &scratch.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("failed to start {}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().context("failed to wait for chromium")? {
            break status;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "chromium did not finish within {} seconds; try again, or check that it runs: {} --headless --version",
                CHROMIUM_TIMEOUT.as_secs(),
                chromium.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let made = std::fs::metadata(&produced).map(|m| m.len()).unwrap_or(0);
    if !status.success() || made == 0 {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(8).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "chromium could not render {} ({status}); its last words:\n{}",
            page.display(),
            tail.join("\n")
        );
    }
    std::fs::copy(&produced, out).with_context(|| {
        format!(
            "failed to write {}; check that its folder exists and is writable",
            out.display()
        )
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn since_takes_durations_and_dates() {
        assert_eq!(parse_since("30d"), Ok(Since::Ago(TimeDelta::days(30))));
        assert_eq!(parse_since("2w"), Ok(Since::Ago(TimeDelta::days(14))));
        assert_eq!(
            parse_since("2026-11-01"),
            Ok(Since::At(
                Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
            ))
        );
        assert!(parse_since("lately").unwrap_err().contains("30d"));
        assert!(parse_since("0d").is_err());
    }

    #[test]
    fn until_a_date_includes_that_whole_day() {
        assert_eq!(
            parse_until("2026-11-30"),
            Ok(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap())
        );
    }

    #[test]
    fn periods_describe_themselves_for_the_empty_message() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let texts = crate::config::Prompts::builtin().texts;
        let said = |p: &Period| publication::describe(p, &texts, "en");
        let p = period(&Since::Ago(TimeDelta::days(30)), None, now);
        assert_eq!(said(&p), "in the last 30 days");
        assert_eq!(p.from, now - TimeDelta::days(30));
        let until = parse_until("2026-11-30").unwrap();
        let p = period(&parse_since("2026-11-01").unwrap(), Some(until), now);
        assert_eq!(said(&p), "between 1 November 2026 and 30 November 2026");
        let p = period(&parse_since("36h").unwrap(), Some(until), now);
        assert_eq!(said(&p), "in the 36 hours up to 30 November 2026");
        let p = period(&parse_since("1day 30m").unwrap(), None, now);
        assert_eq!(said(&p), "in the last 1day 30m");
    }

    #[test]
    fn the_built_in_poster_template_is_valid() {
        assert!(poster_template(Some(Path::new("no-such-folder"))).is_ok());
    }
}
