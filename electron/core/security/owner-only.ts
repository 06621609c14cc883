import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Files that hold patient data and API keys are readable by their owner only, whatever the umask:
 * the data folder 0700, the cache and its WAL and SHM files 0600. Windows has no such modes (its
 * per-user profile folders are private already), so there these do nothing.
 */
const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;
const GROUP_OR_OTHER = 0o077;
const hasModes = process.platform !== 'win32';

/**
 * Creates the data folder readable by its owner only, or tightens an existing one; returns a sentence
 * for the user when an existing folder was open to other users, so they know it happened.
 */
export function ensureOwnerOnlyDir(dir: string): string | null {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (!hasModes) return null;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & GROUP_OR_OTHER) === 0) return null;
  chmodSync(dir, OWNER_ONLY_DIR);
  return `ClinicSync made its data folder ${dir} readable only by you; it was open to other users of this computer (mode ${mode.toString(8)}).`;
}

/**
 * Makes `file` exist with owner-only permissions before SQLite opens it. SQLite gives the WAL and SHM
 * files the database file's permissions when it creates them; ones left from before are tightened.
 */
export function ensureOwnerOnlyFile(file: string, companions: string[] = []): void {
  try {
    closeSync(openSync(file, 'wx', OWNER_ONLY_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!hasModes) return;
  for (const path of [file, ...companions]) tightenFile(path);
}

function tightenFile(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & GROUP_OR_OTHER) !== 0) chmodSync(path, OWNER_ONLY_FILE);
}
