import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgressView } from '../../../electron/contract';
import { ApiError } from '../../../renderer/src/api/transport';
import { codeOf, fieldErrorsOf, messageOf } from '../../../renderer/src/lib/errors';
import { etaText, progressSummary, runPercent } from '../../../renderer/src/lib/progress';
import { hashOf, pageFromHash } from '../../../renderer/src/lib/routes';
import { resolveTheme } from '../../../renderer/src/lib/theme';
import { throttle } from '../../../renderer/src/lib/throttle';

describe('fieldErrorsOf', () => {
  it('reads settings errors: { fields: [{ field, message }] }', () => {
    const err = new ApiError({
      code: 'invalid_settings',
      message: 'x',
      details: {
        fields: [
          { field: 'sync.daysBack', message: 'Days back must be at least 1 day.' },
          { field: 'schedule.interval.windowEnd', message: 'Interval window end must be later than its start.' },
        ],
      },
    });
    expect(fieldErrorsOf(err)).toEqual({
      'sync.daysBack': 'Days back must be at least 1 day.',
      'schedule.interval.windowEnd': 'Interval window end must be later than its start.',
    });
  });
  it('reads source errors: { fields: { name: message } }', () => {
    expect(fieldErrorsOf(new ApiError({ code: 'source_exists', message: 'x', details: { fields: { name: 'Already in use.' } } }))).toEqual({
      name: 'Already in use.',
    });
  });
  it('reads the contract’s invalid input list, keeping the first message per field', () => {
    const err = new ApiError({
      code: 'invalid_input',
      message: 'x',
      details: [
        { path: 'apiKey', message: 'API key cannot be empty.' },
        { path: 'apiKey', message: 'second' },
      ],
    });
    expect(fieldErrorsOf(err)).toEqual({ apiKey: 'API key cannot be empty.' });
  });
  it('finds nothing in other failures', () => {
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
    expect(fieldErrorsOf(new ApiError({ code: 'internal', message: 'x' }))).toEqual({});
  });
  it('gives the message and code, or a fallback', () => {
    const err = new ApiError({ code: 'credentials_invalid', message: 'Cliniko rejected the key.' });
    expect(messageOf(err)).toBe('Cliniko rejected the key.');
    expect(codeOf(err)).toBe('credentials_invalid');
    expect(messageOf('nope', 'Fallback.')).toBe('Fallback.');
    expect(codeOf(new Error('x'))).toBeNull();
  });
});

describe('sync progress for the header and first run', () => {
  const p = (x: Partial<SyncProgressView>): SyncProgressView => ({
    runId: 1,
    source: 's',
    phase: 'patients',
    step: 1,
    steps: 1,
    done: 0,
    total: null,
    percent: null,
    etaSeconds: null,
    requests: 3,
    waitingUntil: null,
    ...x,
  });
  it('shows the percentage the core sends (already over the whole run), never one of its own', () => {
    // Step 3 of 4, half done: the core sends 62.5 for the whole run; the header shows that, not 50 or 75.
    expect(runPercent(p({ step: 3, steps: 4, done: 50, total: 100, percent: 62.5 }))).toBe(62.5);
    expect(runPercent(p({ phase: 'connect', step: 1, steps: 4, percent: 0 }))).toBe(0);
    expect(runPercent(p({ phase: 'reconcile', step: 4, steps: 4, done: 1, total: 1, percent: 100 }))).toBe(100);
    // A run just started (no step yet) or without a percentage: unknown, an indeterminate bar.
    expect(runPercent(p({ step: 0, steps: 0, percent: null }))).toBeNull();
    expect(runPercent(p({ steps: 4, percent: null }))).toBeNull();
  });
  it('words the whole run’s time left, and nothing while it is unknown', () => {
    expect(etaText(p({ etaSeconds: 185 }))).toBe('About 3 min 5 s left');
    expect(etaText(p({ etaSeconds: 5 }))).toBe('About 5 s left');
    expect(etaText(p({ etaSeconds: null }))).toBe('');
    expect(etaText(p({ etaSeconds: 0 }))).toBe('');
  });
  it('summarizes phase, step and records', () => {
    expect(progressSummary(p({ step: 3, steps: 7, done: 120, total: 650, percent: 31.2 }))).toBe(
      'Patients · step 3 of 7 · 120 of 650 patients',
    );
    expect(progressSummary(p({ phase: 'connect', step: 1, steps: 7 }))).toBe('Checking the connection · step 1 of 7');
  });
});

describe('routes and theme', () => {
  it('reads pages from the hash and defaults to the roster', () => {
    expect(pageFromHash('#/settings')).toBe('settings');
    expect(pageFromHash('#/settings/schedule')).toBe('settings');
    expect(pageFromHash('')).toBe('roster');
    expect(pageFromHash('#/nope')).toBe('roster');
    expect(hashOf('history')).toBe('#/history');
  });
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('runs at once, then at most once per window, and never drops the last call', () => {
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    t();
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    t();
    expect(fn).toHaveBeenCalledTimes(3);
  });
  it('can drop a pending call', () => {
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    t();
    t.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
