//! What a database still holds of a person: every text column of every table
//! (whatever tables a later migration adds) searched for their id and their words. The
//! database is given by its address: a SQLite file (`sqlite://…`) or a Postgres
//! database (`postgres://…`, when the Slack tests run on Postgres).

use std::path::Path;

/// Where each of `needles` still appears (case-insensitive), as `table.column: value`:
/// every table's every column, read as text (answers are BLOBs of UTF-8).
pub fn traces(db_url: &str, needles: &[&str]) -> Vec<String> {
    if db_url.starts_with("postgres") {
        return on_postgres(db_url, needles);
    }
    let db = Path::new(db_url.trim_start_matches("sqlite://"));
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
pub fn count(db_url: &str, sql: &str) -> i64 {
    if db_url.starts_with("postgres") {
        let (url, sql) = (db_url.to_string(), sql.to_string());
        return blocking(async move {
            use sqlx::Connection;
            let mut pg = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query_scalar::<_, i64>(&sql)
                .fetch_one(&mut pg)
                .await
                .expect("the count runs")
        });
    }
    let db = Path::new(db_url.trim_start_matches("sqlite://"));
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    conn.query_row(sql, [], |r| r.get(0))
        .expect("the count runs")
}

/// Runs `sql` (a write) once for each of `rows`, its values bound to `$1`, `$2`…, in
/// one transaction, on either database.
pub fn execute(db_url: &str, sql: &str, rows: &[Vec<String>]) {
    if db_url.starts_with("postgres") {
        let (url, sql, rows) = (db_url.to_string(), sql.to_string(), rows.to_vec());
        return blocking(async move {
            use sqlx::Connection;
            let mut pg = sqlx::PgConnection::connect(&url).await.unwrap();
            let mut tx = pg.begin().await.unwrap();
            for row in &rows {
                let mut q = sqlx::query(&sql);
                for value in row {
                    q = q.bind(value);
                }
                q.execute(&mut *tx).await.expect("the write runs");
            }
            tx.commit().await.unwrap();
        });
    }
    let mut db = rusqlite::Connection::open(db_url.trim_start_matches("sqlite://")).unwrap();
    let tx = db.transaction().unwrap();
    for row in rows {
        tx.execute(sql, rusqlite::params_from_iter(row.iter()))
            .expect("the write runs");
    }
    tx.commit().unwrap();
}

/// Runs `work` to its end on a thread and runtime of its own (the callers are plain
/// functions called from inside the tests' runtime).
fn blocking<T: Send + 'static>(work: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work)
    })
    .join()
    .unwrap()
}

/// `traces` on Postgres: bytes (answers) read as UTF-8, every other column as text.
fn on_postgres(db_url: &str, needles: &[&str]) -> Vec<String> {
    let url = db_url.to_string();
    let needles: Vec<String> = needles.iter().map(|n| n.to_string()).collect();
    blocking(async move {
        use sqlx::Connection;
        let mut pg = sqlx::PgConnection::connect(&url).await.unwrap();
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT), CAST(data_type AS TEXT)
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'
             ORDER BY table_name, ordinal_position",
        )
        .fetch_all(&mut pg)
        .await
        .unwrap();
        let tables: std::collections::BTreeSet<&String> = columns.iter().map(|c| &c.0).collect();
        assert!(
            tables.len() >= 19,
            "the schema's tables are read: {tables:?}"
        );
        let mut found = Vec::new();
        for (table, column, ty) in &columns {
            // Bytes (answers, sealed tokens) as escaped text, matched without case, or
            // holding the needle's UTF-8 bytes exactly.
            let (text, also) = if ty == "bytea" {
                (
                    format!("encode(\"{column}\", 'escape')"),
                    format!("OR position(convert_to($1, 'UTF8') IN \"{column}\") > 0"),
                )
            } else {
                (format!("CAST(\"{column}\" AS TEXT)"), String::new())
            };
            for needle in &needles {
                let sql = format!(
                    "SELECT {text} FROM \"{table}\"
                     WHERE strpos(lower({text}), lower($1)) > 0 {also}"
                );
                let values: Vec<Option<String>> = sqlx::query_scalar(&sql)
                    .bind(needle)
                    .fetch_all(&mut pg)
                    .await
                    .unwrap();
                for v in values {
                    let v: String = v.unwrap_or_default().chars().take(160).collect();
                    found.push(format!("{table}.{column} ({needle:?}): {v}"));
                }
            }
        }
        found
    })
}
