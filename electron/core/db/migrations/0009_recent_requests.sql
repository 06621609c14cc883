-- Requests sent per credential in the last minutes (repos/recent-requests.ts), so a process that
-- starts while another has just used the credential (the CLI after the desktop app) paces itself
-- against both: IntakeQ allows 10 a minute per key, whoever sends them.
CREATE TABLE api_recent_requests (
  id             INTEGER PRIMARY KEY,
  credential_key TEXT NOT NULL,
  -- The limiter that sent it (one per process and credential); it counts its own in memory.
  sender         TEXT NOT NULL,
  -- When it was sent, then when its response came in (epoch ms).
  at_ms          INTEGER NOT NULL
) STRICT;
CREATE INDEX api_recent_requests_by_key ON api_recent_requests (credential_key, at_ms);
