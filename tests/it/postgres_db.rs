//! A Postgres database of its own for each test that needs one, on the server
//! `SPOTLIGHT_TEST_POSTGRES_URL` names (`.ci/run` finds or starts one and sets it).
//! Without the variable those tests pass without running, and the run says once, on
//! stderr, which they are and how to run them.

use std::io::Write;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::{Connection, PgConnection};

/// Where the tests find their server: a database on it they may create databases from.
pub const VARIABLE: &str = "SPOTLIGHT_TEST_POSTGRES_URL";

/// Every test that needs Postgres, as `cargo test` names them (`database` refuses any
/// other name, so the note below never leaves one out).
pub const TESTS: &[&str] = &[
    "postgres::the_postgres_schema_is_the_sqlite_schema",
    "postgres::two_replicas_recording_the_same_requests_store_each_once",
    "postgres::two_replicas_claiming_the_outbox_send_each_message_once_in_order",
    "postgres::a_dead_replicas_claims_come_back_once_its_lease_is_over",
    "postgres::the_scheduler_passes_to_another_replica_when_the_leaders_connection_dies",
    "postgres::the_whole_slack_flow_runs_on_postgres",
    "postgres::two_replicas_taking_requests_at_random_run_the_whole_slack_flow",
    "postgres::the_oauth_install_a_token_rotation_and_an_uninstall_run_on_postgres",
    "postgres::two_workspaces_installed_through_oauth_run_on_postgres",
    "slack_oauth::two_replicas_serve_every_workspace_whichever_replica_installed_or_erased_it",
    "postgres::forgetting_a_person_runs_on_postgres",
    "postgres::the_other_replica_takes_over_within_seconds_when_the_leader_is_killed",
    "postgres::a_replica_that_loses_its_lead_stops_and_says_so",
    "postgres::a_message_whose_replica_dies_mid_send_goes_out_from_the_other_once_its_lease_ends",
    "postgres::a_replica_stopped_mid_send_gives_its_message_to_the_other_at_once",
    "postgres::two_workspaces_on_one_postgres_database_keep_their_data_and_their_leads_apart",
];

/// Test databases are named `spotlight_t<unix seconds>_<random>`; those a test run
/// left (a test killed before it could drop its own) go once they are an hour old.
const PREFIX: &str = "spotlight_t";
const LEFT_FOR: u64 = 3600;

/// A fresh database, dropped when this is.
pub struct TestDb {
    /// Its address, for `Replica::open` and the test's own connections.
    pub url: String,
    name: String,
    server: String,
}

/// Where the Slack tests that spawn Spotlight (`slack::spawn`, the OAuth tests') keep
/// their data: a SQLite file in `dir`, or, when `SPOTLIGHT_TEST_ON_POSTGRES` names a
/// Postgres server, a fresh database on it (kept until the returned guard drops), so
/// the whole Slack suite can be run on Postgres:
/// `SPOTLIGHT_TEST_ON_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres cargo test --test it slack`.
pub async fn for_app(dir: &std::path::Path) -> (String, Option<TestDb>) {
    let server = SERVER_FOR_APPS
        .with(|s| s.borrow().clone())
        .map(Ok)
        .unwrap_or_else(|| std::env::var("SPOTLIGHT_TEST_ON_POSTGRES"));
    match server {
        Ok(server) if !server.trim().is_empty() => {
            let db = create(&server).await;
            (db.url.clone(), Some(db))
        }
        _ => (
            format!("sqlite://{}", dir.join("spotlight.db").display()),
            None,
        ),
    }
}

thread_local! {
    /// The server the apps this thread spawns run on (`apps_on_postgres`).
    static SERVER_FOR_APPS: std::cell::RefCell<Option<String>> =
        const { std::cell::RefCell::new(None) };
}

/// While the returned guard lives, the apps `test` (listed in `TESTS`) spawns on this
/// thread (a test's own future runs on its thread) run on fresh Postgres databases; so
/// a Slack test's body runs on Postgres too. `None` (and the note) without a server.
pub fn apps_on_postgres(test: &str) -> Option<AppsOnPostgres> {
    assert!(
        TESTS.contains(&test),
        "{test} needs Postgres but is not listed in postgres_db::TESTS"
    );
    match std::env::var(VARIABLE) {
        Ok(url) if !url.trim().is_empty() => {
            SERVER_FOR_APPS.with(|s| *s.borrow_mut() = Some(url));
            Some(AppsOnPostgres)
        }
        _ => {
            not_run();
            None
        }
    }
}

pub struct AppsOnPostgres;

impl Drop for AppsOnPostgres {
    fn drop(&mut self) {
        SERVER_FOR_APPS.with(|s| *s.borrow_mut() = None);
    }
}

/// A fresh, empty database for `test` (its full name, e.g. `postgres::the_x`), or `None`
/// when no server is given: the caller returns, and the run says what was not run.
pub async fn database(test: &str) -> Option<TestDb> {
    assert!(
        TESTS.contains(&test),
        "{test} needs Postgres but is not listed in postgres_db::TESTS"
    );
    let server = match std::env::var(VARIABLE) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => {
            not_run();
            return None;
        }
    };
    Some(create(&server).await)
}

/// A fresh database on `server`.
async fn create(server: &str) -> TestDb {
    let server = server.to_string();
    let mut admin = PgConnection::connect(&server).await.unwrap_or_else(|e| {
        panic!("{VARIABLE} is set but its server does not answer ({e}); unset it to skip the Postgres tests")
    });
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    sweep(&mut admin, now).await;
    let name = format!("{PREFIX}{now}_{:016x}", random());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("the test database is created");
    let _ = admin.close().await;
    let mut url = url::Url::from_str(&server).expect("the Postgres address is a URL");
    url.set_path(&format!("/{name}"));
    TestDb {
        url: url.to_string(),
        name,
        server,
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // Dropped from inside the test's runtime: the drop runs on a thread of its own.
        let (server, name) = (self.server.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(async move {
                    let mut admin = PgConnection::connect(&server).await?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await?;
                    admin.close().await
                })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            // Not fatal: the next run's sweep drops it once it is an hour old.
            let _ = writeln!(
                std::io::stderr(),
                "note: the test database {} was left behind",
                self.name
            );
        }
    }
}

/// Drops the test databases over an hour old (tests killed before they dropped theirs).
async fn sweep(admin: &mut PgConnection, now: u64) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE $1")
            .bind(format!("{PREFIX}%"))
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    for name in names {
        let born = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if born.is_some_and(|born| born + LEFT_FOR < now) {
            // Another test may be dropping it at the same moment: that's fine.
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut *admin)
                .await;
        }
    }
}

/// 64 random bits (the standard library's per-process random hash keys), different at
/// each call.
fn random() -> u64 {
    use std::hash::BuildHasher;
    static CALLS: AtomicU64 = AtomicU64::new(0);
    std::collections::hash_map::RandomState::new().hash_one(CALLS.fetch_add(1, Ordering::Relaxed))
}

/// Says once per run, on stderr (not captured by the test runner), which tests were not
/// run and the command that runs them.
fn not_run() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let mut note = format!(
            "\nnote: {} tests need Postgres and were NOT run ({VARIABLE} is not set):\n",
            TESTS.len()
        );
        for test in TESTS {
            note.push_str(&format!("  {test}\n"));
        }
        note.push_str(&format!(
            "Run them against a server that trusts connections from 127.0.0.1 \
             (.ci/run finds or starts one):\n  \
             {VARIABLE}=postgres://postgres@127.0.0.1:5432/postgres cargo test --test it postgres::\n\n"
        ));
        let _ = std::io::stderr().write_all(note.as_bytes());
    });
}
