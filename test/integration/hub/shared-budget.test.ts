import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeqEmulator, type IntakeqControl, type RunningEmulator } from '../../../electron/emulators';
import { GateRegistry } from '../../../electron/core/connectors/http/request-gate';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let emulator: RunningEmulator<IntakeqControl>;
const opened: TestService[] = [];
/** IntakeQ allows 10 requests a minute: both the emulator and the desks run its windows 120 times faster. */
const TIME_SCALE = 120;

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startIntakeqEmulator({ patients: 15, latencyMs: { min: 1, max: 2 }, timeScale: TIME_SCALE });
}, 120_000);
afterAll(() => closeHubTest(opened, emulator, cluster), 60_000);

const usedToday = (desk: TestService) => desk.service.hub.state.budgets().reduce((sum, usage) => sum + usage.used, 0);

describe('API budgets counted across desks', () => {
  it('the desk that pulls next starts from the clinic’s count, not from its own', async () => {
    const url = await cluster.createDatabase('clinic');
    // Each desk its own rate-limit gates, as separate processes have (one process shares them per key).
    // Their limiters' clock starts at the beginning of a (scaled) budget day, so no day ends mid-test.
    const dayMs = 86_400_000 / TIME_SCALE;
    const startedAt = Date.now();
    const anchor = Math.ceil(startedAt / dayMs) * dayMs;
    const now = () => new Date(anchor + (Date.now() - startedAt));
    const deskOptions = () => ({ connectorOptions: { timeScale: TIME_SCALE, gates: new GateRegistry(), now } });
    const [a, b] = [openTestService(deskOptions()), openTestService(deskOptions())];
    opened.push(a, b);
    const source = await a.service.sources.add({ kind: 'intakeq', name: 'Harbour', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const { joinCode } = await a.service.hub.init({ url });
    await b.service.hub.join({ url, joinCode });
    // B has the same IntakeQ key, so either desk may pull.
    await b.service.sources.update({ id: source.id, apiKey: emulator.apiKey });

    const first = await syncDesk(a.service);
    expect(first.runs.map((r) => r.status)).toEqual(['completed']);
    const afterA = usedToday(a);
    expect(afterA).toBe(emulator.stats().requests);

    const second = await syncDesk(b.service);
    expect(second.runs.map((r) => r.status)).toEqual(['completed']);
    // B took over incrementally, from the cursors A's pages carried to the hub.
    const carried = second.runs[0]?.cursorBefore ?? {};
    expect(Object.keys(carried).length).toBeGreaterThan(0);
    expect(first.runs[0]?.cursorAfter).toMatchObject(carried);
    // B counted on from A's requests: its limiter saw the whole clinic's use of the key.
    expect(usedToday(b)).toBe(emulator.stats().requests);
    expect(usedToday(b)).toBeGreaterThan(afterA);

    await syncDesk(a.service);
    expect(usedToday(a)).toBe(emulator.stats().requests);
  }, 60_000);
});
