-- The web address Slack gives a story's post (chat.getPermalink), asked for once the post
-- is out, so a poster made from the database alone can carry a QR code to its thread.
-- NULL: not known yet; '' : Slack refused to give one (the message is gone).
ALTER TABLE posts ADD COLUMN permalink TEXT;
CREATE INDEX posts_without_permalink ON posts(id) WHERE permalink IS NULL AND status = 'sent';
