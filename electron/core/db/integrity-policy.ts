/** How often a cleanly closed cache is checked anyway (quick_check reads and decrypts every page). */
export const INTEGRITY_CHECK_INTERVAL_MS = 7 * 86_400_000;

/** Why a cache is checked on this open; null when the check can wait. */
export type IntegrityCheckReason = 'requested' | 'unclean_shutdown' | 'never_checked' | 'weekly';

export interface IntegrityFacts {
  /** The user asked for a check (Settings, `clinicsync check-cache`). */
  requested: boolean;
  /** A process that had the cache open ended without closing it. */
  uncleanShutdown: boolean;
  /** When the last check finished, or null when none is on record. */
  lastCheckedAt: Date | null;
  /** The file is being created by this open: nothing in it can be damaged yet. */
  newFile: boolean;
  now: Date;
}

/**
 * Checking every page on every open cost about 1 s at 50,000 patients, so the check runs where it
 * pays: after a crash or power cut, on demand, and at least weekly to catch damage a disk did quietly.
 */
export function integrityCheckReason(facts: IntegrityFacts): IntegrityCheckReason | null {
  if (facts.requested) return 'requested';
  if (facts.newFile) return null;
  if (facts.uncleanShutdown) return 'unclean_shutdown';
  if (facts.lastCheckedAt === null) return 'never_checked';
  const age = facts.now.getTime() - facts.lastCheckedAt.getTime();
  // A clock set back (age < 0) gives no reason to trust the record: check.
  if (age >= INTEGRITY_CHECK_INTERVAL_MS || age < 0) return 'weekly';
  return null;
}
