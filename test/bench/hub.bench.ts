/**
 * The clinic hub: three desks (three data folders, one process) and one throwaway PostgreSQL cluster;
 * desk A pulls a 20,000-patient Cliniko practice (time-compressed limits, as in sync.bench.ts) while
 * B and C run their watchers (NOTIFY + polling). Measures API requests against one desk's, the time
 * from A's page commit to the last of B and C applying it (median, p95; target p95 <= 2 s), the hub's
 * size per 10,000 patients, and a new desk's first catch-up. `HUB_BENCH_PATIENTS` overrides the size.
 */
import type { Cache } from '../../electron/core/db';
import { GateRegistry } from '../../electron/core/connectors/http/request-gate';
import { startClinikoEmulator } from '../../electron/emulators';
import { openTestService, type TestService } from '../support/test-service';
import { startPgCluster } from '../integration/hub/pg-cluster';
import type { Benchmark } from './bench-types';

const PATIENTS = Number(process.env.HUB_BENCH_PATIENTS ?? 20_000);
const TIME_SCALE = 5;
const PER_MINUTE = 200;

/** Notes when each patient's page committed (top-level transaction end) into `stamps`. */
function stampCommits(
  cache: Cache,
  stamps: Map<string, number>,
  around: 'transaction' | 'apply',
  applyingFromHub?: { fn: <T>(f: () => T) => T },
): void {
  const pending: string[] = [];
  const upsert = cache.patients.upsertPage.bind(cache.patients);
  cache.patients.upsertPage = (source, rows, syncedAt) => {
    for (const row of rows) pending.push(row.externalId);
    return upsert(source, rows, syncedAt);
  };
  const flush = () => {
    const at = Date.now();
    for (const id of pending.splice(0)) if (!stamps.has(id)) stamps.set(id, at);
  };
  if (around === 'transaction') {
    const transaction = cache.transaction.bind(cache);
    let depth = 0;
    (cache as { transaction: Cache['transaction'] }).transaction = (fn) => {
      depth += 1;
      try {
        return transaction(fn);
      } finally {
        depth -= 1;
        if (depth === 0) flush();
      }
    };
  } else if (applyingFromHub) {
    const inner = applyingFromHub.fn;
    applyingFromHub.fn = (f) => {
      try {
        return inner(f);
      } finally {
        flush();
      }
    };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const bench: Benchmark = {
  name: 'hub',
  async run() {
    const cluster = await startPgCluster();
    const emulator = await startClinikoEmulator({
      patients: PATIENTS,
      seed: 5,
      latencyMs: { min: 0, max: 2 },
      timeScale: TIME_SCALE,
      rateLimit: { perMinute: PER_MINUTE, perDay: 1e9 },
    });
    const desks: TestService[] = [];
    const open = (name: string) => {
      const desk = openTestService({
        deskName: name,
        connectorOptions: { timeScale: TIME_SCALE, gates: new GateRegistry(), rateLimits: { perMinute: PER_MINUTE, perDay: null } },
      });
      desks.push(desk);
      return desk;
    };
    try {
      const url = await cluster.createDatabase('clinic');
      const [a, b, c] = [open('A'), open('B'), open('C')];
      await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
      const { joinCode } = await a.service.hub.init({ url });
      await b.service.hub.join({ url, joinCode });
      await c.service.hub.join({ url, joinCode });

      const committed = new Map<string, number>();
      const appliedOn = [new Map<string, number>(), new Map<string, number>()];
      stampCommits(cacheOf(a), committed, 'transaction');
      [b, c].forEach((desk, i) => {
        const state = desk.service.hub.state as unknown as { applyingFromHub: <T>(f: () => T) => T };
        const hook = { fn: state.applyingFromHub.bind(state) };
        stampCommits(cacheOf(desk), appliedOn[i] as Map<string, number>, 'apply', hook);
        state.applyingFromHub = (f) => hook.fn(f);
      });
      await b.service.watchHub();
      await c.service.watchHub();

      const before = emulator.stats().requests;
      const started = Date.now();
      const start = await a.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
      await start.done;
      const pullMs = Date.now() - started;
      const requests = emulator.stats().requests - before;
      // Wait for B and C to have every patient A committed (they are woken by NOTIFY as A publishes).
      const total = committed.size;
      while (appliedOn.some((m) => m.size < total)) {
        await Promise.all([b.service.hub.exchange(), c.service.hub.exchange()]);
      }
      const lags = [...committed].map(([id, at]) => Math.max(...appliedOn.map((m) => (m.get(id) ?? NaN) - at))).sort((x, y) => x - y);

      const size = await cluster.query<{ bytes: string }>('clinic', "SELECT pg_total_relation_size('hub_records') AS bytes");
      const hubBytes = Number(size[0]?.bytes);

      const d = open('D');
      const joinStarted = Date.now();
      await d.service.hub.join({ url, joinCode });
      const catchUpMs = Date.now() - joinStarted;
      const joinedPatients = d.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).total;

      const p50 = percentile(lags, 50);
      const p95 = percentile(lags, 95);
      return {
        metrics: [
          {
            name: `API requests, 3 desks at ${PATIENTS} patients`,
            value: requests,
            unit: 'requests',
            target: 'one desk’s (B and C call no API)',
          },
          { name: 'A’s pull (time-compressed limits)', value: pullMs / 1000, unit: 's' },
          { name: 'page commit on A → applied on the last of B, C: median', value: p50 / 1000, unit: 's' },
          { name: 'page commit on A → applied on the last of B, C: p95', value: p95 / 1000, unit: 's', target: '<= 2 s', met: p95 <= 2000 },
          {
            name: 'hub size per 10,000 patients (records incl. appointments, indexes)',
            value: ((hubBytes / PATIENTS) * 10_000) / 1e6,
            unit: 'MB',
          },
          { name: `new desk’s first catch-up (${joinedPatients} patients)`, value: catchUpMs / 1000, unit: 's' },
        ],
        notes: [
          'All desks run in one Node process on one event loop (B and C apply while A syncs), so the latency is pessimistic for desks on their own computers.',
          'B and C are woken by NOTIFY; their polling (30 s) never fires within the measured window.',
          `Latency measured per patient: from the end of the SQLite transaction that wrote it on A to the end of the one that applied it on B and C (${total} patients).`,
        ],
      };
    } finally {
      for (const desk of desks) await desk.dispose();
      await emulator.close();
      await cluster.destroy();
    }
  },
};

/** The desk's open cache (the service keeps it private; the benchmark instruments it). */
function cacheOf(desk: TestService): Cache {
  return (desk.service as unknown as { options: { cache: Cache } }).options.cache;
}

export default bench;
