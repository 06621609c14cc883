import type { SyncRun } from '../domain';

const DAY_MS = 86_400_000;

/** The windows of appointments a run pulled (whole or as changes since its cursor), as instants. */
function windowsOf(run: SyncRun): Array<{ from: number; to: number }> {
  const { scope } = run;
  const start = Date.parse(run.startedAt);
  const windows: Array<{ from: number; to: number }> = [];
  if (scope.window) windows.push({ from: Date.parse(scope.window.from), to: Date.parse(scope.window.to) });
  if (scope.phases.includes('appointments_back')) windows.push({ from: start - scope.daysBack * DAY_MS, to: start });
  if (scope.phases.includes('appointments_forward')) windows.push({ from: start, to: start + scope.daysForward * DAY_MS });
  return windows;
}

/** Whether the appointments a run pulled cover the whole of [from, to) (the back and forward windows meet). */
export function runCovers(run: SyncRun, from: string, to: string): boolean {
  let reached = Date.parse(from);
  const end = Date.parse(to);
  for (const window of windowsOf(run).sort((a, b) => a.from - b.from)) {
    if (window.from > reached) break;
    reached = Math.max(reached, window.to);
  }
  return reached >= end;
}

/** A run whose appointments can be trusted: it finished, and anything it could not read is on its record. */
export function succeeded(run: SyncRun): boolean {
  return run.status === 'completed' || run.status === 'partial_success';
}
