import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import { LOCK_STALE_AFTER_MS } from '../../../electron/core/sync/engine';
import { closeEnvs, createEnv, runSync, watchingFetch } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe('the source lock', () => {
  it('is taken over from a run that stopped beating its heartbeat, and that run then stops', async () => {
    const upstream = await startUpstream('cliniko', { patients: 250 });
    const env = createEnv(upstream);
    const { cache, source } = env;
    const takeover: { run?: Promise<SyncRun> } = {};
    // While the first run reads patients, its heartbeat is made to look old, as if its process had hung.
    const fetch = watchingFetch((url) => {
      if (takeover.run || !url.pathname.endsWith('/patients')) return;
      const old = new Date(upstream.now().getTime() - LOCK_STALE_AFTER_MS - 1000).toISOString();
      cache.db.prepare('UPDATE sync_locks SET heartbeat_at = ? WHERE source = ?').run(old, source.id);
      takeover.run = runSync(env, { mode: 'patients_only' });
    });
    const stale = await runSync(env, { mode: 'full', connector: { fetch } });
    expect(stale.status).toBe('failed');
    expect(stale.errors.at(-1)?.message).toBe(
      'Another sync of this source took over, because this one had stopped responding; this one stopped.',
    );
    const other = await takeover.run;
    expect(other?.status).toBe('completed');
    expect(cache.locks.holder(source.id)).toBeNull();
  });
});
