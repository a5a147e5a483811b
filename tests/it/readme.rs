//! README.md stays true: its worked console session is replayed and must print the same.

use crate::helpers;

#[test]
fn the_worked_session_in_the_readme_is_what_the_console_prints() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("<!-- worked-session:start -->\n```text\n")
        .expect("session start marker");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let expected = &block[..block.find("\n```").expect("session end")];

    // Every line that starts with a prompt is something the reader typed.
    let script: String = expected
        .lines()
        .filter_map(|l| {
            let (who, rest) = l.split_once("> ")?;
            (who.starts_with('@') && !who.contains(' ')).then(|| format!("{rest}\n"))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = helpers::run(
        helpers::spotlight(dir.path()).args([
            "--db",
            "readme.db",
            "console",
            "--clock",
            "2026-11-23T10:00:00Z",
        ]),
        &script,
    );
    assert!(out.status.success());
    let actual = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        actual.trim_end(),
        expected.trim_end(),
        "README's worked session is out of date"
    );
}
