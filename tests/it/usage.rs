//! Usage data: `spotlight import-usage` on good, messy and bad exports, emails matched to
//! Slack users, and `/spotlight candidates` ranking on a crafted data set.

use crate::helpers;

use crate::slack_sim::SlackSim;

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn spotlight(dir: &std::path::Path, args: &[&str], envs: &[(&str, &str)], stdin: &str) -> Run {
    let mut cmd = helpers::spotlight(dir);
    cmd.arg("--db").arg(dir.join("u.db")).args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = helpers::run(&mut cmd, stdin);
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A Salesforce-style report saved as CSV: BOM, quoted commas, blank lines, extra columns.
const MESSY: &str = "\u{feff}User,Team,Month,Logins,\"Opportunities Updated\",Notes\r\n\
    @ana,EMEA,2026-09,20,\"1,200\",\"likes dashboards, a lot\"\r\n\
    @bo,EMEA,2026-09,2,10,\r\n\
    \r\n\
    @cy,APAC,2026-09,15,800,\r\n\
    @di,APAC,2026-09,1,5,\r\n\
    @ana,EMEA,2026-10,22,1300,\r\n\
    @bo,EMEA,2026-10,3,12,\r\n\
    @cy,APAC,2026-10,4,40,\r\n\
    @di,APAC,2026-10,0,0,\r\n";

#[test]
fn a_messy_export_is_imported_and_candidates_rank_the_consistent_leader_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("usage.csv"), MESSY).unwrap();
    let run = spotlight(dir.path(), &["import-usage", "usage.csv"], &[], "");
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("imported 16 figures for 4 people over 2 periods (metrics: Logins, Opportunities Updated)"), "{}", run.stdout);

    let run = spotlight(
        dir.path(),
        &["console", "--clock", "2026-11-23T10:00:00Z"],
        &[],
        "/spotlight candidates\n",
    );
    assert!(run.ok, "{}", run.stderr);
    let out = run.stdout;
    let ana = out
        .find("1. @ana (EMEA): top in 2 of 2 periods, 100% of the best")
        .expect(&out);
    let cy = out.find("2. @cy (APAC)").expect(&out);
    assert!(ana < cy);
    assert!(out.contains("[1] Nominate Ana"), "{out}");
    assert!(
        out.contains("• APAC: 22.0 (2 people)"),
        "lagging group first: {out}"
    );

    // One click nominates; Ana is then featured and no longer a candidate.
    let run = spotlight(
        dir.path(),
        &["console"],
        &[],
        "/spotlight candidates\n1\n/spotlight candidates\n",
    );
    assert!(run.stdout.contains("Nominated @ana"), "{}", run.stdout);
    let last = &run.stdout[run.stdout.rfind("Likely power users").unwrap()..];
    assert!(!last.contains("@ana"), "{last}");
}

#[test]
fn a_file_with_bad_lines_is_refused_line_by_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.csv"),
        "user,team,month,logins\n@ana,EMEA,2026-09,5\n",
    )
    .unwrap();
    assert!(spotlight(dir.path(), &["import-usage", "good.csv"], &[], "").ok);
    std::fs::write(
        dir.path().join("bad.csv"),
        "user,team,month,logins\n@ana,EMEA,2026-10,50\n,EMEA,2026-10,3\n@bo,EMEA,2026-10,many\n",
    )
    .unwrap();
    let run = spotlight(
        dir.path(),
        &["import-usage", "bad.csv", "--metric", "logins"],
        &[],
        "",
    );
    assert!(!run.ok);
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("line 3: the user (user) is empty"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("line 4: logins is \"many\", not a number"),
        "{}",
        run.stderr
    );
    // Ana's good line from the bad file was not imported either.
    let run = spotlight(dir.path(), &["console"], &[], "/spotlight candidates\n");
    assert!(
        run.stdout.contains("top in 1 of 1 periods"),
        "{}",
        run.stdout
    );

    let run = spotlight(dir.path(), &["import-usage", "missing.csv"], &[], "");
    assert!(
        !run.ok && run.stderr.contains("failed to read missing.csv"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn emails_are_matched_to_slack_users_and_the_rest_are_reported() {
    let sim = SlackSim::start("xoxb-usage", "xapp-usage").await;
    sim.add_user(
        "UANA0001",
        "ana",
        "Ana Lima",
        Some("ana@example.com"),
        false,
        "UTC",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("u.csv"),
        "Email,Region,Week,Records created\nana@example.com,LATAM,2026-W40,30\nghost@example.com,LATAM,2026-W40,3\n",
    )
    .unwrap();
    let api = sim.api_url();
    let path = dir.path().to_path_buf();
    let run = tokio::task::spawn_blocking(move || {
        spotlight(
            &path,
            &["import-usage", "u.csv"],
            &[("SLACK_BOT_TOKEN", "xoxb-usage"), ("SLACK_API_URL", &api)],
            "",
        )
    })
    .await
    .unwrap();
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("1 people could not be matched to a Slack user"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("ghost@example.com"), "{}", run.stdout);
    assert_eq!(sim.calls_to("users.lookupByEmail").len(), 2);
}

#[test]
fn the_report_shows_reach_conversation_and_the_audience_before_and_after_a_story() {
    let dir = tempfile::tempdir().unwrap();
    let session = "/spotlight channel add #emea-sales\n\
        /spotlight audience #emea-sales EMEA\n\
        /spotlight nominate @maria\n/as @maria\n1\nI sort my pipeline on Fridays.\nTwo hours a week.\nskip\nSort yours on Friday.\nFridays, sorted\n\
        /as @admin\n/spotlight approve 1\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n";
    let run = spotlight(
        dir.path(),
        &["console", "--clock", "2026-11-23T10:00:00Z"],
        &[],
        session,
    );
    assert!(
        run.ok && run.stdout.contains("Posted story 1 to #emea-sales"),
        "{}",
        run.stdout
    );
    std::fs::write(
        dir.path().join("usage.csv"),
        "user,team,month,logins\n@bo,EMEA,2026-10,2\n@cy,EMEA,2026-10,4\n@bo,EMEA,2026-11,10\n@cy,EMEA,2026-11,20\n@zed,APAC,2026-11,99\n",
    )
    .unwrap();
    assert!(spotlight(dir.path(), &["import-usage", "usage.csv"], &[], "").ok);

    let md = spotlight(dir.path(), &["report"], &[], "");
    assert!(md.ok, "{}", md.stderr);
    assert!(md.stdout.contains("| 1 | Maria | Fridays, sorted | 2026-11-23 | #emea-sales | n/a | 0 | 0 | 0 | EMEA: 3.0 before → 15.0 since |"), "{}", md.stdout);
    assert!(md.stdout.contains("not its cause"), "{}", md.stdout);

    let csv = spotlight(
        dir.path(),
        &["report", "--format", "csv", "--out", "report.csv"],
        &[],
        "",
    );
    assert!(csv.ok, "{}", csv.stderr);
    let written = std::fs::read_to_string(dir.path().join("report.csv")).unwrap();
    assert!(written.starts_with("story,hero,headline,published,channels,members,reactions,replies,people,audience,before,since\n"), "{written}");
    assert!(
        written
            .contains("1,Maria,\"Fridays, sorted\",2026-11-23,#emea-sales,,0,0,0,EMEA,3.00,15.00"),
        "{written}"
    );

    let slack = spotlight(
        dir.path(),
        &["console"],
        &[],
        "/spotlight report\n/spotlight channels\n",
    );
    assert!(
        slack
            .stdout
            .contains("Story 1 (Maria), 2026-11-23: “Fridays, sorted” in #emea-sales"),
        "{}",
        slack.stdout
    );
    assert!(slack.stdout.contains("read by EMEA"), "{}", slack.stdout);

    let chart = spotlight(dir.path(), &["report", "--chart", "adoption.png"], &[], "");
    assert!(chart.ok, "{}", chart.stderr);
    let png = std::fs::read(dir.path().join("adoption.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert!(png.len() > 10_000, "a real picture, {} bytes", png.len());

    let bad = spotlight(dir.path(), &["report", "--format", "pdf"], &[], "");
    assert!(!bad.ok && bad.stderr.contains("pdf"), "{}", bad.stderr);
}
