-- Which process runs a sync ("host:pid"), so a run whose process died is closed at once on the next
-- start-up instead of waiting for its heartbeat to go stale.
ALTER TABLE sync_runs ADD COLUMN owner TEXT;

-- API keys for the faces without an OS keychain (CLI, browser host). The cache file is encrypted,
-- so these are encrypted at rest with it; the desktop app keeps its keys in safeStorage instead.
CREATE TABLE credentials (
  ref        TEXT PRIMARY KEY,
  secret     TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
