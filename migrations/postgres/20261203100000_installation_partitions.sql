-- One Spotlight serves several workspaces: `installations` is their registry (see the
-- SQLite migration of the same name).
ALTER TABLE installations ADD COLUMN data_apart BOOLEAN NOT NULL DEFAULT FALSE;
