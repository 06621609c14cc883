import { DateTime } from 'luxon';

/**
 * Yields each page with whether it is the last one, so the final page's transaction can also carry
 * the cursor that covers the whole listing. A page that says so (`last`, from paging that knows, and
 * the only way to tell with pages fetched side by side) is taken at its word and stored at once.
 * Otherwise knowing means asking for the next page first: when that fails (cancelled, server down),
 * the page already in hand is still yielded, then the error thrown, so no fetched page is lost.
 */
export async function* withLast<T extends { last?: boolean }>(items: AsyncIterable<T>): AsyncGenerator<{ item: T; last: boolean }> {
  const iterator = items[Symbol.asyncIterator]();
  let current = await iterator.next();
  while (!current.done) {
    if (current.value.last !== undefined) {
      yield { item: current.value, last: current.value.last };
      current = await iterator.next();
      continue;
    }
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch (err) {
      yield { item: current.value, last: false };
      throw err;
    }
    yield { item: current.value, last: next.done === true };
    current = next;
  }
}

// Fixed month names: ICU writes "Sept" in en-GB, and the console writes "Sep" everywhere.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "21 Nov 2026, 18:00" in the clinic's time zone, as the console shows every other time: for activity
 * lines, never with patient data.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const at = DateTime.fromISO(iso, { zone: timeZone });
  return `${at.day} ${MONTHS[at.month - 1]} ${at.year}, ${at.toFormat('HH:mm')}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
