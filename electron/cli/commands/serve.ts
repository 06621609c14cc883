import type { Command } from 'commander';
import type { SyncRun } from '../../core/domain';
import { bindEvents, serveContract } from '../../handlers';
import { findRendererDir } from '../../host/renderer-dir';
import { startHost } from '../../host/server';
import { parsePort, type CliContext } from '../context';

/** The terminal line for a run that did not complete: "Sync of Northside ended cancelled." — by name, not id. */
export function unfinishedRunLine(run: SyncRun): string | null {
  if (run.status === 'completed') return null;
  return `Sync of ${run.sourceName} ended ${run.status.replace('_', ' ')}${run.errors[0] ? `: ${run.errors[0].message}` : '.'}`;
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the ClinicSync console in your browser, on 127.0.0.1 only, and run the sync schedule')
    .option('--port <port>', 'port to listen on (default: a free one)', parsePort)
    .option('--host <address>', 'address to bind (default 127.0.0.1)')
    .option('--force-non-loopback', 'allow binding to an address other people can reach')
    .option('--no-schedule', 'do not run scheduled syncs while serving')
    .action(async (options: { port?: number; host?: string; forceNonLoopback?: boolean; schedule: boolean }) => {
      const rendererDir = findRendererDir(ctx.moduleDir);
      const service = ctx.openService();
      try {
        const dispatch = serveContract(service, 'browser', (err) => ctx.log.error('Internal error while answering the console', err));
        const host = await startHost({
          dispatch,
          rendererDir,
          port: options.port,
          host: options.host,
          allowNonLoopback: options.forceNonLoopback === true,
          warn: (message) => ctx.log.warn(message),
        });
        bindEvents(service, host.events);
        // As a service the console logs what the desktop app would notify.
        service.events.on('finished', (run) => {
          const line = unfinishedRunLine(run);
          if (line) ctx.log.warn(line);
        });
        if (options.schedule) service.schedule.start();
        await service.watchHub();
        ctx.out(`ClinicSync console: ${host.url}`);
        ctx.out('Open that link in your browser. Press Ctrl+C to stop.');
        if (options.schedule) ctx.out(`Scheduled syncs: ${service.schedule.status().description}`);
        await ctx.untilInterrupted();
        await host.close();
      } finally {
        await service.close();
      }
    });
}
