import type { ChangeKind, DoneMark } from '../domain';
import type { Db } from '../db/sqlite';

/**
 * A change the way every desk knows it. Each desk makes its own change rows as it applies what the
 * hub sends (its own ids and detection times), so a change is known by what happened upstream: the
 * appointment, the kind of change and the state it led to (the after-snapshot, serialized by the same
 * code on every desk). A desk that caught up late and saw two reschedules as one still knows the
 * reschedule to the new time as the same change, which is what a done-mark is about.
 */
export interface SharedChange {
  source: string;
  appointmentExternalId: string;
  kind: ChangeKind;
  after: string | null;
}

export interface SharedDoneMark {
  change: SharedChange;
  /** The mark, or null when it was cleared. */
  done: DoneMark | null;
  /** When it was set or cleared: the later wins. */
  updatedAt: string;
}

export type LocalDoneMarks = ReturnType<typeof createLocalDoneMarks>;

/** The hub-side name of a change: the same on every desk (the keyed hash of it is its address). */
export function sharedChangeRef(change: SharedChange): string {
  return `${change.appointmentExternalId}\n${change.kind}\n${change.after ?? ''}`;
}

/** Done-marks of the Changes work-list by their shared change (the changes repository knows local ids only). */
export function createLocalDoneMarks(db: Db, version: (mark: { updatedAt: string; done: DoneMark | null }) => string) {
  const byId = db.prepare(`SELECT source, appointment_external_id, kind, after, done_at, done_by, done_changed_at
    FROM appointment_changes WHERE id = ?`);
  const sameChange = db.prepare(`SELECT id, done_at, done_by, done_changed_at FROM appointment_changes
    WHERE source = ? AND appointment_external_id = ? AND kind = ? AND after IS ?`);
  const write = db.prepare(
    'UPDATE appointment_changes SET done_at = @doneAt, done_by = @doneBy, done_changed_at = @updatedAt WHERE id = @id',
  );

  type Row = {
    id: number;
    source: string;
    appointment_external_id: string;
    kind: ChangeKind;
    after: string | null;
    done_at: string | null;
    done_by: string | null;
    done_changed_at: string | null;
  };
  const localVersion = (row: Row) => (row.done_changed_at === null ? '' : version({ updatedAt: row.done_changed_at, done: markOf(row) }));

  return {
    /** The mark of the change with this local id as it is now; null when it was never marked (or is gone). */
    get(changeId: number): SharedDoneMark | null {
      const row = byId.get(changeId) as Row | undefined;
      if (!row || row.done_changed_at === null) return null;
      return {
        change: { source: row.source, appointmentExternalId: row.appointment_external_id, kind: row.kind, after: row.after },
        done: markOf(row),
        updatedAt: row.done_changed_at,
      };
    },

    /**
     * Applies a mark (or a clear) from another desk to every row of its change here, by the rule every
     * desk and the hub follow: the later write wins. Returns 'deferred' when this desk has no row of
     * that change yet (its appointment has not arrived).
     */
    apply(mark: SharedDoneMark): 'applied' | 'kept' | 'deferred' {
      const { source, appointmentExternalId, kind, after } = mark.change;
      const rows = sameChange.all(source, appointmentExternalId, kind, after) as Row[];
      if (rows.length === 0) return 'deferred';
      const incoming = version(mark);
      let applied = false;
      for (const row of rows) {
        if (localVersion(row) >= incoming) continue;
        write.run({ id: row.id, doneAt: mark.done?.at ?? null, doneBy: mark.done?.by ?? null, updatedAt: mark.updatedAt });
        applied = true;
      }
      return applied ? 'applied' : 'kept';
    },
  };
}

function markOf(row: { done_at: string | null; done_by: string | null }): DoneMark | null {
  return row.done_at === null ? null : { at: row.done_at, by: row.done_by ?? '' };
}
