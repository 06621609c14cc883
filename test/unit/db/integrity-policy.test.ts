import { describe, expect, it } from 'vitest';
import { integrityCheckReason, type IntegrityFacts } from '../../../electron/core/db/integrity-policy';

const NOW = new Date('2026-03-10T08:00:00Z');
const DAY = 86_400_000;
const facts = (over: Partial<IntegrityFacts>): IntegrityFacts => ({
  requested: false,
  uncleanShutdown: false,
  lastCheckedAt: new Date(NOW.getTime() - DAY),
  newFile: false,
  now: NOW,
  ...over,
});

describe('when the cache is checked on open', () => {
  it('waits while a clean cache was checked in the last week', () => {
    expect(integrityCheckReason(facts({}))).toBeNull();
    expect(integrityCheckReason(facts({ lastCheckedAt: new Date(NOW.getTime() - 7 * DAY + 1) }))).toBeNull();
  });

  it('checks after an unclean shutdown, weekly, when never checked, and on request', () => {
    expect(integrityCheckReason(facts({ uncleanShutdown: true }))).toBe('unclean_shutdown');
    expect(integrityCheckReason(facts({ lastCheckedAt: new Date(NOW.getTime() - 7 * DAY) }))).toBe('weekly');
    expect(integrityCheckReason(facts({ lastCheckedAt: null }))).toBe('never_checked');
    expect(integrityCheckReason(facts({ requested: true, uncleanShutdown: true }))).toBe('requested');
  });

  it('does not trust a last check dated in the future (a clock set back)', () => {
    expect(integrityCheckReason(facts({ lastCheckedAt: new Date(NOW.getTime() + DAY) }))).toBe('weekly');
  });

  it('has nothing to check in a file it is creating', () => {
    expect(integrityCheckReason(facts({ newFile: true, lastCheckedAt: null, uncleanShutdown: true }))).toBeNull();
  });
});
