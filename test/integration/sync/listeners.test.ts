import { afterEach, describe, expect, it } from 'vitest';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe('a face whose progress listener fails', () => {
  it('does not stop or corrupt the sync; the failures go to the internal log', async () => {
    const upstream = await startUpstream('cliniko', { latencyMs: { min: 5, max: 5 } });
    const env = createEnv(upstream);
    const run = await runSync(env, {
      mode: 'full',
      onProgress: () => {
        throw new Error('The window was closed');
      },
    });
    expect(run.status).toBe('completed');
    expect(env.events.internalErrors.length).toBeGreaterThan(0);
    expect(env.events.finished.map((r) => r.id)).toEqual([run.id]);
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(run.startedAt));
  });
});
