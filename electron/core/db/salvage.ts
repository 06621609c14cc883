import type { Db } from './sqlite';

type Row = Record<string, unknown>;

/** What could be read from a damaged cache: local-only data and what it needs to stand on. */
export interface Salvage {
  rows: Map<string, Row[]>;
  /** Tables that failed to read completely (rows read before the failure are kept). */
  unreadable: string[];
}

export interface RestoreSummary {
  sources: number;
  /** Patients put back because local-only data points at them or they exist only locally. */
  patients: number;
  organizations: number;
  organizationLinks: number;
  notes: number;
  /** Rows that could not be put back (e.g. a note whose patient could not be read). */
  skipped: number;
  unreadable: string[];
}

// Restore order respects foreign keys. Budgets are kept so IntakeQ's daily count is not forgotten.
const RESTORE_ORDER = ['sources', 'patients', 'organizations', 'patient_organizations', 'patient_notes', 'api_budget_usage'];

/**
 * Reads local-only data from a damaged cache, table by table, keeping whatever is readable.
 * Patients are kept only when local-only data points at them or they exist only locally; synced
 * patients and appointments are left for the next sync to refill.
 */
export function salvageLocalData(damaged: Db): Salvage {
  const unreadable: string[] = [];
  const read = (table: string): Row[] => {
    const rows: Row[] = [];
    try {
      for (const row of damaged.prepare(`SELECT * FROM ${table}`).iterate()) rows.push(row as Row);
    } catch {
      unreadable.push(table);
    }
    return rows;
  };
  const notes = read('patient_notes');
  const links = read('patient_organizations');
  const referenced = new Set([...notes, ...links].map((row) => row.patient_id));
  const patients = read('patients').filter((row) => row.external_id === null || referenced.has(row.id));
  const rows = new Map<string, Row[]>([
    ['sources', read('sources')],
    ['patients', patients],
    ['organizations', read('organizations')],
    ['patient_organizations', links],
    ['patient_notes', notes],
    ['api_budget_usage', read('api_budget_usage')],
  ]);
  return { rows, unreadable };
}

/** Puts salvaged rows into a freshly migrated cache, row by row so one bad row loses only itself. */
export function restoreLocalData(db: Db, salvage: Salvage): RestoreSummary {
  const restored = new Map<string, number>();
  let skipped = 0;
  db.transaction(() => {
    for (const table of RESTORE_ORDER) {
      const rows = salvage.rows.get(table) ?? [];
      const first = rows[0];
      if (!first) continue;
      // Columns both schemas share: the damaged file may predate a later migration.
      const columns = (db.pragma(`table_info(${table})`) as Array<{ name: string }>)
        .map((column) => column.name)
        .filter((column) => column in first);
      const insert = db.prepare(
        `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      let count = 0;
      for (const row of rows) {
        try {
          count += insert.run(Object.fromEntries(columns.map((column) => [column, row[column]]))).changes;
        } catch {
          skipped += 1;
        }
      }
      restored.set(table, count);
    }
    // Derived columns: appointments come back with the next sync; links were counted on insert,
    // on top of the count copied from the damaged row.
    db.exec(`UPDATE patients SET next_appointment_id = NULL, next_starts_at = NULL, next_status = NULL,
      next_valid_from = NULL,
      organization_count = (SELECT count(*) FROM patient_organizations WHERE patient_id = patients.id)`);
  })();
  return {
    sources: restored.get('sources') ?? 0,
    patients: restored.get('patients') ?? 0,
    organizations: restored.get('organizations') ?? 0,
    organizationLinks: restored.get('patient_organizations') ?? 0,
    notes: restored.get('patient_notes') ?? 0,
    skipped,
    unreadable: salvage.unreadable,
  };
}
