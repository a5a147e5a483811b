-- Every request from Slack is written here before it is acknowledged, keyed by Slack's
-- event_id (or trigger_id for commands and button presses), so retries are recognised and
-- a crash between the acknowledgement and the work loses nothing.
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    processed_at TEXT,
    error        TEXT
);
CREATE INDEX inbox_unprocessed ON inbox(id) WHERE processed_at IS NULL;
