import type { Practitioner } from '../../domain';
import { fromFlag, toFlag } from '../sql-values';
import type { Db } from '../sqlite';
import { toStoredTimeOrNull } from '../timestamps';
import { assertSameSource, type RecordOutcome } from './upsert-outcome';

interface PractitionerRow {
  source: string;
  external_id: string;
  display_name: string;
  email: string | null;
  active: 0 | 1;
  remote_updated_at: string | null;
}

export type PractitionersRepo = ReturnType<typeof createPractitionersRepo>;

export function createPractitionersRepo(db: Db) {
  const byId = db.prepare(
    'SELECT source, external_id, display_name, email, active, remote_updated_at FROM practitioners WHERE source = ? AND external_id = ?',
  );
  const bySource = db.prepare(
    `SELECT source, external_id, display_name, email, active, remote_updated_at FROM practitioners
     WHERE source = ? ORDER BY display_name COLLATE NOCASE, external_id`,
  );
  const upsert = db.prepare(`INSERT INTO practitioners
      (source, external_id, display_name, email, active, remote_updated_at)
    VALUES (@source, @external_id, @display_name, @email, @active, @remote_updated_at)
    ON CONFLICT (source, external_id) DO UPDATE SET
      display_name = excluded.display_name, email = excluded.email, active = excluded.active,
      remote_updated_at = excluded.remote_updated_at`);

  return {
    /** Practitioners are few: one statement per row, outcome from comparing with the stored row. */
    upsertPage(source: string, rows: Practitioner[]): RecordOutcome[] {
      assertSameSource(source, rows);
      return db.transaction(() =>
        rows.map((practitioner): RecordOutcome => {
          const values: PractitionerRow = {
            source,
            external_id: practitioner.externalId,
            display_name: practitioner.displayName,
            email: practitioner.email,
            active: toFlag(practitioner.active),
            remote_updated_at: toStoredTimeOrNull(practitioner.remoteUpdatedAt, 'A practitioner’s remoteUpdatedAt'),
          };
          const before = byId.get(source, practitioner.externalId) as PractitionerRow | undefined;
          upsert.run(values);
          const outcome = !before ? 'new' : samePractitioner(before, values) ? 'unchanged' : 'updated';
          return { externalId: practitioner.externalId, outcome };
        }),
      )();
    },

    list(source: string): Practitioner[] {
      return (bySource.all(source) as PractitionerRow[]).map((row) => ({
        source: row.source,
        externalId: row.external_id,
        displayName: row.display_name,
        email: row.email,
        active: fromFlag(row.active),
        remoteUpdatedAt: row.remote_updated_at,
      }));
    },
  };
}

function samePractitioner(a: PractitionerRow, b: PractitionerRow): boolean {
  return a.display_name === b.display_name && a.email === b.email && a.active === b.active && a.remote_updated_at === b.remote_updated_at;
}
