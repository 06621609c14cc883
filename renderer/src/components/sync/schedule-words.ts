import type { ScheduleStatusView } from '@contract';
import type { Tone } from '../ui/Badge';
import { formatWhen } from '../../lib/clinic-time';

export interface SchedulerWords {
  /** "Active", "Paused", "Off": the state in one word, for its badge. */
  state: string;
  tone: Tone;
  /** "Next sync 03:00 tomorrow", "No automatic sync while paused", or "" without a plan. */
  next: string;
  /** What is waiting besides the next slot: a deferred run's continuation, an automatic retry. */
  pending: string[];
}

/** The scheduler's state in the words the Roster and the Sync page show, times in the clinic's zone. */
export function schedulerWords(status: ScheduleStatusView, now: Date, timeZone: string): SchedulerWords {
  const when = (iso: string): string => formatWhen(iso, now, timeZone);
  const state = status.paused ? 'Paused' : status.active ? 'Active' : 'Off';
  const tone: Tone = status.paused ? 'warn' : status.active ? 'ok' : 'neutral';
  const next = status.paused
    ? 'No automatic sync while paused'
    : status.nextRunAt
      ? `Next sync ${when(status.nextRunAt)}`
      : 'No automatic sync planned';
  const pending: string[] = [];
  if (status.resumeAt) pending.push(`A sync paused by its API budget continues ${when(status.resumeAt)}`);
  if (status.retry)
    pending.push(`A failed sync is tried again ${when(status.retry.at)} (attempt ${status.retry.attempt} of ${status.retry.attempts})`);
  return { state, tone, next, pending };
}
