import type { SyncPhase } from '../domain';
import type { SyncSettings } from './run-context';

const DAY_MS = 24 * 3600_000;

export interface Window {
  phase: Extract<SyncPhase, 'appointments_back' | 'appointments_forward'>;
  from: string;
  to: string;
}

/**
 * The two appointment windows around `now`: the past one ends where the upcoming one starts, so an
 * appointment is always in exactly one of them.
 */
export function appointmentWindows(now: Date, settings: Pick<SyncSettings, 'daysBack' | 'daysForward'>): Record<Window['phase'], Window> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const t = now.getTime();
  return {
    appointments_back: { phase: 'appointments_back', from: iso(t - settings.daysBack * DAY_MS), to: iso(t) },
    appointments_forward: { phase: 'appointments_forward', from: iso(t), to: iso(t + settings.daysForward * DAY_MS) },
  };
}
