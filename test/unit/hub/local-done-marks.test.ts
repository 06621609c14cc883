import { describe, expect, it } from 'vitest';
import { createLocalDoneMarks } from '../../../electron/core/hub/local-done-marks';
import { createLocalHubState } from '../../../electron/core/hub/local-state';
import { openTestCache, remoteAppointment, SOURCE, T0 } from '../db/fixtures';

/** The hub's order, without a clinic key: time first, then the mark's text. */
const version = (mark: { updatedAt: string; done: { at: string; by: string } | null }) =>
  `${mark.updatedAt}|${mark.done ? `${mark.done.at} ${mark.done.by}` : ''}`;

function joinedCache() {
  const { cache } = openTestCache();
  const state = createLocalHubState(cache.db);
  state.join({ url: 'postgres://hub.example/clinic', deskId: 'd1', deskName: 'Desk 1', at: T0 });
  cache.appointments.upsertPage(SOURCE, [remoteAppointment('1'), remoteAppointment('2')], T0, null);
  state.dropOutboxUpTo(Number.MAX_SAFE_INTEGER);
  const ids = cache.changes.list({ limit: 10, offset: 0 }).rows.map((c) => c.id);
  return { cache, state, marks: createLocalDoneMarks(cache.db, version), ids };
}

describe('done-marks on the hub side of a desk', () => {
  it('queues every set and clear (with the clear’s own time), and nothing while applying from the hub', () => {
    const { cache, state, marks, ids } = joinedCache();
    const [id] = ids as [number];
    cache.changes.setDone([id], { at: '2025-06-02T08:00:00.000Z', by: 'front-desk' });
    cache.changes.setDone([id], null, '2025-06-02T09:30:00.000Z');
    expect(state.outboxAfter(0, 10).map((row) => [row.kind, row.ref])).toEqual([
      ['done-mark', String(id)],
      ['done-mark', String(id)],
    ]);
    expect(marks.get(id)).toMatchObject({
      done: null,
      updatedAt: '2025-06-02T09:30:00.000Z',
      change: { kind: 'new', appointmentExternalId: '2' },
    });

    state.dropOutboxUpTo(Number.MAX_SAFE_INTEGER);
    const shared = { ...marks.get(id)!, done: { at: '2025-06-03T08:00:00.000Z', by: 'desk-b' }, updatedAt: '2025-06-03T08:00:00.000Z' };
    expect(state.applyingFromHub(() => marks.apply(shared))).toBe('applied');
    expect(state.outboxAfter(0, 10)).toEqual([]);
    expect(cache.changes.list({ limit: 10, offset: 0 }).rows.find((c) => c.id === id)).toMatchObject({ doneBy: 'desk-b' });
  });

  it('keeps a later local mark over an older one from the hub, takes a newer clear, and defers a mark for a change it lacks', () => {
    const { cache, marks, ids } = joinedCache();
    const [id] = ids as [number];
    expect(marks.get(id)).toBeNull(); // never marked: nothing to publish
    cache.changes.setDone([id], { at: '2025-06-02T10:00:00.000Z', by: 'front-desk' });
    const here = marks.get(id)!;
    const doneBy = () => cache.changes.list({ limit: 10, offset: 0 }).rows.find((c) => c.id === id)?.doneBy;

    const older = { change: here.change, done: { at: '2025-06-02T09:00:00.000Z', by: 'desk-b' }, updatedAt: '2025-06-02T09:00:00.000Z' };
    expect(marks.apply(older)).toBe('kept');
    expect(doneBy()).toBe('front-desk');
    expect(marks.apply({ change: here.change, done: null, updatedAt: '2025-06-02T11:00:00.000Z' })).toBe('applied');
    expect(doneBy()).toBeNull();

    expect(marks.apply({ ...older, change: { ...here.change, appointmentExternalId: '99' } })).toBe('deferred');
    expect(marks.apply({ ...older, change: { ...here.change, after: '{}' } })).toBe('deferred');
  });
});
