/**
 * The browser console host under a flood (issue 15 item 9): 2,000 sockets with the token, each sending
 * 20 roster queries at once (from another process, as an attacker's would be), while one normal
 * console keeps querying at a person's pace. Measures that console's roster query latency before and
 * during the flood, and how the host turned the flood away.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openHeadlessService } from '../../electron/core/app/headless';
import { defaultCacheFile, openCache } from '../../electron/core/db';
import { serveContract } from '../../electron/handlers';
import { DEFAULT_SOCKET_LIMITS } from '../../electron/host/socket-limits';
import { startHost } from '../../electron/host/server';
import type { Benchmark } from './bench-types';
import { benchPatient, seededRandom } from './db-bench-data';
import type { FloodInput, FloodOutput } from './host-flood-worker';
import { connectConsole, type ConsoleClient } from './host-load-client';

const PATIENTS = 5_000;
const FLOOD_SOCKETS = 2_000;
const FLOOD_REQUESTS = 20;
const SAMPLES = 100;
/** A person typing in the roster's search box: a query every 40 ms at most, well inside the socket's budget. */
const NORMAL_PACE_MS = 40;
/** The stated bound: a normal console's p95 roster query during the flood. */
const P95_BOUND_MS = 250;
const NOW = '2026-01-01T00:00:00.000Z';

/** Sequential roster queries from the normal console, paced like a person: latencies in ms. */
async function sample(client: ConsoleClient, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await Promise.race([
      client.query(),
      client.closed.then((code) => Promise.reject(new Error(`the normal console was closed with ${code}`))),
    ]);
    const took = performance.now() - started;
    times.push(took);
    if (took < NORMAL_PACE_MS) await new Promise((resolve) => setTimeout(resolve, NORMAL_PACE_MS - took));
  }
  return times;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function seed(dataDir: string, hexKey: string): void {
  const cache = openCache({ file: defaultCacheFile(dataDir), key: { kind: 'encrypted', hexKey } });
  cache.sources.add({ id: 'cliniko', kind: 'cliniko', name: 'Bench practice', baseUrl: null, credentialRef: 'c' }, NOW);
  const random = seededRandom(15);
  const rows = Array.from({ length: PATIENTS }, (_, n) => benchPatient('cliniko', n, random));
  for (let i = 0; i < rows.length; i += 500) cache.patients.upsertPage('cliniko', rows.slice(i, i + 500), NOW);
  cache.close();
}

function runFlood(input: FloodInput): Promise<FloodOutput> {
  return new Promise((resolve, reject) => {
    const worker = path.join(import.meta.dirname, 'host-flood-worker.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`host flood worker exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as FloodOutput);
    });
  });
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
      const normal = await connectConsole(host);
      if (typeof normal === 'number') throw new Error(`the normal console was refused: ${normal}`);
      await sample(normal, 20); // warm the statement cache and the page cache
      const baseline = await sample(normal, SAMPLES);

      let mostOpen = 0;
      let floodDone = false;
      const watch = setInterval(() => (mostOpen = Math.max(mostOpen, host.openConsoles())), 5);
      const flood = runFlood({
        port: host.port,
        origin: host.origin,
        token: host.token,
        sockets: FLOOD_SOCKETS,
        requests: FLOOD_REQUESTS,
      }).finally(() => {
        floodDone = true;
        clearInterval(watch);
      });
      // The normal console keeps working for as long as the flood lasts.
      const during: number[] = [];
      while (!floodDone) during.push(...(await sample(normal, 5)));
      const outcome = await flood;
      normal.socket.close();

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
          { name: 'normal console roster query max, during the flood', value: Math.max(...during), unit: 'ms' },
          {
            name: 'consoles open at once on the host (most)',
            value: mostOpen,
            unit: 'sockets',
            target: `<= ${DEFAULT_SOCKET_LIMITS.maxSockets}`,
            met: mostOpen <= DEFAULT_SOCKET_LIMITS.maxSockets,
          },
          { name: 'flood sockets served in full', value: outcome.servedInFull, unit: 'sockets' },
          { name: 'flood sockets closed with 1013 (too many connections)', value: outcome.endedWith['1013'] ?? 0, unit: 'sockets' },
          { name: 'flood requests answered', value: outcome.answered, unit: 'requests' },
          { name: 'normal console queries during the flood', value: during.length, unit: 'queries' },
          { name: 'flood duration', value: outcome.elapsedMs, unit: 'ms' },
        ],
        notes: [
          `${FLOOD_SOCKETS} sockets with the token (from another process), each sending ${FLOOD_REQUESTS} roster queries at once, against ${PATIENTS} encrypted patients; one normal console queries every ${NORMAL_PACE_MS} ms, ${SAMPLES} times before and throughout the flood.`,
          `Other ends of flood sockets: ${JSON.stringify(outcome.endedWith)}.`,
          `Limits: ${DEFAULT_SOCKET_LIMITS.maxSockets} sockets, ${DEFAULT_SOCKET_LIMITS.burst} requests burst then ${DEFAULT_SOCKET_LIMITS.perSecond}/s per socket, ${DEFAULT_SOCKET_LIMITS.maxInFlight} in flight per socket; one request started per event-loop turn, from the socket that has spent least of its budget.`,
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
