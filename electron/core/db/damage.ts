import { existsSync, renameSync } from 'node:fs';
import type { Db } from './sqlite';
import { sqliteErrorCode } from './sqlite';

/** null when the file is sound; otherwise what SQLite's quick check reported. */
export function findDamage(db: Db): string | null {
  try {
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    return problems.length === 0 ? null : problems.slice(0, 5).join('; ');
  } catch (error) {
    const code = sqliteErrorCode(error);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return error instanceof Error ? error.message : String(error);
    throw error;
  }
}

/**
 * Moves the cache file and its WAL companions to `<file>.damaged-<timestamp>` (never deletes them),
 * keeping the companions' suffixes so SQLite tools open them together. Returns the new path.
 */
export function moveAside(file: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const target = `${file}.damaged-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}
