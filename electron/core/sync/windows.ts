import type { SyncPhase, SyncScope } from '../domain';
import type { SyncStore } from './ports';
import type { SyncSettings } from './run-context';
import { readWindowCursor } from './window-cursor';

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

/**
 * The windows a run syncs. A near run (the budget planner's interval sync) takes the upcoming window
 * from the start of today, so changes to today's earlier visits come too, and leaves its end where the
 * last full sync put it: days newly reaching the window are pulled whole, and with IntakeQ's
 * whole-day filters that costs a few pages each time, so the nightly sync adds them once a day.
 */
export function runWindows(run: {
  startedAt: Date;
  settings: Pick<SyncSettings, 'daysBack' | 'daysForward'>;
  scope: Pick<SyncScope, 'plan'>;
  store: Pick<SyncStore, 'cursors'>;
  source: string;
}): Record<Window['phase'], Window> {
  const windows = appointmentWindows(run.startedAt, run.settings);
  const near = run.scope.plan?.near;
  if (!near) return windows;
  const stored = readWindowCursor(run.store, run.source, 'appointments_forward');
  const to = stored && stored.windowEnd > near.from ? stored.windowEnd : windows.appointments_forward.to;
  return { ...windows, appointments_forward: { phase: 'appointments_forward', from: near.from, to } };
}
