//! Each person reads the bot in their Slack language: a hero whose Slack is in French is
//! interviewed in French (questions, buttons, the words that pause or stop), while
//! another hero at the same time is interviewed in English; the hero's own words are
//! stored as they wrote them, never translated.

use chrono::Duration;
use serde_json::{json, Value};

use crate::publishing::{at, user, Harness, ADMIN as ENGINE_ADMIN};
use crate::slack::{buttons, initial, spawn_app, TestApp, ADMIN, BOB, MARIA, WINS};
use crate::slack_sim::visible_text;
use spotlight::app::Inbound;
use spotlight::domain::StoryId;

#[tokio::test]
async fn a_hero_whose_slack_is_in_french_is_interviewed_in_french_and_their_words_kept() {
    let app = spawn_app().await;
    app.sim.set_locale(MARIA, "fr-FR");
    for hero in [MARIA, BOB] {
        let reply = app
            .command(
                ADMIN,
                &format!("nominate <@{hero}> always first to automate"),
            )
            .await;
        assert!(reply.contains("Nominated"), "{reply}");
    }
    // The invitation in her language, her colleagues' words as typed.
    let invite = app
        .dm_containing(MARIA, "Vous avez été proposé(e) pour *Spotlight*")
        .await;
    assert!(invite.contains("au plus 30 minutes"), "{invite}");
    assert!(
        invite.contains("Pourquoi vous : « always first to automate »"),
        "{invite}"
    );
    app.press(MARIA, MARIA, "Commencer").await;
    app.press(BOB, BOB, "Start now").await;
    // The intro and the first question in her language, with their numbers; Bob's in
    // English.
    let first = app.dm_containing(MARIA, "Question 1 sur 5").await;
    assert!(
        first.contains("Merci de jouer le jeu ! Je vais vous poser 5 questions courtes"),
        "{first}"
    );
    assert!(first.contains("au plus 30 minutes"), "{first}");
    assert!(
        first.contains("Quelle est la chose que vous faites dans l'outil"),
        "{first}"
    );
    let bob = app.dm_containing(BOB, "Question 1 of 5").await;
    assert!(
        bob.contains("What's the one thing you do in the tool"),
        "{bob}"
    );

    // Her answer is kept word for word; the next question is in French.
    let answer = "Je trie mon pipeline par date de clôture chaque vendredi.";
    app.dm(MARIA, answer).await;
    app.dm_containing(MARIA, "Question 2 sur 5").await;
    // "plus tard" pauses (in her words), it is not an answer.
    app.dm(MARIA, "Plus tard !").await;
    app.dm_containing(MARIA, "En pause. Vos réponses sont enregistrées.")
        .await;
    // "arrêter" asks her to confirm with buttons in French.
    app.dm(MARIA, "arrêter").await;
    let ask = app
        .dm_containing(MARIA, "Voulez-vous arrêter et vous désinscrire ?")
        .await;
    assert!(!ask.is_empty());
    let card = app
        .sim
        .dm_messages(MARIA)
        .into_iter()
        .rev()
        .find(|m| !buttons(m).is_empty())
        .unwrap();
    let labels: Vec<String> = buttons(&card).into_iter().map(|(l, ..)| l).collect();
    assert_eq!(labels, ["Me désinscrire", "Continuer"]);

    let store = app.store().await;
    let answers = store.answers(StoryId(1)).await.unwrap();
    assert_eq!(answers.get("behaviour").map(String::as_str), Some(answer));
    assert_eq!(
        answers.len(),
        1,
        "neither `plus tard` nor `arrêter` is an answer: {answers:?}"
    );

    // She goes on, finishes in French, approves; the story goes out in her own words
    // and she is told in French.
    app.press(MARIA, MARIA, "Continuer").await;
    for (n, text) in [
        (3, "Deux heures gagnées chaque semaine."),
        (4, "Un collègue me l'a montré."),
        (5, "Triez par date de clôture le vendredi."),
    ] {
        let before = app.sim.dm_messages(MARIA).len();
        app.dm(MARIA, text).await;
        crate::slack::eventually(&format!("question {n}"), || {
            app.sim.dm_messages(MARIA)[before..]
                .iter()
                .any(|m| crate::slack_sim::visible_text(m).contains(&format!("Question {n} sur 5")))
                .then_some(())
        })
        .await;
    }
    app.dm(MARIA, "Mes vendredis, triés").await;
    app.dm_containing(MARIA, "C'est tout, merci !").await;
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    app.press(MARIA, MARIA, "Approuver").await;
    app.dm_containing(
        MARIA,
        &format!(
            "Merci, votre histoire est approuvée ! Elle est dans la file d'attente de <#{WINS}>."
        ),
    )
    .await;
    app.command(ADMIN, "publish-next").await;
    app.dm_containing(
        MARIA,
        &format!("Votre histoire est publiée dans <#{WINS}> ! Vos collègues peuvent vous poser leurs questions dans son fil."),
    )
    .await;
    let post =
        crate::slack::eventually("the post", || app.sim.messages(WINS).first().cloned()).await;
    let post = crate::slack_sim::visible_text(&post);
    assert!(post.contains(answer), "her words, untranslated: {post}");
    assert!(post.contains("Mes vendredis, triés"), "{post}");
}

/// The labels of a message's buttons, in order.
fn labels(msg: &Value) -> Vec<String> {
    buttons(msg).into_iter().map(|(l, ..)| l).collect()
}

/// The style of the button labelled `label` in a message.
fn style_of(msg: &Value, label: &str) -> Option<String> {
    msg["blocks"]
        .as_array()?
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .find(|e| e["text"]["text"] == label)?
        .get("style")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The newest DM to `user` whose text contains `needle`, as Slack has it.
async fn message_containing(app: &TestApp, user: &str, needle: &str) -> Value {
    crate::slack::eventually(&format!("a DM to {user} containing {needle:?}"), || {
        app.sim
            .dm_messages(user)
            .into_iter()
            .rev()
            .find(|m| visible_text(m).contains(needle))
    })
    .await
}

/// The labels of a modal's inputs, in order.
fn input_labels(modal: &Value) -> Vec<String> {
    modal["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "input")
        .map(|b| b["label"]["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The images under a message: (file, alt text).
fn images(msg: &Value) -> Vec<(String, String)> {
    msg["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "image")
        .map(|b| {
            (
                b["slack_file"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                b["alt_text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Maria, whose Slack is in French, is nominated and answers the whole interview in
/// French, her first answer with a screenshot.
async fn interview_maria_in_french(app: &TestApp) {
    app.command(ADMIN, &format!("nominate <@{MARIA}|maria>"))
        .await;
    app.press(MARIA, MARIA, "Commencer").await;
    app.dm_containing(MARIA, "Question 1 sur 5").await;
    let mut screenshot = app.sim.add_file(
        "F0VUE0001",
        "pipeline.png",
        "image/png",
        &crate::slack_sim::SlackSim::square_png(32, [0x2a, 0x6f, 0xdb]),
    );
    screenshot["title"] = json!("Mon pipeline du vendredi");
    let ts = format!("1800000000.{:06}", crate::slack::unique());
    let mut event = crate::slack_requests::im_file_share(MARIA, FRIDAYS, &ts);
    event["files"] = json!([screenshot]);
    assert_eq!(app.event(event).await, 200);
    app.dm_containing(MARIA, "Question 2 sur 5").await;
    for (answer, next) in [
        ("Deux heures gagnées chaque semaine.", "Question 3 sur 5"),
        ("Un collègue me l'a montré.", "Question 4 sur 5"),
        ("Triez par date de clôture le vendredi.", "Question 5 sur 5"),
        ("Mes vendredis, triés", "C'est tout, merci !"),
    ] {
        let before = app.sim.dm_messages(MARIA).len();
        app.dm(MARIA, answer).await;
        crate::slack::eventually(next, || {
            app.sim.dm_messages(MARIA)[before..]
                .iter()
                .any(|m| visible_text(m).contains(next))
                .then_some(())
        })
        .await;
    }
}

/// Maria's first answer, in French.
const FRIDAYS: &str = "Je trie mon pipeline par date de clôture chaque vendredi.";

#[tokio::test]
async fn a_french_hero_approves_edits_and_chooses_pictures_in_french_while_the_english_admin_reviews_in_english(
) {
    let app = spawn_app().await;
    app.sim.set_locale(MARIA, "fr-FR");
    interview_maria_in_french(&app).await;

    // The admin reads the review card in English; her words are quoted as she wrote them.
    let card = message_containing(&app, ADMIN, "finished their interview").await;
    let text = visible_text(&card);
    assert!(
        text.contains(&format!("*Story 1* for <@{MARIA}> (drafted)")),
        "{text}"
    );
    assert!(text.contains("*Checks*\n✓ quotes are"), "{text}");
    assert!(
        text.contains(&format!("☑ 1. behaviour: “{FRIDAYS}”")),
        "{text}"
    );
    assert_eq!(
        labels(&card),
        ["Approve & send to hero", "Pick quotes & headline"]
    );
    assert!(
        card["text"].as_str().unwrap().starts_with(&format!(
            "<@{MARIA}> finished their interview. Here is the draft to review:"
        )),
        "a notification says what the message is: {card}"
    );

    // The approval card is hers, in French: her words, her picture, her buttons.
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    let card = message_containing(&app, MARIA, "Votre histoire est prête").await;
    let text = visible_text(&card);
    for part in [
        "Votre histoire est prête : à vous de la relire.",
        &format!("Voici votre histoire, exactement telle qu'elle sera publiée dans <#{WINS}> :"),
        FRIDAYS,
        "*Les images envoyées avec vos réponses* (elles accompagnent l'histoire, sauf si vous les retirez) :",
        "1. Mon pipeline du vendredi (accompagne l'histoire)",
        "Approuvez-la, modifiez vos mots, demandez des changements ou désinscrivez-vous. Rien n'est publié sans votre approbation.",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    assert!(!text.contains("Here is your story"), "{text}");
    assert_eq!(
        labels(&card),
        [
            "Approuver",
            "Modifier",
            "Demander des changements",
            "Me désinscrire",
            "Retirer l'image 1"
        ]
    );
    assert_eq!(style_of(&card, "Approuver").as_deref(), Some("primary"));
    assert_eq!(style_of(&card, "Me désinscrire").as_deref(), Some("danger"));
    assert!(
        card["text"]
            .as_str()
            .unwrap()
            .starts_with("Votre histoire est prête"),
        "{card}"
    );

    // She leaves her picture out and puts it back, in French.
    app.press(MARIA, MARIA, "Retirer l'image 1").await;
    let card = app
        .dm_containing(MARIA, "L'image 1 est retirée de votre histoire.")
        .await;
    assert!(
        card.contains("1. Mon pipeline du vendredi (retirée)"),
        "{card}"
    );
    app.press(MARIA, MARIA, "Remettre l'image 1").await;
    app.dm_containing(MARIA, "L'image 1 accompagne de nouveau votre histoire.")
        .await;

    // The edit form is in French, with her words in it.
    app.press(MARIA, MARIA, "Modifier").await;
    let modal = app.opened_modal(1).await;
    assert_eq!(modal["title"]["text"], "Modifier votre histoire");
    assert_eq!(modal["submit"]["text"], "Enregistrer");
    assert_eq!(modal["close"]["text"], "Annuler");
    assert!(
        modal["blocks"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Modifiez les mots que vous voulez."),
        "{modal}"
    );
    let fields = input_labels(&modal);
    assert_eq!(fields[0], "Titre", "{fields:?}");
    assert!(fields.contains(&"L'habitude".to_string()), "{fields:?}");
    assert!(fields.contains(&"À retenir".to_string()), "{fields:?}");
    assert_eq!(initial(&modal, "behaviour").as_deref(), Some(FRIDAYS));
    let mut values = json!({"headline": "Mes vendredis, enfin triés"});
    for b in modal["blocks"].as_array().unwrap() {
        let key = b["block_id"].as_str().unwrap_or_default();
        if key != "headline" {
            if let Some(v) = initial(&modal, key) {
                values[key] = json!(v);
            }
        }
    }
    assert_eq!(app.submit(MARIA, &modal, values).await, 200);
    app.dm_containing(MARIA, "Mise à jour avec vos mots.").await;

    // Reworded after the admins' review: the English admin reviews her change in English.
    app.press(MARIA, MARIA, "Approuver").await;
    app.dm_containing(
        MARIA,
        "Merci, vous avez approuvé votre histoire avec vos modifications !",
    )
    .await;
    let review = message_containing(&app, ADMIN, "with changes of their own").await;
    let text = visible_text(&review);
    assert!(text.contains("Mes vendredis, {+enfin+} triés"), "{text}");
    assert!(
        text.contains(&format!("*The text <@{MARIA}> approved*")),
        "{text}"
    );
    assert_eq!(labels(&review), ["Accept edit", "Send back"]);
    app.press(ADMIN, ADMIN, "Accept edit").await;
    let told = app
        .dm_containing(MARIA, "Les administrateurs ont accepté vos modifications")
        .await;
    assert!(
        told.contains(&format!("Elle est dans la file d'attente de <#{WINS}>.")),
        "{told}"
    );
    app.dm_containing(
        ADMIN,
        &format!("accepted <@{MARIA}>'s edit of story 1. It's in the queue for <#{WINS}>."),
    )
    .await;

    // The post is read by everyone in the channel: its picture's alt text is in the
    // workspace's language, with her title as she gave it.
    app.command(ADMIN, "publish-next").await;
    let post =
        crate::slack::eventually("the post", || app.sim.messages(WINS).first().cloned()).await;
    assert_eq!(
        images(&post),
        [(
            "F0VUE0001".to_string(),
            "A picture maria shared with their story: Mon pipeline du vendredi".to_string()
        )]
    );
    assert!(visible_text(&post).contains("Mes vendredis, enfin triés"));
}

#[tokio::test]
async fn a_french_admin_reviews_in_french_while_an_english_hero_reads_english() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    app.interview_maria().await;

    // The review card in French, the hero's English words untouched.
    let card = message_containing(&app, ADMIN, "a terminé son entretien").await;
    let text = visible_text(&card);
    for part in [
        &format!("<@{MARIA}> a terminé son entretien. Voici le brouillon à relire :"),
        &format!("*Histoire 1* de <@{MARIA}> (brouillon)"),
        "*Vérifications*\n✓ les citations font",
        "mots (objectif : moins de 200)",
        "*Réponses* (choisissez avec `/spotlight quotes 1 1,2,…`)",
        "☑ 1. behaviour : « Every Friday I sort my pipeline by close date",
        "☑ 2. benefit : « Two hours back every week.",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    assert!(!text.contains("Checks"), "{text}");
    assert_eq!(
        labels(&card),
        [
            "Approuver et envoyer au héros",
            "Choisir citations et titre"
        ]
    );
    assert_eq!(
        style_of(&card, "Approuver et envoyer au héros").as_deref(),
        Some("primary")
    );

    // Her form to pick quotes is in French.
    app.press(ADMIN, ADMIN, "Choisir citations et titre").await;
    let modal = app.opened_modal(1).await;
    assert_eq!(modal["title"]["text"], "Relire l'histoire 1");
    assert_eq!(modal["submit"]["text"], "Enregistrer");
    assert_eq!(modal["close"]["text"], "Annuler");
    assert_eq!(input_labels(&modal), ["Citer ces réponses", "Titre"]);

    // The hero reads his approval card and the change request form in English.
    app.command(ADMIN, &format!("channel add <#{WINS}|wins>"))
        .await;
    app.command(ADMIN, "approve 1").await;
    let card = message_containing(&app, MARIA, "Here is your story").await;
    let text = visible_text(&card);
    assert!(
        text.starts_with(&format!(
            "Your story is ready for you to review.\nHere is your story, exactly as it will be posted to <#{WINS}>:"
        )),
        "{text}"
    );
    assert_eq!(
        labels(&card),
        ["Approve", "Edit", "Request changes", "Opt out"]
    );
    app.press(MARIA, MARIA, "Request changes").await;
    let modal = app.opened_modal(2).await;
    assert_eq!(modal["title"]["text"], "Request changes");
    assert_eq!(modal["submit"]["text"], "Send");
    assert_eq!(modal["close"]["text"], "Cancel");
    assert_eq!(input_labels(&modal), ["What should change?"]);
    let note = "Please use my second answer as the headline.";
    assert_eq!(
        app.submit(MARIA, &modal, json!({"comment": note})).await,
        200
    );

    // The admin hears of it in French, with the hero's note as he wrote it.
    let card = message_containing(&app, ADMIN, "a demandé des changements à").await;
    let text = visible_text(&card);
    assert!(
        text.starts_with(&format!(
            "<@{MARIA}> a demandé des changements à l'histoire 1."
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "*<@{MARIA}> a demandé des changements :* « {note} »"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "*Histoire 1* de <@{MARIA}> (changements demandés)"
        )),
        "{text}"
    );
}

/// A person writes to the bot, in the engine driven by a moved clock.
async fn say(h: &Harness, who: &str, text: &str) {
    h.app
        .handle(
            Inbound::Message {
                user: user(who),
                text: text.into(),
                message_ref: None,
            },
            h.now,
        )
        .await
        .unwrap();
}

/// The DMs `who` was sent, oldest first.
fn dms_to(h: &Harness, who: &str) -> Vec<String> {
    h.app
        .transport()
        .dms
        .lock()
        .unwrap()
        .iter()
        .filter(|(to, ..)| to == who)
        .map(|(_, text, _)| text.clone())
        .collect()
}

#[tokio::test]
async fn heroes_and_admins_are_reminded_each_in_their_own_language() {
    // Monday morning; reminders come after two days, in working hours.
    let start = at(2026, 11, 23, 9, 0);
    let mut h = Harness::new(start).await;
    h.store
        .set_user_locale(&user(ENGINE_ADMIN), "fr-FR")
        .await
        .unwrap();
    for (hero, locale) in [("ines", "fr-FR"), ("luc", "fr-CA"), ("bob", "en-US")] {
        h.app.ensure_user(&user(hero), None, start).await.unwrap();
        h.store.set_user_locale(&user(hero), locale).await.unwrap();
        h.admin(&format!("nominate @{hero}")).await;
    }
    h.admin("channel add #wins").await;
    // Inès finishes and is sent her story; Luc stops after one answer; Bob finishes and
    // waits on the admins.
    let answers = [
        "Mes filtres",
        "Une heure par jour",
        "skip",
        "Filtrez",
        "Filtres",
    ];
    say(&h, "ines", "commencer").await;
    for a in answers {
        say(&h, "ines", a).await;
    }
    h.admin("approve 1").await;
    say(&h, "luc", "commencer").await;
    say(&h, "luc", "Mes tableaux de bord").await;
    say(&h, "bob", "start").await;
    for a in ["My filters", "An hour a day", "skip", "Filter", "Filters"] {
        say(&h, "bob", a).await;
    }
    let finished = dms_to(&h, ENGINE_ADMIN);
    assert!(
        finished
            .iter()
            .any(|t| t.starts_with("<@bob> a terminé son entretien.")),
        "{finished:#?}"
    );

    h.run_until(start + Duration::days(3)).await;

    let ines = dms_to(&h, "ines");
    let nudge = ines
        .iter()
        .find(|t| t.starts_with("Petit rappel : votre histoire attend votre approbation."))
        .unwrap_or_else(|| panic!("{ines:#?}"));
    assert!(
        nudge.contains("Voici votre histoire, exactement telle qu'elle sera publiée dans"),
        "{nudge}"
    );
    assert!(nudge.contains("Mes filtres"), "her words: {nudge}");
    let luc = dms_to(&h, "luc");
    assert!(
        luc.iter().any(|t| t
            == "Petit rappel : votre entretien Spotlight en est à la question 2 sur 5. Envoyez `reprendre` (ou simplement votre réponse) quand vous aurez quelques minutes."),
        "{luc:#?}"
    );
    let admin = dms_to(&h, ENGINE_ADMIN);
    let reminder = admin
        .iter()
        .find(|t| {
            t.starts_with(
                "Rappel : le brouillon de l'histoire de <@bob> attend une relecture depuis 2 j.",
            )
        })
        .unwrap_or_else(|| panic!("{admin:#?}"));
    assert!(
        reminder.contains("*Histoire 3* de <@bob> (brouillon)"),
        "{reminder}"
    );
    assert!(reminder.contains("« My filters »"), "his words: {reminder}");
    assert!(
        !dms_to(&h, "bob").iter().any(|t| t.contains("Petit rappel")),
        "Bob reads English"
    );
}
