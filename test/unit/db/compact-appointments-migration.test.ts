import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openCache } from '../../../electron/core/db';
import { openConnection } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { readMigrationFiles } from '../../../electron/core/db/migration-files';
import type { Db } from '../../../electron/core/db/sqlite';
import { KEY, remoteAppointment, SOURCE, T0, tempDir } from './fixtures';

const MIGRATION = /^(\d{4})_compact_appointments\.sql$/;

/** The app's migrations up to, not including, the one that stores appointments' instants as epoch ms. */
function migrationsBeforeCompact(): string {
  const all = readdirSync(defaultMigrationsDir());
  const compact = all.find((name) => MIGRATION.test(name));
  if (compact === undefined) throw new Error('the compact_appointments migration is missing');
  const dir = path.join(tempDir(), 'migrations');
  for (const name of all.filter((n) => n < compact)) cpSync(path.join(defaultMigrationsDir(), name), path.join(dir, name));
  return dir;
}

// Rows as the text schema held them: every nullable instant null somewhere, a time before 1970, the last
// millisecond of a day, a 64-bit id, a removed row and a cancelled one.
const ROWS: Array<Record<string, string | number | null>> = [
  {
    external_id: '9223372036854775807',
    patient_external_id: '836447129235883061',
    practitioner_external_id: '1001',
    practitioner_name: 'Dr Mei Chen',
    service_name: 'Standard consult',
    location_name: 'Main St',
    starts_at: '2099-06-10T09:00:00.000Z',
    ends_at: '2099-06-10T09:30:00.000Z',
    status: 'booked',
    cancelled_at: null,
    cancellation_reason: null,
    telehealth_url: 'https://meet.example.test/1',
    deleted: 0,
    remote_updated_at: '2025-05-20T08:00:00.123Z',
    last_synced_at: '2025-06-01T00:00:00.000Z',
  },
  {
    external_id: '2',
    patient_external_id: '836447129235883061',
    practitioner_external_id: null,
    practitioner_name: null,
    service_name: null,
    location_name: null,
    starts_at: '2099-06-09T23:59:59.999Z',
    ends_at: null,
    status: 'cancelled',
    cancelled_at: '2099-06-01T12:34:56.789Z',
    cancellation_reason: 'Unwell',
    telehealth_url: null,
    deleted: 0,
    remote_updated_at: null,
    last_synced_at: '2025-06-01T00:00:00.001Z',
  },
  {
    external_id: '3',
    patient_external_id: null,
    practitioner_external_id: '1002',
    practitioner_name: 'Dr Liam Brown',
    service_name: 'Follow-up',
    location_name: 'Online',
    starts_at: '1969-12-31T23:59:59.500Z',
    ends_at: '1970-01-01T00:29:59.500Z',
    status: 'no_show',
    cancelled_at: null,
    cancellation_reason: null,
    telehealth_url: null,
    deleted: 1,
    remote_updated_at: '1969-07-20T20:17:40.000Z',
    last_synced_at: '2025-06-01T00:00:00.000Z',
  },
];

const COLUMNS = Object.keys(ROWS[0] ?? {});
const OTHER = 'intakeq-0a1b2c3d';

/**
 * A cache file at the schema before the migration, written with plain SQL (today's repositories
 * speak the new schema): two sources, the rows above in the first and one in the second.
 */
function seedTextSchema(file: string): void {
  const db = openConnection(file, KEY);
  migrate(db, readMigrationFiles(migrationsBeforeCompact()), T0);
  const addSource = db.prepare(
    `INSERT INTO sources (id, kind, name, credential_ref, created_at, updated_at) VALUES (?, ?, ?, 'key', ?, ?)`,
  );
  addSource.run(OTHER, 'intakeq', 'Other clinic', T0, T0);
  addSource.run(SOURCE, 'cliniko', 'Main clinic', T0, T0);
  const insert = db.prepare(
    `INSERT INTO appointments (id, source, ${COLUMNS.join(', ')}) VALUES (@id, @source, ${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  // Ids with gaps, as deletions leave them: the rebuild must keep each one.
  ROWS.forEach((row, n) => insert.run({ ...row, id: 10 + n * 7, source: SOURCE }));
  insert.run({ ...ROWS[0], id: 99, source: OTHER });
  db.prepare(
    `INSERT INTO patients (source, external_id, first_name, last_name, sort_name, search_text, created_at, next_appointment_id)
       VALUES (?, '836447129235883061', 'Aroha', 'Ngata', 'ngata aroha', 'ngata aroha', ?, 10)`,
  ).run(SOURCE, T0);
  db.close();
}

const viewsOf = (db: Db) => ({
  active: db.prepare('SELECT * FROM active_appointments ORDER BY id').all(),
  next: db.prepare('SELECT * FROM patient_next_appointment ORDER BY patient_id').all(),
});

describe('migration compact_appointments: instants as epoch ms, smaller indexes', () => {
  it('keeps every appointment, id and value, and the views show the same rows as before', () => {
    const file = path.join(tempDir(), 'cache.db');
    seedTextSchema(file);
    const old = openConnection(file, KEY);
    const viewsBefore = viewsOf(old);
    old.close();

    const cache = openCache({ file, key: KEY });
    try {
      const stored = cache.db
        .prepare(
          `SELECT id, (SELECT id FROM sources WHERE key = source_key) AS source, ${COLUMNS.join(', ')}
           FROM appointments WHERE id < 99 ORDER BY id`,
        )
        .all();
      const instant = (iso: string | number | null | undefined) => (typeof iso === 'string' ? Date.parse(iso) : null);
      expect(stored).toEqual(
        ROWS.map((row, n) => ({
          ...row,
          id: 10 + n * 7,
          source: SOURCE,
          starts_at: instant(row.starts_at),
          ends_at: instant(row.ends_at),
          cancelled_at: instant(row.cancelled_at),
          remote_updated_at: instant(row.remote_updated_at),
          last_synced_at: instant(row.last_synced_at),
        })),
      );
      // Read back through the repository: the same ISO text the old columns held.
      expect(
        [...cache.appointments.iterate(SOURCE)].map((a) => [
          a.externalId,
          a.startsAt,
          a.endsAt,
          a.cancelledAt,
          a.remoteUpdatedAt,
          a.lastSyncedAt,
        ]),
      ).toEqual(
        [...ROWS]
          .sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)))
          .map((r) => [r.external_id, r.starts_at, r.ends_at, r.cancelled_at, r.remote_updated_at, r.last_synced_at]),
      );
      expect(cache.appointments.get(OTHER, String(ROWS[0]?.external_id))).toMatchObject({ source: OTHER, startsAt: ROWS[0]?.starts_at });
      expect(viewsOf(cache.db)).toEqual(viewsBefore);
      expect(viewsBefore.active).toHaveLength(2);
      expect(viewsBefore.next).toHaveLength(1);

      const indexes = cache.db
        .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'appointments' ORDER BY name`)
        .all();
      expect(indexes).toEqual([
        { name: 'appointments_by_patient', sql: 'CREATE INDEX appointments_by_patient ON appointments (patient_external_id, starts_at)' },
        { name: 'appointments_by_start', sql: 'CREATE INDEX appointments_by_start ON appointments (starts_at)' },
        { name: 'sqlite_autoindex_appointments_1', sql: null },
      ]);
      expect(cache.db.pragma('foreign_key_check')).toEqual([]);
      expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      cache.close();
    }
  });

  it('keeps publishing appointment writes to a joined hub, and removing a source still removes its appointments', () => {
    const file = path.join(tempDir(), 'cache.db');
    seedTextSchema(file);

    const cache = openCache({ file, key: KEY });
    try {
      cache.db.exec('UPDATE hub_membership SET joined = 1');
      cache.db.prepare('UPDATE appointments SET status = ? WHERE external_id = ?').run('arrived', '2');
      expect(cache.db.prepare(`SELECT kind, source, ref FROM hub_outbox`).all()).toEqual([
        { kind: 'appointment', source: SOURCE, ref: '2' },
      ]);
      cache.db.exec('UPDATE hub_membership SET joined = 0');
      cache.db.prepare('DELETE FROM sources WHERE id = ?').run(SOURCE);
      expect(cache.db.prepare('SELECT id FROM appointments').pluck().all()).toEqual([99]);
      // A source added later gets a key of its own.
      cache.sources.add({ id: 'cliniko-new', kind: 'cliniko', name: 'New', baseUrl: null, credentialRef: 'k' }, T0);
      cache.appointments.upsertPage('cliniko-new', [{ ...remoteAppointment('7'), source: 'cliniko-new' }], T0, null);
      expect(cache.appointments.get('cliniko-new', '7')?.source).toBe('cliniko-new');
      expect(cache.appointments.get(OTHER, '7')).toBeNull();
    } finally {
      cache.close();
    }
  });
});
