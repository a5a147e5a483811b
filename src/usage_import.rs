//! `spotlight import-usage`: reading a usage export and storing it, matching people to
//! Slack users. The file's bytes are decoded here (UTF-8, UTF-16, Windows-1252) and read
//! by `domain::usage`. A file with any bad line changes nothing. The Slack adapter imports
//! an admin's uploaded file through `import_bytes`, with the same checks.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Utc};

use crate::domain::texts::{Arg, Texts};
use crate::domain::usage::{self, ColumnHints, LineError, Note};
use crate::domain::UserId;
use crate::store::Store;

/// What an import did, for the person who ran it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub figures: usize,
    pub people: usize,
    pub periods: usize,
    pub metrics: Vec<String>,
    /// What was skipped or assumed on the way (a report footer, an encoding).
    pub notes: Vec<Note>,
    /// People named in the file who could not be matched to a Slack user.
    pub unmatched: Vec<String>,
}

impl ImportReport {
    /// What the import did, in `lang`, as `spotlight import-usage` prints it.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        let mut out = texts.get(
            lang,
            "import-usage-done",
            &[
                ("figures", Arg::from(self.figures)),
                ("people", Arg::from(self.people)),
                ("periods", Arg::from(self.periods)),
                ("metrics", Arg::from(&self.metrics.join(", "))),
            ],
        );
        for note in &self.notes {
            out.push('\n');
            out.push_str(&texts.get(
                lang,
                "import-usage-note",
                &[("note", Arg::from(&note.text(texts, lang)))],
            ));
        }
        if !self.unmatched.is_empty() {
            out.push('\n');
            out.push_str(&texts.get(
                lang,
                "import-usage-unmatched",
                &[
                    ("count", Arg::from(self.unmatched.len())),
                    ("people", Arg::from(&self.unmatched.join(", "))),
                ],
            ));
        }
        out
    }
}

/// A person named directly as a Slack user (`U0123ABC`, `<@U0123ABC>`) or a console
/// handle (`@maria`); None for anything else (emails, names).
pub fn direct_user(key: &str) -> Option<UserId> {
    let k = key.trim();
    let slack_id = k.len() >= 3
        && (k.starts_with('U') || k.starts_with('W'))
        && k.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if k.starts_with("<@") || (k.starts_with('@') && !k[1..].contains('@')) || slack_id {
        UserId::parse(k).ok()
    } else {
        None
    }
}

/// Reads `path`, matches people (emails through `lookup`, when given) and stores the
/// figures. A file with bad lines is `Ok(Err(Refused))` and changes nothing.
pub async fn import<F, Fut>(
    store: &Store,
    path: &Path,
    hints: &ColumnHints,
    lookup: Option<F>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<ImportReport, Refused>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<String>>>,
{
    let bytes =
        std::fs::read(path).with_context(|| format!("failed to read {}", path.display()))?;
    let name = path.display().to_string();
    import_bytes(store, &name, &bytes, hints, lookup, now).await
}

/// Why a file was not imported (nothing was changed): its bad lines, line-numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The file as the person knows it (a path, or the name it was uploaded under).
    pub file: String,
    /// What is wrong, line by line (or about the whole file).
    pub lines: Vec<LineError>,
}

impl Refused {
    /// Why nothing was imported, in `lang`, as `spotlight import-usage` prints it.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        let mut out = texts.get(
            lang,
            "import-usage-refused",
            &[("file", Arg::from(&self.file))],
        );
        for line in &self.lines {
            out.push_str("\n  ");
            out.push_str(&line.text(texts, lang));
        }
        out
    }
}

/// Imports a file's bytes (`name` is how the person knows it): decoded, parsed, people
/// matched (emails through `lookup`, when given), stored all or nothing. A file with bad
/// lines is `Ok(Err(Refused))` and changes nothing; `Err` is a failure to look people up
/// or to store.
pub async fn import_bytes<F, Fut>(
    store: &Store,
    name: &str,
    bytes: &[u8],
    hints: &ColumnHints,
    lookup: Option<F>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<ImportReport, Refused>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<String>>>,
{
    match read_and_match(name, bytes, hints, lookup).await? {
        Ok(matched) => Ok(Ok(store_matched(store, matched, now).await?)),
        Err(refused) => Ok(Err(refused)),
    }
}

/// A file read and its people matched, not yet stored: the network's part of an import
/// (looking emails up in Slack), done before the store's.
#[derive(Debug, Clone)]
pub struct Matched {
    records: Vec<usage::UsageRecord>,
    people: usize,
    /// The people matched to Slack users: as written in the file → user id.
    matched: HashMap<String, String>,
    unmatched: Vec<String>,
    metrics: Vec<String>,
    notes: Vec<Note>,
}

/// Decodes and parses a file's bytes and matches its people (emails through `lookup`,
/// when given); stores nothing. A file with bad lines is `Ok(Err(Refused))`.
pub async fn read_and_match<F, Fut>(
    name: &str,
    bytes: &[u8],
    hints: &ColumnHints,
    lookup: Option<F>,
) -> anyhow::Result<Result<Matched, Refused>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<String>>>,
{
    let (text, encoding) = usage::decode(bytes);
    let parsed = match usage::parse_csv(&text, hints) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return Ok(Err(Refused {
                file: name.to_string(),
                lines: errors,
            }))
        }
    };
    let usage::Parsed {
        columns,
        records,
        notes: parsed_notes,
    } = parsed;
    let notes: Vec<Note> = encoding.into_iter().chain(parsed_notes).collect();
    let people: BTreeSet<&String> = records.iter().map(|r| &r.user).collect();
    let mut matched = HashMap::new();
    let mut unmatched = Vec::new();
    for key in &people {
        if let Some(id) = direct_user(key) {
            matched.insert((*key).clone(), id.as_str().to_string());
            continue;
        }
        let found = match (&lookup, key.contains('@')) {
            (Some(f), true) => f((*key).clone()).await?,
            _ => None,
        };
        match found {
            Some(id) => {
                matched.insert((*key).clone(), id);
            }
            None => unmatched.push((*key).clone()),
        }
    }
    let people = people.len();
    Ok(Ok(Matched {
        records,
        people,
        matched,
        unmatched,
        metrics: columns.metrics.into_iter().map(|(_, n)| n).collect(),
        notes,
    }))
}

/// Stores what `read_and_match` read, all or nothing, and says what was imported.
pub async fn store_matched(
    store: &Store,
    m: Matched,
    now: DateTime<Utc>,
) -> anyhow::Result<ImportReport> {
    store.import_usage(&m.records, &m.matched, now).await?;
    Ok(ImportReport {
        figures: m.records.len(),
        people: m.people,
        periods: m
            .records
            .iter()
            .map(|r| r.period)
            .collect::<BTreeSet<_>>()
            .len(),
        metrics: m.metrics,
        notes: m.notes,
        unmatched: m.unmatched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_ids_and_handles_are_taken_directly_but_emails_and_names_are_not() {
        assert_eq!(direct_user("U024BE7LH").unwrap().as_str(), "U024BE7LH");
        assert_eq!(
            direct_user("<@U024BE7LH|bob>").unwrap().as_str(),
            "U024BE7LH"
        );
        assert_eq!(direct_user("@maria").unwrap().as_str(), "maria");
        assert!(direct_user("maria@example.com").is_none());
        assert!(direct_user("Maria Rossi").is_none());
        assert!(direct_user("Ulrike").is_none());
    }
}
