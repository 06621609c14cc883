import { describe, expect, it } from 'vitest';
import {
  budgetLine,
  budgetTone,
  progressText,
  runSummary,
  type CountsLike,
  type ProgressLike,
  type RunLike,
} from '../../../renderer/src/components/sync/format';
import { dayKey, dayLabel, fromZonedInput, toZonedInput } from '../../../renderer/src/lib/clinic-time';
import { formatClock, formatRelative } from '../../../renderer/src/lib/format';

const counts = (patch: Partial<CountsLike> = {}): CountsLike => ({
  patientsTotal: 651,
  patientsFound: 651,
  patientsNew: 3,
  patientsUpdated: 5,
  patientsUnchanged: 643,
  patientsFailed: 0,
  appointmentsNew: 0,
  appointmentsUpdated: 0,
  appointmentsUnchanged: 0,
  appointmentsRemoved: 0,
  appointmentsFailed: 0,
  errors: 0,
  ...patch,
});

const run = (patch: Partial<RunLike> = {}): RunLike => ({
  status: 'completed',
  counts: counts(),
  errors: [],
  resumeAt: null,
  scope: { mode: 'incremental' },
  cursorBefore: { patients: '2026-12-01T03:00:00Z' },
  ...patch,
});

const utcClock = (iso: string) => formatClock(iso, 'UTC');

describe('run summary', () => {
  it('gives each ending its own sentence and tone', () => {
    expect(runSummary(run(), 'Clinic', utcClock)).toEqual({
      text: 'Checked 651 patients changed since the last sync (3 new, 5 updated, 643 already up to date) · the cache holds 651 patients.',
      tone: 'ok',
    });
    expect(runSummary(run({ counts: counts({ patientsFailed: 2 }) }), 'Clinic', utcClock).tone).toBe('warn');
    expect(runSummary(run({ status: 'cancelled' }), 'Clinic', utcClock).text).toMatch(/^Sync of Clinic cancelled; what was fetched/);
    const early = run({
      status: 'cancelled',
      counts: counts({ patientsFound: 0, patientsNew: 0, patientsUpdated: 0, patientsUnchanged: 0 }),
    });
    expect(runSummary(early, 'Clinic', utcClock).text).toBe('Sync of Clinic cancelled; what was fetched before that is kept.');
    expect(runSummary(run({ status: 'failed', errors: [{ message: 'The key was refused.' }] }), 'Clinic', utcClock)).toEqual({
      text: 'Sync of Clinic failed: The key was refused.',
      tone: 'danger',
    });
    expect(
      runSummary(run({ status: 'deferred', resumeAt: '2026-12-01T10:42:00Z', errors: [{ message: 'Daily budget used.' }] }), 'IQ', utcClock)
        .text,
    ).toBe('Sync of IQ paused until 10:42: Daily budget used. It continues by itself.');
  });
});

describe('progress text', () => {
  const p = (patch: Partial<ProgressLike> = {}): ProgressLike => ({
    phase: 'patients',
    step: 3,
    steps: 7,
    done: 280,
    total: 651,
    percent: 42.7,
    etaSeconds: 12,
    waitingUntil: null,
    ...patch,
  });

  it('has phase, step n of m, X of Y, percent and ETA', () => {
    const t = progressText(p(), utcClock);
    expect(t).toMatchObject({
      phase: 'Patients',
      step: 'Step 3 of 7',
      records: '280 of 651 patients',
      percent: '42%',
      eta: 'About 12 s left',
    });
    expect(t.valueText).toBe('Patients, step 3 of 7, 280 of 651 patients, 42%, about 12 s left');
  });

  it('says when it waits for the rate limit, in the clinic’s clock', () => {
    const t = progressText(p({ waitingUntil: '2026-12-01T10:42:30Z' }), utcClock);
    // The whole run's time left counts the wait too.
    expect(t.eta).toBe('Waiting for the rate limit until 10:42 · about 12 s left');
    expect(progressText(p({ waitingUntil: '2026-12-01T10:42:30Z', etaSeconds: null }), utcClock).eta).toBe(
      'Waiting for the rate limit until 10:42',
    );
  });

  it('copes with unknown totals and percentages', () => {
    const t = progressText(p({ total: null, done: 40, percent: null, etaSeconds: null, phase: 'appointments_forward' }), utcClock);
    expect(t).toMatchObject({ records: '40 appointments', percent: '', eta: '' });
  });

  it('never shows more done than the total or more than 100%', () => {
    const t = progressText(p({ done: 700, percent: 140 }), utcClock);
    expect(t.records).toBe('651 of 651 patients');
    expect(t.percent).toBe('100%');
  });
});

describe('durations and budgets', () => {
  it('words the API budget as the issue does', () => {
    expect(budgetLine('IntakeQ', { used: 37, limit: 500, resetsAt: '' })).toBe('IntakeQ: 37 of 500 requests used today');
    expect(budgetTone({ used: 37, limit: 500, resetsAt: '' })).toBe('ok');
    expect(budgetTone({ used: 400, limit: 500, resetsAt: '' })).toBe('warn');
    expect(budgetTone({ used: 480, limit: 500, resetsAt: '' })).toBe('danger');
  });
});

describe('clinic time', () => {
  const zone = 'Australia/Melbourne';

  it('puts an instant on the clinic’s calendar day, not UTC’s', () => {
    // 20:00 UTC on 1 Dec is 07:00 on 2 Dec in Melbourne (AEDT, +11).
    expect(dayKey('2026-12-01T20:00:00Z', zone)).toBe('2026-12-02');
    expect(formatClock('2026-12-01T20:00:00Z', zone)).toBe('07:00');
  });

  it('labels today, tomorrow, yesterday and other days', () => {
    const now = new Date('2026-12-01T22:00:00Z'); // 09:00 on 2 Dec in Melbourne
    expect(dayLabel('2026-12-02', now, zone)).toBe('Today');
    expect(dayLabel('2026-12-03', now, zone)).toBe('Tomorrow');
    expect(dayLabel('2026-12-01', now, zone)).toBe('Yesterday');
    expect(dayLabel('2026-12-08', now, zone)).toBe('Tue 8 Dec');
    expect(dayLabel('2027-01-05', now, zone)).toBe('Tue 5 Jan 2027');
  });

  it('says how long ago', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(formatRelative('2026-12-01T11:59:30Z', now, zone)).toBe('just now');
    expect(formatRelative('2026-12-01T11:55:00Z', now, zone)).toBe('5 min ago');
    expect(formatRelative('2026-12-01T09:00:00Z', now, zone)).toBe('3 h ago');
    expect(formatRelative('2026-11-28T12:00:00Z', now, zone)).toBe('3 days ago');
  });

  it('round-trips a wall-clock time in the clinic’s zone, across daylight saving', () => {
    expect(fromZonedInput('2026-12-02T09:30', zone)).toBe('2026-12-01T22:30:00.000Z');
    expect(fromZonedInput('2026-07-02T09:30', zone)).toBe('2026-07-01T23:30:00.000Z');
    expect(toZonedInput('2026-12-01T22:30:00Z', zone)).toBe('2026-12-02T09:30');
    expect(fromZonedInput('not a time', zone)).toBeNull();
  });
});
