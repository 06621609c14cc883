-- The Changes work-list's "done" ticks, kept in the cache instead of one browser's storage, so every
-- face sees them and history retention can keep the changes nobody has handled yet.
ALTER TABLE appointment_changes ADD COLUMN done_at TEXT;   -- when it was marked done; NULL: still to do
ALTER TABLE appointment_changes ADD COLUMN done_by TEXT;   -- the computer it was marked on

-- Retention walks old changes that were marked done, oldest first, without passing over the rest.
CREATE INDEX appointment_changes_done_by_time ON appointment_changes (detected_at) WHERE done_at IS NOT NULL;
