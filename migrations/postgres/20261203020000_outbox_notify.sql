-- Every replica's sender claims messages to send (src/store/postgres/outbox.rs); an
-- insert into the outbox tells them at once (they LISTEN), rather than at their next look.
CREATE FUNCTION outbox_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('spotlight_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_added AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_added();
