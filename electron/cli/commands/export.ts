import { Argument, Option, type Command } from 'commander';
import { EXPORT_KINDS, type ExportFormat, type ExportKind } from '../../core/app/exports';
import { findSource, withService, type CliContext } from '../context';

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write cached records to stdout as JSON (domain field names) or CSV')
    .addArgument(new Argument('<what>', 'what to export').choices(EXPORT_KINDS))
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).makeOptionMandatory())
    .option('--source <name>', 'only this source (name or id)')
    .action(async (what: ExportKind, options: { format: ExportFormat; source?: string }) => {
      await withService(ctx, async (service) => {
        const source = options.source === undefined ? undefined : findSource(service, options.source).id;
        // Chunks are batched so a 50,000-patient export is a few hundred writes, each awaited for backpressure.
        let batch = '';
        for (const chunk of service.exportRecords(what, options.format, source)) {
          batch += chunk;
          if (batch.length >= 64 * 1024) {
            await ctx.write(batch);
            batch = '';
          }
        }
        if (batch) await ctx.write(batch);
      });
    });
}
