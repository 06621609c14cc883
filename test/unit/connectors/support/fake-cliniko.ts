import type { ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import { ClinikoConnector } from '../../../../electron/core/connectors/cliniko/cliniko-connector';
import { GateRegistry } from '../../../../electron/core/connectors/http/request-gate';
import { MemoryBudgetStore } from './memory-budget-store';
import { sendJson, startLoopbackServer, type LoopbackServer } from './loopback-server';

export const REAL_HOST = 'https://api.uk2.cliniko.com/v1';
export const KEY = 'MS0testkey-uk2';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export type Routes = Record<string, (url: URL, res: ServerResponse) => void>;

/** A Cliniko stand-in whose links name the real host, as Cliniko's do; closed after each test. */
export async function fakeCliniko(routes: Routes): Promise<LoopbackServer> {
  const server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (route) route(url, res);
    else sendJson(res, 404, { status: '404', error: 'Not Found' });
  });
  servers.push(server);
  return server;
}

export function connectorFor(server: LoopbackServer): ClinikoConnector {
  return new ClinikoConnector('src-c', KEY, `${server.origin}/v1`, {
    budgetStore: new MemoryBudgetStore(),
    gates: new GateRegistry(),
    userAgentContact: 'it@clinic.example',
  });
}
