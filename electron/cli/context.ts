import { InvalidArgumentError } from 'commander';
import type { Source } from '../core/domain';
import { UserFacingError } from '../core/errors';
import type { AppService } from '../core/service';

/** What every command needs from its surroundings; tests can supply their own. */
export interface CliContext {
  version: string;
  /** Directory of the running CLI module, to find the built console. */
  moduleDir: string;
  dataDir(): string;
  out(line: string): void;
  log: { warn(message: string): void; error(message: string, err?: unknown): void };
  untilInterrupted(): Promise<void>;
  /**
   * Opens the application service on the data folder; the command closes it. `checkIntegrity`:
   * check every page of the cache on this open, whatever the schedule says.
   */
  openService(options?: { checkIntegrity?: boolean }): AppService;
  env: NodeJS.ProcessEnv;
  /** Writes a chunk of output, waiting while the reader is behind (exports of any size). */
  write(chunk: string): Promise<void>;
  /** Everything piped to stdin (the API key when CLINICSYNC_API_KEY is not set). */
  readStdin(): Promise<string>;
  /** Calls `fn` on Ctrl+C (or SIGTERM) until the returned function is called. */
  onInterrupt(fn: () => void): () => void;
  /** The exit code when the command does not fail (sync's 3 for partial runs). */
  setExitCode(code: number): void;
  /** A line that replaces itself on a terminal (the progress bar); null where output is not a terminal. */
  status: ((line: string) => void) | null;
}

export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535.');
  }
  return port;
}

export function parsePositive(value: string): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be a whole number from 1 to 100000.');
  return n;
}

/** A mistake in the command line that only shows once the data is read (an unknown source): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The source a `--source` or `<name>` names; an unknown or ambiguous name is a usage error. */
export function findSource(service: AppService, idOrName: string): Source {
  try {
    return service.sources.find(idOrName);
  } catch (err) {
    if (err instanceof UserFacingError && (err.code === 'not_found' || err.code === 'ambiguous_source')) throw new UsageError(err.message);
    throw err;
  }
}

/** What the running process supplies; the program adds the data folder, the service and the exit code. */
export type CliIo = Omit<CliContext, 'dataDir' | 'openService' | 'setExitCode'>;

export function onInterrupt(fn: () => void): () => void {
  process.on('SIGINT', fn);
  process.on('SIGTERM', fn);
  return () => {
    process.off('SIGINT', fn);
    process.off('SIGTERM', fn);
  };
}

export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Runs `fn` with the service open, and always closes it (cancelling and recording any running sync). */
export async function withService<T>(ctx: CliContext, fn: (service: AppService) => Promise<T> | T): Promise<T> {
  const service = ctx.openService();
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}
