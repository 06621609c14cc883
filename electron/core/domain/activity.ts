export const ACTIVITY_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];

/** One line of the activity log. Messages are plain sentences and never carry patient data. */
export interface ActivityEvent {
  id: number;
  runId: number | null;
  source: string | null;
  at: string;
  level: ActivityLevel;
  message: string;
}
