import type { Command } from 'commander';
import { withService, type CliContext } from '../context';
import { syncAndReport } from './sync';

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('start the emulated demo practice (about 650 patients), add it as a source and sync it')
    .action(async () => {
      const code = await withService(ctx, async (service) => {
        const source = await service.sources.addDemo();
        ctx.out(`Syncing ${source.name} — an emulated practice running on this computer; no real patient data.`);
        return syncAndReport(ctx, service, { sources: [source.id], full: true, json: false });
      });
      ctx.setExitCode(code);
    });
}
