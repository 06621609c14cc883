import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DONE_IDS, type ChannelInput, type ChannelResult, type Envelope } from '../../../electron/contract';
import { serveContract, type Dispatch } from '../../../electron/handlers';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;
let dispatch: Dispatch;
const internal: unknown[] = [];

async function sync() {
  const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
  return (await start.done)[0];
}

async function call<C extends 'changes:list' | 'changes:setDone'>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const envelope = (await dispatch(channel, input)) as Envelope<ChannelResult<C>>;
  if (!envelope.ok) throw new Error(`${channel} refused: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

const listAll = () => call('changes:list', { since: '2000-01-01T00:00:00.000Z', limit: 1000 });

/** Two appointments still to come, one moved and one cancelled upstream, then synced. */
beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 40, latencyMs: { min: 0, max: 0 }, now: clock.now });
  t = openTestService({ now: clock.now });
  await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  await sync();
  const [moved, cancelled] = emulator.control
    .appointments()
    .filter((a) => a.cancelled_at === null && a.deleted_at === null && Date.parse(a.starts_at) > clock.ms() + 86_400_000);
  if (!moved || !cancelled) throw new Error('the emulated practice has no upcoming appointments');
  emulator.control.reschedule(moved.id, new Date(Date.parse(moved.starts_at) + 3_600_000).toISOString());
  emulator.control.cancel(cancelled.id, 'Sick');
  expect((await sync())?.status).toBe('completed');
  dispatch = serveContract(t.service, 'browser', (err) => internal.push(err));
}, 60_000);

afterAll(async () => {
  await t.dispose();
  await emulator.close();
});

describe('done marks on the Changes work-list', () => {
  it('are kept in the cache: every face and every later connection sees who marked what and when', async () => {
    const before = await listAll();
    expect(before.rows).toHaveLength(2);
    expect(before.rows.map((row) => row.doneAt)).toEqual([null, null]);
    const [first, second] = before.rows.map((row) => row.id) as [number, number];

    const marked = await call('changes:setDone', { ids: [first], done: true });
    expect(marked).toEqual({ found: 1, mark: { at: expect.any(String), by: hostname() } });
    const after = await listAll();
    expect(after.rows.map((row) => [row.id, row.doneAt, row.doneBy])).toEqual([
      [first, marked.mark?.at, hostname()],
      [second, null, null],
    ]);

    // Another process on the same cache (the CLI, the desktop app) reads the same mark.
    const other = t.openCache();
    try {
      expect(other.changes.list({ limit: 10, offset: 0 }).rows.find((row) => row.id === first)?.doneAt).toBe(marked.mark?.at);
    } finally {
      other.close();
    }

    // Exports carry the mark.
    const json = JSON.parse([...t.service.exportRecords('changes', 'json')].join('')) as Array<{ id: number; doneAt: string | null }>;
    expect(json.map((row) => [row.id, row.doneAt])).toEqual(
      expect.arrayContaining([
        [first, marked.mark?.at],
        [second, null],
      ]),
    );
    const csv = [...t.service.exportRecords('changes', 'csv')].join('').split('\r\n');
    expect(csv[0]?.split(',')).toEqual(expect.arrayContaining(['doneAt', 'doneBy']));

    // Back to do.
    expect(await call('changes:setDone', { ids: [first, second], done: false })).toEqual({ found: 2, mark: null });
    expect((await listAll()).rows.map((row) => row.doneAt)).toEqual([null, null]);
  });

  it('passes over ids of changes no longer kept, and refuses bad input with a clear message, changing nothing', async () => {
    const [id] = (await listAll()).rows.map((row) => row.id) as [number];
    expect(await call('changes:setDone', { ids: [id, 987_654_321], done: true })).toMatchObject({ found: 1 });
    const marks = async () => (await listAll()).rows.map((row) => row.doneAt);
    const kept = await marks();

    const refusals: Array<[unknown, string]> = [
      [{ ids: [], done: false }, 'Choose at least one change.'],
      [
        { ids: Array.from({ length: MAX_DONE_IDS + 1 }, (_, i) => i + 1), done: false },
        `At most ${MAX_DONE_IDS} changes can be marked at once.`,
      ],
      [{ ids: [id], done: 'yes' }, 'Done must be true or false.'],
      [{ ids: [id, -3], done: false }, '{"path":"ids.1","message":"Id must be a number."}'],
      [{ ids: ['1; DELETE FROM appointment_changes'], done: false }, 'Id must be a number.'],
      [{ ids: [id] }, 'Done must be true or false.'],
      [{ ids: [id], done: false, by: 'someone else' }, 'Unrecognized key'],
    ];
    for (const [input, message] of refusals) {
      const envelope = await dispatch('changes:setDone', input);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!envelope.ok) expect(JSON.stringify(envelope.error.details)).toContain(message);
    }
    expect(await marks()).toEqual(kept);
    expect(internal).toEqual([]);
  });

  it('make a work-list that outlives any number of syncs: still to do, plus done since the day began, with the reason for a cancellation', async () => {
    const ids = (await listAll()).rows.map((row) => row.id);
    await call('changes:setDone', { ids, done: false });
    const [first] = ids as [number];
    const { mark } = await call('changes:setDone', { ids: [first], done: true });
    // A sync that finds nothing new moves "since the last sync" past both changes; the work-list keeps them.
    expect((await sync())?.status).toBe('completed');
    expect((await call('changes:list', { limit: 100 })).rows).toEqual([]);

    const dayStart = new Date(Date.parse(mark?.at ?? '') - 60_000).toISOString();
    const worklist = await call('changes:list', { openSince: dayStart, limit: 100 });
    expect(worklist.rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    const cancelled = worklist.rows.find((row) => row.kind === 'cancelled');
    expect(cancelled?.after?.cancellationReason).toBe('Sick');

    // A mark made before the day began leaves the work-list; the change still to do stays.
    const later = new Date(Date.parse(mark?.at ?? '') + 60_000).toISOString();
    const open = await call('changes:list', { openSince: later, limit: 100 });
    expect(open.rows.map((row) => row.id)).toEqual(ids.filter((id) => id !== first));
    expect(open.total).toBe(1);
  });
});
