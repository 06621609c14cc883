-- Read-only views for the console and for anyone inspecting the cache with standard tools.
-- "now" below is SQLite's clock in the same ISO-8601 shape the tables use.

-- An appointment the patient is still expected at.
CREATE VIEW active_appointments AS
  SELECT * FROM appointments
  WHERE deleted = 0 AND status NOT IN ('cancelled', 'declined');

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
    SELECT x.id FROM active_appointments x
    WHERE x.source = p.source
      AND x.patient_external_id = p.external_id
      AND x.starts_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    ORDER BY x.starts_at, x.id
    LIMIT 1
  );

CREATE VIEW recent_activity AS
  SELECT e.id, e.at, e.level, e.message, e.source, e.run_id,
         r.trigger_kind AS run_trigger, r.status AS run_status
  FROM activity_events e
  LEFT JOIN sync_runs r ON r.id = e.run_id
  WHERE e.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day');

-- Patients removed upstream are left out: they no longer need a remote id.
CREATE VIEW client_id_coverage AS
  SELECT s.id AS source,
         coalesce(sum(p.external_id IS NOT NULL), 0) AS with_remote_id,
         coalesce(sum(p.external_id IS NULL), 0) AS without_remote_id,
         CASE WHEN count(p.id) = 0 THEN NULL
              ELSE round(100.0 * sum(p.external_id IS NOT NULL) / count(p.id), 1)
         END AS percent_with_remote_id
  FROM sources s
  LEFT JOIN patients p ON p.source = s.id AND p.deleted = 0
  GROUP BY s.id;
