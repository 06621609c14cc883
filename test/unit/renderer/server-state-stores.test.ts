import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourceView } from '../../../electron/contract';
import { bindActivity, createActivityStore } from '../../../renderer/src/store/activity-store';
import { bindHistory, createHistoryStore } from '../../../renderer/src/store/history-store';
import { bindSchedule, createScheduleStore } from '../../../renderer/src/store/schedule-store';
import { bindSources, createSourcesStore, liveBudgetUsed } from '../../../renderer/src/store/sources-store';
import { fakeApi, manualFrames, settle } from './support/fake-api';
import { runOf, scheduleOf } from '../../support/sync-runs';

afterEach(() => vi.useRealTimers());

const source = (patch: Partial<SourceView> = {}): SourceView =>
  ({ id: 'north', name: 'Northside', budget: { used: 100, limit: 500, resetsAt: '2026-03-11T00:00:00.000Z' }, ...patch }) as SourceView;

describe('the sources store', () => {
  it('reloads at most once a second however many events ask, and catches up after a lost connection', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ 'sources:list': () => [source()] });
    const store = createSourcesStore(api.call, { requestsInFlight: () => ({}) });
    bindSources(store, api.on, api.onConnectionChange);
    expect(api.count('sources:list')).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);

    for (let i = 0; i < 5; i++) {
      api.emit('sources:changed', {});
      api.emit('sync:finished', runOf());
    }
    api.reconnect();
    expect(api.count('sources:list')).toBe(2); // at once, for the first
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.count('sources:list')).toBe(3); // and once more for the rest
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.count('sources:list')).toBe(3);
    expect(store.getState()).toMatchObject({ status: 'ready', sources: [{ id: 'north' }] });
  });

  it('counts the requests of a run in flight against the budget once, not twice', async () => {
    const api = fakeApi({ 'sources:list': () => [source()] });
    const store = createSourcesStore(api.call, { requestsInFlight: () => ({ north: 30 }) });
    await store.getState().load();
    // The list already counted the run's first 30 requests; 12 more since are added live.
    const baseline = store.getState().budgetBaseline.north;
    expect(baseline).toBe(30);
    expect(liveBudgetUsed(source(), 42, baseline)).toBe(112);
    expect(liveBudgetUsed(source(), undefined, baseline)).toBe(100);
    expect(liveBudgetUsed(source({ budget: { used: 495, limit: 500, resetsAt: '' } }), 60, 30)).toBe(500);
  });

  it('records a failed connection test on the source instead of throwing, and keeps the list', async () => {
    const api = fakeApi({ 'sources:list': () => [source()] });
    const store = createSourcesStore(api.call, { requestsInFlight: () => ({}), now: () => new Date('2026-03-10T02:07:30.000Z') });
    await store.getState().load();
    const check = await store.getState().testSaved('north');
    expect(check).toMatchObject({ ok: false, at: '2026-03-10T02:07:30.000Z' });
    expect(store.getState().checks.north).toEqual(check);
    expect(store.getState().testing.north).toBe(false);
    delete api.handlers['sources:list'];
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', sources: [{ id: 'north' }] });
  });
});

describe('the history store', () => {
  const page = (offset: number) => ({ total: 80, rows: [runOf({ id: 80 - offset })] });
  const api = () =>
    fakeApi({
      'history:stats': () => ({ total: 80 }),
      'history:list': (input) => page((input as { offset: number }).offset),
    });

  it('turns a page by fetching that page only: the health numbers and the chart stay as they are', async () => {
    const fake = api();
    const store = createHistoryStore(fake.call);
    await store.getState().load();
    expect([fake.count('history:stats'), fake.count('history:list')]).toEqual([1, 2]);

    store.getState().setPage(25);
    store.getState().setStatusFilter('failed');
    await settle();
    expect([fake.count('history:stats'), fake.count('history:list')]).toEqual([1, 4]);
    expect(fake.calls.at(-1)?.input).toEqual({ status: 'failed', limit: 25, offset: 0 });
    expect(store.getState().runs[0]?.id).toBe(80);

    store.getState().setSourceFilter('north');
    await settle();
    expect(fake.count('history:stats')).toBe(2);
  });

  it('reloads after runs finish only once the page has been opened, once for a burst', async () => {
    vi.useFakeTimers();
    const fake = api();
    const store = createHistoryStore(fake.call);
    bindHistory(store, fake.on);
    fake.emit('sync:finished', runOf());
    await vi.advanceTimersByTimeAsync(600);
    expect(fake.calls).toEqual([]);

    await store.getState().load();
    fake.emit('sync:finished', runOf({ id: 2 }));
    fake.emit('sync:finished', runOf({ id: 3, source: 'south' }));
    await vi.advanceTimersByTimeAsync(600);
    expect(fake.count('history:stats')).toBe(2);
  });
});

describe('the schedule store', () => {
  it('pauses and resumes through the service, follows its events, and says why when it cannot', async () => {
    let paused = false;
    const fake = fakeApi({
      'sync:status': () => ({ active: [], schedule: scheduleOf({ paused }) }),
      'schedule:pause': (input) => {
        paused = (input as { paused: boolean }).paused;
        return scheduleOf({ paused, active: !paused, nextRunAt: paused ? null : '2026-03-10T16:00:00.000Z' });
      },
    });
    const store = createScheduleStore(fake.call);
    bindSchedule(store, fake.on, fake.onConnectionChange);
    await settle();
    expect(store.getState().status?.paused).toBe(false);

    await store.getState().setPaused(true);
    expect(store.getState().status).toMatchObject({ paused: true, nextRunAt: null });
    expect(fake.calls.at(-1)).toEqual({ channel: 'schedule:pause', input: { paused: true } });

    fake.emit('schedule:changed', scheduleOf({ paused: false }));
    expect(store.getState().status?.paused).toBe(false);

    delete fake.handlers['schedule:pause'];
    await store.getState().setPaused(true);
    expect(store.getState()).toMatchObject({ pausing: false, error: expect.stringMatching(/disconnected/) });
    expect(store.getState().status?.paused).toBe(false);
  });

  it('asks again when a run finishes (its last run and any retry moved)', async () => {
    const fake = fakeApi({ 'sync:status': () => ({ active: [], schedule: scheduleOf() }) });
    const store = createScheduleStore(fake.call);
    bindSchedule(store, fake.on, fake.onConnectionChange);
    fake.emit('sync:finished', runOf());
    await settle();
    expect(fake.count('sync:status')).toBe(2);
  });
});

describe('the activity store', () => {
  it('merges the stored lines with those that arrived live meanwhile, without repeating any', async () => {
    const line = (id: number, message: string) => ({
      id,
      at: `2026-03-10T02:0${id}:00.000Z`,
      level: 'info' as const,
      source: 'north',
      runId: 1,
      message,
    });
    let answer: (lines: unknown[]) => void = () => {};
    const fake = fakeApi({ 'activity:recent': () => new Promise((resolve) => (answer = resolve)) });
    const store = createActivityStore(fake.call);
    const frames = manualFrames();
    bindActivity(store, fake.on, fake.onConnectionChange, frames.schedule);
    const loading = store.getState().load();
    const { id: _stored, ...liveTwin } = line(2, 'Patients: 10 records checked');
    fake.emit('sync:activity', liveTwin);
    fake.emit('sync:activity', { ...liveTwin, at: '2026-03-10T02:03:00.000Z', message: 'Synced 10 patients' });
    frames.run();
    answer([line(1, 'Started'), line(2, 'Patients: 10 records checked')]);
    await loading;
    expect(store.getState().lines.map((l) => l.message)).toEqual(['Started', 'Patients: 10 records checked', 'Synced 10 patients']);
  });
});
