import type { Db } from '../db/sqlite';
import type { BudgetUsage } from '../domain';

export interface Membership {
  joined: boolean;
  url: string | null;
  deskId: string | null;
  deskName: string | null;
  appliedSeq: number;
  joinedAt: string | null;
  lastContactAt: string | null;
}

export interface OutboxRow {
  id: number;
  kind: string;
  source: string;
  ref: string;
  runId: number | null;
  queuedAt: string;
}

export type LocalHubState = ReturnType<typeof createLocalHubState>;

/** This desk's side of the hub in its own cache: membership, the outbox, records waiting to be applied. */
export function createLocalHubState(db: Db) {
  const read = db.prepare('SELECT joined, url, desk_id, desk_name, applied_seq, joined_at, last_contact_at FROM hub_membership');
  const contact = db.prepare('UPDATE hub_membership SET last_contact_at = ?');
  const join = db.prepare(
    'UPDATE hub_membership SET joined = 1, url = @url, desk_id = @deskId, desk_name = @deskName, applied_seq = 0, joined_at = @at',
  );
  const leave = db.prepare('UPDATE hub_membership SET joined = 0, applying = 0, url = NULL, applied_seq = 0, joined_at = NULL');
  const applying = db.prepare('UPDATE hub_membership SET applying = ?');
  const applied = db.prepare('UPDATE hub_membership SET applied_seq = ?');
  const pending = db.prepare(
    'SELECT id, kind, source, ref, run_id AS runId, queued_at AS queuedAt FROM hub_outbox WHERE id > ? ORDER BY id LIMIT ?',
  );
  const drop = db.prepare('DELETE FROM hub_outbox WHERE id <= ?');
  const stats = db.prepare('SELECT count(*) AS count, min(queued_at) AS oldest FROM hub_outbox');
  const defer = db.prepare(
    'INSERT INTO hub_deferred (address, payload) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET payload = excluded.payload',
  );
  const deferred = db.prepare('SELECT address, payload FROM hub_deferred ORDER BY rowid');
  const undefer = db.prepare('DELETE FROM hub_deferred WHERE address = ?');
  const budgets = db.prepare(
    'SELECT credential_key AS credentialKey, budget, window_start AS windowStart, used FROM api_budget_usage ORDER BY credential_key, budget',
  );

  return {
    membership(): Membership {
      const row = read.get() as {
        last_contact_at: string | null;
        joined: number;
        url: string | null;
        desk_id: string | null;
        desk_name: string | null;
        applied_seq: number;
        joined_at: string | null;
      };
      return {
        joined: row.joined === 1,
        url: row.url,
        deskId: row.desk_id,
        deskName: row.desk_name,
        appliedSeq: row.applied_seq,
        joinedAt: row.joined_at,
        lastContactAt: row.last_contact_at,
      };
    },

    /**
     * Joins and queues everything already cached, so the hub gets this desk's records and notes
     * (the triggers cover what changes from now on). The desk id stays across leave and join.
     */
    join(input: { url: string; deskId: string; deskName: string; at: string }): void {
      db.transaction(() => {
        join.run(input);
        db.exec(`DELETE FROM hub_outbox;
          INSERT INTO hub_outbox (kind, source, ref) SELECT 'source', id, id FROM sources ORDER BY id;
          INSERT INTO hub_outbox (kind, source, ref) SELECT 'practitioner', source, external_id FROM practitioners;
          INSERT INTO hub_outbox (kind, source, ref) SELECT 'patient', source, external_id FROM patients WHERE external_id IS NOT NULL ORDER BY id;
          INSERT INTO hub_outbox (kind, source, ref)
            SELECT 'appointment', s.id, a.external_id FROM appointments a JOIN sources s ON s.key = a.source_key ORDER BY a.id;
          INSERT INTO hub_outbox (kind, source, ref) SELECT 'cursor', source, resource FROM sync_cursors;
          INSERT INTO hub_outbox (kind, source, ref)
            SELECT 'run', source, CAST(id AS TEXT) FROM sync_runs WHERE desk IS NULL AND status NOT IN ('queued', 'running') ORDER BY id;
          INSERT INTO hub_outbox (kind, source, ref)
            SELECT 'note', p.source, n.shared_id FROM patient_notes n JOIN patients p ON p.id = n.patient_id ORDER BY n.id;
          INSERT INTO hub_outbox (kind, source, ref)
            SELECT 'org-link', p.source, p.external_id || char(10) || o.name FROM patient_organizations l
            JOIN patients p ON p.id = l.patient_id JOIN organizations o ON o.id = l.organization_id
            WHERE p.external_id IS NOT NULL;
          INSERT INTO hub_outbox (kind, source, ref)
            SELECT 'done-mark', source, CAST(id AS TEXT) FROM appointment_changes WHERE done_changed_at IS NOT NULL ORDER BY id;`);
      })();
    },

    leave(): void {
      db.transaction(() => {
        leave.run();
        db.exec('DELETE FROM hub_outbox; DELETE FROM hub_deferred;');
      })();
    },

    /** Runs `fn` with the outbox triggers quiet: what is applied from the hub is not published back. */
    applyingFromHub<T>(fn: () => T): T {
      return db.transaction(() => {
        applying.run(1);
        try {
          return fn();
        } finally {
          applying.run(0);
        }
      })();
    },

    /** The hub answered: an outage is measured from here. */
    reachedHub(at: string): void {
      contact.run(at);
    },

    setAppliedSeq(seq: number): void {
      applied.run(seq);
    },

    outboxAfter(afterId: number, limit: number): OutboxRow[] {
      return pending.all(afterId, limit) as OutboxRow[];
    },

    /** Forgets outbox entries the hub has. */
    dropOutboxUpTo(id: number): void {
      drop.run(id);
    },

    outboxStats(): { count: number; oldest: string | null } {
      return stats.get() as { count: number; oldest: string | null };
    },

    defer(address: string, payload: string): void {
      defer.run(address, payload);
    },

    deferred(): Array<{ address: string; payload: string }> {
      return deferred.all() as Array<{ address: string; payload: string }>;
    },

    undefer(address: string): void {
      undefer.run(address);
    },

    /** Every API budget count this desk keeps, to add to the clinic's on the hub. */
    budgets(): BudgetUsage[] {
      return budgets.all() as BudgetUsage[];
    },
  };
}
