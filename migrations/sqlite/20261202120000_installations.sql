-- The OAuth install (`/slack/install`, `/slack/oauth_redirect`): one row per installation,
-- keyed by its workspace (`team_id`) and, on Enterprise Grid, its organisation
-- (`enterprise_id`); '' where Slack gave none, so no part of the key is ever NULL. For now
-- a database serves one workspace: a second is refused while this row exists.
--
-- The tokens are sealed (AES-256-GCM with the key in SPOTLIGHT_TOKEN_KEY, a random nonce
-- per value, bound to the column and the key): the database never holds them readable.
-- With token rotation the bot token lasts 12 hours (`expires_at`) and the refresh token
-- works once: `generation` counts the rotations, and a refresh is claimed for one
-- generation (`refreshing_since`) before the refresh token is used, so two refreshers
-- never use the same one. `app_uninstalled` and `tokens_revoked` clear the tokens and set
-- `uninstalled_at`; the row (who the data belongs to) goes only when the data is erased.
CREATE TABLE installations (
    enterprise_id    TEXT NOT NULL DEFAULT '',
    team_id          TEXT NOT NULL,
    team_name        TEXT NOT NULL DEFAULT '',
    app_id           TEXT NOT NULL DEFAULT '',
    bot_user_id      TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    installed_by     TEXT,
    bot_token        BLOB,
    refresh_token    BLOB,
    expires_at       TEXT,
    generation       INTEGER NOT NULL DEFAULT 0,
    refreshing_since TEXT,
    installed_at     TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    uninstalled_at   TEXT,
    PRIMARY KEY (enterprise_id, team_id)
);

-- The `state` of each install begun at /slack/install (also in a cookie of the browser
-- that began it): good once, for 10 minutes.
CREATE TABLE oauth_states (
    state      TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
