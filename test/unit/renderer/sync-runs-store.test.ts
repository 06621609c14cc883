import { describe, expect, it } from 'vitest';
import { bindSyncRuns, createSyncRunsStore } from '../../../renderer/src/store/sync-runs-store';
import { fakeApi, manualFrames } from './support/fake-api';
import { progressOf, runOf } from '../../support/sync-runs';

const idle = { active: [], schedule: null };

describe('the live runs store', () => {
  it('is the one way to start a sync: a started run shows at once, refusals and failures are said, never thrown', async () => {
    const api = fakeApi({
      'sync:start': (input) =>
        (input as { sources?: string[] }).sources?.includes('south')
          ? { started: [], refused: [{ source: 'south', code: 'sync_in_progress', message: 'Southside is already syncing.' }], fromHub: [] }
          : { started: [{ source: 'north', runId: 7 }], refused: [], fromHub: [] },
    });
    const store = createSyncRunsStore(api.call);

    expect(await store.getState().syncNow()).toEqual({ started: ['north'], problem: null });
    expect(api.calls.at(-1)).toEqual({ channel: 'sync:start', input: { mode: 'incremental' } });
    expect(store.getState().progress.north).toMatchObject({ runId: 7, steps: 0, percent: null });

    expect(await store.getState().syncNow({ mode: 'full', sources: ['south'] })).toEqual({
      started: [],
      problem: 'Southside is already syncing.',
    });
    expect(store.getState().refused).toHaveLength(1);

    delete api.handlers['sync:start'];
    const failed = await store.getState().syncNow();
    expect(failed.problem).toMatch(/disconnected/);
    expect(store.getState()).toMatchObject({ starting: false, startError: failed.problem, refused: [] });
  });

  it('on a desk of a clinic hub, keeps what the hub brought for followed sources until the next start or a dismiss', async () => {
    const followed = { source: 'south', reason: 'this desk has no API key for it', applied: 12 };
    const api = fakeApi({ 'sync:start': () => ({ started: [], refused: [], fromHub: [followed] }) });
    const store = createSyncRunsStore(api.call);

    // Nothing started here, yet nothing went wrong: no problem to show.
    expect(await store.getState().syncNow({ sources: ['south'] })).toEqual({ started: [], problem: null });
    expect(store.getState().fromHub).toEqual([followed]);
    store.getState().dismissFromHub();
    expect(store.getState().fromHub).toEqual([]);

    await store.getState().syncNow({ sources: ['south'] });
    api.handlers['sync:start'] = () => ({ started: [{ source: 'north', runId: 8 }], refused: [], fromHub: [] });
    await store.getState().syncNow();
    expect(store.getState().fromHub).toEqual([]);
  });

  it('applies a burst of events once a frame, in order, keeping the latest progress', () => {
    const api = fakeApi({ 'sync:status': () => idle });
    const store = createSyncRunsStore(api.call);
    const frames = manualFrames();
    bindSyncRuns(store, api.on, api.onConnectionChange, frames.schedule);
    let updates = 0;
    store.subscribe(() => updates++);

    for (let done = 1; done <= 50; done++) api.emit('sync:progress', progressOf({ done }));
    expect(frames.pending()).toBe(1);
    expect(store.getState().progress.north).toBeUndefined();
    frames.run();
    expect(updates).toBe(1);
    expect(store.getState().progress.north?.done).toBe(50);
  });

  it('ends a run on its finished event: its summary stays, its cancel clears, and late progress cannot bring it back', async () => {
    const api = fakeApi({ 'sync:status': () => idle, 'sync:cancel': () => ({ cancelled: 1 }) });
    const store = createSyncRunsStore(api.call);
    const frames = manualFrames();
    bindSyncRuns(store, api.on, api.onConnectionChange, frames.schedule);
    api.emit('sync:progress', progressOf());
    frames.run();
    await store.getState().cancel('north');
    expect(store.getState().cancelling.north).toBe(true);

    api.emit('sync:finished', runOf({ status: 'cancelled' }));
    api.emit('sync:progress', progressOf({ done: 200 }));
    frames.run();
    expect(store.getState().progress).toEqual({});
    expect(store.getState().finished.north?.status).toBe('cancelled');
    expect(store.getState().cancelling).toEqual({});

    store.getState().dismissSummary('north');
    expect(store.getState().finished).toEqual({});
  });

  it('asks the service for the runs in flight at start and again when the connection comes back', async () => {
    let active = [progressOf({ runId: 3 })];
    const api = fakeApi({ 'sync:status': () => ({ active, schedule: null }) });
    const store = createSyncRunsStore(api.call);
    bindSyncRuns(store, api.on, api.onConnectionChange, manualFrames().schedule);
    await store.getState().load();
    expect(store.getState().progress.north?.runId).toBe(3);

    active = [];
    api.reconnect();
    await store.getState().load();
    expect(store.getState().progress).toEqual({});
    expect(api.count('sync:status')).toBeGreaterThanOrEqual(2);
  });
});
