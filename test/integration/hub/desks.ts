import type { SyncMode, SyncRun } from '../../../electron/core/domain';
import type { AppService } from '../../../electron/core/service';
import { openTestService, type TestService } from '../../support/test-service';

/** A desk: a real service on its own encrypted cache in its own data folder. */
export function openDesk(name: string): TestService {
  return openTestService({ deskName: `Desk ${name}` });
}

/**
 * What `clinicsync sync` does on a joined desk: pull the sources whose lease it takes, bring the
 * others up to date from the hub.
 */
export async function syncDesk(
  service: AppService,
  mode: SyncMode = 'incremental',
): Promise<{ runs: SyncRun[]; fromHub: string[]; applied: number; error: string | null }> {
  const plan = await service.hub.planSync(undefined, (source) => service.sync.cancel(source));
  let runs: SyncRun[] = [];
  try {
    if (plan.pull.length > 0) runs = await (await service.sync.start({ sources: plan.pull, mode, trigger: 'manual' })).done;
  } catch (error) {
    await plan.finish();
    throw error;
  }
  const ended = await plan.finish();
  return { runs, fromHub: plan.fromHub.map((f) => f.source), applied: ended.applied, error: ended.error ?? plan.offline };
}

/** An export as a desk's user would read it (JSON), parsed. */
export function exported(service: AppService, kind: 'patients' | 'appointments'): unknown[] {
  return JSON.parse([...service.exportRecords(kind, 'json')].join('')) as unknown[];
}

/** Ends a hub test file: its desks first (they hold connections to the cluster), then the emulator, then the cluster. */
export async function closeHubTest(
  desks: TestService[],
  emulator: { close(): Promise<void> } | undefined,
  cluster: { destroy(): Promise<void> },
): Promise<void> {
  for (const desk of desks) await desk.dispose();
  await emulator?.close();
  await cluster.destroy();
}
