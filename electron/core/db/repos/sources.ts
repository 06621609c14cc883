import type { Source } from '../../domain';
import { UserFacingError } from '../../errors';
import type { Db } from '../sqlite';
import { sourceKeyOfSql } from '../source-keys';
import { toStoredTime } from '../timestamps';

interface SourceRow {
  id: string;
  kind: Source['kind'];
  name: string;
  base_url: string | null;
  credential_ref: string;
  created_at: string;
  updated_at: string;
}

export type NewSource = Omit<Source, 'createdAt' | 'updatedAt'>;
export type SourceChanges = Partial<Pick<Source, 'name' | 'baseUrl' | 'credentialRef'>>;

/** What removing a source deleted. */
export interface SourceRemoval {
  patients: number;
  appointments: number;
  notes: number;
  organizationLinks: number;
}

export type SourcesRepo = ReturnType<typeof createSourcesRepo>;

/**
 * Configured connections. Removing one deletes everything synced from it (patients, appointments,
 * practitioners, changes, cursors, lock) — and with those patients their notes and organization
 * links, so removal refuses unless the caller passes `discardLocalData` when such data exists.
 * Sync history and the activity log are kept: they are a record of what happened.
 */
export function createSourcesRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO sources (id, kind, name, base_url, credential_ref, created_at, updated_at)
    VALUES (@id, @kind, @name, @baseUrl, @credentialRef, @at, @at)`);
  const update = db.prepare(`UPDATE sources SET name = @name, base_url = @baseUrl, credential_ref = @credentialRef,
    updated_at = @at WHERE id = @id`);
  const byId = db.prepare('SELECT * FROM sources WHERE id = ?');
  const all = db.prepare('SELECT * FROM sources ORDER BY name COLLATE NOCASE, id');
  const remove = db.prepare('DELETE FROM sources WHERE id = ?');
  // History outlives the source: its runs keep the name it had, so they can still be told apart.
  const nameRuns = db.prepare('UPDATE sync_runs SET removed_source_name = (SELECT name FROM sources WHERE id = @id) WHERE source = @id');
  const holdings = db.prepare(`SELECT
      (SELECT count(*) FROM patients WHERE source = @id) AS patients,
      (SELECT count(*) FROM appointments WHERE source_key = ${sourceKeyOfSql('@id')}) AS appointments,
      (SELECT count(*) FROM patient_notes n JOIN patients p ON p.id = n.patient_id WHERE p.source = @id) AS notes,
      (SELECT count(*) FROM patient_organizations l JOIN patients p ON p.id = l.patient_id WHERE p.source = @id)
        AS organizationLinks`);

  const get = (id: string): Source | null => {
    const row = byId.get(id) as SourceRow | undefined;
    return row ? toSource(row) : null;
  };

  return {
    add(source: NewSource, at: string): Source {
      if (get(source.id)) throw new UserFacingError('source_exists', `A source with the id "${source.id}" already exists.`);
      insert.run({ ...source, at: toStoredTime(at, 'at') });
      return get(source.id) as Source;
    },

    update(id: string, changes: SourceChanges, at: string): Source {
      const current = get(id);
      if (!current) throw new UserFacingError('not_found', `There is no source with the id "${id}".`);
      update.run({ ...current, ...changes, id, at: toStoredTime(at, 'at') });
      return get(id) as Source;
    },

    get,

    list(): Source[] {
      return (all.all() as SourceRow[]).map(toSource);
    },

    remove(id: string, options: { discardLocalData?: boolean } = {}): SourceRemoval {
      return db.transaction(() => {
        if (!get(id)) throw new UserFacingError('not_found', `There is no source with the id "${id}".`);
        const removal = holdings.get({ id }) as SourceRemoval;
        const localData = removal.notes + removal.organizationLinks;
        if (localData > 0 && !options.discardLocalData) {
          throw new UserFacingError(
            'source_has_local_data',
            `Removing this source would also delete ${removal.notes} staff notes and ${removal.organizationLinks} organization links kept for its patients. Confirm to remove it anyway.`,
            removal,
          );
        }
        nameRuns.run({ id });
        remove.run(id);
        return removal;
      })();
    },
  };
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.base_url,
    credentialRef: row.credential_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
