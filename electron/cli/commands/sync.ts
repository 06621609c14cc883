import type { Command } from 'commander';
import { countOf, planSummaryLine, runCountsLine, type SyncRun } from '../../core/domain';
import type { AppService } from '../../core/service';
import { clinicClock, type ClinicClock } from '../clinic-time';
import { EXIT } from '../exit-codes';
import { findSource, withService, type CliContext } from '../context';
import { formatDuration, progressLine } from '../progress-line';
import { hubSyncAndReport } from './hub-sync';

/** 0 when every run completed; 3 when one only partly succeeded or waits for its budget; 1 when one failed. */
export function exitCodeFor(runs: SyncRun[]): number {
  if (runs.some((run) => run.status === 'failed' || run.status === 'abandoned')) return EXIT.failed;
  if (runs.some((run) => run.status !== 'completed')) return EXIT.partial;
  return EXIT.ok;
}

/** Starts syncs and shows them to the end: a live bar on a terminal, activity lines otherwise. */
export async function syncAndReport(
  ctx: CliContext,
  service: AppService,
  request: { sources?: string[]; full: boolean; json: boolean },
): Promise<number> {
  const names = new Map((await service.sources.list()).map((s) => [s.id, s.name]));
  const stops: Array<() => void> = request.json
    ? []
    : [
        service.events.on('progress', (p) => ctx.status?.(progressLine(names.get(p.source) ?? p.source, p))),
        service.events.on('activity', (line) => {
          if (line.level === 'debug') return;
          ctx.status?.('');
          ctx.out(`${new Date(line.at).toLocaleTimeString()}  ${names.get(line.source ?? '') ?? ''}  ${line.message}`);
        }),
      ];
  stops.push(ctx.onInterrupt(() => service.sync.cancel()));
  try {
    const start = await service.sync.start({ sources: request.sources, mode: request.full ? 'full' : 'incremental', trigger: 'manual' });
    for (const refused of start.refused) ctx.log.warn(refused.message);
    const runs = await start.done;
    ctx.status?.('');
    if (request.json) ctx.out(JSON.stringify(runs, null, 2));
    else for (const run of runs) ctx.out(runSummary(run, clinicClock(service)));
    return start.refused.length > 0 ? Math.max(exitCodeFor(runs), EXIT.partial) : exitCodeFor(runs);
  } finally {
    stops.forEach((stop) => stop());
  }
}

/** "Northside: completed in 3 s" and, indented below, what it did, its count check, resume time and first errors. */
export function runSummary(run: SyncRun, clock: ClinicClock): string {
  const name = run.sourceName;
  const head = `${name}: ${run.status.replace('_', ' ')} in ${formatDuration(run.durationMs)}`;
  const extra = [
    `${runCountsLine(run)} · ${countOf(run.apiRequests, 'request')}`,
    run.counts.appointmentsLookedUp > 0 ? `${run.counts.appointmentsLookedUp} appointments no longer listed were looked up by id` : null,
    run.countCheck,
    planSummaryLine(run.scope.plan),
    run.resumeAt ? `continues after ${clock(run.resumeAt)}` : null,
    ...run.errors.slice(0, 3).map((e) => `${e.kind}: ${e.message}`),
  ];
  return [head, ...extra.filter((line): line is string => Boolean(line))].join('\n  ');
}

export function registerSyncCommand(program: Command, ctx: CliContext): void {
  program
    .command('sync')
    .description('sync now (every source unless --source); exit 0 completed, 3 partial or deferred, 1 failed')
    .option('--source <name>', 'only this source (name or id)')
    .option('--full', 'ignore the incremental cursors and pull everything again')
    .option('--json', 'print the finished runs as JSON')
    .action(async (options: { source?: string; full?: boolean; json?: boolean }) => {
      const code = await withService(ctx, async (service) => {
        const sources = options.source === undefined ? undefined : [findSource(service, options.source).id];
        const request = { sources, full: options.full === true, json: options.json === true };
        return service.hub.joined() ? hubSyncAndReport(ctx, service, request, syncAndReport) : syncAndReport(ctx, service, request);
      });
      ctx.setExitCode(code);
    });
}
