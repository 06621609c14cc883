import {
  emptySyncCounts,
  type ActivityLevel,
  type RemoteAppointment,
  type ErrorKind,
  type SyncCounts,
  type SyncRunError,
  type SyncScope,
} from '../domain';
import type { Connector, RecordError } from '../connectors/types';
import type { IdleWork } from './idle-work';
import type { SyncStore } from './ports';
import type { ProgressTracker } from './progress';

/** The run no longer holds its source's lock: it must stop writing. */
export class LockLostError extends Error {
  constructor() {
    super('Another sync of this source took over, because this one had stopped responding; this one stopped.');
    this.name = 'LockLostError';
  }
}

const SERVICE_NAMES: Record<Connector['kind'], string> = { cliniko: 'Cliniko', intakeq: 'IntakeQ' };

/** Only the first errors are kept on the run: enough to act on, never a flood. */
const MAX_RUN_ERRORS = 20;

export interface SyncSettings {
  daysBack: number;
  daysForward: number;
  discovery: 'automatic' | 'manual';
  /** The clinic's time zone (IANA), in which activity lines write times. */
  timeZone: string;
}

/** Everything one source's run shares between its phases. */
export class RunContext {
  readonly counts: SyncCounts = emptySyncCounts();
  readonly errors: SyncRunError[] = [];
  readonly cursorBefore: Record<string, string> = {};
  readonly cursorAfter: Record<string, string> = {};
  /** Windows pulled completely in this run: only those may be reconciled. */
  readonly completeWindows: Array<{ from: string; to: string }> = [];
  /** Remote patient ids seen on appointments but not cached. */
  readonly unknownPatientIds = new Set<string>();
  /** Past appointments whose list rows lack details the single-record endpoint has. */
  readonly enrichCandidates: RemoteAppointment[] = [];
  countCheck: string | null = null;
  /**
   * Records this run could not read, by remote id, and whether some could not even be named: their
   * cached copies must not be taken for removed, and they are read again next time.
   */
  readonly skipped = { patient: new Set<string>(), appointment: new Set<string>(), unnamed: { patient: false, appointment: false } };
  /** Whether this run already asked again for the patients earlier runs could not read. */
  retriedUnreadablePatients = false;

  constructor(
    readonly runId: number,
    readonly source: string,
    readonly sourceName: string,
    readonly scope: SyncScope,
    readonly startedAt: Date,
    readonly store: SyncStore,
    readonly connector: Connector,
    readonly settings: SyncSettings,
    readonly progress: ProgressTracker,
    readonly signal: AbortSignal,
    private readonly clock: () => Date,
    private readonly onActivity: (level: ActivityLevel, message: string) => void,
    /** Work put off until a rate-limit wait (or, never run there, to the store at the run's end). */
    readonly idle: IdleWork,
  ) {}

  /** Full and reconcile-only runs read everything, ignoring cursors. */
  get full(): boolean {
    return this.scope.mode === 'full' || this.scope.mode === 'reconcile_only';
  }

  /** The remote system by the name a clinic admin knows it: "Cliniko", "IntakeQ". */
  get serviceName(): string {
    return SERVICE_NAMES[this.connector.kind];
  }

  now(): Date {
    return this.clock();
  }

  log(level: ActivityLevel, message: string): void {
    this.store.activity.append({ runId: this.runId, source: this.source, at: this.clock().toISOString(), level, message });
    this.onActivity(level, message);
  }

  recordError(kind: ErrorKind, message: string): void {
    this.counts.errors++;
    if (this.errors.length < MAX_RUN_ERRORS) this.errors.push({ kind, message, at: this.clock().toISOString() });
  }

  recordSkipped(what: 'patient' | 'appointment', errors: RecordError[]): void {
    for (const error of errors) {
      if (what === 'patient') this.counts.patientsFailed++;
      else this.counts.appointmentsFailed++;
      if (error.externalId === null) this.skipped.unnamed[what] = true;
      else this.skipped[what].add(error.externalId);
      this.recordError(error.kind, `Skipped a${what === 'appointment' ? 'n' : ''} ${what} ClinicSync could not read: ${error.message}`);
    }
  }

  /** Between pages: stop here when cancelled, and tell the cache this run is alive. */
  checkpoint(): void {
    this.signal.throwIfAborted();
    this.heartbeat();
  }

  /**
   * Records that the run is alive (also from a timer, so a long rate-limit wait does not make it look
   * dead). Throws once the source's lock is no longer this run's: another run took it over as stale.
   */
  heartbeat(): void {
    const at = this.clock().toISOString();
    const stats = this.connector.stats();
    this.store.runs.heartbeat(this.runId, at, { counts: this.counts, apiRequests: stats.requests, rateLimitWaitMs: stats.rateLimitWaitMs });
    if (!this.store.locks.heartbeat(this.source, this.runId, at)) this.lockLost = true;
    if (this.lockLost) throw new LockLostError();
  }

  /** Set when the heartbeat found the lock taken: the run stops at its next checkpoint. */
  lockLost = false;

  requests(): number {
    return this.connector.stats().requests;
  }
}
