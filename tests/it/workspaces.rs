//! Several workspaces on one database address: each one's data apart from the others'
//! (a file of its own beside the SQLite database, a schema of its own in the Postgres
//! one), each with its own prompts if it has them, chosen with `--workspace`.

use std::path::Path;

use crate::helpers;

const INTERVIEW_TOML: &str = include_str!("../../prompts/interview.toml");
const FIRST_QUESTION: &str =
    "What's the one thing you do in the tool, day to day, that your colleagues don't (yet)?";
const OWN_QUESTION: &str = "Which report do you open first every Monday, and why?";

/// Runs the console in `dir` on `db`, in `workspace` if given, with `script`.
fn console(dir: &Path, db: &str, workspace: Option<&str>, script: &str) -> (bool, String, String) {
    let mut cmd = helpers::spotlight(dir);
    cmd.arg("--db").arg(db);
    if let Some(team) = workspace {
        cmd.args(["--workspace", team]);
    }
    cmd.args(["console", "--clock", "2026-11-23T10:00:00Z"]);
    let out = helpers::run(&mut cmd, script);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Nominates Maria in `workspace` and starts her interview; what the console printed.
fn nominate_maria(dir: &Path, db: &str, workspace: Option<&str>) -> String {
    let (ok, out, err) = console(
        dir,
        db,
        workspace,
        "/spotlight nominate @maria best pipeline hygiene\n/as @maria\nStart now\n",
    );
    assert!(ok, "{out}\n{err}");
    out
}

/// The admin's `/spotlight status` in `workspace`.
fn status(dir: &Path, db: &str, workspace: Option<&str>) -> String {
    let (ok, out, err) = console(dir, db, workspace, "/spotlight status\n");
    assert!(ok, "{out}\n{err}");
    out
}

/// The files in `dir` whose names start with `spotlight.`, sorted.
fn database_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("spotlight.") && n.ends_with(".db"))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn each_workspace_keeps_its_own_data_beside_the_database_and_may_have_its_own_questions() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("prompts").join("T0B");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("interview.toml"),
        INTERVIEW_TOML.replacen(FIRST_QUESTION, OWN_QUESTION, 1),
    )
    .unwrap();
    let db = "spotlight.db";

    let a = nominate_maria(dir.path(), db, Some("T0A"));
    assert!(a.contains(FIRST_QUESTION), "{a}");
    let b = nominate_maria(dir.path(), db, Some("T0B"));
    assert!(b.contains(OWN_QUESTION), "workspace T0B asks its own: {b}");
    assert!(!b.contains(FIRST_QUESTION), "{b}");
    assert_eq!(
        database_files(dir.path()),
        ["spotlight.T0A.db", "spotlight.T0B.db"],
        "each workspace's data is a file of its own beside the database"
    );

    // Each sees its own story only; the database's own data has none.
    let in_a = status(dir.path(), db, Some("T0A"));
    assert!(in_a.contains("@maria"), "{in_a}");
    let main = status(dir.path(), db, None);
    assert!(!main.contains("@maria"), "{main}");
    // T0B's Maria goes on with T0B's questions, where she was.
    let (ok, out, err) = console(
        dir.path(),
        db,
        Some("T0B"),
        "/as @maria\nThe Monday forecast report, it shows me the gaps.\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("*Question 2 of 5*"), "{out}");
    let in_a_again = status(dir.path(), db, Some("T0A"));
    assert_eq!(in_a, in_a_again, "T0B's answers changed nothing in T0A");
}

#[tokio::test]
async fn a_workspace_that_is_not_a_slack_id_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["../T1", "t0a", "T0A;x"] {
        let (ok, out, err) = console(dir.path(), "spotlight.db", Some(bad), "/spotlight status\n");
        assert!(!ok, "{bad} taken: {out}");
        assert!(err.contains("is not a Slack workspace ID"), "{err}");
        assert!(err.contains("such as T0123ABCD"), "{err}");
    }
    assert!(database_files(dir.path()).is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // serve serves every workspace; --workspace is for the other commands.
    let out = helpers::run(
        helpers::spotlight(dir.path()).args(["--workspace", "T0A", "serve"]),
        "",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--workspace (SPOTLIGHT_WORKSPACE)"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
