-- The schema the SQLite migrations (`migrations/sqlite/`) build, as of
-- 20261202120000_installations.sql, in one step for Postgres: the same tables, columns,
-- keys and indexes (named as there), with Postgres' types:
--   * ids: BIGSERIAL (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT), other integers BIGINT
--     (Rust's i64 either way);
--   * instants: TIMESTAMPTZ (SQLite keeps chrono's RFC 3339 text);
--   * flags: BOOLEAN (SQLite's INTEGER 0/1; sqlx reads both as bool, but SQL that writes
--     the literals 0/1 must say FALSE/TRUE here);
--   * bytes: BYTEA (BLOB); the usage figures: DOUBLE PRECISION (REAL).
-- What only several replicas need is at the end (the outbox's claims). A later change to
-- the schema is a migration in each directory; tests/it/postgres.rs checks that the two
-- still build the same tables, columns and indexes.

-- People Spotlight knows: console personas and Slack users alike.
CREATE TABLE users (
    id           TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    tz           TEXT,
    email        TEXT,
    locale       TEXT,
    photo_url    TEXT
);

-- One row per spotlight: a hero's way from nomination to publication.
CREATE TABLE stories (
    id                 BIGSERIAL PRIMARY KEY,
    hero_id            TEXT NOT NULL REFERENCES users(id),
    nominated_by       TEXT NOT NULL REFERENCES users(id),
    note               TEXT NOT NULL DEFAULT '',
    stage              TEXT NOT NULL,
    interview_position BIGINT NOT NULL DEFAULT 0,
    interview_status   TEXT NOT NULL DEFAULT 'not_started',
    interview_started_at TIMESTAMPTZ,
    interview_active_secs BIGINT NOT NULL DEFAULT 0,
    interview_last_input_at TIMESTAMPTZ,
    interview_wrapping_up BOOLEAN NOT NULL DEFAULT FALSE,
    selected_quotes    TEXT,
    headline           TEXT,
    headline_by        TEXT,
    pending_text       TEXT,
    pending_version    BIGINT NOT NULL DEFAULT 0,
    approved_text      TEXT,
    change_request     TEXT,
    reminders_sent     BIGINT NOT NULL DEFAULT 0,
    waiting_since      TIMESTAMPTZ NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    approved_at        TIMESTAMPTZ,
    approved_seq       BIGINT,
    published_at       TIMESTAMPTZ
);
CREATE INDEX stories_hero ON stories(hero_id);
CREATE INDEX stories_stage ON stories(stage);

-- Answers, verbatim, with every revision kept. The current answer is the highest revision.
CREATE TABLE answer_revisions (
    id           BIGSERIAL PRIMARY KEY,
    story_id     BIGINT NOT NULL REFERENCES stories(id),
    question_key TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    body         BYTEA NOT NULL,
    source       TEXT NOT NULL,
    message_ref  TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (story_id, question_key, revision)
);
CREATE INDEX answer_revisions_message ON answer_revisions(message_ref);

-- Where stories are published, and when.
CREATE TABLE destinations (
    id             BIGSERIAL PRIMARY KEY,
    kind           TEXT NOT NULL,
    target         TEXT NOT NULL,
    cron           TEXT,
    timezone       TEXT NOT NULL DEFAULT 'UTC',
    paused         BOOLEAN NOT NULL DEFAULT FALSE,
    checked_until  TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    blocked_reason TEXT,
    blocked_at     TIMESTAMPTZ,
    audience       TEXT,
    name           TEXT,
    UNIQUE (kind, target)
);

-- The destinations an admin chose when approving a story (none chosen = every destination).
CREATE TABLE story_targets (
    story_id       BIGINT NOT NULL REFERENCES stories(id),
    destination_id BIGINT NOT NULL REFERENCES destinations(id),
    PRIMARY KEY (story_id, destination_id)
);

-- The outbox of story posts: one row per story and destination, so a story is never
-- posted twice.
CREATE TABLE posts (
    id             BIGSERIAL PRIMARY KEY,
    story_id       BIGINT NOT NULL REFERENCES stories(id),
    destination_id BIGINT NOT NULL REFERENCES destinations(id),
    status         TEXT NOT NULL,
    queued_at      TIMESTAMPTZ NOT NULL,
    claimed_at     TIMESTAMPTZ,
    message_ref    TEXT,
    posted_at      TIMESTAMPTZ,
    reach          BIGINT,
    permalink      TEXT,
    UNIQUE (story_id, destination_id)
);
CREATE INDEX posts_message_ref ON posts(message_ref);
CREATE INDEX posts_without_permalink ON posts(id) WHERE permalink IS NULL AND status = 'sent';

-- What happened to each story, for status and audit.
CREATE TABLE story_events (
    id         BIGSERIAL PRIMARY KEY,
    story_id   BIGINT NOT NULL REFERENCES stories(id),
    at         TIMESTAMPTZ NOT NULL,
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

-- Every request from Slack, written before it is acknowledged, keyed by Slack's event_id
-- (or trigger_id for commands and button presses): the key is unique across every
-- replica, so a retry that reaches another replica is recognised too.
CREATE TABLE inbox (
    id           BIGSERIAL PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    processed_at TIMESTAMPTZ,
    error        TEXT,
    attempts     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX inbox_unprocessed ON inbox(id) WHERE processed_at IS NULL;
CREATE INDEX inbox_set_aside ON inbox(processed_at) WHERE error IS NOT NULL;

-- The conversation each posted story started: reactions and thread replies, by person.
CREATE TABLE engagement (
    id       BIGSERIAL PRIMARY KEY,
    post_id  BIGINT NOT NULL REFERENCES posts(id),
    kind     TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    UNIQUE (post_id, kind, user_id, detail)
);
CREATE INDEX engagement_post ON engagement(post_id);

-- Usage figures imported from the company tool: one value per person, period and metric.
CREATE TABLE usage (
    id          BIGSERIAL PRIMARY KEY,
    user_key    TEXT NOT NULL,
    user_id     TEXT,
    grp         TEXT NOT NULL,
    period      TEXT NOT NULL,
    metric      TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    UNIQUE (user_key, period, metric)
);

-- Messages to people, written with the change that decided them, delivered afterwards.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    done_at    TIMESTAMPTZ,
    error      TEXT,
    -- Replicas only (one SQLite process feeds its sender in memory): the replica whose
    -- sender holds the row, until when. A claim whose time is up (its replica died, or
    -- hung) may be taken by another. See src/store/postgres/outbox.rs.
    claimed_by    TEXT,
    claimed_until TIMESTAMPTZ
);
CREATE INDEX outbox_waiting ON outbox(id) WHERE done_at IS NULL;
-- Replicas only: the waiting rows by person, for the claim's "oldest of its person" test.
CREATE INDEX outbox_waiting_by_recipient ON outbox(recipient, id) WHERE done_at IS NULL;

-- The story text as the admins last sent it to the hero.
CREATE TABLE reviewed_texts (
    story_id    BIGINT PRIMARY KEY REFERENCES stories(id),
    text        TEXT NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL
);

-- The thank-you each hero gets a few days after their story is published, sent once.
CREATE TABLE thank_yous (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id),
    sent_at  TIMESTAMPTZ NOT NULL
);

-- The question set a story's interview uses, when an admin picked one at nomination.
CREATE TABLE story_question_sets (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id),
    name     TEXT NOT NULL
);

-- Replies in a story's thread by someone other than its hero, and when the hero was told.
CREATE TABLE reply_notices (
    reply_ref  TEXT PRIMARY KEY,
    story_id   BIGINT NOT NULL REFERENCES stories(id),
    parent_ref TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    told_at    TIMESTAMPTZ
);
CREATE INDEX reply_notices_untold ON reply_notices(story_id) WHERE told_at IS NULL;

-- The adoption chart admins see on their App Home. One row at most.
CREATE TABLE home_chart (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    file_id    TEXT NOT NULL,
    drawn_at   TIMESTAMPTZ NOT NULL,
    drawn_for  TEXT NOT NULL
);

-- Story posts to take back from their destinations after a person was forgotten.
CREATE TABLE retractions (
    id          BIGSERIAL PRIMARY KEY,
    batch       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    label       TEXT NOT NULL,
    message_ref TEXT NOT NULL,
    notify      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    BIGINT NOT NULL DEFAULT 0,
    next_at     TIMESTAMPTZ NOT NULL,
    error       TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX retractions_due ON retractions(next_at) WHERE status = 'pending';

-- Pictures a hero sent with an answer: references to the Slack files.
CREATE TABLE answer_pictures (
    id          BIGSERIAL PRIMARY KEY,
    message_ref TEXT NOT NULL,
    file_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    mimetype    TEXT NOT NULL,
    left_out    BOOLEAN NOT NULL DEFAULT FALSE,
    added_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (message_ref, file_id)
);
CREATE INDEX answer_pictures_message ON answer_pictures(message_ref);

-- The OAuth install: one row per installation, keyed by workspace and organisation ('' where
-- Slack gave none); tokens sealed (see the SQLite migration for the whole story).
CREATE TABLE installations (
    enterprise_id    TEXT NOT NULL DEFAULT '',
    team_id          TEXT NOT NULL,
    team_name        TEXT NOT NULL DEFAULT '',
    app_id           TEXT NOT NULL DEFAULT '',
    bot_user_id      TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    installed_by     TEXT,
    bot_token        BYTEA,
    refresh_token    BYTEA,
    expires_at       TIMESTAMPTZ,
    generation       BIGINT NOT NULL DEFAULT 0,
    refreshing_since TIMESTAMPTZ,
    installed_at     TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    uninstalled_at   TIMESTAMPTZ,
    PRIMARY KEY (enterprise_id, team_id)
);

-- The `state` of each install begun at /slack/install: good once, for 10 minutes.
CREATE TABLE oauth_states (
    state      TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
