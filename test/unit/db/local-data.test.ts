import { describe, expect, it } from 'vitest';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';
const T2 = '2025-06-03T00:00:00.000Z';
const ID = '836447129235883061';

function patientWithLocalData() {
  const opened = openTestCache();
  const { cache } = opened;
  cache.patients.upsertPage(SOURCE, [remotePatient(ID)], T0);
  const patient = cache.patients.getByRemoteId(SOURCE, ID)!;
  const school = cache.organizations.create('Hillside School', T0);
  cache.organizations.link(patient.id, school.id, T0);
  cache.notes.add({ patientId: patient.id, body: 'Needs an interpreter', author: 'reception' }, T0);
  return { ...opened, patient, school };
}

function localDataOf(cache: ReturnType<typeof patientWithLocalData>['cache'], patientId: number) {
  return {
    organizations: cache.organizations.forPatient(patientId).map((o) => o.name),
    notes: cache.notes.forPatient(patientId).map((n) => n.body),
  };
}

const expected = { organizations: ['Hillside School'], notes: ['Needs an interpreter'] };

describe('local-only data', () => {
  it('survives re-syncs that change the patient', () => {
    const { cache, patient } = patientWithLocalData();

    cache.patients.upsertPage(SOURCE, [remotePatient(ID, { lastName: 'Ngata-Smith', phone: '021 000 111' })], T1);
    cache.patients.upsertPage(SOURCE, [remotePatient(ID, { lastName: 'Ngata-Smith', phone: '021 000 111' })], T2);

    expect(cache.patients.getByRemoteId(SOURCE, ID)?.id).toBe(patient.id);
    expect(localDataOf(cache, patient.id)).toEqual(expected);
  });

  it('survives reconciliation marking the patient removed, and its return', () => {
    const { cache, patient } = patientWithLocalData();

    cache.patients.markRemoved(SOURCE, cache.patients.idsNotSeenSince(SOURCE, T1), T1);
    expect(cache.patients.getByRemoteId(SOURCE, ID)?.deleted).toBe(true);
    expect(localDataOf(cache, patient.id)).toEqual(expected);

    cache.patients.upsertPage(SOURCE, [remotePatient(ID)], T2);
    expect(localDataOf(cache, patient.id)).toEqual(expected);
  });

  it('is not touched by appointment syncs and removals', () => {
    const { cache, patient } = patientWithLocalData();

    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { patientExternalId: ID })], T1, null);
    cache.appointments.markRemoved(SOURCE, ['1'], T2, null);

    expect(localDataOf(cache, patient.id)).toEqual(expected);
  });

  it('keeps organizations unique by name, ignoring case', () => {
    const { cache } = patientWithLocalData();

    expect(() => cache.organizations.create('hillside school', T1)).toThrow(expect.objectContaining({ code: 'organization_exists' }));
    expect(cache.organizations.list()).toEqual([expect.objectContaining({ name: 'Hillside School', patientCount: 1 })]);
  });

  it('edits and removes notes', () => {
    const { cache, patient } = patientWithLocalData();
    const [note] = cache.notes.forPatient(patient.id);

    expect(cache.notes.update(note!.id, 'Needs a Māori interpreter', T1)).toMatchObject({
      body: 'Needs a Māori interpreter',
      createdAt: T0,
      updatedAt: T1,
    });
    cache.notes.remove(note!.id);
    expect(cache.notes.forPatient(patient.id)).toEqual([]);
  });
});

describe('removing a source', () => {
  it('refuses while its patients carry local-only data, saying what would be lost', () => {
    const { cache } = patientWithLocalData();

    expect(() => cache.sources.remove(SOURCE)).toThrow(
      expect.objectContaining({ code: 'source_has_local_data', details: expect.objectContaining({ notes: 1, organizationLinks: 1 }) }),
    );
    expect(cache.sources.get(SOURCE)).not.toBeNull();
  });

  it('deletes what was synced from it when confirmed, keeping organizations and run history', () => {
    const { cache } = patientWithLocalData();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { patientExternalId: ID })], T1, null);
    cache.cursors.set(SOURCE, 'patients', T1);
    const runId = cache.runs.create({
      source: SOURCE,
      trigger: 'manual',
      scope: { sources: [SOURCE], mode: 'full', phases: [], daysBack: 90, daysForward: 90 },
      startedAt: T1,
    });

    const removal = cache.sources.remove(SOURCE, { discardLocalData: true });

    expect(removal).toEqual({ patients: 1, appointments: 1, notes: 1, organizationLinks: 1 });
    expect(cache.sources.list()).toEqual([]);
    expect(cache.patients.getByRemoteId(SOURCE, ID)).toBeNull();
    expect(cache.appointments.get(SOURCE, '1')).toBeNull();
    expect(cache.cursors.get(SOURCE, 'patients')).toBeNull();
    expect(cache.changes.list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(cache.organizations.list()).toEqual([expect.objectContaining({ name: 'Hillside School', patientCount: 0 })]);
    expect(cache.runs.get(runId)?.source).toBe(SOURCE);
  });
});
