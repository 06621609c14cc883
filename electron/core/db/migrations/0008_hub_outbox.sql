-- The clinic hub (electron/core/hub). Without a hub nothing here does anything: the triggers write
-- only while this desk has joined one, so a desk on its own behaves exactly as before.

-- One row: whether this desk has joined a hub, and whether it is applying what it pulled from the hub
-- (then the triggers stay quiet, so a pulled record is not published back).
CREATE TABLE hub_membership (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  joined     INTEGER NOT NULL DEFAULT 0 CHECK (joined IN (0, 1)),
  applying   INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
  url        TEXT,      -- the hub's address without its password (the password is a secret)
  desk_id    TEXT,
  desk_name  TEXT,
  applied_seq INTEGER NOT NULL DEFAULT 0,   -- the hub's record log is applied up to here
  joined_at  TEXT,
  last_contact_at TEXT                      -- the last time this desk reached the hub
) STRICT;
INSERT INTO hub_membership (singleton) VALUES (1);

-- What changed locally and is not yet in the hub. Written by the triggers below in the same
-- transaction as the change itself (a sync's page, a note), read and emptied by the publisher.
-- `run_id` is the local run that held the source's lock when a synced record changed.
CREATE TABLE hub_outbox (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: the hub remembers the last id it has
  kind      TEXT NOT NULL,
  source    TEXT NOT NULL,
  ref       TEXT NOT NULL,
  run_id    INTEGER,
  queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Records pulled from the hub that cannot be applied yet (a note whose patient has not arrived).
CREATE TABLE hub_deferred (
  address TEXT PRIMARY KEY,
  payload TEXT NOT NULL
) STRICT;

-- A stable id for each staff note, the same on every desk (local ids differ from desk to desk).
ALTER TABLE patient_notes ADD COLUMN shared_id TEXT;
CREATE UNIQUE INDEX patient_notes_by_shared_id ON patient_notes (shared_id);
UPDATE patient_notes SET shared_id = lower(hex(randomblob(16))) WHERE shared_id IS NULL;

-- Which desk ran a sync (NULL: this desk), and runs copied from the hub by the desk and run they came from.
ALTER TABLE sync_runs ADD COLUMN desk TEXT;
CREATE TABLE hub_mirrored_runs (
  origin_desk   TEXT NOT NULL,
  origin_run_id INTEGER NOT NULL,
  local_run_id  INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,  -- history retention may remove it
  PRIMARY KEY (origin_desk, origin_run_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER hub_outbox_source_insert AFTER INSERT ON sources
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('source', new.id, new.id);
END;
CREATE TRIGGER hub_outbox_source_update AFTER UPDATE OF kind, name, base_url ON sources
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('source', new.id, new.id);
END;

CREATE TRIGGER hub_outbox_practitioner_insert AFTER INSERT ON practitioners
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('practitioner', new.source, new.external_id);
END;
CREATE TRIGGER hub_outbox_practitioner_update AFTER UPDATE ON practitioners
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('practitioner', new.source, new.external_id);
END;

-- Patients and appointments: every write of a synced column, including the sync stamp of an unchanged
-- row, so every desk shows the same "last synced" time (derived columns, like the next appointment,
-- each desk works out itself).
CREATE TRIGGER hub_outbox_patient_insert AFTER INSERT ON patients
  WHEN new.external_id IS NOT NULL AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  VALUES ('patient', new.source, new.external_id, (SELECT run_id FROM sync_locks WHERE source = new.source));
END;
CREATE TRIGGER hub_outbox_patient_update AFTER UPDATE OF external_id, first_name, last_name, email, phone, date_of_birth,
  archived, deleted, remote_updated_at, last_synced_at ON patients
  WHEN new.external_id IS NOT NULL AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  VALUES ('patient', new.source, new.external_id, (SELECT run_id FROM sync_locks WHERE source = new.source));
END;
CREATE TRIGGER hub_outbox_appointment_insert AFTER INSERT ON appointments
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  VALUES ('appointment', new.source, new.external_id, (SELECT run_id FROM sync_locks WHERE source = new.source));
END;
CREATE TRIGGER hub_outbox_appointment_update AFTER UPDATE OF patient_external_id, practitioner_external_id, practitioner_name,
  service_name, location_name, starts_at, ends_at, status, cancelled_at, cancellation_reason, telehealth_url, deleted,
  remote_updated_at, last_synced_at ON appointments
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref, run_id)
  VALUES ('appointment', new.source, new.external_id, (SELECT run_id FROM sync_locks WHERE source = new.source));
END;

-- Cursors travel with the pages they cover (written in the same transaction, so queued after them):
-- the desk that takes a lease over goes on incrementally from where the clinic got to.
CREATE TRIGGER hub_outbox_cursor_insert AFTER INSERT ON sync_cursors
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('cursor', new.source, new.resource);
END;
CREATE TRIGGER hub_outbox_cursor_update AFTER UPDATE ON sync_cursors
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('cursor', new.source, new.resource);
END;

-- A run is published when it ends (the history of every desk shows it, with the desk that ran it).
CREATE TRIGGER hub_outbox_run_end AFTER UPDATE OF status ON sync_runs
  WHEN new.status NOT IN ('queued', 'running') AND new.desk IS NULL
    AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref) VALUES ('run', new.source, CAST(new.id AS TEXT));
END;

-- Organization links of patients with a remote id, by the organization's name (ids differ by desk).
-- A link removed with its organization is not published: that organization's name is gone by then.
CREATE TRIGGER hub_outbox_org_link AFTER INSERT ON patient_organizations
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
    AND (SELECT external_id FROM patients WHERE id = new.patient_id) IS NOT NULL
BEGIN
  INSERT INTO hub_outbox (kind, source, ref)
  SELECT 'org-link', p.source, p.external_id || char(10) || o.name
  FROM patients p, organizations o WHERE p.id = new.patient_id AND o.id = new.organization_id;
END;
CREATE TRIGGER hub_outbox_org_unlink AFTER DELETE ON patient_organizations
  WHEN (SELECT joined AND NOT applying FROM hub_membership)
    AND (SELECT external_id FROM patients WHERE id = old.patient_id) IS NOT NULL
    AND (SELECT name FROM organizations WHERE id = old.organization_id) IS NOT NULL
BEGIN
  INSERT INTO hub_outbox (kind, source, ref)
  SELECT 'org-link', p.source, p.external_id || char(10) || o.name
  FROM patients p, organizations o WHERE p.id = old.patient_id AND o.id = old.organization_id;
END;

-- Staff notes: a new note gets its shared id; every add, edit and removal is published.
CREATE TRIGGER patient_notes_shared_id AFTER INSERT ON patient_notes WHEN new.shared_id IS NULL
BEGIN
  UPDATE patient_notes SET shared_id = lower(hex(randomblob(16))) WHERE id = new.id;
END;
CREATE TRIGGER hub_outbox_note_upsert AFTER UPDATE OF shared_id, body ON patient_notes
  WHEN new.shared_id IS NOT NULL AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref)
  VALUES ('note', (SELECT source FROM patients WHERE id = new.patient_id), new.shared_id);
END;
CREATE TRIGGER hub_outbox_note_delete AFTER DELETE ON patient_notes
  WHEN old.shared_id IS NOT NULL AND (SELECT joined AND NOT applying FROM hub_membership)
BEGIN
  INSERT INTO hub_outbox (kind, source, ref)
  VALUES ('note-removed', coalesce((SELECT source FROM patients WHERE id = old.patient_id), ''), old.shared_id);
END;
