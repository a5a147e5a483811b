-- The question set a story's interview uses, when an admin picked one at nomination
-- (`--set <name>`, a file in `prompts/sets/`); a story with no row uses interview.toml.
CREATE TABLE story_question_sets (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id),
    name     TEXT NOT NULL
);
