//! The poster of a story told in Slack, made the way an admin makes one for the break
//! room: `spotlight poster` run beside `spotlight serve`, on its database. Its QR code,
//! read back from the page Chromium rendered, leads to the story's thread (the address
//! Slack gave for the post), and it shows the hero's Slack photo, or their initials when
//! the photo cannot be had.

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use base64::Engine as _;

use crate::helpers;
use crate::pages::{self, Page};
use crate::slack::{spawn_app, TestApp, ADMIN, MARIA, WINS};
use crate::slack_sim::{SlackSim, AVATAR_RGB, WORKSPACE_URL};

impl TestApp {
    /// Runs `spotlight poster <args>` on this app's database while it serves.
    pub(crate) async fn poster(&self, args: &[&str]) -> Output {
        self.spotlight(&[&["poster"][..], args].concat()).await
    }

    /// Runs `spotlight <args>` on this app's database while it serves, and expects
    /// success.
    pub(crate) async fn spotlight(&self, args: &[&str]) -> Output {
        let db = self.db_url.trim_start_matches("sqlite://").to_string();
        let dir = self._dir.path().to_path_buf();
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        tokio::task::spawn_blocking(move || {
            let out = helpers::spotlight(&dir)
                .arg("--db")
                .arg(db)
                .args(args)
                .output()
                .expect("spotlight poster runs");
            assert!(
                out.status.success(),
                "spotlight failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        })
        .await
        .unwrap()
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self._dir.path().join(name)
    }

    /// Waits until the address Slack gave for story 1's post is kept.
    async fn permalink_kept(&self) -> String {
        let store = self.store().await;
        for _ in 0..500 {
            if let Some((_, Some(link))) = store.slack_thread_of(1).await.unwrap() {
                return link;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the post's link was never kept");
    }
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub(crate) fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn a_poster_of_a_story_posted_in_slack_leads_to_its_thread_and_shows_the_heros_photo() {
    let app = spawn_app().await;
    app.approved().await;
    let html = app.file("poster.html");

    // Approved but not posted yet: no thread to lead to, and the admin is told.
    let out = app.poster(&["1", "--out", html.to_str().unwrap()]).await;
    assert!(
        stderr(&out).contains(
            "story 1 is not posted in Slack yet, so the poster has no QR code to its thread"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!read(&html).contains("<svg"));

    // Posted: Spotlight asks Slack for the post's address and keeps it.
    app.command(ADMIN, "publish-next").await;
    let post =
        crate::slack::eventually("the post", || app.sim.messages(WINS).first().cloned()).await;
    let ts = post["ts"].as_str().unwrap().to_string();
    let kept = app.permalink_kept().await;
    let asked = app.sim.calls_to("chat.getPermalink");
    assert_eq!(asked.len(), 1, "asked once: {asked:?}");
    assert_eq!(asked[0].args["channel"], WINS);
    assert_eq!(asked[0].args["message_ts"], ts.as_str());
    let thread = format!("{WORKSPACE_URL}/archives/{WINS}/p{}", ts.replace('.', ""));
    assert_eq!(kept, thread);

    // The poster, made beside serve from the database, carries the way to the thread.
    let (pdf, png) = (app.file("poster.pdf"), app.file("poster.png"));
    let out = app
        .poster(&[&["1"][..], &pages::to_files(&html, &pdf, &png)].concat())
        .await;
    assert!(!stderr(&out).contains("QR code"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("photo"), "{}", stderr(&out));
    let page = Page::read(&png);
    assert_eq!(
        page.qr_codes(),
        vec![thread.clone()],
        "the QR code on the printed page is the thread's address"
    );
    let text = read(&html);
    assert!(text.contains("Scan to ask maria in the thread"), "{text}");
    assert!(text.contains("Ask maria how"), "{text}");

    // The hero's Slack photo (the 512-pixel one) is in the page itself, and shows.
    let photo = base64::engine::general_purpose::STANDARD.encode(SlackSim::default_avatar(512));
    assert!(
        text.contains(&format!(
            r#"<img src="data:image/png;base64,{photo}" alt="maria">"#
        )),
        "the photo is embedded"
    );
    let fetched = app.sim.calls_to("avatars");
    assert!(
        fetched
            .iter()
            .any(|c| c.args["user"] == MARIA && c.args["size"] == 512),
        "{fetched:?}"
    );
    assert!(fetched.iter().all(|c| c.token.is_none()), "no token sent");
    let green = page.pixels_near(AVATAR_RGB, 6);
    assert!(
        green > 15_000,
        "a 30 mm photo shows: {green} pixels of its colour"
    );
    pages::assert_filled(&page, "Maria's poster");
    assert_eq!(pages::pdf_pages(&std::fs::read(&pdf).unwrap()), 1);
}

#[tokio::test]
async fn a_photo_that_cannot_be_had_becomes_the_heros_initials_never_a_broken_image() {
    let app = spawn_app().await;
    app.approved().await;
    let html = app.file("poster.html");
    let sign_in_page: &[u8] = b"<!DOCTYPE html><html><body>Sign in</body></html>";
    let cut_short = SlackSim::default_avatar(512)[..120].to_vec();
    for (photo, why) in [
        (None, "(HTTP 404 Not Found)"),
        (Some(("text/html", sign_in_page)), "(not an image)"),
        (
            Some(("image/png", cut_short.as_slice())),
            "(an image that does not decode",
        ),
    ] {
        app.sim.set_avatar(MARIA, photo);
        let out = app.poster(&["1", "--out", html.to_str().unwrap()]).await;
        assert!(
            stderr(&out).contains(&format!("maria's Slack photo could not be fetched {why}")),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("the poster shows their initials"),
            "{}",
            stderr(&out)
        );
        let text = read(&html);
        assert!(!text.contains("<img"), "{text}");
        assert!(
            text.contains(r#"<div class="face initials" role="img" aria-label="maria">M</div>"#),
            "{text}"
        );
    }
    // What the reader sees: the initials in their circle, and no green photo.
    let png = app.file("initials.png");
    app.poster(&[
        "1",
        "--out",
        html.to_str().unwrap(),
        "--png",
        png.to_str().unwrap(),
    ])
    .await;
    let page = Page::read(&png);
    assert_eq!(page.pixels_near(AVATAR_RGB, 6), 0);
    pages::assert_filled(&page, "the poster with initials");
}
