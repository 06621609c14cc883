import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ensureOwnerOnlyDir, ensureOwnerOnlyFile } from '../security/owner-only';
import { applyKey, hasPlainSqliteHeader, type CacheKey } from './cipher';
import { CacheOpenError } from './errors';
import { sqliteErrorCode, type Db } from './sqlite';

const BUSY_TIMEOUT_MS = 5_000;
// Every page read from disk is decrypted, so a page cache that holds the roster's working set
// (indexes of ~50,000 patients) is what keeps its queries in single-digit milliseconds.
const PAGE_CACHE_KIB = 64 * 1024;
// A sync commits a page at a time, and each commit writes every index page it touched, encrypted.
// Checkpointing every ~40 MB instead of SQLite's default ~4 MB lets pages rewritten by successive
// commits be copied into the database once (measured: ~60% more appointment rows per second).
const WAL_CHECKPOINT_PAGES = 10_000;
const WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * Opens the cache file with its key and proves the key by reading the schema. A wrong or missing
 * key is reported before anything is written, so the file is left untouched.
 *
 * Never run ANALYZE or `PRAGMA optimize` on this connection: the driver is built with STAT4, and
 * once statistics exist SQLite recompiles every statement whose plan could depend on a bound value
 * each time it runs (measured: point lookups 5x slower). The indexes are chosen to need no statistics.
 */
export function openConnection(file: string, key: CacheKey): Db {
  const existed = existsSync(file) && statSync(file).size > 0;
  if (existed && key.kind === 'encrypted' && hasPlainSqliteHeader(file)) {
    throw new CacheOpenError(
      'not_encrypted',
      `The cache file ${file} is not encrypted, but ClinicSync was given a key for it. Move the file aside to start a fresh encrypted cache, or open it with the explicit unencrypted option.`,
    );
  }
  ensureOwnerOnlyDir(path.dirname(file));
  ensureOwnerOnlyFile(file, [`${file}-wal`, `${file}-shm`]);
  const db = new Database(file);
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (sqliteErrorCode(error) === 'SQLITE_NOTADB') throw unreadable(file, key);
    throw error;
  }
  configure(db);
  return db;
}

function unreadable(file: string, key: CacheKey): CacheOpenError {
  if (key.kind === 'unencrypted') {
    return new CacheOpenError(
      'key_required',
      `The cache file ${file} is encrypted (or is not a ClinicSync cache), and no key was given. The file was left untouched.`,
    );
  }
  return new CacheOpenError(
    'wrong_key',
    `The cache file ${file} could not be opened with this key: the key is wrong, or the start of the file is damaged. The file was left untouched. Check CLINICSYNC_DB_KEY or the key file; if the key is lost, move the file aside and the next sync will build a fresh cache.`,
  );
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // Sorts and temporary tables stay in memory: temp files would hold decrypted rows on disk.
  db.pragma('temp_store = MEMORY');
}
