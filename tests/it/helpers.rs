//! Running the `spotlight` binary the way a person does: from a folder of its own, with
//! none of the test runner's Spotlight or Slack settings leaking in.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `spotlight`, run in `dir`, with a clean Spotlight environment.
pub fn spotlight(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_spotlight"));
    cmd.current_dir(dir).env_remove("DATABASE_URL");
    for (k, _) in std::env::vars() {
        if k.starts_with("SPOTLIGHT_") || k.starts_with("SLACK_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// Runs `cmd` with `stdin` piped in, and waits for it.
pub fn run(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spotlight starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("spotlight finishes")
}
