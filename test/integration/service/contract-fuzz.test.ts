import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName, type Envelope } from '../../../electron/contract';
import { serveContract, type Dispatch } from '../../../electron/handlers';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import type { Cache } from '../../../electron/core/db';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';
import { snapshotLocalData } from './support/local-data';
import { fieldPaths, jsonSchemaOf, schemaCases, type SampleHint, type SchemaCase } from './support/schema-cases';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;
let reader: Cache | undefined;
let dispatch: Dispatch;
let sourceId: string;
const internal: unknown[] = [];

async function ok<T>(channel: ChannelName, input: unknown): Promise<T> {
  const envelope = (await dispatch(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel} refused a valid input: ${envelope.error.message}`);
  return envelope.value;
}

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 20, latencyMs: { min: 0, max: 0 }, now: clock.now });
  t = openTestService({ now: clock.now });
  sourceId = (await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url })).id;
  await (
    await t.service.sync.start({ mode: 'full', trigger: 'manual' })
  ).done;
  dispatch = serveContract(t.service, 'browser', (err) => internal.push(err));
  // Local-only data every attack must leave alone: an organization with a member, and a staff note.
  const patientId = t.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).rows[0]?.id;
  if (patientId === undefined) throw new Error('the sync cached no patient');
  const org = await ok<{ id: number }>('organizations:create', { name: 'Riverside Community Health' });
  await ok('patients:setOrganizations', { patientId, organizationIds: [org.id] });
  await ok('notes:add', { patientId, body: 'Needs the lift; call the day before.' });
  reader = t.openCache();
});

afterAll(async () => {
  reader?.close();
  await t.dispose();
  await emulator.close();
});

const snapshot = () => snapshotLocalData(reader as Cache, [t.dataDir, t.keyDir], path.basename('cache.db'));

const HUGE = 'A'.repeat(2_000_000);

/** Inputs no channel accepts: wrong types, unknown and prototype-polluting keys, a huge string. */
const HOSTILE: unknown[] = [
  null,
  42,
  'sync everything',
  [],
  [{}],
  true,
  { unexpected: 1 },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { huge: HUGE },
];

/** Attacks a schema cannot describe (its refinements and the service's own rules), kept by hand. */
const SEMANTIC: Array<[string, unknown]> = [
  ['sources:add', { kind: 'cliniko', name: 'X', apiKey: 'k', baseUrl: 'file:///etc/passwd' }],
  ['sources:add', { kind: 'cliniko', name: 'X', apiKey: 'k', baseUrl: 'http://attacker.example/v1' }],
  ['sources:add', { kind: 'cliniko', name: '   ', apiKey: 'k' }],
  ['sources:test', { kind: 'cliniko', apiKey: 'k', baseUrl: 'javascript:alert(1)' }],
  ['roster:query', { sort: { field: 'id; DROP TABLE patients', dir: 'asc' } }],
  ['roster:query', { status: "booked' OR 1=1 --" }],
  ['patients:detail', { id: '1 OR 1=1' }],
  ['settings:update', { patch: JSON.parse('{"__proto__": {"polluted": true}}') }],
  ['settings:update', { patch: { sync: JSON.parse('{"__proto__": {"polluted": true}}') } }],
  ['settings:update', { patch: { sync: { daysBack: 'ninety' } } }],
  ['settings:update', { patch: { contactEmail: 'not an email' } }],
  ['settings:update', { patch: [] }],
  ['settings:update', { patch: null }],
];

/** Real ids where a field names a source, so a case breaks only the field it attacks. */
const hint: SampleHint = (key, schema) => {
  if (schema.type === 'string' && ['id', 'source'].includes(key)) return sourceId;
  if (key === 'sources' && schema.type === 'string') return sourceId;
  return undefined;
};

/** Each channel's derived cases; a union's branch case that another branch accepts is no invalid input. */
function derivedCases(channel: ChannelName): SchemaCase[] {
  const schema = channels[channel].input;
  return schemaCases(jsonSchemaOf(schema), hint).filter((c) => !schema.safeParse(c.input).success);
}

async function expectRefused(channel: string, input: unknown, label: string): Promise<void> {
  const envelope = (await dispatch(channel, input)) as Envelope<unknown>;
  expect(envelope.ok, `${channel} accepted ${label}`).toBe(false);
  if (!envelope.ok) {
    expect(['invalid_input', 'invalid_settings'], `${channel}: ${label}`).toContain(envelope.error.code);
    expect(JSON.stringify(envelope.error)).not.toMatch(/at .*\.ts:\d+/);
  }
}

describe('every contract channel under hostile input', () => {
  it('derives cases for every field of every channel from its zod schema', () => {
    for (const channel of CHANNEL_NAMES) {
      const schema = jsonSchemaOf(channels[channel].input);
      const cases = derivedCases(channel);
      expect(cases.length, `${channel} has no derived case`).toBeGreaterThan(0);
      const attacked = new Set(cases.map((c) => c.path.replace(/\[\]$/, '')));
      for (const field of fieldPaths(schema)) expect(attacked.has(field), `${channel}.${field} is never attacked`).toBe(true);
    }
  });

  it('refuses each with a validation error, never crashes, and changes no local data', async () => {
    const before = snapshot();
    // The snapshot holds the local-only data too: the note, the organization's name, the membership.
    expect(before.tables.patient_notes).toEqual([expect.stringContaining('Needs the lift')]);
    expect(before.tables.organizations).toEqual([expect.stringContaining('Riverside Community Health')]);
    expect(before.tables.patient_organizations).toHaveLength(1);
    let sent = 0;
    for (const channel of CHANNEL_NAMES) {
      for (const input of HOSTILE) {
        const envelope = (await dispatch(channel, input)) as Envelope<unknown>;
        expect(envelope.ok, `${channel} accepted ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
        if (!envelope.ok) expect(envelope.error.code).toBe('invalid_input');
        sent += 1;
      }
      for (const c of derivedCases(channel)) {
        await expectRefused(channel, c.input, `${c.path} ${c.what}: ${JSON.stringify(c.input).slice(0, 100)}`);
        sent += 1;
      }
    }
    for (const [channel, input] of SEMANTIC) await expectRefused(channel, input, JSON.stringify(input).slice(0, 100));
    expect(sent).toBeGreaterThan(CHANNEL_NAMES.length * (HOSTILE.length + 3));
    expect(internal).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toEqual(before);
  });

  it('refuses unknown channels by name', async () => {
    for (const name of ['sources:drop', '__proto__', 'constructor', 'toString', '', 'app:info ', null, 7]) {
      const envelope = (await dispatch(name, {})) as Envelope<unknown>;
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });
});
