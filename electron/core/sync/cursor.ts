/** How far back each new cursor reaches, so records written while a page was read are seen again. */
export const CURSOR_OVERLAP_MS = 5 * 60 * 1000;

/**
 * Deletion listings (IntakeQ's `deletedOnly`) reach back about ten days: a cursor older than this
 * could have missed deletions, so the listing is pulled whole instead.
 */
export const DELETIONS_VISIBLE_MS = 9 * 86_400_000;

/**
 * The next incremental cursor: never later than the run's start (records changed during the run may
 * not have been read yet) and never later than the newest remote change actually seen, minus an overlap.
 * Returns the previous cursor when nothing newer was seen, so a cursor never moves backwards.
 */
export function nextCursor(runStartedAt: Date, maxRemoteUpdatedAt: string | null, previous: string | null): string | null {
  if (!maxRemoteUpdatedAt) return previous;
  const seen = Date.parse(maxRemoteUpdatedAt);
  if (Number.isNaN(seen)) return previous;
  const candidate = new Date(Math.min(runStartedAt.getTime(), seen) - CURSOR_OVERLAP_MS).toISOString();
  if (previous && Date.parse(previous) >= Date.parse(candidate)) return previous;
  return candidate;
}

/** The later of two ISO instants (null-tolerant). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
