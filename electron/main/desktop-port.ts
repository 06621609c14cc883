import type { SyncProgressView } from '../core/domain';
import type { AppService } from '../core/service';
import type { DesktopAppPort, DesktopStatus } from './desktop/ports';
import { countsSummary, finishedSyncFromRun, reasonFor } from './desktop/run-wording';

/** The application service as the tray and notifications see it. */
export function desktopPortFor(service: AppService): DesktopAppPort {
  const progress = new Map<string, SyncProgressView>();
  const sourceName = (id: string) => service.sources.get(id).name;
  return {
    async syncNow() {
      const start = await service.sync.start({ mode: 'incremental', trigger: 'manual' });
      void start.done.catch(() => undefined);
    },
    cancel: () => void service.sync.cancel(),
    status(): DesktopStatus {
      const schedule = service.schedule.status();
      const last = service.history.runs({ limit: 1, offset: 0 }).rows[0];
      return {
        syncing: service.sync.busy,
        lastRun:
          last && last.finishedAt
            ? { status: last.status, finishedAt: last.finishedAt, summary: reasonFor(last) ?? countsSummary(last.counts) }
            : null,
        nextRun: schedule.nextRunAt,
        paused: schedule.paused,
        resumeAt: schedule.resumeAt,
        retry: schedule.retry && { at: schedule.retry.at, attempt: schedule.retry.attempt, attempts: schedule.retry.attempts },
        timeZone: service.settings.get().schedule.timeZone,
      };
    },
    setPaused: (paused) => void service.schedule.setPaused(paused),
    onSyncProgress(listener) {
      const stopProgress = service.events.on('progress', (p) => {
        progress.set(p.source, p);
        const known = [...progress.values()].map((v) => v.percent);
        listener({ percent: known.some((v) => v === null) ? null : known.reduce<number>((sum, v) => sum + (v ?? 0), 0) / known.length });
      });
      const stopFinished = service.events.on('finished', (run) => progress.delete(run.source));
      return () => {
        stopProgress();
        stopFinished();
      };
    },
    onSyncFinished: (listener) =>
      service.events.on('finished', (run) => {
        let name: string | null = null;
        try {
          name = sourceName(run.source);
        } catch {
          // The source was removed while it synced.
        }
        listener(finishedSyncFromRun(run, name));
      }),
    onStatusChanged(listener) {
      const stops = [service.events.on('sourcesChanged', () => listener()), service.events.on('scheduleChanged', () => listener())];
      return () => stops.forEach((stop) => stop());
    },
  };
}
