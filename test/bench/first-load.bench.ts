/**
 * A source's first full load into the encrypted cache (issue 14 §3): appointments per second through
 * the repository, beside a plain prepared-insert loop into the same table in the same run, and the
 * cache's size per 10,000 patients (4 appointments each) with what takes the space.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache, type Cache } from '../../electron/core/db';
import type { RemoteAppointment } from '../../electron/core/domain';
import type { Benchmark, BenchMetric } from './bench-types';
import { benchAppointment, benchPatient, pages, plainInsertAppointments, seededRandom } from './db-bench-data';
import { atScale } from './scale';

const KEY = { kind: 'encrypted', hexKey: '3c'.repeat(32) } as const;
const NOW = '2025-06-01T00:00:00.000Z';
const PAGE = 100;
const PATIENTS = atScale(10_000, 1_000);
const APPOINTMENTS_PER_PATIENT = 4;
// A source id as the app makes them (sources-area.ts: kind and 8 hex digits); it is in every row and index entry.
const SOURCE = 'cliniko-5e1f03a2';
const TARGET_RATE = 50_000;
// The target over the plain inserts it measured (about 20,000/s): judged against the same run's plain.
const TARGET_RATIO = 2.5;
const TARGET_MIB = 20;
const ROUNDS = 2;

/** The ways of writing the same appointments that are compared. */
type Variant = 'plain' | 'recordByRecord' | 'noChangeRows' | 'firstLoad' | 'firstLoadBatched';

interface Loaded {
  rate: number;
  /** The share of the time spent ending the run (indexes built, next appointments worked out). */
  endShare: number;
  file: string;
  cache: Cache;
}

function freshCache(dir: string, name: string): Cache {
  const cache = openCache({ file: path.join(dir, name), key: KEY });
  cache.sources.add({ id: SOURCE, kind: 'cliniko', name: 'Cliniko', baseUrl: null, credentialRef: 'c' }, NOW);
  const random = seededRandom(11);
  const patients = Array.from({ length: PATIENTS }, (_, n) => benchPatient(SOURCE, n, random));
  for (const page of pages(patients, PAGE)) cache.patients.upsertPage(SOURCE, page, NOW);
  return cache;
}

function startRun(cache: Cache, lock: boolean): number {
  const runId = cache.runs.create({
    source: SOURCE,
    trigger: 'manual',
    scope: { sources: [SOURCE], mode: 'full', phases: [], daysBack: 90, daysForward: 90 },
    startedAt: NOW,
  });
  if (lock) cache.locks.acquire(SOURCE, runId, NOW, 3_600_000);
  return runId;
}

function endRun(cache: Cache, runId: number): void {
  cache.transaction(() => {
    cache.runs.finish(runId, { status: 'completed', finishedAt: NOW });
    cache.locks.release(SOURCE, runId);
  });
}

/**
 * The repository's way, pages of 100 each committed with its cursor as the engine does (or ten pages
 * a commit), the run's end (index build, next appointments) included:
 * - recordByRecord: a run that is not the source's first — every row listed as a change, indexes kept
 *   up to date page by page (what every first load did before);
 * - noChangeRows: the source's first run without its lock (as a run copied from the clinic hub) —
 *   no change rows, indexes kept up to date;
 * - firstLoad / firstLoadBatched: the source's first run holding its lock, as the engine runs it.
 */
function throughRepository(cache: Cache, rows: RemoteAppointment[], variant: Exclude<Variant, 'plain'>): number {
  if (variant === 'recordByRecord') endRun(cache, startRun(cache, false));
  const runId = startRun(cache, variant !== 'noChangeRows');
  const perCommit = variant === 'firstLoadBatched' ? 10 : 1;
  for (const group of pages(pages(rows, PAGE), perCommit)) {
    cache.transaction(() => {
      for (const page of group) {
        cache.appointments.upsertPage(SOURCE, page, NOW, runId);
        cache.cursors.set(SOURCE, 'appointments_back', NOW);
      }
    });
  }
  const ending = performance.now();
  endRun(cache, runId);
  return performance.now() - ending;
}

function loadOnce(dir: string, variant: Variant, rows: RemoteAppointment[], round: number): Loaded {
  const file = `${variant}-${round}.db`;
  const cache = freshCache(dir, file);
  cache.db.pragma('wal_checkpoint(TRUNCATE)');
  const started = performance.now();
  let endMs = 0;
  if (variant === 'plain') plainInsertAppointments(cache.db, pages(rows, PAGE), NOW);
  else endMs = throughRepository(cache, rows, variant);
  const elapsed = performance.now() - started;
  return { rate: rows.length / (elapsed / 1000), endShare: endMs / elapsed, file: path.join(dir, file), cache };
}

/** Bytes of the closed file, per 10,000 patients. */
function mibPer10k(loaded: Loaded): number {
  loaded.cache.db.pragma('wal_checkpoint(TRUNCATE)');
  loaded.cache.close();
  return statSync(loaded.file).size / (PATIENTS / 10_000) / 1_048_576;
}

/** Where the space goes (SQLite's dbstat), grouped the way a reader decides what to cut. */
function spaceByPart(cache: Cache): BenchMetric[] {
  const rows = cache.db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{
    name: string;
    bytes: number;
  }>;
  const free = (cache.db.pragma('freelist_count', { simple: true }) as number) * (cache.db.pragma('page_size', { simple: true }) as number);
  const parts: Array<[string, (name: string) => boolean]> = [
    ['appointments table', (n) => n === 'appointments'],
    ['appointment indexes', (n) => n.startsWith('appointments_') || n === 'sqlite_autoindex_appointments_1'],
    ['appointment change rows and their indexes', (n) => n.startsWith('appointment_changes')],
    ['patients table', (n) => n === 'patients'],
    ['patient roster sort indexes (the name index carries the search text)', (n) => /^patients_roster_by_/.test(n)],
    ['patient search (FTS5 trigram)', (n) => n.startsWith('patients_search')],
    ['other patient indexes', (n) => n.startsWith('patients_')],
  ];
  const claimed = new Set<string>();
  const metrics = parts.map(([label, matches]): BenchMetric => {
    const bytes = rows.filter((r) => !claimed.has(r.name) && matches(r.name)).reduce((sum, r) => (claimed.add(r.name), sum + r.bytes), 0);
    return { name: `  of which ${label}`, value: bytes / (PATIENTS / 10_000) / 1_048_576, unit: 'MiB' };
  });
  const rest = rows.filter((r) => !claimed.has(r.name)).reduce((sum, r) => sum + r.bytes, 0);
  metrics.push({ name: '  of which everything else (runs, schema, …)', value: rest / (PATIENTS / 10_000) / 1_048_576, unit: 'MiB' });
  metrics.push({ name: '  of which free pages', value: free / (PATIENTS / 10_000) / 1_048_576, unit: 'MiB' });
  return metrics;
}

const bench: Benchmark = {
  name: 'first-load',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'clinicsync-bench-first-load-'));
    const loadBefore = os.loadavg()[0] as number;
    try {
      const random = seededRandom(12);
      const rows = Array.from({ length: PATIENTS * APPOINTMENTS_PER_PATIENT }, (_, n) =>
        benchAppointment(SOURCE, n, PATIENTS, NOW, random),
      );
      const variants: Variant[] = ['plain', 'recordByRecord', 'noChangeRows', 'firstLoad', 'firstLoadBatched'];
      const rates = new Map<Variant, number[]>(variants.map((v) => [v, []]));
      const sizes = new Map<Variant, number>();
      const endShares: number[] = [];
      let breakdown: BenchMetric[] = [];
      // Alternate the order between rounds, so a burst of load on the machine does not favour one.
      for (let round = 0; round < ROUNDS; round++) {
        for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
          const loaded = loadOnce(dir, variant, rows, round);
          rates.get(variant)?.push(loaded.rate);
          if (variant === 'firstLoad') endShares.push(loaded.endShare);
          if (round === 0 && variant === 'firstLoad') breakdown = spaceByPart(loaded.cache);
          if (round === 0 && variant !== 'plain') sizes.set(variant, mibPer10k(loaded));
          else loaded.cache.close();
        }
      }
      // The best round of each: on a shared machine, load only ever slows a round down.
      const rate = (v: Variant) => Math.round(Math.max(...(rates.get(v) ?? [])));
      const plain = rate('plain');
      const firstLoad = rate('firstLoad');
      const firstLoadRates = rates.get('firstLoad') ?? [];
      const endShareOfBest = 100 * (endShares[firstLoadRates.indexOf(Math.max(...firstLoadRates))] ?? Number.NaN);
      const size = sizes.get('firstLoad') ?? Number.NaN;
      const metrics: BenchMetric[] = [
        { name: 'plain prepared insert loop into the same table (baseline, pages of 100)', value: plain, unit: 'rows/s' },
        { name: 'first load as before: every row a change row, indexes updated per page', value: rate('recordByRecord'), unit: 'rows/s' },
        { name: 'first load without change rows, indexes updated per page', value: rate('noChangeRows'), unit: 'rows/s' },
        {
          name: 'first load through the repository (no change rows; indexes and next appointments at the end)',
          value: firstLoad,
          unit: 'rows/s',
          target: `>= ${TARGET_RATE} rows/s`,
          met: firstLoad >= TARGET_RATE,
        },
        { name: "  of which the run's end (indexes built, next appointments), in its best round", value: endShareOfBest, unit: '%' },
        { name: 'the same, ten pages per commit', value: rate('firstLoadBatched'), unit: 'rows/s' },
        {
          name: 'first load / plain insert',
          value: firstLoad / plain,
          unit: 'ratio',
          target: `>= ${TARGET_RATIO}`,
          met: firstLoad / plain >= TARGET_RATIO,
        },
        { name: 'first load / first load as before', value: firstLoad / rate('recordByRecord'), unit: 'ratio' },
        {
          name: `cache size per 10,000 patients after a first load (${APPOINTMENTS_PER_PATIENT} appointments each)`,
          value: size,
          unit: 'MiB',
          target: `<= ${TARGET_MIB} MiB`,
          met: size <= TARGET_MIB,
        },
        ...breakdown,
        {
          name: 'cache size per 10,000 patients after a first load as before (baseline)',
          value: sizes.get('recordByRecord') ?? Number.NaN,
          unit: 'MiB',
        },
      ];
      return {
        metrics,
        notes: [
          `${PATIENTS.toLocaleString('en-US')} patients and ${rows.length.toLocaleString('en-US')} appointments of source "${SOURCE}" (an id of the shape the app makes), in random patient and start order as real pages come; encrypted (SQLCipher 4 settings), WAL, synchronous=NORMAL, on this machine's temp disk.`,
          `Each way runs on a fresh cache holding the same patients, ${ROUNDS} rounds in alternating order; each rate is its best round. Repository times include the run's end (the indexes built, next appointments worked out).`,
          `Machine load average (1 min): ${loadBefore.toFixed(2)} before, ${(os.loadavg()[0] as number).toFixed(2)} after, on ${os.cpus().length} cores.`,
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
