import type BetterSqlite from 'better-sqlite3-multiple-ciphers';

/** The one SQLite driver of the project (better-sqlite3 with SQLCipher-compatible encryption). */
export type Db = BetterSqlite.Database;
export type Statement = BetterSqlite.Statement;

/** better-sqlite3's error codes (e.g. SQLITE_NOTADB) travel on `code`. */
export function sqliteErrorCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}
