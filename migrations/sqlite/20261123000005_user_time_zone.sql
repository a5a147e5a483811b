-- A person's IANA time zone (from their Slack profile), so nudges reach them in working hours.
ALTER TABLE users ADD COLUMN tz TEXT;
