-- How many people could see a post: the destination's member count when it was posted.
ALTER TABLE posts ADD COLUMN reach INTEGER;
