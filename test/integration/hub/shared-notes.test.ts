import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import type { AppService } from '../../../electron/core/service';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { anchoredNow } from '../../support/test-clock';

let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
const opened: TestService[] = [];
/** Each desk's own clock, so which edit is the latest is decided by the test, not by the machine. */
const clocks = { B: Date.parse('2026-11-20T10:00:00Z'), C: Date.parse('2026-11-20T10:00:00Z') };
let a: AppService;
let b: AppService;
let c: AppService;

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 40, latencyMs: { min: 1, max: 2 }, now: anchoredNow() });
  const url = await cluster.createDatabase('clinic');
  const open = (name: 'A' | 'B' | 'C') => {
    const desk = openTestService(name === 'A' ? {} : { now: () => new Date(clocks[name]) });
    opened.push(desk);
    return desk.service;
  };
  a = open('A');
  b = open('B');
  c = open('C');
  await a.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  const { joinCode } = await a.hub.init({ url });
  await syncDesk(a);
  await b.hub.join({ url, joinCode });
  await c.hub.join({ url, joinCode });
}, 120_000);
afterAll(() => closeHubTest(opened, emulator, cluster), 60_000);

const firstPatient = (service: AppService) => {
  const page = service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 });
  const id = page.rows[0]?.id;
  if (id === undefined) throw new Error('no patient');
  return service.roster.detail(id);
};
const notesOn = (service: AppService) => firstPatient(service).notes.map((note) => note.body);

describe('notes shared through the hub', () => {
  it('a note written on B appears on A and C; an edit and a removal follow it', async () => {
    const note = b.roster.addNote(firstPatient(b).patient.id, 'Needs a wheelchair ramp');
    await b.hub.exchange();
    await a.hub.exchange();
    await c.hub.exchange();
    expect(notesOn(a)).toEqual(['Needs a wheelchair ramp']);
    expect(notesOn(c)).toEqual(['Needs a wheelchair ramp']);

    clocks.B += 60_000;
    b.roster.updateNote(note.id, 'Needs a wheelchair ramp (side door)');
    await b.hub.exchange();
    await c.hub.exchange();
    expect(notesOn(c)).toEqual(['Needs a wheelchair ramp (side door)']);

    const onC = firstPatient(c).notes[0];
    clocks.C = clocks.B + 60_000;
    c.roster.removeNote(onC?.id ?? -1);
    await c.hub.exchange();
    await a.hub.exchange();
    await b.hub.exchange();
    expect(notesOn(a)).toEqual([]);
    expect(notesOn(b)).toEqual([]);
  });

  it('two desks editing the same note settle on the later edit everywhere, whichever reaches the hub first', async () => {
    const note = b.roster.addNote(firstPatient(b).patient.id, 'Prefers mornings');
    await b.hub.exchange();
    await c.hub.exchange();
    const onC = firstPatient(c).notes.find((n) => n.body === 'Prefers mornings');

    // B edits later than C, but C publishes last: B's edit still wins on every desk.
    clocks.C += 60_000;
    c.roster.updateNote(onC?.id ?? -1, 'Prefers afternoons');
    clocks.B = clocks.C + 60_000;
    b.roster.updateNote(note.id, 'Prefers mornings, before 10');
    await b.hub.exchange();
    await c.hub.exchange();
    await a.hub.exchange();
    await b.hub.exchange();
    for (const desk of [a, b, c]) expect(notesOn(desk)).toEqual(['Prefers mornings, before 10']);

    // The same instant on both desks: the text with the larger keyed hash wins, so every desk (and the
    // hub) settles the same way.
    clocks.B += 60_000;
    clocks.C = clocks.B;
    b.roster.updateNote(note.id, 'Alpha');
    c.roster.updateNote(onC?.id ?? -1, 'Zulu');
    await c.hub.exchange();
    await b.hub.exchange();
    await a.hub.exchange();
    await c.hub.exchange();
    const { key } = (await a.hub.session()).deps;
    const winner = key.tiebreak('Alpha') > key.tiebreak('Zulu') ? 'Alpha' : 'Zulu';
    for (const desk of [a, b, c]) expect(notesOn(desk)).toEqual([winner]);
  });

  it('organization links follow the patient to every desk by the organization’s name; a later unlink removes them', async () => {
    const patientOnB = firstPatient(b).patient.id;
    const shelter = b.roster.createOrganization('Harbour Shelter');
    b.roster.setOrganizations(patientOnB, [shelter.id]);
    await b.hub.exchange();
    await a.hub.exchange();
    await c.hub.exchange();
    for (const desk of [a, c]) expect(firstPatient(desk).organizations.map((o) => o.name)).toEqual(['Harbour Shelter']);

    c.roster.setOrganizations(firstPatient(c).patient.id, []);
    await c.hub.exchange();
    await a.hub.exchange();
    await b.hub.exchange();
    for (const desk of [a, b, c]) expect(firstPatient(desk).organizations).toEqual([]);
  });
});
