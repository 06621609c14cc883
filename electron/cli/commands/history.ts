import type { Command } from 'commander';
import { parsePositive, withService, type CliContext } from '../context';
import type { SyncTrigger } from '../../core/domain';
import { clinicClock } from '../clinic-time';
import { runSummary } from './sync';

const TRIGGER_WORDS: Record<SyncTrigger, string> = {
  manual: 'manual',
  scheduled: 'scheduled',
  catch_up: 'catch-up',
  retry: 'retry',
};

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
        const clock = clinicClock(service);
        for (const run of rows) ctx.out(`#${run.id} ${clock(run.startedAt)} ${TRIGGER_WORDS[run.trigger]} · ${runSummary(run, clock)}`);
        const stats = service.history.stats();
        const rate = stats.successRate7d === null ? '—' : `${Math.round(stats.successRate7d * 100)}%`;
        ctx.out(
          `${total} run${total === 1 ? '' : 's'} in all; success rate over 7 days ${rate}; failures in the last 24 h: ${stats.failuresLast24h}.`,
        );
      });
    });
}
