/**
 * The clinic hub: desk A (this process) pulls a 20,000-patient Cliniko practice (time-compressed
 * limits, as in sync.bench.ts) through one throwaway PostgreSQL cluster, while desks B and C follow
 * in processes of their own (hub-bench-desk.ts), woken by NOTIFY. Measures API requests against one
 * desk's, the time from A's page commit to the last of B and C applying it (median, p95; target
 * p95 <= 2 s), the hub's size per 10,000 patients, and a new desk's first catch-up.
 * `HUB_BENCH_PATIENTS` overrides the size.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path, { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { GateRegistry } from '../../electron/core/connectors/http/request-gate';
import { startClinikoEmulator } from '../../electron/emulators';
import { startPgCluster } from '../integration/hub/pg-cluster';
import { anchoredNow } from '../support/test-clock';
import { openTestService, type TestService } from '../support/test-service';
import type { Benchmark } from './bench-types';
import type { ApplyProfile } from './hub-bench-profile';
import { appointmentCount, cacheOf, stampCommits, type FollowerReport, type Stamps } from './hub-bench-stamps';

const PATIENTS = Number(process.env.HUB_BENCH_PATIENTS ?? 20_000);
const TIME_SCALE = 5;
const PER_MINUTE = 200;
const here = dirname(fileURLToPath(import.meta.url));

interface Follower {
  child: ChildProcess;
  applied: number;
  /** Resolves when the follower has applied at least `count` records (patients and appointments). */
  reach(count: number): Promise<void>;
  /** Stops it and returns when it applied each record, and how many appointments it holds. */
  stop(): Promise<{ stamps: Stamps; appointments: number; profile: ApplyProfile }>;
}

async function follower(url: string, joinCode: string, name: string): Promise<Follower> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'hub-bench-desk.ts'), url, joinCode, name], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let stamps: ((value: { stamps: Stamps; appointments: number; profile: ApplyProfile }) => void) | null = null;
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const self: Follower = {
    child,
    applied: 0,
    reach: (count) => (self.applied >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    stop: () =>
      new Promise((resolve) => {
        stamps = resolve;
        child.stdin?.write('stop\n');
      }),
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line === 'ready') ready();
    else if (line.startsWith('applied ')) {
      self.applied = Number(line.slice('applied '.length));
      for (const waiter of waiters.splice(0)) {
        if (self.applied >= waiter.count) waiter.resolve();
        else waiters.push(waiter);
      }
    } else if (line.startsWith('stamps ')) {
      const file = line.slice('stamps '.length);
      const report = JSON.parse(readFileSync(file, 'utf8')) as FollowerReport;
      stamps?.({ stamps: new Map(report.stamps), appointments: report.appointments, profile: report.profile });
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
  await isReady;
  return self;
}

/** The 1-minute load average, and how often runnable tasks waited for a core in the last minute (Linux PSI). */
function machineLoad(): string {
  let pressure = '';
  try {
    const some = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (some) pressure = `, CPU pressure ${some[1]} %`;
  } catch {
    // Not Linux, or no PSI: the load average alone.
  }
  return `load ${(os.loadavg()[0] ?? 0).toFixed(2)} on ${os.cpus().length} cores${pressure}`;
}

/** A follower's applying time by step, in words for the report's notes. */
function describeProfile(profile: ApplyProfile): string {
  const { transactions, slowestTransactionsMs, processCpuMs, runQueueWaitMs, ...steps } = profile;
  const parts = Object.entries(steps).map(([step, ms]) => `${step.replace(/Ms$/, '')} ${(ms / 1000).toFixed(2)} s`);
  const slowest = slowestTransactionsMs.map((ms) => ms.toFixed(0)).join(', ');
  return `${parts.join(', ')}; ${transactions} transactions, slowest ${slowest} ms; process CPU ${(processCpuMs / 1000).toFixed(2)} s; main thread waiting for a core ${runQueueWaitMs === null ? 'unknown' : `${(runQueueWaitMs / 1000).toFixed(2)} s`}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const bench: Benchmark = {
  name: 'hub',
  async run() {
    const loadBefore = machineLoad();
    const cluster = await startPgCluster();
    // The practice and the puller on one anchored clock: on different clocks the sync windows miss
    // the emulated appointments and only patients move.
    const now = anchoredNow();
    const emulator = await startClinikoEmulator({
      now,
      patients: PATIENTS,
      seed: 5,
      latencyMs: { min: 0, max: 2 },
      timeScale: TIME_SCALE,
      rateLimit: { perMinute: PER_MINUTE, perDay: 1e9 },
    });
    const desks: TestService[] = [];
    const followers: Follower[] = [];
    const open = (name: string) => {
      const desk = openTestService({
        now,
        deskName: name,
        connectorOptions: { timeScale: TIME_SCALE, gates: new GateRegistry(), rateLimits: { perMinute: PER_MINUTE, perDay: null } },
      });
      desks.push(desk);
      return desk;
    };
    try {
      const url = await cluster.createDatabase('clinic');
      const a = open('A');
      await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
      const { joinCode } = await a.service.hub.init({ url });
      followers.push(await follower(url, joinCode, 'B'), await follower(url, joinCode, 'C'));
      const committed: Stamps = new Map();
      stampCommits(cacheOf(a.service), committed);

      const before = emulator.stats().requests;
      const started = Date.now();
      const start = await a.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
      await start.done;
      const pullMs = Date.now() - started;
      const requests = emulator.stats().requests - before;
      await Promise.all(followers.map((f) => f.reach(committed.size)));
      const applied = await Promise.all(followers.map((f) => f.stop()));
      // Positive control: appointments moved too (on mismatched clocks only patients did).
      const appointments = appointmentCount(cacheOf(a.service));
      const counts = applied.map((f) => f.appointments);
      if (appointments === 0 || counts.some((count) => count !== appointments)) {
        throw new Error(`Appointments did not reach every desk: A has ${appointments}, B and C have ${counts.join(' and ')}.`);
      }
      const lagOf = ([id, at]: [string, number]) => Math.max(...applied.map((f) => (f.stamps.get(id) ?? NaN) - at));
      const lags = [...committed].map(lagOf).sort((x, y) => x - y);
      // Patients come first and fastest (A pulls them at its rate limit): where a backlog builds, if any.
      const lagsOf = (prefix: string) =>
        [...committed]
          .filter(([id]) => id.startsWith(prefix))
          .map(lagOf)
          .sort((x, y) => x - y);
      const byKind = (['p:', 'a:'] as const).map((prefix) => {
        const sorted = lagsOf(prefix);
        return `${prefix === 'p:' ? 'patients' : 'appointments'} median ${(percentile(sorted, 50) / 1000).toFixed(2)} s, p95 ${(percentile(sorted, 95) / 1000).toFixed(2)} s`;
      });

      const size = await cluster.query<{ bytes: string }>('clinic', "SELECT pg_total_relation_size('hub_records') AS bytes");
      const hubBytes = Number(size[0]?.bytes);
      const d = open('D');
      const joinStarted = Date.now();
      await d.service.hub.join({ url, joinCode });
      const catchUpMs = Date.now() - joinStarted;
      const joinedPatients = d.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).total;

      // The baseline: one desk on its own (no hub) pulling the same practice.
      const solo = open('solo');
      await solo.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
      const soloBefore = emulator.stats().requests;
      await (
        await solo.service.sync.start({ mode: 'incremental', trigger: 'manual' })
      ).done;
      const soloRequests = emulator.stats().requests - soloBefore;

      const p95 = percentile(lags, 95);
      return {
        metrics: [
          {
            name: `API requests, 3 desks at ${PATIENTS} patients`,
            value: requests,
            unit: 'requests',
          },
          { name: 'API requests, one desk alone (no hub), same practice', value: soloRequests, unit: 'requests' },
          {
            name: 'API requests, 3 desks ÷ one desk alone',
            value: requests / soloRequests,
            unit: '×',
            target: '<= 1 (B and C call no API)',
            met: requests <= soloRequests,
          },
          { name: 'A’s pull (time-compressed limits)', value: pullMs / 1000, unit: 's' },
          { name: 'page commit on A → applied on the last of B, C: median', value: percentile(lags, 50) / 1000, unit: 's' },
          { name: 'page commit on A → applied on the last of B, C: p95', value: p95 / 1000, unit: 's', target: '<= 2 s', met: p95 <= 2000 },
          {
            name: 'hub size per 10,000 patients (records incl. appointments, indexes)',
            value: ((hubBytes / PATIENTS) * 10_000) / 2 ** 20,
            unit: 'MiB',
          },
          { name: `new desk’s first catch-up (${joinedPatients} patients)`, value: catchUpMs / 1000, unit: 's' },
        ],
        notes: [
          `Machine before: ${loadBefore}; after: ${machineLoad()} (the latencies swing with what else runs: B and C mostly wait for a core).`,
          'B and C run in processes of their own (as on their own computers), on the same 2-core machine as A, the emulator and PostgreSQL.',
          'B and C are woken by NOTIFY; their polling (every 30 s) does not decide the latency.',
          `Latency per record (${committed.size} patients and appointments): from the end of the SQLite transaction that wrote it on A to the end of the one that applied it on B and C.`,
          `Latency by kind: ${byKind.join('; ')}.`,
          ...applied.map((f, index) => `Follower ${'BC'[index]}'s applying time: ${describeProfile(f.profile)}.`),
        ],
      };
    } finally {
      for (const f of followers) f.child.kill();
      for (const desk of desks) await desk.dispose();
      await emulator.close();
      await cluster.destroy();
    }
  },
};

export default bench;
