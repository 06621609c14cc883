-- Done-marks of the Changes work-list travel through the clinic hub (electron/core/hub) like notes:
-- the later set or clear wins, so every desk needs the time of the last one, a clear included.
ALTER TABLE appointment_changes ADD COLUMN done_changed_at TEXT;   -- when done_at was last set or cleared
UPDATE appointment_changes SET done_changed_at = done_at WHERE done_at IS NOT NULL;

-- A mark from another desk finds its change by appointment (then by kind and after-snapshot).
CREATE INDEX appointment_changes_by_appointment ON appointment_changes (source, appointment_external_id);

-- Every set and clear is published; quiet while applying what came from the hub, like the other triggers.
CREATE TRIGGER hub_outbox_done_mark AFTER UPDATE OF done_at ON appointment_changes
  WHEN old.done_at IS NOT new.done_at AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('done-mark', new.source, CAST(new.id AS TEXT));
END;
