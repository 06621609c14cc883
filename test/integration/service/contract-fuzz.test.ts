import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type Envelope } from '../../../electron/contract';
import { serveContract, type Dispatch } from '../../../electron/handlers';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;
let dispatch: Dispatch;
const internal: unknown[] = [];

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 20, latencyMs: { min: 0, max: 0 }, now: clock.now });
  t = openTestService({ now: clock.now });
  await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  await (
    await t.service.sync.start({ mode: 'full', trigger: 'manual' })
  ).done;
  dispatch = serveContract(t.service, 'browser', (err) => internal.push(err));
});

afterAll(async () => {
  await t.dispose();
  await emulator.close();
});

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

/** Channel-specific attacks: the right keys with wrong, oversized or hostile values. */
const TARGETED: Array<[string, unknown]> = [
  ['sources:add', { kind: 'cliniko', name: HUGE, apiKey: 'k', baseUrl: null }],
  ['sources:add', { kind: 'cliniko', name: 'X', apiKey: HUGE, baseUrl: null }],
  ['sources:add', { kind: 'cliniko', name: 'X', apiKey: 'k', baseUrl: 'file:///etc/passwd' }],
  ['sources:add', { kind: 'cliniko', name: 'X', apiKey: 'k', baseUrl: 'http://attacker.example/v1' }],
  ['sources:add', { kind: 'nookal', name: 'X', apiKey: 'k' }],
  ['sources:add', { kind: 'cliniko', name: '   ', apiKey: 'k' }],
  ['sources:update', { id: 'x'.repeat(500) }],
  ['sources:remove', { id: 42 }],
  ['sources:test', { kind: 'cliniko', apiKey: 'k', baseUrl: 'javascript:alert(1)' }],
  ['roster:query', { search: HUGE }],
  ['roster:query', { limit: 1e9 }],
  ['roster:query', { offset: -1 }],
  ['roster:query', { sort: { field: 'id; DROP TABLE patients', dir: 'asc' } }],
  ['roster:query', { status: "booked' OR 1=1 --" }],
  ['patients:detail', { id: '1 OR 1=1' }],
  ['patients:detail', { id: -1 }],
  ['notes:add', { patientId: 1, body: HUGE }],
  ['organizations:create', { name: '' }],
  ['changes:list', { since: 'yesterday' }],
  ['changes:list', { kinds: ['rescheduled', 'everything'] }],
  ['history:list', { status: 'running; DELETE' }],
  ['history:run', { id: 1.5 }],
  ['activity:recent', { limit: 1e7 }],
  ['sync:start', { sources: Array.from({ length: 1000 }, () => 'x') }],
  ['sync:start', { mode: 'obliterate' }],
  ['schedule:pause', { paused: 'yes' }],
  ['settings:update', { patch: JSON.parse('{"__proto__": {"polluted": true}}') }],
  ['settings:update', { patch: { sync: JSON.parse('{"__proto__": {"polluted": true}}') } }],
  ['settings:update', { patch: { sync: { daysBack: 'ninety' } } }],
  ['settings:update', { patch: { contactEmail: 'not an email' } }],
];

async function snapshot() {
  return {
    sources: (await t.service.sources.list()).map((s) => ({ ...s, lastSuccessAt: s.lastSuccessAt })),
    settings: t.service.settings.get(),
    runs: t.service.history.runs({ limit: 500, offset: 0 }).total,
    patients: t.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).total,
    organizations: t.service.roster.organizations().length,
  };
}

describe('every contract channel under hostile input', () => {
  it('answers each with a validation error, never crashes, and changes nothing', async () => {
    const before = await snapshot();
    for (const channel of CHANNEL_NAMES) {
      for (const input of HOSTILE) {
        const envelope = (await dispatch(channel, input)) as Envelope<unknown>;
        expect(envelope.ok, `${channel} accepted ${JSON.stringify(input)?.slice(0, 60)}`).toBe(false);
        if (!envelope.ok) expect(envelope.error.code).toBe('invalid_input');
      }
    }
    for (const [channel, input] of TARGETED) {
      const envelope = (await dispatch(channel, input)) as Envelope<unknown>;
      expect(envelope.ok, `${channel} accepted ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
      if (!envelope.ok) {
        expect(['invalid_input', 'invalid_settings']).toContain(envelope.error.code);
        expect(JSON.stringify(envelope.error)).not.toMatch(/at .*\.ts:\d+/);
      }
    }
    expect(internal).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses unknown channels by name', async () => {
    for (const name of ['sources:drop', '__proto__', 'constructor', 'toString', '', 'app:info ', null, 7]) {
      const envelope = (await dispatch(name, {})) as Envelope<unknown>;
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });
});
