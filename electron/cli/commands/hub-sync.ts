import type { AppService } from '../../core/service';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';

/**
 * `clinicsync sync` on a desk that shares through a hub: the sources whose lease it takes are pulled
 * from their API (and published page by page); the others are brought up to date from the hub.
 */
export async function hubSyncAndReport(
  ctx: CliContext,
  service: AppService,
  request: { sources?: string[]; full: boolean; json: boolean },
  /** The plain sync report (passed in: sync.ts calls this module, so it cannot import back). */
  syncAndReport: (ctx: CliContext, service: AppService, request: { sources?: string[]; full: boolean; json: boolean }) => Promise<number>,
): Promise<number> {
  const plan = await service.hub.planSync(request.sources, (source) => service.sync.cancel(source));
  if (plan.offline) ctx.log.warn(plan.offline);
  let code: number = EXIT.ok;
  try {
    if (plan.pull.length > 0) code = await syncAndReport(ctx, service, { ...request, sources: plan.pull });
  } finally {
    const ended = await plan.finish();
    const names = new Map((await service.sources.list()).map((s) => [s.id, s.name]));
    if (!request.json) {
      for (const { source, reason } of plan.fromHub)
        ctx.out(`${names.get(source) ?? source}: brought up to date from the clinic hub (${reason}).`);
      if (ended.applied > 0) ctx.out(`Applied ${ended.applied} records from the other desks.`);
    }
    if (ended.error) {
      ctx.log.warn(`${ended.error} What this desk synced is kept and reaches the hub when it is back.`);
      if (!plan.offline) code = Math.max(code, EXIT.partial);
    }
  }
  return code;
}
