/**
 * Connectors: how many requests a full pull costs against a naive per-patient loop, and how closely
 * the rate limiter paces a long pull to the limit (elapsed ÷ the burst-aware floor, target ≤ 1.1),
 * both against the emulators with their real limits compressed in time.
 */
import { createConnector } from '../../electron/core/connectors';
import { GateRegistry } from '../../electron/core/connectors/http/request-gate';
import type { Connector, Page } from '../../electron/core/connectors/types';
import type { SourceKind } from '../../electron/core/domain';
import { startClinikoEmulator, startIntakeqEmulator } from '../../electron/emulators';
import { MemoryBudgetStore } from '../unit/connectors/support/memory-budget-store';
import type { Benchmark, BenchMetric } from './bench-types';
import { PACING_NOTE, pacingRatio } from './pacing';
import { atScale } from './scale';

const SIZES = atScale([650, 5_000, 50_000], [650]);
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 90;
const PAGE_SIZE = 100;
const MINUTE_MS = 60_000;

/** Each API's real per-minute limit and the compression that keeps a 50,000-patient pull near a minute. */
const PROFILES: Record<SourceKind, { perMinute: number; timeScale: number; dailyBudget: number | null }> = {
  cliniko: { perMinute: 200, timeScale: 20, dailyBudget: null },
  intakeq: { perMinute: 10, timeScale: 120, dailyBudget: 500 },
};

interface Emulator {
  url: string;
  apiKey: string;
  stats(): { requests: number; rateLimited: number };
  close(): Promise<void>;
  /** Ground truth: how many listed appointments each patient has in the pull's window. */
  appointmentsPerPatient(from: number, to: number): Map<string, number>;
  patientCount(): number;
}

async function startEmulator(kind: SourceKind, patients: number): Promise<Emulator> {
  const { perMinute, timeScale } = PROFILES[kind];
  // The daily cap is measured separately (as days of budget), so only the per-minute limit applies here.
  const options = { patients, seed: 3, latencyMs: { min: 0, max: 2 }, timeScale, rateLimit: { perMinute, perDay: 1e9 } };
  if (kind === 'cliniko') {
    const emu = await startClinikoEmulator(options);
    const live = () => emu.control.appointments().filter((a) => a.deleted_at === null);
    return {
      ...emu,
      patientCount: () => emu.control.patients().filter((p) => p.deleted_at === null).length,
      appointmentsPerPatient: (from, to) =>
        countBy(
          live()
            .filter((a) => inWindow(Date.parse(a.starts_at), from, to))
            .map((a) => a.patient.links.self.split('/').pop() ?? ''),
        ),
    };
  }
  const emu = await startIntakeqEmulator(options);
  const deletedClients = new Set(emu.control.deletedPatientIds());
  const deletedAppointments = new Set(emu.control.deletedAppointmentIds());
  return {
    ...emu,
    patientCount: () => emu.control.patients().filter((p) => !deletedClients.has(p.ClientId)).length,
    appointmentsPerPatient: (from, to) =>
      countBy(
        emu.control
          .appointments()
          .filter((a) => !deletedAppointments.has(a.Id) && inWindow(a.StartDate, from, to))
          .map((a) => String(a.ClientId)),
      ),
  };
}

const inWindow = (ms: number, from: number, to: number): boolean => ms >= from && ms < to;

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

async function drain<T>(pages: AsyncIterable<Page<T>>): Promise<{ pages: number; records: number }> {
  let count = 0;
  let records = 0;
  for await (const page of pages) {
    count += 1;
    records += page.records.length;
  }
  return { pages: count, records };
}

interface PullResult {
  requests: number;
  appointmentPages: number;
  elapsedMs: number;
  rateLimited: number;
  patients: number;
}

/** A full pull as the sync engine runs it: practitioners, all patients, 90 days back, 90 days forward. */
async function fullPull(kind: SourceKind, emu: Emulator, now: number): Promise<PullResult> {
  const { perMinute, timeScale } = PROFILES[kind];
  const connector: Connector = createConnector(
    { id: `bench-${kind}`, kind, name: kind, baseUrl: emu.url, credentialRef: 'bench', createdAt: '', updatedAt: '' },
    emu.apiKey,
    {
      budgetStore: new MemoryBudgetStore(),
      gates: new GateRegistry(),
      timeScale,
      rateLimits: { perMinute, perDay: null },
      userAgentContact: 'bench@clinicsync.example',
    },
  );
  const started = performance.now();
  await drain(connector.practitioners());
  const patients = await drain(connector.patients({ updatedSince: null }));
  const back = await drain(
    connector.appointments({
      from: new Date(now - WINDOW_DAYS * DAY_MS).toISOString(),
      to: new Date(now).toISOString(),
      updatedSince: null,
    }),
  );
  const forward = await drain(
    connector.appointments({
      from: new Date(now).toISOString(),
      to: new Date(now + WINDOW_DAYS * DAY_MS).toISOString(),
      updatedSince: null,
    }),
  );
  return {
    requests: connector.stats().requests,
    appointmentPages: back.pages + forward.pages,
    elapsedMs: performance.now() - started,
    rateLimited: emu.stats().rateLimited,
    patients: patients.records,
  };
}

/**
 * A per-patient loop lists practitioners and patients the same way, then asks each patient's
 * appointments in one request (more pages only past 100 appointments) instead of listing by window.
 */
function naiveRequests(pull: PullResult, perPatient: Map<string, number>, patientCount: number): number {
  let extraPages = 0;
  for (const count of perPatient.values()) extraPages += Math.max(0, Math.ceil(count / PAGE_SIZE) - 1);
  return pull.requests - pull.appointmentPages + patientCount + extraPages;
}

async function measure(kind: SourceKind, size: number): Promise<{ metrics: BenchMetric[]; note: string }> {
  const emu = await startEmulator(kind, size);
  try {
    const now = Date.now();
    const pull = await fullPull(kind, emu, now);
    const naive = naiveRequests(
      pull,
      emu.appointmentsPerPatient(now - WINDOW_DAYS * DAY_MS, now + WINDOW_DAYS * DAY_MS),
      emu.patientCount(),
    );
    const { perMinute, timeScale, dailyBudget } = PROFILES[kind];
    const windowMs = MINUTE_MS / timeScale;
    const pacing = pacingRatio(pull.elapsedMs, pull.requests, perMinute, windowMs);
    const label = `${kind} ${size.toLocaleString('en-US')} patients`;
    const metrics: BenchMetric[] = [
      { name: `${label}: requests for a full pull`, value: pull.requests, unit: 'requests' },
      { name: `${label}: requests, naive per-patient loop`, value: naive, unit: 'requests' },
      { name: `${label}: naive ÷ ours`, value: naive / pull.requests, unit: '×' },
      { name: `${label}: 429s received`, value: pull.rateLimited, unit: 'responses', target: '0', met: pull.rateLimited === 0 },
    ];
    if (pacing !== null) {
      metrics.push({ name: `${label}: elapsed ÷ burst-aware floor`, value: pacing, unit: '', target: '<= 1.1', met: pacing <= 1.1 });
    }
    if (dailyBudget !== null) {
      metrics.push({
        name: `${label}: days of the ${dailyBudget}/day budget for a full pull`,
        value: pull.requests / dailyBudget,
        unit: 'days',
      });
    }
    const note = `${label}: ${pull.patients} patients pulled in ${Math.round(pull.elapsedMs)} ms at ${perMinute}/min compressed ${timeScale}× (pacing ${pacing === null ? 'n/a: one burst' : pacing.toFixed(3)}).`;
    return { metrics, note };
  } finally {
    await emu.close();
  }
}

const benchmark: Benchmark = {
  name: 'connectors',
  async run() {
    const metrics: BenchMetric[] = [];
    const notes = [
      'Full pull = practitioners + all patients + appointments 90 days back + 90 days forward, 100 per page.',
      'Naive = the same practitioner and patient listing, then one appointments request per patient.',
      PACING_NOTE,
    ];
    for (const kind of ['cliniko', 'intakeq'] as const) {
      for (const size of SIZES) {
        const result = await measure(kind, size);
        metrics.push(...result.metrics);
        notes.push(result.note);
      }
    }
    return { metrics, notes };
  },
};

export default benchmark;
