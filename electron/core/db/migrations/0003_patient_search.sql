-- Roster search over name, email and phone. Trigram tokens match any substring of 3+ characters
-- ("smi" finds Smith, "0412" finds a phone); phone_digits lets "0412345678" find "0412 345 678".
-- Contentless: the patients table holds the text; the index only maps trigrams to patient ids.

ALTER TABLE patients ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS (
  replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
) VIRTUAL;

CREATE VIRTUAL TABLE patient_search USING fts5(
  name, email, phone, phone_digits,
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patient_search (rowid, name, email, phone, phone_digits)
  VALUES (new.id, new.first_name || ' ' || new.last_name, new.email, new.phone, new.phone_digits);
END;

CREATE TRIGGER patients_search_update AFTER UPDATE OF first_name, last_name, email, phone ON patients BEGIN
  DELETE FROM patient_search WHERE rowid = old.id;
  INSERT INTO patient_search (rowid, name, email, phone, phone_digits)
  VALUES (new.id, new.first_name || ' ' || new.last_name, new.email, new.phone, new.phone_digits);
END;

CREATE TRIGGER patients_search_delete AFTER DELETE ON patients BEGIN
  DELETE FROM patient_search WHERE rowid = old.id;
END;
