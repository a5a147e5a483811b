-- Replies in a story's thread by someone other than its hero, and when the hero was told
-- of them: each reply is told once, and replies that come while the hero was just told
-- wait and are told together.
CREATE TABLE reply_notices (
    reply_ref  TEXT PRIMARY KEY,
    story_id   INTEGER NOT NULL REFERENCES stories(id),
    parent_ref TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    at         TEXT NOT NULL,
    told_at    TEXT
);
CREATE INDEX reply_notices_untold ON reply_notices(story_id) WHERE told_at IS NULL;
