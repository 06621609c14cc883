-- The local cache. Remote ids are TEXT end to end (Cliniko's are 64-bit); times are ISO-8601 UTC
-- text in one shape (YYYY-MM-DDTHH:MM:SS.sssZ) so they compare and sort as strings.

CREATE TABLE sources (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  name           TEXT NOT NULL,
  base_url       TEXT,
  credential_ref TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE practitioners (
  source            TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  external_id       TEXT NOT NULL,
  display_name      TEXT NOT NULL,
  email             TEXT,
  active            INTEGER NOT NULL CHECK (active IN (0, 1)),
  remote_updated_at TEXT,
  PRIMARY KEY (source, external_id)
) STRICT, WITHOUT ROWID;

-- A local id lets local-only data point at a patient, and lets a patient exist here before it is
-- matched to a remote record (external_id NULL). Synced rows are updated in place, never replaced.
CREATE TABLE patients (
  id                  INTEGER PRIMARY KEY,
  source              TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  external_id         TEXT,
  first_name          TEXT NOT NULL,
  last_name           TEXT NOT NULL,
  -- Written by the cache (repos/patient-text.ts): last then first name, case and accents folded
  -- (SQLite's NOCASE folds only ASCII and would sort "Álvarez" after "Zhou"), and the folded
  -- text the roster search matches: names, email, phone, phone digits.
  sort_name           TEXT NOT NULL,
  search_text         TEXT NOT NULL,
  email               TEXT,
  phone               TEXT,
  date_of_birth       TEXT,
  archived            INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  deleted             INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  removed_at          TEXT,   -- when a sync found it removed upstream; NULL while deleted = 0
  remote_updated_at   TEXT,
  last_synced_at      TEXT,
  created_at          TEXT NOT NULL,
  -- Derived by the cache (repos/next-appointments.ts): the first active appointment starting at or
  -- after next_valid_from. Kept here so the roster can sort and filter 50,000 patients by it.
  next_appointment_id INTEGER,
  next_starts_at      TEXT,
  next_status         TEXT,
  next_valid_from     TEXT,
  -- Derived: how many organizations the patient belongs to (kept by the triggers below).
  organization_count  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE UNIQUE INDEX patients_by_remote_id ON patients (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX patients_by_email ON patients (source, email COLLATE NOCASE);
-- The roster: one index per sort, read forwards or backwards (missing values sort as the largest),
-- each covering the common filters and the search text. A window or a count is then one pass over
-- a ~5 MB index, whatever the filters or search: measured 1-4 ms at 50,000 patients.
CREATE INDEX patients_roster_by_name ON patients
  (sort_name, id, source, archived, deleted, next_status, organization_count, search_text);
CREATE INDEX patients_roster_by_birth ON patients
  (date_of_birth IS NULL, date_of_birth, id, source, archived, deleted, next_status, organization_count, search_text);
CREATE INDEX patients_roster_by_next ON patients
  (next_starts_at IS NULL, next_starts_at, id, source, archived, deleted, next_status, organization_count, search_text);
-- Also finds patients a sync has not seen since a time (reconciliation).
CREATE INDEX patients_roster_by_synced ON patients
  (last_synced_at IS NULL, last_synced_at, id, source, archived, deleted, next_status, organization_count, search_text);
CREATE INDEX patients_by_next_valid_from ON patients (next_valid_from);

-- Appointments name their patient by remote id, without a foreign key: an appointment can arrive
-- before its patient does.
CREATE TABLE appointments (
  id                       INTEGER PRIMARY KEY,
  source                   TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  external_id              TEXT NOT NULL,
  patient_external_id      TEXT,
  practitioner_external_id TEXT,
  practitioner_name        TEXT,
  service_name             TEXT,
  location_name            TEXT,
  starts_at                TEXT NOT NULL,
  ends_at                  TEXT,
  status                   TEXT NOT NULL,
  cancelled_at             TEXT,
  cancellation_reason      TEXT,
  telehealth_url           TEXT,
  deleted                  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  remote_updated_at        TEXT,
  last_synced_at           TEXT NOT NULL,
  UNIQUE (source, external_id)
) STRICT;

-- A patient's appointments, and the next one (active rows are found by reading forward from "now").
-- The only index on appointments in random order: each page commit writes every index page it
-- touches, encrypted, so reconciliation scans by start time instead of keeping a second one.
CREATE INDEX appointments_by_patient ON appointments (source, patient_external_id, starts_at);

-- Patients whose appointments changed since their next appointment was worked out. Appended by
-- the upserts (sequential writes, cheap in a page commit); drained by the next roster query or
-- when the run finishes, whichever comes first.
CREATE TABLE next_appointment_pending (
  source              TEXT NOT NULL,
  patient_external_id TEXT NOT NULL
) STRICT;

CREATE TABLE sync_runs (
  id                 INTEGER PRIMARY KEY,
  -- Not a foreign key: history outlives a removed source.
  source             TEXT NOT NULL,
  trigger_kind       TEXT NOT NULL,
  status             TEXT NOT NULL,
  scope              TEXT NOT NULL,   -- JSON SyncScope
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  heartbeat_at       TEXT,
  duration_ms        INTEGER,
  counts             TEXT NOT NULL,   -- JSON SyncCounts
  api_requests       INTEGER NOT NULL DEFAULT 0,
  rate_limit_wait_ms INTEGER NOT NULL DEFAULT 0,
  cursor_before      TEXT,            -- JSON object or NULL
  cursor_after       TEXT,            -- JSON object or NULL
  count_check        TEXT,
  resume_at          TEXT,
  errors             TEXT NOT NULL DEFAULT '[]'  -- JSON SyncRunError[]
) STRICT;

CREATE INDEX sync_runs_by_start ON sync_runs (started_at);
CREATE INDEX sync_runs_by_source_start ON sync_runs (source, started_at);
CREATE INDEX sync_runs_by_status ON sync_runs (status);

-- The change feed: one row per meaningful appointment change a sync saw.
CREATE TABLE appointment_changes (
  id                      INTEGER PRIMARY KEY,
  source                  TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  appointment_external_id TEXT NOT NULL,
  patient_external_id     TEXT,
  kind                    TEXT NOT NULL,
  before                  TEXT,   -- JSON AppointmentSnapshot
  after                   TEXT,   -- JSON AppointmentSnapshot
  detected_at             TEXT NOT NULL,
  run_id                  INTEGER REFERENCES sync_runs (id)
) STRICT;

-- Also serves the per-source feed: a clinic has a handful of sources.
CREATE INDEX appointment_changes_by_time ON appointment_changes (detected_at);

-- One run per source at a time; a holder that stops heartbeating can be taken over.
CREATE TABLE sync_locks (
  source       TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  run_id       INTEGER NOT NULL,
  acquired_at  TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
) STRICT;

CREATE TABLE activity_events (
  id      INTEGER PRIMARY KEY,
  run_id  INTEGER,
  source  TEXT,
  at      TEXT NOT NULL,
  level   TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;

CREATE INDEX activity_events_by_run ON activity_events (run_id, id);
CREATE INDEX activity_events_by_time ON activity_events (at);

CREATE TABLE sync_cursors (
  source   TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (source, resource)
) STRICT, WITHOUT ROWID;

-- Requests spent per credential and budget window, so a restart does not forget IntakeQ's daily count.
CREATE TABLE api_budget_usage (
  credential_key TEXT NOT NULL,
  budget         TEXT NOT NULL,
  window_start   TEXT NOT NULL,
  used           INTEGER NOT NULL,
  PRIMARY KEY (credential_key, budget)
) STRICT, WITHOUT ROWID;

-- Local-only data: never written by a sync, recovered from a damaged cache where readable.
CREATE TABLE organizations (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE patient_organizations (
  patient_id      INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  linked_at       TEXT NOT NULL,
  PRIMARY KEY (patient_id, organization_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX patient_organizations_by_organization ON patient_organizations (organization_id, patient_id);

-- Keep patients.organization_count exact however links change (including an organization's removal).
CREATE TRIGGER patient_organizations_count_link AFTER INSERT ON patient_organizations BEGIN
  UPDATE patients SET organization_count = organization_count + 1 WHERE id = new.patient_id;
END;

CREATE TRIGGER patient_organizations_count_unlink AFTER DELETE ON patient_organizations BEGIN
  UPDATE patients SET organization_count = organization_count - 1 WHERE id = old.patient_id;
END;

CREATE TABLE patient_notes (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  author     TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX patient_notes_by_patient ON patient_notes (patient_id);
