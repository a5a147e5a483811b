-- Pictures a hero sent with an answer (a Slack `file_share` DM): references to the Slack
-- files (read with the bot token when a story shows them, never made public), found by
-- the DM's `message_ref`, as in answer_revisions. The hero may leave a picture out
-- before approving the story; the approval covers the pictures as they were then.
CREATE TABLE answer_pictures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_ref TEXT NOT NULL,
    file_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    mimetype    TEXT NOT NULL,
    left_out    INTEGER NOT NULL DEFAULT 0,
    added_at    TEXT NOT NULL,
    UNIQUE (message_ref, file_id)
);
CREATE INDEX answer_pictures_message ON answer_pictures(message_ref);
