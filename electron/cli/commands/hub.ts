import type { Command } from 'commander';
import type { HubStatus } from '../../core/domain';
import { withService, type CliContext } from '../context';

/**
 * Secrets for hub commands come from the environment or stdin, never from arguments (which other
 * users can see in the process list): the join code from CLINICSYNC_HUB_KEY or stdin's first line,
 * then the database password — when the URL has none — from PGPASSWORD or the next line.
 */
async function stdinSecrets(ctx: CliContext, wanted: { joinCode: boolean; password: boolean }) {
  const fromEnv = { joinCode: ctx.env.CLINICSYNC_HUB_KEY ?? null, password: ctx.env.PGPASSWORD ?? null };
  const needsStdin = (wanted.joinCode && !fromEnv.joinCode) || (wanted.password && !fromEnv.password);
  const lines = needsStdin ? (await ctx.readStdin()).split(/\r?\n/).map((line) => line.trim()) : [];
  const joinCode = wanted.joinCode ? (fromEnv.joinCode ?? lines.shift() ?? '') : '';
  const password = wanted.password ? (fromEnv.password ?? (lines.shift() || null)) : null;
  return { joinCode, password };
}

const urlHasPassword = (url: string) => {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
};

export function registerHubCommands(program: Command, ctx: CliContext): void {
  const hub = program.command('hub').description('share one synced truth with the clinic’s other desks through a PostgreSQL hub');

  hub
    .command('init')
    .description('create the clinic hub in an empty PostgreSQL database and print its join code (once)')
    .requiredOption('--url <url>', 'postgres://user@host:5432/database (password from the URL, PGPASSWORD or stdin)')
    .option('--json', 'print {"joinCode": …}')
    .action(async (options: { url: string; json?: boolean }) => {
      const { password } = await stdinSecrets(ctx, { joinCode: false, password: !urlHasPassword(options.url) });
      await withService(ctx, async (service) => {
        const { joinCode } = await service.hub.init({ url: options.url, password });
        if (options.json) return ctx.out(JSON.stringify({ joinCode }));
        ctx.out('The clinic hub is ready and this desk shares through it.');
        ctx.out(`Join code (shown once; other desks need it to join, keep it like a password):\n\n  ${joinCode}\n`);
        ctx.out('On another desk: CLINICSYNC_HUB_KEY=<join code> clinicsync hub join --url <the same URL>');
      });
    });

  hub
    .command('join')
    .description('join the clinic hub (join code from CLINICSYNC_HUB_KEY or stdin)')
    .requiredOption('--url <url>', 'postgres://user@host:5432/database (password from the URL, PGPASSWORD or stdin)')
    .action(async (options: { url: string }) => {
      const secrets = await stdinSecrets(ctx, { joinCode: true, password: !urlHasPassword(options.url) });
      await withService(ctx, async (service) => {
        await service.hub.join({ url: options.url, password: secrets.password, joinCode: secrets.joinCode });
        const status = await service.hub.status();
        ctx.out(`Joined the clinic hub: ${status.desks.length} desks share it. This desk is up to date.`);
      });
    });

  hub
    .command('status')
    .description('connection, lag, desks with their last contact, and who pulls each source')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withService(ctx, async (service) => {
        const status = await service.hub.status();
        if (options.json) return ctx.out(JSON.stringify(status, null, 2));
        for (const line of describeStatus(status)) ctx.out(line);
      });
    });

  hub
    .command('leave')
    .description('stop sharing: this desk keeps its cache and syncs on its own again')
    .action(async () => {
      await withService(ctx, async (service) => {
        const { reachedHub } = await service.hub.leave();
        ctx.out(
          reachedHub
            ? 'This desk left the clinic hub; it keeps its cache and syncs on its own.'
            : 'This desk left the clinic hub (the hub could not be reached, so it still lists this desk until it is removed there).',
        );
      });
    });
}

export function describeStatus(status: HubStatus): string[] {
  if (!status.joined) return ['This desk does not share through a clinic hub (`clinicsync hub init` or `clinicsync hub join`).'];
  const lines = [`Clinic hub ${status.url} — this desk: ${status.desk}`];
  if (!status.connected) lines.push(`Not connected: ${status.error}`);
  if (status.lag) lines.push(`Behind the hub by ${status.lag.records} records (${status.lag.seconds} s).`);
  lines.push(`Waiting to be published: ${status.outbox.count} changes.`);
  for (const desk of status.desks)
    lines.push(`Desk ${desk.name}${desk.thisDesk ? ' (this desk)' : ''}: last contact ${desk.lastContactAt}`);
  for (const lease of status.leases) lines.push(`${lease.source} is pulled by ${lease.desk} (lease until ${lease.expiresAt}).`);
  return lines;
}
