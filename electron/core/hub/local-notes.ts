import type { Db } from '../db/sqlite';

export interface SharedNote {
  sharedId: string;
  patient: { source: string; externalId: string };
  body: string;
  author: string | null;
  createdAt: string;
  updatedAt: string;
}

export type LocalNotes = ReturnType<typeof createLocalNotes>;

/**
 * Staff notes by their shared id (the notes repository knows them by local id only). A note of a
 * patient without a remote id stays on its desk: other desks could not tell which patient it is.
 */
export function createLocalNotes(db: Db, version: (note: { updatedAt: string; body: string; removed: boolean }) => string) {
  const bySharedId = db.prepare(`SELECT n.id, n.shared_id, n.body, n.author, n.created_at, n.updated_at, p.source, p.external_id
    FROM patient_notes n JOIN patients p ON p.id = n.patient_id WHERE n.shared_id = ?`);
  const patientId = db.prepare('SELECT id FROM patients WHERE source = ? AND external_id = ?').pluck();
  const insert = db.prepare(`INSERT INTO patient_notes (patient_id, body, author, created_at, updated_at, shared_id)
    VALUES (@patientId, @body, @author, @createdAt, @updatedAt, @sharedId)`);
  const update = db.prepare('UPDATE patient_notes SET body = @body, author = @author, updated_at = @updatedAt WHERE shared_id = @sharedId');
  const remove = db.prepare('DELETE FROM patient_notes WHERE shared_id = ?');

  type Row = {
    shared_id: string;
    body: string;
    author: string | null;
    created_at: string;
    updated_at: string;
    source: string;
    external_id: string | null;
  };

  return {
    get(sharedId: string): SharedNote | null {
      const row = bySharedId.get(sharedId) as Row | undefined;
      if (!row || row.external_id === null) return null;
      return {
        sharedId: row.shared_id,
        patient: { source: row.source, externalId: row.external_id },
        body: row.body,
        author: row.author,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    },

    /**
     * Applies a note from another desk by the rule every desk and the hub follow (`noteVersion`): the
     * later write wins. Returns 'deferred' when its patient is not in this cache yet.
     */
    apply(note: SharedNote & { removed: boolean }): 'applied' | 'kept' | 'deferred' {
      const local = bySharedId.get(note.sharedId) as Row | undefined;
      if (local && version(note) <= version({ updatedAt: local.updated_at, body: local.body, removed: false })) return 'kept';
      if (note.removed) {
        remove.run(note.sharedId);
        return 'applied';
      }
      if (local) {
        update.run(note);
        return 'applied';
      }
      const id = patientId.get(note.patient.source, note.patient.externalId) as number | undefined;
      if (id === undefined) return 'deferred';
      insert.run({ ...note, patientId: id });
      return 'applied';
    },
  };
}
