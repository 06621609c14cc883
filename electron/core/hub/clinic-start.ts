import type { SyncCoordinator, SyncRequest, SyncStart } from '../app/sync-coordinator';
import type { FromHub } from '../domain';
import type { HubArea } from './hub-area';

export interface ClinicSyncStart extends SyncStart {
  fromHub: FromHub[];
}

/** What starts syncs for the console and the schedule: the coordinator, or on a joined desk the clinic's plan. */
export interface SyncStarter {
  readonly busy: SyncCoordinator['busy'];
  start(request: SyncRequest): Promise<ClinicSyncStart>;
}

/**
 * Starts syncs the way a desk of a clinic hub must: only the sources whose lease it takes are pulled
 * from the API; the rest, and everything other desks published, arrive from the hub when the pulls
 * end. When nothing is pulled here, the start waits for that catch-up, so "Update from hub" can say
 * what it brought (or why it could not). Without a hub this is the coordinator itself.
 */
export function clinicSyncStarter(coordinator: SyncCoordinator, hub: HubArea, log: (message: string) => void): SyncStarter {
  return {
    get busy() {
      return coordinator.busy;
    },
    async start(request: SyncRequest): Promise<ClinicSyncStart> {
      if (!hub.joined()) return { ...(await coordinator.start(request)), fromHub: [] };
      const plan = await hub.planSync(request.sources, (source) => coordinator.cancel(source), request.trigger);
      if (plan.offline) log(plan.offline);
      const finish = async () => {
        const ended = await plan.finish();
        if (ended.error) log(`${ended.error} What this desk synced reaches the hub when it is back.`);
        return ended;
      };
      if (plan.pull.length === 0) {
        const ended = await finish();
        if (ended.error) {
          // The hub's own words: plan.offline speaks of pulling from the API, which this desk does not do now.
          const message = ended.error;
          return {
            started: [],
            refused: plan.fromHub.map(({ source }) => ({ source, code: 'hub_unreachable', message })),
            fromHub: [],
            done: Promise.resolve([]),
          };
        }
        return {
          started: [],
          refused: [],
          fromHub: plan.fromHub.map((f) => ({ ...f, applied: ended.applied })),
          done: Promise.resolve([]),
        };
      }
      let start: SyncStart;
      try {
        start = await coordinator.start({ ...request, sources: plan.pull });
      } catch (error) {
        await finish();
        throw error;
      }
      const done = start.done.finally(finish);
      return { ...start, fromHub: plan.fromHub.map((f) => ({ ...f, applied: null })), done };
    },
  };
}
