//! `spotlight digest` and `spotlight poster` driven as a person runs them: a console
//! session publishes two stories on a database file, then the commands read it.

use crate::{helpers, pages};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A database with stories in it, in a folder of its own.
struct Newsroom {
    dir: tempfile::TempDir,
    /// What the console printed while the stories were made.
    console_said: String,
}

const MARIA_HABIT: &str = "Every Friday I sort <b>my</b> pipeline & close what's dead.";
const MARIA_PAYOFF: [&str; 2] = [
    "Two hours back every week.",
    "  And my forecast is right.  ",
];
const MARIA_TAKEAWAY: &str = "Sort by close date & close three deals <today>.";
const MARIA_HEADLINE: &str = "Two hours back every Friday";
const LI_HABIT: &str = "I tag each lead *hot* or _cold_ before 9am, &amp; never later.";
const LI_TAKEAWAY: &str = "Tag five leads before your first coffee.";
const LI_HEADLINE: &str = "Hot leads first, every morning";

/// The console script: Maria is published on 2 November, Li on 4 November, Sam is only
/// nominated.
fn script() -> String {
    format!(
        "/spotlight nominate @maria best pipeline hygiene\n/as @maria\nStart now\n{MARIA_HABIT}\n\"\"\"\n{}\n{}\n\"\"\"\nskip\n{MARIA_TAKEAWAY}\n{MARIA_HEADLINE}\n\
         /as @admin\n/spotlight channel add #wins\n/spotlight channel add #sales\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n/advance 2d\n\
         /spotlight nominate @li\n/as @li\nStart now\n{LI_HABIT}\nskip\nskip\n{LI_TAKEAWAY}\n{LI_HEADLINE}\n\
         /as @admin\n/spotlight approve 2 #sales\n/as @li\nApprove\n/as @admin\n/spotlight publish-next\n\
         /spotlight nominate @sam\n/spotlight status\n",
        MARIA_PAYOFF[0], MARIA_PAYOFF[1]
    )
}

fn spotlight(dir: &Path) -> Command {
    helpers::spotlight(dir)
}

impl Newsroom {
    /// An empty database.
    fn empty() -> Newsroom {
        Newsroom {
            dir: tempfile::tempdir().expect("temp dir"),
            console_said: String::new(),
        }
    }

    /// Two published stories and a nomination, made through the console.
    fn with_stories() -> Newsroom {
        let n = Newsroom::from_script(&script());
        assert!(
            n.console_said.contains("Published: 2."),
            "both stories are published:\n{}",
            n.console_said
        );
        n
    }

    /// What a console session typing `script` leaves in a new database.
    fn from_script(script: &str) -> Newsroom {
        let mut n = Newsroom::empty();
        let out = helpers::run(
            spotlight(n.dir.path()).arg("--db").arg(n.db()).args([
                "console",
                "--clock",
                "2026-11-02T10:00:00Z",
            ]),
            script,
        );
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "console failed:\n{stdout}");
        n.console_said = stdout;
        n
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("spotlight.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `spotlight --db … <args>`.
    fn run(&self, args: &[&str]) -> Output {
        spotlight(self.dir.path())
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .expect("spotlight runs")
    }

    /// Runs `spotlight --db … <args>` with the workspace's language `lang`
    /// (`SPOTLIGHT_LANGUAGE`).
    fn run_in(&self, lang: &str, args: &[&str]) -> Output {
        spotlight(self.dir.path())
            .env("SPOTLIGHT_LANGUAGE", lang)
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .expect("spotlight runs")
    }

    /// Runs and expects success; gives stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "spotlight {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn payoff() -> String {
    MARIA_PAYOFF.join("\n")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const ALL_NOVEMBER: [&str; 4] = ["--since", "2026-11-01", "--until", "2026-11-30"];

#[test]
fn the_markdown_digest_has_every_story_oldest_first_in_the_heros_words() {
    let n = Newsroom::with_stories();
    let md = n.ok(&[
        "digest",
        ALL_NOVEMBER[0],
        ALL_NOVEMBER[1],
        ALL_NOVEMBER[2],
        ALL_NOVEMBER[3],
        "--format",
        "md",
    ]);
    assert!(
        md.starts_with("# Spotlight stories, 1 November 2026 – 30 November 2026\n"),
        "{md}"
    );
    let maria = md
        .find(&format!("## {MARIA_HEADLINE}"))
        .expect("Maria's headline");
    let li = md
        .find(&format!("## {LI_HEADLINE}"))
        .expect("Li's headline");
    assert!(maria < li, "oldest first:\n{md}");
    // The hero's words, byte for byte once rendered, with Slack's entities decoded: in
    // the file, `<` and an entity-like `&` are character references, so no tag opens.
    for quote in [
        "Every Friday I sort &lt;b>my&lt;/b> pipeline & close what's dead.",
        &payoff(),
        "Sort by close date & close three deals &lt;today>.",
        "I tag each lead *hot* or _cold_ before 9am, &amp;amp; never later.",
        LI_TAKEAWAY,
    ] {
        assert!(md.contains(&format!("“{quote}”")), "{quote:?} in:\n{md}");
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    assert!(
        html.contains(
            "Every Friday I sort &lt;b&gt;my&lt;/b&gt; pipeline &amp; close what's dead."
        ),
        "rendered as typed: {html}"
    );
    assert!(html.contains("&amp;amp; never later"), "{html}");
    assert!(!html.contains("<b>") && !html.contains("<today>"), "{html}");
    assert!(
        md.contains("Questions for Maria? Ask in the thread."),
        "{md}"
    );
    assert!(
        md.contains("_Maria, posted in #wins on 2 November 2026_"),
        "{md}"
    );
    assert!(
        md.contains("_Li, posted in #sales on 4 November 2026_"),
        "{md}"
    );
    assert!(!md.contains("<@"), "mentions become names:\n{md}");
    assert!(
        !md.to_lowercase().contains("admin"),
        "the admin is never named:\n{md}"
    );
    assert!(!md.contains("Sam"), "only published stories:\n{md}");
}

#[test]
fn the_html_digest_escapes_the_heros_words_and_can_go_to_a_file() {
    let n = Newsroom::with_stories();
    let out = n.path("digest.html");
    let printed = n.ok(&[
        "digest",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(printed, "", "with --out nothing is printed");
    let html = read(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains(&format!("<h2>{MARIA_HEADLINE}</h2>")),
        "{html}"
    );
    assert!(html.contains(&format!("<h2>{LI_HEADLINE}</h2>")), "{html}");
    assert!(
        html.contains(
            "Every Friday I sort &lt;b&gt;my&lt;/b&gt; pipeline &amp; close what&#39;s dead."
        ),
        "{html}"
    );
    assert!(!html.contains("<b>my</b>"), "{html}");
    assert!(
        html.contains("I tag each lead *hot* or _cold_ before 9am, &amp;amp; never later."),
        "markup a hero typed stays their words:\n{html}"
    );
    assert!(html.contains("Two hours back every week.\n  And my forecast is right.  "));
    assert!(!html.to_lowercase().contains("admin"), "{html}");
}

#[test]
fn since_counts_back_from_until() {
    let n = Newsroom::with_stories();
    let md = n.ok(&["digest", "--since", "30d", "--until", "2026-11-03"]);
    assert!(md.contains(MARIA_HEADLINE), "{md}");
    assert!(
        !md.contains(LI_HEADLINE),
        "Li was published after the period:\n{md}"
    );
    assert!(
        md.starts_with("# Spotlight stories, 5 October 2026 – 3 November 2026\n"),
        "{md}"
    );
}

#[test]
fn an_empty_period_says_so_and_succeeds() {
    let n = Newsroom::empty();
    let out = n.run(&["digest", "--since", "30d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "no document is printed");
    assert_eq!(
        stderr(&out).trim(),
        "No stories were published in the last 30 days."
    );

    let n = Newsroom::with_stories();
    let file = n.path("none.md");
    let out = n.run(&[
        "digest",
        "--until",
        "2026-10-15",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No stories were published in the 30 days up to 15 October 2026."),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists(), "no file is written for an empty period");
}

#[test]
fn a_french_workspace_reads_the_digest_and_poster_in_french_and_the_heros_words_as_written() {
    let n = Newsroom::with_stories();
    let out = n.run_in(
        "fr",
        &[
            "digest",
            ALL_NOVEMBER[0],
            ALL_NOVEMBER[1],
            ALL_NOVEMBER[2],
            ALL_NOVEMBER[3],
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Histoires Spotlight du 1er novembre 2026 au 30 novembre 2026\n"),
        "{md}"
    );
    assert!(md.contains(&format!("## {MARIA_HEADLINE}\n")), "{md}");
    assert!(
        md.contains("_Maria, publiée dans #wins le 2 novembre 2026_"),
        "{md}"
    );
    assert!(!md.contains("posted in"), "{md}");

    let html = n.path("digest.html");
    let out = n.run_in(
        "fr",
        &[
            "digest",
            "--since",
            "2026-11-01",
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&html);
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("<h1>Histoires Spotlight du 1er novembre 2026"),
        "{html}"
    );

    let out = n.run_in(
        "fr",
        &["digest", "--since", "2026-12-01", "--until", "2026-12-31"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "Aucune histoire n'a été publiée entre le 1er décembre 2026 et le 31 décembre 2026."
    );

    let poster = n.path("poster.html");
    let out = n.run_in("fr", &["poster", "1", "--out", poster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The notes to whoever makes it, in the same language.
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "spotlight: l'histoire 1 n'est pas encore publiée dans Slack : l'affiche n'a donc pas de QR code vers son fil ; refaites-la une fois l'histoire publiée\nspotlight: affiche écrite dans {}",
            poster.display()
        )
    );
    let html = read(&poster);
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("Demandez à Maria comment"), "{html}");
    assert!(
        html.contains("Publiée dans #wins le 2 novembre 2026"),
        "{html}"
    );
    assert!(
        html.contains(&format!("<h1>{MARIA_HEADLINE}</h1>")),
        "{html}"
    );
    assert!(!html.contains("Ask Maria"), "{html}");
}

#[test]
fn a_bad_period_or_format_is_refused_with_a_hint() {
    let n = Newsroom::empty();
    let out = n.run(&["digest", "--since", "lately"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("give a duration like 30d"),
        "{}",
        stderr(&out)
    );
    let out = n.run(&["digest", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("md, html"), "{}", stderr(&out));
    let out = n.run(&["digest", "--until", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2026-11-30"), "{}", stderr(&out));
}

#[test]
fn the_poster_shows_the_story_escaped_for_html() {
    let n = Newsroom::with_stories();
    let file = n.path("poster.html");
    let out = n.run(&["poster", "1", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Posted only in the console: no thread to lead to, and the person is told.
    assert!(
        stderr(&out).contains(
            "spotlight: story 1 is not posted in Slack yet, so the poster has no QR code to its thread"
        ),
        "{}",
        stderr(&out)
    );
    let html = read(&file);
    assert!(!html.contains("<svg"), "no QR code: {html}");
    assert!(!html.contains("Scan to ask"), "{html}");
    // No Slack photo either: the hero's initials in a circle, never a broken image.
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains(r#"<div class="face initials" role="img" aria-label="Maria">M</div>"#),
        "{html}"
    );
    assert!(
        html.contains(&format!("<h1>{MARIA_HEADLINE}</h1>")),
        "{html}"
    );
    assert!(html.contains("size: A4"), "{html}");
    // minijinja's HTML escaping also escapes `/` and `'`.
    assert!(
        html.contains(
            "Every Friday I sort &lt;b&gt;my&lt;&#x2f;b&gt; pipeline &amp; close what&#x27;s dead."
        ),
        "{html}"
    );
    assert!(!html.contains("<b>my</b>"), "{html}");
    assert!(
        html.contains("Sort by close date &amp; close three deals &lt;today&gt;."),
        "{html}"
    );
    assert!(
        html.contains("Two hours back every week.\n  And my forecast is right.  "),
        "{html}"
    );
    assert!(html.contains("Ask Maria how"), "{html}");
    assert!(html.contains("#wins"), "{html}");
    assert!(!html.to_lowercase().contains("admin"), "{html}");

    // A hero names their latest approved story; Letter paper changes the page size.
    let letter = n.path("li.html");
    n.ok(&[
        "poster",
        "@li",
        "--paper",
        "letter",
        "--out",
        letter.to_str().unwrap(),
    ]);
    let html = read(&letter);
    assert!(html.contains(&format!("<h1>{LI_HEADLINE}</h1>")), "{html}");
    assert!(html.contains("size: letter"), "{html}");
    assert!(html.contains("Ask Li how"), "{html}");
}

#[test]
fn a_poster_needs_an_approved_story() {
    let n = Newsroom::with_stories();
    let file = n.path("sam.html");
    let out = n.run(&["poster", "3", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: story 3 is not approved yet (it is invited)"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists());
    let out = n.run(&["poster", "@sam", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("@sam has no approved story yet"),
        "{}",
        stderr(&out)
    );
    let out = n.run(&["poster", "9", "--out", file.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("there is no story 9"),
        "{}",
        stderr(&out)
    );
    let out = n.run(&["poster", "maria", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn an_admin_edited_poster_template_is_used() {
    let n = Newsroom::with_stories();
    let prompts = n.path("prompts");
    std::fs::create_dir(&prompts).unwrap();
    std::fs::write(
        prompts.join("poster.html"),
        "<h1>{{ headline }}</h1>{% for q in quotes %}<q>{{ q.text }}</q>{% endfor %}",
    )
    .unwrap();
    let file = n.path("custom.html");
    n.ok(&["poster", "1", "--out", file.to_str().unwrap()]);
    let html = read(&file);
    assert!(
        html.starts_with(&format!(
            "<h1>{MARIA_HEADLINE}</h1><q>Every Friday I sort &lt;b&gt;"
        )),
        "{html}"
    );

    std::fs::write(prompts.join("poster.html"), "{% if %}").unwrap();
    let out = n.run(&["poster", "1", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("poster.html is not a valid template"),
        "{}",
        stderr(&out)
    );
}

/// The page size of a PDF's first page, in points, from its MediaBox.
fn media_box(pdf: &[u8]) -> (f64, f64) {
    let text = String::from_utf8_lossy(pdf);
    let i = text.find("/MediaBox [").expect("a MediaBox") + "/MediaBox [".len();
    let nums: Vec<f64> = text[i..]
        .split(']')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[2] - nums[0], nums[3] - nums[1])
}

#[test]
fn chromium_prints_the_poster_to_pdf_and_png() {
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "these tests need Chromium: apt-get install chromium (.ci/run installs it)"
    );
    let n = Newsroom::with_stories();
    let (html, pdf, png) = (n.path("p.html"), n.path("p.pdf"), n.path("p.png"));
    let out = n.run(
        &[
            &["poster", "@maria"][..],
            &pages::to_files(&html, &pdf, &png),
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let pdf_bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(pdf_bytes.starts_with(b"%PDF-"), "a PDF");
    assert!(
        pdf_bytes.len() > 5_000,
        "a real page: {} bytes",
        pdf_bytes.len()
    );
    let (w, h) = media_box(&pdf_bytes);
    assert!(
        (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
        "A4: {w}×{h}"
    );

    let png_bytes = std::fs::read(&png).expect("the PNG is written");
    assert!(png_bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        png_bytes.len() > 10_000,
        "a real picture: {} bytes",
        png_bytes.len()
    );
    let width = u32::from_be_bytes(png_bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png_bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1240, 1754));

    // The headline is in the page Chromium rendered.
    assert!(read(&html).contains(&format!("<h1>{MARIA_HEADLINE}</h1>")));
    let dom = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            n.path("chromium-profile").display()
        ))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains(&format!("<h1>{MARIA_HEADLINE}</h1>")), "{dom}");
    if Path::new("/usr/bin/pdftotext").exists() {
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&text.stdout).contains(MARIA_HEADLINE));
    }

    // Letter paper gives a Letter page.
    let letter = n.path("letter.pdf");
    n.ok(&[
        "poster",
        "1",
        "--paper",
        "letter",
        "--out",
        html.to_str().unwrap(),
        "--pdf",
        letter.to_str().unwrap(),
    ]);
    let (w, h) = media_box(&std::fs::read(&letter).unwrap());
    assert!(
        (w - 612.0).abs() < 2.0 && (h - 792.0).abs() < 2.0,
        "Letter: {w}×{h}"
    );
}

/// Maria's four answers, long enough that her story is near the longest a hero can
/// approve (about 10,000 characters).
fn long_answers() -> Vec<String> {
    [("habit", 2_800), ("payoff", 2_800), ("start", 2_700), ("advice", 1_300)]
        .into_iter()
        .map(|(topic, chars)| {
            let mut text = String::new();
            let mut n = 1;
            while text.len() < chars {
                text.push_str(&format!(
                    "Step {n} of my {topic}: I open the pipeline, sort it by close date, and call the oldest deal before anything else. "
                ));
                n += 1;
            }
            text.trim_end().to_string()
        })
        .collect()
}

/// The console session that publishes Maria's long story.
fn long_script() -> String {
    format!(
        "/spotlight nominate @maria\n/as @maria\nStart now\n{}\nThe Friday pipeline sort, step by step\n\
         /as @admin\n/spotlight channel add #wins\n/spotlight approve 1 #wins\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n",
        long_answers().join("\n"),
    )
}

#[test]
fn the_poster_fills_its_page_for_a_short_and_a_long_story_on_a4_and_letter() {
    let short = Newsroom::with_stories();
    let long = Newsroom::from_script(&long_script());
    assert!(
        long.console_said.contains("Posted story 1 to #wins."),
        "{}",
        long.console_said
    );
    let html = long.path("whole.html");
    long.ok(&["poster", "1", "--out", html.to_str().unwrap()]);
    let page = read(&html);
    for answer in long_answers() {
        let end = &answer[answer.len() - 120..];
        assert!(page.contains(end), "the whole story is in the page: {end}");
    }
    // Li's story is two short quotes; Maria's long one about 10,000 characters.
    for (n, story, what) in [(&short, "2", "a short story"), (&long, "1", "a long story")] {
        for (paper, size) in [("a4", (1240, 1754)), ("letter", (1275, 1650))] {
            let (html, pdf, png) = (n.path("p.html"), n.path("p.pdf"), n.path("p.png"));
            n.ok(&[
                &["poster", story, "--paper", paper][..],
                &pages::to_files(&html, &pdf, &png),
            ]
            .concat());
            let what = format!("{what} on {paper}");
            let printed = std::fs::read(&pdf).unwrap();
            assert_eq!(pages::pdf_pages(&printed), 1, "{what} prints on one page");
            let image = pages::Page::read(&png);
            assert_eq!((image.width, image.height), size, "{what}");
            pages::assert_filled(&image, &what);
        }
    }
}

#[test]
fn a_missing_chromium_is_named_with_the_package_to_install() {
    let n = Newsroom::with_stories();
    let (html, pdf) = (n.path("p.html"), n.path("p.pdf"));
    let out = spotlight(n.dir.path())
        .env("SPOTLIGHT_CHROMIUM", n.path("no-such-chromium"))
        .arg("--db")
        .arg(n.db())
        .args([
            "poster",
            "1",
            "--out",
            html.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("install the `chromium` package"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());
}
