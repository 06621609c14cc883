-- Roster speed at 50,000 patients (repos/roster-sql.ts).
-- Filter counts read this narrow index instead of a sort index that carries every search text.
CREATE INDEX patients_roster_filters ON patients (source, archived, deleted, next_status, organization_count);

-- Selective searches of 3+ characters find their few patients through trigrams instead of testing
-- every search text. Case-sensitive over text that is already folded, so a match is exactly what
-- instr() finds; the roster still applies instr() to every word, so the index only narrows.
CREATE VIRTUAL TABLE patients_search USING fts5 (
  search_text,
  content = 'patients',
  content_rowid = 'id',
  tokenize = 'trigram case_sensitive 1',
  detail = 'none'
);
INSERT INTO patients_search (patients_search) VALUES ('rebuild');

CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patients_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER patients_search_update AFTER UPDATE OF search_text ON patients
  WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO patients_search (patients_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO patients_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER patients_search_delete AFTER DELETE ON patients BEGIN
  INSERT INTO patients_search (patients_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

