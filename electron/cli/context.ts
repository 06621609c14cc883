import { InvalidArgumentError } from 'commander';

/** What every command needs from its surroundings; tests can supply their own. */
export interface CliContext {
  version: string;
  /** Directory of the running CLI module, to find the built console. */
  moduleDir: string;
  dataDir(): string;
  out(line: string): void;
  log: { warn(message: string): void; error(message: string, err?: unknown): void };
  untilInterrupted(): Promise<void>;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535.');
  }
  return port;
}

export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
