-- The adoption chart admins see on their App Home: the Slack file of the latest chart
-- `/spotlight report` shared (an image block shows it by its file id; the file stays
-- private to the people it was shared with and the bot). One row at most.
CREATE TABLE home_chart (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    file_id    TEXT NOT NULL,
    drawn_at   TEXT NOT NULL,
    drawn_for  TEXT NOT NULL
);
