import { describe, expect, it } from 'vitest';
import { CURSOR_OVERLAP_MS, nextCursor } from '../../../electron/core/sync/cursor';

const runStart = new Date('2026-11-22T03:00:00Z');
const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();

describe('incremental cursor', () => {
  it('follows the newest change seen, minus the overlap', () => {
    expect(nextCursor(runStart, '2026-11-21T18:00:00Z', null)).toBe(minus('2026-11-21T18:00:00Z', CURSOR_OVERLAP_MS));
  });

  it('never passes the run start, so records changed during the run are read next time', () => {
    expect(nextCursor(runStart, '2026-11-22T03:07:00Z', null)).toBe(minus('2026-11-22T03:00:00Z', CURSOR_OVERLAP_MS));
  });

  it('keeps the previous cursor when nothing newer was seen and never moves backwards', () => {
    expect(nextCursor(runStart, null, '2026-11-20T00:00:00.000Z')).toBe('2026-11-20T00:00:00.000Z');
    expect(nextCursor(runStart, '2026-11-19T00:00:00Z', '2026-11-20T00:00:00.000Z')).toBe('2026-11-20T00:00:00.000Z');
    expect(nextCursor(runStart, 'garbage', '2026-11-20T00:00:00.000Z')).toBe('2026-11-20T00:00:00.000Z');
  });
});
