/**
 * The browser console host under a flood (issue 15 item 9): 2,000 sockets, each with the token, each
 * sending 20 roster queries at once, while one normal console keeps querying. Measures the normal
 * console's roster query latency before and during the flood, and how the host turned the flood away.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { socketProtocols } from '../../electron/contract';
import { openHeadlessService } from '../../electron/core/app/headless';
import { defaultCacheFile, openCache } from '../../electron/core/db';
import { serveContract } from '../../electron/handlers';
import { DEFAULT_SOCKET_LIMITS } from '../../electron/host/socket-limits';
import { startHost, type RunningHost } from '../../electron/host/server';
import type { Benchmark } from './bench-types';
import { benchPatient, seededRandom } from './db-bench-data';

const PATIENTS = 5_000;
const FLOOD_SOCKETS = 2_000;
const FLOOD_REQUESTS = 20;
const SAMPLES = 100;
/** A person typing in the roster's search box: a query every 40 ms at most, well inside the socket's budget. */
const NORMAL_PACE_MS = 40;
/** The stated bound: a normal console's p95 roster query during the flood. */
const P95_BOUND_MS = 250;
const NOW = '2026-01-01T00:00:00.000Z';
const QUERY = { search: 'sm', sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50 };

interface Client {
  socket: WebSocket;
  closed: Promise<number>;
  call(): Promise<void>;
}

function connect(host: RunningHost): Promise<Client | number> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, socketProtocols(host.token), { origin: host.origin });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  let nextId = 1;
  const pending = new Map<number, () => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id: number };
    if (message.type === 'result') pending.get(message.id)?.();
  });
  socket.on('error', () => {});
  const call = () =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel: 'roster:query', input: QUERY }));
    });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, closed, call }));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    closed.then((code) => resolve(code));
  });
}

/** Sequential roster queries from one console, paced like a person: latencies in ms, sorted. */
async function sample(client: Client, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await Promise.race([
      client.call(),
      client.closed.then((code) => Promise.reject(new Error(`the normal console was closed with ${code}`))),
    ]);
    const took = performance.now() - started;
    times.push(took);
    if (took < NORMAL_PACE_MS) await new Promise((resolve) => setTimeout(resolve, NORMAL_PACE_MS - took));
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function seed(dataDir: string, hexKey: string): void {
  const cache = openCache({ file: defaultCacheFile(dataDir), key: { kind: 'encrypted', hexKey } });
  cache.sources.add({ id: 'cliniko', kind: 'cliniko', name: 'Bench practice', baseUrl: null, credentialRef: 'c' }, NOW);
  const random = seededRandom(15);
  const rows = Array.from({ length: PATIENTS }, (_, n) => benchPatient('cliniko', n, random));
  for (let i = 0; i < rows.length; i += 500) cache.patients.upsertPage('cliniko', rows.slice(i, i + 500), NOW);
  cache.close();
}

const bench: Benchmark = {
  name: 'host-load',
  async run() {
    const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-host-load-'));
    const dataDir = path.join(root, 'data');
    const rendererDir = path.join(root, 'renderer');
    const hexKey = randomBytes(32).toString('hex');
    seed(dataDir, hexKey);
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const service = openHeadlessService({ name: 'ClinicSync', version: 'bench', dataDir, env: { CLINICSYNC_DB_KEY: hexKey } });
    const host = await startHost({ dispatch: serveContract(service, 'browser', () => {}), rendererDir });
    try {
      const normal = await connect(host);
      if (typeof normal === 'number') throw new Error(`the normal console was refused: ${normal}`);
      await sample(normal, 20); // warm the statement cache and the page cache
      const baseline = await sample(normal, SAMPLES);

      const floodStarted = performance.now();
      let mostOpen = 0;
      let floodDone = false;
      const watch = setInterval(() => (mostOpen = Math.max(mostOpen, host.openConsoles())), 5);
      const flood = Promise.all(
        Array.from({ length: FLOOD_SOCKETS }, async () => {
          const client = await connect(host);
          if (typeof client === 'number') return { admitted: false, code: client, answered: 0 };
          let answered = 0;
          const all = Promise.all(Array.from({ length: FLOOD_REQUESTS }, () => client.call().then(() => (answered += 1))));
          const code = await Promise.race([all.then(() => 0), client.closed]);
          client.socket.close();
          await client.closed;
          return { admitted: code === 0, code, answered };
        }),
      ).finally(() => {
        floodDone = true;
        clearInterval(watch);
      });
      // The normal console keeps working for as long as the flood lasts.
      const during: number[] = [];
      while (!floodDone) during.push(...(await sample(normal, 10)));
      during.sort((a, b) => a - b);
      const outcomes = await flood;
      const floodMs = performance.now() - floodStarted;
      normal.socket.close();

      const admitted = outcomes.filter((o) => o.admitted).length;
      const otherwise = outcomes.filter((o) => !o.admitted && o.code !== 1013).length;
      const refused = outcomes.filter((o) => !o.admitted && o.code === 1013).length;
      const answered = outcomes.reduce((sum, o) => sum + o.answered, 0);
      const p95During = percentile(during, 95);
      return {
        metrics: [
          { name: 'normal console roster query p50, idle host', value: percentile(baseline, 50), unit: 'ms' },
          { name: 'normal console roster query p95, idle host', value: percentile(baseline, 95), unit: 'ms' },
          { name: 'normal console roster query p50, during the flood', value: percentile(during, 50), unit: 'ms' },
          {
            name: 'normal console roster query p95, during the flood',
            value: p95During,
            unit: 'ms',
            target: `<= ${P95_BOUND_MS} ms`,
            met: p95During <= P95_BOUND_MS,
          },
          {
            name: 'consoles open at once on the host (most)',
            value: mostOpen,
            unit: 'sockets',
            target: `<= ${DEFAULT_SOCKET_LIMITS.maxSockets}`,
            met: mostOpen <= DEFAULT_SOCKET_LIMITS.maxSockets,
          },
          { name: 'flood sockets served in full', value: admitted, unit: 'sockets' },
          { name: 'flood sockets closed with 1013 (too many connections)', value: refused, unit: 'sockets' },
          { name: 'flood sockets refused otherwise', value: otherwise, unit: 'sockets' },
          { name: 'flood requests answered', value: answered, unit: 'requests' },
          { name: 'normal console queries during the flood', value: during.length, unit: 'queries' },
          { name: 'flood duration', value: floodMs, unit: 'ms' },
        ],
        notes: [
          `${FLOOD_SOCKETS} sockets with the token, each sending ${FLOOD_REQUESTS} roster queries at once, against ${PATIENTS} encrypted patients; one normal console sends ${SAMPLES} sequential queries before and during.`,
          `Limits: ${DEFAULT_SOCKET_LIMITS.maxSockets} sockets, ${DEFAULT_SOCKET_LIMITS.burst} requests burst then ${DEFAULT_SOCKET_LIMITS.perSecond}/s per socket, ${DEFAULT_SOCKET_LIMITS.maxInFlight} in flight per socket, one start per socket per event-loop turn.`,
        ],
      };
    } finally {
      await host.close();
      await service.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
};

export default bench;
