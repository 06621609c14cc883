import { Command, CommanderError } from 'commander';
import { defaultDataDir } from '../core/paths';
import { registerServeCommand } from './commands/serve';
import type { CliContext } from './context';

/** Exit codes: 0 done, 1 failed, 2 usage error (3 is reserved for partial syncs). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function buildProgram(ctx: Omit<CliContext, 'dataDir'>): Command {
  const program = new Command('clinicsync')
    .description('Keep a local cache of your clinic’s patients and appointments in sync.')
    .version(ctx.version)
    .option('--data-dir <dir>', 'where ClinicSync keeps its cache (default: CLINICSYNC_DATA_DIR or your app data folder)')
    .showHelpAfterError()
    .exitOverride();
  const context: CliContext = { ...ctx, dataDir: () => program.opts<{ dataDir?: string }>().dataDir ?? defaultDataDir() };
  registerServeCommand(program, context);
  return program;
}

/** Runs the CLI and returns its exit code; usage errors print commander's message and return 2. */
export async function runCli(argv: string[], ctx: Omit<CliContext, 'dataDir'>): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    ctx.log.error(err instanceof Error ? err.message : String(err));
    return EXIT.failed;
  }
}
