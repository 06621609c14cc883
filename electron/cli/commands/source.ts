import { Option, type Command } from 'commander';
import { SOURCE_KINDS, type SourceKind } from '../../core/domain';
import { UserFacingError } from '../../core/errors';
import { channels } from '../../contract';
import { clinicClock } from '../clinic-time';
import { findSource, withService, type CliContext } from '../context';

/** The key from CLINICSYNC_API_KEY, else the first line piped to stdin. */
async function readApiKey(ctx: CliContext): Promise<string> {
  const fromEnv = ctx.env.CLINICSYNC_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  const piped = (await ctx.readStdin()).split(/\r?\n/)[0]?.trim() ?? '';
  if (!piped) {
    throw new UserFacingError('credentials_missing', 'No API key given: set CLINICSYNC_API_KEY, or pipe the key to this command.');
  }
  return piped;
}

export function registerSourceCommands(program: Command, ctx: CliContext): void {
  const source = program.command('source').description('add, list, test or remove the practice-management systems to sync from');

  source
    .command('add')
    .description('add a source; the API key comes from CLINICSYNC_API_KEY, or stdin when not set')
    .addOption(new Option('--kind <kind>', 'which system').choices(SOURCE_KINDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name staff will recognise, e.g. "Northside clinic"')
    .option(
      '--base-url <url>',
      "the API's base including its version path (default: from the key's shard for Cliniko, the public one for IntakeQ)",
    )
    .action(async (options: { kind: SourceKind; name: string; baseUrl?: string }) => {
      const input = channels['sources:add'].input.parse({
        kind: options.kind,
        name: options.name,
        apiKey: await readApiKey(ctx),
        baseUrl: options.baseUrl?.replace(/\/+$/, '') ?? null,
      });
      await withService(ctx, async (service) => {
        const added = await service.sources.add(input);
        ctx.out(
          `Added ${added.name} (${added.kind}, id ${added.id}). Run "clinicsync source test ${JSON.stringify(added.name)}" to check the key.`,
        );
      });
    });

  source
    .command('list')
    .description('list the sources')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withService(ctx, async (service) => {
        const sources = await service.sources.list();
        if (options.json) return ctx.out(JSON.stringify(sources, null, 2));
        if (sources.length === 0) return ctx.out('No sources yet. Add one with "clinicsync source add", or try "clinicsync demo".');
        const clock = clinicClock(service);
        for (const s of sources) {
          const last = s.lastRun
            ? `last sync ${s.lastRun.status} at ${clock(s.lastRun.finishedAt ?? s.lastRun.startedAt)}`
            : 'never synced';
          const key = s.followedThroughHub
            ? `  (kept up to date from the clinic hub${s.followedThroughHub.pulledBy ? ` by ${s.followedThroughHub.pulledBy}` : ''})`
            : s.hasCredential
              ? ''
              : '  (no API key stored)';
          ctx.out(`${s.name}  [${s.kind}, id ${s.id}]  ${s.patientsCached} patients  ${last}${key}`);
        }
      });
    });

  source
    .command('test')
    .description('check that a source answers and its key works')
    .argument('<name>', 'source name or id')
    .action(async (name: string) => {
      await withService(ctx, async (service) => {
        const found = findSource(service, name);
        const result = await service.sources.test({ id: found.id });
        const who = result.userName ? `as ${result.userName}${result.role ? ` (${result.role})` : ''}` : 'key accepted';
        ctx.out(
          `${found.name}: connected ${who}; region ${result.region}; ${result.latencyMs} ms${result.accountLabel ? `; ${result.accountLabel}` : ''}${result.timeZone ? `; practice time zone ${result.timeZone}` : ''}.`,
        );
      });
    });

  source
    .command('remove')
    .description('remove a source and everything synced from it (its sync history is kept)')
    .argument('<name>', 'source name or id')
    .option('--discard-local-data', 'also delete the staff notes and organization links of its patients')
    .action(async (name: string, options: { discardLocalData?: boolean }) => {
      await withService(ctx, async (service) => {
        const found = findSource(service, name);
        const removed = await service.sources.remove(found.id, options.discardLocalData === true);
        ctx.out(`Removed ${found.name}: ${removed.patients} patients and ${removed.appointments} appointments deleted from the cache.`);
      });
    });
}
