import { afterEach, describe, expect, it } from 'vitest';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe("a first load's patients", () => {
  it('are written without the roster indexes, which are built while the run waits for the rate limit, before it ends', async () => {
    // Five requests per (compressed) minute of three seconds: the run waits seconds between bursts, in
    // three windows or more, so the patients are in before its last wait however loaded the machine.
    const upstream = await startUpstream('cliniko', { patients: 300, timeScale: 20, rateLimit: { perMinute: 5 } });
    const env = createEnv(upstream);
    const patientsLeftOut = () =>
      env.cache.db.prepare(`SELECT count(*) FROM deferred_indexes WHERE table_name = 'patients'`).pluck().get() as number;
    const seen: Array<{ phase: string; leftOut: boolean; waiting: boolean }> = [];

    const run = await runSync(env, {
      mode: 'full',
      connector: { rateLimits: { perMinute: 5 } },
      onProgress: (p) => seen.push({ phase: p.phase, leftOut: patientsLeftOut() > 0, waiting: p.waitingUntil !== null }),
    });

    expect(run.status).toBe('completed');
    expect(upstream.stats().rateLimited).toBe(0);
    // Left out while the patients arrived…
    expect(seen.some((s) => s.phase === 'patients' && s.leftOut)).toBe(true);
    // …and built while the run still had appointments to fetch, waiting for the limit.
    const built = seen.findIndex((s, i) => i > 0 && !s.leftOut && seen[i - 1]!.leftOut);
    expect(built).toBeGreaterThan(0);
    expect(seen.slice(built).some((s) => s.phase.startsWith('appointments') && s.waiting)).toBe(true);
    expect(patientsLeftOut()).toBe(0);
    expect(env.events.internalErrors).toEqual([]);
    // Searchable: the search index was rebuilt from the patients in.
    const someone = env.cache.db.prepare('SELECT last_name FROM patients ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const found = env.cache.roster.query({
      search: someone,
      sort: { field: 'name', dir: 'asc' },
      offset: 0,
      limit: 5,
      nowIso: upstream.now().toISOString(),
    });
    expect(found.rows.map((row) => row.lastName)).toContain(someone);
  }, 60_000);
});
