import type { ActivityLine, ScheduleStatusView, SyncProgressView, SyncRun } from '../domain';
import type { Notice } from '../notices';
import { EventHub } from './event-hub';

/** Everything the service tells the faces as it happens. */
export interface ServiceEventMap {
  [event: string]: unknown;
  progress: SyncProgressView;
  activity: ActivityLine;
  finished: SyncRun;
  sourcesChanged: Record<string, never>;
  scheduleChanged: ScheduleStatusView;
  notice: Notice;
}

export class ServiceEvents extends EventHub<ServiceEventMap> {}
