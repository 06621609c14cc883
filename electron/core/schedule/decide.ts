import type { SyncTrigger } from '../domain';
import { pendingRetries, retryWaitReason, type FailedScheduledRun } from './retry';
import type { ScheduleSettings } from './schedule-settings';
import { countSlotsBetween, latestSlotAtOrBefore, nextRun } from './slots';
import type { ScheduledSlot, SlotKind } from './slots';
import { slotLabel, whenPhrase } from './wording';

/** A slot started this soon after its time counts as on time ('scheduled') rather than a catch-up. */
export const ON_TIME_GRACE_MS = 2 * 60_000;

// Counting missed slots is only for the log line; past this many, "at least N" says enough.
const MISSED_COUNT_LIMIT = 100;

export type ScheduledTrigger = Extract<SyncTrigger, 'scheduled' | 'catch_up' | 'retry'>;

/** Why a check is made. It only changes how a catch-up is explained, never what is decided. */
export type CheckOccasion = 'launch' | 'wake' | 'cron' | 'tick';

/** A run that stopped as `deferred` (e.g. its request budget was spent) and continues at `resumeAt`. */
export interface DeferredRun {
  runId: number;
  resumeAt: Date;
}

export interface DecideInput {
  settings: ScheduleSettings;
  now: Date;
  /** The latest slot already run or caught up; null before the first one (a brand-new install). */
  lastScheduledSlotHandled: Date | null;
  runInProgress: boolean;
  deferred: DeferredRun | null;
  /** Sources whose latest scheduled (or catch-up, or retry) run failed; they are retried with backoff. */
  failed?: readonly FailedScheduledRun[];
  occasion?: CheckOccasion;
}

/**
 * `slot` is the slot the run covers: the caller records it as handled (so the next check waits).
 * It is null for a retry that covers no new slot. `sources` names the failed sources a retry is for;
 * without it a slot syncs every source and a continuation the deferred ones.
 */
export type RunDecision = {
  action: 'run';
  trigger: ScheduledTrigger;
  slot: Date | null;
  /** Which kind of slot the run covers (interval syncs may refresh less, to keep within a daily budget). */
  slotKind?: SlotKind;
  reason: string;
  sources?: string[];
};
export type WaitDecision = { action: 'wait'; reason: string; until: Date | null };
export type Decision = RunDecision | WaitDecision;

/**
 * The one wall-clock decision, made on launch, on wake, on every cron fire and on a periodic tick.
 * It compares the clock with the last slot handled, so it holds whatever woke it (or failed to):
 * - never while a run is in progress, and nothing while scheduled syncs are paused;
 * - a deferred run continues once its resume time has come ('retry'), and covers any slot due by then;
 * - otherwise the latest due slot newer than the last handled one runs once: 'scheduled' within
 *   ON_TIME_GRACE_MS of its time, else 'catch_up'. Many missed slots (a week with the lid shut)
 *   still make one run, because only the latest is run and recording it covers all earlier ones;
 * - otherwise a failed scheduled run is retried ('retry') after 5, 15 and 45 minutes, never past
 *   the next slot.
 * A null lastScheduledSlotHandled (brand-new install) counts as "handled up to now": history is not
 * caught up on, and the first sync is the next slot. The caller should record `now` as the baseline.
 */
export function decide(input: DecideInput): Decision {
  const { settings, now } = input;
  if (input.runInProgress) return wait('A sync is already running; scheduled syncs wait for it to finish.', null);
  if (!settings.enabled) {
    const deferredNote = input.deferred ? ` The deferred sync (run ${input.deferred.runId}) continues once they are resumed.` : '';
    return wait(`Scheduled syncs are paused.${deferredNote}`, null);
  }
  const handledUpTo = input.lastScheduledSlotHandled ?? now;
  const latest = latestSlotAtOrBefore(settings, now);
  const due = latest && latest.at > handledUpTo ? latest : null;
  if (input.deferred) return decideDeferred(input.deferred, due, settings.timeZone, now);
  if (due) return runDueSlot(due, handledUpTo, input);
  return decideRetry(input) ?? waitForNextSlot(input);
}

function decideRetry(input: DecideInput): Decision | null {
  const { settings, now } = input;
  if (!input.failed?.length) return null;
  const retries = pendingRetries(input.failed, nextRun(settings, now)?.at ?? null);
  const due = retries.filter((retry) => retry.at <= now);
  if (due.length > 0) {
    const runs = due.map((retry) => `run ${retry.failed.runId} (attempt ${retry.attempt} of ${retry.attempts})`).join(', ');
    return {
      action: 'run',
      trigger: 'retry',
      slot: null,
      sources: due.map((retry) => retry.failed.source),
      reason: `Retrying the failed scheduled sync: ${runs}.`,
    };
  }
  const soonest = retries[0];
  return soonest ? wait(retryWaitReason(soonest, settings.timeZone, now), soonest.at) : null;
}

function decideDeferred(deferred: DeferredRun, due: ScheduledSlot | null, zone: string, now: Date): Decision {
  const run = `the deferred sync (run ${deferred.runId})`;
  if (deferred.resumeAt > now) {
    return wait(`Waiting to continue ${run} ${whenPhrase(deferred.resumeAt, zone, now)}.`, deferred.resumeAt);
  }
  const covers = due ? ` It also covers the ${slotLabel(due.at, zone, now)} ${due.kind} sync.` : '';
  // No slot kind: a continuation finishes what the deferred run set out to do, whatever slot it also covers.
  return { action: 'run', trigger: 'retry', slot: due?.at ?? null, reason: `Continuing ${run}.${covers}` };
}

function runDueSlot(due: ScheduledSlot, handledUpTo: Date, input: DecideInput): RunDecision {
  const { settings, now } = input;
  const label = `${slotLabel(due.at, settings.timeZone, now)} ${due.kind} sync`;
  if (now.getTime() - due.at.getTime() <= ON_TIME_GRACE_MS) {
    return { action: 'run', trigger: 'scheduled', slot: due.at, slotKind: due.kind, reason: `Starting the ${label}.` };
  }
  const missed = countSlotsBetween(settings, handledUpTo, now, MISSED_COUNT_LIMIT);
  const why = missedBecause(input.occasion);
  const reason =
    missed > 1
      ? `Catching up on ${missed >= MISSED_COUNT_LIMIT ? `at least ${MISSED_COUNT_LIMIT}` : missed} scheduled syncs ${why}, with one sync now.`
      : `Catching up on the ${label} ${why}.`;
  return { action: 'run', trigger: 'catch_up', slot: due.at, slotKind: due.kind, reason };
}

function missedBecause(occasion: CheckOccasion | undefined): string {
  if (occasion === 'wake') return 'missed while this computer was asleep';
  if (occasion === 'launch') return 'missed while ClinicSync was closed or this computer was off';
  return 'that did not run on time';
}

function waitForNextSlot(input: DecideInput): WaitDecision {
  const { settings, now } = input;
  const next = nextRun(settings, now);
  if (!next) return wait('No scheduled syncs are turned on.', null);
  const when = `the ${next.kind} sync ${whenPhrase(next.at, settings.timeZone, now)}`;
  if (input.lastScheduledSlotHandled === null) {
    return wait(`No scheduled sync has run yet, so there is nothing to catch up on; the first is ${when}.`, next.at);
  }
  return wait(`Up to date; the next scheduled sync is ${when}.`, next.at);
}

function wait(reason: string, until: Date | null): WaitDecision {
  return { action: 'wait', reason, until };
}
