//! The rules in ARCHITECTURE.md that are absences, checked on the source.

use std::path::Path;

fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    out
}

fn src(sub: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

#[test]
fn the_domain_does_no_io_and_never_reads_the_clock() {
    for (path, text) in rust_files(&src("domain")) {
        for banned in [
            "tokio",
            "sqlx",
            "slack_morphism",
            "Utc::now",
            "Local::now",
            "std::fs",
            "std::net",
            "SystemTime",
        ] {
            assert!(!text.contains(banned), "{path} mentions {banned}");
        }
    }
}

#[test]
fn nothing_but_the_store_writes_sql() {
    for (path, text) in rust_files(&src("")) {
        if path.contains("/store/") {
            continue;
        }
        assert!(!text.contains("sqlx::query"), "{path} runs SQL");
    }
}

#[test]
fn only_the_slack_adapter_names_slack_morphism() {
    for (path, text) in rust_files(&src("")) {
        if path.contains("/slack/") {
            continue;
        }
        assert!(
            !text.contains("slack_morphism"),
            "{path} names slack_morphism"
        );
    }
}

#[test]
fn every_module_starts_with_a_line_saying_its_role() {
    for (path, text) in rust_files(&src("")) {
        assert!(text.starts_with("//!"), "{path} has no //! header");
    }
}

#[test]
fn the_delivery_adapters_depend_on_the_port_and_the_engine_on_no_adapter() {
    let mut adapters = rust_files(&src("destinations"));
    for file in ["delivery.rs", "slack/transport.rs", "slack/blocks.rs"] {
        let path = src(file);
        adapters.push((
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        ));
    }
    for (path, text) in adapters {
        for banned in ["crate::app", "super::app", "spotlight::app"] {
            assert!(!text.contains(banned), "{path} depends on the engine");
        }
    }
    for (path, text) in rust_files(&src("app")) {
        for banned in ["crate::destinations", "crate::slack", "crate::console"] {
            assert!(!text.contains(banned), "{path} names an adapter ({banned})");
        }
    }
}
