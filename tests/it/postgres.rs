//! Postgres, where several replicas meet: its schema against SQLite's, and two replicas
//! (two pools, as two processes would have) recording the same requests, claiming the
//! same outbox, and taking the scheduler's lead from each other. Each test runs on a
//! database of its own (`postgres_db`); without a server they are not run (and the run
//! says so).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use spotlight::delivery::{Decided, DecidedKind, ForOutbox};
use spotlight::domain::UserId;
use spotlight::store::postgres::Replica;
use spotlight::store::shared::{Inbox, Lead, Leadership, Outbox, Recorded, Request, Then};
use spotlight::store::Store;
use sqlx::{Connection, PgConnection, Row};

use crate::postgres_db::database;

fn message(to: &str, n: usize) -> ForOutbox {
    let mut decided = Decided::home();
    decided.kind = DecidedKind::Message;
    decided.text = format!("message {n} to {to}");
    ForOutbox {
        recipient: UserId::parse(to).unwrap(),
        message: decided,
    }
}

fn request(key: &str) -> Request {
    (key.to_string(), "event", format!("{{\"key\":\"{key}\"}}"))
}

/// Two writers record the same 200 keys at once, four tasks each, in batches of 10 in
/// opposite orders (so each meets keys the other is inserting), plus a key repeated
/// within one batch: every key is `New` exactly once in all, numbered in the order its
/// batch gave it, and the ids given are the rows stored.
async fn record_the_same_keys_from_two_writers<I: Inbox + Clone + 'static>(
    a: &I,
    b: &I,
) -> HashMap<String, i64> {
    let keys: Vec<String> = (0..200).map(|i| format!("event:{i:03}")).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for (writer, reversed) in [(a.clone(), false), (b.clone(), true)] {
        for part in 0..4 {
            let writer = writer.clone();
            let mut mine: Vec<String> = keys.clone();
            if reversed {
                mine.reverse();
            }
            // Each task records every key, starting at a different quarter.
            mine.rotate_left(part * 50);
            tasks.spawn(async move {
                let mut got = Vec::new();
                for batch in mine.chunks(10) {
                    let batch: Vec<Request> = batch.iter().map(|k| request(k)).collect();
                    let keys: Vec<String> = batch.iter().map(|r| r.0.clone()).collect();
                    let recorded = writer.record(batch, Utc::now()).await.unwrap();
                    assert_eq!(recorded.len(), keys.len());
                    let ids: Vec<i64> = recorded
                        .iter()
                        .filter_map(|r| match r {
                            Recorded::New(id) => Some(*id),
                            Recorded::Repeat => None,
                        })
                        .collect();
                    assert!(
                        ids.windows(2).all(|w| w[0] < w[1]),
                        "a batch's rows are numbered in the order given: {keys:?} {recorded:?}"
                    );
                    got.extend(keys.into_iter().zip(recorded));
                }
                got
            });
        }
    }
    let mut new: HashMap<String, i64> = HashMap::new();
    let mut repeats = 0;
    while let Some(got) = tasks.join_next().await {
        for (key, recorded) in got.unwrap() {
            match recorded {
                Recorded::New(id) => {
                    assert!(
                        new.insert(key.clone(), id).is_none(),
                        "{key} was recorded as new twice"
                    );
                }
                Recorded::Repeat => repeats += 1,
            }
        }
    }
    assert_eq!(new.len(), 200, "every key recorded as new once");
    assert_eq!(repeats, 200 * 8 - 200, "every other time a repeat");
    let ids: BTreeSet<i64> = new.values().copied().collect();
    assert_eq!(ids.len(), 200, "distinct rows");
    // A key twice in one batch: the first is new, the second a repeat of it.
    let twice = a
        .record(vec![request("event:x"), request("event:x")], Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(twice[..], [Recorded::New(_), Recorded::Repeat]),
        "{twice:?}"
    );
    new
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_recording_the_same_requests_store_each_once() {
    let Some(db) =
        database("postgres::two_replicas_recording_the_same_requests_store_each_once").await
    else {
        return;
    };
    let a = Replica::open(&db.url, "a").await.unwrap();
    let b = Replica::open(&db.url, "b").await.unwrap();
    let new = record_the_same_keys_from_two_writers(&a, &b).await;
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let stored: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, key, body FROM inbox WHERE key LIKE 'event:%' ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(stored.len(), 201, "each key stored once");
    for (id, key, body) in &stored {
        if key != "event:x" {
            assert_eq!(new[key], *id, "{key}: the id given is the row stored");
        }
        assert_eq!(*body, format!("{{\"key\":\"{key}\"}}"));
    }
}

/// The same interface on SQLite, where one process writes (the same store twice).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_inbox_records_each_request_once_through_the_same_interface() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = Store::open(&url).await.unwrap();
    let new = record_the_same_keys_from_two_writers(&store, &store.clone()).await;
    let stored = store.inbox_pending(1000).await.unwrap();
    assert_eq!(stored.len(), 201);
    for row in stored.iter().filter(|r| r.key != "event:x") {
        assert_eq!(new[&row.key], row.id);
    }
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_claiming_the_outbox_send_each_message_once_in_order() {
    let Some(db) =
        database("postgres::two_replicas_claiming_the_outbox_send_each_message_once_in_order")
            .await
    else {
        return;
    };
    let a = Replica::open(&db.url, "a").await.unwrap();
    let b = Replica::open(&db.url, "b").await.unwrap();
    // 30 people, 10 messages each, interleaved as a busy engine writes them.
    let people: Vec<String> = (0..30).map(|p| format!("U{p:02}")).collect();
    let messages: Vec<ForOutbox> = (0..10)
        .flat_map(|n| people.iter().map(move |p| message(p, n)))
        .collect();
    let added = a.outbox_add(&messages, Utc::now()).await.unwrap();
    assert_eq!(added.len(), 300);
    let in_flight: Arc<Mutex<BTreeSet<String>>> = Default::default();
    // Each person's deliveries in the order they happened, across both replicas.
    let sent: Arc<Mutex<BTreeMap<String, Vec<i64>>>> = Default::default();
    let by: Arc<Mutex<HashMap<i64, String>>> = Default::default();
    let mut senders = tokio::task::JoinSet::new();
    for replica in [a.clone(), b.clone()] {
        for _ in 0..3 {
            let (replica, in_flight, sent, by) =
                (replica.clone(), in_flight.clone(), sent.clone(), by.clone());
            senders.spawn(async move {
                let mut idle = 0;
                while idle < 20 {
                    let rows = replica.claim(8).await.unwrap();
                    if rows.is_empty() {
                        idle += 1;
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        continue;
                    }
                    idle = 0;
                    for row in &rows {
                        let fresh = in_flight.lock().unwrap().insert(row.recipient.clone());
                        assert!(fresh, "two of {}'s messages claimed at once", row.recipient);
                        let earlier = by
                            .lock()
                            .unwrap()
                            .insert(row.id, replica.name().to_string());
                        assert!(earlier.is_none(), "row {} claimed twice", row.id);
                    }
                    // The delivery takes a moment, during which the other replica claims.
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    for row in rows {
                        sent.lock()
                            .unwrap()
                            .entry(row.recipient.clone())
                            .or_default()
                            .push(row.id);
                        in_flight.lock().unwrap().remove(&row.recipient);
                        replica.delivered(row.id, Utc::now()).await.unwrap();
                    }
                }
            });
        }
    }
    while let Some(done) = senders.join_next().await {
        done.unwrap();
    }
    let sent = sent.lock().unwrap().clone();
    let by = by.lock().unwrap().clone();
    assert_eq!(by.len(), 300, "every message claimed once, none lost");
    for person in &people {
        let expected: Vec<i64> = added
            .iter()
            .filter(|r| &r.recipient == person)
            .map(|r| r.id)
            .collect();
        assert_eq!(
            sent[person], expected,
            "{person}'s messages, once each, in order"
        );
    }
    let from_a = by.values().filter(|r| *r == "a").count();
    assert!(
        from_a > 0 && from_a < 300,
        "both replicas sent ({from_a} of 300 by a)"
    );
    assert!(a.claim(10).await.unwrap().is_empty());
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(waiting, 0);
}

#[tokio::test]
async fn a_dead_replicas_claims_come_back_once_its_lease_is_over() {
    let Some(db) =
        database("postgres::a_dead_replicas_claims_come_back_once_its_lease_is_over").await
    else {
        return;
    };
    let lease = Duration::from_millis(1500);
    let a = Replica::open(&db.url, "a").await.unwrap().with_lease(lease);
    let b = Replica::open(&db.url, "b").await.unwrap().with_lease(lease);
    let rows = a
        .outbox_add(
            &[
                message("UMARIA", 1),
                message("UMARIA", 2),
                message("UJON", 1),
            ],
            Utc::now(),
        )
        .await
        .unwrap();
    let ids = |rows: &[spotlight::store::OutboxRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    // A person's second message waits behind her first.
    let claimed_by_a = a.claim(10).await.unwrap();
    assert_eq!(ids(&claimed_by_a), [rows[0].id, rows[2].id]);
    assert!(b.claim(10).await.unwrap().is_empty(), "a's claims are a's");
    // a dies here, holding both. When its lease is over, b takes them.
    let died = Instant::now();
    let mut taken = Vec::new();
    while taken.is_empty() {
        assert!(died.elapsed() < lease * 3, "a's claims never came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
        taken = b.claim(10).await.unwrap();
    }
    assert!(died.elapsed() >= lease - Duration::from_millis(100));
    assert_eq!(ids(&taken), [rows[0].id, rows[2].id]);
    // a's late word on a row it no longer holds changes nothing.
    assert!(!a
        .failed(rows[0].id, "timed out", Then::GiveUp, Utc::now())
        .await
        .unwrap());
    // b retries Maria's first message later: her second still waits behind it.
    assert!(b
        .failed(
            rows[0].id,
            "503",
            Then::RetryAfter(Duration::from_secs(30)),
            Utc::now()
        )
        .await
        .unwrap());
    b.delivered(rows[2].id, Utc::now()).await.unwrap();
    assert!(a.claim(10).await.unwrap().is_empty());
    // Given up, it lets her next message through.
    assert!(b
        .failed(rows[0].id, "channel_not_found", Then::GiveUp, Utc::now())
        .await
        .unwrap());
    assert_eq!(ids(&a.claim(10).await.unwrap()), [rows[1].id]);
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let first = sqlx::query(
        "SELECT attempts, error, done_at IS NOT NULL AS done FROM outbox WHERE id = $1",
    )
    .bind(rows[0].id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(first.get::<i64, _>("attempts"), 2);
    assert_eq!(first.get::<String, _>("error"), "channel_not_found");
    assert!(first.get::<bool, _>("done"));
}

/// Polls `replica` for the lead until it has it, failing after `within`.
async fn lead_within(
    replica: &Replica,
    within: Duration,
) -> (spotlight::store::postgres::PgLead, Duration) {
    let start = Instant::now();
    loop {
        if let Some(lead) = replica.try_lead().await.unwrap() {
            return (lead, start.elapsed());
        }
        assert!(
            start.elapsed() < within,
            "{} did not get the lead within {within:?}",
            replica.name()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_passes_to_another_replica_when_the_leaders_connection_dies() {
    let Some(db) = database(
        "postgres::the_scheduler_passes_to_another_replica_when_the_leaders_connection_dies",
    )
    .await
    else {
        return;
    };
    let a = Replica::open(&db.url, "a").await.unwrap();
    let b = Replica::open(&db.url, "b").await.unwrap();
    let mut lead_a = a
        .try_lead()
        .await
        .unwrap()
        .expect("the first asks, the first leads");
    // Held: b asks for a second, in vain.
    for _ in 0..5 {
        assert!(b.try_lead().await.unwrap().is_none(), "two leaders");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    lead_a.check().await.expect("a still leads");
    // a's process is killed: the server ends its connection.
    let mut admin = PgConnection::connect(&db.url).await.unwrap();
    let killed: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(lead_a.backend_pid())
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert!(killed);
    let (noticed, taken) = tokio::join!(
        async {
            let start = Instant::now();
            let why = tokio::time::timeout(
                Duration::from_secs(2),
                lead_a.lost(Duration::from_millis(100)),
            )
            .await
            .expect("a noticed it lost the lead within 2 s");
            (why, start.elapsed())
        },
        lead_within(&b, Duration::from_secs(2)),
    );
    let (mut lead_b, after) = taken;
    eprintln!(
        "a knew it lost the lead after {:?} ({:#}); b led after {after:?}",
        noticed.1, noticed.0
    );
    assert!(a.try_lead().await.unwrap().is_none(), "b leads alone");
    lead_b.check().await.unwrap();
    // b's connection is dropped without a word (its process exits): a takes over.
    drop(lead_b);
    let (mut lead_a, _) = lead_within(&a, Duration::from_secs(2)).await;
    lead_a.check().await.unwrap();
    // Stepping down hands it over at once.
    lead_a.step_down().await;
    let lead = b
        .try_lead()
        .await
        .unwrap()
        .expect("free once a stepped down");
    lead.step_down().await;
}

/// Tables, columns, keys and indexes as one database's schema has them.
#[derive(Debug, Default)]
struct Schema {
    /// table → column → (type, nullable)
    columns: BTreeMap<String, BTreeMap<String, (String, bool)>>,
    /// (table, columns in order) of each index made by name (CREATE INDEX)
    indexes: BTreeMap<String, (String, Vec<String>)>,
    /// (table, columns sorted) of every primary key and unique constraint
    unique: BTreeSet<(String, Vec<String>)>,
}

fn sqlite_schema(path: &std::path::Path) -> Schema {
    let conn = rusqlite::Connection::open(path).unwrap();
    let strings = |sql: &str| -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut schema = Schema::default();
    let tables = strings(
        "SELECT name FROM sqlite_master WHERE type = 'table'
          AND name NOT LIKE 'sqlite_%' AND name != '_sqlx_migrations'",
    );
    for table in tables {
        let mut pk = Vec::new();
        let mut columns = BTreeMap::new();
        let mut info = conn
            .prepare(&format!(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"
            ))
            .unwrap();
        let rows = info
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (name, ty, not_null, in_pk) = row.unwrap();
            if in_pk > 0 {
                pk.push(name.clone());
            }
            // A primary key is never NULL in Postgres; SQLite's declared one is the same
            // key.
            columns.insert(name, (ty, !(not_null || in_pk > 0)));
        }
        pk.sort();
        schema.unique.insert((table.clone(), pk));
        let mut list = conn
            .prepare(&format!(
                "SELECT name, \"unique\" FROM pragma_index_list('{table}')"
            ))
            .unwrap();
        let indexes: Vec<(String, bool)> = list
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (index, unique) in indexes {
            let cols = strings(&format!(
                "SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"
            ));
            if unique {
                let mut sorted = cols.clone();
                sorted.sort();
                schema.unique.insert((table.clone(), sorted));
            }
            if !index.starts_with("sqlite_autoindex_") {
                schema.indexes.insert(index, (table.clone(), cols));
            }
        }
        schema.columns.insert(table, columns);
    }
    schema
}

async fn postgres_schema(conn: &mut PgConnection) -> Schema {
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text
           FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.table_name != '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (table, column, ty, nullable) in columns {
        schema
            .columns
            .entry(table)
            .or_default()
            .insert(column, (ty, nullable == "YES"));
    }
    let indexes: Vec<(String, String, Vec<String>, bool, bool)> = sqlx::query_as(
        "SELECT i.relname::text, t.relname::text,
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                       ORDER BY k.n),
                x.indisunique,
                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
           FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace s ON s.oid = t.relnamespace
          WHERE s.nspname = 'public' AND t.relname != '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for (index, table, cols, unique, constraint) in indexes {
        if unique {
            let mut sorted = cols.clone();
            sorted.sort();
            schema.unique.insert((table.clone(), sorted));
        }
        if !constraint {
            schema.indexes.insert(index, (table, cols));
        }
    }
    schema
}

/// What only several replicas need: the outbox's claims.
const POSTGRES_ONLY_COLUMNS: [(&str, &str); 2] =
    [("outbox", "claimed_by"), ("outbox", "claimed_until")];
const POSTGRES_ONLY_INDEXES: [&str; 1] = ["outbox_waiting_by_recipient"];

/// SQLite's INTEGER flags that are BOOLEAN in Postgres (sqlx reads both as bool).
const FLAGS: [(&str, &str); 4] = [
    ("installations", "data_apart"),
    ("stories", "interview_wrapping_up"),
    ("destinations", "paused"),
    ("answer_pictures", "left_out"),
];

/// Whether a column holds an instant, by the schema's naming: `at`, `…_at`, `…_since`,
/// `…_until`.
fn is_instant(column: &str) -> bool {
    column == "at"
        || ["_at", "_since", "_until"]
            .iter()
            .any(|end| column.ends_with(end))
}

#[tokio::test]
async fn the_postgres_schema_is_the_sqlite_schema() {
    let Some(db) = database("postgres::the_postgres_schema_is_the_sqlite_schema").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.db");
    let store = Store::open(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    store.close().await;
    let lite = sqlite_schema(&file);
    let replica = Replica::open(&db.url, "a").await.unwrap();
    replica.close().await;
    let mut conn = PgConnection::connect(&db.url).await.unwrap();
    let pg = postgres_schema(&mut conn).await;

    assert!(
        lite.columns.len() >= 20,
        "the SQLite schema is read: {:?}",
        lite.columns.keys()
    );
    assert_eq!(
        lite.columns.keys().collect::<Vec<_>>(),
        pg.columns.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &lite.columns {
        let theirs = &pg.columns[table];
        let extra: Vec<&String> = theirs
            .keys()
            .filter(|c| !columns.contains_key(*c))
            .filter(|c| !POSTGRES_ONLY_COLUMNS.contains(&(table.as_str(), c.as_str())))
            .collect();
        assert!(
            extra.is_empty(),
            "{table}: columns only in Postgres: {extra:?}"
        );
        for (column, (ty, nullable)) in columns {
            let Some((pg_ty, pg_nullable)) = theirs.get(column) else {
                panic!("{table}.{column} is missing in Postgres");
            };
            assert_eq!(
                nullable, pg_nullable,
                "{table}.{column}: NULL allowed or not alike"
            );
            let expected = match ty.as_str() {
                "INTEGER" if FLAGS.contains(&(table.as_str(), column.as_str())) => "boolean",
                "INTEGER" => "bigint",
                "TEXT" if is_instant(column) => "timestamp with time zone",
                "TEXT" => "text",
                "BLOB" => "bytea",
                "REAL" => "double precision",
                other => panic!("{table}.{column}: SQLite type {other} has no Postgres type here"),
            };
            assert_eq!(pg_ty, expected, "{table}.{column} ({ty} in SQLite)");
        }
    }
    let mut pg_indexes = pg.indexes.clone();
    for only in POSTGRES_ONLY_INDEXES {
        assert!(pg_indexes.remove(only).is_some(), "{only} exists");
    }
    assert_eq!(
        lite.indexes, pg_indexes,
        "the same named indexes, on the same columns"
    );
    assert_eq!(lite.unique, pg.unique, "the same keys and unique columns");
}

/// A Postgres server that does not answer gets a plain error naming the address
/// without its password, and nothing is created.
#[test]
fn a_postgres_server_that_does_not_answer_is_said_plainly_without_the_password() {
    for (url, shown) in [
        (
            "postgres://spotlight:s3cret@127.0.0.1:1/spotlight",
            "postgres://spotlight:***@127.0.0.1:1/spotlight",
        ),
        (
            "postgresql://127.0.0.1:1/spotlight",
            "postgresql://127.0.0.1:1/spotlight",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = crate::helpers::spotlight(dir.path())
            .args(["report"])
            .env("DATABASE_URL", url)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "failed to connect to the Postgres database {shown} (is the server running"
            )),
            "{stderr}"
        );
        assert!(!stderr.contains("s3cret"), "{stderr}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing created"
        );
    }
}

/// The whole Slack flow (nomination, interview, review, the hero's approval, the
/// scheduled post, exactly once) on Postgres, through signed requests.
#[tokio::test]
async fn the_whole_slack_flow_runs_on_postgres() {
    let Some(db) = database("postgres::the_whole_slack_flow_runs_on_postgres").await else {
        return;
    };
    let app = crate::slack::spawn_on(
        tempfile::tempdir().unwrap(),
        db.url.clone(),
        spotlight::config::Prompts::builtin(),
        Default::default(),
    )
    .await;
    crate::slack::whole_pipeline(&app).await;
    // All of it is in Postgres.
    let mut pg = PgConnection::connect(&db.url).await.unwrap();
    let (stage, sent): (String, i64) = sqlx::query_as(
        "SELECT s.stage, (SELECT COUNT(*) FROM posts p WHERE p.story_id = s.id AND p.status = 'sent')
         FROM stories s",
    )
    .fetch_one(&mut pg)
    .await
    .unwrap();
    assert_eq!((stage.as_str(), sent), ("published", 1));
    let answers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answer_revisions")
        .fetch_one(&mut pg)
        .await
        .unwrap();
    assert!(answers >= 3, "{answers} answers");
}

/// The OAuth install, a token renewed under racing calls (its refresh token used once),
/// and an uninstall that erases the workspace, all on Postgres (the same tests as on
/// SQLite).
#[tokio::test]
async fn the_oauth_install_a_token_rotation_and_an_uninstall_run_on_postgres() {
    let Some(_on) = crate::postgres_db::apps_on_postgres(
        "postgres::the_oauth_install_a_token_rotation_and_an_uninstall_run_on_postgres",
    ) else {
        return;
    };
    crate::slack_oauth::a_workspace_installs_spotlight_and_the_bot_works_with_the_installed_token_body().await;
    crate::slack_oauth::an_expiring_token_is_renewed_once_even_by_calls_racing_and_the_old_refresh_token_is_dead_body().await;
    crate::slack_oauth::uninstalling_stops_every_call_to_slack_and_erases_the_workspace_when_asked_body().await;
}

/// Two workspaces installed through OAuth on one Postgres database, the second's data in
/// a schema of its own, then erased when it uninstalls (the same tests as on SQLite).
#[tokio::test(flavor = "multi_thread")]
async fn two_workspaces_installed_through_oauth_run_on_postgres() {
    let Some(_on) = crate::postgres_db::apps_on_postgres(
        "postgres::two_workspaces_installed_through_oauth_run_on_postgres",
    ) else {
        return;
    };
    crate::slack_oauth::two_workspaces_install_through_oauth_and_each_runs_its_own_interviews_with_its_own_token_body().await;
    crate::slack_oauth::a_second_workspace_uninstalled_with_erasing_loses_its_partition_and_the_first_goes_on_body().await;
}

/// An admin forgetting a hero and a hero forgetting herself, on Postgres (the same tests
/// as on SQLite): every trace gone, her posts deleted.
#[tokio::test(flavor = "multi_thread")]
async fn forgetting_a_person_runs_on_postgres() {
    let Some(_on) =
        crate::postgres_db::apps_on_postgres("postgres::forgetting_a_person_runs_on_postgres")
    else {
        return;
    };
    crate::slack_forget::an_admin_forgets_a_hero_her_slack_post_is_deleted_despite_a_failure_and_nothing_of_hers_stays_body().await;
    crate::slack_forget::a_hero_has_herself_forgotten_in_slack_and_even_the_reply_to_her_is_not_kept_body().await;
}

/// Two `serve` processes on one Postgres, started and waited for: the address of each,
/// and which of them leads (the other says it stands by).
async fn two_replicas(
    sim: &crate::slack_sim::SlackSim,
    dir: &std::path::Path,
    url: &str,
) -> (Serving, String, Serving, String) {
    use crate::slack::spawn_serve_on;
    let (a, a_says, a_addr) = spawn_serve_on(sim, dir, url, "a");
    let a = Serving(Some(a), a_says.clone(), "a");
    let a_addr = a_addr.await.unwrap().expect("replica a listens");
    let (b, b_says, b_addr) = spawn_serve_on(sim, dir, url, "b");
    let b = Serving(Some(b), b_says.clone(), "b");
    let b_addr = b_addr.await.unwrap().expect("replica b listens");
    let standing_by = |says: &crate::slack::Said| {
        says.lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("stands by until that one stops"))
    };
    let b_stands_by = crate::slack::eventually("one replica standing by", || {
        match (standing_by(&a_says), standing_by(&b_says)) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        }
    })
    .await;
    let (a_addr, b_addr) = (format!("http://{a_addr}"), format!("http://{b_addr}"));
    if b_stands_by {
        (a, a_addr, b, b_addr)
    } else {
        (b, b_addr, a, a_addr)
    }
}

/// Two replicas on the database at `url`, with a Slack simulator, and a way to send
/// them signed requests, each to one of them at random: the one leading, the other,
/// and the requests (`base` the leader's address, `spread` the other's).
async fn two_replicas_spread(url: &str) -> (Serving, Serving, crate::slack::TestApp) {
    let sim =
        crate::slack_sim::SlackSim::start(crate::slack::BOT_TOKEN, crate::slack::APP_TOKEN).await;
    crate::slack::add_workspace(&sim);
    let dir = tempfile::tempdir().unwrap();
    let (leader, leader_addr, standby, standby_addr) = two_replicas(&sim, dir.path(), url).await;
    let app = crate::slack::TestApp {
        sim,
        running: None,
        base: leader_addr,
        http: reqwest::Client::new(),
        _dir: dir,
        db_url: url.to_string(),
        spread: vec![standby_addr],
        sent_to: Default::default(),
        _pg: None,
    };
    (leader, standby, app)
}

/// Each of Maria's five questions was asked once, and each answer she gave is stored
/// once (`answered` of them).
async fn asked_and_stored_once(app: &crate::slack::TestApp, answered: usize) {
    for n in 1..=5 {
        let asked = app
            .sim
            .dm_messages(crate::slack::MARIA)
            .iter()
            .filter(|m| crate::slack_sim::visible_text(m).contains(&format!("Question {n} of 5")))
            .count();
        assert_eq!(asked, 1, "question {n} asked {asked} times");
    }
    let mut pg = PgConnection::connect(&app.db_url).await.unwrap();
    let per_question: Vec<(String, i64)> = sqlx::query_as(
        "SELECT question_key, COUNT(*) FROM answer_revisions GROUP BY question_key ORDER BY 1",
    )
    .fetch_all(&mut pg)
    .await
    .unwrap();
    assert_eq!(per_question.len(), answered, "{per_question:?}");
    assert!(
        per_question.iter().all(|(_, n)| *n == 1),
        "{per_question:?}"
    );
}

/// Two replicas behind a "load balancer" that sends each signed request to one of them
/// at random: the whole Slack flow runs as on one (every answer stored once, each
/// question asked once and in order, the story posted once), and both took requests.
#[tokio::test]
async fn two_replicas_taking_requests_at_random_run_the_whole_slack_flow() {
    let Some(db) =
        database("postgres::two_replicas_taking_requests_at_random_run_the_whole_slack_flow").await
    else {
        return;
    };
    let (_leader, _standby, app) = two_replicas_spread(&db.url).await;
    crate::slack::whole_pipeline(&app).await;
    let sent_to = app.sent_to.lock().unwrap().clone();
    assert_eq!(sent_to.len(), 2, "both replicas took requests: {sent_to:?}");
    assert!(sent_to.values().all(|n| *n >= 2), "{sent_to:?}");
    asked_and_stored_once(&app, 4).await;
}

/// Two replicas taking requests at random; the one handling them killed with SIGKILL
/// mid-interview: the other, which went on recording, takes over within seconds, and the
/// hero's interview goes on where it was, each question asked once, each answer stored
/// once.
#[tokio::test]
async fn the_other_replica_takes_over_within_seconds_when_the_leader_is_killed() {
    use crate::slack::MARIA;
    let Some(db) =
        database("postgres::the_other_replica_takes_over_within_seconds_when_the_leader_is_killed")
            .await
    else {
        return;
    };
    let (mut leader, standby, mut app) = two_replicas_spread(&db.url).await;
    let standby_addr = app.spread[0].clone();
    let reply = app
        .command(
            crate::slack::ADMIN,
            &format!("nominate <@{MARIA}|maria> top of the leaderboard"),
        )
        .await;
    assert!(reply.contains(&format!("<@{MARIA}>")), "{reply}");
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
    app.dm(MARIA, "Every Friday I sort my pipeline by close date.")
        .await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    // Killed once what it sent is marked delivered: a message Slack took in the instant
    // before the kill, not yet marked, would be sent again (delivery is at least once).
    let mut pg = PgConnection::connect(&db.url).await.unwrap();
    let started = Instant::now();
    loop {
        let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL")
            .fetch_one(&mut pg)
            .await
            .unwrap();
        if waiting == 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "messages still waiting"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let killed = std::process::Command::new("kill")
        .args(["-KILL", &leader.0.as_ref().unwrap().id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = leader.0.take().unwrap().wait();
    // From now on only the other is there; her next answer goes to it at once.
    app.base = standby_addr;
    app.spread.clear();
    let started = Instant::now();
    app.dm(MARIA, "Two hours back every week.").await;
    app.dm_containing(MARIA, "Question 3 of 5").await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
    app.maria_answers(&[
        "skip",
        "Sort your pipeline by close date on Friday.",
        "Two hours back every Friday",
    ])
    .await;
    asked_and_stored_once(&app, 4).await;
    let mut standby = standby;
    crate::slack::terminates_in_time(standby.0.take().unwrap()).await;
}

/// Two replicas; Maria's next question hangs at whichever replica claimed it, then
/// that replica is stopped (`signal`). Returns the survivor (requests now go to it
/// alone) with the app, and the instant she answered.
async fn hang_her_next_question(
    db_url: &str,
    signal: &str,
) -> (Serving, Serving, crate::slack::TestApp, Instant) {
    let (mut leader, mut standby, mut app) = two_replicas_spread(db_url).await;
    let (leader_addr, standby_addr) = (app.base.clone(), app.spread[0].clone());
    use crate::slack::MARIA;
    let reply = app
        .command(
            crate::slack::ADMIN,
            &format!("nominate <@{MARIA}|maria> top of the leaderboard"),
        )
        .await;
    assert!(reply.contains(&format!("<@{MARIA}>")), "{reply}");
    app.press(MARIA, MARIA, "Start now").await;
    app.dm_containing(MARIA, "Question 1 of 5").await;
    app.sim.hang_channel_next(&format!("D{MARIA}"));
    let posts_before = app.sim.calls_to("chat.postMessage").len();
    let answered = Instant::now();
    app.dm(MARIA, "Every Friday I sort my pipeline by close date.")
        .await;
    // The question is claimed by one replica, whose call to Slack hangs.
    let mut pg = PgConnection::connect(db_url).await.unwrap();
    let holder: String = loop {
        let held: Option<String> = sqlx::query_scalar(
            "SELECT claimed_by FROM outbox WHERE done_at IS NULL AND recipient = $1
              AND claimed_by IS NOT NULL",
        )
        .bind(MARIA)
        .fetch_optional(&mut pg)
        .await
        .unwrap()
        .flatten();
        if let Some(held) = held {
            if app.sim.calls_to("chat.postMessage").len() > posts_before {
                break held;
            }
        }
        assert!(
            answered.elapsed() < Duration::from_secs(10),
            "never claimed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let victim = if leader.2 == holder {
        &mut leader
    } else {
        &mut standby
    };
    let child = victim.0.take().unwrap();
    let stopped = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let _ = tokio::task::spawn_blocking(move || {
        let mut child = child;
        child.wait()
    })
    .await;
    // Only the other is there now.
    app.spread.clear();
    app.base = if leader.0.is_some() {
        leader_addr
    } else {
        standby_addr
    };
    (leader, standby, app, answered)
}

/// A replica killed (SIGKILL) while Slack hangs on its call leaves the message it held:
/// the other replica sends it once the lease ends (30 s), and the hero gets the
/// question once, then the interview goes on.
#[tokio::test]
async fn a_message_whose_replica_dies_mid_send_goes_out_from_the_other_once_its_lease_ends() {
    use crate::slack::MARIA;
    let Some(db) = database(
        "postgres::a_message_whose_replica_dies_mid_send_goes_out_from_the_other_once_its_lease_ends",
    )
    .await
    else {
        return;
    };
    let (_leader, _standby, app, answered) = hang_her_next_question(&db.url, "-KILL").await;
    let asked = |app: &crate::slack::TestApp| {
        app.sim
            .dm_messages(MARIA)
            .iter()
            .any(|m| crate::slack_sim::visible_text(m).contains("Question 2 of 5"))
    };
    while !asked(&app) && answered.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = answered.elapsed();
    assert!(
        took > Duration::from_secs(25) && took < Duration::from_secs(45),
        "the question came {took:?} after her answer"
    );
    app.maria_answers(&[
        "Two hours back every week.",
        "skip",
        "Sort your pipeline by close date on Friday.",
        "Two hours back every Friday",
    ])
    .await;
    asked_and_stored_once(&app, 4).await;
}

/// A replica stopped (SIGTERM) while Slack hangs on its call gives the message back as
/// it stops: the other replica sends it within seconds, once.
#[tokio::test]
async fn a_replica_stopped_mid_send_gives_its_message_to_the_other_at_once() {
    use crate::slack::MARIA;
    let Some(db) =
        database("postgres::a_replica_stopped_mid_send_gives_its_message_to_the_other_at_once")
            .await
    else {
        return;
    };
    let (_leader, _standby, app, answered) = hang_her_next_question(&db.url, "-TERM").await;
    app.dm_containing(MARIA, "Question 2 of 5").await;
    let took = answered.elapsed();
    assert!(
        took < Duration::from_secs(15),
        "the question came {took:?} after her answer"
    );
    app.dm(MARIA, "Two hours back every week.").await;
    app.dm_containing(MARIA, "Question 3 of 5").await;
    let asked = app
        .sim
        .dm_messages(MARIA)
        .iter()
        .filter(|m| crate::slack_sim::visible_text(m).contains("Question 2 of 5"))
        .count();
    assert_eq!(asked, 1);
}

/// A serving replica whose lock's connection is cut (its backend terminated, as when
/// the database restarts) stops within seconds, exits with an error saying why and
/// what to do; and a replica started then serves.
#[tokio::test]
async fn a_replica_that_loses_its_lead_stops_and_says_so() {
    use crate::slack::spawn_serve_on;
    let Some(db) = database("postgres::a_replica_that_loses_its_lead_stops_and_says_so").await
    else {
        return;
    };
    let sim =
        crate::slack_sim::SlackSim::start(crate::slack::BOT_TOKEN, crate::slack::APP_TOKEN).await;
    crate::slack::add_workspace(&sim);
    let dir = tempfile::tempdir().unwrap();
    let (child, says, addr) = spawn_serve_on(&sim, dir.path(), &db.url, "first");
    let mut first = Serving(Some(child), says.clone(), "first");
    let addr = addr.await.unwrap().expect("the replica listens");
    let health = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let mut pg = PgConnection::connect(&db.url).await.unwrap();
    let cut: i64 = sqlx::query_scalar(
        "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks
         WHERE locktype = 'advisory' AND granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    .fetch_one(&mut pg)
    .await
    .unwrap();
    assert_eq!(cut, 1, "one connection held the lock");
    let started = Instant::now();
    let mut child = first.0.take().unwrap();
    let status = tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    })
    .await
    .unwrap()
    .expect("the replica stops after losing its lead");
    assert!(!status.success(), "{status:?}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "stopped after {:?}",
        started.elapsed()
    );
    let said = says.lock().unwrap().join("\n");
    assert!(
        said.contains("this replica lost its lead on the database")
            && said.contains("Start this one again: it stands by until it may serve"),
        "{said}"
    );

    // Started again, it serves.
    let (child, says, addr) = spawn_serve_on(&sim, dir.path(), &db.url, "again");
    let _again = Serving(Some(child), says, "again");
    let addr = tokio::time::timeout(Duration::from_secs(10), addr)
        .await
        .expect("the replica started again serves")
        .unwrap()
        .expect("it listens");
    let health = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

/// A `serve` child, what it said and its replica name; killed when dropped (a failed
/// test leaves no process behind), and what it said shown if the test failed.
struct Serving(
    Option<std::process::Child>,
    Arc<Mutex<Vec<String>>>,
    &'static str,
);

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if std::thread::panicking() {
            eprintln!("a replica said:\n{}", self.1.lock().unwrap().join("\n"));
        }
    }
}

/// Two workspaces on one Postgres database: each one's data in a schema of its own
/// (the console in one sees nothing of the other's), each with a lead of its own, two
/// replicas of one workspace still sharing theirs.
#[tokio::test]
async fn two_workspaces_on_one_postgres_database_keep_their_data_and_their_leads_apart() {
    use spotlight::store::workspace::workspace_url;
    let Some(db) = database(
        "postgres::two_workspaces_on_one_postgres_database_keep_their_data_and_their_leads_apart",
    )
    .await
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let console = |team: &str, script: &str| {
        let out = crate::helpers::run(
            crate::helpers::spotlight(dir.path()).args([
                "--db",
                &db.url,
                "--workspace",
                team,
                "console",
                "--clock",
                "2026-11-23T10:00:00Z",
            ]),
            script,
        );
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{said}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        said
    };
    let a = console(
        "T0A",
        "/spotlight nominate @maria best pipeline hygiene\n/as @maria\nStart now\n",
    );
    assert!(a.contains("*Question 1 of 5*"), "{a}");
    let b = console("T0B", "/spotlight status\n");
    assert!(!b.contains("@maria"), "T0B sees nothing of T0A: {b}");
    assert!(console("T0A", "/spotlight status\n").contains("@maria"));

    let mut pg = PgConnection::connect(&db.url).await.unwrap();
    let stories = |schema: &'static str| format!("SELECT COUNT(*) FROM {schema}.stories");
    for (schema, n) in [("ws_t0a", 1), ("ws_t0b", 0)] {
        let count: i64 = sqlx::query_scalar(&stories(schema))
            .fetch_one(&mut pg)
            .await
            .unwrap_or_else(|e| panic!("{schema}: {e}"));
        assert_eq!(count, n, "stories in {schema}");
    }

    // A lead per workspace: T0A's and T0B's at once; a second replica of T0A waits.
    let (url_a, url_b) = (
        workspace_url(&db.url, "T0A").unwrap(),
        workspace_url(&db.url, "T0B").unwrap(),
    );
    let a1 = Replica::open(&url_a, "a1").await.unwrap();
    let a2 = Replica::open(&url_a, "a2").await.unwrap();
    let b1 = Replica::open(&url_b, "b1").await.unwrap();
    let main = Replica::open(&db.url, "main").await.unwrap();
    let mut lead_a = a1.try_lead().await.unwrap().expect("T0A's first leads");
    let mut lead_b = b1
        .try_lead()
        .await
        .unwrap()
        .expect("T0B has a lead of its own");
    let mut lead_main = main
        .try_lead()
        .await
        .unwrap()
        .expect("and the database's own");
    assert!(a2.try_lead().await.unwrap().is_none(), "two leaders of T0A");
    // The database's own tables (opened by `main` only now) hold nothing of either.
    let count: i64 = sqlx::query_scalar(&stories("public"))
        .fetch_one(&mut pg)
        .await
        .unwrap();
    assert_eq!(count, 0);
    lead_a.check().await.unwrap();
    lead_b.check().await.unwrap();
    lead_main.check().await.unwrap();
}
