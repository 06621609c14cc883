-- The cache's size (issue 14 §3): appointments and their indexes take about 45% less space.
-- - Instants are INTEGER milliseconds since 1970 UTC (6 bytes) instead of ISO-8601 text (24 bytes),
--   in the row and in every index entry. The repositories convert at their boundary
--   (db/stored-instants.ts); the views below still show ISO-8601 text.
-- - Rows name their source by a small integer key (sources.key, 1 byte) instead of its text id (16 bytes);
--   the repositories convert (db/source-keys.ts), and the views below still show the id.
-- - The two secondary indexes leave the source out: a clinic has a handful of sources, and the row a
--   lookup reads anyway says which one it is. The unique (source, external_id) stays, by key.
-- The table is rebuilt with every row and id kept (patients.next_appointment_id points at ids). No
-- first load's index is only listed in deferred_indexes now: the cache builds them before migrating.

DROP VIEW patient_next_appointment;
DROP VIEW active_appointments;

-- Keys are local to this cache (never sent to a hub). A new source gets the next one.
ALTER TABLE sources ADD COLUMN key INTEGER;
UPDATE sources SET key = rowid;
CREATE UNIQUE INDEX sources_by_key ON sources (key);
CREATE TRIGGER sources_key AFTER INSERT ON sources WHEN new.key IS NULL
BEGIN
  UPDATE sources SET key = (SELECT coalesce(max(key), 0) + 1 FROM sources) WHERE id = new.id;
END;

CREATE TABLE appointments_compact (
  id                       INTEGER PRIMARY KEY,
  source_key               INTEGER NOT NULL REFERENCES sources (key) ON DELETE CASCADE,
  external_id              TEXT NOT NULL,
  patient_external_id      TEXT,
  practitioner_external_id TEXT,
  practitioner_name        TEXT,
  service_name             TEXT,
  location_name            TEXT,
  starts_at                INTEGER NOT NULL,   -- epoch ms, like every instant below
  ends_at                  INTEGER,
  status                   TEXT NOT NULL,
  cancelled_at             INTEGER,
  cancellation_reason      TEXT,
  telehealth_url           TEXT,
  deleted                  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  remote_updated_at        INTEGER,
  last_synced_at           INTEGER NOT NULL,
  UNIQUE (source_key, external_id)
) STRICT;

-- Stored text is always "YYYY-MM-DDTHH:MM:SS.sssZ": whole seconds from strftime, milliseconds from
-- characters 21-23, so the conversion is exact integer arithmetic.
INSERT INTO appointments_compact
  (id, source_key, external_id, patient_external_id, practitioner_external_id, practitioner_name, service_name,
   location_name, starts_at, ends_at, status, cancelled_at, cancellation_reason, telehealth_url, deleted,
   remote_updated_at, last_synced_at)
SELECT id, (SELECT key FROM sources WHERE id = appointments.source), external_id, patient_external_id,
  practitioner_external_id, practitioner_name, service_name, location_name,
  CAST(strftime('%s', starts_at) AS INTEGER) * 1000 + CAST(substr(starts_at, 21, 3) AS INTEGER),
  CAST(strftime('%s', ends_at) AS INTEGER) * 1000 + CAST(substr(ends_at, 21, 3) AS INTEGER),
  status,
  CAST(strftime('%s', cancelled_at) AS INTEGER) * 1000 + CAST(substr(cancelled_at, 21, 3) AS INTEGER),
  cancellation_reason, telehealth_url, deleted,
  CAST(strftime('%s', remote_updated_at) AS INTEGER) * 1000 + CAST(substr(remote_updated_at, 21, 3) AS INTEGER),
  CAST(strftime('%s', last_synced_at) AS INTEGER) * 1000 + CAST(substr(last_synced_at, 21, 3) AS INTEGER)
FROM appointments
ORDER BY id;

DROP TABLE appointments;
ALTER TABLE appointments_compact RENAME TO appointments;

-- A patient's appointments, and the next one (read forward from "now").
CREATE INDEX appointments_by_patient ON appointments (patient_external_id, starts_at);
-- The day sheet: a clinic day's appointments in start order, a range read of a few pages.
CREATE INDEX appointments_by_start ON appointments (starts_at);

-- The hub's triggers on appointments (0008) went with the old table; they publish by source id.
CREATE TRIGGER hub_outbox_appointment_insert AFTER INSERT ON appointments
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  SELECT 'appointment', s.id, new.external_id, (SELECT run_id FROM sync_locks WHERE source = s.id)
  FROM sources s WHERE s.key = new.source_key;
END;
CREATE TRIGGER hub_outbox_appointment_update AFTER UPDATE OF patient_external_id, practitioner_external_id, practitioner_name,
  service_name, location_name, starts_at, ends_at, status, cancelled_at, cancellation_reason, telehealth_url, deleted,
  remote_updated_at, last_synced_at ON appointments
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  SELECT 'appointment', s.id, new.external_id, (SELECT run_id FROM sync_locks WHERE source = s.id)
  FROM sources s WHERE s.key = new.source_key;
END;

-- The views of 0002, showing the same columns as before: the source by id, instants as ISO-8601 text.
CREATE VIEW active_appointments AS
  SELECT id, (SELECT s.id FROM sources s WHERE s.key = appointments.source_key) AS source, external_id,
    patient_external_id, practitioner_external_id, practitioner_name, service_name, location_name,
    strftime('%Y-%m-%dT%H:%M:%fZ', starts_at / 1000.0, 'unixepoch') AS starts_at,
    strftime('%Y-%m-%dT%H:%M:%fZ', ends_at / 1000.0, 'unixepoch') AS ends_at,
    status,
    strftime('%Y-%m-%dT%H:%M:%fZ', cancelled_at / 1000.0, 'unixepoch') AS cancelled_at,
    cancellation_reason, telehealth_url, deleted,
    strftime('%Y-%m-%dT%H:%M:%fZ', remote_updated_at / 1000.0, 'unixepoch') AS remote_updated_at,
    strftime('%Y-%m-%dT%H:%M:%fZ', last_synced_at / 1000.0, 'unixepoch') AS last_synced_at
  FROM appointments
  WHERE deleted = 0 AND status NOT IN ('cancelled', 'declined');

-- The next one is found in the table itself, so the lookup compares milliseconds over appointments_by_patient
-- (the unary + keeps SQLite off the (source_key, external_id) index, which would read the whole source).
CREATE VIEW patient_next_appointment AS
  SELECT p.id AS patient_id,
         p.source,
         p.external_id AS patient_external_id,
         a.id AS appointment_id,
         a.external_id AS appointment_external_id,
         a.starts_at,
         a.ends_at,
         a.status,
         a.practitioner_name,
         a.telehealth_url
  FROM patients p
  JOIN active_appointments a ON a.id = (
    SELECT x.id FROM appointments x
    WHERE +x.source_key = (SELECT s.key FROM sources s WHERE s.id = p.source)
      AND x.patient_external_id = p.external_id
      AND x.deleted = 0 AND x.status NOT IN ('cancelled', 'declined')
      AND x.starts_at >= CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    ORDER BY x.starts_at, x.id
    LIMIT 1
  );
