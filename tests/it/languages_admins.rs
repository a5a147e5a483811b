//! What admins read from Spotlight's edges in their Slack language: a French admin's
//! usage export is summed up, or refused line by line, in French; a destination that
//! refuses a story tells a French admin how to fix it in French; someone else's export
//! is refused in their own language. The file's own words (columns, values, names) are
//! quoted as they are.

use crate::slack::{spawn_app, ADMIN, BOB, WINS};
use crate::slack_files::send_file;

#[tokio::test]
async fn a_french_admins_export_is_summed_up_in_french() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    let csv = "Email,Team,Month,Logins\nmaria@example.com,EMEA,2026-09,5\nnobody@example.com,EMEA,2026-09,3\n";
    let reply = send_file(
        &app,
        ADMIN,
        "F0FR00001",
        "logins.csv",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert!(
        reply.contains(
            "*logins.csv* importé : 2 chiffres pour 2 personnes sur 1 période (indicateurs : Logins). 1 a été associée à un utilisateur Slack."
        ),
        "{reply}"
    );
    assert!(
        reply.contains(
            "Non associées à un utilisateur Slack (1 ; leurs chiffres sont gardés et affichés par nom) : nobody@example.com"
        ),
        "{reply}"
    );
    assert!(
        reply.contains("Voyez `/spotlight candidates` pour savoir qui mettre en avant ensuite."),
        "{reply}"
    );
    assert!(!reply.contains("Imported"), "nothing in English: {reply}");

    // Excel's semicolons: the note about how it was read is French too.
    let excel = "Email;Team;Month;Logins\nmaria@example.com;EMEA;2026-10;1,5\n";
    let reply = send_file(
        &app,
        ADMIN,
        "F0FR00002",
        "excel.csv",
        "text/csv",
        excel.as_bytes(),
    )
    .await;
    assert!(
        reply.contains(
            "Remarque : colonnes séparées par des points-virgules, nombres lus avec une virgule décimale (1.234,5)"
        ),
        "{reply}"
    );
}

#[tokio::test]
async fn a_french_admins_bad_file_is_refused_in_french_and_nothing_is_kept() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    // Bad lines: the refusal lists each, in French, the file's words as they are.
    app.command(ADMIN, "import --metric Logins").await;
    let bad = "Email,Team,Month,Logins\nana@x.com,EMEA,2026-09,lots\n,EMEA,2026-09,3\ncy@x.com,EMEA,bientôt,1\n";
    let reply = send_file(
        &app,
        ADMIN,
        "F0FR00003",
        "bad.csv",
        "text/csv",
        bad.as_bytes(),
    )
    .await;
    assert!(
        reply.contains("*bad.csv* n'a pas été importé (rien n'a été modifié), parce que :"),
        "{reply}"
    );
    assert!(
        reply.contains("• ligne 2 : Logins vaut « lots », ce n'est pas un nombre"),
        "{reply}"
    );
    assert!(
        reply.contains("• ligne 3 : l'utilisateur (Email) est vide"),
        "{reply}"
    );
    assert!(
        reply.contains("• ligne 4 : Month vaut « bientôt », ce n'est ni une date"),
        "{reply}"
    );
    assert!(
        reply.contains("Corrigez ces lignes et renvoyez le fichier."),
        "{reply}"
    );

    // A file that says it is a CSV but is a picture: refused, in French, as unreadable.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    let reply = send_file(&app, ADMIN, "F0FR00004", "usage.csv", "text/csv", png).await;
    assert!(
        reply.contains("*usage.csv* n'a pas été importé (rien n'a été modifié), parce que :"),
        "{reply}"
    );
    assert!(
        reply.contains("ligne 1 : aucune colonne d'utilisateur trouvée"),
        "{reply}"
    );

    let store = app.store().await;
    assert!(
        store.usage_records().await.unwrap().is_empty(),
        "nothing of a refused file is kept"
    );
}

#[tokio::test]
async fn an_export_from_someone_who_is_not_an_admin_is_refused_in_their_language() {
    let app = spawn_app().await;
    app.sim.set_locale(BOB, "fr-CA");
    let csv = "Email,Month,Logins\nbob@example.com,2026-09,5\n";
    let reply = send_file(
        &app,
        BOB,
        "F0FR00005",
        "mine.csv",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert!(
        reply.starts_with(
            "Seuls les admins Spotlight peuvent importer des données d'usage : je n'ai donc ni lu ni gardé ce fichier. S'il doit être importé, demandez à un admin de me l'envoyer."
        ),
        "{reply}"
    );
    // Nothing was downloaded.
    assert!(app
        .sim
        .calls_to("files.info")
        .iter()
        .all(|c| c.args["file"] != "F0FR00005"));
}

#[tokio::test]
async fn a_french_admin_is_told_in_french_how_to_fix_a_channel_that_refuses_a_story() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    app.sim.set_member(WINS, false);
    app.approved().await;
    let fix = format!(
        "le bot n'est pas membre de <#{WINS}> : invitez-le avec `/invite @Spotlight` dans le canal"
    );
    let reply = app.command(ADMIN, "publish-next").await;
    assert!(reply.contains(&fix), "{reply}");
    assert!(!reply.contains("is not a member"), "{reply}");
    // Told again with the channel on hold, the fix in French.
    let told = app.dm_containing(ADMIN, &fix).await;
    assert!(told.contains(&format!("<#{WINS}>")), "{told}");
    assert!(app.sim.messages(WINS).is_empty());
}

#[tokio::test]
async fn adding_a_chatter_group_that_is_not_set_up_tells_a_french_admin_what_to_set_up() {
    let app = spawn_app().await;
    app.sim.set_locale(ADMIN, "fr-FR");
    let reply = app
        .command(ADMIN, "destination add chatter 0F9000000000001")
        .await;
    assert!(
        reply.contains(
            "Chatter n'est pas configuré : définissez SPOTLIGHT_SALESFORCE_URL, SPOTLIGHT_SALESFORCE_CLIENT_ID et SPOTLIGHT_SALESFORCE_CLIENT_SECRET"
        ),
        "{reply}"
    );
}
