-- Story posts to take back from their destinations after a person was forgotten
-- (`/spotlight forget`): decided in the transaction that removed the person's data, and
-- carried out afterwards, outside the engine's lock, by the scheduler (retried with
-- growing waits, each failure told). The row keeps no words of the person: the
-- destination, the post's reference, and who to tell once the batch is settled
-- (`notify`, user ids as JSON). A batch's rows are deleted once they are all settled
-- and the result told.
CREATE TABLE retractions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    batch       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    label       TEXT NOT NULL,
    message_ref TEXT NOT NULL,
    notify      TEXT NOT NULL,
    -- pending → claimed → done, or failed (given up, `error` says why).
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT NOT NULL,
    error       TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX retractions_due ON retractions(next_at) WHERE status = 'pending';
