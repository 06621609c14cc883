-- The day sheet: a clinic day's appointments, per source, in start order. A range read over this
-- index costs a few pages whatever the cache's size (checked with EXPLAIN QUERY PLAN in a test).
-- (Reconciliation keeps scanning with +source: it reads a whole window once per sync.)
CREATE INDEX appointments_by_source_start ON appointments (source, starts_at);
