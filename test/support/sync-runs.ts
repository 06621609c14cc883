import { emptySyncCounts, type ScheduleStatusView, type SyncCounts, type SyncProgressView, type SyncRun } from '../../electron/core/domain';

export function progressOf(patch: Partial<SyncProgressView> = {}): SyncProgressView {
  return {
    runId: 1,
    source: 'north',
    phase: 'patients',
    step: 3,
    steps: 7,
    done: 120,
    total: 650,
    percent: 31.2,
    etaSeconds: 40,
    requests: 5,
    waitingUntil: null,
    ...patch,
  };
}

export function runOf(patch: Omit<Partial<SyncRun>, 'counts'> & { counts?: Partial<SyncCounts> } = {}): SyncRun {
  const { counts, ...rest } = patch;
  return {
    id: 1,
    source: 'north',
    sourceName: 'Northside',
    trigger: 'manual',
    scope: { sources: ['north'], mode: 'incremental', phases: ['patients'], daysBack: 90, daysForward: 90 },
    status: 'completed',
    startedAt: '2026-03-10T02:00:00.000Z',
    finishedAt: '2026-03-10T02:03:05.000Z',
    heartbeatAt: null,
    durationMs: 185_000,
    counts: { ...emptySyncCounts(), ...counts },
    apiRequests: 12,
    rateLimitWaitMs: 0,
    cursorBefore: null,
    cursorAfter: null,
    countCheck: null,
    resumeAt: null,
    errors: [],
    desk: null,
    ...rest,
  };
}

export function scheduleOf(patch: Partial<ScheduleStatusView> = {}): ScheduleStatusView {
  return {
    active: true,
    paused: false,
    description: 'Every night at 03:00 (Australia/Melbourne)',
    nextRunAt: '2026-03-10T16:00:00.000Z',
    lastRun: null,
    resumeAt: null,
    retry: null,
    ...patch,
  };
}
