//! Usage data: `spotlight import-usage` on exports shaped as Salesforce and Excel write
//! them (tests/data/usage: a Classic export with its footer, a Lightning export with month
//! names, Excel's semicolon Windows-1252 and UTF-16 files, ambiguous dates), on messy and
//! bad files; emails matched to Slack users; `/spotlight candidates` (the top user, the
//! lagging group, its best peer) and the before/after of `spotlight report`.

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
    // The lagging group's own best peers come first, then the best overall.
    assert!(
        out.contains("[1] Nominate Cy  [2] Nominate Di  [3] Nominate Ana"),
        "{out}"
    );
    // October: Cy has 4/22 of the best logins and 40/1300 of the best updates, Di none.
    assert!(
        out.contains("• APAC: 5.3% (2 people)"),
        "lagging group first: {out}"
    );
    assert!(
        out.contains("• APAC (2 people, 5% of the best per person):\n      1. @cy (APAC)"),
        "APAC's own best peer first: {out}"
    );

    // One click nominates; Ana is then featured and no longer a candidate.
    let run = spotlight(
        dir.path(),
        &["console"],
        &[],
        "/spotlight candidates\n3\n/spotlight candidates\n",
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
    publish_to_emea(dir.path());
    std::fs::write(
        dir.path().join("usage.csv"),
        "user,team,month,logins\n@bo,EMEA,2026-10,2\n@cy,EMEA,2026-10,4\n@bo,EMEA,2026-11,10\n@cy,EMEA,2026-11,20\n@zed,APAC,2026-11,99\n",
    )
    .unwrap();
    assert!(spotlight(dir.path(), &["import-usage", "usage.csv"], &[], "").ok);

    let md = spotlight(dir.path(), &["report"], &[], "");
    assert!(md.ok, "{}", md.stderr);
    // November holds the publication: it counts on neither side, and nothing is after it.
    assert!(md.stdout.contains("| 1 | Maria | Fridays, sorted | 2026-11-23 | #emea-sales | n/a | 0 | 0 | 0 | EMEA: not enough data yet (no period wholly after publication, publication period 2026-11 apart) |"), "{}", md.stdout);
    assert!(md.stdout.contains("not its cause"), "{}", md.stdout);

    let csv = spotlight(
        dir.path(),
        &["report", "--format", "csv", "--out", "report.csv"],
        &[],
        "",
    );
    assert!(csv.ok, "{}", csv.stderr);
    let written = std::fs::read_to_string(dir.path().join("report.csv")).unwrap();
    assert!(written.starts_with("story,hero,headline,published,channels,members,reactions,replies,people,audience,measure,periods_before,before,publication_period,during,periods_after,after,change,others,others_change,difference\n"), "{written}");
    assert!(
        written.contains(
            "1,Maria,\"Fridays, sorted\",2026-11-23,#emea-sales,,0,0,0,EMEA,logins,2026-10,3.00,2026-11,15.00,0,not enough data yet,,APAC,,"
        ),
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

/// Copies a fixture from tests/data/usage into `dir`.
fn fixture(dir: &std::path::Path, name: &str) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name);
    std::fs::copy(&from, dir.join(name)).expect("fixture copied");
}

/// `spotlight import-usage` of a fixture, as an admin runs it; its report, checked to
/// start with `imported`.
fn import_fixture(dir: &std::path::Path, name: &str) -> String {
    fixture(dir, name);
    let run = spotlight(dir, &["import-usage", name], &[], "");
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.starts_with("imported "), "{}", run.stdout);
    run.stdout
}

#[test]
fn a_salesforce_classic_export_gives_the_top_user_the_lagging_group_and_its_best_peer() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_fixture(dir.path(), "salesforce_classic_activity.csv");
    assert!(
        out.contains(
            "imported 96 figures for 8 people over 6 periods (metrics: Calls Logged, Emails Sent)"
        ),
        "{out}"
    );
    assert!(
        out.contains("note: skipped the report's footer (line 51–54: Grand Totals (48 records); Confidential Information - Do Not Distribute; Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.)"),
        "{out}"
    );
    assert!(
        !out.contains("counts 48 records"),
        "the count agrees: {out}"
    );

    let run = spotlight(dir.path(), &["console"], &[], "/spotlight candidates\n");
    assert!(run.ok, "{}", run.stderr);
    let out = run.stdout;
    // The latest week is 10/12 (Inside Sales lowest), not 9/28 as text would have it
    // (Channel Partners lowest then).
    let lagging = out
        .find("• Inside Sales (3 people")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(!out.contains("• Channel Partners (2 people"), "{out}");
    // Carla leads Inside Sales on calls; Dev's emails (hundreds) don't outweigh it.
    assert!(
        out[lagging..].contains(
            "\n      1. carla.diaz@acme.com (not matched to a Slack user) (Inside Sales)"
        ),
        "{out}"
    );
    assert!(
        out.contains("\n  1. ana.lima@acme.com (not matched to a Slack user) (Enterprise Sales): top in 6 of 6 periods, 100% of the best"),
        "{out}"
    );
    assert!(
        !out.contains("integration@"),
        "system accounts are no candidates: {out}"
    );
    assert!(!out.contains("Grand Totals"), "{out}");
}

#[test]
fn admins_are_never_candidates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("u.csv"),
        "user,team,week,logins\n@admin,Ops,2026-W40,99\n@ana,Ops,2026-W40,20\n@bo,Ops,2026-W40,3\n",
    )
    .unwrap();
    assert!(spotlight(dir.path(), &["import-usage", "u.csv"], &[], "").ok);
    let run = spotlight(dir.path(), &["console"], &[], "/spotlight candidates\n");
    assert!(
        run.stdout
            .contains("\n  1. @ana (Ops): top in 0 of 1 periods, 20% of the best"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("@admin (Ops)"), "{}", run.stdout);
}

#[test]
fn excel_semicolon_windows_1252_and_utf16_files_are_read_as_excel_wrote_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_fixture(dir.path(), "excel_semicolon_windows1252.csv");
    for want in [
        "imported 12 figures for 3 people over 2 periods (metrics: Calls, Revenue)",
        "note: read as Windows-1252",
        "note: columns separated by semicolons, numbers read with a decimal comma",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    let run = spotlight(dir.path(), &["console"], &[], "/spotlight candidates\n");
    // Zoë leads both weeks on calls and on revenue (2.100,00 is two thousand one hundred).
    assert!(
        run.stdout.contains("\n  1. zoë.müller@acme.de (not matched to a Slack user) (Vertrieb Süd): top in 2 of 2 periods, 100% of the best"),
        "{}",
        run.stdout
    );

    let out = import_fixture(dir.path(), "excel_unicode_text_weeks.txt");
    for want in [
        "imported 12 figures for 2 people over 6 periods (metrics: Dashboards Viewed)",
        "note: read as UTF-16LE",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
}

#[test]
fn dates_that_read_both_ways_are_refused_until_the_admin_says_which() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path(), "ambiguous_dates.csv");
    let run = spotlight(
        dir.path(),
        &["import-usage", "ambiguous_dates.csv"],
        &[],
        "",
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("line 2: the dates in Date read both month/day and day/month (\"3/4/2026\" is one of them): say which with --date-order mdy"),
        "{}",
        run.stderr
    );
    let run = spotlight(
        dir.path(),
        &["import-usage", "ambiguous_dates.csv", "--date-order", "dmy"],
        &[],
        "",
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("over 2 periods"), "{}", run.stdout);
    let run = spotlight(
        dir.path(),
        &["import-usage", "ambiguous_dates.csv", "--date-order", "ymd"],
        &[],
        "",
    );
    assert!(!run.ok && run.stderr.contains("say mdy"), "{}", run.stderr);
}

/// A console session that publishes Maria's story to #emea-sales, read by EMEA, on
/// Monday 23 November 2026 at 10:00 UTC.
fn publish_to_emea(dir: &std::path::Path) {
    publish_to_emea_headed(dir, "Fridays, sorted");
}

/// The same, with the headline Maria proposes.
fn publish_to_emea_headed(dir: &std::path::Path, headline: &str) {
    let session = format!("/spotlight channel add #emea-sales\n\
        /spotlight audience #emea-sales EMEA\n\
        /spotlight nominate @maria\n/as @maria\n1\nI sort my pipeline on Fridays.\nTwo hours a week.\nskip\nSort yours on Friday.\n{headline}\n\
        /as @admin\n/spotlight approve 1\n/as @maria\nApprove\n/as @admin\n/spotlight publish-next\n");
    let run = spotlight(
        dir,
        &["console", "--clock", "2026-11-23T10:00:00Z"],
        &[],
        &session,
    );
    assert!(
        run.ok && run.stdout.contains("Posted story 1 to #emea-sales"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_month_holding_the_publication_is_shown_apart_and_counts_on_neither_side() {
    let dir = tempfile::tempdir().unwrap();
    publish_to_emea(dir.path());
    fixture(dir.path(), "salesforce_lightning_monthly.csv");
    // First only the months up to November have arrived: nothing is wholly after.
    let full =
        std::fs::read_to_string(dir.path().join("salesforce_lightning_monthly.csv")).unwrap();
    let partial: String = full
        .split_inclusive('\n')
        .filter(|l| !l.contains("December 2026") && !l.contains("January 2027"))
        .collect();
    std::fs::write(dir.path().join("partial.csv"), partial).unwrap();
    assert!(spotlight(dir.path(), &["import-usage", "partial.csv"], &[], "").ok);
    let md = spotlight(dir.path(), &["report"], &[], "");
    assert!(
        md.stdout.contains("EMEA: not enough data yet (no period wholly after publication, publication period 2026-11 apart)"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| Logins | 4.0 | 40.0 | not enough data yet | n/a |"),
        "{}",
        md.stdout
    );

    let out = import_fixture(dir.path(), "salesforce_lightning_monthly.csv");
    assert!(out.contains("over 6 periods"), "{out}");
    let md = spotlight(dir.path(), &["report"], &[], "").stdout;
    // EMEA: 4 logins a person in August-October, 40 in November (the story's month),
    // 10 in December and January. APAC, with no story: 5, then 6.
    assert!(md.contains("Wholly before (the last 3 at most): 2026-08, 2026-09, 2026-10. Containing the publication (2026-11-23 10:00 UTC), shown apart: 2026-11. Wholly after: 2 (2026-12, 2027-01). Compared with groups without a story then: APAC."), "{md}");
    assert!(
        md.contains("| Logins | 4.0 | 40.0 | 10.0 | +6.0 | +1.0 | +5.0 |"),
        "{md}"
    );
    assert!(
        md.contains("| Records Updated | 20.0 | 200.0 | 50.0 | +30.0 | +6.0 | +24.0 |"),
        "{md}"
    );
    // Combined: each metric over its average per person and month (Logins 208/24,
    // Records Updated 1104/24), then averaged.
    assert!(
        md.contains("EMEA: 0.45 before (3 periods) → 1.12 after (2 periods), +0.67; groups without a story +0.12, difference +0.55, publication period 2026-11 apart"),
        "the combined summary: {md}"
    );
    assert!(md.contains("not its cause"), "{md}");
    let slack = spotlight(dir.path(), &["console"], &[], "/spotlight report\n").stdout;
    assert!(
        slack.contains("EMEA: ") && slack.contains("(2 periods)"),
        "{slack}"
    );

    let chart = spotlight(dir.path(), &["report", "--chart", "adoption.png"], &[], "");
    assert!(chart.ok, "{}", chart.stderr);
    let png = std::fs::read(dir.path().join("adoption.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    if let Ok(keep) = std::env::var("SPOTLIGHT_KEEP_CHART") {
        std::fs::copy(dir.path().join("adoption.png"), keep).unwrap();
    }

    // A French workspace reads the report and the chart in French, its numbers with a
    // decimal comma; the groups and metrics keep the file's names.
    let fr = [("SPOTLIGHT_LANGUAGE", "fr")];
    let md = spotlight(dir.path(), &["report"], &fr, "").stdout;
    assert!(
        md.contains("EMEA : 0,45 avant (3 périodes) → 1,12 après (2 périodes), +0,67 ; groupes sans histoire +0,12, différence +0,55, période de publication 2026-11 à part"),
        "{md}"
    );
    assert!(
        md.contains("| Par personne | Avant | Période de publication | Après | Évolution | Évolution des autres | Différence |"),
        "{md}"
    );
    assert!(
        md.contains("| Logins | 4,0 | 40,0 | 10,0 | +6,0 | +1,0 | +5,0 |"),
        "{md}"
    );
    assert!(md.contains("pas sa cause"), "{md}");
    let chart = spotlight(
        dir.path(),
        &["report", "--chart", "adoption-fr.png"],
        &fr,
        "",
    );
    assert!(chart.ok, "{}", chart.stderr);
    let french = std::fs::read(dir.path().join("adoption-fr.png")).unwrap();
    assert_eq!(&french[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert_ne!(french, png, "its words are not the English ones");
    if let Ok(keep) = std::env::var("SPOTLIGHT_KEEP_CHART") {
        std::fs::copy(dir.path().join("adoption-fr.png"), format!("{keep}.fr.png")).unwrap();
    }
}

#[test]
fn iso_weeks_have_a_before_and_an_after() {
    let dir = tempfile::tempdir().unwrap();
    publish_to_emea(dir.path());
    import_fixture(dir.path(), "excel_unicode_text_weeks.txt");
    let md = spotlight(dir.path(), &["report", "--format", "csv"], &[], "").stdout;
    assert!(
        md.contains("EMEA,Dashboards Viewed,2026-W45 2026-W46 2026-W47,3.00,2026-W48,30.00,2,9.00,6.00,APAC,1.00,5.00"),
        "{md}"
    );
}

#[test]
fn a_headline_a_spreadsheet_would_run_is_written_as_text_in_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    publish_to_emea_headed(dir.path(), "=HYPERLINK(\"http://x.test\",\"Fridays\")");
    let csv = spotlight(dir.path(), &["report", "--format", "csv"], &[], "");
    assert!(csv.ok, "{}", csv.stderr);
    assert!(
        csv.stdout
            .contains("1,Maria,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"Fridays\"\")\",2026-11-23,"),
        "{}",
        csv.stdout
    );
    assert!(!csv.stdout.contains(",\"=HYPERLINK"), "{}", csv.stdout);
}
