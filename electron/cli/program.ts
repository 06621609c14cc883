import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { openHeadlessService } from '../core/app/headless';
import { defaultDataDir } from '../core/paths';
import { emulatedDemoPractice } from '../handlers/demo-practice';
import { registerAppointmentsCommand } from './commands/appointments';
import { registerCheckCacheCommand } from './commands/check-cache';
import { registerDemoCommand } from './commands/demo';
import { registerEmulatorCommand } from './commands/emulator';
import { registerExportCommand } from './commands/export';
import { registerHistoryCommand } from './commands/history';
import { registerHubCommands } from './commands/hub';
import { registerServeCommand } from './commands/serve';
import { registerSourceCommands } from './commands/source';
import { registerStatusCommand } from './commands/status';
import { registerSupportCommand } from './commands/support';
import { registerSyncCommand } from './commands/sync';
import { UsageError, type CliContext, type CliIo } from './context';
import { EXIT } from './exit-codes';

export { EXIT } from './exit-codes';

export function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('clinicsync')
    .description('Keep a local cache of your clinic’s patients and appointments in sync.')
    .version(io.version)
    .option('--data-dir <dir>', 'where ClinicSync keeps its cache (default: CLINICSYNC_DATA_DIR or your app data folder)')
    .showHelpAfterError()
    .exitOverride();
  const dataDir = () => program.opts<{ dataDir?: string }>().dataDir ?? defaultDataDir(io.env);
  const ctx: CliContext = {
    ...io,
    dataDir,
    openService: (options) => {
      const service = openHeadlessService({
        ...options,
        name: 'ClinicSync',
        version: io.version,
        dataDir: dataDir(),
        env: io.env,
        demo: emulatedDemoPractice(dataDir()),
        deskName: io.env.CLINICSYNC_DESK_NAME,
      });
      // Every command says so when the cache is unencrypted or was damaged, not only `status`.
      for (const notice of service.listNotices()) io.log.warn(notice.message);
      return service;
    },
    setExitCode: (code) => {
      exit.code = code;
    },
  };
  for (const register of [
    registerSourceCommands,
    registerSyncCommand,
    registerExportCommand,
    registerHistoryCommand,
    registerAppointmentsCommand,
    registerStatusCommand,
    registerCheckCacheCommand,
    registerDemoCommand,
    registerServeCommand,
    registerSupportCommand,
    registerEmulatorCommand,
    registerHubCommands,
  ]) {
    register(program, ctx);
  }
  return program;
}

/** Runs the CLI and returns its exit code; usage errors print commander's message and return 2. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const exit = { code: EXIT.ok as number };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.log.error(err.message);
      return EXIT.usage;
    }
    if (err instanceof ZodError) {
      io.log.error(err.issues.map((issue) => issue.message).join(' '));
      return EXIT.usage;
    }
    io.log.error(err instanceof Error ? err.message : String(err));
    return EXIT.failed;
  }
}
