import type { Command } from 'commander';
import { parsePositive, withService, type CliContext } from '../context';
import { runSummary } from './sync';

export function registerHistoryCommand(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('show recent sync runs, newest first')
    .option('--limit <n>', 'how many runs (default 20)', parsePositive, 20)
    .option('--json', 'print JSON')
    .action(async (options: { limit: number; json?: boolean }) => {
      await withService(ctx, async (service) => {
        const { total, rows } = service.history.runs({ limit: options.limit, offset: 0 });
        if (options.json) return ctx.out(JSON.stringify({ total, runs: rows, stats: service.history.stats() }, null, 2));
        if (rows.length === 0) return ctx.out('No syncs yet. Run "clinicsync sync" (or "clinicsync demo" to try the demo practice).');
        const names = new Map((await service.sources.list()).map((s) => [s.id, s.name]));
        for (const run of rows)
          ctx.out(`#${run.id} ${run.startedAt} ${run.trigger} ${runSummary(names.get(run.source) ?? run.source, run)}`);
        const stats = service.history.stats();
        const rate = stats.successRate7d === null ? '—' : `${Math.round(stats.successRate7d * 100)}%`;
        ctx.out(
          `${total} run${total === 1 ? '' : 's'} in all; success rate over 7 days ${rate}; failures in the last 24 h: ${stats.failuresLast24h}.`,
        );
      });
    });
}
