-- Usage figures imported from the company tool: one value per person, period and metric.
-- `user_key` is the person as the file names them (email, Slack ID or handle); `user_id`
-- is the Slack user they were matched to, NULL while unmatched.
CREATE TABLE usage (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_key    TEXT NOT NULL,
    user_id     TEXT,
    grp         TEXT NOT NULL,
    period      TEXT NOT NULL,
    metric      TEXT NOT NULL,
    value       REAL NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (user_key, period, metric)
);
