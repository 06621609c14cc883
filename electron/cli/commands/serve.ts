import type { Command } from 'commander';
import { AppService } from '../../core/service';
import { bindEvents, serveContract } from '../../handlers';
import { findRendererDir } from '../../host/renderer-dir';
import { startHost } from '../../host/server';
import { parsePort, type CliContext } from '../context';

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the ClinicSync console in your browser, on 127.0.0.1 only')
    .option('--port <port>', 'port to listen on (default: a free one)', parsePort)
    .option('--host <address>', 'address to bind (default 127.0.0.1)')
    .option('--force-non-loopback', 'allow binding to an address other people can reach')
    .action(async (options: { port?: number; host?: string; forceNonLoopback?: boolean }) => {
      const service = new AppService({ name: 'ClinicSync', version: ctx.version, dataDir: ctx.dataDir() });
      const dispatch = serveContract(service, 'browser', (err) => ctx.log.error('Internal error while answering the console', err));
      const host = await startHost({
        dispatch,
        rendererDir: findRendererDir(ctx.moduleDir),
        port: options.port,
        host: options.host,
        allowNonLoopback: options.forceNonLoopback === true,
        warn: (message) => ctx.log.warn(message),
      });
      bindEvents(service, host.events);
      ctx.out(`ClinicSync console: ${host.url}`);
      ctx.out('Open that link in your browser. Press Ctrl+C to stop.');
      await ctx.untilInterrupted();
      await host.close();
    });
}
