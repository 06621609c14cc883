import { afterEach, describe, expect, it } from 'vitest';
import { syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { applyDayOfChanges } from './support/scenario';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: the activity log', (kind) => {
  it('tells each run in plain sentences that name no patient, email, phone or birth date', async () => {
    const upstream = await startUpstream(kind, { patients: 150, seed: 31 });
    const env = createEnv(upstream);
    const full = await runSync(env, { mode: 'full' });
    applyDayOfChanges(upstream, await upstream.truth(), syncWindow(full.startedAt));
    await runSync(env);
    upstream.setFaults({ malformedRecordRate: 0.05 });
    const broken = await runSync(env, { mode: 'full' });
    expect(broken.status).toBe('partial_success');

    const lines = env.events.activity;
    expect(lines.length).toBeGreaterThan(20);
    // The same lines reach the cache's activity log, tied to their runs.
    const stored = env.cache.activity.list({ limit: 1000 });
    expect(stored.map((a) => a.message).sort()).toEqual(lines.map((a) => a.message).sort());
    expect(new Set(lines.map((a) => a.runId))).toEqual(new Set([1, 2, 3]));

    const truth = await upstream.truth();
    const patients = [...truth.patients.values()];
    const personal = patients.flatMap((p) => [
      `${p.firstName} ${p.lastName}`,
      `${p.lastName}, ${p.firstName}`,
      p.email,
      p.phone,
      p.dateOfBirth,
    ]);
    const texts = [...lines.map((a) => a.message), ...broken.errors.map((e) => e.message)];
    for (const text of texts) {
      expect(text).toMatch(/^[A-Z0-9].*\.$/s);
      for (const value of personal) if (value) expect(text, 'an activity line').not.toContain(value);
    }
    // Each run ends with one summary line a person can read at a glance.
    // The full runs speak of the practice, the incremental one of what it checked and what the cache holds.
    const summaries = lines.filter((a) => /^(Synced [\d,]+ patients? ·|Checked |No patient changed )/.test(a.message));
    expect(summaries.map((a) => a.runId)).toEqual([1, 2, 3]);
    expect(summaries[0]?.message).toMatch(/^Synced /);
    expect(summaries[1]?.message).toMatch(/ · the cache holds [\d,]+ patients\.$/);
  });
});
