-- History outlives a removed source (sync_runs.source is not a foreign key), but its name went with
-- it. Removing a source now writes its last name onto its runs, so history can say "Northside (removed)".
-- Runs of sources removed before this migration keep NULL and are shown by their id.
ALTER TABLE sync_runs ADD COLUMN removed_source_name TEXT;
