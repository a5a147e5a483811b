-- Which replica took an unprocessed request to handle (Postgres, several replicas: the
-- serving one claims what any replica recorded). SQLite has one process and leaves it
-- empty.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
