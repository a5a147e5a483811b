//! Screenshots in stories, driven as Slack drives Spotlight: the hero answers with a
//! picture and words (a `file_share` DM), sees on the approval card which pictures go
//! with the story and can leave one out, and the story's post in the channel shows the
//! pictures they kept, by reference to the Slack files, each with alt text.

use serde_json::{json, Value};

use crate::slack::{buttons, spawn_app, TestApp, ADMIN, MARIA, WINS};
use crate::slack_requests::im_file_share;
use crate::slack_sim::SlackSim;

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
            &SlackSim::default_avatar(64),
        );
        first["title"] = json!("My Friday pipeline view");
        let second = self.sim.add_file(
            "F0CHART01",
            "forecast.png",
            "image/png",
            &SlackSim::default_avatar(32),
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
    assert!(app.sim.calls_to("files.sharedPublicURL").is_empty());
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
