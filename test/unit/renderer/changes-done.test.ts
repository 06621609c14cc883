import { describe, expect, it } from 'vitest';
import { MAX_DONE_IDS } from '../../../electron/contract';
import { LEGACY_DONE_KEY, moveLegacyDoneMarks, withDoneMark } from '../../../renderer/src/store/changes-done';

/** A browser's storage holding what an earlier version wrote, with a switch to block it. */
function storage(value: string | null, blocked = false) {
  const items = new Map<string, string>(value === null ? [] : [[LEGACY_DONE_KEY, value]]);
  return {
    items,
    getItem(key: string) {
      if (blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
      return items.get(key) ?? null;
    },
    removeItem(key: string) {
      items.delete(key);
    },
  };
}

function recorder(fail = false) {
  const calls: number[][] = [];
  return {
    calls,
    markDone: async (ids: number[]) => {
      calls.push(ids);
      if (fail) throw new Error('The console lost its connection to ClinicSync.');
    },
  };
}

describe('moving the ticks an earlier version kept in this browser into the cache', () => {
  it('sends them once and removes the key', async () => {
    const store = storage(JSON.stringify([42, 7, 42, 13]));
    const sent = recorder();
    expect(await moveLegacyDoneMarks(store, sent.markDone)).toBe(true);
    expect(sent.calls).toEqual([[42, 7, 13]]);
    expect(store.items.has(LEGACY_DONE_KEY)).toBe(false);

    expect(await moveLegacyDoneMarks(store, sent.markDone)).toBe(true);
    expect(sent.calls).toHaveLength(1);
  });

  it('keeps the key when the service cannot take them, so the next load tries again', async () => {
    const store = storage('[3, 4]');
    expect(await moveLegacyDoneMarks(store, recorder(true).markDone)).toBe(false);
    expect(store.items.get(LEGACY_DONE_KEY)).toBe('[3, 4]');

    const retry = recorder();
    expect(await moveLegacyDoneMarks(store, retry.markDone)).toBe(true);
    expect(retry.calls).toEqual([[3, 4]]);
    expect(store.items.has(LEGACY_DONE_KEY)).toBe(false);
  });

  it('sends a long list in pieces the channel accepts', async () => {
    const ids = Array.from({ length: MAX_DONE_IDS + 5 }, (_, i) => i + 1);
    const sent = recorder();
    await moveLegacyDoneMarks(storage(JSON.stringify(ids)), sent.markDone);
    expect(sent.calls.map((call) => call.length)).toEqual([MAX_DONE_IDS, 5]);
    expect(sent.calls.flat()).toEqual(ids);
  });

  it('drops what is not an id, and an unreadable value, without sending anything for it', async () => {
    const mixed = storage(JSON.stringify([5, '6', -1, 2.5, null, 8]));
    const sent = recorder();
    await moveLegacyDoneMarks(mixed, sent.markDone);
    expect(sent.calls).toEqual([[5, 8]]);

    for (const value of ['{not json', '{"5": true}', '[]']) {
      const store = storage(value);
      const none = recorder();
      expect(await moveLegacyDoneMarks(store, none.markDone)).toBe(true);
      expect(none.calls).toEqual([]);
      expect(store.items.has(LEGACY_DONE_KEY)).toBe(false);
    }
  });

  it('has nothing to move when the key is absent or storage is blocked', async () => {
    const sent = recorder();
    expect(await moveLegacyDoneMarks(storage(null), sent.markDone)).toBe(true);
    expect(await moveLegacyDoneMarks(storage('[1]', true), sent.markDone)).toBe(true);
    expect(sent.calls).toEqual([]);
  });
});

describe('a done mark on the rows the Changes page holds', () => {
  const rows = [
    { id: 1, doneAt: null, doneBy: null },
    { id: 2, doneAt: '2026-12-05T22:00:00.000Z', doneBy: 'front-desk' },
    { id: 3, doneAt: null, doneBy: null },
  ];
  const mark = { at: '2026-12-06T09:00:00.000Z', by: 'back-office' };

  it('marks only the chosen rows and keeps a row’s first mark, as the service does', () => {
    expect(withDoneMark(rows, new Set([1, 2]), mark)).toEqual([
      { id: 1, doneAt: mark.at, doneBy: 'back-office' },
      { id: 2, doneAt: '2026-12-05T22:00:00.000Z', doneBy: 'front-desk' },
      { id: 3, doneAt: null, doneBy: null },
    ]);
  });

  it('clears the chosen rows and leaves the others (and unchanged rows the same objects)', () => {
    const cleared = withDoneMark(rows, new Set([2, 3]), null);
    expect(cleared.map((row) => row.doneAt)).toEqual([null, null, null]);
    expect(cleared[0]).toBe(rows[0]);
    expect(cleared[2]).toBe(rows[2]);
  });
});
