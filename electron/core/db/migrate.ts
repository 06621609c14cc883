import { CacheOpenError } from './errors';
import type { MigrationFile } from './migration-files';
import type { Db } from './sqlite';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const label = (version: number, name: string) => `${String(version).padStart(4, '0')}_${name}`;

/**
 * Brings the schema up to date, one transaction per migration. Refuses — and changes nothing —
 * when the applied migrations differ from the files or the database is newer than this app.
 * Returns the migrations it applied.
 */
export function migrate(db: Db, files: MigrationFile[], nowIso: string): MigrationFile[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  checkApplied(applied, files);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const pending = files.slice(applied.length);
  for (const file of pending) {
    try {
      db.transaction(() => {
        db.exec(file.sql);
        record.run(file.version, file.name, file.checksum, nowIso);
      })();
    } catch (error) {
      throw new CacheOpenError(
        'migration_failed',
        `Updating the local cache failed at migration ${label(file.version, file.name)}; the cache was left as it was before that step.`,
        { version: file.version, cause: error instanceof Error ? error.message : String(error) },
      );
    }
  }
  return pending;
}

/** Whether `migrate` has something to apply (a new cache file, or an app newer than the cache). */
export function hasPendingMigrations(db: Db, files: MigrationFile[]): boolean {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (table === undefined) return files.length > 0;
  return (db.prepare('SELECT count(*) FROM schema_migrations').pluck().get() as number) < files.length;
}

function checkApplied(applied: AppliedRow[], files: MigrationFile[]): void {
  const latestKnown = files.length;
  const newest = applied.at(-1);
  if (newest && newest.version > latestKnown) {
    throw new CacheOpenError(
      'newer_than_app',
      `The local cache was created by a newer version of ClinicSync (schema ${newest.version}; this version knows up to ${latestKnown}). Update ClinicSync, or move the cache file aside to start a fresh cache.`,
      { databaseVersion: newest.version, appVersion: latestKnown },
    );
  }
  applied.forEach((row, index) => {
    const file = files[index];
    if (row.version !== index + 1 || !file || file.name !== row.name || file.checksum !== row.checksum) {
      throw new CacheOpenError(
        'migrations_mismatch',
        `The local cache's schema does not match this version of ClinicSync: migration ${label(row.version, row.name)} was applied from a different file than the one this app ships. ClinicSync will not rewrite the cache silently; reinstall the matching version, or move the cache file aside to start a fresh cache.`,
        { version: row.version, name: row.name },
      );
    }
  });
}
