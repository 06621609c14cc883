import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { escapeControls } from '../security/control-chars';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppLog {
  write(level: LogLevel, message: string): void;
  /** An unexpected failure: its kind, message and where it happened (never the data it was handling). */
  error(message: string, err?: unknown): void;
}

/** Keep at most this much log, in two files, so an old laptop's disk never fills up. */
const MAX_BYTES = 5 * 1024 * 1024;

export const LOG_FILE = 'clinicsync.log';

/** Where every face writes its log: a folder inside the data folder. */
export function logDirOf(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/**
 * The log file in `<data folder>/logs`. It receives only sentences written to be PHI-free (activity
 * lines, run outcomes, error kinds) — never records, names, contact details or birth dates.
 */
export class FileLog implements AppLog {
  readonly file: string;

  constructor(
    dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, LOG_FILE);
  }

  write(level: LogLevel, message: string): void {
    this.rotateIfLarge();
    appendFileSync(
      this.file,
      `${this.now().toISOString()} ${level.toUpperCase().padEnd(5)} ${escapeControls(message.replaceAll('\n', ' '), { singleLine: true })}\n`,
      {
        mode: 0o600,
      },
    );
  }

  error(message: string, err?: unknown): void {
    this.write('error', err === undefined ? message : `${message}: ${describeError(err)}`);
  }

  private rotateIfLarge(): void {
    try {
      if (statSync(this.file).size > MAX_BYTES) renameSync(this.file, `${this.file}.1`);
    } catch {
      // No log yet.
    }
  }
}

/** An error's class, message and first stack frames on one line. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frames = (err.stack ?? '')
    .split('\n')
    .slice(1, 6)
    .map((line) => line.trim())
    .join(' | ');
  return `${err.name}: ${err.message}${frames ? ` [${frames}]` : ''}`;
}
