//! Screenshots in stories, driven as Slack drives Spotlight: the hero answers with a
//! picture and words (a `file_share` DM), sees on the approval card which pictures go
//! with the story and can leave one out, and the story's post in the channel shows the
//! pictures they kept, by reference to the Slack files, each with alt text.

use serde_json::{json, Value};

use base64::Engine as _;

use crate::pages::{self, Page};
use spotlight::destinations::chatter::ChatterClient;
use spotlight::destinations::email::{EmailSender, EmailSettings, TlsMode};
use spotlight::destinations::Publishers;

use crate::chatter_standin::{ChatterStandIn, GROUP_ID};
use crate::slack::{
    buttons, spawn_app, spawn_app_publishing, TestApp, ADMIN, BOT_TOKEN, MARIA, WINS,
};
use crate::slack_poster::{read, stderr};
use crate::slack_requests::im_file_share;
use crate::slack_sim::SlackSim;
use crate::smtp_sink::SmtpSink;

/// The colours of Maria's two screenshots: the one she keeps, the one she leaves out.
const KEPT_RGB: [u8; 3] = [0x2a, 0x6f, 0xdb];
const LEFT_OUT_RGB: [u8; 3] = [0xd9, 0x3b, 0x1f];

impl TestApp {
    /// Maria answers the interview, the first answer with two screenshots beside her
    /// words; the admins send her the story for approval.
    async fn interview_with_screenshots(&self) {
        self.command(ADMIN, &format!("nominate <@{MARIA}|maria>"))
            .await;
        self.press(MARIA, MARIA, "Start now").await;
        self.dm_containing(MARIA, "Question 1 of 5").await;
        let mut first = self.sim.add_file(
            "F0VIEW001",
            "pipeline-view.png",
            "image/png",
            &SlackSim::square_png(64, KEPT_RGB),
        );
        first["title"] = json!("My Friday pipeline view");
        let second = self.sim.add_file(
            "F0CHART01",
            "forecast.png",
            "image/png",
            &SlackSim::square_png(32, LEFT_OUT_RGB),
        );
        let ts = format!("1800000000.{:06}", crate::slack::unique());
        let mut event = im_file_share(
            MARIA,
            "Every Friday I sort my pipeline by close date & close what's dead.",
            &ts,
        );
        event["files"] = json!([first, second]);
        assert_eq!(self.event(event).await, 200);
        self.dm_containing(MARIA, "Question 2 of 5").await;
        self.maria_answers(&[
            "Two hours back every week.",
            "skip",
            "Sort your pipeline by close date on Friday.",
            "Two hours back every Friday",
        ])
        .await;
        self.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
            .await;
        self.command(ADMIN, "approve 1").await;
    }

    /// Maria's story with her screenshots, a destination added (`kind target`, as the
    /// command takes it), the second picture left out, approved, and published to that
    /// destination (`published_to`, as `publish-next` takes it).
    async fn published_with_one_picture(&self, destination: &str, published_to: &str) {
        self.interview_with_screenshots().await;
        let reply = self
            .command(ADMIN, &format!("destination add {destination}"))
            .await;
        assert!(reply.contains("Added"), "{reply}");
        self.press(MARIA, MARIA, "Leave out picture 2").await;
        self.dm_containing(MARIA, "Picture 2 is left out of your story.")
            .await;
        self.press(MARIA, MARIA, "Approve").await;
        self.dm_containing(MARIA, "your story is approved").await;
        self.command(ADMIN, &format!("publish-next {published_to}"))
            .await;
    }

    /// The newest DM to `user` that has a button labelled `label`.
    fn card_with(&self, user: &str, label: &str) -> Option<Value> {
        self.sim
            .dm_messages(user)
            .into_iter()
            .rev()
            .find(|m| buttons(m).iter().any(|(l, ..)| l == label))
    }
}

#[tokio::test]
async fn the_hero_chooses_which_screenshots_go_with_the_story_and_the_post_shows_them_with_alt_text(
) {
    let app = spawn_app().await;
    app.interview_with_screenshots().await;

    // The approval card lists both pictures, each with a button to leave it out.
    let card = app
        .dm_containing(MARIA, "Pictures you sent with your answers")
        .await;
    assert!(
        card.contains("1. My Friday pipeline view (goes with the story)"),
        "{card}"
    );
    assert!(
        card.contains("2. forecast.png (goes with the story)"),
        "{card}"
    );
    let first_card = app.card_with(MARIA, "Leave out picture 2").unwrap();

    // She leaves the second out: the card comes again, with the picture left out.
    app.press(MARIA, MARIA, "Leave out picture 2").await;
    let card = app
        .dm_containing(MARIA, "Picture 2 is left out of your story.")
        .await;
    assert!(card.contains("2. forecast.png (left out)"), "{card}");
    assert!(app.card_with(MARIA, "Put back picture 2").is_some());

    // The Approve button of the card she saw before approves nothing.
    let (_, action, value) = buttons(&first_card)
        .into_iter()
        .find(|(l, ..)| l == "Approve")
        .unwrap();
    assert_eq!(app.click(MARIA, &action, &value).await, 200);
    app.dm_containing(MARIA, "That was an older version of your story")
        .await;

    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;
    app.command(ADMIN, "publish-next").await;
    let post =
        crate::slack::eventually("the post", || app.sim.messages(WINS).first().cloned()).await;

    // The post shows the picture she kept, by reference to her file, with alt text;
    // nothing was made public.
    let images: Vec<&Value> = post["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "image")
        .collect();
    assert_eq!(images.len(), 1, "{post}");
    assert_eq!(images[0]["slack_file"]["id"], "F0VIEW001");
    assert_eq!(
        images[0]["alt_text"],
        "A picture maria shared with their story: My Friday pipeline view"
    );
    assert!(crate::slack_sim::visible_text(&post).contains("close what's dead"));

    // The poster, made beside serve, shows the picture she kept, read with the bot token
    // and embedded in the page, with its alt text; not the one she left out.
    let (html, png) = (app.file("poster.html"), app.file("poster.png"));
    let api = app.sim.api_url();
    let out = app
        .poster(&[
            "1",
            "--bot-token",
            BOT_TOKEN,
            "--api-url",
            &api,
            "--out",
            html.to_str().unwrap(),
            "--png",
            png.to_str().unwrap(),
        ])
        .await;
    assert!(!stderr(&out).contains("picture"), "{}", stderr(&out));
    let text = read(&html);
    let kept = base64::engine::general_purpose::STANDARD.encode(SlackSim::square_png(64, KEPT_RGB));
    assert!(
        text.contains(&format!(
            r#"<img src="data:image/png;base64,{kept}" alt="A picture maria shared with their story: My Friday pipeline view">"#
        )),
        "the kept picture is in the page"
    );
    assert_eq!(text.matches("<img").count(), 2, "her photo and one picture");
    let downloads = app.sim.calls_to("files.download");
    assert!(downloads
        .iter()
        .all(|c| c.args["file"] == "F0VIEW001" && c.token.as_deref() == Some(BOT_TOKEN)));
    assert!(!downloads.is_empty());
    let page = Page::read(&png);
    assert!(page.pixels_near(KEPT_RGB, 6) > 5_000, "the picture shows");
    assert_eq!(page.pixels_near(LEFT_OUT_RGB, 6), 0);
    pages::assert_filled(&page, "a poster with a picture");
    assert!(app.sim.calls_to("files.sharedPublicURL").is_empty());

    // Without the bot token the poster has no pictures, and says how to show them.
    let out = app.poster(&["1", "--out", html.to_str().unwrap()]).await;
    assert!(
        stderr(&out).contains("story 1 has 1 picture(s) its hero chose, read from Slack with the bot token: set SLACK_BOT_TOKEN to show them"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&html).matches("<img").count(), 1, "her photo only");

    // The digest, written to a file, has the picture in a folder beside it.
    let shown = "A picture maria shared with their story: My Friday pipeline view";
    for (format, name, reference) in [
        (
            "md",
            "news.md",
            format!("![{shown}](news-files/story-1-1.png)"),
        ),
        (
            "html",
            "news.html",
            format!(r#"<img src="news-files/story-1-1.png" alt="{shown}">"#),
        ),
    ] {
        let out = app.file(name);
        let printed = app
            .spotlight(&[
                "digest",
                "--since",
                "2026-01-01",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
                "--bot-token",
                BOT_TOKEN,
                "--api-url",
                &api,
            ])
            .await;
        assert!(
            !stderr(&printed).contains("picture"),
            "{}",
            stderr(&printed)
        );
        let document = read(&out);
        assert!(document.contains(&reference), "{document}");
        assert!(!document.contains("story-1-2"), "{document}");
        assert_eq!(
            std::fs::read(app.file("news-files/story-1-1.png")).unwrap(),
            SlackSim::square_png(64, KEPT_RGB)
        );
    }
    // Printed rather than written, the digest has no pictures and says how to get them.
    let printed = app.spotlight(&["digest", "--since", "2026-01-01"]).await;
    assert!(
        stderr(&printed).contains("story 1 has 1 picture(s) its hero chose: give --out FILE"),
        "{}",
        stderr(&printed)
    );
    assert!(!String::from_utf8_lossy(&printed.stdout).contains("!["));
}

#[tokio::test]
async fn a_picture_cannot_be_left_out_once_the_story_is_approved() {
    let app = spawn_app().await;
    app.interview_with_screenshots().await;
    let card = app.card_with(MARIA, "Leave out picture 1");
    let (_, action, value) = buttons(&card.unwrap())
        .into_iter()
        .find(|(l, ..)| l == "Leave out picture 1")
        .unwrap();
    app.press(MARIA, MARIA, "Approve").await;
    app.dm_containing(MARIA, "your story is approved").await;
    let before = app.sim.calls_to("response_url").len();
    assert_eq!(app.click(MARIA, &action, &value).await, 200);
    let refusal = crate::slack::eventually("a refusal", || {
        app.sim.calls_to("response_url").get(before).cloned()
    })
    .await;
    let refusal = crate::slack_sim::visible_text(&refusal.args);
    assert!(
        refusal.contains("Your story is queued now, so the pictures that go with it can't change."),
        "{refusal}"
    );
    let pictures = app
        .store()
        .await
        .story_pictures(spotlight::domain::StoryId(1))
        .await
        .unwrap();
    assert!(pictures.iter().all(|p| !p.left_out), "{pictures:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_emailed_story_carries_the_kept_picture_inline_with_its_alt_text() {
    let sink = SmtpSink::options().start();
    let email = EmailSender::new(EmailSettings {
        server: "127.0.0.1".into(),
        port: sink.port(),
        tls: TlsMode::None,
        username: None,
        password: None,
        from: "Spotlight <spotlight@acme.test>".into(),
        ca_file: None,
    })
    .unwrap();
    let app = spawn_app_publishing(Publishers {
        email: Some(email),
        chatter: None,
    })
    .await;
    app.published_with_one_picture("email news@acme.test", "news@acme.test")
        .await;
    let mail = crate::slack::eventually("the email", || {
        sink.messages()
            .into_iter()
            .find(|m| m.outcome == "accepted")
    })
    .await;

    // The HTML shows the picture she kept, inline by Content-ID, with its alt text; the
    // plain text names it; the one she left out is not there.
    let alt = "A picture maria shared with their story: My Friday pipeline view";
    let html = mail.part("text/html").expect("an HTML part");
    assert!(
        html.contains(&format!(
            r#"<img src="cid:picture-1.1@acme.test" alt="{alt}" style="max-width: 100%">"#
        )),
        "{html}"
    );
    assert!(mail
        .part("text/plain")
        .unwrap()
        .contains(&format!("[{alt}]")));
    let pictures: Vec<_> = mail
        .parts
        .iter()
        .filter(|p| p.content_type == "image/png")
        .collect();
    assert_eq!(pictures.len(), 1, "{:?}", mail.content_type);
    assert_eq!(
        pictures[0].content_id.as_deref(),
        Some("<picture-1.1@acme.test>")
    );
    assert_eq!(pictures[0].disposition.as_deref(), Some("inline"));
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(pictures[0].content.trim())
            .unwrap(),
        SlackSim::square_png(64, KEPT_RGB)
    );
    // Read from Slack with the bot token; nothing made public.
    assert!(app
        .sim
        .calls_to("files.download")
        .iter()
        .all(|c| c.token.as_deref() == Some(BOT_TOKEN)));
    assert!(app.sim.calls_to("files.sharedPublicURL").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_story_in_chatter_shows_the_kept_picture_as_a_salesforce_file_with_alt_text() {
    let salesforce = ChatterStandIn::start().await;
    let chatter = ChatterClient::new(salesforce.settings()).unwrap();
    let app = spawn_app_publishing(Publishers {
        chatter: Some(chatter),
        email: None,
    })
    .await;
    app.published_with_one_picture(
        &format!("chatter {GROUP_ID}"),
        &format!("chatter:{GROUP_ID}"),
    )
    .await;
    let post = crate::slack::eventually("the Chatter post", || {
        salesforce.posted_to(GROUP_ID).into_iter().next()
    })
    .await;

    // One file uploaded, the picture she kept, and shown in the post with its alt text.
    let files = salesforce.files();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].bytes, SlackSim::square_png(64, KEPT_RGB));
    assert_eq!(files[0].path, "picture-1.png");
    let alt = "A picture maria shared with their story: My Friday pipeline view";
    let images: Vec<&Value> = post
        .segments
        .iter()
        .filter(|s| s["type"] == "InlineImage")
        .collect();
    assert_eq!(images.len(), 1, "{:?}", post.segments);
    assert_eq!(images[0]["fileId"], files[0].document.as_str());
    assert_eq!(images[0]["altText"], alt);
    assert!(post.text.contains("close what's dead"), "{}", post.text);
    assert!(app.sim.calls_to("files.sharedPublicURL").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forgotten_hero_leaves_no_trace_of_the_pictures_she_sent_with_her_answers() {
    let app = spawn_app().await;
    app.interview_with_screenshots().await;
    let db = app.db_url.clone();
    // Her two files, by id, name and title.
    let hers = [
        "F0VIEW001",
        "pipeline-view.png",
        "My Friday pipeline view",
        "F0CHART01",
        "forecast.png",
    ];
    let before = crate::traces::traces(&db, &hers);
    assert!(
        before.iter().any(|t| t.starts_with("answer_pictures.")),
        "{before:#?}"
    );

    let reply = app
        .command(ADMIN, &format!("forget <@{MARIA}|maria>"))
        .await;
    assert!(reply.contains("1 story"), "{reply}");
    let replies = app.sim.calls_to("response_url").len();
    assert_eq!(app.click(ADMIN, "forget_confirm#0", MARIA).await, 200);
    let result = crate::slack::eventually("the result of the forgetting", || {
        app.sim
            .calls_to("response_url")
            .get(replies)
            .map(|c| crate::slack_sim::visible_text(&c.args))
    })
    .await;
    assert!(result.contains("Forgotten."), "{result}");

    let after = crate::traces::traces(&db, &hers);
    assert!(after.is_empty(), "left of Maria's pictures: {after:#?}");
}
