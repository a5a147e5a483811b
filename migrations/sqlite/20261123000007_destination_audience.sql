-- The group (from imported usage data) that reads a destination: the audience whose
-- adoption a story posted there should move.
ALTER TABLE destinations ADD COLUMN audience TEXT;
