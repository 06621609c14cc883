import { describe, expect, it } from 'vitest';
import { activityRemoved } from '../../../renderer/src/lib/retention';

describe('a run whose activity the log no longer keeps', () => {
  const now = new Date('2027-06-01T00:00:00.000Z');

  it('is one that started before the kept days', () => {
    expect(activityRemoved('2027-02-01T00:00:00.000Z', now, 90)).toBe(true);
    expect(activityRemoved('2027-03-04T00:00:00.000Z', now, 90)).toBe(false);
    expect(activityRemoved('2027-02-01T00:00:00.000Z', now, 365)).toBe(false);
  });
});
