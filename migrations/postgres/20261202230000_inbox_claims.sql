-- Which replica took an unprocessed request to handle: the serving replica claims what
-- any replica recorded (`Store::inbox_claim`); a replica taking over claims again what
-- the one before it had claimed and not finished.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;

-- Every insert into the inbox tells the serving replica at once (it LISTENs).
CREATE FUNCTION inbox_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('spotlight_inbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER inbox_recorded AFTER INSERT ON inbox
    FOR EACH STATEMENT EXECUTE FUNCTION inbox_recorded();
