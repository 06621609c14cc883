import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../electron/core/connectors/errors';
import { createHttpClient, type HttpSetup, type ServiceProfile } from '../../../electron/core/connectors/http/client-factory';
import { MalformedResponseError, type WaitReason } from '../../../electron/core/connectors/http/http-client';
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

/** A client with fast backoffs (time scale 100) unless the test says otherwise. */
function clientFor(server: LoopbackServer, setup: Partial<HttpSetup> = {}, profile: Partial<ServiceProfile> = {}) {
  const fullProfile: ServiceProfile = {
    service: 'Cliniko',
    kind: 'test',
    limits: { perMinute: 1000, perDay: null, inFlight: 1 },
    rateLimitDefaultWaitMs: { min: 300, max: 300 },
    ...profile,
  };
  return createHttpClient(
    fullProfile,
    'key',
    new URL(server.origin),
    { Accept: 'application/json' },
    {
      budgetStore: new MemoryBudgetStore(),
      gates: new GateRegistry(),
      timeScale: 100,
      ...setup,
    },
  );
}

const anyJson = (body: unknown): unknown => body;
const url = (server: LoopbackServer, path = '/things') => new URL(path, server.origin);

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('HTTP layer: retries', () => {
  it('retries a 503 and returns the data that follows', async () => {
    const server = await serve((_req, res, n) => (n === 0 ? sendText(res, 503, 'busy') : sendJson(res, 200, { ok: true })));
    const http = clientFor(server);
    const { value } = await http.getJson(url(server), anyJson, 'things');
    expect(value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(http.counters).toMatchObject({ requests: 2, retries: 1 });
  });

  it('gives up on a persistent 502 with server_error after a bounded number of tries', async () => {
    const server = await serve((_req, res) => sendText(res, 502, '<html>Bad Gateway</html>'));
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'things'));
    expect(error.kind).toBe('server_error');
    expect(error.status).toBe(502);
    expect(server.requests).toHaveLength(6);
  });

  it.each([
    [400, 'internal'],
    [404, 'not_found'],
    [422, 'internal'],
  ] as const)('does not retry a %i', async (status, kind) => {
    const server = await serve((_req, res) => sendJson(res, status, { message: 'nope' }));
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'things'));
    expect(error.kind).toBe(kind);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a rejected key (plain-text 401) as credentials_invalid with a message an admin can act on', async () => {
    const server = await serve((_req, res) => sendText(res, 401, 'HTTP Basic: Access denied.\n'));
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'patients'));
    expect(error.kind).toBe('credentials_invalid');
    expect(error.message).toBe('Cliniko rejected the API key. Check it in Settings → Sources.');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 403 as permission_denied naming what was refused', async () => {
    const server = await serve((_req, res) => sendText(res, 403, 'Forbidden'));
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'patients'));
    expect(error.kind).toBe('permission_denied');
    expect(error.message).toContain('patients');
  });

  it('retries a response that times out, then succeeds', async () => {
    const server = await serve((_req, res, n) => {
      if (n > 0) sendJson(res, 200, [1, 2]);
    });
    const { value } = await clientFor(server, { requestTimeoutMs: 150 }).getJson(url(server), anyJson, 'things');
    expect(value).toEqual([1, 2]);
    // The first try went unanswered; on a loaded machine an answered one may time out too and be retried.
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('ends with connection_failed when every try times out', async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    const error = await failure(clientFor(server, { requestTimeoutMs: 100 }).getJson(url(server), anyJson, 'things'));
    expect(error.kind).toBe('connection_failed');
    expect(error.message).toContain('no answer within');
    expect(server.requests).toHaveLength(6);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a refused connection as connection_failed', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const target = url(server);
    await server.close();
    const error = await failure(clientFor(server).getJson(target, anyJson, 'things'));
    expect(error.kind).toBe('connection_failed');
    expect(error.message).toContain('refused');
  });

  it('retries a truncated JSON body and returns the good one', async () => {
    const server = await serve((_req, res, n) => sendJson(res, 200, n === 0 ? '{"patients": [{"id": "1"' : { patients: [] }));
    const { value } = await clientFor(server).getJson(url(server), anyJson, 'patients');
    expect(value).toEqual({ patients: [] });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a page of the wrong shape, then reports invalid_data', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { unexpected: true }));
    const read = (body: unknown) => {
      if (!Array.isArray(body)) throw new MalformedResponseError('not a list');
      return body;
    };
    const error = await failure(clientFor(server).getJson(url(server), read, 'appointments'));
    expect(error.kind).toBe('invalid_data');
    expect(error.message).toContain('appointments');
    expect(server.requests).toHaveLength(6);
  });

  it('keeps 64-bit ids exact even when sent as bare numbers', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, '{"id": 836447129235883061, "other": "9007199254740993", "small": 42}'));
    const { value } = await clientFor(server).getJson(url(server), anyJson, 'things');
    expect(value).toEqual({ id: '836447129235883061', other: '9007199254740993', small: 42 });
  });
});

describe('HTTP layer: 429', () => {
  it('waits until X-RateLimit-Reset before trying again, and counts the wait', async () => {
    let resetSeconds = 0;
    const server = await serve((_req, res, n) => {
      if (n > 0) return sendJson(res, 200, { ok: true });
      resetSeconds = Math.ceil(Date.now() / 1000) + 1;
      sendText(res, 429, 'Retry later', { 'X-RateLimit-Reset': String(resetSeconds) });
    });
    const waits: { until: Date; reason: WaitReason }[] = [];
    // At time scale 100 our own minimum wait is 10 ms: only the header can explain a wait of a second.
    const http = clientFor(server, { onWait: (info) => waits.push(info) });
    await http.getJson(url(server), anyJson, 'things');
    const [first, second] = server.requests;
    expect(second!.at).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(waits.some((wait) => wait.reason === 'rate_limit' && wait.until.getTime() >= resetSeconds * 1000)).toBe(true);
    expect(http.counters.rateLimitWaitMs).toBeGreaterThanOrEqual(resetSeconds * 1000 - first!.at - 50);
  });

  it('honours Retry-After given in seconds', async () => {
    const server = await serve((_req, res, n) => (n === 0 ? sendText(res, 429, '', { 'Retry-After': '1' }) : sendJson(res, 200, {})));
    await clientFor(server).getJson(url(server), anyJson, 'things');
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it('waits a default time when a 429 says nothing', async () => {
    const server = await serve((_req, res, n) => (n === 0 ? sendText(res, 429, '') : sendJson(res, 200, {})));
    // Scaled by 10: a 3 s default becomes 300 ms, three times the backoff floor of 100 ms.
    await clientFor(server, { timeScale: 10 }, { rateLimitDefaultWaitMs: { min: 3000, max: 3000 } }).getJson(
      url(server),
      anyJson,
      'things',
    );
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(290);
  });

  it('holds back other requests on the same credential during the wait', async () => {
    let resetSeconds = 0;
    const server = await serve((req, res) => {
      if (req.url === '/first' && resetSeconds === 0) {
        resetSeconds = Math.ceil(Date.now() / 1000) + 1;
        return sendText(res, 429, '', { 'X-RateLimit-Reset': String(resetSeconds) });
      }
      sendJson(res, 200, {});
    });
    const http = clientFor(server);
    await http.getJson(url(server, '/first'), anyJson, 'things');
    await http.getJson(url(server, '/second'), anyJson, 'things');
    const second = server.requests.find((request) => request.url === '/second');
    expect(second!.at).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('ends with rate_limited and the resume time when the reset is too far away to wait for', async () => {
    const resetSeconds = Math.ceil(Date.now() / 1000) + 3600;
    const server = await serve((_req, res) => sendText(res, 429, '', { 'X-RateLimit-Reset': String(resetSeconds) }));
    const error = await failure(clientFor(server, { timeScale: 1 }).getJson(url(server), anyJson, 'things'));
    expect(error.kind).toBe('rate_limited');
    expect(error.resumeAt?.getTime()).toBe(resetSeconds * 1000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('HTTP layer: cancellation', () => {
  it('stops waiting on a rate limit as soon as the caller aborts', async () => {
    const server = await serve((_req, res) => sendText(res, 429, '', { 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 30) }));
    const controller = new AbortController();
    const started = Date.now();
    // The caller gives up once the client has begun its 30-second wait.
    const client = clientFor(server, { timeScale: 1, onWait: () => controller.abort() });
    const error = await failure(client.getJson(url(server), anyJson, 'things', controller.signal));
    expect(error.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts a request in flight', async () => {
    const controller = new AbortController();
    // Aborted once the server has the request, and never answered.
    const server = await serve(() => controller.abort());
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'things', controller.signal));
    expect(error.kind).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when already aborted', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await failure(clientFor(server).getJson(url(server), anyJson, 'things', AbortSignal.abort()));
    expect(error.kind).toBe('cancelled');
    expect(server.requests).toHaveLength(0);
  });
});
