import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../electron/core/connectors/errors';
import { createHttpClient, type HttpSetup, type ServiceProfile } from '../../../electron/core/connectors/http/client-factory';
import { GateRegistry } from '../../../electron/core/connectors/http/request-gate';
import { MemoryBudgetStore } from './support/memory-budget-store';
import { sendJson, sendText, startLoopbackServer, type Handler, type LoopbackServer } from './support/loopback-server';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

const AFTERNOON = new Date('2024-05-01T15:00:00Z');

function intakeqLike(perDay: number): ServiceProfile {
  return {
    service: 'IntakeQ',
    kind: 'intakeq',
    limits: { perMinute: 1000, perDay, inFlight: 1 },
    rateLimitDefaultWaitMs: { min: 10_000, max: 60_000 },
  };
}

/** A fresh client, as after a restart: new gates, same store. */
function clientFor(server: LoopbackServer, store: MemoryBudgetStore, perDay: number, setup: Partial<HttpSetup> = {}) {
  return createHttpClient(
    intakeqLike(perDay),
    'the-key',
    new URL(server.origin),
    {},
    { budgetStore: store, gates: new GateRegistry(), now: () => AFTERNOON, ...setup },
  );
}

const get = (http: ReturnType<typeof clientFor>, server: LoopbackServer) =>
  http.getJson(new URL('/practitioners', server.origin), (body) => body, 'practitioners');

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('daily request budget', () => {
  it('stops before the request that would exceed it and says when it resets (next UTC midnight)', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    const http = clientFor(server, new MemoryBudgetStore(), 3);
    for (let i = 0; i < 3; i++) await get(http, server);
    const error = await failure(get(http, server));
    expect(error.kind).toBe('budget_exhausted');
    expect(error.resumeAt?.toISOString()).toBe('2024-05-02T00:00:00.000Z');
    expect(error.message).toBe("IntakeQ's daily limit of 3 requests is used up; syncing continues after 00:00 UTC.");
    expect(server.requests).toHaveLength(3);
    expect(http.budgetStatus()).toEqual({ used: 3, limit: 3, resetsAt: '2024-05-02T00:00:00.000Z' });
  });

  it('persists the count on every request, so a restart does not forget it', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    const store = new MemoryBudgetStore();
    const before = clientFor(server, store, 3);
    for (let i = 0; i < 3; i++) await get(before, server);
    expect(store.writes.map((write) => write.used)).toEqual([1, 2, 3]);
    expect(store.writes[0]).toMatchObject({ budget: 'day', windowStart: '2024-05-01T00:00:00.000Z' });
    expect(store.writes[0]!.credentialKey).toMatch(/^intakeq:[0-9a-f]{16}$/);
    expect(store.writes[0]!.credentialKey).not.toContain('the-key');

    const afterRestart = clientFor(server, store, 3);
    expect((await failure(get(afterRestart, server))).kind).toBe('budget_exhausted');
    expect(server.requests).toHaveLength(3);
  });

  it('starts counting again on a new day', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    const store = new MemoryBudgetStore();
    await get(clientFor(server, store, 1), server);
    const nextMorning = clientFor(server, store, 1, { now: () => new Date('2024-05-02T01:00:00Z') });
    await get(nextMorning, server);
    expect(server.requests).toHaveLength(2);
    expect(store.writes.at(-1)).toMatchObject({ windowStart: '2024-05-02T00:00:00.000Z', used: 1 });
  });

  it('believes a 429 whose reset is hours away: the day is spent, also after a restart', async () => {
    const resetSeconds = Math.floor(AFTERNOON.getTime() / 1000) + 9 * 3600;
    const server = await serve((_req, res) => sendText(res, 429, '', { 'X-RateLimit-Reset': String(resetSeconds) }));
    const store = new MemoryBudgetStore();
    const error = await failure(get(clientFor(server, store, 500), server));
    expect(error.kind).toBe('budget_exhausted');
    expect(error.resumeAt?.getTime()).toBe(resetSeconds * 1000);
    expect((await failure(get(clientFor(server, store, 500), server))).kind).toBe('budget_exhausted');
    expect(server.requests).toHaveLength(1);
  });

  it('treats 429s without a reset that outlast a minute as the daily cap', async () => {
    const server = await serve((_req, res) => sendText(res, 429, 'Too many requests'));
    // Real clock at time scale 100: a "minute" is 600 ms and the default 10–60 s waits are 100–600 ms.
    const http = clientFor(server, new MemoryBudgetStore(), 500, { now: undefined, timeScale: 100 });
    const error = await failure(get(http, server));
    expect(error.kind).toBe('budget_exhausted');
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(8);
    expect(server.requests.at(-1)!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(600);
  });
});
