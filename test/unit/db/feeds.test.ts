import { describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/db';
import { KEY, openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

describe('activity log', () => {
  it('appends events and lists the newest in log order, by run or after an id', () => {
    const { cache } = openTestCache();
    const run = cache.runs.create({
      source: SOURCE,
      trigger: 'manual',
      scope: { sources: [SOURCE], mode: 'full', phases: [], daysBack: 1, daysForward: 1 },
      startedAt: T0,
    });
    const first = cache.activity.append({ runId: run, source: SOURCE, at: T0, level: 'info', message: 'Connected to Cliniko.' });
    cache.activity.append({ runId: null, source: null, at: T0, level: 'debug', message: 'Scheduler woke up.' });
    cache.activity.append({ runId: run, source: SOURCE, at: T0, level: 'warn', message: 'Rate limit reached; waiting 30 s.' });
    cache.activity.append({ runId: run, source: SOURCE, at: T0, level: 'info', message: 'Patients: 651 checked.' });

    expect(cache.activity.list({ limit: 2 }).map((e) => e.message)).toEqual([
      'Rate limit reached; waiting 30 s.',
      'Patients: 651 checked.',
    ]);
    expect(cache.activity.list({ runId: run, limit: 10 }).map((e) => e.level)).toEqual(['info', 'warn', 'info']);
    expect(cache.activity.list({ sinceId: first.id, runId: run, limit: 10 })).toHaveLength(2);
    // The newest lines at or above a level, however many quieter lines came after them.
    expect(cache.activity.list({ levels: ['warn', 'error'], limit: 1 }).map((e) => e.message)).toEqual([
      'Rate limit reached; waiting 30 s.',
    ]);
  });

  it('shows the last day of activity in the recent_activity view', () => {
    const { cache } = openTestCache();
    const now = new Date();
    cache.activity.append({
      runId: null,
      source: null,
      at: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
      level: 'info',
      message: 'Old news.',
    });
    cache.activity.append({ runId: null, source: null, at: now.toISOString(), level: 'info', message: 'Just now.' });

    expect(cache.activity.recent(10).map((e) => e.message)).toEqual(['Just now.']);
  });
});

describe('change feed', () => {
  it('filters by time, source and kind, newest first, with a total', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1'), remoteAppointment('2')], T0, null);
    const later = '2025-06-02T00:00:00.000Z';
    cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('1', { status: 'cancelled' }), remoteAppointment('2', { status: 'no_show' })],
      later,
      null,
    );

    expect(cache.changes.list({ since: later, limit: 10, offset: 0 }).rows.map((c) => [c.appointmentExternalId, c.kind])).toEqual([
      ['2', 'no_show'],
      ['1', 'cancelled'],
    ]);
    expect(cache.changes.list({ kinds: ['new'], limit: 1, offset: 0 })).toMatchObject({ total: 2, rows: [{ appointmentExternalId: '2' }] });
    expect(cache.changes.list({ source: 'elsewhere', limit: 10, offset: 0 }).total).toBe(0);
  });

  it('keeps done marks: the first mark stays, clearing forgets it, unknown ids are passed over, and they survive a restart', () => {
    const { cache, file } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1'), remoteAppointment('2'), remoteAppointment('3')], T0, null);
    const [c3, c2, c1] = cache.changes.list({ limit: 10, offset: 0 }).rows.map((c) => c.id);
    const marks = () => cache.changes.list({ limit: 10, offset: 0 }).rows.map((c) => [c.appointmentExternalId, c.doneAt, c.doneBy]);
    expect(marks()).toEqual([
      ['3', null, null],
      ['2', null, null],
      ['1', null, null],
    ]);

    expect(cache.changes.setDone([c1 as number, c2 as number, 999_999], { at: '2025-06-02T08:00:00Z', by: 'front-desk' })).toBe(2);
    // Ticked again later, elsewhere: the first mark is the one kept.
    expect(cache.changes.setDone([c2 as number, c3 as number], { at: '2025-06-03T08:00:00.000Z', by: 'back-office' })).toBe(2);
    expect(marks()).toEqual([
      ['3', '2025-06-03T08:00:00.000Z', 'back-office'],
      ['2', '2025-06-02T08:00:00.000Z', 'front-desk'],
      ['1', '2025-06-02T08:00:00.000Z', 'front-desk'],
    ]);
    expect(cache.changes.setDone([c3 as number, c3 as number], null)).toBe(1);
    cache.close();

    const reopened = openCache({ file, key: KEY });
    try {
      expect(reopened.changes.list({ limit: 10, offset: 0 }).rows.map((c) => [c.appointmentExternalId, c.doneAt, c.doneBy])).toEqual([
        ['3', null, null],
        ['2', '2025-06-02T08:00:00.000Z', 'front-desk'],
        ['1', '2025-06-02T08:00:00.000Z', 'front-desk'],
      ]);
    } finally {
      reopened.close();
    }
  });
});

describe('cursors and budgets', () => {
  it('survive a restart', () => {
    const { cache, file } = openTestCache();
    cache.cursors.set(SOURCE, 'patients', '2025-06-01T00:00:00.000Z');
    cache.cursors.set(SOURCE, 'patients', '2025-06-02T00:00:00.000Z');
    cache.budgets.put({ credentialKey: 'intakeq:1f2e', budget: 'day', windowStart: '2025-06-02T00:00:00.000Z', used: 499 });
    cache.close();

    const reopened = openCache({ file, key: KEY });
    try {
      expect(reopened.cursors.get(SOURCE, 'patients')).toBe('2025-06-02T00:00:00.000Z');
      expect(reopened.budgets.get('intakeq:1f2e', 'day')).toEqual({
        credentialKey: 'intakeq:1f2e',
        budget: 'day',
        windowStart: '2025-06-02T00:00:00.000Z',
        used: 499,
      });
      expect(reopened.budgets.get('intakeq:1f2e', 'minute')).toBeNull();
    } finally {
      reopened.close();
    }
  });
});

describe('views', () => {
  it('patient_next_appointment gives each patient’s next active appointment by the clock', () => {
    const { cache } = openTestCache();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    cache.patients.upsertPage(SOURCE, [remotePatient('1'), remotePatient('2')], T0);
    cache.appointments.upsertPage(
      SOURCE,
      [
        remoteAppointment('yesterday', { patientExternalId: '1', startsAt: inDays(-1), endsAt: null }),
        remoteAppointment('cancelled', { patientExternalId: '1', startsAt: inDays(1), endsAt: null, status: 'cancelled' }),
        remoteAppointment('next', { patientExternalId: '1', startsAt: inDays(2), endsAt: null }),
        remoteAppointment('after', { patientExternalId: '1', startsAt: inDays(3), endsAt: null }),
      ],
      T0,
      null,
    );

    const rows = cache.db.prepare('SELECT patient_external_id, appointment_external_id FROM patient_next_appointment').all();

    expect(rows).toEqual([{ patient_external_id: '1', appointment_external_id: 'next' }]);
  });
});

describe('practitioners', () => {
  it('upsert with outcomes and list by name', () => {
    const { cache } = openTestCache();
    const dr = { source: SOURCE, externalId: '1001', displayName: 'Dr Mei Chen', email: null, active: true, remoteUpdatedAt: null };

    expect(cache.practitioners.upsertPage(SOURCE, [dr]).map((o) => o.outcome)).toEqual(['new']);
    expect(cache.practitioners.upsertPage(SOURCE, [dr]).map((o) => o.outcome)).toEqual(['unchanged']);
    expect(cache.practitioners.upsertPage(SOURCE, [{ ...dr, active: false }]).map((o) => o.outcome)).toEqual(['updated']);
    expect(cache.practitioners.list(SOURCE)).toEqual([{ ...dr, active: false }]);
  });
});
