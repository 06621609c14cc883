import { afterEach, describe, expect, it } from 'vitest';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: client-ID backfill', (kind) => {
  it('links a local patient without a remote id by email, whatever its case, instead of duplicating it', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    await runSync(env, { mode: 'full' });
    const { cache, source } = env;
    const at = upstream.now().toISOString();
    // Staff added her by hand, with a note and a school, before she was booked upstream.
    const local = cache.patients.addLocal(
      source.id,
      { firstName: 'Mereana', lastName: 'Hohaia', email: 'Mereana.Hohaia@Example.COM', phone: null, dateOfBirth: null },
      at,
    );
    cache.notes.add({ patientId: local.id, body: 'Prefers afternoon visits' }, at);
    const school = cache.organizations.create('Te Kura o Ōwairaka', at);
    cache.organizations.link(local.id, school.id, at);
    const remoteId = upstream.addPatient({ firstName: 'Mereana', lastName: 'Hohaia', email: 'mereana.hohaia@example.com' });

    const run = await runSync(env);
    expect(run.status).toBe('completed');
    const linked = cache.patients.get(local.id)!;
    expect(linked).toMatchObject({ externalId: remoteId, email: 'mereana.hohaia@example.com', deleted: false });
    expect(cache.patients.findByEmail(source.id, 'MEREANA.HOHAIA@example.com')).toHaveLength(1);
    expect(cache.notes.forPatient(local.id).map((n) => n.body)).toEqual(['Prefers afternoon visits']);
    expect(cache.organizations.forPatient(local.id).map((o) => o.name)).toEqual(['Te Kura o Ōwairaka']);
    expect(cache.patients.coverage().find((c) => c.source === source.id)?.withoutRemoteId).toBe(0);
    expect(env.events.activity.map((a) => a.message).some((m) => m.includes('1 linked to existing local patients by email'))).toBe(true);
  });
});
