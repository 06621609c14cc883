import { describe, expect, it } from 'vitest';
import { nextRun } from '../../../electron/core/schedule';
import type { ScheduleSettings } from '../../../electron/core/schedule';
import { at, settingsWith } from './settings-builder';

/** The next `count` run instants (ISO, UTC) after `from`. */
function upcoming(settings: ScheduleSettings, from: string, count: number): string[] {
  const runs: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < count; i++) {
    const next = nextRun(settings, cursor);
    if (!next) break;
    runs.push(next.at.toISOString());
    cursor = next.at;
  }
  return runs;
}

const nightly = (timeZone: string, time: string) => settingsWith({ timeZone, nightly: { time } });

describe('nightly runs across DST changes', () => {
  it('keeps 03:00 local every day through both New York changes', () => {
    expect(upcoming(nightly('America/New_York', '03:00'), '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T08:00:00.000Z', // EST
      '2026-03-08T07:00:00.000Z', // EDT from this morning
      '2026-03-09T07:00:00.000Z',
    ]);
    expect(upcoming(nightly('America/New_York', '03:00'), '2026-10-31T00:00:00Z', 3)).toEqual([
      '2026-10-31T07:00:00.000Z',
      '2026-11-01T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('runs a time skipped by spring-forward at the first valid instant after the gap (New York)', () => {
    // 2026-03-08: clocks jump from 02:00 to 03:00, so 02:30 never happens; 03:00 EDT is 07:00Z.
    expect(upcoming(nightly('America/New_York', '02:30'), '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('runs a time shown twice by fall-back once, at its first occurrence (New York)', () => {
    // 2026-11-01: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z); only the first runs.
    expect(upcoming(nightly('America/New_York', '01:30'), '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('handles both London changes, which happen at 01:00 GMT', () => {
    // 2026-03-29: 01:00 GMT → 02:00 BST, so 01:30 runs at 02:00 BST (01:00Z).
    expect(upcoming(nightly('Europe/London', '01:30'), '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    // 2026-10-25: 02:00 BST → 01:00 GMT, so 01:30 happens twice; the BST one (00:30Z) runs.
    expect(upcoming(nightly('Europe/London', '01:30'), '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('handles Sydney, whose changes fall on the opposite dates (southern hemisphere)', () => {
    // 2026-10-04: 02:00 AEST → 03:00 AEDT, so 02:30 runs at 03:00 AEDT (16:00Z the day before).
    expect(upcoming(nightly('Australia/Sydney', '02:30'), '2026-10-02T12:00:00Z', 3)).toEqual([
      '2026-10-02T16:30:00.000Z',
      '2026-10-03T16:00:00.000Z',
      '2026-10-04T15:30:00.000Z',
    ]);
    // 2026-04-05: 03:00 AEDT → 02:00 AEST, so 02:30 happens twice; the AEDT one (15:30Z) runs.
    expect(upcoming(nightly('Australia/Sydney', '02:30'), '2026-04-03T12:00:00Z', 3)).toEqual([
      '2026-04-03T15:30:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-05T16:30:00.000Z',
    ]);
  });
});

describe('interval runs', () => {
  // Monday 2026-06-15 in London (BST, UTC+1).
  const hourly = settingsWith({
    timeZone: 'Europe/London',
    nightly: { enabled: false },
    interval: { enabled: true, everyMinutes: 60, windowStart: '07:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
  });

  it('starts at the window start, inclusive', () => {
    expect(nextRun(hourly, at('2026-06-15T05:59:59Z'))).toEqual({ at: at('2026-06-15T06:00:00Z'), kind: 'interval' });
  });

  it('stops before the window end, exclusive, and resumes the next weekday morning', () => {
    expect(upcoming(hourly, '2026-06-15T16:30:00Z', 2)).toEqual(['2026-06-15T17:00:00.000Z', '2026-06-16T06:00:00.000Z']);
  });

  it('skips days not chosen: Friday evening to Monday morning', () => {
    expect(nextRun(hourly, at('2026-06-19T17:00:00Z'))?.at).toEqual(at('2026-06-22T06:00:00Z'));
  });

  it('runs only on the chosen days', () => {
    const weekends = settingsWith({ ...hourly, interval: { ...hourly.interval, weekdays: [0, 6] } });
    expect(nextRun(weekends, at('2026-06-15T12:00:00Z'))?.at).toEqual(at('2026-06-20T06:00:00Z'));
  });

  it('steps by the chosen length within the window', () => {
    const everyFourHours = settingsWith({ ...hourly, interval: { ...hourly.interval, everyMinutes: 240 } });
    expect(upcoming(everyFourHours, '2026-06-15T00:00:00Z', 4)).toEqual([
      '2026-06-15T06:00:00.000Z',
      '2026-06-15T10:00:00.000Z',
      '2026-06-15T14:00:00.000Z',
      '2026-06-16T06:00:00.000Z',
    ]);
  });

  it('runs once, as the nightly sync, when a nightly and an interval slot coincide', () => {
    const both = settingsWith({ ...hourly, nightly: { enabled: true, time: '07:00' } });
    expect(upcoming(both, '2026-06-15T05:00:00Z', 2)).toEqual(['2026-06-15T06:00:00.000Z', '2026-06-15T07:00:00.000Z']);
    expect(nextRun(both, at('2026-06-15T05:00:00Z'))?.kind).toBe('nightly');
  });

  it('mixes nightly and interval runs in time order', () => {
    const both = settingsWith({ ...hourly, nightly: { enabled: true, time: '03:00' } });
    expect(nextRun(both, at('2026-06-15T01:00:00Z'))).toEqual({ at: at('2026-06-15T02:00:00Z'), kind: 'nightly' });
    expect(nextRun(both, at('2026-06-15T02:00:00Z'))).toEqual({ at: at('2026-06-15T06:00:00Z'), kind: 'interval' });
  });

  it('collapses interval times inside a spring-forward gap into one run', () => {
    const overnight = settingsWith({
      timeZone: 'America/New_York',
      nightly: { enabled: false },
      interval: { enabled: true, everyMinutes: 30, windowStart: '01:00', windowEnd: '04:00', weekdays: [0] },
    });
    // Sunday 2026-03-08: 01:00, 01:30 EST, then 02:00/02:30/03:00 all at 03:00 EDT, then 03:30.
    expect(upcoming(overnight, '2026-03-08T05:00:00Z', 4)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('has no next run when interval syncs are off and nightly is off, or when paused', () => {
    expect(nextRun(settingsWith({ ...hourly, interval: { ...hourly.interval, enabled: false } }), at('2026-06-15T12:00:00Z'))).toBeNull();
    expect(nextRun(settingsWith({ ...hourly, enabled: false }), at('2026-06-15T12:00:00Z'))).toBeNull();
  });
});
