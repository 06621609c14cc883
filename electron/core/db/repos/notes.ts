import type { PatientNote } from '../../domain';
import type { Db } from '../sqlite';
import { toStoredTime } from '../timestamps';

interface NoteRow {
  id: number;
  patient_id: number;
  body: string;
  author: string | null;
  created_at: string;
  updated_at: string;
}

export type NotesRepo = ReturnType<typeof createNotesRepo>;

/** Local-only staff notes about a patient. They hold patient data: never log their text. */
export function createNotesRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO patient_notes (patient_id, body, author, created_at, updated_at) VALUES (@patientId, @body, @author, @at, @at)',
  );
  const update = db.prepare('UPDATE patient_notes SET body = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM patient_notes WHERE id = ?');
  const byId = db.prepare('SELECT * FROM patient_notes WHERE id = ?');
  const ofPatient = db.prepare('SELECT * FROM patient_notes WHERE patient_id = ? ORDER BY created_at DESC, id DESC');

  const get = (id: number): PatientNote | null => {
    const row = byId.get(id) as NoteRow | undefined;
    return row ? toNote(row) : null;
  };

  return {
    add(note: { patientId: number; body: string; author?: string | null }, at: string): PatientNote {
      const id = insert.run({ ...note, author: note.author ?? null, at: toStoredTime(at, 'at') }).lastInsertRowid;
      return get(Number(id)) as PatientNote;
    },
    update(id: number, body: string, at: string): PatientNote | null {
      update.run(body, toStoredTime(at, 'at'), id);
      return get(id);
    },
    remove(id: number): void {
      remove.run(id);
    },
    get,
    /** Newest first. */
    forPatient(patientId: number): PatientNote[] {
      return (ofPatient.all(patientId) as NoteRow[]).map(toNote);
    },
  };
}

function toNote(row: NoteRow): PatientNote {
  return {
    id: row.id,
    patientId: row.patient_id,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
