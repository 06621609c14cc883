/** The fault matrix's scenarios: each fault the emulators inject, and the network and budget faults around them. */
import type { SourceKind } from '../../electron/core/domain';
import type { FaultOptions } from '../../electron/emulators';
import type { RunOptions } from '../integration/sync/support/harness';

export interface Scenario {
  name: string;
  faults?: FaultOptions;
  /** Connector settings for the faulty runs (e.g. a short timeout). */
  connector?: RunOptions['connector'];
  /** Only for this API. */
  only?: SourceKind;
  /**
   * Drops the network once the first faulty run has sent `afterRequests` requests, for `apiMs` of the
   * API's time, which the emulator's compressed clock shrinks to apiMs ÷ timeScale of real time.
   */
  outage?: { afterRequests: number; apiMs: number };
  /** Emulator and connector time scale for this scenario (default: the integration tests' compression). */
  timeScale?: number;
  /** IntakeQ's daily budget, small enough to run out mid-sync. */
  perDay?: number;
  /** The fault itself keeps editing upstream, so the cache can only equal upstream once it stops. */
  changesData?: boolean;
  /** A control the judge must read as NOT converged: proof that "converged" can say no. */
  probe?: boolean;
}

export const SCENARIOS: Scenario[] = [
  { name: '5xx on 20% of requests', faults: { serverErrorRate: 0.2 } },
  { name: '429 storm (every 5th request)', faults: { rateLimitStorm: { everyN: 5 } } },
  {
    name: 'timeouts (15% of requests take 2 s; 400 ms limit)',
    faults: { slowRate: 0.15, slowMs: 2000 },
    connector: { requestTimeoutMs: 400 },
  },
  { name: 'malformed pages (20%)', faults: { malformedPageRate: 0.2 } },
  { name: 'malformed records (3%)', faults: { malformedRecordRate: 0.03 } },
  { name: 'records changing between pages', faults: { mutateBetweenPages: 2 }, changesData: true },
  { name: 'network drops for 5 s of API time mid-run (compressed clock)', outage: { afterRequests: 6, apiMs: 5000 } },
  {
    name: 'network drops for 5 s of real time mid-run (unscaled clock)',
    outage: { afterRequests: 6, apiMs: 5000 },
    timeScale: 1,
    // At IntakeQ's real 10 requests a minute an unscaled run takes minutes; Cliniko's fits one burst.
    only: 'cliniko',
  },
  { name: 'daily budget runs out mid-run', only: 'intakeq', perDay: 12 },
  { name: 'PROBE: 5xx on every request', faults: { serverErrorRate: 1 }, probe: true },
];

/** Runs with the fault still on in which a scenario must complete to count as converged. */
export const MAX_FAULTY_RUNS = 6;
