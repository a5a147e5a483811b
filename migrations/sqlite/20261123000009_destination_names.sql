-- What people call a destination (a Chatter group's name), and people's email
-- addresses where known (to @-mention a hero in Chatter).
ALTER TABLE destinations ADD COLUMN name TEXT;
ALTER TABLE users ADD COLUMN email TEXT;
