-- A first load into an empty patients table also leaves the patients' roster indexes and their
-- search index's triggers out (db/first-load-deferral.ts), and builds them once its patients are all
-- in. Each listed object now says which table it belongs to, so one run can hold both tables'
-- deferral and build each when its own load is done, and whether it is an index or a trigger.
-- Everything listed before was an index of appointments.
ALTER TABLE deferred_indexes ADD COLUMN table_name TEXT NOT NULL DEFAULT 'appointments';
ALTER TABLE deferred_indexes ADD COLUMN type TEXT NOT NULL DEFAULT 'index' CHECK (type IN ('index', 'trigger'));
-- When the load's upcoming appointments were all in, the run may work out its patients' next
-- appointments then (repos/next-appointments.ts, settleSource): the instant it did, on its
-- appointment indexes' rows, so that its end leaves exactly those patients be.
ALTER TABLE deferred_indexes ADD COLUMN next_settled_at TEXT;
