/**
 * Issue 8's fault matrix, judged as issue 12 asks: a scenario converges only when a run with the
 * fault STILL ON completes (or goes deferred → completed) within MAX_FAULTY_RUNS runs and leaves the
 * cache equal to upstream field by field; whether the cache recovers once the fault stops is its own
 * column. A 100%-5xx probe must read "not converged".
 */
import type { SourceKind, SyncRun } from '../../electron/core/domain';
import { expectConverged, syncWindow } from '../integration/sync/support/cache-view';
import { closeEnvs, createEnv, runSync, type SyncEnv } from '../integration/sync/support/harness';
import { applyDayOfChanges } from '../integration/sync/support/scenario';
import { closeUpstreams, startUpstream } from '../integration/sync/support/upstream';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy';
import type { Benchmark, BenchMetric } from './bench-types';
import { MAX_FAULTY_RUNS, SCENARIOS, type Scenario } from './fault-scenarios';

interface Row {
  kind: SourceKind;
  scenario: Scenario;
  /** Statuses of the runs with the fault on. */
  statuses: string[];
  requests: number;
  converged: boolean;
  recovery: string;
  recovers: boolean;
  note: string;
}

/** Null when the cache equals upstream (both ways, every field), else the first difference. */
async function difference(env: SyncEnv, run: SyncRun): Promise<string | null> {
  try {
    expectConverged(env.cache, env.source.id, await env.upstream.truth(), syncWindow(run.startedAt));
    return null;
  } catch (err) {
    return ((err as Error).message.split('\n')[0] ?? 'differs').slice(0, 160);
  }
}

/**
 * A fetch that counts the requests a network outage made fail, and cuts the network (through the
 * proxy) when the `afterRequests`-th request of the first faulty run goes out: a point fixed by the
 * request count, not by a timer.
 */
function outageFetch(proxy: FlakyProxy, outage: { afterRequests: number; realMs: number }) {
  const state = { sent: 0, hit: 0, armed: true, downUntil: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    state.sent += 1;
    if (state.armed && state.sent === outage.afterRequests) {
      state.armed = false;
      state.downUntil = Date.now() + outage.realMs;
      proxy.outage(outage.realMs);
    }
    const sentAt = Date.now();
    try {
      return await fetch(input, init);
    } catch (err) {
      if (sentAt <= state.downUntil) state.hit += 1;
      throw err;
    }
  };
  return { fetch: wrapped, state };
}

async function runScenario(kind: SourceKind, scenario: Scenario): Promise<Row> {
  const upstream = await startUpstream(kind, { patients: 150, seed: 11, ...(scenario.timeScale ? { timeScale: scenario.timeScale } : {}) });
  const proxy = scenario.outage ? await startFlakyProxy(upstream.url) : null;
  const env = createEnv(proxy ? { ...upstream, url: proxy.url } : upstream);
  const realOutageMs = scenario.outage ? scenario.outage.apiMs / upstream.timeScale : 0;
  const outage =
    proxy && scenario.outage ? outageFetch(proxy, { afterRequests: scenario.outage.afterRequests, realMs: realOutageMs }) : null;
  let offsetMs = 0;
  const connector = {
    ...scenario.connector,
    ...(outage ? { fetch: outage.fetch } : {}),
    ...(scenario.perDay ? { rateLimits: { perDay: scenario.perDay }, now: () => new Date(upstream.now().getTime() + offsetMs) } : {}),
  };
  const statuses: string[] = [];
  const notes: string[] = [];
  let requests = 0;
  try {
    const full = await runSync(env, { mode: 'full' });
    applyDayOfChanges(upstream, await upstream.truth(), syncWindow(full.startedAt));
    upstream.setFaults(scenario.faults ?? {});
    let last: SyncRun | null = null;
    for (let run = 0; run < MAX_FAULTY_RUNS && last?.status !== 'completed'; run += 1) {
      if (last?.status === 'deferred' && last.resumeAt)
        offsetMs += Date.parse(last.resumeAt) - (upstream.now().getTime() + offsetMs) + 1000;
      last = await runSync(env, { connector, trigger: last?.status === 'deferred' ? 'retry' : 'manual' });
      statuses.push(last.status);
      requests += last.apiRequests;
    }
    let converged = last?.status === 'completed';
    if (last && converged && !scenario.changesData) {
      const diff = await difference(env, last);
      if (diff) notes.push(`completed with the fault on, but the cache differs: ${diff}`);
      converged = diff === null;
    }
    if (scenario.changesData && converged) notes.push('the fault keeps editing upstream: equality is judged after it stops');
    if (outage) {
      const real = realOutageMs < 1000 ? `${Math.round(realOutageMs)} ms` : `${realOutageMs / 1000} s`;
      notes.push(
        `outage ${scenario.outage?.apiMs} ms of API time = ${real} real (clock ÷ ${upstream.timeScale}); it failed ${outage.state.hit} request${outage.state.hit === 1 ? '' : 's'}`,
      );
    }

    upstream.setFaults({});
    // The fault stops: no outage, the API's real daily budget (500) on the clock the budget runs used.
    const check = await runSync(env, { connector: { ...scenario.connector, ...(scenario.perDay ? { now: connector.now } : {}) } });
    const diff = check.status === 'completed' ? await difference(env, check) : `ended ${check.status}`;
    if (diff && check.status === 'completed') notes.push(`after the fault stopped: ${diff}`);
    return {
      kind,
      scenario,
      statuses,
      requests,
      converged,
      recovers: diff === null,
      recovery: check.status,
      note: notes.join('; '),
    };
  } finally {
    closeEnvs();
    await proxy?.close();
    await closeUpstreams();
  }
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'NO');

const bench: Benchmark = {
  name: 'fault-matrix',
  async run() {
    const rows: Row[] = [];
    for (const kind of ['cliniko', 'intakeq'] as const) {
      for (const scenario of SCENARIOS) if (!scenario.only || scenario.only === kind) rows.push(await runScenario(kind, scenario));
    }
    const real = rows.filter((r) => !r.scenario.probe);
    const probes = rows.filter((r) => r.scenario.probe);
    const converged = real.filter((r) => r.converged).length;
    const recovered = real.filter((r) => r.recovers).length;
    const probesSayNo = probes.filter((r) => !r.converged).length;
    const metrics: BenchMetric[] = [
      {
        name: 'scenarios converged with the fault still on',
        value: converged,
        unit: `of ${real.length}`,
        target: `= ${real.length}`,
        met: converged === real.length,
      },
      {
        name: 'scenarios that recover after the fault stops',
        value: recovered,
        unit: `of ${real.length}`,
        target: `= ${real.length}`,
        met: recovered === real.length,
      },
      {
        name: 'probes (100% 5xx) read not converged',
        value: probesSayNo,
        unit: `of ${probes.length}`,
        target: `= ${probes.length}`,
        met: probesSayNo === probes.length,
      },
    ];
    const table = [
      `Converged: a run with the fault still on completes (or goes deferred → completed) within ${MAX_FAULTY_RUNS} runs, and the cache then equals upstream field by field, both ways (for a fault that keeps editing upstream, completing is what is judged). Recovers: once the fault stops, one more incremental run completes and the cache equals upstream.`,
      'Time: the emulators run the APIs’ clocks compressed (Cliniko 60×, IntakeQ 600×), and retry waits shrink with them; the unscaled outage runs both at real time.',
      '| API | fault | runs with the fault on (status) | requests | converged | recovers after the fault stops | notes |',
      '|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.kind} | ${r.scenario.name} | ${r.statuses.join(' → ')} | ${r.requests} | ${yesNo(r.converged)} | ${yesNo(r.recovers)} (${r.recovery}) | ${r.note} |`,
      ),
    ];
    return { metrics, notes: table };
  },
};

export default bench;
