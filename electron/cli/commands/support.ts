import type { Command } from 'commander';
import { withService, type CliContext } from '../context';

export function registerSupportCommand(program: Command, ctx: CliContext): void {
  program
    .command('support-bundle')
    .description('write a redacted diagnostics archive for support (no keys, no patient data)')
    .action(async () => {
      await withService(ctx, (service) => {
        const bundle = service.supportBundle();
        ctx.out(
          `Support bundle written to ${bundle.path} (${Math.ceil(bundle.bytes / 1024)} KB). It holds no API keys and no patient data.`,
        );
      });
    });
}
