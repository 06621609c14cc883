/**
 * Emulators: how long a 50,000-patient practice takes to generate and how much heap it keeps, and how
 * fast the emulators serve a full appointment pull (no latency, no rate limit) to a client.
 */
import { startClinikoEmulator, startIntakeqEmulator, type RunningEmulator } from '../../electron/emulators';
import type { Benchmark, BenchMetric } from './bench-types';
import { atScale } from './scale';

const PATIENTS = atScale(50_000, 2_000);
const OPTIONS = { patients: PATIENTS, latencyMs: { min: 0, max: 0 }, rateLimit: { perMinute: 1e9, perDay: 1e9 } };

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Pages through `firstUrl` to the end; returns the number of pages. */
async function pull(
  firstUrl: string,
  headers: Record<string, string>,
  nextOf: (body: unknown, url: string) => string | undefined,
): Promise<number> {
  let pages = 0;
  for (let url: string | undefined = firstUrl; url; pages++) {
    const response = await fetch(url, { headers });
    url = nextOf(await response.json(), url);
  }
  return pages;
}

async function measure(kind: 'cliniko' | 'intakeq'): Promise<BenchMetric[]> {
  const before = heapMb();
  const { result: emu, ms: startMs } = await timed<RunningEmulator<unknown>>(() =>
    kind === 'cliniko' ? startClinikoEmulator(OPTIONS) : startIntakeqEmulator(OPTIONS),
  );
  const heap = heapMb() - before;
  try {
    const { result: pages, ms: pullMs } = await timed(() =>
      kind === 'cliniko'
        ? pull(
            `${emu.url}/individual_appointments?per_page=100&q[]=archived_at:*&q[]=cancelled_at:*`,
            {
              Authorization: `Basic ${Buffer.from(`${emu.apiKey}:`).toString('base64')}`,
              Accept: 'application/json',
              'User-Agent': 'ClinicSync bench (bench@clinicsync.example)',
            },
            (body) => (body as { links: { next?: string } }).links.next,
          )
        : pull(`${emu.url}/appointments?page=1`, { 'X-Auth-Key': emu.apiKey }, (body, url) => {
            if ((body as unknown[]).length < 100) return undefined;
            const next = new URL(url);
            next.searchParams.set('page', String(Number(next.searchParams.get('page')) + 1));
            return next.toString();
          }),
    );
    return [
      {
        name: `${kind}: start with ${PATIENTS} patients`,
        value: Math.round(startMs),
        unit: 'ms',
        target: '<= 3000 ms',
        met: startMs <= 3000,
      },
      { name: `${kind}: heap kept by the practice`, value: Math.round(heap), unit: 'MB', target: '<= 200 MB', met: heap <= 200 },
      { name: `${kind}: full appointment pull`, value: pages, unit: 'pages' },
      { name: `${kind}: pages served per second`, value: Math.round((pages / pullMs) * 1000), unit: 'pages/s' },
    ];
  } finally {
    await emu.close();
  }
}

const benchmark: Benchmark = {
  name: 'emulators',
  async run() {
    const metrics = [...(await measure('cliniko')), ...(await measure('intakeq'))];
    return {
      metrics,
      notes: [
        'Heap is measured after a forced GC when the runner exposes gc (node --expose-gc); otherwise it includes garbage.',
        'Pulls use per_page=100 (Cliniko, revealing archived and cancelled rows) and 100-row pages (IntakeQ) over loopback.',
      ],
    };
  },
};

export default benchmark;
