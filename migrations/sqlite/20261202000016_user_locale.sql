-- A person's Slack locale (`users.info` with `include_locale`), so the bot talks to
-- them in their language when it has texts for it.
ALTER TABLE users ADD COLUMN locale TEXT;
