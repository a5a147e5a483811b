-- One Spotlight serves several workspaces: `installations` is their registry. The
-- database itself keeps the data of the workspace that came first (`data_apart` false,
-- at most one row); every other workspace's data is in a partition of its own beside it
-- (`data_apart` true: a SQLite file `<database>.<team>.db`, a Postgres schema
-- `ws_<team>`), opened by `serve` at start and when the workspace installs, and dropped
-- when its data is erased.
ALTER TABLE installations ADD COLUMN data_apart INTEGER NOT NULL DEFAULT 0;
