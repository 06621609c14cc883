import type { SourceKind, SyncRun } from '../../electron/core/domain';
import type { FaultOptions } from '../../electron/emulators';
import { expectConverged, syncWindow } from '../integration/sync/support/cache-view';
import { closeEnvs, createEnv, runSync, type RunOptions } from '../integration/sync/support/harness';
import { applyDayOfChanges } from '../integration/sync/support/scenario';
import { closeUpstreams, startUpstream, type Upstream } from '../integration/sync/support/upstream';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy';
import type { Benchmark, BenchMetric } from './bench-types';

interface Scenario {
  name: string;
  faults?: FaultOptions;
  /** Connector settings for the faulty runs (e.g. a short timeout). */
  connector?: RunOptions['connector'];
  /** Only for this API. */
  only?: SourceKind;
  /**
   * Drops the network for `apiMs` (in the API's time: shrunk by the emulator's time scale like every
   * retry wait) once the first faulty run has made `afterRequests` requests.
   */
  outage?: { afterRequests: number; apiMs: number };
  /** IntakeQ's daily budget, small enough to run out mid-sync. */
  perDay?: number;
}

const SCENARIOS: Scenario[] = [
  { name: '5xx on 20% of requests', faults: { serverErrorRate: 0.2 } },
  { name: '429 storm (every 5th request)', faults: { rateLimitStorm: { everyN: 5 } } },
  {
    name: 'timeouts (15% of requests take 2 s; 400 ms limit)',
    faults: { slowRate: 0.15, slowMs: 2000 },
    connector: { requestTimeoutMs: 400 },
  },
  { name: 'malformed pages (20%)', faults: { malformedPageRate: 0.2 } },
  { name: 'malformed records (3%)', faults: { malformedRecordRate: 0.03 } },
  { name: 'records changing between pages', faults: { mutateBetweenPages: 2 } },
  { name: 'network drops for 5 s mid-run', outage: { afterRequests: 6, apiMs: 5000 } },
  { name: 'daily budget runs out mid-run', only: 'intakeq', perDay: 12 },
];

/** Faulty runs allowed before a scenario counts as not converging. */
const MAX_RUNS = 6;

interface Row {
  kind: SourceKind;
  scenario: string;
  statuses: string[];
  requests: number;
  converged: boolean;
  note: string;
}

async function runScenario(kind: SourceKind, scenario: Scenario): Promise<Row> {
  const upstream: Upstream = await startUpstream(kind, { patients: 150, seed: 11 });
  const proxy = scenario.outage ? await startFlakyProxy(upstream.url) : null;
  const env = createEnv(proxy ? { ...upstream, url: proxy.url } : upstream);
  let offsetMs = 0;
  const connector = {
    ...scenario.connector,
    ...(scenario.perDay ? { rateLimits: { perDay: scenario.perDay }, now: () => new Date(Date.now() + offsetMs) } : {}),
  };
  const statuses: string[] = [];
  let requests = 0;
  try {
    const full = await runSync(env, { mode: 'full' });
    applyDayOfChanges(upstream, await upstream.truth(), syncWindow(full.startedAt));
    upstream.setFaults(scenario.faults ?? {});
    let last: SyncRun | null = null;
    for (let run = 0; run < MAX_RUNS && last?.status !== 'completed'; run += 1) {
      if (last?.status === 'deferred' && last.resumeAt) offsetMs += Date.parse(last.resumeAt) - (Date.now() + offsetMs) + 1000;
      if (proxy && scenario.outage && run === 0) dropMidRun(upstream, proxy, scenario.outage);
      last = await runSync(env, { connector, trigger: last?.status === 'deferred' ? 'retry' : 'manual' });
      statuses.push(last.status);
      requests += last.apiRequests;
    }
    // Faults that keep changing the data (drift) or break records stop before the final check.
    upstream.setFaults({});
    const check =
      last?.status === 'completed' && !scenario.faults?.mutateBetweenPages && !scenario.faults?.malformedRecordRate
        ? last
        : await runSync(env, { connector });
    if (check !== last) statuses.push(`${check.status} (faults off)`);
    try {
      expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(check.startedAt));
      return { kind, scenario: scenario.name, statuses, requests, converged: true, note: '' };
    } catch (err) {
      return { kind, scenario: scenario.name, statuses, requests, converged: false, note: (err as Error).message.split('\n')[0] ?? '' };
    }
  } finally {
    closeEnvs();
    await proxy?.close();
    await closeUpstreams();
  }
}

/** Watches the upstream's request count and cuts the network once the run is under way. */
function dropMidRun(upstream: Upstream, proxy: FlakyProxy, outage: { afterRequests: number; apiMs: number }): void {
  const start = upstream.stats().requests;
  const timer = setInterval(() => {
    if (upstream.stats().requests - start < outage.afterRequests) return;
    clearInterval(timer);
    proxy.outage(outage.apiMs / upstream.timeScale);
  }, 2);
}

/** Issue 8's fault matrix: each fault against each API, converging every time; the table goes in the notes. */
const bench: Benchmark = {
  name: 'fault-matrix',
  async run() {
    const rows: Row[] = [];
    for (const kind of ['cliniko', 'intakeq'] as const) {
      for (const scenario of SCENARIOS) if (!scenario.only || scenario.only === kind) rows.push(await runScenario(kind, scenario));
    }
    const converged = rows.filter((row) => row.converged).length;
    const metrics: BenchMetric[] = [
      {
        name: 'scenarios converged',
        value: converged,
        unit: `of ${rows.length}`,
        target: `= ${rows.length}`,
        met: converged === rows.length,
      },
    ];
    const table = [
      '| API | fault | runs (status) | requests | converged |',
      '|---|---|---|---|---|',
      ...rows.map(
        (r) => `| ${r.kind} | ${r.scenario} | ${r.statuses.join(' → ')} | ${r.requests} | ${r.converged ? 'yes' : `NO: ${r.note}`} |`,
      ),
    ];
    return { metrics, notes: table };
  },
};

export default bench;
