const DAY_MS = 86_400_000;

/** Whether a run is older than the activity log keeps (Settings › History kept), so its lines are gone. */
export function activityRemoved(startedAt: string, now: Date, activityDays: number): boolean {
  return Date.parse(startedAt) < now.getTime() - activityDays * DAY_MS;
}
