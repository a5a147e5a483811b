-- A destination Spotlight cannot post to for a reason an admin can fix (the bot is not in
-- the channel, the channel is archived, the token was revoked) is blocked: nothing is
-- dropped, posting there waits, and Spotlight retries now and then.
ALTER TABLE destinations ADD COLUMN blocked_reason TEXT;
ALTER TABLE destinations ADD COLUMN blocked_at TEXT;
