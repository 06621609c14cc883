import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { GateRegistry } from '../../../electron/core/connectors/http/request-gate';
import { IntakeqConnector } from '../../../electron/core/connectors/intakeq/intakeq-connector';
import type { Page } from '../../../electron/core/connectors/types';
import { MemoryBudgetStore } from './support/memory-budget-store';
import { sendJson, sendText, startLoopbackServer, type LoopbackServer } from './support/loopback-server';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Route = (url: URL, res: ServerResponse) => void;

/** An IntakeQ stand-in; unknown routes get the HTML 404 page the real API sends. */
async function fakeIntakeq(routes: Record<string, Route>): Promise<LoopbackServer> {
  const server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (route) route(url, res);
    else
      sendText(res, 404, '<!DOCTYPE html><html><body><h1>404 - File or directory not found.</h1></body></html>', {
        'Content-Type': 'text/html',
      });
  });
  servers.push(server);
  return server;
}

function connectorFor(server: LoopbackServer): IntakeqConnector {
  return new IntakeqConnector('src-q', 'iq-key', `${server.origin}/api/v1`, {
    budgetStore: new MemoryBudgetStore(),
    gates: new GateRegistry(),
  });
}

async function records<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const collected: T[] = [];
  for await (const page of pages) collected.push(...page.records);
  return collected;
}

const HOUR = 3_600_000;
const WINDOW_START = Date.parse('2025-10-01T00:00:00Z');
const appointment = (i: number, startsAt: number) => ({
  Id: `a${i}`,
  ClientId: 1000 + i,
  Status: 'Confirmed',
  StartDate: startsAt,
  EndDate: startsAt + HOUR,
  LastModified: startsAt - 7 * 24 * HOUR,
});

describe('IntakeQ connector', () => {
  it('pads the date window a day each side, pages until a short page and trims to the exact window', async () => {
    // 130 rows newest first: 100 inside the window, then 30 from the padding day before it.
    const rows = [
      ...Array.from({ length: 100 }, (_, i) => appointment(i, WINDOW_START + (100 - i) * HOUR)),
      ...Array.from({ length: 30 }, (_, i) => appointment(100 + i, WINDOW_START - (i + 1) * HOUR)),
    ];
    const server = await fakeIntakeq({
      '/api/v1/appointments': (url, res) => {
        const page = Number(url.searchParams.get('page'));
        sendJson(res, 200, rows.slice((page - 1) * 100, page * 100));
      },
    });
    const found = await records(
      connectorFor(server).appointments({ from: '2025-10-01T00:00:00Z', to: '2025-10-08T00:00:00Z', updatedSince: '2025-09-20T08:00:00Z' }),
    );
    expect(found).toHaveLength(100);
    expect(new Set(found.map((record) => record.externalId)).size).toBe(100);
    expect(server.requests).toHaveLength(2);
    const first = new URL(server.requests[0]!.url, server.origin);
    expect(Object.fromEntries(first.searchParams)).toEqual({
      startDate: '2025-09-30',
      endDate: '2025-10-09',
      updatedSince: '2025-09-19',
      page: '1',
    });
    expect(server.requests[0]!.headers['x-auth-key']).toBe('iq-key');
  });

  it('leaves an open side of the window unfiltered, so appointments moved out of it come back', async () => {
    const rows = [appointment(1, WINDOW_START + 400 * 24 * HOUR), appointment(2, WINDOW_START + HOUR), appointment(3, WINDOW_START - HOUR)];
    const server = await fakeIntakeq({ '/api/v1/appointments': (_url, res) => sendJson(res, 200, rows) });
    const found = await records(
      connectorFor(server).appointments({ from: '2025-10-01T00:00:00Z', to: null, updatedSince: '2025-09-20T08:00:00Z' }),
    );
    expect(found.map((record) => record.externalId)).toEqual(['a1', 'a2']);
    expect(Object.fromEntries(new URL(server.requests[0]!.url, server.origin).searchParams)).toEqual({
      startDate: '2025-09-30',
      updatedSince: '2025-09-19',
      page: '1',
    });
  });

  it('asks one more page when a page is exactly full, and stops at the empty one', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => appointment(i, WINDOW_START + i * HOUR));
    const server = await fakeIntakeq({
      '/api/v1/appointments': (url, res) => sendJson(res, 200, url.searchParams.get('page') === '1' ? rows : []),
    });
    const found = await records(
      connectorFor(server).appointments({ from: '2025-09-01T00:00:00Z', to: '2025-11-01T00:00:00Z', updatedSince: null }),
    );
    expect(found).toHaveLength(100);
    expect(server.requests).toHaveLength(2);
  });

  it('reads a missing appointment (HTML 404 page) as null', async () => {
    const server = await fakeIntakeq({});
    expect(await connectorFor(server).appointmentDetail('abc123')).toBeNull();
    expect(server.requests[0]!.url).toBe('/api/v1/appointments/abc123');
  });

  it('lists deleted appointment ids with deletedOnly', async () => {
    const server = await fakeIntakeq({
      '/api/v1/appointments': (_url, res) => sendJson(res, 200, [{ Id: 'gone1' }, { Id: 'gone2', Status: 'Confirmed' }]),
    });
    expect(await records(connectorFor(server).deletedAppointments({ since: '2025-10-01T00:00:00Z' }))).toEqual([
      { externalId: 'gone1' },
      { externalId: 'gone2' },
    ]);
    expect(new URL(server.requests[0]!.url, server.origin).searchParams.get('deletedOnly')).toBe('true');
  });

  it('asks for full client profiles, from the day before an incremental cursor', async () => {
    const server = await fakeIntakeq({
      '/api/v1/clients': (_url, res) => sendJson(res, 200, [{ ClientId: 7, FirstName: 'A', LastName: 'B' }]),
    });
    expect((await records(connectorFor(server).patients({ updatedSince: '2025-10-05T00:00:00Z' })))[0]).toMatchObject({ externalId: '7' });
    expect(Object.fromEntries(new URL(server.requests[0]!.url, server.origin).searchParams)).toEqual({
      includeProfile: 'true',
      dateUpdatedStart: '2025-10-04',
      page: '1',
    });
  });

  it('finds clients by id with an exact match on ClientId, one search each', async () => {
    const server = await fakeIntakeq({
      '/api/v1/clients': (url, res) => {
        const id = Number(url.searchParams.get('search'));
        sendJson(res, 200, [
          { ClientId: id, FirstName: 'A', LastName: 'B' },
          { ClientId: id * 10, FirstName: 'C', LastName: 'D' },
        ]);
      },
    });
    const page = await connectorFor(server).patientsByExternalIds(['5', '6']);
    expect(page.records.map((record) => record.externalId)).toEqual(['5', '6']);
    expect(server.requests).toHaveLength(2);
  });

  it('reads booking settings, with location ids as numbers or strings', async () => {
    const server = await fakeIntakeq({
      '/api/v1/appointments/settings': (_url, res) =>
        sendJson(res, 200, {
          Services: [{ Id: 'b6f1c2d4-0000-0000-0000-000000000001', Name: 'Intake', Duration: 60, Price: 100 }],
          Locations: [{ Id: 1, Name: 'Main office' }, { Id: '2', Name: 'Telehealth' }, { Name: 'no id' }],
          Practitioners: [{ Id: '62e9a2123ccc0219a88d606f', CompleteName: 'Grace Hopper', Email: 'g@x' }],
        }),
    });
    const settings = await connectorFor(server).bookingSettings();
    expect(settings.services).toEqual([{ id: 'b6f1c2d4-0000-0000-0000-000000000001', name: 'Intake' }]);
    expect(settings.locations).toEqual([
      { id: '1', name: 'Main office' },
      { id: '2', name: 'Telehealth' },
    ]);
    expect(settings.practitioners[0]).toMatchObject({ externalId: '62e9a2123ccc0219a88d606f', displayName: 'Grace Hopper', active: true });
    expect(settings.errors).toEqual([expect.objectContaining({ externalId: null, message: expect.stringContaining('IntakeQ location') })]);
  });

  it('tests the connection with GET /practitioners', async () => {
    const server = await fakeIntakeq({ '/api/v1/practitioners': (_url, res) => sendJson(res, 200, [{ Id: 'p1' }, { Id: 'p2' }]) });
    expect(await connectorFor(server).testConnection()).toMatchObject({
      userName: null,
      region: 'intakeq',
      accountLabel: '2 practitioners',
    });
  });

  it('reports the daily budget in its stats', async () => {
    const server = await fakeIntakeq({ '/api/v1/practitioners': (_url, res) => sendJson(res, 200, []) });
    const connector = connectorFor(server);
    await connector.testConnection();
    expect(connector.stats()).toMatchObject({ requests: 1, retries: 0, dailyBudget: { used: 1, limit: 500 } });
    expect(connector.capabilities).toMatchObject({ dailyBudget: 500, requestsPerMinute: 10, hardDeletesVisible: true });
  });
});
