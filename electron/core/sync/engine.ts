import { UserFacingError } from '../errors';
import {
  runCountsLine,
  SYNC_MODE_WORDS,
  type ActivityLevel,
  type Source,
  type SyncPhase,
  type SyncRun,
  type SyncScope,
  type SyncTrigger,
} from '../domain';
import type { Connector } from '../connectors/types';
import { endingFor, endingForSuccess, type RunEnding } from './outcome';
import { appointmentsPhase } from './phases/appointments';
import { connectPhase } from './phases/connect';
import { dayPhase } from './phases/day';
import { discoverPatients } from './phases/discovery';
import { enrichPhase } from './phases/enrich';
import { patientsPhase, rememberUnreadablePatients } from './phases/patients';
import { practitionersPhase } from './phases/practitioners';
import { reconcilePhase } from './phases/reconcile';
import type { SyncStore } from './ports';
import { ProgressTracker, type SyncProgress } from './progress';
import { RunContext, type SyncSettings } from './run-context';
import { logPlan } from './plan-log';
import { runListings, type PhaseStep } from './side-by-side';
import { runWindows } from './windows';
import type { WaitRelay } from './wait-relay';
import { IdleWork } from './idle-work';

/** A lock whose holder has not beaten its heartbeat for this long belongs to a dead process. */
export const LOCK_STALE_AFTER_MS = 5 * 60_000;
/** Besides every page, the run beats its heartbeat this often, e.g. through a long rate-limit wait. */
const HEARTBEAT_EVERY_MS = 30_000;

export interface SyncEvents {
  progress(progress: SyncProgress): void;
  activity(event: { runId: number; source: string; at: string; level: ActivityLevel; message: string }): void;
  finished(run: SyncRun): void;
}

export interface SyncEngineDeps {
  store: SyncStore;
  now: () => Date;
  events: SyncEvents;
  /** Unexpected failures, for the log file (never shown to the user as they are). */
  onInternalError: (err: unknown) => void;
}

export interface SourceSyncRequest {
  source: Source;
  connector: Connector;
  trigger: SyncTrigger;
  scope: SyncScope;
  settings: SyncSettings;
  signal: AbortSignal;
  /** Called as soon as the run exists, before any request is made. */
  onStarted?: (runId: number) => void;
  /** The relay passed as the connector's `onWait`, so progress can say when a rate limit holds the run. */
  waits?: WaitRelay;
}

/** Takes the source's lock and creates its run in one step, or refuses with a clear message. */
function beginRun(deps: SyncEngineDeps, request: SourceSyncRequest, startedAt: Date): number {
  const { store } = deps;
  return store.transaction(() => {
    const runId = store.runs.create({
      source: request.source.id,
      trigger: request.trigger,
      scope: request.scope,
      startedAt: startedAt.toISOString(),
    });
    if (!store.locks.acquire(request.source.id, runId, startedAt.toISOString(), LOCK_STALE_AFTER_MS)) {
      throw new UserFacingError(
        'sync_in_progress',
        `${request.source.name} is already syncing. Wait for that sync to finish, or cancel it first.`,
      );
    }
    return runId;
  });
}

/**
 * Syncs one source: connect → practitioners → patients → past appointments → details → upcoming
 * appointments → reconciliation (the phases its mode asks for), recording everything on its run.
 */
export async function syncSource(engineDeps: SyncEngineDeps, request: SourceSyncRequest): Promise<SyncRun> {
  const deps = { ...engineDeps, events: guarded(engineDeps.events, engineDeps.onInternalError) };
  const startedAt = deps.now();
  const runId = beginRun(deps, request, startedAt);
  request.onStarted?.(runId);
  const source = request.source.id;
  const { requestsPerMinute } = request.connector.capabilities;
  const progress = new ProgressTracker({ runId, source, phases: request.scope.phases, requestsPerMinute }, deps.events.progress);
  // Ends listings still running when another one failed; the run's own signal is the user's cancel.
  const stop = new AbortController();
  const ctx = new RunContext(
    runId,
    source,
    request.source.name,
    request.scope,
    startedAt,
    deps.store,
    request.connector,
    request.settings,
    progress,
    AbortSignal.any([request.signal, stop.signal]),
    deps.now,
    (level, message) => deps.events.activity({ runId, source, at: deps.now().toISOString(), level, message }),
    new IdleWork(deps.now, deps.onInternalError, () => deps.store.flushLog()),
  );

  const unsubscribe = request.waits?.subscribe((info) => {
    if (info.reason !== 'rate_limit') return;
    progress.waiting(info.until, ctx.requests());
    ctx.idle.waiting(info.until);
  });
  const beat = setInterval(() => {
    try {
      ctx.heartbeat();
    } catch {
      // The lock was taken over: the run stops at its next checkpoint.
    }
  }, HEARTBEAT_EVERY_MS);
  beat.unref();
  let ending: RunEnding;
  try {
    ctx.log('info', `${triggerLabel(request.trigger)} ${SYNC_MODE_WORDS[request.scope.mode]} of ${request.source.name} started.`);
    await runPhases(ctx, stop);
    ending = endingForSuccess(ctx.counts.errors);
  } catch (err) {
    ending = endingFor(err, request.signal);
    if (ending.error?.kind === 'internal') deps.onInternalError(err);
    if (ending.error) ctx.recordError(ending.error.kind, ending.error.message);
  } finally {
    clearInterval(beat);
    unsubscribe?.();
    ctx.idle.close();
  }
  try {
    rememberUnreadablePatients(ctx);
  } catch (err) {
    deps.onInternalError(err);
  }
  return finishRun(deps, ctx, ending);
}

/** A face's listener that throws (a closed window, say) must not stop the sync, nor crash it from a timer. */
function guarded(events: SyncEvents, onError: (err: unknown) => void): SyncEvents {
  const safe =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (err) {
        onError(err);
      }
    };
  return {
    progress: safe((progress: SyncProgress) => events.progress(progress)),
    activity: safe((event: Parameters<SyncEvents['activity']>[0]) => events.activity(event)),
    finished: safe((run: SyncRun) => events.finished(run)),
  };
}

async function runPhases(ctx: RunContext, stop: AbortController): Promise<void> {
  const phases = new Set(ctx.scope.phases);
  const windows = runWindows(ctx);
  logPlan(ctx);
  const step = (phase: SyncPhase, run: () => Promise<void>): PhaseStep[] => (phases.has(phase) ? [{ phase, run }] : []);
  if (phases.has('connect')) await connectPhase(ctx);
  // Details complete the past appointments, so they follow them; the rest are independent.
  const chains = [
    step('practitioners', () => practitionersPhase(ctx)),
    step('patients', () => patientsPhase(ctx)),
    [
      ...step('appointments_back', () => appointmentsPhase(ctx, windows.appointments_back)),
      ...step('enrich', () => enrichPhase(ctx, ctx.enrichCandidates)),
    ],
    step('appointments_forward', () => appointmentsPhase(ctx, windows.appointments_forward)),
  ].filter((chain) => chain.length > 0);
  await runListings(ctx, chains, stop);
  if (phases.has('appointments_day')) await dayPhase(ctx);
  if (phases.has('appointments_back') || phases.has('appointments_forward') || phases.has('appointments_day')) await discoverPatients(ctx);
  if (phases.has('reconcile')) await reconcilePhase(ctx);
}

function finishRun(deps: SyncEngineDeps, ctx: RunContext, ending: RunEnding): SyncRun {
  const { store } = deps;
  const stats = ctx.connector.stats();
  const patientCounts = store.patients.count(ctx.source);
  ctx.counts.patientsTotal = patientCounts.total;
  ctx.counts.patientsUnaffiliated = patientCounts.unaffiliated;
  if (ending.status === 'completed' || ending.status === 'partial_success') ctx.progress.complete(stats.requests);
  ctx.progress.flush();
  ctx.progress.dispose();
  const finishedAt = deps.now();
  const run = store.transaction(() => {
    const finished = store.runs.finish(ctx.runId, {
      status: ending.status,
      finishedAt: finishedAt.toISOString(),
      counts: ctx.counts,
      apiRequests: stats.requests,
      rateLimitWaitMs: stats.rateLimitWaitMs,
      cursorBefore: Object.keys(ctx.cursorBefore).length ? ctx.cursorBefore : null,
      cursorAfter: Object.keys(ctx.cursorAfter).length ? ctx.cursorAfter : null,
      countCheck: ctx.countCheck,
      resumeAt: ending.resumeAt,
      errors: ctx.errors,
    });
    store.locks.release(ctx.source, ctx.runId);
    return finished;
  });
  ctx.log(ending.status === 'failed' ? 'error' : ending.status === 'completed' ? 'info' : 'warn', summarize(ctx, ending));
  deps.events.finished(run);
  return run;
}

function triggerLabel(trigger: SyncTrigger): string {
  return { manual: 'Manual', scheduled: 'Scheduled', catch_up: 'Catch-up', retry: 'Automatic retry:' }[trigger];
}

/** The run's counts line (see runCountsLine) and its failure variants. */
export function summarize(ctx: Pick<RunContext, 'counts' | 'sourceName' | 'scope' | 'cursorBefore'>, ending: RunEnding): string {
  const line = runCountsLine(ctx);
  switch (ending.status) {
    case 'completed':
    case 'partial_success':
      return `${line}.`;
    case 'cancelled':
      return `Sync of ${ctx.sourceName} cancelled; what was fetched before that is kept. ${line}.`;
    case 'deferred':
      return `Sync of ${ctx.sourceName} paused: ${ending.error?.message ?? 'the API asked ClinicSync to wait.'}`;
    default:
      return `Sync of ${ctx.sourceName} failed: ${ending.error?.message ?? 'unknown reason.'}`;
  }
}
