import { describe, expect, it } from 'vitest';
import { DAY_APPOINTMENTS_SQL } from '../../../electron/core/db/repos/day-sheet';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const PATIENT = '836447129235883061';

describe('the day sheet query', () => {
  it('reads a day as one range of the starts_at index, and each patient by remote id', () => {
    const { cache } = openTestCache();
    const plan = (cache.db.prepare(`EXPLAIN QUERY PLAN ${DAY_APPOINTMENTS_SQL}`).all(SOURCE, T0, T0) as Array<{ detail: string }>).map(
      (step) => step.detail,
    );
    expect(plan).toContain('SEARCH a USING INDEX appointments_by_start (starts_at>? AND starts_at<?)');
    expect(plan.some((step) => /^SEARCH p USING INDEX patients_by_remote_id \(source=\? AND external_id=\?\)/.test(step))).toBe(true);
    // Already in start order: no sort step.
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('returns the day’s live appointments in start order with their patients; removed ones and other days left out', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient(PATIENT, { firstName: 'Aroha', lastName: 'Ngata' })], T0);
    cache.appointments.upsertPage(
      SOURCE,
      [
        remoteAppointment('3', { startsAt: '2025-06-10T05:00:00.000Z' }),
        remoteAppointment('1', { startsAt: '2025-06-10T01:00:00.000Z', patientExternalId: 'not-cached' }),
        remoteAppointment('2', { startsAt: '2025-06-10T03:00:00.000Z', deleted: true }),
        remoteAppointment('4', { startsAt: '2025-06-11T01:00:00.000Z' }),
        remoteAppointment('0', { startsAt: '2025-06-09T23:59:59.999Z' }),
      ],
      T0,
      null,
    );
    const rows = cache.daySheet.appointments(SOURCE, '2025-06-10T00:00:00.000Z', '2025-06-11T00:00:00.000Z');
    expect(rows.map((r) => r.externalId)).toEqual(['1', '3']);
    expect(rows[0]).toMatchObject({ patientId: null, patientFirstName: null });
    expect(rows[1]).toMatchObject({
      patientFirstName: 'Aroha',
      patientLastName: 'Ngata',
      status: 'booked',
      practitionerName: 'Dr Mei Chen',
    });
    expect(rows[1]?.patientId).toBeTypeOf('number');
  });

  it('finds the changes a later sync saw, but not the "new" rows of a source’s first sync', () => {
    const { cache } = openTestCache();
    const scope = { sources: [SOURCE], mode: 'incremental' as const, phases: [], daysBack: 90, daysForward: 90 };
    const first = cache.runs.create({ source: SOURCE, trigger: 'manual', scope, startedAt: T0 });
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1'), remoteAppointment('2')], T0, first);
    const T1 = '2025-06-02T00:00:00.000Z';
    const second = cache.runs.create({ source: SOURCE, trigger: 'manual', scope, startedAt: T1 });
    cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('1', { startsAt: '2025-06-10T10:00:00.000Z', endsAt: null }), remoteAppointment('5')],
      T1,
      second,
    );
    expect(cache.daySheet.changes(SOURCE, ['1', '2', '5'], T0)).toEqual([
      { appointmentExternalId: '1', kind: 'rescheduled', detectedAt: T1 },
      { appointmentExternalId: '5', kind: 'new', detectedAt: T1 },
    ]);
    expect(cache.daySheet.changes(SOURCE, ['1'], '2025-06-03T00:00:00.000Z')).toEqual([]);
    expect(cache.daySheet.changes(SOURCE, [], T0)).toEqual([]);
  });
});
