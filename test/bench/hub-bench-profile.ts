import { readFileSync } from 'node:fs';
import type { Cache } from '../../electron/core/db';
import type { HubSession } from '../../electron/core/hub/hub-session';

/** Where a follower's time went while applying, in milliseconds per step (summed over the run). */
export interface ApplyProfile {
  /** Round trips to the hub (reading the log, fetching sources, noting this desk's place). */
  hubFetchMs: number;
  /** AES-GCM opening of the payloads. */
  decryptMs: number;
  /** JSON parsing of the opened payloads. */
  parseMs: number;
  patientWritesMs: number;
  appointmentWritesMs: number;
  /** Copies of other desks' run ends (their next-appointment refresh and history). */
  runEndMs: number;
  /** Everything else inside the apply transactions (cursors, run copies, notes, the log position). */
  otherInTransactionMs: number;
  /** SQLite's COMMIT of the apply transactions (the whole transaction minus its body). */
  commitMs: number;
  transactions: number;
  /** The follower process's CPU time (user + system) since profiling began: less swayed by a busy machine than wall time. */
  processCpuMs: number;
  /**
   * How long the main thread (where SQLite runs) was ready but waited for a core (Linux schedstat;
   * null elsewhere): on a busy 2-core machine, much of the applying time above is this wait.
   */
  runQueueWaitMs: number | null;
  /** The slowest apply transactions (ms, whole transaction), slowest first. */
  slowestTransactionsMs: number[];
}

/**
 * Times each step of a follower's applying by wrapping the session's and cache's methods (the
 * product code carries no timers). Returns a function that reads the totals so far.
 */
export function profileApplying(session: HubSession, cache: Cache): () => ApplyProfile {
  const totals = { hubFetchMs: 0, decryptMs: 0, parseMs: 0, patientWritesMs: 0, appointmentWritesMs: 0, runEndMs: 0 };
  let inTransactionMs = 0;
  let transactionMs = 0;
  let transactions = 0;
  const durations: number[] = [];
  const cpuBefore = process.cpuUsage();
  const waitBefore = runQueueWaitNs();
  const { connection, key, state } = session.deps;

  const timed = <A extends unknown[], R>(fn: (...args: A) => R, step: keyof typeof totals) => {
    return (...args: A): R => {
      const began = performance.now();
      try {
        return fn(...args);
      } finally {
        totals[step] += performance.now() - began;
      }
    };
  };

  const withClient = connection.withClient.bind(connection);
  connection.withClient = async (fn) => {
    const began = performance.now();
    try {
      return await withClient(fn);
    } finally {
      totals.hubFetchMs += performance.now() - began;
    }
  };
  key.open = timed(key.open.bind(key), 'decryptMs');
  // The session's private `open` is decrypt + parse: parse is the difference.
  const sessionOpen = (session as unknown as { open: (a: Buffer, p: Buffer) => unknown }).open.bind(session);
  (session as unknown as { open: (a: Buffer, p: Buffer) => unknown }).open = (address, payload) => {
    const decryptBefore = totals.decryptMs;
    const began = performance.now();
    try {
      return sessionOpen(address, payload);
    } finally {
      totals.parseMs += performance.now() - began - (totals.decryptMs - decryptBefore);
    }
  };
  cache.patients.upsertPage = timed(cache.patients.upsertPage.bind(cache.patients), 'patientWritesMs');
  cache.appointments.upsertPage = timed(cache.appointments.upsertPage.bind(cache.appointments), 'appointmentWritesMs');
  cache.runs.finish = timed(cache.runs.finish.bind(cache.runs), 'runEndMs');
  const applying = state.applyingFromHub.bind(state);
  state.applyingFromHub = (fn) => {
    const began = performance.now();
    let bodyMs = 0;
    try {
      return applying(() => {
        const bodyBegan = performance.now();
        try {
          return fn();
        } finally {
          bodyMs = performance.now() - bodyBegan;
        }
      });
    } finally {
      const whole = performance.now() - began;
      transactions += 1;
      inTransactionMs += bodyMs;
      transactionMs += whole;
      durations.push(whole);
    }
  };

  return () => {
    const writes = totals.patientWritesMs + totals.appointmentWritesMs + totals.runEndMs;
    const cpu = process.cpuUsage(cpuBefore);
    const waitAfter = runQueueWaitNs();
    return {
      runQueueWaitMs: waitBefore === null || waitAfter === null ? null : (waitAfter - waitBefore) / 1e6,
      processCpuMs: (cpu.user + cpu.system) / 1000,
      ...totals,
      otherInTransactionMs: inTransactionMs - writes,
      commitMs: transactionMs - inTransactionMs,
      transactions,
      slowestTransactionsMs: [...durations].sort((x, y) => y - x).slice(0, 5),
    };
  };
}

/** The main thread's time spent runnable but not running, in ns (the second field of Linux's schedstat). */
function runQueueWaitNs(): number | null {
  try {
    const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}
