-- The conversation each posted story started: reactions and thread replies, by person.
CREATE TABLE engagement (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id  INTEGER NOT NULL REFERENCES posts(id),
    kind     TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TEXT NOT NULL,
    UNIQUE (post_id, kind, user_id, detail)
);
CREATE INDEX engagement_post ON engagement(post_id);
CREATE INDEX posts_message_ref ON posts(message_ref);
