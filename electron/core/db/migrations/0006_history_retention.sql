-- History retention (repos/history-retention.ts) deletes old sync runs. Each deleted run makes SQLite
-- look for changes that still point at it (the foreign key, and the "still referenced" rule): without
-- this index, one scan of the whole change table per run.
CREATE INDEX appointment_changes_by_run ON appointment_changes (run_id);
