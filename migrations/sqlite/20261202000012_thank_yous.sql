-- The thank-you each hero gets a few days after their story is published (its reach and
-- conversation), sent once. Stories published before this table existed count as
-- thanked: nobody is thanked weeks late.
CREATE TABLE thank_yous (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id),
    sent_at  TEXT NOT NULL
);
INSERT INTO thank_yous (story_id, sent_at)
    SELECT id, COALESCE(published_at, updated_at) FROM stories WHERE stage = 'published';
