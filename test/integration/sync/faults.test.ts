import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../../electron/emulators';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { applyDayOfChanges } from './support/scenario';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

// Cliniko's 429s name their reset in whole seconds, so each one costs up to a second even with time
// compressed: the storm runs on a smaller practice.
const FAULTS: Array<[string, EmulatorOptions]> = [
  ['server errors on a fifth of requests', { patients: 150, faults: { serverErrorRate: 0.2 } }],
  ['a storm of 429s (every seventh request)', { patients: 60, faults: { rateLimitStorm: { everyN: 7 } } }],
  ['malformed pages (truncated JSON, a record of the wrong shape)', { patients: 150, faults: { malformedPageRate: 0.25 } }],
];

describe.each(['cliniko', 'intakeq'] as const)('%s: a misbehaving upstream', (kind) => {
  it.each(FAULTS)('still converges with %s, full and incremental', async (_label, options) => {
    const upstream = await startUpstream(kind, { seed: 4, ...options });
    const env = createEnv(upstream);
    const full = await runSync(env, { mode: 'full' });
    expect(full).toMatchObject({ status: 'completed', errors: [] });
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(full.startedAt));

    applyDayOfChanges(upstream, await upstream.truth(), syncWindow(full.startedAt));
    const incremental = await runSync(env);
    expect(incremental).toMatchObject({ status: 'completed', errors: [] });
    expect(env.events.internalErrors).toEqual([]);
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(incremental.startedAt));
    // The faults really happened, and the run says what they cost.
    const stats = upstream.stats();
    expect(full.apiRequests + incremental.apiRequests).toBe(stats.requests);
    if (options.faults?.rateLimitStorm) {
      expect(stats.rateLimited).toBeGreaterThanOrEqual(2);
      expect(full.rateLimitWaitMs + incremental.rateLimitWaitMs).toBeGreaterThan(0);
    }
  });
});
