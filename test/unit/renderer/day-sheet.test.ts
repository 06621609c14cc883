import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDayKey, mondayOfKey, shiftDayKey } from '../../../renderer/src/components/day-sheet/day-keys';
import { FILTERS_KEY, readFilters, toQueryFilters, writeFilters } from '../../../renderer/src/lib/day-sheet-query';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

afterEach(() => vi.unstubAllGlobals());

const defaults = { practitioner: '', status: 'expected', telehealthOnly: false, source: '', printBy: 'practitioner' } as const;

describe('the day sheet’s filters', () => {
  it('send only what narrows the day: by default nothing, so the service hides cancelled ones', () => {
    expect(toQueryFilters(defaults, '  ')).toEqual({});
    expect(
      toQueryFilters({ ...defaults, practitioner: 'Dr Mei Chen', status: 'no_show', telehealthOnly: true, source: 'north' }, ' ngata '),
    ).toEqual({
      practitioners: ['Dr Mei Chen'],
      statuses: ['no_show'],
      telehealthOnly: true,
      source: 'north',
      search: 'ngata',
    });
    expect(toQueryFilters({ ...defaults, status: 'all' }, '').statuses).toContain('cancelled');
  });

  it('are remembered, and a stored choice that is no longer valid falls back to its default', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    writeFilters({ ...defaults, practitioner: 'Sam Ortiz', status: 'arrived', printBy: 'day' });
    expect(readFilters()).toEqual({ ...defaults, practitioner: 'Sam Ortiz', status: 'arrived', printBy: 'day' });

    vi.stubGlobal(
      'localStorage',
      memoryStorage({ [FILTERS_KEY]: JSON.stringify({ status: 'teleported', telehealthOnly: 'yes', practitioner: 7 }) }),
    );
    expect(readFilters()).toEqual(defaults);
    vi.stubGlobal('localStorage', memoryStorage({ [FILTERS_KEY]: '{not json' }));
    expect(readFilters()).toEqual(defaults);
  });
});

describe('day keys', () => {
  it('step whole calendar days, across months, years and daylight-saving changes', () => {
    expect(shiftDayKey('2026-04-04', 1)).toBe('2026-04-05');
    expect(shiftDayKey('2026-04-05', 1)).toBe('2026-04-06');
    expect(shiftDayKey('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDayKey('2024-03-01', -1)).toBe('2024-02-29');
    expect(mondayOfKey('2026-12-06')).toBe('2026-11-30');
    expect(mondayOfKey('2026-12-07')).toBe('2026-12-07');
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2024-02-29')).toBe(true);
    expect(isDayKey('20260101')).toBe(false);
  });
});
