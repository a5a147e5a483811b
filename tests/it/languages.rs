//! Each person reads the bot in their Slack language: a hero whose Slack is in French is
//! interviewed in French (questions, buttons, the words that pause or stop), while
//! another hero at the same time is interviewed in English; the hero's own words are
//! stored as they wrote them, never translated.

use crate::slack::{buttons, spawn_app, ADMIN, BOB, MARIA, WINS};
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
    app.press(MARIA, MARIA, "Approve").await;
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
