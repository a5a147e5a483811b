-- The address of a person's Slack profile photo (users.info `image_512`, else
-- `image_192`), kept when their profile is read; the poster fetches and embeds it.
ALTER TABLE users ADD COLUMN photo_url TEXT;
