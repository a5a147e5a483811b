-- People Spotlight knows: console personas and Slack users alike.
CREATE TABLE users (
    id           TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- One row per spotlight: a hero's way from nomination to publication.
CREATE TABLE stories (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    hero_id            TEXT NOT NULL REFERENCES users(id),
    nominated_by       TEXT NOT NULL REFERENCES users(id),
    note               TEXT NOT NULL DEFAULT '',
    stage              TEXT NOT NULL,
    -- Interview progress (see domain::interview::InterviewState).
    interview_position INTEGER NOT NULL DEFAULT 0,
    interview_status   TEXT NOT NULL DEFAULT 'not_started',
    interview_started_at TEXT,
    interview_active_secs INTEGER NOT NULL DEFAULT 0,
    interview_last_input_at TEXT,
    interview_wrapping_up INTEGER NOT NULL DEFAULT 0,
    -- Review: which answers are quoted (JSON array of question keys, NULL = default)
    -- and the headline proposal with who wrote it.
    selected_quotes    TEXT,
    headline           TEXT,
    headline_by        TEXT,
    -- Consent: the exact text shown to the hero, its version, and the text they approved.
    pending_text       TEXT,
    pending_version    INTEGER NOT NULL DEFAULT 0,
    approved_text      TEXT,
    change_request     TEXT,
    -- Reminders sent while the story waits on the hero.
    reminders_sent     INTEGER NOT NULL DEFAULT 0,
    waiting_since      TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    approved_at        TEXT,
    -- Fairness: the order in which heroes approved (first approved, first published).
    approved_seq       INTEGER,
    published_at       TEXT
);
CREATE INDEX stories_hero ON stories(hero_id);
CREATE INDEX stories_stage ON stories(stage);

-- Answers, verbatim, with every revision kept. The current answer is the highest revision.
CREATE TABLE answer_revisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id     INTEGER NOT NULL REFERENCES stories(id),
    question_key TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    body         BLOB NOT NULL,
    source       TEXT NOT NULL,
    message_ref  TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (story_id, question_key, revision)
);
CREATE INDEX answer_revisions_message ON answer_revisions(message_ref);

-- Where stories are published, and when.
CREATE TABLE destinations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    target       TEXT NOT NULL,
    cron         TEXT,
    timezone     TEXT NOT NULL DEFAULT 'UTC',
    paused       INTEGER NOT NULL DEFAULT 0,
    checked_until TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (kind, target)
);

-- The destinations an admin chose when approving a story (none chosen = every destination).
CREATE TABLE story_targets (
    story_id       INTEGER NOT NULL REFERENCES stories(id),
    destination_id INTEGER NOT NULL REFERENCES destinations(id),
    PRIMARY KEY (story_id, destination_id)
);

-- The outbox: one row per story and destination, so a story is never posted twice.
CREATE TABLE posts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id       INTEGER NOT NULL REFERENCES stories(id),
    destination_id INTEGER NOT NULL REFERENCES destinations(id),
    status         TEXT NOT NULL,
    queued_at      TEXT NOT NULL,
    claimed_at     TEXT,
    message_ref    TEXT,
    posted_at      TEXT,
    UNIQUE (story_id, destination_id)
);

-- What happened to each story, for status and audit.
CREATE TABLE story_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id   INTEGER NOT NULL REFERENCES stories(id),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    what       TEXT NOT NULL
);
CREATE INDEX story_events_story ON story_events(story_id);

-- Per-user conversation state outside the interview (e.g. a hero editing a quote).
CREATE TABLE conversations (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
    state   TEXT NOT NULL
);

-- Small settings such as the console's simulated clock.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
