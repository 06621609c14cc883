import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/db';
import { KEY, openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const PAGE_SIZE = 4096;

/** A cache holding synced data and every kind of local-only data, closed. */
function populatedCache() {
  const { cache, file, dir } = openTestCache();
  cache.patients.upsertPage(SOURCE, [remotePatient('836447129235883061'), remotePatient('9223372036854775807')], T0);
  const appointments = Array.from({ length: 3000 }, (_, i) => remoteAppointment(String(7_000_000_000_000_000_000n + BigInt(i))));
  cache.appointments.upsertPage(SOURCE, appointments, T0, null);
  const patient = cache.patients.getByRemoteId(SOURCE, '836447129235883061');
  const local = cache.patients.addLocal(SOURCE, { firstName: 'Wiremu', lastName: 'Tane', email: null, phone: null, dateOfBirth: null }, T0);
  const school = cache.organizations.create('Hillside School', T0);
  cache.organizations.link(patient!.id, school.id, T0);
  cache.notes.add({ patientId: patient!.id, body: 'Prefers morning appointments', author: 'front desk' }, T0);
  cache.notes.add({ patientId: local.id, body: 'Referred by school nurse' }, T0);
  cache.budgets.put({ credentialKey: 'intakeq:abc', budget: 'day', windowStart: T0, used: 420 });
  const appointmentPages = cache.db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'appointments' AND pagetype = 'leaf'")
    .pluck()
    .all() as number[];
  cache.close();
  return { file, dir, appointmentPages };
}

function scribble(file: string, pages: number[]): void {
  const fd = openSync(file, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, (page - 1) * PAGE_SIZE + 1024);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged cache', () => {
  it('is moved aside, never deleted, and the user is told in plain words', () => {
    const { file, dir, appointmentPages } = populatedCache();
    scribble(file, appointmentPages.slice(3, 5));
    const notices: Array<{ level: string; message: string }> = [];

    const cache = openCache({ file, key: KEY, onNotice: (n) => notices.push(n), now: () => new Date('2025-06-02T03:04:05Z') });
    cache.close();

    const movedTo = path.join(dir, 'cache.db.damaged-20250602T030405Z');
    expect(existsSync(movedTo)).toBe(true);
    expect(readdirSync(dir)).toContain('cache.db');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.level).toBe('error');
    expect(notices[0]?.message).toContain(`moved it aside to ${movedTo}`);
    expect(notices[0]?.message).toContain('1 organization membership, 2 staff notes');
    expect(notices[0]?.message).toContain('filled in again by the next sync');
  });

  it('carries local-only data over to the fresh cache, which the next sync refills', () => {
    const { file, appointmentPages } = populatedCache();
    scribble(file, appointmentPages.slice(3, 5));

    const cache = openCache({ file, key: KEY });
    try {
      expect(cache.sources.list().map((s) => s.id)).toEqual([SOURCE]);
      expect(cache.appointments.get(SOURCE, '7000000000000000000')).toBeNull();
      expect(cache.budgets.get('intakeq:abc', 'day')?.used).toBe(420);
      const local = cache.roster.query({ hasRemoteId: false, sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10, nowIso: T0 }).rows;
      expect(local.map((p) => p.lastName)).toEqual(['Tane']);
      expect(cache.notes.forPatient(local[0]!.id).map((n) => n.body)).toEqual(['Referred by school nurse']);

      // The next sync finds the salvaged patient and updates it in place: its note and school stay.
      const [outcome] = cache.patients.upsertPage(SOURCE, [remotePatient('836447129235883061', { phone: '021 555 0101' })], T0);
      expect(outcome?.outcome).toBe('updated');
      const patient = cache.patients.getByRemoteId(SOURCE, '836447129235883061')!;
      expect(cache.notes.forPatient(patient.id).map((n) => n.body)).toEqual(['Prefers morning appointments']);
      expect(cache.organizations.forPatient(patient.id).map((o) => o.name)).toEqual(['Hillside School']);
      const affiliated = cache.roster.query({ affiliated: true, sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10, nowIso: T0 });
      expect(affiliated.rows.map((p) => p.externalId)).toEqual(['836447129235883061']);
      expect(cache.appointments.upsertPage(SOURCE, [remoteAppointment('7000000000000000000')], T0, null)[0]?.outcome).toBe('new');
    } finally {
      cache.close();
    }
  });

  it('is left alone when it is sound', () => {
    const { file, dir } = populatedCache();
    const notices: unknown[] = [];

    openCache({ file, key: KEY, onNotice: (n) => notices.push(n) }).close();

    expect(notices).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
  });
});
