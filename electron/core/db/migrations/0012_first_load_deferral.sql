-- A source's first load (db/first-load-deferral.ts) drops the appointments' secondary indexes and
-- builds them once at the end: built in key order instead of updated in random order on every page
-- commit, where each touched index page is written again, encrypted. Each dropped index is listed
-- here with its definition, in the same transaction as the drop, so an index is always either present
-- or listed: the run's end (finished, or abandoned at the next start-up) or the next open of the cache
-- after that builds it again. The run listed here also left its patients' next appointments to then.
CREATE TABLE deferred_indexes (
  name   TEXT PRIMARY KEY,
  sql    TEXT NOT NULL,    -- the CREATE INDEX statement, as sqlite_schema held it
  run_id INTEGER NOT NULL  -- the first load that dropped it
) STRICT;
