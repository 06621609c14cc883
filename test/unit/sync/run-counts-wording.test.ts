/** The one line every face (activity log, CLI, console) uses to say what a run did. */
import { describe, expect, it } from 'vitest';
import { emptySyncCounts, runCountsLine, type SyncCounts, type SyncMode, type SyncRunStatus } from '../../../electron/core/domain';

const counts = (patch: Partial<SyncCounts>): SyncCounts => ({ ...emptySyncCounts(), ...patch });
/** A run that started from cursors (the patient cursor only where the mode reads patients). */
const run = (c: SyncCounts, mode: SyncMode, cursorBefore: Record<string, string> | null = { patients: '2026-12-05T03:00:00Z' }) => ({
  counts: c,
  scope: { mode },
  cursorBefore,
});

describe('runCountsLine after a full sync', () => {
  it('gives the practice’s numbers, warnings last', () => {
    const c = counts({
      patientsTotal: 651,
      patientsFound: 651,
      patientsNew: 3,
      patientsUpdated: 5,
      patientsUnchanged: 642,
      patientsFailed: 1,
      appointmentsFailed: 1,
    });
    expect(runCountsLine(run(c, 'full'))).toBe('Synced 651 patients · 3 new · 5 updated · 642 unchanged · 2 warnings');
  });

  it('adds appointments and removals when there are any, with thousands separators', () => {
    const c = counts({
      patientsFound: 651,
      patientsNew: 3,
      patientsUpdated: 5,
      patientsUnchanged: 643,
      appointmentsNew: 8,
      appointmentsUnchanged: 1000,
      appointmentsRemoved: 1,
      patientsRemoved: 2,
    });
    expect(runCountsLine(run(c, 'full'))).toBe(
      'Synced 651 patients · 3 new · 5 updated · 643 unchanged · 1,008 appointments · 2 patients deleted at source · 1 appointment deleted at source',
    );
  });

  it('says one patient, not one patients', () => {
    expect(runCountsLine(run(counts({ patientsFound: 1, patientsNew: 1 }), 'full'))).toMatch(/^Synced 1 patient ·/);
  });
});

describe('runCountsLine after an incremental sync', () => {
  it('speaks of the whole practice on a first sync, which has no cursor to start from', () => {
    const c = counts({ patientsTotal: 650, patientsFound: 650, patientsNew: 650, appointmentsNew: 11 });
    expect(runCountsLine(run(c, 'incremental', null))).toBe('Synced 650 patients · 650 new · 0 updated · 0 unchanged · 11 appointments');
  });

  it('says what it checked and what the cache holds, not "Synced 1 patient" of a 650-patient practice', () => {
    const c = counts({ patientsTotal: 650, patientsFound: 1, patientsUnchanged: 1, appointmentsUnchanged: 11 });
    const line = runCountsLine(run(c, 'incremental'));
    expect(line).toBe(
      'Checked 1 patient changed since the last sync (0 new, 0 updated, 1 already up to date) · checked 11 appointments · the cache holds 650 patients',
    );
    expect(line).not.toMatch(/Synced/);
  });

  it('says so when no patient changed, and names new and updated appointments', () => {
    const c = counts({ patientsTotal: 12_000, appointmentsNew: 2, appointmentsUpdated: 1, appointmentsUnchanged: 40 });
    expect(runCountsLine(run(c, 'incremental'))).toBe(
      'No patient changed since the last sync · checked 43 appointments (2 new, 1 updated) · the cache holds 12,000 patients',
    );
  });

  it('speaks only of appointments for a run that reads no patients', () => {
    expect(runCountsLine(run(counts({ patientsTotal: 5, appointmentsUnchanged: 3 }), 'upcoming_only'))).toBe(
      'Checked 3 appointments · the cache holds 5 patients',
    );
    expect(runCountsLine(run(counts({ patientsTotal: 5 }), 'reconcile_only'))).toBe('Nothing changed · the cache holds 5 patients');
  });
});

describe('runCountsLine after a run that stopped early', () => {
  const ended = (c: SyncCounts, mode: SyncMode, status: SyncRunStatus, cursorBefore: Record<string, string> | null = null) => ({
    ...run(c, mode, cursorBefore),
    status,
  });

  it('never says "Synced 0 patients" of a run that failed before fetching anything', () => {
    for (const status of ['failed', 'abandoned', 'cancelled', 'deferred'] as const) {
      const line = runCountsLine(ended(counts({ patientsTotal: 650 }), 'full', status));
      expect(line).toBe('Stopped before any patient or appointment was fetched');
    }
    const incremental = runCountsLine(ended(counts({ patientsTotal: 650 }), 'incremental', 'failed', { patients: '2026-12-05T03:00:00Z' }));
    expect(incremental).toBe('Stopped before any patient or appointment was fetched · the cache holds 650 patients');
  });

  it('says what a run fetched before it stopped, not that it synced', () => {
    const c = counts({ patientsFound: 120, patientsNew: 120, appointmentsNew: 8 });
    expect(runCountsLine(ended(c, 'full', 'failed'))).toBe(
      'Fetched 120 patients before it stopped · 120 new · 0 updated · 0 unchanged · 8 appointments',
    );
  });

  it('still says "Synced" of a run that finished, with or without warnings', () => {
    const c = counts({ patientsFound: 3, patientsNew: 3 });
    expect(runCountsLine(ended(c, 'full', 'completed'))).toMatch(/^Synced 3 patients ·/);
    expect(runCountsLine(ended(c, 'full', 'partial_success'))).toMatch(/^Synced 3 patients ·/);
  });
});
