//! Where each workspace's data is kept when one Spotlight serves several: beside the
//! database `DATABASE_URL` names, in a partition of its own, so that every row of a
//! workspace (its people, stories, destinations and schedules, usage figures, inbox and
//! outbox) is kept apart from every other workspace's by where it is, and a workspace is
//! erased by dropping its partition.
//!
//! - On SQLite, a file beside the database file, named after it and the workspace:
//!   `spotlight.db` → `spotlight.T0123ABCD.db`.
//! - On Postgres, a schema of the same database, `ws_t0123abcd`: the address carries
//!   the workspace (`?spotlight_workspace=T0123ABCD`), and the replica that opens it
//!   creates the schema and works in it (its `search_path`), with its own lead.
//!
//! The database `DATABASE_URL` names keeps the data of the workspace Spotlight was set
//! up for first (the one of `SLACK_BOT_TOKEN`, or the first installed), as it always
//! did; a workspace's partition holds the same tables, made by the same migrations.

use anyhow::{bail, Context};

/// The query parameter that names a workspace in a Postgres address.
pub const PG_PARAMETER: &str = "spotlight_workspace";

/// Checks that `team` is a Slack workspace (or organisation) ID: `T0123ABCD`,
/// `E0123ABCD`, upper-case letters and digits.
pub fn check_team(team: &str) -> anyhow::Result<&str> {
    let ok = (2..=32).contains(&team.len())
        && team
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && team.starts_with(|c: char| c.is_ascii_uppercase());
    if !ok {
        bail!(
            "{team:?} is not a Slack workspace ID: it is upper-case letters and digits, \
             such as T0123ABCD (Slack shows it in the workspace's address and in \
             `spotlight serve`'s log)"
        );
    }
    Ok(team)
}

/// The address of workspace `team`'s data, beside the database at `url` (as
/// `Settings::database_url` gives it).
pub fn workspace_url(url: &str, team: &str) -> anyhow::Result<String> {
    let team = check_team(team)?;
    if super::postgres::is_postgres(url) {
        let (base, already) = split_pg(url)?;
        if let Some(other) = already {
            bail!("the database address already names workspace {other}");
        }
        let sep = if base.contains('?') { '&' } else { '?' };
        return Ok(format!("{base}{sep}{PG_PARAMETER}={team}"));
    }
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .with_context(|| format!("{url:?} is not a SQLite or Postgres database address"))?;
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    if path.is_empty() || path == ":memory:" {
        bail!("an in-memory database has no place beside it for a workspace's data");
    }
    let (folder, file) = match path.rfind('/') {
        Some(i) => path.split_at(i + 1),
        None => ("", path),
    };
    let file = match file.rfind('.') {
        Some(i) if i > 0 => format!("{}.{team}{}", &file[..i], &file[i..]),
        _ => format!("{file}.{team}"),
    };
    Ok(match query {
        Some(query) => format!("sqlite://{folder}{file}?{query}"),
        None => format!("sqlite://{folder}{file}"),
    })
}

/// A Postgres address without its workspace parameter, and the workspace it named.
pub(crate) fn split_pg(url: &str) -> anyhow::Result<(String, Option<String>)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), None));
    };
    let mut team = None;
    let mut kept = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some((PG_PARAMETER, value)) => team = Some(check_team(value)?.to_string()),
            _ => kept.push(pair),
        }
    }
    let base = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((base, team))
}

/// The Postgres schema that holds workspace `team`'s data.
pub(crate) fn schema_of(team: &str) -> String {
    format!("ws_{}", team.to_ascii_lowercase())
}

/// The file of the SQLite database at `url`; None for Postgres (or no address).
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// Drops workspace `team`'s partition beside the database at `url`, with all its data:
/// its Postgres schema (through `registry`, the database's own store), or its SQLite
/// file and the file's journal. The partition's store must be closed first.
pub async fn drop_partition(registry: &super::Store, url: &str, team: &str) -> anyhow::Result<()> {
    let partition = workspace_url(url, team)?;
    if registry.drop_workspace_schema(team).await? {
        return Ok(());
    }
    let Some(path) = sqlite_path(&partition) else {
        bail!("{partition:?} is not a SQLite or Postgres database address");
    };
    let path = path.display().to_string();
    for file in [path.clone(), format!("{path}-wal"), format!("{path}-shm")] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("failed to delete {file}")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_workspace_is_a_file_beside_the_database() {
        let at = |url: &str| workspace_url(url, "T0123ABCD").unwrap();
        assert_eq!(
            at("sqlite://spotlight.db"),
            "sqlite://spotlight.T0123ABCD.db"
        );
        assert_eq!(
            at("sqlite:///var/lib/spotlight/data.sqlite?synchronous=full"),
            "sqlite:///var/lib/spotlight/data.T0123ABCD.sqlite?synchronous=full"
        );
        assert_eq!(at("sqlite:./spot"), "sqlite://./spot.T0123ABCD");
        assert_eq!(
            at("sqlite://dir.d/.hidden"),
            "sqlite://dir.d/.hidden.T0123ABCD"
        );
        assert!(workspace_url("sqlite::memory:", "T1").is_err());
    }

    #[test]
    fn a_postgres_workspace_is_a_schema_named_in_the_address() {
        let url = workspace_url("postgres://u:p@db/spot?sslmode=require", "E42").unwrap();
        assert_eq!(
            url,
            "postgres://u:p@db/spot?sslmode=require&spotlight_workspace=E42"
        );
        let (base, team) = split_pg(&url).unwrap();
        assert_eq!(base, "postgres://u:p@db/spot?sslmode=require");
        assert_eq!(team.as_deref(), Some("E42"));
        assert_eq!(schema_of("E42"), "ws_e42");
        assert_eq!(
            split_pg("postgres://db/spot").unwrap(),
            ("postgres://db/spot".to_string(), None)
        );
        assert!(
            workspace_url(&url, "T1").is_err(),
            "one workspace per address"
        );
    }

    #[test]
    fn only_slack_ids_name_a_workspace() {
        for bad in ["", "t0123", "T", "../T1", "T1;DROP", "T 1", "1T"] {
            assert!(check_team(bad).is_err(), "{bad:?} taken");
        }
        assert!(split_pg("postgres://db/x?spotlight_workspace=x'y").is_err());
        assert!(check_team("T0123ABCD").is_ok());
    }
}
