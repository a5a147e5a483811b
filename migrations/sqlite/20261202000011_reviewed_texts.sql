-- The story text as the admins last sent it to the hero: a text the hero approves that
-- differs from it (the hero reworded it) goes back to the admins, shown word by word,
-- before it is queued.
CREATE TABLE reviewed_texts (
    story_id    INTEGER PRIMARY KEY REFERENCES stories(id),
    text        TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
