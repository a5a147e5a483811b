//! Each person reads the replies to `/spotlight` in their own language: an admin whose
//! Slack is in French gets the help, the mistakes, the nomination, the status and the App
//! Home in French while an admin whose Slack is in English gets them in English; a hero
//! reads their own story's status in theirs. The console's people have no Slack
//! language: the console speaks SPOTLIGHT_LANGUAGE.

use serde_json::json;

use crate::helpers;
use crate::slack::{eventually, spawn_app, TestApp, ADMIN, MARIA, WINS};

/// A workspace admin whose Slack is in English.
const SAM: &str = "USAM0001";

/// Sam joins the workspace, an admin whose Slack is in English.
fn add_sam(app: &TestApp) {
    app.sim.add_user(
        SAM,
        "sam",
        "Sam Admin",
        Some("sam@example.com"),
        true,
        "UTC",
    );
}

/// Runs `/spotlight <text>` as `user`; returns the text of the reply (its blocks say the
/// same).
async fn said(app: &TestApp, user: &str, text: &str) -> String {
    app.command(user, text).await;
    let reply = app.sim.calls_to("response_url").pop().expect("a reply");
    reply.args["text"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_french_admin_reads_the_commands_in_french_and_an_english_admin_in_english() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    app.sim.set_locale(MARIA, "fr-FR");
    add_sam(&app);

    // The help: the same commands, each person's words.
    let fr = said(&app, ADMIN, "help").await;
    assert!(
        fr.starts_with("*Spotlight* interviewe les utilisateurs experts et partage leurs réussites.\n• `/spotlight help` : afficher cette aide"),
        "{fr}"
    );
    assert!(
        fr.contains("• `/spotlight nominate @personne [--set nom] [note]` : inviter un utilisateur expert à un entretien"),
        "{fr}"
    );
    assert!(
        fr.contains("• `/spotlight schedule \"&lt;cron&gt;\" [destination] [Zone/Ville]` : quand les histoires sont publiées"),
        "{fr}"
    );
    assert!(!fr.contains("show this help"), "{fr}");
    let en = said(&app, SAM, "help").await;
    assert!(
        en.starts_with("*Spotlight* interviews power users and shares their success stories.\n• `/spotlight help`: show this help"),
        "{en}"
    );
    assert!(
        en.contains("• `/spotlight nominate @person [--set name] [note]`: invite a power user to be interviewed"),
        "{en}"
    );

    // A command that does not exist, and one typed wrong: what is wrong, then how to type it.
    assert_eq!(
        said(&app, ADMIN, "frobnicate").await,
        "Je ne connais pas la commande `frobnicate`\nUtilisation : `/spotlight help`"
    );
    assert_eq!(
        said(&app, SAM, "frobnicate").await,
        "I don't know the command `frobnicate`\nUsage: `/spotlight help`"
    );
    assert_eq!(
        said(&app, ADMIN, "nominate maria").await,
        "« maria » n'est pas une personne : mentionnez-la, comme @maria\nUtilisation : `/spotlight nominate @personne [--set nom] [note]`"
    );

    // A cron expression that can't be: which field, what it takes, an example.
    let fr = said(&app, ADMIN, "schedule \"0 25 * * *\"").await;
    assert_eq!(
        fr,
        "Expression cron invalide « 0 25 * * * » : 25 est hors limites pour le champ « heure » ; utilisez 0-23 ; exemple : \"0 9 * * MON\" pour 9 h 00 chaque lundi. Rien n'a changé."
    );
    let en = said(&app, SAM, "schedule \"0 25 * * *\"").await;
    assert_eq!(
        en,
        "bad cron expression \"0 25 * * *\": hour 25 is out of range; use 0-23; example: \"0 9 * * MON\" for 9:00 every Monday. Nothing was changed."
    );
    let fr = said(&app, ADMIN, "schedule \"0 9 * * *\" Mars/Olympus").await;
    assert!(
        fr.starts_with("Fuseau horaire inconnu « Mars/Olympus » : utilisez un nom de zone IANA"),
        "{fr}"
    );

    // The nomination, and where things stand.
    let fr = said(
        &app,
        ADMIN,
        &format!("nominate <@{MARIA}|maria> always first to automate"),
    )
    .await;
    assert_eq!(
        fr,
        format!("<@{MARIA}> est proposé(e) (histoire 1). Je lui ai envoyé une invitation ; `/spotlight status` montre où elle en est.")
    );
    let fr = said(&app, ADMIN, "status").await;
    assert!(
        fr.starts_with(&format!("*Pipeline Spotlight* : 1 en cours\n• Histoire 1 <@{MARIA}> : invitation envoyée ; attend le héros (pour commencer l'entretien) depuis 0 min\n")),
        "{fr}"
    );
    assert!(fr.contains("Publiées : 0. Retirées : 0."), "{fr}");
    let en = said(&app, SAM, "status").await;
    assert!(
        en.starts_with(&format!("*Spotlight pipeline*: 1 open\n• Story 1 <@{MARIA}>: invited; waits on the hero (to start the interview) for 0m\n")),
        "{en}"
    );
    assert!(en.contains("Published: 0. Opted out: 0."), "{en}");
    assert_eq!(
        said(&app, ADMIN, &format!("nominate <@{MARIA}>")).await,
        format!("<@{MARIA}> a déjà l'histoire 1 en cours (invitation envoyée).")
    );

    // The hero reads her own story in her language, and is told in it that the admins'
    // commands are theirs.
    assert_eq!(
        said(&app, MARIA, "status").await,
        "Votre histoire (1) en est à l'étape « invitation envoyée » ; en attente de : vous (pour commencer l'entretien)."
    );
    assert_eq!(
        said(&app, MARIA, "drafts").await,
        "Désolé, `/spotlight drafts` est réservé aux admins de Spotlight. Vous pouvez suggérer un(e) collègue avec `/spotlight suggest @collègue`, ou consulter `/spotlight help`."
    );

    // The App Home: the pipeline, the queue and the destinations, in each admin's words.
    for admin in [ADMIN, SAM] {
        app.event(json!({"type": "app_home_opened", "user": admin, "channel": format!("D{admin}"), "tab": "home"}))
            .await;
    }
    let home = |user: &'static str| {
        let app = &app;
        async move {
            eventually("a home tab", || app.sim.home_view(user))
                .await
                .to_string()
        }
    };
    let fr = home(ADMIN).await;
    for part in [
        "*Pipeline Spotlight* : 1 en cours",
        "*File de publication* (première approuvée, première publiée)",
        "Rien n'attend d'être publié.",
        "*Destinations* : aucune pour l'instant.",
        "Relisez les brouillons avec `/spotlight drafts`",
    ] {
        assert!(fr.contains(part), "{part:?} not in the French home: {fr}");
    }
    let en = home(SAM).await;
    for part in [
        "*Spotlight pipeline*: 1 open",
        "*Publishing queue* (first approved, first posted)",
        "Review drafts with `/spotlight drafts`",
    ] {
        assert!(en.contains(part), "{part:?} not in the English home: {en}");
    }
}

#[tokio::test]
async fn a_french_admin_forgets_someone_in_french_and_an_english_admin_is_told_in_english() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    add_sam(&app);
    // Sam becomes known as an admin (and in English) with a first command.
    said(&app, SAM, "help").await;
    said(&app, ADMIN, &format!("nominate <@{MARIA}|maria>")).await;

    // What goes, and the buttons, in French.
    let preview = said(&app, ADMIN, &format!("forget <@{MARIA}|maria>")).await;
    for part in [
        &format!("*Oublier <@{MARIA}> ?* Cela efface définitivement tout ce que Spotlight détient sur <@{MARIA}> :"),
        "• 1 histoire : histoire 1 (invitation envoyée)",
        "*Publications :* aucune.",
        "Rien n'est effacé tant que vous n'appuyez pas sur *Oublier*",
    ] {
        assert!(preview.contains(part), "{part:?} not in:\n{preview}");
    }
    let call = app.sim.calls_to("response_url").pop().unwrap();
    let labels: Vec<String> = call.args["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| {
            e.pointer("/text/text")
                .and_then(|t| t.as_str())
                .map(str::to_string)
        })
        .collect();
    assert_eq!(labels, ["Oublier", "Tout garder"]);

    // Confirmed: the result in French, never naming her.
    let replies = app.sim.calls_to("response_url").len();
    assert_eq!(app.click(ADMIN, "forget_confirm#0", MARIA).await, 200);
    let result = eventually("the result of the forgetting", || {
        app.sim
            .calls_to("response_url")
            .get(replies)
            .map(|c| c.args["text"].as_str().unwrap_or_default().to_string())
    })
    .await;
    assert!(
        result.starts_with("*Oubli effectué.* Spotlight ne détient plus rien sur cette personne. Effacé :\n• 1 histoire : histoire 1"),
        "{result}"
    );
    assert!(!result.contains(MARIA), "{result}");
    // Sam, who did not ask, reads nothing of it: only someone forgetting themselves
    // has the admins told. Maria asks for herself next time: Sam is told in English.
    said(&app, SAM, &format!("nominate <@{MARIA}|maria>")).await;
    said(&app, MARIA, "forget me").await;
    assert_eq!(app.click(MARIA, "forget_confirm#0", MARIA).await, 200);
    let told = app
        .dm_containing(SAM, "Someone asked to be forgotten, and was.")
        .await;
    assert!(
        told.contains("*Forgotten.* Spotlight no longer holds anything of this person."),
        "{told}"
    );
    let told = app
        .dm_containing(ADMIN, "Une personne a demandé à être oubliée, et l'a été.")
        .await;
    assert!(told.contains("*Oubli effectué.*"), "{told}");
}

#[tokio::test]
async fn the_console_speaks_the_language_spotlight_language_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = helpers::run(
        helpers::spotlight(dir.path())
            .env("SPOTLIGHT_LANGUAGE", "fr")
            .arg("--db")
            .arg(dir.path().join("spotlight.db"))
            .args(["console", "--clock", "2026-11-23T10:00:00Z"]),
        "/spotlight help\n/spotlight frobnicate\n/spotlight nominate @maria\n/spotlight status\n/help\n/now\n/as @bob\n/as bob\n/frob\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    for part in [
        "*Spotlight* interviewe les utilisateurs experts et partage leurs réussites.",
        "• `/spotlight nominate @personne [--set nom] [note]` : inviter un utilisateur expert à un entretien",
        "• `/spotlight forget me|@personne` : effacer tout ce que Spotlight détient sur vous",
        "Je ne connais pas la commande `frobnicate`",
        "Utilisation : `/spotlight help`",
        "est proposé(e) (histoire 1).",
        "*Pipeline Spotlight* : 1 en cours",
        "• Histoire 1 @maria : invitation envoyée ; attend le héros (pour commencer l'entretien) depuis 0 min",
        // The console's own words, around the bot's.
        "Commandes de la console :\n  /spotlight <commande>   une commande slash (essayez /spotlight help)",
        "L'horloge indique lun. 2026-11-23 10:00 UTC.",
        "Vous êtes maintenant @bob.",
        "Utilisation : /as @nom (par exemple /as @maria)",
        "Commande de console inconnue `/frob`.",
    ] {
        assert!(stdout.contains(part), "{part:?} not in the console's output:\n{stdout}");
    }
    assert!(!stdout.contains("show this help"), "{stdout}");
    assert!(!stdout.contains("Console commands"), "{stdout}");
}

#[tokio::test]
async fn a_storys_log_reads_in_each_admins_language_and_old_lines_as_they_were_written() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    add_sam(&app);
    app.published().await;
    // A line written before the log kept events: a sentence, shown as it is.
    crate::traces::execute(
        &app.db_url,
        "INSERT INTO story_events (story_id, at, actor, what)
         VALUES (1, '2026-11-01T09:00:00Z', 'spotlight', 'imported from the old log')",
        &[vec![]],
    );

    let en = said(&app, SAM, "history 1").await;
    let fr = said(&app, ADMIN, "history 1").await;
    let maria = format!("<@{MARIA}>");
    let admin = format!("<@{ADMIN}>");
    for (text, lines) in [
        (
            &en,
            [
                format!("{admin} nominated and invited"),
                format!("{maria} started the interview"),
                "Spotlight finished the interview: the draft is ready".to_string(),
                format!("{admin} sent it for the hero's approval"),
                format!("{maria} approved version 1"),
                "Spotlight queued it".to_string(),
                format!("Spotlight posted it to <#{WINS}>"),
            ],
        ),
        (
            &fr,
            [
                format!("{admin} a proposé et invité"),
                format!("{maria} a commencé l'entretien"),
                "Spotlight a terminé l'entretien : le brouillon est prêt".to_string(),
                format!("{admin} l'a envoyée au héros pour approbation"),
                format!("{maria} a approuvé la version 1"),
                "Spotlight l'a mise en file d'attente".to_string(),
                format!("Spotlight l'a publiée dans <#{WINS}>"),
            ],
        ),
    ] {
        let mut from = 0;
        for line in &lines {
            let at = text[from..]
                .find(line.as_str())
                .unwrap_or_else(|| panic!("{line:?} missing or out of order in:\n{text}"));
            from += at + line.len();
        }
        assert!(
            text.contains("Spotlight imported from the old log"),
            "{text}"
        );
        assert!(!text.contains("{\""), "a stored event shown raw:\n{text}");
    }
    assert!(!fr.contains("approved version"), "{fr}");

    // Publishing to a channel that isn't a destination: what to do, in French too.
    let refused = said(&app, ADMIN, "publish-next <#CNOPE001|nope>").await;
    assert!(
        refused.contains("n'est pas encore une destination Spotlight : ajoutez-la d'abord avec `/spotlight destination add <#CNOPE001>`"),
        "{refused}"
    );
}
