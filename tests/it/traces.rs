//! What a database file still holds of a person: every text column of every table
//! (whatever tables a later migration adds) searched for their id and their words.

use std::path::Path;

/// Where each of `needles` still appears (case-insensitive), as `table.column: value`:
/// every table's every column, read as text (answers are BLOBs of UTF-8).
pub fn traces(db: &Path, needles: &[&str]) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_sqlx_migrations'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        tables.len() >= 19,
        "the schema's tables are read: {tables:?}"
    );
    let mut found = Vec::new();
    for table in &tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in &columns {
            for needle in needles {
                let sql = format!(
                    "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\"
                     WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower(?1)) > 0"
                );
                let values: Vec<Option<String>> = conn
                    .prepare(&sql)
                    .unwrap()
                    .query_map([needle], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                for v in values {
                    let v: String = v.unwrap_or_default().chars().take(160).collect();
                    found.push(format!("{table}.{column} ({needle:?}): {v}"));
                }
            }
        }
    }
    found
}

/// How many rows `sql` (a `SELECT COUNT(*) …`) counts.
pub fn count(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    conn.query_row(sql, [], |r| r.get(0))
        .expect("the count runs")
}
