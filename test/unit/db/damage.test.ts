import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOpenCache, openCache, type IntegrityCheckReason } from '../../../electron/core/db';
import { scribble } from '../../support/scribble';
import { KEY, openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

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

/** What a process killed while the cache was open leaves behind: its open mark. */
function leaveMarkOfCrashedProcess(file: string): void {
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(`${file}.open-${encodeURIComponent(`${hostname()}:${gone}:1`)}`, '');
}

function openNoting(file: string, options: { checkIntegrity?: boolean; now?: Date } = {}) {
  const reasons: Array<IntegrityCheckReason | null> = [];
  const notices: Array<{ level: string; message: string }> = [];
  const cache = openCache({
    file,
    key: KEY,
    checkIntegrity: options.checkIntegrity,
    now: options.now ? () => options.now! : undefined,
    onNotice: (n) => notices.push(n),
    onIntegrityCheck: (reason) => reasons.push(reason),
  });
  return { cache, reasons, notices };
}

const damagedFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('damaged') && !name.includes('.open-'));

describe('a damaged cache', () => {
  it('is moved aside after an unclean shutdown, never deleted, and the user is told in plain words', () => {
    const { file, dir, appointmentPages } = populatedCache();
    scribble(file, appointmentPages.slice(3, 5));
    leaveMarkOfCrashedProcess(file);
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

    const cache = openCache({ file, key: KEY, checkIntegrity: true });
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

describe('when the cache is checked', () => {
  it('skips the check of every page when the cache was closed cleanly and checked this week', () => {
    const { file, dir } = populatedCache();

    const { cache, reasons, notices } = openNoting(file);
    cache.close();

    expect(reasons).toEqual([null]);
    expect(notices).toEqual([]);
    expect(damagedFiles(dir)).toEqual([]);
  });

  it('checks after an unclean shutdown, and not again once the next open finds it sound', () => {
    const { file, dir } = populatedCache();
    leaveMarkOfCrashedProcess(file);

    const first = openNoting(file);
    first.cache.close();
    const second = openNoting(file);
    second.cache.close();

    expect(first.reasons).toEqual(['unclean_shutdown']);
    expect(second.reasons).toEqual([null]);
    expect(readdirSync(dir).filter((name) => name.includes('.open-'))).toEqual([]);
  });

  it('does not mistake a cache held open by a live process for a crash', () => {
    const { file } = populatedCache();
    const other = openNoting(file);

    const { cache, reasons } = openNoting(file);
    cache.close();
    other.cache.close();

    expect(other.reasons).toEqual([null]);
    expect(reasons).toEqual([null]);
  });

  it('checks weekly, and finds damage a disk did quietly', () => {
    const { file, dir, appointmentPages } = populatedCache();
    scribble(file, appointmentPages.slice(3, 5));
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);

    const sameWeek = openNoting(file);
    sameWeek.cache.close();
    const nextWeek = openNoting(file, { now: eightDaysLater });
    nextWeek.cache.close();

    expect(sameWeek.reasons).toEqual([null]);
    expect(nextWeek.reasons).toEqual(['weekly']);
    expect(nextWeek.notices[0]?.message).toContain('moved it aside');
    expect(damagedFiles(dir)).toHaveLength(1);
  });

  it('checks on demand: a damaged file found while open is moved aside by the next open', () => {
    const { file, dir, appointmentPages } = populatedCache();
    scribble(file, appointmentPages.slice(3, 5));

    const open = openNoting(file);
    const verdict = checkOpenCache(open.cache, new Date());
    open.cache.close();
    const next = openNoting(file);
    next.cache.close();

    expect(open.reasons).toEqual([null]);
    expect(verdict).toEqual({ sound: false });
    expect(next.reasons).toEqual(['never_checked']);
    expect(next.notices[0]?.message).toContain('moved it aside');
    expect(damagedFiles(dir)).toHaveLength(1);
  });

  it('says a sound cache is sound when asked, and the check on open can be requested', () => {
    const { file } = populatedCache();

    const { cache, reasons } = openNoting(file, { checkIntegrity: true });
    const verdict = checkOpenCache(cache, new Date());
    cache.close();

    expect(reasons).toEqual(['requested']);
    expect(verdict).toEqual({ sound: true });
  });
});
