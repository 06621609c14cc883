import { MAX_DONE_IDS, type DoneMark } from '@contract';

/** Where versions before done marks moved into the cache kept this browser's ticks. */
export const LEGACY_DONE_KEY = 'clinicsync.changes.done';

interface Markable {
  id: number;
  doneAt: string | null;
  doneBy: string | null;
}

/**
 * Moves the ticks an earlier version kept in this browser into the cache, once: sends them, then
 * removes the key. When sending fails the key stays, so the next load tries again; an unreadable
 * value holds nothing to keep and is removed. Ids of changes no longer kept are passed over by the
 * service. Returns whether nothing is left to move.
 */
export async function moveLegacyDoneMarks(
  storage: Pick<Storage, 'getItem' | 'removeItem'>,
  markDone: (ids: number[]) => Promise<unknown>,
): Promise<boolean> {
  let raw: string | null;
  try {
    raw = storage.getItem(LEGACY_DONE_KEY);
  } catch {
    return true; // Storage blocked: there is nothing this browser can hand over.
  }
  if (raw === null) return true;
  const ids = legacyIds(raw);
  try {
    for (let start = 0; start < ids.length; start += MAX_DONE_IDS) await markDone(ids.slice(start, start + MAX_DONE_IDS));
  } catch {
    return false;
  }
  try {
    storage.removeItem(LEGACY_DONE_KEY);
  } catch {
    // Blocked after reading: the marks are in the cache; sending them again later changes nothing.
  }
  return true;
}

/** The positive whole-number ids of a stored JSON array; anything else in it is ignored. */
function legacyIds(raw: string): number[] {
  try {
    const value = JSON.parse(raw) as unknown;
    if (!Array.isArray(value)) return [];
    return [...new Set(value.filter((id): id is number => Number.isSafeInteger(id) && (id as number) > 0))];
  } catch {
    return [];
  }
}

/**
 * The rows with a mark applied as the service applies it: marking keeps a row's first mark,
 * clearing (`mark` null) clears it. Rows not in `ids` are returned as they are.
 */
export function withDoneMark<T extends Markable>(rows: T[], ids: ReadonlySet<number>, mark: DoneMark | null): T[] {
  return rows.map((row) => {
    if (!ids.has(row.id)) return row;
    if (mark === null) return row.doneAt === null ? row : { ...row, doneAt: null, doneBy: null };
    return row.doneAt === null ? { ...row, doneAt: mark.at, doneBy: mark.by } : row;
  });
}
