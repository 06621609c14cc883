import type { Cache } from './cache';
import { isDamaged } from './damage';
import { forgetIntegrityCheck, recordIntegrityCheck } from './open-markers';

/**
 * Checks every page of an open cache (Settings' "Check the cache now"). A sound file is recorded as
 * checked; a damaged one loses its record, so the next open checks it again and moves it aside with
 * its local-only data carried over, exactly as a damaged file found at start-up.
 */
export function checkOpenCache(cache: Cache, now: Date): { sound: boolean } {
  if (isDamaged(cache.db)) {
    forgetIntegrityCheck(cache.file);
    return { sound: false };
  }
  recordIntegrityCheck(cache.file, now);
  return { sound: true };
}
