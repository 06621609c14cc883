import { existsSync, renameSync } from 'node:fs';
import { sqliteErrorCode, type Db } from './sqlite';

/** SQLite's quick check of every page: anything but "ok", or unreadable pages, means damage. */
export function isDamaged(db: Db): boolean {
  try {
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.some((row) => row.quick_check !== 'ok');
  } catch (error) {
    const code = sqliteErrorCode(error);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return true;
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
