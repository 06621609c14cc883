import { describe, expect, it } from 'vitest';
import type { Api } from '../../../renderer/src/api/client';
import { startOfClinicDay } from '../../../renderer/src/lib/clinic-time';
import { bindOpenChanges, createOpenChangesStore } from '../../../renderer/src/store/open-changes-store';

type Call = Api['call'];

/** Lets the store's awaited call settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the count of changes still to do on the Changes nav item', () => {
  it('asks for the work-list with nothing done counted, and shows its total', async () => {
    const asked: unknown[] = [];
    const call = (async (channel: string, input: unknown) => {
      asked.push([channel, input]);
      return { since: null, total: 8, rows: [] };
    }) as Call;
    const store = createOpenChangesStore(call, () => new Date('2026-12-06T09:00:00.000Z'));
    expect(store.getState().count).toBeNull();
    await store.getState().load();
    expect(store.getState().count).toBe(8);
    expect(asked).toEqual([['changes:list', { openSince: '2026-12-06T09:00:00.000Z', limit: 1 }]]);
  });

  it('keeps the last count when a reload fails, and lets a later answer win over an earlier one', async () => {
    const answers: Array<(total: number) => void> = [];
    let fail = false;
    const call = ((): Promise<unknown> => {
      if (fail) return Promise.reject(new Error('disconnected'));
      return new Promise((resolve) => answers.push((total) => resolve({ since: null, total, rows: [] })));
    }) as unknown as Call;
    const store = createOpenChangesStore(call);
    const first = store.getState().load();
    const second = store.getState().load();
    answers[1]?.(3);
    answers[0]?.(9);
    await Promise.all([first, second]);
    expect(store.getState().count).toBe(3);
    fail = true;
    await store.getState().load();
    expect(store.getState().count).toBe(3);
  });

  it('reloads whenever a sync finishes, until unbound', async () => {
    let total = 1;
    const call = (async () => ({ since: null, total: total++, rows: [] })) as unknown as Call;
    const listeners = new Set<() => void>();
    const on = ((event: string, listener: () => void) => {
      expect(event).toBe('sync:finished');
      listeners.add(listener);
      return () => listeners.delete(listener);
    }) as unknown as Api['on'];
    const store = createOpenChangesStore(call);
    const unbind = bindOpenChanges(store, on);
    await settle();
    expect(store.getState().count).toBe(1);
    for (const listener of listeners) listener();
    await settle();
    expect(store.getState().count).toBe(2);
    unbind();
    expect(listeners.size).toBe(0);
  });
});

describe('the start of the clinic day ("done today")', () => {
  it('is midnight on the clinic wall clock, not the computer’s', () => {
    const at = new Date('2026-12-06T10:00:00.000Z'); // 21:00 in Melbourne (UTC+11 in summer)
    expect(startOfClinicDay(at, 'Australia/Melbourne')).toBe('2026-12-05T13:00:00.000Z');
    expect(startOfClinicDay(at, 'UTC')).toBe('2026-12-06T00:00:00.000Z');
    expect(startOfClinicDay(new Date('2026-12-06T14:00:00.000Z'), 'Australia/Melbourne')).toBe('2026-12-06T13:00:00.000Z');
  });
});
