import type { SyncCoordinator, SyncRequest, SyncStart } from '../app/sync-coordinator';
import type { HubArea } from './hub-area';

/** What starts syncs for the console and the schedule: the coordinator, or on a joined desk the clinic's plan. */
export type SyncStarter = Pick<SyncCoordinator, 'busy' | 'start'>;

/**
 * Starts syncs the way a desk of a clinic hub must: only the sources whose lease it takes are pulled
 * from the API; the rest, and everything other desks published, arrive from the hub when the pulls
 * end. Without a hub this is the coordinator itself.
 */
export function clinicSyncStarter(coordinator: SyncCoordinator, hub: HubArea, log: (message: string) => void): SyncStarter {
  return {
    get busy() {
      return coordinator.busy;
    },
    async start(request: SyncRequest): Promise<SyncStart> {
      if (!hub.joined()) return coordinator.start(request);
      const plan = await hub.planSync(request.sources, (source) => coordinator.cancel(source), request.trigger);
      if (plan.offline) log(plan.offline);
      const finish = async () => {
        const ended = await plan.finish();
        if (ended.error) log(`${ended.error} What this desk synced reaches the hub when it is back.`);
      };
      if (plan.pull.length === 0) return { started: [], refused: [], done: finish().then(() => []) };
      let start: SyncStart;
      try {
        start = await coordinator.start({ ...request, sources: plan.pull });
      } catch (error) {
        await finish();
        throw error;
      }
      const done = start.done.finally(finish);
      return { ...start, done };
    },
  };
}
