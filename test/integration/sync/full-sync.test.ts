import { afterEach, describe, expect, it } from 'vitest';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: first full sync', (kind) => {
  it('leaves the cache equal to the upstream, every record and every field', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    const run = await runSync(env, { mode: 'full' });
    expect(env.events.internalErrors).toEqual([]);
    expect(run.errors).toEqual([]);
    expect(run.status).toBe('completed');
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(run.startedAt));
  });
});
