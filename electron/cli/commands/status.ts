import type { Command } from 'commander';
import { clinicClock } from '../clinic-time';
import { withService, type CliContext } from '../context';

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show the sources, the schedule and the next scheduled sync')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withService(ctx, async (service) => {
        const sources = await service.sources.list();
        const status = service.status();
        const info = service.info();
        if (options.json) return ctx.out(JSON.stringify({ dataDir: info.dataDir, version: info.version, sources, ...status }, null, 2));
        const clock = clinicClock(service);
        ctx.out(`ClinicSync ${info.version} — data folder ${info.dataDir}`);
        const { schedule } = status;
        ctx.out(`Schedule: ${schedule.paused ? 'paused (resume it in the console or with the tray menu)' : schedule.description}`);
        if (schedule.resumeAt) ctx.out(`A deferred sync continues after ${clock(schedule.resumeAt)}.`);
        for (const s of sources) {
          ctx.out(
            `${s.name} [${s.kind}]: ${s.health.replace('_', ' ')}, ${s.patientsCached} patients, last success ${s.lastSuccessAt ? clock(s.lastSuccessAt) : 'never'}`,
          );
        }
        if (sources.length === 0) ctx.out('No sources yet. Add one with "clinicsync source add", or try "clinicsync demo".');
      });
    });
}
