/**
 * One sync benchmark case in its own process, as the app would run it (so its memory is the sync's,
 * not the emulator's or other benchmarks'): a full sync into a fresh encrypted cache, 1 % of the
 * practice changed upstream through the emulator's control API, then an incremental sync.
 * Run by sync.bench.ts: `node --import tsx sync-bench-worker.ts '<json WorkerInput>'`; prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { createConnector, GateRegistry } from '../../electron/core/connectors';
import { openCache, type Cache } from '../../electron/core/db';
import type { Source, SourceKind, SyncMode, SyncRun } from '../../electron/core/domain';
import { syncSource } from '../../electron/core/sync/engine';
import { phasesFor } from '../../electron/core/sync/plan';
import { WaitRelay } from '../../electron/core/sync/wait-relay';

export interface WorkerInput {
  kind: SourceKind;
  url: string;
  origin: string;
  apiKey: string;
  timeScale: number;
  perMinute: number;
  /** Requests in flight at once; 1 runs the sync one request after another, as before listings ran side by side. */
  inFlight?: number;
}

export interface SyncMeasurement {
  status: string;
  elapsedMs: number;
  requests: number;
  /** Appointment listing requests (what a per-patient strategy replaces). */
  appointmentListRequests: number;
  rateLimited: number;
  /** RSS just before the sync started (the process with its code loaded, the cache open). */
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** process.memoryUsage() when RSS peaked, in MB. */
  atPeakMb: Record<string, number>;
  /** Requests per API path, from the emulator's count. */
  byPath: Record<string, number>;
  patientsTotal: number;
  appointmentsSeen: number;
  countCheck: string | null;
}

export interface WorkerOutput {
  full: SyncMeasurement;
  incremental: SyncMeasurement;
  changedPatients: number;
  changedAppointments: number;
  maxRssMb: number;
}

const KEY = { kind: 'encrypted', hexKey: '3c'.repeat(32) } as const;
const DAY_MS = 86_400_000;

function controlHeaders(input: WorkerInput): Record<string, string> {
  const auth: Record<string, string> =
    input.kind === 'cliniko'
      ? { Authorization: `Basic ${Buffer.from(`${input.apiKey}:`).toString('base64')}` }
      : { 'X-Auth-Key': input.apiKey };
  return { ...auth, 'Content-Type': 'application/json' };
}

async function emulatorStats(input: WorkerInput): Promise<{ requests: number; rateLimited: number; byPath: Record<string, number> }> {
  const response = await fetch(`${input.origin}/__emulator/stats`, { headers: controlHeaders(input) });
  return (await response.json()) as { requests: number; rateLimited: number; byPath: Record<string, number> };
}

async function mutate(input: WorkerInput, op: string, args: unknown[]): Promise<void> {
  const response = await fetch(`${input.origin}/__emulator/mutate`, {
    method: 'POST',
    headers: controlHeaders(input),
    body: JSON.stringify({ op, args }),
  });
  if (!response.ok) throw new Error(`mutate ${op} answered ${response.status}`);
}

const listPath = (kind: SourceKind): RegExp => (kind === 'cliniko' ? /\/individual_appointments$/ : /\/appointments$/);

/** The V8 heap spaces that matter, by size (what V8 has reserved, used or not). */
function heapSpaces(): Record<string, number> {
  const spaces = getHeapSpaceStatistics().filter((s) => ['new_space', 'old_space', 'large_object_space'].includes(s.space_name));
  return Object.fromEntries(spaces.map((s) => [s.space_name, s.space_size]));
}

/** One registry for the process, as the app has: rate-limit state outlives a run. */
const gates = new GateRegistry();

async function measure(cache: Cache, source: Source, input: WorkerInput, mode: SyncMode): Promise<SyncMeasurement> {
  // Rate-limit waits reach the run as in the app (sync-coordinator.ts): work put off is done in them.
  const waits = new WaitRelay();
  const connector = createConnector(source, input.apiKey, {
    onWait: waits.listener,
    budgetStore: cache.budgets,
    gates,
    timeScale: input.timeScale,
    // The daily cap is reported as days of budget: only the per-minute limit paces the run.
    rateLimits: { perMinute: input.perMinute, perDay: null, ...(input.inFlight ? { inFlight: input.inFlight } : {}) },
    userAgentContact: 'bench@clinicsync.example',
  });
  const before = await emulatorStats(input);
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  let atPeak: Record<string, number> = { ...process.memoryUsage() };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss > peakRss) atPeak = { ...usage, ...heapSpaces() };
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  const run: SyncRun = await syncSource(
    {
      store: cache,
      now: () => new Date(),
      events: { progress: () => undefined, activity: () => undefined, finished: () => undefined },
      onInternalError: (err) => console.error(err),
    },
    {
      source,
      connector,
      trigger: 'manual',
      scope: { sources: [source.id], mode, phases: phasesFor(mode), daysBack: 90, daysForward: 90 },
      settings: { daysBack: 90, daysForward: 90, discovery: 'automatic', timeZone: 'UTC' },
      signal: new AbortController().signal,
      waits,
    },
  );
  const elapsedMs = performance.now() - started;
  clearInterval(sampler);
  const after = await emulatorStats(input);
  const lists = Object.entries(after.byPath)
    .filter(([path]) => listPath(input.kind).test(path))
    .reduce((sum, [path, n]) => sum + n - (before.byPath[path] ?? 0), 0);
  const c = run.counts;
  return {
    status: run.status,
    elapsedMs,
    requests: run.apiRequests,
    appointmentListRequests: lists,
    rateLimited: after.rateLimited - before.rateLimited,
    baselineRssMb: baselineRss / 1e6,
    atPeakMb: Object.fromEntries(Object.entries(atPeak).map(([k, v]) => [k, Math.round(v / 1e6)])),
    peakRssMb: peakRss / 1e6,
    peakHeapMb: peakHeap / 1e6,
    patientsTotal: c.patientsTotal,
    appointmentsSeen: c.appointmentsNew + c.appointmentsUpdated + c.appointmentsUnchanged,
    countCheck: run.countCheck,
    byPath: Object.fromEntries(
      Object.entries(after.byPath)
        .map(([path, n]) => [path, n - (before.byPath[path] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    ),
  };
}

/** 1 % of patients edited, 1 % of the appointments in the windows moved a day or cancelled. */
async function changeOnePercent(cache: Cache, source: Source, input: WorkerInput): Promise<{ patients: number; appointments: number }> {
  const now = Date.now();
  const patients = cache.db
    .prepare('SELECT external_id FROM patients WHERE source = ? AND deleted = 0 ORDER BY id')
    .pluck()
    .all(source.id) as string[];
  const upcoming = cache.db
    .prepare(
      "SELECT external_id, starts_at FROM appointments WHERE source_key = (SELECT key FROM sources WHERE id = ?) AND deleted = 0 AND status NOT IN ('cancelled', 'no_show') AND starts_at > ? ORDER BY id",
    )
    .all(source.id, now + DAY_MS) as Array<{ external_id: string; starts_at: number }>;
  const total = cache.db
    .prepare('SELECT count(*) FROM appointments WHERE source_key = (SELECT key FROM sources WHERE id = ?)')
    .pluck()
    .get(source.id) as number;
  const editedPatients = patients.filter((_, i) => i % 100 === 0);
  for (const id of editedPatients)
    await mutate(input, 'editPatient', [
      id,
      input.kind === 'cliniko' ? { last_name: 'Okafor-Lindqvist' } : { LastName: 'Okafor-Lindqvist' },
    ]);
  const step = Math.max(1, Math.floor(upcoming.length / Math.max(1, Math.round(total / 100))));
  const changed = upcoming.filter((_, i) => i % step === 0).slice(0, Math.max(1, Math.round(total / 100)));
  for (const [i, a] of changed.entries()) {
    if (i % 2 === 0) await mutate(input, 'reschedule', [a.external_id, new Date(a.starts_at + DAY_MS).toISOString()]);
    else await mutate(input, 'cancel', [a.external_id, 'Sick']);
  }
  return { patients: editedPatients.length, appointments: changed.length };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
  const dir = mkdtempSync(path.join(tmpdir(), 'clinicsync-sync-bench-'));
  try {
    const cache = openCache({ file: path.join(dir, 'cache.db'), key: KEY });
    const source = cache.sources.add(
      { id: `bench-${input.kind}`, kind: input.kind, name: input.kind, baseUrl: input.url, credentialRef: 'bench' },
      new Date().toISOString(),
    );
    const full = await measure(cache, source, input, 'full');
    const changed = await changeOnePercent(cache, source, input);
    const incremental = await measure(cache, source, input, 'incremental');
    cache.close();
    const output: WorkerOutput = {
      full,
      incremental,
      changedPatients: changed.patients,
      changedAppointments: changed.appointments,
      maxRssMb: process.resourceUsage().maxRSS / 1e3,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
