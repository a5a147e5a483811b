-- Messages to people (DMs, replies to commands and buttons, App Home refreshes) that the
-- engine decided, written in the same transaction as the change that decided them and
-- delivered afterwards by the sender, outside every engine lock. Story posts keep their
-- own outbox (`posts`).
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    -- Set once delivered, or once given up on (then `error` says why).
    done_at    TEXT,
    error      TEXT
);
CREATE INDEX outbox_waiting ON outbox(id) WHERE done_at IS NULL;

-- A request whose handling failed is tried again a few times, then set aside: marked
-- processed with its error, shown to admins.
ALTER TABLE inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX inbox_set_aside ON inbox(processed_at) WHERE error IS NOT NULL;
