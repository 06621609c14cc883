import { afterEach, describe, expect, it } from 'vitest';
import { cachedPatients, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const EDITED_NAME = 'Okafor-Lindqvist';

describe('cliniko: pages fetched side by side and stored out of order', () => {
  it('keep the cursor behind a page that never arrived, so the next sync reads that page again', async () => {
    const upstream = await startUpstream('cliniko', { patients: 400, seed: 31 });
    const env = createEnv(upstream);
    expect((await runSync(env, { mode: 'full' })).status).toBe('completed');
    const cursorAfterFull = env.cache.cursors.get(env.source.id, 'patients');
    expect(cursorAfterFull).not.toBeNull();

    // 300 patients change upstream: the incremental listing has three pages, in id order.
    const ids = [...(await upstream.truth()).patients.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const edited = ids.slice(50, 350);
    for (const id of edited) upstream.editPatient(id, { lastName: EDITED_NAME });
    // Page 2 of that listing is down, whichever order the pages are asked in; 1 and 3 answer.
    upstream.setFaults({ unavailablePages: [{ path: '/patients', page: 2 }] });

    const broken = await runSync(env);
    expect(broken.status).toBe('failed');
    expect(broken.errors[0]?.kind).toBe('server_error');
    const cached = cachedPatients(env.cache, env.source.id);
    const stored = edited.filter((id) => cached.get(id)?.lastName === EDITED_NAME);
    const missing = edited.filter((id) => cached.get(id)?.lastName !== EDITED_NAME);
    // Pages 1 and 3 were stored (page 3 after page 2 had failed to arrive), page 2 was not.
    expect(missing).toEqual(edited.slice(100, 200));
    expect(stored).toEqual([...edited.slice(0, 100), ...edited.slice(200)]);
    expect(broken.counts.patientsUpdated).toBe(200);
    // The cursor did not move past the page that never arrived.
    expect(env.cache.cursors.get(env.source.id, 'patients')).toBe(cursorAfterFull);
    expect(broken.cursorAfter?.patients).toBeUndefined();

    upstream.setFaults({});
    const next = await runSync(env);
    expect(next.status).toBe('completed');
    expect(next.cursorBefore?.patients).toBe(cursorAfterFull);
    // The whole listing again: page 2's patients arrive, pages 1 and 3's are read unchanged (with any
    // the cursor's overlap reaches back to).
    expect(next.counts.patientsUpdated).toBe(100);
    expect(next.counts.patientsUnchanged).toBeGreaterThanOrEqual(200);
    expect(Date.parse(env.cache.cursors.get(env.source.id, 'patients')!)).toBeGreaterThan(Date.parse(cursorAfterFull!));
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(next.startedAt));
  });
});
