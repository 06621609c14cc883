import { describe, expect, it } from 'vitest';
import { openTestCache, remotePatient, SOURCE, T0 } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';
const BIG_IDS = ['836447129235883061', '9223372036854775807', '9007199254740993'];

describe('patients', () => {
  it('keeps 64-bit remote ids as exact strings', () => {
    const { cache } = openTestCache();

    cache.patients.upsertPage(
      SOURCE,
      BIG_IDS.map((id) => remotePatient(id)),
      T0,
    );

    for (const id of BIG_IDS) expect(cache.patients.getByRemoteId(SOURCE, id)?.externalId).toBe(id);
    expect(cache.patients.knownExternalIds(SOURCE, [...BIG_IDS, '9007199254740992'])).toEqual(new Set(BIG_IDS));
  });

  it('reports a page upserted twice as unchanged, still marking it seen', () => {
    const { cache } = openTestCache();
    const page = BIG_IDS.map((id) => remotePatient(id));

    const first = cache.patients.upsertPage(SOURCE, page, T0);
    const second = cache.patients.upsertPage(SOURCE, page, T1);

    expect(first.map((o) => o.outcome)).toEqual(['new', 'new', 'new']);
    expect(second).toEqual(BIG_IDS.map((externalId) => ({ externalId, outcome: 'unchanged' })));
    expect(cache.patients.getByRemoteId(SOURCE, BIG_IDS[0]!)?.lastSyncedAt).toBe(T1);
  });

  it('updates a changed patient in place', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('836447129235883061')], T0);
    const before = cache.patients.getByRemoteId(SOURCE, '836447129235883061')!;

    const [outcome] = cache.patients.upsertPage(
      SOURCE,
      [remotePatient('836447129235883061', { email: 'new@example.test', archived: true })],
      T1,
    );

    const after = cache.patients.getByRemoteId(SOURCE, '836447129235883061')!;
    expect(outcome?.outcome).toBe('updated');
    expect(after).toMatchObject({ id: before.id, email: 'new@example.test', archived: true, lastSyncedAt: T1 });
  });

  it('marks patients removed upstream without deleting them, and revives them if they return', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1'), remotePatient('2')], T0);

    expect(cache.patients.markRemoved(SOURCE, ['2', '404'], T1)).toBe(1);
    expect(cache.patients.getByRemoteId(SOURCE, '2')).toMatchObject({ deleted: true, removedAt: T1 });
    expect(cache.patients.count(SOURCE).total).toBe(1);

    cache.patients.upsertPage(SOURCE, [remotePatient('2')], T1);
    expect(cache.patients.getByRemoteId(SOURCE, '2')).toMatchObject({ deleted: false, removedAt: null });
  });

  it('finds live patients a sync has not seen since a given time', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1'), remotePatient('2'), remotePatient('3')], T0);
    cache.patients.upsertPage(SOURCE, [remotePatient('2')], T1);
    cache.patients.markRemoved(SOURCE, ['3'], T1);

    expect(cache.patients.idsNotSeenSince(SOURCE, T1)).toEqual(['1']);
  });

  it('finds patients by email regardless of case', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1', { email: 'Jane.Doe@Example.test' })], T0);

    expect(cache.patients.findByEmail(SOURCE, ' jane.doe@example.TEST ').map((p) => p.externalId)).toEqual(['1']);
  });

  it('links a local-only patient by email so the sync updates it instead of duplicating it', () => {
    const { cache } = openTestCache();
    const local = cache.patients.addLocal(
      SOURCE,
      { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.test', phone: null, dateOfBirth: null },
      T0,
    );

    expect(cache.patients.linkByEmail(SOURCE, 'JANE@example.test', '9223372036854775807')).toBe(true);
    const [outcome] = cache.patients.upsertPage(SOURCE, [remotePatient('9223372036854775807', { email: 'jane@example.test' })], T1);

    expect(outcome?.outcome).toBe('updated');
    expect(cache.patients.getByRemoteId(SOURCE, '9223372036854775807')?.id).toBe(local.id);
    expect(cache.patients.count(SOURCE).total).toBe(1);
  });

  it('does not guess when several local patients share an email', () => {
    const { cache } = openTestCache();
    const sibling = { lastName: 'Doe', email: 'family@example.test', phone: null, dateOfBirth: null };
    cache.patients.addLocal(SOURCE, { firstName: 'Ana', ...sibling }, T0);
    cache.patients.addLocal(SOURCE, { firstName: 'Ben', ...sibling }, T0);

    expect(cache.patients.linkByEmail(SOURCE, 'family@example.test', '77')).toBe(false);
    expect(cache.patients.knownExternalIds(SOURCE, ['77']).size).toBe(0);
  });

  it('refuses to give a remote id to a second patient', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('55')], T0);
    const local = cache.patients.addLocal(SOURCE, { firstName: 'A', lastName: 'B', email: null, phone: null, dateOfBirth: null }, T0);

    expect(() => cache.patients.linkRemoteId(local.id, '55')).toThrow(expect.objectContaining({ code: 'remote_id_in_use' }));
  });

  it('rolls a page back whole when one record is invalid', () => {
    const { cache } = openTestCache();

    expect(() =>
      cache.patients.upsertPage(SOURCE, [remotePatient('1'), remotePatient('2', { remoteUpdatedAt: 'yesterday-ish' })], T0),
    ).toThrow(expect.objectContaining({ code: 'invalid_data' }));
    expect(cache.patients.getByRemoteId(SOURCE, '1')).toBeNull();
  });

  it('counts live remote patients and those in no organization, and reports client-id coverage', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1'), remotePatient('2'), remotePatient('3')], T0);
    cache.patients.addLocal(SOURCE, { firstName: 'Local', lastName: 'Only', email: null, phone: null, dateOfBirth: null }, T0);
    const org = cache.organizations.create('Hillside School', T0);
    cache.organizations.link(cache.patients.getByRemoteId(SOURCE, '1')!.id, org.id, T0);

    expect(cache.patients.count(SOURCE)).toEqual({ total: 3, unaffiliated: 2 });
    expect(cache.patients.coverage()).toEqual([{ source: SOURCE, withRemoteId: 3, withoutRemoteId: 1, percentWithRemoteId: 75 }]);
  });
});
