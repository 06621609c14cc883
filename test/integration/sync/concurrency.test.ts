import { afterEach, describe, expect, it } from 'vitest';
import type { UserFacingError } from '../../../electron/core/errors';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: one sync per source at a time', (kind) => {
  it('refuses a second sync while one runs, with a clear message, and leaves the first one alone', async () => {
    const upstream = await startUpstream(kind, { latencyMs: { min: 15, max: 15 } });
    const env = createEnv(upstream);
    const first = runSync(env, { mode: 'full' });
    const refusal = (await runSync(env).catch((err: unknown) => err)) as UserFacingError;
    expect(refusal).toMatchObject({ name: 'UserFacingError', code: 'sync_in_progress' });
    expect(refusal.message).toBe(`${env.source.name} is already syncing. Wait for that sync to finish, or cancel it first.`);

    const run = await first;
    expect(run.status).toBe('completed');
    // The refused attempt left no run behind, and the lock went with the finished run.
    expect(env.cache.runs.list({ limit: 10, offset: 0 }).rows.map((r) => r.id)).toEqual([run.id]);
    expect(env.cache.locks.holder(env.source.id)).toBeNull();
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(run.startedAt));

    // Once it has finished, the next sync starts.
    expect((await runSync(env)).status).toBe('completed');
  });
});
